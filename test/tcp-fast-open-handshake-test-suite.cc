/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup tcp-fast-open-tests
 *
 * End-to-end simulations of the Fast Open handshake that succeeds: cookie
 * request (a), SYN data (b), the server answering in SYN_RCVD (c), the
 * no-cookie modes (i), the experimental option form (j), key rotation (k) and
 * IPv6 (m). Every test asserts on the segments seen on the wire, on times and
 * on the nodes' counters.
 */

#include "tcp-fast-open-test-util.h"

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/test.h"

using namespace ns3;
using namespace ns3::tfotest;

namespace
{

/// Bytes of a segment on a point-to-point link: PPP + IPv4 + TCP header + payload.
uint32_t
WireBytes(const Segment& s)
{
    return 2 + 20 + s.header.GetSerializedSize() + s.payload;
}

/**
 * \param all segments
 * \param fromClient direction
 * \param index which one (0-based) among those with a SYN flag in that direction
 * \return that SYN or SYN-ACK
 */
Segment
NthSyn(const std::vector<Segment>& all, bool fromClient, uint32_t index)
{
    for (const Segment& s : all)
    {
        if (s.fromClient == fromClient && (s.header.GetFlags() & TcpHeader::SYN))
        {
            if (index-- == 0)
            {
                return s;
            }
        }
    }
    return Segment();
}

/// The cookie the server's key gives for the testbed's addresses.
TcpFastOpenCookie
ExpectedCookie(const Testbed& bed)
{
    return TcpFastOpenHelper::GetCookieGenerator(bed.server)
        ->Generate(bed.GetClientIp(), bed.GetServerIp());
}

} // namespace

/**
 * (a) No cached cookie: the SYN carries a cookie request and no data, the
 * SYN-ACK's cookie is cached, and the request follows the handshake.
 */
class TfoCookieRequestTestCase : public TestCase
{
  public:
    TfoCookieRequestTestCase()
        : TestCase("(a) first connection: cookie request, cookie cached, data after handshake")
    {
    }

  private:
    void DoRun() override
    {
        Testbed bed(Testbed::Config{});
        Ptr<RequestResponseServer> server = bed.AddServer();
        Ptr<RequestResponseClient> client = bed.AddClient(100, 1000, 1, Seconds(1));
        bed.Run(Seconds(10));

        std::vector<Segment> syns = bed.Select(true, TcpHeader::SYN);
        TFO_TEST_REQUIRE(syns.size() == 1, "one SYN\n" + bed.Dump());
        NS_TEST_ASSERT_MSG_EQ(syns[0].payload, 0, "a cookie-request SYN carries no data");
        TFO_TEST_REQUIRE(syns[0].tfo.has_value(), bed.Dump());
        NS_TEST_ASSERT_MSG_EQ(syns[0].tfo->isRequest, true, "the SYN asks for a cookie");
        NS_TEST_ASSERT_MSG_EQ(syns[0].tfo->form, TcpOptionFastOpen::RFC7413, "kind 34");

        std::vector<Segment> synAcks = bed.Select(false, TcpHeader::SYN | TcpHeader::ACK);
        TFO_TEST_REQUIRE(synAcks.size() == 1, bed.Dump());
        TFO_TEST_REQUIRE(synAcks[0].tfo.has_value(), "the SYN-ACK carries a cookie");
        NS_TEST_ASSERT_MSG_EQ(synAcks[0].tfo->isRequest, false, bed.Dump());
        NS_TEST_ASSERT_MSG_EQ(synAcks[0].tfo->cookie, ExpectedCookie(bed), "the server's cookie");
        NS_TEST_ASSERT_MSG_EQ(static_cast<uint32_t>(synAcks[0].tfo->cookie.GetLength()),
                              8,
                              "Linux issues 8-byte cookies");
        NS_TEST_ASSERT_MSG_EQ(synAcks[0].header.GetAckNumber(),
                              syns[0].header.GetSequenceNumber() + 1,
                              "the SYN-ACK acknowledges the ISN");

        auto entry = TcpFastOpenHelper::GetCookieCache(bed.client)
                         ->Lookup(bed.GetClientIp(), bed.GetServerIp());
        TFO_TEST_REQUIRE(entry.has_value(), "the client cached the cookie");
        NS_TEST_ASSERT_MSG_EQ(entry->cookie, ExpectedCookie(bed), "cached cookie");
        NS_TEST_ASSERT_MSG_EQ(entry->mss, 1460, "cached server MSS (MTU 1500)");

        // The request follows the handshake: the client's first data segment
        // comes after its ACK of the SYN-ACK, one RTT after the SYN.
        Segment firstData;
        for (const Segment& s : bed.GetSegments())
        {
            if (s.fromClient && s.payload > 0)
            {
                firstData = s;
                break;
            }
        }
        NS_TEST_ASSERT_MSG_EQ(firstData.payload, 100, bed.Dump());
        NS_TEST_ASSERT_MSG_EQ(firstData.header.GetSequenceNumber(),
                              syns[0].header.GetSequenceNumber() + 1,
                              "data starts at ISN + 1");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(firstData.time - syns[0].time,
                                    MilliSeconds(20),
                                    "data waited for the handshake");

        NS_TEST_ASSERT_MSG_EQ(client->GetCompletedCount(), 1, "transaction completed");
        NS_TEST_ASSERT_MSG_EQ(server->GetBytesReceived(), 100, "request received once");
        NS_TEST_ASSERT_MSG_EQ(+client->GetTransactions()[0].clientFailReason,
                              +TcpFastOpenSocket::TFO_COOKIE_UNAVAILABLE,
                              "tcpi_fastopen_client_fail");
        Ptr<TcpFastOpenCounters> sc = TcpFastOpenHelper::GetCounters(bed.server);
        Ptr<TcpFastOpenCounters> cc = TcpFastOpenHelper::GetCounters(bed.client);
        NS_TEST_ASSERT_MSG_EQ(sc->Get("TCPFastOpenCookieReqd"), 1, "CookieReqd");
        NS_TEST_ASSERT_MSG_EQ(sc->Get("TCPFastOpenPassive"), 0, "no passive TFO yet");
        NS_TEST_ASSERT_MSG_EQ(cc->Get("TCPFastOpenActive"), 0, "no active TFO yet");
        Simulator::Destroy();
    }
};

/**
 * (b) Cached cookie: the SYN carries the cookie and min(request, MSS - 40)
 * bytes, the server application receives them one one-way delay after the
 * SYN left, before the client's ACK arrives; the SYN-ACK acknowledges
 * ISN + 1 + len and the rest of a 4000-byte request follows in order.
 */
class TfoSynDataTestCase : public TestCase
{
  public:
    TfoSynDataTestCase()
        : TestCase("(b) cached cookie: SYN carries cookie + MSS-40 bytes, delivered before the ACK")
    {
    }

  private:
    void DoRun() override
    {
        Testbed bed(Testbed::Config{});
        Ptr<RequestResponseServer> server = bed.AddServer();
        Ptr<RequestResponseClient> client = bed.AddClient(4000, 1000, 2, Seconds(1));
        std::vector<std::pair<Time, uint32_t>> serverRx;
        server->TraceConnectWithoutContext(
            "Rx",
            MakeCallback(+[](std::vector<std::pair<Time, uint32_t>>* rx,
                             Ptr<const Packet> p,
                             const Address&) {
                rx->emplace_back(Simulator::Now(), p->GetSize());
            }).Bind(&serverRx));
        bed.Run(Seconds(10));

        const Segment syn = NthSyn(bed.GetSegments(), true, 1);
        TFO_TEST_REQUIRE(syn.tfo.has_value(), bed.Dump());
        NS_TEST_ASSERT_MSG_EQ(syn.tfo->cookie, ExpectedCookie(bed), "the SYN echoes the cookie");
        NS_TEST_ASSERT_MSG_EQ(syn.payload, 1460 - 40, "min(4000, cached MSS 1460 - 40)");

        const Segment synAck = NthSyn(bed.GetSegments(), false, 1);
        NS_TEST_ASSERT_MSG_EQ(synAck.header.GetAckNumber(),
                              syn.header.GetSequenceNumber() + 1 + 1420,
                              "SYN-ACK acknowledges ISN + 1 + SYN data");
        NS_TEST_ASSERT_MSG_EQ(synAck.tfo.has_value(), false, "a valid cookie gets no new cookie");

        // Arrival of the SYN data at the server application: the SYN left at
        // syn.time, takes its serialization time plus one one-way delay.
        const Time serialization = DataRate("100Mbps").CalculateBytesTxTime(WireBytes(syn));
        Time synDataRx;
        for (const auto& [t, bytes] : serverRx)
        {
            if (t > syn.time)
            {
                synDataRx = t;
                NS_TEST_ASSERT_MSG_EQ(bytes, 1420, "the SYN's data arrives as one read");
                break;
            }
        }
        NS_TEST_ASSERT_MSG_EQ(synDataRx,
                              syn.time + serialization + MilliSeconds(10),
                              "delivered one one-way delay after the SYN left");
        // The client's ACK of the SYN-ACK reaches the server one RTT later.
        Segment clientAck;
        for (const Segment& s : bed.GetSegments())
        {
            if (s.fromClient && s.time > synAck.time && s.Is(TcpHeader::ACK))
            {
                clientAck = s;
                break;
            }
        }
        NS_TEST_ASSERT_MSG_GT(clientAck.time + MilliSeconds(10),
                              synDataRx + MilliSeconds(19),
                              "data delivered a round trip before the client's ACK arrives");

        // The rest of the request (2580 bytes) follows in order.
        uint32_t rest = 0;
        SequenceNumber32 next = syn.header.GetSequenceNumber() + 1 + 1420;
        for (const Segment& s : bed.GetSegments())
        {
            if (s.fromClient && s.payload > 0 && s.time > syn.time)
            {
                NS_TEST_ASSERT_MSG_EQ(s.header.GetSequenceNumber(), next, "in order, no gap");
                next = next + s.payload;
                rest += s.payload;
            }
        }
        NS_TEST_ASSERT_MSG_EQ(rest, 4000 - 1420, "the rest follows the SYN");
        NS_TEST_ASSERT_MSG_EQ(server->GetBytesReceived(), 8000, "each request byte once");
        NS_TEST_ASSERT_MSG_EQ(client->GetCompletedCount(), 2, "both transactions completed");
        NS_TEST_ASSERT_MSG_EQ(client->GetTransactions()[1].synDataBytes, 1420, "record");
        NS_TEST_ASSERT_MSG_EQ(client->GetTransactions()[1].synDataAcked, true, "record");
        NS_TEST_ASSERT_MSG_EQ(TcpFastOpenHelper::GetCounters(bed.client)->Get("TCPFastOpenActive"),
                              1,
                              "Active");
        NS_TEST_ASSERT_MSG_EQ(TcpFastOpenHelper::GetCounters(bed.server)->Get("TCPFastOpenPassive"),
                              1,
                              "Passive");
        Simulator::Destroy();
    }
};

/**
 * (c) The server answers in SYN_RCVD: a request/response over TFO completes one
 * RTT sooner than over a three-way handshake, and the client's ACK of the
 * SYN-ACK, which arrives after the response left, does not reset the child.
 */
class TfoServerAnswersInSynRcvdTestCase : public TestCase
{
  public:
    TfoServerAnswersInSynRcvdTestCase()
        : TestCase("(c) server answers in SYN_RCVD: one RTT saved, no reset")
    {
    }

  private:
    void DoRun() override
    {
        Testbed bed(Testbed::Config{});
        Ptr<RequestResponseServer> server = bed.AddServer();
        Ptr<RequestResponseClient> client = bed.AddClient(100, 1000, 2, Seconds(1));
        bed.Run(Seconds(10));

        TFO_TEST_REQUIRE(client->GetCompletedCount() == 2, bed.Dump());
        const Time plain = client->GetTransactions()[0].GetLatency();
        const Time tfo = client->GetTransactions()[1].GetLatency();
        // Both pay 1 RTT for request/response and the same serialization times;
        // the plain one pays one more RTT (20 ms) for the handshake, and its
        // SYN/SYN-ACK are a few bytes shorter than the TFO ones.
        NS_TEST_ASSERT_MSG_EQ_TOL(plain - tfo,
                                  MilliSeconds(20),
                                  MicroSeconds(100),
                                  "TFO saves one RTT");

        const Segment synAck = NthSyn(bed.GetSegments(), false, 1);
        Segment response;
        for (const Segment& s : bed.GetSegments())
        {
            if (!s.fromClient && s.payload > 0 && s.time >= synAck.time)
            {
                response = s;
                break;
            }
        }
        NS_TEST_ASSERT_MSG_EQ(response.payload, 1000, bed.Dump());
        NS_TEST_ASSERT_MSG_LT(response.time - synAck.time,
                              MilliSeconds(1),
                              "the response leaves right after the SYN-ACK, in SYN_RCVD");
        for (const Segment& s : bed.GetSegments())
        {
            NS_TEST_ASSERT_MSG_EQ((s.header.GetFlags() & TcpHeader::RST), 0, bed.Dump());
        }
        NS_TEST_ASSERT_MSG_EQ(server->GetRequestCount(), 2, "both requests answered");
        Simulator::Destroy();
    }
};

/**
 * (i) The no-cookie modes: client 0x4 sends SYN data without any option;
 * server 0x200 accepts SYN data without a cookie.
 */
class TfoNoCookieTestCase : public TestCase
{
  public:
    /**
     * \param clientMode client's net.ipv4.tcp_fastopen
     * \param serverMode server's
     * \param name test name
     */
    TfoNoCookieTestCase(uint32_t clientMode, uint32_t serverMode, const std::string& name)
        : TestCase(name),
          m_clientMode(clientMode),
          m_serverMode(serverMode)
    {
    }

  private:
    void DoRun() override
    {
        Testbed::Config config;
        config.clientMode = m_clientMode;
        config.serverMode = m_serverMode;
        Testbed bed(config);
        Ptr<RequestResponseServer> server = bed.AddServer();
        Ptr<RequestResponseClient> client = bed.AddClient(300, 1000, 2, Seconds(1));
        bed.Run(Seconds(10));

        const bool clientNoCookie = m_clientMode & TcpFastOpenSocket::CLIENT_NO_COOKIE;
        const bool serverNoCookie = m_serverMode & TcpFastOpenSocket::SERVER_COOKIE_NOT_REQD;
        const Segment syn = NthSyn(bed.GetSegments(), true, 0);
        const Segment synAck = NthSyn(bed.GetSegments(), false, 0);
        Ptr<TcpFastOpenCounters> cc = TcpFastOpenHelper::GetCounters(bed.client);
        Ptr<TcpFastOpenCounters> sc = TcpFastOpenHelper::GetCounters(bed.server);
        if (clientNoCookie)
        {
            NS_TEST_ASSERT_MSG_EQ(syn.tfo.has_value(), false, "0x4: no option at all");
            NS_TEST_ASSERT_MSG_EQ(syn.payload, 300, "0x4: data from the first SYN on");
            const uint32_t acked =
                synAck.header.GetAckNumber() - syn.header.GetSequenceNumber() - 1;
            NS_TEST_ASSERT_MSG_EQ(acked,
                                  serverNoCookie ? 300 : 0,
                                  "accepted only by a server that needs no cookie");
            NS_TEST_ASSERT_MSG_EQ(cc->Get("TCPFastOpenActive"), serverNoCookie ? 2 : 0, "Active");
            NS_TEST_ASSERT_MSG_EQ(cc->Get("TCPFastOpenActiveFail"),
                                  serverNoCookie ? 0 : 2,
                                  "ActiveFail");
        }
        else
        {
            NS_TEST_ASSERT_MSG_EQ(syn.tfo.has_value(), true, "a cookie request");
            NS_TEST_ASSERT_MSG_EQ(syn.payload, 0, "no data before a cookie");
            NS_TEST_ASSERT_MSG_EQ(synAck.tfo.has_value(),
                                  false,
                                  "a server needing no cookie sends none");
            const Segment secondSyn = NthSyn(bed.GetSegments(), true, 1);
            NS_TEST_ASSERT_MSG_EQ(secondSyn.payload, 0, "still no cookie: still no data");
        }
        NS_TEST_ASSERT_MSG_EQ(sc->Get("TCPFastOpenPassive"), serverNoCookie ? 2 : 0, "Passive");
        NS_TEST_ASSERT_MSG_EQ(server->GetBytesReceived(), 600, "each request byte once");
        TFO_TEST_REQUIRE(client->GetCompletedCount() == 2, bed.Dump());
        Simulator::Destroy();
    }

    uint32_t m_clientMode; //!< client mode
    uint32_t m_serverMode; //!< server mode
};

/**
 * (j) The experimental option (kind 254, magic 0xF989) end to end; a server
 * accepts both forms; a client whose cookie request gets no answer switches
 * form, as Linux's try_exp.
 */
class TfoExperimentalOptionTestCase : public TestCase
{
  public:
    TfoExperimentalOptionTestCase()
        : TestCase("(j) experimental option end to end; try_exp switches form")
    {
    }

  private:
    void DoRun() override
    {
        {
            Config::SetDefault("ns3::TcpFastOpenSocket::OptionForm", StringValue("Experimental"));
            Testbed bed(Testbed::Config{});
            Ptr<RequestResponseServer> server = bed.AddServer();
            Ptr<RequestResponseClient> client = bed.AddClient(200, 500, 2, Seconds(1));
            bed.Run(Seconds(10));
            Config::SetDefault("ns3::TcpFastOpenSocket::OptionForm", StringValue("Rfc7413"));

            const Segment request = NthSyn(bed.GetSegments(), true, 0);
            const Segment cookieSynAck = NthSyn(bed.GetSegments(), false, 0);
            const Segment dataSyn = NthSyn(bed.GetSegments(), true, 1);
            NS_TEST_ASSERT_MSG_EQ(request.tfo->form, TcpOptionFastOpen::EXPERIMENTAL, bed.Dump());
            NS_TEST_ASSERT_MSG_EQ(cookieSynAck.tfo->form,
                                  TcpOptionFastOpen::EXPERIMENTAL,
                                  "the server answers in the client's form");
            NS_TEST_ASSERT_MSG_EQ(cookieSynAck.tfo->cookie, ExpectedCookie(bed), "same cookie");
            NS_TEST_ASSERT_MSG_EQ(dataSyn.tfo->form,
                                  TcpOptionFastOpen::EXPERIMENTAL,
                                  "the cached form is used");
            NS_TEST_ASSERT_MSG_EQ(dataSyn.payload, 200, "SYN data in the experimental form");
            NS_TEST_ASSERT_MSG_EQ(
                TcpFastOpenHelper::GetCounters(bed.server)->Get("TCPFastOpenPassive"),
                1,
                "accepted");
            auto entry = TcpFastOpenHelper::GetCookieCache(bed.client)
                             ->Lookup(bed.GetClientIp(), bed.GetServerIp());
            NS_TEST_ASSERT_MSG_EQ(entry->experimental, true, "cache remembers the form");
            NS_TEST_ASSERT_MSG_EQ(server->GetBytesReceived(), 400, "each byte once");
            Simulator::Destroy();
        }
        {
            // A server without TFO never answers: RFC form, then experimental
            // (try_exp = 1), then back to RFC 7413 (try_exp = 2) for good.
            Testbed::Config config;
            config.serverMode = 0;
            Testbed bed(config);
            bed.AddServer();
            Ptr<RequestResponseClient> client = bed.AddClient(200, 500, 4, Seconds(1));
            bed.Run(Seconds(20));
            TFO_TEST_REQUIRE(client->GetCompletedCount() == 4, bed.Dump());
            const TcpOptionFastOpen::Form expected[] = {TcpOptionFastOpen::RFC7413,
                                                        TcpOptionFastOpen::EXPERIMENTAL,
                                                        TcpOptionFastOpen::RFC7413,
                                                        TcpOptionFastOpen::RFC7413};
            for (uint32_t i = 0; i < 4; ++i)
            {
                const Segment syn = NthSyn(bed.GetSegments(), true, i);
                TFO_TEST_REQUIRE(syn.tfo.has_value(), bed.Dump());
                NS_TEST_ASSERT_MSG_EQ(syn.tfo->isRequest, true, "always a request");
                NS_TEST_ASSERT_MSG_EQ(syn.tfo->form, expected[i], "form of request " << i);
                NS_TEST_ASSERT_MSG_EQ(NthSyn(bed.GetSegments(), false, i).tfo.has_value(),
                                      false,
                                      "no TFO server: no cookie");
            }
            NS_TEST_ASSERT_MSG_EQ(
                TcpFastOpenHelper::GetCounters(bed.server)->Get("TCPFastOpenCookieReqd"),
                4,
                "CookieReqd is counted even without TFO on the listener");
            Simulator::Destroy();
        }
    }
};

/**
 * (k) Key rotation: a cookie valid only under the backup key is accepted and
 * answered with a fresh cookie (PassiveAltKey); once the backup is gone it is
 * rejected.
 */
class TfoKeyRotationTestCase : public TestCase
{
  public:
    TfoKeyRotationTestCase()
        : TestCase("(k) key rotation: backup-key cookie accepted with a fresh cookie, then refused")
    {
    }

  private:
    void DoRun() override
    {
        Testbed bed(Testbed::Config{});
        Ptr<RequestResponseServer> server = bed.AddServer();
        // Connections at 1, 3, 5 and 7 s (think time 2 s, short transactions).
        Ptr<RequestResponseClient> client = bed.AddClient(100, 100, 4, Seconds(1), Seconds(2));
        Ptr<TcpFastOpenCookieGenerator> generator =
            TcpFastOpenHelper::GetCookieGenerator(bed.server);
        const TcpFastOpenCookie oldCookie = ExpectedCookie(bed);
        // New key at 2 s (old one kept as backup); backup dropped at 6 s; the
        // client is made to present the old cookie again before connection 4.
        TcpFastOpenHelper::ScheduleKeyRotation(bed.server,
                                               Seconds(2),
                                               "0f0e0d0c-0b0a0908-07060504-03020100");
        Simulator::Schedule(Seconds(6), [generator]() { generator->DropBackupKey(); });
        Ptr<TcpFastOpenCookieCache> cache = TcpFastOpenHelper::GetCookieCache(bed.client);
        Simulator::Schedule(Seconds(6.5), [&]() {
            cache->Store(bed.GetClientIp(), bed.GetServerIp(), oldCookie, 1460, false);
        });
        bed.Run(Seconds(20));

        TFO_TEST_REQUIRE(client->GetCompletedCount() == 4, bed.Dump());
        const TcpFastOpenCookie newCookie = ExpectedCookie(bed);
        NS_TEST_ASSERT_MSG_NE(newCookie, oldCookie, "the key changed");

        const Segment syn2 = NthSyn(bed.GetSegments(), true, 1);
        const Segment synAck2 = NthSyn(bed.GetSegments(), false, 1);
        NS_TEST_ASSERT_MSG_EQ(syn2.tfo->cookie, oldCookie, "connection 2 presents the old cookie");
        NS_TEST_ASSERT_MSG_EQ(synAck2.header.GetAckNumber(),
                              syn2.header.GetSequenceNumber() + 101,
                              "backup-key cookie accepted: data acknowledged");
        NS_TEST_ASSERT_MSG_EQ(synAck2.tfo.has_value(), true, "a fresh cookie comes back");
        NS_TEST_ASSERT_MSG_EQ(synAck2.tfo->cookie, newCookie, "made with the new primary key");

        const Segment syn3 = NthSyn(bed.GetSegments(), true, 2);
        NS_TEST_ASSERT_MSG_EQ(syn3.tfo->cookie, newCookie, "the client cached the fresh cookie");

        const Segment syn4 = NthSyn(bed.GetSegments(), true, 3);
        const Segment synAck4 = NthSyn(bed.GetSegments(), false, 3);
        NS_TEST_ASSERT_MSG_EQ(syn4.tfo->cookie, oldCookie, "old cookie presented again");
        NS_TEST_ASSERT_MSG_EQ(synAck4.header.GetAckNumber(),
                              syn4.header.GetSequenceNumber() + 1,
                              "backup gone: rejected, only the ISN acknowledged");
        NS_TEST_ASSERT_MSG_EQ(synAck4.tfo->cookie, newCookie, "and a valid cookie offered");

        Ptr<TcpFastOpenCounters> sc = TcpFastOpenHelper::GetCounters(bed.server);
        NS_TEST_ASSERT_MSG_EQ(sc->Get("TCPFastOpenPassiveAltKey"), 1, "PassiveAltKey");
        NS_TEST_ASSERT_MSG_EQ(sc->Get("TCPFastOpenPassive"), 2, "connections 2 and 3");
        NS_TEST_ASSERT_MSG_EQ(sc->Get("TCPFastOpenPassiveFail"), 1, "connection 4");
        NS_TEST_ASSERT_MSG_EQ(server->GetBytesReceived(), 400, "each request byte once");
        Simulator::Destroy();
    }
};

/**
 * (m) IPv6 end to end: the cookie is computed over the 32 bytes of addresses,
 * and the SYN data is accepted.
 */
class TfoIpv6TestCase : public TestCase
{
  public:
    TfoIpv6TestCase()
        : TestCase("(m) IPv6 end to end")
    {
    }

  private:
    void DoRun() override
    {
        Testbed::Config config;
        config.ipv6 = true;
        Testbed bed(config);
        Ptr<RequestResponseServer> server = bed.AddServer();
        Ptr<RequestResponseClient> client = bed.AddClient(2000, 1000, 2, Seconds(3));
        bed.Run(Seconds(15));

        TFO_TEST_REQUIRE(client->GetCompletedCount() == 2, bed.Dump());
        const Segment cookieSynAck = NthSyn(bed.GetSegments(), false, 0);
        NS_TEST_ASSERT_MSG_EQ(cookieSynAck.tfo->cookie,
                              ExpectedCookie(bed),
                              "cookie over the IPv6 addresses");
        const Segment syn = NthSyn(bed.GetSegments(), true, 1);
        NS_TEST_ASSERT_MSG_EQ(syn.payload, 1440 - 40, "IPv6: path MSS 1440 - 40");
        NS_TEST_ASSERT_MSG_EQ(NthSyn(bed.GetSegments(), false, 1).header.GetAckNumber(),
                              syn.header.GetSequenceNumber() + 1 + 1400,
                              "SYN data acknowledged");
        NS_TEST_ASSERT_MSG_EQ(server->GetBytesReceived(), 4000, "each request byte once");
        NS_TEST_ASSERT_MSG_EQ(TcpFastOpenHelper::GetCounters(bed.server)->Get("TCPFastOpenPassive"),
                              1,
                              "Passive");
        Simulator::Destroy();
    }
};

/**
 * TCP_FASTOPEN_CONNECT with a stock application: a BulkSend with MaxBytes=500
 * and a warm cookie cache puts its 500 bytes in the first SYN.
 */
class TfoFastOpenConnectBulkSendTestCase : public TestCase
{
  public:
    TfoFastOpenConnectBulkSendTestCase()
        : TestCase("TCP_FASTOPEN_CONNECT: stock BulkSend puts 500 B in its first SYN")
    {
    }

  private:
    void DoRun() override
    {
        // FastOpenConnect on every TcpFastOpenSocket created in this test.
        Config::SetDefault("ns3::TcpFastOpenSocket::FastOpenConnect", BooleanValue(true));
        Testbed bed(Testbed::Config{});
        // Warm the cache as an earlier visit would have.
        TcpFastOpenHelper::GetCookieCache(bed.client)
            ->Store(bed.GetClientIp(), bed.GetServerIp(), ExpectedCookie(bed), 1460, false);
        PacketSinkHelper sink(TcpFastOpenHelper::GetSocketFactoryType(),
                              InetSocketAddress(Ipv4Address::GetAny(), 9));
        ApplicationContainer sinkApp = sink.Install(bed.server);
        Ptr<PacketSink> packetSink = DynamicCast<PacketSink>(sinkApp.Get(0));
        BulkSendHelper bulk(TcpFastOpenHelper::GetSocketFactoryType(),
                            InetSocketAddress(Ipv4Address::ConvertFrom(bed.GetServerIp()), 9));
        bulk.SetAttribute("MaxBytes", UintegerValue(500));
        ApplicationContainer bulkApp = bulk.Install(bed.client);
        bulkApp.Start(Seconds(1));
        bed.Run(Seconds(5));
        Config::SetDefault("ns3::TcpFastOpenSocket::FastOpenConnect", BooleanValue(false));

        std::vector<Segment> syns = bed.Select(true, TcpHeader::SYN);
        TFO_TEST_REQUIRE(syns.size() == 1, "one SYN\n" + bed.Dump());
        NS_TEST_ASSERT_MSG_EQ(syns[0].payload, 500, "all 500 bytes in the first SYN");
        NS_TEST_ASSERT_MSG_EQ(syns[0].tfo->cookie, ExpectedCookie(bed), "with the cookie");
        NS_TEST_ASSERT_MSG_EQ(packetSink->GetTotalRx(), 500, "delivered once");
        Simulator::Destroy();
    }
};

/**
 * Random ISNs (the Linux-defaults profile): each side echoes the other's SYN
 * timestamp, so RTT samples and the retransmission timeout stay RTT-sized; a
 * lost request is resent after about one RTO, not after a time that grows with
 * the simulation clock.
 */
class TfoRandomIsnTimestampsTestCase : public TestCase
{
  public:
    TfoRandomIsnTimestampsTestCase()
        : TestCase("random ISN: SYN timestamps echoed, RTO stays RTT-sized")
    {
    }

  private:
    void DoRun() override
    {
        Testbed bed(Testbed::Config{});
        bool dropped = false;
        // Drop the request of the third (plain, cookie-less) connection: no
        // TFO API, so the request follows the handshake in its own segment.
        bed.DropAt(true, [&dropped](const Segment& seg) {
            if (!dropped && seg.payload == 300 && Simulator::Now() > Seconds(20))
            {
                dropped = true;
                return true;
            }
            return false;
        });
        Ptr<RequestResponseServer> server = bed.AddServer();
        Ptr<RequestResponseClient> client = bed.AddClient(300,
                                                          1000,
                                                          3,
                                                          Seconds(1),
                                                          Seconds(10),
                                                          RequestResponseClient::PLAIN_CONNECT);
        bed.Run(Seconds(40));
        TFO_TEST_REQUIRE(client->GetCompletedCount() == 3, bed.Dump());
        NS_TEST_ASSERT_MSG_EQ(dropped, true, "the third request was dropped");

        const auto tsOf = [](const Segment& seg) {
            return DynamicCast<const TcpOptionTS>(seg.header.GetOption(TcpOption::TS));
        };
        const Segment syn = NthSyn(bed.GetSegments(), true, 2);
        const Segment synAck = NthSyn(bed.GetSegments(), false, 2);
        NS_TEST_ASSERT_MSG_NE(syn.header.GetSequenceNumber(),
                              SequenceNumber32(0),
                              "a random ISN (0 has probability 2^-32)");
        TFO_TEST_REQUIRE(tsOf(syn) && tsOf(synAck), "timestamps on SYN and SYN-ACK");
        NS_TEST_ASSERT_MSG_EQ(tsOf(synAck)->GetEcho(),
                              tsOf(syn)->GetTimestamp(),
                              "the SYN-ACK echoes the SYN's TSval");
        Segment ack;
        for (const Segment& seg : bed.GetSegments())
        {
            if (seg.fromClient && seg.time > synAck.time && seg.Is(TcpHeader::ACK))
            {
                ack = seg;
                break;
            }
        }
        TFO_TEST_REQUIRE(tsOf(ack), bed.Dump());
        NS_TEST_ASSERT_MSG_EQ(tsOf(ack)->GetEcho(),
                              tsOf(synAck)->GetTimestamp(),
                              "the handshake ACK echoes the SYN-ACK's TSval");
        // The request was sent twice: the retransmission one RTO later, where
        // the RTO is max(MinRto 200 ms, srtt + 4 rttvar) for a 20 ms RTT.
        std::vector<Segment> requests;
        for (const Segment& seg : bed.GetSegments())
        {
            if (seg.fromClient && seg.payload == 300 && seg.time > Seconds(20))
            {
                requests.push_back(seg);
            }
        }
        TFO_TEST_REQUIRE(requests.size() == 2, bed.Dump());
        NS_TEST_ASSERT_MSG_GT_OR_EQ(requests[1].time - requests[0].time,
                                    MilliSeconds(199),
                                    "not before MinRto (less the first copy's queueing)");
        NS_TEST_ASSERT_MSG_LT(requests[1].time - requests[0].time,
                              MilliSeconds(300),
                              "RTO derived from a 20 ms RTT");
        NS_TEST_ASSERT_MSG_EQ(server->GetBytesReceived(), 900, "each byte once");
        Simulator::Destroy();
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * The successful Fast Open handshake, end to end.
 */
class TcpFastOpenHandshakeTestSuite : public TestSuite
{
  public:
    TcpFastOpenHandshakeTestSuite()
        : TestSuite("tcp-fast-open-handshake", TFO_TEST_SYSTEM)
    {
        AddTestCase(new TfoCookieRequestTestCase, TFO_TEST_QUICK);
        AddTestCase(new TfoSynDataTestCase, TFO_TEST_QUICK);
        AddTestCase(new TfoServerAnswersInSynRcvdTestCase, TFO_TEST_QUICK);
        AddTestCase(new TfoNoCookieTestCase(TcpFastOpenSocket::CLIENT_ENABLE |
                                                TcpFastOpenSocket::CLIENT_NO_COOKIE,
                                            TcpFastOpenSocket::SERVER_ENABLE |
                                                TcpFastOpenSocket::SERVER_COOKIE_NOT_REQD,
                                            "(i) client 0x4 and server 0x200 together"),
                    TFO_TEST_QUICK);
        AddTestCase(new TfoNoCookieTestCase(TcpFastOpenSocket::CLIENT_ENABLE |
                                                TcpFastOpenSocket::CLIENT_NO_COOKIE,
                                            TcpFastOpenSocket::SERVER_ENABLE,
                                            "(i) client 0x4 alone: data refused, resent"),
                    TFO_TEST_QUICK);
        AddTestCase(new TfoNoCookieTestCase(TcpFastOpenSocket::CLIENT_ENABLE,
                                            TcpFastOpenSocket::SERVER_ENABLE |
                                                TcpFastOpenSocket::SERVER_COOKIE_NOT_REQD,
                                            "(i) server 0x200 alone: child without cookie"),
                    TFO_TEST_QUICK);
        AddTestCase(new TfoExperimentalOptionTestCase, TFO_TEST_QUICK);
        AddTestCase(new TfoKeyRotationTestCase, TFO_TEST_QUICK);
        AddTestCase(new TfoIpv6TestCase, TFO_TEST_QUICK);
        AddTestCase(new TfoFastOpenConnectBulkSendTestCase, TFO_TEST_QUICK);
        AddTestCase(new TfoRandomIsnTimestampsTestCase, TFO_TEST_QUICK);
    }
};

/// The suite instance.
static TcpFastOpenHandshakeTestSuite g_tcpFastOpenHandshakeTestSuite;
