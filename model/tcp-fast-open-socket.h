/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_FAST_OPEN_SOCKET_H
#define TCP_FAST_OPEN_SOCKET_H

#include "tcp-fast-open-cookie.h"
#include "tcp-fast-open-ns3-compat.h"
#include "tcp-option-fast-open.h"
#include "tcp-syn-cookie.h"

#include "ns3/random-variable-stream.h"
#include "ns3/tcp-socket-base.h"
#include "ns3/traced-callback.h"
#include "ns3/traced-value.h"

#include <list>
#include <optional>

namespace ns3
{

class TcpFastOpenBlackholeDetector;
class TcpFastOpenCookieCache;
class TcpFastOpenCookieGenerator;
class TcpFastOpenCounters;

/**
 * \ingroup tcp-fast-open
 *
 * \brief A TcpSocketBase that speaks TCP Fast Open (RFC 7413) the way Linux does.
 *
 * Client side (net/ipv4/tcp_output.c tcp_send_syn_data, tcp_input.c
 * tcp_rcv_fastopen_synack):
 *  - Fast Open is used only through one of Linux's two APIs: SendTo() with
 *    MSG_FASTOPEN (connect and send in one call) or the "FastOpenConnect"
 *    attribute (TCP_FASTOPEN_CONNECT: Connect() succeeds at once when a cookie
 *    is cached and the SYN leaves with the first Send()). A plain Connect()
 *    sends no Fast Open option.
 *  - With a cached cookie the SYN carries the cookie and as much data as fits:
 *    the cached server MSS (bounded by the path MSS) minus 40 bytes. Without one
 *    it carries a cookie request and the data follows the handshake.
 *  - Retransmitted SYNs carry neither data nor the option.
 *  - A SYN-ACK that acknowledges all the data counts TCPFastOpenActive; one that
 *    acknowledges part or none counts TCPFastOpenActiveFail and the rest is sent
 *    at once; one that acknowledges more than was sent is answered with RST.
 *
 * Server side (net/ipv4/tcp_fastopen.c tcp_try_fastopen):
 *  - A SYN with a valid cookie (primary or backup key) creates the child at
 *    once: the SYN data reaches the application before the handshake completes,
 *    the SYN-ACK acknowledges it, and the child may send in SYN_RCVD.
 *  - A cookie request or an invalid cookie is answered with a fresh cookie in
 *    the SYN-ACK; the data of an invalid-cookie SYN is dropped.
 *  - At most max_qlen children may be pending in SYN_RCVD; a child reset by the
 *    client keeps its slot for 60 s.
 *
 * Counters go to the node's TcpFastOpenCounters, cookies come from the node's
 * (or this listener's) TcpFastOpenCookieGenerator, and the client's cookies are
 * kept in the node's TcpFastOpenCookieCache; missing node components are
 * created on first use. TcpFastOpenHelper installs and configures them.
 */
class TcpFastOpenSocket : public TcpSocketBase
{
  public:
    /// Linux's MSG_FASTOPEN flag for SendTo(): connect and send in the SYN.
    static constexpr uint32_t MSG_FASTOPEN = 0x20000000;

    /// Bits of the "Mode" attribute: Linux's net.ipv4.tcp_fastopen sysctl.
    enum ModeBits : uint32_t
    {
        CLIENT_ENABLE = 0x1,            //!< TFO_CLIENT_ENABLE: client may send SYN data
        SERVER_ENABLE = 0x2,            //!< TFO_SERVER_ENABLE: server accepts SYN data
        CLIENT_NO_COOKIE = 0x4,         //!< TFO_CLIENT_NO_COOKIE: SYN data without cookie
        SERVER_COOKIE_NOT_REQD = 0x200, //!< TFO_SERVER_COOKIE_NOT_REQD
        SERVER_WO_SOCKOPT = 0x400,      //!< TFO_SERVER_WO_SOCKOPT1: TFO on every listener
        MODE_ALL_BITS = 0x607           //!< every bit the model knows
    };

    /**
     * Why the client's Fast Open did not succeed
     * (tcp_info.tcpi_fastopen_client_fail, enum tfo_client_fail).
     */
    enum ClientFailReason : uint8_t
    {
        TFO_STATUS_UNSPEC = 0,      //!< no failure recorded
        TFO_COOKIE_UNAVAILABLE = 1, //!< no cookie cached: a cookie request was sent
        TFO_DATA_NOT_ACKED = 2,     //!< the SYN-ACK did not acknowledge (all) SYN data
        TFO_SYN_RETRANSMITTED = 3   //!< SYN-data timed out and was retransmitted as a plain SYN
    };

    /// Every Fast Open event the "FastOpen" trace source reports.
    enum Event : uint8_t
    {
        COOKIE_REQUESTED,         //!< client: SYN carried a cookie request
        COOKIE_RECEIVED,          //!< client: SYN-ACK carried a cookie (cached)
        SYN_DATA_SENT,            //!< client: SYN carried data (bytes = amount)
        SYN_DATA_ACKED,           //!< client: SYN-ACK acknowledged all SYN data
        SYN_DATA_PARTIALLY_ACKED, //!< client: SYN-ACK acknowledged part of it
        SYN_DATA_NOT_ACKED,       //!< client: SYN-ACK acknowledged the ISN only
        SYN_ACK_OVER_ACKED,       //!< client: SYN-ACK acknowledged unsent data: RST
        COOKIE_REQUEST_RECEIVED,  //!< server: SYN carried a cookie request
        COOKIE_SENT,              //!< server: SYN-ACK carries a cookie
        PASSIVE_ACCEPTED,         //!< server: TFO child created (bytes = SYN data)
        PASSIVE_ALT_KEY,          //!< server: cookie valid under the backup key only
        PASSIVE_INVALID_COOKIE,   //!< server: cookie invalid, SYN data dropped
        PASSIVE_LISTEN_OVERFLOW,  //!< server: pending-TFO limit reached, fallback
        PASSIVE_DISABLED,         //!< server: SYN asked for TFO, listener has it off
        ACTIVE_PAUSED,            //!< client: no TFO: paused after a suspected blackhole
        NEGATIVE_CACHED,          //!< client: no TFO: recurring SYN-data losses (negative cache)
        BLACKHOLE_DETECTED        //!< client: this connection looks black-holed
    };

    /**
     * TracedCallback signature of the "FastOpen" trace source.
     * \param event what happened
     * \param bytes SYN data bytes concerned (0 where none)
     * \param cookie the cookie concerned (empty where none)
     */
    typedef void (*FastOpenEventCallback)(Event event,
                                          uint32_t bytes,
                                          const TcpFastOpenCookie& cookie);

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TFO_NS3_DECLARE_GET_INSTANCE_TYPE_ID

    TcpFastOpenSocket();

    /**
     * \brief Clone a socket (used by Fork()).
     * \param sock the socket to copy
     */
    TcpFastOpenSocket(const TcpFastOpenSocket& sock);

    ~TcpFastOpenSocket() override;

    // Socket API
    int Connect(const Address& address) override;
    int Send(Ptr<Packet> p, uint32_t flags) override;
    int SendTo(Ptr<Packet> p, uint32_t flags, const Address& toAddress) override;
    int Close() override;

    /**
     * \brief Use a key of this listener's own, as setsockopt(TCP_FASTOPEN_KEY):
     * it overrides the node's key for cookies this listener issues and checks.
     * \param keys "primary[,backup]", each in the sysctl form or as 32 hex digits
     */
    void SetFastOpenKey(const std::string& keys);

    /// \return the generator that issues and checks this socket's cookies
    Ptr<TcpFastOpenCookieGenerator> GetCookieGenerator();

    /// \return the client failure reason of the last connection attempt
    ClientFailReason GetClientFailReason() const;

    /// \return true if this is a server child created by a valid Fast Open SYN
    bool IsFastOpenChild() const;

    /// \return true if the SYN this client sent carried data that the SYN-ACK acknowledged
    bool IsSynDataAcked() const;

    /// \return the number of data bytes the client put in its SYN
    uint32_t GetSynDataSent() const;

    /// \return listener: children counted against the pending-TFO limit (qlen)
    uint32_t GetPendingFastOpenCount() const;

    /// \return listener: the pending-TFO limit in force (max_qlen; 0 = TFO off)
    uint32_t GetMaxPendingFastOpen() const;

    /// \return listener: requests in the SYN queue (inet_csk_reqsk_queue_len)
    uint32_t GetSynQueueLength() const;

    /// \return listener: children established but not yet accepted (sk_ack_backlog)
    uint32_t GetAcceptQueueLength() const;

    /// \return listener: children forked from it that have not reached CLOSED
    uint32_t GetChildSocketCount() const;

    /// \return listener: sk_max_ack_backlog = min(ListenBacklog, SoMaxConn)
    uint32_t GetMaxAckBacklog() const;

    /**
     * \param event an event
     * \return its name, e.g. "SYN_DATA_ACKED"
     */
    static std::string EventToString(Event event);

    /**
     * \param reason a reason
     * \return Linux's name, e.g. "TFO_DATA_NOT_ACKED"
     */
    static std::string ClientFailReasonToString(ClientFailReason reason);

  protected:
    void DoDispose() override;
    void ReTxTimeout() override;
    void NewAck(const SequenceNumber32& seq, bool resetRTO) override;

    // TcpSocketBase hooks
    Ptr<TcpSocketBase> Fork() override;
    void CompleteFork(Ptr<Packet> p,
                      const TcpHeader& tcpHeader,
                      const Address& fromAddress,
                      const Address& toAddress) override;
    void DoForwardUp(Ptr<Packet> packet,
                     const Address& fromAddress,
                     const Address& toAddress) override;
    void SendEmptyPacket(uint8_t flags) override;

  private:
    /// What tcp_conn_request decided about a SYN before any Fast Open work.
    enum ConnRequestVerdict : uint8_t
    {
        CONN_REQUEST_PROCEED, //!< create a request (child in SYN_RCVD)
        CONN_REQUEST_COOKIE,  //!< answer statelessly with a SYN cookie
        CONN_REQUEST_DROP     //!< drop the SYN (ListenDrops)
    };

    /// What the listener decided about a SYN (tcp_try_fastopen's outcome).
    struct PassiveDecision
    {
        bool createChild{false};                      //!< accept: TFO child
        std::optional<TcpFastOpenOptionValue> option; //!< option for the SYN-ACK
    };

    // ---- configuration helpers ----
    /// \return true if the Mode bits \p bits are all set
    bool ModeHas(uint32_t bits) const;
    /**
     * \brief Check and store the Mode attribute.
     * \param mode net.ipv4.tcp_fastopen bits
     */
    void SetMode(uint32_t mode);
    /// \return the Mode attribute
    uint32_t GetMode() const;
    /**
     * \brief A per-node component the helper aggregates (created on first use).
     * \tparam T the component's class
     * \return the node's instance
     */
    template <typename T>
    Ptr<T> GetNodeComponent();
    /// \return the node's cookie cache (created on first use)
    Ptr<TcpFastOpenCookieCache> GetCookieCache();
    /// \return the node's counters (created on first use)
    Ptr<TcpFastOpenCounters> GetCounters();
    /// \return the node's blackhole detector (created on first use)
    Ptr<TcpFastOpenBlackholeDetector> GetBlackholeDetector();
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
     * \brief Record an event: fire the "FastOpen" trace source and log it.
     * \param event the event
     * \param bytes bytes concerned
     * \param cookie cookie concerned
     */
    void NotifyFastOpenEvent(Event event, uint32_t bytes, const TcpFastOpenCookie& cookie);

    // ---- client side ----
    /**
     * \brief Common part of Connect() and SendTo(MSG_FASTOPEN).
     * \param address the server
     * \param useFastOpen whether one of the Fast Open APIs asks for TFO
     * \return 0 on success, -1 on error
     */
    int ConnectWithFastOpen(const Address& address, bool useFastOpen);
    /// Send the FIN a Close() in SYN_SENT deferred, once the handshake acked all data.
    void CloseIfSynDataWasAll();
    /**
     * \brief inet_csk_listen_stop: a listener being closed forgets the
     * children still in its accept queue (not yet accepted: AcceptRate) and
     * accepts no more.
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
     * \brief RFC 7413 section 4.1.3.1 negative caching as Linux 3.7-4.14 did it
     * (tcp_fastopen_cookie_check): after more than one SYN-data loss to this
     * server, no cookie and no data in the SYN for 60 s << losses.
     * \param synLoss the cache's SYN-loss count for the server
     * \param lastSynLoss when the last one happened
     * \return true if the SYN must go without Fast Open
     */
    bool NegativeCacheBlocks(uint16_t synLoss, Time lastSynLoss) const;
    /**
     * \brief tcp_fastopen_active_detect_blackhole: at the third consecutive
     * timeout of a Fast Open connection (or when it gives up before that) count
     * ActiveFail and pause active TFO on the node.
     * \param expired the connection is giving up
     */
    void DetectBlackholeOnTimeout(bool expired);
    /**
     * \brief tcp_fastopen_active_disable_ofo_check, at close: a FIN that arrived
     * out of order with no data before it pauses active TFO; a check
     * connection that received data resets the pause count.
     */
    void CheckBlackholeAtClose();
    /// Forget the previous connection's Fast Open state.
    void ResetClientState();
    /**
     * \brief Decide what the first SYN carries (tcp_fastopen_cookie_check plus
     * tcp_send_syn_data): cookie and data, data only (no-cookie mode), or a
     * cookie request; fills m_synOption and m_synDataLen.
     */
    void PrepareFastOpenSyn();
    /**
     * \brief TCP_FASTOPEN_CONNECT: whether Connect() may return at once and defer
     * the SYN to the first Send() (tcp_fastopen_defer_connect).
     * \return true if the SYN is deferred
     */
    bool DeferConnect();
    /// Send the deferred SYN now that the application has written.
    void SendDeferredSyn();
    /// Report success of a deferred connect to the application at once.
    void NotifyDeferredConnectSucceeded();
    /**
     * \brief Build and send a SYN (first transmission or retransmission).
     * \param flags SYN, possibly with ECE|CWR
     */
    void SendSyn(uint8_t flags);
    /**
     * \brief Process a SYN-ACK in SYN_SENT before TcpSocketBase completes the
     * handshake (tcp_rcv_fastopen_synack): cache the cookie and MSS, account
     * for the SYN data it acknowledges, count.
     * \param tcpHeader the SYN-ACK's header
     */
    void ProcessFastOpenSynAck(const TcpHeader& tcpHeader);

    // ---- server side ----
    /**
     * \brief Listener: tcp_try_fastopen for a received SYN.
     * \param tcpHeader the SYN's header
     * \param payloadSize the SYN's data bytes
     * \param client the client's address
     * \param server the address the SYN was sent to
     * \return the decision
     */
    PassiveDecision TryFastOpen(const TcpHeader& tcpHeader,
                                uint32_t payloadSize,
                                const Address& client,
                                const Address& server);
    /**
     * \brief Listener: tcp_fastopen_queue_check: room for one more pending
     * TFO child? Frees an expired reset slot when full; counts ListenOverflow.
     * \return true if a child may be created
     */
    bool FastOpenQueueCheck();
    /// Listener: a TFO child was created.
    void AddPendingChild();
    /**
     * \brief Listener: a TFO child left SYN_RCVD (reqsk_fastopen_remove).
     * \param reset true if the client reset it: its slot is held for 60 s
     */
    void RemovePendingChild(bool reset);
    /**
     * \brief Child: called on every state change; releases the listener's slot
     * when the child leaves SYN_RCVD.
     * \param oldState previous state
     * \param newState new state
     */
    void ChildStateChanged(TcpStates_t oldState, TcpStates_t newState);
    /**
     * \brief Child in SYN_RCVD after a TFO SYN: handle a segment the way a Linux
     * TFO child (a full socket in SYN_RECV) does.
     * \param tcpHeader the segment's header
     * \return true if TcpSocketBase should process the segment further
     */
    bool ProcessFastOpenSynRcvd(const TcpHeader& tcpHeader);
    /// Child: the client's ACK arrived: SYN_RCVD -> ESTABLISHED.
    void EnterEstablishedFromSynRcvd();
    /// Child: after the handshake ACK, arm the retransmission timer for data in flight.
    void RearmAfterFastOpenHandshake();
    /**
     * \brief Build and send a SYN-ACK (first transmission or retransmission).
     * \param flags SYN|ACK, possibly with ECE
     */
    void SendSynAck(uint8_t flags);
    /**
     * \brief Build and send a SYN or SYN-ACK with Linux's SYN options.
     * \param p the payload (SYN data, or empty)
     * \param flags SYN or SYN|ACK, possibly with ECE/CWR
     * \param option the Fast Open option to carry, if any
     * \param retransmission true for a retransmission (RTT history)
     */
    void TransmitSynSegment(Ptr<Packet> p,
                            uint8_t flags,
                            const std::optional<TcpFastOpenOptionValue>& option,
                            bool retransmission);
    /**
     * \brief Build and transmit one SYN-ACK, without retry accounting or timer.
     * \param flags SYN|ACK, possibly with ECE
     * \param firstTransmission true for the first SYN-ACK (the only one that
     *        carries the Fast Open option)
     */
    void TransmitSynAck(uint8_t flags, bool firstTransmission);
    /**
     * \brief Take the peer's ISN and SYN timestamp as the state the timestamp
     * option needs (TS.Recent), whatever the ISNs are.
     * \param synHeader the peer's SYN or SYN-ACK
     */
    void SynchronizeWithPeerIsn(const TcpHeader& synHeader);
    /**
     * \brief The data a SYN-ACK carries, if a Fast Open client keeps it.
     * \param packet the SYN-ACK (with its header)
     * \param tcpHeader its header
     * \return the data, or nullptr
     */
    Ptr<Packet> TakeSynAckData(Ptr<const Packet> packet, const TcpHeader& tcpHeader) const;
    /**
     * \brief Queue SYN-ACK data for the application once the handshake is done
     * (tcp_fastopen_add_skb) and acknowledge it.
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
     * \brief A RST in SYN_SENT: refuses the connection if its ACK is acceptable.
     * \param tcpHeader its header
     */
    void ProcessResetInSynSent(const TcpHeader& tcpHeader);
    /**
     * \brief Keep the data of a segment whose ACK is older than SND.UNA.
     * \param packet the segment, header included (its ACK is rewritten to SND.UNA)
     */
    void IgnoreOldAck(Ptr<Packet> packet);
    /// \return true in the states where a received SYN is answered with a challenge ACK
    bool IsSynchronizedState() const;
    /// Answer a SYN received in a synchronized state with an ACK (RFC 5961 4.2).
    void SendChallengeAck();
    /**
     * \brief Add the MSS option to a SYN or SYN-ACK.
     * \param header the header
     */
    void AddOptionMss(TcpHeader& header) const;
    /**
     * \brief Honour the peer's MSS option (segment size = min(own, peer's minus
     * the timestamp option)).
     * \param tcpHeader a received SYN or SYN-ACK
     * \return the peer's MSS (0 if none)
     */
    uint16_t ProcessOptionMss(const TcpHeader& tcpHeader);
    /**
     * \brief The retry/back-off rule shared by SYN and SYN-ACK transmissions.
     * \param maxAttempts total transmissions allowed
     * \return false if the attempts are used up
     */
    bool ConsumeSynAttempt(uint32_t maxAttempts);
    /// Give up a connection whose SYN or SYN-ACK was never answered.
    void GiveUpHandshake();

    // ---- listener: SYN queue, accept queue, SYN cookies (issue 6) ----
    /**
     * \brief tcp_conn_request's checks before a request is created: SYN queue
     * full (cookie or drop), accept queue full, the max_syn_backlog clause
     * (none of them reads the SYN itself).
     * \return the verdict
     */
    ConnRequestVerdict ConnRequestAdmit();
    /// \return inet_csk_reqsk_queue_is_full: SYN queue length >= sk_max_ack_backlog
    bool SynQueueIsFull() const;
    /// \return sk_acceptq_is_full: accept queue length > sk_max_ack_backlog
    bool AcceptQueueIsFull() const;
    /**
     * \brief tcp_syn_flood_action: SYN queue full; count TCPReqQFullDoCookies
     * or TCPReqQFullDrop.
     * \return true if a SYN cookie is to be sent (want_cookie)
     */
    bool SynFloodAction();
    /**
     * \return tcp_conn_request's "last quarter of the backlog for proven
     * peers" clause: without SYN cookies, drop when fewer than
     * max_syn_backlog / 4 slots are left (no peer counts as proven here)
     */
    bool MaxSynBacklogDropsUnproven() const;
    /**
     * \brief cookie_v4_init_sequence / cookie_v6_init_sequence +
     * tcp_make_synack(TCP_SYNACK_COOKIE):
     * answer a SYN with a SYN-ACK whose ISN is a SYN cookie; no state is kept,
     * no Fast Open, SYN data dropped. If the SYN carried timestamps the
     * SYN-ACK carries window scale, SACK-permitted and ECE as negotiated and
     * its TSval encodes them (cookie_init_timestamp); otherwise it carries
     * none of them.
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
     * \brief cookie_v4_check / cookie_v6_check: an ACK reached the listener;
     * if it returns a valid SYN cookie and its TSecr names no option the
     * listener has off (cookie_timestamp_decode), create the child
     * (established) with the options the TSecr restores and let it process
     * the segment.
     * \param packet the segment (with its TCP header)
     * \param tcpHeader its header
     * \param from the client
     * \param to the server address
     * \return true if the segment was consumed
     */
    bool CookieCheck(Ptr<Packet> packet,
                     const TcpHeader& tcpHeader,
                     const Address& from,
                     const Address& to);
    /**
     * \brief Child of a SYN cookie (tcp_get_cookie_sock): set up as if its
     * SYN-ACK (ISN = cookie) had been sent, then process the ACK.
     * \param packet the ACK (with its TCP header)
     * \param tcpHeader its header
     * \param from the client
     * \param to the server address
     * \param mss the MSS the cookie encodes
     * \param options window scale, SACK and ECN as the ACK's TSecr restores
     *        them (cookie_timestamp_decode; all off without timestamps)
     */
    void CompleteCookieFork(Ptr<Packet> packet,
                            const TcpHeader& tcpHeader,
                            const Address& from,
                            const Address& to,
                            uint16_t mss,
                            const TcpSynCookieGenerator::TimestampOptions& options);
    /// \return the node's SYN cookie generator (created on first use)
    Ptr<TcpSynCookieGenerator> GetSynCookieGenerator();
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
    Ptr<TcpFastOpenSocket> CreateChild();

    /**
     * \brief The ISN generator, created at the first use rather than per
     * socket: a socket that never draws costs no random stream, and a
     * listener's children share the listener's (copied at the fork).
     * \return the generator
     */
    Ptr<UniformRandomVariable> GetIsnRng();
    /**
     * \brief The random initial sequence number of a new connection (RandomIsn).
     * \return the ISN
     */
    SequenceNumber32 DrawRandomIsn();
    /// \return listener: true if established children wait for AcceptRate
    bool DefersAccept() const;
    /**
     * \brief inet_csk_reqsk_queue_add: an established (or TFO) child joins
     * the accept queue.
     * \param child the child
     * \param from the client
     */
    void AcceptQueueAdd(Ptr<TcpFastOpenSocket> child, const Address& from);
    /// inet_csk_accept: the application takes the oldest child (AcceptRate).
    void AcceptOne();
    /**
     * \brief tcp_v4_syn_recv_sock's exit_overflow: the handshake ACK of a
     * child in SYN_RCVD finds the accept queue full; count ListenOverflows and
     * ListenDrops and drop the ACK (tcp_abort_on_overflow = 0).
     * \param flags the segment's flags (no more is needed: the caller need
     *        not parse the options)
     * \return true if the segment is dropped
     */
    bool SynRecvSockOverflow(uint8_t flags);

    // ---- attributes ----
    uint32_t m_mode{CLIENT_ENABLE};    //!< net.ipv4.tcp_fastopen bits
    bool m_fastOpenConnect{false};     //!< TCP_FASTOPEN_CONNECT
    bool m_fastOpenNoCookie{false};    //!< TCP_FASTOPEN_NO_COOKIE
    uint32_t m_fastOpenQueueLength{0}; //!< TCP_FASTOPEN value (requested max_qlen)
    uint32_t m_listenBacklog{4096};    //!< listen() backlog
    uint32_t m_soMaxConn{4096};        //!< net.core.somaxconn
    uint32_t m_synCookies{1};          //!< net.ipv4.tcp_syncookies (0, 1, 2)
    uint32_t m_maxSynBacklog{4096};    //!< net.ipv4.tcp_max_syn_backlog
    double m_acceptRate{0};            //!< accept() calls per second (0: immediate)
    TcpOptionFastOpen::Form m_optionForm{TcpOptionFastOpen::RFC7413}; //!< first request's form
    bool m_sendMss{true};                //!< send the MSS option on SYN / SYN-ACK
    uint32_t m_synAckRetries{5};         //!< tcp_synack_retries
    Time m_resetHoldTime{Seconds(60)};   //!< rskq_rst_head hold time
    bool m_randomIsn{false};             //!< draw the ISN at random
    bool m_negativeCaching{false};       //!< RFC 7413 4.1.3.1 (Linux <= 4.14)
    Ptr<UniformRandomVariable> m_isnRng; //!< ISN source, created at the first draw

    // ---- per-node components and this listener's own key ----
    Ptr<TcpFastOpenCookieGenerator> m_ownGenerator; //!< TCP_FASTOPEN_KEY (nullptr: node's)

    // ---- client state (one connection) ----
    bool m_fastOpenRequested{false};                   //!< a TFO API asked for Fast Open
    bool m_synDeferred{false};                         //!< TCP_FASTOPEN_CONNECT: SYN waits for data
    bool m_deferredNotified{false};                    //!< connect success already reported
    EventId m_deferredSynEvent;                        //!< scheduled deferred SYN
    Ptr<Packet> m_synPendingData;                      //!< application data written before the SYN
    std::optional<TcpFastOpenOptionValue> m_synOption; //!< option the first SYN carried
    uint32_t m_synDataLen{0};                          //!< data bytes the first SYN carried
    bool m_synRetransmitted{false};                    //!< a SYN was retransmitted
    bool m_synDataAcked{false};                        //!< all SYN data acknowledged
    bool m_blackholeCheck{false};                      //!< first connection after a pause
    uint32_t m_timeouts{0};                            //!< consecutive timeouts (icsk_retransmits)
    SequenceNumber32 m_peerIsn{0};                     //!< the peer's ISN
    bool m_saveHandshakeAck{false};                    //!< skip the handshake ACK: data carries it
    ClientFailReason m_clientFail{TFO_STATUS_UNSPEC};  //!< tcpi_fastopen_client_fail
    SequenceNumber32 m_isn{0};                         //!< our initial sequence number

    // ---- server state ----
    Ptr<TcpFastOpenSocket> m_listener; //!< child: the listener that forked it
    bool m_fastOpenChild{false};       //!< child created by a valid TFO SYN
    bool m_holdsPendingSlot{false};    //!< child counts against the listener's qlen
    bool m_resetByPeer{false};         //!< child received RST in SYN_RCVD
    std::optional<TcpFastOpenOptionValue> m_synAckOption; //!< option for the first SYN-ACK
    TracedValue<uint32_t> m_pendingFastOpen{0};           //!< listener: qlen
    TracedValue<uint32_t> m_synQueue{0};                  //!< listener: SYN queue length
    TracedValue<uint32_t> m_acceptQueueLength{0};         //!< listener: sk_ack_backlog
    TracedValue<uint32_t> m_childSockets{0};              //!< listener: children not yet CLOSED
    /// listener: the accept queue (a list: unlike std::deque, allocates nothing while empty)
    std::list<std::pair<Ptr<TcpFastOpenSocket>, Address>> m_acceptQueue;
    EventId m_acceptEvent;                   //!< listener: next accept()
    Time m_lastSynqOverflow{Seconds(-1000)}; //!< listener: tcp_synq_overflow stamp
    bool m_inSynQueue{false};                //!< child: counted in the SYN queue
    bool m_acceptQueued{false};              //!< child: joined the accept queue
    bool m_countedAlive{false};              //!< child: counted in m_childSockets
    std::list<Time> m_resetSlotExpiry;       //!< listener: rskq_rst list (expiry times)

    TracedCallback<Event, uint32_t, const TcpFastOpenCookie&> m_fastOpenTrace; //!< "FastOpen"
};

} // namespace ns3

#endif /* TCP_FAST_OPEN_SOCKET_H */
