/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-fast-open-argument-checker.h"

#include "ns3/config.h"
#include "ns3/global-value.h"
#include "ns3/string.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <regex>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>
#include <utility>

namespace ns3
{

TcpFastOpenArgumentChecker::TcpFastOpenArgumentChecker(std::string program)
    : m_program(std::move(program))
{
}

const std::string&
TcpFastOpenArgumentChecker::GetProgram() const
{
    return m_program;
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

void
TcpFastOpenArgumentChecker::AddValue(CommandLine& cmd,
                                     const std::string& name,
                                     const std::string& help,
                                     std::string& value)
{
    m_options.insert(name);
    cmd.AddValue(name, help, value);
}

void
TcpFastOpenArgumentChecker::Parse(CommandLine& cmd, int argc, char* argv[])
{
    // ns-3's own options, which print and exit 0.
    static const std::set<std::string> kNs3 = {"help",
                                               "PrintHelp",
                                               "PrintGlobals",
                                               "PrintGroups",
                                               "PrintGroup",
                                               "PrintTypeIds",
                                               "PrintAttributes",
                                               "PrintVersion",
                                               "version"};
    for (int i = 1; i < argc; ++i)
    {
        const std::string arg = argv[i];
        if (arg.size() < 2 || arg[0] != '-')
        {
            Fail("unexpected argument \"" + arg + "\" (options are --name=value)");
        }
        const size_t start = arg.find_first_not_of('-');
        const std::string body = start == std::string::npos ? "" : arg.substr(start);
        const size_t eq = body.find('=');
        const std::string name = body.substr(0, eq);
        const std::string value = eq == std::string::npos ? "" : body.substr(eq + 1);
        if (name.empty())
        {
            Fail("unexpected argument \"" + arg + "\" (options are --name=value)");
        }
        if (value.empty() && (m_options.count(name) || name == "RngRun"))
        {
            Fail("--" + name + ": needs a value (--" + name + "=VALUE)");
        }
        if (m_options.count(name) || kNs3.count(name))
        {
            continue;
        }
        if (name == "RngRun")
        {
            // Runs are numbered from here up: leave room for --runs of them.
            m_rngRun = Integer("RngRun", value, 0, 1000000000);
            continue;
        }
        if (name == "RngSeed")
        {
            Fail("--RngSeed: give the seed with --seed (it sets ns-3's RngSeed)");
        }
        if (name.find("::") != std::string::npos)
        {
            // An attribute's default, as ns-3 takes it: tried in a child
            // process first, since ns-3 aborts on a malformed value.
            if (!IsAttributeDefault(name, value))
            {
                Fail("--" + name + ": not an attribute, or \"" + value + "\" is not a value of it");
            }
            continue;
        }
        StringValue global;
        if (GlobalValue::GetValueByNameFailSafe(name, global))
        {
            Fail("--" + name + ": ns-3's global " + name + " is not an option of " + m_program);
        }
        Fail("--" + name + ": unknown option");
    }
    cmd.Parse(argc, argv);
}

bool
TcpFastOpenArgumentChecker::IsAttributeDefault(const std::string& name, const std::string& value)
{
    std::fflush(nullptr);
    const pid_t child = ::fork();
    if (child == 0)
    {
        // No output, no destructors: only the exit status counts.
        std::freopen("/dev/null", "w", stderr);
        std::freopen("/dev/null", "w", stdout);
        ::_exit(Config::SetDefaultFailSafe(name, StringValue(value)) ? 0 : 1);
    }
    int status = 0;
    if (child < 0 || ::waitpid(child, &status, 0) != child)
    {
        return false;
    }
    return WIFEXITED(status) && WEXITSTATUS(status) == 0 &&
           Config::SetDefaultFailSafe(name, StringValue(value));
}

uint32_t
TcpFastOpenArgumentChecker::GetRngRun() const
{
    return m_rngRun;
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
    if (text.empty() || std::isspace(static_cast<unsigned char>(text.front())) ||
        end != text.c_str() + text.size() || errno != 0 || !std::isfinite(v))
    {
        Fail("--" + name + ": \"" + text + "\" is not a number");
    }
    if (v < min || v > max)
    {
        std::ostringstream os;
        os.precision(12);
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
    // SEM reads every numeric default of --PrintHelp as a float and passes
    // it back as Python prints it: 50 comes back as "50.0".
    const std::string::size_type point = text.find('.');
    const std::string digits = text.substr(0, point);
    const bool zeroFraction =
        point == std::string::npos ||
        (point + 1 < text.size() && text.find_first_not_of('0', point + 1) == std::string::npos);
    if (digits.empty() || digits.size() > 10 ||
        digits.find_first_not_of("0123456789") != std::string::npos || !zeroFraction)
    {
        Fail("--" + name + ": \"" + text + "\" is not a non-negative integer");
    }
    return static_cast<uint32_t>(Number(name, digits, min, max));
}

uint32_t
TcpFastOpenArgumentChecker::Seed(const std::string& name, const std::string& text) const
{
    return Integer(name, text, 1, MAX_SEED);
}

bool
TcpFastOpenArgumentChecker::Boolean(const std::string& name, const std::string& text) const
{
    // True and False: Python's spelling, as SEM passes a boolean default back.
    if (text == "true" || text == "1" || text == "True")
    {
        return true;
    }
    if (text == "false" || text == "0" || text == "False")
    {
        return false;
    }
    Fail("--" + name + ": \"" + text + "\" is not a boolean (true, false, 1, 0)");
}

Time
TcpFastOpenArgumentChecker::Duration(const std::string& name, const std::string& text) const
{
    // The units ns-3's Time parser knows; anything else would abort it.
    static const std::regex kTime(
        R"(^[0-9]*\.?[0-9]+([eE][+-]?[0-9]+)?(s|ms|us|ns|ps|fs|min|h|d|y)?$)");
    if (!std::regex_match(text, kTime))
    {
        Fail("--" + name + ": \"" + text + "\" is not a non-negative time (e.g. 10ms, 1.5s)");
    }
    const Time t(text);
    if (t.IsStrictlyNegative() || t > Seconds(1e9))
    {
        Fail("--" + name + ": " + text + " is out of range [0, 1e9 s]");
    }
    return t;
}

DataRate
TcpFastOpenArgumentChecker::Rate(const std::string& name, const std::string& text) const
{
    DataRateValue rate;
    if (!rate.DeserializeFromString(text, MakeDataRateChecker()) || rate.Get().GetBitRate() == 0)
    {
        Fail("--" + name + ": \"" + text + "\" is not a data rate above 0 (e.g. 100Mbps)");
    }
    return rate.Get();
}

std::string
TcpFastOpenArgumentChecker::Choice(const std::string& name,
                                   const std::string& text,
                                   const std::vector<std::string>& choices) const
{
    if (std::find(choices.begin(), choices.end(), text) == choices.end())
    {
        std::string all;
        for (const auto& c : choices)
        {
            all += (all.empty() ? "" : ", ") + c;
        }
        Fail("--" + name + ": \"" + text + "\" is not one of " + all);
    }
    return text;
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

std::string
TcpFastOpenArgumentChecker::OutputPath(const std::string& name,
                                       const std::string& text,
                                       const std::string& dir) const
{
    namespace fs = std::filesystem;
    if (text == "none")
    {
        return "";
    }
    if (text.empty() || text.back() == '/')
    {
        Fail("--" + name + ": \"" + text + "\" is not a file name ('none' for no output)");
    }
    fs::path path(text);
    if (path.is_relative() && !dir.empty())
    {
        path = fs::path(dir) / path;
    }
    const fs::path parent = path.has_parent_path() ? path.parent_path() : fs::path(".");
    std::error_code ec;
    if (!fs::is_directory(parent, ec) || ::access(parent.c_str(), W_OK) != 0)
    {
        Fail("--" + name + ": cannot write \"" + path.string() + "\": " + parent.string() +
             " is not a writable directory");
    }
    return path.string();
}

} // namespace ns3
