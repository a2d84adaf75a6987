#!/usr/bin/env python3
"""Test vectors for TcpSynCookieGenerator, computed from Linux's formulas.

Independent of the model's code: SipHash-2-4 comes from the pure-Python
`siphash` package of PyPI (pip install siphash), not from libsodium. The
message layouts are those of a little-endian Linux host:

  net/ipv4/syncookies.c cookie_hash: siphash_4u32(saddr, daddr,
      sport << 16 | dport, count): saddr, daddr as on the wire, then the
      little-endian word of the two big-endian ports (= dport, sport in network
      order), then count little-endian -- 16 bytes;
  net/ipv6/syncookies.c cookie_hash: siphash(&{saddr, daddr, count, sport,
      dport}, 40): saddr, daddr (16 bytes each), count little-endian, sport,
      dport in network order -- 40 bytes.

Both keep the low 32 bits of the 64-bit hash. secure_tcp_syn_cookie:
  H(0,0) + isn + (count << 24) + ((H(count,1) + mssind) & 0xffffff)  (mod 2^32)

test/tcp-fast-open-syn-cookie-test-suite.cc holds the numbers this prints.
"""
import ipaddress
import struct

import siphash

SECRETS_V4 = (bytes(range(0x20, 0x30)), bytes(range(0x30, 0x40)))
SECRETS_V6 = (bytes(range(0x00, 0x10)), bytes(range(0x10, 0x20)))
CLIENT_PORT, SERVER_PORT, ISN, COUNT = 49153, 8080, 0x12345678, 2


def low32(key, message):
    return siphash.SipHash_2_4(key, message).hash() & 0xFFFFFFFF


def hash_v4(saddr, daddr, sport, dport, count, c):
    msg = (ipaddress.IPv4Address(saddr).packed + ipaddress.IPv4Address(daddr).packed
           + struct.pack(">H", dport) + struct.pack(">H", sport) + struct.pack("<I", count))
    assert len(msg) == 16
    return low32(SECRETS_V4[c], msg)


def hash_v6(saddr, daddr, sport, dport, count, c):
    msg = (ipaddress.IPv6Address(saddr).packed + ipaddress.IPv6Address(daddr).packed
           + struct.pack("<I", count) + struct.pack(">HH", sport, dport))
    assert len(msg) == 40
    return low32(SECRETS_V6[c], msg)


def cookie(h, saddr, daddr, sport, dport, isn, count, mssind):
    return (h(saddr, daddr, sport, dport, 0, 0) + isn + (count << 24)
            + ((h(saddr, daddr, sport, dport, count, 1) + mssind) & 0xFFFFFF)) & 0xFFFFFFFF


if __name__ == "__main__":
    v6 = ("2001:db8:1::1", "2001:db8:1::2")
    v4 = ("10.0.1.1", "10.0.1.2")
    print("v6 H(0,0)=0x%08x H(2,1)=0x%08x" % (hash_v6(*v6, CLIENT_PORT, SERVER_PORT, 0, 0),
                                                hash_v6(*v6, CLIENT_PORT, SERVER_PORT, COUNT, 1)))
    # MSS 1440 -> msstab6 index 2 (1500 - 60)
    print("v6 cookie mss 1440: 0x%08x" % cookie(hash_v6, *v6, CLIENT_PORT, SERVER_PORT, ISN, COUNT, 2))
    print("v4 H(0,0)=0x%08x H(2,1)=0x%08x" % (hash_v4(*v4, CLIENT_PORT, SERVER_PORT, 0, 0),
                                                hash_v4(*v4, CLIENT_PORT, SERVER_PORT, COUNT, 1)))
    # MSS 1460 -> msstab index 3
    print("v4 cookie mss 1460: 0x%08x" % cookie(hash_v4, *v4, CLIENT_PORT, SERVER_PORT, ISN, COUNT, 3))
