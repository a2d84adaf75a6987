/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup tcp-fast-open
 *
 * A server farm behind one name (TcpFastOpenServerFarmStudy): clients revisit
 * the farm, each visit looks the name up (random, round-robin or sticky
 * choice among N addresses) and opens a new connection with TFO. For farms
 * with per-server keys (--keys=shared,per_server runs both; with an address
 * per server they give the same numbers) it reports the fraction
 * of first revisits and of all revisits that use TFO, measured and analytic,
 * and how many connections an on-path observer links by cookie. Prints a
 * table, writes a CSV and renders a figure (PNG and PDF). Progress goes to
 * stderr.
 *
 * \code
 *   tcp-fast-open-server-farm                          # outputs in .
 *   tcp-fast-open-server-farm --servers=1,2,4,8 --clients=500 --visits=5 --seed=3
 * \endcode
 */

#include "ns3/core-module.h"
#include "ns3/tcp-fast-open-module.h"

#include <cstdlib>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

/// Shorthand.
using Farm = TcpFastOpenServerFarmStudy;
/// Shorthand.
using Resolver = TcpFastOpenServerFarmResolver;

/// One row of the table.
struct Row
{
    uint32_t servers;        //!< N
    Resolver::Policy policy; //!< policy
    Farm::Keys keys;         //!< keys
    Farm::Result result;     //!< outcome
};

/**
 * \brief Render PREFIX (.plt, .png, .pdf): the fraction of first revisits
 * that use TFO vs the farm size, measured (points, one series per policy and
 * key setting) and analytic (lines), with Sy et al.'s 60 % marked.
 * \param prefix output prefix
 * \param csv the CSV's path, named in the data blocks
 * \param policies the policies
 * \param keyList the key settings run
 * \param rows the rows
 * \return false if the script could not be written
 */
bool
WriteFigure(const std::string& prefix,
            const std::string& csv,
            const std::vector<Resolver::Policy>& policies,
            const std::vector<Farm::Keys>& keyList,
            const std::vector<Row>& rows)
{
    using TS = TransactionStatistics;
    TcpFastOpenFigure figure("TCP Fast Open on first revisits to a server farm", 1000, 600);
    figure.Set("set xlabel 'addresses behind the name (N)'");
    figure.Set("set ylabel 'first revisits that use TFO (%)'");
    figure.Set("set key outside right top");
    figure.Set("set yrange [-5:105]");
    figure.Set("set label 1 'Sy et al. 2020: 60 % of first revisits use TFO' at graph 0.02, "
               "first 64");
    figure.Set("set arrow 1 from graph 0, first 60 to graph 1, first 60 nohead dt 3");
    uint32_t series = 0;
    for (auto policy : policies)
    {
        for (auto keys : keyList)
        {
            std::vector<std::vector<std::string>> block;
            for (const Row& r : rows)
            {
                if (r.policy == policy && r.keys == keys)
                {
                    block.push_back(
                        {std::to_string(r.servers),
                         TS::Format(r.result.GetSecondVisitTfoFraction(), 4),
                         TS::Format(Farm::ExpectedTfoProbability(r.policy, r.servers, 1), 4)});
                }
            }
            const std::string name = Resolver::PolicyToString(policy);
            const std::string d = figure.AddData(
                {"csv: " + csv.substr(csv.find_last_of('/') + 1),
                 "where: policy=" + name + " keys=" + Farm::KeysToString(keys),
                 "columns: servers first_revisit_tfo_fraction first_revisit_analytic"},
                block);
            if (keys == keyList.front())
            {
                figure.Plot(d + " using 1:(100*$3) with lines " +
                            TcpFastOpenFigure::Style(series, true, false) + " title " +
                            TcpFastOpenFigure::Quote(name + " analytic"));
            }
            figure.Plot(
                d + " using 1:(100*$2) with points " + TcpFastOpenFigure::Style(series, false) +
                " ps 2 title " +
                TcpFastOpenFigure::Quote(name + ", " + Farm::KeysToString(keys) + " key(s)"));
            ++series;
        }
    }
    return figure.Render(prefix, std::cerr);
}

} // namespace

int
main(int argc, char* argv[])
{
    TcpFastOpenArgumentChecker check("tcp-fast-open-server-farm");
    TcpFastOpenStudyOptions options(check.GetProgram(), 1);
    std::string servers = "1,2,3,4,6,8";
    std::string policies = "random,round_robin,sticky";
    std::string keysText = "per_server";
    std::string clients = "200";
    std::string visits = "5";

    CommandLine cmd(__FILE__);
    cmd.Usage("TCP Fast Open and server farms: fraction of revisits that use TFO and "
              "linkability by cookie, shared key vs per-server keys.");
    check.AddValue(cmd, "servers", "farm sizes N (addresses), comma-separated", servers);
    check.AddValue(cmd,
                   "policies",
                   "address choice: random, round_robin, sticky; comma-separated",
                   policies);
    check.AddValue(cmd,
                   "keys",
                   "server keys: shared, per_server; comma-separated (one suffices: with an "
                   "address per server both give the same numbers, see the doc)",
                   keysText);
    check.AddValue(cmd, "clients", "clients per scenario", clients);
    check.AddValue(cmd, "visits", "visits per client (>= 2)", visits);
    options.AddTo(check, cmd);
    check.Parse(cmd, argc, argv);
    options.Resolve(check);

    std::vector<uint32_t> sizes;
    for (const auto& s : check.List("servers", servers))
    {
        sizes.push_back(check.Integer("servers", s, 1, 1000));
    }
    std::vector<Resolver::Policy> policyList;
    for (const auto& s : check.List("policies", policies))
    {
        Resolver::Policy p;
        if (!Resolver::ParsePolicy(s, p))
        {
            check.Fail("--policies: unknown policy \"" + s + "\" (random, round_robin, sticky)");
        }
        policyList.push_back(p);
    }
    std::vector<Farm::Keys> keyList;
    for (const auto& s : check.List("keys", keysText))
    {
        if (s != "shared" && s != "per_server")
        {
            check.Fail("--keys: unknown key setting \"" + s + "\" (shared, per_server)");
        }
        keyList.push_back(s == "shared" ? Farm::SHARED : Farm::PER_SERVER);
    }
    Farm::Config base;
    base.clients = check.Integer("clients", clients, 1, 10000);
    base.visits = check.Integer("visits", visits, 2, 1000);
    base.seed = options.GetSeed();
    const std::string csv = options.GetCsv();
    const std::string plot = options.GetPlot();

    std::vector<Row> rows;
    const size_t total = sizes.size() * policyList.size() * keyList.size() * options.GetRuns();
    std::vector<uint32_t> rowRuns;
    for (uint32_t k = 0; k < options.GetRuns(); ++k)
    {
        for (auto policy : policyList)
        {
            for (size_t i = 0; i < sizes.size(); ++i)
            {
                const uint32_t n = sizes[i];
                // One RngRun per farm size and run, so that the sizes are
                // independent samples; shared and per-server keys share it (paired).
                const auto run =
                    static_cast<uint32_t>(options.GetFirstRun() + k * sizes.size() + i);
                for (auto keys : keyList)
                {
                    std::cerr << "[" << rows.size() + 1 << "/" << total << "] N=" << n << " "
                              << Resolver::PolicyToString(policy) << " " << Farm::KeysToString(keys)
                              << " clients=" << base.clients << " visits=" << base.visits
                              << std::endl;
                    Farm::Config config = base;
                    config.servers = n;
                    config.policy = policy;
                    config.keys = keys;
                    config.run = run;
                    rows.push_back({n, policy, keys, Farm::Run(config)});
                    rowRuns.push_back(run);
                }
            }
        }
    }

    using TS = TransactionStatistics;
    std::cout << std::right << std::setw(4) << "N" << std::setw(13) << "policy" << std::setw(12)
              << "keys"
              << " | " << std::setw(10) << "1st rev" << std::setw(10) << "analytic" << std::setw(10)
              << "all rev" << std::setw(10) << "analytic"
              << " | " << std::setw(11) << "pairs/conn" << std::setw(11) << "linked %"
              << std::setw(7) << "wrong"
              << "\n"
              << std::string(103, '-') << "\n";
    for (const Row& r : rows)
    {
        const auto& x = r.result;
        std::cout << std::setw(4) << r.servers << std::setw(13)
                  << Resolver::PolicyToString(r.policy) << std::setw(12)
                  << Farm::KeysToString(r.keys) << " | " << std::setw(10)
                  << TS::Format(x.GetSecondVisitTfoFraction(), 3) << std::setw(10)
                  << TS::Format(Farm::ExpectedTfoProbability(r.policy, r.servers, 1), 3)
                  << std::setw(10) << TS::Format(x.GetRevisitTfoFraction(), 3) << std::setw(10)
                  << TS::Format(Farm::ExpectedTfoFraction(r.policy, r.servers, base.visits), 3)
                  << " | " << std::setw(11) << TS::Format(x.GetLinkedPairsPerConnection(), 3)
                  << std::setw(11)
                  << TS::Format(x.connections ? 100.0 * x.linkedConnections / x.connections : 0, 1)
                  << std::setw(7) << x.wrongPairs << "\n";
    }
    std::cout << "(" << base.clients << " clients x " << base.visits
              << " visits, a new connection each; seed " << base.seed
              << ", RngRun R + k N + i for the i-th of N farm sizes in the k-th of the runs from "
                 "--RngRun R; 1st rev = fraction of first revisits whose "
                 "SYN data the SYN-ACK acknowledged; all rev = over all revisits; pairs/conn = "
                 "connection pairs an observer links by equal SYN cookies per connection; "
                 "linked % = connections linked to another; wrong = linked pairs of different "
                 "clients)\n";

    if (!options.GetRecords().empty())
    {
        std::vector<TcpFastOpenPointRecord> records;
        for (size_t j = 0; j < rows.size(); ++j)
        {
            const Row& r = rows[j];
            const auto& x = r.result;
            TcpFastOpenPointRecord record(check.GetProgram(), base.seed, rowRuns[j]);
            record.SetParameter("servers", r.servers);
            record.SetParameter("policy", Resolver::PolicyToString(r.policy));
            record.SetParameter("keys", Farm::KeysToString(r.keys));
            record.SetParameter("clients", base.clients);
            record.SetParameter("visits", base.visits);
            record.SetMeasured("first_revisit_tfo_fraction", x.GetSecondVisitTfoFraction());
            record.SetMeasured("revisit_tfo_fraction", x.GetRevisitTfoFraction());
            record.SetMeasured("linked_pairs_per_connection", x.GetLinkedPairsPerConnection());
            record.SetMeasured("linked_connections", x.linkedConnections);
            record.SetMeasured("wrong_pairs", x.wrongPairs);
            records.push_back(record);
        }
        if (!TcpFastOpenPointRecord::Write(options.GetRecords(), records))
        {
            check.Fail("--records: cannot write " + options.GetRecords());
        }
        std::cerr << "wrote " << options.GetRecords() << std::endl;
    }
    if (!csv.empty())
    {
        std::ofstream out(csv);
        if (!out)
        {
            check.Fail("cannot write " + csv);
        }
        out << "servers,policy,keys,clients,visits,first_revisits,first_revisits_tfo,"
               "first_revisit_tfo_fraction,first_revisit_analytic,revisits,revisits_tfo,"
               "revisit_tfo_fraction,revisit_analytic,connections,connections_with_cookie,"
               "linked_pairs,linked_pairs_per_connection,linked_connections,wrong_pairs,"
               "same_client_pairs,completed\n";
        for (const Row& r : rows)
        {
            const auto& x = r.result;
            uint32_t completed = 0;
            for (uint32_t c : x.completed)
            {
                completed += c;
            }
            out << r.servers << "," << Resolver::PolicyToString(r.policy) << ","
                << Farm::KeysToString(r.keys) << "," << base.clients << "," << base.visits << ","
                << x.visits[1] << "," << x.tfo[1] << ","
                << TS::Format(x.GetSecondVisitTfoFraction(), 4) << ","
                << TS::Format(Farm::ExpectedTfoProbability(r.policy, r.servers, 1), 4) << ","
                << x.revisits << "," << x.revisitsTfo << ","
                << TS::Format(x.GetRevisitTfoFraction(), 4) << ","
                << TS::Format(Farm::ExpectedTfoFraction(r.policy, r.servers, base.visits), 4) << ","
                << x.connections << "," << x.connectionsWithCookie << "," << x.linkedPairs << ","
                << TS::Format(x.GetLinkedPairsPerConnection(), 4) << "," << x.linkedConnections
                << "," << x.wrongPairs << "," << x.sameClientPairs << "," << completed << "\n";
        }
        std::cerr << "wrote " << csv << std::endl;
    }

    if (!plot.empty() && !WriteFigure(plot, csv, policyList, keyList, rows))
    {
        check.Fail("cannot write " + plot + ".plt");
    }
    return 0;
}
