/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_FAST_OPEN_COOKIE_CACHE_H
#define TCP_FAST_OPEN_COOKIE_CACHE_H

#include "tcp-fast-open-cookie.h"
#include "tcp-option-fast-open.h"

#include "ns3/address.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/tcp-fast-open-ns3-compat.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <memory>
#include <optional>
#include <ostream>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-fast-open
 *
 * \brief The client's per-destination Fast Open state: Linux's TFO part of
 * tcp_metrics (struct tcp_fastopen_metrics; tcp_fastopen_cache_get/set).
 *
 * One instance per node, shared by all of the node's sockets. Entries are
 * keyed by (local IP address, server IP address) as Linux's tcp_metrics
 * (saddr, daddr); ports are not part of the key. Both addresses are Address
 * values holding an Ipv4Address or an Ipv6Address (anything else, e.g. an
 * InetSocketAddress, aborts with a message), so IPv4 and IPv6 entries never mix.
 *
 * The cache is a bounded LRU (a Boost.MultiIndex container: a sequenced index
 * in recency order plus an ordered unique index on the key). When a new entry
 * would exceed "Capacity", the least recently used entry is evicted ("Evicted").
 * Lookup() and every write refresh an entry's recency.
 *
 * With a nonzero "Lifetime", an entry whose last Store()/Update() lies more than
 * Lifetime in the past is treated as absent: Lookup() and Update() erase it
 * ("Expired"), GetSize(), GetEntries() and Print() skip it, and inserting a new
 * entry first erases all expired ones. Lookup() does not extend the lifetime.
 * (Linux keeps TFO metrics until the metrics entry is reclaimed; the lifetime is
 * a model knob, off by default.)
 */
class TcpFastOpenCookieCache : public Object
{
  public:
    /**
     * \brief One cache entry (struct tcp_fastopen_metrics plus the key and times).
     */
    struct Entry
    {
        Address local;            //!< local IP address (key)
        Address remote;           //!< server IP address (key)
        TcpFastOpenCookie cookie; //!< cached cookie (empty = none)
        uint16_t mss{0};          //!< server MSS, 0 = unknown
        bool experimental{false}; //!< the cookie came in the experimental (kind 254) form
        uint8_t tryExp{0};        //!< Linux try_exp: 0, 1 (try the experimental form), 2
        uint16_t synLoss{0};      //!< recurring Fast Open SYN losses (10 bits, as Linux)
        Time lastSynLoss;         //!< when the last SYN loss was recorded
        Time refreshed;           //!< last Store()/Update() (start of the lifetime)
        Time lastUsed;            //!< last Lookup(), Store() or Update()

        /**
         * \brief The form of the option the next SYN to this server sends
         * (tcp_fastopen_cache_get: the cached cookie's form; with no cookie,
         * the experimental form when tryExp is 1, RFC 7413's when it is 2).
         * \param preferred the form when the entry has no preference (the
         *        socket's OptionForm)
         * \return the form
         */
        TcpOptionFastOpen::Form OptionForm(TcpOptionFastOpen::Form preferred) const;
    };

    /// Linux's syn_loss is a 10-bit field: the count wraps at this value.
    static constexpr uint16_t SYN_LOSS_MODULO = 1024;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TFO_NS3_DECLARE_GET_INSTANCE_TYPE_ID

    /// An empty cache with the default Capacity (1024) and Lifetime (0 = forever).
    TcpFastOpenCookieCache();
    /// Destructor (defined where Impl is complete).
    ~TcpFastOpenCookieCache() override;

    /**
     * \brief Find the entry of (local, remote) and mark it most recently used.
     * An expired entry is erased and reported absent.
     * \param local the local IP address
     * \param remote the server IP address
     * \return a copy of the entry, or nothing
     */
    std::optional<Entry> Lookup(const Address& local, const Address& remote);

    /**
     * \brief Linux tcp_fastopen_cache_set: record what a handshake taught about
     * a server. Creates the entry if absent (possibly evicting the LRU entry).
     * - \p mss is stored if nonzero;
     * - a received cookie replaces the cached one (and its form);
     * - otherwise \p tryExp is stored if it is greater than the cached value,
     *   no cookie is cached and the cached cookie is not experimental;
     * - \p synLost increments the SYN-loss count (mod 1024) and records Now();
     *   otherwise the count is reset to 0.
     * \param local the local IP address
     * \param remote the server IP address
     * \param mss the server's MSS, 0 = unknown
     * \param cookie the cookie received, nullptr or empty = none
     *        (a non-empty cookie must be of even length 4..16, else abort)
     * \param cookieExperimental the cookie came in the experimental form
     * \param synLost the SYN (with data) was lost
     * \param tryExp Linux try_exp (0, 1 or 2; other values abort)
     */
    void Update(const Address& local,
                const Address& remote,
                uint16_t mss,
                const TcpFastOpenCookie* cookie,
                bool cookieExperimental,
                bool synLost,
                uint8_t tryExp);

    /**
     * \brief Pre-seed (or overwrite) the cookie and MSS of a server, e.g. to
     * start a simulation with warm caches. Loss count and tryExp are reset.
     * \param local the local IP address
     * \param remote the server IP address
     * \param cookie the cookie (even length 4..16, else abort)
     * \param mss the server's MSS, 0 = unknown
     * \param experimental the cookie is to be sent in the experimental form
     */
    void Store(const Address& local,
               const Address& remote,
               const TcpFastOpenCookie& cookie,
               uint16_t mss,
               bool experimental);

    /**
     * \brief Remove the entry of (local, remote), if any.
     * \param local the local IP address
     * \param remote the server IP address
     * \return true if an entry was removed
     */
    bool Erase(const Address& local, const Address& remote);

    /// Remove every entry (`ip tcp_metrics flush`).
    void Clear();

    /**
     * \return the number of entries that have not expired
     */
    uint32_t GetSize() const;

    /**
     * \return copies of the entries that have not expired, most recently used first
     */
    std::vector<Entry> GetEntries() const;

    /**
     * \brief Print the entries, most recently used first, one line each:
     * `local 10.1.1.1 remote 10.1.2.2 cookie 920c25c2e5eb51ef mss 1460 form rfc7413
     * try_exp 0 syn_loss 0` (cookie "(none)" when none is cached; form
     * "experimental" for kind 254).
     * \param os the output stream
     */
    void Print(std::ostream& os) const;

    /**
     * \brief Set the maximum number of entries; extra entries are evicted, least
     * recently used first.
     * \param capacity the capacity (at least 1; 0 aborts with a message)
     */
    void SetCapacity(uint32_t capacity);

    /**
     * \return the maximum number of entries
     */
    uint32_t GetCapacity() const;

    /**
     * \brief Set the lifetime of entries.
     * \param lifetime zero = forever; negative aborts with a message
     */
    void SetLifetime(Time lifetime);

    /**
     * \return the lifetime of entries (zero = forever)
     */
    Time GetLifetime() const;

    /**
     * TracedCallback signature for CookieStored.
     * \param local the local IP address
     * \param remote the server IP address
     * \param cookie the cookie stored
     */
    typedef void (*CookieStoredTracedCallback)(const Address& local,
                                               const Address& remote,
                                               const TcpFastOpenCookie& cookie);

    /**
     * TracedCallback signature for Evicted and Expired.
     * \param local the local IP address
     * \param remote the server IP address
     */
    typedef void (*EntryTracedCallback)(const Address& local, const Address& remote);

  protected:
    /// Drop every entry.
    void DoDispose() override;

  private:
    class Impl; //!< the Boost.MultiIndex container (kept out of this header)

    /**
     * \brief Abort with a message unless \p address holds an Ipv4Address or Ipv6Address.
     * \param address the address
     * \param what "local" or "remote", for the message
     */
    static void CheckKeyAddress(const Address& address, const char* what);

    /**
     * \param entry an entry
     * \return true if Lifetime is nonzero and the entry was last refreshed more
     *         than Lifetime ago
     */
    bool IsExpired(const Entry& entry) const;

    /**
     * \brief Find or create the entry of (local, remote), mark it most recently
     * used, and apply \p change to it.
     * \param local the local IP address
     * \param remote the server IP address
     * \param change what to do to the entry
     */
    template <typename F>
    void Write(const Address& local, const Address& remote, F change);

    /// Erase every expired entry (firing Expired).
    void EraseExpired();

    /**
     * \brief Evict least recently used entries (firing Evicted) until at most
     * \p maxSize remain.
     * \param maxSize the number of entries to keep at most
     */
    void EvictDownTo(uint32_t maxSize);

    std::unique_ptr<Impl> m_impl; //!< the entries
    uint32_t m_capacity;          //!< maximum number of entries
    Time m_lifetime;              //!< entry lifetime, zero = forever

    TracedCallback<const Address&, const Address&, const TcpFastOpenCookie&>
        m_cookieStoredTrace;                                       //!< CookieStored
    TracedCallback<const Address&, const Address&> m_evictedTrace; //!< Evicted
    TracedCallback<const Address&, const Address&> m_expiredTrace; //!< Expired
};

} // namespace ns3

#endif /* TCP_FAST_OPEN_COOKIE_CACHE_H */
