/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/*
 * Server keys and cookies: TcpFastOpenKey (parsers, text forms, random keys)
 * and TcpFastOpenCookieGenerator (SipHash-2-4 and AES-128 cookies, backup key,
 * rotation).
 *
 * Expected values and where they come from:
 *  - 920c25c2e5eb51ef: the Linux 6.18 kernel itself (loopback capture, see
 *    the notes), key 00112233-44556677-8899aabb-ccddeeff, 127.0.0.5 -> 127.0.0.1;
 *  - 0xa129ca6149be45e5: the SipHash paper (Aumasson, Bernstein 2012), appendix A;
 *  - 69c4e0d86a7b0430d8cdb78070b4c55a: FIPS-197 appendix C.1;
 *  - the other cookies were computed independently with the pure-Python PyPI
 *    package "siphash" 0.0.1 (SipHash_2_4(key, client+server).digest()) and with
 *    `openssl enc -aes-128-ecb -nopad` (OpenSSL 3.0 command line), e.g.
 *      printf '\x7f\0\0\x05\x7f\0\0\x01\0\0\0\0\0\0\0\0' |
 *        openssl enc -aes-128-ecb -nopad -K 3322110077665544bbaa9988ffeeddcc | xxd -p
 *    -> bd032171c72f3861..., and for IPv6 the two-block CBC-MAC done with two
 *    such calls and an XOR.
 */

#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/inet-socket-address.h"
#include "ns3/inet6-socket-address.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/string.h"
#include "ns3/tcp-fast-open-cookie-generator.h"
#include "ns3/tcp-fast-open-key.h"
#include "ns3/tcp-fast-open-ns3-compat.h"
#include "ns3/test.h"

#include <vector>

using namespace ns3;

namespace
{

/// The kernel test vector's key in the sysctl form.
const std::string kKernelKeySysctl = "00112233-44556677-8899aabb-ccddeeff";
/// The same key in the hex form (the bytes the kernel holds).
const std::string kKernelKeyHex = "3322110077665544bbaa9988ffeeddcc";
/// A second key.
const std::string kOtherKeySysctl = "0f0e0d0c-0b0a0908-07060504-03020100";

/// What the parsers accept, as their error messages end.
const std::string kAccepted = "expected four dash-separated 32-bit hex words "
                              "(xxxxxxxx-xxxxxxxx-xxxxxxxx-xxxxxxxx, the "
                              "net.ipv4.tcp_fastopen_key form) or 32 hex digits "
                              "(the 16 key bytes in order)";

/**
 * \brief Parse a key that must be valid.
 * \param text the key text
 * \return the key
 */
TcpFastOpenKey
KeyOf(const std::string& text)
{
    TcpFastOpenKey key;
    std::string error;
    NS_ABORT_MSG_UNLESS(TcpFastOpenKey::Parse(text, key, error), text << ": " << error);
    return key;
}

/**
 * \brief A generator with the given keys and algorithm.
 * \param keys "primary[,backup]"
 * \param algorithm the algorithm
 * \return the generator
 */
Ptr<TcpFastOpenCookieGenerator>
MakeGenerator(const std::string& keys,
              TcpFastOpenCookieGenerator::Algorithm algorithm = TcpFastOpenCookieGenerator::SIPHASH)
{
    Ptr<TcpFastOpenCookieGenerator> generator = CreateObject<TcpFastOpenCookieGenerator>();
    generator->SetAlgorithm(algorithm);
    std::string error;
    NS_ABORT_MSG_UNLESS(generator->SetKeysFromString(keys, error), keys << ": " << error);
    return generator;
}

/**
 * \brief A cookie from hex text.
 * \param hex an even number of hex digits
 * \return the cookie
 */
TcpFastOpenCookie
CookieOf(const std::string& hex)
{
    uint8_t bytes[TcpFastOpenCookie::MAX_SIZE];
    for (std::size_t i = 0; i < hex.size() / 2; ++i)
    {
        bytes[i] = static_cast<uint8_t>(std::stoul(hex.substr(2 * i, 2), nullptr, 16));
    }
    return TcpFastOpenCookie(bytes, static_cast<uint8_t>(hex.size() / 2));
}

} // namespace

/**
 * \ingroup tcp-fast-open-tests
 * The kernel's cookie through both key forms and every address overload.
 */
class TfoCookieKernelVectorTest : public TestCase
{
  public:
    TfoCookieKernelVectorTest()
        : TestCase("kernel vector: 127.0.0.5 -> 127.0.0.1 gives 920c25c2e5eb51ef")
    {
    }

  private:
    void DoRun() override
    {
        const TcpFastOpenKey fromSysctl = KeyOf(kKernelKeySysctl);
        const TcpFastOpenKey fromHex = KeyOf(kKernelKeyHex);
        NS_TEST_ASSERT_MSG_EQ(fromSysctl.ToHexString(),
                              kKernelKeyHex,
                              "each sysctl word is stored little-endian");
        NS_TEST_ASSERT_MSG_EQ((fromSysctl == fromHex), true, "both forms give one key");
        const std::array<uint8_t, 16> expectedBytes = {0x33,
                                                       0x22,
                                                       0x11,
                                                       0x00,
                                                       0x77,
                                                       0x66,
                                                       0x55,
                                                       0x44,
                                                       0xbb,
                                                       0xaa,
                                                       0x99,
                                                       0x88,
                                                       0xff,
                                                       0xee,
                                                       0xdd,
                                                       0xcc};
        NS_TEST_ASSERT_MSG_EQ((fromSysctl.GetBytes() == expectedBytes), true, "key bytes");

        const Ipv4Address client("127.0.0.5");
        const Ipv4Address server("127.0.0.1");
        const TcpFastOpenCookie expected = CookieOf("920c25c2e5eb51ef");
        for (const std::string& form : {kKernelKeySysctl, kKernelKeyHex})
        {
            Ptr<TcpFastOpenCookieGenerator> generator = MakeGenerator(form);
            const TcpFastOpenCookie cookie = generator->Generate(client, server);
            NS_TEST_ASSERT_MSG_EQ(cookie.GetLength(), 8, "Linux cookies are 8 bytes");
            NS_TEST_ASSERT_MSG_EQ(cookie.ToHex(), "920c25c2e5eb51ef", "key form " << form);
            NS_TEST_ASSERT_MSG_EQ(generator->Generate(Address(client), Address(server)),
                                  expected,
                                  "Ipv4Address as Address");
            NS_TEST_ASSERT_MSG_EQ(generator->Generate(InetSocketAddress(client, 49152),
                                                      InetSocketAddress(server, 8080)),
                                  expected,
                                  "InetSocketAddress");
            NS_TEST_ASSERT_MSG_EQ(generator->Validate(expected, client, server),
                                  TcpFastOpenCookieGenerator::VALID_PRIMARY,
                                  "the kernel's cookie is valid");
        }
        // Through the Key attribute as well.
        Ptr<TcpFastOpenCookieGenerator> generator = CreateObject<TcpFastOpenCookieGenerator>();
        generator->SetAttribute("Key", StringValue(kKernelKeySysctl));
        NS_TEST_ASSERT_MSG_EQ(generator->Generate(client, server), expected, "Key attribute");
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * SipHash-2-4 reference vector through the cookie function.
 */
class TfoCookieSipHashReferenceTest : public TestCase
{
  public:
    TfoCookieSipHashReferenceTest()
        : TestCase("SipHash-2-4 paper vector: key 00..0f, message 00..0e")
    {
    }

  private:
    void DoRun() override
    {
        std::array<uint8_t, 16> keyBytes{};
        for (std::size_t i = 0; i < keyBytes.size(); ++i)
        {
            keyBytes[i] = static_cast<uint8_t>(i);
        }
        uint8_t message[15];
        for (std::size_t i = 0; i < sizeof(message); ++i)
        {
            message[i] = static_cast<uint8_t>(i);
        }
        const TcpFastOpenCookie cookie =
            TcpFastOpenCookieGenerator::SipHashCookie(TcpFastOpenKey(keyBytes),
                                                      message,
                                                      sizeof(message));
        NS_TEST_ASSERT_MSG_EQ(cookie.GetLength(), 8, "8 bytes");
        uint64_t value = 0;
        for (int i = 7; i >= 0; --i)
        {
            value = (value << 8) | cookie.GetBytes()[i];
        }
        NS_TEST_ASSERT_MSG_EQ(value, 0xa129ca6149be45e5ULL, "SipHash paper, appendix A");
        NS_TEST_ASSERT_MSG_EQ(cookie.ToHex(), "e545be4961ca29a1", "written little-endian");
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * AES-128 known answer (FIPS-197 C.1) through the generator's AES context.
 */
class TfoCookieAesKnownAnswerTest : public TestCase
{
  public:
    TfoCookieAesKnownAnswerTest()
        : TestCase("AES-128 FIPS-197 C.1 known answer")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<TcpFastOpenCookieGenerator> generator =
            MakeGenerator("000102030405060708090a0b0c0d0e0f", TcpFastOpenCookieGenerator::AES128);
        const std::array<uint8_t, 16> plain = {0x00,
                                               0x11,
                                               0x22,
                                               0x33,
                                               0x44,
                                               0x55,
                                               0x66,
                                               0x77,
                                               0x88,
                                               0x99,
                                               0xaa,
                                               0xbb,
                                               0xcc,
                                               0xdd,
                                               0xee,
                                               0xff};
        const std::array<uint8_t, 16> expected = {0x69,
                                                  0xc4,
                                                  0xe0,
                                                  0xd8,
                                                  0x6a,
                                                  0x7b,
                                                  0x04,
                                                  0x30,
                                                  0xd8,
                                                  0xcd,
                                                  0xb7,
                                                  0x80,
                                                  0x70,
                                                  0xb4,
                                                  0xc5,
                                                  0x5a};
        NS_TEST_ASSERT_MSG_EQ((generator->EncryptBlock(plain) == expected), true, "first call");
        // The context is reused: a second call must give the same block.
        NS_TEST_ASSERT_MSG_EQ((generator->EncryptBlock(plain) == expected), true, "reused context");
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * AES128 and SIPHASH cookies for IPv4 and IPv6, cross-checked outside ns-3.
 */
class TfoCookieAlgorithmValuesTest : public TestCase
{
  public:
    TfoCookieAlgorithmValuesTest()
        : TestCase("AES128 IPv4 and IPv6, SipHash IPv6 cookies match independent computations")
    {
    }

  private:
    void DoRun() override
    {
        const Ipv4Address c4("127.0.0.5");
        const Ipv4Address s4("127.0.0.1");
        const Ipv6Address c6("2001:db8::1");
        const Ipv6Address s6("2001:db8::2");

        Ptr<TcpFastOpenCookieGenerator> aes =
            MakeGenerator(kKernelKeySysctl, TcpFastOpenCookieGenerator::AES128);
        NS_TEST_ASSERT_MSG_EQ(aes->Generate(c4, s4).ToHex(),
                              "bd032171c72f3861",
                              "AES_K(c || s || 0^64), openssl enc");
        NS_TEST_ASSERT_MSG_EQ(aes->Generate(c6, s6).ToHex(),
                              "8c2d09a29b1c9b27",
                              "AES_K(AES_K(c) ^ s), openssl enc");
        NS_TEST_ASSERT_MSG_EQ(
            aes->Generate(Inet6SocketAddress(c6, 1), Inet6SocketAddress(s6, 2)).ToHex(),
            "8c2d09a29b1c9b27",
            "Inet6SocketAddress");

        Ptr<TcpFastOpenCookieGenerator> sip = MakeGenerator(kKernelKeySysctl);
        NS_TEST_ASSERT_MSG_EQ(sip->Generate(c6, s6).ToHex(),
                              "9f6561dd1649ac40",
                              "SipHash over 32 address bytes, PyPI siphash");
        NS_TEST_ASSERT_MSG_EQ(sip->Generate(Address(c6), Address(s6)).ToHex(),
                              "9f6561dd1649ac40",
                              "Ipv6Address as Address");
        NS_TEST_ASSERT_MSG_EQ(
            sip->Generate(Ipv4Address("10.0.0.1"), Ipv4Address("10.0.0.2")).ToHex(),
            "acf1f9d14263185d",
            "SipHash 10.0.0.1 -> 10.0.0.2, PyPI siphash");

        // The algorithm switch through the attribute, on the same keys.
        sip->SetAttribute("Algorithm", EnumValue(TcpFastOpenCookieGenerator::AES128));
        NS_TEST_ASSERT_MSG_EQ(sip->Generate(c4, s4).ToHex(), "bd032171c72f3861", "now AES128");
        NS_TEST_ASSERT_MSG_EQ(sip->GetAlgorithm(),
                              TcpFastOpenCookieGenerator::AES128,
                              "attribute sets the algorithm");
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * Validate: primary 1, backup 2, unknown key 0, length and bytes must match.
 */
class TfoCookieValidateTest : public TestCase
{
  public:
    TfoCookieValidateTest()
        : TestCase("Validate: primary 1, backup 2, unknown 0, same length and bytes")
    {
    }

  private:
    void DoRun() override
    {
        for (auto algorithm :
             {TcpFastOpenCookieGenerator::SIPHASH, TcpFastOpenCookieGenerator::AES128})
        {
            const Ipv4Address c("10.1.1.1");
            const Ipv4Address s("10.1.1.2");
            const Ipv6Address c6("2001:db8::10");
            const Ipv6Address s6("2001:db8::20");
            Ptr<TcpFastOpenCookieGenerator> oldOnly = MakeGenerator(kOtherKeySysctl, algorithm);
            Ptr<TcpFastOpenCookieGenerator> both =
                MakeGenerator(kKernelKeySysctl + "," + kOtherKeySysctl, algorithm);
            Ptr<TcpFastOpenCookieGenerator> stranger = MakeGenerator(kKernelKeyHex, algorithm);
            stranger->SetKeys(KeyOf("ffffffff-00000000-ffffffff-00000000"));

            const TcpFastOpenCookie primaryCookie = both->Generate(c, s);
            const TcpFastOpenCookie backupCookie = oldOnly->Generate(c, s);
            NS_TEST_ASSERT_MSG_NE(primaryCookie, backupCookie, "keys differ");
            NS_TEST_ASSERT_MSG_EQ(both->Validate(primaryCookie, c, s), 1, "primary key");
            NS_TEST_ASSERT_MSG_EQ(both->Validate(backupCookie, c, s), 2, "backup key");
            NS_TEST_ASSERT_MSG_EQ(both->Generate(c, s),
                                  primaryCookie,
                                  "the backup key never creates cookies");
            NS_TEST_ASSERT_MSG_EQ(stranger->Validate(primaryCookie, c, s), 0, "unknown key");
            NS_TEST_ASSERT_MSG_EQ(both->Validate(primaryCookie, c, Ipv4Address("10.1.1.3")),
                                  0,
                                  "other server address");

            // Same bytes, other length; one byte changed; empty.
            const TcpFastOpenCookie shorter(primaryCookie.GetBytes(), 4);
            NS_TEST_ASSERT_MSG_EQ(both->Validate(shorter, c, s), 0, "4-byte prefix rejected");
            uint8_t longer[10] = {};
            std::copy(primaryCookie.GetBytes(), primaryCookie.GetBytes() + 8, longer);
            NS_TEST_ASSERT_MSG_EQ(both->Validate(TcpFastOpenCookie(longer, 10), c, s),
                                  0,
                                  "10 bytes starting with the cookie rejected");
            uint8_t flipped[8];
            std::copy(primaryCookie.GetBytes(), primaryCookie.GetBytes() + 8, flipped);
            flipped[7] ^= 0x01;
            NS_TEST_ASSERT_MSG_EQ(both->Validate(TcpFastOpenCookie(flipped, 8), c, s),
                                  0,
                                  "one bit changed");
            NS_TEST_ASSERT_MSG_EQ(both->Validate(TcpFastOpenCookie(), c, s), 0, "empty cookie");

            // IPv6 and the Address overloads.
            const TcpFastOpenCookie backup6 = oldOnly->Generate(c6, s6);
            NS_TEST_ASSERT_MSG_EQ(both->Validate(backup6, c6, s6), 2, "IPv6 backup");
            NS_TEST_ASSERT_MSG_EQ(
                both->Validate(backup6, Inet6SocketAddress(c6, 5), Inet6SocketAddress(s6, 80)),
                2,
                "IPv6 backup via Address");
            NS_TEST_ASSERT_MSG_EQ(
                both->Validate(primaryCookie, InetSocketAddress(c, 5), InetSocketAddress(s, 80)),
                1,
                "IPv4 primary via Address");
        }
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * RotateKey / DropBackupKey at once, and the KeyChanged trace.
 */
class TfoCookieRotationTest : public TestCase
{
  public:
    TfoCookieRotationTest()
        : TestCase("RotateKey makes the old primary the backup; DropBackupKey forgets it")
    {
    }

  private:
    /**
     * \brief KeyChanged sink.
     * \param primary new primary key
     * \param hasBackup whether a backup is present
     */
    void KeyChanged(const TcpFastOpenKey& primary, bool hasBackup)
    {
        m_changes.emplace_back(primary.ToSysctlString(), hasBackup);
    }

    void DoRun() override
    {
        Ptr<TcpFastOpenCookieGenerator> generator = CreateObject<TcpFastOpenCookieGenerator>();
        generator->TraceConnectWithoutContext(
            "KeyChanged",
            MakeCallback(&TfoCookieRotationTest::KeyChanged, this));
        generator->SetKeys(KeyOf(kKernelKeySysctl));
        const Ipv4Address c("192.168.0.7");
        const Ipv4Address s("192.168.0.1");
        const TcpFastOpenCookie oldCookie = generator->Generate(c, s);

        generator->RotateKey(KeyOf(kOtherKeySysctl));
        NS_TEST_ASSERT_MSG_EQ(generator->GetPrimaryKey().ToSysctlString(),
                              kOtherKeySysctl,
                              "new primary");
        NS_TEST_ASSERT_MSG_EQ(generator->GetBackupKey().has_value(), true, "backup present");
        NS_TEST_ASSERT_MSG_EQ(generator->GetBackupKey()->ToSysctlString(),
                              kKernelKeySysctl,
                              "old primary is the backup");
        StringValue keyAttribute;
        generator->GetAttribute("Key", keyAttribute);
        NS_TEST_ASSERT_MSG_EQ(keyAttribute.Get(),
                              kOtherKeySysctl + "," + kKernelKeySysctl,
                              "the Key attribute reads as the sysctl does");
        const TcpFastOpenCookie newCookie = generator->Generate(c, s);
        NS_TEST_ASSERT_MSG_NE(newCookie, oldCookie, "new key, new cookie");
        NS_TEST_ASSERT_MSG_EQ(generator->Validate(oldCookie, c, s), 2, "old cookie: backup");
        NS_TEST_ASSERT_MSG_EQ(generator->Validate(newCookie, c, s), 1, "new cookie: primary");

        generator->DropBackupKey();
        NS_TEST_ASSERT_MSG_EQ(generator->GetBackupKey().has_value(), false, "backup gone");
        NS_TEST_ASSERT_MSG_EQ(generator->Validate(oldCookie, c, s), 0, "old cookie now invalid");
        NS_TEST_ASSERT_MSG_EQ(generator->Validate(newCookie, c, s), 1, "new cookie still valid");

        // A second rotation drops the oldest key.
        generator->RotateKey(KeyOf(kKernelKeyHex));
        generator->RotateKey(KeyOf("1-2-3-4"));
        NS_TEST_ASSERT_MSG_EQ(generator->GetBackupKey()->ToSysctlString(),
                              kKernelKeySysctl,
                              "only one backup: the previous primary");

        NS_TEST_ASSERT_MSG_EQ(m_changes.size(), 5, "SetKeys, Rotate, Drop, Rotate, Rotate");
        NS_TEST_ASSERT_MSG_EQ(m_changes[0].first, kKernelKeySysctl, "SetKeys");
        NS_TEST_ASSERT_MSG_EQ(m_changes[0].second, false, "SetKeys: no backup");
        NS_TEST_ASSERT_MSG_EQ(m_changes[1].first, kOtherKeySysctl, "rotation");
        NS_TEST_ASSERT_MSG_EQ(m_changes[1].second, true, "rotation: backup");
        NS_TEST_ASSERT_MSG_EQ(m_changes[2].second, false, "drop: no backup");
        NS_TEST_ASSERT_MSG_EQ(m_changes[4].first,
                              "00000001-00000002-00000003-00000004",
                              "last rotation");
        generator->Dispose();
    }

    std::vector<std::pair<std::string, bool>> m_changes; //!< KeyChanged calls
};

/**
 * \ingroup tcp-fast-open-tests
 * ScheduleRotation / ScheduleDropBackup take effect at the given times.
 */
class TfoCookieScheduledRotationTest : public TestCase
{
  public:
    TfoCookieScheduledRotationTest()
        : TestCase("scheduled rotation at 1 s and backup drop at 2 s")
    {
    }

  private:
    /// State seen at one time.
    struct Probe
    {
        double at;           //!< when (s)
        int oldValid;        //!< Validate(old cookie)
        int newValid;        //!< Validate(new cookie)
        std::string primary; //!< primary key, sysctl form
        bool hasBackup;      //!< backup present
    };

    void DoRun() override
    {
        Ptr<TcpFastOpenCookieGenerator> generator = MakeGenerator(kKernelKeySysctl);
        const Ipv6Address c("2001:db8:1::5");
        const Ipv6Address s("2001:db8:2::1");
        const TcpFastOpenCookie oldCookie = generator->Generate(c, s);
        const TcpFastOpenCookie newCookie = MakeGenerator(kOtherKeySysctl)->Generate(c, s);

        generator->ScheduleRotation(Seconds(1), KeyOf(kOtherKeySysctl));
        generator->ScheduleDropBackup(Seconds(2));
        std::vector<Probe> probes;
        for (double t : {0.5, 0.999, 1.0, 1.5, 2.5})
        {
            Simulator::Schedule(Seconds(t), [&probes, generator, c, s, oldCookie, newCookie, t]() {
                probes.push_back(Probe{t,
                                       generator->Validate(oldCookie, c, s),
                                       generator->Validate(newCookie, c, s),
                                       generator->GetPrimaryKey().ToSysctlString(),
                                       generator->GetBackupKey().has_value()});
            });
        }
        Simulator::Run();

        NS_TEST_ASSERT_MSG_EQ(probes.size(), 5, "five probes ran");
        const int expectedOld[] = {1, 1, 2, 2, 0};
        const int expectedNew[] = {0, 0, 1, 1, 1};
        const bool expectedBackup[] = {false, false, true, true, false};
        for (std::size_t i = 0; i < probes.size(); ++i)
        {
            NS_TEST_ASSERT_MSG_EQ(probes[i].oldValid,
                                  expectedOld[i],
                                  "old cookie at " << probes[i].at);
            NS_TEST_ASSERT_MSG_EQ(probes[i].newValid,
                                  expectedNew[i],
                                  "new cookie at " << probes[i].at);
            NS_TEST_ASSERT_MSG_EQ(probes[i].hasBackup,
                                  expectedBackup[i],
                                  "backup at " << probes[i].at);
            NS_TEST_ASSERT_MSG_EQ(probes[i].primary,
                                  (probes[i].at < 1.0 ? kKernelKeySysctl : kOtherKeySysctl),
                                  "primary at " << probes[i].at);
        }
        Simulator::Destroy();
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * Parsers: both forms, key lists, and the error messages of bad input.
 */
class TfoCookieParserTest : public TestCase
{
  public:
    TfoCookieParserTest()
        : TestCase("key parser accepts both forms and rejects bad input with clear errors")
    {
    }

  private:
    /**
     * \brief Parse() must fail with exactly \p expected, leaving the key untouched.
     * \param text the input
     * \param expected the error message
     */
    void ExpectError(const std::string& text, const std::string& expected)
    {
        const TcpFastOpenKey sentinel = KeyOf("1-1-1-1");
        TcpFastOpenKey key = sentinel;
        std::string error;
        NS_TEST_EXPECT_MSG_EQ(TcpFastOpenKey::Parse(text, key, error), false, "rejects " << text);
        NS_TEST_EXPECT_MSG_EQ(error, expected, "message for \"" << text << "\"");
        NS_TEST_EXPECT_MSG_EQ((key == sentinel), true, "key untouched for " << text);
    }

    void DoRun() override
    {
        // Accepted forms.
        NS_TEST_ASSERT_MSG_EQ(KeyOf("00112233-44556677-8899AABB-CCDDEEFF").ToHexString(),
                              kKernelKeyHex,
                              "upper-case sysctl words");
        NS_TEST_ASSERT_MSG_EQ(KeyOf("3322110077665544BBAA9988FFEEDDCC").ToSysctlString(),
                              kKernelKeySysctl,
                              "upper-case hex form");
        NS_TEST_ASSERT_MSG_EQ(KeyOf("1-0-abc-ffffffff").ToHexString(),
                              "0100000000000000bc0a0000ffffffff",
                              "short words are numbers, as the kernel's %x reads them");
        NS_TEST_ASSERT_MSG_EQ(KeyOf(" " + kKernelKeySysctl + "\n").ToHexString(),
                              kKernelKeyHex,
                              "surrounding white space (cat /proc/sys output)");

        // Rejected single keys, with the exact messages.
        ExpectError("", "empty key; " + kAccepted);
        ExpectError("00112233-44556677-8899aabb",
                    "\"00112233-44556677-8899aabb\" has 3 dash-separated words; " + kAccepted);
        ExpectError("00112233-44556677-8899aabb-ccddeeff-00",
                    "\"00112233-44556677-8899aabb-ccddeeff-00\" has 5 dash-separated words; " +
                        kAccepted);
        ExpectError("00112233-4455667g-8899aabb-ccddeeff",
                    "word 2 (\"4455667g\"): 'g' is not a hex digit; " + kAccepted);
        ExpectError("0x112233-44556677-8899aabb-ccddeeff",
                    "word 1 (\"0x112233\"): 'x' is not a hex digit; " + kAccepted);
        ExpectError("00112233-44556677-8899aabb-ccddeeff0",
                    "word 4 (\"ccddeeff0\") must have 1 to 8 hex digits (a 32-bit word); " +
                        kAccepted);
        ExpectError("00112233--8899aabb-ccddeeff",
                    "word 2 (\"\") must have 1 to 8 hex digits (a 32-bit word); " + kAccepted);
        ExpectError("3322110077665544bbaa9988ffeedd",
                    "\"3322110077665544bbaa9988ffeedd\" has 30 hex digits; " + kAccepted);
        ExpectError("3322110077665544bbaa9988ffeeddcc00",
                    "\"3322110077665544bbaa9988ffeeddcc00\" has 34 hex digits; " + kAccepted);
        ExpectError("3322110077665544bbaa9988ffeeddcz",
                    "\"3322110077665544bbaa9988ffeeddcz\": 'z' at position 31 is not a hex "
                    "digit; " +
                        kAccepted);

        // Key lists.
        TcpFastOpenKey primary;
        std::optional<TcpFastOpenKey> backup;
        std::string error;
        NS_TEST_ASSERT_MSG_EQ(
            TcpFastOpenKey::ParseKeyList(kKernelKeySysctl, primary, backup, error),
            true,
            "primary alone");
        NS_TEST_ASSERT_MSG_EQ(backup.has_value(), false, "no backup");
        NS_TEST_ASSERT_MSG_EQ(TcpFastOpenKey::ParseKeyList(kOtherKeySysctl + "," + kKernelKeyHex,
                                                           primary,
                                                           backup,
                                                           error),
                              true,
                              "sysctl primary, hex backup");
        NS_TEST_ASSERT_MSG_EQ(primary.ToSysctlString(), kOtherKeySysctl, "primary");
        NS_TEST_ASSERT_MSG_EQ(backup.has_value(), true, "backup present");
        NS_TEST_ASSERT_MSG_EQ(backup->ToSysctlString(), kKernelKeySysctl, "backup");

        const std::string three = "1-2-3-4,5-6-7-8,9-a-b-c";
        NS_TEST_ASSERT_MSG_EQ(TcpFastOpenKey::ParseKeyList(three, primary, backup, error),
                              false,
                              "three keys");
        NS_TEST_ASSERT_MSG_EQ(error,
                              "\"" + three +
                                  "\" holds 3 comma-separated keys; expected a primary key "
                                  "and at most one backup key (primary[,backup])",
                              "three-key message");
        NS_TEST_ASSERT_MSG_EQ(primary.ToSysctlString(), kOtherKeySysctl, "primary untouched");
        NS_TEST_ASSERT_MSG_EQ(TcpFastOpenKey::ParseKeyList("1-2-3-4,5-6-7", primary, backup, error),
                              false,
                              "bad backup");
        NS_TEST_ASSERT_MSG_EQ(error,
                              "backup key: \"5-6-7\" has 3 dash-separated words; " + kAccepted,
                              "bad backup message");
        NS_TEST_ASSERT_MSG_EQ(backup->ToSysctlString(), kKernelKeySysctl, "backup untouched");
        NS_TEST_ASSERT_MSG_EQ(TcpFastOpenKey::ParseKeyList(",1-2-3-4", primary, backup, error),
                              false,
                              "empty primary");
        NS_TEST_ASSERT_MSG_EQ(error,
                              "primary key: empty key; " + kAccepted,
                              "empty primary message");

        // SetKeysFromString leaves the generator unchanged on failure.
        Ptr<TcpFastOpenCookieGenerator> generator = MakeGenerator(kKernelKeySysctl);
        NS_TEST_ASSERT_MSG_EQ(generator->SetKeysFromString("zz", error), false, "bad list");
        NS_TEST_ASSERT_MSG_EQ(error,
                              "primary key: \"zz\": 'z' at position 0 is not a hex digit; " +
                                  kAccepted,
                              "generator error");
        NS_TEST_ASSERT_MSG_EQ(generator->GetPrimaryKey().ToSysctlString(),
                              kKernelKeySysctl,
                              "keys unchanged");

        // Round trips.
        const TcpFastOpenKey k = KeyOf("deadbeef-00c0ffee-12345678-9abcdef0");
        NS_TEST_ASSERT_MSG_EQ(KeyOf(k.ToHexString()), k, "hex round trip");
        NS_TEST_ASSERT_MSG_EQ(KeyOf(k.ToSysctlString()), k, "sysctl round trip");
        NS_TEST_ASSERT_MSG_EQ(k.ToHexString(),
                              "efbeaddeeeffc00078563412f0debc9a",
                              "each word little-endian");
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * No key: a random key at first use, reproducible from seed/run/stream.
 */
class TfoCookieRandomKeyTest : public TestCase
{
  public:
    TfoCookieRandomKeyTest()
        : TestCase("random key at first use: same for the same run, different for another run")
    {
    }

  private:
    /**
     * \brief The first cookie of a fresh generator with no key, under run \p run.
     * \param run the run number
     * \param key receives the drawn key
     * \return the cookie
     */
    static TcpFastOpenCookie FirstCookie(uint64_t run, TcpFastOpenKey& key)
    {
        RngSeedManager::SetRun(run);
        Ptr<TcpFastOpenCookieGenerator> generator = CreateObject<TcpFastOpenCookieGenerator>();
        generator->AssignStreams(7);
        const TcpFastOpenCookie cookie =
            generator->Generate(Ipv4Address("10.0.0.1"), Ipv4Address("10.0.0.2"));
        key = generator->GetPrimaryKey();
        return cookie;
    }

    void DoRun() override
    {
        const uint32_t savedSeed = RngSeedManager::GetSeed();
        const uint64_t savedRun = RngSeedManager::GetRun();
        RngSeedManager::SetSeed(1);

        Ptr<TcpFastOpenCookieGenerator> fresh = CreateObject<TcpFastOpenCookieGenerator>();
        NS_TEST_ASSERT_MSG_EQ(fresh->HasKey(), false, "no key before first use");
        StringValue keyAttribute;
        fresh->GetAttribute("Key", keyAttribute);
        NS_TEST_ASSERT_MSG_EQ(keyAttribute.Get(), "", "Key attribute empty");
        const TcpFastOpenCookie cookie =
            fresh->Generate(Ipv4Address("10.0.0.1"), Ipv4Address("10.0.0.2"));
        NS_TEST_ASSERT_MSG_EQ(fresh->HasKey(), true, "key drawn at first use");
        NS_TEST_ASSERT_MSG_EQ(cookie.GetLength(), 8, "a cookie");
        NS_TEST_ASSERT_MSG_EQ(
            fresh->Validate(cookie, Ipv4Address("10.0.0.1"), Ipv4Address("10.0.0.2")),
            1,
            "valid under the drawn key");
        NS_TEST_ASSERT_MSG_EQ(fresh->GetPrimaryKey(), fresh->GetPrimaryKey(), "drawn once");

        TcpFastOpenKey key1a;
        TcpFastOpenKey key1b;
        TcpFastOpenKey key2;
        const TcpFastOpenCookie c1a = FirstCookie(1, key1a);
        const TcpFastOpenCookie c1b = FirstCookie(1, key1b);
        const TcpFastOpenCookie c2 = FirstCookie(2, key2);
        NS_TEST_ASSERT_MSG_EQ(key1a, key1b, "same seed and run: same key");
        NS_TEST_ASSERT_MSG_EQ(c1a, c1b, "same seed and run: same cookie");
        NS_TEST_ASSERT_MSG_NE(key1a, key2, "other run: other key");
        NS_TEST_ASSERT_MSG_NE(c1a, c2, "other run: other cookie");
        NS_TEST_ASSERT_MSG_NE(key1a, TcpFastOpenKey(), "not the zero key");

        RngSeedManager::SetSeed(savedSeed);
        RngSeedManager::SetRun(savedRun);
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * The cookie depends on both addresses and on nothing else (not the ports).
 */
class TfoCookieAddressDependenceTest : public TestCase
{
  public:
    TfoCookieAddressDependenceTest()
        : TestCase("cookie changes with either address, not with the ports, in any order")
    {
    }

  private:
    void DoRun() override
    {
        for (auto algorithm :
             {TcpFastOpenCookieGenerator::SIPHASH, TcpFastOpenCookieGenerator::AES128})
        {
            Ptr<TcpFastOpenCookieGenerator> g = MakeGenerator(kKernelKeySysctl, algorithm);
            const TcpFastOpenCookie base =
                g->Generate(Ipv4Address("127.0.0.5"), Ipv4Address("127.0.0.1"));
            NS_TEST_ASSERT_MSG_NE(g->Generate(Ipv4Address("127.0.0.6"), Ipv4Address("127.0.0.1")),
                                  base,
                                  "client address changed");
            NS_TEST_ASSERT_MSG_NE(g->Generate(Ipv4Address("127.0.0.5"), Ipv4Address("127.0.0.2")),
                                  base,
                                  "server address changed");
            // The generator keeps the last server address's wire form: a
            // change back must not reuse the other one.
            NS_TEST_ASSERT_MSG_EQ(g->Generate(Ipv4Address("127.0.0.5"), Ipv4Address("127.0.0.1")),
                                  base,
                                  "back to the first server");
            NS_TEST_ASSERT_MSG_EQ(
                g->Validate(base, Ipv4Address("127.0.0.5"), Ipv4Address("127.0.0.2")),
                TcpFastOpenCookieGenerator::INVALID,
                "validated against the other server");
            NS_TEST_ASSERT_MSG_NE(g->Generate(Ipv4Address("127.0.0.1"), Ipv4Address("127.0.0.5")),
                                  base,
                                  "direction matters");
            NS_TEST_ASSERT_MSG_EQ(
                g->Generate(InetSocketAddress("127.0.0.5", 1), InetSocketAddress("127.0.0.1", 2)),
                base,
                "ports 1/2");
            NS_TEST_ASSERT_MSG_EQ(g->Generate(InetSocketAddress("127.0.0.5", 65535),
                                              InetSocketAddress("127.0.0.1", 80)),
                                  base,
                                  "ports 65535/80");

            const Ipv6Address c6("2001:db8::1");
            const Ipv6Address s6("2001:db8::2");
            const TcpFastOpenCookie base6 = g->Generate(c6, s6);
            NS_TEST_ASSERT_MSG_NE(g->Generate(Ipv6Address("2001:db8::3"), s6),
                                  base6,
                                  "IPv6 client");
            NS_TEST_ASSERT_MSG_NE(g->Generate(c6, Ipv6Address("2001:db8::3")),
                                  base6,
                                  "IPv6 server");
            NS_TEST_ASSERT_MSG_EQ(
                g->Generate(Inet6SocketAddress(c6, 1234), Inet6SocketAddress(s6, 443)),
                base6,
                "IPv6 ports ignored");
        }
        // The SipHash values behind the first two checks (PyPI siphash).
        Ptr<TcpFastOpenCookieGenerator> g = MakeGenerator(kKernelKeySysctl);
        NS_TEST_ASSERT_MSG_EQ(
            g->Generate(Ipv4Address("127.0.0.6"), Ipv4Address("127.0.0.1")).ToHex(),
            "439de4f18a3feb2c",
            "client 127.0.0.6");
        NS_TEST_ASSERT_MSG_EQ(
            g->Generate(Ipv4Address("127.0.0.5"), Ipv4Address("127.0.0.2")).ToHex(),
            "c7cc57057a4c538d",
            "server 127.0.0.2");
    }
};

/**
 * \ingroup tcp-fast-open-tests
 * The suite.
 */
class TcpFastOpenCookieTestSuite : public TestSuite
{
  public:
    TcpFastOpenCookieTestSuite()
        : TestSuite("tcp-fast-open-cookie", TFO_TEST_UNIT)
    {
        AddTestCase(new TfoCookieKernelVectorTest, TFO_TEST_QUICK);
        AddTestCase(new TfoCookieSipHashReferenceTest, TFO_TEST_QUICK);
        AddTestCase(new TfoCookieAesKnownAnswerTest, TFO_TEST_QUICK);
        AddTestCase(new TfoCookieAlgorithmValuesTest, TFO_TEST_QUICK);
        AddTestCase(new TfoCookieValidateTest, TFO_TEST_QUICK);
        AddTestCase(new TfoCookieRotationTest, TFO_TEST_QUICK);
        AddTestCase(new TfoCookieScheduledRotationTest, TFO_TEST_QUICK);
        AddTestCase(new TfoCookieParserTest, TFO_TEST_QUICK);
        AddTestCase(new TfoCookieRandomKeyTest, TFO_TEST_QUICK);
        AddTestCase(new TfoCookieAddressDependenceTest, TFO_TEST_QUICK);
    }
};

/// The suite instance.
static TcpFastOpenCookieTestSuite g_tcpFastOpenCookieTestSuite;
