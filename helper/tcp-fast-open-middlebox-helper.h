/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_FAST_OPEN_MIDDLEBOX_HELPER_H
#define TCP_FAST_OPEN_MIDDLEBOX_HELPER_H

#include "ns3/attribute.h"
#include "ns3/net-device.h"
#include "ns3/nstime.h"
#include "ns3/queue-disc-container.h"
#include "ns3/request-response-client.h"
#include "ns3/tcp-fast-open-middlebox.h"
#include "ns3/tcp-segment-duplicator-helper.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup tcp-fast-open
 *
 * \brief Installs TcpFastOpenMiddlebox elements on device egresses (a
 * TcpSegmentDuplicatorHelper that also gives each element its node, which
 * RST_SYN_DATA needs).
 *
 * Install() puts one element on a device; InstallOnPath() puts one on each
 * direction of a path through a router (toward the server and toward the
 * client) with a shared connection table, which DROP_DATA_AFTER_TFO needs to
 * drop the server's data after seeing the client's SYN, and which lets
 * STRIP_OPTION / DROP_SYN_OPTION with Target=ANY_SYN act on SYNs and SYN-ACKs.
 * As with TcpSegmentDuplicatorHelper, install after assigning addresses and
 * before the simulation starts.
 */
class TcpFastOpenMiddleboxHelper
{
  public:
    /// Elements with Behaviour \p behaviour (other attributes at their defaults).
    /// \param behaviour the behaviour
    explicit TcpFastOpenMiddleboxHelper(
        TcpFastOpenMiddlebox::Behaviour behaviour = TcpFastOpenMiddlebox::DROP_SYN_DATA);

    /**
     * \brief Set an attribute of the elements to create ("Behaviour", "Target",
     * "Port", ...). Aborts on an unknown attribute or an invalid value.
     * \param name the attribute name
     * \param value the value
     */
    void SetAttribute(const std::string& name, const AttributeValue& value);

    /**
     * \brief Install one element on a device's egress.
     * \param device the device (on a node with the internet stack)
     * \return the element
     */
    Ptr<TcpFastOpenMiddlebox> Install(Ptr<NetDevice> device) const;

    /**
     * \brief Install one element on each direction of a path: on \p toServer
     * (the router's device toward the server) and \p toClient (toward the
     * client), sharing one connection table.
     * \param toServer egress toward the server
     * \param toClient egress toward the client
     * \return the two elements (toward the server first)
     */
    QueueDiscContainer InstallOnPath(Ptr<NetDevice> toServer, Ptr<NetDevice> toClient) const;

    /**
     * \brief Parse a behaviour name (as the attribute spells it, case-insensitive).
     * \param name e.g. "strip_option"
     * \param behaviour set on success
     * \return false if the name is not a behaviour
     */
    static bool ParseBehaviour(const std::string& name, TcpFastOpenMiddlebox::Behaviour& behaviour);

  private:
    TcpSegmentDuplicatorHelper m_helper; //!< does the installing
};

/**
 * \ingroup tcp-fast-open
 *
 * \brief One middlebox scenario, end to end: a client, a router and a server
 * (point-to-point links, "delay" one way each), a TcpFastOpenMiddlebox on the
 * router, and a RequestResponseClient running transactions, each on a new
 * connection. Shared by the tcp-fast-open-middlebox example and test suite.
 *
 * Besides completion and latency it checks every byte: the server's request
 * bytes, and per connection the response bytes the client's TCP took in
 * (highest ACK the client sent, up to the server's FIN, minus the server's
 * ISN + 1, taken from the client's and the server's transmissions).
 */
class TcpFastOpenMiddleboxStudy
{
  public:
    /// The path element of a scenario.
    enum Middlebox
    {
        NONE,                //!< no middlebox
        DROP_SYN_DATA,       //!< toward the server: drop SYNs with data
        DROP_SYN_OPTION,     //!< toward the server: drop SYNs with option 34/254
        STRIP_SYN_OPTION,    //!< toward the server: strip the option from SYNs
        STRIP_SYNACK_OPTION, //!< toward the client: strip the option from SYN-ACKs
        RST_SYN_DATA,        //!< toward the server: drop SYN-data, RST to the client
        DROP_DATA_AFTER_TFO, //!< both directions: drop the first data segments after a TFO SYN
        /// DROP_DATA_AFTER_TFO with "blackholeDrops" drops and requests of
        /// "blackholeRequestSize" bytes: the part of the request that does not fit
        /// in the SYN is dropped until the client's third retransmission timeout
        DATA_BLACKHOLE_AFTER_TFO
    };

    /// The client's Fast Open configuration.
    enum ClientTfo
    {
        TFO_OFF,                //!< plain connect(), client Mode 0
        TFO_ON,                 //!< sendto(MSG_FASTOPEN), no fallback (current Linux default)
        TFO_ON_NEGATIVE_CACHE,  //!< TFO_ON with TcpFastOpenSocket::NegativeCaching
        TFO_ON_BLACKHOLE_DETECT //!< TFO_ON with TcpFastOpenBlackholeDetector::Timeout 3600 s
    };

    /// One scenario.
    struct Config
    {
        Middlebox middlebox{NONE};    //!< the element
        ClientTfo tfo{TFO_ON};        //!< the client
        uint32_t transactions{6};     //!< transactions, each on a new connection
        uint32_t requestSize{500};    //!< request bytes
        uint32_t responseSize{3000};  //!< response bytes
        Time gap{Seconds(1)};         //!< think time between transactions
        Time delay{MilliSeconds(10)}; //!< one-way delay per link (RTT = 4 x delay)
        uint32_t dataDrops{2};        //!< DROP_DATA_AFTER_TFO: segments dropped per connection
        uint32_t blackholeDrops{4};   //!< DATA_BLACKHOLE_AFTER_TFO: segments dropped per connection
        uint32_t blackholeRequestSize{4000}; //!< DATA_BLACKHOLE_AFTER_TFO: request bytes
        uint32_t seed{1};                    //!< RngSeedManager seed
        uint32_t run{1};                     //!< RngSeedManager run
    };

    /// What happened.
    struct Result
    {
        std::vector<TransactionRecord> transactions; //!< the client's records
        uint32_t completed{0};                       //!< transactions completed
        uint32_t synDataAcked{0};                    //!< transactions whose SYN data were acked
        uint64_t serverBytes{0};                     //!< request bytes the server received
        uint64_t completedRequestBytes{0};   //!< sum of request sizes of completed transactions
        uint64_t serverRequests{0};          //!< requests the server answered
        std::vector<uint64_t> responseBytes; //!< per connection: response bytes the client took in
        bool bytesExact{false};              //!< every check on bytes passed
        uint32_t optionAtServer{0};          //!< SYNs reaching the server with a Fast Open option
        uint32_t optionAtClient{0};          //!< SYN-ACKs reaching the client with the option
        uint64_t mbDropped{0};               //!< middlebox: segments dropped
        uint64_t mbStripped{0};              //!< middlebox: options stripped
        uint64_t mbResets{0};                //!< middlebox: resets sent
        uint64_t blackholeCount{0};          //!< client's TCPFastOpenBlackhole
        uint64_t activeCount{0};             //!< client's TCPFastOpenActive

        /// \return completed / transactions
        double GetCompletionRate() const;
    };

    /**
     * \param tfo a client configuration
     * \return false if the socket model in this build lacks the fallback it needs
     */
    static bool IsAvailable(ClientTfo tfo);

    /**
     * \brief Run one scenario (sets the seed, runs and destroys the simulation).
     * \param config the scenario
     * \return the outcome
     */
    static Result Run(const Config& config);

    /// \param m a middlebox \return its name, e.g. "DROP_SYN_DATA" ("NONE")
    static std::string MiddleboxToString(Middlebox m);
    /// \param t a client configuration \return its name, e.g. "TFO_ON"
    static std::string ClientTfoToString(ClientTfo t);
};

} // namespace ns3

#endif /* TCP_FAST_OPEN_MIDDLEBOX_HELPER_H */
