/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup tcp-fast-open
 *
 * Page load time with and without TFO, laid out as the CoNEXT 2011 TFO
 * paper's table: page, RTT, PLT without TFO, with TFO, improvement. Each
 * page is loaded twice (VisitInterval apart); the second visit, with the
 * cookie cache warm, is the one reported (--cold reports the first).
 *
 * \code
 *   tcp-fast-open-page-load                                  # pages of examples/pages/
 *   tcp-fast-open-page-load --page="small:base=14000;objects=20x8000@1,10x3000@2"
 *   tcp-fast-open-page-load --pages=my-pages.txt --rtts=20,100,200 --persistent=false
 * \endcode
 */

#include "ns3/applications-module.h"
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/tcp-fast-open-module.h"

#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("TcpFastOpenPageLoad");

namespace
{

/// How every load is simulated.
struct Setup
{
    Time rtt;                          //!< base RTT
    DataRate access{"100Mbps"};        //!< access rate
    DataRate bottleneck{"20Mbps"};     //!< bottleneck rate
    double loss{0};                    //!< bottleneck loss rate
    uint32_t parallel{6};              //!< connections per origin
    bool persistent{true};             //!< persistent connections
    bool cold{false};                  //!< report the cold visit
    uint32_t requestSize{500};         //!< request bytes per object
    std::string queueDisc{"fq_codel"}; //!< bottleneck queue disc
};

/**
 * \brief Load a page twice and return the reported visit's load time.
 * \param page the page
 * \param setup the network and client
 * \param tfo TFO on
 * \param seed ns-3 seed
 * \param run ns-3 run
 * \param[out] synData connections of the reported visit whose SYN data were accepted
 * \return the page load time (zero if it did not complete)
 */
Time
LoadPage(const PageDescription& page,
         const Setup& setup,
         bool tfo,
         uint32_t seed,
         uint32_t run,
         uint32_t& synData)
{
    RngSeedManager::SetSeed(seed);
    RngSeedManager::SetRun(run);
    const uint32_t origins = page.GetOriginCount();
    const Time access = std::min(MilliSeconds(1), setup.rtt / 8);
    TcpFastOpenTopologyHelper topo;
    topo.SetHosts(1, origins);
    topo.SetAccessLink(setup.access, access);
    topo.SetBottleneckLink(setup.bottleneck, setup.rtt / 2 - 2 * access);
    topo.SetLossRate(setup.loss);
    topo.SetQueueDisc(setup.queueDisc);
    topo.SetFastOpen(true, tfo ? 1 : 0, tfo ? 2 : 0);
    topo.Build();
    topo.AssignStreams(1000);

    const TypeId factory = TypeId::LookupByName(TcpFastOpenHelper::GetSocketFactoryType());
    std::vector<Address> addresses;
    for (uint32_t i = 0; i < origins; ++i)
    {
        Ptr<RequestResponseServer> server = CreateObject<RequestResponseServer>();
        server->SetAttribute("Local", AddressValue(InetSocketAddress(Ipv4Address::GetAny(), 80)));
        server->SetAttribute("Protocol", TypeIdValue(factory));
        topo.GetServers().Get(i)->AddApplication(server);
        addresses.push_back(InetSocketAddress(topo.GetServerAddress(i), 80));
    }
    Ptr<PageLoadClient> client = CreateObject<PageLoadClient>();
    client->SetPage(page);
    client->SetOrigins(addresses);
    client->SetAttribute("Protocol", TypeIdValue(factory));
    client->SetAttribute("RequestSize", UintegerValue(setup.requestSize));
    client->SetAttribute("MaxConnectionsPerOrigin", UintegerValue(setup.parallel));
    client->SetAttribute("Persistent", BooleanValue(setup.persistent));
    client->SetAttribute("Visits", UintegerValue(2));
    client->SetAttribute("FastOpenApi",
                         EnumValue(tfo ? RequestResponseClient::SENDTO_FASTOPEN
                                       : RequestResponseClient::PLAIN_CONNECT));
    topo.GetClients().Get(0)->AddApplication(client);
    client->SetStartTime(Seconds(0.1));
    client->TraceConnectWithoutContext(
        "PageLoad",
        Callback<void, const PageLoadRecord&>([](const PageLoadRecord& r) {
            if (r.visit == 1)
            {
                Simulator::Stop();
            }
        }));
    Simulator::Stop(Seconds(3600));
    Simulator::Run();
    const auto loads = client->GetPageLoads();
    Simulator::Destroy();
    const uint32_t visit = setup.cold ? 0 : 1;
    if (loads.size() <= visit || !loads[visit].completed)
    {
        synData = 0;
        return Time();
    }
    synData = loads[visit].synDataAcked;
    return loads[visit].GetLoadTime();
}

/**
 * \brief Render the page-load figure: PLT improvement vs RTT, one series
 * per page (negative gains shown as they are).
 * \param prefix output prefix (PREFIX.plt, .png, .pdf)
 * \param csv the CSV's path, named in the data blocks
 * \param pages the pages
 * \param rows per page: rtt_ms, plt_off_ms, plt_on_ms, improvement_pct rows
 * \param report where to say what was written
 * \return false if the script could not be written
 */
bool
WriteFigure(const std::string& prefix,
            const std::string& csv,
            const std::vector<PageDescription>& pages,
            const std::vector<std::vector<std::vector<std::string>>>& rows,
            std::ostream& report)
{
    TcpFastOpenFigure figure("TCP Fast Open: page load time improvement", 1000, 600);
    figure.Set("set xlabel 'base RTT (ms)'");
    figure.Set("set ylabel 'page load time improvement with TFO (%)'");
    figure.Set("set key outside right top");
    figure.Set("set xzeroaxis lt -1");
    for (size_t i = 0; i < pages.size(); ++i)
    {
        const std::string d =
            figure.AddData({"csv: " + std::filesystem::path(csv).filename().string(),
                            "where: page=" + pages[i].GetName(),
                            "columns: rtt_ms plt_off_ms plt_on_ms improvement_pct"},
                           rows[i]);
        figure.Plot(d + " using 1:4 with linespoints " + TcpFastOpenFigure::Style(i, i % 2) +
                    " title " + TcpFastOpenFigure::Quote(pages[i].GetName()));
    }
    return figure.Render(prefix, report);
}

} // namespace

int
main(int argc, char* argv[])
{
    TcpFastOpenArgumentChecker check("tcp-fast-open-page-load");
    TcpFastOpenStudyOptions options(check.GetProgram(), 1);
    std::string pagesFile = "web-almanac-2024";
    std::string pageText = "none";
    std::string rtts = "20,100,200";
    std::string loss = "0";
    std::string parallel = "6";
    std::string accessRate = "100Mbps";
    std::string bottleneckRate = "20Mbps";
    std::string queueDisc = "fq_codel";
    std::string persistentText = "true";
    std::string coldText = "false";

    CommandLine cmd(__FILE__);
    cmd.Usage("Page load time with and without TCP Fast Open (CoNEXT 2011 table layout). "
              "One page and one RTT run one point.");
    check.AddValue(cmd,
                   "pages",
                   "file of pages, one per line (web-almanac-2024: examples/pages/"
                   "web-almanac-2024.txt next to the sources)",
                   pagesFile);
    check.AddValue(cmd,
                   "page",
                   "one page: name:base=BYTES;objects=COUNTxBYTES@ORIGIN,... "
                   "(instead of --pages; 'none')",
                   pageText);
    check.AddValue(cmd, "rtts", "base RTTs in ms, comma-separated", rtts);
    check.AddValue(cmd, "lossRate", "bottleneck loss probability, 0 to 0.5", loss);
    check.AddValue(cmd, "parallel", "connections per origin", parallel);
    check.AddValue(cmd,
                   "persistent",
                   "persistent connections (else one per object)",
                   persistentText);
    check.AddValue(cmd,
                   "cold",
                   "report the first visit (cold cookie cache) instead of the second",
                   coldText);
    check.AddValue(cmd, "accessRate", "access link rate", accessRate);
    check.AddValue(cmd, "bottleneckRate", "bottleneck rate", bottleneckRate);
    check.AddValue(cmd,
                   "queueDisc",
                   "bottleneck queue discipline: fq_codel (Linux's usual default), pfifo_fast, "
                   "fifo, codel, red, pie or none (the device's 100-packet drop-tail queue)",
                   queueDisc);
    options.AddTo(check, cmd);
    check.Parse(cmd, argc, argv);
    options.Resolve(check);
    const bool persistent = check.Boolean("persistent", persistentText);
    const bool cold = check.Boolean("cold", coldText);
    const std::string csv = options.GetCsv();
    const std::string plot = options.GetPlot();
    if (pageText != "none" && pagesFile != "web-almanac-2024")
    {
        check.Fail("give --page or --pages, not both");
    }
    if (pagesFile == "web-almanac-2024")
    {
#ifdef TFO_PAGES_DIR
        pagesFile = std::string(TFO_PAGES_DIR) + "/web-almanac-2024.txt";
#else
        pagesFile =
            (std::filesystem::path(__FILE__).parent_path() / "pages" / "web-almanac-2024.txt")
                .string();
#endif
    }
    if (pageText == "none")
    {
        pageText.clear();
    }

    std::vector<PageDescription> pages;
    std::string error;
    if (!pageText.empty())
    {
        PageDescription page;
        if (!page.Parse(pageText, error))
        {
            check.Fail("--page: " + error);
        }
        if (page.GetName().empty())
        {
            page.SetName("page");
        }
        pages.push_back(page);
    }
    else
    {
        if (!PageDescription::ReadFile(pagesFile, pages, error))
        {
            check.Fail("--pages: " + error);
        }
    }
    Setup setup;
    setup.loss = check.Number("lossRate", loss, 0, 0.5);
    setup.parallel = check.Integer("parallel", parallel, 1, 1000);
    setup.persistent = persistent;
    setup.cold = cold;
    setup.access = check.Rate("accessRate", accessRate);
    setup.bottleneck = check.Rate("bottleneckRate", bottleneckRate);
    if (TcpFastOpenTopologyHelper::QueueDiscTypeName(queueDisc) == "?")
    {
        check.Fail("--queueDisc: unknown queue discipline \"" + queueDisc + "\"");
    }
    setup.queueDisc = queueDisc;
    const uint32_t seedValue = options.GetSeed();
    const uint32_t runCount = options.GetRuns();
    std::vector<double> rttList;
    for (const std::string& item : check.List("rtts", rtts))
    {
        rttList.push_back(check.Number("rtts", item, 4, 10000));
    }
    std::vector<TcpFastOpenPointRecord> records;

    using TS = TransactionStatistics;
    std::ostringstream rows;
    rows << "page,objects,origins,bytes,rtt_ms,cache,persistent,parallel,runs,plt_off_ms,"
            "plt_on_ms,improvement_pct,syn_data_connections\n";
    std::cout << "Page load time with and without TCP Fast Open (" << (cold ? "cold" : "warm")
              << " cookie cache, " << (persistent ? "persistent" : "one connection per object")
              << ", " << setup.parallel << " connections per origin, bottleneck " << bottleneckRate
              << " with " << queueDisc << ")\n";
    std::cout << std::left << std::setw(16) << "page" << std::right << std::setw(8) << "RTT ms"
              << std::setw(14) << "PLT no TFO" << std::setw(14) << "PLT TFO" << std::setw(13)
              << "improvement"
              << "\n"
              << std::string(65, '-') << "\n";
    // Per page: rtt_ms, plt_off_ms, plt_on_ms, improvement_pct, as in the CSV.
    std::vector<std::vector<std::vector<std::string>>> figureRows;
    const size_t total = pages.size() * rttList.size();
    size_t step = 0;
    for (const auto& page : pages)
    {
        figureRows.emplace_back();
        for (double rttMs : rttList)
        {
            setup.rtt = MicroSeconds(static_cast<int64_t>(std::llround(rttMs * 1000)));
            std::cerr << "[" << ++step << "/" << total << "] page=" << page.GetName()
                      << " rtt=" << rttMs << "ms" << std::endl;
            TS off;
            TS on;
            uint32_t synData = 0;
            for (uint32_t run = options.GetFirstRun(); run < options.GetFirstRun() + runCount;
                 ++run)
            {
                uint32_t ignored = 0;
                off.Add(LoadPage(page, setup, false, seedValue, run, ignored));
                uint32_t acked = 0;
                on.Add(LoadPage(page, setup, true, seedValue, run, acked));
                synData += acked;
            }
            const double pOff = off.GetQuantile(0.5);
            const double pOn = on.GetQuantile(0.5);
            const double gain = TS::Improvement(pOff, pOn);
            std::cout << std::left << std::setw(16) << page.GetName() << std::right << std::setw(8)
                      << TS::Format(rttMs, 0) << std::setw(11) << TS::Format(pOff, 1) << " ms"
                      << std::setw(11) << TS::Format(pOn, 1) << " ms" << std::setw(12)
                      << TS::Format(gain, 1) << "%\n";
            rows << page.GetName() << "," << 1 + page.GetObjectCount() << ","
                 << page.GetOriginCount() << "," << page.GetTotalBytes() << "," << TS::Format(rttMs)
                 << "," << (cold ? "cold" : "warm") << "," << (persistent ? 1 : 0) << ","
                 << setup.parallel << "," << runCount << "," << TS::Format(pOff) << ","
                 << TS::Format(pOn) << "," << TS::Format(gain, 2) << "," << synData << "\n";
            figureRows.back().push_back(
                {TS::Format(rttMs), TS::Format(pOff), TS::Format(pOn), TS::Format(gain, 2)});
            TcpFastOpenPointRecord record(check.GetProgram(), seedValue, options.GetFirstRun());
            record.SetParameter("page", page.GetName());
            record.SetParameter("rtt_ms", rttMs);
            record.SetParameter("loss_rate", setup.loss);
            record.SetParameter("runs", runCount);
            record.SetParameter("parallel", setup.parallel);
            record.SetParameter("persistent", persistent ? "true" : "false");
            record.SetParameter("cache", cold ? "cold" : "warm");
            record.SetParameter("queue_disc", queueDisc);
            record.SetMeasured("plt_off_ms", pOff);
            record.SetMeasured("plt_on_ms", pOn);
            record.SetMeasured("improvement_pct", gain);
            record.SetMeasured("syn_data_connections", synData);
            records.push_back(record);
        }
    }
    if (!options.GetRecords().empty() &&
        !TcpFastOpenPointRecord::Write(options.GetRecords(), records))
    {
        std::cerr << "tcp-fast-open-page-load: error: cannot write " << options.GetRecords()
                  << std::endl;
        return 1;
    }
    if (!csv.empty())
    {
        std::ofstream out(csv);
        out << rows.str();
        if (!out)
        {
            std::cerr << "tcp-fast-open-page-load: error: cannot write " << csv << std::endl;
            return 1;
        }
        std::cout << "CSV: " << csv << "\n";
    }
    if (!plot.empty() && !WriteFigure(plot, csv, pages, figureRows, std::cout))
    {
        std::cerr << "tcp-fast-open-page-load: error: cannot write " << plot << ".plt" << std::endl;
        return 1;
    }
    return 0;
}
