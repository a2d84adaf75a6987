/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_FAST_OPEN_SERVER_FARM_RESOLVER_H
#define TCP_FAST_OPEN_SERVER_FARM_RESOLVER_H

#include "ns3/ipv4-address.h"
#include "ns3/object.h"
#include "ns3/random-variable-stream.h"
#include "ns3/tcp-fast-open-ns3-compat.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-fast-open
 *
 * \brief The name of a server farm: answers each connection's lookup with one
 * of the farm's addresses, as a load-balancing DNS does.
 *
 * "Policy":
 * - RANDOM: every lookup picks one of the N addresses uniformly at random,
 *   independently of earlier lookups;
 * - ROUND_ROBIN: each client starts at a random address and every further
 *   lookup of that client answers the next one (address (o + k) mod N for its
 *   k-th lookup, k = 0, 1, ...);
 * - STICKY: a client's first lookup picks a random address and every later
 *   lookup of that client answers the same one (session affinity).
 *
 * Clients are told apart by an identifier the caller chooses (e.g. the node
 * id). Draws come from one UniformRandomVariable (AssignStreams()).
 */
class TcpFastOpenServerFarmResolver : public Object
{
  public:
    /// How an address is chosen per lookup.
    enum Policy
    {
        RANDOM,      //!< uniform, independent per lookup
        ROUND_ROBIN, //!< per client: random start, then the next address each time
        STICKY       //!< per client: random first, then always the same
    };

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TFO_NS3_DECLARE_GET_INSTANCE_TYPE_ID

    TcpFastOpenServerFarmResolver();

    /**
     * \brief Set the farm's addresses (at least one; duplicates abort).
     * \param addresses the addresses
     */
    void SetAddresses(const std::vector<Ipv4Address>& addresses);

    /// \return the farm's addresses
    const std::vector<Ipv4Address>& GetAddresses() const;

    /**
     * \brief One lookup.
     * \param client the client's identifier
     * \return the index (into GetAddresses()) of the answer
     */
    uint32_t Resolve(uint32_t client);

    /**
     * \param client the client's identifier
     * \return the number of lookups that client made
     */
    uint32_t GetLookups(uint32_t client) const;

    /**
     * \brief Use fixed random streams.
     * \param stream the first stream
     * \return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /// \param policy a policy \return its name, e.g. "ROUND_ROBIN"
    static std::string PolicyToString(Policy policy);

    /**
     * \brief Parse a policy name (case-insensitive).
     * \param name e.g. "sticky"
     * \param policy set on success
     * \return false if the name is not a policy
     */
    static bool ParsePolicy(const std::string& name, Policy& policy);

  protected:
    void DoDispose() override;

  private:
    /// Per-client state.
    struct ClientState
    {
        uint32_t lookups{0}; //!< lookups so far
        uint32_t first{0};   //!< answer of the first lookup
    };

    Policy m_policy{RANDOM};                   //!< the policy
    std::vector<Ipv4Address> m_addresses;      //!< the farm
    std::map<uint32_t, ClientState> m_clients; //!< per client
    Ptr<UniformRandomVariable> m_rng;          //!< draws
};

} // namespace ns3

#endif /* TCP_FAST_OPEN_SERVER_FARM_RESOLVER_H */
