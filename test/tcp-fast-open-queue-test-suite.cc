/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/callback.h"
#include "ns3/nstime.h"
#include "ns3/tcp-fast-open-ns3-compat.h"
#include "ns3/tcp-fast-open-queue.h"
#include "ns3/tcp-linux-socket-base.h"
#include "ns3/tcp-listen-queues.h"
#include "ns3/test.h"

#include <vector>

using namespace ns3;

/**
 * \ingroup tcp-fast-open-tests
 * tcp_fastopen_queue_check and reqsk_fastopen_remove without a simulation:
 * max_qlen bounds qlen, a reset child's slot is held for the hold time and
 * only a SYN that finds the queue full frees an expired one.
 */
class TfoQueueCheckTestCase : public TestCase
{
  public:
    TfoQueueCheckTestCase()
        : TestCase("fastopen_queue: qlen, max_qlen and the reset hold list")
    {
    }

  private:
    /**
     * \brief Record a PendingFastOpen change.
     * \param values the recorded values
     * \param oldValue the value before
     * \param newValue the value after
     */
    static void Record(std::vector<uint32_t>* values, uint32_t oldValue, uint32_t newValue)
    {
        values->push_back(newValue);
    }

    void DoRun() override
    {
        TcpFastOpenQueue queue;
        std::vector<uint32_t> traced;
        NS_TEST_ASSERT_MSG_EQ(queue.TraceConnectWithoutContext(
                                  "PendingFastOpen",
                                  MakeBoundCallback(&TfoQueueCheckTestCase::Record, &traced)),
                              true,
                              "PendingFastOpen is a trace source of the queue");
        queue.SetResetHoldTime(Seconds(60));

        NS_TEST_ASSERT_MSG_EQ(queue.Check(0, Seconds(0)),
                              TcpFastOpenQueue::DISABLED,
                              "max_qlen 0: no Fast Open");
        NS_TEST_ASSERT_MSG_EQ(queue.Check(2, Seconds(0)), TcpFastOpenQueue::ALLOWED, "empty");
        queue.Add();
        queue.Add();
        NS_TEST_ASSERT_MSG_EQ(queue.GetQlen(), 2, "two children pending");
        NS_TEST_ASSERT_MSG_EQ(queue.Check(2, Seconds(1)),
                              TcpFastOpenQueue::FULL,
                              "qlen == max_qlen: full");
        NS_TEST_ASSERT_MSG_EQ(queue.Check(3, Seconds(1)),
                              TcpFastOpenQueue::ALLOWED,
                              "a larger max_qlen takes effect at once");

        // One child completes its handshake: its slot is free at once.
        queue.Remove(false, Seconds(2));
        NS_TEST_ASSERT_MSG_EQ(queue.GetQlen(), 1, "accepted child leaves");
        NS_TEST_ASSERT_MSG_EQ(queue.Check(2, Seconds(2)), TcpFastOpenQueue::ALLOWED, "room");

        // The other is reset by its client: its slot is held for 60 s.
        queue.Add();
        queue.Remove(true, Seconds(10));
        NS_TEST_ASSERT_MSG_EQ(queue.GetQlen(), 2, "the reset child's slot is held");
        NS_TEST_ASSERT_MSG_EQ(queue.GetHeldSlots(), 1, "one held slot");
        NS_TEST_ASSERT_MSG_EQ(queue.Check(2, Seconds(69)),
                              TcpFastOpenQueue::FULL,
                              "held until 70 s");
        NS_TEST_ASSERT_MSG_EQ(queue.GetQlen(), 2, "a full check frees nothing early");
        NS_TEST_ASSERT_MSG_EQ(queue.Check(3, Seconds(75)),
                              TcpFastOpenQueue::ALLOWED,
                              "not full: the expired slot is not looked at");
        NS_TEST_ASSERT_MSG_EQ(queue.GetHeldSlots(), 1, "still on the list");
        NS_TEST_ASSERT_MSG_EQ(queue.Check(2, Seconds(75)),
                              TcpFastOpenQueue::ALLOWED,
                              "full, but the oldest held slot has expired");
        NS_TEST_ASSERT_MSG_EQ(queue.GetQlen(), 1, "and is freed");
        NS_TEST_ASSERT_MSG_EQ(queue.GetHeldSlots(), 0, "list empty");

        const std::vector<uint32_t> expected{1, 2, 1, 2, 1};
        NS_TEST_ASSERT_MSG_EQ(traced.size(), expected.size(), "every change traced once");
        for (std::size_t i = 0; i < expected.size() && i < traced.size(); ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(traced[i], expected[i], "PendingFastOpen value " << i);
        }
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * The pending-TFO queue.
 */
/**
 * \ingroup tcp-fast-open-tests
 * reqsk_timer_handler's retry pruning without a simulation: no pruning while
 * the SYN queue is at most half full (of max(8, backlog)); above that, one
 * retry less for every halving of the young share below one half, never
 * below 2.
 */
class TfoSynQueuePruneTestCase : public TestCase
{
  public:
    TfoSynQueuePruneTestCase()
        : TestCase("SYN queue: SYN-ACK retries pruned when more than half of it is old")
    {
    }

  private:
    /**
     * \param backlog sk_max_ack_backlog
     * \param requests requests in the SYN queue
     * \param old how many of them have had a SYN-ACK timeout
     * \return the retries reqsk_timer_handler allows (tcp_synack_retries 5)
     */
    static uint32_t Retries(uint32_t backlog, uint32_t requests, uint32_t old)
    {
        TcpListenQueues queues;
        for (uint32_t i = 0; i < requests; i++)
        {
            queues.SynQueueAdded();
        }
        for (uint32_t i = 0; i < old; i++)
        {
            queues.SynQueueRequestAged();
        }
        TcpListenQueues::Limits limits;
        limits.maxAckBacklog = backlog;
        return queues.PruneSynAckRetries(5, limits);
    }

    void DoRun() override
    {
        // Half full or less (qlen * 2 <= max(8, backlog)): all 5 retries.
        NS_TEST_ASSERT_MSG_EQ(Retries(16, 8, 8), 5, "8 of 16, all old");
        NS_TEST_ASSERT_MSG_EQ(Retries(4, 4, 4), 5, "small backlogs count as 8");
        // More than half full: young * 2 > qlen keeps 5; each halving costs one.
        NS_TEST_ASSERT_MSG_EQ(Retries(16, 17, 8), 5, "9 young of 17");
        NS_TEST_ASSERT_MSG_EQ(Retries(16, 17, 9), 4, "8 young of 17: 16 <= 17 < 32");
        NS_TEST_ASSERT_MSG_EQ(Retries(16, 17, 13), 3, "4 young of 17: 16 <= 17 < 32 after two");
        NS_TEST_ASSERT_MSG_EQ(Retries(16, 17, 15), 2, "2 young of 17");
        NS_TEST_ASSERT_MSG_EQ(Retries(16, 17, 17), 2, "all old: never below 2");
        NS_TEST_ASSERT_MSG_EQ(Retries(64, 33, 33), 2, "33 of 64, all old");
        // A request leaving the queue young or old keeps the count right.
        TcpListenQueues queues;
        TcpListenQueues::Limits limits;
        limits.maxAckBacklog = 8;
        for (uint32_t i = 0; i < 6; i++)
        {
            queues.SynQueueAdded();
        }
        queues.SynQueueRequestAged();
        queues.SynQueueRemoved(false); // the old one
        queues.SynQueueRemoved(true);  // a young one
        NS_TEST_ASSERT_MSG_EQ(queues.GetSynQueueLength(), 4, "4 left");
        NS_TEST_ASSERT_MSG_EQ(queues.GetSynQueueYoung(), 4, "all young");
        NS_TEST_ASSERT_MSG_EQ(queues.PruneSynAckRetries(5, limits), 5, "4 of 8: half");
    }
};

class TcpFastOpenQueueTestSuite : public TestSuite
{
  public:
    TcpFastOpenQueueTestSuite()
        : TestSuite("tcp-fast-open-queue", TFO_TEST_UNIT)
    {
        AddTestCase(new TfoQueueCheckTestCase, TFO_TEST_QUICK);
        AddTestCase(new TfoSynQueuePruneTestCase, TFO_TEST_QUICK);
    }
};

/// The suite instance.
static TcpFastOpenQueueTestSuite g_tcpFastOpenQueueTestSuite;
