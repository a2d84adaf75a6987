/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_SYN_COOKIE_H
#define TCP_SYN_COOKIE_H

#include "ns3/address.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/random-variable-stream.h"
#include "ns3/tcp-fast-open-ns3-compat.h"

#include <array>
#include <cstdint>
#include <optional>

namespace ns3
{

/**
 * \ingroup tcp-fast-open
 *
 * \brief SYN cookies as Linux computes them, for IPv4 (net/ipv4/syncookies.c:
 * cookie_v4_init_sequence / __cookie_v4_check) and IPv6
 * (net/ipv6/syncookies.c: cookie_v6_init_sequence / __cookie_v6_check),
 * with the TCP options a cookie SYN-ACK stores in its timestamp
 * (cookie_init_timestamp / cookie_timestamp_decode).
 *
 * The SYN-ACK's initial sequence number is (secure_tcp_syn_cookie, the same
 * rule for both families)
 *
 *     H(0, 0) + client ISN + (count << 24) + ((H(count, 1) + mssind) mod 2^24)
 *
 * where H(count, c) is cookie_hash: SipHash-2-4 under secret c, cut to 32
 * bits, of the flow and the count. The two families hash different bytes
 * under different secrets (syncookie_secret[2], syncookie6_secret[2]), laid
 * out as Linux lays them out on a little-endian host:
 *  - IPv4 (siphash_4u32): client address, server address (4 bytes each, as
 *    on the wire), the 32-bit word sport << 16 | dport of the two big-endian
 *    ports, written little-endian (so: server port, client port, each in
 *    network byte order), count (32 bits, little-endian): 16 bytes;
 *  - IPv6 (siphash over a struct): client address, server address (16 bytes
 *    each), count (32 bits, little-endian), client port, server port (network
 *    byte order): 40 bytes.
 *
 * count is the time counter (tcp_cookie_time: time / TCP_SYNCOOKIE_PERIOD,
 * 60 s) and mssind the index of the client's MSS in the family's msstab:
 * {536, 1300, 1440, 1460} for IPv4, {1280 - 60, 1480 - 60, 1500 - 60,
 * 9000 - 60} for IPv6. The returning ACK acknowledges cookie + 1; the cookie
 * is valid if its count is at most MAX_SYNCOOKIE_AGE - 1 = 1 period old and
 * the MSS index it yields is in the table. No state is kept between the SYN
 * and the ACK.
 *
 * When the SYN carried timestamps the cookie SYN-ACK's TSval keeps the other
 * choices in its low TSBITS = 6 bits (cookie_init_timestamp): the client's
 * window scale (4 bits, 0xf = no window scaling), SACK permitted (bit 4) and
 * ECN (bit 5); the TSval is at most the current clock. The ACK echoes it as
 * TSecr and cookie_timestamp_decode restores the choices. An ACK without
 * timestamps gives a connection without window scaling and SACK.
 *
 * The four 128-bit secrets are drawn from ns-3's random number generator at
 * the first use (net_get_random_once), IPv4's pair first, so a run is
 * reproducible from its seed and run number (AssignStreams fixes the stream);
 * SetSecrets replaces a pair (for test vectors).
 *
 * Deviations: Linux adds a per-address-pair offset (secure_tcp_ts_off) to
 * every TSval and subtracts it from the TSecr before decoding; the model's
 * timestamps have no offset (ns-3's clock in milliseconds), so there is
 * nothing to subtract, and in a run's first 64 ms a cookie TSval can wrap to
 * just under 2^32. Linux's hash input depends on the host's byte order; the
 * model is a little-endian (x86, arm64) host. The secrets come from ns-3's
 * RNG, not the kernel's pool. Like Linux, the model checks neither the age of
 * a cookie ACK's TSecr nor whether it lies ahead of the clock (only the
 * cookie's counter).
 */
class TcpSynCookieGenerator : public Object
{
  public:
    /// COOKIEBITS: the low 24 bits carry hash + MSS index, the high 8 the count.
    static constexpr uint32_t COOKIE_BITS = 24;
    /// MAX_SYNCOOKIE_AGE: a cookie is accepted for this many counter values.
    static constexpr uint32_t MAX_AGE = 2;
    /// msstab of net/ipv4/syncookies.c.
    static constexpr std::array<uint16_t, 4> MSS_TABLE_V4 = {536, 1300, 1440, 1460};
    /// msstab of net/ipv6/syncookies.c: IPV6_MIN_MTU, 1480, 1500 and 9000 minus 60.
    static constexpr std::array<uint16_t, 4> MSS_TABLE_V6 = {1280 - 60,
                                                             1480 - 60,
                                                             1500 - 60,
                                                             9000 - 60};
    /// TSBITS: low bits of a cookie SYN-ACK's TSval that carry the options.
    static constexpr uint32_t TS_BITS = 6;
    /// TS_OPT_WSCALE_MASK: the window scale field (0xf: no window scaling).
    static constexpr uint32_t TS_OPT_WSCALE_MASK = 0xf;
    /// TS_OPT_SACK: SACK permitted.
    static constexpr uint32_t TS_OPT_SACK = 1u << 4;
    /// TS_OPT_ECN: ECN negotiated.
    static constexpr uint32_t TS_OPT_ECN = 1u << 5;
    /// TCP_MAX_WSCALE: the largest window scale Linux accepts.
    static constexpr uint8_t MAX_WSCALE = 14;

    /// The addresses, ports and client ISN a cookie is bound to.
    struct Flow
    {
        /// The SYN's source address: an Ipv4Address or an Ipv6Address.
        Address client;
        /// The SYN's destination address, of the same family as client.
        Address server;
        uint16_t clientPort{0}; //!< the SYN's source port
        uint16_t serverPort{0}; //!< the SYN's destination port
        uint32_t clientIsn{0};  //!< the SYN's sequence number

        /**
         * \brief Build a flow from socket addresses as a listener gets them.
         * \param client the client (InetSocketAddress or Inet6SocketAddress)
         * \param server the address the client sent to (same type)
         * \param clientIsn the client's ISN
         * \return the flow
         */
        static Flow FromSocketAddresses(const Address& client,
                                        const Address& server,
                                        uint32_t clientIsn);
        /// \return true if the flow's addresses are IPv6 addresses
        bool IsIpv6() const;
    };

    /**
     * The TCP options a cookie SYN-ACK's timestamp carries (the fields of
     * inet_request_sock that cookie_init_timestamp encodes).
     */
    struct TimestampOptions
    {
        bool wscaleOk{false}; //!< wscale_ok: both sides scale windows
        uint8_t sndWscale{0}; //!< snd_wscale: the client's window scale
        bool sackOk{false};   //!< sack_ok: both sides do SACK
        bool ecnOk{false};    //!< ecn_ok: ECN negotiated

        /**
         * \param other the other options
         * \return true if every field is equal
         */
        bool operator==(const TimestampOptions& other) const;
    };

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TFO_NS3_DECLARE_GET_INSTANCE_TYPE_ID

    TcpSynCookieGenerator();

    /**
     * \brief cookie_v4_init_sequence / cookie_v6_init_sequence: the ISN of a
     * cookie SYN-ACK.
     * \param flow the SYN's addresses, ports and sequence number
     * \param clientMss the MSS the client announced (DefaultMss if none)
     * \param[out] encodedMss the table MSS the cookie encodes: the largest
     *        entry not above \p clientMss, or the smallest entry
     * \return the cookie (the SYN-ACK's sequence number)
     */
    uint32_t Encode(const Flow& flow, uint16_t clientMss, uint16_t& encodedMss);

    /**
     * \brief __cookie_v4_check / __cookie_v6_check: validate the cookie an
     * ACK returns.
     * \param flow the ACK's addresses and ports, clientIsn = the ACK's
     *        sequence number - 1
     * \param cookie the ACK's acknowledgement number - 1
     * \return the MSS the cookie encodes, or nothing if it is invalid
     */
    std::optional<uint16_t> Check(const Flow& flow, uint32_t cookie);

    /**
     * \brief cookie_init_timestamp: the TSval of a cookie SYN-ACK: the clock
     * with its low TS_BITS bits replaced by the options, made no larger than
     * the clock (minus 1 << TS_BITS if needed; modulo 2^32 like the option).
     * \param tsNow the current timestamp clock (TcpOptionTS::NowToTsValue)
     * \param options what the SYN negotiated
     * \return the TSval
     */
    static uint32_t InitTimestamp(uint32_t tsNow, const TimestampOptions& options);

    /**
     * \brief cookie_timestamp_decode (and the ecn_ok bit that
     * cookie_tcp_reqsk_alloc takes from the TSecr): the options a valid
     * cookie ACK restores.
     * \param tsecr the ACK's TSecr, or nothing if it carried no timestamps
     *        (then every option is off)
     * \param timestamps net.ipv4.tcp_timestamps of the listener
     * \param sack net.ipv4.tcp_sack of the listener
     * \param windowScaling net.ipv4.tcp_window_scaling of the listener
     * \return the options, or nothing if the TSecr claims an option the
     *         listener has disabled (Linux then creates no child)
     */
    static std::optional<TimestampOptions> DecodeTimestamp(std::optional<uint32_t> tsecr,
                                                           bool timestamps,
                                                           bool sack,
                                                           bool windowScaling);

    /// \return the current counter value (tcp_cookie_time)
    uint32_t GetCount() const;

    /// \return TCP_SYNCOOKIE_VALID: how long cookies stay acceptable (MAX_AGE periods)
    Time GetValidity() const;

    /**
     * \brief The msstab lookup of cookie_v4_init_sequence and
     * cookie_v6_init_sequence: the largest table entry not above \p mss
     * (the first entry if none is).
     * \param ipv6 use IPv6's table
     * \param mss the client's MSS
     * \return the index
     */
    static uint32_t MssIndex(bool ipv6, uint16_t mss);

    /**
     * \param ipv6 IPv6 rather than IPv4
     * \return the family's msstab
     */
    static const std::array<uint16_t, 4>& MssTable(bool ipv6);

    /**
     * \brief The MSS a listener assumes for a SYN without the MSS option: the
     * mss_clamp of tcp_request_sock_ipv4_ops / tcp_request_sock_ipv6_ops
     * (TCP_MSS_DEFAULT = 536; IPV6_MIN_MTU - 60 = 1220).
     * \param ipv6 IPv6 rather than IPv4
     * \return the MSS
     */
    static uint16_t DefaultMss(bool ipv6);

    /**
     * \brief Replace one family's pair of secrets (syncookie_secret or
     * syncookie6_secret), e.g. to check the cookie against a computed
     * vector. The other family keeps (or draws) its own.
     * \param ipv6 replace IPv6's pair rather than IPv4's
     * \param secrets the two 16-byte SipHash keys (secret[0], secret[1])
     */
    void SetSecrets(bool ipv6, const std::array<std::array<uint8_t, 16>, 2>& secrets);

    /**
     * \brief Fix the random stream of the secrets.
     * \param stream first stream number
     * \return number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

  private:
    /// A pair of SipHash keys: secret[0] for H(0, 0), secret[1] for H(count, 1).
    using Secrets = std::array<std::array<uint8_t, 16>, 2>;

    /**
     * \brief cookie_hash: dispatch to the flow's family.
     * \param flow the flow
     * \param count the counter
     * \param c which secret (0 or 1)
     * \return the hash's low 32 bits
     */
    uint32_t CookieHash(const Flow& flow, uint32_t count, uint32_t c);
    /**
     * \brief cookie_hash of net/ipv4/syncookies.c: siphash_4u32(saddr, daddr,
     * sport << 16 | dport, count) under syncookie_secret[c].
     * \param flow an IPv4 flow
     * \param count the counter
     * \param c which secret (0 or 1)
     * \return the hash's low 32 bits
     */
    uint32_t CookieHashV4(const Flow& flow, uint32_t count, uint32_t c);
    /**
     * \brief cookie_hash of net/ipv6/syncookies.c: siphash of {saddr, daddr,
     * count, sport, dport} (40 bytes) under syncookie6_secret[c].
     * \param flow an IPv6 flow
     * \param count the counter
     * \param c which secret (0 or 1)
     * \return the hash's low 32 bits
     */
    uint32_t CookieHashV6(const Flow& flow, uint32_t count, uint32_t c);
    /**
     * \brief secure_tcp_syn_cookie: the cookie for \p flow carrying \p data.
     * \param flow the flow
     * \param data the MSS index
     * \return the cookie
     */
    uint32_t SecureSynCookie(const Flow& flow, uint32_t data);
    /**
     * \brief check_tcp_syn_cookie: the data \p cookie carries.
     * \param flow the flow
     * \param cookie the cookie
     * \return the data, or 0xffffffff if the count is too old
     */
    uint32_t CheckSynCookie(const Flow& flow, uint32_t cookie);
    /// Draw the secrets if not drawn yet (net_get_random_once).
    void EnsureSecrets();

    Time m_period{Seconds(60)};       //!< TCP_SYNCOOKIE_PERIOD
    Ptr<UniformRandomVariable> m_rng; //!< source of the secrets
    bool m_haveSecrets{false};        //!< secrets drawn
    Secrets m_secret{};               //!< syncookie_secret[2] (IPv4)
    Secrets m_secret6{};              //!< syncookie6_secret[2] (IPv6)
};

} // namespace ns3

#endif /* TCP_SYN_COOKIE_H */
