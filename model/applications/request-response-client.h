/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef REQUEST_RESPONSE_CLIENT_H
#define REQUEST_RESPONSE_CLIENT_H

#include "ns3/address.h"
#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/tcp-fast-open-ns3-compat.h"
#include "ns3/traced-callback.h"

#include <vector>

namespace ns3
{

class Socket;
class Packet;

/**
 * \ingroup tcp-fast-open
 *
 * One request/response exchange as the client saw it.
 */
struct TransactionRecord
{
    uint32_t index{0};           //!< 0-based transaction number
    uint32_t connection{0};      //!< 0-based connection number it used
    bool newConnection{false};   //!< the transaction opened its connection
    Time start;                  //!< the application asked for the transaction
    Time connected;              //!< connect() reported success (start if reused)
    Time firstByte;              //!< first response byte arrived
    Time completion;             //!< last response byte arrived
    uint32_t requestSize{0};     //!< request bytes
    uint32_t responseSize{0};    //!< response bytes
    uint32_t synDataBytes{0};    //!< request bytes carried by the SYN (TFO)
    bool synDataAcked{false};    //!< the server acknowledged them in its SYN-ACK
    uint8_t clientFailReason{0}; //!< TcpFastOpenSocket::ClientFailReason of its connection
    bool completed{false};       //!< the whole response arrived

    /// \return completion - start (the transaction latency)
    Time GetLatency() const
    {
        return completion - start;
    }
};

/**
 * \ingroup tcp-fast-open
 *
 * \brief Request/response client: sends requests of RequestSize bytes and
 * waits for ResponseSize bytes each, over a new connection per transaction or
 * one persistent connection, with a think time between transactions.
 *
 * Each request starts with an 8-byte header (request length, response length,
 * both big-endian uint32) that RequestResponseServer reads, followed by
 * filler bytes: the payload is real bytes, so pcaps show what was sent.
 *
 * TFO is used through the API chosen with "FastOpenApi" (Linux's two): SendTo
 * with MSG_FASTOPEN, or TCP_FASTOPEN_CONNECT (connect, then write). With a
 * socket that is not a TcpFastOpenSocket (e.g. ns3::TcpSocketFactory) the
 * client connects and writes as usual.
 */
class RequestResponseClient : public Application
{
  public:
    /// How the client opens a connection.
    enum FastOpenApi
    {
        PLAIN_CONNECT,   //!< connect(), then write: no TFO
        SENDTO_FASTOPEN, //!< sendto(MSG_FASTOPEN): connect and write in one call
        FASTOPEN_CONNECT //!< TCP_FASTOPEN_CONNECT socket option, connect(), write()
    };

    /**
     * TracedCallback signature for a finished transaction.
     * \param record the transaction
     */
    typedef void (*TransactionCallback)(const TransactionRecord& record);

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TFO_NS3_DECLARE_GET_INSTANCE_TYPE_ID

    RequestResponseClient();
    ~RequestResponseClient() override;

    /// \return every transaction started so far
    const std::vector<TransactionRecord>& GetTransactions() const;

    /// \return the number of transactions whose response arrived in full
    uint32_t GetCompletedCount() const;

    /// \return the socket of the current connection (nullptr between connections)
    Ptr<Socket> GetSocket() const;

    /// The minimum request size: the 8-byte header.
    static constexpr uint32_t HEADER_SIZE = 8;

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;

    /// Start the next transaction (opens a connection if needed).
    void StartTransaction();
    /// Open a new connection for the current transaction.
    void OpenConnection();
    /// \return the request: header plus filler
    Ptr<Packet> MakeRequest() const;
    /// Write the request on the connected socket.
    void SendRequest();
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
     * \brief The connection closed (normally or with an error).
     * \param socket the socket
     */
    void HandleClose(Ptr<Socket> socket);
    /// The current transaction's response is complete.
    void FinishTransaction();
    /// Close and forget the current socket.
    void CloseSocket();
    /**
     * \brief Read and discard what arrives on the held connection.
     * \param socket the held socket
     */
    void DrainHeld(Ptr<Socket> socket);

    // attributes
    Address m_remote;           //!< server address
    TypeId m_protocol;          //!< socket factory
    uint32_t m_requestSize;     //!< request bytes
    uint32_t m_responseSize;    //!< response bytes asked for
    uint32_t m_maxTransactions; //!< transactions to run (0 = until stopped)
    Time m_thinkTime;           //!< gap between a response and the next request
    bool m_persistent;          //!< one connection for every transaction
    FastOpenApi m_api;          //!< how connections are opened
    uint32_t m_holdOpen;        //!< transaction whose connection stays open a while

    // state
    Ptr<Socket> m_socket;                     //!< current connection
    bool m_connected{false};                  //!< m_socket is connected
    uint32_t m_connections{0};                //!< connections opened
    uint32_t m_received{0};                   //!< response bytes of the current transaction
    bool m_requestSent{false};                //!< current request written
    EventId m_nextEvent;                      //!< next transaction
    std::vector<TransactionRecord> m_records; //!< all transactions
    Ptr<Socket> m_heldSocket;                 //!< the HoldOpen transaction's connection
    TracedCallback<const TransactionRecord&> m_startTrace;       //!< "TransactionStart"
    TracedCallback<const TransactionRecord&> m_transactionTrace; //!< "Transaction"
};

} // namespace ns3

#endif /* REQUEST_RESPONSE_CLIENT_H */
