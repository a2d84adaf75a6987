/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_FAST_OPEN_PACKETDRILL_CODE_H
#define TCP_FAST_OPEN_PACKETDRILL_CODE_H

#include <cstdint>
#include <map>
#include <string>

namespace ns3
{
namespace packetdrill
{

/**
 * \ingroup tcp-fast-open
 * \brief Evaluates the assertions of a packetdrill "%{ }%" block: the subset of
 * Python that the TCP scripts use, "assert <expression>[, <message>]", over
 * integers, with the operators of Python (or, and, not, comparisons, |, ^, &,
 * <<, >>, +, -, *, //, %, unary -, ~, parentheses).
 *
 * Names come from a table (tcp_info fields the model can report, and their
 * constants). A name the table lacks, or any other Python statement, makes the
 * block unsupported: it is never skipped silently.
 */
class PacketdrillCode
{
  public:
    /// The outcome of a block.
    struct Outcome
    {
        /// Verdicts.
        enum Verdict
        {
            PASS,       //!< every assertion holds
            FAIL,       //!< an assertion does not hold (message says which)
            UNSUPPORTED //!< the block uses something the model cannot answer
        };

        Verdict verdict{PASS}; //!< verdict
        std::string message;   //!< what failed, or what is unsupported
    };

    /**
     * \param symbols the names the block may use and their values
     */
    explicit PacketdrillCode(const std::map<std::string, int64_t>& symbols);

    /**
     * \param code the text between "%{" and "}%"
     * \return the outcome
     */
    Outcome Evaluate(const std::string& code);

  private:
    /// \brief Skip blanks.
    void Skip();
    /// \param word a keyword or operator \return true if consumed
    bool Accept(const std::string& word);
    /// \return the value of an "or" expression
    int64_t Or();
    /// \return the value of an "and" expression
    int64_t And();
    /// \return the value of a "not" expression
    int64_t Not();
    /// \return the value of a comparison chain
    int64_t Comparison();
    /// \return the value of a bitwise-or expression
    int64_t BitOr();
    /// \return the value of a bitwise-xor expression
    int64_t BitXor();
    /// \return the value of a bitwise-and expression
    int64_t BitAnd();
    /// \return the value of a shift expression
    int64_t Shift();
    /// \return the value of a sum
    int64_t Sum();
    /// \return the value of a product
    int64_t Product();
    /// \return the value of a unary expression
    int64_t Unary();
    /// \return the value of an atom
    int64_t Atom();

    std::map<std::string, int64_t> m_symbols; //!< names and values
    std::string m_text;                       //!< the statement being read
    size_t m_at{0};                           //!< position in m_text
    uint32_t m_depth{0};                      //!< parenthesis depth
};

} // namespace packetdrill
} // namespace ns3

#endif /* TCP_FAST_OPEN_PACKETDRILL_CODE_H */
