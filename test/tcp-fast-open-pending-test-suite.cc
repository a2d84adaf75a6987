/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup tcp-fast-open-tests
 *
 * Pending-TFO accounting as Linux's fastopen_queue (issue 14 item 3): a Fast
 * Open child counts against max_qlen until the client's ACK arrives or the
 * child dies, also when its application closed it in SYN_RCVD
 * (tcp_rcv_synrecv_state_fastopen in FIN_WAIT1); tcp_check_req drops a RST
 * outside the request's window and an unacceptable ACK draws a RST
 * (tcp_rcv_state_process); a reset child holds its slot for 60 s only if the
 * application already accepted it (reqsk_fastopen_remove).
 */

#include "tcp-fast-open-test-util.h"

#include "ns3/core-module.h"
#include "ns3/test.h"

using namespace ns3;
using namespace ns3::tfotest;

namespace
{

/// Port of the tests' listeners.
constexpr uint16_t kPort = 8080;

/**
 * \param size request bytes
 * \return a request of the testbed server's format: 100 bytes asked for
 */
Ptr<Packet>
MakeRequest(uint32_t size)
{
    std::vector<uint8_t> request(size, 'x');
    request[0] = request[1] = request[4] = request[5] = request[6] = 0;
    request[2] = uint8_t(size >> 8);
    request[3] = uint8_t(size);
    request[7] = 100; // response length
    return Create<Packet>(request.data(), request.size());
}

/**
 * \brief Open a Fast Open connection from the client node at \p when
 * (TCP_FASTOPEN_CONNECT with a cached cookie: the request goes in the SYN).
 * \param bed the testbed
 * \param when the time
 * \return the client socket
 */
Ptr<Socket>
OpenAt(Testbed& bed, Time when)
{
    Ptr<Socket> socket = Socket::CreateSocket(bed.client, TcpFastOpenSocketFactory::GetTypeId());
    const Address server = bed.GetServerAddress();
    Simulator::Schedule(when, [socket, server]() {
        socket->Bind();
        socket->Connect(server);
        socket->Send(MakeRequest(200));
    });
    return socket;
}

/**
 * \param all segments
 * \param index which client SYN (0: the first)
 * \return the SYN-ACK answering the client's \p index-th SYN: its ACK number
 *         minus the SYN's sequence number (1: the data was refused)
 */
uint32_t
SynDataAcked(const std::vector<Segment>& all, uint32_t index)
{
    const Segment* syn = nullptr;
    for (const Segment& s : all)
    {
        if (s.fromClient && s.Is(TcpHeader::SYN) && index-- == 0)
        {
            syn = &s;
            break;
        }
    }
    if (!syn)
    {
        return 0;
    }
    for (const Segment& s : all)
    {
        if (!s.fromClient && s.time > syn->time && s.Is(TcpHeader::SYN | TcpHeader::ACK) &&
            s.header.GetDestinationPort() == syn->header.GetSourcePort())
        {
            return (s.header.GetAckNumber() - syn->header.GetSequenceNumber());
        }
    }
    return 0;
}

/// \param server the testbed's server \return its listener once it listens
Ptr<TcpFastOpenSocket>
Listener(Ptr<RequestResponseServer> server)
{
    return DynamicCast<TcpFastOpenSocket>(server->GetListeningSocket());
}

} // namespace

/**
 * \ingroup tcp-fast-open-tests
 * (a) max_qlen 1; the server's application answers (100 bytes) and, 1 ms
 * later, closes each Fast Open child, in SYN_RCVD: the child sends its FIN and
 * goes to FIN_WAIT_1 with its request. The client's pure ACKs are lost until
 * 2 s. A second Fast Open SYN at 1.5 s finds the slot taken (ListenOverflow,
 * SYN data refused); once an ACK gets through (with the first client's data at
 * 2.5 s) the slot is free and a third SYN at 4 s is accepted.
 */
class TfoClosedInSynRcvdKeepsSlotTestCase : public TestCase
{
  public:
    TfoClosedInSynRcvdKeepsSlotTestCase()
        : TestCase("(a) a child closed in SYN_RCVD keeps its slot until the client's ACK")
    {
    }

  private:
    void DoRun() override
    {
        Testbed::Config config;
        config.serverQueueLength = 1;
        Testbed bed(config);
        UseFastOpenConnectWithCookie(bed);
        bed.DropAt(true, [](const Segment& s) {
            return s.Is(TcpHeader::ACK) && s.payload == 0 && Simulator::Now() < Seconds(2);
        });
        Ptr<Socket> listener =
            Socket::CreateSocket(bed.server, TcpFastOpenSocketFactory::GetTypeId());
        listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), kPort));
        listener->Listen();
        uint32_t children = 0;
        listener->SetAcceptCallback(
            MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
            MakeCallback(+[](uint32_t* count, Ptr<Socket> child, const Address&) {
                (*count)++;
                child->Recv(); // the SYN data (a close with unread data resets)
                child->Send(Create<Packet>(100));
                // Once the answer has left: the FIN goes alone (DoClose).
                Simulator::Schedule(MilliSeconds(1), [child]() { child->Close(); });
            }).Bind(&children));
        Ptr<TcpFastOpenSocket> tfoListener = DynamicCast<TcpFastOpenSocket>(listener);
        std::vector<uint32_t> pending;
        for (double t : {1.4, 3.5})
        {
            Simulator::Schedule(Seconds(t), [&]() {
                pending.push_back(tfoListener->GetPendingFastOpenCount());
            });
        }
        Ptr<Socket> first = OpenAt(bed, Seconds(1));
        OpenAt(bed, Seconds(1.5));
        OpenAt(bed, Seconds(4));
        // The first client's next segment after the loss carries its ACK.
        Simulator::Schedule(Seconds(2.5), [first]() { first->Send(Create<Packet>(10)); });
        bed.Run(Seconds(10));

        NS_TEST_ASSERT_MSG_EQ(children, 3, "three children (the second without Fast Open)");
        bool finInSynRcvd = false;
        for (const Segment& s : bed.GetSegments())
        {
            finInSynRcvd |= !s.fromClient && (s.header.GetFlags() & TcpHeader::FIN) &&
                            s.time < Seconds(1.1);
        }
        NS_TEST_ASSERT_MSG_EQ(finInSynRcvd, true, "the first child's FIN left in SYN_RCVD");
        NS_TEST_ASSERT_MSG_EQ(pending.size(), 2, "samples");
        NS_TEST_ASSERT_MSG_EQ(pending[0], 1, "the closed child still counts at 1.4 s");
        NS_TEST_ASSERT_MSG_EQ(pending[1], 0, "released by the ACK after 2 s");
        NS_TEST_ASSERT_MSG_EQ(SynDataAcked(bed.GetSegments(), 0), 201, bed.Dump());
        NS_TEST_ASSERT_MSG_EQ(SynDataAcked(bed.GetSegments(), 1),
                              1,
                              "1.5 s: the slot is taken, the SYN data refused\n"
                                  << bed.Dump());
        NS_TEST_ASSERT_MSG_EQ(SynDataAcked(bed.GetSegments(), 2),
                              201,
                              "4 s: the slot is free again\n"
                                  << bed.Dump());
        Ptr<TcpFastOpenCounters> sc = TcpFastOpenHelper::GetCounters(bed.server);
        NS_TEST_ASSERT_MSG_EQ(sc->Get("TCPFastOpenListenOverflow"), 1, "ListenOverflow at 1.5 s");
        Simulator::Destroy();
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * (b) A Fast Open child in SYN_RCVD (the client's ACKs void until 3 s) gets a
 * RST from its client at 1.5 s with the sequence number moved by \p offset:
 * outside the request's window (offset 100000 > 65535) it is dropped and the
 * child lives on (RFC 5961, tcp_check_req); anywhere inside it (offset 1000)
 * it kills the child, which then holds its slot (accepted at once: 60 s).
 */
class TfoResetWindowTestCase : public TestCase
{
  public:
    /// \param offset added to the RST's sequence number
    explicit TfoResetWindowTestCase(uint32_t offset)
        : TestCase("(b) RST in SYN_RCVD at RCV.NXT + " + std::to_string(offset) + ": " +
                   (offset > 65535 ? "outside the window, dropped" : "in the window, resets")),
          m_offset(offset)
    {
    }

  private:
    void DoRun() override
    {
        Testbed::Config config;
        config.serverQueueLength = 1;
        Testbed bed(config);
        UseFastOpenConnectWithCookie(bed);
        // One receive error model per device: the client's pure ACKs before
        // 3 s lose their ACK flag (the child drops them) and its RSTs move.
        const uint32_t offset = m_offset;
        bed.RewriteAt(true, [offset](TcpHeader& h, uint32_t payload) {
            if (h.GetFlags() == TcpHeader::ACK && payload == 0 && Simulator::Now() < Seconds(3))
            {
                h.SetFlags(0);
                return true;
            }
            if (!(h.GetFlags() & TcpHeader::RST))
            {
                return false;
            }
            h.SetSequenceNumber(h.GetSequenceNumber() + offset);
            return true;
        });
        Ptr<RequestResponseServer> server = bed.AddServer();
        Ptr<Socket> client = OpenAt(bed, Seconds(1));
        // ns-3 resets on Close() with unread data: the response is unread.
        Simulator::Schedule(Seconds(1.5), [client]() { client->Close(); });
        uint32_t childrenAt2 = 99;
        uint32_t pendingAt2 = 99;
        // Before the child's first retransmission (about 2 s).
        Simulator::Schedule(Seconds(1.9), [&]() {
            childrenAt2 = Listener(server)->GetChildSocketCount();
            pendingAt2 = Listener(server)->GetPendingFastOpenCount();
        });
        bed.Run(Seconds(4));

        NS_TEST_ASSERT_MSG_GT(bed.Select(true, TcpHeader::RST | TcpHeader::ACK).size(),
                              0,
                              "the client's reset\n"
                                  << bed.Dump());
        const bool inWindow = m_offset <= 65535;
        NS_TEST_ASSERT_MSG_EQ(childrenAt2,
                              inWindow ? 0 : 1,
                              (inWindow ? "the reset killed the child\n"
                                        : "the child ignored the reset\n")
                                  << bed.Dump());
        NS_TEST_ASSERT_MSG_EQ(pendingAt2, 1, "the child, or its held slot, counts\n" << bed.Dump());
        Simulator::Destroy();
    }

    uint32_t m_offset; //!< added to the RST's sequence number
};

/**
 * \ingroup tcp-fast-open-tests
 * (b) An ACK in SYN_RCVD that acknowledges more than the child sent (the
 * client's handshake ACK rewritten to ACK + 5000) is answered with
 * <SEQ=SEG.ACK><CTL=RST> (tcp_rcv_state_process: "send one RST"); the child
 * lives on.
 */
class TfoUnacceptableAckTestCase : public TestCase
{
  public:
    TfoUnacceptableAckTestCase()
        : TestCase("(b) an unacceptable ACK in SYN_RCVD is answered with a RST")
    {
    }

  private:
    void DoRun() override
    {
        Testbed bed(Testbed::Config{});
        UseFastOpenConnectWithCookie(bed);
        bool rewritten = false;
        SequenceNumber32 bogus;
        bed.RewriteAt(true, [&](TcpHeader& h, uint32_t payload) {
            if (rewritten || h.GetFlags() != TcpHeader::ACK || payload > 0)
            {
                return false;
            }
            rewritten = true;
            bogus = h.GetAckNumber() + 5000;
            h.SetAckNumber(bogus);
            return true;
        });
        Ptr<RequestResponseServer> server = bed.AddServer();
        OpenAt(bed, Seconds(1));
        uint32_t children = 0;
        // The rewritten ACK reaches the server at about 1.03 s (the client's
        // next ACK, for the response, completes the handshake).
        Simulator::Schedule(Seconds(1.035), [&]() {
            children = Listener(server)->GetChildSocketCount();
        });
        bed.Run(Seconds(3));

        NS_TEST_ASSERT_MSG_EQ(rewritten, true, "the handshake ACK was rewritten");
        const std::vector<Segment> resets = bed.Select(false, TcpHeader::RST);
        NS_TEST_ASSERT_MSG_EQ(resets.size(), 1, "one RST from the server\n" << bed.Dump());
        if (!resets.empty())
        {
            NS_TEST_ASSERT_MSG_EQ(resets.front().header.GetSequenceNumber(),
                                  bogus,
                                  "<SEQ=SEG.ACK>");
        }
        NS_TEST_ASSERT_MSG_EQ(children, 1, "the child lives on");
        Simulator::Destroy();
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * (c) AcceptRate 1/s, max_qlen 1, the client's pure ACKs void until 20 s
 * (every child stays in SYN_RCVD). Client A's child waits in the accept queue
 * (to be accepted at about 2 s) when A resets it at 1.5 s (A has nothing
 * unread, so ns-3 closes with a FIN: the server's device turns it into a RST):
 * its slot is freed at once, and B's Fast Open SYN at 3 s is accepted. The
 * dead child is still accepted at about 2 s, as Linux's accept() returns it:
 * the server reads A's request from it. B's
 * child is accepted at about 4 s and reset at 5 s (B's Close() with the
 * response unread): its slot is held for 60 s, and C's SYN at 7 s finds the
 * slot taken.
 */
class TfoResetBeforeAcceptTestCase : public TestCase
{
  public:
    TfoResetBeforeAcceptTestCase()
        : TestCase("(c) the 60 s hold only for children no longer in the accept queue")
    {
    }

  private:
    void DoRun() override
    {
        Testbed::Config config;
        config.serverQueueLength = 1;
        Testbed bed(config);
        UseFastOpenConnectWithCookie(bed);
        bed.server->GetObject<TcpFastOpenSocketFactory>()->SetSocketAttribute("AcceptRate",
                                                                              DoubleValue(1));
        // One receive error model per device: the client's pure ACKs lose
        // their ACK flag (the child drops them), A's FIN becomes a RST.
        bool aReset = false;
        bed.RewriteAt(true, [&aReset](TcpHeader& h, uint32_t payload) {
            if (h.GetFlags() == TcpHeader::ACK && payload == 0 && Simulator::Now() < Seconds(20))
            {
                h.SetFlags(0);
                return true;
            }
            if (h.GetFlags() == (TcpHeader::FIN | TcpHeader::ACK) && Simulator::Now() < Seconds(2))
            {
                h.SetFlags(TcpHeader::RST | TcpHeader::ACK);
                aReset = true;
                return true;
            }
            return false;
        });
        Ptr<RequestResponseServer> server = bed.AddServer();
        Ptr<Socket> a = OpenAt(bed, Seconds(1));
        Simulator::Schedule(Seconds(1.5), [a]() { a->Close(); });
        Ptr<Socket> b = OpenAt(bed, Seconds(3));
        Simulator::Schedule(Seconds(5), [b]() { b->Close(); });
        OpenAt(bed, Seconds(7));
        uint32_t acceptQueueAt14 = 99;
        Simulator::Schedule(Seconds(1.4), [&]() {
            acceptQueueAt14 = Listener(server)->GetAcceptQueueLength();
        });
        uint32_t childrenAt16 = 99;
        Simulator::Schedule(Seconds(1.6),
                            [&]() { childrenAt16 = Listener(server)->GetChildSocketCount(); });
        uint64_t acceptedAt25 = 99;
        uint64_t bytesAt25 = 99;
        Simulator::Schedule(Seconds(2.5), [&]() {
            acceptedAt25 = server->GetConnectionCount();
            bytesAt25 = server->GetBytesReceived();
        });
        bed.Run(Seconds(8));

        NS_TEST_ASSERT_MSG_EQ(acceptQueueAt14, 1, "A's child waits in the accept queue");
        NS_TEST_ASSERT_MSG_EQ(aReset, true, "A's RST reached the server");
        NS_TEST_ASSERT_MSG_EQ(childrenAt16, 0, "A's RST killed its child\n" << bed.Dump());
        NS_TEST_ASSERT_MSG_EQ(acceptedAt25, 1, "A's reset child is accepted (inet_csk_accept)");
        NS_TEST_ASSERT_MSG_EQ(bytesAt25, 200, "its request is read from it");
        NS_TEST_ASSERT_MSG_EQ(server->GetConnectionCount(), 2, "A's dead child and B's accepted");
        NS_TEST_ASSERT_MSG_EQ(SynDataAcked(bed.GetSegments(), 0), 201, bed.Dump());
        NS_TEST_ASSERT_MSG_EQ(SynDataAcked(bed.GetSegments(), 1),
                              201,
                              "3 s: A's slot was freed at its reset\n"
                                  << bed.Dump());
        NS_TEST_ASSERT_MSG_EQ(SynDataAcked(bed.GetSegments(), 2),
                              1,
                              "7 s: B's slot is held\n"
                                  << bed.Dump());
        Simulator::Destroy();
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * RequestResponseServer with a child accepted after its client's FIN
 * (AcceptRate 1/s): the client sends its Fast Open request at 1 s and closes
 * at 1.5 s; the child, in CLOSE_WAIT with the request unread, is accepted at
 * about 2 s. TcpSocketBase::Recv returns an empty packet (end of file) for as
 * long as the child stays in CLOSE_WAIT, and the child's close callback fired
 * before the application set one: the server reads the request, answers it
 * and closes on the end of file (it looped forever on the empty packets).
 */
class TfoAcceptedAfterFinTestCase : public TestCase
{
  public:
    TfoAcceptedAfterFinTestCase()
        : TestCase("a child accepted after its client's FIN is answered and closed")
    {
    }

  private:
    void DoRun() override
    {
        Testbed bed(Testbed::Config{});
        UseFastOpenConnectWithCookie(bed);
        bed.server->GetObject<TcpFastOpenSocketFactory>()->SetSocketAttribute("AcceptRate",
                                                                              DoubleValue(1));
        Ptr<RequestResponseServer> server = bed.AddServer();
        Ptr<Socket> client = OpenAt(bed, Seconds(1));
        Simulator::Schedule(Seconds(1.5), [client]() { client->Close(); });
        uint32_t acceptQueueAt18 = 99;
        Simulator::Schedule(Seconds(1.8),
                            [&]() { acceptQueueAt18 = Listener(server)->GetAcceptQueueLength(); });
        bed.Run(Seconds(4));

        NS_TEST_ASSERT_MSG_EQ(acceptQueueAt18, 1, "the closed child waits in the accept queue");
        NS_TEST_ASSERT_MSG_EQ(server->GetConnectionCount(), 1, "the child was accepted");
        NS_TEST_ASSERT_MSG_EQ(server->GetRequestCount(), 1, "its request was read");
        const std::vector<Segment> fins = bed.Select(false, TcpHeader::FIN | TcpHeader::ACK);
        NS_TEST_ASSERT_MSG_EQ(fins.size(), 1, "the server closed\n" << bed.Dump());
        uint32_t responseBytes = 0;
        for (const Segment& s : bed.GetSegments())
        {
            responseBytes += s.fromClient ? 0 : s.payload;
        }
        NS_TEST_ASSERT_MSG_EQ(responseBytes, 100, "the response was sent once\n" << bed.Dump());
        // The client closed at 1.5 s and its FIN was acked: an orphan in
        // FIN_WAIT2, it answers the response (data after close) with one RST,
        // as Linux does.
        NS_TEST_ASSERT_MSG_EQ(bed.Select(true, TcpHeader::RST | TcpHeader::ACK).size() +
                                  bed.Select(true, TcpHeader::RST).size(),
                              1,
                              "the client reset the response once\n"
                                  << bed.Dump());
        NS_TEST_ASSERT_MSG_EQ(Listener(server)->GetChildSocketCount(),
                              0,
                              "the child is gone\n"
                                  << bed.Dump());
        Simulator::Destroy();
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * The close callback of a child whose client's FIN came while it waited in
 * the accept queue (AcceptRate 1/s; the client sends its Fast Open request at
 * 1 s and closes at 1.5 s). An application that relies on the close callback
 * (it reads nothing here) hears of it once it has the child (at about 2 s);
 * without it, such a child would stay in CLOSE_WAIT unseen.
 */
class TfoAcceptedAfterFinCloseCallbackTestCase : public TestCase
{
  public:
    TfoAcceptedAfterFinCloseCallbackTestCase()
        : TestCase("a child accepted after its client's FIN reports the close")
    {
    }

  private:
    /// \param socket the closed child
    void NormalClose(Ptr<Socket> socket)
    {
        m_closes.push_back(Simulator::Now());
        socket->Close();
    }

    /// \param socket the accepted child \param from the client
    void Accept(Ptr<Socket> socket, const Address& from)
    {
        m_accepts.push_back(Simulator::Now());
        socket->SetCloseCallbacks(
            MakeCallback(&TfoAcceptedAfterFinCloseCallbackTestCase::NormalClose, this),
            MakeNullCallback<void, Ptr<Socket>>());
    }

    void DoRun() override
    {
        Testbed bed(Testbed::Config{});
        UseFastOpenConnectWithCookie(bed);
        bed.server->GetObject<TcpFastOpenSocketFactory>()->SetSocketAttribute("AcceptRate",
                                                                              DoubleValue(1));
        Ptr<Socket> listener =
            Socket::CreateSocket(bed.server, TcpFastOpenSocketFactory::GetTypeId());
        listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), kPort));
        listener->Listen();
        listener->SetAcceptCallback(
            MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
            MakeCallback(&TfoAcceptedAfterFinCloseCallbackTestCase::Accept, this));
        Ptr<Socket> client = OpenAt(bed, Seconds(1));
        Simulator::Schedule(Seconds(1.5), [client]() { client->Close(); });
        bed.Run(Seconds(4));

        NS_TEST_ASSERT_MSG_EQ(m_accepts.size(), 1, "the child was accepted");
        NS_TEST_ASSERT_MSG_EQ(m_closes.size(), 1, "its close was reported\n" << bed.Dump());
        if (m_accepts.size() == 1 && m_closes.size() == 1)
        {
            NS_TEST_ASSERT_MSG_GT(m_accepts.front(), Seconds(1.5), "accepted after the FIN");
            NS_TEST_ASSERT_MSG_EQ(m_closes.front(), m_accepts.front(), "reported on accept");
        }
        // Closed with the request unread: a RST, as Linux's tcp_close.
        NS_TEST_ASSERT_MSG_EQ(bed.Select(false, TcpHeader::RST | TcpHeader::ACK).size(),
                              1,
                              "the application closed the child\n"
                                  << bed.Dump());
        Simulator::Destroy();
    }

    std::vector<Time> m_accepts; //!< when children were accepted
    std::vector<Time> m_closes;  //!< when normal closes were reported
};

/**
 * \ingroup tcp-fast-open-tests
 * Pending-TFO accounting.
 */
class TfoPendingTestSuite : public TestSuite
{
  public:
    TfoPendingTestSuite()
        : TestSuite("tcp-fast-open-pending", TFO_TEST_UNIT)
    {
        AddTestCase(new TfoClosedInSynRcvdKeepsSlotTestCase, TFO_TEST_QUICK);
        AddTestCase(new TfoResetWindowTestCase(100000), TFO_TEST_QUICK);
        AddTestCase(new TfoResetWindowTestCase(1000), TFO_TEST_QUICK);
        AddTestCase(new TfoUnacceptableAckTestCase, TFO_TEST_QUICK);
        AddTestCase(new TfoResetBeforeAcceptTestCase, TFO_TEST_QUICK);
        AddTestCase(new TfoAcceptedAfterFinTestCase, TFO_TEST_QUICK);
        AddTestCase(new TfoAcceptedAfterFinCloseCallbackTestCase, TFO_TEST_QUICK);
    }
};

/// The suite's instance.
static TfoPendingTestSuite g_tfoPendingTestSuite;
