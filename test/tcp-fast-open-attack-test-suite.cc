/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup tcp-fast-open-tests
 *
 * Attack resilience (issue 6): SYN floods from spoofed prefixes, forged and
 * stolen cookies, replays that spoof the cookie owner's address, a botnet with
 * valid cookies, against the listener's defences: the pending-TFO limit
 * (max_qlen), the bounded SYN and accept queues and SYN cookies. Every run is
 * a TcpSynFloodStudy (star topology, 100 Mbps / 5 ms links, Linux-defaults
 * profile); its documentation describes the workload.
 */

#include "ns3/core-module.h"
#include "ns3/tcp-fast-open-module.h"
#include "ns3/tcp-syn-flood-study.h"
#include "ns3/test.h"

#include <map>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

/// \return a short description of a run, for failure messages
/// \param r the result
std::string
Describe(const TcpSynFloodStudy::Result& r)
{
    std::ostringstream os;
    os << "legit " << r.legitSucceeded << "/" << r.legitAttempted << " attackSyns " << r.attackSyns
       << " attackBytes " << r.attackBytes << " attackConnsWithData " << r.attackConnectionsWithData
       << " maxSynQ " << r.maxSynQueue << " maxAcceptQ " << r.maxAcceptQueue << " maxPending "
       << r.maxPending << " maxChildren " << r.maxChildren;
    for (const auto& [name, value] : r.counters)
    {
        if (value > 0)
        {
            os << " " << name << "=" << value;
        }
    }
    return os.str();
}

} // namespace

/**
 * Cookies presented from any address other than their owner's never deliver
 * a byte to the application: bots using the owner's (stolen) cookie from their
 * own addresses, a spoofed prefix using it, and random forged cookies, all
 * with 200-byte SYN data. Rates: 300 SYN/s in total for 12 s; max_qlen 16.
 */
class TfoStolenCookieTestCase : public TestCase
{
  public:
    TfoStolenCookieTestCase()
        : TestCase("cookies from any address but the owner's never deliver a byte")
    {
    }

  private:
    void DoRun() override
    {
        struct Variant
        {
            const char* name;                       //!< description
            TcpSynFloodAttacker::SourceMode source; //!< sources
            TcpSynFloodAttacker::CookieMode cookie; //!< option
            uint32_t bots;                          //!< attacker nodes
        };

        const Variant variants[] = {
            {"stolen cookie from bots",
             TcpSynFloodAttacker::OWN_ADDRESS,
             TcpSynFloodAttacker::GIVEN_COOKIE,
             3},
            {"stolen cookie from a spoofed prefix",
             TcpSynFloodAttacker::SPOOF_PREFIX,
             TcpSynFloodAttacker::GIVEN_COOKIE,
             1},
            {"forged cookies",
             TcpSynFloodAttacker::SPOOF_PREFIX,
             TcpSynFloodAttacker::FORGED_COOKIE,
             1},
        };
        for (const Variant& v : variants)
        {
            TcpSynFloodStudy::Config config;
            config.attackRate = 300;
            config.sourceMode = v.source;
            config.cookieMode = v.cookie;
            config.stolenCookie = true;
            config.bots = v.bots;
            config.payload = 200;
            const TcpSynFloodStudy::Result r = TcpSynFloodStudy::Run(config);
            NS_TEST_ASSERT_MSG_GT(r.attackSyns, 3000, v.name << ": the attack ran");
            NS_TEST_ASSERT_MSG_EQ(r.attackBytes, 0, v.name << ": " << Describe(r));
            NS_TEST_ASSERT_MSG_GT(r.counters.at("TCPFastOpenPassiveFail"),
                                  0,
                                  v.name << ": invalid cookies counted: " << Describe(r));
        }
    }
};

/**
 * Replays of the owner's valid cookie that spoof the owner's address deliver
 * data on at most max_qlen connections: the owner's stack resets each child
 * and a reset child keeps its pending slot for 60 s, longer than the run. The
 * same for a botnet whose bots hold their own valid cookies (their stacks
 * reset the children too). Rates: 300 SYN/s for 12 s, max_qlen 8; botnet of 4
 * bots at 75 SYN/s each.
 */
class TfoOwnerReplayTestCase : public TestCase
{
  public:
    TfoOwnerReplayTestCase()
        : TestCase("owner-spoofing replays and botnet cookies: data on at most max_qlen children")
    {
    }

  private:
    void DoRun() override
    {
        for (const bool botnet : {false, true})
        {
            TcpSynFloodStudy::Config config;
            config.maxQlen = 8;
            config.attackRate = 300;
            config.sourceMode =
                botnet ? TcpSynFloodAttacker::OWN_ADDRESS : TcpSynFloodAttacker::SPOOF_OWNER;
            config.cookieMode = TcpSynFloodAttacker::GIVEN_COOKIE;
            config.bots = botnet ? 4 : 1;
            config.payload = 200;
            const TcpSynFloodStudy::Result r = TcpSynFloodStudy::Run(config);
            const std::string what = botnet ? "botnet" : "owner replay";
            NS_TEST_ASSERT_MSG_GT(r.attackConnectionsWithData, 0, what << ": cookies were valid");
            NS_TEST_ASSERT_MSG_LT_OR_EQ(r.attackConnectionsWithData,
                                        config.maxQlen,
                                        what << ": " << Describe(r));
            NS_TEST_ASSERT_MSG_LT_OR_EQ(r.maxPending, config.maxQlen, what << ": " << Describe(r));
            NS_TEST_ASSERT_MSG_GT(r.counters.at("TCPFastOpenListenOverflow"),
                                  0,
                                  what << ": " << Describe(r));
        }
    }
};

/**
 * The pending-TFO children never exceed max_qlen, the SYN queue and the accept
 * queue never exceed backlog + 1 (Linux 6.18's inet_csk_reqsk_queue_is_full
 * and sk_acceptq_is_full are both "> backlog"), traced on every change.
 * Rates: (a) a spoofed flood with no cookie option, 500 SYN/s for 12 s,
 * backlog 32, SYN cookies off; (b) a spoofed flood of cookie-less SYN data on
 * a 0x200 server (data without cookie), 500 SYN/s, max_qlen 8; (c) no attack,
 * 20 legitimate connections/s against an application accepting 2/s, backlog 4.
 */
class TfoQueueBoundsTestCase : public TestCase
{
  public:
    TfoQueueBoundsTestCase()
        : TestCase("SYN queue, accept queue and pending-TFO children stay within their bounds")
    {
    }

  private:
    void DoRun() override
    {
        {
            TcpSynFloodStudy::Config config;
            config.backlog = 32;
            config.synCookies = 0;
            config.attackRate = 500;
            const TcpSynFloodStudy::Result r = TcpSynFloodStudy::Run(config);
            // inet_csk_reqsk_queue_is_full (Linux 6.18): "qlen > backlog".
            NS_TEST_ASSERT_MSG_EQ(r.maxSynQueue,
                                  config.backlog + 1,
                                  "(a) full, never above: " << Describe(r));
            NS_TEST_ASSERT_MSG_GT(r.counters.at("TCPReqQFullDrop"), 0, "(a) " << Describe(r));
            NS_TEST_ASSERT_MSG_GT(r.counters.at("ListenDrops"), 0, "(a) " << Describe(r));
            NS_TEST_ASSERT_MSG_EQ(r.counters.at("SyncookiesSent"), 0, "(a) " << Describe(r));
        }
        {
            TcpSynFloodStudy::Config config;
            config.serverMode = 0x202;
            config.maxQlen = 8;
            config.attackRate = 500;
            config.payload = 200;
            const TcpSynFloodStudy::Result r = TcpSynFloodStudy::Run(config);
            NS_TEST_ASSERT_MSG_GT(r.attackBytes, 0, "(b) 0x200 accepts data without cookie");
            NS_TEST_ASSERT_MSG_EQ(r.maxPending,
                                  config.maxQlen,
                                  "(b) full, never above: " << Describe(r));
            NS_TEST_ASSERT_MSG_LT_OR_EQ(r.maxSynQueue, config.backlog + 1, "(b) " << Describe(r));
        }
        {
            TcpSynFloodStudy::Config config;
            config.backlog = 4;
            config.acceptRate = 2;
            config.legitInterval = MilliSeconds(50);
            config.legitStop = Seconds(6);
            config.stop = Seconds(40);
            const TcpSynFloodStudy::Result r = TcpSynFloodStudy::Run(config);
            NS_TEST_ASSERT_MSG_EQ(r.maxAcceptQueue,
                                  config.backlog + 1,
                                  "(c) full, never above: " << Describe(r));
            NS_TEST_ASSERT_MSG_GT(r.counters.at("ListenOverflows"), 0, "(c) " << Describe(r));
            NS_TEST_ASSERT_MSG_LT_OR_EQ(r.maxSynQueue, config.backlog + 1, "(c) " << Describe(r));
        }
    }
};

/**
 * A spoofed flood far above the listener's drain rate: backlog 32 drains
 * 32 / 63 s = 0.51 request/s; the flood is 500 SYN/s (about 1000 times that)
 * for 12 s, legitimate connections every 200 ms during it. With the bounded
 * SYN queue and SYN cookies at least 99 % of legitimate connections complete
 * within 3 s; with SYN cookies off fewer than 50 % do.
 */
class TfoSynCookieFloodTestCase : public TestCase
{
  public:
    TfoSynCookieFloodTestCase()
        : TestCase("spoofed flood at >= 10x the drain rate: cookies >= 99 %, no cookies < 50 %")
    {
    }

  private:
    void DoRun() override
    {
        TcpSynFloodStudy::Config config;
        config.backlog = 32;
        config.attackRate = 500;
        NS_TEST_ASSERT_MSG_GT_OR_EQ(config.attackRate,
                                    10 * TcpSynFloodStudy::DrainRate(config.backlog),
                                    "the flood is at least 10x the drain rate");
        config.synCookies = 1;
        const TcpSynFloodStudy::Result on = TcpSynFloodStudy::Run(config);
        config.synCookies = 0;
        const TcpSynFloodStudy::Result off = TcpSynFloodStudy::Run(config);
        NS_TEST_ASSERT_MSG_GT(on.legitAttempted, 40, "enough legitimate connections");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(on.SuccessRate(), 0.99, "cookies on: " << Describe(on));
        NS_TEST_ASSERT_MSG_GT(on.counters.at("SyncookiesSent"), 0, Describe(on));
        NS_TEST_ASSERT_MSG_GT(on.counters.at("SyncookiesRecv"), 0, Describe(on));
        NS_TEST_ASSERT_MSG_GT(on.counters.at("TCPReqQFullDoCookies"), 0, Describe(on));
        NS_TEST_ASSERT_MSG_LT(off.SuccessRate(), 0.5, "cookies off: " << Describe(off));
    }
};

/**
 * Memory is bounded: the number of live child sockets does not grow with the
 * length of the flood. Rates: a spoofed flood of 300 SYN/s lasting 6 s and
 * 24 s, backlog 32, SYN cookies off (the SYN queue holds the state) and on
 * (no state at all for the flood).
 */
class TfoChildrenBoundedTestCase : public TestCase
{
  public:
    TfoChildrenBoundedTestCase()
        : TestCase("live child sockets do not grow with the flood's length")
    {
    }

  private:
    void DoRun() override
    {
        for (const uint32_t cookies : {0u, 1u})
        {
            uint32_t maxChildren[2] = {0, 0};
            for (const uint32_t i : {0u, 1u})
            {
                TcpSynFloodStudy::Config config;
                config.backlog = 32;
                config.synCookies = cookies;
                config.attackRate = 300;
                config.attackStop = Seconds(i == 0 ? 7 : 25);
                config.legitStop = config.attackStop - Seconds(1);
                config.stop = config.attackStop + Seconds(2);
                const TcpSynFloodStudy::Result r = TcpSynFloodStudy::Run(config);
                maxChildren[i] = r.maxChildren;
                // Children: at most the SYN queue plus the legitimate connections
                // alive at once (5/s, each alive well under 2 s here).
                NS_TEST_ASSERT_MSG_LT_OR_EQ(r.maxChildren,
                                            config.backlog + 10,
                                            "cookies=" << cookies << ": " << Describe(r));
            }
            NS_TEST_ASSERT_MSG_LT_OR_EQ(maxChildren[1],
                                        maxChildren[0] + 3,
                                        "cookies=" << cookies << ": 24-s flood vs 6-s flood");
        }
    }
};

/**
 * The occupancy time series as the SYN-flood example writes it
 * (TcpSynFloodStudy::WriteOccupancy, <prefix>-occupancy.csv), read back from
 * the CSV text: one row per 100-ms sample with the bounds beside the values.
 * Rates: (a) a spoofed flood of 500 SYN/s from 1 s to 13 s, backlog 32, SYN
 * cookies on; (b) a spoofed flood of cookie-less SYN data on a 0x200 server,
 * 500 SYN/s, max_qlen 8. In every row the SYN queue and the accept queue are
 * within their bound (backlog + 1) and pending TFO within
 * max_qlen; before the attack the SYN queue is empty; from 0.5 s into the
 * flood until its end the SYN queue is at its bound in every sample, and in
 * (b) pending TFO is at max_qlen as well.
 */
class TfoOccupancySamplesTestCase : public TestCase
{
  public:
    TfoOccupancySamplesTestCase()
        : TestCase("written occupancy samples: within bounds, empty before, full during a flood")
    {
    }

  private:
    /// One CSV row, by column name.
    using Row = std::map<std::string, std::string>;

    /// \param text CSV text with a header line \param[out] header its columns
    /// \return the rows
    static std::vector<Row> ParseCsv(const std::string& text, std::vector<std::string>& header)
    {
        std::vector<Row> rows;
        std::istringstream is(text);
        std::string line;
        bool first = true;
        while (std::getline(is, line))
        {
            std::vector<std::string> fields;
            std::istringstream ls(line);
            std::string field;
            while (std::getline(ls, field, ','))
            {
                fields.push_back(field);
            }
            if (first)
            {
                header = fields;
                first = false;
                continue;
            }
            Row row;
            for (size_t i = 0; i < fields.size(); i++)
            {
                row[i < header.size() ? header[i] : "extra" + std::to_string(i)] = fields[i];
            }
            row["#fields"] = std::to_string(fields.size());
            rows.push_back(row);
        }
        return rows;
    }

    /// \param row a row \param column a column \return its value as a number
    static double Num(const Row& row, const std::string& column)
    {
        const auto it = row.find(column);
        return it == row.end() ? -1 : std::stod(it->second);
    }

    /**
     * \brief Run a flood, write its samples and check them.
     * \param what label of the run
     * \param config the run's settings
     * \param pendingFull whether pending TFO must be at max_qlen during the flood
     */
    void Check(const std::string& what, const TcpSynFloodStudy::Config& config, bool pendingFull)
    {
        const TcpSynFloodStudy::Result r = TcpSynFloodStudy::Run(config);
        std::ostringstream csv;
        TcpSynFloodStudy::WriteOccupancyHeader(csv);
        TcpSynFloodStudy::WriteOccupancy(csv, what, config, r);
        std::vector<std::string> header;
        const std::vector<Row> rows = ParseCsv(csv.str(), header);
        const std::vector<std::string> expected{"time_s",
                                                "scenario",
                                                "rate",
                                                "syn_queue",
                                                "syn_queue_bound",
                                                "accept_queue",
                                                "accept_queue_bound",
                                                "pending_tfo",
                                                "max_qlen",
                                                "children_alive",
                                                "attack_start_s",
                                                "attack_stop_s"};
        NS_TEST_ASSERT_MSG_EQ((header == expected), true, what << ": CSV columns");
        // 100-ms samples over the whole run.
        NS_TEST_ASSERT_MSG_GT_OR_EQ(rows.size(),
                                    size_t(config.stop.GetSeconds() * 10) - 1,
                                    what << ": a sample every 100 ms");
        const double start = config.attackStart.GetSeconds();
        const double stop = config.attackStop.GetSeconds();
        uint32_t before = 0;
        uint32_t during = 0;
        double lastTime = -1;
        for (const Row& row : rows)
        {
            const double t = Num(row, "time_s");
            NS_TEST_ASSERT_MSG_EQ(row.at("#fields"), "12", what << ": fields at " << t);
            NS_TEST_ASSERT_MSG_EQ(row.at("scenario"), what, what << ": scenario at " << t);
            if (lastTime >= 0)
            {
                const double period = t - lastTime;
                NS_TEST_ASSERT_MSG_EQ_TOL(period, 0.1, 1e-6, what << ": sample period at " << t);
            }
            lastTime = t;
            NS_TEST_ASSERT_MSG_EQ(Num(row, "rate"), config.attackRate, what);
            NS_TEST_ASSERT_MSG_EQ(Num(row, "attack_start_s"), start, what);
            NS_TEST_ASSERT_MSG_EQ(Num(row, "attack_stop_s"), stop, what);
            NS_TEST_ASSERT_MSG_EQ(Num(row, "syn_queue_bound"), config.backlog + 1, what);
            NS_TEST_ASSERT_MSG_EQ(Num(row, "accept_queue_bound"), config.backlog + 1, what);
            NS_TEST_ASSERT_MSG_EQ(Num(row, "max_qlen"), config.maxQlen, what);
            const double synQ = Num(row, "syn_queue");
            const double pending = Num(row, "pending_tfo");
            NS_TEST_ASSERT_MSG_LT_OR_EQ(synQ, config.backlog + 1, what << ": SYN queue at " << t);
            NS_TEST_ASSERT_MSG_LT_OR_EQ(Num(row, "accept_queue"),
                                        config.backlog + 1,
                                        what << ": accept queue at " << t);
            NS_TEST_ASSERT_MSG_LT_OR_EQ(pending, config.maxQlen, what << ": pending at " << t);
            if (t < start)
            {
                before++;
                NS_TEST_ASSERT_MSG_EQ(synQ, 0, what << ": SYN queue before the attack, " << t);
                NS_TEST_ASSERT_MSG_EQ(pending, 0, what << ": pending before the attack, " << t);
            }
            else if (t >= start + 0.5 && t <= stop)
            {
                during++;
                NS_TEST_ASSERT_MSG_EQ(synQ,
                                      config.backlog + 1,
                                      what << ": SYN queue at its bound during the flood, " << t);
                if (pendingFull)
                {
                    NS_TEST_ASSERT_MSG_EQ(pending,
                                          config.maxQlen,
                                          what << ": pending at max_qlen during the flood, " << t);
                }
            }
        }
        NS_TEST_ASSERT_MSG_GT_OR_EQ(before, 5, what << ": samples before the attack");
        NS_TEST_ASSERT_MSG_GT_OR_EQ(during, 100, what << ": samples during the flood");
    }

    void DoRun() override
    {
        {
            TcpSynFloodStudy::Config config;
            config.backlog = 32;
            config.synCookies = 1;
            config.attackRate = 500;
            Check("spoofed-flood-cookies", config, false);
        }
        {
            TcpSynFloodStudy::Config config;
            config.serverMode = 0x202;
            config.maxQlen = 8;
            config.backlog = 32;
            config.attackRate = 500;
            config.payload = 200;
            Check("data-flood-0x200", config, true);
        }
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * The attack-resilience suite.
 */
class TfoAttackTestSuite : public TestSuite
{
  public:
    TfoAttackTestSuite()
        : TestSuite("tcp-fast-open-attack", TFO_TEST_SYSTEM)
    {
        AddTestCase(new TfoStolenCookieTestCase(), TFO_TEST_QUICK);
        AddTestCase(new TfoOwnerReplayTestCase(), TFO_TEST_QUICK);
        AddTestCase(new TfoQueueBoundsTestCase(), TFO_TEST_QUICK);
        AddTestCase(new TfoSynCookieFloodTestCase(), TFO_TEST_QUICK);
        AddTestCase(new TfoChildrenBoundedTestCase(), TFO_TEST_QUICK);
        AddTestCase(new TfoOccupancySamplesTestCase(), TFO_TEST_QUICK);
    }
};

/// The suite's instance.
static TfoAttackTestSuite g_tfoAttackTestSuite;
