/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup tcp-fast-open-tests
 *
 * SYN cookies as Linux does them (issue 6): TcpSynCookieGenerator's rules
 * against values computed from Linux's formulas, and the listener's SYN
 * cookies end to end.
 *
 * Expected values and where they come from:
 *  - the cookies and hashes: test/syn-cookie-vectors.py, which computes
 *    net/ipv4/syncookies.c and net/ipv6/syncookies.c's cookie_hash and
 *    secure_tcp_syn_cookie with the pure-Python PyPI package "siphash" 0.0.1
 *    (not libsodium, which the model uses), for the secrets, flows and count
 *    given below;
 *  - the timestamps: cookie_init_timestamp / cookie_timestamp_decode worked
 *    out by hand in the comments next to each value.
 */

#include "tcp-fast-open-test-util.h"

#include "ns3/core-module.h"
#include "ns3/ppp-header.h"
#include "ns3/tcp-fast-open-module.h"
#include "ns3/tcp-syn-cookie.h"
#include "ns3/test.h"

using namespace ns3;
using namespace ns3::tfotest;

namespace
{

/// The secrets the vectors use: bytes 00..0f and 10..1f (IPv6), 20..2f and 30..3f (IPv4).
std::array<std::array<uint8_t, 16>, 2>
VectorSecrets(bool ipv6)
{
    std::array<std::array<uint8_t, 16>, 2> secrets{};
    for (uint32_t c = 0; c < 2; c++)
    {
        for (uint32_t i = 0; i < 16; i++)
        {
            secrets[c][i] = static_cast<uint8_t>((ipv6 ? 0x00 : 0x20) + 16 * c + i);
        }
    }
    return secrets;
}

/// The vectors' client port.
constexpr uint16_t kClientPort = 49153;
/// The vectors' server port.
constexpr uint16_t kServerPort = 8080;
/// The vectors' client ISN.
constexpr uint32_t kClientIsn = 0x12345678;

/**
 * \param ipv6 IPv6 rather than IPv4
 * \param isn the client ISN
 * \return the vectors' flow: 2001:db8:1::1 -> 2001:db8:1::2 or 10.0.1.1 -> 10.0.1.2
 */
TcpSynCookieGenerator::Flow
VectorFlow(bool ipv6, uint32_t isn = kClientIsn)
{
    TcpSynCookieGenerator::Flow flow;
    if (ipv6)
    {
        flow.client = Ipv6Address("2001:db8:1::1");
        flow.server = Ipv6Address("2001:db8:1::2");
    }
    else
    {
        flow.client = Ipv4Address("10.0.1.1");
        flow.server = Ipv4Address("10.0.1.2");
    }
    flow.clientPort = kClientPort;
    flow.serverPort = kServerPort;
    flow.clientIsn = isn;
    return flow;
}

} // namespace

/**
 * The cookie of a fixed flow, secrets and count (2: 125 s into the run with
 * the 60-s period) equals Linux's formula computed independently
 * (test/syn-cookie-vectors.py), for IPv6 and IPv4; Check accepts it for two
 * counter periods and gives the MSS back, and rejects it after.
 */
class TfoSynCookieVectorTest : public TestCase
{
  public:
    TfoSynCookieVectorTest()
        : TestCase(
              "SYN cookie = Linux's cookie_v6_init_sequence and cookie_v4_init_sequence (vector)")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<TcpSynCookieGenerator> generator = CreateObject<TcpSynCookieGenerator>();
        generator->SetSecrets(true, VectorSecrets(true));
        generator->SetSecrets(false, VectorSecrets(false));
        const TcpSynCookieGenerator::Flow v6 = VectorFlow(true);
        const TcpSynCookieGenerator::Flow v4 = VectorFlow(false);
        uint32_t cookie6 = 0;
        uint32_t cookie4 = 0;
        uint16_t mss6 = 0;
        uint16_t mss4 = 0;
        std::optional<uint16_t> back6[3];
        std::optional<uint16_t> back4[3];
        Simulator::Schedule(Seconds(125), [&]() {
            NS_TEST_EXPECT_MSG_EQ(generator->GetCount(), 2, "count at 125 s");
            cookie6 = generator->Encode(v6, 1440, mss6);
            cookie4 = generator->Encode(v4, 1460, mss4);
            back6[0] = generator->Check(v6, cookie6);
            back4[0] = generator->Check(v4, cookie4);
        });
        Simulator::Schedule(Seconds(179), [&]() { // count 2 + 1: still valid
            back6[1] = generator->Check(v6, cookie6);
            back4[1] = generator->Check(v4, cookie4);
        });
        Simulator::Schedule(Seconds(241), [&]() { // count 4: MAX_SYNCOOKIE_AGE passed
            back6[2] = generator->Check(v6, cookie6);
            back4[2] = generator->Check(v4, cookie4);
        });
        Simulator::Run();
        Simulator::Destroy();

        // syn-cookie-vectors.py: v6 H(0,0)=0xa4548184 H(2,1)=0x7b0fd8f3, mssind 2;
        // 0xa4548184 + 0x12345678 + (2 << 24) + ((0x7b0fd8f3 + 2) & 0xffffff).
        NS_TEST_ASSERT_MSG_EQ(cookie6, 0xb898b0f1, "IPv6 cookie");
        NS_TEST_ASSERT_MSG_EQ(mss6, 1440, "IPv6 MSS 1440 = 1500 - 60 (msstab index 2)");
        // v4 H(0,0)=0x9e138f26 H(2,1)=0x70f12f01, mssind 3.
        NS_TEST_ASSERT_MSG_EQ(cookie4, 0xb33914a2, "IPv4 cookie");
        NS_TEST_ASSERT_MSG_EQ(mss4, 1460, "IPv4 MSS 1460 (msstab index 3)");
        for (uint32_t i = 0; i < 2; i++)
        {
            NS_TEST_ASSERT_MSG_EQ(back6[i].value_or(0), 1440, "IPv6 cookie valid, check " << i);
            NS_TEST_ASSERT_MSG_EQ(back4[i].value_or(0), 1460, "IPv4 cookie valid, check " << i);
        }
        NS_TEST_ASSERT_MSG_EQ(back6[2].has_value(), false, "IPv6 cookie too old");
        NS_TEST_ASSERT_MSG_EQ(back4[2].has_value(), false, "IPv4 cookie too old");
    }
};

/**
 * What a cookie is bound to: another port, address or family's secret fails
 * the check (a wrong flow passes with a chance of 4 in 2^24), and so does
 * another ISN unless it is at most the MSS index below the SYN's (the ISN is
 * added, not hashed); the two families use different secrets.
 */
class TfoSynCookieBindingTest : public TestCase
{
  public:
    TfoSynCookieBindingTest()
        : TestCase("a SYN cookie is bound to addresses, ports and ISN; secrets per family")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<TcpSynCookieGenerator> generator = CreateObject<TcpSynCookieGenerator>();
        generator->SetSecrets(true, VectorSecrets(true));
        generator->SetSecrets(false, VectorSecrets(false));
        uint16_t mss = 0;
        const TcpSynCookieGenerator::Flow v6 = VectorFlow(true);
        const uint32_t cookie = generator->Encode(v6, 9000, mss);
        NS_TEST_ASSERT_MSG_EQ(mss, 8940, "MSS 9000 -> 9000 - 60");
        NS_TEST_ASSERT_MSG_EQ(generator->Check(v6, cookie).value_or(0), 8940, "valid");

        // The ISN is added, not hashed (as in Linux): ISN + 1 only moves the
        // MSS index down by one; a larger difference leaves the table.
        TcpSynCookieGenerator::Flow other = v6;
        other.clientIsn++;
        NS_TEST_EXPECT_MSG_EQ(generator->Check(other, cookie).value_or(0), 1440, "ISN + 1");
        other.clientIsn += 1000;
        NS_TEST_EXPECT_MSG_EQ(generator->Check(other, cookie).has_value(), false, "ISN + 1001");
        other = v6;
        other.clientPort++;
        NS_TEST_EXPECT_MSG_EQ(generator->Check(other, cookie).has_value(), false, "port");
        other = v6;
        other.client = Ipv6Address("2001:db8:1::3");
        NS_TEST_EXPECT_MSG_EQ(generator->Check(other, cookie).has_value(), false, "address");
        NS_TEST_EXPECT_MSG_EQ(generator->Check(v6, cookie + (1u << 23)).has_value(),
                              false,
                              "garbled cookie");

        // The IPv4 secrets are not the IPv6 ones: with the IPv6 pair replaced
        // by the IPv4 pair the IPv6 cookie changes.
        generator->SetSecrets(true, VectorSecrets(false));
        NS_TEST_EXPECT_MSG_EQ(generator->Check(v6, cookie).has_value(), false, "IPv6 secrets");
    }
};

/**
 * msstab lookups: Linux's tables and its rule (largest entry not above the
 * client's MSS, the first entry if none is), and the MSS a SYN without the
 * option is taken to announce.
 */
class TfoSynCookieMssTableTest : public TestCase
{
  public:
    TfoSynCookieMssTableTest()
        : TestCase("msstab: IPv6 {1220, 1420, 1440, 8940}, IPv4 {536, 1300, 1440, 1460}")
    {
    }

  private:
    void DoRun() override
    {
        struct Case
        {
            bool ipv6;        //!< family
            uint16_t mss;     //!< client's MSS
            uint16_t encoded; //!< MSS the cookie carries
        };

        const Case cases[] = {
            {true, 100, 1220},
            {true, 1220, 1220},
            {true, 1419, 1220},
            {true, 1420, 1420},
            {true, 1439, 1420},
            {true, 1440, 1440},
            {true, 8939, 1440},
            {true, 8940, 8940},
            {true, 65535, 8940},
            {false, 100, 536},
            {false, 536, 536},
            {false, 1299, 536},
            {false, 1300, 1300},
            {false, 1440, 1440},
            {false, 1460, 1460},
            {false, 9000, 1460},
        };
        for (const Case& c : cases)
        {
            const uint32_t index = TcpSynCookieGenerator::MssIndex(c.ipv6, c.mss);
            NS_TEST_EXPECT_MSG_EQ(TcpSynCookieGenerator::MssTable(c.ipv6)[index],
                                  c.encoded,
                                  (c.ipv6 ? "IPv6" : "IPv4") << " MSS " << c.mss);
        }
        NS_TEST_EXPECT_MSG_EQ(TcpSynCookieGenerator::DefaultMss(true), 1220, "IPV6_MIN_MTU - 60");
        NS_TEST_EXPECT_MSG_EQ(TcpSynCookieGenerator::DefaultMss(false), 536, "TCP_MSS_DEFAULT");
    }
};

/**
 * cookie_init_timestamp and cookie_timestamp_decode: the TSval's low 6 bits
 * carry wscale (0xf = none), SACK (bit 4), ECN (bit 5), the TSval is never
 * above the clock, and the decoder refuses an option the listener has off.
 */
class TfoSynCookieTimestampTest : public TestCase
{
  public:
    TfoSynCookieTimestampTest()
        : TestCase("options in the timestamp: cookie_init_timestamp and cookie_timestamp_decode")
    {
    }

  private:
    void DoRun() override
    {
        using Options = TcpSynCookieGenerator::TimestampOptions;
        const Options wsSack{true, 7, true, false};
        // 1000 = 0x3e8: (1000 >> 6) << 6 = 960; 960 | 0x17 (wscale 7, SACK) = 983 <= 1000.
        NS_TEST_EXPECT_MSG_EQ(TcpSynCookieGenerator::InitTimestamp(1000, wsSack), 983, "ws 7+sack");
        // No window scaling, SACK and ECN: 0x3f; 960 | 0x3f = 1023 > 1000, so 1023 - 64 = 959.
        const Options all{false, 0, true, true};
        NS_TEST_EXPECT_MSG_EQ(TcpSynCookieGenerator::InitTimestamp(1000, all), 959, "above: -64");
        // Equal to the clock is kept: 1023 with 0x3f.
        NS_TEST_EXPECT_MSG_EQ(TcpSynCookieGenerator::InitTimestamp(1023, all), 1023, "equal");
        // Nothing: wscale 0xf only; 0 | 0xf = 15 > 5 -> wraps like the 32-bit option.
        NS_TEST_EXPECT_MSG_EQ(TcpSynCookieGenerator::InitTimestamp(5, Options{}),
                              uint32_t(15 - 64),
                              "start of the clock");

        // Round trip through the decoder, every listener option on.
        for (const Options& o : {wsSack, all, Options{true, 14, false, true}, Options{}})
        {
            const uint32_t ts = TcpSynCookieGenerator::InitTimestamp(123456, o);
            const std::optional<Options> back =
                TcpSynCookieGenerator::DecodeTimestamp(ts, true, true, true);
            NS_TEST_EXPECT_MSG_EQ(back.has_value(), true, "decoded");
            NS_TEST_EXPECT_MSG_EQ((back.value_or(Options{}) == o), true, "round trip of " << ts);
        }
        // An ACK without timestamps: every option off.
        NS_TEST_EXPECT_MSG_EQ(
            (TcpSynCookieGenerator::DecodeTimestamp(std::nullopt, true, true, true)
                 .value_or(wsSack) == Options{}),
            true,
            "no timestamps");
        // An option the listener has off: no child (returns false in Linux).
        NS_TEST_EXPECT_MSG_EQ(
            TcpSynCookieGenerator::DecodeTimestamp(983, false, true, true).has_value(),
            false,
            "timestamps off");
        NS_TEST_EXPECT_MSG_EQ(
            TcpSynCookieGenerator::DecodeTimestamp(983, true, false, true).has_value(),
            false,
            "SACK off");
        NS_TEST_EXPECT_MSG_EQ(
            TcpSynCookieGenerator::DecodeTimestamp(983, true, true, false).has_value(),
            false,
            "window scaling off");
        // 0x2f (no window scaling, ECN) passes with SACK and window scaling off.
        NS_TEST_EXPECT_MSG_EQ(
            TcpSynCookieGenerator::DecodeTimestamp(0x2f, true, false, false).has_value(),
            true,
            "no SACK, no wscale");
    }
};

/**
 * \param bed the testbed
 * \param name a counter of the server's node
 * \return its value
 */
uint64_t
ServerCounter(const Testbed& bed, const std::string& name)
{
    return TcpFastOpenHelper::GetCounters(bed.server)->Get(name);
}

/**
 * An IPv6 client connecting while the SYN queue is full gets a cookie SYN-ACK
 * and completes its transaction through a cookie child (cookie_v6_init_sequence,
 * cookie_v6_check). Backlog 1 (Linux 6.18 admits backlog + 1 = 2 requests);
 * the first SYN-ACKs of connections A and A2 are lost, so their requests fill
 * the SYN queue; B's SYN at 1.1 s finds it full. With
 * \p garble, B's first segment after the SYN-ACK reaches the server with its
 * acknowledgement number changed by 2^23: SyncookiesFailed, the listener
 * answers it with <SEQ=SEG.ACK><CTL=RST> (tcp_v6_send_reset; B, in
 * ESTABLISHED, finds that reset outside its window and drops it), and B's
 * retransmission (same cookie) then succeeds.
 */
class TfoSynCookieIpv6TestCase : public TestCase
{
  public:
    /// \param garble garble the first cookie ACK
    explicit TfoSynCookieIpv6TestCase(bool garble)
        : TestCase(garble ? "IPv6, SYN queue full: a garbled cookie ACK fails, the next succeeds"
                          : "IPv6, SYN queue full: cookie SYN-ACK, cookie ACK, data flows"),
          m_garble(garble)
    {
    }

  private:
    void DoRun() override
    {
        Testbed::Config config;
        config.ipv6 = true;
        Testbed bed(config);
        bed.server->GetObject<TcpFastOpenSocketFactory>()->SetSocketAttribute("ListenBacklog",
                                                                              UintegerValue(1));
        bed.AddServer();
        uint32_t synAcks = 0;
        bed.DropAt(false, [&synAcks](const Segment& s) {
            return s.Is(TcpHeader::SYN | TcpHeader::ACK) && synAcks++ < 2;
        });
        bool garbled = false;
        SequenceNumber32 garbledAck;
        if (m_garble)
        {
            bed.RewriteAt(true, [&garbled, &garbledAck](TcpHeader& h, uint32_t) {
                if (garbled || (h.GetFlags() & TcpHeader::SYN))
                {
                    return false;
                }
                h.SetAckNumber(h.GetAckNumber() + SequenceNumber32(1u << 23));
                garbledAck = h.GetAckNumber();
                garbled = true;
                return true;
            });
        }
        Ptr<RequestResponseClient> a = bed.AddClient(100, 1000, 1, Seconds(1));
        Ptr<RequestResponseClient> a2 = bed.AddClient(100, 1000, 1, Seconds(1.05));
        Ptr<RequestResponseClient> b = bed.AddClient(100, 20000, 1, Seconds(1.1));
        bed.Run(Seconds(10));

        const std::string dump = bed.Dump();
        NS_TEST_EXPECT_MSG_EQ(ServerCounter(bed, "TCPReqQFullDoCookies"), 1, dump);
        NS_TEST_EXPECT_MSG_EQ(ServerCounter(bed, "SyncookiesSent"), 1, dump);
        NS_TEST_EXPECT_MSG_EQ(ServerCounter(bed, "SyncookiesRecv"), 1, dump);
        NS_TEST_EXPECT_MSG_EQ(ServerCounter(bed, "SyncookiesFailed"), (m_garble ? 1 : 0), dump);
        NS_TEST_EXPECT_MSG_EQ(ServerCounter(bed, "ListenDrops"), 0, dump);
        NS_TEST_EXPECT_MSG_EQ(garbled, m_garble, "the rewrite happened");
        NS_TEST_EXPECT_MSG_EQ(a->GetCompletedCount(), 1, "A completed: " << dump);
        NS_TEST_EXPECT_MSG_EQ(a2->GetCompletedCount(), 1, "A2 completed: " << dump);
        NS_TEST_EXPECT_MSG_EQ(b->GetCompletedCount(), 1, "B completed: " << dump);

        // B's SYN is the first one sent at 1.1 s or later.
        std::optional<uint16_t> portB;
        for (const Segment& s : bed.Select(true, TcpHeader::SYN))
        {
            if (s.time >= Seconds(1.1) && !portB)
            {
                portB = s.header.GetSourcePort();
            }
        }
        TFO_TEST_REQUIRE(portB, "B sent a SYN: " << dump);
        std::vector<Segment> synAcksB;
        std::vector<Segment> resetsB;
        uint32_t responseBytes = 0;
        uint32_t largest = 0;
        for (const Segment& s : bed.GetSegments())
        {
            if (s.fromClient || s.header.GetDestinationPort() != *portB)
            {
                continue;
            }
            if (s.Is(TcpHeader::SYN | TcpHeader::ACK))
            {
                synAcksB.push_back(s);
            }
            if (s.header.GetFlags() & TcpHeader::RST)
            {
                resetsB.push_back(s);
            }
            responseBytes += s.payload;
            largest = std::max(largest, s.payload);
        }
        TFO_TEST_REQUIRE(synAcksB.size() == 1, "one SYN-ACK to B (no retransmission):\n" << dump);
        TFO_TEST_REQUIRE(resetsB.size() == (m_garble ? 1 : 0), "resets to B:\n" << dump);
        if (m_garble)
        {
            NS_TEST_EXPECT_MSG_EQ(resetsB[0].Is(TcpHeader::RST), true, "a bare RST, no ACK");
            NS_TEST_EXPECT_MSG_EQ(resetsB[0].header.GetSequenceNumber(),
                                  garbledAck,
                                  "<SEQ=SEG.ACK>: the garbled ACK's number");
        }
        // The cookie SYN-ACK: no Fast Open option, the server's IPv6 MSS.
        NS_TEST_EXPECT_MSG_EQ(synAcksB[0].tfo.has_value(), false, "no TFO option");
        TFO_TEST_REQUIRE(synAcksB[0].header.HasOption(TcpOption::MSS), "MSS option");
        NS_TEST_EXPECT_MSG_EQ(
            DynamicCast<const TcpOptionMSS>(synAcksB[0].header.GetOption(TcpOption::MSS))->GetMSS(),
            1500 - 60,
            "IPv6 MSS");
        NS_TEST_EXPECT_MSG_EQ(responseBytes, 20000, "B's response crossed the link once");
        // The cookie encodes B's MSS 1440 (msstab6 index 2); with timestamps
        // the child sends 1440 - 12 bytes a segment.
        NS_TEST_EXPECT_MSG_EQ(largest, 1440 - 12, "child's segment size from the cookie MSS");
    }

    void DoTeardown() override
    {
        Simulator::Destroy();
    }

    bool m_garble; //!< garble the first cookie ACK
};

/**
 * A SYN without options does not switch the listener's own options off: a
 * bare SYN (no window scale, SACK-permitted or timestamps) sent from the
 * client node's TCP at 0.5 s gets a SYN-ACK without them, and a normal client
 * connecting at 1 s still gets window scale, SACK-permitted and timestamps.
 * (TcpSocketBase reads a SYN's options into the listener itself; the cookie
 * SYN-ACK and cookie_timestamp_decode read the listener's settings as Linux
 * reads its sysctls.)
 */
class TfoListenerKeepsOptionsTestCase : public TestCase
{
  public:
    TfoListenerKeepsOptionsTestCase()
        : TestCase("a SYN without options leaves the listener's window scale, SACK, timestamps on")
    {
    }

  private:
    void DoRun() override
    {
        Testbed bed(Testbed::Config{});
        bed.AddServer();
        Simulator::Schedule(Seconds(0.5), [&bed]() {
            TcpHeader syn;
            syn.SetFlags(TcpHeader::SYN);
            syn.SetSourcePort(40000);
            syn.SetDestinationPort(8080);
            syn.SetSequenceNumber(SequenceNumber32(1000));
            syn.SetWindowSize(65535);
            bed.client->GetObject<TcpL4Protocol>()->SendPacket(Create<Packet>(),
                                                               syn,
                                                               bed.GetClientIp(),
                                                               bed.GetServerIp());
        });
        Ptr<RequestResponseClient> client = bed.AddClient(100, 1000, 1, Seconds(1));
        bed.Run(Seconds(5));

        const std::string dump = bed.Dump();
        const std::vector<Segment> synAcks = bed.Select(false, TcpHeader::SYN | TcpHeader::ACK);
        TFO_TEST_REQUIRE(synAcks.size() == 2, "two SYN-ACKs:\n" << dump);
        NS_TEST_EXPECT_MSG_EQ(synAcks[0].header.GetDestinationPort(), 40000, dump);
        for (const TcpOption::Kind kind :
             {TcpOption::WINSCALE, TcpOption::SACKPERMITTED, TcpOption::TS})
        {
            NS_TEST_EXPECT_MSG_EQ(synAcks[0].header.HasOption(kind),
                                  false,
                                  "bare SYN's SYN-ACK, option " << int(kind));
            NS_TEST_EXPECT_MSG_EQ(synAcks[1].header.HasOption(kind),
                                  true,
                                  "later SYN-ACK, option " << int(kind) << ":\n"
                                                           << dump);
        }
        NS_TEST_EXPECT_MSG_EQ(client->GetCompletedCount(), 1, dump);
    }

    void DoTeardown() override
    {
        Simulator::Destroy();
    }
};

/**
 * Window scaling, SACK and ECN through a SYN cookie (cookie_init_timestamp,
 * cookie_timestamp_decode), end to end with net.ipv4.tcp_syncookies = 2 (every
 * SYN gets a cookie): a 40000-byte request whose 5th data segment is lost on
 * the way to the server and a 400000-byte response.
 *
 * With timestamps: the cookie SYN-ACK carries window scale and SACK-permitted,
 * and its TSval's low 6 bits are the client's window scale with the SACK bit
 * (and the ECN bit with \p ecn), at most the clock and less than 128 ms below
 * it. The cookie child then (i) scales its window fields by the scale it
 * advertised (field << scale <= its 131072-byte buffer, and > 65535 at some
 * point), (ii) honours the client's scale: more than 65535 bytes in flight,
 * which an unscaled 16-bit window forbids, (iii) sends SACK blocks after the
 * lost segment, (iv) with \p ecn marks its data segments ECT (IPv4).
 * Without client timestamps the SYN-ACK carries neither window scale,
 * SACK-permitted nor timestamps, and the child stays within 65535 bytes in
 * flight and sends no SACK blocks.
 */
class TfoSynCookieOptionsTestCase : public TestCase
{
  public:
    /**
     * \param ipv6 IPv6 rather than IPv4
     * \param timestamps the client sends timestamps
     * \param ecn client and server use ECN (IPv4 only)
     */
    TfoSynCookieOptionsTestCase(bool ipv6, bool timestamps, bool ecn)
        : TestCase(std::string("cookie child: window scale, SACK") + (ecn ? ", ECN" : "") +
                   " from the TSval (" + (ipv6 ? "IPv6" : "IPv4") +
                   (timestamps ? ", timestamps)" : ", no timestamps: none of them)")),
          m_ipv6(ipv6),
          m_timestamps(timestamps),
          m_ecn(ecn)
    {
    }

  private:
    void DoRun() override
    {
        Testbed::Config config;
        config.ipv6 = m_ipv6;
        Testbed bed(config);
        Ptr<TcpFastOpenSocketFactory> serverFactory =
            bed.server->GetObject<TcpFastOpenSocketFactory>();
        Ptr<TcpFastOpenSocketFactory> clientFactory =
            bed.client->GetObject<TcpFastOpenSocketFactory>();
        serverFactory->SetSocketAttribute("SynCookies", UintegerValue(2));
        if (!m_timestamps)
        {
            clientFactory->SetSocketAttribute("Timestamp", BooleanValue(false));
        }
        if (m_ecn)
        {
            serverFactory->SetSocketAttribute("UseEcn", EnumValue(TcpSocketState::On));
            clientFactory->SetSocketAttribute("UseEcn", EnumValue(TcpSocketState::On));
        }
        bed.serverDevice->TraceConnectWithoutContext(
            "PhyTxBegin",
            MakeCallback(&TfoSynCookieOptionsTestCase::ServerTx, this));
        bed.AddServer();
        uint32_t clientData = 0;
        bed.DropAt(true,
                   [&clientData](const Segment& s) { return s.payload > 0 && ++clientData == 5; });
        Ptr<RequestResponseClient> client = bed.AddClient(40000, 400000, 1, Seconds(1));
        bed.Run(Seconds(20));

        const std::string dump = bed.Dump();
        NS_TEST_EXPECT_MSG_EQ(client->GetCompletedCount(), 1, dump);
        const uint64_t sent = TcpFastOpenHelper::GetCounters(bed.server)->Get("SyncookiesSent");
        const uint64_t recv = TcpFastOpenHelper::GetCounters(bed.server)->Get("SyncookiesRecv");
        NS_TEST_EXPECT_MSG_EQ(sent, 1, "one cookie SYN-ACK");
        NS_TEST_EXPECT_MSG_EQ(recv, 1, "one cookie child");
        const std::vector<Segment> syns = bed.Select(true, TcpHeader::SYN);
        const std::vector<Segment> synAcks = bed.Select(false, TcpHeader::SYN | TcpHeader::ACK);
        TFO_TEST_REQUIRE(syns.size() == 1 && synAcks.size() == 1,
                         "one SYN, one SYN-ACK:\n"
                             << dump);
        const TcpHeader& syn = syns[0].header;
        const TcpHeader& synAck = synAcks[0].header;
        TFO_TEST_REQUIRE(syn.HasOption(TcpOption::WINSCALE) &&
                             syn.HasOption(TcpOption::SACKPERMITTED),
                         "the client offers window scaling and SACK");
        NS_TEST_EXPECT_MSG_EQ(syn.HasOption(TcpOption::TS), m_timestamps, "client timestamps");
        NS_TEST_EXPECT_MSG_EQ(bool(synAck.GetFlags() & TcpHeader::ECE), m_ecn, "ECE");

        uint8_t serverScale = 0;
        if (m_timestamps)
        {
            TFO_TEST_REQUIRE(synAck.HasOption(TcpOption::TS) &&
                                 synAck.HasOption(TcpOption::WINSCALE) &&
                                 synAck.HasOption(TcpOption::SACKPERMITTED),
                             "cookie SYN-ACK with timestamps, window scale, SACK-permitted:\n"
                                 << dump);
            const uint8_t clientScale =
                DynamicCast<const TcpOptionWinScale>(syn.GetOption(TcpOption::WINSCALE))
                    ->GetScale();
            serverScale =
                DynamicCast<const TcpOptionWinScale>(synAck.GetOption(TcpOption::WINSCALE))
                    ->GetScale();
            NS_TEST_EXPECT_MSG_GT(serverScale, 0, "the server's 131072-byte buffer needs scaling");
            const uint32_t tsval =
                DynamicCast<const TcpOptionTS>(synAck.GetOption(TcpOption::TS))->GetTimestamp();
            const uint32_t expected = clientScale | TcpSynCookieGenerator::TS_OPT_SACK |
                                      (m_ecn ? TcpSynCookieGenerator::TS_OPT_ECN : 0);
            NS_TEST_EXPECT_MSG_EQ((tsval & 0x3f), expected, "TSval low 6 bits: wscale, SACK, ECN");
            const auto nowMs = static_cast<uint32_t>(synAcks[0].time.GetMilliSeconds());
            NS_TEST_EXPECT_MSG_LT_OR_EQ(tsval, nowMs, "TSval not above the clock");
            NS_TEST_EXPECT_MSG_GT(tsval + 128, nowMs, "TSval at most 127 ms below the clock");
        }
        else
        {
            for (const TcpOption::Kind kind :
                 {TcpOption::WINSCALE, TcpOption::SACKPERMITTED, TcpOption::TS})
            {
                NS_TEST_EXPECT_MSG_EQ(synAck.HasOption(kind),
                                      false,
                                      "no timestamps: cookie SYN-ACK without option " << int(kind));
            }
        }

        // What the child did: scaled windows, bytes in flight, SACK blocks.
        SequenceNumber32 sndUna = synAck.GetSequenceNumber() + 1;
        SequenceNumber32 sndNxt = sndUna;
        int64_t maxInFlight = 0;
        uint32_t maxScaledWindow = 0;
        uint32_t overBuffer = 0;
        uint32_t sackSegments = 0;
        for (const Segment& s : bed.GetSegments())
        {
            if (s.header.GetFlags() & TcpHeader::SYN)
            {
                continue;
            }
            if (s.fromClient)
            {
                sndUna = std::max(sndUna, s.header.GetAckNumber());
                continue;
            }
            sndNxt = std::max(sndNxt, s.header.GetSequenceNumber() + s.payload);
            maxInFlight = std::max<int64_t>(maxInFlight, sndNxt - sndUna);
            const uint32_t scaled = uint32_t(s.header.GetWindowSize()) << serverScale;
            maxScaledWindow = std::max(maxScaledWindow, scaled);
            overBuffer += scaled > 131072 ? 1 : 0;
            sackSegments += s.header.HasOption(TcpOption::SACK) ? 1 : 0;
        }
        NS_TEST_EXPECT_MSG_EQ(overBuffer, 0, "window fields scaled by the advertised scale");
        if (m_timestamps)
        {
            NS_TEST_EXPECT_MSG_GT(maxScaledWindow, 65535, "the child's window is scaled");
            NS_TEST_EXPECT_MSG_GT(maxInFlight, 65535, "the child uses the client's scale");
            NS_TEST_EXPECT_MSG_GT(sackSegments, 0, "the child sends SACK blocks:\n" << dump);
        }
        else
        {
            NS_TEST_EXPECT_MSG_LT_OR_EQ(maxInFlight, 65535, "no window scaling");
            NS_TEST_EXPECT_MSG_EQ(sackSegments, 0, "no SACK");
        }
        if (!m_ipv6)
        {
            NS_TEST_EXPECT_MSG_GT(m_serverData, 200, "server data segments seen");
            NS_TEST_EXPECT_MSG_EQ(m_serverEct,
                                  (m_ecn ? m_serverData : 0),
                                  "the child's data segments are ECT exactly with ECN");
        }
    }

    void DoTeardown() override
    {
        Simulator::Destroy();
    }

    /**
     * \brief Count the server's IPv4 TCP data packets and the ECT ones.
     * \param packet a packet the server's device starts sending (PPP header on)
     */
    void ServerTx(Ptr<const Packet> packet)
    {
        Ptr<Packet> copy = packet->Copy();
        PppHeader ppp;
        copy->RemoveHeader(ppp);
        if (ppp.GetProtocol() != 0x0021)
        {
            return;
        }
        Ipv4Header ip;
        copy->RemoveHeader(ip);
        TcpHeader tcp;
        copy->RemoveHeader(tcp);
        if (ip.GetProtocol() != TcpL4Protocol::PROT_NUMBER ||
            ip.GetPayloadSize() <= tcp.GetLength() * 4)
        {
            return;
        }
        m_serverData++;
        m_serverEct += ip.GetEcn() != Ipv4Header::ECN_NotECT ? 1 : 0;
    }

    bool m_ipv6;              //!< IPv6 rather than IPv4
    bool m_timestamps;        //!< the client sends timestamps
    bool m_ecn;               //!< both sides use ECN
    uint32_t m_serverData{0}; //!< server's IPv4 data segments
    uint32_t m_serverEct{0};  //!< of which ECT
};

/**
 * \ingroup tcp-fast-open-tests
 * The SYN cookie suite.
 */
class TfoSynCookieTestSuite : public TestSuite
{
  public:
    TfoSynCookieTestSuite()
        : TestSuite("tcp-fast-open-syn-cookie", TFO_TEST_SYSTEM)
    {
        AddTestCase(new TfoSynCookieVectorTest(), TFO_TEST_QUICK);
        AddTestCase(new TfoSynCookieBindingTest(), TFO_TEST_QUICK);
        AddTestCase(new TfoSynCookieMssTableTest(), TFO_TEST_QUICK);
        AddTestCase(new TfoSynCookieTimestampTest(), TFO_TEST_QUICK);
        AddTestCase(new TfoSynCookieIpv6TestCase(false), TFO_TEST_QUICK);
        AddTestCase(new TfoSynCookieIpv6TestCase(true), TFO_TEST_QUICK);
        AddTestCase(new TfoListenerKeepsOptionsTestCase(), TFO_TEST_QUICK);
        AddTestCase(new TfoSynCookieOptionsTestCase(false, true, false), TFO_TEST_QUICK);
        AddTestCase(new TfoSynCookieOptionsTestCase(true, true, false), TFO_TEST_QUICK);
        AddTestCase(new TfoSynCookieOptionsTestCase(false, true, true), TFO_TEST_QUICK);
        AddTestCase(new TfoSynCookieOptionsTestCase(false, false, false), TFO_TEST_QUICK);
        AddTestCase(new TfoSynCookieOptionsTestCase(true, false, false), TFO_TEST_QUICK);
    }
};

/// The suite's instance.
static TfoSynCookieTestSuite g_tfoSynCookieTestSuite;
