/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef PAGE_LOAD_HELPER_H
#define PAGE_LOAD_HELPER_H

#include "ns3/address.h"
#include "ns3/page-description.h"
#include "ns3/tcp-fast-open-application-helper.h"

#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-fast-open
 *
 * \brief Installs PageLoadClient (ns-3 application-helper style): every
 * client loads the same page from the same origins, one RequestResponseServer
 * address per origin (install those with RequestResponseHelper).
 *
 * \code
 *   PageLoadHelper pages(page, {InetSocketAddress(a0, 80), InetSocketAddress(a1, 80)});
 *   pages.SetAttribute("Visits", UintegerValue(2));
 *   ApplicationContainer clients = pages.Install(clientNodes);
 * \endcode
 *
 * "Protocol" defaults to TcpFastOpenHelper::GetSocketFactoryType().
 */
class PageLoadHelper : public TcpFastOpenApplicationHelper
{
  public:
    /**
     * \param page the page
     * \param origins one server address per origin of the page (InetSocketAddress
     *        or Inet6SocketAddress), at least page.GetOriginCount()
     */
    PageLoadHelper(const PageDescription& page, const std::vector<Address>& origins);

  private:
    Ptr<Application> DoCreate() const override;

    PageDescription m_page;         //!< the page
    std::vector<Address> m_origins; //!< its origins' servers
};

} // namespace ns3

#endif /* PAGE_LOAD_HELPER_H */
