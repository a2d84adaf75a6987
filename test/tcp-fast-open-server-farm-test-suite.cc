/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup tcp-fast-open-tests
 *
 * Server farms behind one name (TcpFastOpenServerFarmStudy): the fraction of
 * revisits that use TFO against its analytic value, for random, round-robin
 * and sticky address choice, with a shared key and with per-server keys; and
 * the linkability of a client's connections by cookie.
 *
 * Analytic values (derived in TcpFastOpenServerFarmStudy's description): the
 * cookie hashes client and server address and the client caches it per
 * (local, server) address pair, so a revisit uses TFO exactly when it goes to
 * an address the client visited before, whatever the keys. Random choice
 * among N addresses: the first revisit uses TFO with p = 1/N. With n clients
 * the measured fraction is Binomial(n, p) / n; the test accepts
 * |measured - p| <= 3.29 sqrt(p (1 - p) / n) (two-sided 99.9 %): for N = 4,
 * n = 400: 0.25 +- 0.0712. Shared key: the same 1/N (not 1.0). Sticky: 1.0.
 * Round-robin: 0 for revisits k < N, 1 from k = N on.
 */

#include "tcp-fast-open-test-util.h"

#include "ns3/core-module.h"
#include "ns3/tcp-fast-open-server-farm-helper.h"
#include "ns3/test.h"

#include <cmath>
#include <sstream>

using namespace ns3;

namespace
{

/// Shorthand.
using Farm = TcpFastOpenServerFarmStudy;
/// Shorthand.
using Resolver = TcpFastOpenServerFarmResolver;

/**
 * \param r a result
 * \return a one-line summary for failure messages
 */
std::string
Describe(const Farm::Result& r)
{
    std::ostringstream os;
    for (size_t k = 0; k < r.visits.size(); ++k)
    {
        os << "visit " << k << ": " << r.tfo[k] << "/" << r.visits[k] << " TFO, " << r.completed[k]
           << " completed, " << r.newAddress[k] << " new address; ";
    }
    os << "connections " << r.connections << " with cookie " << r.connectionsWithCookie
       << " linked pairs " << r.linkedPairs << " linked connections " << r.linkedConnections
       << " wrong pairs " << r.wrongPairs;
    return os.str();
}

} // namespace

/**
 * \ingroup tcp-fast-open-tests
 * The resolver's policies, lookup by lookup.
 */
class TfoFarmResolverTestCase : public TestCase
{
  public:
    TfoFarmResolverTestCase()
        : TestCase("resolver: round-robin steps per client, sticky repeats, random covers all")
    {
    }

  private:
    void DoRun() override
    {
        const std::vector<Ipv4Address> farm = {Ipv4Address("10.0.0.1"),
                                               Ipv4Address("10.0.0.2"),
                                               Ipv4Address("10.0.0.3")};
        for (auto policy : {Resolver::RANDOM, Resolver::ROUND_ROBIN, Resolver::STICKY})
        {
            Ptr<Resolver> resolver = CreateObject<Resolver>();
            resolver->SetAttribute("Policy", EnumValue(policy));
            resolver->SetAddresses(farm);
            resolver->AssignStreams(7);
            std::vector<uint32_t> counts(3, 0);
            for (uint32_t client = 0; client < 50; ++client)
            {
                const uint32_t first = resolver->Resolve(client);
                ++counts[first];
                for (uint32_t k = 1; k < 6; ++k)
                {
                    const uint32_t a = resolver->Resolve(client);
                    TFO_TEST_REQUIRE(a < 3, "an index into the farm");
                    if (policy == Resolver::ROUND_ROBIN)
                    {
                        NS_TEST_ASSERT_MSG_EQ(a, (first + k) % 3, "next address each lookup");
                    }
                    else if (policy == Resolver::STICKY)
                    {
                        NS_TEST_ASSERT_MSG_EQ(a, first, "always the first answer");
                    }
                }
                NS_TEST_ASSERT_MSG_EQ(resolver->GetLookups(client), 6, "lookups counted");
            }
            for (uint32_t c : counts)
            {
                NS_TEST_ASSERT_MSG_GT(c, 0, "every address is a first answer for some client");
            }
        }
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * Random choice among N = 4 addresses: the first revisit uses TFO with
 * probability 1/4, with per-server keys and with a shared key alike.
 */
class TfoFarmRandomTestCase : public TestCase
{
  public:
    TfoFarmRandomTestCase()
        : TestCase("random among 4 addresses: first revisit TFO 1 in 4 +- 99.9 % bound, shared "
                   "key = per-server keys")
    {
    }

  private:
    void DoRun() override
    {
        std::vector<Farm::Result> results;
        for (auto keys : {Farm::PER_SERVER, Farm::SHARED})
        {
            Farm::Config config;
            config.servers = 4;
            config.clients = 400;
            config.visits = 2;
            config.policy = Resolver::RANDOM;
            config.keys = keys;
            const Farm::Result r = Farm::Run(config);
            const std::string what = Farm::KeysToString(keys) + ": " + Describe(r);
            TFO_TEST_REQUIRE(r.visits.size() == 2 && r.visits[1] == 400, what);
            NS_TEST_ASSERT_MSG_EQ(r.completed[0] + r.completed[1], 800, "all complete: " << what);
            NS_TEST_ASSERT_MSG_EQ(r.tfo[0], 0, "a first visit has no cookie: " << what);
            // The mechanism, visit by visit: TFO exactly when the address was seen before.
            NS_TEST_ASSERT_MSG_EQ(r.tfo[1],
                                  r.visits[1] - r.newAddress[1],
                                  "TFO iff the revisit goes to a known address: " << what);
            const double p = Farm::ExpectedTfoProbability(Resolver::RANDOM, 4, 1);
            NS_TEST_ASSERT_MSG_EQ_TOL(p, 0.25, 1e-12, "analytic 1/N");
            const double bound = 3.29 * std::sqrt(p * (1 - p) / r.visits[1]);
            NS_TEST_ASSERT_MSG_EQ_TOL(r.GetSecondVisitTfoFraction(),
                                      p,
                                      bound,
                                      "1/N within the 99.9 % binomial bound: " << what);
            results.push_back(r);
        }
        TFO_TEST_REQUIRE(results.size() == 2, "two runs");
        NS_TEST_ASSERT_MSG_EQ(results[0].tfo[1],
                              results[1].tfo[1],
                              "same seed, same choices: the shared key changes nothing");
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * Sticky choice: every revisit uses TFO; round-robin: none before the N-th
 * revisit, all after; linkability follows.
 */
class TfoFarmStickyRoundRobinTestCase : public TestCase
{
  public:
    /**
     * \param policy STICKY or ROUND_ROBIN
     * \param keys key setting
     */
    TfoFarmStickyRoundRobinTestCase(Resolver::Policy policy, Farm::Keys keys)
        : TestCase(Resolver::PolicyToString(policy) + ", " + Farm::KeysToString(keys) +
                   " keys, 4 addresses, 6 visits: TFO fraction and linkability exact"),
          m_policy(policy),
          m_keys(keys)
    {
    }

  private:
    void DoRun() override
    {
        Farm::Config config;
        config.servers = 4;
        config.clients = 50;
        config.visits = 6;
        config.policy = m_policy;
        config.keys = m_keys;
        const Farm::Result r = Farm::Run(config);
        const std::string what = Describe(r);
        TFO_TEST_REQUIRE(r.visits.size() == 6, what);
        for (uint32_t k = 1; k < 6; ++k)
        {
            const double expected = Farm::ExpectedTfoProbability(m_policy, 4, k);
            NS_TEST_ASSERT_MSG_EQ(r.tfo[k],
                                  uint32_t(expected * 50),
                                  "revisit " << k << ": " << what);
        }
        const double fraction = Farm::ExpectedTfoFraction(m_policy, 4, 6);
        NS_TEST_ASSERT_MSG_EQ_TOL(fraction,
                                  (m_policy == Resolver::STICKY ? 1.0 : 0.4),
                                  1e-12,
                                  "analytic");
        NS_TEST_ASSERT_MSG_EQ_TOL(r.GetRevisitTfoFraction(), fraction, 1e-12, what);
        NS_TEST_ASSERT_MSG_EQ(r.connections, 300, "the observer saw every connection");
        NS_TEST_ASSERT_MSG_EQ(r.wrongPairs, 0, "a cookie never links two clients");
        if (m_policy == Resolver::STICKY)
        {
            // Revisits 1..5 carry the one cookie of (client, address): C(5,2) = 10 pairs.
            NS_TEST_ASSERT_MSG_EQ(r.connectionsWithCookie, 250, what);
            NS_TEST_ASSERT_MSG_EQ(r.linkedPairs, 50 * 10, what);
            NS_TEST_ASSERT_MSG_EQ(r.linkedConnections, 250, what);
        }
        else
        {
            // Revisits 4 and 5 go back to the addresses of visits 0 and 1,
            // with two different cookies: nothing is linked.
            NS_TEST_ASSERT_MSG_EQ(r.connectionsWithCookie, 100, what);
            NS_TEST_ASSERT_MSG_EQ(r.linkedPairs, 0, what);
        }
    }

    Resolver::Policy m_policy; //!< policy
    Farm::Keys m_keys;         //!< keys
};

/**
 * \ingroup tcp-fast-open-tests
 * The server farm suite.
 */
class TcpFastOpenServerFarmTestSuite : public TestSuite
{
  public:
    TcpFastOpenServerFarmTestSuite()
        : TestSuite("tcp-fast-open-server-farm", TFO_TEST_SYSTEM)
    {
        AddTestCase(new TfoFarmResolverTestCase, TFO_TEST_QUICK);
        AddTestCase(new TfoFarmRandomTestCase, TFO_TEST_QUICK);
        for (auto policy : {Resolver::STICKY, Resolver::ROUND_ROBIN})
        {
            for (auto keys : {Farm::PER_SERVER, Farm::SHARED})
            {
                AddTestCase(new TfoFarmStickyRoundRobinTestCase(policy, keys), TFO_TEST_QUICK);
            }
        }
    }
};

/// The suite instance.
static TcpFastOpenServerFarmTestSuite g_tcpFastOpenServerFarmTestSuite;
