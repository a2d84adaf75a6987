/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "page-load-client.h"

#include "tcp-fast-open-socket.h"

#include "ns3/abort.h"
#include "ns3/boolean.h"
#include "ns3/buffer.h"
#include "ns3/enum.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("PageLoadClient");

NS_OBJECT_ENSURE_REGISTERED(PageLoadClient);

TypeId
PageLoadClient::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::PageLoadClient")
            .SetParent<Application>()
            .SetGroupName("TcpFastOpen")
            .AddConstructor<PageLoadClient>()
            .AddAttribute("Protocol",
                          "The socket factory: ns3::TcpFastOpenSocketFactory or "
                          "ns3::TcpSocketFactory.",
                          TypeIdValue(TcpSocketFactory::GetTypeId()),
                          MakeTypeIdAccessor(&PageLoadClient::m_protocol),
                          MakeTypeIdChecker())
            .AddAttribute("RequestSize",
                          "Bytes of each object's request, including the 8-byte header.",
                          UintegerValue(500),
                          MakeUintegerAccessor(&PageLoadClient::m_requestSize),
                          MakeUintegerChecker<uint32_t>(RequestResponseClient::HEADER_SIZE))
            .AddAttribute("MaxConnectionsPerOrigin",
                          "Parallel connections per origin (browsers: 6).",
                          UintegerValue(6),
                          MakeUintegerAccessor(&PageLoadClient::m_maxConnections),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("Persistent",
                          "Fetch objects one after the other over each connection (else one "
                          "new connection per object).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&PageLoadClient::m_persistent),
                          MakeBooleanChecker())
            .AddAttribute(
                "FastOpenApi",
                "How connections are opened: PlainConnect (no TFO), SendTo "
                "(sendto with MSG_FASTOPEN) or FastOpenConnect (TCP_FASTOPEN_CONNECT).",
                EnumValue(RequestResponseClient::PLAIN_CONNECT),
                TFO_MAKE_ENUM_ACCESSOR(RequestResponseClient::FastOpenApi, &PageLoadClient::m_api),
                MakeEnumChecker(RequestResponseClient::PLAIN_CONNECT,
                                "PlainConnect",
                                RequestResponseClient::SENDTO_FASTOPEN,
                                "SendTo",
                                RequestResponseClient::FASTOPEN_CONNECT,
                                "FastOpenConnect"))
            .AddAttribute("Visits",
                          "How many times the page is loaded (the first visit finds the "
                          "cookie cache cold, later ones warm).",
                          UintegerValue(1),
                          MakeUintegerAccessor(&PageLoadClient::m_visits),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("VisitInterval",
                          "Time between the end of a page load and the start of the next.",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&PageLoadClient::m_visitInterval),
                          MakeTimeChecker())
            .AddTraceSource("PageLoad",
                            "A page load finished (every object arrived).",
                            MakeTraceSourceAccessor(&PageLoadClient::m_pageTrace),
                            "ns3::PageLoadClient::PageLoadCallback");
    return tid;
}

TFO_NS3_DEFINE_GET_INSTANCE_TYPE_ID(PageLoadClient)

PageLoadClient::PageLoadClient()
{
    NS_LOG_FUNCTION(this);
}

PageLoadClient::~PageLoadClient()
{
    NS_LOG_FUNCTION(this);
}

void
PageLoadClient::DoDispose()
{
    m_connections.clear();
    Application::DoDispose();
}

void
PageLoadClient::SetPage(const PageDescription& page)
{
    m_page = page;
}

void
PageLoadClient::SetOrigins(const std::vector<Address>& origins)
{
    m_origins = origins;
}

const std::vector<PageLoadRecord>&
PageLoadClient::GetPageLoads() const
{
    return m_pages;
}

const std::vector<TransactionRecord>&
PageLoadClient::GetObjects() const
{
    return m_objects;
}

void
PageLoadClient::StartApplication()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(m_page.GetBaseSize() == 0, "PageLoadClient: no page set (SetPage)");
    NS_ABORT_MSG_IF(m_origins.size() < m_page.GetOriginCount(),
                    "PageLoadClient: the page uses " << m_page.GetOriginCount()
                                                     << " origins, SetOrigins gave "
                                                     << m_origins.size());
    m_nextVisit = Simulator::ScheduleNow(&PageLoadClient::StartVisit, this);
}

void
PageLoadClient::StopApplication()
{
    NS_LOG_FUNCTION(this);
    m_nextVisit.Cancel();
    while (!m_connections.empty())
    {
        CloseConnection(m_connections.begin()->first);
    }
}

void
PageLoadClient::StartVisit()
{
    NS_LOG_FUNCTION(this);
    PageLoadRecord page;
    page.visit = m_pages.size();
    page.start = Simulator::Now();
    m_pages.push_back(page);
    m_queue.assign(m_page.GetOriginCount(), {});
    m_open.assign(m_page.GetOriginCount(), 0);
    m_visitObjects = 0;
    m_baseDone = false;
    m_visitFirstObject = m_objects.size();

    TransactionRecord base;
    base.index = 0;
    base.requestSize = m_requestSize;
    base.responseSize = m_page.GetBaseSize();
    m_objects.push_back(base);
    m_objectOrigin.push_back(0);
    m_queue[0].push_back(m_objects.size() - 1);
    Dispatch(0);
}

void
PageLoadClient::Dispatch(uint32_t origin)
{
    if (m_persistent)
    {
        for (auto& [socket, conn] : m_connections)
        {
            if (m_queue[origin].empty())
            {
                break;
            }
            if (conn.origin == origin && conn.object < 0 && conn.connected)
            {
                conn.object = m_queue[origin].front();
                m_queue[origin].pop_front();
                conn.firstObject = false;
                TransactionRecord& r = m_objects[conn.object];
                r.connection = conn.number;
                r.newConnection = false;
                r.start = Simulator::Now();
                r.connected = Simulator::Now();
                SendRequest(conn);
            }
        }
    }
    while (!m_queue[origin].empty() && m_open[origin] < m_maxConnections)
    {
        const int64_t object = m_queue[origin].front();
        m_queue[origin].pop_front();
        OpenConnection(origin, object);
    }
}

Ptr<Packet>
PageLoadClient::MakeRequest(const Connection& conn) const
{
    const TransactionRecord& r = m_objects[conn.object];
    std::vector<uint8_t> bytes(r.requestSize, 'x');
    Buffer header;
    header.AddAtStart(RequestResponseClient::HEADER_SIZE);
    Buffer::Iterator i = header.Begin();
    i.WriteHtonU32(r.requestSize);
    i.WriteHtonU32(r.responseSize);
    header.CopyData(bytes.data(), RequestResponseClient::HEADER_SIZE);
    return Create<Packet>(bytes.data(), bytes.size());
}

void
PageLoadClient::OpenConnection(uint32_t origin, int64_t object)
{
    NS_LOG_FUNCTION(this << origin << object);
    const Address& remote = m_origins[origin];
    Ptr<Socket> socket = Socket::CreateSocket(GetNode(), m_protocol);
    Connection conn;
    conn.socket = socket;
    conn.origin = origin;
    conn.number = m_pages.back().connections++;
    conn.object = object;
    ++m_open[origin];
    TransactionRecord& r = m_objects[object];
    r.connection = conn.number;
    r.newConnection = true;
    r.start = Simulator::Now();

    const int bound = Inet6SocketAddress::IsMatchingType(remote) ? socket->Bind6() : socket->Bind();
    NS_ABORT_MSG_IF(bound != 0, "PageLoadClient: bind failed");
    socket->SetConnectCallback(MakeCallback(&PageLoadClient::ConnectionSucceeded, this),
                               MakeCallback(&PageLoadClient::ConnectionFailed, this));
    socket->SetRecvCallback(MakeCallback(&PageLoadClient::HandleRead, this));
    socket->SetCloseCallbacks(MakeCallback(&PageLoadClient::HandleClose, this),
                              MakeCallback(&PageLoadClient::HandleClose, this));
    Connection& stored = m_connections.emplace(socket, conn).first->second;

    Ptr<TcpFastOpenSocket> tfo = DynamicCast<TcpFastOpenSocket>(socket);
    if (tfo && m_api == RequestResponseClient::SENDTO_FASTOPEN)
    {
        const int sent =
            socket->SendTo(MakeRequest(stored), TcpFastOpenSocket::MSG_FASTOPEN, remote);
        NS_ABORT_MSG_IF(sent < 0,
                        "PageLoadClient: sendto(MSG_FASTOPEN) failed with errno "
                            << socket->GetErrno()
                            << " (does the socket's Mode have the client bit 0x1?)");
        stored.requestSent = true;
        return;
    }
    if (tfo && m_api == RequestResponseClient::FASTOPEN_CONNECT)
    {
        tfo->SetAttribute("FastOpenConnect", BooleanValue(true));
    }
    NS_ABORT_MSG_IF(socket->Connect(remote) != 0,
                    "PageLoadClient: connect failed with errno " << socket->GetErrno());
}

void
PageLoadClient::SendRequest(Connection& conn)
{
    const uint32_t size = m_objects[conn.object].requestSize;
    const int sent = conn.socket->Send(MakeRequest(conn));
    NS_ABORT_MSG_IF(sent != static_cast<int>(size),
                    "PageLoadClient: the socket took " << sent << " of " << size
                                                       << " request bytes (SndBufSize?)");
    conn.requestSent = true;
    conn.received = 0;
}

PageLoadClient::Connection*
PageLoadClient::Find(Ptr<Socket> socket)
{
    auto i = m_connections.find(socket);
    return i == m_connections.end() ? nullptr : &i->second;
}

void
PageLoadClient::ConnectionSucceeded(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    Connection* conn = Find(socket);
    if (!conn)
    {
        return;
    }
    conn->connected = true;
    if (conn->object >= 0)
    {
        m_objects[conn->object].connected = Simulator::Now();
        if (!conn->requestSent)
        {
            SendRequest(*conn);
        }
    }
}

void
PageLoadClient::ConnectionFailed(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    NS_LOG_WARN("connection failed; its object is requeued");
    Lose(socket);
}

void
PageLoadClient::HandleClose(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    Lose(socket);
}

void
PageLoadClient::Lose(Ptr<Socket> socket)
{
    Connection* conn = Find(socket);
    if (!conn)
    {
        return;
    }
    const uint32_t origin = conn->origin;
    const int64_t object = conn->object;
    CloseConnection(socket);
    if (object >= 0)
    {
        m_objects[object].firstByte = Time();
        m_queue[origin].push_front(object);
    }
    Dispatch(origin);
}

void
PageLoadClient::HandleRead(Ptr<Socket> socket)
{
    Connection* conn = Find(socket);
    Ptr<Packet> packet;
    while ((packet = socket->Recv()))
    {
        if (!conn || conn->object < 0 || packet->GetSize() == 0)
        {
            continue;
        }
        if (conn->received == 0)
        {
            m_objects[conn->object].firstByte = Simulator::Now();
        }
        conn->received += packet->GetSize();
    }
    if (conn && conn->object >= 0 && conn->requestSent &&
        conn->received >= m_objects[conn->object].responseSize)
    {
        FinishObject(*conn);
    }
}

void
PageLoadClient::FinishObject(Connection& conn)
{
    TransactionRecord& r = m_objects[conn.object];
    r.completion = Simulator::Now();
    r.completed = true;
    PageLoadRecord& page = m_pages.back();
    ++page.objects;
    Ptr<TcpFastOpenSocket> tfo = DynamicCast<TcpFastOpenSocket>(conn.socket);
    if (tfo && r.newConnection)
    {
        r.synDataBytes = tfo->GetSynDataSent();
        r.synDataAcked = tfo->IsSynDataAcked();
        r.clientFailReason = tfo->GetClientFailReason();
        page.synDataAcked += r.synDataAcked ? 1 : 0;
    }
    if (r.connected.IsZero() && r.newConnection)
    {
        r.connected = r.completion; // sendto(MSG_FASTOPEN) without a callback
    }
    NS_LOG_INFO("object " << r.index << " (" << r.responseSize << " B) done in "
                          << r.GetLatency().As(Time::MS));
    const uint32_t origin = conn.origin;
    conn.object = -1;
    conn.requestSent = false;
    conn.received = 0;
    if (!m_persistent)
    {
        CloseConnection(conn.socket); // conn is gone from here on
    }
    ++m_visitObjects;

    if (!m_baseDone)
    {
        m_baseDone = true;
        page.firstByte = m_objects[m_visitFirstObject].firstByte;
        uint32_t index = 1;
        for (const auto& o : m_page.GetObjects())
        {
            TransactionRecord object;
            object.index = index++;
            object.requestSize = m_requestSize;
            object.responseSize = o.size;
            m_objects.push_back(object);
            m_objectOrigin.push_back(o.origin - 1);
            m_queue[o.origin - 1].push_back(m_objects.size() - 1);
        }
        for (uint32_t i = 0; i < m_queue.size(); ++i)
        {
            Dispatch(i);
        }
    }
    else
    {
        Dispatch(origin);
    }

    if (m_visitObjects == 1 + m_page.GetObjectCount())
    {
        page.completion = Simulator::Now();
        page.completed = true;
        NS_LOG_INFO("visit " << page.visit << " loaded in " << page.GetLoadTime().As(Time::MS));
        while (!m_connections.empty())
        {
            CloseConnection(m_connections.begin()->first);
        }
        m_pageTrace(page);
        if (m_pages.size() < m_visits)
        {
            m_nextVisit = Simulator::Schedule(m_visitInterval, &PageLoadClient::StartVisit, this);
        }
    }
}

void
PageLoadClient::CloseConnection(Ptr<Socket> socket)
{
    auto i = m_connections.find(socket);
    if (i == m_connections.end())
    {
        return;
    }
    NS_ASSERT(m_open[i->second.origin] > 0);
    --m_open[i->second.origin];
    socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    socket->SetCloseCallbacks(MakeNullCallback<void, Ptr<Socket>>(),
                              MakeNullCallback<void, Ptr<Socket>>());
    socket->SetConnectCallback(MakeNullCallback<void, Ptr<Socket>>(),
                               MakeNullCallback<void, Ptr<Socket>>());
    m_connections.erase(i);
    socket->Close();
}

} // namespace ns3
