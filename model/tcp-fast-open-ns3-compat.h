/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The few places where ns-3's API changed between 3.37 and 3.48 and the module
 * has to follow. Every version-dependent spot of the module goes through this
 * header, so that porting to a newer ns-3 is a change here only.
 */

#ifndef TCP_FAST_OPEN_NS3_COMPAT_H
#define TCP_FAST_OPEN_NS3_COMPAT_H

/**
 * \file
 * \ingroup tcp-fast-open
 * Version guards for ns-3 API changes (3.37 ... 3.48).
 *
 * TFO_NS3_VERSION is major * 100 + minor (337 for ns-3.37); the build defines
 * it from the ns-3 it builds against (CMakeLists.txt).
 */

#ifndef TFO_NS3_VERSION
#error "TFO_NS3_VERSION must be defined by the build (see CMakeLists.txt)"
#endif

/// True when building against ns-3 major.minor or newer.
#define TFO_NS3_AT_LEAST(major, minor) (TFO_NS3_VERSION >= ((major)*100 + (minor)))

#include "ns3/event-id.h"

/**
 * Object::GetInstanceTypeId() is final from ns-3.45: a subclass must override it
 * before (or its attributes are invisible) and must not from then on.
 */
#if TFO_NS3_AT_LEAST(3, 45)
#define TFO_NS3_DECLARE_GET_INSTANCE_TYPE_ID
#define TFO_NS3_DEFINE_GET_INSTANCE_TYPE_ID(cls)
#else
#define TFO_NS3_DECLARE_GET_INSTANCE_TYPE_ID TypeId GetInstanceTypeId() const override;
#define TFO_NS3_DEFINE_GET_INSTANCE_TYPE_ID(cls)                                                   \
    TypeId cls::GetInstanceTypeId() const                                                          \
    {                                                                                              \
        return cls::GetTypeId();                                                                   \
    }
#endif

/**
 * TestCase durations: TestCase::QUICK (an unscoped enum) up to 3.41,
 * TestCase::Duration::QUICK from 3.42 (the old names deprecated then, removed
 * in 3.46).
 */
#if TFO_NS3_AT_LEAST(3, 42)
#define TFO_TEST_QUICK ns3::TestCase::Duration::QUICK
#define TFO_TEST_EXTENSIVE ns3::TestCase::Duration::EXTENSIVE
#else
#define TFO_TEST_QUICK ns3::TestCase::QUICK
#define TFO_TEST_EXTENSIVE ns3::TestCase::EXTENSIVE
#endif

/// TestSuite types: TestSuite::Type::UNIT compiles on every supported version.
#define TFO_TEST_UNIT ns3::TestSuite::Type::UNIT
/// System test suite type (end-to-end simulations).
#define TFO_TEST_SYSTEM ns3::TestSuite::Type::SYSTEM

/**
 * TcpSocketBase::AddSocketTags(p) gained an ECN argument in 3.43:
 * AddSocketTags(p, IsEct(type)).
 */
#if TFO_NS3_AT_LEAST(3, 43)
#define TFO_ADD_SOCKET_TAGS(p, isEct) AddSocketTags(p, isEct)
#else
#define TFO_ADD_SOCKET_TAGS(p, isEct) AddSocketTags(p)
#endif

/**
 * EnumValue became a class template (EnumValue<T>) in ns-3.41, and
 * MakeEnumAccessor takes the enum type as its first template argument:
 * TFO_MAKE_ENUM_ACCESSOR(MyEnum, &Class::m_member) (or a setter and a getter).
 */
#if TFO_NS3_AT_LEAST(3, 41)
#define TFO_MAKE_ENUM_ACCESSOR(type, ...) MakeEnumAccessor<type>(__VA_ARGS__)
#else
#define TFO_MAKE_ENUM_ACCESSOR(type, ...) MakeEnumAccessor(__VA_ARGS__)
#endif

namespace ns3
{

/**
 * \ingroup tcp-fast-open
 * Whether an event is still to run (scheduled, neither run nor cancelled):
 * EventId::IsRunning up to ns-3.41, EventId::IsPending from 3.42 (IsRunning
 * was deprecated then and removed in 3.46).
 *
 * \param event the event
 * \return true if the event is pending
 */
inline bool
TfoIsPending(const EventId& event)
{
#if TFO_NS3_AT_LEAST(3, 42)
    return event.IsPending();
#else
    return event.IsRunning();
#endif
}

} // namespace ns3

#endif /* TCP_FAST_OPEN_NS3_COMPAT_H */
