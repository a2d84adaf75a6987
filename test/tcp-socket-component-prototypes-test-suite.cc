/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/config.h"
#include "ns3/double.h"
#include "ns3/nstime.h"
#include "ns3/object-factory.h"
#include "ns3/rtt-estimator.h"
#include "ns3/string.h"
#include "ns3/tcp-congestion-ops.h"
#include "ns3/tcp-fast-open-ns3-compat.h"
#include "ns3/tcp-recovery-ops.h"
#include "ns3/tcp-socket-component-prototypes.h"
#include "ns3/test.h"

#include <string>

using namespace ns3;

namespace
{

/**
 * \brief Every attribute of \p object (its type's and its parents') that it
 * has, as "name=value" lines.
 * \param object an object
 * \return the lines
 */
std::string
AttributeValues(Ptr<Object> object)
{
    std::string all;
    for (TypeId tid = object->GetInstanceTypeId();; tid = tid.GetParent())
    {
        for (std::size_t i = 0; i < tid.GetAttributeN(); ++i)
        {
            const TypeId::AttributeInformation info = tid.GetAttribute(i);
            if (!(info.flags & TypeId::ATTR_GET) || !info.accessor->HasGetter())
            {
                continue;
            }
            // (ns-3.37's TcpCubic has TcpSocketBase as its TypeId's parent:
            // those attributes are not the object's and cannot be read)
            Ptr<AttributeValue> value = info.checker->Create();
            if (!info.accessor->Get(PeekPointer(object), *value))
            {
                continue;
            }
            all += tid.GetName() + "::" + info.name + "=" + value->SerializeToString(info.checker) +
                   "\n";
        }
        if (tid.GetParent() == tid)
        {
            return all;
        }
    }
}

/**
 * \brief An object of type \p name built through ObjectFactory (as
 * TcpL4Protocol::CreateSocket builds a socket's components).
 * \param name a TypeId name
 * \return the object
 */
Ptr<Object>
Fresh(const std::string& name)
{
    ObjectFactory factory;
    factory.SetTypeId(name);
    return factory.Create();
}

} // namespace

/**
 * \ingroup tcp-fast-open-tests
 * Components copied from a prototype equal the ones ObjectFactory builds, are
 * new objects each time, follow Config::SetDefault made after the prototype
 * was built, and the prototype is built once while the defaults stay.
 */
class TcpComponentCopiesTestCase : public TestCase
{
  public:
    TcpComponentCopiesTestCase()
        : TestCase("copies equal ObjectFactory's objects, follow Config::SetDefault")
    {
    }

  private:
    void DoRun() override
    {
        const TypeId cubic = TypeId::LookupByName("ns3::TcpCubic");
        const TypeId prr = TypeId::LookupByName("ns3::TcpPrrRecovery");
        const TypeId meanDev = TypeId::LookupByName("ns3::RttMeanDeviation");
        TcpSocketComponentPrototypes components;
        Ptr<TcpCongestionOps> first = components.CreateCongestionOps(cubic);
        Ptr<TcpCongestionOps> second = components.CreateCongestionOps(cubic);
        NS_TEST_ASSERT_MSG_NE(first, second, "each socket its own congestion control");
        NS_TEST_ASSERT_MSG_EQ(second->GetInstanceTypeId(), cubic, "the node's type");
        NS_TEST_ASSERT_MSG_EQ(AttributeValues(second),
                              AttributeValues(Fresh("ns3::TcpCubic")),
                              "TcpCubic as ObjectFactory builds it");
        Ptr<TcpRecoveryOps> recovery = components.CreateRecoveryOps(prr);
        NS_TEST_ASSERT_MSG_NE(recovery, components.CreateRecoveryOps(prr), "new each time");
        NS_TEST_ASSERT_MSG_EQ(AttributeValues(recovery),
                              AttributeValues(Fresh("ns3::TcpPrrRecovery")),
                              "TcpPrrRecovery as ObjectFactory builds it");
        Ptr<RttEstimator> rtt = components.CreateRttEstimator(meanDev);
        NS_TEST_ASSERT_MSG_NE(rtt, components.CreateRttEstimator(meanDev), "new each time");
        NS_TEST_ASSERT_MSG_EQ(AttributeValues(rtt),
                              AttributeValues(Fresh("ns3::RttMeanDeviation")),
                              "RttMeanDeviation as ObjectFactory builds it");
        NS_TEST_ASSERT_MSG_EQ(
            rtt->GetEstimate(),
            DynamicCast<RttEstimator>(Fresh("ns3::RttMeanDeviation"))->GetEstimate(),
            "the estimate starts at InitialEstimation, as after construction");
        for (int i = 0; i < 10; ++i)
        {
            components.CreateCongestionOps(cubic);
        }
        NS_TEST_ASSERT_MSG_EQ(components.GetPrototypesBuilt(),
                              3,
                              "one prototype per component while the defaults stay");

        // A default changed after the prototypes were built: the type's own
        // attribute and a parent's (RttEstimator::InitialEstimation).
        TypeId::AttributeInformation betaInfo;
        cubic.LookupAttributeByName("Beta", &betaInfo);
        const DoubleValue beta = *DynamicCast<const DoubleValue>(betaInfo.initialValue);
        TypeId::AttributeInformation initialRtt;
        TypeId::LookupByName("ns3::RttEstimator")
            .LookupAttributeByName("InitialEstimation", &initialRtt);
        const TimeValue rttDefault = *DynamicCast<const TimeValue>(initialRtt.initialValue);
        Config::SetDefault("ns3::TcpCubic::Beta", DoubleValue(0.5));
        Config::SetDefault("ns3::RttEstimator::InitialEstimation", TimeValue(Seconds(3)));
        DoubleValue copiedBeta;
        components.CreateCongestionOps(cubic)->GetAttribute("Beta", copiedBeta);
        NS_TEST_ASSERT_MSG_EQ(copiedBeta.Get(), 0.5, "Config::SetDefault after the prototype");
        NS_TEST_ASSERT_MSG_EQ(components.CreateRttEstimator(meanDev)->GetEstimate(),
                              Seconds(3),
                              "a parent's default changed after the prototype");
        // Cubic is copied in every ns-3 version: where its copy constructor
        // misses TcpFriendliness (3.44, 3.48), the attribute is set on each
        // copy, and the copies above equal ObjectFactory's objects.
        NS_TEST_ASSERT_MSG_EQ(components.GetPrototypesBuilt(), 5, "rebuilt once each");
        Config::SetDefault("ns3::TcpCubic::Beta", beta);
        Config::SetDefault("ns3::RttEstimator::InitialEstimation", rttDefault);
        NS_TEST_ASSERT_MSG_EQ(AttributeValues(components.CreateCongestionOps(cubic)),
                              AttributeValues(Fresh("ns3::TcpCubic")),
                              "the default restored");
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * A type whose copy is not exactly a new object (TcpBbr: its copy shares the
 * original's random variable) is built through ObjectFactory, without a
 * prototype; switching the node's type back and forth keeps working.
 */
class TcpComponentFactoryFallbackTestCase : public TestCase
{
  public:
    TcpComponentFactoryFallbackTestCase()
        : TestCase("types not copied exactly are built through ObjectFactory")
    {
    }

  private:
    void DoRun() override
    {
        TypeId bbr;
        const TypeId cubic = TypeId::LookupByName("ns3::TcpCubic");
        TcpSocketComponentPrototypes components;
        NS_TEST_ASSERT_MSG_EQ(TcpSocketComponentPrototypes::IsExactlyCopied(cubic),
                              true,
                              "TcpCubic copies exactly");
        if (TypeId::LookupByNameFailSafe("ns3::TcpBbr", &bbr))
        {
            NS_TEST_ASSERT_MSG_EQ(TcpSocketComponentPrototypes::IsExactlyCopied(bbr),
                                  false,
                                  "TcpBbr's copy shares its random variable");
            Ptr<TcpCongestionOps> a = components.CreateCongestionOps(bbr);
            Ptr<TcpCongestionOps> b = components.CreateCongestionOps(bbr);
            NS_TEST_ASSERT_MSG_NE(a, b, "two objects");
            NS_TEST_ASSERT_MSG_EQ(a->GetInstanceTypeId(), bbr, "of the node's type");
            NS_TEST_ASSERT_MSG_EQ(components.GetPrototypesBuilt(), 0, "no prototype");
        }
        NS_TEST_ASSERT_MSG_EQ(components.CreateCongestionOps(cubic)->GetInstanceTypeId(),
                              cubic,
                              "back to TcpCubic");
        NS_TEST_ASSERT_MSG_EQ(components.GetPrototypesBuilt(), 1, "its prototype");
        const TypeId newReno = TypeId::LookupByName("ns3::TcpNewReno");
        NS_TEST_ASSERT_MSG_EQ(components.CreateCongestionOps(newReno)->GetInstanceTypeId(),
                              newReno,
                              "the node's type changed");
        NS_TEST_ASSERT_MSG_EQ(components.GetPrototypesBuilt(), 2, "a prototype of it");
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * The per-node prototypes of sockets' components.
 */
class TcpSocketComponentPrototypesTestSuite : public TestSuite
{
  public:
    TcpSocketComponentPrototypesTestSuite()
        : TestSuite("tcp-socket-component-prototypes", TFO_TEST_UNIT)
    {
        AddTestCase(new TcpComponentCopiesTestCase, TFO_TEST_QUICK);
        AddTestCase(new TcpComponentFactoryFallbackTestCase, TFO_TEST_QUICK);
    }
};

/// The suite instance.
static TcpSocketComponentPrototypesTestSuite g_tcpSocketComponentPrototypesTestSuite;
