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
 *     tcp-fast-open-syn-flood [--rates=0,100,300,1000] [--seed=1] [--runs=1]
 *                             [--timelineRate=max|none|RATE] [--scenarios=all|A,B]
 *                             [--outputDir=.] [--csv=..] [--plot=..] [--records=..]
 *
 * One scenario and one rate (--scenarios=tfo-off-cookies --rates=300
 * --timelineRate=none) run one point.
 *
 * Besides the sweep, every scenario runs once more at --timelineRate (default
 * "max": the largest of --rates) for 145 s, long enough for the SYN queue and
 * the Fast Open children to drain after the attack (a spoofed request lives
 * 63 s, a Fast Open child 127 s). Its occupancy samples (every 100 ms) go
 * to <csv>-occupancy.csv and the figure <plot>-occupancy.png (one panel
 * per scenario).
 */

#include "ns3/core-module.h"
#include "ns3/tcp-fast-open-module.h"
#include "ns3/tcp-syn-flood-study.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
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

/// How long a timeline run lasts: the attack (1 s to 13 s), then the 63 s a
/// request lives in the SYN queue (5 SYN-ACK retries) and the 127 s a Fast
/// Open child lives in SYN_RCVD (one retry more) after their SYNs.
const Time kTimelineStop = Seconds(145);

/**
 * \brief Check a list of attack rates: finite, non-negative, and either 0 or
 * at least TcpSynFloodAttacker's minimum Rate (1e-6 SYN/s).
 * \param values the rates
 * \return an error message, empty if they are fine
 */
std::string
CheckRates(const std::vector<double>& values)
{
    for (double r : values)
    {
        if (r > 0 && r < 1e-6)
        {
            std::ostringstream os;
            os << "rate " << r << " SYN/s is below the attacker's minimum of 1e-6 (or use 0)";
            return os.str();
        }
    }
    return "";
}

/**
 * \brief Format a value as an unmodified std::ostream does (the CSV files').
 * \param value the value
 * \return its text
 */
template <typename T>
std::string
Text(T value)
{
    std::ostringstream os;
    os << value;
    return os.str();
}

/**
 * \brief The occupancy figure: one panel per scenario with the SYN queue,
 * accept queue, pending TFO and children alive against time, the SYN queue
 * bound and max_qlen as dashed lines, the attack shaded; a last panel holds
 * the legend (TcpFastOpenFigure: .plt, .png, .pdf).
 */
class OccupancyFigure
{
  public:
    /// \param base output name without extension (<base>.png, <base>.pdf, <base>.plt)
    /// \param csv the occupancy CSV's path, named in the data blocks
    /// \param rate the timeline's attack rate
    /// \param config settings common to the scenarios (sampling, attack start/stop)
    OccupancyFigure(const std::string& base,
                    const std::string& csv,
                    double rate,
                    const TcpSynFloodStudy::Config& config)
        : m_base(base),
          m_csv(csv.substr(csv.find_last_of('/') + 1)),
          m_figure(Title(rate, config), 1200, 1240)
    {
    }

    /// Add one scenario's panel. \param name scenario \param config its settings
    /// \param r its result
    void Add(const std::string& name,
             const TcpSynFloodStudy::Config& config,
             const TcpSynFloodStudy::Result& r)
    {
        std::vector<std::vector<std::string>> rows;
        for (const Sample& x : r.samples)
        {
            rows.push_back({Text(x.time),
                            Text(x.synQueue),
                            Text(x.acceptQueue),
                            Text(x.pending),
                            Text(x.children),
                            Text(r.synQueueBound),
                            Text(r.pendingBound)});
        }
        const std::string d =
            m_figure.AddData({"csv: " + m_csv,
                              "where: scenario=" + name,
                              "columns: time_s syn_queue accept_queue pending_tfo children_alive "
                              "syn_queue_bound max_qlen"},
                             rows);
        m_figure.AddPanel(name);
        m_figure.Set("set xlabel 'time (s)'");
        m_figure.Set("set ylabel 'entries'");
        m_figure.Set("set xrange [0:" + Text(kTimelineStop.GetSeconds()) + "]");
        m_figure.Set("set xtics 20");
        m_figure.Set("unset key");
        m_figure.Set("set object 1 rect from " + Text(config.attackStart.GetSeconds()) +
                     ", graph 0 to " + Text(config.attackStop.GetSeconds()) +
                     ", graph 1 behind fc rgb '#fde0dd' fs solid 1.0 noborder");
        m_yranges.push_back(m_figure.GetPanelCount() - 1);
        // Back to front: bounds, children, then the queues.
        m_figure.Plot(d + " using 1:6 with lines " + kSynBoundStyle + " notitle");
        if (config.serverMode & TcpFastOpenSocket::SERVER_ENABLE)
        {
            m_figure.Plot(d + " using 1:7 with lines " + kQlenStyle + " notitle");
        }
        for (const Series& series : kSeries)
        {
            m_figure.Plot(d + " using 1:" + Text(series.column) + " with steps " + series.style +
                          " notitle");
        }
        m_ymax = std::max({m_ymax, r.acceptQueueBound, r.pendingBound, r.maxChildren});
    }

    /// Write <base>.plt and render it. \param report where to say so
    /// \return true on success
    bool Write(std::ostream& report)
    {
        const uint32_t panels = m_figure.GetPanelCount() + 1; // and the legend's panel
        for (uint32_t i : m_yranges)
        {
            m_figure.SetPanelCommand(i, "set yrange [0:" + Text(std::ceil(m_ymax * 1.1)) + "]");
        }
        m_figure.SetLayout((panels + 1) / 2, 2);
        // The legend: the same styles, plotting nothing.
        m_figure.AddPanel("");
        m_figure.Set("unset border");
        m_figure.Set("unset tics");
        m_figure.Set("set yrange [0:1]");
        m_figure.Set("set key center center vertical font ',11' spacing 1.4 samplen 4");
        for (const Series& series : kSeries)
        {
            m_figure.Plot(std::string("NaN with lines ") + series.style + " title '" +
                          series.title + "'");
        }
        m_figure.Plot(std::string("NaN with lines ") + kSynBoundStyle +
                      " title 'SYN queue bound (backlog)'");
        m_figure.Plot(std::string("NaN with lines ") + kQlenStyle +
                      " title 'pending-TFO bound (max_qlen)'");
        return m_figure.Render(m_base, report);
    }

  private:
    using Sample = TcpSynFloodStudy::Sample; //!< one sample

    /// \param rate the attack rate \param config the settings \return the figure's title
    static std::string Title(double rate, const TcpSynFloodStudy::Config& config)
    {
        std::ostringstream title;
        title << "Listener occupancy, sampled every " << config.sampleInterval.GetMilliSeconds()
              << " ms; a flood of " << rate << " SYN/s from " << config.attackStart.GetSeconds()
              << " s to " << config.attackStop.GetSeconds() << " s (shaded)";
        return title.str();
    }

    /// One quantity of the samples and how it is drawn.
    struct Series
    {
        const char* title; //!< legend
        const char* style; //!< gnuplot line style
        uint32_t column;   //!< its column in the data block
    };

    /// The quantities, back to front.
    static constexpr Series kSeries[] = {
        {"children alive", "lw 1.5 lc rgb '#999999' dt 4", 5},
        {"SYN queue", "lw 2 lc rgb '#1f77b4'", 2},
        {"accept queue", "lw 2 lc rgb '#2ca02c' dt 5", 3},
        {"pending TFO", "lw 2 lc rgb '#d62728'", 4},
    };

    /// Style of the SYN queue bound's line.
    static constexpr const char* kSynBoundStyle = "dt (8,6) lw 1.5 lc rgb '#1f77b4'";
    /// Style of the max_qlen line.
    static constexpr const char* kQlenStyle = "dt (3,4) lw 1.5 lc rgb '#d62728'";

    std::string m_base;              //!< output name without extension
    std::string m_csv;               //!< the occupancy CSV's file name
    TcpFastOpenFigure m_figure;      //!< the figure
    std::vector<uint32_t> m_yranges; //!< panels that get the common y range
    uint32_t m_ymax{1};              //!< largest bound or value to show
};

/// One scenario's sweep results, as the CSV has them.
struct SweepRows
{
    std::string scenario;                       //!< its name
    std::vector<std::vector<std::string>> rows; //!< rate, success rate, attack data, children
};

/**
 * \brief Render the sweep's figures against the attack rate (log x; rate 0,
 * the no-attack baseline, drawn left of the smallest rate and labelled "0"):
 * PREFIX-success, PREFIX-attack-data, PREFIX-children (.plt, .png, .pdf),
 * every scenario a series of its own (colour, marker, dash).
 * \param prefix the output prefix
 * \param csv the sweep CSV's path, named in the data blocks
 * \param rates the attack rates
 * \param scenarios every scenario's rows
 * \param report where to say what was written
 * \return false if a script could not be written
 */
bool
WriteSweepFigures(const std::string& prefix,
                  const std::string& csv,
                  const std::vector<double>& rates,
                  const std::vector<SweepRows>& scenarios,
                  std::ostream& report)
{
    double smallest = 0;
    for (double r : rates)
    {
        smallest = (r > 0 && (smallest == 0 || r < smallest)) ? r : smallest;
    }
    const double zeroAt = smallest > 0 ? smallest / 3 : 1;
    // A tick at each rate swept, "0" at the stand-in position of rate 0.
    std::string xtics = "set xtics (";
    for (size_t i = 0; i < rates.size(); ++i)
    {
        xtics += (i ? ", '" : "'") + Text(rates[i]) + "' " + Text(rates[i] > 0 ? rates[i] : zeroAt);
    }
    xtics += ")";

    struct Kind
    {
        const char* name;   //!< file suffix
        const char* title;  //!< figure title
        const char* ylabel; //!< y axis
        uint32_t column;    //!< column of the data block
    };

    for (const Kind& kind :
         {Kind{"success", "Legitimate connections completed within 3 s", "success rate", 2},
          Kind{"attack-data",
               "Attacker connections whose data reached the application",
               "connections",
               3},
          Kind{"children", "Most child sockets alive at once", "child sockets", 4}})
    {
        TcpFastOpenFigure figure(kind.title, 1000, 700);
        figure.Set("set xlabel 'attack rate (SYN/s, log scale; 0 = no attack)'");
        figure.Set(std::string("set ylabel '") + kind.ylabel + "'");
        figure.Set("set logscale x");
        figure.Set(xtics);
        figure.Set("set autoscale xfix");
        figure.Set("set offsets graph 0.05, graph 0.05, graph 0.05, graph 0.05");
        figure.Set("set key below");
        std::vector<std::string> titles;
        std::vector<std::vector<std::string>> values;
        for (size_t i = 0; i < scenarios.size(); ++i)
        {
            const std::string d = figure.AddData(
                {"csv: " + csv.substr(csv.find_last_of('/') + 1),
                 "where: scenario=" + scenarios[i].scenario,
                 "columns: rate success_rate attack_connections_with_data max_children"},
                scenarios[i].rows);
            titles.push_back(scenarios[i].scenario);
            values.emplace_back();
            for (const auto& row : scenarios[i].rows)
            {
                values.back().push_back(row[kind.column - 1]);
            }
            figure.Plot(d + " using ($1 > 0 ? $1 : " + Text(zeroAt) + "):" + Text(kind.column) +
                        " with linespoints " + TcpFastOpenFigure::Style(i, i % 2) + " title " +
                        TcpFastOpenFigure::Quote(titles.back() +
                                                 TcpFastOpenFigure::Coincides(titles, values)));
        }
        if (!figure.Render(prefix + "-" + kind.name, report))
        {
            return false;
        }
    }
    return true;
}

} // namespace

int
main(int argc, char* argv[])
{
    TcpFastOpenArgumentChecker check("tcp-fast-open-syn-flood");
    TcpFastOpenStudyOptions options(check.GetProgram(), 1);
    std::string ratesText = "0,100,300,1000";
    std::string timelineText = "max";
    std::string scenariosText = "all";
    CommandLine cmd(__FILE__);
    cmd.Usage("SYN floods against TCP Fast Open: legitimate clients' success and latency, "
              "listener occupancy, per server defence and attack, swept over the attack rate. "
              "One scenario and one rate (with --timelineRate=none) run one point.");
    check.AddValue(cmd, "rates", "attack rates to sweep, SYN/s, comma-separated", ratesText);
    check.AddValue(cmd,
                   "timelineRate",
                   "attack rate (SYN/s) of the occupancy-over-time runs, \"max\" for the "
                   "largest of --rates, or \"none\" for no such runs",
                   timelineText);
    check.AddValue(cmd,
                   "scenarios",
                   "scenarios to run, comma-separated, or \"all\"",
                   scenariosText);
    options.AddTo(check, cmd);
    check.Parse(cmd, argc, argv);
    options.Resolve(check);
    std::vector<double> rates;
    for (const auto& item : check.List("rates", ratesText))
    {
        rates.push_back(check.Number("rates", item, 0, 1e9));
    }
    std::string error = CheckRates(rates);
    if (!error.empty())
    {
        check.Fail("--rates: " + error);
    }
    double timelineRate = 0;
    const bool timeline = timelineText != "none";
    if (timelineText == "max")
    {
        timelineRate = *std::max_element(rates.begin(), rates.end());
    }
    else if (timeline)
    {
        timelineRate = check.Number("timelineRate", timelineText, 0, 1e9);
        if (const std::string e = CheckRates({timelineRate}); !e.empty())
        {
            check.Fail("--timelineRate: " + e);
        }
    }
    std::vector<Scenario> scenarios;
    {
        const std::vector<Scenario> all = MakeScenarios();
        std::vector<std::string> names;
        for (const Scenario& x : all)
        {
            names.push_back(x.name);
        }
        if (scenariosText == "all")
        {
            scenarios = all;
        }
        for (const auto& item : scenariosText == "all" ? std::vector<std::string>{}
                                                       : check.List("scenarios", scenariosText))
        {
            const auto it =
                std::find(names.begin(), names.end(), check.Choice("scenarios", item, names));
            scenarios.push_back(all[it - names.begin()]);
        }
    }
    const uint32_t seed = options.GetSeed();
    // The figures' prefix (PREFIX-success, -attack-data, -children,
    // -occupancy) and the CSV files (CSV, CSV's name with -occupancy).
    const std::string prefix = options.GetPlot();
    const std::string csvPath = options.GetCsv();
    std::ofstream csvFile;
    if (!csvPath.empty())
    {
        csvFile.open(csvPath);
        if (!csvFile)
        {
            check.Fail("--csv: cannot write " + csvPath);
        }
    }
    std::ostream& csv = csvFile;
    std::vector<TcpFastOpenPointRecord> records;
    csv << "scenario,rate,run,legit_attempted,legit_succeeded,success_rate,latency_median_ms,"
           "latency_p95_ms,max_syn_queue,max_accept_queue,max_pending_tfo,max_children,"
           "attack_syns,attack_bytes_delivered,attack_connections_with_data,ListenOverflows,"
           "ListenDrops,TCPReqQFullDrop,TCPReqQFullDoCookies,SyncookiesSent,SyncookiesRecv,"
           "SyncookiesFailed,TCPFastOpenPassive,TCPFastOpenPassiveFail,"
           "TCPFastOpenListenOverflow\n";

    std::vector<SweepRows> sweepRows;

    std::cout << std::left << std::setw(24) << "scenario" << std::right << std::setw(7) << "rate"
              << std::setw(9) << "success" << std::setw(9) << "p50 ms" << std::setw(7) << "synQ"
              << std::setw(8) << "accQ" << std::setw(8) << "tfoQ" << std::setw(9) << "children"
              << std::setw(10) << "atkBytes" << std::setw(9) << "atkConn" << std::setw(9)
              << "cookies" << std::setw(9) << "qDrops"
              << "\n";
    uint32_t done = 0;
    for (const Scenario& scenario : scenarios)
    {
        sweepRows.push_back(SweepRows{scenario.name, {}});
        for (double rate : rates)
        {
            for (uint32_t run = options.GetFirstRun();
                 run < options.GetFirstRun() + options.GetRuns();
                 ++run)
            {
                std::cerr << "[" << ++done << "/"
                          << scenarios.size() * rates.size() * options.GetRuns() << "] "
                          << scenario.name << " at " << rate << " SYN/s, run " << run << std::endl;
                TcpSynFloodStudy::Config config = scenario.config;
                config.attackRate = rate;
                config.seed = seed;
                config.run = run;
                const TcpSynFloodStudy::Result r = TcpSynFloodStudy::Run(config);
                const double p50 = r.latency.GetCount() ? r.latency.GetQuantile(0.5) : 0;
                const double p95 = r.latency.GetCount() ? r.latency.GetQuantile(0.95) : 0;
                std::cout << std::left << std::setw(24) << scenario.name << std::right
                          << std::setw(7) << std::defaultfloat << std::setprecision(6) << rate
                          << std::setw(9) << std::fixed << std::setprecision(3) << r.SuccessRate()
                          << std::setw(9) << std::setprecision(1) << p50 << std::setw(7)
                          << r.maxSynQueue << std::setw(8) << r.maxAcceptQueue << std::setw(8)
                          << r.maxPending << std::setw(9) << r.maxChildren << std::setw(10)
                          << r.attackBytes << std::setw(9) << r.attackConnectionsWithData
                          << std::setw(9) << r.counters.at("SyncookiesSent") << std::setw(9)
                          << r.counters.at("TCPReqQFullDrop") << "\n";
                csv << scenario.name << "," << rate << "," << run << "," << r.legitAttempted << ","
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
                TcpFastOpenPointRecord record(check.GetProgram(), seed, run);
                record.SetParameter("scenario", scenario.name);
                record.SetParameter("rate", rate);
                record.SetMeasured("success_rate", r.SuccessRate());
                record.SetMeasured("latency_median_ms", p50);
                record.SetMeasured("latency_p95_ms", p95);
                record.SetMeasured("max_syn_queue", r.maxSynQueue);
                record.SetMeasured("max_accept_queue", r.maxAcceptQueue);
                record.SetMeasured("max_pending_tfo", r.maxPending);
                record.SetMeasured("max_children", r.maxChildren);
                record.SetMeasured("attack_connections_with_data", r.attackConnectionsWithData);
                records.push_back(record);
                sweepRows.back().rows.push_back({Text(rate),
                                                 Text(r.SuccessRate()),
                                                 Text(r.attackConnectionsWithData),
                                                 Text(r.maxChildren)});
            }
        }
    }
    csvFile.close();

    if (!options.GetRecords().empty() &&
        !TcpFastOpenPointRecord::Write(options.GetRecords(), records))
    {
        check.Fail("--records: cannot write " + options.GetRecords());
    }
    // Occupancy over time: every scenario once more at the timeline rate, long
    // enough for the SYN queue to drain after the attack.
    const std::string occupancyBase =
        prefix.empty() ? "" : prefix + "-occupancy"; // the occupancy figure
    const std::string occupancyCsvPath =
        csvPath.empty()
            ? ""
            : std::filesystem::path(csvPath).replace_extension("").string() + "-occupancy.csv";
    std::ofstream occupancyCsvFile;
    if (timeline && !occupancyCsvPath.empty())
    {
        occupancyCsvFile.open(occupancyCsvPath);
        if (!occupancyCsvFile)
        {
            check.Fail("--csv: cannot write " + occupancyCsvPath);
        }
    }
    std::ostream& occupancyCsv = occupancyCsvFile;
    if (timeline)
    {
        TcpSynFloodStudy::WriteOccupancyHeader(occupancyCsv);
        OccupancyFigure occupancy(occupancyBase,
                                  occupancyCsvPath,
                                  timelineRate,
                                  scenarios.front().config);
        std::cout << "\noccupancy over time at " << timelineRate << " SYN/s (until "
                  << kTimelineStop.GetSeconds() << " s)\n"
                  << std::left << std::setw(24) << "scenario" << std::right << std::setw(9)
                  << "synQ max" << std::setw(12) << "synQ@bound" << std::setw(10) << "tfoQ max"
                  << std::setw(10) << "tfoQ end" << std::setw(12) << "synQ empty" << std::setw(13)
                  << "no children"
                  << "\n";
        for (const Scenario& scenario : scenarios)
        {
            std::cerr << "[timeline] " << scenario.name << " at " << timelineRate << " SYN/s"
                      << std::endl;
            TcpSynFloodStudy::Config config = scenario.config;
            config.attackRate = timelineRate;
            config.seed = seed;
            config.run = options.GetFirstRun();
            config.stop = kTimelineStop;
            const TcpSynFloodStudy::Result r = TcpSynFloodStudy::Run(config);
            TcpSynFloodStudy::WriteOccupancy(occupancyCsv, scenario.name, config, r);
            occupancy.Add(scenario.name, config, r);
            // Summary: share of the attack's samples with the SYN queue at its bound,
            // and when the SYN queue and the children were gone after the attack.
            uint32_t during = 0;
            uint32_t atBound = 0;
            double synQueueEmpty = -1;
            double childrenGone = -1;
            for (const TcpSynFloodStudy::Sample& x : r.samples)
            {
                if (x.time >= config.attackStart.GetSeconds() &&
                    x.time < config.attackStop.GetSeconds())
                {
                    during++;
                    atBound += x.synQueue == r.synQueueBound ? 1 : 0;
                }
                if (x.time >= config.attackStop.GetSeconds())
                {
                    if (x.synQueue == 0 && synQueueEmpty < 0)
                    {
                        synQueueEmpty = x.time;
                    }
                    if (x.children == 0 && childrenGone < 0)
                    {
                        childrenGone = x.time;
                    }
                }
            }
            auto when = [](double t) {
                std::ostringstream os;
                if (t >= 0)
                {
                    os << std::fixed << std::setprecision(1) << t << " s";
                }
                else
                {
                    os << "not yet";
                }
                return os.str();
            };
            std::cout << std::left << std::setw(24) << scenario.name << std::right << std::setw(9)
                      << r.maxSynQueue << std::setw(11) << std::fixed << std::setprecision(0)
                      << (during ? 100.0 * atBound / during : 0) << "%" << std::setw(10)
                      << r.maxPending << std::setw(10) << r.samples.back().pending << std::setw(12)
                      << when(synQueueEmpty) << std::setw(13) << when(childrenGone) << "\n";
        }
        if (!occupancyBase.empty() && !occupancy.Write(std::cerr))
        {
            check.Fail("--plot: cannot write " + occupancyBase + ".plt");
        }
    }
    if (!prefix.empty() && !WriteSweepFigures(prefix, csvPath, rates, sweepRows, std::cerr))
    {
        check.Fail("--plot: cannot write the figures' scripts (" + prefix + "-*.plt)");
    }
    if (!csvPath.empty())
    {
        std::cerr << "wrote " << csvPath << (timeline ? " and " + occupancyCsvPath : "")
                  << std::endl;
    }
    return 0;
}
