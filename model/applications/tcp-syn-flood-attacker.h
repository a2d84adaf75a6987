/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_SYN_FLOOD_ATTACKER_H
#define TCP_SYN_FLOOD_ATTACKER_H

#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/random-variable-stream.h"
#include "ns3/tcp-fast-open-cookie.h"
#include "ns3/tcp-fast-open-ns3-compat.h"
#include "ns3/traced-callback.h"

namespace ns3
{

class Packet;
class TcpHeader;

/**
 * \ingroup tcp-fast-open
 *
 * \brief A SYN flooder: builds IPv4 + TCP headers itself and sends SYNs with a
 * chosen source address through its node's IPv4 stack (Ipv4::SendWithHeader
 * with a spoofed source, as a raw socket with IP_HDRINCL), without any socket.
 * The IPv4 identification is one counter per attacker: Ipv4::Send would keep
 * a counter per (source, destination) pair for the rest of the run, one more
 * for every spoofed address.
 *
 * Each SYN carries the options a Linux SYN carries (MSS, timestamps, window
 * scale, SACK permitted), a random ISN and a random source port in
 * [1024, 32767] (below ns-3's ephemeral range, so that the SYNs never collide
 * with a real client's connections and the attacker's packets can be told
 * apart at the server by port), and optionally:
 *  - a Fast Open option: a cookie request, a random forged 8-byte cookie, or
 *    a given cookie (a valid cookie replayed, or a bot's own valid cookie);
 *  - a payload that is a well-formed RequestResponseServer request of
 *    PayloadSize bytes asking for ResponseSize bytes (the expensive request a
 *    SYN-data flood wants the server to run).
 *
 * Source addresses: drawn at random from SpoofPrefix/SpoofMask (the prefix
 * must route back from the server to a sink that drops the SYN-ACKs), the
 * address of a real client (OwnerAddress: its stack answers the unexpected
 * SYN-ACKs with RST, as Linux does), or the node's own first address (a bot;
 * its own stack answers the SYN-ACKs with RST too).
 *
 * Rate: SYNs per second, constant spacing or a Poisson process.
 */
class TcpSynFloodAttacker : public Application
{
  public:
    /// Where the source address comes from.
    enum SourceMode : uint8_t
    {
        SPOOF_PREFIX, //!< random address in SpoofPrefix/SpoofMask
        SPOOF_OWNER,  //!< OwnerAddress (a real client, the cookie's owner)
        OWN_ADDRESS   //!< the node's own address (a bot)
    };

    /// What Fast Open option the SYNs carry.
    enum CookieMode : uint8_t
    {
        NO_OPTION,      //!< none
        COOKIE_REQUEST, //!< an empty option: cookie request
        FORGED_COOKIE,  //!< a fresh random 8-byte cookie per SYN
        GIVEN_COOKIE    //!< the cookie set with SetCookie (replay / bot)
    };

    /// Inter-SYN time pattern.
    enum Pattern : uint8_t
    {
        CONSTANT, //!< 1/Rate apart
        POISSON   //!< exponential gaps of mean 1/Rate
    };

    /**
     * TracedCallback signature of the "Syn" trace source.
     * \param source the source address used
     * \param sourcePort the source port used
     */
    typedef void (*SynCallback)(Ipv4Address source, uint16_t sourcePort);

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TFO_NS3_DECLARE_GET_INSTANCE_TYPE_ID

    TcpSynFloodAttacker();
    ~TcpSynFloodAttacker() override;

    /// \param cookie the cookie GIVEN_COOKIE SYNs carry
    void SetCookie(const TcpFastOpenCookie& cookie);

    /// \return SYNs sent so far
    uint64_t GetSynsSent() const;

    /// Lowest source port the attacker uses.
    static constexpr uint16_t MIN_PORT = 1024;
    /// Highest source port the attacker uses.
    static constexpr uint16_t MAX_PORT = 32767;

    /**
     * \brief Fix the random streams.
     * \param stream first stream number
     * \return number of streams used
     */
    int64_t AssignStreams(int64_t stream);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;
    /// Send one SYN and schedule the next.
    void SendSyn();
    /// Schedule the next SYN.
    void ScheduleNext();
    /// \return the source address of the next SYN
    Ipv4Address PickSource();
    /**
     * \brief Append the Fast Open option CookieMode asks for.
     * \param header the SYN's header
     */
    void AddFastOpenOption(TcpHeader& header);
    /// \return the SYN's payload (empty without PayloadSize)
    Ptr<Packet> BuildPayload() const;

    Ipv4Address m_server;                             //!< target address
    uint16_t m_serverPort{8080};                      //!< target port
    double m_rate{100};                               //!< SYNs per second
    Pattern m_pattern{CONSTANT};                      //!< inter-SYN pattern
    SourceMode m_sourceMode{SPOOF_PREFIX};            //!< source selection
    Ipv4Address m_spoofPrefix{"10.99.0.0"};           //!< spoofed prefix
    Ipv4Mask m_spoofMask{"255.255.0.0"};              //!< its mask
    Ipv4Address m_owner;                              //!< SPOOF_OWNER address
    CookieMode m_cookieMode{NO_OPTION};               //!< Fast Open option
    TcpFastOpenCookie m_cookie;                       //!< GIVEN_COOKIE cookie
    uint32_t m_payloadSize{0};                        //!< SYN data bytes (0: none)
    uint32_t m_responseSize{1000};                    //!< response the payload asks for
    uint64_t m_maxSyns{0};                            //!< stop after this many (0: never)
    uint64_t m_sent{0};                               //!< SYNs sent
    uint16_t m_ipId{0};                               //!< next IPv4 identification
    EventId m_sendEvent;                              //!< next SYN
    Ptr<UniformRandomVariable> m_uniform;             //!< addresses, ports, ISNs, cookies
    Ptr<ExponentialRandomVariable> m_gap;             //!< Poisson gaps
    TracedCallback<Ipv4Address, uint16_t> m_synTrace; //!< "Syn"
};

} // namespace ns3

#endif /* TCP_SYN_FLOOD_ATTACKER_H */
