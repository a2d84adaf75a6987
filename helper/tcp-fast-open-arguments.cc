/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-fast-open-arguments.h"

#include "ns3/string.h"

#include <cmath>
#include <regex>
#include <sstream>

namespace ns3
{

bool
TcpFastOpenArguments::ParseTime(const std::string& text, Time& value)
{
    // The units ns-3's Time parser knows; anything else would abort it.
    static const std::regex kTime(
        R"(^\s*[0-9]*\.?[0-9]+([eE][+-]?[0-9]+)?(s|ms|us|ns|ps|fs|min|h|d|y)?\s*$)");
    if (!std::regex_match(text, kTime))
    {
        return false;
    }
    value = Time(text);
    return true;
}

bool
TcpFastOpenArguments::ParseDataRate(const std::string& text, DataRate& value)
{
    DataRateValue rate;
    if (!rate.DeserializeFromString(text, MakeDataRateChecker()) || rate.Get().GetBitRate() == 0)
    {
        return false;
    }
    value = rate.Get();
    return true;
}

bool
TcpFastOpenArguments::ParseNumberList(const std::string& text, std::vector<double>& values)
{
    std::vector<double> out;
    std::istringstream is(text);
    std::string item;
    while (std::getline(is, item, ','))
    {
        std::istringstream number(item);
        double v = 0;
        if (!(number >> v) || !(number >> std::ws).eof() || v < 0 || !std::isfinite(v))
        {
            return false;
        }
        out.push_back(v);
    }
    if (out.empty() || (!text.empty() && text.back() == ','))
    {
        return false;
    }
    values = out;
    return true;
}

bool
TcpFastOpenArguments::ParseUintList(const std::string& text, std::vector<uint32_t>& values)
{
    std::vector<double> numbers;
    if (!ParseNumberList(text, numbers))
    {
        return false;
    }
    std::vector<uint32_t> out;
    for (double v : numbers)
    {
        if (v != std::floor(v) || v > UINT32_MAX)
        {
            return false;
        }
        out.push_back(static_cast<uint32_t>(v));
    }
    values = out;
    return true;
}

} // namespace ns3
