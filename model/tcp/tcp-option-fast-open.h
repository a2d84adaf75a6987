/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_OPTION_FAST_OPEN_H
#define TCP_OPTION_FAST_OPEN_H

#include "tcp-fast-open-cookie.h"

#include "ns3/buffer.h"
#include "ns3/tcp-fast-open-ns3-compat.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-option.h"

#include <cstdint>
#include <optional>
#include <ostream>

namespace ns3
{

struct TcpFastOpenOptionValue;

/**
 * \ingroup tcp-fast-open
 *
 * \brief The TCP Fast Open option, in both of its wire forms.
 *
 * - RFC 7413 form: kind 34, length 2 (cookie request) or 2 + n (an n-byte cookie).
 * - Experimental form (RFC 6994 shared experimental option, what Linux sent
 *   before kind 34 was assigned): kind 254, 16-bit ExID 0xF989, length 4
 *   (cookie request) or 4 + n.
 *
 * Print() writes what Wireshark shows: "TFO=R" for a request, "TFO=C <hex>"
 * for a cookie, followed by the form, e.g.
 * "TFO=C 920c25c2e5eb51ef (experimental, kind 254, magic 0xf989)".
 *
 * <b>Sending: a workaround for ns-3's option registry.</b> TcpHeader::AppendOption
 * (ns-3.37 ... 3.48) refuses every option whose GetKind() is not one that
 * TcpOption::IsKindKnown knows (END, NOP, MSS, WINSCALE, SACKPERMITTED, SACK,
 * TS). This class therefore reports TcpOption::NOP from GetKind(), while
 * Serialize() writes the real kind (34 or 254) and GetSerializedSize() the real
 * length. Nothing in ns-3 looks at an option's NOP kind in a way that this
 * breaks: TcpHeader::Serialize, GetSerializedSize/CalculateHeaderLength and
 * AppendOption use only GetSerializedSize() and Serialize() (AppendOption
 * compares the kind with END only); TcpHeader::Print prints the instance
 * TypeId name and calls Print(); TcpHeader::HasOption/GetOption compare kinds,
 * and neither ns-3's TcpSocketBase (it asks for WINSCALE, SACKPERMITTED, TS
 * and SACK only) nor any other ns-3 model asks for NOP. On the wire the
 * option is the real kind 34/254, and the receiver's TcpHeader::Deserialize
 * turns it into a TcpOptionUnknown. The workaround lives in this class only:
 * the clean fix is an ns-3 patch adding FASTOPEN (34) to TcpOption::Kind,
 * TcpOption::IsKindKnown and TcpOption::CreateOption, after which GetKind()
 * would return 34 and nothing else in the module changes, since Find() reads
 * raw bytes whatever class the option list holds.
 *
 * <b>Receiving.</b> Use Find() on every received header: it is the one parser
 * of the module and applies Linux's tcp_parse_options/tcp_parse_fastopen_option
 * rules.
 */
class TcpOptionFastOpen : public TcpOption
{
  public:
    /// The two wire forms of the option.
    enum Form : uint8_t
    {
        RFC7413,     //!< kind 34 (RFC 7413)
        EXPERIMENTAL //!< kind 254 with magic 0xF989 (RFC 6994 experimental form)
    };

    static constexpr uint8_t KIND_RFC7413 = 34;            //!< TCPOPT_FASTOPEN
    static constexpr uint8_t KIND_EXPERIMENTAL = 254;      //!< TCPOPT_EXP
    static constexpr uint16_t EXPERIMENTAL_MAGIC = 0xF989; //!< TCPOPT_FASTOPEN_MAGIC
    static constexpr uint8_t BASE_LEN_RFC7413 = 2;         //!< TCPOLEN_FASTOPEN_BASE
    static constexpr uint8_t BASE_LEN_EXPERIMENTAL = 4;    //!< TCPOLEN_EXP_FASTOPEN_BASE

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TFO_NS3_DECLARE_GET_INSTANCE_TYPE_ID

    /// A cookie request in the RFC 7413 form.
    TcpOptionFastOpen();

    /**
     * \brief An option of the given form carrying \p cookie.
     * \param form the wire form
     * \param cookie the cookie; empty means a cookie request. A non-empty cookie
     *        must have a length RFC 7413 allows (even, 4..16), else the
     *        simulation aborts with a message.
     */
    TcpOptionFastOpen(Form form, const TcpFastOpenCookie& cookie);

    /**
     * \brief Print the option as Wireshark does ("TFO=R" / "TFO=C <hex>") and its form.
     * \param os the output stream
     */
    void Print(std::ostream& os) const override;

    /**
     * \brief Write the option with its real kind (34, or 254 + magic).
     * \param start where to write
     */
    void Serialize(Buffer::Iterator start) const override;

    /**
     * \brief Read an option of kind 34 or 254/0xF989 with a valid cookie
     * length (0 or even 4..16).
     * \param start where to read
     * \return the number of bytes read, 0 if the bytes are not such an option
     */
    uint32_t Deserialize(Buffer::Iterator start) override;

    /**
     * \brief The kind ns-3 sees: TcpOption::NOP (see the class description),
     * never the kind written on the wire (GetWireKind()).
     * \return TcpOption::NOP
     */
    uint8_t GetKind() const override;

    /**
     * \return the option length on the wire: base length of the form + cookie length
     */
    uint32_t GetSerializedSize() const override;

    /**
     * \return the kind written on the wire: 34 or 254
     */
    uint8_t GetWireKind() const;

    /**
     * \return the wire form
     */
    Form GetForm() const;

    /**
     * \brief Set the wire form.
     * \param form the form
     */
    void SetForm(Form form);

    /**
     * \return the cookie (empty for a cookie request)
     */
    const TcpFastOpenCookie& GetCookie() const;

    /**
     * \brief Set the cookie; an empty cookie makes the option a cookie request.
     * \param cookie the cookie (empty, or even length 4..16; other lengths abort)
     */
    void SetCookie(const TcpFastOpenCookie& cookie);

    /**
     * \return true if the option is a cookie request (carries no cookie)
     */
    bool IsRequest() const;

    /**
     * \brief Append a Fast Open option to a header being built.
     * \param header the header
     * \param form the wire form
     * \param cookie the cookie; empty means a cookie request. A non-empty cookie
     *        of a length RFC 7413 does not allow aborts the simulation.
     * \return false if the option does not fit in the header's 40-byte option space
     */
    static bool AppendTo(TcpHeader& header, Form form, const TcpFastOpenCookie& cookie);

    /**
     * \brief The one parser for received headers: the Fast Open option of a
     * header as Linux's tcp_parse_options reads it.
     *
     * Each option of the header is serialized into a Buffer and its raw bytes
     * are read, so this works for TcpOptionUnknown (what ns-3 makes of a
     * received kind 34/254) and for TcpOptionFastOpen (the sender's own header)
     * alike. Rules (Linux tcp_parse_options + tcp_parse_fastopen_option):
     * - only a SYN or SYN-ACK (SYN flag set) can carry the option; otherwise absent;
     * - kind 34: cookie length = option length - 2; kind 254: a Fast Open option
     *   only if the option length is >= 4 and the first two data bytes are
     *   0xF989 (otherwise it is some other experiment and is skipped), cookie
     *   length = option length - 4;
     * - odd cookie length: that option is ignored (whatever an earlier one said
     *   stands); cookie length 0: cookie request; even 4..16: cookie; any other
     *   even length: the result becomes "absent";
     * - options are read in order and stop at an END option; each Fast Open
     *   option that is not ignored overwrites the result of the earlier ones,
     *   so the last option with an even cookie length wins (a later invalid
     *   even length cancels an earlier valid cookie, a later odd one does not).
     * \param header the received (or sent) header
     * \return the option's value, or nothing if absent
     */
    static std::optional<TcpFastOpenOptionValue> Find(const TcpHeader& header);

    /**
     * \brief Size on the wire of an option of the given form and cookie length.
     * \param form the wire form
     * \param cookieLen the cookie length (0 = request)
     * \return base length of the form (2 or 4) + cookieLen
     */
    static uint32_t GetSerializedSizeFor(Form form, uint8_t cookieLen);

  private:
    /**
     * \brief Abort with a message unless \p cookie may be sent (empty or a valid length).
     * \param cookie the cookie
     */
    static void CheckSendableCookie(const TcpFastOpenCookie& cookie);

    Form m_form;                //!< wire form
    TcpFastOpenCookie m_cookie; //!< cookie; empty = cookie request
};

/**
 * \ingroup tcp-fast-open
 *
 * \brief The content of a received Fast Open option (TcpOptionFastOpen::Find).
 */
struct TcpFastOpenOptionValue
{
    TcpOptionFastOpen::Form form{TcpOptionFastOpen::RFC7413}; //!< wire form it came in
    bool isRequest{true};                                     //!< true: cookie request
    TcpFastOpenCookie cookie;                                 //!< the cookie (empty for a request)
};

/**
 * \brief Print a parsed option value as TcpOptionFastOpen::Print does.
 * \param os the stream
 * \param value the value
 * \return the stream
 */
std::ostream& operator<<(std::ostream& os, const TcpFastOpenOptionValue& value);

} // namespace ns3

#endif /* TCP_OPTION_FAST_OPEN_H */
