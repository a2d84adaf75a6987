/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_FAST_OPEN_STUDY_OPTIONS_H
#define TCP_FAST_OPEN_STUDY_OPTIONS_H

#include "tcp-fast-open-argument-checker.h"

#include <cstdint>
#include <string>

namespace ns3
{

/**
 * \ingroup tcp-fast-open
 * \brief The options every study example shares, with the same names and
 * meaning: `--outputDir` (every default output goes in it), `--csv`,
 * `--plot`, `--records` (a file name or prefix inside the output directory,
 * an absolute path, or `none`), `--seed`, `--runs`, and ns-3's `--RngRun`
 * (the first run: runs are RngRun, RngRun+1, ...).
 */
class TcpFastOpenStudyOptions
{
  public:
    /**
     * \param program the program's name (the default file names start with it)
     * \param runs the default of --runs
     */
    TcpFastOpenStudyOptions(const std::string& program, uint32_t runs);

    /**
     * \brief Declare the options.
     * \param check the checker they are declared through
     * \param cmd the command line
     */
    void AddTo(TcpFastOpenArgumentChecker& check, CommandLine& cmd);

    /**
     * \brief Check the values (after TcpFastOpenArgumentChecker::Parse) and
     * create the output directory.
     * \param check the checker (exits with status 2 on a bad value)
     */
    void Resolve(const TcpFastOpenArgumentChecker& check);

    /// \return the output directory
    const std::string& GetOutputDir() const;
    /// \return the CSV file, or "" for none
    const std::string& GetCsv() const;
    /// \return the figures' prefix, or "" for none
    const std::string& GetPlot() const;
    /// \return the per-point records' CSV file, or "" for none
    const std::string& GetRecords() const;
    /// \return the seed
    uint32_t GetSeed() const;
    /// \return the first run (ns-3's --RngRun)
    uint32_t GetFirstRun() const;
    /// \return the number of runs
    uint32_t GetRuns() const;

  private:
    std::string m_outputDir{"."}; //!< --outputDir
    std::string m_csv;            //!< --csv (resolved by Resolve())
    std::string m_plot;           //!< --plot (resolved by Resolve())
    std::string m_records;        //!< --records (resolved by Resolve())
    std::string m_seedText{"1"};  //!< --seed
    std::string m_runsText;       //!< --runs
    uint32_t m_seed{1};           //!< the seed
    uint32_t m_firstRun{1};       //!< the first RngRun
    uint32_t m_runs{1};           //!< the number of runs
};

} // namespace ns3

#endif /* TCP_FAST_OPEN_STUDY_OPTIONS_H */
