/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_FAST_OPEN_PACKETDRILL_RUNNER_H
#define TCP_FAST_OPEN_PACKETDRILL_RUNNER_H

#include "tcp-fast-open-packetdrill-script.h"
#include "tcp-fast-open-packetdrill-wire.h"

#include "ns3/event-id.h"
#include "ns3/net-device.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/ptr.h"
#include "ns3/socket.h"
#include "ns3/tcp-fast-open-socket.h"
#include "ns3/tcp-socket.h"

#include <array>
#include <deque>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace ns3
{
namespace packetdrill
{

/**
 * \ingroup tcp-fast-open
 * \brief Runs a packetdrill script in an ns-3 simulation.
 *
 * The stack under test is a node with the Internet stack and the module's
 * TcpFastOpenSocket (Linux-defaults profile); the remote side is a node
 * without any stack, from whose device the runner sends the script's inbound
 * packets as raw IP packets at their times. Every packet the stack under test
 * sends is captured at its device and checked against the script's next
 * outbound line, field by field, with packetdrill's time rules (relative
 * times, "*", "~" ranges, tolerance). System calls run against the ns-3
 * socket at their times, with Linux's blocking and non-blocking semantics
 * emulated where ns-3's socket API has none (see doc/packetdrill.rst).
 *
 * A script either passes, fails (line, expected versus actual), is
 * unsupported (line, construct the simulation cannot express) or has a syntax
 * error (line and column).
 */
class PacketdrillRunner
{
  public:
    /// How a script is run (packetdrill's command-line flags).
    struct Config
    {
        std::string ipVersion{"ipv4"};              //!< --ip_version: ipv4, ipv6, ipv4-mapped-ipv6
        int64_t toleranceUsecs{4000};               //!< --tolerance_usecs
        std::map<std::string, std::string> defines; //!< -D NAME=VALUE
        std::string localIp;                        //!< --local_ip ("" = packetdrill's default)
        std::string remoteIp;                       //!< --remote_ip ("" = packetdrill's default)
        uint16_t port{8080};                        //!< --bind_port / --connect_port
        uint16_t mtu{1500};                         //!< --mtu: the link MTU
        int64_t maxSimUsecs{600000000};             //!< a script may run this long (simulated)
    };

    /// The outcome of a script.
    struct Result
    {
        /// Verdicts; the values are the program's exit statuses.
        enum Status
        {
            PASS = 0,       //!< every line as the script says
            FAIL = 1,       //!< a line differs (message: expected versus actual)
            ERROR = 2,      //!< bad input: syntax error, unreadable file, bad option
            UNSUPPORTED = 3 //!< a construct the simulation cannot express
        };

        Status status{PASS}; //!< verdict
        uint32_t line{0};    //!< the line concerned (0: none)
        uint32_t column{0};  //!< the column (syntax errors)
        std::string message; //!< what happened (without file and line)

        /// \param path the script \return "path:line: message" (packetdrill's format)
        std::string Describe(const std::string& path) const;
        /// \return "pass", "fail", "error" or "unsupported"
        std::string StatusName() const;
    };

    /// \param config how to run
    explicit PacketdrillRunner(const Config& config);

    /**
     * \brief Read, parse and run a script file.
     * \param path the file
     * \return the outcome
     */
    Result RunFile(const std::string& path);

    /**
     * \brief Parse and run a script.
     * \param text the script
     * \param directory where the script's backquoted files are looked up
     * \return the outcome
     */
    Result RunText(const std::string& text, const std::string& directory);

    /**
     * \brief Apply the script's "--name=value" option lines to a config.
     * \param options the options
     * \param config the config to change
     * \param error set to what is wrong
     * \return false on an unknown option or a bad value
     */
    static bool ApplyOptions(const std::vector<std::pair<std::string, std::string>>& options,
                             Config& config,
                             std::string& error);

  private:
    /// A file descriptor of the script.
    struct Fd
    {
        Ptr<TcpFastOpenSocket> socket;             //!< its socket
        bool nonblocking{false};                   //!< O_NONBLOCK
        bool listening{false};                     //!< listen() was called
        bool bound{false};                         //!< bind() was called
        uint32_t generation{0};                    //!< which socket()/accept() made it
        std::deque<Ptr<TcpFastOpenSocket>> accept; //!< children not yet accepted
    };

    /// One TCP connection seen on the wire.
    struct Connection
    {
        uint16_t sutPort{0};         //!< port of the stack under test
        uint16_t peerPort{0};        //!< port of the scripted peer
        uint32_t localIsn{0};        //!< ISN of the stack under test
        bool haveLocalIsn{false};    //!< localIsn is known
        uint32_t remoteIsn{0};       //!< ISN of the scripted peer (SYN line's seq)
        uint32_t generation{0};      //!< socket generation of a client connection
        bool client{false};          //!< the stack under test opened it
        bool sawOtherInbound{false}; //!< inbound packets other than the SYN were sent
    };

    /// A packet the stack under test sent.
    struct Captured
    {
        WireSegment segment; //!< its TCP segment
        int64_t usecs{0};    //!< when, script microseconds
        int connection{-1};  //!< index in m_connections (-1: none)
    };

    /// The outcome of a system call.
    struct CallOutcome
    {
        /// Kinds.
        enum Kind
        {
            DONE,        //!< returned
            BLOCKED,     //!< blocks: poll until it returns
            UNSUPPORTED, //!< cannot be expressed
            FAILED       //!< the call itself is wrong (message)
        };

        Kind kind{DONE};                                  //!< kind
        int64_t ret{0};                                   //!< return value
        std::string errnoName;                            //!< errno if ret == -1
        std::string message;                              //!< unsupported/failure text
        std::function<std::optional<CallOutcome>()> poll; //!< BLOCKED: returns once done
    };

    /// A blocked system call.
    struct Blocked
    {
        size_t event{0};                                  //!< its event
        int64_t startUsecs{0};                            //!< when it started
        int64_t endUsecs{0};                              //!< when it must return
        std::function<std::optional<CallOutcome>()> poll; //!< returns once done
    };

    /// \brief Reset the per-run state.
    void Reset();
    /// \param script the parsed script \param directory for backquoted files
    void Execute(const Script& script, const std::string& directory);
    /// \brief Build the two nodes and the link.
    void BuildTopology();
    /// \brief Run events until one must wait.
    void Process();
    /// \param e the event \return its start time (after packetdrill's relative-time rule)
    int64_t StartTime(Event& e);
    /// \return the current simulation time in script microseconds
    int64_t Now() const;
    /**
     * \brief End the run with a verdict.
     * \param status verdict \param line line \param message message
     */
    void Finish(Result::Status status, uint32_t line, const std::string& message);
    /**
     * \param e an inbound packet event
     * \return false if the run ended
     */
    bool Inject(const Event& e);
    /**
     * \param e an outbound packet event \param start its time
     * \return true when checked (advance), false to wait
     */
    bool CheckOutbound(const Event& e, int64_t start);
    /**
     * \param e the event \param expected script packet \param got live packet
     * \param conn its connection
     * \return "" or the differing fields
     */
    std::string CompareSegment(const PacketSpec& expected,
                               const WireSegment& got,
                               const Connection& conn,
                               uint32_t payload) const;
    /**
     * \param e a system call event
     * \return the outcome
     */
    CallOutcome RunSyscall(const Event& e);
    /// \brief Poll the blocked system call; fail it when it is too late.
    void PollBlocked();
    /**
     * \param e the call's event \param outcome what it returned
     * \param returnUsecs when it returned
     * \param endUsecs when the script says it returns
     * \return false if the run ended
     */
    bool CheckReturn(const Event& e,
                     const CallOutcome& outcome,
                     int64_t returnUsecs,
                     int64_t endUsecs);
    /// \param e a command event \return false if the run ended
    bool RunCommand(const Event& e);
    /**
     * \param command one shell command \param line its line
     * \param fromDefaults it comes from packetdrill's defaults.sh
     * \return "" or what is unsupported / wrong ("!" prefix: a bad value)
     */
    std::string RunShell(const std::string& command, uint32_t line, bool fromDefaults);
    /**
     * \param name sysctl name (dots) \param value its value
     * \param fromDefaults from defaults.sh
     * \return "" or what is unsupported
     */
    std::string Sysctl(const std::string& name, const std::string& value, bool fromDefaults);
    /**
     * \brief `nstat [-n] [-a] [-z] [-r] [| grep [-q] PATTERN]...`: the node's
     * counters changed since the last nstat (all of them with -a, zeros too
     * with -z), the history updated (reset with -r); piped to grep, the
     * command fails unless a line matches every pattern.
     * \param words the command's words
     * \return "" or what is unsupported or failed ("!" prefix)
     */
    std::string Nstat(const std::vector<std::string>& words);
    /// \param e a code event \return false if the run ended
    bool RunCode(const Event& e);
    /// \param packet a captured packet (PPP header included)
    void Capture(Ptr<const Packet> packet);
    /// \param listenFd the listener \param s the child \param from the peer
    void NewChild(int listenFd, Ptr<Socket> s, const Address& from);
    /**
     * \brief A listener's Fast Open event (PASSIVE_ACCEPTED gives the SYN data of
     * the child handed over next).
     * \param listener the listener \param event the event \param bytes SYN data
     * \param cookie the cookie
     */
    void ListenerFastOpenEvent(Socket* listener,
                               TcpFastOpenSocket::Event event,
                               uint32_t bytes,
                               const TcpFastOpenCookie& cookie);
    /// \param s a socket that was reset
    void ErrorClose(Ptr<Socket> s);
    /// \param s a socket \param from old state \param to new state
    void StateChange(Socket* s, TcpSocket::TcpStates_t from, TcpSocket::TcpStates_t to);
    /// \param s a socket: trace its state and resets
    void Watch(Ptr<TcpFastOpenSocket> s);
    /// \return the lowest free descriptor (3 and up)
    int NextFd() const;
    /// \param fd descriptor \return the entry or nullptr
    Fd* GetFd(int64_t fd);
    /// \param e expression \param value set \return false if not an integer
    bool IntValue(const Expr& e, int64_t& value) const;
    /// \param s a socket \return the errno name of its last error
    static std::string ErrnoName(Ptr<TcpFastOpenSocket> s);
    /// \return the remote (peer) socket address
    Address RemoteAddress() const;
    /// \return the local address to bind
    Address LocalAddress() const;
    /// \param generation a socket generation \return true if it is the latest
    bool IsLatest(uint32_t generation) const;
    /**
     * \param seg a live segment
     * \return its connection (created for a new one), or nullptr
     */
    Connection* ConnectionOf(const WireSegment& seg);

    Config m_config;                 //!< run configuration (after the script's options)
    Config m_baseConfig;             //!< as given to the constructor
    const Script* m_script{nullptr}; //!< the script being run
    std::string m_directory;         //!< its directory
    std::vector<int64_t> m_start;    //!< each event's start, once known (-1: not yet)
    size_t m_index{0};               //!< next event
    int64_t m_lastEventUsecs{0};     //!< start of the previous event
    bool m_done{false};              //!< the run ended
    Result m_result;                 //!< its outcome

    Ptr<Node> m_sut;                                //!< the node under test
    std::map<std::string, uint64_t> m_nstatHistory; //!< nstat: counters at its last run
    Ptr<Node> m_peer;                               //!< the scripted peer
    Ptr<NetDevice> m_sutDevice;                     //!< its device
    Ptr<NetDevice> m_peerDevice;                    //!< the peer's device
    std::array<uint8_t, 16> m_local{};              //!< the stack under test's address bytes
    std::array<uint8_t, 16> m_remote{};             //!< the peer's address bytes
    bool m_ipv6{false};                             //!< wire IPv6

    std::map<int64_t, Fd> m_fds;                       //!< descriptors
    uint32_t m_generation{0};                          //!< socket()/accept() calls so far
    uint32_t m_testGeneration{0};                      //!< generation of the socket under test
    int64_t m_testFd{-1};                              //!< descriptor of the socket under test
    std::map<Socket*, TcpSocket::TcpStates_t> m_state; //!< each socket's state
    std::set<Socket*> m_reset;                         //!< sockets reset, error not yet read
    std::map<Socket*, uint32_t> m_synData;             //!< SYN data of each Fast Open child
    std::set<Socket*> m_refused;                       //!< connecting sockets the peer reset
    std::map<Socket*, uint32_t> m_synDataOfNextChild;  //!< per listener, from its trace
    std::vector<Connection> m_connections;             //!< connections on the wire
    int m_current{-1};                                 //!< connection of inbound packets
    uint16_t m_nextPeerPort{40000};                    //!< next port of a passive connection
    std::deque<Captured> m_captured;                   //!< outbound packets not yet checked
    uint32_t m_capturedTotal{0};                       //!< outbound packets so far
    std::optional<uint32_t> m_tsOffset;                //!< live minus script TS val
    std::optional<Blocked> m_blocked;                  //!< the blocked system call
    EventId m_pollEvent;                               //!< next poll of a blocked call
    Time m_settleUntil;                                //!< no event runs before (packet in flight)
    Time m_linkFreeAt;                                 //!< the peer's link is busy until then
};

} // namespace packetdrill
} // namespace ns3

#endif /* TCP_FAST_OPEN_PACKETDRILL_RUNNER_H */
