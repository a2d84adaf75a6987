/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup tcp-fast-open
 * tcp-fast-open-packetdrill: run packetdrill scripts against the module.
 *
 *   tcp-fast-open-packetdrill [options] <script.pkt | folder>...
 *
 * Options (packetdrill's): --ip_version=ipv4|ipv6|ipv4-mapped-ipv6,
 * --tolerance_usecs=N, --local_ip=A, --remote_ip=A, --bind_port=N,
 * -D NAME=VALUE (or -DNAME=VALUE), --verbose (prints the table for one script
 * too).
 *
 * One script: as packetdrill, nothing and exit 0 on success; otherwise
 * "file:line: what" on stderr and exit 1 (failure), 2 (syntax error or other
 * bad input) or 3 (a construct the simulation cannot express). Several scripts
 * or a folder (searched recursively for *.pkt): a table with one row per
 * script and a summary; the exit status is that of the worst outcome (1 if
 * any failed, else 2 if any had bad input, else 3 if any was unsupported).
 */

#include "ns3/tcp-fast-open-packetdrill-runner.h"

#include <algorithm>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <string>
#include <vector>

using namespace ns3;
using ns3::packetdrill::PacketdrillRunner;

namespace
{
/// \param argv0 program name \return exit status 2 after the usage text
int
Usage(const std::string& message)
{
    std::cerr << "tcp-fast-open-packetdrill: " << message << "\n"
              << "usage: tcp-fast-open-packetdrill [--ip_version=ipv4|ipv6|ipv4-mapped-ipv6] "
                 "[--tolerance_usecs=N] [--local_ip=A] [--remote_ip=A] [--bind_port=N] [--mtu=N] "
                 "[-D NAME=VALUE]... [--verbose] <script.pkt | folder>...\n";
    return 2;
}

/// \param text message \return its first line
std::string
FirstLine(const std::string& text)
{
    return text.substr(0, text.find('\n'));
}
} // namespace

int
main(int argc, char* argv[])
{
    PacketdrillRunner::Config config;
    std::vector<std::pair<std::string, std::string>> options;
    std::vector<std::string> targets;
    bool verbose = false;
    for (int i = 1; i < argc; ++i)
    {
        std::string arg = argv[i];
        if (arg == "-D" || arg.rfind("-D", 0) == 0)
        {
            std::string def = arg.size() > 2 ? arg.substr(2) : "";
            if (def.empty())
            {
                if (i + 1 >= argc)
                {
                    return Usage("-D needs NAME=VALUE");
                }
                def = argv[++i];
            }
            const size_t eq = def.find('=');
            if (eq == std::string::npos || eq == 0)
            {
                return Usage("-D needs NAME=VALUE, got '" + def + "'");
            }
            config.defines[def.substr(0, eq)] = def.substr(eq + 1);
        }
        else if (arg == "--verbose" || arg == "-v")
        {
            verbose = true;
        }
        else if (arg == "--help" || arg == "-h")
        {
            Usage("runs packetdrill scripts in an ns-3 simulation of the module");
            return 0;
        }
        else if (arg.rfind("--", 0) == 0)
        {
            const size_t eq = arg.find('=');
            if (eq == std::string::npos)
            {
                return Usage("option " + arg + " needs =VALUE");
            }
            options.emplace_back(arg.substr(2, eq - 2), arg.substr(eq + 1));
        }
        else
        {
            targets.push_back(arg);
        }
    }
    std::string error;
    if (!PacketdrillRunner::ApplyOptions(options, config, error))
    {
        return Usage(error);
    }
    if (targets.empty())
    {
        return Usage("no script or folder given");
    }
    std::vector<std::string> scripts;
    for (const std::string& t : targets)
    {
        std::error_code ec;
        if (std::filesystem::is_directory(t, ec))
        {
            std::vector<std::string> found;
            for (auto it = std::filesystem::recursive_directory_iterator(t, ec);
                 !ec && it != std::filesystem::recursive_directory_iterator();
                 it.increment(ec))
            {
                if (it->is_regular_file(ec) && it->path().extension() == ".pkt")
                {
                    found.push_back(it->path().string());
                }
            }
            if (ec)
            {
                return Usage("cannot read folder " + t + ": " + ec.message());
            }
            std::sort(found.begin(), found.end());
            scripts.insert(scripts.end(), found.begin(), found.end());
        }
        else if (std::filesystem::is_regular_file(t, ec))
        {
            scripts.push_back(t);
        }
        else
        {
            return Usage("no such script or folder: " + t);
        }
    }
    const bool table =
        verbose || scripts.size() > 1 || std::filesystem::is_directory(targets.front());
    PacketdrillRunner runner(config);
    int counts[4] = {0, 0, 0, 0};
    size_t width = 6;
    for (const std::string& s : scripts)
    {
        width = std::max(width, s.size());
    }
    if (table)
    {
        std::cout << std::left << std::setw(width) << "script"
                  << "  result       line  detail\n";
    }
    for (const std::string& s : scripts)
    {
        const PacketdrillRunner::Result r = runner.RunFile(s);
        counts[r.status]++;
        if (table)
        {
            std::cout << std::left << std::setw(width) << s << "  " << std::setw(11)
                      << r.StatusName() << "  " << std::right << std::setw(4)
                      << (r.line ? std::to_string(r.line) : "-") << "  " << std::left
                      << FirstLine(r.message) << "\n";
        }
        else if (r.status != PacketdrillRunner::Result::PASS)
        {
            std::cerr << r.Describe(s) << "\n";
        }
    }
    if (table)
    {
        std::cout << "\n"
                  << scripts.size() << " scripts: " << counts[0] << " pass, " << counts[1]
                  << " fail, " << counts[3] << " unsupported, " << counts[2] << " error\n";
    }
    if (counts[1])
    {
        return 1;
    }
    if (counts[2])
    {
        return 2;
    }
    return counts[3] ? 3 : 0;
}
