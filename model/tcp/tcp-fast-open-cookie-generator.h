/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_FAST_OPEN_COOKIE_GENERATOR_H
#define TCP_FAST_OPEN_COOKIE_GENERATOR_H

#include "tcp-fast-open-cookie.h"
#include "tcp-fast-open-key.h"

#include "ns3/address.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/tcp-fast-open-ns3-compat.h"
#include "ns3/traced-callback.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

/// OpenSSL's EVP_CIPHER_CTX (openssl/types.h), declared here to keep OpenSSL
/// out of the module's public headers.
struct evp_cipher_ctx_st;

namespace ns3
{

class UniformRandomVariable;

/**
 * \ingroup tcp-fast-open
 *
 * The server's TCP Fast Open cookie generator: Linux's tcp_fastopen_context.
 * A primary key creates and validates cookies; an optional backup key only
 * validates them (key rotation). With no key configured a random primary key
 * is drawn from the simulator's RNG at first use, as Linux does.
 *
 * Algorithms (attribute "Algorithm"):
 *  - SIPHASH (Linux >= 5.3, the default): SipHash-2-4 keyed with the 16 key
 *    bytes over client address ‖ server address (4 + 4 bytes for IPv4, 16 + 16
 *    for IPv6, network byte order as on the wire); the 64-bit result written
 *    little-endian is the 8-byte cookie (libsodium crypto_shorthash_siphash24).
 *  - AES128 (Linux 4.x): IPv4 cookie = first 8 bytes of
 *    AES_K(client ‖ server ‖ 8 zero bytes); IPv6 cookie = first 8 bytes of
 *    AES_K(AES_K(client) XOR server), a two-block CBC-MAC (OpenSSL EVP, ECB,
 *    one context per key, made when the key is set and reused).
 *
 * Ports are never hashed: one cookie per (client, server) address pair.
 */
class TcpFastOpenCookieGenerator : public Object
{
  public:
    /// The cookie algorithm.
    enum Algorithm
    {
        SIPHASH, //!< SipHash-2-4 (Linux >= 5.3)
        AES128   //!< AES-128 truncated to 8 bytes (Linux 4.x)
    };

    /// Validate() result: the cookie is not valid under any key.
    static constexpr int INVALID = 0;
    /// Validate() result: the cookie is valid under the primary key.
    static constexpr int VALID_PRIMARY = 1;
    /// Validate() result: the cookie is valid under the backup key only.
    static constexpr int VALID_BACKUP = 2;

    /**
     * TracedCallback signature for key changes.
     * \param primary the new primary key
     * \param hasBackup whether a backup key is present
     */
    typedef void (*KeyChangedTracedCallback)(const TcpFastOpenKey& primary, bool hasBackup);

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TFO_NS3_DECLARE_GET_INSTANCE_TYPE_ID

    TcpFastOpenCookieGenerator();
    ~TcpFastOpenCookieGenerator() override;

    TcpFastOpenCookieGenerator(const TcpFastOpenCookieGenerator&) = delete;
    TcpFastOpenCookieGenerator& operator=(const TcpFastOpenCookieGenerator&) = delete;

    /**
     * \brief Choose the algorithm (takes effect for the next cookie).
     * \param algorithm the algorithm
     */
    void SetAlgorithm(Algorithm algorithm);

    /// \return the algorithm
    Algorithm GetAlgorithm() const;

    /**
     * \brief The cookie the primary key gives for an IPv4 address pair.
     * \param client the client's (SYN's source) address
     * \param server the server's (SYN's destination) address
     * \return the 8-byte cookie
     */
    TcpFastOpenCookie Generate(Ipv4Address client, Ipv4Address server);

    /**
     * \brief The cookie the primary key gives for an IPv6 address pair.
     * \param client the client's (SYN's source) address
     * \param server the server's (SYN's destination) address
     * \return the 8-byte cookie
     */
    TcpFastOpenCookie Generate(const Ipv6Address& client, const Ipv6Address& server);

    /**
     * \brief The cookie for an address pair given as InetSocketAddress,
     * Inet6SocketAddress, Ipv4Address or Ipv6Address (ports are ignored).
     * Aborts with a message on any other address type or mixed families.
     * \param client the client's address
     * \param server the server's address
     * \return the 8-byte cookie
     */
    TcpFastOpenCookie Generate(const Address& client, const Address& server);

    /**
     * \brief Check a presented cookie (Linux tcp_fastopen_cookie_gen_check).
     * It matches a key only with the same length (8) and bytes.
     * \param presented the cookie from the SYN
     * \param client the client's address
     * \param server the server's address
     * \return INVALID (0), VALID_PRIMARY (1) or VALID_BACKUP (2)
     */
    int Validate(const TcpFastOpenCookie& presented, Ipv4Address client, Ipv4Address server);

    /**
     * \brief Check a presented cookie for an IPv6 address pair.
     * \param presented the cookie from the SYN
     * \param client the client's address
     * \param server the server's address
     * \return INVALID (0), VALID_PRIMARY (1) or VALID_BACKUP (2)
     */
    int Validate(const TcpFastOpenCookie& presented,
                 const Ipv6Address& client,
                 const Ipv6Address& server);

    /**
     * \brief Check a presented cookie; addresses as for Generate(const Address&, ...).
     * \param presented the cookie from the SYN
     * \param client the client's address
     * \param server the server's address
     * \return INVALID (0), VALID_PRIMARY (1) or VALID_BACKUP (2)
     */
    int Validate(const TcpFastOpenCookie& presented, const Address& client, const Address& server);

    /**
     * \brief Install keys, as writing "primary[,backup]" to the sysctl does.
     * \param primary the key that creates and validates cookies
     * \param backup the key that only validates (std::nullopt: none)
     */
    void SetKeys(const TcpFastOpenKey& primary,
                 std::optional<TcpFastOpenKey> backup = std::nullopt);

    /**
     * \brief Install keys from "primary[,backup]", each key in the sysctl or hex
     * form (TcpFastOpenKey::ParseKeyList). Nothing changes on failure.
     * \param text the key list
     * \param error receives the problem on failure
     * \return true on success
     */
    bool SetKeysFromString(const std::string& text, std::string& error);

    /**
     * \brief Make \p newPrimary the primary key and the old primary the backup
     * (writing "new,old" to the sysctl). With no key yet, there is no backup.
     * \param newPrimary the new primary key
     */
    void RotateKey(const TcpFastOpenKey& newPrimary);

    /// Forget the backup key (writing the primary key alone to the sysctl).
    void DropBackupKey();

    /**
     * \brief RotateKey(newPrimary) after \p delay of simulated time.
     * \param delay the delay
     * \param newPrimary the new primary key
     */
    void ScheduleRotation(Time delay, const TcpFastOpenKey& newPrimary);

    /**
     * \brief DropBackupKey() after \p delay of simulated time.
     * \param delay the delay
     */
    void ScheduleDropBackup(Time delay);

    /// \return true if a primary key is set (configured or already drawn)
    bool HasKey() const;

    /**
     * \return the primary key; draws the random key first if none is set yet
     */
    TcpFastOpenKey GetPrimaryKey();

    /// \return the backup key, if any
    std::optional<TcpFastOpenKey> GetBackupKey() const;

    /**
     * \brief Use a fixed RNG stream for the random key.
     * \param stream first stream index to use
     * \return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /**
     * \brief Encrypt one 16-byte block with AES-128 under the primary key,
     * through the same OpenSSL context the AES128 cookies use (a known-answer
     * test hook).
     * \param block the plaintext block
     * \return the ciphertext block
     */
    std::array<uint8_t, 16> EncryptBlock(const std::array<uint8_t, 16>& block);

    /**
     * \brief The SIPHASH cookie function: SipHash-2-4 of \p message under \p key,
     * the 64-bit result written little-endian as an 8-byte cookie.
     * \param key the key
     * \param message the bytes to hash
     * \param length their number
     * \return the cookie
     */
    static TcpFastOpenCookie SipHashCookie(const TcpFastOpenKey& key,
                                           const uint8_t* message,
                                           std::size_t length);

  protected:
    void DoDispose() override;

  private:
    /**
     * \brief Write an IPv4 client ‖ server pair in wire order, zero-padded to
     * one 16-byte AES block.
     *
     * A listener sees its own address in every SYN: its wire form is kept
     * from the previous call (compared with Ipv4Address's inline operator==),
     * so only the client's needs Ipv4Address::Get, an out-of-line call.
     * \param client the client's address
     * \param server the server's address
     * \param out receives 16 bytes
     */
    void WriteIpv4Path(Ipv4Address client, Ipv4Address server, uint8_t* out);

    /**
     * \brief Make sure a primary key exists: the fast path of Linux's
     * tcp_fastopen_init_key_once, inline since it runs for every SYN.
     */
    void EnsureKey()
    {
        if (!m_primary)
        {
            DrawRandomKey();
        }
    }

    /**
     * \brief Install a random primary key drawn from the RNG ("no configured
     * key: random key at first use").
     */
    void DrawRandomKey();

    /**
     * \brief The cookie under one key for an address pair, written into
     * \p out (no cookie object on the per-SYN path: Validate compares the
     * bytes in place).
     * \param key the key
     * \param aes the OpenSSL context holding that key, made here on the
     *        first AES cookie under the key (SipHash needs none, and OpenSSL's
     *        first context loads its cipher tables: ~8 M instructions)
     * \param path client address ‖ server address in wire bytes (network
     *        order, as adjacent in the IP header), followed by zero bytes up to
     *        32 bytes in all
     * \param addressLength 4 (IPv4) or 16 (IPv6)
     * \param out receives the TcpFastOpenCookie::SIZE cookie bytes
     */
    void Compute(const TcpFastOpenKey& key,
                 evp_cipher_ctx_st*& aes,
                 const uint8_t* path,
                 std::size_t addressLength,
                 uint8_t* out) const;

    /**
     * \brief Validate an address pair against the primary key, then the backup
     * key (Linux tcp_fastopen_cookie_gen_check).
     * \param presented the cookie from the SYN
     * \param path client ‖ server as for Compute()
     * \param addressLength 4 or 16
     * \return INVALID, VALID_PRIMARY or VALID_BACKUP
     */
    int ValidatePath(const TcpFastOpenCookie& presented,
                     const uint8_t* path,
                     std::size_t addressLength);

    /**
     * \brief Free both OpenSSL contexts.
     */
    void ReleaseContexts();

    /**
     * \brief Tell the "KeyChanged" trace.
     */
    void NotifyKeyChanged();

    /**
     * \brief "Key" attribute setter: "" = random at first use; aborts on a bad list.
     * \param text the key list
     */
    void SetKeyAttribute(const std::string& text);

    /**
     * \brief "Key" attribute getter.
     * \return "primary[,backup]" in the sysctl form, or "" with no key
     */
    std::string GetKeyAttribute() const;

    Algorithm m_algorithm{SIPHASH};           //!< cookie algorithm
    std::optional<TcpFastOpenKey> m_primary;  //!< creates and validates
    std::optional<TcpFastOpenKey> m_backup;   //!< only validates
    evp_cipher_ctx_st* m_aesPrimary{nullptr}; //!< AES context of m_primary (on first use)
    evp_cipher_ctx_st* m_aesBackup{nullptr};  //!< AES context of m_backup (on first use)
    Ptr<UniformRandomVariable> m_rng;         //!< draws the random key
    Ipv4Address m_lastServer4;                //!< the server address of the last IPv4 call
    uint32_t m_lastServer4Wire;               //!< m_lastServer4 in network byte order
    std::vector<EventId> m_events;            //!< scheduled rotations and drops
    TracedCallback<const TcpFastOpenKey&, bool> m_keyChangedTrace; //!< "KeyChanged"
};

} // namespace ns3

#endif /* TCP_FAST_OPEN_COOKIE_GENERATOR_H */
