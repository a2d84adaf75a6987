/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_FAST_OPEN_SCRIPTED_PEER_TEST_UTIL_H
#define TCP_FAST_OPEN_SCRIPTED_PEER_TEST_UTIL_H

#include "tcp-fast-open-test-util.h"

#include "ns3/tcp-fast-open-module.h"
#include "ns3/tcp-option.h"

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

/**
 * \file
 * \ingroup tcp-fast-open-tests
 * A packetdrill-style scripted peer: one TcpFastOpenSocket under test (client
 * or server) on a node of its own, a peer node without any TCP stack that
 * injects exactly the segments a script lists at the script's times, and a
 * recorder that checks what the socket under test sends against the script.
 */

namespace ns3
{
namespace tfotest
{

/**
 * \ingroup tcp-fast-open-tests
 * \brief A TCP option given as raw bytes (kind, length, data), so that the
 * scripted peer can send any Fast Open option, including malformed ones (odd
 * or too long cookies) that TcpOptionFastOpen refuses to build.
 *
 * Like TcpOptionFastOpen, GetKind() reports NOP so that ns-3.37's
 * TcpHeader::AppendOption accepts it; Serialize() writes the real bytes, and
 * the receiver parses them from the wire.
 */
class ScriptRawOption : public TcpOption
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();

    ScriptRawOption();

    /**
     * \param bytes the option's bytes, kind and length byte included
     */
    explicit ScriptRawOption(const std::vector<uint8_t>& bytes);

    void Print(std::ostream& os) const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;
    uint8_t GetKind() const override;
    uint32_t GetSerializedSize() const override;

  private:
    std::vector<uint8_t> m_bytes; //!< the option, kind and length included
};

/**
 * \ingroup tcp-fast-open-tests
 * \brief A TCP segment written the way packetdrill writes it, e.g.
 * `S. 0:0(0) ack 11 win 5840 <mss 1460,FOEXP abcd1234>`.
 *
 * Flags: S F P R . (ACK) E (ECE) W (CWR). Options understood: `mss N`,
 * `wscale N`, `FO` / `FO hex` (kind 34), `FOEXP` / `FOEXP hex` (kind 254,
 * magic 0xF989); sackOK, nop, TS and sack are accepted and ignored (the harness
 * neither sends nor checks them: they do not concern Fast Open). `wscale` is
 * sent but not checked: the peer's window scale decides how much the SUT may
 * send after a window such as `win 257` (257 << 6 bytes on Linux).
 */
struct ScriptSegment
{
    uint8_t flags{0};                  //!< TCP flags
    uint32_t seq{0};                   //!< first sequence number
    uint32_t len{0};                   //!< payload bytes
    std::optional<uint32_t> ack;       //!< ack number ("ack N"), if given
    uint16_t win{65535};               //!< window ("win N")
    std::optional<uint16_t> mss;       //!< MSS option, if given
    std::optional<uint8_t> wscale;     //!< window scale option, if given
    bool hasTfo{false};                //!< a Fast Open option is given
    TcpOptionFastOpen::Form tfoForm{}; //!< its form
    std::vector<uint8_t> cookie;       //!< its cookie bytes (empty = request)

    /**
     * \brief Parse packetdrill's notation.
     * \param text e.g. "S 0:10(10) win 32792 <mss 1460,FOEXP TFO_COOKIE>"
     * \param defines symbols replaced in cookies (e.g. TFO_COOKIE)
     * \return the segment (aborts on syntax errors: a test bug)
     */
    static ScriptSegment Parse(const std::string& text,
                               const std::map<std::string, std::string>& defines);

    /// \return the Fast Open option as raw bytes (empty if none)
    std::vector<uint8_t> TfoBytes() const;

    /// \return packetdrill's notation of the segment
    std::string ToString() const;
};

/**
 * \ingroup tcp-fast-open-tests
 * \param segment a captured segment
 * \return the raw bytes of its Fast Open option (empty if none)
 */
std::vector<uint8_t> CapturedTfoBytes(const Segment& segment);

/**
 * \ingroup tcp-fast-open-tests
 * \param bytes bytes
 * \return lowercase hex, no separators
 */
std::string ToHex(const std::vector<uint8_t>& bytes);

/**
 * \ingroup tcp-fast-open-tests
 * \brief The scripted peer and the socket under test (SUT).
 *
 * Topology: SUT node (Internet stack, TFO installed with the Linux-defaults
 * profile, RandomIsn off so that its ISN is 0 and the script's relative
 * sequence numbers are absolute ones) -- point-to-point link (10 Gbit/s, no
 * delay) -- peer node (no Internet stack: the harness writes IPv4 + TCP
 * headers itself and sends them out of the peer's device). Every segment the
 * SUT transmits is recorded at its device.
 *
 * Sequence numbers follow packetdrill: the SUT's are relative to its ISN (0
 * here), the peer's are relative to the peer's ISN (the sequence number of
 * its latest SYN or SYN-ACK line), except in SYN lines and in the ack of the
 * SUT's SYN-ACK, which are absolute.
 *
 * Script lines are added in order with packetdrill's time notation: "0" or
 * "1.5" (absolute), "+0" / "+.1" (relative to the previous line), "*" (any
 * time; outgoing segments only). Lines at the same time keep their order: each
 * runs 5 us after the previous one, so that an injected segment has arrived
 * before the next line's system call.
 *
 * Checking (packetdrill's rules, adapted to what is Fast Open behaviour):
 *  - Out(): the SUT's next segment that is not a pure ACK must have exactly
 *    these flags (PSH ignored), seq, ack, MSS (if the line gives one) and Fast
 *    Open option bytes (a line without FO/FOEXP asserts that there is no Fast
 *    Open option), at the line's time within the tolerance. A data line may be
 *    matched by several contiguous segments (ns-3 has no TSO: Linux's one
 *    2920-byte segment is two of 1460).
 *  - OutAck(): some segment sent after the previous line's segment must
 *    carry this seq and acknowledge at least this ack, at any time: ns-3's
 *    delayed-ACK policy is not Linux's quick-ACK mode (an ACK may come later,
 *    cover two segments or ride on a FIN); that is not Fast Open behaviour.
 *  - Pure ACKs the script does not list are ignored; any other segment the
 *    script does not list is a failure if it is sent before the script's last
 *    line (afterwards the script has ended, as in packetdrill).
 *  - As packetdrill, outgoing lines are checked against the socket under
 *    test only: a socket() line makes the new socket the one under test, and
 *    what a client connection opened by an earlier socket() line still sends
 *    (the FIN of a close(), retransmissions of data the script never
 *    acknowledges) is not checked (packetdrill's sniff_outbound_live_packet
 *    discards segments of other sockets).
 *  - Call lines (system calls) check their results and report mismatches.
 */
class ScriptedPeer
{
  public:
    /// How the scripted test bed is built (packetdrill's command-line flags).
    struct Config
    {
        std::string localIp{"192.168.0.1"}; //!< --local_ip: the SUT's address
        std::string remoteIp{"192.0.2.1"};  //!< --remote_ip: the peer's address
        uint16_t port{8080};                //!< the server's port (SUT's or peer's)
        uint32_t mode{0x403};               //!< net.ipv4.tcp_fastopen (Mode attribute)
        std::string key{"a1a1a1a1-b2b2b2b2-c3c3c3c3-d4d4d4d4"}; //!< net.ipv4.tcp_fastopen_key
        Time tolerance{MilliSeconds(10)};                       //!< --tolerance_usecs
    };

    /// \param config how to build it
    explicit ScriptedPeer(const Config& config);

    /**
     * \brief Define a symbol for cookies (packetdrill -D NAME=VALUE).
     * \param name symbol
     * \param value hex cookie
     */
    void Define(const std::string& name, const std::string& value);

    // ---- script lines ----
    /**
     * \brief `time < segment`: the peer sends this segment.
     * \param time packetdrill time
     * \param segment packetdrill segment
     */
    void In(const std::string& time, const std::string& segment);
    /**
     * \brief `time > segment`: the SUT must send this segment (strict).
     * \param time packetdrill time ("*" = any)
     * \param segment packetdrill segment
     */
    void Out(const std::string& time, const std::string& segment);
    /**
     * \brief `time > . x:x(0) ack y`: the SUT must send this pure ACK, at any
     * time (see the class description).
     * \param time packetdrill time
     * \param segment packetdrill segment (a pure ACK)
     */
    void OutAck(const std::string& time, const std::string& segment);
    /**
     * \brief A system call or other action at \p time.
     * \param time packetdrill time
     * \param text the script's line (for reports)
     * \param action does it; returns "" or what went wrong
     */
    void Call(const std::string& time,
              const std::string& text,
              std::function<std::string()> action);
    /**
     * \brief Record a script step the harness cannot express (reported in verbose
     * output, not a failure).
     * \param text the script's line
     * \param reason why it is skipped
     */
    void Skip(const std::string& text, const std::string& reason);

    // ---- system calls (script lines) ----
    /**
     * \brief socket(): create socket \p fd on the SUT.
     * \param time packetdrill time
     * \param fd descriptor number
     */
    void Socket(const std::string& time, int fd);
    /**
     * \brief bind + listen (+ setsockopt TCP_FASTOPEN if \p qlen >= 0).
     * \param time packetdrill time
     * \param fd listener
     * \param qlen TCP_FASTOPEN value, -1 = not set
     * \param backlog listen() backlog (the scripts use 1)
     */
    void Listen(const std::string& time, int fd, int qlen = -1, uint32_t backlog = 1);
    /**
     * \brief sendto(fd, bytes, MSG_FASTOPEN) (or a plain send if !fastOpen).
     * \param time packetdrill time
     * \param fd socket
     * \param bytes bytes to write
     * \param expected expected return (Linux's); see the note in the .cc
     * \param fastOpen MSG_FASTOPEN
     */
    void SendTo(const std::string& time,
                int fd,
                uint32_t bytes,
                int expected,
                bool fastOpen = true);
    /**
     * \brief connect() to the peer.
     * \param time packetdrill time
     * \param fd socket
     */
    void Connect(const std::string& time, int fd);
    /**
     * \brief accept(): the listener's next child becomes \p fd; it must exist.
     * \param time packetdrill time
     * \param listenFd listener
     * \param fd new descriptor
     */
    void Accept(const std::string& time, int listenFd, int fd);
    /**
     * \brief read(fd, max) must return \p expected bytes (-1 or 0: nothing).
     * \param time packetdrill time
     * \param fd socket
     * \param max buffer size
     * \param expected expected return
     */
    void Read(const std::string& time, int fd, uint32_t max, int expected);
    /**
     * \brief write(fd, bytes) must return \p expected.
     * \param time packetdrill time
     * \param fd socket
     * \param bytes bytes
     * \param expected expected return (-1 = error)
     */
    void Write(const std::string& time, int fd, uint32_t bytes, int expected);
    /**
     * \brief close(fd).
     * \param time packetdrill time
     * \param fd socket
     */
    void Close(const std::string& time, int fd);
    /**
     * \brief sysctl: set a socket attribute for sockets created from now on
     * (e.g. "Mode" for net.ipv4.tcp_fastopen).
     * \param time packetdrill time
     * \param name attribute
     * \param value value
     */
    void Sysctl(const std::string& time, const std::string& name, const AttributeValue& value);
    /**
     * \brief `ip tcp_metrics flush all`: clear the SUT's cookie cache.
     * \param time packetdrill time
     */
    void FlushMetrics(const std::string& time);

    // ---- access ----
    /// \param fd descriptor \return its socket (nullptr if none)
    Ptr<TcpFastOpenSocket> Get(int fd) const;
    /// \return the SUT's node
    Ptr<Node> GetSutNode() const;
    /// \return the SUT's TFO counters
    Ptr<TcpFastOpenCounters> GetCounters() const;
    /// \return the SUT's cookie generator
    Ptr<TcpFastOpenCookieGenerator> GetGenerator() const;
    /// \return the current script time
    Time Now() const;

    /**
     * \brief Run the script (until the last line's time plus the tolerance)
     * and compare.
     * \return the failures (empty: the script passed)
     */
    std::vector<std::string> Run();

    /// \return a side-by-side report: each line, what happened, verdict
    std::string Report() const;

    /// \return every segment the SUT sent
    const std::vector<Segment>& GetCaptured() const;

  private:
    /// One outgoing line.
    struct Expectation
    {
        Time time;              //!< script time
        bool anyTime{false};    //!< "*"
        bool lenient{false};    //!< OutAck
        ScriptSegment seg;      //!< what
        std::string text;       //!< the line
        size_t reportIndex{0};  //!< its line in m_report
        uint32_t socketLine{0}; //!< socket() lines before it (its socket under test)
    };

    /// One line of the report.
    struct ReportLine
    {
        Time time;           //!< script time
        std::string text;    //!< the line
        std::string outcome; //!< what happened
        bool ok{true};       //!< verdict
    };

    /**
     * \brief Parse a time and advance the script clock.
     * \param time packetdrill time
     * \return the time at which the line runs in the simulation
     */
    Time Advance(const std::string& time);
    /**
     * \brief Send a segment from the peer.
     * \param seg the segment
     */
    void Inject(ScriptSegment seg);
    /**
     * \brief Record a segment the SUT transmits.
     * \param packet the packet (PPP header included)
     */
    void Capture(Ptr<const Packet> packet);
    /**
     * \brief A listener's new child.
     * \param listenFd the listener
     * \param socket the child
     * \param from the client
     */
    void NewChild(int listenFd, Ptr<ns3::Socket> socket, const Address& from);
    /**
     * \brief Compare the expectations with the captured segments.
     * \param failures where to add failures
     */
    void Compare(std::vector<std::string>& failures);
    /**
     * \param index a captured segment
     * \return true if it is a retransmitted FIN (a script that does not ack
     *         a FIN does not list its retransmissions; not Fast Open behaviour)
     */
    bool IsFinRetransmission(size_t index) const;
    /**
     * \param index a captured segment
     * \param socketLine the socket under test (count of socket() lines)
     * \return true if the segment belongs to a client connection opened by an
     *         earlier socket() line: packetdrill does not check it
     */
    bool IsFromEarlierSocket(size_t index, uint32_t socketLine) const;
    /**
     * \brief Remember which socket() line opened the client connection whose
     * SYN is being sent.
     * \param localPort the SYN's source port
     */
    void MapClientPort(uint16_t localPort);
    /**
     * \brief Run a call line and record its result.
     * \param index report line
     * \param action the action
     */
    void RunCall(size_t index, std::function<std::string()> action);

    Config m_config;                                                      //!< configuration
    Ptr<Node> m_sut;                                                      //!< the SUT's node
    Ptr<Node> m_peer;                                                     //!< the peer's node
    Ptr<NetDevice> m_sutDevice;                                           //!< the SUT's device
    Ptr<NetDevice> m_peerDevice;                                          //!< the peer's device
    Ipv4Address m_local;                                                  //!< the SUT's address
    Ipv4Address m_remote;                                                 //!< the peer's address
    std::map<std::string, std::string> m_defines;                         //!< -D symbols
    std::map<int, Ptr<TcpFastOpenSocket>> m_fds;                          //!< descriptors
    std::map<int, std::vector<Ptr<TcpFastOpenSocket>>> m_pendingChildren; //!< accept queues
    uint16_t m_sutPort{0};                   //!< the SUT's port of the current connection
    uint16_t m_peerPort{40000};              //!< the peer's port of the current connection
    uint32_t m_remoteIsn{0};                 //!< the peer's ISN (script build time)
    Time m_scriptTime;                       //!< script clock
    Time m_lastLineTime;                     //!< previous line's script time
    Time m_lastScheduled;                    //!< simulation time of the last line
    uint32_t m_sameTimeIndex{0};             //!< lines at the same time so far
    std::vector<Expectation> m_expectations; //!< outgoing lines
    std::vector<Segment> m_captured;         //!< what the SUT sent
    std::vector<ReportLine> m_report;        //!< every line
    std::vector<std::string> m_callFailures; //!< failed call lines
    std::vector<std::string> m_skipped;      //!< skipped steps
    uint32_t m_socketLines{0};               //!< socket() lines so far (script build time)
    std::map<const TcpFastOpenSocket*, uint32_t> m_socketLineOf; //!< socket -> its socket() line
    std::map<uint16_t, uint32_t> m_clientPortLine; //!< SUT client port -> its socket() line
};

} // namespace tfotest
} // namespace ns3

#endif /* TCP_FAST_OPEN_SCRIPTED_PEER_TEST_UTIL_H */
