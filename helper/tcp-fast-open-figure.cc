/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-fast-open-figure.h"

#include "ns3/abort.h"
#include "ns3/log.h"

#include <cstdlib>
#include <fstream>
#include <sstream>
#include <unistd.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpFastOpenFigure");

TcpFastOpenFigure::TcpFastOpenFigure(const std::string& title, uint32_t width, uint32_t height)
    : m_title(title),
      m_width(width),
      m_height(height)
{
}

std::string
TcpFastOpenFigure::AddData(const std::vector<std::string>& provenance,
                           const std::vector<std::vector<std::string>>& rows)
{
    const std::string name = "$d" + std::to_string(m_blocks.size());
    std::ostringstream block;
    for (const std::string& line : provenance)
    {
        block << "# " << line << "\n";
    }
    block << name << " << EOD\n";
    for (const auto& row : rows)
    {
        for (size_t i = 0; i < row.size(); ++i)
        {
            block << (i ? " " : "") << row[i];
        }
        block << "\n";
    }
    block << "EOD\n";
    m_blocks.push_back(block.str());
    return name;
}

void
TcpFastOpenFigure::AddPanel(const std::string& title)
{
    m_panels.push_back(Panel{title, {}, {}});
}

TcpFastOpenFigure::Panel&
TcpFastOpenFigure::Current()
{
    if (m_panels.empty())
    {
        AddPanel();
    }
    return m_panels.back();
}

void
TcpFastOpenFigure::Set(const std::string& command)
{
    Current().commands.push_back(command);
}

void
TcpFastOpenFigure::Plot(const std::string& element)
{
    Current().elements.push_back(element);
}

uint32_t
TcpFastOpenFigure::GetPanelCount() const
{
    return m_panels.size();
}

void
TcpFastOpenFigure::SetPanelCommand(uint32_t panel, const std::string& command)
{
    NS_ABORT_MSG_IF(panel >= m_panels.size(), "TcpFastOpenFigure: no panel " << panel);
    m_panels[panel].commands.push_back(command);
}

std::string
TcpFastOpenFigure::Coincides(const std::vector<std::string>& titles,
                             const std::vector<std::vector<std::string>>& values)
{
    NS_ABORT_MSG_IF(titles.size() != values.size() || titles.empty(),
                    "TcpFastOpenFigure::Coincides: one title per series");
    for (size_t j = 0; j + 1 < values.size(); ++j)
    {
        if (values[j] == values.back())
        {
            return " (coincides with " + titles[j] + ")";
        }
    }
    return "";
}

void
TcpFastOpenFigure::SetLayout(uint32_t rows, uint32_t columns)
{
    m_rows = rows;
    m_columns = columns;
}

std::string
TcpFastOpenFigure::Style(uint32_t i, bool dashed, bool points)
{
    // gnuplot's pngcairo/pdfcairo point types 1..13 are all distinct; dash
    // type 1 is solid, 2.. are patterns.
    std::ostringstream os;
    os << "lc " << (i % 8) + 1;
    if (points)
    {
        os << " pt " << (i % 13) + 1;
    }
    os << " dt " << (dashed ? 2 + (i % 4) : 1);
    return os.str();
}

std::string
TcpFastOpenFigure::Quote(const std::string& text)
{
    std::string quoted = "'";
    for (char c : text)
    {
        quoted += (c == '\'') ? std::string("''") : std::string(1, c);
    }
    return quoted + "'";
}

void
TcpFastOpenFigure::WriteScript(std::ostream& os, const std::string& prefix) const
{
    os << "# " << m_title << "\n"
       << "# Written by the tcp-fast-open module: `gnuplot " << prefix
       << ".plt` renders the PNG and the PDF.\n"
       << "# Every data block names the CSV rows and columns it holds.\n\n";
    for (const std::string& block : m_blocks)
    {
        os << block << "\n";
    }
    const size_t panels = m_panels.size();
    uint32_t columns = m_columns ? m_columns : (panels <= 3 ? panels : 3);
    columns = columns ? columns : 1;
    const uint32_t rows = m_rows ? m_rows : (panels + columns - 1) / columns;
    os << "do for [fmt in \"png pdf\"] {\n"
       << "  if (fmt eq \"png\") {\n"
       << "    set terminal pngcairo size " << m_width << "," << m_height
       << " noenhanced font \",10\"\n"
       << "  } else {\n"
       << "    set terminal pdfcairo size " << m_width / 100.0 << "in," << m_height / 100.0
       << "in noenhanced font \",7\"\n"
       << "  }\n"
       << "  set output " << Quote(prefix) << ".\".\".fmt\n";
    if (panels > 1)
    {
        os << "  set multiplot layout " << rows << "," << columns << " title " << Quote(m_title)
           << "\n";
    }
    for (const Panel& panel : m_panels)
    {
        os << "  reset\n  set grid\n";
        if (panels > 1)
        {
            os << "  set title " << Quote(panel.title) << "\n";
        }
        else
        {
            os << "  set title " << Quote(m_title) << "\n";
        }
        for (const std::string& c : panel.commands)
        {
            os << "  " << c << "\n";
        }
        os << "  plot ";
        for (size_t i = 0; i < panel.elements.size(); ++i)
        {
            os << (i ? ", \\\n       " : "") << panel.elements[i];
        }
        os << "\n";
    }
    if (panels > 1)
    {
        os << "  unset multiplot\n";
    }
    os << "  set output\n}\n";
}

bool
TcpFastOpenFigure::Render(const std::string& prefix, std::ostream& report) const
{
    const std::string script = prefix + ".plt";
    std::ofstream out(script);
    WriteScript(out, prefix);
    out.close();
    if (!out)
    {
        return false;
    }
    if (RunGnuplot(script))
    {
        report << "figure: " << prefix << ".png, " << prefix << ".pdf\n";
    }
    else
    {
        NS_LOG_WARN("gnuplot not found or failed on " << script);
        report << "figure: " << script << " written, not rendered (gnuplot not found or failed)\n";
    }
    return true;
}

bool
TcpFastOpenFigure::RunGnuplot(const std::string& script)
{
    const char* path = std::getenv("PATH");
    bool found = false;
    std::istringstream dirs(path ? path : "");
    std::string dir;
    while (std::getline(dirs, dir, ':'))
    {
        if (!dir.empty() && access((dir + "/gnuplot").c_str(), X_OK) == 0)
        {
            found = true;
            break;
        }
    }
    if (!found)
    {
        return false;
    }
    std::string quoted = "'"; // for the shell
    for (char c : script)
    {
        quoted += (c == '\'') ? std::string("'\\''") : std::string(1, c);
    }
    quoted += "'";
    return std::system(("gnuplot " + quoted).c_str()) == 0;
}

} // namespace ns3
