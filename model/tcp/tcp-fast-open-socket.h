/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_FAST_OPEN_SOCKET_H
#define TCP_FAST_OPEN_SOCKET_H

#include "tcp-fast-open-cookie-cache.h"
#include "tcp-fast-open-cookie.h"
#include "tcp-fast-open-queue.h"
#include "tcp-linux-socket-base.h"
#include "tcp-option-fast-open.h"

#include "ns3/tcp-fast-open-ns3-compat.h"
#include "ns3/traced-callback.h"

#include <optional>

namespace ns3
{

class TcpFastOpenActiveRules;
class TcpFastOpenBlackholeDetector;
class TcpFastOpenCookieGenerator;
class TcpFastOpenCounters;
class TcpFastOpenPassiveRules;

/**
 * \ingroup tcp-fast-open
 *
 * \brief A TcpLinuxSocketBase that speaks TCP Fast Open (RFC 7413) the way Linux does.
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
 *
 * Everything that is not Fast Open (the SYN options, RFC 5961, the listener's
 * queues and SYN cookies) is TcpLinuxSocketBase's; this class adds the Fast
 * Open rules through its hooks. The rules themselves are decisions of
 * TcpFastOpenActiveRules (client) and TcpFastOpenPassiveRules (server): the
 * socket gathers their inputs and applies their results.
 */
class TcpFastOpenSocket : public TcpLinuxSocketBase
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
    /**
     * \brief TcpSocketBase::SendDataPacket, noting whether a TFO child in
     * SYN_RCVD sent its FIN with the data (TcpSocketBase then stays in
     * SYN_RCVD).
     * \param seq the first sequence number to send
     * \param maxSize the most bytes to send
     * \param withAck whether the segment carries an ACK
     * \return the bytes sent
     */
    uint32_t SendDataPacket(SequenceNumber32 seq, uint32_t maxSize, bool withAck) override;

    // TcpLinuxSocketBase hooks
    Ptr<TcpLinuxSocketBase> CopySocket() override;
    /// \return false with a FastOpenKey of its own: each new socket gets its own generator
    bool CanCopyAsNewSocket() const override;
    bool DeferSyn() override;
    void SynTimedOut() override;
    void TransmitHandshake(uint8_t flags, bool firstTransmission) override;
    void ProcessSynAck(const TcpHeader& tcpHeader) override;
    Ptr<Packet> TakeSynAckData(Ptr<const Packet> packet, const TcpHeader& tcpHeader) const override;
    void ReceivedSyn(Ptr<Packet> p,
                     const TcpHeader& tcpHeader,
                     const Address& fromAddress,
                     const Address& toAddress) override;
    void SentFirstSynAck(Ptr<Packet> p, const Address& fromAddress) override;
    uint32_t GetSynAckAttempts() const override;
    bool ProcessSynRcvd(Ptr<Packet> packet,
                        uint8_t flags,
                        const Address& fromAddress,
                        const Address& toAddress) override;
    SequenceNumber32 GetSynSentSndNxt() const override;
    bool IsAnnounced() const override;
    void RejectedSynAck(const TcpHeader& tcpHeader) override;
    void OutOfOrderReset() override;
    void ChildStateChanged(TcpStates_t oldState, TcpStates_t newState) override;
    bool IsFastOpenRequest() const override;

  private:
    /**
     * Linux's tcp_sock bits for the SYN this client sent: every rule that
     * asks "was this a Fast Open connection" reads them, as Linux does.
     */
    struct FastOpenFlags
    {
        bool synFastOpen{false};  //!< syn_fastopen: the SYN carried the Fast Open option
        bool synData{false};      //!< syn_data: the SYN carried data
        bool synDataAcked{false}; //!< syn_data_acked: the SYN-ACK acknowledged all of it

        /// \return true if the SYN tried Fast Open (syn_fastopen || syn_data)
        bool Tried() const
        {
            return synFastOpen || synData;
        }
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
     * \brief TFO_CLIENT_NO_COOKIE / TFO_SERVER_COOKIE_NOT_REQD or the socket's
     * TCP_FASTOPEN_NO_COOKIE (tcp_fastopen_no_cookie).
     * \param modeBit CLIENT_NO_COOKIE or SERVER_COOKIE_NOT_REQD
     * \return true if no cookie is needed
     */
    bool NoCookie(uint32_t modeBit) const;
    /**
     * \brief Check and store the Mode attribute.
     * \param mode net.ipv4.tcp_fastopen bits
     */
    void SetMode(uint32_t mode);
    /// \return the Mode attribute
    uint32_t GetMode() const;
    /// \param hold ResetSlotHoldTime: how long a reset child's slot is held
    void SetResetHoldTime(Time hold);
    /// \return ResetSlotHoldTime
    Time GetResetHoldTime() const;
    /// \return the node's cookie cache (created on first use)
    Ptr<TcpFastOpenCookieCache> GetCookieCache();
    /// \return the node's blackhole detector (created on first use)
    Ptr<TcpFastOpenBlackholeDetector> GetBlackholeDetector();
    /**
     * \brief Record an event: fire the "FastOpen" trace source and log it.
     * \param event the event
     * \param bytes bytes concerned
     * \param cookie cookie concerned
     */
    void NotifyFastOpenEvent(Event event, uint32_t bytes, const TcpFastOpenCookie& cookie);
    /// \return the client's rules (the ActiveRules attribute; the default ones
    /// are created on first use)
    Ptr<TcpFastOpenActiveRules> GetActiveRules() const;
    /// \return the server's rules (the PassiveRules attribute; the default ones
    /// are created on first use)
    Ptr<TcpFastOpenPassiveRules> GetPassiveRules() const;
    /// \return the listener that forked this child, as a Fast Open socket
    Ptr<TcpFastOpenSocket> GetFastOpenListener() const;

    // ---- client side ----
    /**
     * \brief Common part of Connect() and SendTo(MSG_FASTOPEN).
     * \param address the server
     * \param useFastOpen whether one of the Fast Open APIs asks for TFO
     * \return 0 on success, -1 on error
     */
    int ConnectWithFastOpen(const Address& address, bool useFastOpen);
    /**
     * \brief At a timeout, ask TcpFastOpenActiveRules::DetectBlackhole
     * (tcp_fastopen_active_detect_blackhole); if it says so, count ActiveFail
     * and pause active TFO on the node.
     * \param expired the connection is giving up
     */
    void DetectBlackholeOnTimeout(bool expired);
    /**
     * \brief Once, at Close() or when the connection ends (CLOSED,
     * TIME_WAIT), whichever comes first, for a connection that sent the
     * option: apply TcpFastOpenActiveRules::DisableOfoCheck
     * (tcp_fastopen_active_disable_ofo_check).
     */
    void CheckBlackholeAtClose();
    /**
     * \brief tcp_fastopen_active_disable: pause active TFO on this node.
     * \param bytes SYN data bytes reported with BLACKHOLE_DETECTED
     */
    void DisableActiveFastOpen(uint32_t bytes);
    /**
     * \brief Every state change: the connection's end runs the out-of-order
     * FIN check (tcp_v4_destroy_sock).
     * \param oldState previous state
     * \param newState new state
     */
    void StateChanged(TcpStates_t oldState, TcpStates_t newState) override;
    /// Forget the previous connection's Fast Open state.
    void ResetClientState();
    /**
     * \brief Fill m_synOption and m_synDataLen with what the first SYN
     * carries, as TcpFastOpenActiveRules::SendSynData plans it.
     */
    void PrepareFastOpenSyn();
    /**
     * \brief Look the server up in the cookie cache, ask the blackhole
     * detector, and let TcpFastOpenActiveRules::CheckCookie
     * (tcp_fastopen_cookie_check) decide what the next SYN may carry.
     * \param[out] entry the cache entry of this server, if any
     * \param report trace NEGATIVE_CACHED / ACTIVE_PAUSED (the SYN's check)
     * \return the decision, a TcpFastOpenActiveRules::CookieCheck
     */
    uint8_t ConsultCookieCheck(std::optional<TcpFastOpenCookieCache::Entry>& entry, bool report);
    /**
     * \brief TCP_FASTOPEN_CONNECT: whether Connect() may return at once and defer
     * the SYN to the first Send(), as TcpFastOpenActiveRules::DeferConnect
     * (tcp_fastopen_defer_connect) decides.
     * \return true if the SYN is deferred
     */
    bool DeferConnect();
    /// Send the deferred SYN now that the application has written.
    void SendDeferredSyn();
    /// Report success of a deferred connect to the application at once.
    void NotifyDeferredConnectSucceeded();
    /**
     * \brief Process a SYN-ACK in SYN_SENT before TcpSocketBase completes the
     * handshake, as TcpFastOpenActiveRules::RcvFastOpenSynAck
     * (tcp_rcv_fastopen_synack) decides: cache the cookie and MSS, account for
     * the SYN data it acknowledges, count.
     * \param tcpHeader the SYN-ACK's header
     * \param peerMss the MSS the SYN-ACK carries (0 if none)
     */
    void ProcessFastOpenSynAck(const TcpHeader& tcpHeader, uint16_t peerMss);
    /**
     * \brief The first SYN carries what PrepareFastOpenSyn chose; a
     * retransmitted SYN carries neither option nor data.
     * \param flags SYN, possibly with ECE|CWR
     * \param firstTransmission true for the first SYN
     */
    void TransmitFastOpenSyn(uint8_t flags, bool firstTransmission);
    /**
     * \brief Only the first SYN-ACK carries the Fast Open option.
     * \param flags SYN|ACK, possibly with ECE
     * \param firstTransmission true for the first SYN-ACK
     */
    void TransmitFastOpenSynAck(uint8_t flags, bool firstTransmission);
    /**
     * \brief Build and send a SYN or SYN-ACK with Linux's SYN options and
     * the Fast Open option, if any.
     * \param p the payload (SYN data, or empty)
     * \param flags SYN or SYN|ACK, possibly with ECE/CWR
     * \param option the Fast Open option to carry, if any
     * \param retransmission true for a retransmission (RTT history)
     */
    void TransmitSynSegment(Ptr<Packet> p,
                            uint8_t flags,
                            const std::optional<TcpFastOpenOptionValue>& option,
                            bool retransmission);

    // ---- server side ----
    /**
     * \brief Listener: gather the inputs of TcpFastOpenPassiveRules::TryFastOpen
     * (tcp_try_fastopen) for a received SYN and apply its decision (count,
     * trace, issue a cookie).
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
     * \brief Child in SYN_RCVD after a TFO SYN: handle a segment the way a Linux
     * TFO child (a full socket in SYN_RECV) does.
     * \param tcpHeader the segment's header
     * \return true if TcpSocketBase should process the segment further
     */
    bool ProcessFastOpenSynRcvd(const TcpHeader& tcpHeader);
    /// Child: the client's ACK arrived: SYN_RCVD -> ESTABLISHED.
    void EnterEstablishedFromSynRcvd();
    /**
     * \brief reqsk_fastopen_remove: the child stops counting against the
     * listener's pending-TFO limit, or holds its slot for the hold time.
     * \param reset true if its client reset it
     */
    void ReleaseFastOpenRequest(bool reset);
    /// Child: after the handshake ACK, arm the retransmission timer for data in flight.
    void RearmAfterFastOpenHandshake();

    // ---- attributes ----
    uint32_t m_mode{CLIENT_ENABLE};    //!< net.ipv4.tcp_fastopen bits
    bool m_fastOpenConnect{false};     //!< TCP_FASTOPEN_CONNECT
    bool m_fastOpenNoCookie{false};    //!< TCP_FASTOPEN_NO_COOKIE
    uint32_t m_fastOpenQueueLength{0}; //!< TCP_FASTOPEN value (requested max_qlen)
    TcpOptionFastOpen::Form m_optionForm{TcpOptionFastOpen::RFC7413}; //!< first request's form
    bool m_negativeCaching{false};                     //!< RFC 7413 4.1.3.1 (Linux <= 4.14)
    mutable Ptr<TcpFastOpenActiveRules> m_activeRules; //!< the client's rules (shared with copies)
    mutable Ptr<TcpFastOpenPassiveRules>
        m_passiveRules; //!< the server's rules (shared with copies)

    // ---- this listener's own key ----
    Ptr<TcpFastOpenCookieGenerator> m_ownGenerator; //!< TCP_FASTOPEN_KEY (nullptr: node's)

    // ---- client state (one connection) ----
    bool m_fastOpenRequested{false};                   //!< a TFO API asked for Fast Open
    bool m_synDeferred{false};                         //!< TCP_FASTOPEN_CONNECT: SYN waits for data
    bool m_deferredNotified{false};                    //!< connect success already reported
    EventId m_deferredSynEvent;                        //!< scheduled deferred SYN
    Ptr<Packet> m_synPendingData;                      //!< application data written before the SYN
    std::optional<TcpFastOpenOptionValue> m_synOption; //!< option the first SYN carried
    uint32_t m_synDataLen{0};                          //!< data bytes the first SYN carried
    FastOpenFlags m_flags;                             //!< syn_fastopen, syn_data, syn_data_acked
    bool m_synRetransmitted{false};                    //!< a SYN was retransmitted
    bool m_blackholeCheck{false};                      //!< first connection after a pause
    bool m_ofoChecked{false};                          //!< the out-of-order FIN check ran
    uint32_t m_timeouts{0};                            //!< consecutive timeouts (icsk_retransmits)
    ClientFailReason m_clientFail{TFO_STATUS_UNSPEC};  //!< tcpi_fastopen_client_fail

    // ---- server state ----
    bool m_fastOpenChild{false};    //!< child created by a valid TFO SYN
    bool m_holdsPendingSlot{false}; //!< child counts against the listener's qlen
    bool m_resetByPeer{false};      //!< child received RST in SYN_RCVD
    bool m_finSentInSynRcvd{false}; //!< child: its FIN left with data in SYN_RCVD
    std::optional<TcpFastOpenOptionValue> m_synAckOption; //!< option for the first SYN-ACK
    TcpFastOpenQueue m_fastOpenQueue;                     //!< listener: fastopen_queue

    TracedCallback<Event, uint32_t, const TcpFastOpenCookie&> m_fastOpenTrace; //!< "FastOpen"
};

} // namespace ns3

#endif /* TCP_FAST_OPEN_SOCKET_H */
