/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_FAST_OPEN_POINT_RECORD_H
#define TCP_FAST_OPEN_POINT_RECORD_H

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-fast-open
 * \brief One machine-readable record of one sweep point and run: the
 * program, the module's version and git commit, the ns-3 version, the seed,
 * the run, the parameters (columns "param.NAME") and the measured values
 * (columns NAME). Written as CSV (RFC 4180), one row per record, so that a
 * sweep tool (python/tcp_fast_open_sweep) or a spreadsheet reads it as is.
 */
class TcpFastOpenPointRecord
{
  public:
    /**
     * \param program the program's name
     * \param seed the ns-3 seed
     * \param run the ns-3 run (RngRun)
     */
    TcpFastOpenPointRecord(const std::string& program, uint32_t seed, uint32_t run);

    /// \param name the parameter \param value its value, as the command line takes it
    void SetParameter(const std::string& name, const std::string& value);
    /// \param name the parameter \param value its value
    void SetParameter(const std::string& name, double value);
    /// \param name the measured quantity \param value its value
    void SetMeasured(const std::string& name, double value);

    /// \return the header line (without newline)
    std::string GetHeader() const;
    /// \return the record's line (without newline)
    std::string GetLine() const;

    /**
     * \brief Write records (all with the same columns) to a CSV file.
     * \param path the file
     * \param records the records
     * \return false when the file cannot be written or the columns differ
     */
    static bool Write(const std::string& path, const std::vector<TcpFastOpenPointRecord>& records);

    /// \return the module's version (CMake's project version)
    static std::string GetModuleVersion();
    /// \return the git commit the module was built from ("unknown" outside git)
    static std::string GetGitCommit();
    /// \return the ns-3 version the module was built against ("3.37", or an ns-3 tree's version)
    static std::string GetNs3Version();

  private:
    /// \param v a number \return it with up to 12 significant digits
    static std::string Format(double v);
    /// \param field a field \return it quoted when it needs to be (RFC 4180)
    static std::string Quote(const std::string& field);

    std::vector<std::pair<std::string, std::string>> m_columns; //!< name, value
};

} // namespace ns3

#endif /* TCP_FAST_OPEN_POINT_RECORD_H */
