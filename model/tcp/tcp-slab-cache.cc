/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-slab-cache.h"

#include <array>
#include <atomic>
#include <boost/pool/pool.hpp>
#include <memory>
#include <mutex>
#include <new>

namespace ns3
{

namespace
{

/// Blocks are multiples of a cache line: one pool per multiple.
constexpr std::size_t kGranule = 64;
/// The largest object pooled (the module's sockets are ~2 KB).
constexpr std::size_t kLargestPooledBlock = 4096;
/// Blocks a pool adds when it runs out (it doubles from there).
constexpr std::size_t kFirstChunkBlocks = 16;

/// One pool per block size; each a free list, last given back first out.
struct Pools
{
    std::mutex mutex; //!< the pools are not thread-safe themselves
    /// pools[i]: blocks of (i + 1) * kGranule bytes, made on first use
    std::array<std::unique_ptr<boost::pool<>>, kLargestPooledBlock / kGranule> pools;
};

/**
 * \return the process's pools; never destroyed, so that an object freed while
 * static objects are being destroyed still finds them
 */
Pools&
ThePools()
{
    static auto* pools = new Pools;
    return *pools;
}

std::atomic<uint64_t> g_live{0};        //!< blocks handed out, not given back
std::atomic<uint64_t> g_allocations{0}; //!< Allocate calls

} // namespace

void*
TcpSlabCache::Allocate(std::size_t size)
{
    void* block = nullptr;
    if (size == 0 || size > kLargestPooledBlock)
    {
        block = ::operator new(size);
    }
    else
    {
        Pools& pools = ThePools();
        const std::size_t index = (size - 1) / kGranule;
        std::lock_guard<std::mutex> lock(pools.mutex);
        auto& pool = pools.pools[index];
        if (!pool)
        {
            pool = std::make_unique<boost::pool<>>((index + 1) * kGranule, kFirstChunkBlocks);
        }
        block = pool->malloc();
        if (block == nullptr)
        {
            throw std::bad_alloc();
        }
    }
    g_live.fetch_add(1, std::memory_order_relaxed);
    g_allocations.fetch_add(1, std::memory_order_relaxed);
    return block;
}

void
TcpSlabCache::Deallocate(void* block, std::size_t size)
{
    if (block == nullptr)
    {
        return;
    }
    if (size == 0 || size > kLargestPooledBlock)
    {
        ::operator delete(block);
    }
    else
    {
        Pools& pools = ThePools();
        std::lock_guard<std::mutex> lock(pools.mutex);
        pools.pools[(size - 1) / kGranule]->free(block);
    }
    g_live.fetch_sub(1, std::memory_order_relaxed);
}

uint64_t
TcpSlabCache::GetLiveObjects()
{
    return g_live.load(std::memory_order_relaxed);
}

uint64_t
TcpSlabCache::GetAllocations()
{
    return g_allocations.load(std::memory_order_relaxed);
}

} // namespace ns3
