/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup tcp-fast-open-tests
 *
 * Middlebox models (TcpFastOpenMiddlebox) end to end: for each middlebox,
 * with TFO off, TFO on, and TFO on with each client fallback the socket
 * model offers (negative caching, blackhole detection), the connection
 * completion rate is stated and checked, and every byte is checked: the
 * server receives the request of each completed transaction exactly once
 * and nothing else, and each connection carries exactly one response if its
 * transaction completed (less otherwise). Unit cases check the option
 * stripping on headers.
 */

#include "tcp-fast-open-test-util.h"

#include "ns3/core-module.h"
#include "ns3/tcp-fast-open-middlebox-helper.h"
#include "ns3/test.h"

#include <sstream>
#include <vector>

using namespace ns3;
using namespace ns3::tfotest;

namespace
{

/// Shorthand.
using Study = TcpFastOpenMiddleboxStudy;

/**
 * \param r a result
 * \return a one-line summary for failure messages
 */
std::string
Describe(const Study::Result& r)
{
    std::ostringstream os;
    os << "completed " << r.completed << "/" << r.transactions.size() << " synDataAcked "
       << r.synDataAcked << " serverBytes " << r.serverBytes << " completedRequestBytes "
       << r.completedRequestBytes << " requests " << r.serverRequests << " responses [";
    for (uint64_t b : r.responseBytes)
    {
        os << " " << b;
    }
    os << " ] optionAtServer " << r.optionAtServer << " optionAtClient " << r.optionAtClient
       << " dropped " << r.mbDropped << " stripped " << r.mbStripped << " resets " << r.mbResets
       << " blackhole " << r.blackholeCount << " active " << r.activeCount;
    return os.str();
}

} // namespace

/**
 * \ingroup tcp-fast-open-tests
 * One middlebox, one client configuration: completion rate and exact bytes.
 */
class TfoMiddleboxCompletionTestCase : public TestCase
{
  public:
    /**
     * \param middlebox the path element
     * \param tfo the client configuration
     * \param completed transactions (of 6) expected to complete
     * \param synDataAcked transactions expected to have their SYN data accepted
     * \param slow transactions expected to take more than 500 ms (a SYN timeout)
     */
    TfoMiddleboxCompletionTestCase(Study::Middlebox middlebox,
                                   Study::ClientTfo tfo,
                                   uint32_t completed,
                                   uint32_t synDataAcked,
                                   uint32_t slow)
        : TestCase(Study::MiddleboxToString(middlebox) + " with " + Study::ClientTfoToString(tfo) +
                   ": " + std::to_string(completed) + " of 6 complete, " +
                   std::to_string(synDataAcked) + " SYN-data accepted"),
          m_middlebox(middlebox),
          m_tfo(tfo),
          m_completed(completed),
          m_synDataAcked(synDataAcked),
          m_slow(slow)
    {
    }

  private:
    void DoRun() override
    {
        Study::Config config;
        config.middlebox = m_middlebox;
        config.tfo = m_tfo;
        config.transactions = 6;
        const Study::Result r = Study::Run(config);
        const std::string what = Describe(r);
        TFO_TEST_REQUIRE(r.transactions.size() == 6, what);
        NS_TEST_ASSERT_MSG_EQ(r.completed, m_completed, "completion: " << what);
        NS_TEST_ASSERT_MSG_EQ(r.synDataAcked, m_synDataAcked, "SYN data accepted: " << what);
        NS_TEST_ASSERT_MSG_EQ(r.serverBytes,
                              r.completedRequestBytes,
                              "request bytes once: " << what);
        NS_TEST_ASSERT_MSG_EQ(r.bytesExact, true, "every byte exactly once: " << what);
        uint32_t slow = 0;
        for (const TransactionRecord& t : r.transactions)
        {
            slow += (t.completed && t.GetLatency() > MilliSeconds(500)) ? 1 : 0;
        }
        NS_TEST_ASSERT_MSG_EQ(slow, m_slow, "transactions slower than 500 ms: " << what);
        for (const TransactionRecord& t : r.transactions)
        {
            if (t.completed)
            {
                TFO_TEST_REQUIRE(t.connection < r.responseBytes.size(), what);
                NS_TEST_ASSERT_MSG_EQ(r.responseBytes[t.connection],
                                      config.responseSize,
                                      "transaction " << t.index << ": " << what);
            }
        }
        // What each middlebox must have done to the wire.
        switch (m_middlebox)
        {
        case Study::STRIP_SYN_OPTION:
            NS_TEST_ASSERT_MSG_EQ(r.optionAtServer, 0, "no option reached the server: " << what);
            NS_TEST_ASSERT_MSG_EQ((r.mbStripped > 0), (m_tfo != Study::TFO_OFF), what);
            break;
        case Study::STRIP_SYNACK_OPTION:
            NS_TEST_ASSERT_MSG_EQ(r.optionAtClient, 0, "no option reached the client: " << what);
            NS_TEST_ASSERT_MSG_EQ((r.mbStripped > 0), (m_tfo != Study::TFO_OFF), what);
            break;
        case Study::RST_SYN_DATA:
            NS_TEST_ASSERT_MSG_EQ(r.mbResets, r.mbDropped, "one RST per dropped SYN: " << what);
            break;
        default:
            break;
        }
        if (m_tfo == Study::TFO_OFF)
        {
            NS_TEST_ASSERT_MSG_EQ(r.mbDropped + r.mbStripped + r.mbResets,
                                  0,
                                  "TFO off: the middlebox never acts: " << what);
        }
    }

    Study::Middlebox m_middlebox; //!< element
    Study::ClientTfo m_tfo;       //!< client
    uint32_t m_completed;         //!< expected completions
    uint32_t m_synDataAcked;      //!< expected accepted SYN data
    uint32_t m_slow;              //!< expected transactions slower than 500 ms
};

/**
 * \ingroup tcp-fast-open-tests
 * STRIP_OPTION on headers: the option is gone (TcpOptionFastOpen::Find), the
 * other options stay, the header is well formed (multiple of 4 bytes, parses
 * back to the same options).
 */
class TfoMiddleboxStripHeaderTestCase : public TestCase
{
  public:
    TfoMiddleboxStripHeaderTestCase()
        : TestCase("STRIP_OPTION rewrites a header without option 34 or 254, other options kept")
    {
    }

  private:
    void DoRun() override
    {
        const uint8_t bytes[8] = {0x92, 0x0c, 0x25, 0xc2, 0xe5, 0xeb, 0x51, 0xef};
        for (auto form : {TcpOptionFastOpen::RFC7413, TcpOptionFastOpen::EXPERIMENTAL})
        {
            TcpHeader syn;
            syn.SetFlags(TcpHeader::SYN);
            syn.SetSourcePort(49153);
            syn.SetDestinationPort(8080);
            syn.SetSequenceNumber(SequenceNumber32(1000));
            Ptr<TcpOptionMSS> mss = CreateObject<TcpOptionMSS>();
            mss->SetMSS(1460);
            syn.AppendOption(mss);
            syn.AppendOption(CreateObject<TcpOptionSackPermitted>());
            TcpOptionFastOpen::AppendTo(syn, form, TcpFastOpenCookie(bytes, 8));
            // What the next hop sees: serialized and parsed again.
            Ptr<Packet> p = Create<Packet>(100);
            p->AddHeader(syn);
            TcpHeader received;
            p->PeekHeader(received);
            TFO_TEST_REQUIRE(TcpOptionFastOpen::Find(received).has_value(), "option present");
            NS_TEST_ASSERT_MSG_EQ(
                TcpFastOpenMiddlebox::HasOption(received, TcpFastOpenMiddlebox::KIND_34_AND_254),
                true,
                "seen");
            const TcpHeader stripped =
                TcpFastOpenMiddlebox::StripOptions(received, TcpFastOpenMiddlebox::KIND_34_AND_254);
            Ptr<Packet> q = Create<Packet>(100);
            q->AddHeader(stripped);
            TcpHeader after;
            q->PeekHeader(after);
            NS_TEST_ASSERT_MSG_EQ(TcpOptionFastOpen::Find(after).has_value(), false, "gone");
            NS_TEST_ASSERT_MSG_EQ(after.GetSerializedSize() % 4, 0, "a multiple of 4 bytes");
            NS_TEST_ASSERT_MSG_EQ(q->GetSize(), after.GetSerializedSize() + 100, "payload kept");
            NS_TEST_ASSERT_MSG_EQ(after.GetSerializedSize(),
                                  received.GetSerializedSize(),
                                  "the option is overwritten with NOPs: same size");
            NS_TEST_ASSERT_MSG_EQ(after.HasOption(TcpOption::MSS), true, "MSS kept");
            NS_TEST_ASSERT_MSG_EQ(after.HasOption(TcpOption::SACKPERMITTED), true, "SACK kept");
            NS_TEST_ASSERT_MSG_EQ(after.GetSequenceNumber(), SequenceNumber32(1000), "seq kept");
            NS_TEST_ASSERT_MSG_EQ(+after.GetFlags(), +TcpHeader::SYN, "flags kept");
            // Only the selected form is removed.
            const auto other = form == TcpOptionFastOpen::RFC7413 ? TcpFastOpenMiddlebox::KIND_254
                                                                  : TcpFastOpenMiddlebox::KIND_34;
            Ptr<Packet> k = Create<Packet>();
            k->AddHeader(TcpFastOpenMiddlebox::StripOptions(received, other));
            TcpHeader kept;
            k->PeekHeader(kept);
            NS_TEST_ASSERT_MSG_EQ(TcpOptionFastOpen::Find(kept).has_value(),
                                  true,
                                  "the other form's filter keeps it");
        }
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * The flow filter: a DROP_SYN_DATA element on the router configured for
 * another port lets the SYN-data through (TFO succeeds); configured for the
 * server's port it drops it, once, and the connection recovers.
 */
class TfoMiddleboxPortFilterTestCase : public TestCase
{
  public:
    /**
     * \param port the element's "Port" (8080 = the server's)
     * \param dropped SYN-data dropped expected
     */
    TfoMiddleboxPortFilterTestCase(uint16_t port, uint32_t dropped)
        : TestCase("DROP_SYN_DATA with Port=" + std::to_string(port) + ": " +
                   std::to_string(dropped) + " SYN-data dropped"),
          m_port(port),
          m_dropped(dropped)
    {
    }

  private:
    void DoRun() override
    {
        Testbed::Config config;
        config.router = true;
        Testbed bed(config);
        // Warm cache: the first SYN carries data.
        TcpFastOpenHelper::GetCookieCache(bed.client)
            ->Store(bed.GetClientIp(),
                    bed.GetServerIp(),
                    TcpFastOpenHelper::GetCookieGenerator(bed.server)
                        ->Generate(bed.GetClientIp(), bed.GetServerIp()),
                    1460,
                    false);
        TcpFastOpenMiddleboxHelper helper(TcpFastOpenMiddlebox::DROP_SYN_DATA);
        helper.SetAttribute("Port", UintegerValue(m_port));
        // Device 0 is the loopback, 1 faces the client, 2 the server.
        TFO_TEST_REQUIRE(bed.middle->GetNDevices() == 3, "router devices");
        Ptr<TcpFastOpenMiddlebox> box = helper.Install(bed.middle->GetDevice(2));
        Ptr<RequestResponseServer> server = bed.AddServer();
        Ptr<RequestResponseClient> client = bed.AddClient(400, 1000, 1, Seconds(1));
        bed.Run(Seconds(10));
        NS_TEST_ASSERT_MSG_EQ(box->GetDropped(), m_dropped, bed.Dump());
        NS_TEST_ASSERT_MSG_EQ(client->GetCompletedCount(), 1, bed.Dump());
        TFO_TEST_REQUIRE(client->GetTransactions().size() == 1, bed.Dump());
        NS_TEST_ASSERT_MSG_EQ(client->GetTransactions()[0].synDataAcked,
                              (m_dropped == 0),
                              "TFO succeeds only when the element leaves the flow alone");
        NS_TEST_ASSERT_MSG_EQ(server->GetBytesReceived(), 400, "the request once");
        Simulator::Destroy();
    }

    uint16_t m_port;    //!< element's port filter
    uint32_t m_dropped; //!< expected drops
};

/**
 * \ingroup tcp-fast-open-tests
 * STRIP_OPTION over IPv6, on the client's own egress: the SYN leaves without
 * the option, the IPv6 payload length follows the shorter header (the server
 * parses it and answers), and the connection completes without TFO.
 */
class TfoMiddleboxStripIpv6TestCase : public TestCase
{
  public:
    TfoMiddleboxStripIpv6TestCase()
        : TestCase("STRIP_OPTION over IPv6: well-formed SYN without the option, no TFO, bytes once")
    {
    }

  private:
    void DoRun() override
    {
        Testbed::Config config;
        config.ipv6 = true;
        Testbed bed(config);
        Ptr<TcpFastOpenMiddlebox> box =
            TcpFastOpenMiddleboxHelper(TcpFastOpenMiddlebox::STRIP_OPTION)
                .Install(bed.clientDevice);
        Ptr<RequestResponseServer> server = bed.AddServer();
        Ptr<RequestResponseClient> client = bed.AddClient(300, 700, 2, Seconds(1));
        bed.Run(Seconds(10));
        const std::vector<Segment> syns = bed.Select(true, TcpHeader::SYN);
        TFO_TEST_REQUIRE(syns.size() == 2, bed.Dump());
        for (const Segment& syn : syns)
        {
            NS_TEST_ASSERT_MSG_EQ(syn.tfo.has_value(), false, "stripped: " << bed.Dump());
            NS_TEST_ASSERT_MSG_EQ(syn.header.GetSerializedSize() % 4, 0, "well formed");
        }
        NS_TEST_ASSERT_MSG_EQ(box->GetStripped(), 2, "both cookie requests stripped");
        NS_TEST_ASSERT_MSG_EQ(client->GetCompletedCount(), 2, bed.Dump());
        NS_TEST_ASSERT_MSG_EQ(server->GetBytesReceived(), 600, "each request once");
        NS_TEST_ASSERT_MSG_EQ(
            TcpFastOpenHelper::GetCounters(bed.server)->Get("TCPFastOpenCookieReqd"),
            0,
            "the server never saw a cookie request");
        Simulator::Destroy();
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * A middlebox that black-holes the data after a Fast Open SYN long enough for
 * three consecutive retransmission timeouts of the client
 * (DATA_BLACKHOLE_AFTER_TFO: DROP_DATA_AFTER_TFO with 4 drops, 4000-byte requests: the SYN carries
 * 1420 bytes, the rest follows and is dropped). Without fallback every TFO connection pays the
 * timeouts; negative caching does not react (the SYN data were acknowledged); blackhole detection
 * pauses active TFO at the first connection's third timeout, and the later connections run as plain
 * TCP.
 */
class TfoMiddleboxBlackholeTestCase : public TestCase
{
  public:
    /**
     * \param tfo the client configuration
     * \param synDataAcked expected accepted SYN data (of 8)
     * \param slow expected transactions slower than 500 ms
     * \param blackholes expected TCPFastOpenBlackhole
     */
    TfoMiddleboxBlackholeTestCase(Study::ClientTfo tfo,
                                  uint32_t synDataAcked,
                                  uint32_t slow,
                                  uint32_t blackholes)
        : TestCase("data black-holed after TFO SYN, " + Study::ClientTfoToString(tfo) + ": " +
                   std::to_string(synDataAcked) + " of 8 TFO, " + std::to_string(slow) +
                   " slow, blackhole " + std::to_string(blackholes)),
          m_tfo(tfo),
          m_synDataAcked(synDataAcked),
          m_slow(slow),
          m_blackholes(blackholes)
    {
    }

  private:
    void DoRun() override
    {
        Study::Config config;
        config.middlebox = Study::DATA_BLACKHOLE_AFTER_TFO;
        config.tfo = m_tfo;
        config.transactions = 8;
        config.blackholeRequestSize = 4000;
        config.blackholeDrops = 4;
        const Study::Result r = Study::Run(config);
        const std::string what = Describe(r);
        TFO_TEST_REQUIRE(r.transactions.size() == 8, what);
        NS_TEST_ASSERT_MSG_EQ(r.completed, 8, "all complete: " << what);
        NS_TEST_ASSERT_MSG_EQ(r.bytesExact, true, "every byte exactly once: " << what);
        NS_TEST_ASSERT_MSG_EQ(r.synDataAcked, m_synDataAcked, what);
        NS_TEST_ASSERT_MSG_EQ(r.blackholeCount, m_blackholes, what);
        uint32_t slow = 0;
        for (const TransactionRecord& t : r.transactions)
        {
            slow += (t.completed && t.GetLatency() > MilliSeconds(500)) ? 1 : 0;
        }
        NS_TEST_ASSERT_MSG_EQ(slow, m_slow, "transactions slower than 500 ms: " << what);
    }

    Study::ClientTfo m_tfo;  //!< client
    uint32_t m_synDataAcked; //!< expected accepted SYN data
    uint32_t m_slow;         //!< expected slow transactions
    uint32_t m_blackholes;   //!< expected TCPFastOpenBlackhole
};

/**
 * \ingroup tcp-fast-open-tests
 * The middlebox test suite.
 */
class TcpFastOpenMiddleboxTestSuite : public TestSuite
{
  public:
    TcpFastOpenMiddleboxTestSuite()
        : TestSuite("tcp-fast-open-middlebox", TFO_TEST_SYSTEM)
    {
        AddTestCase(new TfoMiddleboxStripHeaderTestCase, TFO_TEST_QUICK);
        AddTestCase(new TfoMiddleboxPortFilterTestCase(9999, 0), TFO_TEST_QUICK);
        AddTestCase(new TfoMiddleboxPortFilterTestCase(8080, 1), TFO_TEST_QUICK);
        AddTestCase(new TfoMiddleboxStripIpv6TestCase, TFO_TEST_QUICK);
        // {client, SYN data accepted of 8, slow, TCPFastOpenBlackhole}
        AddTestCase(new TfoMiddleboxBlackholeTestCase(Study::TFO_OFF, 0, 0, 0), TFO_TEST_QUICK);
        AddTestCase(new TfoMiddleboxBlackholeTestCase(Study::TFO_ON, 7, 7, 0), TFO_TEST_QUICK);
        if (Study::IsAvailable(Study::TFO_ON_NEGATIVE_CACHE))
        {
            AddTestCase(new TfoMiddleboxBlackholeTestCase(Study::TFO_ON_NEGATIVE_CACHE, 7, 7, 0),
                        TFO_TEST_QUICK);
        }
        if (Study::IsAvailable(Study::TFO_ON_BLACKHOLE_DETECT))
        {
            AddTestCase(new TfoMiddleboxBlackholeTestCase(Study::TFO_ON_BLACKHOLE_DETECT, 1, 1, 1),
                        TFO_TEST_QUICK);
        }

        // Expectations (6 transactions, each on a new connection, RTT 40 ms,
        // 500-byte requests, 3000-byte responses, cold cookie cache):
        // - every transaction completes through every middlebox, TFO on or
        //   off: a dropped SYN (with data or with the option) is retransmitted
        //   by Linux without data and without the option, so the connection
        //   falls back to a plain handshake one SYN RTO (1 s) later; a stripped
        //   option just means no cookie (no TFO) at no cost.
        // - RST_SYN_DATA: the middlebox's RST|ACK (ack = ISN + 1 + data, as
        //   RFC 793 answers a segment without ACK) refuses the connection, as
        //   Linux's tcp_rcv_synsent_state_process does: only the first
        //   (cookie-fetching, data-less) connection completes, with or without
        //   a fallback (a RST is neither a SYN loss nor a blackhole trigger).
        // - SYN data is accepted only where the SYN-data reaches the server
        //   intact: no middlebox, and DROP_DATA_AFTER_TFO (it drops later data,
        //   which TCP retransmits): 5 of 6 (the first connection fetches the
        //   cookie).
        // - The fallbacks change latency, not completion: negative caching
        //   stops SYN data after two losses (DROP_SYN_DATA, RST_SYN_DATA);
        //   blackhole detection needs three consecutive timeouts of one
        //   connection and never triggers here.
        struct Row
        {
            Study::Middlebox middlebox; //!< element
            Study::ClientTfo tfo;       //!< client
            uint32_t completed;         //!< completions
            uint32_t synDataAcked;      //!< accepted SYN data
            uint32_t slow;              //!< transactions slower than 500 ms
        };

        std::vector<Row> rows;
        for (auto m : {Study::NONE,
                       Study::DROP_SYN_DATA,
                       Study::DROP_SYN_OPTION,
                       Study::STRIP_SYN_OPTION,
                       Study::STRIP_SYNACK_OPTION,
                       Study::RST_SYN_DATA,
                       Study::DROP_DATA_AFTER_TFO})
        {
            for (auto t : {Study::TFO_OFF,
                           Study::TFO_ON,
                           Study::TFO_ON_NEGATIVE_CACHE,
                           Study::TFO_ON_BLACKHOLE_DETECT})
            {
                const bool dataThrough = m == Study::NONE || m == Study::DROP_DATA_AFTER_TFO;
                // Slow (> 500 ms, one SYN RTO): every SYN-data when it is dropped
                // or reset (5: all but the cookie-fetching first), but only
                // the first two with negative caching; every connection when
                // the cookie request itself is dropped.
                uint32_t slow = 0;
                if (t != Study::TFO_OFF)
                {
                    if (m == Study::DROP_SYN_DATA || m == Study::RST_SYN_DATA)
                    {
                        slow = t == Study::TFO_ON_NEGATIVE_CACHE ? 2 : 5;
                    }
                    else if (m == Study::DROP_SYN_OPTION)
                    {
                        slow = 6;
                    }
                }
                const bool refused = m == Study::RST_SYN_DATA && t != Study::TFO_OFF;
                rows.push_back({m,
                                t,
                                refused ? 1u : 6u,
                                (t != Study::TFO_OFF && dataThrough) ? 5u : 0u,
                                refused ? 0u : slow});
            }
        }
        for (const Row& row : rows)
        {
            if (Study::IsAvailable(row.tfo))
            {
                AddTestCase(new TfoMiddleboxCompletionTestCase(row.middlebox,
                                                               row.tfo,
                                                               row.completed,
                                                               row.synDataAcked,
                                                               row.slow),
                            TFO_TEST_QUICK);
            }
        }
    }
};

/// The suite instance.
static TcpFastOpenMiddleboxTestSuite g_tcpFastOpenMiddleboxTestSuite;
