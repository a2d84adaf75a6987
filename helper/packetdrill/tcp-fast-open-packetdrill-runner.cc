/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-fast-open-packetdrill-runner.h"

#include "tcp-fast-open-packetdrill-code.h"
#include "tcp-fast-open-packetdrill-parser.h"

#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/icmpv6-l4-protocol.h"
#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6-static-routing-helper.h"
#include "ns3/ipv6.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-fast-open-blackhole-detector.h"
#include "ns3/tcp-fast-open-cookie-cache.h"
#include "ns3/tcp-fast-open-cookie-generator.h"
#include "ns3/tcp-fast-open-counters.h"
#include "ns3/tcp-fast-open-helper.h"
#include "ns3/tcp-fast-open-socket-factory.h"
#include "ns3/tcp-fast-open-socket.h"
#include "ns3/tcp-linux-time-wait-table.h"
#include "ns3/tcp-rx-buffer.h"
#include "ns3/tcp-socket-state.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <arpa/inet.h>
#include <fstream>
#include <iomanip>
#include <sstream>

namespace ns3
{
namespace packetdrill
{

namespace
{
/// Period at which a blocked system call is polled (microseconds).
constexpr int64_t kPollUsecs = 50;
/// Delay after an inbound packet before the next non-packet event, so that
/// the packet has arrived (10 Gbit/s link: well under a microsecond).
constexpr int64_t kSettleUsecs = 1;

/// Linux's values of the constants scripts use as arguments.
const std::map<std::string, int64_t> kConstants = {
    {"AF_UNSPEC", 0},
    {"AF_INET", 2},
    {"AF_INET6", 10},
    {"SOCK_STREAM", 1},
    {"IPPROTO_TCP", 6},
    {"SOL_SOCKET", 1},
    {"SOL_TCP", 6},
    {"SO_REUSEADDR", 2},
    {"SO_ERROR", 4},
    {"TCP_NODELAY", 1},
    {"TCP_MAXSEG", 2},
    {"TCP_SYNCNT", 7},
    {"TCP_INFO", 11},
    {"TCP_FASTOPEN", 23},
    {"TCP_FASTOPEN_CONNECT", 30},
    {"TCP_FASTOPEN_KEY", 33},
    {"TCP_FASTOPEN_NO_COOKIE", 34},
    {"MSG_FASTOPEN", 0x20000000},
    {"MSG_DONTWAIT", 0x40},
    {"MSG_NOSIGNAL", 0x4000},
    {"MSG_PEEK", 0x2},
    {"F_GETFL", 3},
    {"F_SETFL", 4},
    {"O_RDWR", 2},
    {"O_NONBLOCK", 0x800},
    {"SHUT_RD", 0},
    {"SHUT_WR", 1},
    {"SHUT_RDWR", 2},
    {"POLLIN", 0x1},
    {"POLLPRI", 0x2},
    {"POLLOUT", 0x4},
    {"POLLERR", 0x8},
    {"POLLHUP", 0x10},
    {"POLLRDNORM", 0x40},
    {"POLLWRNORM", 0x100},
    {"POLLRDHUP", 0x2000},
};

/// Linux's tcp_info state numbers.
int64_t
LinuxState(TcpSocket::TcpStates_t s)
{
    switch (s)
    {
    case TcpSocket::ESTABLISHED:
        return 1;
    case TcpSocket::SYN_SENT:
        return 2;
    case TcpSocket::SYN_RCVD:
        return 3;
    case TcpSocket::FIN_WAIT_1:
        return 4;
    case TcpSocket::FIN_WAIT_2:
        return 5;
    case TcpSocket::TIME_WAIT:
        return 6;
    case TcpSocket::CLOSED:
        return 7;
    case TcpSocket::CLOSE_WAIT:
        return 8;
    case TcpSocket::LAST_ACK:
        return 9;
    case TcpSocket::LISTEN:
        return 10;
    case TcpSocket::CLOSING:
        return 11;
    default:
        return 0;
    }
}

/// \param text a number in C notation \param value set \return true if it is one
bool
ParseNumber(const std::string& text, int64_t& value)
{
    try
    {
        size_t used = 0;
        value = std::stoll(text, &used, 0);
        return used == text.size();
    }
    catch (const std::exception&)
    {
        return false;
    }
}

/// \param text text \return text without surrounding blanks and quotes
std::string
Unquote(std::string text)
{
    const size_t b = text.find_first_not_of(" \t\r\n");
    if (b == std::string::npos)
    {
        return "";
    }
    text = text.substr(b, text.find_last_not_of(" \t\r\n") - b + 1);
    if (text.size() >= 2 && (text.front() == '"' || text.front() == '\'') &&
        text.back() == text.front())
    {
        text = text.substr(1, text.size() - 2);
    }
    return text;
}

/// \param text text \return its whitespace-separated words
std::vector<std::string>
Words(const std::string& text)
{
    std::istringstream is(text);
    std::vector<std::string> words;
    std::string w;
    while (is >> w)
    {
        words.push_back(w);
    }
    return words;
}

/// The built-in equivalent of packetdrill's gtests/net/common/defaults.sh.
const char* const kDefaultsSh = "ip tcp_metrics flush all\n"
                                "sysctl -q net.ipv4.tcp_rmem=\"4096 540000 15728640\"\n"
                                "sysctl -q net.ipv4.tcp_wmem=\"4096 262144 4194304\"\n"
                                "sysctl -q net.ipv4.tcp_timestamps=1\n"
                                "sysctl -q net.ipv4.tcp_syn_retries=5\n"
                                "sysctl -q net.ipv4.tcp_synack_retries=5\n"
                                "sysctl -q net.ipv4.tcp_sack=1\n"
                                "sysctl -q net.ipv4.tcp_ecn=0\n"
                                "sysctl -q net.ipv4.tcp_fastopen=0x70403\n"
                                "sysctl -q "
                                "net.ipv4.tcp_fastopen_key=a1a1a1a1-b2b2b2b2-c3c3c3c3-d4d4d4d4\n"
                                "sysctl -q net.ipv4.tcp_syncookies=1\n";

/// sysctls of defaults.sh that concern what the model does not simulate.
const std::set<std::string> kUnmodelledDefaults = {
    "net.ipv4.tcp_frto",
    "net.ipv4.tcp_dsack",
    "net.ipv4.tcp_fack",
    "net.ipv4.tcp_reordering",
    "net.ipv4.tcp_congestion_control",
    "net.ipv4.tcp_slow_start_after_idle",
    "net.ipv4.tcp_early_retrans",
    "net.ipv4.tcp_recovery",
    "net.ipv4.tcp_tso_win_divisor",
    "net.ipv4.tcp_pacing_ss_ratio",
    "net.ipv4.tcp_pacing_ca_ratio",
    "net.ipv4.tcp_notsent_lowat",
    "net.mptcp.enabled",
};
} // namespace

std::string
PacketdrillRunner::Result::StatusName() const
{
    switch (status)
    {
    case PASS:
        return "pass";
    case FAIL:
        return "fail";
    case ERROR:
        return "error";
    default:
        return "unsupported";
    }
}

std::string
PacketdrillRunner::Result::Describe(const std::string& path) const
{
    std::ostringstream os;
    os << path;
    if (line)
    {
        os << ":" << line;
        if (column)
        {
            os << ":" << column;
        }
    }
    os << ": " << (status == UNSUPPORTED ? "unsupported: " : "") << message;
    return os.str();
}

PacketdrillRunner::PacketdrillRunner(const Config& config)
    : m_config(config),
      m_baseConfig(config)
{
}

bool
PacketdrillRunner::ApplyOptions(const std::vector<std::pair<std::string, std::string>>& options,
                                Config& config,
                                std::string& error)
{
    for (const auto& [name, value] : options)
    {
        int64_t n = 0;
        if (name == "tolerance_usecs")
        {
            if (!ParseNumber(value, n) || n < 0 || n > 100000000)
            {
                error = "--tolerance_usecs needs microseconds (0..100000000), got '" + value + "'";
                return false;
            }
            config.toleranceUsecs = n;
        }
        else if (name == "ip_version")
        {
            if (value != "ipv4" && value != "ipv6" && value != "ipv4-mapped-ipv6")
            {
                error = "--ip_version must be ipv4, ipv6 or ipv4-mapped-ipv6, got '" + value + "'";
                return false;
            }
            config.ipVersion = value;
        }
        else if (name == "local_ip")
        {
            config.localIp = value;
        }
        else if (name == "remote_ip")
        {
            config.remoteIp = value;
        }
        else if (name == "bind_port" || name == "connect_port")
        {
            if (!ParseNumber(value, n) || n < 1 || n > 65535)
            {
                error = "--" + name + " needs a port, got '" + value + "'";
                return false;
            }
            config.port = static_cast<uint16_t>(n);
        }
        else if (name == "mtu")
        {
            if (!ParseNumber(value, n) || n < 1280 || n > 65535)
            {
                error = "--mtu needs 1280..65535, got '" + value + "'";
                return false;
            }
            config.mtu = static_cast<uint16_t>(n);
        }
        else if (name == "gateway_ip" || name == "netmask_ip" || name == "tcp_ts_tick_usecs" ||
                 name == "tcp_ts_ecr_scaled" || name == "non_fatal" || name == "verbose")
        {
            // Accepted: they concern the real test bed (the simulated link has
            // no gateway; outbound TS val is not checked).
        }
        else
        {
            error = "unknown option --" + name;
            return false;
        }
    }
    return true;
}

PacketdrillRunner::Result
PacketdrillRunner::RunFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    if (!in)
    {
        Result r;
        r.status = Result::ERROR;
        r.message = "cannot read the script";
        return r;
    }
    std::ostringstream text;
    text << in.rdbuf();
    const size_t slash = path.find_last_of('/');
    return RunText(text.str(), slash == std::string::npos ? "." : path.substr(0, slash));
}

PacketdrillRunner::Result
PacketdrillRunner::RunText(const std::string& text, const std::string& directory)
{
    Reset();
    m_config = m_baseConfig;
    Script script;
    // Defaults of the kernel's selftests (tools/testing/selftests/net/packetdrill).
    std::map<std::string, std::string> defines;
    const bool v6 = m_config.ipVersion == "ipv6";
    defines["TFO_COOKIE"] = v6 ? "c1d1e9742a47a9bc" : "3021b9d889017eeb";
    defines["TFO_COOKIE_ZERO"] = v6 ? "82af1a8f9a205c34" : "b7c12350a90dc8f5";
    for (const auto& [k, v] : m_config.defines)
    {
        defines[k] = v;
    }
    try
    {
        script = PacketdrillParser(text, defines).Parse();
    }
    catch (const SyntaxError& e)
    {
        m_result.status = Result::ERROR;
        m_result.line = e.GetPos().line;
        m_result.column = e.GetPos().column;
        m_result.message = std::string("syntax error: ") + e.what();
        return m_result;
    }
    std::string error;
    if (!ApplyOptions(script.options, m_config, error))
    {
        m_result.status = Result::ERROR;
        m_result.message = error;
        return m_result;
    }
    Execute(script, directory);
    return m_result;
}

void
PacketdrillRunner::Reset()
{
    m_script = nullptr;
    m_start.clear();
    m_index = 0;
    m_lastEventUsecs = 0;
    m_done = false;
    m_result = Result();
    m_sut = nullptr;
    m_peer = nullptr;
    m_sutDevice = nullptr;
    m_peerDevice = nullptr;
    m_fds.clear();
    m_generation = 0;
    m_testGeneration = 0;
    m_testFd = -1;
    m_state.clear();
    m_reset.clear();
    m_synData.clear();
    m_synDataOfNextChild.clear();
    m_refused.clear();
    m_connections.clear();
    m_current = -1;
    m_nextPeerPort = 40000;
    m_captured.clear();
    m_capturedTotal = 0;
    m_tsOffset.reset();
    m_blocked.reset();
    m_settleUntil = Time(0);
    m_linkFreeAt = Time(0);
}

void
PacketdrillRunner::Execute(const Script& script, const std::string& directory)
{
    m_script = &script;
    m_directory = directory;
    m_start.assign(script.events.size(), -1);
    BuildTopology();
    if (!m_done)
    {
        Simulator::ScheduleNow(&PacketdrillRunner::Process, this);
        Simulator::Schedule(MicroSeconds(m_config.maxSimUsecs), [this]() {
            if (!m_done)
            {
                const uint32_t line =
                    m_index < m_script->events.size() ? m_script->events[m_index].pos.line : 0;
                Finish(Result::FAIL,
                       line,
                       "the script did not finish within " +
                           std::to_string(m_config.maxSimUsecs / 1000000) + " simulated seconds");
            }
        });
        Simulator::Run();
    }
    Simulator::Destroy();
    m_fds.clear();
    m_sut = nullptr;
    m_peer = nullptr;
    m_sutDevice = nullptr;
    m_peerDevice = nullptr;
    m_script = nullptr;
}

namespace
{
/**
 * \brief Whether a script's address is a valid one of the family, checked
 * with inet_pton before ns-3 parses it (ns-3.48 aborts on an invalid string;
 * 3.37 silently makes some other address).
 * \param family AF_INET or AF_INET6
 * \param text the address as the script or the command line wrote it
 * \return true if inet_pton accepts it
 */
bool
IsAddress(int family, const std::string& text)
{
    unsigned char buffer[sizeof(struct in6_addr)];
    return inet_pton(family, text.c_str(), buffer) == 1;
}
} // namespace

void
PacketdrillRunner::BuildTopology()
{
    const bool mapped = m_config.ipVersion == "ipv4-mapped-ipv6";
    m_ipv6 = m_config.ipVersion == "ipv6";
    std::string local = m_config.localIp;
    std::string remote = m_config.remoteIp;
    if (local.empty())
    {
        local = m_ipv6 ? "fd3d:a0b:17d6::1" : "192.168.0.1";
    }
    if (remote.empty())
    {
        remote = m_ipv6 ? "fd3d:fa7b:d17d::1" : "192.0.2.1";
    }
    if (mapped)
    {
        // ::ffff:a.b.c.d on the socket, a.b.c.d on the wire.
        for (std::string* a : {&local, &remote})
        {
            if (a->rfind("::ffff:", 0) == 0)
            {
                *a = a->substr(7);
            }
        }
    }
    m_sut = CreateObject<Node>();
    m_peer = CreateObject<Node>();
    InternetStackHelper internet;
    internet.Install(m_sut);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("10Gbps"));
    p2p.SetDeviceAttribute("Mtu", UintegerValue(m_config.mtu));
    p2p.SetChannelAttribute("Delay", TimeValue(Seconds(0)));
    NetDeviceContainer devices = p2p.Install(m_sut, m_peer);
    m_sutDevice = devices.Get(0);
    m_peerDevice = devices.Get(1);
    if (m_ipv6)
    {
        if (!IsAddress(AF_INET6, local) || !IsAddress(AF_INET6, remote))
        {
            Finish(Result::ERROR, 0, "--local_ip and --remote_ip must be IPv6 addresses with ipv6");
            return;
        }
        const Ipv6Address l(local.c_str());
        const Ipv6Address r(remote.c_str());
        l.GetBytes(m_local.data());
        r.GetBytes(m_remote.data());
        m_sut->GetObject<Icmpv6L4Protocol>()->SetAttribute("DAD", BooleanValue(false));
        Ptr<Ipv6> ipv6 = m_sut->GetObject<Ipv6>();
        const uint32_t ifIndex = ipv6->AddInterface(m_sutDevice);
        ipv6->AddAddress(ifIndex, Ipv6InterfaceAddress(l, Ipv6Prefix(64)));
        ipv6->SetUp(ifIndex);
        Ipv6StaticRoutingHelper routing;
        routing.GetStaticRouting(ipv6)->AddHostRouteTo(r, ifIndex);
    }
    else
    {
        Ipv4Address l;
        Ipv4Address r;
        if (!IsAddress(AF_INET, local) || !IsAddress(AF_INET, remote))
        {
            Finish(Result::ERROR, 0, "--local_ip and --remote_ip must be IPv4 addresses");
            return;
        }
        l = Ipv4Address(local.c_str());
        r = Ipv4Address(remote.c_str());
        l.Serialize(m_local.data());
        r.Serialize(m_remote.data());
        Ptr<Ipv4> ipv4 = m_sut->GetObject<Ipv4>();
        const int32_t ifIndex = ipv4->AddInterface(m_sutDevice);
        ipv4->AddAddress(ifIndex, Ipv4InterfaceAddress(l, Ipv4Mask("255.255.0.0")));
        ipv4->SetUp(ifIndex);
        Ipv4StaticRoutingHelper routing;
        routing.GetStaticRouting(ipv4)->AddHostRouteTo(r, ifIndex);
    }

    TcpFastOpenHelper tfo;
    tfo.SetLinuxDefaults(true);
    tfo.SetMode(0x1); // Linux's default net.ipv4.tcp_fastopen
    // The script's sequence numbers are relative to the ISN the runner learns
    // from each SYN; a fixed ISN keeps runs identical.
    tfo.SetSocketAttribute("RandomIsn", BooleanValue(false));
    tfo.Install(m_sut);
    m_sutDevice->TraceConnectWithoutContext("PhyTxBegin",
                                            MakeCallback(&PacketdrillRunner::Capture, this));
}

int64_t
PacketdrillRunner::Now() const
{
    return Simulator::Now().GetMicroSeconds();
}

void
PacketdrillRunner::Finish(Result::Status status, uint32_t line, const std::string& message)
{
    if (m_done)
    {
        return;
    }
    m_done = true;
    m_result.status = status;
    m_result.line = line;
    m_result.message = message;
    Simulator::Stop();
}

int64_t
PacketdrillRunner::StartTime(Event& e)
{
    const size_t i = &e - &m_script->events[0];
    if (m_start[i] >= 0)
    {
        return m_start[i];
    }
    int64_t start = 0;
    const bool anchored = i > 0 && e.kind == Event::PACKET && e.packet.inbound &&
                          m_script->events[i - 1].kind == Event::PACKET &&
                          m_script->events[i - 1].packet.inbound;
    const int64_t offset = anchored ? m_lastEventUsecs : Now();
    switch (e.time.type)
    {
    case TimeType::ABSOLUTE:
    case TimeType::ABSOLUTE_RANGE:
        start = e.time.usecs;
        break;
    case TimeType::RELATIVE:
    case TimeType::RELATIVE_RANGE:
        start = offset + e.time.usecs;
        break;
    case TimeType::ANY:
        start = Now();
        break;
    }
    m_start[i] = start;
    return start;
}

void
PacketdrillRunner::Process()
{
    if (Simulator::Now() < m_settleUntil)
    {
        return; // an inbound packet is still on its way: Process runs again then
    }
    while (!m_done && m_index < m_script->events.size())
    {
        Event& e = const_cast<Event&>(m_script->events[m_index]);
        const int64_t start = StartTime(e);
        if (start > Now())
        {
            Simulator::Schedule(MicroSeconds(start - Now()), &PacketdrillRunner::Process, this);
            return;
        }
        if (e.kind == Event::PACKET && !e.packet.inbound)
        {
            if (!CheckOutbound(e, start))
            {
                return; // waiting for the packet
            }
            m_lastEventUsecs = start;
            m_index++;
            continue;
        }
        if (e.kind == Event::SYSCALL && m_blocked)
        {
            return; // packetdrill runs one system call at a time: wait for it
        }
        m_lastEventUsecs = start;
        m_index++;
        switch (e.kind)
        {
        case Event::PACKET:
            if (!Inject(e))
            {
                return;
            }
            if (m_index < m_script->events.size())
            {
                const Event& next = m_script->events[m_index];
                if (!(next.kind == Event::PACKET && next.packet.inbound))
                {
                    // Let the packet arrive before the next line runs.
                    Simulator::Schedule(m_settleUntil - Simulator::Now(),
                                        &PacketdrillRunner::Process,
                                        this);
                    return;
                }
            }
            break;
        case Event::SYSCALL: {
            CallOutcome outcome = RunSyscall(e);
            int64_t end = start;
            if (e.time.callEndUsecs)
            {
                end = (e.time.type == TimeType::RELATIVE ? start - e.time.usecs : 0) +
                      *e.time.callEndUsecs;
            }
            if (outcome.kind == CallOutcome::UNSUPPORTED)
            {
                Finish(Result::UNSUPPORTED, e.pos.line, outcome.message);
                return;
            }
            if (outcome.kind == CallOutcome::FAILED)
            {
                Finish(Result::FAIL, e.pos.line, outcome.message);
                return;
            }
            if (outcome.kind == CallOutcome::BLOCKED)
            {
                m_blocked = Blocked{m_index - 1, start, end, outcome.poll};
                m_pollEvent = Simulator::Schedule(MicroSeconds(kPollUsecs),
                                                  &PacketdrillRunner::PollBlocked,
                                                  this);
                break;
            }
            if (!CheckReturn(e, outcome, Now(), end))
            {
                return;
            }
            break;
        }
        case Event::COMMAND:
            if (!RunCommand(e))
            {
                return;
            }
            break;
        case Event::CODE:
            if (!RunCode(e))
            {
                return;
            }
            break;
        }
    }
    if (!m_done && m_index >= m_script->events.size() && !m_blocked)
    {
        Finish(Result::PASS, 0, "");
    }
}

void
PacketdrillRunner::PollBlocked()
{
    if (m_done || !m_blocked)
    {
        return;
    }
    std::optional<CallOutcome> r = m_blocked->poll();
    const Event& e = m_script->events[m_blocked->event];
    if (r)
    {
        const int64_t end = m_blocked->endUsecs;
        m_blocked.reset();
        if (CheckReturn(e, *r, Now(), end))
        {
            Process();
        }
        return;
    }
    if (Now() > m_blocked->endUsecs + m_config.toleranceUsecs)
    {
        std::ostringstream os;
        os << "timing error: expected system call to return at " << m_blocked->endUsecs / 1e6
           << " sec but it was still blocked at " << Now() / 1e6 << " sec";
        Finish(Result::FAIL, e.pos.line, os.str());
        return;
    }
    m_pollEvent =
        Simulator::Schedule(MicroSeconds(kPollUsecs), &PacketdrillRunner::PollBlocked, this);
}

bool
PacketdrillRunner::CheckReturn(const Event& e,
                               const CallOutcome& outcome,
                               int64_t returnUsecs,
                               int64_t endUsecs)
{
    const SyscallSpec& call = e.syscall;
    int64_t expected = 0;
    if (call.result.kind != Expr::ELLIPSIS)
    {
        if (!IntValue(call.result, expected))
        {
            Finish(Result::UNSUPPORTED, e.pos.line, "a non-integer expected return value");
            return false;
        }
        if (outcome.ret != expected ||
            (expected == -1 && !call.errnoName.empty() && call.errnoName != outcome.errnoName))
        {
            std::ostringstream os;
            os << call.name << " returned " << outcome.ret;
            if (outcome.ret == -1)
            {
                os << " " << outcome.errnoName;
            }
            os << " but the script expected " << expected;
            if (!call.errnoName.empty())
            {
                os << " " << call.errnoName;
            }
            Finish(Result::FAIL, e.pos.line, os.str());
            return false;
        }
    }
    if (returnUsecs > endUsecs + m_config.toleranceUsecs ||
        returnUsecs + m_config.toleranceUsecs < endUsecs)
    {
        std::ostringstream os;
        os << "timing error: expected system call to return at " << endUsecs / 1e6
           << " sec but happened at " << returnUsecs / 1e6 << " sec";
        Finish(Result::FAIL, e.pos.line, os.str());
        return false;
    }
    return true;
}

bool
PacketdrillRunner::IsLatest(uint32_t generation) const
{
    return generation >= m_testGeneration;
}

PacketdrillRunner::Connection*
PacketdrillRunner::ConnectionOf(const WireSegment& seg)
{
    for (Connection& c : m_connections)
    {
        if (c.sutPort == seg.srcPort && c.peerPort == seg.dstPort)
        {
            return &c;
        }
    }
    if ((seg.flags & PacketdrillWire::SYN) && !(seg.flags & PacketdrillWire::ACK))
    {
        // A new client connection: find its socket by its port.
        Connection c;
        c.sutPort = seg.srcPort;
        c.peerPort = seg.dstPort;
        c.client = true;
        for (auto& [fd, entry] : m_fds)
        {
            Address name;
            if (entry.socket && entry.socket->GetSockName(name) == 0)
            {
                uint16_t port = 0;
                if (InetSocketAddress::IsMatchingType(name))
                {
                    port = InetSocketAddress::ConvertFrom(name).GetPort();
                }
                else if (Inet6SocketAddress::IsMatchingType(name))
                {
                    port = Inet6SocketAddress::ConvertFrom(name).GetPort();
                }
                if (port == seg.srcPort)
                {
                    c.generation = entry.generation;
                }
            }
        }
        m_connections.push_back(c);
        if (IsLatest(c.generation))
        {
            m_current = static_cast<int>(m_connections.size() - 1);
        }
        return &m_connections.back();
    }
    return nullptr;
}

void
PacketdrillRunner::Capture(Ptr<const Packet> packet)
{
    if (m_done)
    {
        return;
    }
    std::vector<uint8_t> bytes(packet->GetSize());
    packet->CopyData(bytes.data(), bytes.size());
    if (bytes.size() < 2)
    {
        return;
    }
    bytes.erase(bytes.begin(), bytes.begin() + 2); // PPP header
    std::optional<WireSegment> seg = PacketdrillWire::Decode(bytes);
    if (!seg)
    {
        return; // not TCP (ICMPv6 router solicitations and the like)
    }
    m_capturedTotal++;
    Connection* c = ConnectionOf(*seg);
    if (c && (seg->flags & PacketdrillWire::SYN))
    {
        c->localIsn = seg->seq;
        c->haveLocalIsn = true;
    }
    m_captured.push_back({*seg, Now(), c ? static_cast<int>(c - &m_connections[0]) : -1});
    Simulator::ScheduleNow(&PacketdrillRunner::Process, this);
}

bool
PacketdrillRunner::Inject(const Event& e)
{
    const PacketSpec& p = e.packet;
    if (p.protocol != PacketSpec::TCP)
    {
        Finish(Result::UNSUPPORTED, e.pos.line, "non-TCP packet line '" + p.text + "'");
        return false;
    }
    const uint8_t flags = PacketdrillWire::ParseFlags(p.flags);
    Connection* c = nullptr;
    if ((flags & PacketdrillWire::SYN) && !(flags & PacketdrillWire::ACK))
    {
        // A SYN from the peer: a new passive connection, unless it repeats the
        // current one's SYN (a retransmission).
        if (m_current >= 0 && !m_connections[m_current].client &&
            m_connections[m_current].remoteIsn == p.seqStart &&
            !m_connections[m_current].sawOtherInbound)
        {
            c = &m_connections[m_current];
        }
        else if (m_current >= 0 && m_connections[m_current].client &&
                 !m_connections[m_current].sawOtherInbound)
        {
            // A SYN crossing the current client connection's SYN (simultaneous
            // open): packetdrill sends it on that connection's 4-tuple.
            c = &m_connections[m_current];
            c->remoteIsn = p.seqStart;
            c->sawOtherInbound = true;
        }
        else
        {
            Connection n;
            n.sutPort = m_config.port;
            n.peerPort = m_nextPeerPort++;
            n.remoteIsn = p.seqStart;
            m_connections.push_back(n);
            m_current = static_cast<int>(m_connections.size() - 1);
            c = &m_connections.back();
        }
    }
    else
    {
        if (m_current < 0)
        {
            Finish(Result::FAIL,
                   e.pos.line,
                   "inbound packet before any connection: the stack under test has sent no "
                   "SYN and the script no SYN");
            return false;
        }
        c = &m_connections[m_current];
        c->sawOtherInbound = true;
        if (flags & PacketdrillWire::SYN)
        {
            c->remoteIsn = p.seqStart;
        }
    }
    WireSegment s;
    s.ipv6 = m_ipv6;
    s.src = m_remote;
    s.dst = m_local;
    s.srcPort = c->peerPort;
    s.dstPort = c->sutPort;
    // packetdrill's numbering: a SYN's seq is absolute and is the peer's
    // ISN; the seq of the peer's other segments is relative to it.
    s.seq = (flags & PacketdrillWire::SYN) ? p.seqStart : p.seqStart + c->remoteIsn;
    s.ack = (flags & PacketdrillWire::ACK) ? p.ack.value_or(0) + c->localIsn : p.ack.value_or(0);
    s.flags = flags;
    s.win = static_cast<uint16_t>(p.win.value_or(65535));
    s.options = p.options;
    for (TcpOptionSpec& o : s.options)
    {
        if (o.kind == TcpOptionSpec::TS && m_tsOffset && o.tsEcr != 0)
        {
            o.tsEcr += *m_tsOffset; // the script's ecr echoes its own notion of our val
        }
    }
    s.payload = p.len;
    if ((flags & PacketdrillWire::RST) && c->client)
    {
        for (auto& [n, entry] : m_fds)
        {
            if (m_state[PeekPointer(entry.socket)] == TcpSocket::SYN_SENT)
            {
                Address name;
                if (entry.socket->GetSockName(name) == 0 &&
                    ((InetSocketAddress::IsMatchingType(name) &&
                      InetSocketAddress::ConvertFrom(name).GetPort() == c->sutPort) ||
                     (Inet6SocketAddress::IsMatchingType(name) &&
                      Inet6SocketAddress::ConvertFrom(name).GetPort() == c->sutPort)))
                {
                    m_refused.insert(PeekPointer(entry.socket));
                }
            }
        }
    }
    if (p.ecn == "ect0")
    {
        s.ecn = 2;
    }
    else if (p.ecn == "ect1")
    {
        s.ecn = 1;
    }
    else if (p.ecn == "ce")
    {
        s.ecn = 3;
    }
    std::optional<std::vector<uint8_t>> bytes = PacketdrillWire::Encode(s);
    if (!bytes)
    {
        Finish(Result::FAIL, e.pos.line, "TCP options longer than 40 bytes");
        return false;
    }
    Ptr<Packet> packet = Create<Packet>(bytes->data(), bytes->size());
    // It arrives once the 10 Gbit/s link has carried it and those before it
    // (PPP header included); the next line that is not a packet waits for it.
    const Time start = std::max(Simulator::Now(), m_linkFreeAt);
    m_linkFreeAt = start + NanoSeconds((bytes->size() + 2) * 8 / 10 + 1);
    m_settleUntil = m_linkFreeAt + MicroSeconds(kSettleUsecs);
    m_peerDevice->Send(packet, m_sutDevice->GetAddress(), m_ipv6 ? 0x86DD : 0x0800);
    return true;
}

std::string
PacketdrillRunner::CompareSegment(const PacketSpec& expected,
                                  const WireSegment& got,
                                  const Connection& conn,
                                  uint32_t payload) const
{
    std::vector<std::string> diffs;
    // PSH is not compared: ns-3's TcpSocketBase never sets it (a deliberate
    // difference listed in doc/packetdrill.rst).
    const uint8_t want = PacketdrillWire::ParseFlags(expected.flags) & ~PacketdrillWire::PSH;
    const uint8_t have = got.flags & ~PacketdrillWire::PSH;
    if (want != have)
    {
        diffs.push_back("flags: expected " + PacketdrillWire::FormatFlags(want) + " vs actual " +
                        PacketdrillWire::FormatFlags(have));
    }
    // A SYN's seq is the ISN, whatever the script writes (packetdrill maps it).
    const uint32_t seq = got.seq - conn.localIsn;
    const uint32_t wantSeq = (got.flags & PacketdrillWire::SYN) ? 0 : expected.seqStart;
    if (seq != wantSeq)
    {
        diffs.push_back("tcp_seq: expected " + std::to_string(expected.seqStart) + " vs actual " +
                        std::to_string(seq));
    }
    if (payload != expected.len)
    {
        diffs.push_back("payload length: expected " + std::to_string(expected.len) + " vs actual " +
                        std::to_string(payload));
    }
    // The ack of a SYN-ACK is absolute, that of any other segment relative to
    // the peer's ISN (packetdrill's numbering).
    const uint32_t ack = (got.flags & PacketdrillWire::SYN) ? got.ack : got.ack - conn.remoteIsn;
    if ((want & PacketdrillWire::ACK) && expected.ack && ack != *expected.ack)
    {
        diffs.push_back("tcp_ack: expected " + std::to_string(*expected.ack) + " vs actual " +
                        std::to_string(ack));
    }
    if (expected.win && got.win != *expected.win)
    {
        diffs.push_back("tcp_window: expected " + std::to_string(*expected.win) + " vs actual " +
                        std::to_string(got.win));
    }
    if (expected.hasOptions && !expected.optionsNoCheck)
    {
        // Options are compared as a list of options without the NOP and EOL
        // padding: ns-3 lays out and pads options in its own order.
        auto significant = [](const std::vector<TcpOptionSpec>& list) {
            std::vector<std::string> out;
            for (const TcpOptionSpec& o : list)
            {
                if (o.kind == TcpOptionSpec::NOP || o.kind == TcpOptionSpec::EOL)
                {
                    continue;
                }
                TcpOptionSpec copy = o;
                copy.tsVal = 0; // outbound TS val is not checked (packetdrill's default)
                out.push_back(PacketdrillWire::FormatOptions({copy}));
            }
            std::sort(out.begin(), out.end());
            return out;
        };
        if (significant(expected.options) != significant(got.options) || !got.unknownKinds.empty())
        {
            diffs.push_back("tcp options: expected " +
                            PacketdrillWire::FormatOptions(expected.options) + " vs actual " +
                            PacketdrillWire::FormatOptions(got.options));
        }
    }
    std::string out;
    for (const std::string& d : diffs)
    {
        out += (out.empty() ? "" : "; ") + d;
    }
    return out;
}

bool
PacketdrillRunner::CheckOutbound(const Event& e, int64_t start)
{
    const PacketSpec& p = e.packet;
    if (p.protocol != PacketSpec::TCP)
    {
        Finish(Result::UNSUPPORTED, e.pos.line, "non-TCP packet line '" + p.text + "'");
        return true;
    }
    // packetdrill sniffs only the socket under test: packets of other
    // connections (an earlier socket's FIN or ACK, say) are dropped.
    while (!m_captured.empty() && m_captured.front().connection != m_current &&
           m_captured.front().connection >= 0)
    {
        m_captured.pop_front();
    }
    const int64_t tol = m_config.toleranceUsecs;
    int64_t lo = start;
    int64_t hi = start;
    if (e.time.type == TimeType::ABSOLUTE_RANGE)
    {
        hi = e.time.endUsecs;
    }
    else if (e.time.type == TimeType::RELATIVE_RANGE)
    {
        hi = start - e.time.usecs + e.time.endUsecs;
    }
    const bool any = e.time.type == TimeType::ANY;
    if (m_captured.empty())
    {
        if (!any && Now() > hi + tol)
        {
            std::ostringstream os;
            os << "timing error: expected outbound packet at " << start / 1e6
               << " sec but none was sent by " << Now() / 1e6 << " sec\nscript packet: " << p.text;
            Finish(Result::FAIL, e.pos.line, os.str());
            return true;
        }
        if (!any)
        {
            Simulator::Schedule(MicroSeconds(hi + tol + 1 - Now()),
                                &PacketdrillRunner::Process,
                                this);
        }
        return false;
    }
    // A script segment may be sent as several (ns-3 has no TSO/GSO): take the
    // contiguous data segments that follow, up to the script's length.
    const Captured first = m_captured.front();
    size_t count = 1;
    uint32_t payload = first.segment.payload;
    while (payload < p.len && first.segment.payload > 0 && count < m_captured.size() &&
           m_captured[count].segment.payload > 0 &&
           m_captured[count].segment.seq == first.segment.seq + payload &&
           m_captured[count].segment.srcPort == first.segment.srcPort &&
           !(m_captured[count].segment.flags & PacketdrillWire::SYN))
    {
        payload += m_captured[count].segment.payload;
        count++;
    }
    if (payload < p.len && first.segment.payload > 0 && count == m_captured.size() &&
        (any || Now() <= hi + tol))
    {
        // The rest of the write may still be on its way out.
        if (!any)
        {
            Simulator::Schedule(MicroSeconds(hi + tol + 1 - Now()),
                                &PacketdrillRunner::Process,
                                this);
        }
        return false;
    }
    m_captured.erase(m_captured.begin(), m_captured.begin() + count);
    Connection none;
    const Connection* conn = &none;
    for (const Connection& c : m_connections)
    {
        if (c.sutPort == first.segment.srcPort && c.peerPort == first.segment.dstPort)
        {
            conn = &c;
        }
    }
    const std::string live =
        PacketdrillWire::Format(first.segment,
                                conn->localIsn,
                                (first.segment.flags & PacketdrillWire::SYN) ? 0 : conn->remoteIsn);
    std::string diff = CompareSegment(p, first.segment, *conn, payload);
    if (!diff.empty())
    {
        std::ostringstream os;
        os << "bad outbound packet: " << diff << "\nscript packet: " << start / 1e6 << " " << p.text
           << "\nactual packet: " << first.usecs / 1e6 << " > " << live;
        Finish(Result::FAIL, e.pos.line, os.str());
        return true;
    }
    if (!any && (first.usecs < lo - tol || first.usecs > hi + tol))
    {
        std::ostringstream os;
        os << "timing error: expected outbound packet at " << start / 1e6 << " sec but happened at "
           << first.usecs / 1e6 << " sec; tolerance " << tol / 1e6
           << " sec\nscript packet: " << p.text << "\nactual packet: > " << live;
        Finish(Result::FAIL, e.pos.line, os.str());
        return true;
    }
    for (const TcpOptionSpec& o : first.segment.options)
    {
        for (const TcpOptionSpec& s : p.options)
        {
            if (o.kind == TcpOptionSpec::TS && s.kind == TcpOptionSpec::TS)
            {
                m_tsOffset = o.tsVal - s.tsVal;
            }
        }
    }
    return true;
}

int
PacketdrillRunner::NextFd() const
{
    int fd = 3;
    while (m_fds.count(fd))
    {
        fd++;
    }
    return fd;
}

PacketdrillRunner::Fd*
PacketdrillRunner::GetFd(int64_t fd)
{
    auto it = m_fds.find(fd);
    return it == m_fds.end() ? nullptr : &it->second;
}

bool
PacketdrillRunner::IntValue(const Expr& e, int64_t& value) const
{
    switch (e.kind)
    {
    case Expr::INT:
        value = e.number;
        return true;
    case Expr::SYMBOL: {
        auto it = kConstants.find(e.text);
        if (it == kConstants.end())
        {
            return false;
        }
        value = it->second;
        return true;
    }
    case Expr::OR: {
        value = 0;
        for (const Expr& item : e.items)
        {
            int64_t v = 0;
            if (!IntValue(item, v))
            {
                return false;
            }
            value |= v;
        }
        return true;
    }
    case Expr::LIST:
        return e.items.size() == 1 && IntValue(e.items[0], value);
    default:
        return false;
    }
}

std::string
PacketdrillRunner::ErrnoName(Ptr<TcpFastOpenSocket> s)
{
    switch (s->GetErrno())
    {
    case Socket::ERROR_ISCONN:
        return "EISCONN";
    case Socket::ERROR_NOTCONN:
        return "ENOTCONN";
    case Socket::ERROR_MSGSIZE:
        return "EMSGSIZE";
    case Socket::ERROR_AGAIN:
        return "EAGAIN";
    case Socket::ERROR_SHUTDOWN:
        return "EPIPE";
    case Socket::ERROR_OPNOTSUPP:
        return "EOPNOTSUPP";
    case Socket::ERROR_AFNOSUPPORT:
        return "EAFNOSUPPORT";
    case Socket::ERROR_INVAL:
        return "EINVAL";
    case Socket::ERROR_BADF:
        return "EBADF";
    case Socket::ERROR_NOROUTETOHOST:
        return "EHOSTUNREACH";
    case Socket::ERROR_NODEV:
        return "ENODEV";
    case Socket::ERROR_ADDRNOTAVAIL:
        return "EADDRNOTAVAIL";
    case Socket::ERROR_ADDRINUSE:
        return "EADDRINUSE";
    default:
        return "EIO";
    }
}

Address
PacketdrillRunner::RemoteAddress() const
{
    if (m_ipv6)
    {
        return Inet6SocketAddress(Ipv6Address(const_cast<uint8_t*>(m_remote.data())),
                                  m_config.port);
    }
    return InetSocketAddress(Ipv4Address::Deserialize(m_remote.data()), m_config.port);
}

Address
PacketdrillRunner::LocalAddress() const
{
    if (m_ipv6)
    {
        return Inet6SocketAddress(Ipv6Address::GetAny(), m_config.port);
    }
    return InetSocketAddress(Ipv4Address::GetAny(), m_config.port);
}

void
PacketdrillRunner::Watch(Ptr<TcpFastOpenSocket> s)
{
    m_state[PeekPointer(s)] = TcpSocket::CLOSED;
    s->TraceConnectWithoutContext(
        "State",
        MakeCallback(&PacketdrillRunner::StateChange, this).Bind(PeekPointer(s)));
    s->SetCloseCallbacks(MakeNullCallback<void, Ptr<Socket>>(),
                         MakeCallback(&PacketdrillRunner::ErrorClose, this));
}

void
PacketdrillRunner::StateChange(Socket* s, TcpSocket::TcpStates_t from, TcpSocket::TcpStates_t to)
{
    m_state[s] = to;
}

void
PacketdrillRunner::ErrorClose(Ptr<Socket> s)
{
    m_reset.insert(PeekPointer(s));
}

void
PacketdrillRunner::ListenerFastOpenEvent(Socket* listener,
                                         TcpFastOpenSocket::Event event,
                                         uint32_t bytes,
                                         const TcpFastOpenCookie& cookie)
{
    if (event == TcpFastOpenSocket::PASSIVE_ACCEPTED)
    {
        m_synDataOfNextChild[listener] = bytes;
    }
}

void
PacketdrillRunner::NewChild(int listenFd, Ptr<Socket> s, const Address& from)
{
    Ptr<TcpFastOpenSocket> child = DynamicCast<TcpFastOpenSocket>(s);
    Fd* listener = GetFd(listenFd);
    if (!child || !listener)
    {
        return;
    }
    Watch(child);
    // ns-3 hands a Fast Open child over in SYN_RCVD, any other once established.
    m_state[PeekPointer(child)] =
        child->IsFastOpenChild() ? TcpSocket::SYN_RCVD : TcpSocket::ESTABLISHED;
    if (child->IsFastOpenChild())
    {
        // Linux sets TCPI_OPT_SYN_DATA on a server child whose SYN had data.
        m_synData[PeekPointer(child)] = m_synDataOfNextChild[PeekPointer(listener->socket)];
    }
    listener->accept.push_back(child);
}

PacketdrillRunner::CallOutcome
PacketdrillRunner::RunSyscall(const Event& e)
{
    const SyscallSpec& call = e.syscall;
    const std::vector<Expr>& a = call.args;
    CallOutcome out;
    auto unsupported = [&out](const std::string& why) {
        out.kind = CallOutcome::UNSUPPORTED;
        out.message = why;
        return out;
    };
    auto failed = [&out](const std::string& why) {
        out.kind = CallOutcome::FAILED;
        out.message = why;
        return out;
    };
    auto done = [&out](int64_t ret, const std::string& err = "") {
        out.kind = CallOutcome::DONE;
        out.ret = ret;
        out.errnoName = err;
        return out;
    };
    static const std::set<std::string> kCalls = {"socket",
                                                 "fcntl",
                                                 "setsockopt",
                                                 "getsockopt",
                                                 "bind",
                                                 "listen",
                                                 "accept",
                                                 "connect",
                                                 "sendto",
                                                 "sendmsg",
                                                 "write",
                                                 "send",
                                                 "read",
                                                 "recv",
                                                 "recvfrom",
                                                 "close",
                                                 "shutdown"};
    if (!kCalls.count(call.name))
    {
        return unsupported("system call " + call.name + "()");
    }
    int64_t fdNumber = -1;
    Fd* fd = nullptr;
    if (call.name != "socket")
    {
        if (a.empty() || !IntValue(a[0], fdNumber))
        {
            return unsupported(call.name + "() without a descriptor number");
        }
        fd = GetFd(fdNumber);
        if (!fd)
        {
            return done(-1, "EBADF");
        }
    }
    auto arg = [&a, this](size_t i, int64_t& v) { return i < a.size() && IntValue(a[i], v); };

    if (call.name == "socket")
    {
        Ptr<TcpFastOpenSocket> s = DynamicCast<TcpFastOpenSocket>(
            m_sut->GetObject<TcpFastOpenSocketFactory>()->CreateSocket());
        if (!s)
        {
            return failed("the socket factory did not make a TcpFastOpenSocket");
        }
        // packetdrill maps the script's descriptor numbers to the live ones:
        // the number the script expects names the new socket.
        int64_t wanted = -1;
        const int64_t n = IntValue(call.result, wanted) && wanted >= 0 && !m_fds.count(wanted)
                              ? wanted
                              : NextFd();
        Fd entry;
        entry.socket = s;
        entry.generation = ++m_generation;
        m_testGeneration = entry.generation;
        m_current = -1; // packetdrill: the new socket is the one under test
        m_fds[n] = entry;
        m_testFd = n;
        Watch(s);
        return done(n);
    }
    if (call.name == "fcntl")
    {
        int64_t cmd = 0;
        if (!arg(1, cmd))
        {
            return unsupported("fcntl() command");
        }
        if (cmd == kConstants.at("F_SETFL"))
        {
            int64_t flags = 0;
            if (!arg(2, flags))
            {
                return unsupported("fcntl(F_SETFL) flags");
            }
            fd->nonblocking = (flags & kConstants.at("O_NONBLOCK")) != 0;
            return done(0);
        }
        if (cmd == kConstants.at("F_GETFL"))
        {
            return done(kConstants.at("O_RDWR") |
                        (fd->nonblocking ? kConstants.at("O_NONBLOCK") : 0));
        }
        return unsupported("fcntl() command other than F_GETFL/F_SETFL");
    }
    Ptr<TcpFastOpenSocket> s = fd->socket;
    if (call.name == "setsockopt" || call.name == "getsockopt")
    {
        if (a.size() < 4 || a[2].kind != Expr::SYMBOL)
        {
            return unsupported(call.name + "() with an option that is not a symbol");
        }
        const std::string& opt = a[2].text;
        if (call.name == "getsockopt")
        {
            return unsupported("getsockopt(" + opt + "): the model's sockets have no getsockopt");
        }
        int64_t value = 0;
        const bool isInt = IntValue(a[3], value);
        if (opt == "SO_REUSEADDR")
        {
            return done(0); // ns-3 has no TIME_WAIT binding conflicts to relax
        }
        if (opt == "TCP_NODELAY" && isInt)
        {
            s->SetAttribute("TcpNoDelay", BooleanValue(value != 0));
            return done(0);
        }
        if (opt == "TCP_FASTOPEN" && isInt)
        {
            if (value < 0 || value > 0x7fffffff)
            {
                return done(-1, "EINVAL");
            }
            s->SetAttribute("FastOpenQueueLength", UintegerValue(value));
            return done(0);
        }
        if (opt == "TCP_FASTOPEN_CONNECT" && isInt)
        {
            UintegerValue mode;
            s->GetAttribute("Mode", mode);
            if (!(mode.Get() & TcpFastOpenSocket::CLIENT_ENABLE))
            {
                return done(-1, "EOPNOTSUPP");
            }
            s->SetAttribute("FastOpenConnect", BooleanValue(value != 0));
            return done(0);
        }
        if (opt == "TCP_FASTOPEN_NO_COOKIE" && isInt)
        {
            s->SetAttribute("FastOpenNoCookie", BooleanValue(value != 0));
            return done(0);
        }
        if (opt == "TCP_SYNCNT" && isInt)
        {
            if (value < 1 || value > 127)
            {
                return done(-1, "EINVAL");
            }
            s->SetAttribute("ConnCount", UintegerValue(value + 1)); // ns-3 counts the first SYN
            return done(0);
        }
        if (opt == "TCP_FASTOPEN_KEY" && a[3].kind == Expr::STRING)
        {
            const std::string& bytes = a[3].text;
            if (bytes.size() != 16 && bytes.size() != 32)
            {
                return done(-1, "EINVAL");
            }
            std::ostringstream hex;
            for (size_t i = 0; i < bytes.size(); ++i)
            {
                if (i == 16)
                {
                    hex << ",";
                }
                hex << std::hex << std::setw(2) << std::setfill('0')
                    << (static_cast<unsigned>(bytes[i]) & 0xff);
            }
            s->SetFastOpenKey(hex.str());
            return done(0);
        }
        return unsupported("setsockopt(" + opt + ")");
    }
    if (call.name == "bind")
    {
        if (a.size() > 1 && a[1].kind != Expr::ELLIPSIS)
        {
            return unsupported("bind() to an explicit address");
        }
        fd->bound = true;
        const int r = s->Bind(LocalAddress());
        return r == 0 ? done(0) : done(-1, ErrnoName(s));
    }
    if (call.name == "listen")
    {
        int64_t backlog = 0;
        if (!arg(1, backlog) || backlog < 0 || backlog > 0x7fffffff)
        {
            return unsupported("listen() backlog");
        }
        if (!fd->bound)
        {
            s->Bind(LocalAddress());
            fd->bound = true;
        }
        s->SetAttribute("ListenBacklog", UintegerValue(std::max<int64_t>(backlog, 1)));
        // ns-3 has no accept(): the model hands each child to the application
        // at once and the runner keeps them until the script's accept(). A
        // listener the script never accept()s from leaves its children in the
        // model's own accept queue instead (AcceptRate ~ 0), so that closing
        // it resets them as Linux's inet_csk_listen_stop does.
        bool accepts = false;
        for (size_t i = m_index; i < m_script->events.size(); ++i)
        {
            const Event& later = m_script->events[i];
            int64_t laterFd = -1;
            if (later.kind != Event::SYSCALL || later.syscall.args.empty() ||
                !IntValue(later.syscall.args[0], laterFd) || laterFd != fdNumber)
            {
                continue;
            }
            if (later.syscall.name == "accept")
            {
                accepts = true;
            }
            if (later.syscall.name == "accept" || later.syscall.name == "close")
            {
                break;
            }
        }
        if (!accepts)
        {
            s->SetAttribute("AcceptRate", DoubleValue(1e-9));
        }
        s->SetAcceptCallback(
            MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
            MakeCallback(&PacketdrillRunner::NewChild, this).Bind(static_cast<int>(fdNumber)));
        fd->listening = true;
        s->TraceConnectWithoutContext(
            "FastOpen",
            MakeCallback(&PacketdrillRunner::ListenerFastOpenEvent, this).Bind(PeekPointer(s)));
        const int r = s->Listen();
        return r == 0 ? done(0) : done(-1, ErrnoName(s));
    }
    if (call.name == "accept")
    {
        if (!fd->listening)
        {
            return done(-1, "EINVAL");
        }
        const int64_t listenFd = fdNumber;
        int64_t wanted = -1;
        const int64_t name = IntValue(call.result, wanted) && wanted >= 0 ? wanted : -1;
        auto tryAccept = [this, listenFd, name]() -> std::optional<CallOutcome> {
            Fd* l = GetFd(listenFd);
            if (!l || l->accept.empty())
            {
                return std::nullopt;
            }
            CallOutcome o;
            Fd entry;
            entry.socket = l->accept.front();
            l->accept.pop_front();
            entry.generation = m_generation;
            const int64_t n = name >= 0 && !m_fds.count(name) ? name : NextFd();
            m_fds[n] = entry;
            m_testFd = n;
            o.ret = n;
            return o;
        };
        if (std::optional<CallOutcome> r = tryAccept())
        {
            return *r;
        }
        if (fd->nonblocking)
        {
            return done(-1, "EAGAIN");
        }
        out.kind = CallOutcome::BLOCKED;
        out.poll = tryAccept;
        return out;
    }
    auto connected = [this](Ptr<TcpFastOpenSocket> sock) {
        const TcpSocket::TcpStates_t st = m_state[PeekPointer(sock)];
        return st == TcpSocket::ESTABLISHED || st == TcpSocket::CLOSE_WAIT ||
               st == TcpSocket::FIN_WAIT_1 || st == TcpSocket::FIN_WAIT_2 ||
               st == TcpSocket::CLOSING || st == TcpSocket::LAST_ACK || st == TcpSocket::TIME_WAIT;
    };
    // Waits for a connection attempt to finish: returns \p ret once established.
    auto waitConnected = [this, s, connected](int64_t ret) {
        return [this, s, connected, ret]() -> std::optional<CallOutcome> {
            CallOutcome o;
            if (connected(s))
            {
                o.ret = ret;
                return o;
            }
            if (m_state[PeekPointer(s)] == TcpSocket::CLOSED)
            {
                o.ret = -1;
                o.errnoName = m_refused.count(PeekPointer(s)) ? "ECONNREFUSED" : "ETIMEDOUT";
                m_reset.erase(PeekPointer(s));
                return o;
            }
            return std::nullopt;
        };
    };
    if (call.name == "connect")
    {
        if (a.size() > 1 && a[1].kind != Expr::ELLIPSIS)
        {
            return unsupported("connect() to an explicit address");
        }
        BooleanValue fastOpenConnect;
        UintegerValue mode;
        s->GetAttribute("FastOpenConnect", fastOpenConnect);
        s->GetAttribute("Mode", mode);
        if (fastOpenConnect.Get() && !(mode.Get() & TcpFastOpenSocket::CLIENT_ENABLE))
        {
            // Linux connects without Fast Open; the model aborts (issue 15).
            return unsupported("connect() with TCP_FASTOPEN_CONNECT after net.ipv4.tcp_fastopen "
                               "lost the client bit (the model aborts)");
        }
        const uint32_t before = m_capturedTotal;
        if (s->Connect(RemoteAddress()) != 0)
        {
            return done(-1, ErrnoName(s));
        }
        // TCP_FASTOPEN_CONNECT defers the SYN to the first write: connect()
        // returns 0 at once, as Linux's.
        const bool deferred = m_capturedTotal == before;
        if (deferred)
        {
            return done(0);
        }
        if (fd->nonblocking)
        {
            return done(-1, "EINPROGRESS");
        }
        out.kind = CallOutcome::BLOCKED;
        out.poll = waitConnected(0);
        return out;
    }
    if (call.name == "sendto" || call.name == "sendmsg" || call.name == "write" ||
        call.name == "send")
    {
        int64_t len = 0;
        int64_t flags = 0;
        if (call.name == "sendmsg")
        {
            if (a.size() < 3 || a[1].kind != Expr::STRUCT || !arg(2, flags))
            {
                return unsupported("sendmsg() message");
            }
            bool found = false;
            for (const Expr& field : a[1].items)
            {
                if (field.kind == Expr::FIELD && field.text == "msg_name" &&
                    field.items[0].kind != Expr::ELLIPSIS)
                {
                    return unsupported("sendmsg() to an explicit address");
                }
                if (field.kind == Expr::FIELD && field.text == "msg_iov" &&
                    field.items[0].kind == Expr::LIST)
                {
                    for (const Expr& iov : field.items[0].items)
                    {
                        int64_t l = -1;
                        if (iov.kind == Expr::STRUCT)
                        {
                            for (const Expr& f : iov.items)
                            {
                                if (f.kind == Expr::FIELD && f.text == "iov_len")
                                {
                                    IntValue(f.items[0], l);
                                }
                            }
                            if (l < 0 && iov.items.size() == 2)
                            {
                                IntValue(iov.items[1], l);
                            }
                        }
                        if (l < 0)
                        {
                            return unsupported("sendmsg() iovec");
                        }
                        len += l;
                        found = true;
                    }
                }
            }
            if (!found)
            {
                return unsupported("sendmsg() without msg_iov");
            }
        }
        else
        {
            if (!arg(2, len) || len < 0)
            {
                return unsupported(call.name + "() length");
            }
            if (call.name != "write" && a.size() > 3 && !arg(3, flags))
            {
                return unsupported(call.name + "() flags");
            }
            if (call.name == "sendto" && a.size() > 4 && a[4].kind != Expr::ELLIPSIS)
            {
                return unsupported("sendto() to an explicit address");
            }
        }
        if (len > 64 * 1024 * 1024)
        {
            return unsupported("a write of more than 64 MiB");
        }
        const bool nonblocking = fd->nonblocking || (flags & kConstants.at("MSG_DONTWAIT"));
        const bool fastOpen = flags & kConstants.at("MSG_FASTOPEN");
        const TcpSocket::TcpStates_t st = m_state[PeekPointer(s)];
        if (fastOpen && st == TcpSocket::CLOSED && !fd->listening)
        {
            // Linux's non-blocking sendto(MSG_FASTOPEN) takes what fits in the
            // SYN (-1 EINPROGRESS if nothing); an ns-3 socket takes every byte
            // it is given. The runner therefore gives what the script says
            // Linux took and checks that exactly that went into the SYN.
            int64_t expected = 0;
            const bool haveExpected = IntValue(call.result, expected);
            const int64_t give =
                nonblocking ? (haveExpected && expected > 0 ? std::min(expected, len) : 0) : len;
            const int r =
                s->SendTo(Create<Packet>(give), TcpFastOpenSocket::MSG_FASTOPEN, RemoteAddress());
            if (r < 0)
            {
                return done(-1, ErrnoName(s));
            }
            if (nonblocking)
            {
                const int64_t inSyn = s->GetSynDataSent();
                if (give > 0 && inSyn != give)
                {
                    return done(inSyn > 0 ? inSyn : -1, inSyn > 0 ? "" : "EINPROGRESS");
                }
                return give > 0 ? done(give) : done(-1, "EINPROGRESS");
            }
            out.kind = CallOutcome::BLOCKED;
            out.poll = waitConnected(len);
            if (std::optional<CallOutcome> r2 = out.poll())
            {
                return *r2;
            }
            return out;
        }
        if (m_reset.count(PeekPointer(s)))
        {
            m_reset.erase(PeekPointer(s));
            return done(-1, "ECONNRESET");
        }
        // MSG_FASTOPEN on a socket that is not closed goes to the model as is
        // (it decides: a send when connected, an error otherwise).
        const int r =
            fastOpen
                ? s->SendTo(Create<Packet>(len), TcpFastOpenSocket::MSG_FASTOPEN, RemoteAddress())
                : s->Send(Create<Packet>(len), 0);
        if (r < 0)
        {
            const std::string err = ErrnoName(s);
            return done(-1, nonblocking && err == "EMSGSIZE" ? "EAGAIN" : err);
        }
        if (!nonblocking && st == TcpSocket::SYN_SENT)
        {
            // Linux's blocking write waits for the handshake (sk_stream_wait_connect).
            out.kind = CallOutcome::BLOCKED;
            out.poll = waitConnected(r);
            if (std::optional<CallOutcome> r2 = out.poll())
            {
                return *r2;
            }
            return out;
        }
        return done(r);
    }
    if (call.name == "read" || call.name == "recv" || call.name == "recvfrom")
    {
        int64_t len = 0;
        if (!arg(2, len) || len < 0)
        {
            return unsupported(call.name + "() length");
        }
        auto tryRead = [this, s, len]() -> std::optional<CallOutcome> {
            CallOutcome o;
            const uint32_t avail = s->GetRxAvailable();
            if (avail > 0)
            {
                Ptr<Packet> p = s->Recv(static_cast<uint32_t>(std::min<int64_t>(len, avail)), 0);
                o.ret = p ? p->GetSize() : 0;
                return o;
            }
            if (m_reset.count(PeekPointer(s)))
            {
                m_reset.erase(PeekPointer(s));
                o.ret = -1;
                o.errnoName = "ECONNRESET";
                return o;
            }
            if (s->GetRxBuffer()->Finished() || m_state[PeekPointer(s)] == TcpSocket::CLOSED)
            {
                o.ret = 0;
                return o;
            }
            return std::nullopt;
        };
        if (std::optional<CallOutcome> r = tryRead())
        {
            return *r;
        }
        if (fd->nonblocking)
        {
            return done(-1, "EAGAIN");
        }
        out.kind = CallOutcome::BLOCKED;
        out.poll = tryRead;
        return out;
    }
    if (call.name == "close")
    {
        s->Close();
        // The socket's memory may be reused by a later socket: forget it.
        m_refused.erase(PeekPointer(s));
        m_reset.erase(PeekPointer(s));
        m_fds.erase(fdNumber);
        return done(0);
    }
    if (call.name == "shutdown")
    {
        int64_t how = 0;
        if (!arg(1, how) || how < 0 || how > 2)
        {
            return unsupported("shutdown() how");
        }
        if (how != 1)
        {
            s->ShutdownRecv();
        }
        if (how != 0)
        {
            s->ShutdownSend();
        }
        return done(0);
    }
    return unsupported("system call " + call.name + "()");
}

bool
PacketdrillRunner::RunCommand(const Event& e)
{
    std::string text = e.text;
    size_t cont = 0;
    while ((cont = text.find("\\\n")) != std::string::npos)
    {
        text.replace(cont, 2, " "); // a continued line
    }
    std::replace(text.begin(), text.end(), ';', '\n');
    size_t pos = 0;
    while ((pos = text.find("&&")) != std::string::npos)
    {
        text.replace(pos, 2, "\n");
    }
    std::istringstream lines(text);
    std::string line;
    while (std::getline(lines, line))
    {
        const std::string problem = RunShell(line, e.pos.line, false);
        if (!problem.empty())
        {
            if (problem[0] == '!')
            {
                Finish(Result::FAIL, e.pos.line, problem.substr(1));
            }
            else
            {
                Finish(Result::UNSUPPORTED, e.pos.line, problem);
            }
            return false;
        }
    }
    return true;
}

std::string
PacketdrillRunner::RunShell(const std::string& command, uint32_t line, bool fromDefaults)
{
    // Redirections are irrelevant here.
    std::string cmd = command;
    for (const char* r : {"2>&1", "> /dev/null", ">/dev/null", "2>/dev/null"})
    {
        size_t at = 0;
        while ((at = cmd.find(r)) != std::string::npos)
        {
            cmd.erase(at, std::string(r).size());
        }
    }
    const size_t hash = cmd.find('#');
    if (hash != std::string::npos)
    {
        cmd = cmd.substr(0, hash);
    }
    std::vector<std::string> w = Words(cmd);
    if (w.empty())
    {
        return "";
    }
    const std::string& prog = w[0];
    if (prog.size() >= 11 && prog.compare(prog.size() - 11, 11, "defaults.sh") == 0)
    {
        std::ifstream in(prog[0] == '/' ? prog : m_directory + "/" + prog);
        std::ostringstream body;
        if (in)
        {
            body << in.rdbuf();
        }
        else
        {
            body << kDefaultsSh; // packetdrill's defaults, built in
        }
        std::istringstream lines(body.str());
        std::string l;
        while (std::getline(lines, l))
        {
            const std::string problem = RunShell(l, line, true);
            if (!problem.empty())
            {
                return problem;
            }
        }
        return "";
    }
    if (prog.find("sysctl_restore") != std::string::npos || prog == "#!/bin/bash")
    {
        return ""; // restores the host's sysctls: nothing to restore here
    }
    if (prog == "ip" && w.size() >= 3 && w[1] == "tcp_metrics" && w[2] == "flush")
    {
        TcpFastOpenHelper::GetCookieCache(m_sut)->Clear();
        return "";
    }
    if (prog == "nstat")
    {
        return Nstat(w);
    }
    if (prog == "tc" && fromDefaults)
    {
        return ""; // the simulated link has no qdisc to replace
    }
    if (prog == "sysctl")
    {
        // sysctl [-q] [-w] name=value ... (values may be quoted and hold spaces)
        const size_t start = cmd.find("sysctl") + 6;
        std::string rest = cmd.substr(start);
        std::vector<std::string> assignments;
        std::string current;
        char quote = 0;
        for (char c : rest + " ")
        {
            if (quote)
            {
                if (c == quote)
                {
                    quote = 0;
                }
                else
                {
                    current += c;
                }
            }
            else if (c == '"' || c == '\'')
            {
                quote = c;
            }
            else if (std::isspace(static_cast<unsigned char>(c)))
            {
                if (!current.empty())
                {
                    assignments.push_back(current);
                }
                current.clear();
            }
            else
            {
                current += c;
            }
        }
        for (const std::string& as : assignments)
        {
            if (as[0] == '-')
            {
                continue;
            }
            const size_t eq = as.find('=');
            if (eq == std::string::npos)
            {
                return "sysctl read '" + as + "'";
            }
            const std::string problem = Sysctl(as.substr(0, eq), as.substr(eq + 1), fromDefaults);
            if (!problem.empty())
            {
                return problem;
            }
        }
        return "";
    }
    if (prog.find("set_sysctls.py") != std::string::npos)
    {
        for (size_t i = 1; i < w.size(); ++i)
        {
            const size_t eq = w[i].find('=');
            if (eq == std::string::npos || w[i].rfind("/proc/sys/", 0) != 0)
            {
                return "set_sysctls.py argument '" + w[i] + "'";
            }
            const std::string problem =
                Sysctl(w[i].substr(10, eq - 10), Unquote(w[i].substr(eq + 1)), fromDefaults);
            if (!problem.empty())
            {
                return problem;
            }
        }
        return "";
    }
    if (prog == "echo" && w.size() >= 4 && w[w.size() - 2] == ">" &&
        w.back().rfind("/proc/sys/", 0) == 0)
    {
        std::string value;
        for (size_t i = 1; i + 2 < w.size(); ++i)
        {
            value += (value.empty() ? "" : " ") + w[i];
        }
        return Sysctl(w.back().substr(10), Unquote(value), fromDefaults);
    }
    return "shell command '" + Unquote(command) + "'";
}

std::string
PacketdrillRunner::Nstat(const std::vector<std::string>& words)
{
    bool update = true;
    bool absolute = false;
    bool zeros = false;
    bool reset = false;
    bool print = true;
    size_t i = 1;
    for (; i < words.size() && words[i] != "|"; ++i)
    {
        const std::string& o = words[i];
        if (o == "-n" || o == "--nooutput")
        {
            print = false;
        }
        else if (o == "-a" || o == "--ignore")
        {
            absolute = true;
        }
        else if (o == "-z" || o == "--zeros")
        {
            zeros = true;
        }
        else if (o == "-r" || o == "--reset")
        {
            reset = true;
        }
        else if (o == "-s" || o == "--noupdate")
        {
            update = false;
        }
        else
        {
            return "nstat option '" + o + "'";
        }
    }
    // What nstat would print: TcpExt<name> and the value, one per counter.
    Ptr<TcpFastOpenCounters> counters = TcpFastOpenHelper::GetCounters(m_sut);
    std::vector<std::string> lines;
    std::set<std::string> known;
    for (uint8_t c = 0; c < TcpFastOpenCounters::COUNTER_COUNT; ++c)
    {
        const auto counter = static_cast<TcpFastOpenCounters::Counter>(c);
        const std::string name = "TcpExt" + TcpFastOpenCounters::GetName(counter);
        known.insert(name);
        const uint64_t now = counters->Get(counter);
        const uint64_t shown = absolute || reset ? now : now - m_nstatHistory[name];
        if (shown != 0 || zeros)
        {
            lines.push_back(name + " " + std::to_string(shown));
        }
        if (update || reset)
        {
            m_nstatHistory[name] = now;
        }
    }
    if (i == words.size())
    {
        return ""; // printed (or not, with -n) to nowhere
    }
    if (!print)
    {
        lines.clear();
    }
    // A pipeline of greps: each keeps the lines holding its pattern.
    while (i < words.size())
    {
        if (words[i] != "|" || i + 1 >= words.size() || words[i + 1] != "grep")
        {
            return "nstat piped to '" + (i + 1 < words.size() ? words[i + 1] : words[i]) + "'";
        }
        i += 2;
        while (i < words.size() && (words[i] == "-q" || words[i] == "-w"))
        {
            ++i;
        }
        if (i >= words.size() || words[i] == "|" || words[i][0] == '-')
        {
            return "grep arguments in an nstat pipeline";
        }
        const std::string pattern = Unquote(words[i++]);
        if (pattern.rfind("TcpExt", 0) == 0 &&
            pattern.find_first_of(" .*[]^$\\") == std::string::npos && !known.count(pattern))
        {
            return "counter " + pattern + " (not modelled)";
        }
        std::vector<std::string> kept;
        for (const std::string& l : lines)
        {
            if (l.find(pattern) != std::string::npos)
            {
                kept.push_back(l);
            }
        }
        lines = kept;
    }
    return lines.empty() ? "!nstat | grep: no line matches (exit status 1)" : "";
}

std::string
PacketdrillRunner::Sysctl(const std::string& rawName,
                          const std::string& rawValue,
                          bool fromDefaults)
{
    std::string name = rawName;
    std::replace(name.begin(), name.end(), '/', '.');
    const std::string value = Unquote(rawValue);
    Ptr<TcpFastOpenSocketFactory> factory = m_sut->GetObject<TcpFastOpenSocketFactory>();
    int64_t n = 0;
    const bool isNumber = ParseNumber(value, n);
    // A sysctl is global: sockets made from now on and those that exist.
    auto set = [this, factory](const std::string& attribute, const AttributeValue& v) {
        factory->SetSocketAttribute(attribute, v);
        for (auto& [fd, entry] : m_fds)
        {
            entry.socket->SetAttribute(attribute, v);
        }
        return std::string();
    };
    if (name == "net.ipv4.tcp_fastopen_key")
    {
        std::string error;
        if (!TcpFastOpenHelper::GetCookieGenerator(m_sut)->SetKeysFromString(value, error))
        {
            return "!net.ipv4.tcp_fastopen_key=" + value + ": " + error;
        }
        return "";
    }
    if (name == "net.ipv4.tcp_rmem" || name == "net.ipv4.tcp_wmem")
    {
        // "min default max": ns-3 has one buffer size. The receive buffer
        // takes the maximum (Linux derives the window scale from it), the send
        // buffer the default (what a write may queue).
        std::vector<std::string> v = Words(value);
        int64_t size = 0;
        if (v.size() != 3 || !ParseNumber(v[name == "net.ipv4.tcp_rmem" ? 2 : 1], size) ||
            size < 1 || size > 0x3fffffff)
        {
            return "!" + name + "=" + value + ": needs \"min default max\"";
        }
        return set(name == "net.ipv4.tcp_rmem" ? "RcvBufSize" : "SndBufSize", UintegerValue(size));
    }
    if (!isNumber || n < 0 || n > 0x7fffffff)
    {
        if (fromDefaults && kUnmodelledDefaults.count(name))
        {
            return "";
        }
        return "sysctl " + name + "=" + value + (isNumber ? " (negative)" : " (not modelled)");
    }
    if (name == "net.ipv4.tcp_fastopen")
    {
        // Bits 16 and up are the TFO queue length of old kernels (0x70000 in
        // packetdrill's defaults.sh): Linux ignores them since 4.x.
        const int64_t bits = n & 0xffff;
        if (bits & ~static_cast<int64_t>(TcpFastOpenSocket::MODE_ALL_BITS))
        {
            std::ostringstream os;
            os << "net.ipv4.tcp_fastopen bits 0x" << std::hex
               << (bits & ~static_cast<int64_t>(TcpFastOpenSocket::MODE_ALL_BITS))
               << " (not modelled)";
            return os.str();
        }
        return set("Mode", UintegerValue(bits));
    }
    if (name == "net.ipv4.tcp_timestamps")
    {
        return set("Timestamp", BooleanValue(n != 0));
    }
    if (name == "net.ipv4.tcp_sack")
    {
        return set("Sack", BooleanValue(n != 0));
    }
    if (name == "net.ipv4.tcp_window_scaling")
    {
        return set("WindowScaling", BooleanValue(n != 0));
    }
    if (name == "net.ipv4.tcp_ecn")
    {
        if (n > 2)
        {
            return "net.ipv4.tcp_ecn=" + value + " (not modelled)";
        }
        return set("UseEcn", StringValue(n == 0 ? "Off" : n == 1 ? "On" : "AcceptOnly"));
    }
    if (name == "net.ipv4.tcp_syncookies" && n <= 2)
    {
        return set("SynCookies", UintegerValue(n));
    }
    if (name == "net.ipv4.tcp_syn_retries" && n >= 1 && n <= 127)
    {
        return set("ConnCount", UintegerValue(n + 1)); // ns-3 counts the first SYN
    }
    if (name == "net.ipv4.tcp_synack_retries" && n <= 255)
    {
        return set("SynAckRetries", UintegerValue(n));
    }
    if (name == "net.ipv4.tcp_max_syn_backlog" && n >= 1)
    {
        return set("MaxSynBacklog", UintegerValue(n));
    }
    if (name == "net.ipv4.tcp_fastopen_blackhole_timeout_sec")
    {
        TcpFastOpenHelper::GetBlackholeDetector(m_sut)->SetAttribute("Timeout",
                                                                     TimeValue(Seconds(n)));
        return "";
    }
    if (name == "net.core.somaxconn" && n >= 1)
    {
        return set("SoMaxConn", UintegerValue(n));
    }
    if (name == "net.ipv4.tcp_invalid_ratelimit")
    {
        return set("InvalidRateLimit", TimeValue(MilliSeconds(n)));
    }
    if (name == "net.ipv4.tcp_fin_timeout")
    {
        return set("FinTimeout", TimeValue(Seconds(n)));
    }
    if (name == "net.ipv4.tcp_max_tw_buckets")
    {
        TcpFastOpenHelper::GetTimeWaitTable(m_sut)->SetAttribute("MaxBuckets", UintegerValue(n));
        return "";
    }
    if (fromDefaults && kUnmodelledDefaults.count(name))
    {
        return "";
    }
    return "sysctl " + name + "=" + value + " (not modelled)";
}

bool
PacketdrillRunner::RunCode(const Event& e)
{
    std::map<std::string, int64_t> symbols = {
        {"TCPI_OPT_SYN_DATA", 32},
        {"TFO_STATUS_UNSPEC", TcpFastOpenSocket::TFO_STATUS_UNSPEC},
        {"TFO_COOKIE_UNAVAILABLE", TcpFastOpenSocket::TFO_COOKIE_UNAVAILABLE},
        {"TFO_DATA_NOT_ACKED", TcpFastOpenSocket::TFO_DATA_NOT_ACKED},
        {"TFO_SYN_RETRANSMITTED", TcpFastOpenSocket::TFO_SYN_RETRANSMITTED},
        {"TCP_ESTABLISHED", 1},
        {"TCP_SYN_SENT", 2},
        {"TCP_SYN_RECV", 3},
        {"TCP_FIN_WAIT1", 4},
        {"TCP_FIN_WAIT2", 5},
        {"TCP_TIME_WAIT", 6},
        {"TCP_CLOSE", 7},
        {"TCP_CLOSE_WAIT", 8},
        {"TCP_LAST_ACK", 9},
        {"TCP_LISTEN", 10},
        {"TCP_CLOSING", 11},
    };
    Fd* fd = GetFd(m_testFd);
    if (fd)
    {
        Ptr<TcpFastOpenSocket> s = fd->socket;
        // tcpi_options: only TCPI_OPT_SYN_DATA is reported (the other bits
        // are unknown, so a block that uses their names is unsupported).
        const bool synData = s->IsSynDataAcked() || m_synData[PeekPointer(s)] > 0;
        symbols["tcpi_options"] = synData ? 32 : 0;
        symbols["tcpi_fastopen_client_fail"] = s->GetClientFailReason();
        symbols["tcpi_state"] = LinuxState(m_state[PeekPointer(s)]);
    }
    PacketdrillCode::Outcome outcome = PacketdrillCode(symbols).Evaluate(e.text);
    if (outcome.verdict == PacketdrillCode::Outcome::FAIL)
    {
        Finish(Result::FAIL, e.pos.line, outcome.message);
        return false;
    }
    if (outcome.verdict == PacketdrillCode::Outcome::UNSUPPORTED)
    {
        Finish(Result::UNSUPPORTED, e.pos.line, "%{ }%: " + outcome.message);
        return false;
    }
    return true;
}

} // namespace packetdrill
} // namespace ns3
