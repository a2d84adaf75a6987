/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-fast-open-active-rules.h"

#include "tcp-linux-socket-base.h"

#include <algorithm>

namespace ns3
{

NS_OBJECT_ENSURE_REGISTERED(TcpFastOpenActiveRules);

namespace
{
/// MAX_TCP_OPTION_SPACE: SYN data leaves room for the largest option block.
constexpr uint32_t kMaxTcpOptionSpace = 40;
} // namespace

TypeId
TcpFastOpenActiveRules::GetTypeId()
{
    static TypeId tid = TypeId("ns3::TcpFastOpenActiveRules")
                            .SetParent<Object>()
                            .SetGroupName("TcpFastOpen")
                            .AddConstructor<TcpFastOpenActiveRules>();
    return tid;
}

TFO_NS3_DEFINE_GET_INSTANCE_TYPE_ID(TcpFastOpenActiveRules)

TcpFastOpenActiveRules::CookieCheck
TcpFastOpenActiveRules::CheckCookie(const CookieCheckInput& input) const
{
    // "Recurring FO SYN losses: no cookie or data in SYN" (Linux 3.7-4.14),
    // then the blackhole pause: a plain SYN (cookie->len = -1).
    if (input.negativeCaching && input.synLoss > 1 &&
        input.now <
            input.lastSynLoss + Seconds(60) * (int64_t(1) << std::min<uint16_t>(input.synLoss, 30)))
    {
        return PLAIN_NEGATIVE_CACHED;
    }
    if (input.paused)
    {
        return PLAIN_PAUSED;
    }
    if (input.noCookie)
    {
        return NO_COOKIE;
    }
    return input.hasCookie ? COOKIE : REQUEST;
}

bool
TcpFastOpenActiveRules::DeferConnect(bool fastOpenConnect,
                                     bool requested,
                                     bool dataWritten,
                                     const std::function<CookieCheck()>& cookieCheck) const
{
    // "tp->fastopen_connect && !tp->fastopen_req", then defer only when the SYN
    // could carry data: a cookie is cached or none is needed. Otherwise the
    // SYN leaves at connect() with a cookie request, or plain after a pause or
    // a negative-cache entry.
    if (!fastOpenConnect || !requested || dataWritten)
    {
        return false;
    }
    const CookieCheck check = cookieCheck();
    return check == NO_COOKIE || check == COOKIE;
}

TcpFastOpenActiveRules::SynPlan
TcpFastOpenActiveRules::SendSynData(CookieCheck check,
                                    uint32_t cachedMss,
                                    uint32_t pathMss,
                                    uint32_t pending) const
{
    SynPlan plan;
    const uint32_t mss = std::max<uint32_t>(cachedMss > 0 ? std::min(cachedMss, pathMss) : pathMss,
                                            TcpLinuxSocketBase::MIN_SND_MSS);
    const uint32_t space = mss - kMaxTcpOptionSpace;
    switch (check)
    {
    case NO_COOKIE:
        plan.dataLen = std::min(space, pending); // data, no option
        break;
    case COOKIE:
        plan.option = true;
        plan.dataLen = std::min(space, pending);
        break;
    case REQUEST:
        // "Send a regular SYN with Fast Open cookie request option": the data
        // waits for the handshake.
        plan.option = true;
        plan.request = true;
        break;
    case PLAIN_NEGATIVE_CACHED:
    case PLAIN_PAUSED:
        break;
    }
    return plan;
}

TcpFastOpenActiveRules::SynAckResult
TcpFastOpenActiveRules::RcvFastOpenSynAck(const SynAckInput& input) const
{
    SynAckResult result;
    const bool optionAbsent = !input.received.has_value(); // cookie->len < 0
    result.dataUnacked = input.acked < input.synDataLen;
    // An unsolicited cookie is ignored.
    result.cookieReceived = input.optionSent && !optionAbsent && !input.received->isRequest;
    if (input.synRetransmitted)
    {
        // "SYN timed out and the SYN-ACK neither has a cookie nor acknowledges
        // data. Presumably the remote received only the retransmitted
        // (regular) SYNs."
        result.synDrop = optionAbsent && result.dataUnacked;
    }
    else if (input.optionSent && optionAbsent && input.synDataLen == 0)
    {
        // "We requested a cookie but didn't get it": try the other form next time.
        result.tryExp = input.sentForm == TcpOptionFastOpen::EXPERIMENTAL ? 2 : 1;
    }
    if (result.dataUnacked)
    {
        result.fail = input.synRetransmitted ? TcpFastOpenSocket::TFO_SYN_RETRANSMITTED
                                             : TcpFastOpenSocket::TFO_DATA_NOT_ACKED;
    }
    return result;
}

bool
TcpFastOpenActiveRules::AddSynAckPayload(bool tried,
                                         bool dataUnacked,
                                         uint32_t payload,
                                         bool fin) const
{
    // A FIN without data is queued too: tcp_fastopen_add_skb calls tcp_fin().
    return tried && !dataUnacked && (payload > 0 || fin);
}

bool
TcpFastOpenActiveRules::DetectBlackhole(bool tried, uint32_t timeouts, bool expired) const
{
    return tried && (timeouts == 2 || (timeouts < 2 && expired));
}

TcpFastOpenActiveRules::OfoCheck
TcpFastOpenActiveRules::DisableOfoCheck(uint32_t dataSegmentsIn,
                                        bool loneFin,
                                        bool blackholeCheck) const
{
    if (dataSegmentsIn == 0)
    {
        // The only out-of-order segment is a FIN (without data, since no data
        // segment arrived): data after the TFO handshake was dropped on the path.
        return loneFin ? OFO_DISABLE : OFO_NOTHING;
    }
    return blackholeCheck ? OFO_HEALTHY : OFO_NOTHING;
}

bool
TcpFastOpenActiveRules::OutOfOrderResetDisables(bool synFastOpen,
                                                uint32_t dataSegmentsIn,
                                                bool established) const
{
    return synFastOpen && dataSegmentsIn == 0 && established;
}

} // namespace ns3
