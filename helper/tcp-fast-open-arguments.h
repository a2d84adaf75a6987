/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_FAST_OPEN_ARGUMENTS_H
#define TCP_FAST_OPEN_ARGUMENTS_H

#include "ns3/data-rate.h"
#include "ns3/nstime.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-fast-open
 *
 * \brief Checked parsing of command-line values for the module's examples.
 *
 * ns-3's own parsers abort the program on a malformed time ("Can't Parse
 * Time") or accept garbage silently (Ipv4Address). These return false instead,
 * so that an example can print which argument is wrong and exit non-zero.
 */
class TcpFastOpenArguments
{
  public:
    /**
     * \brief Parse a time with a unit: "10ms", "1.5s", "200us", or a plain
     * number of seconds ("2").
     * \param text the text
     * \param[out] value the time
     * \return true on success
     */
    static bool ParseTime(const std::string& text, Time& value);

    /**
     * \brief Parse a data rate ("100Mbps", "1Gb/s").
     * \param text the text
     * \param[out] value the rate
     * \return true on success
     */
    static bool ParseDataRate(const std::string& text, DataRate& value);

    /**
     * \brief Parse a comma-separated list of non-negative numbers ("10,20,50").
     * \param text the text
     * \param[out] values the numbers
     * \return true on success (false on an empty list or element)
     */
    static bool ParseNumberList(const std::string& text, std::vector<double>& values);

    /**
     * \brief Parse a comma-separated list of unsigned integers ("100,1000").
     * \param text the text
     * \param[out] values the numbers
     * \return true on success
     */
    static bool ParseUintList(const std::string& text, std::vector<uint32_t>& values);
};

} // namespace ns3

#endif /* TCP_FAST_OPEN_ARGUMENTS_H */
