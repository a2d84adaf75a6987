/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * Cookie cost per call (GitHub issue 8), Google Benchmark.
 *
 * The functions the server socket calls for every SYN with a Fast Open option,
 * TcpFastOpenCookieGenerator::Generate / Validate, through both overloads:
 *  - Address: InetSocketAddress values seen as ns3::Address, what
 *    TcpFastOpenSocket::TryFastOpen passes today (fromAddress, toAddress);
 *  - Ipv4Address: the typed overload;
 * for SipHash-2-4 and AES-128, beside the bare library calls on the same
 * machine: libsodium crypto_shorthash_siphash24 of 8 bytes and one OpenSSL
 * AES-128-ECB block through a reused EVP context. Also the pieces between them
 * (InetSocketAddress::ConvertFrom, TcpFastOpenCookie construction) to see where
 * time goes.
 *
 * Beside them, what one socket costs to construct (the object and its
 * attributes, as ObjectFactory::Create does for every new socket): stock
 * TcpSocketBase against TcpFastOpenSocket, the part of the TFO-off overhead
 * that its extra attributes cause (issue 8, item 1).
 *
 * Run: bench/build/tfo-cookie-bench [--benchmark_format=csv ...]
 */

#include "ns3/core-module.h"
#include "ns3/inet-socket-address.h"
#include "ns3/ipv4-address.h"
#include "ns3/tcp-fast-open-cookie-generator.h"
#include "ns3/tcp-fast-open-cookie.h"
#include "ns3/tcp-fast-open-key.h"
#include "ns3/tcp-fast-open-socket.h"
#include "ns3/tcp-socket-base.h"

#include <benchmark/benchmark.h>
#include <openssl/evp.h>
#include <sodium.h>

#include <cstring>

using namespace ns3;

namespace
{

const uint8_t kKey[16] = {0x00, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07,
                          0x08, 0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x0e, 0x0f};

Ptr<TcpFastOpenCookieGenerator>
MakeGenerator(TcpFastOpenCookieGenerator::Algorithm algorithm)
{
    Ptr<TcpFastOpenCookieGenerator> generator = CreateObject<TcpFastOpenCookieGenerator>();
    std::string error;
    // The sysctl form of the 16 key bytes above.
    if (!generator->SetKeysFromString("00010203-04050607-08090a0b-0c0d0e0f", error))
    {
        std::abort();
    }
    generator->SetAlgorithm(algorithm);
    return generator;
}

const Ipv4Address kClient("10.1.0.2");
const Ipv4Address kServer("10.1.0.1");

template <TcpFastOpenCookieGenerator::Algorithm A>
void
BM_Generate_Address(benchmark::State& state)
{
    Ptr<TcpFastOpenCookieGenerator> generator = MakeGenerator(A);
    const Address client = InetSocketAddress(kClient, 49153);
    const Address server = InetSocketAddress(kServer, 8080);
    for (auto _ : state)
    {
        TcpFastOpenCookie cookie = generator->Generate(client, server);
        benchmark::DoNotOptimize(cookie);
    }
}

template <TcpFastOpenCookieGenerator::Algorithm A>
void
BM_Generate_Ipv4(benchmark::State& state)
{
    Ptr<TcpFastOpenCookieGenerator> generator = MakeGenerator(A);
    Ipv4Address client = kClient;
    Ipv4Address server = kServer;
    for (auto _ : state)
    {
        benchmark::DoNotOptimize(client);
        TcpFastOpenCookie cookie = generator->Generate(client, server);
        benchmark::DoNotOptimize(cookie);
    }
}

template <TcpFastOpenCookieGenerator::Algorithm A>
void
BM_Validate_Address(benchmark::State& state)
{
    Ptr<TcpFastOpenCookieGenerator> generator = MakeGenerator(A);
    const Address client = InetSocketAddress(kClient, 49153);
    const Address server = InetSocketAddress(kServer, 8080);
    const TcpFastOpenCookie cookie = generator->Generate(client, server);
    for (auto _ : state)
    {
        int valid = generator->Validate(cookie, client, server);
        benchmark::DoNotOptimize(valid);
    }
    if (generator->Validate(cookie, client, server) != TcpFastOpenCookieGenerator::VALID_PRIMARY)
    {
        state.SkipWithError("cookie not valid");
    }
}

template <TcpFastOpenCookieGenerator::Algorithm A>
void
BM_Validate_Ipv4(benchmark::State& state)
{
    Ptr<TcpFastOpenCookieGenerator> generator = MakeGenerator(A);
    Ipv4Address client = kClient;
    Ipv4Address server = kServer;
    const TcpFastOpenCookie cookie = generator->Generate(client, server);
    for (auto _ : state)
    {
        benchmark::DoNotOptimize(client);
        int valid = generator->Validate(cookie, client, server);
        benchmark::DoNotOptimize(valid);
    }
}

/// The bare call: crypto_shorthash_siphash24 of client ‖ server (8 bytes).
void
BM_Bare_SipHash24_8B(benchmark::State& state)
{
    if (sodium_init() < 0)
    {
        state.SkipWithError("sodium_init failed");
    }
    uint8_t message[8];
    kClient.Serialize(message);
    kServer.Serialize(message + 4);
    uint8_t out[crypto_shorthash_siphash24_BYTES];
    for (auto _ : state)
    {
        benchmark::DoNotOptimize(message);
        crypto_shorthash_siphash24(out, message, sizeof(message), kKey);
        benchmark::DoNotOptimize(out);
    }
}

/// The bare call: one AES-128-ECB block through a reused EVP context.
void
BM_Bare_Aes128_1Block(benchmark::State& state)
{
    EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
    EVP_EncryptInit_ex(ctx, EVP_aes_128_ecb(), nullptr, kKey, nullptr);
    EVP_CIPHER_CTX_set_padding(ctx, 0);
    uint8_t in[16] = {};
    kClient.Serialize(in);
    kServer.Serialize(in + 4);
    uint8_t out[16];
    for (auto _ : state)
    {
        benchmark::DoNotOptimize(in);
        int outLength = 0;
        EVP_EncryptUpdate(ctx, out, &outLength, in, 16);
        benchmark::DoNotOptimize(out);
    }
    EVP_CIPHER_CTX_free(ctx);
}

/// A piece of the Address path: two InetSocketAddress::ConvertFrom + Serialize.
void
BM_Piece_ConvertFromAddress(benchmark::State& state)
{
    const Address client = InetSocketAddress(kClient, 49153);
    const Address server = InetSocketAddress(kServer, 8080);
    uint8_t path[32] = {};
    for (auto _ : state)
    {
        if (InetSocketAddress::IsMatchingType(client) && InetSocketAddress::IsMatchingType(server))
        {
            InetSocketAddress::ConvertFrom(client).GetIpv4().Serialize(path);
            InetSocketAddress::ConvertFrom(server).GetIpv4().Serialize(path + 4);
        }
        benchmark::DoNotOptimize(path);
    }
}

/// A piece of every path: building the returned TcpFastOpenCookie.
void
BM_Piece_CookieConstruct(benchmark::State& state)
{
    uint8_t out[8] = {1, 2, 3, 4, 5, 6, 7, 8};
    for (auto _ : state)
    {
        benchmark::DoNotOptimize(out);
        TcpFastOpenCookie cookie(out, sizeof(out));
        benchmark::DoNotOptimize(cookie);
    }
}

constexpr auto SIP = TcpFastOpenCookieGenerator::SIPHASH;
constexpr auto AES = TcpFastOpenCookieGenerator::AES128;

} // namespace

/**
 * \brief Construct one socket of type T through ObjectFactory (constructor,
 * then every attribute of the TypeId chain set from its initial value) and
 * destroy it.
 * \tparam T TcpSocketBase or TcpFastOpenSocket
 * \param state the benchmark state
 */
template <typename T>
void
BM_ConstructSocket(benchmark::State& state)
{
    ObjectFactory factory;
    factory.SetTypeId(T::GetTypeId());
    for (auto _ : state)
    {
        Ptr<T> socket = factory.Create<T>();
        benchmark::DoNotOptimize(socket);
    }
}

BENCHMARK(BM_Bare_SipHash24_8B);
BENCHMARK(BM_Generate_Address<SIP>)->Name("SipHash/Generate/Address");
BENCHMARK(BM_Generate_Ipv4<SIP>)->Name("SipHash/Generate/Ipv4Address");
BENCHMARK(BM_Validate_Address<SIP>)->Name("SipHash/Validate/Address");
BENCHMARK(BM_Validate_Ipv4<SIP>)->Name("SipHash/Validate/Ipv4Address");
BENCHMARK(BM_Bare_Aes128_1Block);
BENCHMARK(BM_Generate_Address<AES>)->Name("Aes128/Generate/Address");
BENCHMARK(BM_Generate_Ipv4<AES>)->Name("Aes128/Generate/Ipv4Address");
BENCHMARK(BM_Validate_Address<AES>)->Name("Aes128/Validate/Address");
BENCHMARK(BM_Validate_Ipv4<AES>)->Name("Aes128/Validate/Ipv4Address");
BENCHMARK(BM_Piece_ConvertFromAddress);
BENCHMARK(BM_Piece_CookieConstruct);
BENCHMARK(BM_ConstructSocket<TcpSocketBase>)->Name("Socket/Construct/TcpSocketBase");
BENCHMARK(BM_ConstructSocket<TcpFastOpenSocket>)->Name("Socket/Construct/TcpFastOpenSocket");

BENCHMARK_MAIN();
