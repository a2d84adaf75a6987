/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-fast-open-argument-checker.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <sstream>
#include <utility>

namespace ns3
{

TcpFastOpenArgumentChecker::TcpFastOpenArgumentChecker(std::string program)
    : m_program(std::move(program))
{
}

void
TcpFastOpenArgumentChecker::Fail(const std::string& message) const
{
    std::cout.flush();
    std::cerr << m_program << ": error: " << message << "\n"
              << "  (see --help for the options)" << std::endl;
    // Not std::exit: ns-3's global objects must not be destroyed from here
    // (with ns-3's assertions on, a TestSuite or the Simulator asserts in its
    // destructor when the program stops in the middle of its work).
    std::fflush(nullptr);
    std::quick_exit(2);
}

double
TcpFastOpenArgumentChecker::Number(const std::string& name,
                                   const std::string& text,
                                   double min,
                                   double max) const
{
    errno = 0;
    char* end = nullptr;
    const double v = std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || errno != 0 || !std::isfinite(v))
    {
        Fail("--" + name + ": \"" + text + "\" is not a number");
    }
    if (v < min || v > max)
    {
        std::ostringstream os;
        os << "--" << name << ": " << text << " is out of range [" << min << ", " << max << "]";
        Fail(os.str());
    }
    return v;
}

uint32_t
TcpFastOpenArgumentChecker::Integer(const std::string& name,
                                    const std::string& text,
                                    uint32_t min,
                                    uint32_t max) const
{
    if (text.empty() || text.size() > 10 ||
        text.find_first_not_of("0123456789") != std::string::npos)
    {
        Fail("--" + name + ": \"" + text + "\" is not a non-negative integer");
    }
    return static_cast<uint32_t>(Number(name, text, min, max));
}

std::vector<std::string>
TcpFastOpenArgumentChecker::List(const std::string& name, const std::string& text) const
{
    std::vector<std::string> items;
    std::string item;
    std::istringstream is(text);
    while (std::getline(is, item, ','))
    {
        if (item.empty())
        {
            Fail("--" + name + "=\"" + text + "\" has an empty item");
        }
        items.push_back(item);
    }
    if (items.empty() || text.back() == ',')
    {
        Fail("--" + name + " needs a comma-separated list, got \"" + text + "\"");
    }
    return items;
}

} // namespace ns3
