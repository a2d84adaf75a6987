/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_FAST_OPEN_ARGUMENT_CHECKER_H
#define TCP_FAST_OPEN_ARGUMENT_CHECKER_H

#include "ns3/command-line.h"
#include "ns3/data-rate.h"
#include "ns3/nstime.h"

#include <cstdint>
#include <set>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-fast-open
 * \brief The examples' command line, checked in one place: an argument that
 * is unknown, malformed or out of range ends the program with
 * "<program>: error: --<option>: ..." on standard error and exit status 2 —
 * never a crash, a hang, ns-3's own exit status 1, or a silent default.
 *
 * Every option is declared through AddValue() as text (so that ns-3's
 * CommandLine cannot reject or wrap a value before the checker sees it), and
 * Parse() checks the argument names before ns-3 parses them. ns-3's
 * `--RngRun` and `--RngSeed` are checked here too (ns-3 would wrap
 * `--RngRun=-1`, and abort on a seed it cannot use).
 */
class TcpFastOpenArgumentChecker
{
  public:
    /// The largest seed ns-3's MRG32k3a generator accepts (m2 - 1).
    static constexpr uint32_t MAX_SEED = 4294944442U;

    /// \param program the program's name, the first word of every message
    explicit TcpFastOpenArgumentChecker(std::string program);

    /// \return the program's name
    const std::string& GetProgram() const;

    /**
     * \brief Report a command-line error and exit with status 2
     * (std::quick_exit, after flushing the standard streams: no static
     * destructor of ns-3 runs).
     * \param message what is wrong
     */
    [[noreturn]] void Fail(const std::string& message) const;

    /**
     * \brief Declare an option (as text; the checker's other methods turn it
     * into its value after Parse()).
     * \param cmd the command line
     * \param name the option's name (without "--")
     * \param help its help text
     * \param value its default, replaced by what the user gives
     */
    void AddValue(CommandLine& cmd,
                  const std::string& name,
                  const std::string& help,
                  std::string& value);

    /**
     * \brief Check every argument's name (an option declared with AddValue(),
     * ns-3's --RngRun, --RngSeed, help and Print options, or an
     * ns3::Type::Attribute default) and the RNG values, then parse with ns-3.
     * \param cmd the command line
     * \param argc as main() got it
     * \param argv as main() got it
     */
    void Parse(CommandLine& cmd, int argc, char* argv[]);

    /**
     * \return the first RngRun of the program's runs: ns-3's --RngRun
     * (default 1, checked by Parse())
     */
    uint32_t GetRngRun() const;

    /**
     * \brief A non-negative decimal integer within [min, max]: digits, with
     * at most a fraction of zeros ("50.0", as SEM writes back an integer
     * default it read as a float from --PrintHelp).
     * \param name the option's name (without "--"), for messages
     * \param text what the user gave
     * \param min the smallest allowed
     * \param max the largest allowed
     * \return the integer (exits on anything else)
     */
    uint32_t Integer(const std::string& name,
                     const std::string& text,
                     uint32_t min,
                     uint32_t max) const;

    /**
     * \brief A seed for ns-3's generator: an integer in [1, MAX_SEED].
     * \param name the option's name (without "--"), for messages
     * \param text what the user gave
     * \return the seed (exits on anything else)
     */
    uint32_t Seed(const std::string& name, const std::string& text) const;

    /**
     * \brief A finite decimal number within [min, max].
     * \param name the option's name (without "--"), for messages
     * \param text what the user gave
     * \param min the smallest allowed
     * \param max the largest allowed
     * \return the number (exits on anything else)
     */
    double Number(const std::string& name, const std::string& text, double min, double max) const;

    /**
     * \brief A boolean: true, false, 1 or 0; also True and False (Python's
     * spelling, as SEM writes back a boolean default).
     * \param name the option's name (without "--"), for messages
     * \param text what the user gave
     * \return the value (exits on anything else)
     */
    bool Boolean(const std::string& name, const std::string& text) const;

    /**
     * \brief A non-negative time with a unit ("10ms", "1.5s", "200us") or a
     * plain number of seconds ("2").
     * \param name the option's name (without "--"), for messages
     * \param text what the user gave
     * \return the time (exits on anything else)
     */
    Time Duration(const std::string& name, const std::string& text) const;

    /**
     * \brief A data rate above zero ("100Mbps", "1Gb/s").
     * \param name the option's name (without "--"), for messages
     * \param text what the user gave
     * \return the rate (exits on anything else)
     */
    DataRate Rate(const std::string& name, const std::string& text) const;

    /**
     * \brief One of a fixed set of words.
     * \param name the option's name (without "--"), for messages
     * \param text what the user gave
     * \param choices the words allowed
     * \return text (exits on anything else)
     */
    std::string Choice(const std::string& name,
                       const std::string& text,
                       const std::vector<std::string>& choices) const;

    /**
     * \brief A comma-separated list of non-empty items.
     * \param name the option's name (without "--"), for messages
     * \param text what the user gave
     * \return the items (exits on an empty list or item)
     */
    std::vector<std::string> List(const std::string& name, const std::string& text) const;

    /**
     * \brief A path or file-name prefix to write to: "none" (nothing is
     * written: returns ""), or a path whose directory exists and is writable.
     * A relative path is taken inside \p dir.
     * \param name the option's name (without "--"), for messages
     * \param text what the user gave
     * \param dir the directory relative paths are in ("" for the current one)
     * \return the path, or "" for none (exits when it cannot be written)
     */
    std::string OutputPath(const std::string& name,
                           const std::string& text,
                           const std::string& dir) const;

  private:
    /**
     * \brief Whether ns-3 takes a value as an attribute's default (tried in
     * a forked child first: ns-3 aborts on a malformed value); sets it if so.
     * \param name the attribute's path (ns3::Type::Attribute)
     * \param value the value
     * \return true if set
     */
    static bool IsAttributeDefault(const std::string& name, const std::string& value);

    std::string m_program;           //!< the program's name
    std::set<std::string> m_options; //!< the names declared with AddValue()
    uint32_t m_rngRun{1};            //!< --RngRun
};

} // namespace ns3

#endif /* TCP_FAST_OPEN_ARGUMENT_CHECKER_H */
