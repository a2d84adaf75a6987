/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-fast-open-emulation-helper.h"

#include "tcp-fast-open-helper.h"
#include "tcp-fast-open-kernel-namespace.h"

#include "ns3/boolean.h"
#include "ns3/config.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/fd-net-device-helper.h"
#include "ns3/fd-net-device.h"
#include "ns3/global-value.h"
#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/ipv6.h"
#include "ns3/log.h"
#include "ns3/point-to-point-helper.h"
#include "ns3/request-response-server.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-fast-open-cookie-cache.h"
#include "ns3/tcp-fast-open-cookie-generator.h"
#include "ns3/tcp-fast-open-counters.h"
#include "ns3/tcp-fast-open-socket-factory.h"
#include "ns3/tcp-fast-open-socket.h"
#include "ns3/tcp-syn-flood-attacker.h"
#include "ns3/uinteger.h"

#include <memory>
#include <unistd.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpFastOpenEmulationHelper");

const char* const TcpFastOpenEmulationHelper::KEYS[3] = {
    "00112233-44556677-8899aabb-ccddeeff",
    "01234567-89abcdef-fedcba98-76543210",
    "f0e1d2c3-b4a59687-78695a4b-3c2d1e0f",
};

namespace
{

/// The kernel's and the simulated node's addresses on the TAP link.
struct LinkAddresses
{
    std::string kernel;     //!< the kernel's address
    std::string simulation; //!< the simulated node's address
    std::string prefix;     //!< prefix length
};

/// \param ipv6 the family \return the TAP link's addresses
LinkAddresses
Addresses(bool ipv6)
{
    return ipv6 ? LinkAddresses{"2001:db8::1", "2001:db8::2", "64"}
                : LinkAddresses{"192.0.2.1", "192.0.2.2", "24"};
}

/// \param ipv6 the family \param address an address \return it with the server port
Address
SocketAddress(bool ipv6, const std::string& address)
{
    if (ipv6)
    {
        return Inet6SocketAddress(Ipv6Address(address.c_str()), TcpFastOpenEmulationHelper::PORT);
    }
    return InetSocketAddress(Ipv4Address(address.c_str()), TcpFastOpenEmulationHelper::PORT);
}

/// \param node a node with TFO installed \return its counters by name (no "TcpExt")
std::map<std::string, uint64_t>
NodeCounters(Ptr<Node> node)
{
    std::map<std::string, uint64_t> values;
    Ptr<TcpFastOpenCounters> counters = TcpFastOpenHelper::GetCounters(node);
    for (uint8_t c = 0; c < TcpFastOpenCounters::COUNTER_COUNT; c++)
    {
        const auto counter = static_cast<TcpFastOpenCounters::Counter>(c);
        values[TcpFastOpenCounters::GetName(counter)] = counters->Get(counter);
    }
    return values;
}

/// \param mode a mode \return whether the server's key changes during the run
bool
Rekeys(TcpFastOpenEmulationHelper::Mode mode)
{
    return mode == TcpFastOpenEmulationHelper::CLIENT_REKEY ||
           mode == TcpFastOpenEmulationHelper::SERVER_REKEY;
}

/**
 * \param done connections finished so far
 * \return the server key list to install now ("" = no change): after
 *         connection 1 a rotation (new primary, the old one as backup), after
 *         connection 2 a replacement without backup
 */
std::string
KeyAfter(uint32_t done)
{
    if (done == 2)
    {
        return std::string(TcpFastOpenEmulationHelper::KEYS[1]) + "," +
               TcpFastOpenEmulationHelper::KEYS[0];
    }
    if (done == 3)
    {
        return TcpFastOpenEmulationHelper::KEYS[2];
    }
    return "";
}

/**
 * \brief Drives the kernel's clients (SERVER modes): one connection per line
 * written, the next after the previous one's DONE line and the gap; the
 * simulated server's key changes in between (SERVER_REKEY).
 */
struct KernelClientDriver
{
    TcpFastOpenKernelNamespace* netns{nullptr}; //!< where the clients run
    int handle{-1};                             //!< the clients program
    Ptr<Node> server;                           //!< the simulated server
    bool rekey{false};                          //!< change keys in between
    uint32_t connections{0};                    //!< connections to run
    Time gap;                                   //!< between connections
    uint32_t done{0};                           //!< DONE lines seen
    std::vector<std::string> reports;           //!< the DONE lines
    std::string error;                          //!< a write failed

    /// \param i connection index \return its API: sendto and connect in turn
    static std::string Api(uint32_t i)
    {
        return i % 2 == 0 ? "sendto" : "connect";
    }

    /// Ask for the next connection.
    void Next()
    {
        if (!netns->WriteLine(handle, Api(done)))
        {
            error = "the kernel's clients program ended early";
            Simulator::Stop();
        }
    }

    /// Look for DONE lines (every 5 ms).
    void Poll()
    {
        std::string line;
        while (netns->ReadLine(handle, line, 0))
        {
            reports.push_back(line);
            done++;
            if (rekey && !KeyAfter(done).empty())
            {
                TcpFastOpenHelper::SetKey(server, KeyAfter(done));
            }
            if (done == connections)
            {
                Simulator::Stop(MilliSeconds(100));
                return;
            }
            Simulator::Schedule(gap, &KernelClientDriver::Next, this);
        }
        Simulator::Schedule(MilliSeconds(5), &KernelClientDriver::Poll, this);
    }
};

/**
 * \brief Attach a simulated node to the namespace's TAP device.
 * \param netns the namespace
 * \param node the node (Internet stack installed)
 * \param ipv6 the family
 * \param[out] fd the TAP descriptor
 * \param[out] error why it failed
 * \return the node's interface index on the link, or -1
 */
int32_t
AttachTap(TcpFastOpenKernelNamespace& netns, Ptr<Node> node, bool ipv6, int& fd, std::string& error)
{
    const LinkAddresses a = Addresses(ipv6);
    fd = netns.CreateTap("tfoe" + std::to_string(getpid()), a.kernel + "/" + a.prefix, error);
    if (fd < 0)
    {
        return -1;
    }
    FdNetDeviceHelper fdHelper;
    NetDeviceContainer devices = fdHelper.Install(node);
    Ptr<FdNetDevice> device = DynamicCast<FdNetDevice>(devices.Get(0));
    device->SetFileDescriptor(fd);
    if (ipv6)
    {
        // By hand: Ipv6AddressHelper would derive the address from the MAC.
        Ptr<Ipv6> ip = node->GetObject<Ipv6>();
        const int32_t interface = ip->AddInterface(device);
        ip->AddAddress(interface,
                       Ipv6InterfaceAddress(Ipv6Address(a.simulation.c_str()), Ipv6Prefix(64)));
        ip->SetUp(interface);
        return interface;
    }
    Ipv4AddressHelper addresses;
    addresses.SetBase("192.0.2.0", "255.255.255.0", "0.0.0.2");
    return addresses.Assign(devices).Get(0).second;
}

/**
 * \brief The kernel's TCP settings of a run, in its namespace.
 * \param netns the namespace
 * \param config the settings
 * \param[out] error why it failed
 * \return true on success
 */
bool
SetUpKernel(TcpFastOpenKernelNamespace& netns,
            const TcpFastOpenEmulationHelper::Config& config,
            std::string& error)
{
    const bool kernelClient = config.mode == TcpFastOpenEmulationHelper::SERVER ||
                              config.mode == TcpFastOpenEmulationHelper::SERVER_REKEY;
    return netns.Sysctl("net.ipv4.tcp_fastopen", kernelClient ? "1" : "2", error) &&
           netns.Sysctl("net.ipv4.tcp_fastopen_key", TcpFastOpenEmulationHelper::KEYS[0], error) &&
           netns.Sysctl("net.ipv4.tcp_syncookies", std::to_string(config.synCookies), error) &&
           netns.Sysctl("net.ipv4.conf.all.rp_filter", "0", error) &&
           netns.Sysctl("net.ipv4.conf.default.rp_filter", "0", error);
}

/**
 * \brief The command line of a kernel-side peer program (validation/tfo_validate.py
 * `_peer ROLE FAMILY ADDRESS ...`).
 * \param config the settings (interpreter, script, family)
 * \param role "server" or "clients"
 * \param address the address it listens on or connects to
 * \param arguments the role's further arguments
 * \return the command
 */
std::vector<std::string>
PeerCommand(const TcpFastOpenEmulationHelper::Config& config,
            const std::string& role,
            const std::string& address,
            const std::vector<uint32_t>& arguments)
{
    std::vector<std::string> command =
        {config.python, config.peerScript, "_peer", role, config.ipv6 ? "6" : "4", address};
    for (uint32_t argument : arguments)
    {
        command.push_back(std::to_string(argument));
    }
    return command;
}

/**
 * \brief Start the kernel's listener (validation/tfo_validate.py `_peer
 * server ... report`) and wait for it to listen.
 * \param netns the namespace
 * \param config the settings
 * \param request request bytes per connection
 * \param response response bytes per connection
 * \param backlog listen() backlog
 * \param[out] error why it failed
 * \return the program's handle, or -1
 */
int
StartKernelServer(TcpFastOpenKernelNamespace& netns,
                  const TcpFastOpenEmulationHelper::Config& config,
                  uint32_t request,
                  uint32_t response,
                  uint32_t backlog,
                  std::string& error)
{
    const LinkAddresses a = Addresses(config.ipv6);
    std::vector<std::string> command =
        PeerCommand(config, "server", a.kernel, {config.maxQlen, request, response, backlog});
    command.emplace_back("report");
    const int handle = netns.Start(command, error);
    std::string line;
    if (handle >= 0 && !(netns.ReadLine(handle, line, 10000) && line == "READY"))
    {
        error = "the kernel-side server did not start (" + config.python + " " + config.peerScript +
                "): " + line;
        return -1;
    }
    return handle;
}

/**
 * \brief Simulated TFO clients against the kernel's listener (CLIENT modes).
 * \param netns the namespace
 * \param config the settings
 * \param node the simulated node on the TAP link
 * \param result where to write
 */
void
RunClientModes(TcpFastOpenKernelNamespace& netns,
               const TcpFastOpenEmulationHelper::Config& config,
               Ptr<Node> node,
               TcpFastOpenEmulationHelper::Result& result)
{
    const int server = StartKernelServer(netns,
                                         config,
                                         config.requestSize,
                                         config.responseSize,
                                         128,
                                         result.error);
    if (server < 0)
    {
        return;
    }
    TcpFastOpenHelper tfo;
    tfo.SetMode(TcpFastOpenSocket::CLIENT_ENABLE);
    tfo.SetLinuxDefaults(true);
    tfo.Install(node);
    Ptr<RequestResponseClient> app = CreateObject<RequestResponseClient>();
    app->SetAttribute("Remote",
                      AddressValue(SocketAddress(config.ipv6, Addresses(config.ipv6).kernel)));
    app->SetAttribute("Protocol", TypeIdValue(TcpFastOpenSocketFactory::GetTypeId()));
    app->SetAttribute("RequestSize", UintegerValue(config.requestSize));
    app->SetAttribute("ResponseSize", UintegerValue(config.responseSize));
    app->SetAttribute("Transactions", UintegerValue(config.connections));
    app->SetAttribute("ThinkTime", TimeValue(config.gap));
    app->SetAttribute("FastOpenApi", EnumValue(RequestResponseClient::SENDTO_FASTOPEN));
    node->AddApplication(app);
    app->SetStartTime(MilliSeconds(500));
    std::string keyError;
    const bool rekey = Rekeys(config.mode);
    const uint32_t last = config.connections - 1;
    app->TraceConnectWithoutContext("Transaction",
                                    MakeCallback(+[](TcpFastOpenKernelNamespace* ns,
                                                     bool rekey,
                                                     uint32_t last,
                                                     std::string* error,
                                                     const TransactionRecord& r) {
                                        // The kernel's key changes between connections as an
                                        // administrator writing the sysctl would change it.
                                        const std::string keys = rekey ? KeyAfter(r.index + 1) : "";
                                        if (!keys.empty() &&
                                            !ns->Sysctl("net.ipv4.tcp_fastopen_key", keys, *error))
                                        {
                                            Simulator::Stop();
                                        }
                                        if (r.index == last)
                                        {
                                            Simulator::Stop(MilliSeconds(100));
                                        }
                                    }).Bind(&netns, rekey, last, &keyError));
    Simulator::Stop(config.duration);
    Simulator::Run();
    result.transactions = app->GetTransactions();
    result.completed = app->GetCompletedCount() == config.connections;
    result.modelCounters = NodeCounters(node);
    result.kernelReports = netns.Stop(server, 0);
    if (!keyError.empty())
    {
        result.error = keyError;
    }
}

/**
 * \brief Kernel clients against a simulated TFO server (SERVER modes).
 * \param netns the namespace
 * \param config the settings
 * \param node the simulated node on the TAP link
 * \param result where to write
 */
void
RunServerModes(TcpFastOpenKernelNamespace& netns,
               const TcpFastOpenEmulationHelper::Config& config,
               Ptr<Node> node,
               TcpFastOpenEmulationHelper::Result& result)
{
    TcpFastOpenHelper tfo;
    tfo.SetMode(TcpFastOpenSocket::SERVER_ENABLE);
    tfo.SetLinuxDefaults(true);
    tfo.SetSocketAttribute("FastOpenQueueLength", UintegerValue(config.maxQlen));
    tfo.SetCookieGeneratorAttribute("Key", StringValue(TcpFastOpenEmulationHelper::KEYS[0]));
    tfo.Install(node);
    Ptr<RequestResponseServer> app = CreateObject<RequestResponseServer>();
    app->SetAttribute(
        "Local",
        AddressValue(config.ipv6 ? Address(Inet6SocketAddress(Ipv6Address::GetAny(),
                                                              TcpFastOpenEmulationHelper::PORT))
                                 : Address(InetSocketAddress(Ipv4Address::GetAny(),
                                                             TcpFastOpenEmulationHelper::PORT))));
    app->SetAttribute("Protocol", TypeIdValue(TcpFastOpenSocketFactory::GetTypeId()));
    node->AddApplication(app);
    app->SetStartTime(Seconds(0));

    const LinkAddresses a = Addresses(config.ipv6);
    KernelClientDriver driver;
    driver.netns = &netns;
    driver.server = node;
    driver.rekey = Rekeys(config.mode);
    driver.connections = config.connections;
    driver.gap = config.gap;
    driver.handle = netns.Start(
        PeerCommand(config, "clients", a.simulation, {config.requestSize, config.responseSize}),
        result.error);
    if (driver.handle < 0)
    {
        return;
    }
    Simulator::Schedule(MilliSeconds(500), &KernelClientDriver::Next, &driver);
    Simulator::Schedule(MilliSeconds(500), &KernelClientDriver::Poll, &driver);
    Simulator::Stop(config.duration);
    Simulator::Run();
    netns.WriteLine(driver.handle, "quit");
    for (const std::string& line : netns.Stop(driver.handle, 2000))
    {
        driver.reports.push_back(line);
    }
    result.kernelReports = driver.reports;
    result.completed = driver.done == config.connections && driver.error.empty();
    result.modelCounters = NodeCounters(node);
}

/**
 * \brief The SYN-flood scenario with the kernel as the server (FLOOD).
 * \param netns the namespace
 * \param config the settings
 * \param router the simulated node on the TAP link
 * \param result where to write
 */
void
RunFlood(TcpFastOpenKernelNamespace& netns,
         const TcpFastOpenEmulationHelper::Config& config,
         Ptr<Node> router,
         TcpFastOpenEmulationHelper::Result& result)
{
    const TcpSynFloodStudy::Config& study = result.floodConfig;
    std::string output;
    for (const char* prefix : {"198.51.100.0/24", "203.0.113.0/24", "198.18.0.0/15"})
    {
        // Clients, attacker and spoofed sources: all behind the simulated router.
        if (!netns.Exec({"ip", "route", "add", prefix, "via", "192.0.2.2"}, output))
        {
            result.error = std::string("ip route add ") + prefix + ": " + output;
            return;
        }
    }
    const int server = StartKernelServer(netns, config, 100, 1000, config.backlog, result.error);
    if (server < 0)
    {
        return;
    }
    const Ipv4Address kernel("192.0.2.1");
    NodeContainer clients;
    clients.Create(study.clients);
    Ptr<Node> bot = CreateObject<Node>();
    NodeContainer hosts(clients, NodeContainer(bot));
    InternetStackHelper internet;
    internet.Install(hosts);
    PointToPointHelper p2p;
    p2p.SetDeviceAttribute("DataRate", StringValue("100Mbps"));
    p2p.SetChannelAttribute("Delay", StringValue("5ms"));
    p2p.SetQueue("ns3::DropTailQueue", "MaxSize", StringValue("1000p"));
    Ipv4StaticRoutingHelper routing;
    std::vector<Ipv4Address> hostIps;
    for (uint32_t i = 0; i < hosts.GetN(); i++)
    {
        // Clients in 198.51.100.0/24, the attacker in 203.0.113.0/24, /30 each.
        Ipv4AddressHelper addresses;
        const bool isBot = i == study.clients;
        addresses.SetBase(Ipv4Address((isBot ? 0xCB007100u : 0xC6336400u) + 4 * (isBot ? 0 : i)),
                          "255.255.255.252");
        Ipv4InterfaceContainer link = addresses.Assign(p2p.Install(router, hosts.Get(i)));
        hostIps.push_back(link.GetAddress(1));
        routing.GetStaticRouting(hosts.Get(i)->GetObject<Ipv4>())
            ->SetDefaultRoute(link.GetAddress(0), link.Get(1).second);
    }

    TcpFastOpenHelper tfo;
    tfo.SetMode(TcpFastOpenSocket::CLIENT_ENABLE);
    tfo.SetLinuxDefaults(true);
    tfo.Install(hosts);
    // Warm caches, as in the simulated study: the cookie each client would have
    // from an earlier visit. The kernel computes it with the same key (the
    // module's cookies are bit-exact with Linux's).
    Ptr<TcpFastOpenCookieGenerator> generator = CreateObject<TcpFastOpenCookieGenerator>();
    generator->SetAttribute("Key", StringValue(TcpFastOpenEmulationHelper::KEYS[0]));
    for (uint32_t i = 0; i < study.clients; i++)
    {
        TcpFastOpenHelper::GetCookieCache(clients.Get(i))
            ->Store(hostIps[i], kernel, generator->Generate(hostIps[i], kernel), 1460, false);
    }

    std::vector<Ptr<RequestResponseClient>> legit;
    uint32_t k = 0;
    for (Time t = study.legitStart; t <= study.legitStop; t += study.legitInterval, k++)
    {
        Ptr<RequestResponseClient> app = CreateObject<RequestResponseClient>();
        app->SetAttribute(
            "Remote",
            AddressValue(InetSocketAddress(kernel, TcpFastOpenEmulationHelper::PORT)));
        app->SetAttribute("Protocol", TypeIdValue(TcpFastOpenSocketFactory::GetTypeId()));
        app->SetAttribute("RequestSize", UintegerValue(100));
        app->SetAttribute("ResponseSize", UintegerValue(1000));
        app->SetAttribute("Transactions", UintegerValue(1));
        app->SetAttribute("FastOpenApi", EnumValue(RequestResponseClient::SENDTO_FASTOPEN));
        clients.Get(k % clients.GetN())->AddApplication(app);
        app->SetStartTime(t);
        legit.push_back(app);
    }
    Ptr<TcpSynFloodAttacker> attacker = CreateObject<TcpSynFloodAttacker>();
    attacker->SetAttribute("Server", Ipv4AddressValue(kernel));
    attacker->SetAttribute("ServerPort", UintegerValue(TcpFastOpenEmulationHelper::PORT));
    attacker->SetAttribute("Rate", DoubleValue(study.attackRate));
    attacker->SetAttribute("Pattern", EnumValue(study.pattern));
    attacker->SetAttribute("SourceMode", EnumValue(study.sourceMode));
    attacker->SetAttribute("CookieMode", EnumValue(study.cookieMode));
    attacker->SetAttribute("PayloadSize", UintegerValue(study.payload));
    // A bot's own valid cookie, as a real handshake would have fetched it
    // (TcpSynFloodStudy gives its bots the same).
    attacker->SetCookie(generator->Generate(hostIps.back(), kernel));
    attacker->SetAttribute("SpoofPrefix", Ipv4AddressValue("198.18.0.0"));
    attacker->SetAttribute("SpoofMask", Ipv4MaskValue("255.254.0.0"));
    attacker->SetAttribute("MaxSyns", UintegerValue(study.maxSyns));
    attacker->AssignStreams(2000);
    bot->AddApplication(attacker);
    attacker->SetStartTime(study.attackStart);
    attacker->SetStopTime(study.attackStop);

    Simulator::Stop(study.stop);
    Simulator::Run();
    for (const auto& app : legit)
    {
        result.transactions.push_back(
            app->GetTransactions().empty() ? TransactionRecord() : app->GetTransactions().front());
        const TransactionRecord& r = result.transactions.back();
        result.legitAttempted++;
        if (r.completed && r.GetLatency() <= study.deadline)
        {
            result.legitSucceeded++;
        }
    }
    result.attackSyns = attacker->GetSynsSent();
    result.kernelReports = netns.Stop(server, 0);
    for (const std::string& line : result.kernelReports)
    {
        // "CONN <address>:<port> syn_data=<0|1> bytes=<n>": the attacker's
        // ports are below the ephemeral range the simulated clients use.
        const size_t space = line.find(' ', 5);
        const size_t colon = line.rfind(':', space);
        if (line.compare(0, 5, "CONN ") != 0 || space == std::string::npos ||
            colon == std::string::npos || line.find("syn_data=1", space) == std::string::npos)
        {
            continue;
        }
        const unsigned long port = std::stoul(line.substr(colon + 1, space - colon - 1));
        if (port >= TcpSynFloodAttacker::MIN_PORT && port <= TcpSynFloodAttacker::MAX_PORT)
        {
            result.attackConnectionsWithData++;
        }
    }
    result.completed = true;
}

} // namespace

bool
TcpFastOpenEmulationHelper::ParseMode(const std::string& name, Mode& mode)
{
    for (Mode m : {CLIENT, SERVER, FLOOD, CLIENT_REKEY, SERVER_REKEY})
    {
        if (name == GetModeName(m))
        {
            mode = m;
            return true;
        }
    }
    return false;
}

std::string
TcpFastOpenEmulationHelper::GetModeName(Mode mode)
{
    switch (mode)
    {
    case CLIENT:
        return "client";
    case SERVER:
        return "server";
    case FLOOD:
        return "flood";
    case CLIENT_REKEY:
        return "client-rekey";
    case SERVER_REKEY:
        return "server-rekey";
    }
    return "?";
}

std::string
TcpFastOpenEmulationHelper::Check(const Config& config)
{
    if (config.mode == FLOOD && config.ipv6)
    {
        return "--mode=flood is IPv4 only (the attacker builds IPv4 headers)";
    }
    if (Rekeys(config.mode) && config.connections < 5)
    {
        return "--mode=" + GetModeName(config.mode) +
               " needs at least 5 connections (cookie request, SYN data, backup key, "
               "invalid cookie, SYN data again)";
    }
    if (config.connections == 0 || config.connections > 1000)
    {
        return "--connections must be within [1, 1000]";
    }
    if (config.requestSize < RequestResponseClient::HEADER_SIZE)
    {
        return "--requestSize must be at least 8 (the request header)";
    }
    if (config.duration <= Seconds(0) || config.duration > Seconds(600))
    {
        return "--duration must be within (0, 600] seconds";
    }
    if (config.mode == FLOOD && config.duration < Seconds(6))
    {
        return "--mode=flood needs --duration of at least 6 s (attack from 1 s to duration-3 s, "
               "legitimate connections from 2 s, 3 s deadline)";
    }
    if (config.mode == FLOOD && (config.rate <= 0 || config.rate > 10000))
    {
        return "--rate must be within (0, 10000] SYNs per second";
    }
    if (config.mode == FLOOD && config.cookieMode == TcpSynFloodAttacker::GIVEN_COOKIE &&
        config.sourceMode != TcpSynFloodAttacker::OWN_ADDRESS)
    {
        return "a given cookie is the bot's own: it needs the bot's own address";
    }
    if (config.mode == FLOOD && (config.count == 0 || config.count > 1000000))
    {
        return "--count must be within [1, 1000000] SYNs";
    }
    return "";
}

TcpSynFloodStudy::Config
TcpFastOpenEmulationHelper::FloodConfig(const Config& config)
{
    TcpSynFloodStudy::Config study;
    study.serverMode = TcpFastOpenSocket::SERVER_ENABLE;
    study.maxQlen = config.maxQlen;
    study.backlog = config.backlog;
    study.synCookies = config.synCookies;
    study.clients = config.clients;
    study.legitStart = Seconds(2);
    study.legitStop = config.duration - Seconds(4);
    study.legitInterval = MilliSeconds(200);
    study.deadline = Seconds(3);
    study.attackRate = config.rate;
    study.pattern = TcpSynFloodAttacker::POISSON;
    study.sourceMode = config.sourceMode;
    study.cookieMode = config.cookieMode;
    study.payload = config.payload;
    study.bots = 1;
    study.maxSyns = config.count;
    study.attackStart = Seconds(1);
    study.attackStop = config.duration - Seconds(3);
    study.stop = config.duration;
    study.seed = config.seed;
    study.run = config.run;
    return study;
}

TcpFastOpenEmulationHelper::Result
TcpFastOpenEmulationHelper::Run(const Config& config)
{
    Result result;
    result.error = Check(config);
    if (result.error.empty())
    {
        result.error = TcpFastOpenKernelNamespace::CheckEnvironment();
    }
    if (result.error.empty() &&
        (config.peerScript.empty() || access(config.peerScript.c_str(), R_OK) != 0))
    {
        result.error = "the kernel-side program " + config.peerScript +
                       " (validation/tfo_validate.py) cannot be read";
    }
    if (!result.error.empty())
    {
        return result;
    }
    if (config.mode == FLOOD)
    {
        // The same scenario fully simulated first, with the default scheduler.
        result.floodConfig = FloodConfig(config);
        result.simulated = TcpSynFloodStudy::Run(result.floodConfig);
    }

    result.namespaceName =
        config.netns.empty() ? "tfoemu-" + std::to_string(getpid()) : config.netns;
    auto netns = std::make_unique<TcpFastOpenKernelNamespace>(result.namespaceName);
    if (!netns->Create(result.error) || !SetUpKernel(*netns, config, result.error))
    {
        return result;
    }

    GlobalValue::Bind("SimulatorImplementationType", StringValue("ns3::RealtimeSimulatorImpl"));
    // The kernel drops segments with a wrong checksum.
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(true));
    // The kernel's address has no DAD either.
    ns3::Config::SetDefault("ns3::Icmpv6L4Protocol::DAD", BooleanValue(false));
    RngSeedManager::SetSeed(config.seed);
    RngSeedManager::SetRun(config.run);

    Ptr<Node> node = CreateObject<Node>();
    InternetStackHelper internet;
    internet.Install(node);
    int fd = -1;
    if (AttachTap(*netns, node, config.ipv6, fd, result.error) < 0)
    {
        Simulator::Destroy();
        return result;
    }
    switch (config.mode)
    {
    case CLIENT:
    case CLIENT_REKEY:
        RunClientModes(*netns, config, node, result);
        break;
    case SERVER:
    case SERVER_REKEY:
        RunServerModes(*netns, config, node, result);
        break;
    case FLOOD:
        RunFlood(*netns, config, node, result);
        break;
    }
    result.kernelCounters = netns->ReadCounters();
    Simulator::Destroy();
    close(fd);
    netns.reset();
    GlobalValue::Bind("SimulatorImplementationType", StringValue("ns3::DefaultSimulatorImpl"));
    GlobalValue::Bind("ChecksumEnabled", BooleanValue(false));
    return result;
}

} // namespace ns3
