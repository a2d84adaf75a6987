/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * Flood scale (GitHub issue 8, item 3): what N spoofed SYNs at one server with
 * the defences on cost the simulator, in wall time per SYN and peak memory.
 *
 * The topology and workload are the SYN-flood study's (TcpSynFloodStudy,
 * doc/attack-study.rst): a star of 100 Mbps / 5 ms links around a router, the
 * server with TFO on (Mode 0x2, max_qlen --maxQlen), ListenBacklog --backlog,
 * SYN cookies on (net.ipv4.tcp_syncookies = 1), Linux-defaults profile; one
 * bot sends --syns spoofed SYNs (random sources in 10.99.128.0/17, routed to a
 * sink that drops the SYN-ACKs; no Fast Open option) at --rate SYN/s (Poisson)
 * from 1 s on. Beside the flood, 4 clients open --legit new connections (one
 * each, 100-byte request, 1000-byte response, TFO with a warm cookie cache)
 * spread evenly over the flood, so that the legitimate work is the same
 * whatever N; a connection succeeds if it completes within 3 s. The run ends
 * 3.5 s after the last SYN.
 *
 * Prints one CSV line (header with --header): the wall time of Simulator::Run
 * and per SYN, the process's CPU time and peak RSS (getrusage ru_maxrss), the
 * RSS before the simulation (VmHWM), Simulator::GetEventCount(), the listener's
 * largest queue lengths, the server's counters and the legitimate success rate.
 */

#include "tfo-bench-process.h"

#include "ns3/core-module.h"
#include "ns3/tcp-fast-open-module.h"
#include "ns3/tcp-syn-flood-study.h"

#include <chrono>
#include <cmath>
#include <fstream>
#include <iostream>
#include <string>

using namespace ns3;

namespace
{

/// \return the process's peak RSS so far in kB (VmHWM), 0 if unknown
long
PeakRssKb()
{
    std::ifstream status("/proc/self/status");
    std::string key;
    while (status >> key)
    {
        if (key == "VmHWM:")
        {
            long kb = 0;
            status >> kb;
            return kb;
        }
        status.ignore(1 << 10, '\n');
    }
    return 0;
}

/// Counters reported, in this order.
const char* const kCounters[] = {"SyncookiesSent",
                                 "SyncookiesRecv",
                                 "SyncookiesFailed",
                                 "TCPReqQFullDoCookies",
                                 "TCPReqQFullDrop",
                                 "ListenDrops",
                                 "ListenOverflows",
                                 "TCPFastOpenPassive",
                                 "TCPFastOpenPassiveFail",
                                 "TCPFastOpenListenOverflow"};

} // namespace

int
main(int argc, char* argv[])
{
    uint64_t syns = 100000;
    double rate = 100000;
    uint32_t legit = 50;
    uint32_t backlog = 64;
    uint32_t maxQlen = 16;
    bool header = false;

    CommandLine cmd(__FILE__);
    cmd.AddValue("syns", "Spoofed SYNs in all (N)", syns);
    cmd.AddValue("rate", "Attack rate, SYN/s (Poisson)", rate);
    cmd.AddValue("legit", "Legitimate connections, spread evenly over the flood", legit);
    cmd.AddValue("backlog", "The server's ListenBacklog (SYN queue bound)", backlog);
    cmd.AddValue("maxQlen", "The server's FastOpenQueueLength (max_qlen)", maxQlen);
    cmd.AddValue("header", "Print the CSV header first", header);
    cmd.Parse(argc, argv);
    if (syns == 0 || !(rate >= 1) || !std::isfinite(rate) || legit == 0 || backlog == 0 ||
        maxQlen == 0)
    {
        std::cerr << "tfo-flood-bench: --syns, --legit, --backlog and --maxQlen must be > 0 and "
                     "--rate a finite number >= 1\n";
        return 2;
    }
    const auto wallStart = std::chrono::steady_clock::now();

    TcpSynFloodStudy::Config config;
    config.serverMode = TcpFastOpenSocket::SERVER_ENABLE;
    config.maxQlen = maxQlen;
    config.backlog = backlog;
    config.synCookies = 1;
    config.attackRate = rate;
    config.maxSyns = syns;
    config.attackStart = Seconds(1);
    const Time flood = Seconds(syns / rate);
    // MaxSyns ends the flood; the stop time only has to come after it.
    config.attackStop = config.attackStart + flood + Seconds(1);
    config.legitInterval = flood / legit;
    config.legitStart = config.attackStart + config.legitInterval / 2;
    config.legitStop = config.attackStart + flood - config.legitInterval / 4;
    config.stop = config.attackStart + flood + config.deadline + MilliSeconds(500);
    config.sampleInterval = Seconds(1);

    const long rssBeforeKb = PeakRssKb();
    const TcpSynFloodStudy::Result r = TcpSynFloodStudy::Run(config);
    const auto wallEnd = std::chrono::steady_clock::now();
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);

    if (header)
    {
        std::cout << "syns,rate,flood_s,run_wall_s,total_wall_s,cpu_s,wall_us_per_syn,events,"
                     "events_per_syn,peak_rss_kb,rss_before_run_kb,attack_syns,legit_attempted,"
                     "legit_succeeded,legit_success_rate,max_syn_queue,max_accept_queue,"
                     "max_pending_tfo,max_children";
        for (const char* name : kCounters)
        {
            std::cout << ',' << name;
        }
        std::cout << '\n';
    }
    std::cout << syns << ',' << rate << ',' << flood.GetSeconds() << ',' << r.runWallSeconds << ','
              << std::chrono::duration<double>(wallEnd - wallStart).count() << ',' << CpuSeconds(ru)
              << ',' << r.runWallSeconds / syns * 1e6 << ',' << r.events << ','
              << double(r.events) / syns << ',' << ru.ru_maxrss << ',' << rssBeforeKb << ','
              << r.attackSyns << ',' << r.legitAttempted << ',' << r.legitSucceeded << ','
              << r.SuccessRate() << ',' << r.maxSynQueue << ',' << r.maxAcceptQueue << ','
              << r.maxPending << ',' << r.maxChildren;
    for (const char* name : kCounters)
    {
        std::cout << ',' << r.counters.at(name);
    }
    std::cout << std::endl;
    return r.attackSyns == syns ? 0 : 1;
}
