/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_FAST_OPEN_PACKETDRILL_WIRE_H
#define TCP_FAST_OPEN_PACKETDRILL_WIRE_H

#include "tcp-fast-open-packetdrill-script.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace ns3
{
namespace packetdrill
{

/// A TCP segment as it is on the wire (numbers absolute), with its addresses.
struct WireSegment
{
    bool ipv6{false};                   //!< IPv6 (else IPv4)
    std::array<uint8_t, 16> src{};      //!< source address (IPv4: first 4 bytes)
    std::array<uint8_t, 16> dst{};      //!< destination address (IPv4: first 4 bytes)
    uint8_t ecn{0};                     //!< IP ECN bits
    uint16_t srcPort{0};                //!< source port
    uint16_t dstPort{0};                //!< destination port
    uint32_t seq{0};                    //!< sequence number
    uint32_t ack{0};                    //!< acknowledgment number
    uint8_t flags{0};                   //!< TCP flags (FIN 0x01 ... CWR 0x80)
    uint16_t win{0};                    //!< window field
    std::vector<TcpOptionSpec> options; //!< options (NOP and EOL included)
    std::vector<uint8_t> unknownKinds;  //!< kinds of options not in TcpOptionSpec
    uint32_t payload{0};                //!< payload bytes
};

/**
 * \ingroup tcp-fast-open
 * \brief Writes and reads the bytes of the packets a packetdrill script
 * exchanges: IPv4/IPv6 and TCP headers with any options (including malformed
 * Fast Open cookies), checksums included, independently of ns-3's header
 * classes, so that the script sees exactly what is on the wire.
 */
class PacketdrillWire
{
  public:
    /// TCP flag bits.
    enum Flags : uint8_t
    {
        FIN = 0x01, //!< F
        SYN = 0x02, //!< S
        RST = 0x04, //!< R
        PSH = 0x08, //!< P
        ACK = 0x10, //!< .
        URG = 0x20, //!< U
        ECE = 0x40, //!< E
        CWR = 0x80  //!< W
    };

    /**
     * \param flags packetdrill's flag letters ("S.", "P.")
     * \return the flag bits
     */
    static uint8_t ParseFlags(const std::string& flags);

    /**
     * \param flags flag bits
     * \return packetdrill's notation ("S.", "F.", ".")
     */
    static std::string FormatFlags(uint8_t flags);

    /**
     * \brief Encode TCP options as bytes, padded with NOPs to 4 bytes.
     * \param options the options
     * \return the bytes, or nullopt if they do not fit in 40 bytes
     */
    static std::optional<std::vector<uint8_t>> EncodeOptions(
        const std::vector<TcpOptionSpec>& options);

    /**
     * \brief Build an IP packet carrying a TCP segment.
     * \param segment the segment (options, payload length, addresses, ...)
     * \return the IP packet's bytes (header, TCP header, zero payload), or
     *         nullopt if the options do not fit
     */
    static std::optional<std::vector<uint8_t>> Encode(const WireSegment& segment);

    /**
     * \brief Parse an IP packet.
     * \param bytes IPv4 or IPv6 packet
     * \return the TCP segment, or nullopt if it is not TCP or is malformed
     */
    static std::optional<WireSegment> Decode(const std::vector<uint8_t>& bytes);

    /**
     * \brief packetdrill's notation of a segment, e.g. "S. 0:0(0) ack 11 win
     * 65535 <mss 1460,FO abcd>", with sequence numbers made relative.
     * \param segment the segment
     * \param seqBase subtracted from seq
     * \param ackBase subtracted from ack
     * \return the text
     */
    static std::string Format(const WireSegment& segment, uint32_t seqBase, uint32_t ackBase);

    /**
     * \param options options
     * \return packetdrill's notation "<mss 1460,nop,...>"
     */
    static std::string FormatOptions(const std::vector<TcpOptionSpec>& options);
};

} // namespace packetdrill
} // namespace ns3

#endif /* TCP_FAST_OPEN_PACKETDRILL_WIRE_H */
