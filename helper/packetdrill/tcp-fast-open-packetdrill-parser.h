/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_FAST_OPEN_PACKETDRILL_PARSER_H
#define TCP_FAST_OPEN_PACKETDRILL_PARSER_H

#include "tcp-fast-open-packetdrill-script.h"

#include <map>
#include <string>

namespace ns3
{
namespace packetdrill
{

/**
 * \ingroup tcp-fast-open
 * \brief A recursive-descent parser for packetdrill's script language.
 *
 * Scannerless: each rule reads characters directly, so that the context
 * dependent parts of the language (TCP flags such as "S.", "%{ }%" code,
 * backquoted commands, "1.0...2.0" blocking times) need no lexer states.
 * Whitespace, newlines and comments ("//" and C comments) separate tokens
 * anywhere, as in packetdrill. Every error is a SyntaxError with the line and
 * column where the input stops making sense; the parser never aborts, and
 * bounds its recursion and its numbers, so that any input gives either a
 * Script or a SyntaxError.
 */
class PacketdrillParser
{
  public:
    /**
     * \param text the script
     * \param defines symbols (packetdrill's -D NAME=VALUE), e.g. TFO_COOKIE
     */
    PacketdrillParser(const std::string& text, const std::map<std::string, std::string>& defines);

    /**
     * \brief Parse the whole script.
     * \return the script
     * \throws SyntaxError on the first error
     */
    Script Parse();

  private:
    /// \return the current position
    SourcePos Pos() const;
    /// \param offset look-ahead \return the character at m_at + offset (0 at the end)
    char Peek(size_t offset = 0) const;
    /// \return true at the end of the input
    bool AtEnd() const;
    /// \brief Consume one character, keeping line and column.
    void Advance();
    /// \brief Skip blanks, newlines and comments.
    void SkipSpace();
    /// \brief Skip blanks and comments, but not newlines.
    void SkipBlanks();
    /**
     * \param text a literal
     * \return true (and consume it) if the input continues with it
     */
    bool Accept(const std::string& text);
    /**
     * \brief Consume a literal or fail.
     * \param text the literal
     */
    void Expect(const std::string& text);
    /**
     * \brief Fail here.
     * \param message what is wrong
     */
    [[noreturn]] void Fail(const std::string& message) const;
    /**
     * \brief Fail at a position.
     * \param pos where
     * \param message what is wrong
     */
    [[noreturn]] static void FailAt(SourcePos pos, const std::string& message);
    /// \return an identifier ([A-Za-z_][A-Za-z0-9_]*), or "" if none here
    std::string Identifier();
    /// \return a word of non-blank characters other than ",<>()[]{}"
    std::string Word();
    /// \return an unsigned 32-bit number (decimal or 0x hex)
    uint32_t Unsigned32();
    /// \return a signed number (decimal or 0x hex) for expressions
    int64_t Integer();
    /// \return a time in seconds ("1", "0.1", ".25") as microseconds
    int64_t Seconds();

    /// \return an option line "--name=value"
    std::pair<std::string, std::string> OptionLine();
    /// \return one event
    Event ParseEvent();
    /// \param event receives the time
    void ParseTime(Event& event);
    /// \param packet receives the packet line
    void ParsePacket(PacketSpec& packet);
    /// \param packet receives the options
    void ParseTcpOptions(PacketSpec& packet);
    /// \return a cookie (hex digits or a defined symbol)
    std::vector<uint8_t> Cookie();
    /// \param call receives the system call
    void ParseSyscall(SyscallSpec& call);
    /// \param depth nesting depth \return an expression
    Expr ParseExpr(uint32_t depth);
    /// \param depth nesting depth \return a primary expression
    Expr ParsePrimary(uint32_t depth);
    /// \return a C string literal, escapes decoded
    std::string StringLiteral();
    /**
     * \param open opening character \param close closing character
     * \return the text up to the matching closing character
     */
    std::string Balanced(char open, char close);

    std::string m_text;                           //!< the script
    std::map<std::string, std::string> m_defines; //!< -D symbols
    size_t m_at{0};                               //!< current offset
    uint32_t m_line{1};                           //!< current line
    uint32_t m_column{1};                         //!< current column
};

} // namespace packetdrill
} // namespace ns3

#endif /* TCP_FAST_OPEN_PACKETDRILL_PARSER_H */
