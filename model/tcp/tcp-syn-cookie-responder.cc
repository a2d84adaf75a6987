/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-syn-cookie-responder.h"

#include "tcp-fast-open-counters.h"

#include "ns3/log.h"
#include "ns3/tcp-option-rfc793.h"
#include "ns3/tcp-option-ts.h"
#include "ns3/tcp-option-winscale.h"

#include <algorithm>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpSynCookieResponder");

TcpSynCookieResponder::Reply
TcpSynCookieResponder::Answer(const TcpHeader& syn,
                              const Address& from,
                              const Address& to,
                              const ListenerOptions& listener,
                              const Ptr<TcpSynCookieGenerator>& generator,
                              const Ptr<TcpFastOpenCounters>& counters,
                              Time now)
{
    Reply reply;
    reply.flow =
        TcpSynCookieGenerator::Flow::FromSocketAddresses(from,
                                                         to,
                                                         syn.GetSequenceNumber().GetValue());
    // cookie_v4_init_sequence / cookie_v6_init_sequence: tcp_synq_overflow()
    // stamps the listener.
    m_lastSynqOverflow = now;
    // Without the MSS option, the family's mss_clamp (536 or 1220).
    uint16_t clientMss = TcpSynCookieGenerator::DefaultMss(reply.flow.IsIpv6());
    if (syn.HasOption(TcpOption::MSS))
    {
        clientMss = DynamicCast<const TcpOptionMSS>(syn.GetOption(TcpOption::MSS))->GetMSS();
    }
    uint16_t encodedMss = 0;
    reply.isn = generator->Encode(reply.flow, clientMss, encodedMss);
    counters->Increment(TcpFastOpenCounters::SYNCOOKIES_SENT);

    // tcp_conn_request: a SYN answered with a cookie keeps its other options
    // only if it carried timestamps (else tcp_clear_options), because they
    // travel in the TSval; tcp_parse_options counts an option only if the
    // listener has it on, and tcp_ecn_create_request decides ECN.
    reply.timestamps = listener.timestamps && syn.HasOption(TcpOption::TS);
    if (reply.timestamps)
    {
        if (listener.windowScale && syn.HasOption(TcpOption::WINSCALE))
        {
            reply.opts.wscaleOk = true;
            reply.opts.sndWscale = std::min<uint8_t>(
                DynamicCast<const TcpOptionWinScale>(syn.GetOption(TcpOption::WINSCALE))
                    ->GetScale(),
                TcpSynCookieGenerator::MAX_WSCALE);
        }
        reply.opts.sackOk = listener.sack && syn.HasOption(TcpOption::SACKPERMITTED);
        reply.opts.ecnOk = listener.ecn && (syn.GetFlags() & (TcpHeader::ECE | TcpHeader::CWR)) ==
                                               (TcpHeader::ECE | TcpHeader::CWR);
        reply.tsVal = TcpSynCookieGenerator::InitTimestamp(TcpOptionTS::NowToTsValue(), reply.opts);
        reply.tsEcr = DynamicCast<const TcpOptionTS>(syn.GetOption(TcpOption::TS))->GetTimestamp();
    }
    return reply;
}

std::optional<TcpSynCookieResponder::Child>
TcpSynCookieResponder::Check(const TcpHeader& ack,
                             const Address& from,
                             const Address& to,
                             const ListenerOptions& listener,
                             const Ptr<TcpSynCookieGenerator>& generator,
                             const Ptr<TcpFastOpenCounters>& counters,
                             Time now) const
{
    // cookie_v4_check / cookie_v6_check (the listener has SYN cookies on).
    // tcp_synq_no_recent_overflow: no cookie was sent for TCP_SYNCOOKIE_VALID.
    if (now > m_lastSynqOverflow + generator->GetValidity())
    {
        return std::nullopt;
    }
    const auto flow =
        TcpSynCookieGenerator::Flow::FromSocketAddresses(from,
                                                         to,
                                                         ack.GetSequenceNumber().GetValue() - 1);
    const std::optional<uint16_t> mss = generator->Check(flow, ack.GetAckNumber().GetValue() - 1);
    if (!mss)
    {
        counters->Increment(TcpFastOpenCounters::SYNCOOKIES_FAILED);
        return std::nullopt;
    }
    counters->Increment(TcpFastOpenCounters::SYNCOOKIES_RECV);
    // cookie_tcp_check: the options the TSecr carries. tcp_parse_options sees
    // the timestamps only if the listener has them on; the model's TSvals
    // have no per-connection offset (secure_tcp_ts_off) to subtract.
    std::optional<uint32_t> tsecr;
    if (listener.timestamps && ack.HasOption(TcpOption::TS))
    {
        tsecr = DynamicCast<const TcpOptionTS>(ack.GetOption(TcpOption::TS))->GetEcho();
    }
    std::optional<TcpSynCookieGenerator::TimestampOptions> options =
        TcpSynCookieGenerator::DecodeTimestamp(tsecr,
                                               listener.timestamps,
                                               listener.sack,
                                               listener.windowScale);
    if (!options)
    {
        // An option the listener has off: no child; the caller answers the
        // ACK with a reset, as for a failed cookie.
        NS_LOG_LOGIC(this << " cookie ACK's TSecr " << *tsecr << " names a disabled option");
        return std::nullopt;
    }
    // cookie_v4_check: ecn_ok &= cookie_ecn_ok (net.ipv4.tcp_ecn).
    options->ecnOk = options->ecnOk && listener.ecn;
    return Child{*mss, *options};
}

} // namespace ns3
