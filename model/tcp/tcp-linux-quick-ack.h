/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_LINUX_QUICK_ACK_H
#define TCP_LINUX_QUICK_ACK_H

#include "ns3/nstime.h"

#include <cstdint>

namespace ns3
{

/**
 * \ingroup tcp-fast-open
 *
 * \brief Linux's choice between an immediate and a delayed ACK
 * (net/ipv4/tcp_input.c, tcp_output.c): quick-ack mode and ping-pong
 * (interactive) mode.
 *
 *  - tcp_event_data_recv: the first data segment of a connection starts
 *    quick-ack mode with quick = rcv_wnd / (2 rcv_mss) ACKs (2 if that is
 *    0), at most TCP_MAX_QUICKACKS (16) (tcp_incr_quickack); a gap longer than
 *    the RTO since the last data adds to it again;
 *  - tcp_in_quickack_mode: quick > 0 and not in ping-pong mode: every data
 *    segment is acknowledged at once, each such ACK uses one
 *    (tcp_dec_quickack_mode);
 *  - ping-pong: data sent less than ato after the last data received (or the
 *    handshake) marks the connection interactive (tcp_event_data_sent,
 *    TCP_PINGPONG_THRESH 1); so does a FIN received (tcp_fin); a delayed
 *    ACK timer that fires in ping-pong mode leaves it (tcp_delack_timer_handler);
 *  - rcv_mss follows the largest segment received, up to the advertised MSS
 *    (tcp_measure_rcv_mss; its small-segment heuristics are left out).
 *
 * ato is Linux's TCP_ATO_MIN (the socket's DelAckTimeout) once the engine is
 * started, 0 before (Linux adapts it to the inter-arrival time; not modelled).
 * It holds no simulation state: time is passed in.
 */
class TcpLinuxQuickAck
{
  public:
    /**
     * \param maxQuickAcks TCP_MAX_QUICKACKS (0: the model is off)
     */
    void SetMaxQuickAcks(uint32_t maxQuickAcks);
    /// \return true if the model is on (maxQuickAcks > 0)
    bool IsEnabled() const;
    /// \return TCP_MAX_QUICKACKS
    uint32_t GetMaxQuickAcks() const;

    /**
     * \brief tcp_finish_connect: the handshake completed (lrcvtime = now).
     * \param now the time
     */
    void Connected(Time now);
    /**
     * \brief tcp_enter_quickack_mode: e.g. the handshake ACK is saved for the
     * data waiting to go out (tcp_rcv_synsent_state_process).
     * \param rcvWnd the receive window offered
     * \param advMss the MSS advertised to the peer
     * \param ato TCP_ATO_MIN
     */
    void EnterQuickAckMode(uint32_t rcvWnd, uint32_t advMss, Time ato);
    /**
     * \brief tcp_event_data_recv: an in-order data segment arrived.
     * \param payload its payload bytes
     * \param rcvWnd the receive window offered
     * \param advMss the MSS advertised to the peer
     * \param now the time
     * \param ato TCP_ATO_MIN (the socket's DelAckTimeout)
     * \param rto the retransmission timeout
     * \return true if it is acknowledged at once (quick-ack mode); one quick
     *         ACK is then used
     */
    bool DataReceived(uint32_t payload,
                      uint32_t rcvWnd,
                      uint32_t advMss,
                      Time now,
                      Time ato,
                      Time rto);
    /**
     * \brief tcp_event_data_sent: a data segment left.
     * \param now the time
     */
    void DataSent(Time now);
    /// tcp_fin: a FIN arrived in order (ping-pong mode: its ACK is delayed).
    void FinReceived();
    /// tcp_delack_timer_handler: the delayed-ACK timer fired.
    void DelayedAckFired();
    /// \return true in ping-pong (interactive) mode
    bool IsPingPong() const;
    /// \return icsk_ack.ato: 0 until the first data segment (or quick-ack mode)
    Time GetAto() const;
    /// \return the quick ACKs left (icsk_ack.quick)
    uint32_t GetQuickAcksLeft() const;

  private:
    /**
     * \brief tcp_incr_quickack.
     * \param rcvWnd the receive window offered
     */
    void IncrementQuickAcks(uint32_t rcvWnd);

    uint32_t m_maxQuickAcks{0}; //!< TCP_MAX_QUICKACKS (0: off)
    uint32_t m_quick{0};        //!< icsk_ack.quick: immediate ACKs left
    uint32_t m_rcvMss{0};       //!< icsk_ack.rcv_mss (0: not yet initialised)
    bool m_pingPong{false};     //!< inet_csk_in_pingpong_mode
    Time m_ato;                 //!< icsk_ack.ato (0 until the engine starts)
    Time m_lastReceived;        //!< icsk_ack.lrcvtime
};

} // namespace ns3

#endif /* TCP_LINUX_QUICK_ACK_H */
