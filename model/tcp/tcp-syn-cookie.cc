/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-syn-cookie.h"

#include "ns3/abort.h"
#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

#include <sodium.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpSynCookieGenerator");
NS_OBJECT_ENSURE_REGISTERED(TcpSynCookieGenerator);

namespace
{
/// COOKIEMASK: the low 24 bits.
constexpr uint32_t kCookieMask = (uint32_t(1) << TcpSynCookieGenerator::COOKIE_BITS) - 1;

/**
 * \brief Write a 16-bit value in network byte order.
 * \param out where
 * \param value the value
 */
void
WriteBigEndian16(uint8_t* out, uint16_t value)
{
    out[0] = static_cast<uint8_t>(value >> 8);
    out[1] = static_cast<uint8_t>(value);
}

/**
 * \brief Write a 32-bit value little-endian (a Linux u32 on x86 or arm64).
 * \param out where
 * \param value the value
 */
void
WriteLittleEndian32(uint8_t* out, uint32_t value)
{
    for (uint32_t i = 0; i < 4; i++)
    {
        out[i] = static_cast<uint8_t>(value >> (8 * i));
    }
}

/**
 * \brief SipHash-2-4 (libsodium's crypto_shorthash_siphash24) of a message;
 * Linux's siphash() returns a u64 and cookie_hash keeps its low 32 bits.
 * \param message the bytes
 * \param length how many
 * \param key the 16-byte key
 * \return the low 32 bits of the little-endian 64-bit hash
 */
uint32_t
SipHashLow32(const uint8_t* message, size_t length, const std::array<uint8_t, 16>& key)
{
    std::array<uint8_t, crypto_shorthash_siphash24_BYTES> out{};
    crypto_shorthash_siphash24(out.data(), message, length, key.data());
    return uint32_t(out[0]) | (uint32_t(out[1]) << 8) | (uint32_t(out[2]) << 16) |
           (uint32_t(out[3]) << 24);
}
} // namespace

TypeId
TcpSynCookieGenerator::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::TcpSynCookieGenerator")
            .SetParent<Object>()
            .SetGroupName("TcpFastOpen")
            .AddConstructor<TcpSynCookieGenerator>()
            .AddAttribute("CounterPeriod",
                          "TCP_SYNCOOKIE_PERIOD: the time counter encoded in a cookie advances "
                          "once per period (Linux: 60 s; a cookie is valid for 2 periods).",
                          TimeValue(Seconds(60)),
                          MakeTimeAccessor(&TcpSynCookieGenerator::m_period),
                          MakeTimeChecker(MilliSeconds(1)));
    return tid;
}

TFO_NS3_DEFINE_GET_INSTANCE_TYPE_ID(TcpSynCookieGenerator)

TcpSynCookieGenerator::TcpSynCookieGenerator()
{
    NS_LOG_FUNCTION(this);
    m_rng = CreateObject<UniformRandomVariable>();
}

int64_t
TcpSynCookieGenerator::AssignStreams(int64_t stream)
{
    m_rng->SetStream(stream);
    return 1;
}

void
TcpSynCookieGenerator::EnsureSecrets()
{
    if (m_haveSecrets)
    {
        return;
    }
    NS_ABORT_MSG_IF(sodium_init() < 0, "libsodium: sodium_init() failed");
    // syncookie_secret first: a seed gives the IPv4 secrets it always gave.
    for (Secrets* secrets : {&m_secret, &m_secret6})
    {
        for (auto& secret : *secrets)
        {
            for (auto& byte : secret)
            {
                byte = static_cast<uint8_t>(m_rng->GetInteger(0, 255));
            }
        }
    }
    m_haveSecrets = true;
}

void
TcpSynCookieGenerator::SetSecrets(bool ipv6, const Secrets& secrets)
{
    EnsureSecrets(); // the other family keeps the secrets it would have had
    (ipv6 ? m_secret6 : m_secret) = secrets;
}

TcpSynCookieGenerator::Flow
TcpSynCookieGenerator::Flow::FromSocketAddresses(const Address& client,
                                                 const Address& server,
                                                 uint32_t clientIsn)
{
    Flow flow;
    flow.clientIsn = clientIsn;
    if (InetSocketAddress::IsMatchingType(client))
    {
        const InetSocketAddress c = InetSocketAddress::ConvertFrom(client);
        const InetSocketAddress s = InetSocketAddress::ConvertFrom(server);
        flow.client = c.GetIpv4();
        flow.server = s.GetIpv4();
        flow.clientPort = c.GetPort();
        flow.serverPort = s.GetPort();
    }
    else
    {
        const Inet6SocketAddress c = Inet6SocketAddress::ConvertFrom(client);
        const Inet6SocketAddress s = Inet6SocketAddress::ConvertFrom(server);
        flow.client = c.GetIpv6();
        flow.server = s.GetIpv6();
        flow.clientPort = c.GetPort();
        flow.serverPort = s.GetPort();
    }
    return flow;
}

bool
TcpSynCookieGenerator::Flow::IsIpv6() const
{
    NS_ABORT_MSG_UNLESS(Ipv6Address::IsMatchingType(client) == Ipv6Address::IsMatchingType(server),
                        "TcpSynCookieGenerator: client and server of different families");
    return Ipv6Address::IsMatchingType(client);
}

bool
TcpSynCookieGenerator::TimestampOptions::operator==(const TimestampOptions& other) const
{
    return wscaleOk == other.wscaleOk && sndWscale == other.sndWscale && sackOk == other.sackOk &&
           ecnOk == other.ecnOk;
}

uint32_t
TcpSynCookieGenerator::GetCount() const
{
    // tcp_cookie_time(): jiffies / TCP_SYNCOOKIE_PERIOD.
    return static_cast<uint32_t>(Simulator::Now().GetTimeStep() / m_period.GetTimeStep());
}

Time
TcpSynCookieGenerator::GetValidity() const
{
    return m_period * int64_t(MAX_AGE);
}

uint32_t
TcpSynCookieGenerator::MssIndex(bool ipv6, uint16_t mss)
{
    const std::array<uint16_t, 4>& table = MssTable(ipv6);
    uint32_t index = table.size() - 1;
    while (index > 0 && mss < table[index])
    {
        index--;
    }
    return index;
}

const std::array<uint16_t, 4>&
TcpSynCookieGenerator::MssTable(bool ipv6)
{
    return ipv6 ? MSS_TABLE_V6 : MSS_TABLE_V4;
}

uint16_t
TcpSynCookieGenerator::DefaultMss(bool ipv6)
{
    return ipv6 ? 1280 - 40 - 20 : 536;
}

uint32_t
TcpSynCookieGenerator::CookieHash(const Flow& flow, uint32_t count, uint32_t c)
{
    EnsureSecrets();
    return flow.IsIpv6() ? CookieHashV6(flow, count, c) : CookieHashV4(flow, count, c);
}

uint32_t
TcpSynCookieGenerator::CookieHashV4(const Flow& flow, uint32_t count, uint32_t c)
{
    // siphash_4u32(saddr, daddr, sport << 16 | dport, count, &syncookie_secret[c]):
    // four 32-bit words, little-endian. The addresses and ports are
    // big-endian values in Linux, so their bytes are the wire's.
    std::array<uint8_t, 16> message{};
    Ipv4Address::ConvertFrom(flow.client).Serialize(message.data());
    Ipv4Address::ConvertFrom(flow.server).Serialize(message.data() + 4);
    WriteBigEndian16(message.data() + 8, flow.serverPort);  // low half: dport
    WriteBigEndian16(message.data() + 10, flow.clientPort); // high half: sport
    WriteLittleEndian32(message.data() + 12, count);
    return SipHashLow32(message.data(), message.size(), m_secret[c]);
}

uint32_t
TcpSynCookieGenerator::CookieHashV6(const Flow& flow, uint32_t count, uint32_t c)
{
    // siphash(&{saddr, daddr, count, sport, dport}, 40, &syncookie6_secret[c]).
    std::array<uint8_t, 40> message{};
    Ipv6Address::ConvertFrom(flow.client).Serialize(message.data());
    Ipv6Address::ConvertFrom(flow.server).Serialize(message.data() + 16);
    WriteLittleEndian32(message.data() + 32, count);
    WriteBigEndian16(message.data() + 36, flow.clientPort);
    WriteBigEndian16(message.data() + 38, flow.serverPort);
    return SipHashLow32(message.data(), message.size(), m_secret6[c]);
}

uint32_t
TcpSynCookieGenerator::SecureSynCookie(const Flow& flow, uint32_t data)
{
    // secure_tcp_syn_cookie (the same in net/ipv4 and net/ipv6).
    const uint32_t count = GetCount();
    return CookieHash(flow, 0, 0) + flow.clientIsn + (count << COOKIE_BITS) +
           ((CookieHash(flow, count, 1) + data) & kCookieMask);
}

uint32_t
TcpSynCookieGenerator::CheckSynCookie(const Flow& flow, uint32_t cookie)
{
    // check_tcp_syn_cookie (the same in net/ipv4 and net/ipv6).
    const uint32_t count = GetCount();
    const uint32_t rest = cookie - (CookieHash(flow, 0, 0) + flow.clientIsn);
    const uint32_t diff = (count - (rest >> COOKIE_BITS)) & (uint32_t(-1) >> COOKIE_BITS);
    if (diff >= MAX_AGE)
    {
        NS_LOG_LOGIC("SYN cookie " << cookie << " too old (diff " << diff << ")");
        return uint32_t(-1);
    }
    return (rest - CookieHash(flow, count - diff, 1)) & kCookieMask;
}

uint32_t
TcpSynCookieGenerator::Encode(const Flow& flow, uint16_t clientMss, uint16_t& encodedMss)
{
    // cookie_v4_init_sequence / cookie_v6_init_sequence.
    const bool ipv6 = flow.IsIpv6();
    const uint32_t mssind = MssIndex(ipv6, clientMss);
    encodedMss = MssTable(ipv6)[mssind];
    const uint32_t cookie = SecureSynCookie(flow, mssind);
    NS_LOG_LOGIC("SYN cookie " << cookie << " mss " << encodedMss << " count " << GetCount());
    return cookie;
}

std::optional<uint16_t>
TcpSynCookieGenerator::Check(const Flow& flow, uint32_t cookie)
{
    // __cookie_v4_check / __cookie_v6_check.
    const std::array<uint16_t, 4>& table = MssTable(flow.IsIpv6());
    const uint32_t mssind = CheckSynCookie(flow, cookie);
    if (mssind >= table.size())
    {
        NS_LOG_LOGIC("SYN cookie " << cookie << " invalid");
        return std::nullopt;
    }
    return table[mssind];
}

uint32_t
TcpSynCookieGenerator::InitTimestamp(uint32_t tsNow, const TimestampOptions& options)
{
    // cookie_init_timestamp.
    uint32_t encoded = options.wscaleOk ? options.sndWscale : TS_OPT_WSCALE_MASK;
    if (options.sackOk)
    {
        encoded |= TS_OPT_SACK;
    }
    if (options.ecnOk)
    {
        encoded |= TS_OPT_ECN;
    }
    uint32_t ts = ((tsNow >> TS_BITS) << TS_BITS) | encoded;
    if (ts > tsNow)
    {
        ts -= uint32_t(1) << TS_BITS;
    }
    return ts;
}

std::optional<TcpSynCookieGenerator::TimestampOptions>
TcpSynCookieGenerator::DecodeTimestamp(std::optional<uint32_t> tsecr,
                                       bool timestamps,
                                       bool sack,
                                       bool windowScaling)
{
    // cookie_timestamp_decode, plus ecn_ok from cookie_tcp_reqsk_alloc.
    TimestampOptions options;
    if (!tsecr)
    {
        return options; // tcp_clear_options: no window scaling, no SACK
    }
    if (!timestamps)
    {
        return std::nullopt;
    }
    options.ecnOk = (*tsecr & TS_OPT_ECN) != 0;
    options.sackOk = (*tsecr & TS_OPT_SACK) != 0;
    if (options.sackOk && !sack)
    {
        return std::nullopt;
    }
    if ((*tsecr & TS_OPT_WSCALE_MASK) == TS_OPT_WSCALE_MASK)
    {
        return options; // no window scaling
    }
    options.wscaleOk = true;
    options.sndWscale = static_cast<uint8_t>(*tsecr & TS_OPT_WSCALE_MASK);
    if (!windowScaling)
    {
        return std::nullopt;
    }
    return options;
}

} // namespace ns3
