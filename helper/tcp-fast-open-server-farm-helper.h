/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_FAST_OPEN_SERVER_FARM_HELPER_H
#define TCP_FAST_OPEN_SERVER_FARM_HELPER_H

#include "ns3/nstime.h"
#include "ns3/tcp-fast-open-server-farm-resolver.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-fast-open
 *
 * \brief A server farm behind one name and the clients that revisit it: the
 * setting of Sy et al. (PoPETs 2020), where 40 % of first revisits could not
 * use TFO because the name resolved to another address.
 *
 * Network: a star; every client and every server on its own point-to-point
 * link to one router ("delay" one way each, RTT 4 x delay). Each server has
 * its own address and a RequestResponseServer with TFO. Its cookie key is
 * either one key shared by the whole farm (SHARED) or a key of its own
 * (PER_SERVER); keys are drawn from the seed.
 *
 * Each client makes "visits" visits, "gap" apart (the first at a random time
 * within the first gap): a lookup (TcpFastOpenServerFarmResolver, "policy")
 * and then one request/response transaction on a new connection with
 * sendto(MSG_FASTOPEN). A visit "uses TFO" when its SYN carried data that
 * the SYN-ACK acknowledged (TransactionRecord::synDataAcked).
 *
 * A TcpFastOpenLinkabilityObserver on the router's links toward the servers
 * links connections by the cookie in their SYNs.
 *
 * <b>Analytic values.</b> The module computes Linux's cookie,
 * SipHash(key, client address || server address), and the client caches it
 * per (local address, server address). A visit to an address the client has
 * not visited before therefore has no cookie to send, whatever the keys: it
 * sends a cookie request and cannot use TFO. A visit to an address visited
 * before sends the cookie that address's server issued for this client, and
 * that server validates it with its own key: it uses TFO whether the key is
 * shared or not. (A shared key only matters when several servers answer for
 * one address, e.g. behind an L4 load balancer; with one address per server
 * the key choice makes no difference.) So, with N addresses, for the k-th
 * revisit (k = 1, 2, ...):
 * - RANDOM: P(TFO) = 1 - (1 - 1/N)^k; the first revisit 1/N;
 * - ROUND_ROBIN: 1 if k >= N, else 0 (the k-th revisit goes to address
 *   o + k mod N, first seen at visit k - N);
 * - STICKY: 1.
 * ExpectedTfoFraction() gives these.
 */
class TcpFastOpenServerFarmStudy
{
  public:
    /// Where the servers' keys come from.
    enum Keys
    {
        SHARED,    //!< one key for the whole farm
        PER_SERVER //!< a key per server
    };

    /// One scenario.
    struct Config
    {
        uint32_t servers{4};   //!< farm size N
        uint32_t clients{100}; //!< clients
        uint32_t visits{2};    //!< visits per client
        TcpFastOpenServerFarmResolver::Policy policy{
            TcpFastOpenServerFarmResolver::RANDOM}; //!< DNS
        Keys keys{PER_SERVER};                      //!< keys
        Time gap{Seconds(2)};                       //!< time between a client's visits
        Time delay{MilliSeconds(5)};                //!< one-way delay per link
        uint32_t requestSize{500};                  //!< request bytes
        uint32_t responseSize{2000};                //!< response bytes
        uint32_t seed{1};                           //!< RngSeedManager seed
        uint32_t run{1};                            //!< RngSeedManager run
    };

    /// What happened.
    struct Result
    {
        /// Per visit index k (0 = first visit): visits made, completed, and those that used TFO.
        std::vector<uint32_t> visits;
        std::vector<uint32_t> completed; //!< per visit index: completed
        std::vector<uint32_t> tfo;       //!< per visit index: used TFO
        std::vector<uint32_t>
            newAddress;          //!< per visit index: went to an address not visited before
        uint32_t revisits{0};    //!< visits with k >= 1
        uint32_t revisitsTfo{0}; //!< of them, used TFO
        uint32_t connections{0}; //!< connections the observer saw
        uint32_t connectionsWithCookie{0}; //!< of them, SYN carried a cookie
        uint64_t linkedPairs{0};           //!< pairs linked by an equal cookie
        uint32_t linkedConnections{0};     //!< connections linked to another
        uint64_t wrongPairs{0};            //!< linked pairs of different clients
        uint64_t sameClientPairs{0};       //!< pairs of connections of one client (the maximum)

        /// \return revisitsTfo / revisits
        double GetRevisitTfoFraction() const;
        /// \return the fraction of first revisits (k = 1) that used TFO
        double GetSecondVisitTfoFraction() const;
        /// \return linkedPairs / connections (the brief's linkability ratio)
        double GetLinkedPairsPerConnection() const;
    };

    /**
     * \brief Run one scenario (sets the seed, runs and destroys the simulation).
     * Aborts with a message on bad settings.
     * \param config the scenario
     * \return the outcome
     */
    static Result Run(const Config& config);

    /**
     * \brief The analytic probability that the k-th revisit uses TFO.
     * \param policy the policy
     * \param servers N
     * \param k the revisit (>= 1)
     * \return the probability (the class description derives it)
     */
    static double ExpectedTfoProbability(TcpFastOpenServerFarmResolver::Policy policy,
                                         uint32_t servers,
                                         uint32_t k);

    /**
     * \brief The analytic fraction of all revisits (k = 1 .. visits - 1) that use TFO.
     * \param policy the policy
     * \param servers N
     * \param visits visits per client (>= 2)
     * \return the mean of ExpectedTfoProbability over k
     */
    static double ExpectedTfoFraction(TcpFastOpenServerFarmResolver::Policy policy,
                                      uint32_t servers,
                                      uint32_t visits);

    /// \param keys a key setting \return "SHARED" or "PER_SERVER"
    static std::string KeysToString(Keys keys);
};

} // namespace ns3

#endif /* TCP_FAST_OPEN_SERVER_FARM_HELPER_H */
