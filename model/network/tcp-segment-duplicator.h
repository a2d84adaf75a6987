/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_SEGMENT_DUPLICATOR_H
#define TCP_SEGMENT_DUPLICATOR_H

#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/queue-disc.h"
#include "ns3/tcp-fast-open-ns3-compat.h"
#include "ns3/tcp-header.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <utility>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-fast-open
 *
 * \brief A network element on the egress of a NetDevice that drops, delays
 * and duplicates chosen TCP segments (IPv4 and IPv6).
 *
 * Installed as the root queue disc of a device (TcpSegmentDuplicatorHelper),
 * it works on any node, end host or router. For every item handed to it, it
 * peeks the TCP header behind the IP header carried by the
 * Ipv4QueueDiscItem / Ipv6QueueDiscItem. Non-TCP traffic (and IPv4 fragments,
 * and IPv6 packets whose first next header is not TCP) passes untouched.
 *
 * Matching (DoMatch()): a TCP segment is a candidate when
 * `(flags & FlagsMask) == FlagsValue` and its payload agrees with "Payload".
 * Candidates are counted (GetMatched(), trace "Matched"); the first
 * "SkipMatches" of them pass untouched, and then at most "MaxMatches"
 * (0 = unlimited) are acted on (GetActedOn()).
 *
 * Acting (DoAct()): the original is dropped ("DropOriginal") or delayed by
 * "OriginalDelay" (0 = sent at once), and "Copies" deep copies are sent, copy k
 * (k = 1..Copies) k * "CopyDelay" after the segment reached the element.
 *
 * How delays work (the Linux netem design): every item is enqueued at once,
 * into an internal DropTail queue per distinct delay ("delay line"; line 0
 * holds the undelayed traffic). All items of a line have the same delay, so
 * each line is in release-time order; DoDequeue() hands out the head whose
 * release time (enqueue time + line delay) is earliest and has come, and a
 * watchdog event Run()s the queue disc when the next delayed item is due.
 * Delayed items therefore count in the queue disc's size and statistics like
 * any queued item, copies are counted as received packets (they go through
 * QueueDisc::Enqueue), and the QueueDisc invariants (received = enqueued +
 * dropped before enqueue, sent = dequeued - dropped after dequeue) hold.
 * Undelayed traffic is not held behind delayed items (delay means reordering,
 * as with netem).
 *
 * Extension (middlebox models): derive, override DoMatch() to choose the
 * segments, DoAct() to decide (it may modify the item's packet, e.g. strip an
 * option, and may add any extra items, not only copies), and
 * DoCheckAttributes() to validate the subclass's own configuration. The
 * bookkeeping, traces, size limit and delay lines stay in this class.
 *
 * Configuration errors (FlagsValue with bits outside FlagsMask, DropOriginal
 * together with OriginalDelay, no action at all, child queue discs, packet
 * filters or internal queues added by the user) abort at initialization
 * (when the TrafficControlLayer initializes its root queue discs, i.e. at
 * simulation start) with a message naming the attribute.
 */
class TcpSegmentDuplicator : public QueueDisc
{
  public:
    /// What a candidate segment must carry.
    enum Payload
    {
        ANY,         //!< any segment
        WITH_DATA,   //!< segments with at least one payload byte
        WITHOUT_DATA //!< segments without payload
    };

    /**
     * What DoAct() decides for one acted-on segment. The element applies it:
     * first the original (drop or enqueue with its delay), then every extra
     * item, each enqueued through QueueDisc::Enqueue with its delay.
     */
    struct Action
    {
        bool dropOriginal{false}; //!< drop the original
        Time originalDelay{0};    //!< delay of the original (ignored when dropped)
        /// Extra items (copies) and their delays, measured from now.
        std::vector<std::pair<Time, Ptr<QueueDiscItem>>> extra;
    };

    /**
     * TracedCallback signature of the segment traces.
     * \param packet the segment (TCP header and payload, without IP header)
     * \param header its TCP header
     */
    typedef void (*SegmentTracedCallback)(Ptr<const Packet> packet, const TcpHeader& header);

    /// Drop reason of segments dropped by the "DropOriginal" action.
    static constexpr const char* ACTION_DROP = "Dropped by TcpSegmentDuplicator action";
    /// Drop reason when the queue disc is full ("MaxSize").
    static constexpr const char* LIMIT_EXCEEDED_DROP = "Queue disc limit exceeded";

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TFO_NS3_DECLARE_GET_INSTANCE_TYPE_ID

    TcpSegmentDuplicator();
    ~TcpSegmentDuplicator() override;

    /// \return number of TCP segments that met the match criteria (skipped ones included)
    uint64_t GetMatched() const;
    /// \return number of matched segments acted on (after SkipMatches, up to MaxMatches)
    uint64_t GetActedOn() const;
    /// \return number of extra copies injected
    uint64_t GetDuplicated() const;
    /// \return number of originals delayed (OriginalDelay > 0)
    uint64_t GetDelayed() const;
    /// \return number of originals dropped by the action (not by the size limit)
    uint64_t GetDropped() const;

    /**
     * \brief Read the TCP header of a queue disc item that has not been dequeued
     * yet (its packet starts with the transport header).
     * \param item an Ipv4QueueDiscItem or Ipv6QueueDiscItem
     * \param header set to the TCP header
     * \param payloadSize set to the number of TCP payload bytes
     * \return false for anything but an unfragmented TCP segment
     */
    static bool PeekTcp(Ptr<const QueueDiscItem> item, TcpHeader& header, uint32_t& payloadSize);

    /**
     * \brief Deep copy of an item that has not been dequeued yet: a new item
     * (same IP header, address, protocol, tx queue index) with its own copy of
     * the packet, so that adding the IP header to one does not touch the other.
     * Aborts for items other than Ipv4QueueDiscItem / Ipv6QueueDiscItem.
     * \param item the item
     * \return the copy
     */
    static Ptr<QueueDiscItem> CopyItem(Ptr<const QueueDiscItem> item);

  protected:
    void DoDispose() override;

    /**
     * \brief Whether a TCP segment is a candidate (before SkipMatches/MaxMatches).
     * The default applies FlagsMask/FlagsValue and Payload.
     * \param item the item (not yet dequeued)
     * \param header its TCP header
     * \param payloadSize its TCP payload bytes
     * \return true if it matches
     */
    virtual bool DoMatch(Ptr<const QueueDiscItem> item,
                         const TcpHeader& header,
                         uint32_t payloadSize) const;

    /**
     * \brief Decide what to do with a segment that is acted on. The default
     * applies DropOriginal, OriginalDelay, Copies and CopyDelay.
     * \param item the item (not yet dequeued); an override may change its packet
     * \param header its TCP header
     * \param payloadSize its TCP payload bytes
     * \return the action
     */
    virtual Action DoAct(Ptr<QueueDiscItem> item, const TcpHeader& header, uint32_t payloadSize);

    /**
     * \brief Validate the attributes; abort with a clear message on a bad
     * combination. Called once, at initialization. An override that replaces
     * the actions may skip the base "no action configured" check but should
     * keep the others (call CheckMatchAttributes()).
     */
    virtual void DoCheckAttributes() const;

    /// Abort if FlagsValue has bits outside FlagsMask.
    void CheckMatchAttributes() const;

  private:
    bool DoEnqueue(Ptr<QueueDiscItem> item) override;
    Ptr<QueueDiscItem> DoDequeue() override;
    bool CheckConfig() override;
    void InitializeParams() override;

    /**
     * \brief Index of the delay line (internal queue) for a delay, created on
     * first use.
     * \param delay the delay (>= 0)
     * \return the internal queue index
     */
    std::size_t GetLine(Time delay);

    /**
     * \brief Put an item into the delay line of \p delay.
     * \param item the item
     * \param delay its delay
     * \return false if the internal queue refused it (it then counts as dropped)
     */
    bool EnqueueInLine(Ptr<QueueDiscItem> item, Time delay);

    /**
     * \brief Make sure the watchdog fires no later than \p at.
     * \param at the absolute time
     */
    void ArmWatchdog(Time at);

    /// Arm the watchdog for the earliest release time still in the future.
    void ArmWatchdogForPending();

    /// Watchdog expiry: transmit what is due.
    void OnWatchdog();

    // Attributes
    uint8_t m_flagsMask;    //!< TCP flags examined
    uint8_t m_flagsValue;   //!< required value of the examined flags
    Payload m_payload;      //!< payload criterion
    uint32_t m_skipMatches; //!< candidates let through before acting
    uint32_t m_maxMatches;  //!< maximum number of segments acted on (0 = unlimited)
    uint32_t m_copies;      //!< extra copies per acted-on segment
    Time m_copyDelay;       //!< spacing of the copies
    Time m_originalDelay;   //!< delay of the original
    bool m_dropOriginal;    //!< drop the original

    // State
    std::vector<Time> m_lineDelay; //!< delay of each internal queue (delay line)
    bool m_injecting{false};       //!< an extra item is being enqueued
    Time m_injectDelay;            //!< its delay
    EventId m_watchdog;            //!< next Run() for delayed items
    Time m_watchdogTime;           //!< when m_watchdog fires

    // Counters
    uint64_t m_nMatched{0};    //!< candidates seen
    uint64_t m_nActedOn{0};    //!< candidates acted on
    uint64_t m_nDuplicated{0}; //!< extra items injected
    uint64_t m_nDelayed{0};    //!< originals delayed
    uint64_t m_nDropped{0};    //!< originals dropped by the action

    // Traces
    TracedCallback<Ptr<const Packet>, const TcpHeader&> m_matchedTrace;    //!< candidate seen
    TracedCallback<Ptr<const Packet>, const TcpHeader&> m_duplicatedTrace; //!< copy injected
    TracedCallback<Ptr<const Packet>, const TcpHeader&> m_delayedTrace;    //!< original delayed
    TracedCallback<Ptr<const Packet>, const TcpHeader&> m_droppedTrace;    //!< original dropped
};

} // namespace ns3

#endif /* TCP_SEGMENT_DUPLICATOR_H */
