/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup tcp-fast-open
 *
 * The SYN-flood study of issue 6 (doc/attack-study.rst): sweeps the attack
 * rate for several server defences and attacks (TcpSynFloodStudy), prints a
 * table, writes a CSV file and gnuplot figures.
 *
 *     tcp-fast-open-syn-flood [--rates=0,100,300,1000] [--seed=1]
 *                             [--prefix=doc/figures/tcp-fast-open-syn-flood]
 */

#include "ns3/core-module.h"
#include "ns3/gnuplot.h"
#include "ns3/tcp-fast-open-module.h"
#include "ns3/tcp-syn-flood-study.h"

#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

using namespace ns3;

namespace
{

/// One curve of the sweep: a server configuration and an attack.
struct Scenario
{
    std::string name;                //!< label
    TcpSynFloodStudy::Config config; //!< settings (attackRate is swept)
};

/// \return the scenarios of the study
std::vector<Scenario>
MakeScenarios()
{
    std::vector<Scenario> s;
    TcpSynFloodStudy::Config base;
    base.backlog = 64;
    base.payload = 0;
    {
        Scenario x{"tfo-off-cookies", base};
        x.config.serverMode = 0;
        s.push_back(x);
    }
    for (uint32_t qlen : {4u, 64u})
    {
        Scenario x{"tfo-qlen" + std::to_string(qlen) + "-cookies", base};
        x.config.maxQlen = qlen;
        s.push_back(x);
    }
    {
        Scenario x{"tfo-qlen16-nocookies", base};
        x.config.synCookies = 0;
        s.push_back(x);
    }
    {
        Scenario x{"tfo-0x200-data-flood", base};
        x.config.serverMode = 0x202;
        x.config.payload = 200;
        s.push_back(x);
    }
    {
        Scenario x{"owner-replay", base};
        x.config.sourceMode = TcpSynFloodAttacker::SPOOF_OWNER;
        x.config.cookieMode = TcpSynFloodAttacker::GIVEN_COOKIE;
        x.config.payload = 200;
        s.push_back(x);
    }
    {
        Scenario x{"botnet-own-cookies", base};
        x.config.sourceMode = TcpSynFloodAttacker::OWN_ADDRESS;
        x.config.cookieMode = TcpSynFloodAttacker::GIVEN_COOKIE;
        x.config.bots = 4;
        x.config.payload = 200;
        s.push_back(x);
    }
    return s;
}

/**
 * \brief Parse "a,b,c" into rates.
 * \param text the list
 * \param[out] rates the values
 * \return an error message, empty on success
 */
std::string
ParseRates(const std::string& text, std::vector<double>& rates)
{
    std::stringstream ss(text);
    std::string item;
    while (std::getline(ss, item, ','))
    {
        try
        {
            size_t used = 0;
            const double r = std::stod(item, &used);
            if (used != item.size() || r < 0)
            {
                return "bad rate \"" + item + "\" (non-negative numbers, SYN/s)";
            }
            rates.push_back(r);
        }
        catch (const std::exception&)
        {
            return "bad rate \"" + item + "\" (non-negative numbers, SYN/s)";
        }
    }
    return rates.empty() ? "no rates given" : "";
}

} // namespace

int
main(int argc, char* argv[])
{
    std::string ratesText = "0,100,300,1000";
    uint32_t seed = 1;
    std::string prefix = "doc/figures/tcp-fast-open-syn-flood";
    CommandLine cmd(__FILE__);
    cmd.AddValue("rates", "attack rates to sweep, SYN/s, comma-separated", ratesText);
    cmd.AddValue("seed", "RngSeedManager seed (reproducible from it)", seed);
    cmd.AddValue("prefix", "output prefix for .csv, .plt and .png", prefix);
    cmd.Parse(argc, argv);
    std::vector<double> rates;
    const std::string error = ParseRates(ratesText, rates);
    if (!error.empty() || seed == 0)
    {
        std::cerr << "tcp-fast-open-syn-flood: " << (seed == 0 ? "--seed must be > 0" : error)
                  << std::endl;
        return 1;
    }
    std::ofstream csv(prefix + ".csv");
    if (!csv)
    {
        std::cerr << "tcp-fast-open-syn-flood: cannot write " << prefix << ".csv" << std::endl;
        return 1;
    }
    csv << "scenario,rate,legit_attempted,legit_succeeded,success_rate,latency_median_ms,"
           "latency_p95_ms,max_syn_queue,max_accept_queue,max_pending_tfo,max_children,"
           "attack_syns,attack_bytes_delivered,attack_connections_with_data,ListenOverflows,"
           "ListenDrops,TCPReqQFullDrop,TCPReqQFullDoCookies,SyncookiesSent,SyncookiesRecv,"
           "SyncookiesFailed,TCPFastOpenPassive,TCPFastOpenPassiveFail,"
           "TCPFastOpenListenOverflow\n";

    Gnuplot2dDataset::SetDefaultStyle(Gnuplot2dDataset::LINES_POINTS);
    Gnuplot success("tcp-fast-open-syn-flood-success.png",
                    "Legitimate connections completed within 3 s");
    success.SetTerminal("png size 900,560");
    success.SetLegend("attack rate (SYN/s)", "success rate");
    success.AppendExtra("set key bottom left");
    success.AppendExtra("set yrange [0:1.05]");
    Gnuplot attackData("tcp-fast-open-syn-flood-attack-data.png",
                       "Attacker connections whose data reached the application");
    attackData.SetTerminal("png size 900,560");
    attackData.SetLegend("attack rate (SYN/s)", "connections");
    Gnuplot children("tcp-fast-open-syn-flood-children.png", "Most child sockets alive at once");
    children.SetTerminal("png size 900,560");
    children.SetLegend("attack rate (SYN/s)", "child sockets");

    std::cout << std::left << std::setw(24) << "scenario" << std::right << std::setw(7) << "rate"
              << std::setw(9) << "success" << std::setw(9) << "p50 ms" << std::setw(7) << "synQ"
              << std::setw(8) << "accQ" << std::setw(8) << "tfoQ" << std::setw(9) << "children"
              << std::setw(10) << "atkBytes" << std::setw(9) << "atkConn" << std::setw(9)
              << "cookies" << std::setw(9) << "qDrops"
              << "\n";
    const std::vector<Scenario> scenarios = MakeScenarios();
    uint32_t done = 0;
    for (const Scenario& scenario : scenarios)
    {
        Gnuplot2dDataset s(scenario.name);
        Gnuplot2dDataset a(scenario.name);
        Gnuplot2dDataset c(scenario.name);
        for (double rate : rates)
        {
            std::cerr << "[" << ++done << "/" << scenarios.size() * rates.size() << "] "
                      << scenario.name << " at " << rate << " SYN/s" << std::endl;
            TcpSynFloodStudy::Config config = scenario.config;
            config.attackRate = rate;
            config.seed = seed;
            const TcpSynFloodStudy::Result r = TcpSynFloodStudy::Run(config);
            const double p50 = r.latency.GetCount() ? r.latency.GetQuantile(0.5) : 0;
            const double p95 = r.latency.GetCount() ? r.latency.GetQuantile(0.95) : 0;
            std::cout << std::left << std::setw(24) << scenario.name << std::right << std::setw(7)
                      << rate << std::setw(9) << std::fixed << std::setprecision(3)
                      << r.SuccessRate() << std::setw(9) << std::setprecision(1) << p50
                      << std::setw(7) << r.maxSynQueue << std::setw(8) << r.maxAcceptQueue
                      << std::setw(8) << r.maxPending << std::setw(9) << r.maxChildren
                      << std::setw(10) << r.attackBytes << std::setw(9)
                      << r.attackConnectionsWithData << std::setw(9)
                      << r.counters.at("SyncookiesSent") << std::setw(9)
                      << r.counters.at("TCPReqQFullDrop") << "\n";
            csv << scenario.name << "," << rate << "," << r.legitAttempted << ","
                << r.legitSucceeded << "," << r.SuccessRate() << "," << p50 << "," << p95 << ","
                << r.maxSynQueue << "," << r.maxAcceptQueue << "," << r.maxPending << ","
                << r.maxChildren << "," << r.attackSyns << "," << r.attackBytes << ","
                << r.attackConnectionsWithData;
            for (const char* name : {"ListenOverflows",
                                     "ListenDrops",
                                     "TCPReqQFullDrop",
                                     "TCPReqQFullDoCookies",
                                     "SyncookiesSent",
                                     "SyncookiesRecv",
                                     "SyncookiesFailed",
                                     "TCPFastOpenPassive",
                                     "TCPFastOpenPassiveFail",
                                     "TCPFastOpenListenOverflow"})
            {
                csv << "," << r.counters.at(name);
            }
            csv << "\n";
            s.Add(rate, r.SuccessRate());
            a.Add(rate, r.attackConnectionsWithData);
            c.Add(rate, r.maxChildren);
        }
        success.AddDataset(s);
        attackData.AddDataset(a);
        children.AddDataset(c);
    }
    for (auto& [plot, name] : {std::make_pair(&success, "success"),
                               std::make_pair(&attackData, "attack-data"),
                               std::make_pair(&children, "children")})
    {
        const std::string base = prefix + "-" + name;
        plot->SetOutputFilename(base + ".png");
        std::ofstream plt(base + ".plt");
        plot->GenerateOutput(plt);
        plt.close();
        std::cerr << "wrote " << base << ".plt (gnuplot " << base << ".plt makes the PNG)"
                  << std::endl;
    }
    std::cerr << "wrote " << prefix << ".csv" << std::endl;
    return 0;
}
