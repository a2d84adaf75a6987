/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_LINUX_TIME_WAIT_H
#define TCP_LINUX_TIME_WAIT_H

#include "tcp-fast-open-counters.h"

#include "ns3/event-id.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv6-header.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"
#include "ns3/sequence-number.h"
#include "ns3/simple-ref-count.h"

#include <optional>

namespace ns3
{

class Address;
class Ipv4EndPoint;
class Ipv4Interface;
class Ipv6EndPoint;
class Ipv6Interface;
class NetDevice;
class Packet;
class TcpHeader;
class TcpL4Protocol;
class TcpLinuxTimeWaitTable;

/**
 * \ingroup tcp-fast-open
 * \brief What is left of a connection in TIME_WAIT: Linux's struct
 * tcp_timewait_sock, a few hundred bytes instead of a whole socket.
 *
 * tcp_time_wait hands the connection's endpoint and the few values TIME_WAIT
 * needs to it and closes the socket (TcpLinuxSocketBase::HandOffTimeWait).
 * It answers segments for the 4-tuple as tcp_timewait_state_process decides
 * (Process): it re-acknowledges a retransmitted FIN and restarts the timer, a
 * RST ends it, a SYN that is not an old duplicate goes to the listener with
 * an ISN past everything this connection sent, anything else out of window is
 * acknowledged (at most once per InvalidRateLimit unless it carries data).
 * ICMP errors are ignored (tcp_v4_err). When the timer fires it frees the
 * endpoint (tw_timer_handler).
 *
 * An orphaned connection (the application closed it) whose FIN the peer has
 * acknowledged is handed over already in FIN_WAIT2 (the FIN_WAIT2 substate,
 * tcp_time_wait(sk, TCP_FIN_WAIT2, tcp_fin_time)): it waits for the peer's
 * FIN at most FinTimeout, answers new data or a SYN with a RST and ends, and
 * enters TIME_WAIT proper when the FIN comes (ProcessFinWait2).
 *
 * Held by its endpoint's receive callback: it lives as long as the endpoint.
 */
class TcpLinuxTimeWait : public SimpleRefCount<TcpLinuxTimeWait>
{
  public:
    /// What tcp_time_wait copies from the socket (struct tcp_timewait_sock).
    struct Connection
    {
        SequenceNumber32 sndNxt{0}; //!< tw_snd_nxt
        SequenceNumber32 rcvNxt{0}; //!< tw_rcv_nxt
        uint16_t window{0};         //!< tw_rcv_wnd >> tw_rcv_wscale: the window field sent
        bool timestamps{false};     //!< timestamps in use (tw_ts_recent_stamp != 0)
        uint32_t tsRecent{0};       //!< tw_ts_recent
        Time tsRecentStamp;         //!< tw_ts_recent_stamp: when tsRecent was taken
        Time length;                //!< TCP_TIMEWAIT_LEN: each restart of the timer
        Time invalidRateLimit;      //!< net.ipv4.tcp_invalid_ratelimit
        bool finWait2{false};       //!< tw_substate TCP_FIN_WAIT2: the peer's FIN not yet in
        uint32_t rcvWnd{0};         //!< tw_rcv_wnd in bytes (FIN_WAIT2's window check)
    };

    /// tcp_timewait_state_process's verdict on one segment (enum tcp_tw_status).
    enum Verdict : uint8_t
    {
        TW_SUCCESS, //!< nothing to send (the segment is dropped; a RST may have ended TIME_WAIT)
        TW_ACK,     //!< acknowledge it (tcp_v4_timewait_ack)
        TW_SYN,     //!< a new connection: the SYN goes to the listener
        TW_RST,     //!< answer with a RST and end (tcp_v4_send_reset, FIN_WAIT2)
    };

    /**
     * \brief tcp_time_wait: take over a connection's endpoint (its callbacks
     * are replaced).
     * \param tcp the node's TCP
     * \param endPoint the connection's IPv4 endpoint, or nullptr
     * \param endPoint6 its IPv6 endpoint, or nullptr
     * \param device the socket's bound device (may be null)
     * \param connection what TIME_WAIT keeps
     * \param remaining time left in TIME_WAIT
     * \param table the node's TIME_WAIT table (counted in it)
     * \param counters the node's counters
     */
    static void Start(Ptr<TcpL4Protocol> tcp,
                      Ipv4EndPoint* endPoint,
                      Ipv6EndPoint* endPoint6,
                      Ptr<NetDevice> device,
                      const Connection& connection,
                      Time remaining,
                      Ptr<TcpLinuxTimeWaitTable> table,
                      Ptr<TcpFastOpenCounters> counters);

    /**
     * \brief The ISN a listener gives the connection a TW_SYN starts, taken
     * once: set while the SYN is passed to the listener (Linux's tcp_tw_isn),
     * read by the listener that forks a child for it.
     * \return the ISN, if a TIME_WAIT connection is handing a SYN over
     */
    static std::optional<SequenceNumber32> TakeSynIsn();

    /**
     * \brief tcp_timewait_state_process (TIME_WAIT substate): decide what a
     * segment does, updating ts_recent and the timer.
     * \param header the segment's TCP header
     * \param payload its payload bytes
     * \return the verdict
     */
    Verdict Process(const TcpHeader& header, uint32_t payload);

    /**
     * \brief tcp_timewait_state_process, FIN_WAIT2 substate: what a segment
     * does before the peer's FIN has come (Process calls it).
     * \param header the segment's TCP header
     * \param length its sequence space (payload, SYN and FIN)
     * \param pawsReject whether PAWS rejects it
     * \param tsVal its timestamp value (0 without one)
     * \param sawTimestamp whether it has a timestamp the connection uses
     * \return the verdict: TW_ACK for the FIN (TIME_WAIT from now on) and
     * out-of-window segments, TW_RST for data or a SYN, else TW_SUCCESS
     */
    Verdict ProcessFinWait2(const TcpHeader& header,
                            uint32_t length,
                            bool pawsReject,
                            uint32_t tsVal,
                            bool sawTimestamp);

    /// \return the connection's state as TIME_WAIT keeps it
    const Connection& GetConnection() const;

    /**
     * \brief Use Start(); public for Create<>.
     * \param tcp the node's TCP
     * \param device the bound device
     * \param connection what TIME_WAIT keeps
     * \param table the node's TIME_WAIT table
     * \param counters the node's counters
     */
    TcpLinuxTimeWait(Ptr<TcpL4Protocol> tcp,
                     Ptr<NetDevice> device,
                     const Connection& connection,
                     Ptr<TcpLinuxTimeWaitTable> table,
                     Ptr<TcpFastOpenCounters> counters);

  private:
    /**
     * \brief A segment for the 4-tuple (the endpoint's receive callback).
     * \tparam IpHeader Ipv4Header or Ipv6Header
     * \tparam Interface Ipv4Interface or Ipv6Interface
     * \param packet the segment, TCP header included
     * \param header its IP header
     * \param port the peer's port
     * \param incomingInterface where it arrived
     */
    template <typename IpHeader, typename Interface>
    void ForwardUp(Ptr<Packet> packet,
                   IpHeader header,
                   uint16_t port,
                   Ptr<Interface> incomingInterface);
    /**
     * \brief Process a segment and act on the verdict, except a TW_SYN's hand-over.
     * \param packet the segment, TCP header included
     * \return true if a SYN is to go to the listener
     */
    bool Receive(Ptr<Packet> packet);
    /**
     * \brief TW_SYN: end TIME_WAIT and pass the SYN to the node's TCP, whose
     * listener forks the new connection with TakeSynIsn's ISN.
     * \tparam IpHeader Ipv4Header or Ipv6Header
     * \tparam Interface Ipv4Interface or Ipv6Interface
     * \param packet the SYN, TCP header included
     * \param header its IP header
     * \param incomingInterface where it arrived
     */
    template <typename IpHeader, typename Interface>
    void HandOverSyn(Ptr<Packet> packet, const IpHeader& header, Ptr<Interface> incomingInterface);
    /**
     * \brief tcp_v4_timewait_ack / tcp_v6_timewait_ack: an ACK from the
     * state kept, with timestamps if they were in use.
     */
    void SendAck();
    /**
     * \brief tcp_v4_send_reset / tcp_v6_send_reset for a segment, numbered
     * by TcpLinuxSocketBase::ResetFor.
     * \param header the segment's header
     * \param length its sequence space (payload, SYN and FIN)
     */
    void SendReset(const TcpHeader& header, uint32_t length);
    /**
     * \brief Send a segment of this 4-tuple (ports and addresses filled in).
     * \param header the TCP header, flags and numbers set
     */
    void Send(TcpHeader& header);
    /**
     * \brief tcp_timewait_check_oow_rate_limit: acknowledge an out-of-window
     * segment at most once per InvalidRateLimit, unless it carries data or
     * a FIN without SYN (not part of an ACK loop).
     * \param header the segment's header
     * \param length its sequence space (payload, SYN and FIN)
     * \param skipped the counter of rate-limited ACKs (TCPACKSkippedTimeWait
     * or TCPACKSkippedFinWait2)
     * \return TW_ACK or, rate-limited, TW_SUCCESS
     */
    Verdict CheckOowRateLimit(const TcpHeader& header,
                              uint32_t length,
                              TcpFastOpenCounters::Counter skipped);
    /**
     * \brief inet_twsk_reschedule: restart the timer.
     * \param delay time to expiry
     */
    void Reschedule(Time delay);
    /// tw_timer_handler: TIME_WAIT is over; count it and free the endpoint.
    void Expire();
    /// inet_twsk_deschedule_put: end TIME_WAIT now (a RST, or a TW_SYN), uncounted.
    void Kill();
    /// Free the endpoint and leave the table (the last reference goes with the endpoint).
    void Release();
    /// The endpoint was destroyed under us (the node's TCP is being disposed).
    void EndPointDestroyed();

    Ptr<TcpL4Protocol> m_tcp;                        //!< the node's TCP
    Ipv4EndPoint* m_endPoint{nullptr};               //!< the IPv4 4-tuple, or
    Ipv6EndPoint* m_endPoint6{nullptr};              //!< the IPv6 4-tuple
    Ptr<NetDevice> m_device;                         //!< the socket's bound device
    Connection m_connection;                         //!< what tcp_time_wait copied
    Ptr<TcpLinuxTimeWaitTable> m_table;              //!< the node's TIME_WAIT table
    Ptr<TcpFastOpenCounters> m_counters;             //!< the node's counters
    EventId m_timer;                                 //!< tw_timer
    Time m_lastOowAck{Time::Max()};                  //!< tw_last_oow_ack_time (Max: none yet)
    bool m_killed{false};                            //!< tw_kill: the timer was set for 4 s or less
    static std::optional<SequenceNumber32> s_synIsn; //!< tcp_tw_isn, during a hand-over
};

} // namespace ns3

#endif /* TCP_LINUX_TIME_WAIT_H */
