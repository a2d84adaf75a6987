/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_SEGMENT_DUPLICATOR_HELPER_H
#define TCP_SEGMENT_DUPLICATOR_HELPER_H

#include "ns3/attribute.h"
#include "ns3/net-device-container.h"
#include "ns3/object-factory.h"
#include "ns3/queue-disc-container.h"

#include <string>

namespace ns3
{

/**
 * \ingroup tcp-fast-open
 *
 * \brief Installs a TcpSegmentDuplicator (or a subclass: SetTypeId()) as the
 * root queue disc of NetDevices.
 *
 * Install() replaces the device's existing root queue disc, if any (e.g. the
 * default one Ipv4AddressHelper / Ipv6AddressHelper::Assign installs), so call
 * it after assigning addresses. It must run before the simulation starts: the
 * TrafficControlLayer wires root queue discs to their devices when it
 * initializes. Installing needs the internet stack on the node.
 */
class TcpSegmentDuplicatorHelper
{
  public:
    /// Creates ns3::TcpSegmentDuplicator elements.
    TcpSegmentDuplicatorHelper();

    /**
     * \brief Create elements of another type (a middlebox model derived from
     * TcpSegmentDuplicator). Aborts if the type is unknown or not derived.
     * \param type the TypeId name
     */
    void SetTypeId(const std::string& type);

    /**
     * \brief Set an attribute of the elements to create. Aborts on an unknown
     * attribute or an invalid value.
     * \param name the attribute name
     * \param value the value
     */
    void SetAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief Install one element on each device.
     * \param devices the devices
     * \return the elements (TcpSegmentDuplicator), in device order
     */
    QueueDiscContainer Install(const NetDeviceContainer& devices) const;

    /**
     * \brief Install one element on a device.
     * \param device the device
     * \return the element (TcpSegmentDuplicator)
     */
    QueueDiscContainer Install(Ptr<NetDevice> device) const;

  private:
    ObjectFactory m_factory; //!< creates the elements
};

} // namespace ns3

#endif /* TCP_SEGMENT_DUPLICATOR_HELPER_H */
