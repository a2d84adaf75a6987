/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-fast-open-test-util.h"

#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv6-address.h"
#include "ns3/nstime.h"
#include "ns3/simulator.h"
#include "ns3/tcp-fast-open-cookie-cache.h"
#include "ns3/tcp-fast-open-ns3-compat.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <csignal>
#include <cstdio>
#include <functional>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <utility>
#include <vector>

/**
 * \file
 * \ingroup tcp-fast-open-tests
 * Tests of TcpFastOpenCookieCache: LRU, lifetime, keys, tcp_fastopen_cache_set rules.
 */

namespace ns3
{

namespace
{

const Address kLocal = Ipv4Address("10.0.0.1");        //!< client address
const Address kLocal2 = Ipv4Address("10.0.0.2");       //!< second client address
const Address kServer1 = Ipv4Address("10.0.1.1");      //!< server 1
const Address kServer2 = Ipv4Address("10.0.1.2");      //!< server 2
const Address kServer3 = Ipv4Address("10.0.1.3");      //!< server 3
const Address kLocal6 = Ipv6Address("2001:db8::1");    //!< IPv6 client address
const Address kServer6 = Ipv6Address("2001:db8:1::1"); //!< IPv6 server

/**
 * \brief A cookie of \p len bytes first, first+1, ...
 * \param first the first byte
 * \param len the length
 * \return the cookie
 */
TcpFastOpenCookie
MakeCookie(uint8_t first, uint8_t len = 8)
{
    uint8_t bytes[TcpFastOpenCookie::MAX_SIZE];
    for (uint8_t i = 0; i < len; ++i)
    {
        bytes[i] = static_cast<uint8_t>(first + i);
    }
    return TcpFastOpenCookie(bytes, len);
}

using tfotest::RunExpectingAbort;

/**
 * \brief Records the (local, remote) pairs of a trace source.
 */
struct PairRecorder
{
    std::vector<std::pair<Address, Address>> pairs; //!< what was reported

    /**
     * \brief Trace sink.
     * \param local the local address
     * \param remote the remote address
     */
    void Record(const Address& local, const Address& remote)
    {
        pairs.emplace_back(local, remote);
    }
};

/**
 * \brief Element \p i of \p v, or a default value if there is none (a size
 * assertion reports that case; ns-3 tests go on after a failed assertion).
 * \param v the vector
 * \param i the index
 * \return the element or T()
 */
template <typename T>
T
At(const std::vector<T>& v, size_t i)
{
    return i < v.size() ? T(v[i]) : T();
}

/**
 * \brief Lookup() that returns an empty Entry when absent, so that a failed
 * presence check does not crash the tests that follow.
 * \param cache the cache
 * \param local the local address
 * \param remote the remote address
 * \return the entry, or a default Entry
 */
TcpFastOpenCookieCache::Entry
Get(Ptr<TcpFastOpenCookieCache> cache, const Address& local, const Address& remote)
{
    return cache->Lookup(local, remote).value_or(TcpFastOpenCookieCache::Entry());
}

/**
 * \brief Records the cookies reported by CookieStored.
 */
struct CookieRecorder
{
    std::vector<TcpFastOpenCookie> cookies;        //!< the cookies reported
    std::vector<std::pair<Address, Address>> keys; //!< their (local, remote)

    /**
     * \brief Trace sink.
     * \param local the local address
     * \param remote the remote address
     * \param cookie the cookie stored
     */
    void Record(const Address& local, const Address& remote, const TcpFastOpenCookie& cookie)
    {
        cookies.push_back(cookie);
        keys.emplace_back(local, remote);
    }
};

} // namespace

/**
 * \ingroup tcp-fast-open-tests
 * Capacity 2, three servers: the least recently used one is evicted.
 */
class TcpFastOpenCookieCacheLruTest : public TestCase
{
  public:
    TcpFastOpenCookieCacheLruTest()
        : TestCase("Cookie cache: LRU eviction at capacity 2")
    {
    }

  private:
    void DoRun() override
    {
        // Without a Lookup: server 1 (the oldest) goes.
        {
            Ptr<TcpFastOpenCookieCache> cache = CreateObject<TcpFastOpenCookieCache>();
            cache->SetAttribute("Capacity", UintegerValue(2));
            PairRecorder evicted;
            cache->TraceConnectWithoutContext("Evicted",
                                              MakeCallback(&PairRecorder::Record, &evicted));
            cache->Store(kLocal, kServer1, MakeCookie(0x10), 1460, false);
            cache->Store(kLocal, kServer2, MakeCookie(0x20), 1460, false);
            NS_TEST_ASSERT_MSG_EQ(evicted.pairs.size(), 0u, "nothing evicted at 2 entries");
            cache->Store(kLocal, kServer3, MakeCookie(0x30), 1460, false);
            NS_TEST_ASSERT_MSG_EQ(cache->GetSize(), 2u, "size stays 2");
            NS_TEST_ASSERT_MSG_EQ(evicted.pairs.size(), 1u, "one eviction");
            NS_TEST_ASSERT_MSG_EQ(At(evicted.pairs, 0).first, kLocal, "evicted local");
            NS_TEST_ASSERT_MSG_EQ(At(evicted.pairs, 0).second, kServer1, "server 1 evicted");
            NS_TEST_ASSERT_MSG_EQ(cache->Lookup(kLocal, kServer1).has_value(), false, "s1 gone");
            NS_TEST_ASSERT_MSG_EQ(Get(cache, kLocal, kServer2).cookie, MakeCookie(0x20), "s2 kept");
            NS_TEST_ASSERT_MSG_EQ(Get(cache, kLocal, kServer3).cookie, MakeCookie(0x30), "s3 kept");
        }
        // A Lookup of server 1 before server 3 arrives: server 2 goes instead.
        {
            Ptr<TcpFastOpenCookieCache> cache = CreateObject<TcpFastOpenCookieCache>();
            cache->SetAttribute("Capacity", UintegerValue(2));
            PairRecorder evicted;
            cache->TraceConnectWithoutContext("Evicted",
                                              MakeCallback(&PairRecorder::Record, &evicted));
            cache->Store(kLocal, kServer1, MakeCookie(0x10), 1460, false);
            cache->Store(kLocal, kServer2, MakeCookie(0x20), 1460, false);
            NS_TEST_ASSERT_MSG_EQ(cache->Lookup(kLocal, kServer1).has_value(), true, "s1 used");
            cache->Store(kLocal, kServer3, MakeCookie(0x30), 1460, false);
            NS_TEST_ASSERT_MSG_EQ(evicted.pairs.size(), 1u, "one eviction");
            NS_TEST_ASSERT_MSG_EQ(At(evicted.pairs, 0).second, kServer2, "server 2 evicted");
            const auto entries = cache->GetEntries();
            NS_TEST_ASSERT_MSG_EQ(entries.size(), 2u, "two entries");
            NS_TEST_ASSERT_MSG_EQ(At(entries, 0).remote, kServer3, "most recent first: s3");
            NS_TEST_ASSERT_MSG_EQ(At(entries, 1).remote, kServer1, "then s1");
            NS_TEST_ASSERT_MSG_EQ(cache->Lookup(kLocal, kServer2).has_value(), false, "s2 gone");
            // Order is s3, s1: an Update() for a new server inserts it and
            // evicts s1.
            cache->Lookup(kLocal, kServer3);
            cache->Update(kLocal, kServer2, 1400, nullptr, false, false, 0);
            NS_TEST_ASSERT_MSG_EQ(evicted.pairs.size(), 2u, "Update inserts and evicts");
            NS_TEST_ASSERT_MSG_EQ(At(evicted.pairs, 1).second, kServer1, "server 1 evicted");
            // Shrinking the capacity evicts the least recently used.
            cache->SetAttribute("Capacity", UintegerValue(1));
            NS_TEST_ASSERT_MSG_EQ(cache->GetSize(), 1u, "one left");
            NS_TEST_ASSERT_MSG_EQ(At(evicted.pairs, 2).second, kServer3, "server 3 evicted");
            NS_TEST_ASSERT_MSG_EQ(At(cache->GetEntries(), 0).remote, kServer2, "s2 kept");
            NS_TEST_ASSERT_MSG_EQ(At(cache->GetEntries(), 0).mss, 1400, "with its MSS");
        }
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * Lifetime 10 s: present at 9.9 s, absent at 10.1 s; Update restarts the lifetime.
 */
class TcpFastOpenCookieCacheLifetimeTest : public TestCase
{
  public:
    TcpFastOpenCookieCacheLifetimeTest()
        : TestCase("Cookie cache: entries expire after Lifetime")
    {
    }

  private:
    /**
     * \brief Record whether (kLocal, server) is present now.
     * \param cache the cache
     * \param server the server
     * \param out where to record
     */
    static void Probe(Ptr<TcpFastOpenCookieCache> cache, Address server, std::vector<bool>* out)
    {
        out->push_back(cache->Lookup(kLocal, server).has_value());
    }

    void DoRun() override
    {
        Ptr<TcpFastOpenCookieCache> cache = CreateObject<TcpFastOpenCookieCache>();
        cache->SetAttribute("Lifetime", TimeValue(Seconds(10)));
        PairRecorder expired;
        cache->TraceConnectWithoutContext("Expired", MakeCallback(&PairRecorder::Record, &expired));
        std::vector<bool> s1;
        std::vector<bool> s2;
        cache->Store(kLocal, kServer1, MakeCookie(0x10), 1460, false); // t = 0
        cache->Store(kLocal, kServer2, MakeCookie(0x20), 1460, false); // t = 0
        // Server 2 is refreshed by an Update at t = 5 s (a Lookup does not refresh).
        Simulator::Schedule(Seconds(5), [cache]() {
            cache->Update(kLocal, kServer2, 0, nullptr, false, false, 0);
        });
        Simulator::Schedule(Seconds(9.9), &Probe, cache, kServer1, &s1);
        Simulator::Schedule(Seconds(10.1), &Probe, cache, kServer1, &s1);
        Simulator::Schedule(Seconds(10.1), &Probe, cache, kServer2, &s2);
        std::vector<uint32_t> sizeAt14;
        Simulator::Schedule(Seconds(14.9),
                            [cache, &sizeAt14]() { sizeAt14.push_back(cache->GetSize()); });
        Simulator::Schedule(Seconds(14.9), &Probe, cache, kServer2, &s2);
        std::vector<uint32_t> sizeAt15;
        Simulator::Schedule(Seconds(15.1),
                            [cache, &sizeAt15]() { sizeAt15.push_back(cache->GetSize()); });
        Simulator::Schedule(Seconds(15.1), &Probe, cache, kServer2, &s2);
        Simulator::Run();
        Simulator::Destroy();

        NS_TEST_ASSERT_MSG_EQ(s1.size(), 2u, "two probes of s1");
        NS_TEST_ASSERT_MSG_EQ(At(s1, 0), true, "s1 present at 9.9 s");
        NS_TEST_ASSERT_MSG_EQ(At(s1, 1), false, "s1 absent at 10.1 s");
        NS_TEST_ASSERT_MSG_EQ(s2.size(), 3u, "three probes of s2");
        NS_TEST_ASSERT_MSG_EQ(At(s2, 0), true, "s2 (updated at 5 s) present at 10.1 s");
        NS_TEST_ASSERT_MSG_EQ(At(s2, 1), true, "s2 present at 14.9 s");
        NS_TEST_ASSERT_MSG_EQ(At(s2, 2), false, "s2 absent at 15.1 s");
        NS_TEST_ASSERT_MSG_EQ(At(sizeAt14, 0), 1u, "size 1 at 14.9 s");
        NS_TEST_ASSERT_MSG_EQ(At(sizeAt15, 0), 0u, "size 0 at 15.1 s (expired entry not counted)");
        NS_TEST_ASSERT_MSG_EQ(expired.pairs.size(), 2u, "two Expired reports");
        NS_TEST_ASSERT_MSG_EQ(At(expired.pairs, 0).second, kServer1, "s1 expired first");
        NS_TEST_ASSERT_MSG_EQ(At(expired.pairs, 1).second, kServer2, "then s2");
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * Keys: IPv4 and IPv6 apart; one server from two local addresses = two entries.
 */
class TcpFastOpenCookieCacheKeyTest : public TestCase
{
  public:
    TcpFastOpenCookieCacheKeyTest()
        : TestCase("Cookie cache: keyed by (local IP, server IP), IPv4 and IPv6 apart")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<TcpFastOpenCookieCache> cache = CreateObject<TcpFastOpenCookieCache>();
        cache->Store(kLocal, kServer1, MakeCookie(0x10), 1460, false);
        cache->Store(kLocal6, kServer6, MakeCookie(0x60, 16), 1440, true);
        // IPv4-mapped IPv6 forms of the IPv4 addresses are a different key.
        const Address mappedLocal = Ipv6Address::MakeIpv4MappedAddress(Ipv4Address("10.0.0.1"));
        const Address mappedServer = Ipv6Address::MakeIpv4MappedAddress(Ipv4Address("10.0.1.1"));
        NS_TEST_ASSERT_MSG_EQ(cache->GetSize(), 2u, "two entries");
        NS_TEST_ASSERT_MSG_EQ(Get(cache, kLocal, kServer1).cookie, MakeCookie(0x10), "v4");
        const auto v6 = Get(cache, kLocal6, kServer6);
        NS_TEST_ASSERT_MSG_EQ(v6.cookie, MakeCookie(0x60, 16), "v6 cookie");
        NS_TEST_ASSERT_MSG_EQ(v6.mss, 1440, "v6 mss");
        NS_TEST_ASSERT_MSG_EQ(v6.experimental, true, "v6 form");
        NS_TEST_ASSERT_MSG_EQ(cache->Lookup(mappedLocal, mappedServer).has_value(),
                              false,
                              "mapped IPv6 is not the IPv4 entry");
        NS_TEST_ASSERT_MSG_EQ(cache->Lookup(kLocal6, kServer1).has_value(), false, "mixed key");
        NS_TEST_ASSERT_MSG_EQ(cache->Lookup(kServer1, kLocal).has_value(),
                              false,
                              "(remote, local) is another key");

        // Same server from two local addresses: two entries, two cookies.
        cache->Update(kLocal2, kServer1, 1400, nullptr, false, false, 0);
        const TcpFastOpenCookie c2 = MakeCookie(0x70);
        cache->Update(kLocal2, kServer1, 0, &c2, false, false, 0);
        NS_TEST_ASSERT_MSG_EQ(cache->GetSize(), 3u, "three entries");
        NS_TEST_ASSERT_MSG_EQ(Get(cache, kLocal, kServer1).cookie,
                              MakeCookie(0x10),
                              "first local keeps its cookie");
        NS_TEST_ASSERT_MSG_EQ(Get(cache, kLocal, kServer1).mss, 1460, "and MSS");
        NS_TEST_ASSERT_MSG_EQ(Get(cache, kLocal2, kServer1).cookie, c2, "second local");
        NS_TEST_ASSERT_MSG_EQ(Get(cache, kLocal2, kServer1).mss, 1400, "second MSS");

        // Erase removes one key only.
        NS_TEST_ASSERT_MSG_EQ(cache->Erase(kLocal2, kServer1), true, "erased");
        NS_TEST_ASSERT_MSG_EQ(cache->Erase(kLocal2, kServer1), false, "already gone");
        NS_TEST_ASSERT_MSG_EQ(cache->GetSize(), 2u, "two left");
        NS_TEST_ASSERT_MSG_EQ(cache->Lookup(kLocal, kServer1).has_value(), true, "v4 kept");

        // A socket address is not a key: clear error.
        std::string err;
        const bool aborted = RunExpectingAbort(
            [cache]() { cache->Lookup(kLocal, InetSocketAddress(Ipv4Address("10.0.1.1"), 80)); },
            err);
        NS_TEST_ASSERT_MSG_EQ(aborted, true, "InetSocketAddress aborts");
        NS_TEST_ASSERT_MSG_NE(err.find("remote address must hold an Ipv4Address or an Ipv6Address"),
                              std::string::npos,
                              "message: " << err);
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * Update() follows Linux tcp_fastopen_cache_set.
 */
class TcpFastOpenCookieCacheUpdateTest : public TestCase
{
  public:
    TcpFastOpenCookieCacheUpdateTest()
        : TestCase("Cookie cache: Update() follows tcp_fastopen_cache_set")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<TcpFastOpenCookieCache> cache = CreateObject<TcpFastOpenCookieCache>();
        CookieRecorder recorder;
        std::vector<TcpFastOpenCookie>& stored = recorder.cookies;
        cache->TraceConnectWithoutContext("CookieStored",
                                          MakeCallback(&CookieRecorder::Record, &recorder));

        // Cookie and MSS stored; a later Update with MSS 0 and no cookie keeps both.
        const TcpFastOpenCookie c1 = MakeCookie(0x10);
        cache->Update(kLocal, kServer1, 1460, &c1, false, false, 0);
        auto e = Get(cache, kLocal, kServer1);
        NS_TEST_ASSERT_MSG_EQ(e.cookie, c1, "cookie stored");
        NS_TEST_ASSERT_MSG_EQ(e.mss, 1460, "mss stored");
        NS_TEST_ASSERT_MSG_EQ(e.experimental, false, "RFC form");
        NS_TEST_ASSERT_MSG_EQ(stored.size(), 1u, "CookieStored fired");
        NS_TEST_ASSERT_MSG_EQ(At(stored, 0), c1, "with the cookie");
        NS_TEST_ASSERT_MSG_EQ(At(recorder.keys, 0).first, kLocal, "for the local address");
        NS_TEST_ASSERT_MSG_EQ(At(recorder.keys, 0).second, kServer1, "and the server");
        const TcpFastOpenCookie none;
        cache->Update(kLocal, kServer1, 0, &none, false, false, 0);
        cache->Update(kLocal, kServer1, 0, nullptr, false, false, 0);
        e = Get(cache, kLocal, kServer1);
        NS_TEST_ASSERT_MSG_EQ(e.cookie, c1, "no cookie received: cookie kept");
        NS_TEST_ASSERT_MSG_EQ(e.mss, 1460, "mss 0: mss kept");
        NS_TEST_ASSERT_MSG_EQ(stored.size(), 1u, "no CookieStored without a cookie");
        cache->Update(kLocal, kServer1, 0, nullptr, false, false, 1);
        NS_TEST_ASSERT_MSG_EQ(+Get(cache, kLocal, kServer1).tryExp,
                              0,
                              "RFC 7413 cookie cached: tryExp stays 0");

        // A new cookie (experimental form) replaces the old one; a new MSS too.
        const TcpFastOpenCookie c2 = MakeCookie(0x20, 4);
        cache->Update(kLocal, kServer1, 1400, &c2, true, false, 0);
        e = Get(cache, kLocal, kServer1);
        NS_TEST_ASSERT_MSG_EQ(e.cookie, c2, "cookie replaced");
        NS_TEST_ASSERT_MSG_EQ(e.mss, 1400, "mss replaced");
        NS_TEST_ASSERT_MSG_EQ(e.experimental, true, "experimental form recorded");
        NS_TEST_ASSERT_MSG_EQ(
            (e.OptionForm(TcpOptionFastOpen::RFC7413) == TcpOptionFastOpen::EXPERIMENTAL),
            true,
            "next SYN: kind 254");
        NS_TEST_ASSERT_MSG_EQ(stored.size(), 2u, "CookieStored fired again");

        // tryExp is ignored while a cookie is cached.
        cache->Update(kLocal, kServer1, 0, nullptr, false, false, 1);
        NS_TEST_ASSERT_MSG_EQ(+Get(cache, kLocal, kServer1).tryExp, 0, "cookie cached");

        // Without a cookie: tryExp only goes up.
        cache->Update(kLocal, kServer2, 0, nullptr, false, false, 0);
        e = Get(cache, kLocal, kServer2);
        NS_TEST_ASSERT_MSG_EQ(e.cookie.IsEmpty(), true, "Update creates an entry");
        NS_TEST_ASSERT_MSG_EQ(e.mss, 0, "mss unknown");
        NS_TEST_ASSERT_MSG_EQ(
            (e.OptionForm(TcpOptionFastOpen::RFC7413) == TcpOptionFastOpen::EXPERIMENTAL),
            false,
            "tryExp 0: kind 34");
        cache->Update(kLocal, kServer2, 0, &none, false, false, 1);
        e = Get(cache, kLocal, kServer2);
        NS_TEST_ASSERT_MSG_EQ(+e.tryExp, 1, "0 -> 1");
        NS_TEST_ASSERT_MSG_EQ(
            (e.OptionForm(TcpOptionFastOpen::RFC7413) == TcpOptionFastOpen::EXPERIMENTAL),
            true,
            "tryExp 1: kind 254");
        cache->Update(kLocal, kServer2, 0, nullptr, false, false, 2);
        e = Get(cache, kLocal, kServer2);
        NS_TEST_ASSERT_MSG_EQ(+e.tryExp, 2, "1 -> 2");
        NS_TEST_ASSERT_MSG_EQ(
            (e.OptionForm(TcpOptionFastOpen::RFC7413) == TcpOptionFastOpen::EXPERIMENTAL),
            false,
            "tryExp 2: kind 34");
        cache->Update(kLocal, kServer2, 0, nullptr, false, false, 1);
        NS_TEST_ASSERT_MSG_EQ(+Get(cache, kLocal, kServer2).tryExp, 2, "2 stays (1 < 2)");
        cache->Update(kLocal, kServer2, 0, nullptr, false, false, 0);
        NS_TEST_ASSERT_MSG_EQ(+Get(cache, kLocal, kServer2).tryExp, 2, "2 stays (0 < 2)");
        // A cookie arriving later leaves tryExp as it was (Linux does not reset it).
        const TcpFastOpenCookie c3 = MakeCookie(0x30);
        cache->Update(kLocal, kServer2, 0, &c3, false, false, 0);
        e = Get(cache, kLocal, kServer2);
        NS_TEST_ASSERT_MSG_EQ(e.cookie, c3, "cookie stored");
        NS_TEST_ASSERT_MSG_EQ(+e.tryExp, 2, "tryExp untouched");
        NS_TEST_ASSERT_MSG_EQ(
            (e.OptionForm(TcpOptionFastOpen::RFC7413) == TcpOptionFastOpen::EXPERIMENTAL),
            false,
            "RFC cookie: kind 34");

        // SYN losses: counted with the time of the last one; reset by a success.
        std::vector<TcpFastOpenCookieCache::Entry> seen;
        auto lose = [cache, &seen](bool lost) {
            cache->Update(kLocal, kServer3, 0, nullptr, false, lost, 0);
            seen.push_back(Get(cache, kLocal, kServer3));
        };
        Simulator::Schedule(Seconds(1), [&lose]() { lose(true); });
        Simulator::Schedule(Seconds(3), [&lose]() { lose(true); });
        Simulator::Schedule(Seconds(4), [&lose]() { lose(false); });
        Simulator::Run();
        Simulator::Destroy();
        NS_TEST_ASSERT_MSG_EQ(seen.size(), 3u, "three updates");
        NS_TEST_ASSERT_MSG_EQ(At(seen, 0).synLoss, 1, "one loss");
        NS_TEST_ASSERT_MSG_EQ(At(seen, 0).lastSynLoss, Seconds(1), "at 1 s");
        NS_TEST_ASSERT_MSG_EQ(At(seen, 1).synLoss, 2, "two losses");
        NS_TEST_ASSERT_MSG_EQ(At(seen, 1).lastSynLoss, Seconds(3), "last at 3 s");
        NS_TEST_ASSERT_MSG_EQ(At(seen, 2).synLoss, 0, "reset after a SYN got through");
        NS_TEST_ASSERT_MSG_EQ(At(seen, 2).lastSynLoss, Seconds(3), "time of last loss kept");
        // The count is 10 bits wide, as Linux's.
        for (int i = 0; i < 1023; ++i)
        {
            cache->Update(kLocal, kServer3, 0, nullptr, false, true, 0);
        }
        NS_TEST_ASSERT_MSG_EQ(Get(cache, kLocal, kServer3).synLoss, 1023, "1023 losses");
        cache->Update(kLocal, kServer3, 0, nullptr, false, true, 0);
        NS_TEST_ASSERT_MSG_EQ(Get(cache, kLocal, kServer3).synLoss, 0, "wraps at 1024");

        // Bad input.
        std::string err;
        NS_TEST_ASSERT_MSG_EQ(
            RunExpectingAbort(
                [cache]() { cache->Update(kLocal, kServer1, 0, nullptr, false, false, 3); },
                err),
            true,
            "tryExp 3 aborts");
        NS_TEST_ASSERT_MSG_NE(err.find("tryExp must be 0, 1 or 2"),
                              std::string::npos,
                              "message: " << err);
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * Pre-seeding with Store(), Print(), Clear().
 */
class TcpFastOpenCookieCacheStoreClearTest : public TestCase
{
  public:
    TcpFastOpenCookieCacheStoreClearTest()
        : TestCase("Cookie cache: pre-seeding, Print and Clear")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<TcpFastOpenCookieCache> cache = CreateObject<TcpFastOpenCookieCache>();
        PairRecorder evicted;
        cache->TraceConnectWithoutContext("Evicted", MakeCallback(&PairRecorder::Record, &evicted));
        const uint8_t kernel[8] = {0x92, 0x0c, 0x25, 0xc2, 0xe5, 0xeb, 0x51, 0xef};
        cache->Store(kLocal, kServer1, TcpFastOpenCookie(kernel, 8), 1460, false);
        cache->Store(kLocal, kServer2, MakeCookie(0x01), 1220, true);
        cache->Update(kLocal, kServer3, 0, nullptr, false, true, 1);
        // Store overwrites an entry that learnt something already.
        cache->Update(kLocal6, kServer6, 1000, nullptr, false, true, 2);
        cache->Store(kLocal6, kServer6, MakeCookie(0xa0, 6), 1440, false);

        const auto seeded = Get(cache, kLocal6, kServer6);
        NS_TEST_ASSERT_MSG_EQ(seeded.cookie, MakeCookie(0xa0, 6), "seeded cookie");
        NS_TEST_ASSERT_MSG_EQ(seeded.mss, 1440, "seeded mss");
        NS_TEST_ASSERT_MSG_EQ(+seeded.tryExp, 0, "tryExp reset");
        NS_TEST_ASSERT_MSG_EQ(seeded.synLoss, 0, "losses reset");

        std::ostringstream os;
        cache->Print(os);
        NS_TEST_ASSERT_MSG_EQ(
            os.str(),
            "local 2001:db8::1 remote 2001:db8:1::1 cookie a0a1a2a3a4a5 mss 1440 form rfc7413 "
            "try_exp 0 syn_loss 0\n"
            "local 10.0.0.1 remote 10.0.1.3 cookie (none) mss 0 form rfc7413 try_exp 1 "
            "syn_loss 1\n"
            "local 10.0.0.1 remote 10.0.1.2 cookie 0102030405060708 mss 1220 form experimental "
            "try_exp 0 syn_loss 0\n"
            "local 10.0.0.1 remote 10.0.1.1 cookie 920c25c2e5eb51ef mss 1460 form rfc7413 "
            "try_exp 0 syn_loss 0\n",
            "Print, most recent first");

        cache->Clear();
        NS_TEST_ASSERT_MSG_EQ(cache->GetSize(), 0u, "empty after Clear");
        NS_TEST_ASSERT_MSG_EQ(cache->GetEntries().size(), 0u, "no entries after Clear");
        NS_TEST_ASSERT_MSG_EQ(cache->Lookup(kLocal, kServer1).has_value(), false, "s1 gone");
        NS_TEST_ASSERT_MSG_EQ(evicted.pairs.size(), 0u, "Clear is not eviction");
        os.str("");
        cache->Print(os);
        NS_TEST_ASSERT_MSG_EQ(os.str(), "", "Print of an empty cache");

        std::string err;
        NS_TEST_ASSERT_MSG_EQ(
            RunExpectingAbort(
                [cache]() { cache->Store(kLocal, kServer1, MakeCookie(1, 5), 1460, false); },
                err),
            true,
            "5-byte cookie aborts");
        NS_TEST_ASSERT_MSG_NE(err.find("Store: a cookie must have an even length from 4 to 16"),
                              std::string::npos,
                              "message: " << err);
        err.clear();
        NS_TEST_ASSERT_MSG_EQ(
            RunExpectingAbort(
                [cache]() { cache->Store(kLocal, kServer1, TcpFastOpenCookie(), 1460, false); },
                err),
            true,
            "empty cookie aborts");
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * Attributes: defaults, Capacity 0 and negative Lifetime rejected with a message.
 */
class TcpFastOpenCookieCacheAttributeTest : public TestCase
{
  public:
    TcpFastOpenCookieCacheAttributeTest()
        : TestCase("Cookie cache: attributes and bad values")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<TcpFastOpenCookieCache> cache = CreateObject<TcpFastOpenCookieCache>();
        UintegerValue capacity;
        cache->GetAttribute("Capacity", capacity);
        NS_TEST_ASSERT_MSG_EQ(capacity.Get(), 1024u, "default Capacity");
        TimeValue lifetime;
        cache->GetAttribute("Lifetime", lifetime);
        NS_TEST_ASSERT_MSG_EQ(lifetime.Get(), Seconds(0), "default Lifetime");

        std::string err;
        NS_TEST_ASSERT_MSG_EQ(
            RunExpectingAbort([cache]() { cache->SetAttribute("Capacity", UintegerValue(0)); },
                              err),
            true,
            "Capacity 0 aborts");
        NS_TEST_ASSERT_MSG_NE(err.find("Capacity must be at least 1 (got 0)"),
                              std::string::npos,
                              "message: " << err);
        err.clear();
        NS_TEST_ASSERT_MSG_EQ(RunExpectingAbort(
                                  []() {
                                      CreateObjectWithAttributes<TcpFastOpenCookieCache>(
                                          "Capacity",
                                          UintegerValue(0));
                                  },
                                  err),
                              true,
                              "Capacity 0 at construction aborts");
        NS_TEST_ASSERT_MSG_NE(err.find("Capacity must be at least 1 (got 0)"),
                              std::string::npos,
                              "message: " << err);
        err.clear();
        NS_TEST_ASSERT_MSG_EQ(
            RunExpectingAbort(
                [cache]() { cache->SetAttribute("Lifetime", TimeValue(Seconds(-1))); },
                err),
            true,
            "negative Lifetime aborts");
        NS_TEST_ASSERT_MSG_NE(err.find("Lifetime must not be negative"),
                              std::string::npos,
                              "message: " << err);
        // The parent's cache is untouched by the children.
        cache->GetAttribute("Capacity", capacity);
        NS_TEST_ASSERT_MSG_EQ(capacity.Get(), 1024u, "Capacity unchanged");
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * The suite.
 */
class TcpFastOpenCookieCacheTestSuite : public TestSuite
{
  public:
    TcpFastOpenCookieCacheTestSuite()
        : TestSuite("tcp-fast-open-cookie-cache", TFO_TEST_UNIT)
    {
        AddTestCase(new TcpFastOpenCookieCacheLruTest, TFO_TEST_QUICK);
        AddTestCase(new TcpFastOpenCookieCacheLifetimeTest, TFO_TEST_QUICK);
        AddTestCase(new TcpFastOpenCookieCacheKeyTest, TFO_TEST_QUICK);
        AddTestCase(new TcpFastOpenCookieCacheUpdateTest, TFO_TEST_QUICK);
        AddTestCase(new TcpFastOpenCookieCacheStoreClearTest, TFO_TEST_QUICK);
        AddTestCase(new TcpFastOpenCookieCacheAttributeTest, TFO_TEST_QUICK);
    }
};

/// Static instance registering the suite.
static TcpFastOpenCookieCacheTestSuite g_tcpFastOpenCookieCacheTestSuite;

} // namespace ns3
