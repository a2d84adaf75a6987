/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_LINUX_SOCKET_BASE_H
#define TCP_LINUX_SOCKET_BASE_H

#include "tcp-linux-node-components.h"
#include "tcp-linux-quick-ack.h"
#include "tcp-listen-queues.h"
#include "tcp-syn-cookie-responder.h"
#include "tcp-syn-cookie.h"

#include "ns3/abort.h"
#include "ns3/node.h"
#include "ns3/random-variable-stream.h"
#include "ns3/tcp-fast-open-ns3-compat.h"
#include "ns3/tcp-socket-base.h"

#include <optional>
#include <utility>

namespace ns3
{

class TcpFastOpenCounters;
class TcpLinuxRttEstimator;

/**
 * \ingroup tcp-fast-open
 *
 * \brief A TcpSocketBase that behaves as Linux's TCP where ns-3's differs,
 * Fast Open aside: Linux-like TCP on its own (TcpLinuxSocketFactory), and the
 * base of TcpFastOpenSocket.
 *
 *  - the SYN and SYN-ACK carry the MSS option, and the peer's MSS bounds the
 *    segment size; the ISN may be random (RandomIsn), and the peer's ISN and
 *    SYN timestamp set TS.Recent whatever the ISNs are;
 *  - RFC 5961: a RST in a synchronized state resets only at rcv_nxt (a
 *    challenge ACK elsewhere in the window), a SYN there gets a challenge ACK;
 *    a RST in SYN_SENT counts only with an acceptable ACK; a reset the socket
 *    sends on its own acknowledges rcv_nxt;
 *  - an ACK older than SND.UNA still delivers the segment's data; the
 *    handshake ACK is saved when data waits to go out;
 *  - the ACK of the peer's FIN is not sent on its own when this socket's
 *    FIN|ACK already carried it;
 *  - optionally (QuickAcks, LinuxRttEstimator; the Linux-defaults profile
 *    sets both): Linux's quick-ack and ping-pong ACK modes, and Linux's RTT
 *    estimator and RTO (TcpLinuxRttEstimator);
 *  - a listener keeps its own options whatever SYNs it receives, and has
 *    Linux's SYN queue, accept queue (AcceptRate), admission with SYN
 *    cookies (TcpListenQueues, TcpSynCookieResponder), listen-stop, and a
 *    reset for a stray ACK.
 *
 * Each of these is a candidate patch for ns-3's TcpSocketBase. Derived
 * classes add to the handshake through the protected hooks.
 */
class TcpLinuxSocketBase : public TcpSocketBase
{
  public:
    /**
     * \brief Linux's EALREADY (a connect() while one is in progress) has no
     * Socket::SocketErrno; GetErrno() reports it as ERROR_AGAIN.
     */
    static constexpr SocketErrno ERROR_ALREADY = ERROR_AGAIN;

    /// net.ipv4.tcp_min_snd_mss (TCP_MIN_SND_MSS): the smallest MSS Linux sends with.
    static constexpr uint32_t MIN_SND_MSS = 48;

    /// What the socket did with an ICMP or ICMPv6 error (tcp_v4_err, tcp_v6_err).
    enum IcmpAction
    {
        ICMP_IGNORED,    //!< not an error TCP acts on, or not in this state
        ICMP_PATH_MTU,   //!< path MTU lowered: MSS lowered, lost segments resent at once
        ICMP_HARD_ERROR, //!< handshake (IcmpAbortsHandshake): aborted with the error
        ICMP_SOFT_ERROR, //!< recorded; reported as the socket error on timeout
    };

    /**
     * \brief TracedCallback signature of the IcmpError trace source.
     * \param type the ICMP (or ICMPv6) type
     * \param code its code
     * \param info the MTU it reports (fragmentation needed, packet too big), else 0
     * \param linuxErrno the errno Linux records (icmp_err_convert,
     *        icmpv6_err_convert; 0 if ignored)
     * \param action what the socket did
     */
    typedef void (*IcmpErrorTracedCallback)(uint8_t type,
                                            uint8_t code,
                                            uint32_t info,
                                            int linuxErrno,
                                            IcmpAction action);

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TFO_NS3_DECLARE_GET_INSTANCE_TYPE_ID

    /**
     * \brief Sockets (this class and its subclasses) come from the module's
     * slab cache, as Linux's tcp_sock from tcp_prot.slab (sk_prot_alloc).
     * \param size the object's size
     * \return a block from TcpSlabCache
     */
    static void* operator new(std::size_t size);

    /**
     * \brief Give a socket's block back to the slab cache (sk_prot_free).
     * \param object the socket's memory
     * \param size the object's size
     */
    static void operator delete(void* object, std::size_t size);

    /**
     * \brief tcp_v4_send_reset / tcp_v6_send_reset's numbering: the reset
     * for a segment, <SEQ=SEG.ACK><CTL=RST> if it has an ACK, else
     * <SEQ=0><ACK=SEG.SEQ+SEG.LEN><CTL=RST,ACK>; ports are left to the sender.
     * \param segment the segment answered
     * \param length its sequence space (payload, SYN and FIN)
     * \return the reset's header
     */
    static TcpHeader ResetFor(const TcpHeader& segment, uint32_t length);

    TcpLinuxSocketBase();

    /**
     * \brief Clone a socket (used by Fork()).
     * \param sock the socket to copy
     */
    TcpLinuxSocketBase(const TcpLinuxSocketBase& sock);

    ~TcpLinuxSocketBase() override;

    int Connect(const Address& address) override;
    int Close() override;
    /**
     * \brief Install the RTT estimator: a TcpLinuxRttEstimator instead of
     * \p rtt when LinuxRttEstimator is set.
     * \param rtt the node's estimator (TcpL4Protocol's RttEstimatorType)
     */
    void SetRtt(Ptr<RttEstimator> rtt) override;

    /// \return listener: requests in the SYN queue (inet_csk_reqsk_queue_len)
    uint32_t GetSynQueueLength() const;
    /// \return listener: children established but not yet accepted (sk_ack_backlog)
    uint32_t GetAcceptQueueLength() const;
    /// \return listener: children forked from it that have not reached CLOSED
    uint32_t GetChildSocketCount() const;
    /// \return listener: sk_max_ack_backlog = min(ListenBacklog, SoMaxConn)
    uint32_t GetMaxAckBacklog() const;

    /**
     * \brief A new socket configured as this one, for a socket factory's
     * prototype (TcpSocketComponentPrototypes::CreateSocket): the copy
     * constructor a listener's fork uses, which copies the configuration and
     * starts every per-connection state afresh.
     * \return the copy, or nullptr if this socket holds an object a new
     *         socket must not share (CanCopyAsNewSocket())
     */
    Ptr<TcpLinuxSocketBase> CopyAsNewSocket();

    /**
     * \brief Share the node-wide objects' holder of the factory that made this
     * socket (its copies and children share it too).
     * \param components the holder for this socket's node
     */
    void SetNodeComponents(Ptr<TcpLinuxNodeComponents> components);

  protected:
    /// Flags that do not change how a segment is handled here.
    static constexpr uint8_t IGNORED_FLAGS =
        TcpHeader::PSH | TcpHeader::URG | TcpHeader::CWR | TcpHeader::ECE;

    /// The fixed part of a TCP header: what most segments are dispatched on.
    struct FixedHeader
    {
        uint8_t flags{0};         //!< the flags without IGNORED_FLAGS
        SequenceNumber32 ack{0};  //!< the acknowledgment number
        uint32_t headerLength{0}; //!< the data offset in bytes (options included)
    };

    /// The options a SYN or SYN-ACK carries, in Linux's order.
    struct SynOptions
    {
        std::optional<uint16_t> mss;                           //!< MSS option
        std::optional<std::pair<uint32_t, uint32_t>> tsValEcr; //!< timestamps (TSval, TSecr)
        std::optional<uint8_t> windowScale;                    //!< window scale option
        bool sackPermitted{false};                             //!< SACK-permitted option
    };

    void DoDispose() override;
    Ptr<TcpSocketBase> Fork() override;
    void CompleteFork(Ptr<Packet> p,
                      const TcpHeader& tcpHeader,
                      const Address& fromAddress,
                      const Address& toAddress) override;
    void DoForwardUp(Ptr<Packet> packet,
                     const Address& fromAddress,
                     const Address& toAddress) override;
    void SendEmptyPacket(uint8_t flags) override;
    /**
     * \brief The retransmission timer expired: a lone unacknowledged FIN is
     * retransmitted as data is (RetransmitFin); the rest as TcpSocketBase does.
     */
    void ReTxTimeout() override;
    /**
     * \brief tcp_ack_update_rtt: give a TcpLinuxRttEstimator SND.UNA, SND.NXT
     * and rto_min, then take the sample as TcpSocketBase does.
     * \param tcpHeader the acknowledgment
     */
    void EstimateRtt(const TcpHeader& tcpHeader) override;
    /**
     * \brief Data arrived: with QuickAcks, acknowledge it at once in quick-ack
     * mode (__tcp_ack_snd_check), else as TcpSocketBase does.
     * \param packet the data
     * \param tcpHeader its header
     */
    void ReceivedData(Ptr<Packet> packet, const TcpHeader& tcpHeader) override;
    /**
     * \brief Send a data segment (TcpSocketBase) and note it for ping-pong
     * mode (tcp_event_data_sent).
     * \param seq its first sequence number
     * \param maxSize its largest size
     * \param withAck with the ACK flag
     * \return the bytes sent
     */
    uint32_t SendDataPacket(SequenceNumber32 seq, uint32_t maxSize, bool withAck) override;
    /// The delayed-ACK timer fired: leave ping-pong mode, then send the ACK.
    void DelAckTimeout() override;

    /// The errno an ICMP error carries and whether it reports a path MTU.
    struct IcmpError
    {
        int linuxErrno{0};    //!< Linux's errno (0: TCP ignores the message)
        bool pathMtu{false};  //!< fragmentation needed / packet too big
        uint32_t mtu{0};      //!< the MTU it reports
        uint32_t ipHeader{0}; //!< bytes of the IP header of the family
    };

    // ---- hooks for derived classes ----
    /// \return a copy of this socket of the most derived class (CopyObject)
    virtual Ptr<TcpLinuxSocketBase> CopySocket();
    /**
     * \return whether a copy of this (never connected) socket equals a new
     * socket with the same attributes: false if the copy would share an
     * object each new socket gets its own of
     */
    virtual bool CanCopyAsNewSocket() const;
    /**
     * \brief Whether the first SYN waits (TCP_FASTOPEN_CONNECT defers it to
     * the first write).
     * \return true if the SYN is not sent now (the base: false)
     */
    virtual bool DeferSyn();
    /// The SYN timed out and is about to be retransmitted (tcp_write_timeout).
    virtual void SynTimedOut();
    /**
     * \brief Build and transmit one SYN or SYN-ACK, without retry accounting
     * or timer.
     * \param flags SYN or SYN|ACK, possibly with ECE|CWR
     * \param firstTransmission true for the first transmission
     */
    virtual void TransmitHandshake(uint8_t flags, bool firstTransmission);
    /**
     * \brief Read a SYN-ACK in SYN_SENT before TcpSocketBase completes the
     * handshake (the peer's MSS; a derived class adds its own options).
     * \param tcpHeader the SYN-ACK's header
     */
    virtual void ProcessSynAck(const TcpHeader& tcpHeader);
    /**
     * \brief The data a SYN-ACK carries, if this socket keeps it.
     * \param packet the SYN-ACK (with its header)
     * \param tcpHeader its header
     * \return the data, or nullptr (the base keeps none)
     */
    virtual Ptr<Packet> TakeSynAckData(Ptr<const Packet> packet, const TcpHeader& tcpHeader) const;
    /**
     * \brief Child: the SYN was read and the ISN chosen; the SYN-ACK is not
     * built yet (a derived class decides what it carries).
     * \param p the SYN's data
     * \param tcpHeader the SYN's header
     * \param fromAddress the client
     * \param toAddress the address the SYN was sent to
     */
    virtual void ReceivedSyn(Ptr<Packet> p,
                             const TcpHeader& tcpHeader,
                             const Address& fromAddress,
                             const Address& toAddress);
    /**
     * \brief Child: the first SYN-ACK left.
     * \param p the SYN's data
     * \param fromAddress the client
     */
    virtual void SentFirstSynAck(Ptr<Packet> p, const Address& fromAddress);
    /// \return SYN-ACK transmissions allowed (child: tcp_synack_retries + 1; simultaneous open:
    /// ConnCount)
    virtual uint32_t GetSynAckAttempts() const;
    /**
     * \brief Child in SYN_RCVD (or FIN_WAIT_1, for a Fast Open child still
     * holding its request): handle a segment before TcpSocketBase does (the
     * base, SYN_RCVD only: a RST to the request, ProcessRequestReset, and
     * tcp_v4_syn_recv_sock's accept-queue overflow).
     * \param packet the segment (with its header)
     * \param flags its flags without PSH, URG, CWR and ECE
     * \param fromAddress the client
     * \param toAddress the server address
     * \return true if the segment was consumed
     */
    virtual bool ProcessSynRcvd(Ptr<Packet> packet,
                                uint8_t flags,
                                const Address& fromAddress,
                                const Address& toAddress);
    /// \return SND.NXT after the SYN (ISN + 1, past any data the SYN carried)
    virtual SequenceNumber32 GetSynSentSndNxt() const;
    /// \return true if the application already holds this socket as connected
    virtual bool IsAnnounced() const;
    /**
     * \brief SYN_SENT: a SYN-ACK whose ACK is not acceptable was answered with
     * a RST (the base: nothing more).
     * \param tcpHeader the SYN-ACK's header
     */
    virtual void RejectedSynAck(const TcpHeader& tcpHeader);
    /**
     * \brief A RST in the receive window but not at RCV.NXT, about to be
     * answered with a challenge ACK (the base: nothing more).
     */
    virtual void OutOfOrderReset();
    /**
     * \return child: true while it is a Fast Open request (Linux's
     *         tp->fastopen_rsk, until the handshake completes; the base: false)
     */
    virtual bool IsFastOpenRequest() const;
    /**
     * \brief Every state change of this socket (the base: nothing); runs
     * before ChildStateChanged.
     * \param oldState previous state
     * \param newState new state
     */
    virtual void StateChanged(TcpStates_t oldState, TcpStates_t newState);
    /**
     * \brief Child: called on every state change; keeps the listener's queues.
     * \param oldState previous state
     * \param newState new state
     */
    virtual void ChildStateChanged(TcpStates_t oldState, TcpStates_t newState);

    // ---- services for derived classes ----
    /**
     * \brief A per-node component the helper aggregates (created on first use).
     * \tparam T the component's class
     * \return the node's instance
     */
    template <typename T>
    Ptr<T> GetNodeComponent();
    /// \return the node's counters (created on first use)
    Ptr<TcpFastOpenCounters> GetCounters();
    /// \return the local and peer IP addresses of this connection
    std::pair<Address, Address> GetAddressPair() const;
    /// \return the MSS the path allows: outgoing device MTU minus IP and TCP headers
    uint16_t GetPathMss() const;
    /**
     * \brief The MSS a local address's interface allows (dst_metric_advmss).
     * \param local an Ipv4Address or Ipv6Address of this node
     * \return its MTU minus the IP and TCP headers (536 if not found)
     */
    uint16_t GetPathMss(const Address& local) const;
    /**
     * \brief Honour the peer's MSS option (segment size = min(own, peer's minus
     * the timestamp option)).
     * \param tcpHeader a received SYN or SYN-ACK
     * \return the peer's MSS (0 if none)
     */
    uint16_t ProcessOptionMss(const TcpHeader& tcpHeader);
    /**
     * \brief Bound the segment size by the peer's MSS (minus the timestamp
     * option when timestamps are on); at the handshake with LinuxMss, set it
     * as Linux does from the peer's MSS and the path MTU.
     * \param peerMss the peer's MSS (or, for an ICMP error, the path's)
     * \param timestamps true if segments carry the timestamp option
     * \param handshake true for the MSS of a SYN or SYN-ACK
     */
    void ApplyPeerMss(uint16_t peerMss, bool timestamps, bool handshake = false);
    /**
     * \brief Append a SYN's options to a header.
     * \param header the header
     * \param options what to append
     */
    static void AppendSynOptions(TcpHeader& header, const SynOptions& options);
    /**
     * \brief The SYN or SYN-ACK header of this connection, with Linux's SYN
     * options (MSS, timestamps, window scale, SACK-permitted).
     * \param flags SYN or SYN|ACK, possibly with ECE/CWR
     * \return the header
     */
    TcpHeader MakeSynHeader(uint8_t flags);
    /**
     * \brief Send a SYN or SYN-ACK built by MakeSynHeader.
     * \param p the payload (SYN data, or empty)
     * \param header the header
     * \param retransmission true for a retransmission (RTT history)
     */
    void SendSynSegment(Ptr<Packet> p, TcpHeader& header, bool retransmission);
    /**
     * \brief The retry/back-off rule shared by SYN and SYN-ACK transmissions:
     * the RTO doubles with every transmission made; none is allowed once
     * \p made reaches \p maxAttempts (read at each timeout, as Linux reads
     * TCP_SYNCNT, so that lowering it gives up at the next timeout).
     * \param maxAttempts total transmissions allowed
     * \param made transmissions already made
     * \return false if the attempts are used up
     */
    bool ConsumeSynAttempt(uint32_t maxAttempts, uint32_t made);
    /**
     * \brief __inet_stream_connect: refuse a Connect() on a socket that is
     * connecting (EALREADY; EISCONN once a deferred connect was reported) or
     * connected (EISCONN), setting m_errno.
     * \return true if the Connect() must fail
     */
    bool RefuseConnect();
    /// \return data segments received (tcpi_data_segs_in), out of order ones included
    uint32_t GetDataSegmentsIn() const;
    /// Give up a connection whose SYN or SYN-ACK was never answered.
    void GiveUpHandshake();
    /**
     * \brief Close after a reset or a handshake that failed: an error close
     * if the application holds the socket as connected, else a failed connect.
     */
    void CloseWithError();
    /// \return true in the states where a received SYN is answered with a challenge ACK
    bool IsSynchronizedState() const;
    /// Send the FIN a Close() in SYN_SENT deferred, once the handshake acked all data.
    void CloseIfSynDataWasAll();
    /**
     * \brief Choose this connection's ISN (random with RandomIsn, else
     * TcpSocketBase's) and start the send sequence space there.
     */
    void ChooseIsn();
    /// \return child: the listener that forked it (nullptr otherwise)
    Ptr<TcpLinuxSocketBase> GetListener() const;
    /// Child: leave the listener's SYN queue (inet_csk_reqsk_queue_removed).
    void LeaveSynQueue();
    /**
     * \param seq a segment's sequence number (no data)
     * \return child: true if it is within the request's window (tcp_check_req:
     * tcp_in_window from rcv_nxt past any SYN data, as wide as the SYN-ACK
     * offered, tcp_synack_window)
     */
    bool InRequestWindow(SequenceNumber32 seq) const;
    /// \return child: true if it waits in the listener's accept queue, not yet accepted
    bool WaitsInAcceptQueue() const;
    /**
     * \brief tcp_v4_send_reset / tcp_v6_send_reset from a connection for an
     * ACK-bearing segment it refuses: <SEQ=SEG.ACK><CTL=RST>.
     * \param segment the refused segment's header
     */
    void SendResetForAck(const TcpHeader& segment);
    /**
     * \brief Child in the SYN queue, its SYN-ACK timer fired (reqsk_timer_handler):
     * does the request live on? It expires when its timeouts reach the
     * retries TcpListenQueues::PruneSynAckRetries allows now; otherwise its
     * first timeout makes it old.
     * \param made SYN-ACKs sent so far (timeouts so far + 1)
     * \return false if the request expires
     */
    bool SynQueueRequestTimeout(uint32_t made);
    /**
     * \brief Child: join the listener's accept queue, or, without AcceptRate,
     * go to the application at once.
     * \param from the client
     * \param dataReceived true if the application should be told of data
     */
    void JoinAcceptQueue(const Address& from, bool dataReceived);
    /// \return listener: true if established children wait for AcceptRate
    bool DefersAccept() const;
    /**
     * \brief Take the endpoint's ICMP errors (TcpSocketBase::ForwardIcmp only
     * passes them to the IcmpCallback attribute, which keeps getting them).
     */
    void InstallIcmpHandler();
    /**
     * \brief tcp_write_err: a connection that timed out reports the soft
     * error an ICMP message left (sk_err_soft), if any, as its error.
     */
    void ReportSoftError();

    uint32_t m_synAckRetries{5};    //!< tcp_synack_retries
    uint32_t m_listenBacklog{4096}; //!< listen() backlog
    uint32_t m_soMaxConn{4096};     //!< net.core.somaxconn
    SequenceNumber32 m_isn{0};      //!< our initial sequence number
    SequenceNumber32 m_peerIsn{0};  //!< the peer's ISN

  private:
    /**
     * \brief The one sink of m_state, connected by both constructors (a
     * TracedValue's copy has no sinks): StateChanged, then ChildStateChanged.
     * \param oldState previous state
     * \param newState new state
     */
    void NotifyStateChange(TcpStates_t oldState, TcpStates_t newState);
    /**
     * \brief tcp_time_wait: give the connection in TIME_WAIT to a
     * TcpLinuxTimeWait (its endpoint, the remaining time and the few values
     * it needs), leave the node's socket list and go to CLOSED (tcp_done).
     * An orphan (Close() called) goes in FIN_WAIT_2 already, as
     * tcp_rcv_state_process's TCP_FIN_WAIT1 case hands it over with
     * tcp_fin_time (FinTimeout, at least 3.5 RTO); not with data buffered.
     * With the node's MaxBuckets reached, close without TIME_WAIT instead.
     */
    void HandOffTimeWait();
    /**
     * \brief Read the fixed 20 bytes of a segment's TCP header: the one
     * place that reads raw header bytes. Most segments need no decision
     * before TcpSocketBase's, which parses the whole header again (ns-3
     * creates an object per option), so the options are read only where a
     * branch needs them. Kept from the socket before the split; its gain
     * alone was not measured again here (bench/ measures the whole path).
     * \param packet the segment, header first
     * \return its flags, ACK number and header length
     */
    static FixedHeader PeekFixedHeader(Ptr<const Packet> packet);
    /**
     * \brief inet_csk_listen_stop: a listener being closed forgets the
     * children still in its accept queue and accepts no more.
     */
    void ListenStop();
    /**
     * \brief inet_child_forget -> tcp_disconnect: a child that no application
     * will accept is reset if its state needs it (tcp_need_reset: SYN_RCVD,
     * ESTABLISHED, CLOSE_WAIT, FIN_WAIT_1, FIN_WAIT_2; a RST|ACK as
     * tcp_send_active_reset) and destroyed, without telling any application.
     */
    void ForgetChild();
    /**
     * \brief tcp_check_req for a RST to a request in the SYN queue: inside
     * the request's window, embryonic_reset drops the request without an
     * answer (RFC 793: a RST is never answered); outside, the RST is dropped
     * (RFC 5961). (A Fast Open child: TcpFastOpenSocket.)
     * \param seq the RST's sequence number
     */
    void ProcessRequestReset(SequenceNumber32 seq);
    /**
     * \brief Hand a child from the accept queue to the application, then
     * tell it of the data and of a FIN, reset or error that ended it while it
     * waited (inet_csk_accept returns such a child).
     * \param child the child
     * \param from the client
     */
    void DeliverChild(Ptr<TcpLinuxSocketBase> child, const Address& from);
    /**
     * \brief Build and send a SYN or SYN-ACK (first transmission or
     * retransmission), with the retry and back-off rule of both.
     * \param flags SYN or SYN|ACK, possibly with ECE|CWR
     */
    void SendHandshake(uint8_t flags);
    /**
     * \brief Take the peer's ISN and SYN timestamp as the state the timestamp
     * option needs (TS.Recent), whatever the ISNs are.
     * \param synHeader the peer's SYN or SYN-ACK
     */
    void SynchronizeWithPeerIsn(const TcpHeader& synHeader);
    /**
     * \brief A SYN-ACK in SYN_SENT: let TcpSocketBase complete the handshake
     * (tcp_rcv_synsent_state_process), keeping the data it carries.
     * \param packet the SYN-ACK (with its header)
     * \param tcpHeader its header
     * \param fromAddress the peer
     * \param toAddress the local address
     */
    void ProcessSynAckInSynSent(Ptr<Packet> packet,
                                const TcpHeader& tcpHeader,
                                const Address& fromAddress,
                                const Address& toAddress);
    /**
     * \brief A SYN without ACK in SYN_SENT (crossed SYNs,
     * tcp_rcv_synsent_state_process): SYN_RCVD and a SYN-ACK at our ISN,
     * without data; the SYN's data is discarded.
     * \param tcpHeader the SYN's header
     * \param fromAddress the peer
     * \param toAddress the local address
     */
    void ProcessSynInSynSent(const TcpHeader& tcpHeader,
                             const Address& fromAddress,
                             const Address& toAddress);
    /**
     * \brief A segment in SYN_RCVD on a socket that connect() opened
     * (simultaneous open): tcp_validate_incoming and tcp_rcv_state_process.
     * \param tcpHeader its header
     * \param payload its data bytes
     */
    void ProcessSimultaneousSynRcvd(const TcpHeader& tcpHeader, uint32_t payload);
    /**
     * \brief tcp_validate_incoming: the one SYN accepted in SYN_RCVD, a
     * SYN-ACK without data or FIN at RCV.NXT - 1 that acknowledges SND.NXT.
     * \param tcpHeader the segment's header (SYN set)
     * \param payload its data bytes
     * \return true if it completes the handshake
     */
    bool AcceptableSynAckInSynRcvd(const TcpHeader& tcpHeader, uint32_t payload) const;
    /// A challenge ACK in SYN_RCVD, at Linux's SND.NXT (past the SYN data).
    void SendSynRcvdChallengeAck();
    /**
     * \brief Simultaneous open: an acceptable ACK in SYN_RCVD completes the
     * handshake; SYN data it does not acknowledge stays in flight.
     * \param tcpHeader the acknowledging segment's header
     */
    void EnterEstablishedFromSimultaneousOpen(const TcpHeader& tcpHeader);
    /**
     * \brief Queue SYN-ACK data for the application once the handshake is done
     * (tcp_fastopen_add_skb); the handshake ACK, saved until then,
     * acknowledges it (PeerClose's ACK when a FIN came with it).
     * \param data the data
     * \param synAckHeader the SYN-ACK's header
     */
    void QueueSynAckData(Ptr<Packet> data, const TcpHeader& synAckHeader);
    /**
     * \brief A RST in a synchronized state (RFC 5961 section 3.2).
     * \param tcpHeader its header
     */
    void ProcessResetInSynchronizedState(const TcpHeader& tcpHeader);
    /**
     * \brief New data for a socket whose receiving side is shut down (an
     * orphan, or ShutdownRecv): tcp_rcv_state_process's step 7 ("RFC 1122
     * says we MUST send a reset") and, for an orphan whose FIN the segment
     * acknowledges, its TCP_FIN_WAIT1 case. In FIN_WAIT_1 or FIN_WAIT_2 (in
     * CLOSE_WAIT, CLOSING and LAST_ACK only a segment starting before
     * RCV.NXT), an acceptable segment with data past RCV.NXT is answered with
     * a RST and ends the connection (TCPAbortOnData).
     * \param tcpHeader the segment's header
     * \param payload its payload in bytes
     * \return true if the connection was reset
     */
    bool AbortOnData(const TcpHeader& tcpHeader, uint32_t payload);
    /**
     * \brief A segment in FIN_WAIT_1 that acknowledges our FIN and carries
     * data: the socket goes to FIN_WAIT_2 before the data is taken, as
     * tcp_rcv_state_process processes the ACK (step 5, its TCP_FIN_WAIT1
     * case) before the text (step 7), so that the data's ACK carries SND.NXT.
     * (TcpSocketBase takes the data first and acknowledges it from
     * FIN_WAIT_1, with a sequence number one past SND.NXT.)
     * \param fixed the segment's fixed header fields
     * \param payload its payload in bytes
     */
    void AckFinBeforeData(const FixedHeader& fixed, uint32_t payload);
    /**
     * \brief A RST in SYN_SENT: refuses the connection if its ACK is acceptable.
     * \param tcpHeader its header
     */
    void ProcessResetInSynSent(const TcpHeader& tcpHeader);
    /**
     * \brief Keep the data of a segment whose ACK is older than SND.UNA.
     * \param packet the segment, header included (its ACK is rewritten to SND.UNA)
     */
    void IgnoreOldAck(Ptr<Packet> packet);
    /// Answer a SYN received in a synchronized state with an ACK (RFC 5961 4.2).
    void SendChallengeAck();
    /**
     * \brief tcp_rcv_synsent_state_process: a SYN-ACK whose ACK is not in
     * (ISN, SND.NXT] is answered with <SEQ=SEG.ACK><CTL=RST>; the socket
     * stays in SYN_SENT and, if the SYN was not retransmitted yet, retransmits
     * it after TCP_TIMEOUT_MIN.
     * \param tcpHeader the SYN-ACK's header
     * \param fromAddress the peer
     * \param toAddress this socket's address
     * \return true if the SYN-ACK was rejected
     */
    bool RejectUnacceptableSynAck(const TcpHeader& tcpHeader,
                                  const Address& fromAddress,
                                  const Address& toAddress);
    /**
     * \brief Send a FIN (TcpSocketBase::SendEmptyPacket) and, if that armed
     * the retransmission timer, let the timer expire into ReTxTimeout rather
     * than into another FIN at the same RTO.
     * \param flags FIN, possibly with ACK
     */
    void SendFin(uint8_t flags);
    /**
     * \brief tcp_retransmit_timer for a lone FIN: give up after DataRetries
     * retransmissions (tcp_write_timeout, as TcpSocketBase does for data),
     * else resend it and double the RTO (icsk_backoff, up to TCP_RTO_MAX).
     */
    void RetransmitFin();
    /**
     * \brief An ICMP error for this connection (the endpoint's callback).
     * \param source the ICMP sender
     * \param ttl the TTL of the quoted header
     * \param type the ICMP type
     * \param code the ICMP code
     * \param info the next-hop MTU (fragmentation needed), else 0
     */
    void ReceiveIcmp(Ipv4Address source, uint8_t ttl, uint8_t type, uint8_t code, uint32_t info);
    /**
     * \brief An ICMPv6 error for this connection (the endpoint's callback).
     * \param source the ICMPv6 sender
     * \param ttl the hop limit of the quoted header
     * \param type the ICMPv6 type
     * \param code the ICMPv6 code
     * \param info the MTU (packet too big), else the code
     */
    void ReceiveIcmp6(Ipv6Address source, uint8_t ttl, uint8_t type, uint8_t code, uint32_t info);
    /**
     * \brief tcp_v4_err's type switch and icmp_err_convert.
     * \param type the ICMP type
     * \param code the ICMP code
     * \param info the next-hop MTU
     * \return the error (linuxErrno 0: ignored)
     */
    static IcmpError ConvertIcmp(uint8_t type, uint8_t code, uint32_t info);
    /**
     * \brief tcp_v6_err's type switch and icmpv6_err_convert.
     * \param type the ICMPv6 type
     * \param code the ICMPv6 code
     * \param info the MTU (packet too big)
     * \return the error (linuxErrno 0: ignored)
     */
    static IcmpError ConvertIcmp6(uint8_t type, uint8_t code, uint32_t info);
    /**
     * \brief tcp_v4_err / tcp_v6_err after the conversion: a path MTU goes to
     * PathMtuReduced; any other error aborts a handshake as
     * IcmpAbortsHandshake says (hard), is ignored by a child that is not a
     * Fast Open one in SYN_RCVD (a request sock), and is recorded in the
     * other states (soft, reported on timeout).
     * \param error the converted error
     * \return what was done
     */
    IcmpAction ProcessIcmpError(const IcmpError& error);
    /**
     * \brief tcp_v4_err / tcp_v6_err: whether an ICMP error ends the
     * connection (tcp_done) - in SYN_SENT, in SYN_RCVD after a simultaneous
     * open, and for a Fast Open child not yet accepted.
     * \return true if it does
     */
    bool IcmpAbortsHandshake() const;
    /**
     * \brief tcp_v4_mtu_reduced / tcp_v6_mtu_reduced: a path MTU below the
     * one in use lowers the MSS (tcp_sync_mss) and resends at once
     * (tcp_simple_retransmit). IPv4 raises an MTU below 552 to 552
     * (ip_rt_min_pmtu); IPv6 ignores one below 1280.
     * \param error a fragmentation-needed or packet-too-big error
     * \return false if the MTU was not lower (nothing done)
     */
    bool PathMtuReduced(const IcmpError& error);
    /**
     * \brief tcp_simple_retransmit: in SYN_SENT, a plain SYN now (with the
     * lower MSS option); later, every segment in flight is marked lost and
     * resent now, the congestion window left as it was (TCP_CA_Loss, ssthresh
     * tcp_current_ssthresh).
     */
    void SimpleRetransmit();
    /// \return the flags of this connection's SYN (ECE|CWR with ECN)
    uint8_t SynFlags() const;
    /**
     * \brief The ACK of the peer's FIN (TcpSocketBase::DoPeerClose sends it
     * right after the application's Close() has sent FIN|ACK): none if a
     * segment already acknowledged the FIN; with QuickAcks, delayed as
     * tcp_fin's ping-pong mode delays it; else at once.
     */
    void AcknowledgePeerFin();
    /// \return the receive window offered now, in bytes (rcv_wnd)
    uint32_t GetReceiveWindow() const;
    /**
     * \param maxQuickAcks the QuickAcks attribute (TCP_MAX_QUICKACKS)
     */
    void SetMaxQuickAcks(uint32_t maxQuickAcks);
    /// \return the QuickAcks attribute
    uint32_t GetMaxQuickAcks() const;

    /// \return the listener's limits for TcpListenQueues
    TcpListenQueues::Limits GetListenLimits() const;
    /// \return the listener's settings for TcpSynCookieResponder
    TcpSynCookieResponder::ListenerOptions GetCookieOptions() const;
    /**
     * \brief Answer a SYN with a SYN cookie (TcpSynCookieResponder::Answer).
     * \param syn the SYN's header
     * \param from the client
     * \param to the address the SYN was sent to
     */
    void SendCookieSynAck(const TcpHeader& syn, const Address& from, const Address& to);
    /**
     * \brief tcp_rcv_state_process(TCP_LISTEN) "if (th->ack) return 1" and
     * tcp_v4_send_reset: an ACK-bearing segment at a listener that is not a
     * valid SYN-cookie ACK is answered with <SEQ=SEG.ACK><CTL=RST> (ns-3's
     * listener ignores it).
     * \param segment the segment's header
     * \param from the peer
     * \param to the address it was sent to
     */
    void SendListenerReset(const TcpHeader& segment, const Address& from, const Address& to);
    /**
     * \brief Send <SEQ=SEG.ACK><CTL=RST> without touching the connection.
     * \param segment the segment answered
     * \param local our address
     * \param remote the peer's address
     * \param localPort our port
     * \param remotePort the peer's port
     */
    void SendBareReset(const TcpHeader& segment,
                       const Address& local,
                       const Address& remote,
                       uint16_t localPort,
                       uint16_t remotePort);
    /**
     * \brief An ACK at the listener: a valid SYN-cookie ACK creates the
     * child (TcpSynCookieResponder::Check), anything else is reset.
     * \param packet the segment (with its TCP header)
     * \param from the client
     * \param to the server address
     */
    void ProcessListenAck(Ptr<Packet> packet, const Address& from, const Address& to);
    /**
     * \brief Child of a SYN cookie (tcp_get_cookie_sock,
     * tcp_create_openreq_child): set up as if its SYN-ACK (ISN = cookie) had
     * been sent, then process the ACK.
     * \param packet the ACK (with its TCP header)
     * \param tcpHeader its header
     * \param from the client
     * \param to the server address
     * \param cookie the MSS and options the cookie restores
     */
    void CompleteCookieFork(Ptr<Packet> packet,
                            const TcpHeader& tcpHeader,
                            const Address& from,
                            const Address& to,
                            const TcpSynCookieResponder::Child& cookie);
    /**
     * \brief Child: bind to the connection's 4-tuple.
     * \param from the client
     * \param to the server address
     * \return false if the 4-tuple is in use
     */
    bool AllocateChildEndPoint(const Address& from, const Address& to);
    /**
     * \brief Listener: let TcpSocketBase fork a child for a SYN, keeping the
     * listener's own window scaling, SACK and timestamp settings.
     * \param packet the SYN (with its TCP header)
     * \param fromAddress the client
     * \param toAddress the address the SYN was sent to
     */
    void ForwardSynToListener(Ptr<Packet> packet,
                              const Address& fromAddress,
                              const Address& toAddress);
    /// \return listener: a new child, counted as alive, state changes watched
    Ptr<TcpLinuxSocketBase> CreateChild();
    /**
     * \brief The ISN generator, created at the first use rather than per
     * socket: a socket that never draws costs no random stream, and a
     * listener's children share the listener's (copied at the fork).
     * \return the generator
     */
    Ptr<UniformRandomVariable> GetIsnRng();

    // ---- attributes ----
    uint32_t m_synCookies{1};                   //!< net.ipv4.tcp_syncookies (0, 1, 2)
    uint32_t m_maxSynBacklog{4096};             //!< net.ipv4.tcp_max_syn_backlog
    double m_acceptRate{0};                     //!< accept() calls per second (0: immediate)
    bool m_sendMss{true};                       //!< send the MSS option on SYN / SYN-ACK
    bool m_randomIsn{false};                    //!< draw the ISN at random
    Ptr<UniformRandomVariable> m_isnRng;        //!< ISN source, created at the first draw
    bool m_useLinuxRtt{false};                  //!< install a TcpLinuxRttEstimator
    bool m_linuxMss{false};                     //!< segment size as tcp_sync_mss at the handshake
    bool m_timeWaitSocket{true};                //!< TIME_WAIT in a TcpLinuxTimeWait
    Time m_invalidRateLimit{MilliSeconds(500)}; //!< net.ipv4.tcp_invalid_ratelimit
    Time m_finTimeout{Seconds(60)};             //!< net.ipv4.tcp_fin_timeout
    bool m_orphaned{false};                     //!< Close() called (SOCK_DEAD); not copied
    std::optional<SequenceNumber32> m_forkIsn;  //!< listener/child: a TIME_WAIT's tcp_tw_isn

    // ---- connection state ----
    bool m_saveHandshakeAck{false}; //!< skip the handshake ACK: data carries it
    uint32_t m_synsSent{0};         //!< SYN transmissions of this Connect()
    uint32_t m_dataSegsIn{0};       //!< tcpi_data_segs_in: data segments received
    uint32_t m_pathMtu{0};          //!< path MTU an ICMP error reported (0: the interface's)
    SocketErrno m_softError{ERROR_NOTERROR}; //!< sk_err_soft: an ICMP error's, for a timeout

    /// IcmpError trace source: every ICMP error the connection received.
    TracedCallback<uint8_t, uint8_t, uint32_t, int, IcmpAction> m_icmpErrorTrace;
    bool m_takingFin{false};              //!< a segment with FIN is being processed
    TcpLinuxQuickAck m_quickAck;          //!< quick-ack and ping-pong modes
    Ptr<TcpLinuxRttEstimator> m_linuxRtt; //!< m_rtt, if it is Linux's estimator

    /// the node-wide objects (counters, cookie generator, ...), shared with
    /// the factory's other sockets (a socket made without a factory has its own)
    Ptr<TcpLinuxNodeComponents> m_nodeComponents{Create<TcpLinuxNodeComponents>()};

    // ---- listener and child state ----
    Ptr<TcpLinuxSocketBase> m_listener;    //!< child: the listener that forked it
    TcpListenQueues m_listenQueues;        //!< listener: SYN and accept queues
    TcpSynCookieResponder m_cookieReplies; //!< listener: SYN cookies
    bool m_inSynQueue{false};              //!< child: counted in the SYN queue
    bool m_synQueueYoung{false};           //!< child: in the SYN queue, no timeout yet
    bool m_acceptQueued{false};            //!< child: joined the accept queue
    SequenceNumber32 m_requestRcvNxt{0};   //!< child: the request's rcv_nxt (past the SYN data)
    uint16_t m_requestWindow{0};           //!< child: the window its SYN-ACK offered
    bool m_countedAlive{false};            //!< child: counted among the children
};

template <typename T>
Ptr<T>
TcpLinuxSocketBase::GetNodeComponent()
{
    // TcpFastOpenHelper::Install aggregates them; a socket created without the
    // helper gets defaults on first use.
    NS_ABORT_MSG_UNLESS(m_node, "TcpLinuxSocketBase has no node");
    return m_nodeComponents->Get<T>(*m_node);
}

} // namespace ns3

#endif /* TCP_LINUX_SOCKET_BASE_H */
