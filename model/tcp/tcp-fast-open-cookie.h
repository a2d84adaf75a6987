/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_FAST_OPEN_COOKIE_H
#define TCP_FAST_OPEN_COOKIE_H

#include <algorithm>
#include <array>
#include <cstdint>
#include <ostream>
#include <string>

namespace ns3
{

/**
 * \ingroup tcp-fast-open
 *
 * A TCP Fast Open cookie: 4 to 16 bytes of even length (RFC 7413 section 4.1.1).
 * Linux issues 8-byte cookies. A cookie of length 0 stands for "no cookie";
 * the Fast Open option with no cookie is a cookie request (TcpOptionFastOpen).
 *
 * A plain value type, cheap to copy (struct tcp_fastopen_cookie in Linux).
 */
class TcpFastOpenCookie
{
  public:
    static constexpr uint8_t MIN_SIZE = 4;  //!< TCP_FASTOPEN_COOKIE_MIN
    static constexpr uint8_t MAX_SIZE = 16; //!< TCP_FASTOPEN_COOKIE_MAX
    static constexpr uint8_t SIZE = 8;      //!< TCP_FASTOPEN_COOKIE_SIZE (what Linux issues)

    /// An empty cookie (length 0).
    TcpFastOpenCookie() = default;

    /**
     * \brief A cookie holding \p len bytes from \p bytes.
     * \param bytes the cookie bytes
     * \param len their number (at most MAX_SIZE; longer input is cut)
     */
    TcpFastOpenCookie(const uint8_t* bytes, uint8_t len)
        : m_len(std::min<uint8_t>(len, MAX_SIZE))
    {
        std::copy(bytes, bytes + m_len, m_bytes.begin());
    }

    /// \return the number of bytes (0 = no cookie)
    uint8_t GetLength() const
    {
        return m_len;
    }

    /// \return true if the cookie holds no bytes
    bool IsEmpty() const
    {
        return m_len == 0;
    }

    /**
     * \return true if the length is one RFC 7413 allows on the wire and Linux
     * accepts: even, from MIN_SIZE to MAX_SIZE
     */
    bool IsValidLength() const
    {
        return m_len >= MIN_SIZE && m_len <= MAX_SIZE && (m_len % 2) == 0;
    }

    /// \return a pointer to the bytes
    const uint8_t* GetBytes() const
    {
        return m_bytes.data();
    }

    /// \return the cookie as lowercase hex, two digits a byte ("920c25c2e5eb51ef")
    std::string ToHex() const
    {
        static const char digits[] = "0123456789abcdef";
        std::string s;
        s.reserve(2 * m_len);
        for (uint8_t i = 0; i < m_len; ++i)
        {
            s.push_back(digits[m_bytes[i] >> 4]);
            s.push_back(digits[m_bytes[i] & 0xf]);
        }
        return s;
    }

    /**
     * \param other another cookie
     * \return true if both hold the same bytes (Linux tcp_fastopen_cookie_match
     * compares length and bytes)
     */
    bool operator==(const TcpFastOpenCookie& other) const
    {
        return m_len == other.m_len &&
               std::equal(m_bytes.begin(), m_bytes.begin() + m_len, other.m_bytes.begin());
    }

    /**
     * \param other another cookie
     * \return true if the cookies differ
     */
    bool operator!=(const TcpFastOpenCookie& other) const
    {
        return !(*this == other);
    }

  private:
    std::array<uint8_t, MAX_SIZE> m_bytes{}; //!< cookie bytes
    uint8_t m_len{0};                        //!< number of valid bytes
};

/**
 * \brief Print a cookie as hex ("(none)" when empty).
 * \param os the stream
 * \param cookie the cookie
 * \return the stream
 */
inline std::ostream&
operator<<(std::ostream& os, const TcpFastOpenCookie& cookie)
{
    return os << (cookie.IsEmpty() ? std::string("(none)") : cookie.ToHex());
}

} // namespace ns3

#endif /* TCP_FAST_OPEN_COOKIE_H */
