/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/tcp-fast-open-counters.h"
#include "ns3/tcp-fast-open-ns3-compat.h"
#include "ns3/test.h"

#include <sstream>

using namespace ns3;

/**
 * \ingroup tcp-fast-open-tests
 * The counters print exactly as `nstat -az` prints them (iproute2's
 * "%-32s%-16llu%6.1f" lines under "#kernel") and are found by Linux name.
 */
class TfoCountersTestCase : public TestCase
{
  public:
    TfoCountersTestCase()
        : TestCase("nstat format and lookup by Linux name")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<TcpFastOpenCounters> c = CreateObject<TcpFastOpenCounters>();
        c->Increment(TcpFastOpenCounters::TFO_ACTIVE, 2);
        c->Increment(TcpFastOpenCounters::TFO_LISTEN_OVERFLOW);
        NS_TEST_ASSERT_MSG_EQ(c->Get("TCPFastOpenActive"), 2, "bare name");
        NS_TEST_ASSERT_MSG_EQ(c->Get("TcpExtTCPFastOpenActive"), 2, "TcpExt name");
        NS_TEST_ASSERT_MSG_EQ(c->Get(TcpFastOpenCounters::TFO_LISTEN_OVERFLOW), 1, "enum");

        std::ostringstream fastOpen;
        c->Print(fastOpen, true);
        const std::string expected = "TcpExtTCPFastOpenActive         2                  0.0\n"
                                     "TcpExtTCPFastOpenActiveFail     0                  0.0\n"
                                     "TcpExtTCPFastOpenPassive        0                  0.0\n"
                                     "TcpExtTCPFastOpenPassiveFail    0                  0.0\n"
                                     "TcpExtTCPFastOpenListenOverflow 1                  0.0\n"
                                     "TcpExtTCPFastOpenCookieReqd     0                  0.0\n"
                                     "TcpExtTCPFastOpenBlackhole      0                  0.0\n"
                                     "TcpExtTCPFastOpenPassiveAltKey  0                  0.0\n";
        NS_TEST_ASSERT_MSG_EQ(fastOpen.str(), expected, "nstat -az | grep FastOpen");

        std::ostringstream all;
        c->Print(all);
        NS_TEST_ASSERT_MSG_EQ(all.str().rfind("#kernel\n", 0), 0, "nstat's header line");
        NS_TEST_ASSERT_MSG_NE(all.str().find("TcpExtSyncookiesSent            0"),
                              std::string::npos,
                              "the flood counters too");
        c->Reset();
        NS_TEST_ASSERT_MSG_EQ(c->Get("TCPFastOpenActive"), 0, "reset");
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * Counters.
 */
class TcpFastOpenCountersTestSuite : public TestSuite
{
  public:
    TcpFastOpenCountersTestSuite()
        : TestSuite("tcp-fast-open-counters", TFO_TEST_UNIT)
    {
        AddTestCase(new TfoCountersTestCase, TFO_TEST_QUICK);
    }
};

/// The suite instance.
static TcpFastOpenCountersTestSuite g_tcpFastOpenCountersTestSuite;
