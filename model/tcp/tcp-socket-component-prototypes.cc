/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-socket-component-prototypes.h"

#include "ns3/object-factory.h"
#include "ns3/rtt-estimator.h"
#include "ns3/tcp-congestion-ops.h"
#include "ns3/tcp-recovery-ops.h"

#include <array>

namespace ns3
{

namespace
{

/**
 * \brief Calls \p visit with the initial value of every attribute of \p tid
 * and of its parents up to ObjectBase, in TypeId order, until it returns false.
 * \param tid a type
 * \param visit called per attribute
 * \return false if \p visit stopped the walk
 */
template <class Visit>
bool
ForEachInitialValue(TypeId tid, Visit visit)
{
    while (true)
    {
        for (std::size_t i = 0; i < tid.GetAttributeN(); ++i)
        {
            if (!visit(tid.GetAttribute(i).initialValue))
            {
                return false;
            }
        }
        const TypeId parent = tid.GetParent();
        if (parent == tid)
        {
            return true;
        }
        tid = parent;
    }
}

} // namespace

bool
TcpSocketComponentPrototypes::IsExactlyCopied(TypeId tid)
{
    // Copy constructors that copy every attribute-backed member and hold no
    // Ptr a fresh object would own (ns-3's own Fork of a listener's
    // components relies on the same constructors).
    static const std::array<const char*, 6> names{"ns3::TcpNewReno",
                                                  "ns3::TcpLinuxReno",
                                                  "ns3::TcpCubic",
                                                  "ns3::TcpClassicRecovery",
                                                  "ns3::TcpPrrRecovery",
                                                  "ns3::RttMeanDeviation"};
    for (const char* name : names)
    {
        TypeId known;
        if (TypeId::LookupByNameFailSafe(name, &known) && known == tid)
        {
            return true;
        }
    }
    return false;
}

std::vector<Ptr<const AttributeValue>>
TcpSocketComponentPrototypes::InitialValues(TypeId tid)
{
    std::vector<Ptr<const AttributeValue>> values;
    ForEachInitialValue(tid, [&values](const Ptr<const AttributeValue>& value) {
        values.push_back(value);
        return true;
    });
    return values;
}

Ptr<Object>
TcpSocketComponentPrototypes::Current(Prototype& prototype, TypeId tid)
{
    if (!prototype.known || prototype.tid != tid)
    {
        prototype = Prototype{tid, true, IsExactlyCopied(tid), nullptr, {}};
    }
    if (!prototype.copied)
    {
        return nullptr;
    }
    if (prototype.object)
    {
        std::size_t i = 0;
        const auto& known = prototype.initialValues;
        const bool same =
            ForEachInitialValue(tid, [&known, &i](const Ptr<const AttributeValue>& value) {
                return i < known.size() && known[i++] == value;
            });
        if (same && i == known.size())
        {
            return prototype.object;
        }
    }
    ObjectFactory factory;
    factory.SetTypeId(tid);
    prototype.object = factory.Create();
    prototype.initialValues = InitialValues(tid);
    ++m_built;
    return prototype.object;
}

template <class T, class CopyFunction>
Ptr<T>
TcpSocketComponentPrototypes::Make(Prototype& prototype, TypeId tid, CopyFunction copy)
{
    const Ptr<Object> current = Current(prototype, tid);
    if (current)
    {
        return copy(*StaticCast<T>(current));
    }
    ObjectFactory factory;
    factory.SetTypeId(tid);
    return factory.Create<T>();
}

Ptr<RttEstimator>
TcpSocketComponentPrototypes::CreateRttEstimator(TypeId tid)
{
    return Make<RttEstimator>(m_rtt, tid, [](const RttEstimator& rtt) { return rtt.Copy(); });
}

Ptr<TcpCongestionOps>
TcpSocketComponentPrototypes::CreateCongestionOps(TypeId tid)
{
    return Make<TcpCongestionOps>(m_congestion, tid, [](TcpCongestionOps& ops) {
        return ops.Fork();
    });
}

Ptr<TcpRecoveryOps>
TcpSocketComponentPrototypes::CreateRecoveryOps(TypeId tid)
{
    return Make<TcpRecoveryOps>(m_recovery, tid, [](TcpRecoveryOps& ops) { return ops.Fork(); });
}

uint32_t
TcpSocketComponentPrototypes::GetPrototypesBuilt() const
{
    return m_built;
}

} // namespace ns3
