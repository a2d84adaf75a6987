/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "tcp-option-fast-open.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/tcp-header.h"

#include <array>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("TcpOptionFastOpen");
NS_OBJECT_ENSURE_REGISTERED(TcpOptionFastOpen);

namespace
{

/// Largest option ns-3 holds (the whole option space).
constexpr uint32_t MAX_OPTION_BYTES = 40;

/**
 * \brief Write "TFO=R" or "TFO=C <hex>" and the form, as Wireshark shows the option.
 * \param os the stream
 * \param form the wire form
 * \param cookie the cookie (empty = request)
 */
void
PrintFastOpen(std::ostream& os, TcpOptionFastOpen::Form form, const TcpFastOpenCookie& cookie)
{
    if (cookie.IsEmpty())
    {
        os << "TFO=R";
    }
    else
    {
        os << "TFO=C " << cookie.ToHex();
    }
    if (form == TcpOptionFastOpen::RFC7413)
    {
        os << " (RFC 7413, kind 34)";
    }
    else
    {
        os << " (experimental, kind 254, magic 0xf989)";
    }
}

/**
 * \brief Whether an option of this ns-3 kind can hold Fast Open bytes: every
 * kind ns-3 parses itself (MSS, WS, SACK_PERM, SACK, TS) cannot; NOP can (our own
 * option reports NOP), unknown kinds can (TcpOptionUnknown reports the wire kind).
 * \param kind the kind GetKind() reports
 * \return false if the option certainly is not a Fast Open option
 */
bool
MayBeFastOpen(uint8_t kind)
{
    switch (kind)
    {
    case TcpOption::MSS:
    case TcpOption::WINSCALE:
    case TcpOption::SACKPERMITTED:
    case TcpOption::SACK:
    case TcpOption::TS:
        return false;
    default:
        return true;
    }
}

/**
 * \brief The raw bytes of an option, as it would go on the wire.
 * \param option the option
 * \param bytes where to put them (at least MAX_OPTION_BYTES)
 * \return the number of bytes (0 if the option is empty or too large)
 */
uint32_t
ReadRawOption(const TcpOption& option, std::array<uint8_t, MAX_OPTION_BYTES>& bytes)
{
    const uint32_t size = option.GetSerializedSize();
    if (size == 0 || size > MAX_OPTION_BYTES)
    {
        return 0;
    }
    Buffer buffer;
    buffer.AddAtStart(size);
    option.Serialize(buffer.Begin());
    buffer.CopyData(bytes.data(), size);
    return size;
}

/**
 * \brief Linux tcp_parse_options' dispatch: are these bytes a Fast Open option?
 * Kind 34 always is; kind 254 only with length >= 4 and magic 0xF989 (any other
 * kind-254 option is another experiment).
 * \param opt the option bytes (kind, length, data)
 * \param size their number (>= 2: the option's own length byte)
 * \param form set to the form when it is a Fast Open option
 * \param baseLen set to the bytes before the cookie (2 or 4)
 * \return true if it is a Fast Open option
 */
bool
MatchFastOpenOption(const uint8_t* opt,
                    uint32_t size,
                    TcpOptionFastOpen::Form& form,
                    uint32_t& baseLen)
{
    if (size < 2)
    {
        return false;
    }
    if (opt[0] == TcpOptionFastOpen::KIND_RFC7413)
    {
        form = TcpOptionFastOpen::RFC7413;
        baseLen = TcpOptionFastOpen::BASE_LEN_RFC7413;
        return true;
    }
    if (opt[0] == TcpOptionFastOpen::KIND_EXPERIMENTAL &&
        opt[1] >= TcpOptionFastOpen::BASE_LEN_EXPERIMENTAL && size >= 4 &&
        ((opt[2] << 8) | opt[3]) == TcpOptionFastOpen::EXPERIMENTAL_MAGIC)
    {
        form = TcpOptionFastOpen::EXPERIMENTAL;
        baseLen = TcpOptionFastOpen::BASE_LEN_EXPERIMENTAL;
        return true;
    }
    return false;
}

/**
 * \brief Linux tcp_parse_fastopen_option: fold one Fast Open option into the
 * result so far (std::nullopt plays foc->len == -1). Called only for a SYN.
 * Odd cookie length: ignored, the earlier result stands. 0: request.
 * Even 4..16: cookie. Other even lengths: absent.
 * \param cookieLen option length minus the form's base length
 * \param cookie the cookie bytes
 * \param form the form the option came in
 * \param result the result so far, updated
 */
void
ApplyFastOpenOption(uint32_t cookieLen,
                    const uint8_t* cookie,
                    TcpOptionFastOpen::Form form,
                    std::optional<TcpFastOpenOptionValue>& result)
{
    if (cookieLen % 2 != 0)
    {
        return;
    }
    if (cookieLen == 0)
    {
        result = TcpFastOpenOptionValue{form, true, TcpFastOpenCookie()};
    }
    else if (cookieLen >= TcpFastOpenCookie::MIN_SIZE && cookieLen <= TcpFastOpenCookie::MAX_SIZE)
    {
        result = TcpFastOpenOptionValue{form,
                                        false,
                                        TcpFastOpenCookie(cookie, static_cast<uint8_t>(cookieLen))};
    }
    else
    {
        result.reset();
    }
}

/**
 * \brief Whether a segment with these flags may carry a Fast Open option
 * (Linux: th->syn; a SYN or a SYN-ACK).
 * \param flags the TCP flags
 * \return true if the SYN flag is set
 */
bool
MayCarryFastOpen(uint8_t flags)
{
    return (flags & TcpHeader::SYN) != 0;
}

} // namespace

TypeId
TcpOptionFastOpen::GetTypeId()
{
    static TypeId tid = TypeId("ns3::TcpOptionFastOpen")
                            .SetParent<TcpOption>()
                            .SetGroupName("TcpFastOpen")
                            .AddConstructor<TcpOptionFastOpen>();
    return tid;
}

TFO_NS3_DEFINE_GET_INSTANCE_TYPE_ID(TcpOptionFastOpen)

TcpOptionFastOpen::TcpOptionFastOpen()
    : m_form(RFC7413)
{
}

TcpOptionFastOpen::TcpOptionFastOpen(Form form, const TcpFastOpenCookie& cookie)
    : m_form(form),
      m_cookie(cookie)
{
    CheckSendableCookie(cookie);
}

void
TcpOptionFastOpen::CheckSendableCookie(const TcpFastOpenCookie& cookie)
{
    NS_ABORT_MSG_IF(!cookie.IsEmpty() && !cookie.IsValidLength(),
                    "TcpOptionFastOpen: a Fast Open cookie must be empty (cookie request) or "
                    "have an even length from "
                        << +TcpFastOpenCookie::MIN_SIZE << " to " << +TcpFastOpenCookie::MAX_SIZE
                        << " bytes (RFC 7413 4.1.1); got " << +cookie.GetLength() << " bytes");
}

void
TcpOptionFastOpen::Print(std::ostream& os) const
{
    PrintFastOpen(os, m_form, m_cookie);
}

void
TcpOptionFastOpen::Serialize(Buffer::Iterator start) const
{
    Buffer::Iterator i = start;
    i.WriteU8(GetWireKind());
    i.WriteU8(static_cast<uint8_t>(GetSerializedSize()));
    if (m_form == EXPERIMENTAL)
    {
        i.WriteHtonU16(EXPERIMENTAL_MAGIC);
    }
    i.Write(m_cookie.GetBytes(), m_cookie.GetLength());
}

uint32_t
TcpOptionFastOpen::Deserialize(Buffer::Iterator start)
{
    Buffer::Iterator i = start;
    std::array<uint8_t, MAX_OPTION_BYTES> bytes{};
    bytes[0] = i.ReadU8();
    bytes[1] = i.ReadU8();
    const uint8_t length = bytes[1];
    if (length < 2 || length > MAX_OPTION_BYTES)
    {
        NS_LOG_WARN("Fast Open option with length " << +length);
        return 0;
    }
    i.Read(bytes.data() + 2, length - 2);
    Form form;
    uint32_t baseLen;
    if (!MatchFastOpenOption(bytes.data(), length, form, baseLen))
    {
        NS_LOG_WARN("Not a Fast Open option: kind " << +bytes[0]);
        return 0;
    }
    const uint32_t cookieLen = length - baseLen;
    const TcpFastOpenCookie cookie(bytes.data() + baseLen, static_cast<uint8_t>(cookieLen));
    if (cookieLen != 0 && !cookie.IsValidLength())
    {
        NS_LOG_WARN("Fast Open option with a cookie of " << cookieLen << " bytes");
        return 0;
    }
    m_form = form;
    m_cookie = cookie;
    return length;
}

uint8_t
TcpOptionFastOpen::GetKind() const
{
    // Workaround for TcpHeader::AppendOption; see the class description.
    return TcpOption::NOP;
}

uint32_t
TcpOptionFastOpen::GetSerializedSize() const
{
    return GetSerializedSizeFor(m_form, m_cookie.GetLength());
}

uint8_t
TcpOptionFastOpen::GetWireKind() const
{
    return m_form == RFC7413 ? KIND_RFC7413 : KIND_EXPERIMENTAL;
}

TcpOptionFastOpen::Form
TcpOptionFastOpen::GetForm() const
{
    return m_form;
}

void
TcpOptionFastOpen::SetForm(Form form)
{
    m_form = form;
}

const TcpFastOpenCookie&
TcpOptionFastOpen::GetCookie() const
{
    return m_cookie;
}

void
TcpOptionFastOpen::SetCookie(const TcpFastOpenCookie& cookie)
{
    CheckSendableCookie(cookie);
    m_cookie = cookie;
}

bool
TcpOptionFastOpen::IsRequest() const
{
    return m_cookie.IsEmpty();
}

bool
TcpOptionFastOpen::AppendTo(TcpHeader& header, Form form, const TcpFastOpenCookie& cookie)
{
    NS_LOG_FUNCTION(form << cookie);
    Ptr<TcpOptionFastOpen> option = CreateObject<TcpOptionFastOpen>(form, cookie);
    const bool appended = header.AppendOption(option);
    if (!appended)
    {
        NS_LOG_DEBUG("Fast Open option of " << option->GetSerializedSize()
                                            << " bytes does not fit: " << +header.GetOptionLength()
                                            << " of " << +header.GetMaxOptionLength()
                                            << " option bytes used");
    }
    return appended;
}

std::optional<TcpFastOpenOptionValue>
TcpOptionFastOpen::Find(const TcpHeader& header)
{
    std::optional<TcpFastOpenOptionValue> result;
    if (!MayCarryFastOpen(header.GetFlags()))
    {
        return result;
    }
    std::array<uint8_t, MAX_OPTION_BYTES> bytes{};
    for (const auto& option : header.GetOptionList())
    {
        if (option->GetKind() == TcpOption::END)
        {
            break;
        }
        if (!MayBeFastOpen(option->GetKind()))
        {
            continue;
        }
        const uint32_t size = ReadRawOption(*option, bytes);
        Form form;
        uint32_t baseLen;
        if (size < 2 || bytes[1] != size || !MatchFastOpenOption(bytes.data(), size, form, baseLen))
        {
            continue;
        }
        ApplyFastOpenOption(size - baseLen, bytes.data() + baseLen, form, result);
    }
    return result;
}

uint32_t
TcpOptionFastOpen::GetSerializedSizeFor(Form form, uint8_t cookieLen)
{
    return (form == RFC7413 ? BASE_LEN_RFC7413 : BASE_LEN_EXPERIMENTAL) + cookieLen;
}

std::ostream&
operator<<(std::ostream& os, const TcpFastOpenOptionValue& value)
{
    PrintFastOpen(os, value.form, value.cookie);
    return os;
}

} // namespace ns3
