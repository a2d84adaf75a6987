/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_LINUX_NODE_COMPONENTS_H
#define TCP_LINUX_NODE_COMPONENTS_H

#include "ns3/node.h"
#include "ns3/object.h"
#include "ns3/ptr.h"
#include "ns3/simple-ref-count.h"

#include <cstddef>
#include <cstdint>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-fast-open
 * \brief The node-wide objects a node's sockets use (counters, TFO cookie
 * generator and cache, TIME_WAIT table, the node's Ipv4 and TCP), found once
 * per node and shared by its sockets.
 *
 * A Linux socket reaches its network namespace's state through sock_net(sk)
 * (net->ipv4.tcp_fastopen_ctx, tcp_death_row, the MIB counters) without a
 * search. Node::GetObject<T>() is one: it walks the node's aggregated objects
 * and each one's TypeId ancestry, touching every one of them (the sockets of
 * a 1,000-connection simulation spent ~4,000 instructions per connection in
 * it). The socket factories hold one instance per node and give it to every
 * socket they make (TcpLinuxSocketBase::SetNodeComponents); a listener's
 * children share their listener's; a socket made without a factory has its
 * own.
 *
 * Only objects found (or made) are kept: an object aggregated to a node stays
 * aggregated, and a type can be aggregated only once, so what was found is
 * what GetObject would find again; a type not found is looked up again next
 * time. The factories Clear() it when the node is disposed.
 */
class TcpLinuxNodeComponents : public SimpleRefCount<TcpLinuxNodeComponents>
{
  public:
    /**
     * \brief The node's object of type T, if it has one.
     * \tparam T an Object type aggregated to nodes
     * \param node the node (the same for every call on one instance)
     * \return what node.GetObject<T>() returns
     */
    template <class T>
    Ptr<T> Find(Node& node);

    /**
     * \brief The node's object of type T, aggregated to it with its default
     * attributes if it has none yet (a socket created without
     * TcpFastOpenHelper::Install gets defaults).
     * \tparam T an Object type with a default constructor
     * \param node the node (the same for every call on one instance)
     * \return the node's object of type T
     */
    template <class T>
    Ptr<T> Get(Node& node);

    /**
     * \brief Forget every object (the node is disposed).
     */
    void Clear();

    /**
     * \brief Searches of a node's aggregated objects made so far by all
     * instances, for tests.
     * \return the number of Node::GetObject calls made here
     */
    static uint64_t GetSearches();

  private:
    /**
     * \brief Count one search (GetSearches).
     */
    static void CountSearch();

    /**
     * \brief A slot number for each type asked for, the same for all instances.
     * \return the next free slot
     */
    static std::size_t NextSlot();

    /**
     * \brief The slot of type T.
     * \tparam T the type
     * \return its slot number
     */
    template <class T>
    static std::size_t Slot();

    /**
     * \brief The slot of type T, for \p node.
     * \tparam T the type
     * \param node the node
     * \return the slot (null until found)
     */
    template <class T>
    Ptr<Object>& Entry(Node& node);

    const Node* m_node{nullptr};        //!< the node the objects are aggregated to
    std::vector<Ptr<Object>> m_objects; //!< objects found, by slot
};

template <class T>
std::size_t
TcpLinuxNodeComponents::Slot()
{
    static const std::size_t slot = NextSlot();
    return slot;
}

template <class T>
Ptr<Object>&
TcpLinuxNodeComponents::Entry(Node& node)
{
    if (m_node != &node)
    {
        m_objects.clear();
        m_node = &node;
    }
    const std::size_t slot = Slot<T>();
    if (slot >= m_objects.size())
    {
        m_objects.resize(slot + 1);
    }
    return m_objects[slot];
}

template <class T>
Ptr<T>
TcpLinuxNodeComponents::Find(Node& node)
{
    Ptr<Object>& entry = Entry<T>(node);
    if (!entry)
    {
        CountSearch();
        Ptr<T> found = node.GetObject<T>();
        entry = found;
        return found;
    }
    return StaticCast<T>(entry);
}

template <class T>
Ptr<T>
TcpLinuxNodeComponents::Get(Node& node)
{
    Ptr<T> component = Find<T>(node);
    if (!component)
    {
        component = CreateObject<T>();
        node.AggregateObject(component);
        Entry<T>(node) = component;
    }
    return component;
}

} // namespace ns3

#endif /* TCP_LINUX_NODE_COMPONENTS_H */
