/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-fast-open-packetdrill-parser.h"

#include <cctype>
#include <limits>

namespace ns3
{
namespace packetdrill
{

namespace
{
/// Deepest nesting of [ ] { } ( ) in a system call.
constexpr uint32_t kMaxDepth = 32;
/// Longest time, in microseconds (a day: no script runs longer).
constexpr int64_t kMaxUsecs = 86400LL * 1000000;

/// \param c a character \return true if it starts an identifier
bool
IsIdentStart(char c)
{
    return std::isalpha(static_cast<unsigned char>(c)) || c == '_';
}

/// \param c a character \return true if it continues an identifier
bool
IsIdentChar(char c)
{
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

/// \param c a character \return its hex value, or -1
int
HexValue(char c)
{
    if (c >= '0' && c <= '9')
    {
        return c - '0';
    }
    if (c >= 'a' && c <= 'f')
    {
        return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F')
    {
        return c - 'A' + 10;
    }
    return -1;
}
} // namespace

PacketdrillParser::PacketdrillParser(const std::string& text,
                                     const std::map<std::string, std::string>& defines)
    : m_text(text),
      m_defines(defines)
{
}

SourcePos
PacketdrillParser::Pos() const
{
    return {m_line, m_column};
}

char
PacketdrillParser::Peek(size_t offset) const
{
    return m_at + offset < m_text.size() ? m_text[m_at + offset] : '\0';
}

bool
PacketdrillParser::AtEnd() const
{
    return m_at >= m_text.size();
}

void
PacketdrillParser::Advance()
{
    if (AtEnd())
    {
        return;
    }
    if (m_text[m_at] == '\n')
    {
        m_line++;
        m_column = 1;
    }
    else
    {
        m_column++;
    }
    m_at++;
}

void
PacketdrillParser::SkipBlanks()
{
    while (!AtEnd())
    {
        const char c = Peek();
        if (c == ' ' || c == '\t' || c == '\r')
        {
            Advance();
        }
        else if (c == '/' && Peek(1) == '/')
        {
            while (!AtEnd() && Peek() != '\n')
            {
                Advance();
            }
        }
        else if (c == '/' && Peek(1) == '*')
        {
            const SourcePos start = Pos();
            Advance();
            Advance();
            while (!AtEnd() && !(Peek() == '*' && Peek(1) == '/'))
            {
                Advance();
            }
            if (AtEnd())
            {
                FailAt(start, "unterminated comment");
            }
            Advance();
            Advance();
        }
        else
        {
            return;
        }
    }
}

void
PacketdrillParser::SkipSpace()
{
    while (true)
    {
        SkipBlanks();
        if (Peek() != '\n')
        {
            return;
        }
        Advance();
    }
}

bool
PacketdrillParser::Accept(const std::string& text)
{
    if (m_text.compare(m_at, text.size(), text) != 0)
    {
        return false;
    }
    for (size_t i = 0; i < text.size(); ++i)
    {
        Advance();
    }
    return true;
}

void
PacketdrillParser::Expect(const std::string& text)
{
    if (!Accept(text))
    {
        Fail("expected '" + text + "'" +
             (AtEnd() ? std::string(" at the end of the script")
                      : " but found '" + std::string(1, Peek()) + "'"));
    }
}

void
PacketdrillParser::Fail(const std::string& message) const
{
    FailAt(Pos(), message);
}

void
PacketdrillParser::FailAt(SourcePos pos, const std::string& message)
{
    throw SyntaxError(pos, message);
}

std::string
PacketdrillParser::Identifier()
{
    std::string id;
    if (!IsIdentStart(Peek()))
    {
        return id;
    }
    while (IsIdentChar(Peek()))
    {
        id += Peek();
        Advance();
    }
    return id;
}

std::string
PacketdrillParser::Word()
{
    std::string word;
    while (!AtEnd())
    {
        const char c = Peek();
        if (std::isspace(static_cast<unsigned char>(c)) ||
            std::string(",<>()[]{}").find(c) != std::string::npos)
        {
            break;
        }
        word += c;
        Advance();
    }
    return word;
}

uint32_t
PacketdrillParser::Unsigned32()
{
    const SourcePos start = Pos();
    const int64_t value = Integer();
    if (value < 0 || value > std::numeric_limits<uint32_t>::max())
    {
        FailAt(start, "number out of range 0..4294967295");
    }
    return static_cast<uint32_t>(value);
}

int64_t
PacketdrillParser::Integer()
{
    const SourcePos start = Pos();
    bool negative = false;
    if (Peek() == '-')
    {
        negative = true;
        Advance();
    }
    uint64_t value = 0;
    bool any = false;
    if (Peek() == '0' && (Peek(1) == 'x' || Peek(1) == 'X'))
    {
        Advance();
        Advance();
        while (HexValue(Peek()) >= 0)
        {
            if (value > (std::numeric_limits<uint64_t>::max() >> 5))
            {
                FailAt(start, "number too large");
            }
            value = value * 16 + HexValue(Peek());
            any = true;
            Advance();
        }
    }
    else
    {
        while (std::isdigit(static_cast<unsigned char>(Peek())))
        {
            if (value > (std::numeric_limits<uint64_t>::max() / 20))
            {
                FailAt(start, "number too large");
            }
            value = value * 10 + (Peek() - '0');
            any = true;
            Advance();
        }
    }
    if (!any)
    {
        FailAt(start, "expected a number");
    }
    if (IsIdentChar(Peek()))
    {
        Fail("unexpected character '" + std::string(1, Peek()) + "' in a number");
    }
    if (value > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
    {
        FailAt(start, "number too large");
    }
    return negative ? -static_cast<int64_t>(value) : static_cast<int64_t>(value);
}

int64_t
PacketdrillParser::Seconds()
{
    const SourcePos start = Pos();
    int64_t whole = 0;
    bool any = false;
    while (std::isdigit(static_cast<unsigned char>(Peek())))
    {
        whole = whole * 10 + (Peek() - '0');
        if (whole > kMaxUsecs / 1000000)
        {
            FailAt(start, "time too large");
        }
        any = true;
        Advance();
    }
    int64_t micros = 0;
    // A '.' starts a fraction unless it starts "..." (a blocking call's end).
    if (Peek() == '.' && Peek(1) != '.')
    {
        Advance();
        int64_t scale = 100000;
        while (std::isdigit(static_cast<unsigned char>(Peek())))
        {
            micros += (Peek() - '0') * scale;
            scale /= 10;
            any = true;
            Advance();
        }
    }
    if (!any)
    {
        FailAt(start, "expected a time");
    }
    return whole * 1000000 + micros;
}

Script
PacketdrillParser::Parse()
{
    Script script;
    SkipSpace();
    while (!AtEnd())
    {
        if (Peek() == '-' && Peek(1) == '-')
        {
            script.options.push_back(OptionLine());
        }
        else
        {
            script.events.push_back(ParseEvent());
        }
        SkipSpace();
    }
    return script;
}

std::pair<std::string, std::string>
PacketdrillParser::OptionLine()
{
    Expect("--");
    const std::string name = Word();
    const size_t eq = name.find('=');
    if (name.empty() || eq == 0)
    {
        Fail("expected an option name after '--'");
    }
    if (eq == std::string::npos)
    {
        return {name, ""};
    }
    return {name.substr(0, eq), name.substr(eq + 1)};
}

Event
PacketdrillParser::ParseEvent()
{
    Event event;
    event.pos = Pos();
    if (Peek() == '`' || (Peek() == '%' && Peek(1) == '{'))
    {
        // A command or code block without a time runs right after the
        // previous line (packetdrill's "+0").
        event.time.type = TimeType::RELATIVE;
    }
    else
    {
        ParseTime(event);
    }
    SkipSpace();
    const SourcePos actionPos = Pos();
    if (Peek() == '<' || Peek() == '>')
    {
        event.kind = Event::PACKET;
        ParsePacket(event.packet);
    }
    else if (Peek() == '`')
    {
        event.kind = Event::COMMAND;
        Advance();
        while (!AtEnd() && Peek() != '`')
        {
            event.text += Peek();
            Advance();
        }
        if (AtEnd())
        {
            FailAt(actionPos, "unterminated backquoted command");
        }
        Advance();
    }
    else if (Peek() == '%' && Peek(1) == '{')
    {
        event.kind = Event::CODE;
        Advance();
        Advance();
        while (!AtEnd() && !(Peek() == '}' && Peek(1) == '%'))
        {
            event.text += Peek();
            Advance();
        }
        if (AtEnd())
        {
            FailAt(actionPos, "unterminated %{ code }%");
        }
        Advance();
        Advance();
    }
    else if (IsIdentStart(Peek()))
    {
        event.kind = Event::SYSCALL;
        ParseSyscall(event.syscall);
    }
    else
    {
        Fail(AtEnd() ? "expected a packet, system call, command or code after the time"
                     : "unexpected '" + std::string(1, Peek()) +
                           "': expected '<', '>', a system call, `command` or %{ code }%");
    }
    if (event.time.callEndUsecs && event.kind != Event::SYSCALL)
    {
        FailAt(event.pos, "a '...' end time is only allowed on a system call");
    }
    return event;
}

void
PacketdrillParser::ParseTime(Event& event)
{
    EventTime& t = event.time;
    if (Accept("*"))
    {
        t.type = TimeType::ANY;
        return;
    }
    const bool relative = Accept("+");
    t.type = relative ? TimeType::RELATIVE : TimeType::ABSOLUTE;
    t.usecs = Seconds();
    if (Accept("~"))
    {
        const bool endRelative = Accept("+");
        if (endRelative != relative)
        {
            Fail("both ends of a time range must be relative (+) or absolute");
        }
        t.type = relative ? TimeType::RELATIVE_RANGE : TimeType::ABSOLUTE_RANGE;
        t.endUsecs = Seconds();
        if (t.endUsecs < t.usecs)
        {
            Fail("a time range ends before it starts");
        }
    }
    SkipBlanks();
    if (Accept("..."))
    {
        SkipBlanks();
        if (t.type != TimeType::ABSOLUTE && t.type != TimeType::RELATIVE)
        {
            Fail("a blocking call's time cannot be a range");
        }
        Accept("+");
        t.callEndUsecs = Seconds();
        if (t.type == TimeType::ABSOLUTE && *t.callEndUsecs < t.usecs)
        {
            Fail("a blocking call ends before it starts");
        }
    }
}

void
PacketdrillParser::ParsePacket(PacketSpec& packet)
{
    const size_t startOffset = m_at;
    const uint32_t startLine = m_line;
    packet.inbound = Peek() == '<';
    Advance();
    SkipBlanks();
    if (Peek() == '[')
    {
        Advance();
        packet.ecn = Identifier();
        if (packet.ecn != "noecn" && packet.ecn != "ect0" && packet.ecn != "ect1" &&
            packet.ecn != "ce" && packet.ecn != "ect01")
        {
            Fail("unknown ECN codepoint '" + packet.ecn + "'");
        }
        Expect("]");
        SkipBlanks();
    }
    const size_t wordStart = m_at;
    const std::string first = Identifier();
    if (first == "icmp" || first == "udp" || first == "ip" || first == "ipv4" || first == "ipv6" ||
        first == "gre" || first == "mpls")
    {
        // Not TCP: kept as text to the end of the line, reported by the runner.
        packet.protocol = first == "udp" ? PacketSpec::UDP : PacketSpec::ICMP;
        while (!AtEnd() && Peek() != '\n')
        {
            Advance();
        }
        packet.text = m_text.substr(startOffset, m_at - startOffset);
        return;
    }
    // Not a keyword: back to the start of the flags (they are letters and dots).
    while (m_at > wordStart)
    {
        m_at--;
        m_column--;
    }
    while (std::string("SFPRUEW.").find(Peek()) != std::string::npos && !AtEnd())
    {
        packet.flags += Peek();
        Advance();
    }
    if (packet.flags.empty())
    {
        Fail("expected TCP flags (S F P R U E W .)");
    }
    if (IsIdentChar(Peek()))
    {
        Fail("unknown TCP flag '" + std::string(1, Peek()) + "'");
    }
    SkipBlanks();
    const SourcePos seqPos = Pos();
    packet.seqStart = Unsigned32();
    Expect(":");
    packet.seqEnd = Unsigned32();
    Expect("(");
    packet.len = Unsigned32();
    Expect(")");
    if (packet.seqEnd - packet.seqStart != packet.len)
    {
        FailAt(seqPos, "the sequence range and the length differ");
    }
    if (packet.len > 65000)
    {
        Fail("payload length too large");
    }
    while (true)
    {
        SkipBlanks();
        if (Accept("ack"))
        {
            SkipBlanks();
            packet.ack = Unsigned32();
        }
        else if (Accept("win"))
        {
            SkipBlanks();
            const uint32_t win = Unsigned32();
            if (win > 65535)
            {
                Fail("window larger than 65535");
            }
            packet.win = win;
        }
        else if (Accept("urg"))
        {
            SkipBlanks();
            Unsigned32();
            Fail("urgent pointers are not supported");
        }
        else if (Peek() == '<')
        {
            ParseTcpOptions(packet);
        }
        else
        {
            break;
        }
    }
    if (m_line == startLine)
    {
        packet.text = m_text.substr(startOffset, m_at - startOffset);
    }
    else
    {
        packet.text = m_text.substr(startOffset, m_text.find('\n', startOffset) - startOffset);
    }
    while (!packet.text.empty() && std::isspace(static_cast<unsigned char>(packet.text.back())))
    {
        packet.text.pop_back();
    }
}

void
PacketdrillParser::ParseTcpOptions(PacketSpec& packet)
{
    if (packet.hasOptions)
    {
        Fail("a second option list");
    }
    Expect("<");
    packet.hasOptions = true;
    SkipSpace();
    if (Accept("...>"))
    {
        packet.optionsNoCheck = true;
        return;
    }
    while (true)
    {
        SkipSpace();
        const SourcePos at = Pos();
        const std::string name = Identifier();
        TcpOptionSpec o;
        SkipBlanks();
        if (name == "nop")
        {
            o.kind = TcpOptionSpec::NOP;
        }
        else if (name == "eol")
        {
            o.kind = TcpOptionSpec::EOL;
        }
        else if (name == "mss")
        {
            o.kind = TcpOptionSpec::MSS;
            o.value = Unsigned32();
            if (o.value > 65535)
            {
                FailAt(at, "mss larger than 65535");
            }
        }
        else if (name == "wscale")
        {
            o.kind = TcpOptionSpec::WSCALE;
            o.value = Unsigned32();
            if (o.value > 255)
            {
                FailAt(at, "wscale larger than 255");
            }
        }
        else if (name == "sackOK")
        {
            o.kind = TcpOptionSpec::SACK_OK;
        }
        else if (name == "TS")
        {
            o.kind = TcpOptionSpec::TS;
            Expect("val");
            SkipBlanks();
            o.tsVal = Unsigned32();
            SkipBlanks();
            Expect("ecr");
            SkipBlanks();
            o.tsEcr = Unsigned32();
        }
        else if (name == "sack")
        {
            o.kind = TcpOptionSpec::SACK;
            while (std::isdigit(static_cast<unsigned char>(Peek())))
            {
                const uint32_t left = Unsigned32();
                Expect(":");
                const uint32_t right = Unsigned32();
                o.sack.emplace_back(left, right);
                SkipBlanks();
            }
            if (o.sack.empty() || o.sack.size() > 4)
            {
                FailAt(at, "sack needs 1 to 4 blocks");
            }
        }
        else if (name == "FO" || name == "FOEXP")
        {
            o.kind = name == "FO" ? TcpOptionSpec::FO : TcpOptionSpec::FOEXP;
            if (Peek() != ',' && Peek() != '>')
            {
                o.cookie = Cookie();
            }
        }
        else if (name.empty())
        {
            Fail("expected a TCP option");
        }
        else
        {
            FailAt(at, "unknown TCP option '" + name + "'");
        }
        packet.options.push_back(o);
        if (packet.options.size() > 40)
        {
            FailAt(at, "too many TCP options");
        }
        SkipSpace();
        if (Accept(">"))
        {
            return;
        }
        Expect(",");
    }
}

std::vector<uint8_t>
PacketdrillParser::Cookie()
{
    const SourcePos at = Pos();
    std::string word;
    while (IsIdentChar(Peek()))
    {
        word += Peek();
        Advance();
    }
    if (word.empty())
    {
        Fail("expected a cookie (hex digits or a -D symbol)");
    }
    auto it = m_defines.find(word);
    const std::string hex = it != m_defines.end() ? it->second : word;
    std::vector<uint8_t> bytes;
    if (hex.size() % 2 != 0)
    {
        FailAt(at, "cookie '" + word + "' has an odd number of hex digits");
    }
    for (size_t i = 0; i < hex.size(); i += 2)
    {
        const int hi = HexValue(hex[i]);
        const int lo = HexValue(hex[i + 1]);
        if (hi < 0 || lo < 0)
        {
            FailAt(at,
                   it != m_defines.end() ? "symbol '" + word + "' is not a hex cookie"
                                         : "undefined symbol or bad hex cookie '" + word + "'");
        }
        bytes.push_back(static_cast<uint8_t>(hi * 16 + lo));
    }
    if (bytes.size() > 32)
    {
        FailAt(at, "cookie longer than 32 bytes");
    }
    return bytes;
}

void
PacketdrillParser::ParseSyscall(SyscallSpec& call)
{
    call.name = Identifier();
    SkipBlanks();
    Expect("(");
    SkipSpace();
    if (!Accept(")"))
    {
        while (true)
        {
            call.args.push_back(ParseExpr(1));
            SkipSpace();
            if (Accept(")"))
            {
                break;
            }
            Expect(",");
            SkipSpace();
        }
    }
    SkipSpace();
    Expect("=");
    SkipSpace();
    call.result = ParseExpr(1);
    SkipBlanks();
    if (IsIdentStart(Peek()))
    {
        call.errnoName = Identifier();
        SkipBlanks();
    }
    if (Peek() == '(')
    {
        Balanced('(', ')'); // the errno's text, e.g. "(Invalid argument)"
    }
}

Expr
PacketdrillParser::ParseExpr(uint32_t depth)
{
    Expr first = ParsePrimary(depth);
    SkipSpace();
    if (Peek() != '|')
    {
        return first;
    }
    Expr orExpr;
    orExpr.kind = Expr::OR;
    orExpr.pos = first.pos;
    orExpr.items.push_back(first);
    while (Accept("|"))
    {
        SkipSpace();
        orExpr.items.push_back(ParsePrimary(depth));
        SkipSpace();
    }
    return orExpr;
}

Expr
PacketdrillParser::ParsePrimary(uint32_t depth)
{
    if (depth > kMaxDepth)
    {
        Fail("expression nested too deeply");
    }
    Expr e;
    e.pos = Pos();
    const char c = Peek();
    if (Accept("..."))
    {
        e.kind = Expr::ELLIPSIS;
    }
    else if (std::isdigit(static_cast<unsigned char>(c)) || c == '-')
    {
        e.kind = Expr::INT;
        e.number = Integer();
    }
    else if (c == '"')
    {
        e.kind = Expr::STRING;
        e.text = StringLiteral();
    }
    else if (c == '[' || c == '{')
    {
        const char close = c == '[' ? ']' : '}';
        e.kind = c == '[' ? Expr::LIST : Expr::STRUCT;
        Advance();
        SkipSpace();
        if (!Accept(std::string(1, close)))
        {
            while (true)
            {
                Expr item = ParseExpr(depth + 1);
                SkipSpace();
                // name=value, or name(n)=value as msg_iov(1)=[...]
                const bool named = item.kind == Expr::SYMBOL ||
                                   (item.kind == Expr::CALL && item.items.size() == 1);
                if (e.kind == Expr::STRUCT && named && Peek() == '=')
                {
                    Advance();
                    SkipSpace();
                    Expr field;
                    field.kind = Expr::FIELD;
                    field.pos = item.pos;
                    field.text = item.text;
                    field.number = item.kind == Expr::CALL && item.items[0].kind == Expr::INT
                                       ? item.items[0].number
                                       : -1;
                    field.items.push_back(ParseExpr(depth + 1));
                    item = field;
                    SkipSpace();
                }
                e.items.push_back(item);
                if (e.items.size() > 1024)
                {
                    Fail("too many elements");
                }
                if (Accept(std::string(1, close)))
                {
                    break;
                }
                Expect(",");
                SkipSpace();
            }
        }
    }
    else if (IsIdentStart(c))
    {
        e.text = Identifier();
        e.kind = Expr::SYMBOL;
        SkipBlanks();
        if (Peek() == '(')
        {
            e.kind = Expr::CALL;
            Advance();
            SkipSpace();
            if (!Accept(")"))
            {
                while (true)
                {
                    e.items.push_back(ParseExpr(depth + 1));
                    SkipSpace();
                    if (Accept(")"))
                    {
                        break;
                    }
                    Expect(",");
                    SkipSpace();
                }
            }
        }
    }
    else
    {
        Fail(AtEnd() ? "expected an expression at the end of the script"
                     : "unexpected '" + std::string(1, c) + "' in an expression");
    }
    return e;
}

std::string
PacketdrillParser::StringLiteral()
{
    const SourcePos start = Pos();
    Expect("\"");
    std::string s;
    while (true)
    {
        if (AtEnd() || Peek() == '\n')
        {
            FailAt(start, "unterminated string");
        }
        char c = Peek();
        Advance();
        if (c == '"')
        {
            return s;
        }
        if (c != '\\')
        {
            s += c;
            continue;
        }
        const char e = Peek();
        Advance();
        if (e == 'x')
        {
            int value = 0;
            int digits = 0;
            while (digits < 2 && HexValue(Peek()) >= 0)
            {
                value = value * 16 + HexValue(Peek());
                Advance();
                digits++;
            }
            if (digits == 0)
            {
                Fail("\\x without hex digits");
            }
            s += static_cast<char>(value);
        }
        else if (e >= '0' && e <= '7')
        {
            int value = e - '0';
            for (int i = 0; i < 2 && Peek() >= '0' && Peek() <= '7'; ++i)
            {
                value = value * 8 + (Peek() - '0');
                Advance();
            }
            s += static_cast<char>(value & 0xff);
        }
        else if (e == 'n')
        {
            s += '\n';
        }
        else if (e == 't')
        {
            s += '\t';
        }
        else if (e == '\\' || e == '"' || e == '\'')
        {
            s += e;
        }
        else
        {
            Fail("unknown escape in a string");
        }
    }
}

std::string
PacketdrillParser::Balanced(char open, char close)
{
    const SourcePos start = Pos();
    Expect(std::string(1, open));
    int depth = 1;
    std::string text;
    while (!AtEnd())
    {
        const char c = Peek();
        Advance();
        if (c == open)
        {
            depth++;
        }
        else if (c == close && --depth == 0)
        {
            return text;
        }
        text += c;
    }
    FailAt(start, "unbalanced '" + std::string(1, open) + "'");
}

} // namespace packetdrill
} // namespace ns3
