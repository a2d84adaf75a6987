/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-fast-open-key.h"

#include "ns3/log.h"
#include "ns3/random-variable-stream.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdio>
#include <sodium.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpFastOpenKey");

namespace
{

/// What both parsers accept, for the error messages.
const char* const kAccepted = "expected four dash-separated 32-bit hex words "
                              "(xxxxxxxx-xxxxxxxx-xxxxxxxx-xxxxxxxx, the "
                              "net.ipv4.tcp_fastopen_key form) or 32 hex digits "
                              "(the 16 key bytes in order)";

/**
 * \brief The text without leading and trailing white space.
 * \param text the text
 * \return the trimmed text
 */
std::string
Trim(const std::string& text)
{
    const auto notSpace = [](unsigned char c) { return !std::isspace(c); };
    const auto first = std::find_if(text.begin(), text.end(), notSpace);
    const auto last = std::find_if(text.rbegin(), text.rend(), notSpace).base();
    return first < last ? std::string(first, last) : std::string();
}

/**
 * \brief Position of the first character that is not a hex digit.
 * \param text the text
 * \return its index, or std::string::npos if all are hex digits
 */
std::size_t
FirstNonHex(const std::string& text)
{
    const auto it =
        std::find_if(text.begin(), text.end(), [](unsigned char c) { return !std::isxdigit(c); });
    return it == text.end() ? std::string::npos : static_cast<std::size_t>(it - text.begin());
}

} // namespace

TcpFastOpenKey::TcpFastOpenKey(const std::array<uint8_t, SIZE>& bytes)
    : m_bytes(bytes)
{
}

bool
TcpFastOpenKey::Parse(const std::string& text, TcpFastOpenKey& key, std::string& error)
{
    NS_LOG_FUNCTION(text);
    const std::string trimmed = Trim(text);
    if (trimmed.empty())
    {
        error = std::string("empty key; ") + kAccepted;
        return false;
    }
    if (trimmed.find('-') != std::string::npos)
    {
        return ParseSysctlForm(trimmed, key, error);
    }
    return ParseHexForm(trimmed, key, error);
}

bool
TcpFastOpenKey::ParseKeyList(const std::string& text,
                             TcpFastOpenKey& primary,
                             std::optional<TcpFastOpenKey>& backup,
                             std::string& error)
{
    NS_LOG_FUNCTION(text);
    const std::size_t keys = 1 + std::count(text.begin(), text.end(), ',');
    if (keys > 2)
    {
        error = "\"" + text + "\" holds " + std::to_string(keys) +
                " comma-separated keys; expected a primary key and at most one "
                "backup key (primary[,backup])";
        return false;
    }
    const std::size_t comma = text.find(',');
    TcpFastOpenKey parsedPrimary;
    if (!Parse(text.substr(0, comma), parsedPrimary, error))
    {
        error = "primary key: " + error;
        return false;
    }
    std::optional<TcpFastOpenKey> parsedBackup;
    if (comma != std::string::npos)
    {
        TcpFastOpenKey k;
        if (!Parse(text.substr(comma + 1), k, error))
        {
            error = "backup key: " + error;
            return false;
        }
        parsedBackup = k;
    }
    primary = parsedPrimary;
    backup = parsedBackup;
    return true;
}

bool
TcpFastOpenKey::ParseSysctlForm(const std::string& text, TcpFastOpenKey& key, std::string& error)
{
    const std::size_t words = 1 + std::count(text.begin(), text.end(), '-');
    if (words != WORDS)
    {
        error =
            "\"" + text + "\" has " + std::to_string(words) + " dash-separated words; " + kAccepted;
        return false;
    }
    std::array<uint8_t, SIZE> bytes{};
    std::size_t start = 0;
    for (std::size_t i = 0; i < WORDS; ++i)
    {
        const std::size_t dash = text.find('-', start);
        uint32_t value = 0;
        if (!ParseWord(text.substr(start, dash - start), i, value, error))
        {
            return false;
        }
        StoreWordLittleEndian(value, bytes.data() + 4 * i);
        start = dash + 1;
    }
    key = TcpFastOpenKey(bytes);
    return true;
}

bool
TcpFastOpenKey::ParseWord(const std::string& word,
                          std::size_t index,
                          uint32_t& value,
                          std::string& error)
{
    const std::string where = "word " + std::to_string(index + 1) + " (\"" + word + "\")";
    const std::size_t bad = FirstNonHex(word);
    if (bad != std::string::npos)
    {
        error = where + ": '" + word[bad] + "' is not a hex digit; " + kAccepted;
        return false;
    }
    if (word.empty() || word.size() > 8)
    {
        error = where + " must have 1 to 8 hex digits (a 32-bit word); " + kAccepted;
        return false;
    }
    std::from_chars(word.data(), word.data() + word.size(), value, 16);
    return true;
}

bool
TcpFastOpenKey::ParseHexForm(const std::string& text, TcpFastOpenKey& key, std::string& error)
{
    const std::size_t bad = FirstNonHex(text);
    if (bad != std::string::npos)
    {
        error = "\"" + text + "\": '" + text[bad] + "' at position " + std::to_string(bad) +
                " is not a hex digit; " + kAccepted;
        return false;
    }
    if (text.size() != 2 * SIZE)
    {
        error = "\"" + text + "\" has " + std::to_string(text.size()) + " hex digits; " + kAccepted;
        return false;
    }
    std::array<uint8_t, SIZE> bytes{};
    std::size_t len = 0;
    if (sodium_hex2bin(bytes.data(),
                       bytes.size(),
                       text.data(),
                       text.size(),
                       nullptr,
                       &len,
                       nullptr) != 0 ||
        len != SIZE)
    {
        error = "\"" + text + "\" could not be decoded as hex; " + kAccepted;
        return false;
    }
    key = TcpFastOpenKey(bytes);
    return true;
}

TcpFastOpenKey
TcpFastOpenKey::FromRandom(Ptr<UniformRandomVariable> rng)
{
    NS_LOG_FUNCTION(rng);
    std::array<uint8_t, SIZE> bytes{};
    for (uint8_t& b : bytes)
    {
        b = static_cast<uint8_t>(rng->GetInteger(0, 255));
    }
    return TcpFastOpenKey(bytes);
}

void
TcpFastOpenKey::StoreWordLittleEndian(uint32_t value, uint8_t* out)
{
    for (std::size_t i = 0; i < 4; ++i)
    {
        out[i] = static_cast<uint8_t>(value >> (8 * i));
    }
}

uint32_t
TcpFastOpenKey::LoadWordLittleEndian(const uint8_t* in)
{
    uint32_t value = 0;
    for (std::size_t i = 0; i < 4; ++i)
    {
        value |= static_cast<uint32_t>(in[i]) << (8 * i);
    }
    return value;
}

std::string
TcpFastOpenKey::ToSysctlString() const
{
    // net/ipv4/sysctl_net_ipv4.c prints "%08x-%08x-%08x-%08x" of le32_to_cpu(words).
    char text[4 * 9];
    std::snprintf(text,
                  sizeof(text),
                  "%08x-%08x-%08x-%08x",
                  LoadWordLittleEndian(m_bytes.data()),
                  LoadWordLittleEndian(m_bytes.data() + 4),
                  LoadWordLittleEndian(m_bytes.data() + 8),
                  LoadWordLittleEndian(m_bytes.data() + 12));
    return text;
}

std::string
TcpFastOpenKey::ToHexString() const
{
    char text[2 * SIZE + 1];
    sodium_bin2hex(text, sizeof(text), m_bytes.data(), m_bytes.size());
    return text;
}

bool
TcpFastOpenKey::operator==(const TcpFastOpenKey& other) const
{
    return m_bytes == other.m_bytes;
}

bool
TcpFastOpenKey::operator!=(const TcpFastOpenKey& other) const
{
    return !(*this == other);
}

std::ostream&
operator<<(std::ostream& os, const TcpFastOpenKey& key)
{
    return os << key.ToSysctlString();
}

} // namespace ns3
