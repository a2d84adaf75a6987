/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_SYN_COOKIE_H
#define TCP_SYN_COOKIE_H

#include "tcp-fast-open-ns3-compat.h"

#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/random-variable-stream.h"

#include <array>
#include <cstdint>
#include <optional>

namespace ns3
{

/**
 * \ingroup tcp-fast-open
 *
 * \brief SYN cookies as Linux computes them (net/ipv4/syncookies.c,
 * cookie_v4_init_sequence / __cookie_v4_check).
 *
 * The SYN-ACK's initial sequence number is
 *
 *     H(0, 0) + client ISN + (count << 24) + ((H(count, 1) + mssind) mod 2^24)
 *
 * where H(count, c) is SipHash-2-4 under secret c of (client address, server
 * address, ports, count) cut to 32 bits (cookie_hash), count is the time
 * counter (tcp_cookie_time: time / TCP_SYNCOOKIE_PERIOD, 60 s) and mssind the
 * index of the client's MSS in msstab {536, 1300, 1440, 1460}. The returning
 * ACK acknowledges cookie + 1; the cookie is valid if its count is at most
 * MAX_SYNCOOKIE_AGE - 1 = 1 period old and the MSS index it yields is in the
 * table. No state is kept between the SYN and the ACK.
 *
 * The two 128-bit secrets (syncookie_secret[2]) are drawn from ns-3's random
 * number generator at the first use, so a run is reproducible from its seed
 * and run number (AssignStreams fixes the stream).
 *
 * Deviation: Linux also encodes the window scale, SACK and ECN choices in the
 * low 6 bits of the SYN-ACK's TSval (cookie_init_timestamp); the model does
 * not, and a connection established with a SYN cookie runs without window
 * scaling and SACK (as Linux's does when the client sent no timestamps).
 */
class TcpSynCookieGenerator : public Object
{
  public:
    /// COOKIEBITS: the low 24 bits carry hash + MSS index, the high 8 the count.
    static constexpr uint32_t COOKIE_BITS = 24;
    /// MAX_SYNCOOKIE_AGE: a cookie is accepted for this many counter values.
    static constexpr uint32_t MAX_AGE = 2;
    /// msstab of net/ipv4/syncookies.c (IPv4).
    static constexpr std::array<uint16_t, 4> MSS_TABLE = {536, 1300, 1440, 1460};

    /// The 4-tuple and client ISN a cookie is bound to.
    struct Flow
    {
        Ipv4Address client;  //!< the SYN's source address
        Ipv4Address server;  //!< the SYN's destination address
        uint16_t clientPort; //!< the SYN's source port
        uint16_t serverPort; //!< the SYN's destination port
        uint32_t clientIsn;  //!< the SYN's sequence number
    };

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TFO_NS3_DECLARE_GET_INSTANCE_TYPE_ID

    TcpSynCookieGenerator();

    /**
     * \brief cookie_v4_init_sequence: the ISN of a cookie SYN-ACK.
     * \param flow the SYN's addresses, ports and sequence number
     * \param clientMss the MSS the client announced (536 if none)
     * \param[out] encodedMss the table MSS the cookie encodes (<= clientMss)
     * \return the cookie (the SYN-ACK's sequence number)
     */
    uint32_t Encode(const Flow& flow, uint16_t clientMss, uint16_t& encodedMss);

    /**
     * \brief __cookie_v4_check: validate the cookie an ACK returns.
     * \param flow the ACK's addresses and ports, clientIsn = the ACK's
     *        sequence number - 1
     * \param cookie the ACK's acknowledgement number - 1
     * \return the MSS the cookie encodes, or nothing if it is invalid
     */
    std::optional<uint16_t> Check(const Flow& flow, uint32_t cookie);

    /// \return the current counter value (tcp_cookie_time)
    uint32_t GetCount() const;

    /// \return TCP_SYNCOOKIE_VALID: how long cookies stay acceptable (MAX_AGE periods)
    Time GetValidity() const;

    /**
     * \brief msstab lookup as cookie_v4_init_sequence does it: the largest
     * table entry not above \p mss (the first entry if none is).
     * \param mss the client's MSS
     * \return the index
     */
    static uint32_t MssIndex(uint16_t mss);

    /**
     * \brief Fix the random stream of the secrets.
     * \param stream first stream number
     * \return number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

  private:
    /**
     * \brief cookie_hash: SipHash-2-4 of the flow and count under secret \p c.
     * \param flow the flow
     * \param count the counter
     * \param c which secret (0 or 1)
     * \return the hash's low 32 bits
     */
    uint32_t Hash(const Flow& flow, uint32_t count, uint32_t c);
    /// Draw the secrets if not drawn yet (net_get_random_once).
    void EnsureSecrets();

    Time m_period{Seconds(60)};                        //!< TCP_SYNCOOKIE_PERIOD
    Ptr<UniformRandomVariable> m_rng;                  //!< source of the secrets
    bool m_haveSecrets{false};                         //!< secrets drawn
    std::array<std::array<uint8_t, 16>, 2> m_secret{}; //!< syncookie_secret[2]
};

} // namespace ns3

#endif /* TCP_SYN_COOKIE_H */
