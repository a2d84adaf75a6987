/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-fast-open-cookie-cache.h"

#include "ns3/abort.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <boost/multi_index/composite_key.hpp>
#include <boost/multi_index/member.hpp>
#include <boost/multi_index/ordered_index.hpp>
#include <boost/multi_index/sequenced_index.hpp>
#include <boost/multi_index_container.hpp>
#include <boost/tuple/tuple.hpp>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpFastOpenCookieCache");
NS_OBJECT_ENSURE_REGISTERED(TcpFastOpenCookieCache);

/**
 * \brief The entries of a TcpFastOpenCookieCache: the canonical Boost.MultiIndex
 * LRU. Index 0 (sequenced) is the recency order, most recently used first;
 * index ByKey is an ordered unique index on (local, remote).
 */
class TcpFastOpenCookieCache::Impl
{
  public:
    /// Tag of the key index.
    struct ByKey
    {
    };

    /// The container type.
    using Container = boost::multi_index::multi_index_container<
        Entry,
        boost::multi_index::indexed_by<
            boost::multi_index::sequenced<>,
            boost::multi_index::ordered_unique<
                boost::multi_index::tag<ByKey>,
                boost::multi_index::composite_key<
                    Entry,
                    boost::multi_index::member<Entry, Address, &Entry::local>,
                    boost::multi_index::member<Entry, Address, &Entry::remote>>>>>;

    Container entries; //!< the entries

    /**
     * \brief Find an entry by key.
     * \param local the local IP address
     * \param remote the server IP address
     * \return its position in the recency index, or entries.end()
     */
    Container::iterator Find(const Address& local, const Address& remote)
    {
        auto& byKey = entries.get<ByKey>();
        auto it = byKey.find(boost::make_tuple(local, remote));
        return entries.project<0>(it);
    }
};

namespace
{

/**
 * \brief An IP address as text ("10.1.1.1", "2001:db8::1").
 * \param address an Address (other types print in ns-3's raw form)
 * \return the text
 */
std::string
FormatIp(const Address& address)
{
    std::ostringstream os;
    if (Ipv4Address::IsMatchingType(address))
    {
        os << Ipv4Address::ConvertFrom(address);
    }
    else if (Ipv6Address::IsMatchingType(address))
    {
        os << Ipv6Address::ConvertFrom(address);
    }
    else
    {
        os << address; // not a valid key; CheckKeyAddress reports it
    }
    return os.str();
}

/**
 * \brief tcp_fastopen_cache_set, MSS: a nonzero MSS replaces the cached one.
 * \param entry the entry
 * \param mss the MSS learnt, 0 = unknown
 */
void
SetMssIfKnown(TcpFastOpenCookieCache::Entry& entry, uint16_t mss)
{
    if (mss != 0)
    {
        entry.mss = mss;
    }
}

/**
 * \brief tcp_fastopen_cache_set, cookie: a received cookie replaces the cached
 * one with its form; without one, tryExp is raised only if greater, no cookie
 * is cached and the cached cookie is not experimental.
 * \param entry the entry
 * \param cookie the cookie received, nullptr or empty = none
 * \param cookieExperimental the received cookie came in the experimental form
 * \param tryExp Linux try_exp
 * \return true if a cookie was stored
 */
bool
SetCookieOrTryExp(TcpFastOpenCookieCache::Entry& entry,
                  const TcpFastOpenCookie* cookie,
                  bool cookieExperimental,
                  uint8_t tryExp)
{
    if (cookie != nullptr && !cookie->IsEmpty())
    {
        entry.cookie = *cookie;
        entry.experimental = cookieExperimental;
        return true;
    }
    if (tryExp > entry.tryExp && entry.cookie.IsEmpty() && !entry.experimental)
    {
        entry.tryExp = tryExp;
    }
    return false;
}

/**
 * \brief tcp_fastopen_cache_set, SYN loss: a loss increments the 10-bit count
 * and records the time; a handshake without loss resets the count.
 * \param entry the entry
 * \param synLost the SYN was lost
 * \param now the current time
 */
void
RecordSynLoss(TcpFastOpenCookieCache::Entry& entry, bool synLost, Time now)
{
    if (synLost)
    {
        entry.synLoss = (entry.synLoss + 1) % TcpFastOpenCookieCache::SYN_LOSS_MODULO;
        entry.lastSynLoss = now;
    }
    else
    {
        entry.synLoss = 0;
    }
}

/**
 * \brief Abort with a message unless \p cookie may be cached (even length 4..16).
 * \param cookie the cookie
 * \param where the calling method, for the message
 */
void
CheckCachedCookie(const TcpFastOpenCookie& cookie, const char* where)
{
    NS_ABORT_MSG_IF(!cookie.IsValidLength(),
                    "TcpFastOpenCookieCache::"
                        << where << ": a cookie must have an even length from "
                        << +TcpFastOpenCookie::MIN_SIZE << " to " << +TcpFastOpenCookie::MAX_SIZE
                        << " bytes (RFC 7413 4.1.1); got " << +cookie.GetLength() << " bytes");
}

} // namespace

TcpOptionFastOpen::Form
TcpFastOpenCookieCache::Entry::OptionForm(TcpOptionFastOpen::Form preferred) const
{
    if (!cookie.IsEmpty())
    {
        return experimental ? TcpOptionFastOpen::EXPERIMENTAL : TcpOptionFastOpen::RFC7413;
    }
    // No cookie: a cookie request that got no cookie tries the other form next.
    if (tryExp == 1)
    {
        return TcpOptionFastOpen::EXPERIMENTAL;
    }
    if (tryExp == 2)
    {
        return TcpOptionFastOpen::RFC7413;
    }
    return preferred;
}

TypeId
TcpFastOpenCookieCache::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::TcpFastOpenCookieCache")
            .SetParent<Object>()
            .SetGroupName("TcpFastOpen")
            .AddConstructor<TcpFastOpenCookieCache>()
            .AddAttribute("Capacity",
                          "Maximum number of servers remembered (at least 1); the least "
                          "recently used entry is evicted to make room.",
                          UintegerValue(1024),
                          MakeUintegerAccessor(&TcpFastOpenCookieCache::SetCapacity,
                                               &TcpFastOpenCookieCache::GetCapacity),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("Lifetime",
                          "Time after its last store/update after which an entry is treated "
                          "as absent; 0 = entries never expire.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&TcpFastOpenCookieCache::SetLifetime,
                                           &TcpFastOpenCookieCache::GetLifetime),
                          MakeTimeChecker())
            .AddTraceSource("CookieStored",
                            "A cookie was stored for a server (Update with a cookie, or Store).",
                            MakeTraceSourceAccessor(&TcpFastOpenCookieCache::m_cookieStoredTrace),
                            "ns3::TcpFastOpenCookieCache::CookieStoredTracedCallback")
            .AddTraceSource("Evicted",
                            "An entry was evicted to respect the capacity.",
                            MakeTraceSourceAccessor(&TcpFastOpenCookieCache::m_evictedTrace),
                            "ns3::TcpFastOpenCookieCache::EntryTracedCallback")
            .AddTraceSource("Expired",
                            "An entry older than Lifetime was erased.",
                            MakeTraceSourceAccessor(&TcpFastOpenCookieCache::m_expiredTrace),
                            "ns3::TcpFastOpenCookieCache::EntryTracedCallback");
    return tid;
}

TFO_NS3_DEFINE_GET_INSTANCE_TYPE_ID(TcpFastOpenCookieCache)

TcpFastOpenCookieCache::TcpFastOpenCookieCache()
    : m_impl(std::make_unique<Impl>()),
      m_capacity(1024),
      m_lifetime(Seconds(0))
{
    NS_LOG_FUNCTION(this);
}

TcpFastOpenCookieCache::~TcpFastOpenCookieCache() = default;

void
TcpFastOpenCookieCache::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_impl->entries.clear();
    Object::DoDispose();
}

void
TcpFastOpenCookieCache::CheckKeyAddress(const Address& address, const char* what)
{
    NS_ABORT_MSG_UNLESS(Ipv4Address::IsMatchingType(address) ||
                            Ipv6Address::IsMatchingType(address),
                        "TcpFastOpenCookieCache: the "
                            << what
                            << " address must hold an Ipv4Address or an Ipv6Address (ports are "
                               "not part of the key: pass the IP address, not a socket address)");
}

bool
TcpFastOpenCookieCache::IsExpired(const Entry& entry) const
{
    return !m_lifetime.IsZero() && Simulator::Now() - entry.refreshed > m_lifetime;
}

std::optional<TcpFastOpenCookieCache::Entry>
TcpFastOpenCookieCache::Lookup(const Address& local, const Address& remote)
{
    NS_LOG_FUNCTION(this << FormatIp(local) << FormatIp(remote));
    CheckKeyAddress(local, "local");
    CheckKeyAddress(remote, "remote");
    auto& entries = m_impl->entries;
    auto it = m_impl->Find(local, remote);
    if (it == entries.end())
    {
        return std::nullopt;
    }
    if (IsExpired(*it))
    {
        NS_LOG_DEBUG("Entry " << FormatIp(local) << " -> " << FormatIp(remote) << " expired");
        entries.erase(it);
        m_expiredTrace(local, remote);
        return std::nullopt;
    }
    entries.relocate(entries.begin(), it);
    entries.modify(it, [](Entry& e) { e.lastUsed = Simulator::Now(); });
    return *it;
}

template <typename F>
void
TcpFastOpenCookieCache::Write(const Address& local, const Address& remote, F change)
{
    CheckKeyAddress(local, "local");
    CheckKeyAddress(remote, "remote");
    auto& entries = m_impl->entries;
    auto it = m_impl->Find(local, remote);
    if (it != entries.end() && IsExpired(*it))
    {
        entries.erase(it);
        m_expiredTrace(local, remote);
        it = entries.end();
    }
    if (it == entries.end())
    {
        EraseExpired();
        if (entries.size() >= m_capacity)
        {
            EvictDownTo(m_capacity - 1);
        }
        Entry fresh;
        fresh.local = local;
        fresh.remote = remote;
        it = entries.push_front(fresh).first;
    }
    else
    {
        entries.relocate(entries.begin(), it);
    }
    const Time now = Simulator::Now();
    entries.modify(it, [&](Entry& e) {
        change(e);
        e.refreshed = now;
        e.lastUsed = now;
    });
}

void
TcpFastOpenCookieCache::Update(const Address& local,
                               const Address& remote,
                               uint16_t mss,
                               const TcpFastOpenCookie* cookie,
                               bool cookieExperimental,
                               bool synLost,
                               uint8_t tryExp)
{
    NS_LOG_FUNCTION(this << FormatIp(local) << FormatIp(remote) << mss
                         << (cookie ? *cookie : TcpFastOpenCookie()) << cookieExperimental
                         << synLost << +tryExp);
    NS_ABORT_MSG_IF(tryExp > 2,
                    "TcpFastOpenCookieCache::Update: tryExp must be 0, 1 or 2 (Linux try_exp); got "
                        << +tryExp);
    if (cookie != nullptr && !cookie->IsEmpty())
    {
        CheckCachedCookie(*cookie, "Update");
    }
    bool stored = false;
    const Time now = Simulator::Now();
    Write(local, remote, [&](Entry& e) {
        SetMssIfKnown(e, mss);
        stored = SetCookieOrTryExp(e, cookie, cookieExperimental, tryExp);
        RecordSynLoss(e, synLost, now);
    });
    if (stored)
    {
        m_cookieStoredTrace(local, remote, *cookie);
    }
}

void
TcpFastOpenCookieCache::Store(const Address& local,
                              const Address& remote,
                              const TcpFastOpenCookie& cookie,
                              uint16_t mss,
                              bool experimental)
{
    NS_LOG_FUNCTION(this << FormatIp(local) << FormatIp(remote) << cookie << mss << experimental);
    CheckCachedCookie(cookie, "Store");
    Write(local, remote, [&](Entry& e) {
        e.cookie = cookie;
        e.mss = mss;
        e.experimental = experimental;
        e.tryExp = 0;
        e.synLoss = 0;
        e.lastSynLoss = Time();
    });
    m_cookieStoredTrace(local, remote, cookie);
}

bool
TcpFastOpenCookieCache::Erase(const Address& local, const Address& remote)
{
    NS_LOG_FUNCTION(this << FormatIp(local) << FormatIp(remote));
    CheckKeyAddress(local, "local");
    CheckKeyAddress(remote, "remote");
    auto it = m_impl->Find(local, remote);
    if (it == m_impl->entries.end())
    {
        return false;
    }
    m_impl->entries.erase(it);
    return true;
}

void
TcpFastOpenCookieCache::Clear()
{
    NS_LOG_FUNCTION(this);
    m_impl->entries.clear();
}

uint32_t
TcpFastOpenCookieCache::GetSize() const
{
    uint32_t n = 0;
    for (const Entry& e : m_impl->entries)
    {
        n += IsExpired(e) ? 0 : 1;
    }
    return n;
}

std::vector<TcpFastOpenCookieCache::Entry>
TcpFastOpenCookieCache::GetEntries() const
{
    std::vector<Entry> result;
    result.reserve(m_impl->entries.size());
    for (const Entry& e : m_impl->entries)
    {
        if (!IsExpired(e))
        {
            result.push_back(e);
        }
    }
    return result;
}

void
TcpFastOpenCookieCache::Print(std::ostream& os) const
{
    for (const Entry& e : GetEntries())
    {
        os << "local " << FormatIp(e.local) << " remote " << FormatIp(e.remote) << " cookie "
           << e.cookie << " mss " << e.mss << " form "
           << (e.experimental ? "experimental" : "rfc7413") << " try_exp " << +e.tryExp
           << " syn_loss " << e.synLoss << "\n";
    }
}

void
TcpFastOpenCookieCache::SetCapacity(uint32_t capacity)
{
    NS_LOG_FUNCTION(this << capacity);
    NS_ABORT_MSG_IF(capacity == 0,
                    "TcpFastOpenCookieCache: Capacity must be at least 1 (got 0); it is the "
                    "maximum number of servers whose cookie is remembered");
    m_capacity = capacity;
    EvictDownTo(m_capacity);
}

uint32_t
TcpFastOpenCookieCache::GetCapacity() const
{
    return m_capacity;
}

void
TcpFastOpenCookieCache::SetLifetime(Time lifetime)
{
    NS_LOG_FUNCTION(this << lifetime);
    NS_ABORT_MSG_IF(lifetime.IsStrictlyNegative(),
                    "TcpFastOpenCookieCache: Lifetime must not be negative (0 = entries never "
                    "expire); got "
                        << lifetime);
    m_lifetime = lifetime;
}

Time
TcpFastOpenCookieCache::GetLifetime() const
{
    return m_lifetime;
}

void
TcpFastOpenCookieCache::EraseExpired()
{
    if (m_lifetime.IsZero())
    {
        return;
    }
    auto& entries = m_impl->entries;
    for (auto it = entries.begin(); it != entries.end();)
    {
        if (IsExpired(*it))
        {
            const Address local = it->local;
            const Address remote = it->remote;
            it = entries.erase(it);
            m_expiredTrace(local, remote);
        }
        else
        {
            ++it;
        }
    }
}

void
TcpFastOpenCookieCache::EvictDownTo(uint32_t maxSize)
{
    auto& entries = m_impl->entries;
    while (entries.size() > maxSize)
    {
        const Address local = entries.back().local;
        const Address remote = entries.back().remote;
        NS_LOG_DEBUG("Evicting " << FormatIp(local) << " -> " << FormatIp(remote));
        entries.pop_back();
        m_evictedTrace(local, remote);
    }
}

} // namespace ns3
