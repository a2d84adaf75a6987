/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-fast-open-test-util.h"

#include "ns3/tcp-fast-open-argument-checker.h"
#include "ns3/test.h"

using namespace ns3;

/**
 * \ingroup tcp-fast-open-tests
 * The checker's times and rates: what ns-3 accepts, and an exit with status 2
 * (not ns-3's abort or a silent misreading) for the rest.
 */
class TfoArgumentsTestCase : public TestCase
{
  public:
    TfoArgumentsTestCase()
        : TestCase("checker: times, rates, booleans, choices, output paths")
    {
    }

  private:
    void DoRun() override
    {
        const TcpFastOpenArgumentChecker check("prog");
        NS_TEST_ASSERT_MSG_EQ(check.Duration("delay", "10ms"), MilliSeconds(10), "10ms");
        NS_TEST_ASSERT_MSG_EQ(check.Duration("delay", "1.5s"), MilliSeconds(1500), "1.5s");
        NS_TEST_ASSERT_MSG_EQ(check.Duration("delay", "2"), Seconds(2), "plain seconds");
        NS_TEST_ASSERT_MSG_EQ(check.Rate("rate", "100Mbps").GetBitRate(), 100000000, "rate");
        NS_TEST_ASSERT_MSG_EQ(check.Boolean("ipv6", "1"), true, "1");
        NS_TEST_ASSERT_MSG_EQ(check.Boolean("ipv6", "false"), false, "false");
        // Python's spelling, as SEM passes a boolean default back.
        NS_TEST_ASSERT_MSG_EQ(check.Boolean("ipv6", "True"), true, "True");
        NS_TEST_ASSERT_MSG_EQ(check.Boolean("ipv6", "False"), false, "False");
        NS_TEST_ASSERT_MSG_EQ(check.Choice("api", "connect", {"sendto", "connect"}),
                              "connect",
                              "choice");
        NS_TEST_ASSERT_MSG_EQ(check.Seed("seed", "4294944442"),
                              TcpFastOpenArgumentChecker::MAX_SEED,
                              "the largest seed MRG32k3a takes");
        NS_TEST_ASSERT_MSG_EQ(check.OutputPath("csv", "none", "/tmp"), "", "none");
        NS_TEST_ASSERT_MSG_EQ(check.OutputPath("csv", "x.csv", "/tmp"), "/tmp/x.csv", "inside");
        NS_TEST_ASSERT_MSG_EQ(check.OutputPath("csv", "/tmp/y.csv", "out"),
                              "/tmp/y.csv",
                              "absolute");

        const std::vector<std::pair<std::function<void()>, std::string>> bad = {
            {[&] { check.Duration("delay", "abc"); }, "--delay: \"abc\" is not a non-negative"},
            {[&] { check.Duration("delay", "-1ms"); }, "--delay: \"-1ms\""},
            {[&] { check.Duration("delay", "10 parsecs"); }, "--delay"},
            {[&] { check.Duration("delay", ""); }, "--delay"},
            {[&] { check.Duration("delay", "1..2s"); }, "--delay"},
            {[&] { check.Rate("rate", "fast"); }, "--rate: \"fast\" is not a data rate"},
            {[&] { check.Rate("rate", "0bps"); }, "--rate: \"0bps\""},
            {[&] { check.Boolean("ipv6", "maybe"); }, "--ipv6: \"maybe\" is not a boolean"},
            {[&] { check.Boolean("ipv6", ""); }, "--ipv6: \"\" is not a boolean"},
            {[&] { check.Boolean("ipv6", "TRUE"); }, "--ipv6: \"TRUE\" is not a boolean"},
            {[&] {
                 check.Choice("api", "x", {"sendto", "connect"});
             },
             "--api: \"x\" is not one of sendto, connect"},
            {[&] { check.Seed("seed", "4294967295"); }, "--seed: 4294967295 is out of range"},
            {[&] { check.Seed("seed", "-1"); }, "--seed: \"-1\" is not a non-negative integer"},
            {[&] { check.Seed("seed", "0"); }, "--seed: 0 is out of range"},
            {[&] { check.OutputPath("pcap", "/no/dir/x", ""); },
             "--pcap: cannot write \"/no/dir/x\": /no/dir is not a writable directory"},
            {[&] { check.OutputPath("csv", "", "."); }, "--csv: \"\" is not a file name"},
            {[&] { check.Number("loss", " 0.1", 0, 1); }, "--loss: \" 0.1\" is not a number"},
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
        NS_TEST_ASSERT_MSG_EQ(check.Integer("count", "4294967295", 1, UINT32_MAX),
                              UINT32_MAX,
                              "32-bit maximum");
        // SEM reads an integer default as a float and passes back "50.0".
        NS_TEST_ASSERT_MSG_EQ(check.Integer("runs", "50.0", 1, 100), 50, "zero fraction");
        NS_TEST_ASSERT_MSG_EQ(check.Integer("runs", "7.000", 1, 100), 7, "zeros");
        NS_TEST_ASSERT_MSG_EQ(check.Number("loss", "0.25", 0, 0.5), 0.25, "number");
        const std::vector<std::string> items = check.List("rtts", "20,100");
        TFO_TEST_REQUIRE(items.size() == 2, "two items");
        NS_TEST_ASSERT_MSG_EQ(items[1], "100", "second item");

        const std::vector<std::pair<std::function<void()>, std::string>> bad = {
            {[&] { check.Integer("runs", "x", 1, 100); },
             "prog: error: --runs: \"x\" is not a non-negative integer"},
            {[&] { check.Integer("runs", "-1", 1, 100); }, "--runs: \"-1\" is not"},
            {[&] { check.Integer("runs", "0", 1, 100); }, "--runs: 0 is out of range [1, 100]"},
            {[&] { check.Integer("runs", "0.0", 1, 100); }, "--runs: 0 is out of range [1, 100]"},
            {[&] { check.Integer("runs", "1.5", 1, 100); }, "--runs: \"1.5\" is not"},
            {[&] { check.Integer("runs", "5.", 1, 100); }, "--runs: \"5.\" is not"},
            {[&] { check.Integer("runs", ".0", 1, 100); }, "--runs: \".0\" is not"},
            {[&] { check.Integer("runs", "5.0.0", 1, 100); }, "--runs: \"5.0.0\" is not"},
            {[&] { check.Integer("runs", "1e1", 1, 100); }, "--runs: \"1e1\" is not"},
            {[&] { check.Integer("runs", "-1.0", 1, 100); }, "--runs: \"-1.0\" is not"},
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
