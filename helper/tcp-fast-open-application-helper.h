/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_FAST_OPEN_APPLICATION_HELPER_H
#define TCP_FAST_OPEN_APPLICATION_HELPER_H

#include "ns3/application-container.h"
#include "ns3/attribute.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"

#include <string>

namespace ns3
{

class Application;

/**
 * \ingroup tcp-fast-open
 *
 * \brief ns-3's application-helper pattern (ns-3.40's ApplicationHelper,
 * which ns-3.37 lacks) for the module's applications: an ObjectFactory for
 * one application type, SetAttribute(), and Install() returning an
 * ApplicationContainer with one application per node.
 *
 * Subclasses (PageLoadHelper, SynFloodAttackerHelper) and RequestResponseHelper
 * set the type and the defaults; DoCreate() may configure what attributes
 * cannot hold.
 */
class TcpFastOpenApplicationHelper
{
  public:
    /// \param type the application's TypeId
    TcpFastOpenApplicationHelper(TypeId type);
    virtual ~TcpFastOpenApplicationHelper() = default;

    /**
     * \param name an attribute of the application
     * \param value its value
     */
    void SetAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \param nodes the nodes
     * \return one new application per node, added to it
     */
    ApplicationContainer Install(NodeContainer nodes) const;

    /**
     * \param node a node
     * \return a new application, added to it
     */
    ApplicationContainer Install(Ptr<Node> node) const;

  protected:
    /// \return a new application from the factory (subclasses add to it)
    virtual Ptr<Application> DoCreate() const;

    ObjectFactory m_factory; //!< the application's factory
};

} // namespace ns3

#endif /* TCP_FAST_OPEN_APPLICATION_HELPER_H */
