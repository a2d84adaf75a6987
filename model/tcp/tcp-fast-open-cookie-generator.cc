/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-fast-open-cookie-generator.h"

#include "ns3/abort.h"
#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/log.h"
#include "ns3/random-variable-stream.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/trace-source-accessor.h"

#include <boost/endian/conversion.hpp>
#include <cstring>
#include <openssl/evp.h>
#include <sodium.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpFastOpenCookieGenerator");
NS_OBJECT_ENSURE_REGISTERED(TcpFastOpenCookieGenerator);

namespace
{

/// Size of an AES block.
constexpr std::size_t kAesBlock = 16;

/**
 * \brief Initialise libsodium once per process (sodium_init).
 */
void
InitSodiumOnce()
{
    static const int rc = sodium_init();
    NS_ABORT_MSG_IF(rc < 0, "libsodium: sodium_init() failed");
}

/// Bytes of the hashed path: two IPv6 addresses (IPv4: two addresses, then zeros).
constexpr std::size_t kPathSize = 32;

/**
 * \brief Write the IP address inside an InetSocketAddress, Inet6SocketAddress,
 * Ipv4Address or Ipv6Address in wire bytes; aborts on anything else.
 * \param address the address
 * \param role "client" or "server", for the message
 * \param out receives 4 or 16 bytes
 * \return the number of bytes written (4 or 16)
 */
std::size_t
WriteAddress(const Address& address, const char* role, uint8_t* out)
{
    if (InetSocketAddress::IsMatchingType(address))
    {
        InetSocketAddress::ConvertFrom(address).GetIpv4().Serialize(out);
        return 4;
    }
    if (Inet6SocketAddress::IsMatchingType(address))
    {
        Inet6SocketAddress::ConvertFrom(address).GetIpv6().Serialize(out);
        return 16;
    }
    if (Ipv4Address::IsMatchingType(address))
    {
        Ipv4Address::ConvertFrom(address).Serialize(out);
        return 4;
    }
    if (Ipv6Address::IsMatchingType(address))
    {
        Ipv6Address::ConvertFrom(address).Serialize(out);
        return 16;
    }
    NS_ABORT_MSG("TcpFastOpenCookieGenerator: the "
                 << role << " address " << address
                 << " is not an InetSocketAddress, Inet6SocketAddress, Ipv4Address or "
                    "Ipv6Address");
    return 0;
}

/**
 * \brief Write client ‖ server into \p path; aborts if their families differ.
 * \param client the client address
 * \param server the server address
 * \param path receives the addresses (kPathSize bytes, zeroed by the caller)
 * \return the length of one address (4 or 16)
 */
std::size_t
WritePath(const Address& client, const Address& server, uint8_t* path)
{
    const std::size_t clientLength = WriteAddress(client, "client", path);
    const std::size_t serverLength = WriteAddress(server, "server", path + clientLength);
    NS_ABORT_MSG_IF(clientLength != serverLength,
                    "TcpFastOpenCookieGenerator: client "
                        << client << " and server " << server
                        << " are of different IP families; both must be IPv4 or both IPv6");
    return clientLength;
}

/**
 * \brief SipHash-2-4 of \p message, the 64-bit value written little-endian
 * (the kernel's cpu_to_le64(siphash(...)); libsodium stores it so).
 * \param key the 16 key bytes
 * \param message the bytes to hash
 * \param length their number
 * \param out receives the 8 cookie bytes
 */
void
SipHash24Cookie(const uint8_t* key, const uint8_t* message, std::size_t length, uint8_t* out)
{
    static_assert(crypto_shorthash_siphash24_BYTES == TcpFastOpenCookie::SIZE,
                  "a SipHash-2-4 value is one 8-byte cookie");
    static_assert(crypto_shorthash_siphash24_KEYBYTES == TcpFastOpenKey::SIZE,
                  "a SipHash-2-4 key is one TCP Fast Open key");
    crypto_shorthash_siphash24(out, message, length, key);
}

/**
 * \brief One AES-128 block encryption with a prepared ECB context.
 * \param aes the context
 * \param in 16 plaintext bytes
 * \param out 16 ciphertext bytes
 */
void
AesBlock(EVP_CIPHER_CTX* aes, const uint8_t* in, uint8_t* out)
{
    int outLength = 0;
    const int ok = EVP_EncryptUpdate(aes, out, &outLength, in, static_cast<int>(kAesBlock));
    NS_ABORT_MSG_UNLESS(ok == 1 && outLength == static_cast<int>(kAesBlock),
                        "OpenSSL EVP_EncryptUpdate (AES-128-ECB) failed");
}

/**
 * \brief AES128 IPv4 cookie (Linux 4.x): AES_K(client ‖ server ‖ 0^64) cut to
 * 8 bytes; \p path already is that block.
 * \param aes the context holding K
 * \param path client ‖ server ‖ zeros
 * \param out receives the 8 cookie bytes
 */
void
AesCookieV4(EVP_CIPHER_CTX* aes, const uint8_t* path, uint8_t* out)
{
    uint8_t block[kAesBlock];
    AesBlock(aes, path, block);
    std::memcpy(out, block, TcpFastOpenCookie::SIZE);
}

/**
 * \brief AES128 IPv6 cookie (Linux 4.x): AES_K(AES_K(client) XOR server) cut
 * to 8 bytes, a two-block CBC-MAC.
 * \param aes the context holding K
 * \param path client (16 bytes) ‖ server (16 bytes)
 * \param out receives the 8 cookie bytes
 */
void
AesCookieV6(EVP_CIPHER_CTX* aes, const uint8_t* path, uint8_t* out)
{
    uint8_t buf[kAesBlock];
    AesBlock(aes, path, buf);
    for (std::size_t i = 0; i < kAesBlock; ++i)
    {
        buf[i] ^= path[kAesBlock + i];
    }
    uint8_t block[kAesBlock];
    AesBlock(aes, buf, block);
    std::memcpy(out, block, TcpFastOpenCookie::SIZE);
}

/**
 * \brief A new AES-128-ECB context (no padding) holding \p key, made once per key.
 * \param key the key
 * \return the context (aborts if OpenSSL fails)
 */
EVP_CIPHER_CTX*
MakeAesContext(const TcpFastOpenKey& key)
{
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    NS_ABORT_MSG_UNLESS(ctx, "OpenSSL EVP_CIPHER_CTX_new failed");
    const int ok =
        EVP_EncryptInit_ex(ctx, EVP_aes_128_ecb(), nullptr, key.GetBytes().data(), nullptr);
    NS_ABORT_MSG_UNLESS(ok == 1, "OpenSSL EVP_EncryptInit_ex (AES-128-ECB) failed");
    EVP_CIPHER_CTX_set_padding(ctx, 0);
    return ctx;
}

/**
 * \brief The AES context of a key, made on its first use.
 * \param aes the key's context slot (nullptr until then)
 * \param key the key
 * \return the context
 */
EVP_CIPHER_CTX*
AesContext(EVP_CIPHER_CTX*& aes, const TcpFastOpenKey& key)
{
    if (!aes)
    {
        aes = MakeAesContext(key);
    }
    return aes;
}

/**
 * \brief Whether a presented cookie equals a generated one (Linux
 * tcp_fastopen_cookie_match: length TCP_FASTOPEN_COOKIE_SIZE and same bytes).
 * \param generated the TcpFastOpenCookie::SIZE bytes a key gives
 * \param presented the cookie from the SYN
 * \return true on a match
 */
bool
CookieMatches(const uint8_t* generated, const TcpFastOpenCookie& presented)
{
    return presented.GetLength() == TcpFastOpenCookie::SIZE &&
           std::memcmp(generated, presented.GetBytes(), TcpFastOpenCookie::SIZE) == 0;
}

} // namespace

TypeId
TcpFastOpenCookieGenerator::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::TcpFastOpenCookieGenerator")
            .SetParent<Object>()
            .SetGroupName("TcpFastOpen")
            .AddConstructor<TcpFastOpenCookieGenerator>()
            .AddAttribute("Algorithm",
                          "Cookie algorithm: SIPHASH (SipHash-2-4, Linux >= 5.3) or "
                          "AES128 (AES-128 cut to 8 bytes, Linux 4.x).",
                          EnumValue(SIPHASH),
                          TFO_MAKE_ENUM_ACCESSOR(TcpFastOpenCookieGenerator::Algorithm,
                                                 &TcpFastOpenCookieGenerator::SetAlgorithm,
                                                 &TcpFastOpenCookieGenerator::GetAlgorithm),
                          MakeEnumChecker(SIPHASH, "SIPHASH", AES128, "AES128"))
            .AddAttribute("Key",
                          "Server keys \"primary[,backup]\" (net.ipv4.tcp_fastopen_key), each "
                          "as four dash-separated 32-bit hex words or 32 hex digits. "
                          "Empty: a random key is drawn at first use.",
                          StringValue(""),
                          MakeStringAccessor(&TcpFastOpenCookieGenerator::SetKeyAttribute,
                                             &TcpFastOpenCookieGenerator::GetKeyAttribute),
                          MakeStringChecker())
            .AddTraceSource("KeyChanged",
                            "The keys changed: the new primary key and whether a backup "
                            "key is present.",
                            MakeTraceSourceAccessor(&TcpFastOpenCookieGenerator::m_keyChangedTrace),
                            "ns3::TcpFastOpenCookieGenerator::KeyChangedTracedCallback");
    return tid;
}

TFO_NS3_DEFINE_GET_INSTANCE_TYPE_ID(TcpFastOpenCookieGenerator)

TcpFastOpenCookieGenerator::TcpFastOpenCookieGenerator()
    : m_rng(CreateObject<UniformRandomVariable>()),
      m_lastServer4Wire(boost::endian::native_to_big(m_lastServer4.Get()))
{
    NS_LOG_FUNCTION(this);
    InitSodiumOnce();
}

TcpFastOpenCookieGenerator::~TcpFastOpenCookieGenerator()
{
    ReleaseContexts();
}

void
TcpFastOpenCookieGenerator::DoDispose()
{
    NS_LOG_FUNCTION(this);
    for (EventId& event : m_events)
    {
        event.Cancel();
    }
    m_events.clear();
    ReleaseContexts();
    m_rng = nullptr;
    Object::DoDispose();
}

void
TcpFastOpenCookieGenerator::SetAlgorithm(Algorithm algorithm)
{
    NS_LOG_FUNCTION(this << algorithm);
    m_algorithm = algorithm;
}

TcpFastOpenCookieGenerator::Algorithm
TcpFastOpenCookieGenerator::GetAlgorithm() const
{
    return m_algorithm;
}

// ---------------------------------------------------------------------------
// Keys
// ---------------------------------------------------------------------------

void
TcpFastOpenCookieGenerator::SetKeys(const TcpFastOpenKey& primary,
                                    std::optional<TcpFastOpenKey> backup)
{
    NS_LOG_FUNCTION(this << primary << backup.has_value());
    ReleaseContexts(); // the AES contexts are made on first use (Compute)
    m_primary = primary;
    m_backup = backup;
    NotifyKeyChanged();
}

bool
TcpFastOpenCookieGenerator::SetKeysFromString(const std::string& text, std::string& error)
{
    NS_LOG_FUNCTION(this << text);
    TcpFastOpenKey primary;
    std::optional<TcpFastOpenKey> backup;
    if (!TcpFastOpenKey::ParseKeyList(text, primary, backup, error))
    {
        return false;
    }
    SetKeys(primary, backup);
    return true;
}

void
TcpFastOpenCookieGenerator::RotateKey(const TcpFastOpenKey& newPrimary)
{
    NS_LOG_FUNCTION(this << newPrimary);
    if (m_aesBackup)
    {
        EVP_CIPHER_CTX_free(m_aesBackup);
    }
    // The old primary (and its cipher context) becomes the backup.
    m_backup = m_primary;
    m_aesBackup = m_aesPrimary;
    m_primary = newPrimary;
    m_aesPrimary = nullptr; // made on first use (Compute)
    NotifyKeyChanged();
}

void
TcpFastOpenCookieGenerator::DropBackupKey()
{
    NS_LOG_FUNCTION(this);
    if (m_aesBackup)
    {
        EVP_CIPHER_CTX_free(m_aesBackup);
        m_aesBackup = nullptr;
    }
    m_backup.reset();
    if (m_primary)
    {
        NotifyKeyChanged();
    }
}

void
TcpFastOpenCookieGenerator::ScheduleRotation(Time delay, const TcpFastOpenKey& newPrimary)
{
    NS_LOG_FUNCTION(this << delay << newPrimary);
    m_events.push_back(
        Simulator::Schedule(delay, &TcpFastOpenCookieGenerator::RotateKey, this, newPrimary));
}

void
TcpFastOpenCookieGenerator::ScheduleDropBackup(Time delay)
{
    NS_LOG_FUNCTION(this << delay);
    m_events.push_back(
        Simulator::Schedule(delay, &TcpFastOpenCookieGenerator::DropBackupKey, this));
}

bool
TcpFastOpenCookieGenerator::HasKey() const
{
    return m_primary.has_value();
}

TcpFastOpenKey
TcpFastOpenCookieGenerator::GetPrimaryKey()
{
    EnsureKey();
    return *m_primary;
}

std::optional<TcpFastOpenKey>
TcpFastOpenCookieGenerator::GetBackupKey() const
{
    return m_backup;
}

int64_t
TcpFastOpenCookieGenerator::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    m_rng->SetStream(stream);
    return 1;
}

void
TcpFastOpenCookieGenerator::DrawRandomKey()
{
    NS_ABORT_MSG_UNLESS(m_rng, "TcpFastOpenCookieGenerator used after Dispose()");
    SetKeys(TcpFastOpenKey::FromRandom(m_rng), std::nullopt);
    NS_LOG_LOGIC("no key configured: random key " << *m_primary);
}

void
TcpFastOpenCookieGenerator::ReleaseContexts()
{
    EVP_CIPHER_CTX_free(m_aesPrimary); // accepts nullptr
    EVP_CIPHER_CTX_free(m_aesBackup);
    m_aesPrimary = nullptr;
    m_aesBackup = nullptr;
}

void
TcpFastOpenCookieGenerator::NotifyKeyChanged()
{
    m_keyChangedTrace(*m_primary, m_backup.has_value());
}

void
TcpFastOpenCookieGenerator::SetKeyAttribute(const std::string& text)
{
    NS_LOG_FUNCTION(this << text);
    if (text.empty())
    {
        ReleaseContexts();
        m_primary.reset();
        m_backup.reset();
        return;
    }
    std::string error;
    NS_ABORT_MSG_UNLESS(SetKeysFromString(text, error),
                        "TcpFastOpenCookieGenerator::Key \"" << text << "\": " << error);
}

std::string
TcpFastOpenCookieGenerator::GetKeyAttribute() const
{
    if (!m_primary)
    {
        return "";
    }
    return m_primary->ToSysctlString() + (m_backup ? "," + m_backup->ToSysctlString() : "");
}

// ---------------------------------------------------------------------------
// Cookies
// ---------------------------------------------------------------------------

void
TcpFastOpenCookieGenerator::WriteIpv4Path(Ipv4Address client, Ipv4Address server, uint8_t* out)
{
    if (!(server == m_lastServer4))
    {
        m_lastServer4 = server;
        m_lastServer4Wire = boost::endian::native_to_big(server.Get());
    }
    // One 16-byte store (a GCC/Clang vector), not several smaller ones: AES
    // then loads the block straight from the store buffer instead of waiting
    // for the stores to reach the cache.
    using Block = uint32_t __attribute__((vector_size(kAesBlock)));
    const Block block{boost::endian::native_to_big(client.Get()), m_lastServer4Wire, 0, 0};
    std::memcpy(out, &block, sizeof(block));
}

TcpFastOpenCookie
TcpFastOpenCookieGenerator::Generate(Ipv4Address client, Ipv4Address server)
{
    uint8_t path[kAesBlock]; // AES reads one zero-padded block
    WriteIpv4Path(client, server, path);
    EnsureKey();
    uint8_t out[TcpFastOpenCookie::SIZE];
    Compute(*m_primary, m_aesPrimary, path, 4, out);
    return TcpFastOpenCookie(out, sizeof(out));
}

TcpFastOpenCookie
TcpFastOpenCookieGenerator::Generate(const Ipv6Address& client, const Ipv6Address& server)
{
    uint8_t path[kPathSize];
    client.Serialize(path);
    server.Serialize(path + 16);
    EnsureKey();
    uint8_t out[TcpFastOpenCookie::SIZE];
    Compute(*m_primary, m_aesPrimary, path, 16, out);
    return TcpFastOpenCookie(out, sizeof(out));
}

TcpFastOpenCookie
TcpFastOpenCookieGenerator::Generate(const Address& client, const Address& server)
{
    uint8_t path[kPathSize] = {};
    const std::size_t length = WritePath(client, server, path);
    EnsureKey();
    uint8_t out[TcpFastOpenCookie::SIZE];
    Compute(*m_primary, m_aesPrimary, path, length, out);
    return TcpFastOpenCookie(out, sizeof(out));
}

int
TcpFastOpenCookieGenerator::Validate(const TcpFastOpenCookie& presented,
                                     Ipv4Address client,
                                     Ipv4Address server)
{
    uint8_t path[kAesBlock]; // AES reads one zero-padded block
    WriteIpv4Path(client, server, path);
    return ValidatePath(presented, path, 4);
}

int
TcpFastOpenCookieGenerator::Validate(const TcpFastOpenCookie& presented,
                                     const Ipv6Address& client,
                                     const Ipv6Address& server)
{
    uint8_t path[kPathSize];
    client.Serialize(path);
    server.Serialize(path + 16);
    return ValidatePath(presented, path, 16);
}

int
TcpFastOpenCookieGenerator::Validate(const TcpFastOpenCookie& presented,
                                     const Address& client,
                                     const Address& server)
{
    uint8_t path[kPathSize] = {};
    const std::size_t length = WritePath(client, server, path);
    return ValidatePath(presented, path, length);
}

int
TcpFastOpenCookieGenerator::ValidatePath(const TcpFastOpenCookie& presented,
                                         const uint8_t* path,
                                         std::size_t addressLength)
{
    EnsureKey();
    uint8_t out[TcpFastOpenCookie::SIZE];
    Compute(*m_primary, m_aesPrimary, path, addressLength, out);
    if (CookieMatches(out, presented))
    {
        return VALID_PRIMARY;
    }
    if (m_backup)
    {
        Compute(*m_backup, m_aesBackup, path, addressLength, out);
        if (CookieMatches(out, presented))
        {
            return VALID_BACKUP;
        }
    }
    return INVALID;
}

void
TcpFastOpenCookieGenerator::Compute(const TcpFastOpenKey& key,
                                    evp_cipher_ctx_st*& aes,
                                    const uint8_t* path,
                                    std::size_t addressLength,
                                    uint8_t* out) const
{
    if (m_algorithm == SIPHASH)
    {
        // The kernel hashes iph->saddr..daddr (ip6h->saddr..daddr): both
        // addresses, adjacent in the header, source first.
        SipHash24Cookie(key.GetBytes().data(), path, 2 * addressLength, out);
        return;
    }
    if (addressLength == 4)
    {
        AesCookieV4(AesContext(aes, key), path, out);
    }
    else
    {
        AesCookieV6(AesContext(aes, key), path, out);
    }
}

TcpFastOpenCookie
TcpFastOpenCookieGenerator::SipHashCookie(const TcpFastOpenKey& key,
                                          const uint8_t* message,
                                          std::size_t length)
{
    uint8_t out[TcpFastOpenCookie::SIZE];
    SipHash24Cookie(key.GetBytes().data(), message, length, out);
    return TcpFastOpenCookie(out, sizeof(out));
}

std::array<uint8_t, 16>
TcpFastOpenCookieGenerator::EncryptBlock(const std::array<uint8_t, 16>& block)
{
    EnsureKey();
    std::array<uint8_t, 16> out{};
    AesBlock(AesContext(m_aesPrimary, *m_primary), block.data(), out.data());
    return out;
}

} // namespace ns3
