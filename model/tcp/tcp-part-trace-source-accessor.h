/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_PART_TRACE_SOURCE_ACCESSOR_H
#define TCP_PART_TRACE_SOURCE_ACCESSOR_H

#include "ns3/object-base.h"
#include "ns3/trace-source-accessor.h"

#include <string>

namespace ns3
{

/**
 * \ingroup tcp-fast-open
 *
 * \brief A trace source of an object that exposes one of a part's trace
 * sources as its own: the socket's "PendingFastOpen" is its
 * TcpFastOpenQueue's, "SynQueue" its TcpListenQueues'. The part is an
 * ObjectBase held by value, so the socket's TypeId keeps the trace source
 * names applications and helpers connect to.
 *
 * \tparam T the owner's class
 * \tparam Part the part's class (an ObjectBase with the trace source)
 */
template <typename T, typename Part>
class PartTraceSourceAccessor : public TraceSourceAccessor
{
  public:
    /**
     * \param part the owner's member that holds the part
     * \param name the part's trace source name
     */
    PartTraceSourceAccessor(Part T::*part, std::string name)
        : m_part(part),
          m_name(std::move(name))
    {
    }

    bool ConnectWithoutContext(ObjectBase* obj, const CallbackBase& cb) const override
    {
        Part* part = Find(obj);
        return part && part->TraceConnectWithoutContext(m_name, cb);
    }

    bool Connect(ObjectBase* obj, std::string context, const CallbackBase& cb) const override
    {
        Part* part = Find(obj);
        return part && part->TraceConnect(m_name, context, cb);
    }

    bool DisconnectWithoutContext(ObjectBase* obj, const CallbackBase& cb) const override
    {
        Part* part = Find(obj);
        return part && part->TraceDisconnectWithoutContext(m_name, cb);
    }

    bool Disconnect(ObjectBase* obj, std::string context, const CallbackBase& cb) const override
    {
        Part* part = Find(obj);
        return part && part->TraceDisconnect(m_name, context, cb);
    }

  private:
    /**
     * \param obj the owner
     * \return its part, or nullptr if \p obj is not a T
     */
    Part* Find(ObjectBase* obj) const
    {
        T* owner = dynamic_cast<T*>(obj);
        return owner ? &(owner->*m_part) : nullptr;
    }

    Part T::*m_part;    //!< the owner's member that holds the part
    std::string m_name; //!< the part's trace source name
};

/**
 * \brief Expose a part's trace source as the owner's (see PartTraceSourceAccessor).
 * \tparam T the owner's class
 * \tparam Part the part's class
 * \param part the owner's member that holds the part
 * \param name the part's trace source name
 * \return the accessor for TypeId::AddTraceSource
 */
template <typename T, typename Part>
Ptr<const TraceSourceAccessor>
MakePartTraceSourceAccessor(Part T::*part, const std::string& name)
{
    return Ptr<const TraceSourceAccessor>(new PartTraceSourceAccessor<T, Part>(part, name), false);
}

} // namespace ns3

#endif /* TCP_PART_TRACE_SOURCE_ACCESSOR_H */
