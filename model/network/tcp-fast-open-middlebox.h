/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_FAST_OPEN_MIDDLEBOX_H
#define TCP_FAST_OPEN_MIDDLEBOX_H

#include "tcp-segment-duplicator.h"

#include "ns3/address.h"
#include "ns3/ipv4-address.h"
#include "ns3/node.h"
#include "ns3/tcp-fast-open-ns3-compat.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <tuple>

namespace ns3
{

/**
 * \ingroup tcp-fast-open
 *
 * \brief Models of the middleboxes that broke TCP Fast Open in deployment: a
 * network element on a device's egress (a TcpSegmentDuplicator subclass) that
 * treats Fast Open segments the way firewalls, NATs and normalizers were seen
 * to (browsers turned TFO off because of them).
 *
 * One element has one "Behaviour":
 * - DROP_SYN_DATA: drop SYNs (without ACK) that carry payload;
 * - DROP_SYN_OPTION: drop SYNs (see "Target") that carry option kind 34 or
 *   254 (see "OptionKinds"), whatever the option says;
 * - STRIP_OPTION: remove option kind 34 / 254 from SYNs or SYN-ACKs ("Target")
 *   and forward the rest: the TCP header is rebuilt without the option (the
 *   other options kept in order, NOP alignment dropped, END padding to a
 *   multiple of 4 bytes by TcpHeader), the IP payload length follows the new
 *   size and the TCP checksum is recomputed when the node computes checksums;
 * - RST_SYN_DATA: drop a SYN that carries payload and answer it, from the
 *   node the element is on, with RST|ACK (ack = SYN's sequence + 1 + payload)
 *   sent to the client in the server's name;
 * - DROP_DATA_AFTER_TFO: after a SYN that carries payload and a Fast Open
 *   cookie, drop the first "DataDrops" data-bearing (non-SYN) segments of that
 *   connection. Elements linked with ShareFlowTable() (one per direction, as
 *   TcpFastOpenMiddleboxHelper::InstallOnPath does) share their connection
 *   table, so that the server's data are dropped by the element on the
 *   server-to-client egress after the element on the client-to-server egress
 *   saw the SYN.
 *
 * "Port" and "Address" restrict the element to some flows: a segment is
 * considered only if either of its ports equals "Port" (0 = any) and either
 * of its IPv4 addresses equals "Address" (0.0.0.0 = any; a set address never
 * matches IPv6 segments). TcpSegmentDuplicator's FlagsMask, FlagsValue,
 * Payload, Copies, CopyDelay, OriginalDelay and DropOriginal are not used;
 * SkipMatches and MaxMatches still apply to the segments the behaviour
 * selects.
 *
 * Counters: GetDropped() (segments dropped, any behaviour), GetStripped(),
 * GetResetsSent(), GetTrackedFlows(). Traces: "Dropped" (inherited),
 * "Stripped" (the rewritten segment), "ResetSent" (the RST), "FlowTracked"
 * (the SYN that started a DROP_DATA_AFTER_TFO connection).
 */
class TcpFastOpenMiddlebox : public TcpSegmentDuplicator
{
  public:
    /// What the element does to Fast Open traffic.
    enum Behaviour
    {
        DROP_SYN_DATA,      //!< drop SYNs with payload
        DROP_SYN_OPTION,    //!< drop SYNs carrying option 34/254
        STRIP_OPTION,       //!< remove option 34/254 from SYNs or SYN-ACKs
        RST_SYN_DATA,       //!< drop a SYN with payload and reset the client
        DROP_DATA_AFTER_TFO //!< drop the first DataDrops data segments after a TFO SYN
    };

    /// Which SYN segments the option behaviours look at.
    enum Target
    {
        SYN,     //!< SYN without ACK (the client's)
        SYN_ACK, //!< SYN-ACK (the server's)
        ANY_SYN  //!< both
    };

    /// Which option kinds the option behaviours look for.
    enum OptionKinds
    {
        KIND_34_AND_254, //!< both forms
        KIND_34,         //!< RFC 7413 form only
        KIND_254         //!< experimental form only (any 254 option, whatever its magic)
    };

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TFO_NS3_DECLARE_GET_INSTANCE_TYPE_ID

    TcpFastOpenMiddlebox();
    ~TcpFastOpenMiddlebox() override;

    /**
     * \brief The node the element is on: RST_SYN_DATA sends its resets from
     * it. TcpFastOpenMiddleboxHelper sets it.
     * \param node the node
     */
    void SetNode(Ptr<Node> node);

    /**
     * \brief Let this element and \p other use one connection table
     * (DROP_DATA_AFTER_TFO on both directions of a path).
     * \param other the other element
     */
    void ShareFlowTable(Ptr<TcpFastOpenMiddlebox> other);

    /// \return segments whose option was stripped
    uint64_t GetStripped() const;
    /// \return resets sent
    uint64_t GetResetsSent() const;
    /// \return connections DROP_DATA_AFTER_TFO started to track (counted by the element that saw
    /// the SYN)
    uint64_t GetTrackedFlows() const;

    /**
     * \param behaviour a behaviour
     * \return its attribute name, e.g. "DROP_SYN_DATA"
     */
    static std::string BehaviourToString(Behaviour behaviour);

    /**
     * \brief Whether a TCP header carries an option of the kinds selected.
     * \param header the header
     * \param kinds which kinds
     * \return true if it does
     */
    static bool HasOption(const TcpHeader& header, OptionKinds kinds);

    /**
     * \brief A copy of \p header without the options of the kinds selected
     * (other options kept in order; NOP and END dropped, TcpHeader pads).
     * \param header the header
     * \param kinds which kinds
     * \return the new header
     */
    static TcpHeader StripOptions(const TcpHeader& header, OptionKinds kinds);

  protected:
    void DoDispose() override;
    bool DoMatch(Ptr<const QueueDiscItem> item,
                 const TcpHeader& header,
                 uint32_t payloadSize) const override;
    Action DoAct(Ptr<QueueDiscItem> item, const TcpHeader& header, uint32_t payloadSize) override;
    void DoCheckAttributes() const override;

  private:
    /// A connection: (lower endpoint, higher endpoint), each (address, port).
    using FlowKey = std::tuple<Address, uint16_t, Address, uint16_t>;
    /// Connections tracked by DROP_DATA_AFTER_TFO: data segments still to drop.
    using FlowTable = std::map<FlowKey, uint32_t>;

    /**
     * \brief The direction-independent key of a segment's connection.
     * \param item the item (IP header)
     * \param header its TCP header
     * \return the key
     */
    static FlowKey MakeFlowKey(Ptr<const QueueDiscItem> item, const TcpHeader& header);

    /**
     * \brief "Port" and "Address" filter.
     * \param item the item
     * \param header its TCP header
     * \return true if the segment belongs to a flow the element handles
     */
    bool InScope(Ptr<const QueueDiscItem> item, const TcpHeader& header) const;

    /**
     * \param header a TCP header
     * \return true if it is a SYN or SYN-ACK selected by "Target"
     */
    bool IsTargetSyn(const TcpHeader& header) const;

    /// \param header a TCP header \return true for a SYN without ACK
    static bool IsClientSyn(const TcpHeader& header);

    // One small function per behaviour: does the segment concern it?
    /// \param h header \param payload payload bytes \return match for DROP_SYN_DATA / RST_SYN_DATA
    bool MatchSynData(const TcpHeader& h, uint32_t payload) const;
    /// \param h header \return match for DROP_SYN_OPTION / STRIP_OPTION
    bool MatchOption(const TcpHeader& h) const;
    /**
     * \param item item \param h header \param payload payload bytes
     * \return match for DROP_DATA_AFTER_TFO (records the flow of a TFO SYN)
     */
    bool MatchDataAfterTfo(Ptr<const QueueDiscItem> item,
                           const TcpHeader& h,
                           uint32_t payload) const;

    /**
     * \brief STRIP_OPTION: rewrite the item's TCP header.
     * \param item the item
     * \param header its TCP header
     */
    void Strip(Ptr<QueueDiscItem> item, const TcpHeader& header);

    /**
     * \brief RST_SYN_DATA: send the client a RST for this SYN.
     * \param item the SYN's item
     * \param header the SYN's header
     * \param payloadSize the SYN's payload bytes
     */
    void SendReset(Ptr<const QueueDiscItem> item, const TcpHeader& header, uint32_t payloadSize);

    // Attributes
    Behaviour m_behaviour{DROP_SYN_DATA}; //!< behaviour
    Target m_target{SYN};                 //!< SYNs the option behaviours look at
    OptionKinds m_kinds{KIND_34_AND_254}; //!< option kinds
    uint16_t m_port{0};                   //!< port filter (0 = any)
    Ipv4Address m_address;                //!< address filter (0.0.0.0 = any)
    uint32_t m_dataDrops{1};              //!< DROP_DATA_AFTER_TFO: segments to drop

    Ptr<Node> m_node;                   //!< node (for resets)
    std::shared_ptr<FlowTable> m_flows; //!< DROP_DATA_AFTER_TFO table
    mutable uint64_t m_nTracked{0};     //!< flows tracked
    uint64_t m_nStripped{0};            //!< options stripped
    uint64_t m_nResets{0};              //!< resets sent
    TracedCallback<Ptr<const Packet>, const TcpHeader&> m_strippedTrace;    //!< "Stripped"
    TracedCallback<Ptr<const Packet>, const TcpHeader&> m_resetTrace;       //!< "ResetSent"
    TracedCallback<Ptr<const Packet>, const TcpHeader&> m_flowTrackedTrace; //!< "FlowTracked"
};

} // namespace ns3

#endif /* TCP_FAST_OPEN_MIDDLEBOX_H */
