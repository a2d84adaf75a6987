/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-fast-open-scripted-peer-test-util.h"

#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/network-module.h"
#include "ns3/point-to-point-module.h"
#include "ns3/tcp-option-rfc793.h"
#include "ns3/tcp-option-winscale.h"

#include <algorithm>
#include <cstdlib>
#include <iomanip>
#include <sstream>

namespace ns3
{
namespace tfotest
{

namespace
{

/// Step between script lines that share a time (see ScriptedPeer).
const Time kSameTimeStep = MicroSeconds(5);

/**
 * \param s text
 * \return \p s without leading and trailing blanks
 */
std::string
Trim(const std::string& s)
{
    const size_t b = s.find_first_not_of(" \t\n");
    if (b == std::string::npos)
    {
        return "";
    }
    const size_t e = s.find_last_not_of(" \t\n");
    return s.substr(b, e - b + 1);
}

/**
 * \param hex hex digits (even count)
 * \return the bytes
 */
std::vector<uint8_t>
FromHex(const std::string& hex)
{
    NS_ABORT_MSG_IF(hex.size() % 2 != 0, "odd hex string in script: " << hex);
    std::vector<uint8_t> out;
    for (size_t i = 0; i < hex.size(); i += 2)
    {
        out.push_back(static_cast<uint8_t>(std::strtoul(hex.substr(i, 2).c_str(), nullptr, 16)));
    }
    return out;
}

/**
 * \param t a time
 * \return seconds with 6 decimals
 */
std::string
Secs(Time t)
{
    std::ostringstream os;
    os << std::fixed << std::setprecision(6) << t.GetSeconds();
    return os.str();
}

/**
 * \param s a captured segment
 * \return true for a pure ACK (ACK only, PSH ignored, no payload)
 */
bool
IsPureAck(const Segment& s)
{
    return s.Is(TcpHeader::ACK) && s.payload == 0;
}

/**
 * \param flags TCP flags
 * \return packetdrill's notation (S, S., P., F., R, ...)
 */
std::string
FlagsToScript(uint8_t flags)
{
    std::string out;
    if (flags & TcpHeader::SYN)
    {
        out += "S";
    }
    if (flags & TcpHeader::FIN)
    {
        out += "F";
    }
    if (flags & TcpHeader::PSH)
    {
        out += "P";
    }
    if (flags & TcpHeader::RST)
    {
        out += "R";
    }
    if (flags & TcpHeader::ECE)
    {
        out += "E";
    }
    if (flags & TcpHeader::CWR)
    {
        out += "W";
    }
    if (flags & TcpHeader::ACK)
    {
        out += ".";
    }
    return out;
}

/**
 * \param s a captured segment
 * \return its MSS option, if any
 */
std::optional<uint16_t>
CapturedMss(const Segment& s)
{
    if (!s.header.HasOption(TcpOption::MSS))
    {
        return std::nullopt;
    }
    return DynamicCast<const TcpOptionMSS>(s.header.GetOption(TcpOption::MSS))->GetMSS();
}

/**
 * \param s a captured segment
 * \return packetdrill's notation of it
 */
std::string
CapturedToScript(const Segment& s)
{
    std::ostringstream os;
    const uint32_t seq = s.header.GetSequenceNumber().GetValue();
    os << FlagsToScript(s.header.GetFlags()) << " " << seq << ":" << seq + s.payload << "("
       << s.payload << ")";
    if (s.header.GetFlags() & TcpHeader::ACK)
    {
        os << " ack " << s.header.GetAckNumber().GetValue();
    }
    std::vector<std::string> options;
    if (auto mss = CapturedMss(s))
    {
        options.push_back("mss " + std::to_string(*mss));
    }
    const std::vector<uint8_t> tfo = CapturedTfoBytes(s);
    if (!tfo.empty())
    {
        const bool exp = tfo[0] == TcpOptionFastOpen::KIND_EXPERIMENTAL;
        const size_t skip = exp ? 4 : 2;
        std::string cookie =
            ToHex(std::vector<uint8_t>(tfo.begin() + std::min(skip, tfo.size()), tfo.end()));
        options.push_back(std::string(exp ? "FOEXP" : "FO") + (cookie.empty() ? "" : " " + cookie));
    }
    if (!options.empty())
    {
        os << " <";
        for (size_t i = 0; i < options.size(); ++i)
        {
            os << (i ? "," : "") << options[i];
        }
        os << ">";
    }
    return os.str();
}

} // namespace

// ---------------------------------------------------------------------------
// ScriptRawOption

NS_OBJECT_ENSURE_REGISTERED(ScriptRawOption);

TypeId
ScriptRawOption::GetTypeId()
{
    static TypeId tid = TypeId("ns3::tfotest::ScriptRawOption")
                            .SetParent<TcpOption>()
                            .SetGroupName("TcpFastOpen")
                            .AddConstructor<ScriptRawOption>();
    return tid;
}

ScriptRawOption::ScriptRawOption()
{
}

ScriptRawOption::ScriptRawOption(const std::vector<uint8_t>& bytes)
    : m_bytes(bytes)
{
}

void
ScriptRawOption::Print(std::ostream& os) const
{
    os << "raw " << ToHex(m_bytes);
}

void
ScriptRawOption::Serialize(Buffer::Iterator start) const
{
    for (uint8_t b : m_bytes)
    {
        start.WriteU8(b);
    }
}

uint32_t
ScriptRawOption::Deserialize(Buffer::Iterator start)
{
    NS_ABORT_MSG("ScriptRawOption is only sent");
    return 0;
}

uint8_t
ScriptRawOption::GetKind() const
{
    // As TcpOptionFastOpen: ns-3.37's AppendOption refuses unknown kinds.
    return TcpOption::NOP;
}

uint32_t
ScriptRawOption::GetSerializedSize() const
{
    return m_bytes.size();
}

// ---------------------------------------------------------------------------
// ScriptSegment

ScriptSegment
ScriptSegment::Parse(const std::string& text, const std::map<std::string, std::string>& defines)
{
    ScriptSegment seg;
    std::string main = text;
    std::string options;
    const size_t lt = text.find('<');
    if (lt != std::string::npos)
    {
        const size_t gt = text.find('>', lt);
        NS_ABORT_MSG_IF(gt == std::string::npos, "unterminated options: " << text);
        main = text.substr(0, lt);
        options = text.substr(lt + 1, gt - lt - 1);
    }
    std::istringstream is(main);
    std::string flags;
    std::string range;
    is >> flags >> range;
    for (char c : flags)
    {
        switch (c)
        {
        case 'S':
            seg.flags |= TcpHeader::SYN;
            break;
        case 'F':
            seg.flags |= TcpHeader::FIN;
            break;
        case 'P':
            seg.flags |= TcpHeader::PSH;
            break;
        case 'R':
            seg.flags |= TcpHeader::RST;
            break;
        case '.':
            seg.flags |= TcpHeader::ACK;
            break;
        case 'E':
            seg.flags |= TcpHeader::ECE;
            break;
        case 'W':
            seg.flags |= TcpHeader::CWR;
            break;
        default:
            NS_ABORT_MSG("unknown flag '" << c << "' in " << text);
        }
    }
    const size_t colon = range.find(':');
    const size_t paren = range.find('(');
    NS_ABORT_MSG_IF(colon == std::string::npos || paren == std::string::npos,
                    "bad seq range in " << text);
    seg.seq = static_cast<uint32_t>(std::stoul(range.substr(0, colon)));
    seg.len = static_cast<uint32_t>(std::stoul(range.substr(paren + 1)));
    std::string word;
    while (is >> word)
    {
        if (word == "ack")
        {
            uint32_t ack;
            is >> ack;
            seg.ack = ack;
        }
        else if (word == "win")
        {
            uint32_t win;
            is >> win;
            seg.win = static_cast<uint16_t>(std::min<uint32_t>(win, 65535));
        }
        else
        {
            NS_ABORT_MSG("unknown word '" << word << "' in " << text);
        }
    }
    std::istringstream os(options);
    std::string item;
    while (std::getline(os, item, ','))
    {
        item = Trim(item);
        std::istringstream io(item);
        std::string name;
        std::string arg;
        io >> name >> arg;
        if (name == "mss")
        {
            seg.mss = static_cast<uint16_t>(std::stoul(arg));
        }
        else if (name == "wscale")
        {
            seg.wscale = static_cast<uint8_t>(std::stoul(arg));
        }
        else if (name == "FO" || name == "FOEXP")
        {
            seg.hasTfo = true;
            seg.tfoForm =
                name == "FO" ? TcpOptionFastOpen::RFC7413 : TcpOptionFastOpen::EXPERIMENTAL;
            auto it = defines.find(arg);
            seg.cookie = FromHex(it != defines.end() ? it->second : arg);
        }
        // sackOK, nop, TS, sack: not Fast Open; neither sent nor checked.
    }
    return seg;
}

std::vector<uint8_t>
ScriptSegment::TfoBytes() const
{
    std::vector<uint8_t> out;
    if (!hasTfo)
    {
        return out;
    }
    if (tfoForm == TcpOptionFastOpen::RFC7413)
    {
        out = {TcpOptionFastOpen::KIND_RFC7413, static_cast<uint8_t>(2 + cookie.size())};
    }
    else
    {
        out = {TcpOptionFastOpen::KIND_EXPERIMENTAL,
               static_cast<uint8_t>(4 + cookie.size()),
               static_cast<uint8_t>(TcpOptionFastOpen::EXPERIMENTAL_MAGIC >> 8),
               static_cast<uint8_t>(TcpOptionFastOpen::EXPERIMENTAL_MAGIC & 0xff)};
    }
    out.insert(out.end(), cookie.begin(), cookie.end());
    return out;
}

std::string
ScriptSegment::ToString() const
{
    std::ostringstream os;
    os << FlagsToScript(flags) << " " << seq << ":" << seq + len << "(" << len << ")";
    if (ack)
    {
        os << " ack " << *ack;
    }
    std::vector<std::string> options;
    if (mss)
    {
        options.push_back("mss " + std::to_string(*mss));
    }
    if (wscale)
    {
        options.push_back("wscale " + std::to_string(*wscale));
    }
    if (hasTfo)
    {
        options.push_back(std::string(tfoForm == TcpOptionFastOpen::RFC7413 ? "FO" : "FOEXP") +
                          (cookie.empty() ? "" : " " + ToHex(cookie)));
    }
    if (!options.empty())
    {
        os << " <";
        for (size_t i = 0; i < options.size(); ++i)
        {
            os << (i ? "," : "") << options[i];
        }
        os << ">";
    }
    return os.str();
}

std::vector<uint8_t>
CapturedTfoBytes(const Segment& segment)
{
    // Read the option bytes from the wire form (kinds 34 and 254 arrive as
    // TcpOptionUnknown), independent of the model's own parser.
    for (const auto& option : segment.header.GetOptionList())
    {
        const uint8_t kind = option->GetKind();
        if (kind != TcpOptionFastOpen::KIND_RFC7413 && kind != TcpOptionFastOpen::KIND_EXPERIMENTAL)
        {
            continue;
        }
        Buffer buffer;
        buffer.AddAtStart(option->GetSerializedSize());
        option->Serialize(buffer.Begin());
        std::vector<uint8_t> bytes(buffer.GetSize());
        buffer.CopyData(bytes.data(), bytes.size());
        if (kind == TcpOptionFastOpen::KIND_EXPERIMENTAL &&
            (bytes.size() < 4 || bytes[2] != 0xF9 || bytes[3] != 0x89))
        {
            continue; // another experiment
        }
        return bytes;
    }
    return {};
}

std::string
ToHex(const std::vector<uint8_t>& bytes)
{
    std::ostringstream os;
    for (uint8_t b : bytes)
    {
        os << std::hex << std::setw(2) << std::setfill('0') << +b;
    }
    return os.str();
}

// ---------------------------------------------------------------------------
// ScriptedPeer

ScriptedPeer::ScriptedPeer(const Config& config)
    : m_config(config),
      m_local(config.localIp.c_str()),
      m_remote(config.remoteIp.c_str())
{
    m_sut = CreateObject<Node>();
    m_peer = CreateObject<Node>();
    InternetStackHelper internet;
    internet.Install(m_sut);

    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("10Gbps"));
    p2p.SetChannelAttribute("Delay", TimeValue(Seconds(0)));
    NetDeviceContainer devices = p2p.Install(m_sut, m_peer);
    m_sutDevice = devices.Get(0);
    m_peerDevice = devices.Get(1);

    Ptr<Ipv4> ipv4 = m_sut->GetObject<Ipv4>();
    const int32_t ifIndex = ipv4->AddInterface(m_sutDevice);
    ipv4->AddAddress(ifIndex, Ipv4InterfaceAddress(m_local, Ipv4Mask("255.255.255.0")));
    ipv4->SetUp(ifIndex);
    Ipv4StaticRoutingHelper routing;
    routing.GetStaticRouting(ipv4)->AddHostRouteTo(m_remote, ifIndex);

    TcpFastOpenHelper tfo;
    tfo.SetMode(config.mode);
    tfo.SetLinuxDefaults(true);
    // packetdrill scripts give the SUT's sequence numbers relative to its ISN:
    // ISN 0 makes them absolute.
    tfo.SetSocketAttribute("RandomIsn", BooleanValue(false));
    // The scripts ported here run with net.ipv4.tcp_timestamps=0 or do not
    // depend on timestamps; the harness neither sends nor checks TS options.
    tfo.SetSocketAttribute("Timestamp", BooleanValue(false));
    tfo.SetCookieGeneratorAttribute("Key", StringValue(config.key));
    tfo.Install(m_sut);

    m_sutDevice->TraceConnectWithoutContext("PhyTxBegin",
                                            MakeCallback(&ScriptedPeer::Capture, this));
    m_sutPort = config.port;
}

void
ScriptedPeer::Define(const std::string& name, const std::string& value)
{
    m_defines[name] = value;
}

Time
ScriptedPeer::Advance(const std::string& time)
{
    const std::string t = Trim(time);
    if (t == "*")
    {
        return m_scriptTime;
    }
    Time next;
    if (!t.empty() && t[0] == '+')
    {
        next = m_scriptTime + Seconds(std::stod(t.substr(1)));
    }
    else
    {
        next = Seconds(std::stod(t));
    }
    if (next == m_lastLineTime)
    {
        m_sameTimeIndex++;
    }
    else
    {
        m_sameTimeIndex = 0;
    }
    m_lastLineTime = next;
    m_scriptTime = next;
    m_lastScheduled = std::max(m_lastScheduled, next + kSameTimeStep * m_sameTimeIndex);
    return next + kSameTimeStep * m_sameTimeIndex;
}

void
ScriptedPeer::In(const std::string& time, const std::string& segment)
{
    const Time at = Advance(time);
    ScriptSegment seg = ScriptSegment::Parse(segment, m_defines);
    // packetdrill: the peer's sequence numbers are relative to its ISN (the
    // latest SYN or SYN-ACK it sent), except in that SYN itself.
    if (seg.flags & TcpHeader::SYN)
    {
        m_remoteIsn = seg.seq;
    }
    else
    {
        seg.seq += m_remoteIsn;
    }
    m_report.push_back({m_scriptTime, "< " + segment, "injected", true});
    Simulator::Schedule(at, &ScriptedPeer::Inject, this, seg);
}

void
ScriptedPeer::Out(const std::string& time, const std::string& segment)
{
    const bool any = Trim(time) == "*";
    Advance(time);
    Expectation e;
    e.time = m_scriptTime;
    e.anyTime = any;
    e.seg = ScriptSegment::Parse(segment, m_defines);
    // packetdrill: acks are relative to the peer's ISN, except in a SYN-ACK.
    if (!(e.seg.flags & TcpHeader::SYN) && e.seg.ack)
    {
        e.seg.ack = *e.seg.ack + m_remoteIsn;
    }
    e.text = "> " + segment;
    e.reportIndex = m_report.size();
    e.socketLine = m_socketLines;
    m_report.push_back({m_scriptTime, e.text, "", true});
    m_expectations.push_back(e);
}

void
ScriptedPeer::OutAck(const std::string& time, const std::string& segment)
{
    Out(time, segment);
    m_expectations.back().lenient = true;
}

void
ScriptedPeer::Call(const std::string& time,
                   const std::string& text,
                   std::function<std::string()> action)
{
    const Time at = Advance(time);
    m_report.push_back({m_scriptTime, text, "", true});
    Simulator::Schedule(at, &ScriptedPeer::RunCall, this, m_report.size() - 1, action);
}

void
ScriptedPeer::RunCall(size_t index, std::function<std::string()> action)
{
    const std::string error = action();
    ReportLine& line = m_report[index];
    if (error.empty())
    {
        line.outcome = "ok at " + Secs(Simulator::Now());
    }
    else
    {
        line.outcome = error;
        line.ok = false;
        m_callFailures.push_back(Secs(line.time) + " " + line.text + ": " + error);
    }
}

void
ScriptedPeer::Skip(const std::string& text, const std::string& reason)
{
    m_report.push_back({m_scriptTime, text, "SKIPPED: " + reason, true});
    m_skipped.push_back(text + " (" + reason + ")");
}

void
ScriptedPeer::Socket(const std::string& time, int fd)
{
    // packetdrill: the new socket is the socket under test from this line on.
    const uint32_t line = ++m_socketLines;
    Call(time, "socket() = " + std::to_string(fd), [this, fd, line]() {
        Ptr<ns3::Socket> s = m_sut->GetObject<TcpFastOpenSocketFactory>()->CreateSocket();
        m_fds[fd] = DynamicCast<TcpFastOpenSocket>(s);
        m_socketLineOf[PeekPointer(m_fds[fd])] = line;
        return std::string(m_fds[fd] ? "" : "not a TcpFastOpenSocket");
    });
}

void
ScriptedPeer::Listen(const std::string& time, int fd, int qlen, uint32_t backlog)
{
    std::string text = "bind(" + std::to_string(fd) + ") + listen(" + std::to_string(fd) + ")";
    if (qlen >= 0)
    {
        text += " + setsockopt(TCP_FASTOPEN, " + std::to_string(qlen) + ")";
    }
    Call(time, text, [this, fd, qlen, backlog]() {
        Ptr<TcpFastOpenSocket> s = Get(fd);
        if (!s)
        {
            return std::string("no socket");
        }
        if (qlen >= 0)
        {
            s->SetAttribute("FastOpenQueueLength", UintegerValue(qlen));
        }
        s->SetAttribute("ListenBacklog", UintegerValue(backlog));
        if (s->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_config.port)) != 0)
        {
            return std::string("bind failed");
        }
        s->SetAcceptCallback(MakeNullCallback<bool, Ptr<ns3::Socket>, const Address&>(),
                             MakeCallback(&ScriptedPeer::NewChild, this).Bind(fd));
        // A new listener: the next connection comes from a new peer port (the
        // previous connection's socket may still be in TIME_WAIT, which ns-3
        // does not reuse for a new SYN as Linux does).
        m_peerPort++;
        m_sutPort = m_config.port;
        return std::string(s->Listen() == 0 ? "" : "listen failed");
    });
}

void
ScriptedPeer::NewChild(int listenFd, Ptr<ns3::Socket> socket, const Address& from)
{
    m_pendingChildren[listenFd].push_back(DynamicCast<TcpFastOpenSocket>(socket));
}

void
ScriptedPeer::SendTo(const std::string& time, int fd, uint32_t bytes, int expected, bool fastOpen)
{
    std::ostringstream text;
    text << "sendto(" << fd << ", ..., " << bytes << (fastOpen ? ", MSG_FASTOPEN" : ", 0")
         << ") = " << expected;
    Call(time, text.str(), [this, fd, bytes, expected, fastOpen]() {
        Ptr<TcpFastOpenSocket> s = Get(fd);
        if (!s)
        {
            return std::string("no socket");
        }
        // ns-3 sockets take the whole write into the send buffer: there are no
        // partial non-blocking writes. Where Linux returns -1 EINPROGRESS (a
        // non-blocking sendto that could not put data in the SYN) the
        // application wrote nothing, so the harness writes nothing either.
        const uint32_t write = expected < 0 ? 0 : bytes;
        const int ret = fastOpen ? s->SendTo(Create<Packet>(write),
                                             TcpFastOpenSocket::MSG_FASTOPEN,
                                             InetSocketAddress(m_remote, m_config.port))
                                 : s->Send(Create<Packet>(write), 0);
        if (ret < 0)
        {
            return "returned " + std::to_string(ret) + " errno " + std::to_string(s->GetErrno());
        }
        if (expected >= 0 && ret != static_cast<int>(bytes))
        {
            return "returned " + std::to_string(ret);
        }
        return std::string();
    });
}

void
ScriptedPeer::Connect(const std::string& time, int fd)
{
    Call(time, "connect(" + std::to_string(fd) + ")", [this, fd]() {
        Ptr<TcpFastOpenSocket> s = Get(fd);
        if (!s)
        {
            return std::string("no socket");
        }
        return std::string(
            s->Connect(InetSocketAddress(m_remote, m_config.port)) == 0 ? "" : "connect failed");
    });
}

void
ScriptedPeer::Accept(const std::string& time, int listenFd, int fd)
{
    Call(time,
         "accept(" + std::to_string(listenFd) + ") = " + std::to_string(fd),
         [this, listenFd, fd]() {
             auto& queue = m_pendingChildren[listenFd];
             if (queue.empty())
             {
                 return std::string("would block: no connection to accept");
             }
             m_fds[fd] = queue.front();
             queue.erase(queue.begin());
             return std::string();
         });
}

void
ScriptedPeer::Read(const std::string& time, int fd, uint32_t max, int expected)
{
    std::ostringstream text;
    text << "read(" << fd << ", ..., " << max << ") = " << expected;
    Call(time, text.str(), [this, fd, max, expected]() {
        Ptr<TcpFastOpenSocket> s = Get(fd);
        if (!s)
        {
            return std::string("no socket");
        }
        Ptr<Packet> p = s->Recv(max, 0);
        const int got = p ? static_cast<int>(p->GetSize()) : 0;
        // ns-3 cannot tell EOF (0) from an error (-1): both are "no data".
        const int want = expected < 0 ? 0 : expected;
        return got == want ? std::string() : "returned " + std::to_string(got) + " bytes";
    });
}

void
ScriptedPeer::Write(const std::string& time, int fd, uint32_t bytes, int expected)
{
    std::ostringstream text;
    text << "write(" << fd << ", ..., " << bytes << ") = " << expected;
    Call(time, text.str(), [this, fd, bytes, expected]() {
        Ptr<TcpFastOpenSocket> s = Get(fd);
        if (!s)
        {
            return std::string("no socket");
        }
        const int ret = s->Send(Create<Packet>(bytes), 0);
        const bool ok = expected < 0 ? ret < 0 : ret == expected;
        return ok ? std::string() : "returned " + std::to_string(ret);
    });
}

void
ScriptedPeer::Close(const std::string& time, int fd)
{
    Call(time, "close(" + std::to_string(fd) + ")", [this, fd]() {
        Ptr<TcpFastOpenSocket> s = Get(fd);
        if (!s)
        {
            return std::string("no socket");
        }
        s->Close();
        m_fds.erase(fd);
        return std::string();
    });
}

void
ScriptedPeer::Sysctl(const std::string& time, const std::string& name, const AttributeValue& value)
{
    Ptr<AttributeValue> copy = value.Copy();
    Call(time, "sysctl (socket attribute " + name + ")", [this, name, copy]() {
        m_sut->GetObject<TcpFastOpenSocketFactory>()->SetSocketAttribute(name, *copy);
        return std::string();
    });
}

void
ScriptedPeer::FlushMetrics(const std::string& time)
{
    Call(time, "ip tcp_metrics flush all", [this]() {
        TcpFastOpenHelper::GetCookieCache(m_sut)->Clear();
        return std::string();
    });
}

Ptr<TcpFastOpenSocket>
ScriptedPeer::Get(int fd) const
{
    auto it = m_fds.find(fd);
    return it == m_fds.end() ? nullptr : it->second;
}

Ptr<Node>
ScriptedPeer::GetSutNode() const
{
    return m_sut;
}

Ptr<TcpFastOpenCounters>
ScriptedPeer::GetCounters() const
{
    return TcpFastOpenHelper::GetCounters(m_sut);
}

Ptr<TcpFastOpenCookieGenerator>
ScriptedPeer::GetGenerator() const
{
    return TcpFastOpenHelper::GetCookieGenerator(m_sut);
}

Time
ScriptedPeer::Now() const
{
    return m_scriptTime;
}

void
ScriptedPeer::Inject(ScriptSegment seg)
{
    TcpHeader tcp;
    const bool sutIsServer = m_sutPort == m_config.port;
    tcp.SetSourcePort(sutIsServer ? m_peerPort : m_config.port);
    tcp.SetDestinationPort(m_sutPort);
    tcp.SetSequenceNumber(SequenceNumber32(seg.seq));
    tcp.SetAckNumber(SequenceNumber32(seg.ack.value_or(0)));
    tcp.SetFlags(seg.flags);
    tcp.SetWindowSize(seg.win);
    if (seg.mss)
    {
        Ptr<TcpOptionMSS> mss = CreateObject<TcpOptionMSS>();
        mss->SetMSS(*seg.mss);
        tcp.AppendOption(mss);
    }
    if (seg.wscale)
    {
        Ptr<TcpOptionWinScale> wscale = CreateObject<TcpOptionWinScale>();
        wscale->SetScale(*seg.wscale);
        tcp.AppendOption(wscale);
    }
    if (seg.hasTfo)
    {
        tcp.AppendOption(CreateObject<ScriptRawOption>(seg.TfoBytes()));
    }
    Ptr<Packet> p = Create<Packet>(seg.len);
    p->AddHeader(tcp);
    Ipv4Header ip;
    ip.SetSource(m_remote);
    ip.SetDestination(m_local);
    ip.SetProtocol(TcpL4Protocol::PROT_NUMBER);
    ip.SetPayloadSize(p->GetSize());
    ip.SetTtl(64);
    p->AddHeader(ip);
    m_peerDevice->Send(p, m_sutDevice->GetAddress(), 0x0800);
}

void
ScriptedPeer::Capture(Ptr<const Packet> packet)
{
    std::optional<Segment> s = ParseSegment(packet, true);
    if (!s)
    {
        return;
    }
    s->fromClient = true;
    if (s->Is(TcpHeader::SYN) && s->header.GetDestinationPort() == m_config.port)
    {
        m_sutPort = s->header.GetSourcePort(); // a new client connection
        MapClientPort(m_sutPort);
    }
    m_captured.push_back(*s);
}

std::vector<std::string>
ScriptedPeer::Run()
{
    const Time end = m_scriptTime + m_config.tolerance + MilliSeconds(1);
    Simulator::Stop(end);
    Simulator::Run();
    std::vector<std::string> failures = m_callFailures;
    Compare(failures);
    Simulator::Destroy();
    return failures;
}

void
ScriptedPeer::Compare(std::vector<std::string>& failures)
{
    const Time tol = m_config.tolerance;
    std::vector<bool> used(m_captured.size(), false);
    size_t c = 0;
    for (const Expectation& e : m_expectations)
    {
        ReportLine& line = m_report[e.reportIndex];
        auto fail = [&](const std::string& why) {
            line.ok = false;
            line.outcome = why;
            failures.push_back(Secs(e.time) + " " + e.text + ": " + why);
        };
        const bool expPureAck = (e.seg.flags & ~TcpHeader::PSH) == TcpHeader::ACK && e.seg.len == 0;
        if (e.lenient)
        {
            // Any segment from this point on that acknowledges at least this
            // much from this sequence number (a delayed or piggybacked ACK).
            bool found = false;
            for (size_t j = c; j < m_captured.size(); ++j)
            {
                const Segment& s = m_captured[j];
                if (!used[j] && !IsFromEarlierSocket(j, e.socketLine) &&
                    (s.header.GetFlags() & TcpHeader::ACK) &&
                    s.header.GetSequenceNumber().GetValue() == e.seg.seq &&
                    s.header.GetAckNumber() >= SequenceNumber32(e.seg.ack.value_or(0)))
                {
                    used[j] = IsPureAck(s);
                    found = true;
                    line.outcome = "acknowledged by " + CapturedToScript(s) + " at " + Secs(s.time);
                    break;
                }
            }
            if (!found)
            {
                fail("nothing acknowledged it");
            }
            continue;
        }
        if (expPureAck)
        {
            // A pure ACK: search among the pure ACKs before the next other segment
            // (strict) or anywhere after the position reached (lenient).
            bool found = false;
            for (size_t j = c; j < m_captured.size(); ++j)
            {
                const Segment& s = m_captured[j];
                if (IsFromEarlierSocket(j, e.socketLine))
                {
                    continue;
                }
                if (!IsPureAck(s))
                {
                    if (e.lenient)
                    {
                        continue;
                    }
                    break;
                }
                if (!used[j] && s.header.GetSequenceNumber().GetValue() == e.seg.seq &&
                    s.header.GetAckNumber().GetValue() == e.seg.ack.value_or(0))
                {
                    used[j] = true;
                    found = true;
                    const bool late = !e.anyTime && !e.lenient &&
                                      (s.time > e.time + tol || s.time + tol < e.time);
                    line.outcome = "sent at " + Secs(s.time);
                    if (late)
                    {
                        fail("sent at " + Secs(s.time) + ", outside the tolerance");
                    }
                    if (!e.lenient)
                    {
                        c = j + 1;
                    }
                    break;
                }
            }
            if (!found)
            {
                fail("no such ACK was sent");
            }
            continue;
        }
        while (c < m_captured.size() && (IsPureAck(m_captured[c]) || IsFinRetransmission(c) ||
                                         IsFromEarlierSocket(c, e.socketLine)))
        {
            c++;
        }
        if (c >= m_captured.size())
        {
            fail("not sent (the socket sent nothing more)");
            continue;
        }
        const Segment& s = m_captured[c];
        std::vector<std::string> diffs;
        const uint8_t ignored = TcpHeader::PSH;
        if ((s.header.GetFlags() & ~ignored) != (e.seg.flags & ~ignored))
        {
            diffs.push_back("flags " + FlagsToScript(s.header.GetFlags()));
        }
        if (s.header.GetSequenceNumber().GetValue() != e.seg.seq)
        {
            diffs.push_back("seq " + std::to_string(s.header.GetSequenceNumber().GetValue()));
        }
        if (e.seg.ack && (s.header.GetFlags() & TcpHeader::ACK) &&
            s.header.GetAckNumber().GetValue() != *e.seg.ack)
        {
            diffs.push_back("ack " + std::to_string(s.header.GetAckNumber().GetValue()));
        }
        if (e.seg.mss && CapturedMss(s) != e.seg.mss)
        {
            diffs.push_back("mss " + (CapturedMss(s) ? std::to_string(*CapturedMss(s)) : "none"));
        }
        const std::vector<uint8_t> gotTfo = CapturedTfoBytes(s);
        if (gotTfo != e.seg.TfoBytes())
        {
            diffs.push_back("Fast Open option bytes " + (gotTfo.empty() ? "none" : ToHex(gotTfo)) +
                            " (expected " +
                            (e.seg.hasTfo ? ToHex(e.seg.TfoBytes()) : std::string("none")) + ")");
        }
        // Payload: one segment, or several contiguous ones (no TSO in ns-3).
        uint32_t payload = s.payload;
        size_t last = c;
        while (payload < e.seg.len && diffs.empty())
        {
            size_t n = last + 1;
            while (n < m_captured.size() &&
                   (IsPureAck(m_captured[n]) || IsFromEarlierSocket(n, e.socketLine)))
            {
                n++;
            }
            if (n >= m_captured.size() || m_captured[n].payload == 0 ||
                m_captured[n].header.GetSequenceNumber().GetValue() != e.seg.seq + payload ||
                (m_captured[n].header.GetFlags() & TcpHeader::SYN))
            {
                break;
            }
            payload += m_captured[n].payload;
            last = n;
        }
        if (payload != e.seg.len)
        {
            diffs.push_back("len " + std::to_string(s.payload));
        }
        if (!e.anyTime && (s.time > e.time + tol || s.time + tol < e.time))
        {
            diffs.push_back("time " + Secs(s.time));
        }
        line.outcome = "got " + CapturedToScript(s) + " at " + Secs(s.time) +
                       (last > c ? " (+" + std::to_string(last - c) + " more segments)" : "");
        if (!diffs.empty())
        {
            std::string why =
                "got " + CapturedToScript(s) + " at " + Secs(s.time) + " -- differs in";
            for (const auto& d : diffs)
            {
                why += " [" + d + "]";
            }
            fail(why);
        }
        c = last + 1;
    }
    // Like packetdrill, segments sent after the script's last line are not
    // checked (the script has ended).
    for (; c < m_captured.size(); ++c)
    {
        const Segment& s = m_captured[c];
        if (!IsPureAck(s) && !IsFinRetransmission(c) && !IsFromEarlierSocket(c, m_socketLines) &&
            s.time < m_lastScheduled)
        {
            failures.push_back("unexpected segment: " + CapturedToScript(s) + " at " +
                               Secs(s.time));
            m_report.push_back({s.time, "(not in script)", "got " + CapturedToScript(s), false});
        }
    }
}

void
ScriptedPeer::MapClientPort(uint16_t localPort)
{
    // The socket sending this SYN is alive and bound: find it by its port.
    for (const auto& [fd, socket] : m_fds)
    {
        Address name;
        if (socket && socket->GetSockName(name) == 0 && InetSocketAddress::IsMatchingType(name) &&
            InetSocketAddress::ConvertFrom(name).GetPort() == localPort)
        {
            auto it = m_socketLineOf.find(PeekPointer(socket));
            if (it != m_socketLineOf.end())
            {
                m_clientPortLine[localPort] = it->second;
            }
            return;
        }
    }
}

bool
ScriptedPeer::IsFromEarlierSocket(size_t index, uint32_t socketLine) const
{
    const TcpHeader& h = m_captured[index].header;
    if (h.GetDestinationPort() != m_config.port || h.GetSourcePort() == m_config.port)
    {
        return false; // not a client connection of the SUT
    }
    auto it = m_clientPortLine.find(h.GetSourcePort());
    return it != m_clientPortLine.end() && it->second < socketLine;
}

bool
ScriptedPeer::IsFinRetransmission(size_t index) const
{
    const Segment& s = m_captured[index];
    if (!(s.header.GetFlags() & TcpHeader::FIN) || s.payload != 0)
    {
        return false;
    }
    for (size_t i = 0; i < index; ++i)
    {
        const Segment& o = m_captured[i];
        if (o.header.GetFlags() == s.header.GetFlags() && o.payload == 0 &&
            o.header.GetSequenceNumber() == s.header.GetSequenceNumber() &&
            o.header.GetAckNumber() == s.header.GetAckNumber() &&
            o.header.GetSourcePort() == s.header.GetSourcePort())
        {
            return true;
        }
    }
    return false;
}

std::string
ScriptedPeer::Report() const
{
    std::ostringstream os;
    os << "  script time | line | outcome\n";
    for (const ReportLine& l : m_report)
    {
        os << (l.ok ? "  " : "! ") << std::setw(10) << Secs(l.time) << " | " << l.text << " | "
           << l.outcome << "\n";
    }
    os << "  captured (everything the socket under test sent):\n";
    for (size_t i = 0; i < m_captured.size(); ++i)
    {
        const Segment& s = m_captured[i];
        os << "    " << Secs(s.time) << " > " << CapturedToScript(s);
        auto it = s.header.GetDestinationPort() == m_config.port
                      ? m_clientPortLine.find(s.header.GetSourcePort())
                      : m_clientPortLine.end();
        if (it != m_clientPortLine.end())
        {
            os << "  (socket #" << it->second << ")";
        }
        os << "\n";
    }
    return os.str();
}

const std::vector<Segment>&
ScriptedPeer::GetCaptured() const
{
    return m_captured;
}

} // namespace tfotest
} // namespace ns3
