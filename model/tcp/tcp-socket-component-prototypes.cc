/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-socket-component-prototypes.h"

#include "tcp-linux-socket-base.h"

#include "ns3/object-factory.h"
#include "ns3/pointer.h"
#include "ns3/rtt-estimator.h"
#include "ns3/tcp-congestion-ops.h"
#include "ns3/tcp-recovery-ops.h"

#include <algorithm>
#include <array>

namespace ns3
{

bool
TcpSocketComponentPrototypes::IsExactlyCopied(TypeId tid)
{
    // Copy constructors that copy every attribute-backed member and hold no
    // Ptr a fresh object would own (ns-3's own Fork of a listener's
    // components relies on the same constructors).
    // The module's sockets: their copy constructors are the fork's, which
    // must give a child the listener's configuration and a fresh connection.
    static const std::array<const char*, 8> names{"ns3::TcpNewReno",
                                                  "ns3::TcpLinuxReno",
                                                  "ns3::TcpCubic",
                                                  "ns3::TcpClassicRecovery",
                                                  "ns3::TcpPrrRecovery",
                                                  "ns3::RttMeanDeviation",
                                                  "ns3::TcpLinuxSocketBase",
                                                  "ns3::TcpFastOpenSocket"};
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

std::vector<TcpSocketComponentPrototypes::Watched>
TcpSocketComponentPrototypes::AttributesOf(Ptr<Object> object)
{
    std::vector<Watched> watched;
    for (TypeId tid = object->GetInstanceTypeId();; tid = tid.GetParent())
    {
        for (std::size_t i = 0; i < tid.GetAttributeN(); ++i)
        {
            const TypeId::AttributeInformation info = tid.GetAttribute(i);
            // An attribute the object does not have (ns-3.37's TcpCubic has
            // TcpSocketBase as its TypeId's parent) cannot be read from it,
            // and ConstructSelf could not set it either.
            if (info.accessor->HasGetter() &&
                !info.accessor->Get(PeekPointer(object), *info.checker->Create()))
            {
                continue;
            }
            watched.push_back(Watched{tid, i, info.initialValue});
        }
        if (tid.GetParent() == tid)
        {
            return watched;
        }
    }
}

bool
TcpSocketComponentPrototypes::CopiedDifferences(
    Ptr<Object> original,
    Ptr<Object> copy,
    const std::vector<Watched>& watched,
    std::vector<std::pair<Ptr<const AttributeAccessor>, Ptr<AttributeValue>>>& differences)
{
    differences.clear();
    for (const Watched& attribute : watched)
    {
        const TypeId::AttributeInformation info = attribute.tid.GetAttribute(attribute.index);
        if (!info.accessor->HasGetter())
        {
            continue;
        }
        Ptr<AttributeValue> a = info.checker->Create();
        Ptr<AttributeValue> b = info.checker->Create();
        if (!info.accessor->Get(PeekPointer(original), *a) ||
            !info.accessor->Get(PeekPointer(copy), *b))
        {
            return false;
        }
        if (a->SerializeToString(info.checker) != b->SerializeToString(info.checker))
        {
            if (DynamicCast<PointerValue>(a))
            {
                // An object the copy constructor copied (a socket's TxBuffer,
                // RxBuffer: no setter) is the copy's own; one that can be set
                // would have to be shared to be "reset".
                if (info.accessor->HasSetter())
                {
                    return false;
                }
                continue;
            }
            if (!info.accessor->HasSetter())
            {
                return false;
            }
            differences.emplace_back(info.accessor, a);
        }
    }
    return true;
}

Ptr<Object>
TcpSocketComponentPrototypes::Current(Prototype& prototype,
                                      TypeId tid,
                                      const std::function<Ptr<Object>()>& build,
                                      const std::function<Ptr<Object>(Object&)>& copy)
{
    if (!prototype.known || prototype.tid != tid)
    {
        prototype = Prototype{tid, true, IsExactlyCopied(tid), nullptr, {}, {}};
    }
    if (!prototype.copied)
    {
        return nullptr;
    }
    if (prototype.object &&
        std::all_of(prototype.watched.begin(),
                    prototype.watched.end(),
                    [](const Watched& attribute) {
                        return attribute.tid.GetAttribute(attribute.index).initialValue ==
                               attribute.initialValue;
                    }))
    {
        return prototype.object;
    }
    prototype.object = build();
    prototype.watched = AttributesOf(prototype.object);
    ++m_built;
    // One copy, compared with the prototype: the attributes this version's
    // copy constructor misses are set on every copy (Make); if that does not
    // make the copy equal, the type is built through ObjectFactory. (A
    // prototype that cannot be copied now, e.g. a socket with a key of its
    // own, is kept: it is asked again at each copy.)
    const Ptr<Object> sample = copy(*prototype.object);
    if (!sample)
    {
        prototype.resets.clear();
        return prototype.object;
    }
    std::vector<std::pair<Ptr<const AttributeAccessor>, Ptr<AttributeValue>>> left;
    bool usable = CopiedDifferences(prototype.object, sample, prototype.watched, prototype.resets);
    for (const auto& [accessor, value] : prototype.resets)
    {
        usable = usable && accessor->Set(PeekPointer(sample), *value);
    }
    usable = usable && CopiedDifferences(prototype.object, sample, prototype.watched, left) &&
             left.empty();
    if (!usable)
    {
        prototype.copied = false;
        prototype.object = nullptr;
        prototype.watched.clear();
        prototype.resets.clear();
        return nullptr;
    }
    return prototype.object;
}

template <class T, class CopyFunction>
Ptr<T>
TcpSocketComponentPrototypes::Make(Prototype& prototype,
                                   TypeId tid,
                                   const std::function<Ptr<Object>()>& build,
                                   CopyFunction copy)
{
    const Ptr<Object> current =
        Current(prototype, tid, build, [copy](Object& object) -> Ptr<Object> {
            return copy(static_cast<T&>(object));
        });
    Ptr<T> made = current ? copy(*StaticCast<T>(current)) : nullptr;
    if (made)
    {
        for (const auto& [accessor, value] : prototype.resets)
        {
            accessor->Set(PeekPointer(made), *value);
        }
        return made;
    }
    return DynamicCast<T>(build());
}

template <class T, class CopyFunction>
Ptr<T>
TcpSocketComponentPrototypes::MakeComponent(Prototype& prototype, TypeId tid, CopyFunction copy)
{
    return Make<T>(
        prototype,
        tid,
        [tid]() {
            ObjectFactory factory;
            factory.SetTypeId(tid);
            return factory.Create();
        },
        copy);
}

Ptr<RttEstimator>
TcpSocketComponentPrototypes::CreateRttEstimator(TypeId tid)
{
    return MakeComponent<RttEstimator>(m_rtt, tid, [](const RttEstimator& rtt) {
        return rtt.Copy();
    });
}

Ptr<TcpCongestionOps>
TcpSocketComponentPrototypes::CreateCongestionOps(TypeId tid)
{
    return MakeComponent<TcpCongestionOps>(m_congestion, tid, [](TcpCongestionOps& ops) {
        return ops.Fork();
    });
}

Ptr<TcpRecoveryOps>
TcpSocketComponentPrototypes::CreateRecoveryOps(TypeId tid)
{
    return MakeComponent<TcpRecoveryOps>(m_recovery, tid, [](TcpRecoveryOps& ops) {
        return ops.Fork();
    });
}

Ptr<TcpLinuxSocketBase>
TcpSocketComponentPrototypes::CreateSocket(const ObjectFactory& sockets)
{
    return Make<TcpLinuxSocketBase>(
        m_socket,
        sockets.GetTypeId(),
        [&sockets]() { return sockets.Create(); },
        [](TcpLinuxSocketBase& socket) { return socket.CopyAsNewSocket(); });
}

void
TcpSocketComponentPrototypes::InvalidateSocket()
{
    m_socket.object = nullptr;
}

uint32_t
TcpSocketComponentPrototypes::GetPrototypesBuilt() const
{
    return m_built;
}

} // namespace ns3
