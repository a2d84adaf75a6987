/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup tcp-fast-open-tests
 *
 * A listener's own key (TCP_FASTOPEN_KEY, attribute FastOpenKey) makes its
 * cookies with the node's cookie algorithm, as Linux uses one cipher for the
 * namespace's key and a listener's; the attribute is set before the socket
 * has a node.
 */

#include "tcp-fast-open-test-util.h"

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/test.h"

using namespace ns3;
using namespace ns3::tfotest;

/**
 * \ingroup tcp-fast-open-tests
 * Node algorithm AES-128, listener key K: the SYN-ACK's cookie is AES-128
 * under K, not SipHash under K nor anything under the node's key.
 */
class TfoListenerKeyAlgorithmTestCase : public TestCase
{
  public:
    /// \param algorithm the node's cookie algorithm
    explicit TfoListenerKeyAlgorithmTestCase(TcpFastOpenCookieGenerator::Algorithm algorithm)
        : TestCase(std::string("listener's own key with the node's algorithm: ") +
                   (algorithm == TcpFastOpenCookieGenerator::AES128 ? "AES128" : "SIPHASH")),
          m_algorithm(algorithm)
    {
    }

  private:
    void DoRun() override
    {
        Testbed bed(Testbed::Config{});
        const std::string listenerKey = "0f0e0d0c-0b0a0908-07060504-03020100";
        TcpFastOpenHelper::GetCookieGenerator(bed.server)->SetAlgorithm(m_algorithm);
        bed.server->GetObject<TcpFastOpenSocketFactory>()->SetSocketAttribute(
            "FastOpenKey",
            StringValue(listenerKey));
        const uint16_t port = 9;
        PacketSinkHelper sinkHelper(TcpFastOpenHelper::GetSocketFactoryType(),
                                    InetSocketAddress(Ipv4Address::GetAny(), port));
        sinkHelper.Install(bed.server);
        bed.client->GetObject<TcpFastOpenSocketFactory>()->SetSocketAttribute("FastOpenConnect",
                                                                              BooleanValue(true));
        BulkSendHelper bulk(TcpFastOpenHelper::GetSocketFactoryType(),
                            InetSocketAddress(Ipv4Address::ConvertFrom(bed.GetServerIp()), port));
        bulk.SetAttribute("MaxBytes", UintegerValue(100));
        bulk.Install(bed.client).Start(Seconds(1));
        bed.Run(Seconds(5));

        Ptr<TcpFastOpenCookieGenerator> expected = CreateObject<TcpFastOpenCookieGenerator>();
        expected->SetAlgorithm(m_algorithm);
        std::string error;
        NS_TEST_ASSERT_MSG_EQ(expected->SetKeysFromString(listenerKey, error), true, error);
        std::vector<Segment> synAcks = bed.Select(false, TcpHeader::SYN | TcpHeader::ACK);
        TFO_TEST_REQUIRE(synAcks.size() == 1 && synAcks[0].tfo,
                         "a SYN-ACK with a cookie\n" + bed.Dump());
        NS_TEST_ASSERT_MSG_EQ(synAcks[0].tfo->cookie,
                              expected->Generate(bed.GetClientIp(), bed.GetServerIp()),
                              "the listener's key with the node's algorithm");
        Simulator::Destroy();
    }

    TcpFastOpenCookieGenerator::Algorithm m_algorithm; //!< the node's algorithm
};

/**
 * \ingroup tcp-fast-open-tests
 * A listener's own key.
 */
class TfoListenerKeyTestSuite : public TestSuite
{
  public:
    TfoListenerKeyTestSuite()
        : TestSuite("tcp-fast-open-listener-key", TFO_TEST_UNIT)
    {
        AddTestCase(new TfoListenerKeyAlgorithmTestCase(TcpFastOpenCookieGenerator::AES128),
                    TFO_TEST_QUICK);
        AddTestCase(new TfoListenerKeyAlgorithmTestCase(TcpFastOpenCookieGenerator::SIPHASH),
                    TFO_TEST_QUICK);
    }
};

/// The suite's instance.
static TfoListenerKeyTestSuite g_tfoListenerKeyTestSuite;
