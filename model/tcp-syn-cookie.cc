/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-syn-cookie.h"

#include "ns3/abort.h"
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
    for (auto& secret : m_secret)
    {
        for (auto& byte : secret)
        {
            byte = static_cast<uint8_t>(m_rng->GetInteger(0, 255));
        }
    }
    m_haveSecrets = true;
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
TcpSynCookieGenerator::MssIndex(uint16_t mss)
{
    uint32_t index = MSS_TABLE.size() - 1;
    while (index > 0 && mss < MSS_TABLE[index])
    {
        index--;
    }
    return index;
}

uint32_t
TcpSynCookieGenerator::Hash(const Flow& flow, uint32_t count, uint32_t c)
{
    // cookie_hash: siphash_4u32(saddr, daddr, sport << 16 | dport, count, secret[c]).
    EnsureSecrets();
    std::array<uint8_t, 16> message{};
    flow.client.Serialize(message.data());
    flow.server.Serialize(message.data() + 4);
    const uint32_t ports = (uint32_t(flow.clientPort) << 16) | flow.serverPort;
    for (uint32_t i = 0; i < 4; i++)
    {
        message[8 + i] = static_cast<uint8_t>(ports >> (8 * i));
        message[12 + i] = static_cast<uint8_t>(count >> (8 * i));
    }
    std::array<uint8_t, crypto_shorthash_siphash24_BYTES> out{};
    crypto_shorthash_siphash24(out.data(), message.data(), message.size(), m_secret[c].data());
    return uint32_t(out[0]) | (uint32_t(out[1]) << 8) | (uint32_t(out[2]) << 16) |
           (uint32_t(out[3]) << 24);
}

uint32_t
TcpSynCookieGenerator::Encode(const Flow& flow, uint16_t clientMss, uint16_t& encodedMss)
{
    // cookie_v4_init_sequence -> secure_tcp_syn_cookie.
    const uint32_t mssind = MssIndex(clientMss);
    encodedMss = MSS_TABLE[mssind];
    const uint32_t count = GetCount();
    const uint32_t cookie = Hash(flow, 0, 0) + flow.clientIsn + (count << COOKIE_BITS) +
                            ((Hash(flow, count, 1) + mssind) & kCookieMask);
    NS_LOG_LOGIC("SYN cookie " << cookie << " mss " << encodedMss << " count " << count);
    return cookie;
}

std::optional<uint16_t>
TcpSynCookieGenerator::Check(const Flow& flow, uint32_t cookie)
{
    // __cookie_v4_check -> check_tcp_syn_cookie.
    const uint32_t count = GetCount();
    uint32_t rest = cookie - (Hash(flow, 0, 0) + flow.clientIsn);
    const uint32_t diff = (count - (rest >> COOKIE_BITS)) & (uint32_t(-1) >> COOKIE_BITS);
    if (diff >= MAX_AGE)
    {
        NS_LOG_LOGIC("SYN cookie " << cookie << " too old (diff " << diff << ")");
        return std::nullopt;
    }
    const uint32_t mssind = (rest - Hash(flow, count - diff, 1)) & kCookieMask;
    if (mssind >= MSS_TABLE.size())
    {
        NS_LOG_LOGIC("SYN cookie " << cookie << " invalid");
        return std::nullopt;
    }
    return MSS_TABLE[mssind];
}

} // namespace ns3
