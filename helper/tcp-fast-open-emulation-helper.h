/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_FAST_OPEN_EMULATION_HELPER_H
#define TCP_FAST_OPEN_EMULATION_HELPER_H

#include "ns3/nstime.h"
#include "ns3/request-response-client.h"
#include "ns3/tcp-syn-flood-study.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-fast-open
 *
 * \brief Simulated TFO hosts against the real Linux TCP stack (issue 21).
 *
 * One run creates a private network namespace (TcpFastOpenKernelNamespace)
 * with a TAP device whose other end is an FdNetDevice of a simulated node,
 * runs ns-3 with the real-time scheduler, and drives the kernel side with
 * validation/tfo_validate.py's peer programs (`_peer server` / `_peer
 * clients`) under `ip netns exec`. The kernel is 192.0.2.1/24
 * (2001:db8::1/64), the simulated node 192.0.2.2 (2001:db8::2): documentation
 * addresses that exist only inside that namespace and the simulation.
 *
 * Modes:
 *  - CLIENT: simulated TFO clients (sendto(MSG_FASTOPEN)) against a kernel
 *    listener with TCP_FASTOPEN: cookie request, then SYN data the kernel
 *    accepts (its server reports TCP_INFO's TCPI_OPT_SYN_DATA per connection).
 *  - SERVER: kernel clients (sendto(MSG_FASTOPEN) and TCP_FASTOPEN_CONNECT,
 *    alternately) against a simulated TFO server.
 *  - CLIENT_REKEY / SERVER_REKEY: as CLIENT / SERVER with five or more
 *    connections; after connection 1 the server's key is rotated (new primary,
 *    old one kept as backup: the next cookie is accepted with the backup key),
 *    after connection 2 it is replaced (no backup: the next cookie is invalid,
 *    the SYN data is not acknowledged and is resent after the handshake, and a
 *    new cookie is issued). On the kernel by writing net.ipv4.tcp_fastopen_key.
 *  - FLOOD: TcpSynFloodStudy's scenario with the kernel as the server: a
 *    simulated router with legitimate TFO clients (warm cookie caches) and a
 *    SYN-flooding attacker behind it, spoofing sources in 198.18.0.0/15 (routed
 *    back to the router, which drops the SYN-ACKs); and the same scenario fully
 *    simulated (TcpSynFloodStudy::Run) for comparison.
 */
class TcpFastOpenEmulationHelper
{
  public:
    /// What runs on which side.
    enum Mode : uint8_t
    {
        CLIENT,       //!< simulated clients, kernel server
        SERVER,       //!< kernel clients, simulated server
        FLOOD,        //!< simulated attacker and clients, kernel server
        CLIENT_REKEY, //!< CLIENT with the kernel's key rotated, then replaced
        SERVER_REKEY  //!< SERVER with the simulated server's key rotated, then replaced
    };

    /// Settings of one run.
    struct Config
    {
        Mode mode{CLIENT};           //!< what runs where
        std::string netns;           //!< namespace to create ("": tfoemu-<pid>)
        bool ipv6{false};            //!< IPv6 (not for FLOOD: the attacker is IPv4)
        uint32_t connections{4};     //!< connections (client / server modes)
        uint32_t requestSize{500};   //!< request bytes (client / server modes)
        uint32_t responseSize{1000}; //!< response bytes (client / server modes)
        Time gap{MilliSeconds(200)}; //!< between connections (client / server modes)
        Time duration{Seconds(10)};  //!< the run ends after this (real) time at most
        double rate{200};            //!< FLOOD: attack SYNs per second
        uint64_t count{2000};        //!< FLOOD: attack SYNs at most
        uint32_t backlog{64};        //!< FLOOD: listen() backlog of the server
        uint32_t synCookies{1};      //!< FLOOD: net.ipv4.tcp_syncookies
        uint32_t maxQlen{16};        //!< the server's TCP_FASTOPEN queue length
        uint32_t clients{4};         //!< FLOOD: legitimate client nodes
        /// FLOOD: the attacker's sources: SPOOF_PREFIX or OWN_ADDRESS (a bot)
        TcpSynFloodAttacker::SourceMode sourceMode{TcpSynFloodAttacker::SPOOF_PREFIX};
        /// FLOOD: the attacker's Fast Open option (GIVEN_COOKIE: the bot's own valid cookie)
        TcpSynFloodAttacker::CookieMode cookieMode{TcpSynFloodAttacker::NO_OPTION};
        uint32_t payload{0};           //!< FLOOD: SYN data bytes per attack SYN
        std::string python{"python3"}; //!< interpreter of the kernel-side programs
        std::string peerScript;        //!< path of validation/tfo_validate.py
        uint32_t seed{1};              //!< RngSeedManager seed
        uint64_t run{1};               //!< RngSeedManager run
    };

    /// What one run showed.
    struct Result
    {
        std::string error;         //!< setup failed (environment, namespace): exit 2
        std::string namespaceName; //!< the namespace it used
        std::vector<TransactionRecord> transactions;    //!< simulated clients' transactions
        std::vector<std::string> kernelReports;         //!< kernel programs' CONN / DONE lines
        std::map<std::string, uint64_t> kernelCounters; //!< TcpExt counters of the namespace
        std::map<std::string, uint64_t> modelCounters;  //!< TcpExt counters of the simulated
                                                        //!< TFO node (FLOOD: none)
        uint32_t legitAttempted{0};                     //!< FLOOD: legitimate connections
        uint32_t legitSucceeded{0};                     //!< FLOOD: done within the deadline
        uint64_t attackSyns{0};                         //!< FLOOD: SYNs the attacker sent
        /// FLOOD: attacker connections whose request the kernel read from the SYN
        uint32_t attackConnectionsWithData{0};
        TcpSynFloodStudy::Config floodConfig; //!< FLOOD: the shared scenario
        TcpSynFloodStudy::Result simulated;   //!< FLOOD: the fully simulated run
        bool completed{false};                //!< every connection completed
    };

    /**
     * \brief Run one emulation (it calls Simulator::Destroy at the end). The
     * namespace and everything in it are removed before it returns.
     * \param config the settings
     * \return what it showed; Result::error says why it could not run
     */
    static Result Run(const Config& config);

    /**
     * \brief Check settings before anything is created.
     * \param config the settings
     * \return "" or what is wrong
     */
    static std::string Check(const Config& config);

    /**
     * \brief The FLOOD scenario as TcpSynFloodStudy settings: attack from 1 s
     * to duration - 3 s, legitimate connections every 200 ms from 2 s to
     * duration - 4 s, 3 s deadline, Poisson attack from spoofed sources.
     * \param config the settings
     * \return the study's settings
     */
    static TcpSynFloodStudy::Config FloodConfig(const Config& config);

    /**
     * \param name "client", "server", "flood", "client-rekey" or "server-rekey"
     * \param[out] mode the mode
     * \return true when the name is known
     */
    static bool ParseMode(const std::string& name, Mode& mode);

    /**
     * \param mode a mode
     * \return its name as ParseMode takes it
     */
    static std::string GetModeName(Mode mode);

    /// Port of the servers.
    static constexpr uint16_t PORT = 8080;
    /// The kernel server's key (the key replacing it, and the one after).
    static const char* const KEYS[3];
};

} // namespace ns3

#endif /* TCP_FAST_OPEN_EMULATION_HELPER_H */
