/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-fast-open-study-options.h"

#include <filesystem>

namespace ns3
{

TcpFastOpenStudyOptions::TcpFastOpenStudyOptions(const std::string& program, uint32_t runs)
    : m_csv(program + ".csv"),
      m_plot(program),
      m_records(program + "-records.csv"),
      m_runsText(std::to_string(runs))
{
}

void
TcpFastOpenStudyOptions::AddTo(TcpFastOpenArgumentChecker& check, CommandLine& cmd)
{
    check.AddValue(cmd,
                   "outputDir",
                   "directory of every output file (created if missing)",
                   m_outputDir);
    check.AddValue(cmd, "csv", "results CSV, inside --outputDir unless absolute; 'none'", m_csv);
    check.AddValue(cmd,
                   "plot",
                   "figures' prefix (PREFIX.plt, PREFIX.png), inside --outputDir unless "
                   "absolute; 'none'",
                   m_plot);
    check.AddValue(cmd,
                   "records",
                   "one CSV record per point and run (parameters, seed, run, versions, "
                   "measured values), inside --outputDir unless absolute; 'none'",
                   m_records);
    check.AddValue(cmd, "seed", "ns-3 RNG seed (1 .. 4294944442)", m_seedText);
    check.AddValue(cmd,
                   "runs",
                   "independent runs per point: RngRun, RngRun+1, ... (ns-3's --RngRun "
                   "sets the first, default 1)",
                   m_runsText);
}

void
TcpFastOpenStudyOptions::Resolve(const TcpFastOpenArgumentChecker& check)
{
    m_seed = check.Seed("seed", m_seedText);
    m_runs = check.Integer("runs", m_runsText, 1, 10000);
    m_firstRun = check.GetRngRun();
    if (m_outputDir.empty())
    {
        check.Fail("--outputDir: empty (use . for the current directory)");
    }
    std::error_code ec;
    std::filesystem::create_directories(m_outputDir, ec);
    if (ec || !std::filesystem::is_directory(m_outputDir))
    {
        check.Fail("--outputDir: cannot create \"" + m_outputDir + "\"" +
                   (ec ? ": " + ec.message() : ""));
    }
    m_csv = check.OutputPath("csv", m_csv, m_outputDir);
    m_plot = check.OutputPath("plot", m_plot, m_outputDir);
    m_records = check.OutputPath("records", m_records, m_outputDir);
}

const std::string&
TcpFastOpenStudyOptions::GetOutputDir() const
{
    return m_outputDir;
}

const std::string&
TcpFastOpenStudyOptions::GetCsv() const
{
    return m_csv;
}

const std::string&
TcpFastOpenStudyOptions::GetPlot() const
{
    return m_plot;
}

const std::string&
TcpFastOpenStudyOptions::GetRecords() const
{
    return m_records;
}

uint32_t
TcpFastOpenStudyOptions::GetSeed() const
{
    return m_seed;
}

uint32_t
TcpFastOpenStudyOptions::GetFirstRun() const
{
    return m_firstRun;
}

uint32_t
TcpFastOpenStudyOptions::GetRuns() const
{
    return m_runs;
}

} // namespace ns3
