/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-linux-node-components.h"

#include <atomic>

namespace ns3
{

namespace
{
/// Node::GetObject calls made through TcpLinuxNodeComponents (GetSearches)
std::atomic<uint64_t> g_searches{0};
} // namespace

std::size_t
TcpLinuxNodeComponents::NextSlot()
{
    static std::atomic<std::size_t> next{0};
    return next++;
}

void
TcpLinuxNodeComponents::CountSearch()
{
    g_searches.fetch_add(1, std::memory_order_relaxed);
}

uint64_t
TcpLinuxNodeComponents::GetSearches()
{
    return g_searches.load(std::memory_order_relaxed);
}

void
TcpLinuxNodeComponents::Clear()
{
    m_objects.clear();
    m_node = nullptr;
}

} // namespace ns3
