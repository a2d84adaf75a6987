/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef REQUEST_RESPONSE_SERVER_H
#define REQUEST_RESPONSE_SERVER_H

#include "ns3/address.h"
#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/tcp-fast-open-ns3-compat.h"
#include "ns3/traced-callback.h"

#include <array>
#include <map>

namespace ns3
{

class Socket;
class Packet;

/**
 * \ingroup tcp-fast-open
 *
 * \brief Answers RequestResponseClient: reads each request's 8-byte header
 * (request length, response length), consumes the request and sends the
 * response, on every connection it accepts. It writes as soon as a request is
 * complete, so on a TFO child the response leaves in SYN_RCVD, before the
 * client's ACK, as a Linux server's would.
 */
class RequestResponseServer : public Application
{
  public:
    /**
     * TracedCallback signature for a complete request.
     * \param from the client's address
     * \param requestSize the request's bytes
     * \param responseSize the bytes the server will send back
     */
    typedef void (*RequestCallback)(const Address& from,
                                    uint32_t requestSize,
                                    uint32_t responseSize);

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TFO_NS3_DECLARE_GET_INSTANCE_TYPE_ID

    RequestResponseServer();
    ~RequestResponseServer() override;

    /// \return the listening socket
    Ptr<Socket> GetListeningSocket() const;
    /// \return requests answered so far
    uint64_t GetRequestCount() const;
    /// \return request bytes received so far (all connections)
    uint64_t GetBytesReceived() const;
    /// \return connections accepted so far
    uint64_t GetConnectionCount() const;

  protected:
    void DoDispose() override;

  private:
    /// What the server knows about one connection.
    struct Connection
    {
        Address from;                    //!< the client
        std::array<uint8_t, 8> header{}; //!< current request's header bytes
        uint32_t headerBytes{0};         //!< header bytes read so far
        uint32_t requestSize{0};         //!< current request's size
        uint32_t requestRemaining{0};    //!< request bytes still to read
        uint32_t responseSize{0};        //!< current request's response size
        uint64_t responsePending{0};     //!< response bytes still to send
        EventId closeEvent;              //!< the server's own close (CloseAfter)
    };

    void StartApplication() override;
    void StopApplication() override;

    /**
     * \brief A client connected.
     * \param socket the new connection
     * \param from the client
     */
    void HandleAccept(Ptr<Socket> socket, const Address& from);
    /**
     * \brief Data arrived.
     * \param socket the connection
     */
    void HandleRead(Ptr<Socket> socket);
    /**
     * \brief Room in the send buffer.
     * \param socket the connection
     * \param available bytes available
     */
    void HandleSend(Ptr<Socket> socket, uint32_t available);
    /**
     * \brief The client closed or reset.
     * \param socket the connection
     */
    void HandleClose(Ptr<Socket> socket);
    /**
     * \brief Read a chunk of request stream.
     * \param socket the connection
     * \param state its state
     * \param packet the bytes
     */
    void Consume(Ptr<Socket> socket, Connection& state, Ptr<Packet> packet);
    /**
     * \brief Send as much pending response as the buffer takes.
     * \param socket the connection
     * \param state its state
     */
    void SendResponse(Ptr<Socket> socket, Connection& state);
    /**
     * \brief The server closes a connection first (CloseAfter).
     * \param socket the connection
     */
    void CloseConnection(Ptr<Socket> socket);

    Address m_local;                                                   //!< listening address
    TypeId m_protocol;                                                 //!< socket factory
    Time m_closeAfter{0};                                              //!< "CloseAfter"
    Ptr<Socket> m_listener;                                            //!< listening socket
    std::map<Ptr<Socket>, Connection> m_connections;                   //!< open connections
    uint64_t m_requests{0};                                            //!< requests answered
    uint64_t m_bytesReceived{0};                                       //!< request bytes received
    uint64_t m_accepted{0};                                            //!< connections accepted
    TracedCallback<const Address&, uint32_t, uint32_t> m_requestTrace; //!< "Request"
    TracedCallback<Ptr<const Packet>, const Address&> m_rxTrace;       //!< "Rx"
};

} // namespace ns3

#endif /* REQUEST_RESPONSE_SERVER_H */
