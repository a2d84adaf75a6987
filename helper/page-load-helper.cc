/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "page-load-helper.h"

#include "ns3/abort.h"
#include "ns3/page-load-client.h"
#include "ns3/tcp-fast-open-helper.h"

namespace ns3
{

PageLoadHelper::PageLoadHelper(const PageDescription& page, const std::vector<Address>& origins)
    : TcpFastOpenApplicationHelper(PageLoadClient::GetTypeId()),
      m_page(page),
      m_origins(origins)
{
    NS_ABORT_MSG_IF(origins.size() < page.GetOriginCount(),
                    "PageLoadHelper: the page has " << page.GetOriginCount() << " origins, "
                                                    << origins.size() << " addresses given");
    SetAttribute("Protocol",
                 TypeIdValue(TypeId::LookupByName(TcpFastOpenHelper::GetSocketFactoryType())));
}

Ptr<Application>
PageLoadHelper::DoCreate() const
{
    Ptr<PageLoadClient> client = m_factory.Create<PageLoadClient>();
    client->SetPage(m_page);
    client->SetOrigins(m_origins);
    return client;
}

} // namespace ns3
