/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef TCP_FAST_OPEN_KEY_H
#define TCP_FAST_OPEN_KEY_H

#include "ns3/ptr.h"

#include <array>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>

namespace ns3
{

class UniformRandomVariable;

/**
 * \ingroup tcp-fast-open
 *
 * A TCP Fast Open server key: 16 bytes (TCP_FASTOPEN_KEY_LENGTH), a plain
 * value type. The bytes are the cipher key as the kernel holds it: the
 * SipHash-2-4 key (Linux >= 5.3, k0 = bytes 0..7 and k1 = bytes 8..15 read
 * little-endian) or the AES-128 key (Linux 4.x).
 *
 * Two text forms, both as Linux takes them:
 *  - sysctl form, net.ipv4.tcp_fastopen_key: four 32-bit hex words
 *    `xxxxxxxx-xxxxxxxx-xxxxxxxx-xxxxxxxx`; the kernel stores each word
 *    little-endian (cpu_to_le32 in proc_tcp_fastopen_key), so
 *    00112233-44556677-8899aabb-ccddeeff is the key bytes
 *    33 22 11 00 77 66 55 44 bb aa 99 88 ff ee dd cc;
 *  - hex form: 32 hex digits, the 16 key bytes in order (the buffer
 *    setsockopt(TCP_FASTOPEN_KEY) takes).
 */
class TcpFastOpenKey
{
  public:
    static constexpr std::size_t SIZE = 16; //!< TCP_FASTOPEN_KEY_LENGTH
    static constexpr std::size_t WORDS = 4; //!< 32-bit words in the sysctl form

    /// The all-zero key.
    TcpFastOpenKey() = default;

    /**
     * \brief A key holding the given bytes.
     * \param bytes the 16 key bytes, in kernel order
     */
    explicit TcpFastOpenKey(const std::array<uint8_t, SIZE>& bytes);

    /**
     * \brief Parse one key in the sysctl form or the hex form.
     *
     * A text containing '-' is read as the sysctl form (exactly 4 words of 1 to 8
     * hex digits; a short word is a smaller number, as the kernel's "%x" reads
     * it), anything else as the hex form (exactly 32 hex digits). Surrounding
     * white space is ignored (`cat /proc/sys/...` output has a newline).
     *
     * \param text the key text
     * \param key receives the key on success (untouched otherwise)
     * \param error receives a message naming the problem on failure
     * \return true on success
     */
    static bool Parse(const std::string& text, TcpFastOpenKey& key, std::string& error);

    /**
     * \brief Parse "primary[,backup]" as net.ipv4.tcp_fastopen_key takes it;
     * each key in either form.
     * \param text the key list
     * \param primary receives the primary key on success
     * \param backup receives the backup key on success (std::nullopt if none)
     * \param error receives a message naming the problem on failure
     * \return true on success (on failure no output is changed)
     */
    static bool ParseKeyList(const std::string& text,
                             TcpFastOpenKey& primary,
                             std::optional<TcpFastOpenKey>& backup,
                             std::string& error);

    /**
     * \brief A key of 16 bytes drawn from \p rng (each uniform in 0..255), so
     * that runs are reproducible from the seed, run number and stream.
     * \param rng the random variable
     * \return the key
     */
    static TcpFastOpenKey FromRandom(Ptr<UniformRandomVariable> rng);

    /**
     * \return the sysctl form, as the kernel prints it ("%08x-%08x-%08x-%08x")
     */
    std::string ToSysctlString() const;

    /// \return the hex form: 32 lowercase hex digits, the bytes in order
    std::string ToHexString() const;

    /// \return the 16 key bytes
    const std::array<uint8_t, SIZE>& GetBytes() const
    {
        return m_bytes;
    }

    /**
     * \param other another key
     * \return true if both hold the same bytes
     */
    bool operator==(const TcpFastOpenKey& other) const;

    /**
     * \param other another key
     * \return true if the keys differ
     */
    bool operator!=(const TcpFastOpenKey& other) const;

  private:
    /**
     * \brief Parse the sysctl form (four dash-separated 32-bit hex words).
     * \param text the trimmed text
     * \param key receives the key
     * \param error receives the problem
     * \return true on success
     */
    static bool ParseSysctlForm(const std::string& text, TcpFastOpenKey& key, std::string& error);

    /**
     * \brief Parse the hex form (32 hex digits).
     * \param text the trimmed text
     * \param key receives the key
     * \param error receives the problem
     * \return true on success
     */
    static bool ParseHexForm(const std::string& text, TcpFastOpenKey& key, std::string& error);

    /**
     * \brief Parse one sysctl word (1 to 8 hex digits) into a 32-bit number.
     * \param word the word's text
     * \param index the word's position (0-based, for the message)
     * \param value receives the number
     * \param error receives the problem
     * \return true on success
     */
    static bool ParseWord(const std::string& word,
                          std::size_t index,
                          uint32_t& value,
                          std::string& error);

    /**
     * \brief Store a 32-bit word little-endian, as cpu_to_le32 does.
     * \param value the word
     * \param out the 4 bytes written
     */
    static void StoreWordLittleEndian(uint32_t value, uint8_t* out);

    /**
     * \brief Read a 32-bit little-endian word (the inverse of StoreWordLittleEndian).
     * \param in the 4 bytes
     * \return the word
     */
    static uint32_t LoadWordLittleEndian(const uint8_t* in);

    std::array<uint8_t, SIZE> m_bytes{}; //!< key bytes, in kernel order
};

/**
 * \brief Print a key in the sysctl form.
 * \param os the stream
 * \param key the key
 * \return the stream
 */
std::ostream& operator<<(std::ostream& os, const TcpFastOpenKey& key);

} // namespace ns3

#endif /* TCP_FAST_OPEN_KEY_H */
