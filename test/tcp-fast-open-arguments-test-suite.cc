/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-fast-open-test-util.h"

#include "ns3/tcp-fast-open-argument-checker.h"
#include "ns3/tcp-fast-open-arguments.h"
#include "ns3/test.h"

using namespace ns3;

/**
 * \ingroup tcp-fast-open-tests
 * The examples' argument parsers accept what ns-3 accepts and refuse, without
 * aborting, what would make ns-3 abort or silently misread.
 */
class TfoArgumentsTestCase : public TestCase
{
  public:
    TfoArgumentsTestCase()
        : TestCase("time, rate and list parsing for examples")
    {
    }

  private:
    void DoRun() override
    {
        Time t;
        NS_TEST_ASSERT_MSG_EQ(TcpFastOpenArguments::ParseTime("10ms", t), true, "10ms");
        NS_TEST_ASSERT_MSG_EQ(t, MilliSeconds(10), "10ms value");
        NS_TEST_ASSERT_MSG_EQ(TcpFastOpenArguments::ParseTime("1.5s", t), true, "1.5s");
        NS_TEST_ASSERT_MSG_EQ(t, MilliSeconds(1500), "1.5s value");
        NS_TEST_ASSERT_MSG_EQ(TcpFastOpenArguments::ParseTime("2", t), true, "plain seconds");
        NS_TEST_ASSERT_MSG_EQ(t, Seconds(2), "2 s");
        for (const char* bad : {"abc", "-1ms", "10 parsecs", "", "ms", "1..2s"})
        {
            NS_TEST_ASSERT_MSG_EQ(TcpFastOpenArguments::ParseTime(bad, t), false, bad);
        }
        DataRate r;
        NS_TEST_ASSERT_MSG_EQ(TcpFastOpenArguments::ParseDataRate("100Mbps", r), true, "rate");
        NS_TEST_ASSERT_MSG_EQ(r.GetBitRate(), 100000000, "100 Mb/s");
        NS_TEST_ASSERT_MSG_EQ(TcpFastOpenArguments::ParseDataRate("fast", r), false, "fast");
        NS_TEST_ASSERT_MSG_EQ(TcpFastOpenArguments::ParseDataRate("0bps", r), false, "zero");
        std::vector<double> d;
        NS_TEST_ASSERT_MSG_EQ(TcpFastOpenArguments::ParseNumberList("10,20.5,0", d), true, "list");
        TFO_TEST_REQUIRE(d.size() == 3, "three numbers");
        NS_TEST_ASSERT_MSG_EQ(d[1], 20.5, "second");
        for (const char* bad : {"", "10,", ",10", "10,,20", "10,x", "-5", "1e999"})
        {
            NS_TEST_ASSERT_MSG_EQ(TcpFastOpenArguments::ParseNumberList(bad, d), false, bad);
        }
        std::vector<uint32_t> u;
        NS_TEST_ASSERT_MSG_EQ(TcpFastOpenArguments::ParseUintList("100,1000", u), true, "uints");
        TFO_TEST_REQUIRE(u.size() == 2, "two");
        NS_TEST_ASSERT_MSG_EQ(u[1], 1000, "second");
        NS_TEST_ASSERT_MSG_EQ(TcpFastOpenArguments::ParseUintList("1.5", u), false, "fraction");
        NS_TEST_ASSERT_MSG_EQ(TcpFastOpenArguments::ParseUintList("5000000000", u),
                              false,
                              "beyond 32 bits");
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * The examples' checker returns good values and ends the program with status 2
 * and a message naming the option for bad ones (each bad case runs in a
 * forked child).
 */
class TfoArgumentCheckerTestCase : public TestCase
{
  public:
    TfoArgumentCheckerTestCase()
        : TestCase("checker: values, and exit status 2 naming the option")
    {
    }

  private:
    void DoRun() override
    {
        const TcpFastOpenArgumentChecker check("prog");
        NS_TEST_ASSERT_MSG_EQ(check.Integer("runs", "12", 1, 100), 12, "integer");
        NS_TEST_ASSERT_MSG_EQ(check.Integer("seed", "4294967295", 1, UINT32_MAX),
                              UINT32_MAX,
                              "32-bit maximum");
        NS_TEST_ASSERT_MSG_EQ(check.Number("loss", "0.25", 0, 0.5), 0.25, "number");
        const std::vector<std::string> items = check.List("rtts", "20,100");
        TFO_TEST_REQUIRE(items.size() == 2, "two items");
        NS_TEST_ASSERT_MSG_EQ(items[1], "100", "second item");

        const std::vector<std::pair<std::function<void()>, std::string>> bad = {
            {[&] { check.Integer("runs", "x", 1, 100); },
             "prog: error: --runs: \"x\" is not a non-negative integer"},
            {[&] { check.Integer("runs", "-1", 1, 100); }, "--runs: \"-1\" is not"},
            {[&] { check.Integer("runs", "0", 1, 100); }, "--runs: 0 is out of range [1, 100]"},
            {[&] { check.Integer("seed", "99999999999", 1, UINT32_MAX); }, "--seed"},
            {[&] { check.Number("loss", "0.7", 0, 0.5); }, "--loss: 0.7 is out of range"},
            {[&] { check.Number("loss", "nan", 0, 0.5); }, "--loss: \"nan\" is not a number"},
            {[&] { check.Number("loss", "1e999", 0, 0.5); }, "is not a number"},
            {[&] { check.List("rtts", "20,,30"); }, "--rtts=\"20,,30\" has an empty item"},
            {[&] { check.List("rtts", "20,"); }, "--rtts needs a comma-separated list"},
            {[&] { check.List("rtts", ""); }, "--rtts needs a comma-separated list"},
        };
        for (const auto& [fn, message] : bad)
        {
            std::string output;
            NS_TEST_ASSERT_MSG_EQ(tfotest::RunExpectingExit(fn, 2, output), true, message);
            NS_TEST_ASSERT_MSG_NE(output.find(message), std::string::npos, output);
        }
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * Argument parsing.
 */
class TcpFastOpenArgumentsTestSuite : public TestSuite
{
  public:
    TcpFastOpenArgumentsTestSuite()
        : TestSuite("tcp-fast-open-arguments", TFO_TEST_UNIT)
    {
        AddTestCase(new TfoArgumentsTestCase, TFO_TEST_QUICK);
        AddTestCase(new TfoArgumentCheckerTestCase, TFO_TEST_QUICK);
    }
};

/// The suite instance.
static TcpFastOpenArgumentsTestSuite g_tcpFastOpenArgumentsTestSuite;
