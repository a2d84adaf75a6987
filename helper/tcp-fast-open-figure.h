/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_FAST_OPEN_FIGURE_H
#define TCP_FAST_OPEN_FIGURE_H

#include <cstdint>
#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-fast-open
 *
 * \brief A gnuplot figure of the examples: one script, PREFIX.plt, that
 * renders PREFIX.png (pngcairo, for a look) and PREFIX.pdf (pdfcairo, for
 * papers) from the same commands.
 *
 * The numbers live in named data blocks ($d0, $d1, ...) at the top of the
 * script, each preceded by comment lines that say where they come from:
 *
 * \verbatim
 *   # csv: tcp-fast-open-latency.csv
 *   # where: request_bytes=500 response_bytes=1000 loss_rate=0.0100
 *   # columns: rtt_ms p50_off_ms p10_off_ms p90_off_ms
 *   $d0 << EOD
 *   10.000 21.671 21.671 21.671
 *   EOD
 * \endverbatim
 *
 * so that a test (test/figures_test.py) can check every plotted number
 * against the CSV file it claims to show. "# kind: cdf" marks a block that is
 * the empirical CDF (sorted value, fraction i/n) of one column.
 *
 * A figure has one or more panels (gnuplot's multiplot when more than one);
 * Set() and Plot() add to the last panel.
 */
class TcpFastOpenFigure
{
  public:
    /**
     * \param title the figure's title
     * \param width the PNG's width in pixels (the PDF's in 1/100 inch)
     * \param height the PNG's height in pixels (the PDF's in 1/100 inch)
     */
    TcpFastOpenFigure(const std::string& title, uint32_t width = 900, uint32_t height = 600);

    /**
     * \brief Add a data block.
     * \param provenance the comment lines above it ("csv: FILE", "where: k=v ...",
     *        "columns: a b ...", "kind: cdf"), without the "# "
     * \param rows its rows, each a list of numbers already formatted as the CSV has them
     * \return its name ("$d3"), for Plot()
     */
    std::string AddData(const std::vector<std::string>& provenance,
                        const std::vector<std::vector<std::string>>& rows);

    /**
     * \brief Start a new panel (the first Set() or Plot() starts one too).
     * \param title the panel's title
     */
    void AddPanel(const std::string& title = "");

    /**
     * \brief Add a gnuplot command to the current panel ("set logscale x").
     * \param command the command
     */
    void Set(const std::string& command);

    /**
     * \brief Add one plot element to the current panel.
     * \param element e.g. "$d0 using 1:2 with linespoints " + Style(0, false) + " title 'x'"
     */
    void Plot(const std::string& element);

    /// \return the number of panels so far
    uint32_t GetPanelCount() const;

    /**
     * \brief Add a gnuplot command to an earlier panel.
     * \param panel the panel's number (0-based)
     * \param command the command
     */
    void SetPanelCommand(uint32_t panel, const std::string& command);

    /**
     * \brief Lay the panels out in a grid (default: one column per panel
     * up to 3, then rows of 3).
     * \param rows grid rows
     * \param columns grid columns
     */
    void SetLayout(uint32_t rows, uint32_t columns);

    /**
     * \brief A line style that tells series apart without colour too: series
     * i gets colour i, point type i and, when \p dashed, a dash pattern.
     * \param i the series number
     * \param dashed a dashed line (e.g. for "TFO off")
     * \param points with a point type (false for styles without points: steps, lines)
     * \return gnuplot's "lc ... pt ... dt ..." words
     */
    static std::string Style(uint32_t i, bool dashed, bool points = true);

    /**
     * \brief Say when the last series draws the same numbers as an earlier
     * one (the two lines lie on top of each other).
     * \param titles every series' title so far, the last one being checked
     * \param values every series' plotted values so far
     * \return " (coincides with TITLE)" for the first earlier series with the
     *         same values, else ""
     */
    static std::string Coincides(const std::vector<std::string>& titles,
                                 const std::vector<std::vector<std::string>>& values);

    /**
     * \param text any text
     * \return it as a gnuplot string literal (double quotes, escaped)
     */
    static std::string Quote(const std::string& text);

    /**
     * \brief Write the script.
     * \param os where to write
     * \param prefix the output prefix (PREFIX.png, PREFIX.pdf)
     */
    void WriteScript(std::ostream& os, const std::string& prefix) const;

    /**
     * \brief Write PREFIX.plt and run gnuplot on it, and say so on \p report
     * ("figure: PREFIX.png, PREFIX.pdf", or why not).
     * \param prefix the output prefix
     * \param report where to say what was written
     * \return false if PREFIX.plt could not be written (gnuplot missing or
     *         failing is reported, not an error)
     */
    bool Render(const std::string& prefix, std::ostream& report) const;

    /**
     * \brief Run gnuplot on a script if gnuplot is on PATH.
     * \param script the .plt file
     * \return true if gnuplot ran and succeeded
     */
    static bool RunGnuplot(const std::string& script);

  private:
    /// One panel: its title, commands and plot elements.
    struct Panel
    {
        std::string title;                 //!< panel title
        std::vector<std::string> commands; //!< set/unset commands
        std::vector<std::string> elements; //!< plot elements
    };

    /// \return the current panel (a new one if there is none)
    Panel& Current();

    std::string m_title;               //!< figure title
    uint32_t m_width;                  //!< width (px, 1/100 in)
    uint32_t m_height;                 //!< height (px, 1/100 in)
    uint32_t m_rows{0};                //!< layout rows (0: automatic)
    uint32_t m_columns{0};             //!< layout columns (0: automatic)
    std::vector<std::string> m_blocks; //!< data blocks, as script text
    std::vector<Panel> m_panels;       //!< panels
};

} // namespace ns3

#endif /* TCP_FAST_OPEN_FIGURE_H */
