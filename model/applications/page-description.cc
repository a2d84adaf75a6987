/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "page-description.h"

#include "ns3/log.h"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <limits>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("PageDescription");

namespace
{

/**
 * \param text decimal digits
 * \param[out] value the number
 * \return true if \p text is a number that fits in 32 bits
 */
bool
ParseUint(const std::string& text, uint32_t& value)
{
    if (text.empty() || text.size() > 10 ||
        !std::all_of(text.begin(), text.end(), [](char c) { return std::isdigit(c); }))
    {
        return false;
    }
    const uint64_t v = std::stoull(text);
    if (v > std::numeric_limits<uint32_t>::max())
    {
        return false;
    }
    value = static_cast<uint32_t>(v);
    return true;
}

} // namespace

PageDescription::PageDescription()
{
    NS_LOG_FUNCTION(this);
}

bool
PageDescription::Parse(const std::string& input, std::string& error)
{
    std::string text;
    for (char c : input)
    {
        if (!std::isspace(static_cast<unsigned char>(c)))
        {
            text += c;
        }
    }
    PageDescription page;
    const auto colon = text.find(':');
    if (colon != std::string::npos)
    {
        page.m_name = text.substr(0, colon);
        text = text.substr(colon + 1);
    }
    bool haveBase = false;
    std::istringstream fields(text);
    std::string field;
    while (std::getline(fields, field, ';'))
    {
        if (field.empty())
        {
            continue;
        }
        const auto eq = field.find('=');
        if (eq == std::string::npos)
        {
            error = "\"" + field + "\" is not key=value (keys: base, objects)";
            return false;
        }
        const std::string key = field.substr(0, eq);
        const std::string value = field.substr(eq + 1);
        if (key == "base")
        {
            if (!ParseUint(value, page.m_baseSize) || page.m_baseSize == 0)
            {
                error = "base=" + value + ": the base object size must be a positive integer";
                return false;
            }
            haveBase = true;
        }
        else if (key == "objects")
        {
            std::istringstream groups(value);
            std::string g;
            while (std::getline(groups, g, ','))
            {
                ObjectGroup group;
                const auto x = g.find('x');
                const auto at = g.find('@');
                if (x == std::string::npos || (at != std::string::npos && at < x))
                {
                    error = "object group \"" + g + "\" is not COUNTxBYTES[@ORIGIN]";
                    return false;
                }
                const std::string count = g.substr(0, x);
                const std::string size =
                    g.substr(x + 1, at == std::string::npos ? std::string::npos : at - x - 1);
                if (!ParseUint(count, group.count) || group.count == 0 ||
                    !ParseUint(size, group.size) || group.size == 0)
                {
                    error = "object group \"" + g + "\": count and size must be positive integers";
                    return false;
                }
                if (at != std::string::npos && (!ParseUint(g.substr(at + 1), group.origin) ||
                                                group.origin == 0 || group.origin > 1000))
                {
                    error = "object group \"" + g + "\": the origin must be an integer in 1..1000";
                    return false;
                }
                page.m_groups.push_back(group);
            }
        }
        else
        {
            error = "unknown key \"" + key + "\" (keys: base, objects)";
            return false;
        }
    }
    if (!haveBase)
    {
        error = "\"" + input + "\" has no base=BYTES";
        return false;
    }
    *this = page;
    return true;
}

bool
PageDescription::ReadFile(const std::string& path,
                          std::vector<PageDescription>& pages,
                          std::string& error)
{
    std::ifstream in(path);
    if (!in)
    {
        error = "cannot open page file \"" + path + "\"";
        return false;
    }
    std::string line;
    uint32_t number = 0;
    while (std::getline(in, line))
    {
        ++number;
        line = line.substr(0, line.find('#'));
        if (line.find_first_not_of(" \t\r") == std::string::npos)
        {
            continue;
        }
        PageDescription page;
        std::string why;
        if (!page.Parse(line, why))
        {
            error = path + ":" + std::to_string(number) + ": " + why;
            return false;
        }
        pages.push_back(page);
    }
    if (pages.empty())
    {
        error = "page file \"" + path + "\" describes no page";
        return false;
    }
    return true;
}

const std::string&
PageDescription::GetName() const
{
    return m_name;
}

void
PageDescription::SetName(const std::string& name)
{
    m_name = name;
}

uint32_t
PageDescription::GetBaseSize() const
{
    return m_baseSize;
}

void
PageDescription::SetBaseSize(uint32_t size)
{
    m_baseSize = size;
}

const std::vector<PageDescription::ObjectGroup>&
PageDescription::GetGroups() const
{
    return m_groups;
}

void
PageDescription::AddGroup(const ObjectGroup& group)
{
    m_groups.push_back(group);
}

uint32_t
PageDescription::GetOriginCount() const
{
    uint32_t n = 1;
    for (const auto& g : m_groups)
    {
        n = std::max(n, g.origin);
    }
    return n;
}

uint32_t
PageDescription::GetObjectCount() const
{
    uint32_t n = 0;
    for (const auto& g : m_groups)
    {
        n += g.count;
    }
    return n;
}

uint64_t
PageDescription::GetTotalBytes() const
{
    uint64_t n = m_baseSize;
    for (const auto& g : m_groups)
    {
        n += static_cast<uint64_t>(g.count) * g.size;
    }
    return n;
}

std::vector<PageDescription::ObjectGroup>
PageDescription::GetObjects() const
{
    std::vector<ObjectGroup> objects;
    for (const auto& g : m_groups)
    {
        for (uint32_t i = 0; i < g.count; ++i)
        {
            objects.push_back({1, g.size, g.origin});
        }
    }
    return objects;
}

std::string
PageDescription::ToString() const
{
    std::ostringstream os;
    if (!m_name.empty())
    {
        os << m_name << ":";
    }
    os << "base=" << m_baseSize;
    if (!m_groups.empty())
    {
        os << ";objects=";
        for (size_t i = 0; i < m_groups.size(); ++i)
        {
            os << (i ? "," : "") << m_groups[i].count << "x" << m_groups[i].size << "@"
               << m_groups[i].origin;
        }
    }
    return os.str();
}

} // namespace ns3
