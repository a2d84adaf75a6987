/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_FAST_OPEN_TOPOLOGY_HELPER_H
#define TCP_FAST_OPEN_TOPOLOGY_HELPER_H

#include "ns3/address.h"
#include "ns3/data-rate.h"
#include "ns3/error-model.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"

#include <string>
#include <vector>

namespace ns3
{

class Ipv6AddressHelper;

/**
 * \ingroup tcp-fast-open
 *
 * \brief Builds the networks of the latency studies (IPv4, or IPv6 with
 * SetIpv6): N clients and M
 * servers either side of one bottleneck link (dumbbell) or all attached to
 * one router (star), with TFO installed on every end host. Install() does
 * the same for an existing network (IPv4 or IPv6), e.g. one of
 * PointToPointDumbbellHelper.
 *
 * Dumbbell: client_i -access- left router -bottleneck- right router -access-
 * server_j. The base RTT between any client and server is
 * 2 (access + bottleneck + access) delays.
 *
 * Star: every client and server hangs off one router. Clients use the access
 * link settings; each server's link uses the bottleneck settings (rate, delay,
 * loss, queue discipline), so that the path is client -access- router
 * -bottleneck- server and the base RTT is 2 (access + bottleneck).
 *
 * Random loss: an ns-3 RateErrorModel (per packet) as receive error model on
 * both ends of every bottleneck link, so both directions lose packets with the
 * given probability. Its random variable is ns-3's; AssignStreams() fixes
 * which stream it draws from.
 *
 * Queue discipline: installed on both devices of every bottleneck link with
 * TrafficControlHelper, by Linux name ("pfifo_fast", "fifo", "fq_codel",
 * "codel", "red", "pie") or "none" (no queue disc, the device queue only).
 * Access links get ns-3's default (pfifo_fast).
 *
 * TFO: every client gets TcpFastOpenHelper with the client mode (default
 * 0x1), every server the server mode (default 0x2) and FastOpenQueueLength,
 * with or without the Linux-defaults profile. Mode 0 gives the same socket
 * type with TFO off, for like-for-like comparisons.
 */
class TcpFastOpenTopologyHelper
{
  public:
    /// The shape of the network.
    enum Shape
    {
        DUMBBELL, //!< clients and servers either side of one bottleneck link
        STAR      //!< every host on one router; server links are the bottleneck
    };

    TcpFastOpenTopologyHelper();

    /// \param shape dumbbell or star
    void SetShape(Shape shape);
    /**
     * \param clients number of client nodes (at least 1)
     * \param servers number of server nodes (at least 1)
     */
    void SetHosts(uint32_t clients, uint32_t servers);
    /**
     * \param rate access link rate
     * \param delay access link one-way delay
     */
    void SetAccessLink(DataRate rate, Time delay);
    /**
     * \param rate bottleneck rate
     * \param delay bottleneck one-way delay
     */
    void SetBottleneckLink(DataRate rate, Time delay);
    /// \param rate random packet loss probability on the bottleneck, per direction, in [0, 1)
    void SetLossRate(double rate);
    /**
     * \param name queue discipline of the bottleneck ("pfifo_fast", "fifo",
     *        "fq_codel", "codel", "red", "pie" or "none")
     */
    void SetQueueDisc(const std::string& name);
    /**
     * \param install install TcpFastOpenSocketFactory on the hosts (false: plain ns-3 TCP only)
     * \param clientMode net.ipv4.tcp_fastopen of the clients (0 = TFO off)
     * \param serverMode net.ipv4.tcp_fastopen of the servers (0 = TFO off)
     */
    void SetFastOpen(bool install, uint32_t clientMode, uint32_t serverMode);
    /// \param length the servers' FastOpenQueueLength (TCP_FASTOPEN qlen on listeners)
    void SetFastOpenQueueLength(uint32_t length);
    /// \param enable apply TcpFastOpenHelper's Linux-defaults profile (default true)
    void SetLinuxDefaults(bool enable);
    /**
     * \param enable Build() an IPv6 network instead of IPv4 (default false):
     *        one fd00:1:0:N::/64 per link, hosts' default routes to their
     *        router, the dumbbell's routers each other's default route
     */
    void SetIpv6(bool enable);

    /**
     * \param name a queue disc name as SetQueueDisc() takes
     * \return the ns-3 TypeId name ("ns3::FqCoDelQueueDisc"), "" for "none",
     *         or "?" if the name is unknown
     */
    static std::string QueueDiscTypeName(const std::string& name);

    /// Build the network (once). Aborts with a message on invalid settings.
    void Build();

    /**
     * \brief Use an existing network instead of Build(): e.g. one made by
     * PointToPointDumbbellHelper, with IPv4 or IPv6 addresses. Installs TFO
     * on the clients (client mode) and servers (server mode,
     * FastOpenQueueLength, Linux defaults) as Build() does, and gives the
     * bottleneck devices the queue disc (replacing the one an address
     * helper installed) and the loss rate. Once, instead of Build();
     * GetServerAddress()/GetClientAddress() and the link settings do not apply.
     * \param clients the client nodes (Internet stack installed)
     * \param servers the server nodes (Internet stack installed)
     * \param bottleneck the bottleneck devices (may be empty)
     */
    void Install(NodeContainer clients, NodeContainer servers, NetDeviceContainer bottleneck);

    /**
     * \brief Fix the random streams of the loss models and of the TFO sockets.
     * \param stream first stream number
     * \return the number of streams used
     */
    int64_t AssignStreams(int64_t stream);

    /// \return the client nodes
    NodeContainer GetClients() const;
    /// \return the server nodes
    NodeContainer GetServers() const;
    /// \return the routers (two for a dumbbell: left, right; one for a star)
    NodeContainer GetRouters() const;
    /**
     * \param i server index
     * \return its IPv4 address
     */
    Ipv4Address GetServerAddress(uint32_t i) const;
    /**
     * \param i client index
     * \return its IPv4 address
     */
    Ipv4Address GetClientAddress(uint32_t i) const;
    /**
     * \param i server index
     * \param port a port
     * \return the server's address and the port, InetSocketAddress or (SetIpv6)
     *         Inet6SocketAddress
     */
    Address GetServerSocketAddress(uint32_t i, uint16_t port) const;
    /// \return the bottleneck devices (two per bottleneck link)
    NetDeviceContainer GetBottleneckDevices() const;
    /// \return the loss models (one per bottleneck device; empty without loss)
    std::vector<Ptr<RateErrorModel>> GetErrorModels() const;
    /// \return the base RTT client-server: twice the sum of the one-way delays on the path
    Time GetBaseRtt() const;

  private:
    /**
     * \brief Configure a bottleneck link's devices: queue disc and loss.
     * \param devices the link's two devices
     */
    void SetUpBottleneck(const NetDeviceContainer& devices);

    /// Install TFO on m_clients and m_servers with the configured modes.
    void InstallFastOpen() const;

    /**
     * \brief Give a host-router link IPv6 addresses and the host its default route.
     * \param address the address helper (moved to the next network)
     * \param devices the host's device, then the router's
     * \return the host's global address
     */
    static Ipv6Address AssignIpv6HostLink(Ipv6AddressHelper& address,
                                          const NetDeviceContainer& devices);

    Shape m_shape{DUMBBELL};                  //!< shape
    uint32_t m_nClients{1};                   //!< clients
    uint32_t m_nServers{1};                   //!< servers
    DataRate m_accessRate{"100Mbps"};         //!< access rate
    Time m_accessDelay{MilliSeconds(1)};      //!< access one-way delay
    DataRate m_bottleneckRate{"10Mbps"};      //!< bottleneck rate
    Time m_bottleneckDelay{MilliSeconds(10)}; //!< bottleneck one-way delay
    double m_lossRate{0};                     //!< bottleneck loss probability
    std::string m_queueDisc{"pfifo_fast"};    //!< bottleneck queue disc
    bool m_installTfo{true};                  //!< install TFO
    uint32_t m_clientMode{0x1};               //!< clients' tcp_fastopen
    uint32_t m_serverMode{0x2};               //!< servers' tcp_fastopen
    uint32_t m_queueLength{64};               //!< servers' FastOpenQueueLength
    bool m_linuxDefaults{true};               //!< Linux-defaults profile
    bool m_ipv6{false};                       //!< Build() an IPv6 network
    bool m_built{false};                      //!< Build() ran

    NodeContainer m_clients;                        //!< clients
    NodeContainer m_servers;                        //!< servers
    NodeContainer m_routers;                        //!< routers
    std::vector<Ipv4Address> m_clientAddresses;     //!< per client
    std::vector<Ipv4Address> m_serverAddresses;     //!< per server
    std::vector<Ipv6Address> m_clientAddresses6;    //!< per client (IPv6)
    std::vector<Ipv6Address> m_serverAddresses6;    //!< per server (IPv6)
    NetDeviceContainer m_bottleneckDevices;         //!< bottleneck devices
    std::vector<Ptr<RateErrorModel>> m_errorModels; //!< loss models
};

} // namespace ns3

#endif /* TCP_FAST_OPEN_TOPOLOGY_HELPER_H */
