/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup tcp-fast-open-tests
 * The module's sockets come from its slab cache (TcpSlabCache) and give their
 * blocks back, as Linux's tcp_sock comes from tcp_prot.slab.
 */

#include "tcp-fast-open-test-util.h"

#include "ns3/core-module.h"
#include "ns3/tcp-slab-cache.h"
#include "ns3/test.h"

#include <algorithm>
#include <set>

using namespace ns3;
using namespace ns3::tfotest;

/**
 * \ingroup tcp-fast-open-tests
 * Twenty TFO connections one after the other: every client socket and every
 * server child is a block of the slab cache, a closed connection's sockets
 * give their blocks back before the next one opens (so the blocks are
 * reused: the cache never holds more than a few sockets), and nothing is
 * left when the simulation is destroyed.
 */
class TcpSlabCacheSocketsTestCase : public TestCase
{
  public:
    TcpSlabCacheSocketsTestCase()
        : TestCase("sockets come from the slab cache and give their blocks back")
    {
    }

  private:
    void DoRun() override
    {
        const uint64_t liveBefore = TcpSlabCache::GetLiveObjects();
        const uint64_t allocationsBefore = TcpSlabCache::GetAllocations();
        const uint32_t transactions = 20;
        uint64_t peakLive = 0;
        uint64_t allocations = 0;
        uint32_t completed = 0;
        {
            Testbed bed(Testbed::Config{});
            bed.AddServer();
            Ptr<RequestResponseClient> client =
                bed.AddClient(100, 1000, transactions, Seconds(1), MilliSeconds(100));
            // Sample the cache every millisecond while the connections run.
            for (Time t = Seconds(1); t < Seconds(6); t += MilliSeconds(1))
            {
                Simulator::Schedule(t, [&peakLive]() {
                    peakLive = std::max(peakLive, TcpSlabCache::GetLiveObjects());
                });
            }
            bed.Run(Seconds(10));
            for (const auto& record : client->GetTransactions())
            {
                completed += record.completed ? 1 : 0;
            }
            allocations = TcpSlabCache::GetAllocations() - allocationsBefore;
        }
        Simulator::Destroy();

        TFO_TEST_REQUIRE(completed == transactions, "every transaction completed");
        // A client socket and a server child per connection, the listener.
        NS_TEST_ASSERT_MSG_GT_OR_EQ(allocations,
                                    2 * transactions + 1,
                                    "each connection's two sockets from the cache");
        // The listener, the two nodes' prototypes, one connection's two
        // sockets and the previous one's, closing: far fewer than 41.
        NS_TEST_ASSERT_MSG_LT_OR_EQ(peakLive - liveBefore,
                                    8,
                                    "closed connections' blocks given back while the run goes on");
        NS_TEST_ASSERT_MSG_EQ(TcpSlabCache::GetLiveObjects(),
                              liveBefore,
                              "every block given back when the simulation is destroyed");
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * The slab cache's own rules: any size, alignment for any object, a block
 * given back is handed out again.
 */
class TcpSlabCacheBlocksTestCase : public TestCase
{
  public:
    TcpSlabCacheBlocksTestCase()
        : TestCase("blocks of any size, aligned, reused once given back")
    {
    }

  private:
    void DoRun() override
    {
        const uint64_t liveBefore = TcpSlabCache::GetLiveObjects();
        void* socketSized = TcpSlabCache::Allocate(2032);
        void* large = TcpSlabCache::Allocate(64 * 1024); // beyond the pools
        NS_TEST_ASSERT_MSG_EQ(reinterpret_cast<uintptr_t>(socketSized) % alignof(std::max_align_t),
                              0,
                              "aligned for any object");
        NS_TEST_ASSERT_MSG_EQ(reinterpret_cast<uintptr_t>(large) % alignof(std::max_align_t),
                              0,
                              "a large block aligned too");
        NS_TEST_ASSERT_MSG_EQ(TcpSlabCache::GetLiveObjects(), liveBefore + 2, "two live blocks");
        TcpSlabCache::Deallocate(large, 64 * 1024);
        // Sixteen blocks given back, sixteen asked for: the same blocks.
        std::set<void*> first{socketSized};
        for (int i = 1; i < 16; ++i)
        {
            first.insert(TcpSlabCache::Allocate(2032));
        }
        for (void* block : first)
        {
            TcpSlabCache::Deallocate(block, 2032);
        }
        std::set<void*> second;
        for (int i = 0; i < 16; ++i)
        {
            second.insert(TcpSlabCache::Allocate(2032));
        }
        NS_TEST_ASSERT_MSG_EQ((first == second), true, "blocks given back are handed out again");
        for (void* block : second)
        {
            TcpSlabCache::Deallocate(block, 2032);
        }
        NS_TEST_ASSERT_MSG_EQ(TcpSlabCache::GetLiveObjects(), liveBefore, "all given back");
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * The module's slab cache for sockets.
 */
class TcpSlabCacheTestSuite : public TestSuite
{
  public:
    TcpSlabCacheTestSuite()
        : TestSuite("tcp-slab-cache", TFO_TEST_UNIT)
    {
        AddTestCase(new TcpSlabCacheBlocksTestCase, TFO_TEST_QUICK);
        AddTestCase(new TcpSlabCacheSocketsTestCase, TFO_TEST_QUICK);
    }
};

/// The suite's instance.
static TcpSlabCacheTestSuite g_tcpSlabCacheTestSuite;
