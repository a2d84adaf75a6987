/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup tcp-fast-open-tests
 *
 * Stock ns-3 applications (BulkSend, OnOff -> PacketSink) over stock
 * TcpSocketBase, over the Fast Open socket with Fast Open off, and with Fast
 * Open on (TCP_FASTOPEN_CONNECT, warm cookie cache), at 1 B, 1,420 B (what
 * the SYN carries), 1,421 B and 100 kB: every byte is delivered once, both
 * sides send a FIN that the other acknowledges, no RST; on a loss-free path
 * data that fits the SYN arrives one RTT sooner with Fast Open than without,
 * and larger transfers are never slower (the data after the SYN's follows the
 * SYN-ACK either way).
 */

#include "tcp-fast-open-test-util.h"

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/test.h"

#include <map>
#include <sstream>

using namespace ns3;
using namespace ns3::tfotest;

namespace
{

/// Which socket the applications use.
enum class SocketKind
{
    STOCK,   //!< ns-3's TcpSocketFactory (TcpSocketBase)
    TFO_OFF, //!< TcpFastOpenSocketFactory, net.ipv4.tcp_fastopen = 0
    TFO_ON,  //!< TcpFastOpenSocketFactory, TFO on, TCP_FASTOPEN_CONNECT, warm cache
};

/// Which stock sender drives the transfer.
enum class Sender
{
    BULK_SEND, //!< BulkSendApplication with MaxBytes
    ON_OFF,    //!< OnOffApplication with MaxBytes, always on
};

/// \return a name for test messages
std::string
Name(SocketKind kind, Sender sender, uint32_t bytes)
{
    std::ostringstream os;
    os << (kind == SocketKind::STOCK     ? "stock"
           : kind == SocketKind::TFO_OFF ? "tfo-off"
                                         : "tfo-on")
       << "/" << (sender == Sender::BULK_SEND ? "BulkSend" : "OnOff") << "/" << bytes << "B";
    return os.str();
}

/// What one transfer showed.
struct Outcome
{
    uint64_t received{0};       //!< bytes the PacketSink received
    Time lastByte;              //!< when the sink received its last byte (since start)
    bool clientFin{false};      //!< the client sent a FIN
    bool serverFin{false};      //!< the server sent a FIN
    bool clientFinAcked{false}; //!< the server acknowledged the client's FIN
    bool serverFinAcked{false}; //!< the client acknowledged the server's FIN
    uint32_t resets{0};         //!< RST segments seen
    uint32_t synPayload{0};     //!< bytes the client's first SYN carried
    std::string dump;           //!< the segments, for failure messages
};

/// Application start time.
const Time kStart = Seconds(1);

/**
 * \brief Run one transfer.
 * \param kind the socket
 * \param sender the sending application
 * \param bytes how many bytes it sends
 * \return what the transfer showed
 */
Outcome
RunTransfer(SocketKind kind, Sender sender, uint32_t bytes)
{
    Testbed::Config config;
    if (kind != SocketKind::TFO_ON)
    {
        config.clientMode = 0;
        config.serverMode = 0;
    }
    Testbed bed(config);
    const std::string factory = kind == SocketKind::STOCK
                                    ? std::string("ns3::TcpSocketFactory")
                                    : TcpFastOpenHelper::GetSocketFactoryType();
    if (kind == SocketKind::TFO_ON)
    {
        UseFastOpenConnectWithCookie(bed);
    }
    const uint16_t port = 9;
    PacketSinkHelper sinkHelper(factory, InetSocketAddress(Ipv4Address::GetAny(), port));
    ApplicationContainer sinkApp = sinkHelper.Install(bed.server);
    Ptr<PacketSink> sink = DynamicCast<PacketSink>(sinkApp.Get(0));
    Outcome outcome;
    sink->TraceConnectWithoutContext(
        "Rx",
        MakeCallback(+[](Outcome* out, Ptr<const Packet>, const Address&) {
            out->lastByte = Simulator::Now() - kStart;
        }).Bind(&outcome));
    const InetSocketAddress remote(Ipv4Address::ConvertFrom(bed.GetServerIp()), port);
    ApplicationContainer sendApp;
    if (sender == Sender::BULK_SEND)
    {
        BulkSendHelper bulk(factory, remote);
        bulk.SetAttribute("MaxBytes", UintegerValue(bytes));
        sendApp = bulk.Install(bed.client);
    }
    else
    {
        OnOffHelper onOff(factory, remote);
        // OnOff writes whole packets until MaxBytes is reached: one write of
        // the whole transfer up to 1,421 B, 1,000 B writes beyond.
        onOff.SetConstantRate(DataRate("1Gbps"), bytes <= 1421 ? bytes : 1000);
        onOff.SetAttribute("MaxBytes", UintegerValue(bytes));
        sendApp = onOff.Install(bed.client);
        sendApp.Stop(kStart + Seconds(1)); // OnOff closes its socket when it stops
    }
    sendApp.Start(kStart);
    bed.Run(Seconds(4));

    outcome.received = sink->GetTotalRx();
    outcome.dump = bed.Dump();
    const std::vector<Segment>& segments = bed.GetSegments();
    std::optional<SequenceNumber32> clientFinEnd;
    std::optional<SequenceNumber32> serverFinEnd;
    for (const Segment& s : segments)
    {
        const uint8_t flags = s.header.GetFlags();
        if ((flags & TcpHeader::SYN) && !(flags & TcpHeader::ACK) && s.fromClient &&
            outcome.synPayload == 0)
        {
            outcome.synPayload = s.payload;
        }
        if (flags & TcpHeader::RST)
        {
            ++outcome.resets;
        }
        if (flags & TcpHeader::FIN)
        {
            const SequenceNumber32 end = s.header.GetSequenceNumber() + s.payload + 1;
            (s.fromClient ? clientFinEnd : serverFinEnd) = end;
        }
    }
    for (const Segment& s : segments)
    {
        if (!(s.header.GetFlags() & TcpHeader::ACK))
        {
            continue;
        }
        const SequenceNumber32 ack = s.header.GetAckNumber();
        if (s.fromClient && serverFinEnd && ack == *serverFinEnd)
        {
            outcome.serverFinAcked = true;
        }
        if (!s.fromClient && clientFinEnd && ack == *clientFinEnd)
        {
            outcome.clientFinAcked = true;
        }
    }
    outcome.clientFin = clientFinEnd.has_value();
    outcome.serverFin = serverFinEnd.has_value();
    Simulator::Destroy();
    return outcome;
}

} // namespace

/**
 * \ingroup tcp-fast-open-tests
 * One sender at one size over the three sockets: every byte once, FIN/ACK
 * teardown on both sides without RST; with Fast Open on, the SYN carries up
 * to 1,420 B; when that is all, the sink's last byte arrives one RTT (20 ms)
 * sooner than with Fast Open off, to within 1 ms; larger transfers finish no
 * later and at most one RTT sooner.
 */
class TfoStockAppsTestCase : public TestCase
{
  public:
    /**
     * \param sender the sending application
     * \param bytes how many bytes it sends
     */
    TfoStockAppsTestCase(Sender sender, uint32_t bytes)
        : TestCase("stock " + std::string(sender == Sender::BULK_SEND ? "BulkSend" : "OnOff") +
                   " -> PacketSink, " + std::to_string(bytes) + " B"),
          m_sender(sender),
          m_bytes(bytes)
    {
    }

  private:
    void DoRun() override
    {
        std::map<SocketKind, Outcome> outcomes;
        for (SocketKind kind : {SocketKind::STOCK, SocketKind::TFO_OFF, SocketKind::TFO_ON})
        {
            const Outcome o = RunTransfer(kind, m_sender, m_bytes);
            const std::string name = Name(kind, m_sender, m_bytes);
            NS_TEST_ASSERT_MSG_EQ(o.received, m_bytes, name + ": every byte once\n" + o.dump);
            NS_TEST_ASSERT_MSG_EQ(o.resets, 0, name + ": no RST\n" + o.dump);
            NS_TEST_ASSERT_MSG_EQ(o.clientFin, true, name + ": the client's FIN\n" + o.dump);
            NS_TEST_ASSERT_MSG_EQ(o.serverFin, true, name + ": the server's FIN\n" + o.dump);
            NS_TEST_ASSERT_MSG_EQ(o.clientFinAcked,
                                  true,
                                  name + ": the client's FIN acknowledged\n" + o.dump);
            NS_TEST_ASSERT_MSG_EQ(o.serverFinAcked,
                                  true,
                                  name + ": the server's FIN acknowledged\n" + o.dump);
            outcomes[kind] = o;
        }
        const Outcome& on = outcomes[SocketKind::TFO_ON];
        const Outcome& off = outcomes[SocketKind::TFO_OFF];
        // The SYN carries the first write, up to what fits (1,420 B here).
        const uint32_t firstWrite = (m_sender == Sender::ON_OFF && m_bytes > 1421) ? 1000 : m_bytes;
        NS_TEST_ASSERT_MSG_EQ(on.synPayload,
                              std::min<uint32_t>(firstWrite, 1420),
                              "the SYN carries what fits\n" + on.dump);
        const Time saved = off.lastByte - on.lastByte;
        const std::string times = "off " + std::to_string(off.lastByte.GetMicroSeconds()) +
                                  " us, on " + std::to_string(on.lastByte.GetMicroSeconds()) +
                                  " us";
        if (m_bytes <= 1420)
        {
            // All the data rides on the SYN: it arrives one RTT (20 ms) sooner.
            NS_TEST_ASSERT_MSG_EQ_TOL(saved.GetMicroSeconds(),
                                      20000,
                                      1000,
                                      "Fast Open saves one RTT: " + times);
        }
        else
        {
            // The rest follows the SYN-ACK as it would without Fast Open: the
            // SYN's segment can save at most a round, never cost time.
            NS_TEST_ASSERT_MSG_GT_OR_EQ(saved.GetMicroSeconds(),
                                        -1000,
                                        "Fast Open is not slower: " + times);
            NS_TEST_ASSERT_MSG_LT_OR_EQ(saved.GetMicroSeconds(),
                                        21000,
                                        "Fast Open saves at most one RTT: " + times);
        }
    }

    Sender m_sender;  //!< the sending application
    uint32_t m_bytes; //!< bytes sent
};

/**
 * \ingroup tcp-fast-open-tests
 * Stock ns-3 applications over the module's sockets.
 */
class TfoStockAppsTestSuite : public TestSuite
{
  public:
    TfoStockAppsTestSuite()
        : TestSuite("tcp-fast-open-stock-apps", TFO_TEST_UNIT)
    {
        for (Sender sender : {Sender::BULK_SEND, Sender::ON_OFF})
        {
            for (uint32_t bytes : {1U, 1420U, 1421U, 100000U})
            {
                AddTestCase(new TfoStockAppsTestCase(sender, bytes), TFO_TEST_QUICK);
            }
        }
    }
};

/// The suite's instance.
static TfoStockAppsTestSuite g_tfoStockAppsTestSuite;
