/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_FAST_OPEN_PACKETDRILL_SCRIPT_H
#define TCP_FAST_OPEN_PACKETDRILL_SCRIPT_H

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup tcp-fast-open
 * The parsed form of a packetdrill script (google/packetdrill's language):
 * plain data, produced by PacketdrillParser and run by PacketdrillRunner.
 */

namespace ns3
{
namespace packetdrill
{

/// A place in a script: 1-based line and column.
struct SourcePos
{
    uint32_t line{0};   //!< line (1-based)
    uint32_t column{0}; //!< column (1-based)
};

/**
 * \ingroup tcp-fast-open
 * \brief A syntax error: where and what.
 */
class SyntaxError : public std::runtime_error
{
  public:
    /**
     * \param pos where
     * \param message what
     */
    SyntaxError(SourcePos pos, const std::string& message)
        : std::runtime_error(message),
          m_pos(pos)
    {
    }

    /// \return where the error is
    SourcePos GetPos() const
    {
        return m_pos;
    }

  private:
    SourcePos m_pos; //!< where
};

/// How an event's time is given.
enum class TimeType
{
    ABSOLUTE,       //!< "1.5"
    RELATIVE,       //!< "+0.1"
    ANY,            //!< "*"
    ABSOLUTE_RANGE, //!< "1.0~1.2"
    RELATIVE_RANGE  //!< "+0.1~+0.2"
};

/// An event's time: start (and end of a range or of a blocking system call).
struct EventTime
{
    TimeType type{TimeType::ABSOLUTE};   //!< how it is given
    int64_t usecs{0};                    //!< start, microseconds
    int64_t endUsecs{0};                 //!< end of a "~" range, microseconds
    std::optional<int64_t> callEndUsecs; //!< "start...end": a blocking call's end
};

/**
 * \brief A TCP option of a packet line, e.g. "mss 1460", "FO abcd", "TS val 1 ecr 0".
 */
struct TcpOptionSpec
{
    /// Option kinds of packetdrill's TCP option syntax.
    enum Kind
    {
        NOP,     //!< nop
        EOL,     //!< eol
        MSS,     //!< mss N
        WSCALE,  //!< wscale N
        SACK_OK, //!< sackOK
        TS,      //!< TS val N ecr N
        SACK,    //!< sack a:b c:d
        FO,      //!< FO [cookie] (kind 34, RFC 7413)
        FOEXP    //!< FOEXP [cookie] (kind 254, magic 0xF989)
    };

    Kind kind{NOP};                                  //!< which
    uint32_t value{0};                               //!< mss, wscale
    uint32_t tsVal{0};                               //!< TS val
    uint32_t tsEcr{0};                               //!< TS ecr
    std::vector<std::pair<uint32_t, uint32_t>> sack; //!< sack blocks
    std::vector<uint8_t> cookie;                     //!< FO/FOEXP cookie (empty: request)
};

/// A packet line: "< S 0:10(10) win 32792 <mss 1460,FO abcd>" and its kin.
struct PacketSpec
{
    /// What the line describes.
    enum Protocol
    {
        TCP,  //!< a TCP segment
        ICMP, //!< an ICMP message (parsed; not run)
        UDP   //!< a UDP datagram (parsed; not run)
    };

    bool inbound{true};                 //!< '<' (to the stack under test) or '>'
    Protocol protocol{TCP};             //!< TCP, ICMP or UDP
    std::string flags;                  //!< TCP flags as written ("S.", "P.", ".")
    uint32_t seqStart{0};               //!< start of the seq range
    uint32_t seqEnd{0};                 //!< end of the seq range
    uint32_t len{0};                    //!< payload length "(n)"
    std::optional<uint32_t> ack;        //!< "ack N"
    std::optional<uint32_t> win;        //!< "win N"
    bool hasOptions{false};             //!< "<...>" given
    bool optionsNoCheck{false};         //!< "<...>": options not checked
    std::vector<TcpOptionSpec> options; //!< the options, in order
    std::string ecn;                    //!< "[ect0]" etc., if given
    std::string text;                   //!< the line as written (for reports)
};

/**
 * \brief An expression of a system call line: an argument or the result.
 */
struct Expr
{
    /// Expression kinds.
    enum Kind
    {
        ELLIPSIS, //!< ...
        INT,      //!< a number
        STRING,   //!< "text" (escapes decoded)
        SYMBOL,   //!< SOCK_STREAM, MSG_FASTOPEN, ...
        LIST,     //!< [a, b]
        STRUCT,   //!< {a, name=b}
        CALL,     //!< htons(8080), inet_addr("1.2.3.4")
        OR,       //!< a|b
        FIELD     //!< name=value or name(n)=value inside a struct
    };

    Kind kind{INT};          //!< which
    int64_t number{0};       //!< INT value; FIELD index ("msg_iov(1)")
    std::string text;        //!< STRING, SYMBOL, CALL or FIELD name
    std::vector<Expr> items; //!< LIST/STRUCT/CALL/OR elements, FIELD value
    SourcePos pos;           //!< where it starts
};

/// A system call line: "name(args) = result [ERRNO (text)]".
struct SyscallSpec
{
    std::string name;       //!< e.g. "sendto"
    std::vector<Expr> args; //!< arguments
    Expr result;            //!< expected return value
    std::string errnoName;  //!< expected errno ("EINPROGRESS"), if any
};

/// One line (event) of a script.
struct Event
{
    /// Event kinds.
    enum Kind
    {
        PACKET,  //!< a packet line
        SYSCALL, //!< a system call
        COMMAND, //!< a `shell command` line
        CODE     //!< a %{ python }% line
    };

    Kind kind{PACKET};   //!< which
    SourcePos pos;       //!< where the line starts
    EventTime time;      //!< when
    PacketSpec packet;   //!< PACKET
    SyscallSpec syscall; //!< SYSCALL
    std::string text;    //!< COMMAND and CODE: the text between the delimiters
};

/// A parsed script.
struct Script
{
    std::string path;                                         //!< file name (for reports)
    std::vector<std::pair<std::string, std::string>> options; //!< "--name=value" lines
    std::vector<Event> events;                                //!< the events, in order
};

} // namespace packetdrill
} // namespace ns3

#endif /* TCP_FAST_OPEN_PACKETDRILL_SCRIPT_H */
