/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_FAST_OPEN_HELPER_H
#define TCP_FAST_OPEN_HELPER_H

#include "ns3/attribute.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/object-factory.h"

#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

class TcpFastOpenBlackholeDetector;
class TcpFastOpenCookieCache;
class TcpFastOpenCookieGenerator;
class TcpFastOpenCounters;
class TcpLinuxTimeWaitTable;

/**
 * \ingroup tcp-fast-open
 *
 * \brief Installs TCP Fast Open on nodes and reads it back.
 *
 * Install() aggregates to each node (once; a second Install() on the same node
 * reconfigures nothing and aborts with a message):
 *  - a TcpFastOpenSocketFactory, whose sockets get the attribute values given
 *    here (Linux's per-namespace sysctls: Mode = net.ipv4.tcp_fastopen, ...);
 *  - a TcpFastOpenCookieGenerator (the server key: net.ipv4.tcp_fastopen_key);
 *  - a TcpFastOpenCookieCache (the client's tcp_metrics cookies);
 *  - TcpFastOpenCounters (nstat's TcpExt counters).
 *
 * Applications then use TFO by naming the factory: e.g.
 * `BulkSendHelper(TcpFastOpenHelper::GetSocketFactoryType(), address)`.
 *
 * SetLinuxDefaults() applies the "Linux defaults" timing profile, for
 * comparisons with real Linux hosts: see the doc chapter for every value and
 * for the ns-3 defaults it changes.
 */
class TcpFastOpenHelper
{
  public:
    TcpFastOpenHelper();

    /// \return "ns3::TcpFastOpenSocketFactory", the TypeId applications name
    static std::string GetSocketFactoryType();

    /**
     * \brief Set net.ipv4.tcp_fastopen for the nodes this helper installs.
     * \param mode TcpFastOpenSocket::ModeBits or'ed together
     */
    void SetMode(uint32_t mode);

    /**
     * \brief Set an attribute of every TcpFastOpenSocket created on the nodes.
     * \param name the attribute's name (TcpFastOpenSocket, TcpSocketBase or TcpSocket)
     * \param value its value
     */
    void SetSocketAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief Set an attribute of the nodes' TcpFastOpenCookieGenerator ("Key", "Algorithm").
     * \param name the attribute's name
     * \param value its value
     */
    void SetCookieGeneratorAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief Set an attribute of the nodes' TcpFastOpenCookieCache ("Capacity", "Lifetime").
     * \param name the attribute's name
     * \param value its value
     */
    void SetCookieCacheAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief Set an attribute of the nodes' TcpFastOpenBlackholeDetector
     * ("Timeout": net.ipv4.tcp_fastopen_blackhole_timeout_sec, 0 = off).
     * \param name the attribute's name
     * \param value its value
     */
    void SetBlackholeDetectorAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief Apply (or not) the Linux-defaults timing profile at Install():
     * SYN RTO 1 s, 6 SYN and 5 SYN-ACK retransmissions (+1 for TFO children),
     * TIME_WAIT 60 s, random ISN, minimum RTO 200 ms, delayed-ACK timeout 40 ms,
     * initial window 10, segment size from the device MTU (MTU - 40 - 12 for the
     * timestamp option) and, at the handshake, from the path MTU and the peer's
     * MSS as Linux (LinuxMss: MTU - 40 without timestamps).
     * \param enable true to apply it
     */
    void SetLinuxDefaults(bool enable = true);

    /**
     * \brief Install TFO on a node.
     * \param node the node (its Internet stack must be installed)
     */
    void Install(Ptr<Node> node) const;

    /**
     * \brief Install TFO on nodes.
     * \param nodes the nodes
     */
    void Install(NodeContainer nodes) const;

    /**
     * \brief Fix the random streams of the nodes' TFO objects (ISNs, random keys).
     * \param nodes the nodes
     * \param stream first stream number
     * \return the number of streams used
     */
    int64_t AssignStreams(NodeContainer nodes, int64_t stream) const;

    /**
     * \param node a node with TFO installed
     * \return its counters
     */
    static Ptr<TcpFastOpenCounters> GetCounters(Ptr<Node> node);

    /**
     * \param node a node with TFO installed
     * \return its server-side cookie generator (the node's key)
     */
    static Ptr<TcpFastOpenCookieGenerator> GetCookieGenerator(Ptr<Node> node);

    /**
     * \param node a node with TFO installed
     * \return its client-side cookie cache
     */
    static Ptr<TcpFastOpenCookieCache> GetCookieCache(Ptr<Node> node);

    /**
     * \param node a node with TFO installed
     * \return its active-TFO blackhole detector
     */
    static Ptr<TcpFastOpenBlackholeDetector> GetBlackholeDetector(Ptr<Node> node);

    /**
     * \param node a node with TFO installed
     * \return its connections in TIME_WAIT (net.ipv4.tcp_max_tw_buckets, the count)
     */
    static Ptr<TcpLinuxTimeWaitTable> GetTimeWaitTable(Ptr<Node> node);

    /**
     * \brief Print a node's counters as `nstat -az` does.
     * \param node a node with TFO installed
     * \param os the stream
     * \param onlyFastOpen only the TCPFastOpen* lines
     */
    static void PrintCounters(Ptr<Node> node, std::ostream& os, bool onlyFastOpen = false);

    /**
     * \brief Set a node's key now, as writing net.ipv4.tcp_fastopen_key does.
     * \param node the node
     * \param keys "primary[,backup]", sysctl form or 32 hex digits each
     */
    static void SetKey(Ptr<Node> node, const std::string& keys);

    /**
     * \brief Rotate a node's key at a given time: the new key becomes primary,
     * the old one the backup (cookies it issued stay valid).
     * \param node the node
     * \param delay when, from now
     * \param newPrimary the new key (sysctl form or 32 hex digits)
     */
    static void ScheduleKeyRotation(Ptr<Node> node, Time delay, const std::string& newPrimary);

    /**
     * \brief The configuration warnings Install() gives: a setting that
     * silently leaves TFO off. Today one: Mode has the server bit (0x2) but
     * not 0x400 and FastOpenQueueLength is 0, so no listener accepts SYN data
     * (Linux: the listener never called setsockopt(TCP_FASTOPEN)).
     * Install() logs each with NS_LOG_WARN and records it in the node's
     * TcpFastOpenCounters (GetWarnings(), the "Warning" trace source).
     * \return the warnings for the sockets this helper configures (empty if none)
     */
    std::vector<std::string> GetConfigurationWarnings() const;

  private:
    /**
     * \brief The value a socket attribute will have: the last one given to
     * SetSocketAttribute(), else its default (Config::SetDefault included).
     * \param name an unsigned-integer attribute of TcpFastOpenSocket
     * \return its value
     */
    uint64_t GetSocketUinteger(const std::string& name) const;

    std::vector<std::pair<std::string, Ptr<AttributeValue>>> m_socketAttributes; //!< for sockets
    ObjectFactory m_generatorFactory; //!< TcpFastOpenCookieGenerator
    ObjectFactory m_cacheFactory;     //!< TcpFastOpenCookieCache
    ObjectFactory m_blackholeFactory; //!< TcpFastOpenBlackholeDetector
    bool m_linuxDefaults{false};      //!< apply the Linux-defaults profile
};

} // namespace ns3

#endif /* TCP_FAST_OPEN_HELPER_H */
