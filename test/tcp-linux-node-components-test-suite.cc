/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup tcp-fast-open-tests
 * A node's sockets find the node-wide objects they use (counters, cookie
 * generator and cache, TIME_WAIT table, Ipv4, TcpL4Protocol) once per node
 * (TcpLinuxNodeComponents), as a Linux socket reaches its namespace's through
 * sock_net(sk), and still each node's own.
 */

#include "tcp-fast-open-test-util.h"

#include "ns3/core-module.h"
#include "ns3/tcp-fast-open-cookie-cache.h"
#include "ns3/tcp-fast-open-counters.h"
#include "ns3/tcp-linux-node-components.h"
#include "ns3/test.h"

using namespace ns3;
using namespace ns3::tfotest;

/**
 * \ingroup tcp-fast-open-tests
 * Twenty TFO connections one after the other: every connection's sockets
 * count on their own node's counters, and the nodes' objects are searched
 * for a bounded number of times in all, not for every socket.
 */
class TcpLinuxNodeComponentsSharedTestCase : public TestCase
{
  public:
    TcpLinuxNodeComponentsSharedTestCase()
        : TestCase("node-wide objects found once per node, each node's own")
    {
    }

  private:
    void DoRun() override
    {
        const uint32_t transactions = 20;
        uint32_t completed = 0;
        uint64_t searches = 0;
        uint64_t clientActive = 0;
        uint64_t serverPassive = 0;
        uint64_t clientPassive = 0;
        uint64_t serverActive = 0;
        {
            Testbed bed(Testbed::Config{});
            bed.AddServer();
            Ptr<RequestResponseClient> client =
                bed.AddClient(100, 1000, transactions, Seconds(1), MilliSeconds(100));
            const uint64_t before = TcpLinuxNodeComponents::GetSearches();
            bed.Run(Seconds(10));
            searches = TcpLinuxNodeComponents::GetSearches() - before;
            for (const auto& record : client->GetTransactions())
            {
                completed += record.completed ? 1 : 0;
            }
            Ptr<TcpFastOpenCounters> atClient = bed.client->GetObject<TcpFastOpenCounters>();
            Ptr<TcpFastOpenCounters> atServer = bed.server->GetObject<TcpFastOpenCounters>();
            clientActive = atClient->Get(TcpFastOpenCounters::TFO_ACTIVE);
            clientPassive = atClient->Get(TcpFastOpenCounters::TFO_PASSIVE);
            serverPassive = atServer->Get(TcpFastOpenCounters::TFO_PASSIVE);
            serverActive = atServer->Get(TcpFastOpenCounters::TFO_ACTIVE);
        }
        Simulator::Destroy();

        TFO_TEST_REQUIRE(completed == transactions, "every transaction completed");
        // The first connection fetches the cookie; the 19 others carry data.
        NS_TEST_ASSERT_MSG_EQ(clientActive, transactions - 1, "the client's sockets count there");
        NS_TEST_ASSERT_MSG_EQ(serverPassive,
                              transactions - 1,
                              "the server's children count on the server");
        NS_TEST_ASSERT_MSG_EQ(clientPassive + serverActive, 0, "nothing counted on the other node");
        // Two nodes, a handful of object types each: a search per socket
        // (41 sockets, several types each) would be hundreds.
        NS_TEST_ASSERT_MSG_LT_OR_EQ(searches, 2 * 10, "searches per node, not per socket");
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * The holder's own rules: an object found is kept, an object not found is
 * searched for again (it may be aggregated later), Get aggregates a default
 * one, and Clear forgets.
 */
class TcpLinuxNodeComponentsRulesTestCase : public TestCase
{
  public:
    TcpLinuxNodeComponentsRulesTestCase()
        : TestCase("found objects kept, missing ones searched again, Get aggregates")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<Node> node = CreateObject<Node>();
        Ptr<TcpLinuxNodeComponents> components = Create<TcpLinuxNodeComponents>();
        const uint64_t start = TcpLinuxNodeComponents::GetSearches();

        NS_TEST_ASSERT_MSG_EQ(components->Find<TcpFastOpenCounters>(*node),
                              nullptr,
                              "nothing aggregated yet");
        NS_TEST_ASSERT_MSG_EQ(components->Find<TcpFastOpenCounters>(*node),
                              nullptr,
                              "still nothing");
        NS_TEST_ASSERT_MSG_EQ(TcpLinuxNodeComponents::GetSearches() - start,
                              2,
                              "a missing object is searched for each time");

        Ptr<TcpFastOpenCounters> counters = CreateObject<TcpFastOpenCounters>();
        node->AggregateObject(counters);
        NS_TEST_ASSERT_MSG_EQ(components->Find<TcpFastOpenCounters>(*node),
                              counters,
                              "found once aggregated");
        NS_TEST_ASSERT_MSG_EQ(components->Get<TcpFastOpenCounters>(*node),
                              counters,
                              "Get returns the aggregated one");
        NS_TEST_ASSERT_MSG_EQ(TcpLinuxNodeComponents::GetSearches() - start,
                              3,
                              "a found object is not searched for again");

        Ptr<TcpFastOpenCookieCache> made = components->Get<TcpFastOpenCookieCache>(*node);
        NS_TEST_ASSERT_MSG_NE(made, nullptr, "Get makes one");
        NS_TEST_ASSERT_MSG_EQ(node->GetObject<TcpFastOpenCookieCache>(),
                              made,
                              "Get aggregates a default object to the node");

        components->Clear();
        NS_TEST_ASSERT_MSG_EQ(components->Find<TcpFastOpenCounters>(*node),
                              counters,
                              "found again after Clear");
        NS_TEST_ASSERT_MSG_EQ(TcpLinuxNodeComponents::GetSearches() - start,
                              5,
                              "Clear forgets what was found");

        Ptr<Node> other = CreateObject<Node>();
        NS_TEST_ASSERT_MSG_EQ(components->Find<TcpFastOpenCounters>(*other),
                              nullptr,
                              "another node's objects are its own");
        node->Dispose();
        other->Dispose();
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * The node-wide objects' holder of the module's sockets.
 */
class TcpLinuxNodeComponentsTestSuite : public TestSuite
{
  public:
    TcpLinuxNodeComponentsTestSuite()
        : TestSuite("tcp-linux-node-components", TFO_TEST_UNIT)
    {
        AddTestCase(new TcpLinuxNodeComponentsRulesTestCase, TFO_TEST_QUICK);
        AddTestCase(new TcpLinuxNodeComponentsSharedTestCase, TFO_TEST_QUICK);
    }
};

/// The suite's instance.
static TcpLinuxNodeComponentsTestSuite g_tcpLinuxNodeComponentsTestSuite;
