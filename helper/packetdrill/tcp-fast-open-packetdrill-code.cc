/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-fast-open-packetdrill-code.h"

#include <cctype>
#include <stdexcept>
#include <vector>

namespace ns3
{
namespace packetdrill
{

namespace
{
/// Thrown when a block uses what the evaluator cannot answer.
struct Unsupported : std::runtime_error
{
    using std::runtime_error::runtime_error;
};

/// \param s text \return s without leading and trailing blanks
std::string
Trim(const std::string& s)
{
    const size_t b = s.find_first_not_of(" \t\r\n");
    if (b == std::string::npos)
    {
        return "";
    }
    return s.substr(b, s.find_last_not_of(" \t\r\n") - b + 1);
}

/**
 * \param s a statement \return the offset of its top-level comma, or npos
 */
size_t
TopLevelComma(const std::string& s)
{
    int depth = 0;
    for (size_t i = 0; i < s.size(); ++i)
    {
        if (s[i] == '(')
        {
            depth++;
        }
        else if (s[i] == ')')
        {
            depth--;
        }
        else if (s[i] == ',' && depth == 0)
        {
            return i;
        }
    }
    return std::string::npos;
}
} // namespace

PacketdrillCode::PacketdrillCode(const std::map<std::string, int64_t>& symbols)
    : m_symbols(symbols)
{
}

PacketdrillCode::Outcome
PacketdrillCode::Evaluate(const std::string& code)
{
    std::vector<std::string> statements;
    std::string current;
    for (char c : code)
    {
        if (c == '\n' || c == ';')
        {
            statements.push_back(current);
            current.clear();
        }
        else
        {
            current += c;
        }
    }
    statements.push_back(current);
    Outcome outcome;
    for (const std::string& raw : statements)
    {
        const std::string s = Trim(raw);
        if (s.empty() || s[0] == '#')
        {
            continue;
        }
        if (s.compare(0, 6, "assert") != 0 || (s.size() > 6 && !std::isspace(s[6]) && s[6] != '('))
        {
            return {Outcome::UNSUPPORTED, "Python statement '" + s + "'"};
        }
        std::string expr = s.substr(6);
        const size_t comma = TopLevelComma(expr);
        if (comma != std::string::npos)
        {
            expr = expr.substr(0, comma);
        }
        m_text = expr;
        m_at = 0;
        m_depth = 0;
        int64_t value = 0;
        try
        {
            value = Or();
            Skip();
            if (m_at != m_text.size())
            {
                throw Unsupported("Python syntax '" + Trim(m_text.substr(m_at)) + "'");
            }
        }
        catch (const Unsupported& e)
        {
            return {Outcome::UNSUPPORTED, e.what()};
        }
        if (!value)
        {
            return {Outcome::FAIL, "assertion failed: " + Trim(expr)};
        }
    }
    return outcome;
}

void
PacketdrillCode::Skip()
{
    while (m_at < m_text.size() && std::isspace(static_cast<unsigned char>(m_text[m_at])))
    {
        m_at++;
    }
}

bool
PacketdrillCode::Accept(const std::string& word)
{
    Skip();
    if (m_text.compare(m_at, word.size(), word) != 0)
    {
        return false;
    }
    const size_t after = m_at + word.size();
    if (std::isalpha(static_cast<unsigned char>(word[0])) && after < m_text.size() &&
        (std::isalnum(static_cast<unsigned char>(m_text[after])) || m_text[after] == '_'))
    {
        return false; // "not" in "nothing"
    }
    m_at = after;
    return true;
}

int64_t
PacketdrillCode::Or()
{
    int64_t v = And();
    while (Accept("or"))
    {
        const int64_t r = And();
        v = v ? v : r;
    }
    return v;
}

int64_t
PacketdrillCode::And()
{
    int64_t v = Not();
    while (Accept("and"))
    {
        const int64_t r = Not();
        v = v ? r : v;
    }
    return v;
}

int64_t
PacketdrillCode::Not()
{
    if (Accept("not"))
    {
        return !Not();
    }
    return Comparison();
}

int64_t
PacketdrillCode::Comparison()
{
    int64_t left = BitOr();
    int64_t result = 1;
    bool any = false;
    while (true)
    {
        int op = 0;
        if (Accept("=="))
        {
            op = 1;
        }
        else if (Accept("!="))
        {
            op = 2;
        }
        else if (Accept("<="))
        {
            op = 3;
        }
        else if (Accept(">="))
        {
            op = 4;
        }
        else if (Accept("<"))
        {
            op = 5;
        }
        else if (Accept(">"))
        {
            op = 6;
        }
        else
        {
            break;
        }
        any = true;
        const int64_t right = BitOr();
        bool r = false;
        switch (op)
        {
        case 1:
            r = left == right;
            break;
        case 2:
            r = left != right;
            break;
        case 3:
            r = left <= right;
            break;
        case 4:
            r = left >= right;
            break;
        case 5:
            r = left < right;
            break;
        default:
            r = left > right;
            break;
        }
        result = result && r;
        left = right;
    }
    return any ? result : left;
}

int64_t
PacketdrillCode::BitOr()
{
    int64_t v = BitXor();
    while (Accept("|"))
    {
        v |= BitXor();
    }
    return v;
}

int64_t
PacketdrillCode::BitXor()
{
    int64_t v = BitAnd();
    while (Accept("^"))
    {
        v ^= BitAnd();
    }
    return v;
}

int64_t
PacketdrillCode::BitAnd()
{
    int64_t v = Shift();
    while (Accept("&"))
    {
        v &= Shift();
    }
    return v;
}

int64_t
PacketdrillCode::Shift()
{
    int64_t v = Sum();
    while (true)
    {
        if (Accept("<<"))
        {
            const int64_t n = Sum();
            if (n < 0 || n > 62)
            {
                throw Unsupported("shift count out of range");
            }
            v = static_cast<int64_t>(static_cast<uint64_t>(v) << n);
        }
        else if (Accept(">>"))
        {
            const int64_t n = Sum();
            if (n < 0 || n > 62)
            {
                throw Unsupported("shift count out of range");
            }
            v >>= n;
        }
        else
        {
            return v;
        }
    }
}

int64_t
PacketdrillCode::Sum()
{
    int64_t v = Product();
    while (true)
    {
        if (Accept("+"))
        {
            v = static_cast<int64_t>(static_cast<uint64_t>(v) + static_cast<uint64_t>(Product()));
        }
        else if (Accept("-"))
        {
            v = static_cast<int64_t>(static_cast<uint64_t>(v) - static_cast<uint64_t>(Product()));
        }
        else
        {
            return v;
        }
    }
}

int64_t
PacketdrillCode::Product()
{
    int64_t v = Unary();
    while (true)
    {
        if (Accept("*"))
        {
            v = static_cast<int64_t>(static_cast<uint64_t>(v) * static_cast<uint64_t>(Unary()));
        }
        else if (Accept("//") || Accept("%"))
        {
            const bool modulo = m_text[m_at - 1] == '%';
            const int64_t d = Unary();
            if (d == 0)
            {
                throw Unsupported("division by zero");
            }
            v = modulo ? v % d : v / d;
        }
        else
        {
            return v;
        }
    }
}

int64_t
PacketdrillCode::Unary()
{
    if (Accept("-"))
    {
        return static_cast<int64_t>(0 - static_cast<uint64_t>(Unary()));
    }
    if (Accept("~"))
    {
        return ~Unary();
    }
    if (Accept("+"))
    {
        return Unary();
    }
    return Atom();
}

int64_t
PacketdrillCode::Atom()
{
    Skip();
    if (Accept("("))
    {
        if (++m_depth > 32)
        {
            throw Unsupported("expression nested too deeply");
        }
        const int64_t v = Or();
        if (!Accept(")"))
        {
            throw Unsupported("Python syntax: missing ')'");
        }
        m_depth--;
        return v;
    }
    if (m_at < m_text.size() && std::isdigit(static_cast<unsigned char>(m_text[m_at])))
    {
        size_t used = 0;
        int64_t v = 0;
        try
        {
            v = std::stoll(m_text.substr(m_at), &used, 0);
        }
        catch (const std::exception&)
        {
            throw Unsupported("number '" + m_text.substr(m_at, 20) + "'");
        }
        m_at += used;
        return v;
    }
    std::string name;
    while (m_at < m_text.size() &&
           (std::isalnum(static_cast<unsigned char>(m_text[m_at])) || m_text[m_at] == '_'))
    {
        name += m_text[m_at++];
    }
    if (name.empty())
    {
        throw Unsupported("Python syntax '" + Trim(m_text.substr(m_at)) + "'");
    }
    if (name == "True")
    {
        return 1;
    }
    if (name == "False")
    {
        return 0;
    }
    auto it = m_symbols.find(name);
    if (it == m_symbols.end())
    {
        throw Unsupported("'" + name + "' (the model does not report it)");
    }
    Skip();
    if (m_at < m_text.size() && (m_text[m_at] == '(' || m_text[m_at] == '.' || m_text[m_at] == '['))
    {
        throw Unsupported("Python call or attribute after '" + name + "'");
    }
    return it->second;
}

} // namespace packetdrill
} // namespace ns3
