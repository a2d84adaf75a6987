/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

/**
 * \file
 * \ingroup tcp-fast-open-tests
 *
 * packetdrill's Fast Open scripts (google/packetdrill,
 * gtests/net/tcp/fastopen/) ported to the scripted peer of
 * tcp-fast-open-scripted-peer-test-util.h. Each test case is named after its
 * script; the script's lines are kept in order with their times, the
 * segments in packetdrill's own notation. What ns-3 or the model cannot
 * express is said at the line and left out (ScriptedPeer::Skip).
 *
 * Conventions common to every port:
 *  - common/defaults.sh sets net.ipv4.tcp_fastopen=0x70403: the model's Mode
 *    0x403 (bits 0x70000 are a qlen of old kernels the model does not know),
 *    key a1a1a1a1-b2b2b2b2-c3c3c3c3-d4d4d4d4; packetdrill's run_all.py runs
 *    IPv4 scripts with --local_ip=192.168.0.1 --remote_ip=192.0.2.1
 *    -D TFO_COOKIE=3021b9d889017eeb (the kernel's cookie for that key and
 *    those addresses; it is used literally here, not computed by the model).
 *  - SYN-ACKs the SUT sends have seq 0 (ISN 0); packetdrill maps the first
 *    one's seq, whatever the script writes, to the kernel's ISN.
 *  - "socket; setsockopt(SO_REUSEADDR); bind; listen" is one Listen() line;
 *    a setsockopt(TCP_FASTOPEN, [n]) becomes its qlen.
 *  - Options other than mss/FO/FOEXP (sackOK, nop, wscale, TS) are neither
 *    sent nor checked; scripts' halves that need TS are skipped. A port
 *    gives the peer's wscale where the script's windows depend on it
 *    (nonblocking-sendto: "win 257" is 257 << 6 bytes); the others leave it
 *    out, so their connections run without window scaling.
 *  - As in packetdrill, only the socket under test (that of the latest
 *    socket() line) is checked: what earlier client connections still send
 *    (FINs, retransmissions) is ignored.
 *  - getsockopt(TCP_INFO) assertions (tcpi_options & TCPI_OPT_SYN_DATA,
 *    tcpi_delivered, tcpi_state, ...) are mapped to the model's
 *    IsSynDataAcked()/IsFastOpenChild() where those say the same thing, and
 *    otherwise skipped: ns-3 has no TCP_INFO.
 */

#include "tcp-fast-open-scripted-peer-test-util.h"

#include "ns3/core-module.h"
#include "ns3/test.h"

#include <algorithm>
#include <cstdlib>
#include <set>

using namespace ns3;
using namespace ns3::tfotest;

namespace
{

/// TFO_COOKIE of packetdrill's run_all.py (IPv4).
const std::string kTfoCookie = "3021b9d889017eeb";

/// The key of common/simple*.pkt and sockopt-fastopen-key.pkt.
const std::string kSimpleKey = "a0bf63f7-ed803d81-cd641d30-cebc4a90";

/// A port: fills the script into the peer.
using Script = std::function<void(ScriptedPeer&)>;

/**
 * \ingroup tcp-fast-open-tests
 * \brief One ported packetdrill script.
 */
class PacketdrillTestCase : public TestCase
{
  public:
    /**
     * \param path a script's path ("server/opt34/simple1.pkt")
     * \return the test name: ns-3 refuses '/' in names, so "server:opt34:simple1.pkt"
     */
    static std::string ToTestName(std::string path)
    {
        std::replace(path.begin(), path.end(), '/', ':');
        return path;
    }

    /**
     * \param name the script's path below gtests/net/tcp/fastopen/
     * \param config the peer's configuration (addresses, sysctls)
     * \param script the port
     */
    PacketdrillTestCase(const std::string& name, ScriptedPeer::Config config, Script script)
        : TestCase(ToTestName(name)),
          m_config(std::move(config)),
          m_script(std::move(script))
    {
    }

  private:
    void DoRun() override
    {
        ScriptedPeer peer(m_config);
        peer.Define("TFO_COOKIE", kTfoCookie);
        m_script(peer);
        std::vector<std::string> failures = peer.Run();
        std::string all;
        for (const std::string& f : failures)
        {
            all += "\n  " + f;
        }
        NS_TEST_EXPECT_MSG_EQ(failures.empty(),
                              true,
                              GetName() << " differs from Linux:" << all << "\n"
                                        << peer.Report());
    }

    ScriptedPeer::Config m_config; //!< addresses, sysctls
    Script m_script;               //!< the port
};

/**
 * \param fo "FO" (RFC 7413 kind 34, the opt34/ twin) or "FOEXP" (kind 254)
 * \param text a line with "FOX" where the script has FOEXP
 * \return the line in that form
 */
std::string
Form(const std::string& fo, std::string text)
{
    const size_t at = text.find("FOX");
    if (at != std::string::npos)
    {
        text.replace(at, 3, fo);
    }
    return text;
}

/**
 * \param peer the peer
 * \param time when
 * \param fd a child
 * \param expect whether it must be a Fast Open child (tcpi_options &
 *        TCPI_OPT_SYN_DATA on a server socket)
 */
void
AssertSynData(ScriptedPeer& peer, const std::string& time, int fd, bool expect)
{
    peer.Call(time,
              std::string("%{ assert (tcpi_options & TCPI_OPT_SYN_DATA) ") +
                  (expect ? "!= 0" : "== 0") + " }%",
              [&peer, fd, expect]() {
                  Ptr<TcpFastOpenSocket> s = peer.Get(fd);
                  if (!s)
                  {
                      return std::string("no socket");
                  }
                  const bool got = s->IsFastOpenChild() || s->IsSynDataAcked();
                  return got == expect ? std::string()
                                       : "TCPI_OPT_SYN_DATA is " + std::to_string(got);
              });
}

// ---------------------------------------------------------------------------
// Server scripts

/**
 * server/simple1.pkt, simple2.pkt, simple3.pkt (and the opt34/ twins): the
 * cookie for a fixed key and address pair, then SYN-data with it.
 *   --local_ip=192.168.0.2 --remote_ip=10.248.0.2 (simple1)
 *   tcp_fastopen=0x30403 tcp_fastopen_key=a0bf63f7-ed803d81-cd641d30-cebc4a90
 *   +0 < S 1428932:1428932(0) win 10000 <mss 1012,FOEXP,...>
 *   +0 > S. 0:0(0) ack 1428933 <mss 1460,...,FOEXP 00abaaabe8e954c2>
 * \param fo option form
 * \param isn1 the first SYN's sequence number
 * \param cookie the script's cookie
 * \param isn2 the SYN-data's sequence number
 * \param writeBack simple3: the server answers in SYN_RCVD
 * \return the port
 */
Script
SimpleScript(const std::string& fo,
             uint32_t isn1,
             const std::string& cookie,
             uint32_t isn2,
             bool writeBack)
{
    return [=](ScriptedPeer& p) {
        const std::string s1 = std::to_string(isn1);
        const std::string a1 = std::to_string(isn1 + 1);
        p.Socket("0", 3);
        p.Listen("+0", 3);
        p.In("+0", "S " + s1 + ":" + s1 + "(0) win 10000 <mss 1012," + fo + ">");
        p.Out("+0", "S. 0:0(0) ack " + a1 + " <mss 1460," + fo + " " + cookie + ">");
        p.In("+.1", ". 1:1(0) ack 1 win 257");
        p.Accept("+0", 3, 4);
        p.Skip("%{ assert tcpi_delivered == 1 }%", "no TCP_INFO in ns-3");
        p.Close("+0", 4);
        p.Out("+0", "F. 1:1(0) ack 1");
        p.In("+.1", "F. 1:1(0) ack 2 win 257");
        p.OutAck("+0", ". 2:2(0) ack 2");
        p.Close("+0", 3);
        // Re-start the listener; the SYN-data carries the cookie just issued.
        const std::string s2 = std::to_string(isn2);
        const std::string e2 = std::to_string(isn2 + 1000);
        const std::string a2 = std::to_string(isn2 + 1001);
        p.Socket("+.1", 3);
        p.Listen("+0", 3);
        p.In("+.05",
             "S " + s2 + ":" + e2 + "(1000) win 10000 <mss 1012," + fo + " " + cookie + ">");
        p.Out("+0", "S. 0:0(0) ack " + a2 + " <mss 1460>");
        p.Accept("+0", 3, 4);
        if (writeBack)
        {
            p.Read("+0", 4, 65536, 1000);
            p.Write("+0", 4, 2000, 2000);
            p.Out("+0", "P. 1:2001(2000) ack 1001");
            p.In("+.1", ". 1001:1001(0) ack 1 win 257");
            p.In("+.005", ". 1001:1001(0) ack 2001 win 257");
        }
        else
        {
            p.In("+.1", ". 1001:1001(0) ack 1 win 257");
        }
    };
}

/**
 * \param local --local_ip
 * \param remote --remote_ip
 * \param key sysctl key
 * \return the configuration of simple*.pkt
 */
ScriptedPeer::Config
SimpleConfig(const std::string& local, const std::string& remote, const std::string& key)
{
    ScriptedPeer::Config c;
    c.localIp = local;
    c.remoteIp = remote;
    c.mode = 0x403; // 0x30403: bits 0x30000 unknown to the model
    c.key = key;
    return c;
}

/**
 * server/basic-rw.pkt: SYN-data with a valid cookie is accepted, read and
 * answered.
 *   +0 < S 0:10(10) win 32792 <mss 1460,sackOK,nop,nop,FOEXP TFO_COOKIE>
 *   +0 > S. 0:0(0) ack 11 <mss 1460,nop,nop,sackOK>
 * \param fo option form
 * \return the port
 */
Script
BasicRw(const std::string& fo)
{
    return [=](ScriptedPeer& p) {
        p.Socket("0", 3);
        p.Listen("+.1", 3);
        p.In("+0", Form(fo, "S 0:10(10) win 32792 <mss 1460,FOX TFO_COOKIE>"));
        p.Out("+0", "S. 0:0(0) ack 11 <mss 1460>");
        p.Accept("+.1", 3, 4);
        AssertSynData(p, "+0", 4, true);
        p.Read("+0", 4, 512, 10);
        p.Write("+.1", 4, 100, 100);
        p.Out("+0", "P. 1:101(100) ack 11");
    };
}

/**
 * server/basic-cookie-not-reqd.pkt: tcp_fastopen=0x202, SYN-data without any
 * option is accepted.
 *   +0 < S 0:1000(1000) win 32792 <mss 1460,sackOK,nop,nop>
 *   +0 > S. 0:0(0) ack 1001 <mss 1460,nop,nop,sackOK>
 * \param p the peer
 */
void
BasicCookieNotReqd(ScriptedPeer& p)
{
    p.Socket("0", 3);
    p.Listen("+.1", 3, 2);
    p.In("+0", "S 0:1000(1000) win 32792 <mss 1460>");
    p.Out("+0", "S. 0:0(0) ack 1001 <mss 1460>");
    p.Accept("+.1", 3, 4);
    AssertSynData(p, "+0", 4, true);
    p.Read("+0", 4, 1024, 1000);
    p.In("+.1", ". 1001:2001(1000) ack 1 win 5840");
    p.OutAck("+0", ". 1:1(0) ack 2001");
    p.Read("+0", 4, 1024, 1000);
    p.Write("+.1", 4, 1000, 1000);
    p.Out("+0", "P. 1:1001(1000) ack 2001");
}

/**
 * server/basic-non-tfo-listener.pkt: tcp_fastopen=2 and no TCP_FASTOPEN on
 * the listener: the SYN's data is ignored, no cookie, accept() waits for the
 * handshake.
 *   +0 < S 0:10(10) win 32792 <mss 1460,sackOK,nop,nop,FOEXP 0123456789abcdef>
 *   +0 > S. 0:0(0) ack 1 <mss 1460,nop,nop,sackOK>
 * \param fo option form
 * \return the port
 */
Script
BasicNonTfoListener(const std::string& fo)
{
    return [=](ScriptedPeer& p) {
        p.Socket("0", 3);
        p.Listen("+.1", 3);
        p.In("+0", Form(fo, "S 0:10(10) win 32792 <mss 1460,FOX 0123456789abcdef>"));
        p.Out("+0", "S. 0:0(0) ack 1 <mss 1460>");
        // "+.1...0.400 accept(3, ...) = 4": blocks until the ACK below.
        p.In("+.3", ". 1:31(30) ack 1 win 5840");
        p.Accept("+.001", 3, 4);
        AssertSynData(p, "+.004", 4, false);
        p.Read("+.095", 4, 512, 30);
    };
}

/**
 * server/basic-zero-payload.pkt: a valid cookie without data still creates the
 * child at once; it can write before the handshake completes.
 *   +0 < S 0:0(0) win 32792 <mss 1460,sackOK,nop,nop,FOEXP TFO_COOKIE>
 *   +0 > S. 0:0(0) ack 1 <mss 1460,nop,nop,sackOK>
 *  +.1 accept(3, ..., ...) = 4
 *   +0 write(4, ..., 100) = 100
 *   +0 > P. 1:101(100) ack 1
 * \param fo option form
 * \return the port
 */
Script
BasicZeroPayload(const std::string& fo)
{
    return [=](ScriptedPeer& p) {
        p.Socket("0", 3);
        p.Listen("+.1", 3);
        p.In("+0", Form(fo, "S 0:0(0) win 32792 <mss 1460,FOX TFO_COOKIE>"));
        p.Out("+0", "S. 0:0(0) ack 1 <mss 1460>");
        p.Accept("+.1", 3, 4);
        p.Skip("%{ assert (tcpi_options & TCPI_OPT_SYN_DATA) == 0 }%",
               "Linux sets the bit only for a SYN with data; the model has no such flag");
        p.Write("+0", 4, 100, 100);
        p.Out("+0", "P. 1:101(100) ack 1");
        // "+0...0.300 read(4, ..., 512) = 10" blocks until the data below.
        p.In("+.3", "P. 1:11(10) ack 1 win 5840");
        p.Read("+.001", 4, 512, 10);
    };
}

/**
 * server/fin-close-socket.pkt: a FIN right after the TFO SYN-data is acked;
 * the data stays readable and close() sends the FIN.
 *   +.1 < F. 11:11(0) ack 1 win 32792
 *   +0 > . 1:1(0) ack 12
 * \param fo option form
 * \return the port
 */
Script
FinCloseSocket(const std::string& fo)
{
    return [=](ScriptedPeer& p) {
        p.Socket("0", 3);
        p.Listen("+.1", 3, 2);
        p.In("+0", Form(fo, "S 0:10(10) win 32792 <mss 1460,FOX TFO_COOKIE>"));
        p.Out("+0", "S. 0:0(0) ack 11 <mss 1460>");
        p.In("+.1", "F. 11:11(0) ack 1 win 32792");
        p.OutAck("+0", ". 1:1(0) ack 12");
        p.Accept("+.1", 3, 4);
        AssertSynData(p, "+0", 4, true);
        p.Read("+.1", 4, 512, 10);
        p.Close("+.1", 4);
        p.Out("+0", "F. 1:1(0) ack 12");
        p.Skip("* > F. 1:1(0) ack 12", "a retransmission at any later time: outside the run");
    };
}

/**
 * server/pure-syn-data.pkt: SYN-data without any Fast Open option gets a
 * plain SYN-ACK (no option, data not acknowledged), whatever tcp_fastopen
 * says; an ECN-setup SYN gets ECE only if ECN is enabled.
 *   +0 < S 999000:999040(40) win 32792 <mss 1460,...>
 *   +0 > S. 1234:1234(0) ack 999001 <mss 1460,...>
 * \param p the peer
 */
void
PureSynData(ScriptedPeer& p)
{
    auto round = [&p](const std::string& synFlags, const std::string& synAckFlags) {
        p.Socket("+0", 3);
        p.Listen("+0", 3);
        p.In("+0", synFlags + " 999000:999040(40) win 32792 <mss 1460>");
        p.Out("+0", synAckFlags + " 0:0(0) ack 999001 <mss 1460>");
        p.In("+0", ". 1:1(0) ack 1 win 100");
        p.Accept("+0", 3, 4);
        p.Close("+0", 3);
    };
    p.Call("0", "(start)", []() { return std::string(); });
    round("S", "S.");
    p.Sysctl("+0", "Mode", UintegerValue(0x402));
    round("S", "S.");
    p.Sysctl("+0", "Mode", UintegerValue(0x1));
    round("S", "S.");
    round("SEW", "S.");
    p.Sysctl("+0", "UseEcn", EnumValue(TcpSocketState::AcceptOnly)); // net.ipv4.tcp_ecn=2
    round("SEW", "SE.");
}

/**
 * server/reset-after-accept.pkt: a RST after accept(); the SYN data is still
 * readable.
 *  +.1 < R. 11:11(0) win 32792
 *   +0 read(4, ..., 512) = 10
 *   +0 read(4, ..., 512) = -1
 * \param fo option form
 * \return the port
 */
Script
ResetAfterAccept(const std::string& fo)
{
    return [=](ScriptedPeer& p) {
        p.Socket("0", 3);
        p.Listen("+.1", 3, 1);
        p.In("+0", Form(fo, "S 0:10(10) win 32792 <mss 1460,FOX TFO_COOKIE>"));
        p.Out("+0", "S. 0:0(0) ack 11 <mss 1460>");
        p.Accept("+.1", 3, 4);
        p.In("+.1", "R. 11:11(0) win 32792");
        p.Read("+0", 4, 512, 10);
        p.Read("+0", 4, 512, -1);
        p.Close("+.1", 4);
    };
}

/**
 * server/reset-before-accept.pkt: a RST before accept(): the child stays in
 * the accept queue, its SYN data readable.
 *  +.1 < R. 11:11(0) win 257
 *  +.1 accept(3, ..., ...) = 4
 *   +0 read(4, ..., 512) = 10
 * \param fo option form
 * \return the port
 */
Script
ResetBeforeAccept(const std::string& fo)
{
    return [=](ScriptedPeer& p) {
        p.Socket("0", 3);
        p.Listen("+.1", 3, 2);
        p.In("+0", Form(fo, "S 0:10(10) win 32792 <mss 1460,FOX TFO_COOKIE>"));
        p.Out("+0", "S. 0:0(0) ack 11 <mss 1460>");
        p.In("+.1", "R. 11:11(0) win 257");
        p.Accept("+.1", 3, 4);
        AssertSynData(p, "+0", 4, true);
        p.Read("+0", 4, 512, 10);
        p.Read("+0", 4, 512, -1);
    };
}

/**
 * server/reset-close-with-unread-data.pkt: after a RST, write() fails and
 * close() with unread data sends nothing.
 *  +.1 < R. 11:11(0) win 32792
 *  +.1 write(4, ..., 100) = -1 ECONNRESET(Connection reset by peer)
 *   +0 close(4) = 0
 * \param fo option form
 * \return the port
 */
Script
ResetCloseWithUnreadData(const std::string& fo)
{
    return [=](ScriptedPeer& p) {
        p.Socket("0", 3);
        p.Listen("+.1", 3);
        p.In("+0", Form(fo, "S 0:10(10) win 32792 <mss 1460,FOX TFO_COOKIE>"));
        p.Out("+0", "S. 0:0(0) ack 11 <mss 1460>");
        p.Accept("+.1", 3, 4);
        AssertSynData(p, "+0", 4, true);
        p.In("+.1", "R. 11:11(0) win 32792");
        p.Write("+.1", 4, 100, -1);
        p.Close("+0", 4);
    };
}

/**
 * server/reset-non-tfo-socket.pkt: an invalid cookie: data dropped, SYN-ACK
 * acks the ISN only and carries a fresh cookie; after the handshake, data
 * and a RST, the socket can still be accepted and read.
 *   +0 < S 0:10(10) win 32792 <mss 1460,sackOK,nop,nop,FOEXP aaaaaaaaaaaaaaaa>
 *   +0 > S. 0:0(0) ack 1 <mss 1460,nop,nop,sackOK, FOEXP TFO_COOKIE>
 * \param fo option form
 * \return the port
 */
Script
ResetNonTfoSocket(const std::string& fo)
{
    return [=](ScriptedPeer& p) {
        p.Socket("0", 3);
        p.Listen("+.1", 3);
        p.In("+0", Form(fo, "S 0:10(10) win 32792 <mss 1460,FOX aaaaaaaaaaaaaaaa>"));
        p.Out("+0", Form(fo, "S. 0:0(0) ack 1 <mss 1460,FOX TFO_COOKIE>"));
        p.In("+0", ". 1:1(0) ack 1 win 32792");
        p.In("+.1", ". 1:11(10) ack 1 win 32792");
        p.In("+0", "R. 11:11(0) win 32792");
        p.Accept("+0", 3, 4);
        AssertSynData(p, "+0", 4, false);
        p.Skip("%{ assert tcpi_state == TCP_CLOSE }%", "no TCP_INFO in ns-3");
        p.Write("+0", 4, 100, -1);
        p.Read("+0", 4, 512, 10);
        p.Read("+0", 4, 512, 0);
    };
}

/**
 * server/listener-closed-trigger-rst.pkt: closing a listener resets its
 * not-yet-accepted TFO children.
 *  +.1 close(3) = 0
 *   +0 > R. 1:1(0) ack 11
 *
 * The script never calls accept(): the child must stay in the listener's
 * accept queue. By default the model hands a child to the application at
 * once (ns-3 has no accept()); AcceptRate makes it wait in the model's accept
 * queue, and a rate of one accept() per 10^6 s means none during the script.
 * \param fo option form
 * \return the port
 */
Script
ListenerClosedTriggerRst(const std::string& fo)
{
    return [=](ScriptedPeer& p) {
        p.Socket("0", 3);
        p.Call("+.1", "(the application does not call accept())", [&p]() {
            p.Get(3)->SetAttribute("AcceptRate", DoubleValue(1e-6));
            return std::string();
        });
        p.Listen("+0", 3);
        p.In("+0", Form(fo, "S 0:10(10) win 32792 <mss 1460,FOX TFO_COOKIE>"));
        p.Out("+0", "S. 0:0(0) ack 11 <mss 1460>");
        p.Close("+.1", 3);
        p.Out("+0", "R. 1:1(0) ack 11");
    };
}

/**
 * server/unread-data-closed-trigger-rst.pkt: closing a TFO child with unread
 * SYN data sends a RST.
 *  +.1 close(4) = 0
 *   +0 > R. 1:1(0) ack 11
 * \param fo option form
 * \return the port
 */
Script
UnreadDataClosedTriggerRst(const std::string& fo)
{
    return [=](ScriptedPeer& p) {
        p.Socket("0", 3);
        p.Listen("+.1", 3);
        p.In("+0", Form(fo, "S 0:10(10) win 32792 <mss 1460,FOX TFO_COOKIE>"));
        p.Out("+0", "S. 0:0(0) ack 11 <mss 1460>");
        p.Accept("+.1", 3, 4);
        AssertSynData(p, "+0", 4, true);
        p.Close("+.1", 4);
        p.Out("+0", "R. 1:1(0) ack 11");
    };
}

/**
 * server/sockopt-fastopen-key.pkt: a listener's own key
 * (setsockopt TCP_FASTOPEN_KEY) overrides the global one (all zeros).
 *   +0 setsockopt(3, SOL_TCP, TCP_FASTOPEN_KEY, "\xf7\x63\xbf\xa0...", 16) = 0
 *   +0 < S 1428932:1428942(10) win 10000 <mss 1012,FOEXP,...>
 *   +0 > S. 0:0(0) ack 1428933 <...,FOEXP 00abaaabe8e954c2>
 *   ...
 *   +.05 < S 6814000:6815000(1000) win 10000 <mss 1012,FOEXP 00abaaabe8e954c2,...>
 *   +0 > S. 0:0(0) ack 6814001 <...,FOEXP 93b7aa4f550f8a1a>   (global key)
 * \param p the peer
 */
void
SockoptFastOpenKey(ScriptedPeer& p)
{
    // The 16 bytes f763bfa0 813d80ed 301d64cd 904abcce are the sysctl words
    // a0bf63f7-ed803d81-cd641d30-cebc4a90, each stored little-endian.
    auto ownKey = [&p](const std::string& time) {
        p.Call(time, "setsockopt(3, SOL_TCP, TCP_FASTOPEN_KEY, \"\\xf7\\x63...\", 16)", [&p]() {
            p.Get(3)->SetFastOpenKey(kSimpleKey);
            return std::string();
        });
    };
    p.Socket("0", 3);
    ownKey("+0");
    p.Listen("+0", 3);
    p.In("+0", "S 1428932:1428942(10) win 10000 <mss 1012,FOEXP>");
    p.Out("+0", "S. 0:0(0) ack 1428933 <mss 1460,FOEXP 00abaaabe8e954c2>");
    p.In("+0", ". 1:1(0) ack 1 win 257");
    p.Accept("+0", 3, 4);
    p.Close("+0", 3);
    AssertSynData(p, "+0", 4, false);
    p.Close("+0", 4);
    p.Out("+0", "F. 1:1(0) ack 1");
    p.In("+0", "F. 1:1(0) ack 2 win 257");
    p.OutAck("+0", ". 2:2(0) ack 2");
    // Re-start the listener; the key is set in the LISTEN state this time.
    p.Socket("+.1", 3);
    p.Listen("+0", 3);
    ownKey("+0");
    p.In("+.05", "S 6814000:6815000(1000) win 10000 <mss 1012,FOEXP 00abaaabe8e954c2>");
    p.Out("+0", "S. 0:0(0) ack 6815001 <mss 1460>");
    p.Accept("+0", 3, 4);
    p.Close("+0", 3);
    AssertSynData(p, "+0", 4, true);
    p.In("+0", ". 1001:1001(0) ack 1 win 257");
    p.Read("+0", 4, 8192, 1000);
    p.Close("+0", 4);
    p.Out("+0", "F. 1:1(0) ack 1001");
    p.In("+0", "F. 1001:1001(0) ack 2 win 257");
    p.OutAck("+0", ". 2:2(0) ack 1002");
    // Re-start the listener without a key of its own.
    p.Socket("+.1", 3);
    p.Listen("+0", 3);
    p.Skip("setsockopt(3, SOL_TCP, TCP_FASTOPEN_KEY, \"\", 0 and 3) = -1 EINVAL",
           "SetFastOpenKey() takes a key string and aborts on a malformed one");
    p.In("+.05", "S 6814000:6815000(1000) win 10000 <mss 1012,FOEXP 00abaaabe8e954c2>");
    p.Out("+0", "S. 0:0(0) ack 6814001 <mss 1460,FOEXP 93b7aa4f550f8a1a>");
}

// ---------------------------------------------------------------------------
// Client scripts

/**
 * The cache warm-up most client scripts start with: a cookie request
 * (sendto of 0 bytes, non-blocking: -1 EINPROGRESS), a SYN-ACK with a cookie,
 * then close.
 * \param p the peer
 * \param synAck the server's SYN-ACK
 */
void
Warmup(ScriptedPeer& p, const std::string& synAck)
{
    p.Socket("0", 3);
    p.SendTo("+0", 3, 0, -1);
    p.Out("+0", "S 0:0(0) <mss 1460,FO>");
    p.In("+.01", synAck);
    p.OutAck("+0", ". 1:1(0) ack 1");
    p.Close("+.01", 3);
    p.Out("+0", "F. 1:1(0) ack 1");
    p.In("+.01", "F. 1:1(0) ack 2 win 92");
    p.OutAck("+0", ". 2:2(0) ack 2");
}

/**
 * client/blocking-sendto.pkt: blocking sendto(MSG_FASTOPEN); the SYN carries
 * the cached cookie and as much data as the cached MSS allows (940 - 40).
 *   +0 > S 0:1000(1000) <mss 1460,...,FO abcd1234,nop,nop>
 *   +0 > S 0:900(900) <mss 1460,...,FO 1234abcd5678dcba,nop,nop>
 * \param p the peer
 */
void
BlockingSendto(ScriptedPeer& p)
{
    Warmup(p, "S. 123:123(0) ack 1 win 5840 <mss 1460,FO abcd1234>");
    p.Skip("%{ assert tcpi_delivered == 1 }%", "no TCP_INFO in ns-3");
    p.Socket("+.01", 4);
    p.SendTo("+.01", 4, 1000, 1000);
    p.Out("+0", "S 0:1000(1000) <mss 1460,FO abcd1234>");
    p.In("+.01", "S. 1234:1234(0) ack 1001 win 5840 <mss 940,FO 1234abcd5678dcba>");
    p.OutAck("+0", ". 1001:1001(0) ack 1");
    p.In("+.01", "P. 1:501(500) ack 1000 win 257");
    p.OutAck("+0", ". 1001:1001(0) ack 501");
    p.Read("+0", 4, 4096, 500);
    p.Close("+0", 4);
    p.Out("+0", "F. 1001:1001(0) ack 501");
    p.In("+.02", "F. 501:501(0) ack 1002 win 257");
    p.OutAck("+0", ". 1002:1002(0) ack 502");

    p.Socket("+.01", 5);
    p.SendTo("+0", 5, 1900, 1900);
    p.Out("+0", "S 0:900(900) <mss 1460,FO 1234abcd5678dcba>");
    p.In("+.02", "S. 5678:5678(0) ack 901 win 5840 <mss 1460,FO abcd1234>");
    p.Out("+0", "P. 901:1901(1000) ack 1");
    p.In("+.02", "P. 1:501(500) ack 1901 win 257");
    p.Read("+0", 5, 4096, 500);
    p.Close("+0", 5);
    p.Out("+0", "F. 1901:1901(0) ack 501");
    p.In("+.02", "F. 501:501(0) ack 1902 win 257");
    p.OutAck("+0", ". 1902:1902(0) ack 502");
}

/**
 * client/nonblocking-sendto.pkt (the half without timestamps): the cached
 * cookie and MSS, a new cookie replacing the cached one, MSG_FASTOPEN ignored
 * after the handshake, and connect() unaffected.
 *   +0 sendto(5, ..., 2000, MSG_FASTOPEN, ..., ...) = 900
 *   +0 > S 0:900(900) <mss 1460,...,FO 12345678,nop,nop>
 * \param p the peer
 */
void
NonblockingSendto(ScriptedPeer& p)
{
    // The SYN-ACKs' "wscale 6" matters here: "win 257" is 257 << 6 bytes, so
    // the 2000-byte write goes out at once.
    Warmup(p, "S. 123:123(0) ack 1 win 14600 <mss 1460,wscale 6,FO abcd1234>");
    p.Socket("+.02", 4);
    p.SendTo("+0", 4, 1000, 1000);
    p.Out("+0", "S 0:1000(1000) <mss 1460,FO abcd1234>");
    p.In("+.05", "S. 1234:1234(0) ack 1001 win 14600 <mss 940,wscale 6,FO 12345678>");
    p.OutAck("+0", ". 1001:1001(0) ack 1");
    AssertSynData(p, "+0", 4, true);
    p.In("+0", "P. 1:501(500) ack 1000 win 257");
    p.OutAck("+0", ". 1001:1001(0) ack 501");
    p.Read("+0", 4, 4096, 500);
    p.Close("+0", 4);
    p.Out("+0", "F. 1001:1001(0) ack 501");
    p.In("+.05", "F. 501:501(0) ack 1002 win 257");
    p.OutAck("+0", ". 1002:1002(0) ack 502");

    // Linux's non-blocking sendto returns 900 (what fits in the SYN); ns-3's
    // send buffer takes all 2000 bytes, so the application writes only the
    // 900 Linux accepted: the SYN must still be cut at 940 - 40 = 900.
    p.Socket("+.05", 5);
    p.SendTo("+0", 5, 900, 900);
    p.Out("+0", "S 0:900(900) <mss 1460,FO 12345678>");
    p.In("+.05", "S. 5678:5678(0) ack 901 win 14600 <mss 1460,wscale 6,FO 000000000000>");
    p.OutAck("+0", ". 901:901(0) ack 1");
    p.In("+0", "P. 1:1001(1000) ack 901 win 257");
    AssertSynData(p, "+0", 5, true);
    p.OutAck("+0", ". 901:901(0) ack 1001");
    p.Read("+.05", 5, 4096, 1000);
    // MSG_FASTOPEN is ignored after the handshake.
    p.Call("+0", "sendto(5, ..., 2000, MSG_FASTOPEN, ..., ...) = 2000", [&p]() {
        const int ret = p.Get(5)->SendTo(Create<Packet>(2000),
                                         TcpFastOpenSocket::MSG_FASTOPEN,
                                         InetSocketAddress(Ipv4Address("192.0.2.1"), 8080));
        return ret == 2000 ? std::string() : "returned " + std::to_string(ret);
    });
    p.Out("+0", "P. 901:2901(2000) ack 1001");
    p.In("+.05", ". 1001:1001(0) ack 2901 win 137");
    AssertSynData(p, "+0", 5, true);
    p.Close("+0", 5);
    p.Out("+0", "F. 2901:2901(0) ack 1001");
    p.In("+.05", "F. 1001:1001(0) ack 2902 win 257");
    p.OutAck("+0", ". 2902:2902(0) ack 1002");

    // A regular handshake is not affected.
    p.Socket("+.05", 6);
    p.Connect("+0", 6);
    p.Out("+0", "S 0:0(0) <mss 1460>");
    p.In("+.05", "S. 987654:987654(0) ack 1 win 5824 <mss 1000,wscale 6>");
    p.OutAck("+0", ". 1:1(0) ack 1");
    p.In("+0", "F. 1:1(0) ack 1 win 257");
    p.OutAck("+.001", ". 1:1(0) ack 2");
    AssertSynData(p, "+0", 6, false);
    p.Close("+0", 6);
    p.Out("+0", "F. 1:1(0) ack 2");
    p.In("+.05", ". 2:2(0) ack 2 win 257");
    p.Skip("second half (tcp_timestamps=1)", "repeats the first with TS options; not ported");
}

/**
 * client/cookie-less-sendto.pkt: tcp_fastopen=5: SYN-data without any
 * option; unsolicited cookies are not cached.
 *   +0 > S 0:1000(1000) <mss 1460,nop,nop,sackOK,nop,wscale 8>
 * \param p the peer
 */
void
CookieLessSendto(ScriptedPeer& p)
{
    p.Socket("0", 4);
    p.SendTo("+.05", 4, 1000, 1000);
    p.Out("+0", "S 0:1000(1000) <mss 1460>");
    p.In("+.01", "S. 1234:1234(0) ack 1001 win 5840 <mss 940>");
    p.OutAck("+0", ". 1001:1001(0) ack 1");
    AssertSynData(p, "+0", 4, true);
    p.In("+.01", "P. 1:501(500) ack 1000 win 257");
    p.OutAck("+0", ". 1001:1001(0) ack 501");
    p.Read("+0", 4, 4096, 500);
    p.Close("+0", 4);
    p.Out("+0", "F. 1001:1001(0) ack 501");
    p.In("+.02", "F. 501:501(0) ack 1002 win 257");
    p.OutAck("+0", ". 1002:1002(0) ack 502");

    p.Socket("+.01", 5);
    p.SendTo("+0", 5, 1900, 1900);
    p.Out("+0", "S 0:900(900) <mss 1460>");
    p.In("+.02", "S. 5678:5678(0) ack 901 win 5840 <mss 1460,FO abcd1234>");
    p.Out("+0", "P. 901:1901(1000) ack 1");
    AssertSynData(p, "+0", 5, true);
    p.In("+.02", "P. 1:501(500) ack 1901 win 257");
    p.Read("+0", 5, 4096, 500);
    p.Close("+0", 5);
    p.Out("+0", "F. 1901:1901(0) ack 501");
    p.In("+.02", "F. 501:501(0) ack 1902 win 257");
    p.OutAck("+0", ". 1902:1902(0) ack 502");

    p.Socket("+.01", 6);
    p.SendTo("+0", 6, 5000, 5000);
    p.Out("+0", "S 0:1420(1420) <mss 1460>");
    p.In("+.02", "S. 9999:9999(0) ack 1421 win 5840 <mss 1460,FO abcd1234>");
    // "> P. 1421:4341(2920)" and "> P. 4341:5001(660)": one expectation here,
    // since ns-3 cuts segments elsewhere (no TSO, segment size 1448).
    p.Out("+0", "P. 1421:5001(3580) ack 1");
    AssertSynData(p, "+0", 6, true);
    p.In("+.02", "P. 1:1(0) ack 5001 win 257");
    p.Close("+0", 6);
    p.Out("+0", "F. 5001:5001(0) ack 1");
    p.In("+.02", "F. 1:1(0) ack 5002 win 257");
    p.OutAck("+0", ". 5002:5002(0) ack 2");

    // MSG_DONTWAIT: same wire behaviour (the SYN-data, lost, is retransmitted
    // as a plain SYN after 1 s; the data follows the SYN-ACK at once).
    p.Socket("+.02", 7);
    p.SendTo("+0", 7, 1000, 1000);
    p.Out("+0", "S 0:1000(1000) <mss 1460>");
    p.Out("+1", "S 0:0(0) <mss 1460>");
    p.In("+.02", "S. 0:0(0) ack 1 win 5840 <mss 1460>");
    p.Out("+0", "P. 1:1001(1000) ack 1");
    AssertSynData(p, "+0", 7, false);
    p.In("+0", "P. 1:1401(1400) ack 1001 win 257");
    p.OutAck("+0", ". 1001:1001(0) ack 1401");
    p.Read("+0", 7, 4096, 1400);
    p.Close("+0", 7);
    // The FIN this close() sends is not in the script: packetdrill checks only
    // the socket under test, and the next socket() line replaces it.

    // Unsolicited cookies in the SYN-ACKs above were not cached.
    p.Sysctl("+.03", "Mode", UintegerValue(0x1));
    p.Socket("+.15", 8);
    p.SendTo("+0", 8, 1000, -1);
    p.Out("+0", "S 0:0(0) <mss 1460,FO>");
}

/**
 * client/cookie-req-timeout.pkt: the SYN's retransmission carries no cookie
 * request; a cookie in the SYN-ACK of a retransmitted SYN is still cached.
 *   +0 > S 0:0(0) <mss 1460,nop,nop,sackOK,nop,wscale 8,FO,nop,nop>
 *   +1 > S 0:0(0) <mss 1460,nop,nop,sackOK,nop,wscale 8>
 * \param p the peer
 */
void
CookieReqTimeout(ScriptedPeer& p)
{
    p.Socket("0", 3);
    p.SendTo("+0", 3, 0, -1);
    p.Out("+0", "S 0:0(0) <mss 1460,FO>");
    p.Out("+1", "S 0:0(0) <mss 1460>");
    p.In("+.01", "S. 123:123(0) ack 1 win 5840 <mss 1460>");
    p.OutAck("+0", ". 1:1(0) ack 1");
    AssertSynData(p, "+0", 3, false);
    p.Close("+.01", 3);
    p.Out("+0", "F. 1:1(0) ack 1");
    p.In("+.01", "F. 1:1(0) ack 2 win 92");
    p.OutAck("+0", ". 2:2(0) ack 2");

    p.Socket("+.07", 4);
    p.SendTo("+0", 4, 0, -1);
    p.Out("+0", "S 0:0(0) <mss 1460,FO>");
    p.Out("+1", "S 0:0(0) <mss 1460>");
    p.In("+.01", "S. 123:123(0) ack 1 win 60000 <mss 1240,FO aaaabbbbcccc>");
    p.OutAck("+0", ". 1:1(0) ack 1");
    AssertSynData(p, "+0", 4, false);
    p.Close("+.01", 4);
    p.Out("+0", "F. 1:1(0) ack 1");
    p.In("+.01", "F. 1:1(0) ack 2 win 92");
    p.OutAck("+0", ". 2:2(0) ack 2");

    // sendto(10000) = 1200 on Linux (non-blocking): the application writes the
    // 1200 bytes Linux accepted (ns-3 has no partial writes).
    p.Socket("+.07", 5);
    p.SendTo("+0", 5, 1200, 1200);
    p.Out("+0", "S 0:1200(1200) <mss 1460,FO aaaabbbbcccc>");
}

/**
 * client/fallback-exp-opt.pkt: a cookie request without answer makes the next
 * request use the experimental form once; a cookie received in either form is
 * used in that form.
 *   +0 > S 0:0(0) <mss 1460,nop,nop,sackOK,nop,wscale 8,FO,nop,nop>
 *   ... (no cookie) ...
 *   +0 > S 0:0(0) <mss 1460,nop,nop,sackOK,nop,wscale 8,FOEXP>
 * \param p the peer
 */
void
FallbackExpOpt(ScriptedPeer& p)
{
    int fd = 4;
    auto round = [&p, &fd](const std::string& syn,
                           const std::string& synAck,
                           const std::string& next,
                           const std::string& serverAck,
                           const std::string& fin) {
        p.Socket("+0", fd);
        p.SendTo("+0", fd, 1000, 1000);
        p.Out("+0", syn);
        p.In("+.01", synAck);
        if (next.find("P.") == 0)
        {
            p.Out("+0", next);
        }
        else
        {
            p.OutAck("+0", next);
        }
        p.In("+.01", serverAck);
        p.Close("+.01", fd);
        p.Out("+0", "F. 1001:1001(0) ack 1");
        p.In("+.01", fin);
        fd++;
    };
    p.Call("0", "(start)", []() { return std::string(); });
    round("S 0:0(0) <mss 1460,FO>",
          "S. 123:123(0) ack 1 win 5840 <mss 1460>",
          "P. 1:1001(1000) ack 1",
          ". 1:1(0) ack 1000 win 257",
          "F. 1:1(0) ack 1000 win 257");
    round("S 0:0(0) <mss 1460,FOEXP>",
          "S. 123:123(0) ack 1 win 5840 <mss 1460,FOEXP 1234abcd>",
          "P. 1:1001(1000) ack 1",
          ". 1:1(0) ack 1001 win 257",
          "F. 1:1(0) ack 1002 win 257");
    round("S 0:1000(1000) <mss 1460,FOEXP 1234abcd>",
          "S. 123:123(0) ack 1001 win 5840 <mss 1460,FO abcd5678>",
          ". 1001:1001(0) ack 1",
          ". 1:1(0) ack 1001 win 257",
          "F. 1:1(0) ack 1000 win 257");
    // "< S. 123:123(0) ack 1000": 999 of the 1000 bytes acknowledged.
    p.Socket("+0", fd);
    p.SendTo("+0", fd, 1000, 1000);
    p.Out("+0", "S 0:1000(1000) <mss 1460,FO abcd5678>");
    p.In("+.01", "S. 123:123(0) ack 1000 win 5840 <mss 1460>");
    p.Out("+0", "P. 1000:1001(1) ack 1");
    p.In("+.01", ". 1:1(0) ack 1000 win 257");
    p.Close("+.01", fd);
    p.Out("+0", "F. 1001:1001(0) ack 1");
    p.In("+.01", "F. 1:1(0) ack 1000 win 257");
    fd++;
    // A non-TFO server after a cache flush: FO, then FOEXP once, then FO.
    p.FlushMetrics("+0");
    const std::string none = "S. 123:123(0) ack 1 win 5840 <mss 1460>";
    for (const char* form : {"FO", "FOEXP", "FO", "FO", "FO"})
    {
        round(std::string("S 0:0(0) <mss 1460,") + form + ">",
              none,
              "P. 1:1001(1000) ack 1",
              ". 1:1(0) ack 1000 win 257",
              "F. 1:1(0) ack 1000 win 257");
    }
}

/**
 * client/syn-data-timeout.pkt: a lost SYN-data is retransmitted as a plain SYN
 * (no cookie, no data); the data follows the SYN-ACK at once.
 *   +0 > S 0:1000(1000) <mss 1460,nop,nop,sackOK,nop,wscale 8,FO abcd1234,nop,nop>
 *   +1 > S 0:0(0) <mss 1460,nop,nop,sackOK,nop,wscale 8>
 *  +.02 < S. 0:0(0) ack 1 win 5840 <...>
 *   +0 > P. 1:1001(1000) ack 1
 * \param p the peer
 */
void
SynDataTimeout(ScriptedPeer& p)
{
    Warmup(p, "S. 123:123(0) ack 1 win 5840 <mss 1460,FO abcd1234>");
    p.Socket("+.02", 4);
    p.SendTo("+0", 4, 1000, 1000);
    p.Out("+0", "S 0:1000(1000) <mss 1460,FO abcd1234>");
    p.Out("+1", "S 0:0(0) <mss 1460>");
    p.In("+.02", "S. 0:0(0) ack 1 win 5840 <mss 1460>");
    p.Out("+0", "P. 1:1001(1000) ack 1");
    p.In("+0", "P. 1:1401(1400) ack 1001 win 257");
    p.OutAck("+0", ". 1001:1001(0) ack 1401");
    p.Read("+0", 4, 4096, 1400);
    AssertSynData(p, "+0", 4, false);
    p.Close("+0", 4);
}

/**
 * client/syn-data-only-syn-acked.pkt: a SYN-ACK that acks the ISN only: the
 * SYN data is resent at once; the SYN-ACK's cookie and MSS are cached.
 *  +.02 < S. 0:0(0) ack 1 win 5840 <mss 1040,...,FO 1234abcd,nop,nop>
 *   +0 > P. 1:701(700) ack 1
 *   ...
 *   +0 sendto(5, ..., 5000, MSG_FASTOPEN, ..., ...) = 1000
 *   +0 > S 0:1000(1000) <mss 1460,...,FO 1234abcd,nop,nop>
 * \param p the peer
 */
void
SynDataOnlySynAcked(ScriptedPeer& p)
{
    Warmup(p, "S. 123:123(0) ack 1 win 5840 <mss 1460,FO 1234abcd>");
    p.Socket("+0", 4);
    p.SendTo("+0", 4, 700, 700);
    p.Out("+0", "S 0:700(700) <mss 1460,FO 1234abcd>");
    p.In("+.02", "S. 0:0(0) ack 1 win 5840 <mss 1040,FO 1234abcd>");
    p.Out("+0", "P. 1:701(700) ack 1");
    p.In("+0", "P. 1:1001(1000) ack 701 win 257");
    p.OutAck("+0", ". 701:701(0) ack 1001");
    p.Read("+0", 4, 1024, 1000);
    AssertSynData(p, "+0", 4, false);
    p.Close("+0", 4);
    p.Out("+0", "F. 701:701(0) ack 1001");
    p.In("+.02", "F. 1001:1001(0) ack 702 win 257");
    p.OutAck("+0", ". 702:702(0) ack 1002");
    // Linux: sendto(5000) = 1000 (non-blocking); the application writes 1000.
    p.Socket("+.01", 5);
    p.SendTo("+0", 5, 1000, 1000);
    p.Out("+0", "S 0:1000(1000) <mss 1460,FO 1234abcd>");
    p.In("+.01", "S. 0:0(0) ack 1001 win 5840 <mss 1460>");
    p.OutAck("+0", ". 1001:1001(0) ack 1");
    AssertSynData(p, "+0", 5, true);
    p.Skip("last part (SACK of 1421:6001, tcpi_retrans/tcpi_unacked)",
           "checks retransmission accounting through TCP_INFO; not Fast Open on the wire");
}

/**
 * client/syn-data-partial-or-over-ack.pkt: a SYN-ACK acking part of the SYN
 * data (rest resent at once, cache kept) or more than was sent (RST, cache
 * kept).
 * +.005 < S. 9999:9999(0) ack 10 win 5840 <...>
 *   +0 > P. 10:19(9) ack 1
 *   ...
 *  +.02 < S. 0:0(0) ack 100101 win 5840 <mss 1040,...,FO badc00ce,nop,nop>
 * +.001 > R 100101:100101(0) win 0
 * \param p the peer
 */
void
SynDataPartialOrOverAck(ScriptedPeer& p)
{
    Warmup(p, "S. 123:123(0) ack 1 win 14600 <mss 1460,FO abcd1234>");
    p.Skip("first test (sendto 4000 = 1420, SYN-ACK acks 100, SACK fast retransmit)",
           "depends on Linux's TSO and tcpi_retrans; the partial ack is checked below");
    p.Socket("+.02", 4);
    p.SendTo("+0", 4, 18, 18);
    p.Out("+0", "S 0:18(18) <mss 1460,FO abcd1234>");
    p.In("+.005", "S. 9999:9999(0) ack 10 win 5840 <mss 1460>");
    p.Out("+0", "P. 10:19(9) ack 1");
    AssertSynData(p, "+0", 4, false);
    p.Close("+0", 4);
    p.Out("+0", "F. 19:19(0) ack 1");
    p.In("+.005", "F. 1:1(0) ack 20 win 257");
    p.OutAck("+0", ". 20:20(0) ack 2");
    // The cache entry is still there. Linux: sendto(1460) = 1420.
    p.Socket("+.01", 5);
    p.SendTo("+0", 5, 1420, 1420);
    p.Out("+0", "S 0:1420(1420) <mss 1460,FO abcd1234>");
    p.In("+.01", "S. 123:123(0) ack 1421 win 14600 <mss 840,FO 12345678ffff>");
    p.OutAck("+0", ". 1421:1421(0) ack 1");
    p.Close("+.01", 5);
    // Not in the script (it moves on to the next socket); Linux sends it too.
    p.Out("+0", "F. 1421:1421(0) ack 1");
    // Over-ack by 100000: RST; the cookie of the bad SYN-ACK is not cached.
    p.Socket("+0", 6);
    p.SendTo("+0", 6, 100, 100);
    p.Out("+0", "S 0:100(100) <mss 1460,FO 12345678ffff>");
    p.In("+.02", "S. 0:0(0) ack 100101 win 5840 <mss 1040,FO badc00ce>");
    AssertSynData(p, "+0", 6, false);
    p.Out("+.001", "R 100101:100101(0)");
    // The cache is intact: old cookie, old MSS (840 - 40). Linux: sendto(2000) = 800.
    p.Socket("+.019", 7);
    p.SendTo("+0", 7, 800, 800);
    p.Out("+0", "S 0:800(800) <mss 1460,FO 12345678ffff>");
}

/**
 * client/synack-data.pkt (TEST1-TEST3): a SYN-ACK carrying data (and a FIN),
 * and data arriving before the SYN-ACK.
 * +.01 < S. 1000000:1001400(1400) ack 1001 win 5840 <...>
 *   +0 < . 1401:2801(1400) ack 1001 win 257
 * \param p the peer
 */
void
SynackData(ScriptedPeer& p)
{
    Warmup(p, "S. 123:123(0) ack 1 win 5840 <mss 1040,FO abcd1234>");
    // TEST1
    p.Socket("+0", 4);
    p.SendTo("+0", 4, 1000, 1000);
    p.Out("+0", "S 0:1000(1000) <mss 1460,FO abcd1234>");
    p.In("+.01", "S. 1000000:1001400(1400) ack 1001 win 5840 <mss 1040>");
    p.In("+0", ". 1401:2801(1400) ack 1001 win 257");
    p.In("+0", "P. 2801:3001(200) ack 1001 win 257");
    p.OutAck("+0", ". 1001:1001(0) ack 1401");
    p.OutAck("+0", ". 1001:1001(0) ack 2801");
    p.OutAck("+0", ". 1001:1001(0) ack 3001");
    p.Read("+0", 4, 100000, 3000);
    p.Close("+0", 4);
    p.Out("+0", "F. 1001:1001(0) ack 3001");
    p.In("+.01", "F. 3001:3001(0) ack 1002 win 257");
    p.OutAck("+0", ". 1002:1002(0) ack 3002");
    // TEST2: SYN-ACK-data-FIN: SYN_SENT -> CLOSE_WAIT.
    p.Socket("+0", 5);
    p.SendTo("+0", 5, 1000, 1000);
    p.Skip("poll(POLLIN|POLLOUT|POLLERR|POLLRDHUP)", "no poll() in ns-3");
    p.Out("+0", "S 0:1000(1000) <mss 1460,FO abcd1234>");
    p.In("+.01", "SF. 1000000:1001400(1400) ack 1001 win 5840 <mss 1040>");
    p.Read("+0", 5, 100000, 1400);
    p.Read("+0", 5, 100000, 0);
    p.OutAck("+0", ". 1001:1001(0) ack 1402");
    p.Close("+0", 5);
    p.Out("+0", "F. 1001:1001(0) ack 1402");
    p.In("+.01", ". 1402:1402(0) ack 1002 win 257");
    // TEST3: the SYN-ACK is lost; the data after it are ignored; SYN timeout.
    p.Socket("+0", 6);
    p.SendTo("+0", 6, 1000, 1000);
    p.Out("+0", "S 0:1000(1000) <mss 1460,FO abcd1234>");
    p.In("+.01", ". 1401:2801(1400) ack 1001 win 257");
    p.In("+0", "P. 2801:3001(200) ack 1001 win 257");
    p.Out("+.99", "S 0:0(0) <mss 1460>"); // "+.99~+1.1"
    p.In("+.01", "S. 1000000:1001400(1400) ack 1001 win 5840 <mss 1040>");
    p.OutAck("+0", ". 1001:1001(0) ack 1401");
    p.In("+.01", ". 1401:2801(1400) ack 1001 win 257");
    p.OutAck("+0", ". 1001:1001(0) ack 2801");
    p.In("+0", "P. 2801:3001(200) ack 1001 win 257");
    p.OutAck("+0", ". 1001:1001(0) ack 3001");
    p.Read("+0", 6, 100000, 3000);
    p.Close("+0", 6);
    p.Out("+0", "F. 1001:1001(0) ack 3001");
    p.In("+.1", "F. 3001:3001(0) ack 1002 win 257");
    p.OutAck("+0", ". 1002:1002(0) ack 3002");
    p.Skip("TEST4, TEST5", "need TCP timestamps (and poll())");
}

/**
 * client/valid-cookie-format.pkt: cookies of 4..16 bytes are cached (all
 * zeros too); shorter, longer or odd-length ones are ignored; a cookie in a
 * non-SYN segment is ignored.
 * +.02 < S. 456789:456789(0) ack 1001 win 5840 <mss 940,...,FO 1122>
 *   ... the next SYN reuses FO 00000000 ...
 * \param p the peer
 */
void
ValidCookieFormat(ScriptedPeer& p)
{
    p.Socket("0", 3);
    p.SendTo("+0", 3, 0, -1);
    p.Out("+0", "S 0:0(0) <mss 1460,FO>");
    p.In("+.02", "S. 123:123(0) ack 1 win 5840 <mss 1460,FO 00000000>");
    p.OutAck("+0", ". 1:1(0) ack 1");

    p.Socket("+.03", 4);
    p.SendTo("+0", 4, 1000, 1000);
    p.Out("+0", "S 0:1000(1000) <mss 1460,FO 00000000>");
    p.In("+.02", "S. 456789:456789(0) ack 1001 win 5840 <mss 940,FO 1122>");
    AssertSynData(p, "+0", 4, true);

    // Linux: sendto(1000) = 900 (non-blocking); the application writes 900.
    p.Socket("+.03", 5);
    p.SendTo("+0", 5, 900, 900);
    p.Out("+0", "S 0:900(900) <mss 1460,FO 00000000>");
    p.In("+.02", "S. 999:999(0) ack 901 win 5840 <mss 1460,FO 01234567aabbccdd0123456701234567>");
    p.OutAck("+0", ". 901:901(0) ack 1");
    AssertSynData(p, "+0", 5, true);

    p.Socket("+.02", 6);
    p.SendTo("+0", 6, 1000, 1000);
    p.Out("+0", "S 0:1000(1000) <mss 1460,FO 01234567aabbccdd0123456701234567>");
    p.In("+.04",
         "S. 333:333(0) ack 1001 win 5840 <mss 1460,FO 01234567aabbccdd0123456701234567afaf>");
    p.OutAck("+0", ". 1001:1001(0) ack 1");
    AssertSynData(p, "+0", 6, true);

    p.Socket("+.02", 7);
    p.SendTo("+0", 7, 1000, 1000);
    p.Out("+0", "S 0:1000(1000) <mss 1460,FO 01234567aabbccdd0123456701234567>");
    p.In("+.02", "S. 11111:11111(0) ack 1001 win 5840 <mss 1460>");
    p.OutAck("+0", ". 1001:1001(0) ack 1");
    p.In("+0", "P. 1:501(500) ack 1001 win 5840 <FO 01234567ffffffff01234567ffffffff>");
    p.OutAck("+0", ". 1001:1001(0) ack 501");
    AssertSynData(p, "+0", 7, true);

    p.Socket("+.08", 8);
    p.SendTo("+0", 8, 1000, 1000);
    p.Out("+0", "S 0:1000(1000) <mss 1460,FO 01234567aabbccdd0123456701234567>");
    p.In("+.02", "S. 22222:22222(0) ack 1001 win 5840 <mss 1460,FO 112233>");
    p.OutAck("+0", ". 1001:1001(0) ack 1");
    AssertSynData(p, "+0", 8, true);

    p.Socket("+.08", 9);
    p.SendTo("+0", 9, 1000, 1000);
    p.Out("+0", "S 0:1000(1000) <mss 1460,FO 01234567aabbccdd0123456701234567>");
}

/**
 * client/syn-data-mss.pkt: SYN data = min(cached MSS, path MSS) - 40.
 *   +0 > S 0:900(900) <mss 1460,...,FO abcd1234,nop,nop>   (cached 940)
 *   +0 > S 0:1300(1300) <...>                              (cached 1340)
 *   +0 > S 0:1420(1420) <...>                              (cached 10000, PMTU 1460)
 * \param p the peer
 */
void
SynDataMss(ScriptedPeer& p)
{
    Warmup(p, "S. 123:123(0) ack 1 win 14600 <mss 940,FO abcd1234>");
    // Linux: sendto(2000) = 900; the application writes 900 (see the notes).
    p.Socket("+.17", 5);
    p.SendTo("+0", 5, 900, 900);
    p.Out("+0", "S 0:900(900) <mss 1460,FO abcd1234>");
    p.In("+.05", "S. 5678:5678(0) ack 901 win 14600 <mss 1460>");
    p.OutAck("+0", ". 901:901(0) ack 1");
    p.In("+0", "P. 1:1001(1000) ack 901 win 257");
    p.OutAck("+0", ". 901:901(0) ack 1001");
    p.Read("+.05", 5, 4096, 1000);
    p.Close("+0", 5);
    // Not in the script (it moves on to the next socket); Linux sends it too.
    p.Out("+0", "F. 901:901(0) ack 1001");
    p.Skip("test of setsockopt(TCP_MAXSEG, 1040)",
           "the model has no per-socket TCP_MAXSEG on the SYN's MSS option");
    // The MSS 1460 of connection 5 is cached now. (The script's TCP_MAXSEG
    // test caches 1340; here the cache is set as that test leaves it.)
    p.Call("+0", "(cache as the TCP_MAXSEG test leaves it: mss 1340)", [&p]() {
        TcpFastOpenHelper::GetCookieCache(p.GetSutNode())
            ->Update(Ipv4Address("192.168.0.1"),
                     Ipv4Address("192.0.2.1"),
                     1340,
                     nullptr,
                     false,
                     false,
                     0);
        return std::string();
    });
    p.Socket("+.1", 7);
    p.SendTo("+0", 7, 1300, 1300);
    p.Out("+0", "S 0:1300(1300) <mss 1460,FO abcd1234>");
    p.In("+.05", "S. 5678:5678(0) ack 1301 win 65535 <mss 10000>");
    p.OutAck("+0", ". 1301:1301(0) ack 1");
    p.In("+0", "P. 1:1001(1000) ack 1301 win 257");
    p.OutAck("+0", ". 1301:1301(0) ack 1001");
    p.Read("+.05", 7, 4096, 1000);
    p.Close("+0", 7);
    // Not in the script (it moves on to the next socket); Linux sends it too.
    p.Out("+0", "F. 1301:1301(0) ack 1001");
    // SYN data = min(cached 10000, PMTU 1460) - 40 = 1420. Linux: sendto(2000) = 1420.
    p.Socket("+.1", 8);
    p.SendTo("+0", 8, 1420, 1420);
    p.Out("+0", "S 0:1420(1420) <mss 1460,FO abcd1234>");
    p.In("+.05", "S. 5678:5678(0) ack 1421 win 65535 <mss 1460>");
    p.OutAck("+0", ". 1421:1421(0) ack 1");
}

/**
 * client/nonblocking-sendto-over-mss.pkt: sendto(5000) puts 1420 bytes in the
 * SYN; the rest follows the handshake (accepted or rejected SYN data).
 *   +0 sendto(7, ..., 5000, MSG_FASTOPEN, ..., ...) = 1420
 *   +0 > S 0:1420(1420) <mss 1460,...,FO 000000000000>
 * \param p the peer
 */
void
NonblockingSendtoOverMss(ScriptedPeer& p)
{
    Warmup(p, "S. 123:123(0) ack 1 win 14600 <mss 1460,FO 000000000000>");
    // Linux returns 1420 and the script writes the other 3580 bytes after the
    // handshake; ns-3 takes all 5000 at once: the wire is the same.
    p.Socket("+.03", 7);
    p.SendTo("+0", 7, 5000, 5000);
    p.Out("+0", "S 0:1420(1420) <mss 1460,FO 000000000000>");
    p.In("+.01", "S. 0:0(0) ack 1421 win 60000 <mss 1460>");
    p.Skip("> . 1421:1421(0) ack 1",
           "ns-3 sends the remaining data at once, which acks the SYN-ACK");
    AssertSynData(p, "+0", 7, true);
    p.Out("+0", "P. 1421:5001(3580) ack 1");
    p.In("+.01", "P. 1:1001(1000) ack 5001 win 1024");
    p.OutAck("+0", ". 5001:5001(0) ack 1001");
    p.Read("+0", 7, 1024, 1000);
    p.Close("+0", 7);
    p.Out("+0", "F. 5001:5001(0) ack 1001");
    p.In("+.02", "F. 1001:1001(0) ack 5001 win 1024");
    p.Skip("> . 5002:5002(0) ack 1002",
           "the script's FIN acks 5001, not the client's FIN: a retransmission follows");

    p.Socket("+0", 3);
    p.SendTo("+0", 3, 5000, 5000);
    p.Out("+0", "S 0:1420(1420) <mss 1460,FO 000000000000>");
    p.In("+.05", "S. 0:0(0) ack 1 win 14600 <mss 1460,FO aaaabbbbccccdddd>");
    p.Out("+0", "P. 1:5001(5000) ack 1"); // 1:1421 resent, then 1421:5001 (one write in ns-3)
    AssertSynData(p, "+0", 3, false);
    p.In("+.05", "P. 1:1001(1000) ack 5001 win 257");
    p.OutAck("+0", ". 5001:5001(0) ack 1001");
    p.Read("+0", 3, 1024, 1000);
    p.Close("+0", 3);
    p.Out("+0", "F. 5001:5001(0) ack 1001");
    p.In("+.05", "F. 1001:1001(0) ack 5002 win 257");
    p.OutAck("+0", ". 5002:5002(0) ack 1002");
}

/**
 * \param mode net.ipv4.tcp_fastopen
 * \return the default configuration with that mode
 */
ScriptedPeer::Config
WithMode(uint32_t mode)
{
    ScriptedPeer::Config c;
    c.mode = mode;
    return c;
}

} // namespace

/**
 * \ingroup tcp-fast-open-tests
 * \brief The ported packetdrill Fast Open scripts.
 */
class TcpFastOpenPacketdrillTestSuite : public TestSuite
{
  public:
    TcpFastOpenPacketdrillTestSuite()
        : TestSuite("tcp-fast-open-packetdrill", TFO_TEST_SYSTEM)
    {
        // ns-3 stops a suite at its first failing case. To run one case (or
        // those whose name contains a string), set TFO_PACKETDRILL_CASE.
        const char* only = std::getenv("TFO_PACKETDRILL_CASE");
        // Scripts where the model still differs from Linux (doc/packetdrill.rst
        // gives each difference). They assert Linux's behaviour and fail; they
        // run with --fullness=EXTENSIVE (or TFO_PACKETDRILL_CASE) so that the
        // default run stays green while they are tracked, not hidden.
        const std::set<std::string> knownDifferences = {};
        auto AddTestCase = [this, only, knownDifferences](TestCase* test,
                                                          decltype(TFO_TEST_QUICK) duration) {
            if (only && test->GetName().find(only) == std::string::npos)
            {
                delete test;
                return;
            }
            if (!only && knownDifferences.count(test->GetName()))
            {
                duration = TFO_TEST_EXTENSIVE;
            }
            TestSuite::AddTestCase(test, duration);
        };
        const ScriptedPeer::Config def;
        // Server scripts, each with its opt34/ twin (kind 34 instead of 254).
        for (const std::string fo : {"FOEXP", "FO"})
        {
            const std::string dir = fo == "FO" ? "server/opt34/" : "server/";
            AddTestCase(new PacketdrillTestCase(
                            dir + "simple1.pkt",
                            SimpleConfig("192.168.0.2", "10.248.0.2", kSimpleKey),
                            SimpleScript(fo, 1428932, "00abaaabe8e954c2", 6814000, false)),
                        TFO_TEST_QUICK);
            AddTestCase(new PacketdrillTestCase(
                            dir + "simple2.pkt",
                            SimpleConfig("192.168.0.2", "10.248.0.3", kSimpleKey),
                            SimpleScript(fo, 9873242, "1313a2da994a0951", 19124022, false)),
                        TFO_TEST_QUICK);
            AddTestCase(new PacketdrillTestCase(
                            dir + "simple3.pkt",
                            SimpleConfig("192.168.0.3", "10.248.0.3", kSimpleKey),
                            SimpleScript(fo, 78932912, "76d2c1c530f51f79", 252334000, true)),
                        TFO_TEST_QUICK);
            AddTestCase(new PacketdrillTestCase(dir + "basic-rw.pkt", def, BasicRw(fo)),
                        TFO_TEST_QUICK);
            AddTestCase(new PacketdrillTestCase(dir + "basic-non-tfo-listener.pkt",
                                                WithMode(0x2),
                                                BasicNonTfoListener(fo)),
                        TFO_TEST_QUICK);
            AddTestCase(
                new PacketdrillTestCase(dir + "basic-zero-payload.pkt", def, BasicZeroPayload(fo)),
                TFO_TEST_QUICK);
            AddTestCase(
                new PacketdrillTestCase(dir + "fin-close-socket.pkt", def, FinCloseSocket(fo)),
                TFO_TEST_QUICK);
            AddTestCase(
                new PacketdrillTestCase(dir + "reset-after-accept.pkt", def, ResetAfterAccept(fo)),
                TFO_TEST_QUICK);
            AddTestCase(new PacketdrillTestCase(dir + "reset-before-accept.pkt",
                                                def,
                                                ResetBeforeAccept(fo)),
                        TFO_TEST_QUICK);
            AddTestCase(new PacketdrillTestCase(dir + "reset-close-with-unread-data.pkt",
                                                def,
                                                ResetCloseWithUnreadData(fo)),
                        TFO_TEST_QUICK);
            AddTestCase(new PacketdrillTestCase(dir + "reset-non-tfo-socket.pkt",
                                                def,
                                                ResetNonTfoSocket(fo)),
                        TFO_TEST_QUICK);
            AddTestCase(new PacketdrillTestCase(dir + "listener-closed-trigger-rst.pkt",
                                                def,
                                                ListenerClosedTriggerRst(fo)),
                        TFO_TEST_QUICK);
            AddTestCase(new PacketdrillTestCase(dir + "unread-data-closed-trigger-rst.pkt",
                                                def,
                                                UnreadDataClosedTriggerRst(fo)),
                        TFO_TEST_QUICK);
        }
        // No Fast Open option in these (their opt34/ twins are identical).
        AddTestCase(new PacketdrillTestCase("server/basic-cookie-not-reqd.pkt",
                                            WithMode(0x202),
                                            BasicCookieNotReqd),
                    TFO_TEST_QUICK);
        AddTestCase(new PacketdrillTestCase("server/pure-syn-data.pkt", def, PureSynData),
                    TFO_TEST_QUICK);
        ScriptedPeer::Config keyConfig =
            SimpleConfig("192.168.0.2", "10.248.0.2", "00000000-00000000-00000000-00000000");
        AddTestCase(new PacketdrillTestCase("server/sockopt-fastopen-key.pkt",
                                            keyConfig,
                                            SockoptFastOpenKey),
                    TFO_TEST_QUICK);

        // Client scripts (tcp_timestamps=0).
        AddTestCase(new PacketdrillTestCase("client/blocking-sendto.pkt", def, BlockingSendto),
                    TFO_TEST_QUICK);
        AddTestCase(
            new PacketdrillTestCase("client/nonblocking-sendto.pkt", def, NonblockingSendto),
            TFO_TEST_QUICK);
        AddTestCase(new PacketdrillTestCase("client/cookie-less-sendto.pkt",
                                            WithMode(0x5),
                                            CookieLessSendto),
                    TFO_TEST_QUICK);
        AddTestCase(new PacketdrillTestCase("client/cookie-req-timeout.pkt", def, CookieReqTimeout),
                    TFO_TEST_QUICK);
        ScriptedPeer::Config fallbackConfig;
        fallbackConfig.tolerance = MicroSeconds(6000); // --tolerance_usecs=6000
        AddTestCase(
            new PacketdrillTestCase("client/fallback-exp-opt.pkt", fallbackConfig, FallbackExpOpt),
            TFO_TEST_QUICK);
        AddTestCase(new PacketdrillTestCase("client/syn-data-timeout.pkt", def, SynDataTimeout),
                    TFO_TEST_QUICK);
        AddTestCase(
            new PacketdrillTestCase("client/syn-data-only-syn-acked.pkt", def, SynDataOnlySynAcked),
            TFO_TEST_QUICK);
        AddTestCase(new PacketdrillTestCase("client/syn-data-partial-or-over-ack.pkt",
                                            def,
                                            SynDataPartialOrOverAck),
                    TFO_TEST_QUICK);
        AddTestCase(new PacketdrillTestCase("client/synack-data.pkt", def, SynackData),
                    TFO_TEST_QUICK);
        AddTestCase(
            new PacketdrillTestCase("client/valid-cookie-format.pkt", def, ValidCookieFormat),
            TFO_TEST_QUICK);
        AddTestCase(new PacketdrillTestCase("client/syn-data-mss.pkt", def, SynDataMss),
                    TFO_TEST_QUICK);
        AddTestCase(new PacketdrillTestCase("client/nonblocking-sendto-over-mss.pkt",
                                            def,
                                            NonblockingSendtoOverMss),
                    TFO_TEST_QUICK);
    }
};

/// The suite's instance.
static TcpFastOpenPacketdrillTestSuite g_tcpFastOpenPacketdrillTestSuite;
