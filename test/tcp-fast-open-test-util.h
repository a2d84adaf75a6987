/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_FAST_OPEN_TEST_UTIL_H
#define TCP_FAST_OPEN_TEST_UTIL_H

#include "ns3/error-model.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/tcp-fast-open-module.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{
namespace tfotest
{

class Testbed;

/**
 * \brief A client that writes before connecting (TCP_FASTOPEN_CONNECT on the
 * client node's sockets) with the server's cookie already cached, as after an
 * earlier visit: stock applications then put their first write in the SYN.
 * \param bed the testbed
 * \param cachedMss the server MSS cached with the cookie
 */
void UseFastOpenConnectWithCookie(Testbed& bed, uint16_t cachedMss = 1460);

/**
 * \brief Run \p fn in a forked child and report whether it aborted (for
 * tests of NS_ABORT_MSG checks; the parent keeps running).
 * \param fn the code expected to abort
 * \param output set to what the child wrote to stdout and stderr
 * \return true if the child was killed by SIGABRT
 */
bool RunExpectingAbort(const std::function<void()>& fn, std::string& output);

/**
 * \brief Run \p fn in a forked child and report whether it exited with
 * \p status (for the examples' command-line checks, which exit with 2).
 * \param fn the code expected to exit
 * \param status the exit status expected
 * \param output set to what the child wrote to stdout and stderr
 * \return true if the child called exit(\p status)
 */
bool RunExpectingExit(const std::function<void()>& fn, int status, std::string& output);

/**
 * \param address an IPv4 or IPv6 address
 * \param port a port
 * \return the socket address (InetSocketAddress or Inet6SocketAddress)
 */
Address At(const Address& address, uint16_t port);

/// One TCP segment seen on a link.
struct Segment
{
    Time time;                                 //!< when it was seen
    bool fromClient{false};                    //!< sent by the client side
    TcpHeader header;                          //!< its TCP header
    uint32_t payload{0};                       //!< TCP payload bytes
    std::optional<TcpFastOpenOptionValue> tfo; //!< its Fast Open option, if any

    /// \return true if the segment has exactly these flags (PSH/ECE/CWR ignored)
    bool Is(uint8_t flags) const;
    /// \return a one-line description ("C>S 1.010 S len=500 TFO=C 1a2b...")
    std::string ToString() const;
};

/**
 * \brief Parse a packet as carried by a PointToPointNetDevice (PPP, IPv4 or
 * IPv6, TCP). \return the segment, or nothing for non-TCP packets
 * \param packet the packet
 * \param hasPpp the packet still has its PPP header
 */
std::optional<Segment> ParseSegment(Ptr<const Packet> packet, bool hasPpp);

/**
 * \brief Drops TCP segments chosen by a predicate, on the device it is set as
 * "ReceiveErrorModel" of. Each call of the predicate sees one segment.
 */
class SegmentDropModel : public ErrorModel
{
  public:
    /// Predicate: return true to drop the segment.
    using Predicate = std::function<bool(const Segment&)>;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /// \param predicate what to drop
    void SetPredicate(Predicate predicate);
    /// \return segments dropped so far
    uint32_t GetDropped() const;

  private:
    bool DoCorrupt(Ptr<Packet> p) override;
    void DoReset() override;

    Predicate m_predicate; //!< what to drop
    uint32_t m_dropped{0}; //!< how many were dropped
};

/**
 * \brief Rewrites TCP headers of chosen segments on the device it is set as
 * "ReceiveErrorModel" of (a scripted middlebox: e.g. change a SYN-ACK's ACK
 * number). ns-3 does not check TCP checksums by default.
 */
class SegmentRewriteModel : public ErrorModel
{
  public:
    /// Rewrite: change the header (its options too: the IP length follows) and
    /// return true, or return false to leave it.
    using Rewrite = std::function<bool(TcpHeader&, uint32_t payload)>;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    /// \param rewrite what to change
    void SetRewrite(Rewrite rewrite);
    /// \return segments rewritten so far
    uint32_t GetRewritten() const;

  private:
    bool DoCorrupt(Ptr<Packet> p) override;
    void DoReset() override;

    Rewrite m_rewrite;       //!< what to change
    uint32_t m_rewritten{0}; //!< how many were changed
};

/**
 * \brief Client and server on one point-to-point link (or two links through
 * a router), TFO installed on both, every segment recorded on the wire.
 */
class Testbed
{
  public:
    /// How the testbed is built.
    struct Config
    {
        Time delay{MilliSeconds(10)};                          //!< one-way delay per link
        std::string rate{"100Mbps"};                           //!< link rate
        bool ipv6{false};                                      //!< IPv6 instead of IPv4
        bool router{false};                                    //!< client - router - server
        uint32_t clientMode{TcpFastOpenSocket::CLIENT_ENABLE}; //!< client net.ipv4.tcp_fastopen
        uint32_t serverMode{TcpFastOpenSocket::SERVER_ENABLE}; //!< server net.ipv4.tcp_fastopen
        uint32_t serverQueueLength{16}; //!< server listener's TCP_FASTOPEN qlen
        std::string serverKey{"00112233-44556677-8899aabb-ccddeeff"}; //!< server key
        bool linuxDefaults{true}; //!< apply the Linux-defaults profile
    };

    /// \param config how to build it
    explicit Testbed(const Config& config);

    /**
     * \brief Add a request/response server on port 8080 of the server node.
     * \return the application (started at 0 s)
     */
    Ptr<RequestResponseServer> AddServer();

    /**
     * \brief Add a request/response client.
     * \param requestSize request bytes
     * \param responseSize response bytes
     * \param transactions number of transactions
     * \param start start time
     * \param gap think time between transactions
     * \param api the TFO API
     * \return the application
     */
    Ptr<RequestResponseClient> AddClient(
        uint32_t requestSize,
        uint32_t responseSize,
        uint32_t transactions,
        Time start,
        Time gap = Seconds(1),
        RequestResponseClient::FastOpenApi api = RequestResponseClient::SENDTO_FASTOPEN);

    /**
     * \brief Drop segments arriving at the server (or client) side.
     * \param atServer true: segments the server receives; false: the client
     * \param predicate which ones
     * \return the model (for its drop count)
     */
    Ptr<SegmentDropModel> DropAt(bool atServer, SegmentDropModel::Predicate predicate);

    /**
     * \brief Rewrite segments arriving at the server (or client) side.
     * \param atServer true: segments the server receives; false: the client
     * \param rewrite what to change
     * \return the model
     */
    Ptr<SegmentRewriteModel> RewriteAt(bool atServer, SegmentRewriteModel::Rewrite rewrite);

    /// \return the client's IP address
    Address GetClientIp() const;
    /// \return the server's IP address
    Address GetServerIp() const;

    /// \return the server's address for clients (port 8080)
    Address GetServerAddress() const;

    /// \return every segment sent, in order (client's and server's transmissions)
    const std::vector<Segment>& GetSegments() const;

    /**
     * \param fromClient direction
     * \param flags exact flags (PSH/ECE/CWR ignored)
     * \return the segments with those flags in that direction
     */
    std::vector<Segment> Select(bool fromClient, uint8_t flags) const;

    /// \return a multi-line dump of every segment, for failure messages
    std::string Dump() const;

    /// Run the simulation until \p stop (and destroy nothing).
    /// \param stop stop time
    void Run(Time stop);

    Ptr<Node> client;            //!< the client node
    Ptr<Node> server;            //!< the server node
    Ptr<Node> middle;            //!< the router (nullptr without one)
    Ptr<NetDevice> clientDevice; //!< client's device
    Ptr<NetDevice> serverDevice; //!< server's device

  private:
    /**
     * \brief Record a transmitted packet.
     * \param fromClient who sent it
     * \param packet the packet (with PPP header)
     */
    void Record(bool fromClient, Ptr<const Packet> packet);

    Config m_config;                 //!< how it was built
    Address m_serverIp;              //!< server's IP address
    Address m_clientIp;              //!< client's IP address
    std::vector<Segment> m_segments; //!< what was sent
};

} // namespace tfotest
} // namespace ns3

#endif /* TCP_FAST_OPEN_TEST_UTIL_H */

/**
 * \ingroup tcp-fast-open-tests
 * Assert \p cond; if it does not hold, report and leave DoRun() (so that the
 * lines after it may index containers the condition guards).
 */
#define TFO_TEST_REQUIRE(cond, msg)                                                                \
    do                                                                                             \
    {                                                                                              \
        NS_TEST_ASSERT_MSG_EQ(static_cast<bool>(cond), true, msg);                                 \
        if (!(cond))                                                                               \
        {                                                                                          \
            return;                                                                                \
        }                                                                                          \
    } while (false)
