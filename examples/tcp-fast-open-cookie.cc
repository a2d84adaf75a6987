/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup tcp-fast-open
 *
 * Prints the TCP Fast Open cookie a Linux server would issue for a key and an
 * address pair, e.g.
 *
 *     tcp-fast-open-cookie --key=00112233-44556677-8899aabb-ccddeeff \
 *         --client=127.0.0.5 --server=127.0.0.1
 *     key 00112233-44556677-8899aabb-ccddeeff (hex 3322110077665544bbaa9988ffeeddcc)
 *     algorithm siphash, client 127.0.0.5, server 127.0.0.1
 *     cookie 920c25c2e5eb51ef
 *
 * --key takes the net.ipv4.tcp_fastopen_key syntax "primary[,backup]", each key
 * as four dash-separated 32-bit hex words or as 32 hex digits (the bytes
 * setsockopt(TCP_FASTOPEN_KEY) takes). With a backup key the cookie that key
 * gives is printed too (still accepted by the server, never issued).
 * --algorithm=siphash (Linux >= 5.3, default) or aes (Linux 4.x).
 * Bad arguments print an error to stderr and exit with status 1.
 */

#include "ns3/command-line.h"
#include "ns3/log.h"
#include "ns3/tcp-fast-open-argument-checker.h"
#include "ns3/tcp-fast-open-cookie-generator.h"
#include "ns3/tcp-fast-open-key.h"

#include <arpa/inet.h>
#include <cstdlib>
#include <iostream>

using namespace ns3;

NS_LOG_COMPONENT_DEFINE("TcpFastOpenCookieExample");

namespace
{

/**
 * \brief Print an error and exit with status 2 (TcpFastOpenArgumentChecker's
 * message format, as every example).
 * \param message the error
 */
[[noreturn]] void
Fail(const std::string& message)
{
    TcpFastOpenArgumentChecker("tcp-fast-open-cookie").Fail(message);
}

/// An address pair of one family, in wire bytes.
struct AddressPair
{
    bool ipv6{false};           //!< IPv6 (else IPv4)
    unsigned char client[16]{}; //!< client address bytes
    unsigned char server[16]{}; //!< server address bytes
};

/**
 * \brief Read one textual address (inet_pton), IPv4 or IPv6.
 * \param option the option name, for messages
 * \param text the address text
 * \param bytes receives the address bytes
 * \return true for IPv6, false for IPv4 (exits on anything else)
 */
bool
ParseIp(const std::string& option, const std::string& text, unsigned char* bytes)
{
    if (text.empty())
    {
        Fail("--" + option + " is required (an IPv4 or IPv6 address)");
    }
    if (inet_pton(AF_INET, text.c_str(), bytes) == 1)
    {
        return false;
    }
    if (inet_pton(AF_INET6, text.c_str(), bytes) == 1)
    {
        return true;
    }
    Fail("--" + option + "=" + text + ": not an IPv4 or IPv6 address");
}

/**
 * \brief Read --client and --server; both must be of one family.
 * \param client the client text
 * \param server the server text
 * \return the pair
 */
AddressPair
ParsePair(const std::string& client, const std::string& server)
{
    AddressPair pair;
    const bool client6 = ParseIp("client", client, pair.client);
    const bool server6 = ParseIp("server", server, pair.server);
    if (client6 != server6)
    {
        Fail("--client=" + client + " and --server=" + server +
             " are of different families; give two IPv4 or two IPv6 addresses");
    }
    pair.ipv6 = client6;
    return pair;
}

/**
 * \brief Map --algorithm to the generator's algorithm.
 * \param name "siphash" or "aes"
 * \return the algorithm (exits on anything else)
 */
TcpFastOpenCookieGenerator::Algorithm
ParseAlgorithm(const std::string& name)
{
    if (name == "siphash")
    {
        return TcpFastOpenCookieGenerator::SIPHASH;
    }
    if (name == "aes")
    {
        return TcpFastOpenCookieGenerator::AES128;
    }
    Fail("--algorithm=" + name + ": expected siphash (Linux >= 5.3) or aes (Linux 4.x)");
}

/**
 * \brief The cookie \p key gives for \p pair.
 * \param algorithm the algorithm
 * \param key the key
 * \param pair the addresses
 * \return the cookie
 */
TcpFastOpenCookie
CookieFor(TcpFastOpenCookieGenerator::Algorithm algorithm,
          const TcpFastOpenKey& key,
          const AddressPair& pair)
{
    Ptr<TcpFastOpenCookieGenerator> generator = CreateObject<TcpFastOpenCookieGenerator>();
    generator->SetAlgorithm(algorithm);
    generator->SetKeys(key);
    if (pair.ipv6)
    {
        uint8_t c[16];
        uint8_t s[16];
        std::copy(pair.client, pair.client + 16, c);
        std::copy(pair.server, pair.server + 16, s);
        return generator->Generate(Ipv6Address(c), Ipv6Address(s));
    }
    return generator->Generate(Ipv4Address::Deserialize(pair.client),
                               Ipv4Address::Deserialize(pair.server));
}

} // namespace

int
main(int argc, char* argv[])
{
    TcpFastOpenArgumentChecker check("tcp-fast-open-cookie");
    std::string key;
    std::string client;
    std::string server;
    std::string algorithmName = "siphash";

    CommandLine cmd(__FILE__);
    cmd.Usage("Print the TCP Fast Open cookie a Linux server issues for a key and addresses.");
    check.AddValue(cmd,
                   "key",
                   "server key(s) \"primary[,backup]\": xxxxxxxx-xxxxxxxx-xxxxxxxx-xxxxxxxx "
                   "(sysctl) or 32 hex digits (setsockopt)",
                   key);
    check.AddValue(cmd, "client", "client address (the SYN's source), IPv4 or IPv6", client);
    check.AddValue(cmd, "server", "server address (the SYN's destination), same family", server);
    check.AddValue(cmd, "algorithm", "siphash (Linux >= 5.3) or aes (Linux 4.x)", algorithmName);
    check.Parse(cmd, argc, argv);

    if (key.empty())
    {
        Fail("--key is required: xxxxxxxx-xxxxxxxx-xxxxxxxx-xxxxxxxx or 32 hex digits, "
             "optionally followed by \",backup\"");
    }
    TcpFastOpenKey primary;
    std::optional<TcpFastOpenKey> backup;
    std::string error;
    if (!TcpFastOpenKey::ParseKeyList(key, primary, backup, error))
    {
        Fail("--key=" + key + ": " + error);
    }
    const AddressPair pair = ParsePair(client, server);
    const TcpFastOpenCookieGenerator::Algorithm algorithm = ParseAlgorithm(algorithmName);

    std::cout << "key " << primary.ToSysctlString() << " (hex " << primary.ToHexString() << ")"
              << std::endl;
    if (backup)
    {
        std::cout << "backup-key " << backup->ToSysctlString() << " (hex " << backup->ToHexString()
                  << ")" << std::endl;
    }
    std::cout << "algorithm " << algorithmName << ", client " << client << ", server " << server
              << std::endl;
    std::cout << "cookie " << CookieFor(algorithm, primary, pair).ToHex() << std::endl;
    if (backup)
    {
        std::cout << "backup-cookie " << CookieFor(algorithm, *backup, pair).ToHex()
                  << " (accepted, not issued)" << std::endl;
    }
    return 0;
}
