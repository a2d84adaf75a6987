/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-fast-open-test-util.h"

#include "ns3/packet.h"
#include "ns3/tcp-fast-open-ns3-compat.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-option-fast-open.h"
#include "ns3/tcp-option-rfc793.h"
#include "ns3/tcp-option-sack-permitted.h"
#include "ns3/tcp-option-ts.h"
#include "ns3/tcp-option-winscale.h"
#include "ns3/test.h"

#include <csignal>
#include <cstdio>
#include <functional>
#include <sstream>
#include <string>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

/**
 * \file
 * \ingroup tcp-fast-open-tests
 * Tests of TcpOptionFastOpen: wire format, the receive-side parser, malformed input.
 */

namespace ns3
{

namespace
{

/// The cookie of the kernel test vector (linux-tfo-behaviour.md).
const std::vector<uint8_t> kCookieBytes = {0x92, 0x0c, 0x25, 0xc2, 0xe5, 0xeb, 0x51, 0xef};

/**
 * \return the 8-byte test cookie
 */
TcpFastOpenCookie
TestCookie()
{
    return TcpFastOpenCookie(kCookieBytes.data(), static_cast<uint8_t>(kCookieBytes.size()));
}

/**
 * \brief A SYN (or other) header from port 49152 to 80, seq 0, ack 0, window 65535.
 * \param flags the TCP flags
 * \return the header, without options
 */
TcpHeader
MakeHeader(uint8_t flags)
{
    TcpHeader h;
    h.SetSourcePort(49152);
    h.SetDestinationPort(80);
    h.SetSequenceNumber(SequenceNumber32(0));
    h.SetAckNumber(SequenceNumber32(0));
    h.SetFlags(flags);
    h.SetWindowSize(65535);
    return h;
}

/**
 * \brief The bytes of a header as they go on the wire.
 * \param h the header
 * \return its serialization
 */
std::vector<uint8_t>
WireBytes(const TcpHeader& h)
{
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(h);
    std::vector<uint8_t> bytes(p->GetSize());
    p->CopyData(bytes.data(), bytes.size());
    return bytes;
}

/**
 * \brief The receiver's view: deserialize \p bytes with ns-3's TcpHeader.
 * \param bytes a TCP header on the wire
 * \return the deserialized header
 */
TcpHeader
Receive(const std::vector<uint8_t>& bytes)
{
    Ptr<Packet> p = Create<Packet>(bytes.data(), bytes.size());
    TcpHeader h;
    p->RemoveHeader(h);
    return h;
}

/**
 * \brief A raw TCP header (ports 49152 -> 80, seq 0, ack 0, window 65535) with
 * the given option bytes, padded with END bytes to a multiple of 4.
 * \param flags the TCP flags
 * \param options the raw option bytes
 * \return the header bytes
 */
std::vector<uint8_t>
RawHeader(uint8_t flags, std::vector<uint8_t> options)
{
    while (options.size() % 4 != 0)
    {
        options.push_back(0);
    }
    const uint8_t words = static_cast<uint8_t>(5 + options.size() / 4);
    std::vector<uint8_t> bytes = {0xc0, 0x00, 0x00, 0x50, 0, 0, 0, 0, 0, 0, 0, 0};
    bytes.push_back(static_cast<uint8_t>(words << 4));
    bytes.push_back(flags);
    bytes.insert(bytes.end(), {0xff, 0xff, 0x00, 0x00, 0x00, 0x00});
    bytes.insert(bytes.end(), options.begin(), options.end());
    return bytes;
}

/**
 * \brief Concatenate byte vectors.
 * \param parts the parts
 * \return the concatenation
 */
std::vector<uint8_t>
Concat(std::initializer_list<std::vector<uint8_t>> parts)
{
    std::vector<uint8_t> out;
    for (const auto& part : parts)
    {
        out.insert(out.end(), part.begin(), part.end());
    }
    return out;
}

using tfotest::RunExpectingAbort;

} // namespace

/**
 * \ingroup tcp-fast-open-tests
 * Byte-exact serialization of both forms, request and 8-byte cookie.
 */
class TcpFastOpenOptionWireFormatTest : public TestCase
{
  public:
    TcpFastOpenOptionWireFormatTest()
        : TestCase("Fast Open option: byte-exact wire format of both forms")
    {
    }

  private:
    /**
     * \brief Build a SYN with one Fast Open option and compare its bytes.
     * \param form the form
     * \param cookie the cookie (empty = request)
     * \param expected the expected header bytes
     * \param what description for messages
     */
    void Check(TcpOptionFastOpen::Form form,
               const TcpFastOpenCookie& cookie,
               const std::vector<uint8_t>& expected,
               const std::string& what)
    {
        TcpHeader h = MakeHeader(TcpHeader::SYN);
        NS_TEST_ASSERT_MSG_EQ(TcpOptionFastOpen::AppendTo(h, form, cookie),
                              true,
                              what << ": option appended");
        const std::vector<uint8_t> bytes = WireBytes(h);
        NS_TEST_ASSERT_MSG_EQ(bytes.size(), expected.size(), what << ": header size");
        for (size_t i = 0; i < expected.size() && i < bytes.size(); ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(+bytes[i], +expected[i], what << ": byte " << i);
        }
    }

    void DoRun() override
    {
        const std::vector<uint8_t> fixed = {0xc0, 0x00, 0x00, 0x50, 0, 0, 0, 0, 0, 0, 0, 0};
        const std::vector<uint8_t> tail = {0xff, 0xff, 0x00, 0x00, 0x00, 0x00};

        // RFC 7413 request: 22 02, two END bytes of padding, data offset 6.
        Check(TcpOptionFastOpen::RFC7413,
              TcpFastOpenCookie(),
              Concat({fixed, {0x60, 0x02}, tail, {0x22, 0x02, 0x00, 0x00}}),
              "RFC 7413 request");
        // RFC 7413 cookie: 22 0a + 8 bytes, two END bytes, data offset 8.
        Check(TcpOptionFastOpen::RFC7413,
              TestCookie(),
              Concat({fixed,
                      {0x80, 0x02},
                      tail,
                      {0x22, 0x0a, 0x92, 0x0c, 0x25, 0xc2, 0xe5, 0xeb, 0x51, 0xef, 0x00, 0x00}}),
              "RFC 7413 cookie");
        // Experimental request: fe 04 f9 89, data offset 6.
        Check(TcpOptionFastOpen::EXPERIMENTAL,
              TcpFastOpenCookie(),
              Concat({fixed, {0x60, 0x02}, tail, {0xfe, 0x04, 0xf9, 0x89}}),
              "experimental request");
        // Experimental cookie: fe 0c f9 89 + 8 bytes, data offset 8.
        Check(TcpOptionFastOpen::EXPERIMENTAL,
              TestCookie(),
              Concat({fixed,
                      {0x80, 0x02},
                      tail,
                      {0xfe, 0x0c, 0xf9, 0x89, 0x92, 0x0c, 0x25, 0xc2, 0xe5, 0xeb, 0x51, 0xef}}),
              "experimental cookie");

        NS_TEST_ASSERT_MSG_EQ(
            TcpOptionFastOpen::GetSerializedSizeFor(TcpOptionFastOpen::RFC7413, 0),
            2u,
            "RFC 7413 request size");
        NS_TEST_ASSERT_MSG_EQ(
            TcpOptionFastOpen::GetSerializedSizeFor(TcpOptionFastOpen::RFC7413, 8),
            10u,
            "RFC 7413 8-byte cookie size");
        NS_TEST_ASSERT_MSG_EQ(
            TcpOptionFastOpen::GetSerializedSizeFor(TcpOptionFastOpen::EXPERIMENTAL, 0),
            4u,
            "experimental request size");
        NS_TEST_ASSERT_MSG_EQ(
            TcpOptionFastOpen::GetSerializedSizeFor(TcpOptionFastOpen::EXPERIMENTAL, 16),
            20u,
            "experimental 16-byte cookie size");
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * A real SYN (MSS, TS, WS, SACK_PERM, TFO) through the wire and ns-3's parser.
 */
class TcpFastOpenOptionRoundTripTest : public TestCase
{
  public:
    TcpFastOpenOptionRoundTripTest()
        : TestCase("Fast Open option: round trip of a full SYN through ns-3's TcpHeader")
    {
    }

  private:
    /**
     * \brief Send and receive one SYN and compare what Find() sees on both sides.
     * \param flags SYN or SYN|ACK
     * \param form the form
     * \param cookie the cookie (empty = request)
     */
    void Check(uint8_t flags, TcpOptionFastOpen::Form form, const TcpFastOpenCookie& cookie)
    {
        std::ostringstream what;
        what << TcpHeader::FlagsToString(flags) << " "
             << (form == TcpOptionFastOpen::RFC7413 ? "RFC 7413 " : "experimental ")
             << (cookie.IsEmpty() ? "request" : cookie.ToHex());

        TcpHeader tx = MakeHeader(flags);
        Ptr<TcpOptionMSS> mss = CreateObject<TcpOptionMSS>();
        mss->SetMSS(1460);
        tx.AppendOption(mss);
        Ptr<TcpOptionSackPermitted> sackPerm = CreateObject<TcpOptionSackPermitted>();
        tx.AppendOption(sackPerm);
        Ptr<TcpOptionTS> ts = CreateObject<TcpOptionTS>();
        ts->SetTimestamp(123456);
        ts->SetEcho(0);
        tx.AppendOption(ts);
        Ptr<TcpOptionWinScale> ws = CreateObject<TcpOptionWinScale>();
        ws->SetScale(7);
        tx.AppendOption(ws);
        NS_TEST_ASSERT_MSG_EQ(TcpOptionFastOpen::AppendTo(tx, form, cookie),
                              true,
                              what.str() << ": appended");

        // The sender's own view (e.g. its Tx trace) parses the same.
        const auto ownFound = TcpOptionFastOpen::Find(tx);
        const auto own = ownFound.value_or(TcpFastOpenOptionValue());
        NS_TEST_ASSERT_MSG_EQ(ownFound.has_value(), true, what.str() << ": sender sees the option");
        NS_TEST_ASSERT_MSG_EQ(own.form, form, what.str() << ": sender form");
        NS_TEST_ASSERT_MSG_EQ(own.cookie, cookie, what.str() << ": sender cookie");

        const TcpHeader rx = Receive(WireBytes(tx));
        NS_TEST_ASSERT_MSG_EQ(rx.GetSerializedSize(),
                              tx.GetSerializedSize(),
                              what.str() << ": header size");
        // ns-3 lists the END padding as an option too: count the others.
        uint32_t nonEnd = 0;
        for (const auto& option : rx.GetOptionList())
        {
            nonEnd += option->GetKind() == TcpOption::END ? 0 : 1;
        }
        NS_TEST_ASSERT_MSG_EQ(nonEnd, 5u, what.str() << ": five options");
        // ns-3 still parses its own options ...
        const auto rxMss = DynamicCast<const TcpOptionMSS>(rx.GetOption(TcpOption::MSS));
        const auto rxTs = DynamicCast<const TcpOptionTS>(rx.GetOption(TcpOption::TS));
        const auto rxWs = DynamicCast<const TcpOptionWinScale>(rx.GetOption(TcpOption::WINSCALE));
        NS_TEST_ASSERT_MSG_EQ((rxMss && rxTs && rxWs), true, what.str() << ": MSS, TS, WS");
        NS_TEST_ASSERT_MSG_EQ((rxMss ? rxMss->GetMSS() : 0), 1460, what.str() << ": MSS");
        NS_TEST_ASSERT_MSG_EQ((rxTs ? rxTs->GetTimestamp() : 0), 123456u, what.str() << ": TS");
        NS_TEST_ASSERT_MSG_EQ((rxWs ? +rxWs->GetScale() : 0), 7, what.str() << ": WS");
        NS_TEST_ASSERT_MSG_EQ(rx.HasOption(TcpOption::SACKPERMITTED),
                              true,
                              what.str() << ": SACK_PERM");
        // ... and makes a TcpOptionUnknown of the Fast Open option.
        const uint8_t wireKind = (form == TcpOptionFastOpen::RFC7413 ? 34 : 254);
        const Ptr<const TcpOption> unknown = rx.GetOption(wireKind);
        NS_TEST_ASSERT_MSG_EQ(bool(unknown), true, what.str() << ": wire kind in the option list");
        NS_TEST_ASSERT_MSG_EQ((unknown ? unknown->GetInstanceTypeId().GetName() : ""),
                              "ns3::TcpOptionUnknown",
                              what.str() << ": received as TcpOptionUnknown");
        NS_TEST_ASSERT_MSG_EQ((unknown ? unknown->GetSerializedSize() : 0),
                              TcpOptionFastOpen::GetSerializedSizeFor(form, cookie.GetLength()),
                              what.str() << ": its length");

        const auto maybe = TcpOptionFastOpen::Find(rx);
        const auto found = maybe.value_or(TcpFastOpenOptionValue());
        NS_TEST_ASSERT_MSG_EQ(maybe.has_value(), true, what.str() << ": receiver finds it");
        NS_TEST_ASSERT_MSG_EQ(found.form, form, what.str() << ": receiver form");
        NS_TEST_ASSERT_MSG_EQ(found.isRequest, cookie.IsEmpty(), what.str() << ": request");
        NS_TEST_ASSERT_MSG_EQ(found.cookie, cookie, what.str() << ": receiver cookie");
    }

    void DoRun() override
    {
        const uint8_t c16[16] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
        const uint8_t c4[4] = {0xde, 0xad, 0xbe, 0xef};
        for (const auto form : {TcpOptionFastOpen::RFC7413, TcpOptionFastOpen::EXPERIMENTAL})
        {
            Check(TcpHeader::SYN, form, TcpFastOpenCookie());
            Check(TcpHeader::SYN, form, TestCookie());
            Check(TcpHeader::SYN | TcpHeader::ACK, form, TestCookie());
            Check(TcpHeader::SYN | TcpHeader::ACK, form, TcpFastOpenCookie(c4, 4));
            Check(TcpHeader::SYN, form, TcpFastOpenCookie(c16, 16));
        }
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * Malformed options as raw bytes, and several options in one SYN: Linux's rules.
 */
class TcpFastOpenOptionMalformedTest : public TestCase
{
  public:
    TcpFastOpenOptionMalformedTest()
        : TestCase("Fast Open option: malformed and repeated options follow Linux")
    {
    }

  private:
    /**
     * \brief Receive raw option bytes and check that Find() reports no option.
     * \param flags the TCP flags
     * \param options the raw option bytes
     * \param what description
     */
    void CheckAbsent(uint8_t flags, const std::vector<uint8_t>& options, const std::string& what)
    {
        const TcpHeader rx = Receive(RawHeader(flags, options));
        NS_TEST_ASSERT_MSG_EQ(TcpOptionFastOpen::Find(rx).has_value(),
                              false,
                              what << ": treated as absent");
    }

    /**
     * \brief Receive raw option bytes and check what Find() reports.
     * \param options the raw option bytes (in a SYN)
     * \param form the expected form
     * \param cookie the expected cookie (empty = request)
     * \param what description
     */
    void CheckFound(const std::vector<uint8_t>& options,
                    TcpOptionFastOpen::Form form,
                    const TcpFastOpenCookie& cookie,
                    const std::string& what)
    {
        const TcpHeader rx = Receive(RawHeader(TcpHeader::SYN, options));
        const auto maybe = TcpOptionFastOpen::Find(rx);
        const auto found = maybe.value_or(TcpFastOpenOptionValue());
        NS_TEST_ASSERT_MSG_EQ(maybe.has_value(), true, what << ": found");
        NS_TEST_ASSERT_MSG_EQ(found.form, form, what << ": form");
        NS_TEST_ASSERT_MSG_EQ(found.isRequest, cookie.IsEmpty(), what << ": request");
        NS_TEST_ASSERT_MSG_EQ(found.cookie, cookie, what << ": cookie");
    }

    void DoRun() override
    {
        const std::vector<uint8_t> rfcCookie = Concat({{0x22, 0x0a}, kCookieBytes});
        const std::vector<uint8_t> expCookie = Concat({{0xfe, 0x0c, 0xf9, 0x89}, kCookieBytes});
        const std::vector<uint8_t> rfcRequest = {0x22, 0x02};
        const std::vector<uint8_t> odd5 = {0x22, 0x07, 1, 2, 3, 4, 5};
        const std::vector<uint8_t> short2 = {0x22, 0x04, 0xaa, 0xbb};
        std::vector<uint8_t> long18 = {0x22, 0x14};
        long18.insert(long18.end(), 18, 0x5a);
        const uint8_t c4[4] = {1, 2, 3, 4};

        // The malformed forms of the brief.
        CheckAbsent(TcpHeader::SYN, odd5, "kind 34, odd cookie length 5");
        CheckAbsent(TcpHeader::SYN, short2, "kind 34, 2-byte cookie");
        CheckAbsent(TcpHeader::SYN, long18, "kind 34, 18-byte cookie");
        CheckAbsent(TcpHeader::SYN,
                    Concat({{0xfe, 0x0c, 0xf9, 0x8a}, kCookieBytes}),
                    "kind 254, magic 0xF98A");
        CheckAbsent(TcpHeader::ACK, rfcCookie, "valid cookie in an ACK");
        CheckAbsent(TcpHeader::ACK | TcpHeader::PSH, rfcRequest, "request in a data segment");
        CheckAbsent(TcpHeader::FIN | TcpHeader::ACK, expCookie, "exp. cookie in a FIN");
        // More experimental-form corner cases.
        CheckAbsent(TcpHeader::SYN, {0xfe, 0x02}, "kind 254, length 2 (no magic)");
        CheckAbsent(TcpHeader::SYN, {0xfe, 0x03, 0xf9}, "kind 254, length 3 (half a magic)");
        CheckAbsent(TcpHeader::SYN,
                    {0xfe, 0x09, 0xf9, 0x89, 1, 2, 3, 4, 5},
                    "kind 254, odd cookie length 5");
        CheckAbsent(TcpHeader::SYN,
                    {0xfe, 0x06, 0xf9, 0x89, 0xaa, 0xbb},
                    "kind 254, 2-byte cookie");
        // An option after END is not parsed (ns-3 drops it, Linux stops there).
        CheckAbsent(TcpHeader::SYN, {0x00, 0x22, 0x02}, "request after END");
        // Valid edges: SYN-ACK, 4-byte cookie, 16-byte cookie, a NOP before.
        CheckFound(Concat({{0x01, 0x01}, rfcCookie}),
                   TcpOptionFastOpen::RFC7413,
                   TestCookie(),
                   "NOP NOP cookie");
        CheckFound({0x22, 0x06, 1, 2, 3, 4},
                   TcpOptionFastOpen::RFC7413,
                   TcpFastOpenCookie(c4, 4),
                   "4-byte cookie");
        {
            const TcpHeader rx = Receive(RawHeader(TcpHeader::SYN | TcpHeader::ACK, expCookie));
            const auto maybe = TcpOptionFastOpen::Find(rx);
            const auto found = maybe.value_or(TcpFastOpenOptionValue());
            NS_TEST_ASSERT_MSG_EQ(maybe.has_value(), true, "exp. cookie in a SYN-ACK");
            NS_TEST_ASSERT_MSG_EQ(found.cookie, TestCookie(), "exp. cookie in a SYN-ACK");
        }

        // Several Fast Open options: each one with an even cookie length
        // overwrites the result so far; odd lengths and foreign kind-254
        // options are skipped.
        CheckFound(Concat({rfcCookie, rfcRequest}),
                   TcpOptionFastOpen::RFC7413,
                   TcpFastOpenCookie(),
                   "cookie then request: request");
        CheckFound(Concat({rfcRequest, expCookie}),
                   TcpOptionFastOpen::EXPERIMENTAL,
                   TestCookie(),
                   "request then exp. cookie: exp. cookie");
        CheckFound(Concat({expCookie, odd5}),
                   TcpOptionFastOpen::EXPERIMENTAL,
                   TestCookie(),
                   "exp. cookie then odd length: the odd one is ignored");
        CheckFound(Concat({rfcCookie, {0xfe, 0x06, 0x12, 0x34, 0xaa, 0xbb}}),
                   TcpOptionFastOpen::RFC7413,
                   TestCookie(),
                   "cookie then another experiment's kind 254: cookie");
        CheckAbsent(TcpHeader::SYN,
                    Concat({rfcCookie, short2}),
                    "cookie then 2-byte cookie: the invalid even length cancels it");
        CheckAbsent(TcpHeader::SYN,
                    Concat({rfcCookie, long18}),
                    "cookie then 18-byte cookie: the invalid even length cancels it");
        CheckFound(Concat({short2, rfcRequest}),
                   TcpOptionFastOpen::RFC7413,
                   TcpFastOpenCookie(),
                   "2-byte cookie then request: request");
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * Header size, option space, printing, the NOP-kind workaround, bad cookies.
 */
class TcpFastOpenOptionSizeAndPrintTest : public TestCase
{
  public:
    TcpFastOpenOptionSizeAndPrintTest()
        : TestCase("Fast Open option: header size, option space, Print, invalid cookies")
    {
    }

  private:
    void DoRun() override
    {
        // The SYN of the notes: TS + WS + SACK_PERM + TFO(8) = 25 option bytes -> 48.
        TcpHeader syn = MakeHeader(TcpHeader::SYN);
        syn.AppendOption(CreateObject<TcpOptionTS>());
        syn.AppendOption(CreateObject<TcpOptionWinScale>());
        syn.AppendOption(CreateObject<TcpOptionSackPermitted>());
        NS_TEST_ASSERT_MSG_EQ(
            TcpOptionFastOpen::AppendTo(syn, TcpOptionFastOpen::RFC7413, TestCookie()),
            true,
            "appended");
        NS_TEST_ASSERT_MSG_EQ(+syn.GetOptionLength(), 25, "25 option bytes");
        NS_TEST_ASSERT_MSG_EQ(syn.GetSerializedSize(), 48u, "48-byte header");
        NS_TEST_ASSERT_MSG_EQ(WireBytes(syn).size(), 48u, "48 bytes on the wire");
        NS_TEST_ASSERT_MSG_EQ(+syn.GetLength(), 12, "data offset 12 words");

        // Option space: 3 x TS = 30 bytes; an exp. 8-byte cookie (12) does not
        // fit, an RFC 7413 one (10) exactly fills the 40 bytes.
        TcpHeader full = MakeHeader(TcpHeader::SYN);
        for (int i = 0; i < 3; ++i)
        {
            full.AppendOption(CreateObject<TcpOptionTS>());
        }
        NS_TEST_ASSERT_MSG_EQ(
            TcpOptionFastOpen::AppendTo(full, TcpOptionFastOpen::EXPERIMENTAL, TestCookie()),
            false,
            "12 bytes do not fit in 10");
        NS_TEST_ASSERT_MSG_EQ(+full.GetOptionLength(), 30, "header unchanged");
        NS_TEST_ASSERT_MSG_EQ(
            TcpOptionFastOpen::AppendTo(full, TcpOptionFastOpen::RFC7413, TestCookie()),
            true,
            "10 bytes fit in 10");
        NS_TEST_ASSERT_MSG_EQ(full.GetSerializedSize(), 60u, "60-byte header");

        // Print, as Wireshark.
        std::ostringstream os;
        CreateObject<TcpOptionFastOpen>(TcpOptionFastOpen::RFC7413, TcpFastOpenCookie())->Print(os);
        NS_TEST_ASSERT_MSG_EQ(os.str(), "TFO=R (RFC 7413, kind 34)", "request");
        os.str("");
        CreateObject<TcpOptionFastOpen>(TcpOptionFastOpen::EXPERIMENTAL, TestCookie())->Print(os);
        NS_TEST_ASSERT_MSG_EQ(os.str(),
                              "TFO=C 920c25c2e5eb51ef (experimental, kind 254, magic 0xf989)",
                              "exp. cookie");
        os.str("");
        os << TcpOptionFastOpen::Find(syn).value_or(TcpFastOpenOptionValue());
        NS_TEST_ASSERT_MSG_EQ(os.str(), "TFO=C 920c25c2e5eb51ef (RFC 7413, kind 34)", "value");
        os.str("");
        os << syn;
        const std::string expectedTail =
            " ns3::TcpOptionFastOpen(TFO=C 920c25c2e5eb51ef (RFC 7413, kind 34))";
        const std::string printed = os.str();
        const bool endsWithOption = printed.size() >= expectedTail.size() &&
                                    printed.compare(printed.size() - expectedTail.size(),
                                                    expectedTail.size(),
                                                    expectedTail) == 0;
        NS_TEST_ASSERT_MSG_EQ(endsWithOption,
                              true,
                              "TcpHeader::Print shows the option last: " << printed);

        // The NOP-kind workaround: ns-3 sees NOP, the wire sees 34/254.
        Ptr<TcpOptionFastOpen> opt =
            CreateObject<TcpOptionFastOpen>(TcpOptionFastOpen::EXPERIMENTAL, TcpFastOpenCookie());
        NS_TEST_ASSERT_MSG_EQ(+opt->GetKind(), +TcpOption::NOP, "GetKind");
        NS_TEST_ASSERT_MSG_EQ(+opt->GetWireKind(), 254, "GetWireKind");
        NS_TEST_ASSERT_MSG_EQ(opt->IsRequest(), true, "request");
        opt->SetForm(TcpOptionFastOpen::RFC7413);
        opt->SetCookie(TestCookie());
        NS_TEST_ASSERT_MSG_EQ(+opt->GetWireKind(), 34, "GetWireKind after SetForm");
        NS_TEST_ASSERT_MSG_EQ(opt->GetSerializedSize(), 10u, "size after SetCookie");

        // Deserialize of the class itself (for an ns-3 that knows kind 34).
        Buffer buffer;
        buffer.AddAtStart(12);
        CreateObject<TcpOptionFastOpen>(TcpOptionFastOpen::EXPERIMENTAL, TestCookie())
            ->Serialize(buffer.Begin());
        Ptr<TcpOptionFastOpen> back = CreateObject<TcpOptionFastOpen>();
        NS_TEST_ASSERT_MSG_EQ(back->Deserialize(buffer.Begin()), 12u, "Deserialize size");
        NS_TEST_ASSERT_MSG_EQ(back->GetForm(), TcpOptionFastOpen::EXPERIMENTAL, "form");
        NS_TEST_ASSERT_MSG_EQ(back->GetCookie(), TestCookie(), "cookie");
        Buffer::Iterator w = buffer.Begin();
        w.Next(3);
        w.WriteU8(0x8a); // magic 0xF98A
        NS_TEST_ASSERT_MSG_EQ(CreateObject<TcpOptionFastOpen>()->Deserialize(buffer.Begin()),
                              0u,
                              "wrong magic rejected");

        // A cookie RFC 7413 does not allow is refused with a message.
        std::string err;
        const uint8_t c5[5] = {1, 2, 3, 4, 5};
        const bool aborted = RunExpectingAbort(
            [&c5]() {
                TcpHeader h = MakeHeader(TcpHeader::SYN);
                TcpOptionFastOpen::AppendTo(h,
                                            TcpOptionFastOpen::RFC7413,
                                            TcpFastOpenCookie(c5, 5));
            },
            err);
        NS_TEST_ASSERT_MSG_EQ(aborted, true, "5-byte cookie aborts");
        NS_TEST_ASSERT_MSG_NE(err.find("even length from 4 to 16 bytes"),
                              std::string::npos,
                              "message: " << err);
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * The suite.
 */
class TcpFastOpenOptionTestSuite : public TestSuite
{
  public:
    TcpFastOpenOptionTestSuite()
        : TestSuite("tcp-fast-open-option", TFO_TEST_UNIT)
    {
        AddTestCase(new TcpFastOpenOptionWireFormatTest, TFO_TEST_QUICK);
        AddTestCase(new TcpFastOpenOptionRoundTripTest, TFO_TEST_QUICK);
        AddTestCase(new TcpFastOpenOptionMalformedTest, TFO_TEST_QUICK);
        AddTestCase(new TcpFastOpenOptionSizeAndPrintTest, TFO_TEST_QUICK);
    }
};

/// Static instance registering the suite.
static TcpFastOpenOptionTestSuite g_tcpFastOpenOptionTestSuite;

} // namespace ns3
