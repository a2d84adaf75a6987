/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/nstime.h"
#include "ns3/tcp-fast-open-active-rules.h"
#include "ns3/tcp-fast-open-cookie-generator.h"
#include "ns3/tcp-fast-open-counters.h"
#include "ns3/tcp-fast-open-ns3-compat.h"
#include "ns3/tcp-fast-open-passive-rules.h"
#include "ns3/tcp-fast-open-queue.h"
#include "ns3/test.h"

#include <sstream>
#include <vector>

using namespace ns3;

namespace
{

/// The SYN's Fast Open option in a table row.
enum class Opt
{
    NONE,    //!< no option
    REQUEST, //!< a cookie request (an empty option)
    COOKIE   //!< a cookie
};

/// One row of the tcp_try_fastopen table: the input and the expected decision.
struct TryRow
{
    Opt option;                                         //!< the SYN's option
    uint32_t data;                                      //!< the SYN's data bytes
    bool serverEnabled;                                 //!< Mode 0x2
    bool noCookie;                                      //!< Mode 0x200 / TCP_FASTOPEN_NO_COOKIE
    TcpFastOpenQueue::CheckResult queue;                //!< tcp_fastopen_queue_check
    int validity;                                       //!< the generator's answer
    bool accept;                                        //!< expected: child created
    bool sendCookie;                                    //!< expected: cookie in the SYN-ACK
    TcpFastOpenPassiveRules::Fallback fallback;         //!< expected: why
    std::vector<TcpFastOpenCounters::Counter> counters; //!< expected counters, in order
    std::vector<TcpFastOpenSocket::Event> events;       //!< expected events, in order
};

} // namespace

/**
 * \ingroup tcp-fast-open-tests
 * tcp_try_fastopen as a pure decision, without a simulation: one row per
 * branch of Linux's function, each with the counters and events it yields.
 */
class TfoTryFastOpenTableTestCase : public TestCase
{
  public:
    TfoTryFastOpenTableTestCase()
        : TestCase("tcp_try_fastopen: the decision table")
    {
    }

  private:
    void DoRun() override
    {
        using P = TcpFastOpenPassiveRules;
        using C = TcpFastOpenCounters;
        using E = TcpFastOpenSocket;
        using Q = TcpFastOpenQueue;
        const int bad = TcpFastOpenCookieGenerator::INVALID;
        const int primary = TcpFastOpenCookieGenerator::VALID_PRIMARY;
        const int backup = TcpFastOpenCookieGenerator::VALID_BACKUP;
        const std::vector<TryRow> rows = {
            // A plain SYN: nothing at all.
            {Opt::NONE, 0, true, false, Q::ALLOWED, bad, false, false, P::NOT_ASKED, {}, {}},
            // The listener has no server bit: the option is reported as refused.
            {Opt::COOKIE,
             100,
             false,
             false,
             Q::ALLOWED,
             primary,
             false,
             false,
             P::NOT_ASKED,
             {},
             {E::PASSIVE_DISABLED}},
            {Opt::REQUEST,
             0,
             false,
             false,
             Q::ALLOWED,
             bad,
             false,
             false,
             P::NOT_ASKED,
             {C::TFO_COOKIE_REQD},
             {E::COOKIE_REQUEST_RECEIVED, E::PASSIVE_DISABLED}},
            // max_qlen 0 and a full queue.
            {Opt::COOKIE,
             100,
             true,
             false,
             Q::DISABLED,
             primary,
             false,
             false,
             P::QUEUE_DISABLED,
             {},
             {E::PASSIVE_DISABLED}},
            {Opt::COOKIE,
             100,
             true,
             false,
             Q::FULL,
             primary,
             false,
             false,
             P::LISTEN_OVERFLOW,
             {C::TFO_LISTEN_OVERFLOW},
             {E::PASSIVE_LISTEN_OVERFLOW}},
            {Opt::REQUEST,
             0,
             true,
             false,
             Q::FULL,
             bad,
             false,
             false,
             P::LISTEN_OVERFLOW,
             {C::TFO_COOKIE_REQD, C::TFO_LISTEN_OVERFLOW},
             {E::COOKIE_REQUEST_RECEIVED, E::PASSIVE_LISTEN_OVERFLOW}},
            // No cookie needed: data accepted with or without an option, no cookie sent.
            {Opt::NONE,
             100,
             true,
             true,
             Q::ALLOWED,
             bad,
             true,
             false,
             P::ACCEPTED,
             {C::TFO_PASSIVE},
             {E::PASSIVE_ACCEPTED}},
            {Opt::COOKIE,
             100,
             true,
             true,
             Q::ALLOWED,
             bad,
             true,
             false,
             P::ACCEPTED,
             {C::TFO_PASSIVE},
             {E::PASSIVE_ACCEPTED}},
            // Data without an option: dropped, no cookie.
            {Opt::NONE, 100, true, false, Q::ALLOWED, bad, false, false, P::NO_OPTION, {}, {}},
            // A cookie request: a cookie, data (if any) dropped.
            {Opt::REQUEST,
             0,
             true,
             false,
             Q::ALLOWED,
             bad,
             false,
             true,
             P::COOKIE_REQUEST,
             {C::TFO_COOKIE_REQD},
             {E::COOKIE_REQUEST_RECEIVED}},
            {Opt::REQUEST,
             100,
             true,
             false,
             Q::ALLOWED,
             bad,
             false,
             true,
             P::COOKIE_REQUEST,
             {C::TFO_COOKIE_REQD},
             {E::COOKIE_REQUEST_RECEIVED}},
            // An invalid cookie: PassiveFail and a fresh cookie.
            {Opt::COOKIE,
             100,
             true,
             false,
             Q::ALLOWED,
             bad,
             false,
             true,
             P::INVALID_COOKIE,
             {C::TFO_PASSIVE_FAIL},
             {E::PASSIVE_INVALID_COOKIE}},
            // A valid cookie: accepted; under the backup key also a fresh cookie.
            {Opt::COOKIE,
             100,
             true,
             false,
             Q::ALLOWED,
             primary,
             true,
             false,
             P::ACCEPTED,
             {C::TFO_PASSIVE},
             {E::PASSIVE_ACCEPTED}},
            {Opt::COOKIE,
             0,
             true,
             false,
             Q::ALLOWED,
             primary,
             true,
             false,
             P::ACCEPTED,
             {C::TFO_PASSIVE},
             {E::PASSIVE_ACCEPTED}},
            {Opt::COOKIE,
             100,
             true,
             false,
             Q::ALLOWED,
             backup,
             true,
             true,
             P::ACCEPTED,
             {C::TFO_PASSIVE, C::TFO_PASSIVE_ALT_KEY},
             {E::PASSIVE_ALT_KEY, E::PASSIVE_ACCEPTED}},
        };
        Ptr<TcpFastOpenPassiveRules> rules = CreateObject<TcpFastOpenPassiveRules>();
        uint32_t index = 0;
        for (const TryRow& row : rows)
        {
            std::ostringstream name;
            name << "row " << index++ << ": ";
            P::Input input;
            if (row.option != Opt::NONE)
            {
                TcpFastOpenOptionValue option;
                option.form = TcpOptionFastOpen::EXPERIMENTAL;
                option.isRequest = row.option == Opt::REQUEST;
                input.option = option;
            }
            input.synDataLen = row.data;
            input.serverEnabled = row.serverEnabled;
            input.noCookie = row.noCookie;
            input.queue = row.queue;
            input.cookieValidity = row.validity;
            input.defaultForm = TcpOptionFastOpen::RFC7413;
            const P::Decision decision = rules->TryFastOpen(input);
            NS_TEST_ASSERT_MSG_EQ(decision.acceptData, row.accept, name.str() << "accept");
            NS_TEST_ASSERT_MSG_EQ(decision.sendCookie, row.sendCookie, name.str() << "cookie");
            NS_TEST_ASSERT_MSG_EQ(decision.fallback, row.fallback, name.str() << "fallback");
            NS_TEST_ASSERT_MSG_EQ(decision.counterCount,
                                  row.counters.size(),
                                  name.str() << "counters");
            for (uint8_t i = 0; i < decision.counterCount && i < row.counters.size(); ++i)
            {
                NS_TEST_ASSERT_MSG_EQ(decision.counters[i], row.counters[i], name.str() << i);
            }
            NS_TEST_ASSERT_MSG_EQ(decision.reportCount, row.events.size(), name.str() << "events");
            for (uint8_t i = 0; i < decision.reportCount && i < row.events.size(); ++i)
            {
                NS_TEST_ASSERT_MSG_EQ(decision.reports[i].event,
                                      row.events[i],
                                      name.str() << "event " << uint32_t(i));
            }
            if (decision.sendCookie)
            {
                // The cookie answers in the form the SYN asked in.
                NS_TEST_ASSERT_MSG_EQ(
                    decision.form,
                    (input.option ? TcpOptionFastOpen::EXPERIMENTAL : TcpOptionFastOpen::RFC7413),
                    name.str() << "form");
            }
            // The queue is consulted exactly when the first clause holds.
            NS_TEST_ASSERT_MSG_EQ(rules->AsksForFastOpen(input),
                                  (row.serverEnabled && (row.data > 0 || row.option != Opt::NONE)),
                                  name.str() << "queue check");
        }
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * The client's rules without a simulation: tcp_fastopen_cookie_check's
 * order, tcp_send_syn_data's space (never below 8 bytes),
 * tcp_rcv_fastopen_synack's try_exp and syn_drop (an empty option is an
 * answer), tcp_fastopen_add_skb (a lone FIN is kept) and the blackhole rules.
 */
class TfoActiveRulesTestCase : public TestCase
{
  public:
    TfoActiveRulesTestCase()
        : TestCase("active-open rules: cookie check, SYN data, SYN-ACK, blackholes")
    {
    }

  private:
    void DoRun() override
    {
        using A = TcpFastOpenActiveRules;
        Ptr<A> rules = CreateObject<A>();

        // tcp_fastopen_cookie_check, in Linux's order.
        A::CookieCheckInput in;
        in.now = Seconds(100);
        NS_TEST_ASSERT_MSG_EQ(rules->CheckCookie(in), A::REQUEST, "no cookie: a request");
        in.hasCookie = true;
        NS_TEST_ASSERT_MSG_EQ(rules->CheckCookie(in), A::COOKIE, "a cached cookie");
        in.noCookie = true;
        NS_TEST_ASSERT_MSG_EQ(rules->CheckCookie(in), A::NO_COOKIE, "no-cookie mode first");
        in.paused = true;
        NS_TEST_ASSERT_MSG_EQ(rules->CheckCookie(in), A::PLAIN_PAUSED, "the pause before");
        in.synLoss = 2;
        in.lastSynLoss = Seconds(0);
        NS_TEST_ASSERT_MSG_EQ(rules->CheckCookie(in), A::PLAIN_PAUSED, "negative cache off");
        in.negativeCaching = true;
        NS_TEST_ASSERT_MSG_EQ(rules->CheckCookie(in),
                              A::PLAIN_NEGATIVE_CACHED,
                              "two losses: 240 s of plain SYNs");
        in.now = Seconds(240);
        NS_TEST_ASSERT_MSG_EQ(rules->CheckCookie(in), A::PLAIN_PAUSED, "the 240 s are over");

        // tcp_fastopen_defer_connect: the cookie check runs only when asked for.
        uint32_t checks = 0;
        const auto check = [&checks](A::CookieCheck answer) {
            return [&checks, answer]() {
                checks++;
                return answer;
            };
        };
        NS_TEST_ASSERT_MSG_EQ(rules->DeferConnect(false, true, false, check(A::COOKIE)),
                              false,
                              "no TCP_FASTOPEN_CONNECT");
        NS_TEST_ASSERT_MSG_EQ(rules->DeferConnect(true, true, true, check(A::COOKIE)),
                              false,
                              "data already written");
        NS_TEST_ASSERT_MSG_EQ(checks, 0, "no cookie check without a deferred connect");
        NS_TEST_ASSERT_MSG_EQ(rules->DeferConnect(true, true, false, check(A::COOKIE)),
                              true,
                              "a cookie: deferred");
        NS_TEST_ASSERT_MSG_EQ(rules->DeferConnect(true, true, false, check(A::NO_COOKIE)),
                              true,
                              "no cookie needed: deferred");
        NS_TEST_ASSERT_MSG_EQ(rules->DeferConnect(true, true, false, check(A::REQUEST)),
                              false,
                              "a request leaves at connect()");
        NS_TEST_ASSERT_MSG_EQ(rules->DeferConnect(true, true, false, check(A::PLAIN_PAUSED)),
                              false,
                              "paused: a plain SYN at connect()");

        // tcp_send_syn_data: MSS - 40, the MSS floored at 48: never below 8 bytes.
        NS_TEST_ASSERT_MSG_EQ(rules->SendSynData(A::COOKIE, 0, 1460, 5000).dataLen,
                              1420,
                              "path MSS");
        NS_TEST_ASSERT_MSG_EQ(rules->SendSynData(A::COOKIE, 536, 1460, 5000).dataLen,
                              496,
                              "cached MSS");
        NS_TEST_ASSERT_MSG_EQ(rules->SendSynData(A::COOKIE, 20, 1460, 5000).dataLen,
                              8,
                              "a tiny cached MSS still leaves 8 bytes");
        NS_TEST_ASSERT_MSG_EQ(rules->SendSynData(A::NO_COOKIE, 20, 1460, 5000).option,
                              false,
                              "no-cookie mode: no option");
        NS_TEST_ASSERT_MSG_EQ(rules->SendSynData(A::COOKIE, 0, 1460, 100).dataLen,
                              100,
                              "all that was written");
        const A::SynPlan request = rules->SendSynData(A::REQUEST, 0, 1460, 100);
        NS_TEST_ASSERT_MSG_EQ(request.option && request.request && request.dataLen == 0,
                              true,
                              "a request: no data");
        NS_TEST_ASSERT_MSG_EQ(rules->SendSynData(A::PLAIN_PAUSED, 0, 1460, 100).option,
                              false,
                              "paused: plain");

        // tcp_rcv_fastopen_synack.
        A::SynAckInput synAck;
        synAck.optionSent = true;
        synAck.sentForm = TcpOptionFastOpen::RFC7413;
        NS_TEST_ASSERT_MSG_EQ(uint32_t(rules->RcvFastOpenSynAck(synAck).tryExp),
                              1,
                              "a request without an answer: try the experimental form");
        synAck.received = TcpFastOpenOptionValue{TcpOptionFastOpen::RFC7413, true, {}};
        NS_TEST_ASSERT_MSG_EQ(uint32_t(rules->RcvFastOpenSynAck(synAck).tryExp),
                              0,
                              "an empty option is an answer (cookie->len 0, not -1)");
        NS_TEST_ASSERT_MSG_EQ(rules->RcvFastOpenSynAck(synAck).cookieReceived,
                              false,
                              "an empty option carries no cookie");
        synAck.synDataLen = 100;
        synAck.synRetransmitted = true;
        NS_TEST_ASSERT_MSG_EQ(rules->RcvFastOpenSynAck(synAck).synDrop,
                              false,
                              "an empty option after a retransmission: no SYN drop");
        synAck.received.reset();
        const A::SynAckResult lost = rules->RcvFastOpenSynAck(synAck);
        NS_TEST_ASSERT_MSG_EQ(lost.synDrop, true, "no option, data unacked: a SYN drop");
        NS_TEST_ASSERT_MSG_EQ(lost.fail, TcpFastOpenSocket::TFO_SYN_RETRANSMITTED, "why");
        synAck.synRetransmitted = false;
        synAck.acked = 40;
        NS_TEST_ASSERT_MSG_EQ(rules->RcvFastOpenSynAck(synAck).fail,
                              TcpFastOpenSocket::TFO_DATA_NOT_ACKED,
                              "part acknowledged");
        synAck.acked = 100;
        NS_TEST_ASSERT_MSG_EQ(rules->RcvFastOpenSynAck(synAck).dataUnacked, false, "all acked");

        // tcp_fastopen_add_skb.
        NS_TEST_ASSERT_MSG_EQ(rules->AddSynAckPayload(true, false, 0, true),
                              true,
                              "a lone FIN is kept");
        NS_TEST_ASSERT_MSG_EQ(rules->AddSynAckPayload(true, false, 0, false), false, "empty");
        NS_TEST_ASSERT_MSG_EQ(rules->AddSynAckPayload(true, true, 10, true),
                              false,
                              "SYN data to resend: not added");
        NS_TEST_ASSERT_MSG_EQ(rules->AddSynAckPayload(false, false, 10, false),
                              false,
                              "not a Fast Open connection");

        // The blackhole rules.
        NS_TEST_ASSERT_MSG_EQ(rules->DetectBlackhole(true, 2, false), true, "third timeout");
        NS_TEST_ASSERT_MSG_EQ(rules->DetectBlackhole(true, 1, false), false, "second timeout");
        NS_TEST_ASSERT_MSG_EQ(rules->DetectBlackhole(true, 1, true), true, "gives up early");
        NS_TEST_ASSERT_MSG_EQ(rules->DetectBlackhole(false, 2, true), false, "no Fast Open");
        NS_TEST_ASSERT_MSG_EQ(rules->DisableOfoCheck(0, true, false), A::OFO_DISABLE, "lone FIN");
        NS_TEST_ASSERT_MSG_EQ(rules->DisableOfoCheck(0, false, true), A::OFO_NOTHING, "no FIN");
        NS_TEST_ASSERT_MSG_EQ(rules->DisableOfoCheck(3, false, true), A::OFO_HEALTHY, "data");
        NS_TEST_ASSERT_MSG_EQ(rules->DisableOfoCheck(3, false, false), A::OFO_NOTHING, "data");
        NS_TEST_ASSERT_MSG_EQ(rules->OutOfOrderResetDisables(true, 0, true), true, "no data");
        NS_TEST_ASSERT_MSG_EQ(rules->OutOfOrderResetDisables(true, 1, true), false, "data");
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * The Fast Open rule objects, without a simulation.
 */
class TcpFastOpenRulesTestSuite : public TestSuite
{
  public:
    TcpFastOpenRulesTestSuite()
        : TestSuite("tcp-fast-open-rules", TFO_TEST_UNIT)
    {
        AddTestCase(new TfoTryFastOpenTableTestCase(), TFO_TEST_QUICK);
        AddTestCase(new TfoActiveRulesTestCase(), TFO_TEST_QUICK);
    }
};

/// The suite's instance.
static TcpFastOpenRulesTestSuite g_tcpFastOpenRulesTestSuite;
