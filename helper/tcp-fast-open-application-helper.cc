/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-fast-open-application-helper.h"

#include "ns3/application.h"
#include "ns3/node.h"

namespace ns3
{

TcpFastOpenApplicationHelper::TcpFastOpenApplicationHelper(TypeId type)
{
    m_factory.SetTypeId(type);
}

void
TcpFastOpenApplicationHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

ApplicationContainer
TcpFastOpenApplicationHelper::Install(NodeContainer nodes) const
{
    ApplicationContainer apps;
    for (auto i = nodes.Begin(); i != nodes.End(); ++i)
    {
        Ptr<Application> app = DoCreate();
        (*i)->AddApplication(app);
        apps.Add(app);
    }
    return apps;
}

ApplicationContainer
TcpFastOpenApplicationHelper::Install(Ptr<Node> node) const
{
    return Install(NodeContainer(node));
}

Ptr<Application>
TcpFastOpenApplicationHelper::DoCreate() const
{
    return m_factory.Create<Application>();
}

} // namespace ns3
