/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-fast-open-point-record.h"

#include "tcp-fast-open-build-info.h" // generated: TFO_MODULE_VERSION, TFO_GIT_COMMIT, TFO_NS3_VERSION_STRING

#include <fstream>
#include <sstream>

namespace ns3
{

TcpFastOpenPointRecord::TcpFastOpenPointRecord(const std::string& program,
                                               uint32_t seed,
                                               uint32_t run)
{
    m_columns = {{"program", program},
                 {"module_version", GetModuleVersion()},
                 {"git_commit", GetGitCommit()},
                 {"ns3_version", GetNs3Version()},
                 {"seed", std::to_string(seed)},
                 {"run", std::to_string(run)}};
}

void
TcpFastOpenPointRecord::SetParameter(const std::string& name, const std::string& value)
{
    m_columns.emplace_back("param." + name, value);
}

void
TcpFastOpenPointRecord::SetParameter(const std::string& name, double value)
{
    SetParameter(name, Format(value));
}

void
TcpFastOpenPointRecord::SetMeasured(const std::string& name, double value)
{
    m_columns.emplace_back(name, Format(value));
}

std::string
TcpFastOpenPointRecord::GetHeader() const
{
    std::string line;
    for (const auto& [name, value] : m_columns)
    {
        line += (line.empty() ? "" : ",") + Quote(name);
    }
    return line;
}

std::string
TcpFastOpenPointRecord::GetLine() const
{
    std::string line;
    for (size_t i = 0; i < m_columns.size(); ++i)
    {
        line += (i ? "," : "") + Quote(m_columns[i].second);
    }
    return line;
}

bool
TcpFastOpenPointRecord::Write(const std::string& path,
                              const std::vector<TcpFastOpenPointRecord>& records)
{
    std::ofstream out(path);
    if (!out)
    {
        return false;
    }
    const std::string header = records.empty() ? "" : records.front().GetHeader();
    out << header << "\n";
    for (const auto& r : records)
    {
        if (r.GetHeader() != header)
        {
            return false;
        }
        out << r.GetLine() << "\n";
    }
    out.close();
    return static_cast<bool>(out);
}

std::string
TcpFastOpenPointRecord::GetModuleVersion()
{
    return TFO_MODULE_VERSION;
}

std::string
TcpFastOpenPointRecord::GetGitCommit()
{
    return TFO_GIT_COMMIT;
}

std::string
TcpFastOpenPointRecord::GetNs3Version()
{
    return TFO_NS3_VERSION_STRING;
}

std::string
TcpFastOpenPointRecord::Format(double v)
{
    std::ostringstream os;
    os.precision(12);
    os << v;
    return os.str();
}

std::string
TcpFastOpenPointRecord::Quote(const std::string& field)
{
    if (field.find_first_of(",\"\n\r") == std::string::npos)
    {
        return field;
    }
    std::string quoted = "\"";
    for (char c : field)
    {
        quoted += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return quoted + "\"";
}

} // namespace ns3
