/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-fast-open-packetdrill-wire.h"

#include <iomanip>
#include <sstream>

namespace ns3
{
namespace packetdrill
{

namespace
{
constexpr uint8_t kProtoTcp = 6;            //!< IP protocol number of TCP
constexpr uint8_t kKindFastOpen = 34;       //!< RFC 7413 option kind
constexpr uint8_t kKindExperiment = 254;    //!< RFC 6994 experimental option kind
constexpr uint16_t kFastOpenMagic = 0xF989; //!< experiment ID of Fast Open

/// \param v the vector \param x 16-bit value appended big-endian
void
Put16(std::vector<uint8_t>& v, uint32_t x)
{
    v.push_back(static_cast<uint8_t>(x >> 8));
    v.push_back(static_cast<uint8_t>(x));
}

/// \param v the vector \param x 32-bit value appended big-endian
void
Put32(std::vector<uint8_t>& v, uint32_t x)
{
    Put16(v, x >> 16);
    Put16(v, x & 0xffff);
}

/// \param p bytes \return big-endian 16-bit value
uint16_t
Get16(const uint8_t* p)
{
    return static_cast<uint16_t>((p[0] << 8) | p[1]);
}

/// \param p bytes \return big-endian 32-bit value
uint32_t
Get32(const uint8_t* p)
{
    return (static_cast<uint32_t>(Get16(p)) << 16) | Get16(p + 2);
}

/**
 * \param data bytes \param len length \param sum running sum
 * \return the ones'-complement sum folded into sum
 */
uint32_t
Sum(const uint8_t* data, size_t len, uint32_t sum)
{
    for (size_t i = 0; i + 1 < len; i += 2)
    {
        sum += Get16(data + i);
    }
    if (len % 2)
    {
        sum += data[len - 1] << 8;
    }
    return sum;
}

/// \param sum running sum \return the folded, complemented checksum
uint16_t
Fold(uint32_t sum)
{
    while (sum >> 16)
    {
        sum = (sum & 0xffff) + (sum >> 16);
    }
    return static_cast<uint16_t>(~sum);
}
} // namespace

uint8_t
PacketdrillWire::ParseFlags(const std::string& flags)
{
    uint8_t bits = 0;
    for (char c : flags)
    {
        switch (c)
        {
        case 'F':
            bits |= FIN;
            break;
        case 'S':
            bits |= SYN;
            break;
        case 'R':
            bits |= RST;
            break;
        case 'P':
            bits |= PSH;
            break;
        case '.':
            bits |= ACK;
            break;
        case 'U':
            bits |= URG;
            break;
        case 'E':
            bits |= ECE;
            break;
        case 'W':
            bits |= CWR;
            break;
        default:
            break;
        }
    }
    return bits;
}

std::string
PacketdrillWire::FormatFlags(uint8_t flags)
{
    std::string s;
    const std::pair<uint8_t, char> order[] = {{SYN, 'S'},
                                              {FIN, 'F'},
                                              {PSH, 'P'},
                                              {RST, 'R'},
                                              {URG, 'U'},
                                              {ACK, '.'},
                                              {ECE, 'E'},
                                              {CWR, 'W'}};
    for (const auto& [bit, c] : order)
    {
        if (flags & bit)
        {
            s += c;
        }
    }
    return s;
}

std::optional<std::vector<uint8_t>>
PacketdrillWire::EncodeOptions(const std::vector<TcpOptionSpec>& options)
{
    std::vector<uint8_t> b;
    for (const TcpOptionSpec& o : options)
    {
        switch (o.kind)
        {
        case TcpOptionSpec::NOP:
            b.push_back(1);
            break;
        case TcpOptionSpec::EOL:
            b.push_back(0);
            break;
        case TcpOptionSpec::MSS:
            b.push_back(2);
            b.push_back(4);
            Put16(b, o.value);
            break;
        case TcpOptionSpec::WSCALE:
            b.push_back(3);
            b.push_back(3);
            b.push_back(static_cast<uint8_t>(o.value));
            break;
        case TcpOptionSpec::SACK_OK:
            b.push_back(4);
            b.push_back(2);
            break;
        case TcpOptionSpec::TS:
            b.push_back(8);
            b.push_back(10);
            Put32(b, o.tsVal);
            Put32(b, o.tsEcr);
            break;
        case TcpOptionSpec::SACK:
            b.push_back(5);
            b.push_back(static_cast<uint8_t>(2 + 8 * o.sack.size()));
            for (const auto& [l, r] : o.sack)
            {
                Put32(b, l);
                Put32(b, r);
            }
            break;
        case TcpOptionSpec::FO:
            b.push_back(kKindFastOpen);
            b.push_back(static_cast<uint8_t>(2 + o.cookie.size()));
            b.insert(b.end(), o.cookie.begin(), o.cookie.end());
            break;
        case TcpOptionSpec::FOEXP:
            b.push_back(kKindExperiment);
            b.push_back(static_cast<uint8_t>(4 + o.cookie.size()));
            Put16(b, kFastOpenMagic);
            b.insert(b.end(), o.cookie.begin(), o.cookie.end());
            break;
        }
        if (b.size() > 40)
        {
            return std::nullopt;
        }
    }
    while (b.size() % 4)
    {
        b.push_back(1); // NOP
    }
    return b;
}

std::optional<std::vector<uint8_t>>
PacketdrillWire::Encode(const WireSegment& s)
{
    std::optional<std::vector<uint8_t>> options = EncodeOptions(s.options);
    if (!options)
    {
        return std::nullopt;
    }
    std::vector<uint8_t> tcp;
    Put16(tcp, s.srcPort);
    Put16(tcp, s.dstPort);
    Put32(tcp, s.seq);
    Put32(tcp, s.ack);
    tcp.push_back(static_cast<uint8_t>(((20 + options->size()) / 4) << 4));
    tcp.push_back(s.flags);
    Put16(tcp, s.win);
    Put16(tcp, 0); // checksum
    Put16(tcp, 0); // urgent pointer
    tcp.insert(tcp.end(), options->begin(), options->end());
    tcp.resize(tcp.size() + s.payload, 0);

    const size_t addrLen = s.ipv6 ? 16 : 4;
    uint32_t sum = Sum(s.src.data(), addrLen, 0);
    sum = Sum(s.dst.data(), addrLen, sum);
    sum += kProtoTcp + static_cast<uint32_t>(tcp.size());
    sum = Sum(tcp.data(), tcp.size(), sum);
    const uint16_t check = Fold(sum);
    tcp[16] = static_cast<uint8_t>(check >> 8);
    tcp[17] = static_cast<uint8_t>(check);

    std::vector<uint8_t> ip;
    if (s.ipv6)
    {
        ip.push_back(0x60 | (s.ecn >> 4));
        ip.push_back(static_cast<uint8_t>((s.ecn & 0x0f) << 4));
        Put16(ip, 0);
        Put16(ip, static_cast<uint32_t>(tcp.size()));
        ip.push_back(kProtoTcp);
        ip.push_back(64); // hop limit
        ip.insert(ip.end(), s.src.begin(), s.src.end());
        ip.insert(ip.end(), s.dst.begin(), s.dst.end());
    }
    else
    {
        ip.push_back(0x45);
        ip.push_back(s.ecn & 0x3);
        Put16(ip, static_cast<uint32_t>(20 + tcp.size()));
        Put16(ip, 0);      // id
        Put16(ip, 0x4000); // DF
        ip.push_back(64);  // TTL
        ip.push_back(kProtoTcp);
        Put16(ip, 0);
        ip.insert(ip.end(), s.src.begin(), s.src.begin() + 4);
        ip.insert(ip.end(), s.dst.begin(), s.dst.begin() + 4);
        const uint16_t ipCheck = Fold(Sum(ip.data(), ip.size(), 0));
        ip[10] = static_cast<uint8_t>(ipCheck >> 8);
        ip[11] = static_cast<uint8_t>(ipCheck);
    }
    ip.insert(ip.end(), tcp.begin(), tcp.end());
    return ip;
}

std::optional<WireSegment>
PacketdrillWire::Decode(const std::vector<uint8_t>& bytes)
{
    WireSegment s;
    size_t at = 0;
    size_t end = bytes.size();
    if (bytes.empty())
    {
        return std::nullopt;
    }
    const uint8_t version = bytes[0] >> 4;
    if (version == 4)
    {
        const size_t ihl = (bytes[0] & 0x0f) * 4u;
        if (bytes.size() < 20 || ihl < 20 || bytes.size() < ihl || bytes[9] != kProtoTcp)
        {
            return std::nullopt;
        }
        s.ecn = bytes[1] & 0x3;
        std::copy(bytes.begin() + 12, bytes.begin() + 16, s.src.begin());
        std::copy(bytes.begin() + 16, bytes.begin() + 20, s.dst.begin());
        end = std::min<size_t>(end, Get16(&bytes[2]));
        at = ihl;
    }
    else if (version == 6)
    {
        if (bytes.size() < 40 || bytes[6] != kProtoTcp)
        {
            return std::nullopt;
        }
        s.ipv6 = true;
        s.ecn = static_cast<uint8_t>(((bytes[0] & 0x0f) << 4 | bytes[1] >> 4) & 0x3);
        std::copy(bytes.begin() + 8, bytes.begin() + 24, s.src.begin());
        std::copy(bytes.begin() + 24, bytes.begin() + 40, s.dst.begin());
        end = std::min<size_t>(end, 40 + Get16(&bytes[4]));
        at = 40;
    }
    else
    {
        return std::nullopt;
    }
    if (end < at + 20)
    {
        return std::nullopt;
    }
    const uint8_t* t = &bytes[at];
    s.srcPort = Get16(t);
    s.dstPort = Get16(t + 2);
    s.seq = Get32(t + 4);
    s.ack = Get32(t + 8);
    const size_t doff = (t[12] >> 4) * 4u;
    s.flags = t[13];
    s.win = Get16(t + 14);
    if (doff < 20 || at + doff > end)
    {
        return std::nullopt;
    }
    s.payload = static_cast<uint32_t>(end - at - doff);
    size_t i = 20;
    while (i < doff)
    {
        TcpOptionSpec o;
        const uint8_t kind = t[i];
        if (kind == 0 || kind == 1)
        {
            o.kind = kind == 0 ? TcpOptionSpec::EOL : TcpOptionSpec::NOP;
            s.options.push_back(o);
            i++;
            continue;
        }
        if (i + 1 >= doff || t[i + 1] < 2 || i + t[i + 1] > doff)
        {
            s.unknownKinds.push_back(kind);
            break;
        }
        const uint8_t len = t[i + 1];
        const uint8_t* d = t + i + 2;
        if (kind == 2 && len == 4)
        {
            o.kind = TcpOptionSpec::MSS;
            o.value = Get16(d);
        }
        else if (kind == 3 && len == 3)
        {
            o.kind = TcpOptionSpec::WSCALE;
            o.value = d[0];
        }
        else if (kind == 4 && len == 2)
        {
            o.kind = TcpOptionSpec::SACK_OK;
        }
        else if (kind == 8 && len == 10)
        {
            o.kind = TcpOptionSpec::TS;
            o.tsVal = Get32(d);
            o.tsEcr = Get32(d + 4);
        }
        else if (kind == 5 && (len - 2) % 8 == 0)
        {
            o.kind = TcpOptionSpec::SACK;
            for (int b = 0; b < (len - 2) / 8; ++b)
            {
                o.sack.emplace_back(Get32(d + 8 * b), Get32(d + 8 * b + 4));
            }
        }
        else if (kind == kKindFastOpen)
        {
            o.kind = TcpOptionSpec::FO;
            o.cookie.assign(d, d + len - 2);
        }
        else if (kind == kKindExperiment && len >= 4 && Get16(d) == kFastOpenMagic)
        {
            o.kind = TcpOptionSpec::FOEXP;
            o.cookie.assign(d + 2, d + len - 2);
        }
        else
        {
            s.unknownKinds.push_back(kind);
            i += len;
            continue;
        }
        s.options.push_back(o);
        i += len;
    }
    return s;
}

std::string
PacketdrillWire::FormatOptions(const std::vector<TcpOptionSpec>& options)
{
    std::ostringstream os;
    os << "<";
    for (size_t i = 0; i < options.size(); ++i)
    {
        const TcpOptionSpec& o = options[i];
        os << (i ? "," : "");
        switch (o.kind)
        {
        case TcpOptionSpec::NOP:
            os << "nop";
            break;
        case TcpOptionSpec::EOL:
            os << "eol";
            break;
        case TcpOptionSpec::MSS:
            os << "mss " << o.value;
            break;
        case TcpOptionSpec::WSCALE:
            os << "wscale " << o.value;
            break;
        case TcpOptionSpec::SACK_OK:
            os << "sackOK";
            break;
        case TcpOptionSpec::TS:
            os << "TS val " << o.tsVal << " ecr " << o.tsEcr;
            break;
        case TcpOptionSpec::SACK:
            os << "sack";
            for (const auto& [l, r] : o.sack)
            {
                os << " " << l << ":" << r;
            }
            break;
        case TcpOptionSpec::FO:
        case TcpOptionSpec::FOEXP:
            os << (o.kind == TcpOptionSpec::FO ? "FO" : "FOEXP");
            if (!o.cookie.empty())
            {
                os << " ";
                for (uint8_t b : o.cookie)
                {
                    os << std::hex << std::setw(2) << std::setfill('0') << +b << std::dec;
                }
            }
            break;
        }
    }
    os << ">";
    return os.str();
}

std::string
PacketdrillWire::Format(const WireSegment& s, uint32_t seqBase, uint32_t ackBase)
{
    std::ostringstream os;
    const uint32_t seq = s.seq - seqBase;
    os << FormatFlags(s.flags) << " " << seq << ":" << seq + s.payload << "(" << s.payload << ")";
    if (s.flags & ACK)
    {
        os << " ack " << s.ack - ackBase;
    }
    os << " win " << s.win;
    if (!s.options.empty())
    {
        os << " " << FormatOptions(s.options);
    }
    for (uint8_t kind : s.unknownKinds)
    {
        os << " [option kind " << +kind << "]";
    }
    return os.str();
}

} // namespace packetdrill
} // namespace ns3
