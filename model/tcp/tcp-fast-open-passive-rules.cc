/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-fast-open-passive-rules.h"

#include "tcp-fast-open-cookie-generator.h"

#include "ns3/assert.h"

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(TcpFastOpenPassiveRules);

TypeId
TcpFastOpenPassiveRules::GetTypeId()
{
    static TypeId tid = TypeId("ns3::TcpFastOpenPassiveRules")
                            .SetParent<Object>()
                            .SetGroupName("TcpFastOpen")
                            .AddConstructor<TcpFastOpenPassiveRules>();
    return tid;
}

TFO_NS3_DEFINE_GET_INSTANCE_TYPE_ID(TcpFastOpenPassiveRules)

void
TcpFastOpenPassiveRules::Decision::Count(TcpFastOpenCounters::Counter counter)
{
    NS_ASSERT(counterCount < counters.size());
    counters[counterCount++] = counter;
}

void
TcpFastOpenPassiveRules::Decision::Trace(TcpFastOpenSocket::Event event,
                                         bool withSynData,
                                         bool withCookie)
{
    NS_ASSERT(reportCount < reports.size());
    reports[reportCount++] = Report{event, withSynData, withCookie};
}

bool
TcpFastOpenPassiveRules::AsksForFastOpen(const Input& input) const
{
    // "(tcp_fastopen & TFO_SERVER_ENABLE) && (syn_data || foc->len >= 0)"
    return input.serverEnabled && (input.synDataLen > 0 || input.option.has_value());
}

TcpFastOpenPassiveRules::Decision
TcpFastOpenPassiveRules::TryFastOpen(const Input& input) const
{
    Decision decision;
    const std::optional<TcpFastOpenOptionValue>& option = input.option;
    if (option && option->isRequest)
    {
        decision.Count(TcpFastOpenCounters::TFO_COOKIE_REQD);
        decision.Trace(TcpFastOpenSocket::COOKIE_REQUEST_RECEIVED, false, false);
    }
    if (!AsksForFastOpen(input))
    {
        if (option)
        {
            decision.Trace(TcpFastOpenSocket::PASSIVE_DISABLED, true, false);
        }
        decision.fallback = NOT_ASKED;
        return decision;
    }
    switch (input.queue)
    {
    case TcpFastOpenQueue::FULL:
        decision.Count(TcpFastOpenCounters::TFO_LISTEN_OVERFLOW);
        decision.Trace(TcpFastOpenSocket::PASSIVE_LISTEN_OVERFLOW, true, false);
        decision.fallback = LISTEN_OVERFLOW;
        return decision;
    case TcpFastOpenQueue::DISABLED:
        decision.Trace(TcpFastOpenSocket::PASSIVE_DISABLED, true, false);
        decision.fallback = QUEUE_DISABLED;
        return decision;
    case TcpFastOpenQueue::ALLOWED:
        break;
    }

    decision.form = option ? option->form : input.defaultForm;
    if (input.noCookie)
    {
        decision.acceptData = true; // no cookie needed, none sent
        decision.fallback = ACCEPTED;
        decision.Count(TcpFastOpenCounters::TFO_PASSIVE);
        decision.Trace(TcpFastOpenSocket::PASSIVE_ACCEPTED, true, false);
        return decision;
    }
    if (!option)
    {
        decision.fallback = NO_OPTION; // SYN data without a cookie: dropped
        return decision;
    }
    if (option->isRequest)
    {
        decision.sendCookie = true;
        decision.fallback = COOKIE_REQUEST;
        return decision;
    }
    if (input.cookieValidity == TcpFastOpenCookieGenerator::INVALID)
    {
        decision.Count(TcpFastOpenCounters::TFO_PASSIVE_FAIL);
        decision.Trace(TcpFastOpenSocket::PASSIVE_INVALID_COOKIE, true, true);
        decision.sendCookie = true;
        decision.fallback = INVALID_COOKIE;
        return decision;
    }
    decision.acceptData = true;
    decision.fallback = ACCEPTED;
    decision.Count(TcpFastOpenCounters::TFO_PASSIVE);
    if (input.cookieValidity == TcpFastOpenCookieGenerator::VALID_BACKUP)
    {
        // Valid under the backup key only: accept, and hand out a fresh cookie.
        decision.Count(TcpFastOpenCounters::TFO_PASSIVE_ALT_KEY);
        decision.Trace(TcpFastOpenSocket::PASSIVE_ALT_KEY, true, true);
        decision.sendCookie = true;
    }
    decision.Trace(TcpFastOpenSocket::PASSIVE_ACCEPTED, true, true);
    return decision;
}

} // namespace ns3
