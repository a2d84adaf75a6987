/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef PAGE_LOAD_CLIENT_H
#define PAGE_LOAD_CLIENT_H

#include "page-description.h"
#include "request-response-client.h"

#include "ns3/address.h"
#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/tcp-fast-open-ns3-compat.h"
#include "ns3/traced-callback.h"

#include <deque>
#include <map>
#include <vector>

namespace ns3
{

class Socket;
class Packet;

/**
 * \ingroup tcp-fast-open
 *
 * One page load as PageLoadClient saw it.
 */
struct PageLoadRecord
{
    uint32_t visit{0};        //!< 0-based visit number
    Time start;               //!< the load started (base object requested)
    Time firstByte;           //!< first byte of the base object arrived
    Time completion;          //!< the last object arrived in full
    uint32_t objects{0};      //!< objects fetched (base included)
    uint32_t connections{0};  //!< connections opened
    uint32_t synDataAcked{0}; //!< connections whose SYN data the server accepted
    bool completed{false};    //!< every object arrived

    /// \return completion - start (the page load time)
    Time GetLoadTime() const
    {
        return completion - start;
    }
};

/**
 * \ingroup tcp-fast-open
 *
 * \brief Loads a web page as a browser of the CoNEXT 2011 TFO paper's time
 * does: the base object from origin 1, then every embedded object, each from
 * its origin, over at most MaxConnectionsPerOrigin parallel connections per
 * origin, either one new connection per object or persistent connections
 * that fetch objects one after the other. The page load time runs from the
 * request of the base object to the completion of the last object.
 *
 * The page can be loaded several times ("Visits", VisitInterval apart): the
 * first visit finds the client's TFO cookie cache cold, later visits find it
 * warm (the earlier visit fetched a cookie from every origin). Each visit
 * opens new connections; the previous visit's connections are closed when it
 * completes.
 *
 * It talks to RequestResponseServer: every request carries the 8-byte header
 * of RequestResponseClient (request bytes, response bytes), so each origin is
 * a RequestResponseServer and an object's size is the response size asked
 * for. TFO is used as RequestResponseClient uses it ("FastOpenApi").
 */
class PageLoadClient : public Application
{
  public:
    /**
     * TracedCallback signature for a finished page load.
     * \param record the page load
     */
    typedef void (*PageLoadCallback)(const PageLoadRecord& record);

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TFO_NS3_DECLARE_GET_INSTANCE_TYPE_ID

    PageLoadClient();
    ~PageLoadClient() override;

    /// \param page the page to load
    void SetPage(const PageDescription& page);
    /// \param origins address (with port) of origin 1, 2, ... (as many as the page uses)
    void SetOrigins(const std::vector<Address>& origins);

    /// \return every page load started so far
    const std::vector<PageLoadRecord>& GetPageLoads() const;
    /// \return every object fetch of every visit (index = fetch order in its visit)
    const std::vector<TransactionRecord>& GetObjects() const;

  protected:
    void DoDispose() override;

  private:
    /// One connection to an origin.
    struct Connection
    {
        Ptr<Socket> socket;      //!< the socket
        uint32_t origin{0};      //!< 0-based origin
        uint32_t number{0};      //!< connection number in the visit
        bool connected{false};   //!< connect() succeeded
        bool requestSent{false}; //!< the current object's request is written
        uint32_t received{0};    //!< response bytes of the current object
        int64_t object{-1};      //!< index in m_objects of its object (-1: idle)
        bool firstObject{true};  //!< the current object is its first
    };

    void StartApplication() override;
    void StopApplication() override;

    /// Start a visit: fetch the base object.
    void StartVisit();
    /**
     * \brief Hand queued objects of an origin to idle connections and open new
     * ones up to the limit.
     * \param origin 0-based origin
     */
    void Dispatch(uint32_t origin);
    /**
     * \brief Open a connection to fetch an object.
     * \param origin 0-based origin
     * \param object index in m_objects
     */
    void OpenConnection(uint32_t origin, int64_t object);
    /**
     * \brief Write the current object's request.
     * \param conn the connection
     */
    void SendRequest(Connection& conn);
    /**
     * \param conn the connection
     * \return the request for its current object
     */
    Ptr<Packet> MakeRequest(const Connection& conn) const;
    /**
     * \brief Connection established.
     * \param socket the socket
     */
    void ConnectionSucceeded(Ptr<Socket> socket);
    /**
     * \brief Connection failed.
     * \param socket the socket
     */
    void ConnectionFailed(Ptr<Socket> socket);
    /**
     * \brief Data arrived.
     * \param socket the socket
     */
    void HandleRead(Ptr<Socket> socket);
    /**
     * \brief The peer closed or reset.
     * \param socket the socket
     */
    void HandleClose(Ptr<Socket> socket);
    /**
     * \brief A connection is lost with its object: requeue the object.
     * \param socket the socket
     */
    void Lose(Ptr<Socket> socket);
    /**
     * \brief The current object of a connection arrived in full.
     * \param conn the connection
     */
    void FinishObject(Connection& conn);
    /**
     * \brief Close a connection and forget it.
     * \param socket the socket
     */
    void CloseConnection(Ptr<Socket> socket);
    /**
     * \param socket a socket
     * \return its connection (nullptr if unknown)
     */
    Connection* Find(Ptr<Socket> socket);

    // attributes
    TypeId m_protocol;                        //!< socket factory
    uint32_t m_requestSize;                   //!< request bytes per object
    uint32_t m_maxConnections;                //!< parallel connections per origin
    bool m_persistent;                        //!< reuse connections
    RequestResponseClient::FastOpenApi m_api; //!< how connections are opened
    uint32_t m_visits;                        //!< page loads
    Time m_visitInterval;                     //!< gap between a load's end and the next

    PageDescription m_page;         //!< the page
    std::vector<Address> m_origins; //!< origin addresses

    // state
    std::map<Ptr<Socket>, Connection> m_connections;   //!< open connections
    std::vector<std::deque<int64_t>> m_queue;          //!< objects waiting, per origin
    std::vector<uint32_t> m_open;                      //!< open connections, per origin
    std::vector<uint32_t> m_objectOrigin;              //!< origin of each object of m_objects
    uint32_t m_visitObjects{0};                        //!< objects of the current visit done
    size_t m_visitFirstObject{0};                      //!< index in m_objects of its base object
    bool m_baseDone{false};                            //!< the base object arrived
    EventId m_nextVisit;                               //!< next visit
    std::vector<PageLoadRecord> m_pages;               //!< page loads
    std::vector<TransactionRecord> m_objects;          //!< object fetches
    TracedCallback<const PageLoadRecord&> m_pageTrace; //!< "PageLoad"
};

} // namespace ns3

#endif /* PAGE_LOAD_CLIENT_H */
