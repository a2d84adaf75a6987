/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "ns3/config.h"
#include "ns3/double.h"
#include "ns3/nstime.h"
#include "ns3/object-factory.h"
#include "ns3/pointer.h"
#include "ns3/rtt-estimator.h"
#include "ns3/string.h"
#include "ns3/tcp-congestion-ops.h"
#include "ns3/tcp-fast-open-ns3-compat.h"
#include "ns3/tcp-fast-open-socket.h"
#include "ns3/tcp-recovery-ops.h"
#include "ns3/tcp-socket-component-prototypes.h"
#include "ns3/test.h"
#include "ns3/uinteger.h"

#include <string>

using namespace ns3;

namespace
{

/**
 * \brief Every attribute of \p object (its type's and its parents') that it
 * has, as "name=value" lines; an object it owns (a PointerValue without
 * setter, e.g. a socket's TxBuffer) as its type and attributes, not its
 * address.
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
            const Ptr<PointerValue> owned = DynamicCast<PointerValue>(value);
            if (owned && !info.accessor->HasSetter())
            {
                Ptr<Object> sub = owned->GetObject();
                all += tid.GetName() + "::" + info.name + "=" +
                       (sub ? "{\n" + AttributeValues(sub) + "}" : "0") + "\n";
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
 * Sockets copied from the factory's prototype socket equal the ones its
 * ObjectFactory builds, attribute by attribute (their TxBuffer and RxBuffer
 * included, which are their own); they follow Config::SetDefault and the
 * factory's attributes set after the prototype; a socket with a FastOpenKey
 * of its own is not copied (its generator would be shared).
 */
class TcpSocketCopiesTestCase : public TestCase
{
  public:
    TcpSocketCopiesTestCase()
        : TestCase("sockets are copies equal to ObjectFactory's, follow defaults and keys")
    {
    }

  private:
    void DoRun() override
    {
        ObjectFactory sockets;
        sockets.SetTypeId(TcpFastOpenSocket::GetTypeId());
        sockets.Set("SynAckRetries", UintegerValue(3));
        TcpSocketComponentPrototypes components;
        Ptr<TcpLinuxSocketBase> first = components.CreateSocket(sockets);
        Ptr<TcpLinuxSocketBase> second = components.CreateSocket(sockets);
        NS_TEST_ASSERT_MSG_NE(first, second, "a new socket each time");
        NS_TEST_ASSERT_MSG_EQ(components.GetPrototypesBuilt(), 1, "one prototype socket");
        NS_TEST_ASSERT_MSG_EQ(second->GetInstanceTypeId(),
                              TcpFastOpenSocket::GetTypeId(),
                              "the factory's type");
        NS_TEST_ASSERT_MSG_EQ(AttributeValues(second),
                              AttributeValues(sockets.Create()),
                              "as the factory's ObjectFactory builds it");
        PointerValue a;
        PointerValue b;
        first->GetAttribute("TxBuffer", a);
        second->GetAttribute("TxBuffer", b);
        NS_TEST_ASSERT_MSG_NE(a.GetObject(), b.GetObject(), "each socket its own TxBuffer");

        // Defaults changed after the prototype: ns-3's and the module's.
        TypeId::AttributeInformation segInfo;
        TcpSocket::GetTypeId().LookupAttributeByName("SegmentSize", &segInfo);
        const UintegerValue segDefault = *DynamicCast<const UintegerValue>(segInfo.initialValue);
        TypeId::AttributeInformation modeInfo;
        TcpFastOpenSocket::GetTypeId().LookupAttributeByName("Mode", &modeInfo);
        const UintegerValue modeDefault = *DynamicCast<const UintegerValue>(modeInfo.initialValue);
        Config::SetDefault("ns3::TcpSocket::SegmentSize", UintegerValue(1234));
        Config::SetDefault("ns3::TcpFastOpenSocket::Mode", UintegerValue(3));
        Ptr<TcpLinuxSocketBase> third = components.CreateSocket(sockets);
        UintegerValue segSize;
        UintegerValue mode;
        third->GetAttribute("SegmentSize", segSize);
        third->GetAttribute("Mode", mode);
        NS_TEST_ASSERT_MSG_EQ(segSize.Get(), 1234, "TcpSocket default after the prototype");
        NS_TEST_ASSERT_MSG_EQ(mode.Get(), 3, "TcpFastOpenSocket default after the prototype");
        NS_TEST_ASSERT_MSG_EQ(AttributeValues(third),
                              AttributeValues(sockets.Create()),
                              "equal with the new defaults");
        Config::SetDefault("ns3::TcpSocket::SegmentSize", segDefault);
        Config::SetDefault("ns3::TcpFastOpenSocket::Mode", modeDefault);
        NS_TEST_ASSERT_MSG_EQ(components.GetPrototypesBuilt(), 2, "rebuilt once");

        // The factory's own attributes changed (SetSocketAttribute invalidates).
        sockets.Set("SynAckRetries", UintegerValue(1));
        components.InvalidateSocket();
        UintegerValue retries;
        components.CreateSocket(sockets)->GetAttribute("SynAckRetries", retries);
        NS_TEST_ASSERT_MSG_EQ(retries.Get(), 1, "the factory's attribute after the prototype");

        // A key of its own: each socket builds its generator, none is shared.
        sockets.Set("FastOpenKey", StringValue("00010203-04050607-08090a0b-0c0d0e0f"));
        components.InvalidateSocket();
        Ptr<TcpLinuxSocketBase> keyed = components.CreateSocket(sockets);
        Ptr<TcpLinuxSocketBase> keyed2 = components.CreateSocket(sockets);
        NS_TEST_ASSERT_MSG_EQ(keyed->CopyAsNewSocket(), nullptr, "a keyed socket is not copied");
        NS_TEST_ASSERT_MSG_EQ(AttributeValues(keyed2),
                              AttributeValues(sockets.Create()),
                              "built as ObjectFactory builds it");
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
        AddTestCase(new TcpSocketCopiesTestCase, TFO_TEST_QUICK);
    }
};

/// The suite instance.
static TcpSocketComponentPrototypesTestSuite g_tcpSocketComponentPrototypesTestSuite;
