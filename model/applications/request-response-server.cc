/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "request-response-server.h"

#include "ns3/abort.h"
#include "ns3/address-utils.h"
#include "ns3/buffer.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/trace-source-accessor.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RequestResponseServer");
NS_OBJECT_ENSURE_REGISTERED(RequestResponseServer);

namespace
{
/// Largest chunk handed to the socket at once.
constexpr uint32_t kMaxWrite = 65536;
} // namespace

TypeId
RequestResponseServer::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::RequestResponseServer")
            .SetParent<Application>()
            .SetGroupName("TcpFastOpen")
            .AddConstructor<RequestResponseServer>()
            .AddAttribute("Local",
                          "The address to listen on (InetSocketAddress or Inet6SocketAddress).",
                          AddressValue(),
                          MakeAddressAccessor(&RequestResponseServer::m_local),
                          MakeAddressChecker())
            .AddAttribute("Protocol",
                          "The socket factory: ns3::TcpFastOpenSocketFactory or "
                          "ns3::TcpSocketFactory.",
                          TypeIdValue(TcpSocketFactory::GetTypeId()),
                          MakeTypeIdAccessor(&RequestResponseServer::m_protocol),
                          MakeTypeIdChecker())
            .AddAttribute("CloseAfter",
                          "Close a connection first (send FIN), this long after its first "
                          "complete request, as an HTTP/1.0 server does after its response. "
                          "0 (the default): the server closes only when the client has.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&RequestResponseServer::m_closeAfter),
                          MakeTimeChecker(Seconds(0)))
            .AddTraceSource("Request",
                            "A request was read in full.",
                            MakeTraceSourceAccessor(&RequestResponseServer::m_requestTrace),
                            "ns3::RequestResponseServer::RequestCallback")
            .AddTraceSource("Rx",
                            "Request bytes were received.",
                            MakeTraceSourceAccessor(&RequestResponseServer::m_rxTrace),
                            "ns3::Packet::AddressTracedCallback");
    return tid;
}

TFO_NS3_DEFINE_GET_INSTANCE_TYPE_ID(RequestResponseServer)

RequestResponseServer::RequestResponseServer()
{
    NS_LOG_FUNCTION(this);
}

RequestResponseServer::~RequestResponseServer()
{
    NS_LOG_FUNCTION(this);
}

void
RequestResponseServer::DoDispose()
{
    m_listener = nullptr;
    m_connections.clear();
    Application::DoDispose();
}

Ptr<Socket>
RequestResponseServer::GetListeningSocket() const
{
    return m_listener;
}

uint64_t
RequestResponseServer::GetRequestCount() const
{
    return m_requests;
}

uint64_t
RequestResponseServer::GetBytesReceived() const
{
    return m_bytesReceived;
}

uint64_t
RequestResponseServer::GetConnectionCount() const
{
    return m_accepted;
}

void
RequestResponseServer::StartApplication()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(m_local.IsInvalid(), "RequestResponseServer: the Local attribute is not set");
    if (!m_listener)
    {
        m_listener = Socket::CreateSocket(GetNode(), m_protocol);
        NS_ABORT_MSG_IF(m_listener->Bind(m_local) != 0,
                        "RequestResponseServer: cannot bind to " << m_local);
        m_listener->Listen();
        m_listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                      MakeCallback(&RequestResponseServer::HandleAccept, this));
    }
}

void
RequestResponseServer::StopApplication()
{
    NS_LOG_FUNCTION(this);
    for (auto& [socket, state] : m_connections)
    {
        state.closeEvent.Cancel();
        socket->Close();
    }
    m_connections.clear();
    if (m_listener)
    {
        m_listener->Close();
        m_listener->SetAcceptCallback(MakeNullCallback<bool, Ptr<Socket>, const Address&>(),
                                      MakeNullCallback<void, Ptr<Socket>, const Address&>());
    }
}

void
RequestResponseServer::HandleAccept(Ptr<Socket> socket, const Address& from)
{
    NS_LOG_FUNCTION(this << socket << from);
    m_accepted++;
    m_connections[socket].from = from;
    socket->SetRecvCallback(MakeCallback(&RequestResponseServer::HandleRead, this));
    socket->SetSendCallback(MakeCallback(&RequestResponseServer::HandleSend, this));
    socket->SetCloseCallbacks(MakeCallback(&RequestResponseServer::HandleClose, this),
                              MakeCallback(&RequestResponseServer::HandleClose, this));
}

void
RequestResponseServer::HandleRead(Ptr<Socket> socket)
{
    auto it = m_connections.find(socket);
    Ptr<Packet> packet;
    bool peerClosed = false;
    while ((packet = socket->Recv()))
    {
        if (packet->GetSize() == 0)
        {
            // End of file: TcpSocketBase::Recv returns an empty packet for as
            // long as the socket stays in CLOSE_WAIT with nothing to read
            // (read() == 0), so it ends the loop. A child accepted after the
            // peer's FIN (AcceptRate > 0) gets no close callback: its FIN came
            // before the application set one.
            peerClosed = true;
            break;
        }
        if (it == m_connections.end())
        {
            continue;
        }
        m_bytesReceived += packet->GetSize();
        m_rxTrace(packet, it->second.from);
        Consume(socket, it->second, packet);
    }
    if (it != m_connections.end())
    {
        SendResponse(socket, it->second);
    }
    if (peerClosed)
    {
        CloseConnection(socket);
    }
}

void
RequestResponseServer::Consume(Ptr<Socket> socket, Connection& state, Ptr<Packet> packet)
{
    uint32_t offset = 0;
    const uint32_t size = packet->GetSize();
    while (offset < size)
    {
        if (state.headerBytes < state.header.size())
        {
            const uint32_t take =
                std::min<uint32_t>(state.header.size() - state.headerBytes, size - offset);
            packet->CreateFragment(offset, take)
                ->CopyData(state.header.data() + state.headerBytes, take);
            state.headerBytes += take;
            offset += take;
            if (state.headerBytes < state.header.size())
            {
                break;
            }
            Buffer buffer;
            buffer.AddAtStart(state.header.size());
            buffer.Begin().Write(state.header.data(), state.header.size());
            Buffer::Iterator i = buffer.Begin();
            state.requestSize = i.ReadNtohU32();
            state.responseSize = i.ReadNtohU32();
            NS_ABORT_MSG_IF(state.requestSize < state.header.size(),
                            "RequestResponseServer: malformed request header (length "
                                << state.requestSize << ")");
            state.requestRemaining = state.requestSize - state.header.size();
        }
        const uint32_t take = std::min(state.requestRemaining, size - offset);
        state.requestRemaining -= take;
        offset += take;
        if (state.requestRemaining == 0)
        {
            // A complete request: queue its response, expect the next header.
            m_requests++;
            m_requestTrace(state.from, state.requestSize, state.responseSize);
            state.responsePending += state.responseSize;
            state.headerBytes = 0;
            if (m_closeAfter.IsStrictlyPositive() && !TfoIsPending(state.closeEvent))
            {
                state.closeEvent = Simulator::Schedule(m_closeAfter,
                                                       &RequestResponseServer::CloseConnection,
                                                       this,
                                                       socket);
            }
        }
    }
}

void
RequestResponseServer::SendResponse(Ptr<Socket> socket, Connection& state)
{
    while (state.responsePending > 0)
    {
        const uint32_t room = socket->GetTxAvailable();
        if (room == 0)
        {
            return; // HandleSend continues
        }
        const uint32_t chunk =
            std::min<uint64_t>({state.responsePending, static_cast<uint64_t>(room), kMaxWrite});
        const int sent = socket->Send(Create<Packet>(chunk));
        if (sent <= 0)
        {
            return;
        }
        state.responsePending -= sent;
    }
}

void
RequestResponseServer::HandleSend(Ptr<Socket> socket, uint32_t /* available */)
{
    auto it = m_connections.find(socket);
    if (it != m_connections.end())
    {
        SendResponse(socket, it->second);
    }
}

void
RequestResponseServer::HandleClose(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    CloseConnection(socket);
}

void
RequestResponseServer::CloseConnection(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    auto it = m_connections.find(socket);
    if (it != m_connections.end())
    {
        it->second.closeEvent.Cancel();
        m_connections.erase(it);
        socket->Close();
    }
}

} // namespace ns3
