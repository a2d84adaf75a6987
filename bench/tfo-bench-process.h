/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TFO_BENCH_PROCESS_H
#define TFO_BENCH_PROCESS_H

/**
 * \file
 * What the benchmark programs report about their own process.
 */

#include <sys/resource.h>

/**
 * \brief User plus system CPU time of a getrusage() result.
 * \param ru the usage
 * \return seconds
 */
inline double
CpuSeconds(const struct rusage& ru)
{
    return ru.ru_utime.tv_sec + ru.ru_utime.tv_usec * 1e-6 + ru.ru_stime.tv_sec +
           ru.ru_stime.tv_usec * 1e-6;
}

#endif /* TFO_BENCH_PROCESS_H */
