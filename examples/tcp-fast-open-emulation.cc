/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup tcp-fast-open
 *
 * Simulated TFO hosts against the real Linux kernel (issue 21).
 *
 *   simulated node 192.0.2.2 --- FdNetDevice | TAP --- kernel 192.0.2.1
 *   (ns-3, real-time scheduler)                        (namespace this program makes)
 *
 *   tcp-fast-open-emulation --mode=client          # simulated clients, kernel server
 *   tcp-fast-open-emulation --mode=server --ipv6   # kernel clients, simulated server
 *   tcp-fast-open-emulation --mode=client-rekey    # the kernel's key rotated, then replaced
 *   tcp-fast-open-emulation --mode=server-rekey    # the simulated server's key, likewise
 *   tcp-fast-open-emulation --mode=flood --rate=300 --count=2000 --duration=10
 *
 * Needs root and /dev/net/tun (exit status 2 with a message otherwise). The
 * namespace (--netns, default tfoemu-<pid>; an existing one is refused) and its
 * TAP device are removed at the end, on failure and on SIGINT/SIGTERM. Prints
 * what the kernel-side programs reported, the transactions of the simulated
 * clients and the kernel's TcpExt counters beside the simulated node's (for
 * --mode=flood: beside the same scenario fully simulated).
 * Exit status: 0 every connection completed, 1 not, 2 bad arguments or
 * environment.
 */

#include "ns3/core-module.h"
#include "ns3/tcp-fast-open-argument-checker.h"
#include "ns3/tcp-fast-open-emulation-helper.h"
#include "ns3/tcp-fast-open-module.h"

#include <iomanip>
#include <iostream>

using namespace ns3;

namespace
{

/// Counters the tables show, in this order.
const char* const kCounters[] = {
    "TCPFastOpenActive",
    "TCPFastOpenActiveFail",
    "TCPFastOpenPassive",
    "TCPFastOpenPassiveFail",
    "TCPFastOpenPassiveAltKey",
    "TCPFastOpenListenOverflow",
    "TCPFastOpenCookieReqd",
    "ListenOverflows",
    "ListenDrops",
    "TCPReqQFullDoCookies",
    "TCPReqQFullDrop",
    "SyncookiesSent",
    "SyncookiesRecv",
    "SyncookiesFailed",
};

/**
 * \param values counters by name
 * \param name a counter
 * \return its value, or "-" when absent
 */
std::string
Value(const std::map<std::string, uint64_t>& values, const std::string& name)
{
    auto it = values.find(name);
    return it == values.end() ? "-" : std::to_string(it->second);
}

/**
 * \brief Print the counters side by side.
 * \param kernel the kernel's
 * \param model the simulation's
 * \param modelName the simulation column's title
 */
void
PrintCounters(const std::map<std::string, uint64_t>& kernel,
              const std::map<std::string, uint64_t>& model,
              const std::string& modelName)
{
    std::cout << std::left << std::setw(34) << "counter" << std::right << std::setw(10) << "kernel"
              << std::setw(12) << modelName << "\n";
    for (const char* name : kCounters)
    {
        std::cout << std::left << std::setw(34) << (std::string("TcpExt") + name) << std::right
                  << std::setw(10) << Value(kernel, name) << std::setw(12) << Value(model, name)
                  << "\n";
    }
}

} // namespace

int
main(int argc, char* argv[])
{
    TcpFastOpenArgumentChecker check("tcp-fast-open-emulation");
    std::string mode = "client";
    std::string netns;
    std::string rate = "200";
    std::string count = "2000";
    std::string duration = "10";
    bool ipv6 = false;
    std::string connections;
    std::string backlog = "64";
    std::string synCookies = "1";
    std::string clients = "4";
    std::string attack = "spoof";
    std::string payload = "100";
    std::string seed = "1";
    std::string run = "1";
    TcpFastOpenEmulationHelper::Config config;
    config.peerScript = TFO_SOURCE_DIR "/validation/tfo_validate.py";

    CommandLine cmd(__FILE__);
    cmd.AddValue("mode", "client, server, flood, client-rekey or server-rekey", mode);
    cmd.AddValue("netns", "Name of the network namespace to create (default tfoemu-<pid>)", netns);
    cmd.AddValue("rate", "flood: attack SYNs per second (at most 10000)", rate);
    cmd.AddValue("count", "flood: attack SYNs at most", count);
    cmd.AddValue("duration",
                 "Seconds the run lasts at most (flood: exactly; at least 6)",
                 duration);
    cmd.AddValue("ipv6", "Use IPv6 (client and server modes)", ipv6);
    cmd.AddValue("connections",
                 "client/server modes: connections (default 4; 5 for the rekey modes)",
                 connections);
    cmd.AddValue("backlog", "flood: the kernel listener's listen() backlog", backlog);
    cmd.AddValue("synCookies", "flood: net.ipv4.tcp_syncookies (0, 1 or 2)", synCookies);
    cmd.AddValue("clients", "flood: legitimate client nodes", clients);
    cmd.AddValue("attack",
                 "flood: spoof (spoofed plain SYNs), forged (spoofed SYN data with forged "
                 "cookies) or bot (SYN data with the bot's own valid cookie, from its address)",
                 attack);
    cmd.AddValue("payload", "flood: SYN data bytes of the forged and bot attacks", payload);
    cmd.AddValue("python", "Python interpreter of the kernel-side programs", config.python);
    cmd.AddValue("peer", "Path of validation/tfo_validate.py", config.peerScript);
    cmd.AddValue("seed", "Random seed", seed);
    cmd.AddValue("run", "Run number", run);
    cmd.Parse(argc, argv);

    if (!TcpFastOpenEmulationHelper::ParseMode(mode, config.mode))
    {
        check.Fail("--mode: \"" + mode +
                   "\" is not one of client, server, flood, client-rekey, server-rekey");
    }
    const bool rekey = config.mode == TcpFastOpenEmulationHelper::CLIENT_REKEY ||
                       config.mode == TcpFastOpenEmulationHelper::SERVER_REKEY;
    config.connections =
        connections.empty() ? (rekey ? 5 : 4) : check.Integer("connections", connections, 1, 1000);
    config.netns = netns;
    config.ipv6 = ipv6;
    config.rate = check.Number("rate", rate, 0.001, 10000);
    config.count = check.Integer("count", count, 1, 1000000);
    config.duration = Seconds(check.Number("duration", duration, 0.001, 600));
    config.backlog = check.Integer("backlog", backlog, 1, 65535);
    config.synCookies = check.Integer("synCookies", synCookies, 0, 2);
    config.clients = check.Integer("clients", clients, 1, 100);
    if (attack == "forged" || attack == "bot")
    {
        config.payload = check.Integer("payload", payload, 8, 1400);
        config.cookieMode = attack == "forged" ? TcpSynFloodAttacker::FORGED_COOKIE
                                               : TcpSynFloodAttacker::GIVEN_COOKIE;
        config.sourceMode = attack == "forged" ? TcpSynFloodAttacker::SPOOF_PREFIX
                                               : TcpSynFloodAttacker::OWN_ADDRESS;
    }
    else if (attack != "spoof")
    {
        check.Fail("--attack: \"" + attack + "\" is not one of spoof, forged, bot");
    }
    config.seed = check.Integer("seed", seed, 1, 4294967295u);
    config.run = check.Integer("run", run, 0, 4294967295u);
    const std::string problem = TcpFastOpenEmulationHelper::Check(config);
    if (!problem.empty())
    {
        check.Fail(problem);
    }

    const TcpFastOpenEmulationHelper::Result r = TcpFastOpenEmulationHelper::Run(config);
    if (!r.error.empty())
    {
        check.Fail(r.error);
    }

    std::cout << "TCP Fast Open against the kernel: mode " << mode << ", "
              << (ipv6 ? "IPv6" : "IPv4") << ", namespace " << r.namespaceName << "\n\n";
    std::cout << "kernel side:\n";
    for (const std::string& line : r.kernelReports)
    {
        std::cout << "  " << line << "\n";
    }
    if (config.mode == TcpFastOpenEmulationHelper::FLOOD)
    {
        const TcpSynFloodStudy::Result& s = r.simulated;
        std::cout << "\nflood: " << attack << ", " << config.rate << " SYN/s, at most "
                  << config.count << " SYNs, backlog " << config.backlog << ", tcp_syncookies "
                  << config.synCookies << ", " << config.clients << " clients\n";
        std::cout << std::left << std::setw(34) << "" << std::right << std::setw(10) << "kernel"
                  << std::setw(12) << "simulated"
                  << "\n";
        std::cout << std::left << std::setw(34) << "attack SYNs sent" << std::right << std::setw(10)
                  << r.attackSyns << std::setw(12) << s.attackSyns << "\n";
        std::cout << std::left << std::setw(34) << "attack connections with SYN data" << std::right
                  << std::setw(10) << r.attackConnectionsWithData << std::setw(12)
                  << s.attackConnectionsWithData << "\n";
        std::cout << std::left << std::setw(34) << "legitimate connections" << std::right
                  << std::setw(10) << r.legitAttempted << std::setw(12) << s.legitAttempted << "\n";
        std::cout << std::left << std::setw(34) << "legitimate succeeded (<= 3 s)" << std::right
                  << std::setw(10) << r.legitSucceeded << std::setw(12) << s.legitSucceeded << "\n";
        std::cout << std::left << std::setw(34) << "legitimate success rate" << std::right
                  << std::fixed << std::setprecision(3) << std::setw(10)
                  << (r.legitAttempted ? double(r.legitSucceeded) / r.legitAttempted : 1.0)
                  << std::setw(12) << s.SuccessRate() << "\n\n";
        PrintCounters(r.kernelCounters, s.counters, "simulated");
        return 0;
    }

    std::cout << (r.transactions.empty() ? "" : "\nsimulated clients:\n");
    for (const TransactionRecord& t : r.transactions)
    {
        std::cout << "  transaction " << t.index << " syn_data=" << t.synDataBytes
                  << " acked=" << t.synDataAcked << " completed=" << t.completed
                  << " latency_ms=" << std::fixed << std::setprecision(3)
                  << (t.completed ? t.GetLatency().GetSeconds() * 1000 : -1.0) << "\n";
    }
    const bool kernelServer = config.mode == TcpFastOpenEmulationHelper::CLIENT ||
                              config.mode == TcpFastOpenEmulationHelper::CLIENT_REKEY;
    std::cout << "\n";
    PrintCounters(r.kernelCounters, r.modelCounters, kernelServer ? "sim-client" : "sim-server");
    return r.completed ? 0 : 1;
}
