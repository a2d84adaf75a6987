/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_SLAB_CACHE_H
#define TCP_SLAB_CACHE_H

#include <cstddef>
#include <cstdint>

namespace ns3
{

/**
 * \ingroup tcp-fast-open
 * \brief The memory the module's sockets come from: pools of equal-sized
 * blocks, as Linux allocates a struct tcp_sock from tcp_prot's slab cache.
 *
 * TcpLinuxSocketBase (and so TcpFastOpenSocket) takes its operator new and
 * delete from here. A socket is ~2 KB, beyond glibc's per-thread cache
 * (1,032 bytes): from the general heap, each new socket is a "large" request,
 * which first consolidates every small chunk freed since the last one
 * (malloc_consolidate, touching each of them), and lands wherever a free chunk
 * of that size is. From the cache, a new socket takes the block the last
 * closed socket gave back, which the CPU's cache most likely still holds.
 *
 * Blocks are multiples of 64 bytes up to 4 KB, one Boost.Pool (boost::pool, a
 * free list: the last block given back is the first handed out) per size,
 * behind one mutex; a larger object goes to the global operator new. A pool
 * grows by chunks of 16 blocks and more, and never gives a chunk back before
 * the process ends, as a slab cache keeps its pages.
 *
 * The TIME_WAIT mini-socket (TcpLinuxTimeWait, ~150 bytes) stays with glibc,
 * whose per-thread cache serves that size: from a pool it cost more cache
 * misses in the benchmark's cache model, not fewer.
 *
 * Nothing a simulation computes depends on it: only where objects lie in
 * memory. Memory checkers (valgrind's memcheck, AddressSanitizer) see a
 * pooled block as one allocation that lives until the process ends.
 */
class TcpSlabCache
{
  public:
    /**
     * \brief A block for one object.
     * \param size the object's size (operator new's argument)
     * \return the block, aligned for any object (alignof(std::max_align_t))
     */
    static void* Allocate(std::size_t size);

    /**
     * \brief Give back a block Allocate returned.
     * \param block the block
     * \param size the size it was allocated with (sized operator delete's argument)
     */
    static void Deallocate(void* block, std::size_t size);

    /**
     * \brief Blocks handed out and not given back, for tests.
     * \return the number of live objects from the cache
     */
    static uint64_t GetLiveObjects();

    /**
     * \brief Blocks handed out since the process started, for tests.
     * \return the number of Allocate calls
     */
    static uint64_t GetAllocations();
};

} // namespace ns3

#endif /* TCP_SLAB_CACHE_H */
