/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_FAST_OPEN_ARGUMENT_CHECKER_H
#define TCP_FAST_OPEN_ARGUMENT_CHECKER_H

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-fast-open
 * \brief The examples' command-line checks, in one place: a value that is
 * malformed or out of range ends the program with
 * "<program>: error: --<option>: ..." on standard error and exit status 2 —
 * never a crash and never a silent default.
 *
 * ns-3's CommandLine stores options as the text the user typed (the examples
 * declare them as strings); the checker turns each into its value.
 */
class TcpFastOpenArgumentChecker
{
  public:
    /// \param program the program's name, the first word of every message
    explicit TcpFastOpenArgumentChecker(std::string program);

    /**
     * \brief Report a command-line error and exit with status 2
     * (std::quick_exit, after flushing the standard streams: no static
     * destructor of ns-3 runs).
     * \param message what is wrong
     */
    [[noreturn]] void Fail(const std::string& message) const;

    /**
     * \brief A non-negative decimal integer within [min, max].
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
     * \brief A finite decimal number within [min, max].
     * \param name the option's name (without "--"), for messages
     * \param text what the user gave
     * \param min the smallest allowed
     * \param max the largest allowed
     * \return the number (exits on anything else)
     */
    double Number(const std::string& name, const std::string& text, double min, double max) const;

    /**
     * \brief A comma-separated list of non-empty items.
     * \param name the option's name (without "--"), for messages
     * \param text what the user gave
     * \return the items (exits on an empty list or item)
     */
    std::vector<std::string> List(const std::string& name, const std::string& text) const;

  private:
    std::string m_program; //!< the program's name
};

} // namespace ns3

#endif /* TCP_FAST_OPEN_ARGUMENT_CHECKER_H */
