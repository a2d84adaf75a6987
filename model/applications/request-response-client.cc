/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "request-response-client.h"

#include "tcp-fast-open-socket.h"

#include "ns3/abort.h"
#include "ns3/address-utils.h"
#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/log.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/trace-source-accessor.h"
#include "ns3/uinteger.h"

#include <vector>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("RequestResponseClient");
NS_OBJECT_ENSURE_REGISTERED(RequestResponseClient);

TypeId
RequestResponseClient::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::RequestResponseClient")
            .SetParent<Application>()
            .SetGroupName("TcpFastOpen")
            .AddConstructor<RequestResponseClient>()
            .AddAttribute("Remote",
                          "The server's address (InetSocketAddress or Inet6SocketAddress).",
                          AddressValue(),
                          MakeAddressAccessor(&RequestResponseClient::m_remote),
                          MakeAddressChecker())
            .AddAttribute("Protocol",
                          "The socket factory: ns3::TcpFastOpenSocketFactory or "
                          "ns3::TcpSocketFactory.",
                          TypeIdValue(TcpSocketFactory::GetTypeId()),
                          MakeTypeIdAccessor(&RequestResponseClient::m_protocol),
                          MakeTypeIdChecker())
            .AddAttribute("RequestSize",
                          "Bytes in each request, including the 8-byte header.",
                          UintegerValue(100),
                          MakeUintegerAccessor(&RequestResponseClient::m_requestSize),
                          MakeUintegerChecker<uint32_t>(HEADER_SIZE))
            .AddAttribute("ResponseSize",
                          "Bytes the server sends back for each request.",
                          UintegerValue(1000),
                          MakeUintegerAccessor(&RequestResponseClient::m_responseSize),
                          MakeUintegerChecker<uint32_t>(1))
            .AddAttribute("Transactions",
                          "Number of transactions (0 = until the application stops).",
                          UintegerValue(1),
                          MakeUintegerAccessor(&RequestResponseClient::m_maxTransactions),
                          MakeUintegerChecker<uint32_t>())
            .AddAttribute("ThinkTime",
                          "Time between a complete response and the next request.",
                          TimeValue(Seconds(0)),
                          MakeTimeAccessor(&RequestResponseClient::m_thinkTime),
                          MakeTimeChecker(Seconds(0)))
            .AddAttribute("Persistent",
                          "Send every request over one connection (else one connection per "
                          "transaction).",
                          BooleanValue(false),
                          MakeBooleanAccessor(&RequestResponseClient::m_persistent),
                          MakeBooleanChecker())
            .AddAttribute("FastOpenApi",
                          "How connections are opened: PlainConnect (no TFO), SendTo "
                          "(sendto with MSG_FASTOPEN) or FastOpenConnect (TCP_FASTOPEN_CONNECT).",
                          EnumValue(SENDTO_FASTOPEN),
                          TFO_MAKE_ENUM_ACCESSOR(RequestResponseClient::FastOpenApi,
                                                 &RequestResponseClient::m_api),
                          MakeEnumChecker(PLAIN_CONNECT,
                                          "PlainConnect",
                                          SENDTO_FASTOPEN,
                                          "SendTo",
                                          FASTOPEN_CONNECT,
                                          "FastOpenConnect"))
            .AddAttribute("HoldOpen",
                          "Keep the connection of this transaction (0-based) open after its "
                          "response; it is closed once the next transaction's response has "
                          "arrived (e.g. to hold a server's child in a state). Default: none.",
                          UintegerValue(UINT32_MAX),
                          MakeUintegerAccessor(&RequestResponseClient::m_holdOpen),
                          MakeUintegerChecker<uint32_t>())
            .AddTraceSource("TransactionStart",
                            "A transaction starts (its record holds index and start time).",
                            MakeTraceSourceAccessor(&RequestResponseClient::m_startTrace),
                            "ns3::RequestResponseClient::TransactionCallback")
            .AddTraceSource("Transaction",
                            "A transaction finished (its response arrived in full).",
                            MakeTraceSourceAccessor(&RequestResponseClient::m_transactionTrace),
                            "ns3::RequestResponseClient::TransactionCallback");
    return tid;
}

TFO_NS3_DEFINE_GET_INSTANCE_TYPE_ID(RequestResponseClient)

RequestResponseClient::RequestResponseClient()
{
    NS_LOG_FUNCTION(this);
}

RequestResponseClient::~RequestResponseClient()
{
    NS_LOG_FUNCTION(this);
}

void
RequestResponseClient::DoDispose()
{
    m_socket = nullptr;
    m_heldSocket = nullptr;
    Application::DoDispose();
}

const std::vector<TransactionRecord>&
RequestResponseClient::GetTransactions() const
{
    return m_records;
}

uint32_t
RequestResponseClient::GetCompletedCount() const
{
    uint32_t n = 0;
    for (const auto& r : m_records)
    {
        n += r.completed ? 1 : 0;
    }
    return n;
}

Ptr<Socket>
RequestResponseClient::GetSocket() const
{
    return m_socket;
}

void
RequestResponseClient::StartApplication()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(m_remote.IsInvalid(), "RequestResponseClient: the Remote attribute is not set");
    m_nextEvent = Simulator::ScheduleNow(&RequestResponseClient::StartTransaction, this);
}

void
RequestResponseClient::StopApplication()
{
    NS_LOG_FUNCTION(this);
    m_nextEvent.Cancel();
    CloseSocket();
    if (m_heldSocket)
    {
        m_heldSocket->Close();
        m_heldSocket = nullptr;
    }
}

void
RequestResponseClient::StartTransaction()
{
    if (m_maxTransactions > 0 && m_records.size() >= m_maxTransactions)
    {
        return;
    }
    TransactionRecord record;
    record.index = m_records.size();
    record.start = Simulator::Now();
    record.requestSize = m_requestSize;
    record.responseSize = m_responseSize;
    m_records.push_back(record);
    m_received = 0;
    m_requestSent = false;
    NS_LOG_INFO("transaction " << record.index << " starts");
    m_startTrace(m_records.back());

    if (m_persistent && m_socket && m_connected)
    {
        m_records.back().connection = m_connections - 1;
        m_records.back().connected = Simulator::Now();
        SendRequest();
    }
    else
    {
        OpenConnection();
    }
}

Ptr<Packet>
RequestResponseClient::MakeRequest() const
{
    std::vector<uint8_t> bytes(m_requestSize, 'x');
    Buffer header;
    header.AddAtStart(HEADER_SIZE);
    Buffer::Iterator i = header.Begin();
    i.WriteHtonU32(m_requestSize);
    i.WriteHtonU32(m_responseSize);
    header.CopyData(bytes.data(), HEADER_SIZE);
    return Create<Packet>(bytes.data(), bytes.size());
}

void
RequestResponseClient::OpenConnection()
{
    NS_LOG_FUNCTION(this);
    CloseSocket();
    m_socket = Socket::CreateSocket(GetNode(), m_protocol);
    m_connected = false;
    TransactionRecord& record = m_records.back();
    record.newConnection = true;
    record.connection = m_connections++;

    const int bound =
        Inet6SocketAddress::IsMatchingType(m_remote) ? m_socket->Bind6() : m_socket->Bind();
    NS_ABORT_MSG_IF(bound != 0, "RequestResponseClient: bind failed");
    m_socket->SetConnectCallback(MakeCallback(&RequestResponseClient::ConnectionSucceeded, this),
                                 MakeCallback(&RequestResponseClient::ConnectionFailed, this));
    m_socket->SetRecvCallback(MakeCallback(&RequestResponseClient::HandleRead, this));
    m_socket->SetCloseCallbacks(MakeCallback(&RequestResponseClient::HandleClose, this),
                                MakeCallback(&RequestResponseClient::HandleClose, this));

    Ptr<TcpFastOpenSocket> tfo = DynamicCast<TcpFastOpenSocket>(m_socket);
    if (tfo && m_api == SENDTO_FASTOPEN)
    {
        const int sent = m_socket->SendTo(MakeRequest(), TcpFastOpenSocket::MSG_FASTOPEN, m_remote);
        NS_ABORT_MSG_IF(sent < 0,
                        "RequestResponseClient: sendto(MSG_FASTOPEN) failed with errno "
                            << m_socket->GetErrno()
                            << " (does the socket's Mode have the client bit 0x1?)");
        m_requestSent = true;
        return;
    }
    if (tfo && m_api == FASTOPEN_CONNECT)
    {
        tfo->SetAttribute("FastOpenConnect", BooleanValue(true));
    }
    NS_ABORT_MSG_IF(m_socket->Connect(m_remote) != 0,
                    "RequestResponseClient: connect failed with errno " << m_socket->GetErrno());
}

void
RequestResponseClient::SendRequest()
{
    NS_LOG_FUNCTION(this);
    const int sent = m_socket->Send(MakeRequest());
    NS_ABORT_MSG_IF(sent != static_cast<int>(m_requestSize),
                    "RequestResponseClient: the socket took " << sent << " of " << m_requestSize
                                                              << " request bytes (SndBufSize?)");
    m_requestSent = true;
}

void
RequestResponseClient::ConnectionSucceeded(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    if (socket != m_socket)
    {
        return;
    }
    m_connected = true;
    m_records.back().connected = Simulator::Now();
    if (!m_requestSent)
    {
        SendRequest();
    }
}

void
RequestResponseClient::ConnectionFailed(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    if (socket != m_socket)
    {
        return;
    }
    NS_LOG_WARN("transaction " << m_records.back().index << ": connection failed");
    m_socket = nullptr;
    m_connected = false;
    m_nextEvent = Simulator::Schedule(m_thinkTime, &RequestResponseClient::StartTransaction, this);
}

void
RequestResponseClient::HandleRead(Ptr<Socket> socket)
{
    Ptr<Packet> packet;
    while ((packet = socket->Recv()))
    {
        if (socket != m_socket || packet->GetSize() == 0)
        {
            continue;
        }
        if (m_received == 0)
        {
            m_records.back().firstByte = Simulator::Now();
        }
        m_received += packet->GetSize();
    }
    if (socket == m_socket && m_requestSent && !m_records.back().completed &&
        m_received >= m_responseSize)
    {
        FinishTransaction();
    }
}

void
RequestResponseClient::HandleClose(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    if (socket != m_socket)
    {
        return;
    }
    // The connection ended before the response was complete.
    NS_LOG_WARN("transaction " << m_records.back().index << ": connection closed early");
    m_socket = nullptr;
    m_connected = false;
    m_nextEvent = Simulator::Schedule(m_thinkTime, &RequestResponseClient::StartTransaction, this);
}

void
RequestResponseClient::FinishTransaction()
{
    TransactionRecord& record = m_records.back();
    record.completion = Simulator::Now();
    record.completed = true;
    Ptr<TcpFastOpenSocket> tfo = DynamicCast<TcpFastOpenSocket>(m_socket);
    if (tfo && record.newConnection)
    {
        record.synDataBytes = tfo->GetSynDataSent();
        record.synDataAcked = tfo->IsSynDataAcked();
        record.clientFailReason = tfo->GetClientFailReason();
    }
    if (record.connected.IsZero() && record.newConnection)
    {
        record.connected = record.completion; // sendto(MSG_FASTOPEN) without a callback
    }
    NS_LOG_INFO("transaction " << record.index << " done in " << record.GetLatency().As(Time::MS));
    m_transactionTrace(record);
    if (m_heldSocket && record.index == m_holdOpen + 1)
    {
        m_heldSocket->Close();
        m_heldSocket = nullptr;
    }
    if (record.index == m_holdOpen && !m_persistent)
    {
        // Keep it open; drain what still arrives so that Close() will not reset.
        m_heldSocket = m_socket;
        m_heldSocket->SetRecvCallback(MakeCallback(&RequestResponseClient::DrainHeld, this));
        m_heldSocket->SetCloseCallbacks(MakeNullCallback<void, Ptr<Socket>>(),
                                        MakeNullCallback<void, Ptr<Socket>>());
        m_socket = nullptr;
        m_connected = false;
    }
    else if (!m_persistent)
    {
        CloseSocket();
    }
    m_nextEvent = Simulator::Schedule(m_thinkTime, &RequestResponseClient::StartTransaction, this);
}

void
RequestResponseClient::DrainHeld(Ptr<Socket> socket)
{
    while (socket->Recv())
    {
    }
}

void
RequestResponseClient::CloseSocket()
{
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
        m_socket->SetCloseCallbacks(MakeNullCallback<void, Ptr<Socket>>(),
                                    MakeNullCallback<void, Ptr<Socket>>());
        m_socket->Close();
        m_socket = nullptr;
        m_connected = false;
    }
}

} // namespace ns3
