#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""Validation of the tcp-fast-open module against the Linux kernel and Wireshark.

Sub-commands (each is one ctest test, see test/ctest-validation.cmake):

  kernel CASE      run CASE between two private network namespaces (the kernel
                   oracle), then through tcp-fast-open-example, and compare the
                   two packet by packet and counter by counter. CASE is one of
                     a   cookie request, then SYN-data connections (IPv4)
                     a6  the same over IPv6
                     ac  as a, with TCP_FASTOPEN_CONNECT instead of sendto(MSG_FASTOPEN)
                     b   the server's key changes between connections
                     c   the server is over its pending-TFO limit (qlen 1)
                     s   connection 1's SYN (with data) is lost
                     sa  connection 1's SYN-ACK is lost
                   Whole connections are compared, teardown included: what
                   the client sent from the client's capture, what the server
                   sent from the server's (a lost packet is dropped after its
                   sender's capture: nftables at the receiver's input hook, the
                   example's receive error model).
  cookie           the kernel's cookies (IPv4 and IPv6) against tcp-fast-open-cookie
  wireshark        every TFO packet of the example's pcaps is dissected as TFO,
                   and no packet is malformed or carries an error-level expert info

Exit status: 0 pass, 1 difference found, 77 skipped (no namespaces / no tshark /
the example lacks an option the case needs), 2 usage or environment error.

Only the Python standard library is used; tshark, iproute2 (ip, nstat) and
nftables (case c) are run as programs. Everything on the network happens inside
two network namespaces this script creates and always deletes.
"""

import argparse
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time

SKIP = 77
PORT = 8080
KEY1 = "00112233-44556677-8899aabb-ccddeeff"
KEY2 = "01234567-89abcdef-fedcba98-76543210"

# Addresses as tcp-fast-open-example assigns them (Ipv4AddressHelper 10.0.0.0/24,
# Ipv6AddressHelper 2001:db8::/64 with EUI-64 from ns-3's MACs 00:00:00:00:00:01/02),
# so that the kernel and the model hash the same address pair into their cookies.
ADDR = {
    4: ("10.0.0.1", "10.0.0.2", 24),
    6: ("2001:db8::200:ff:fe00:1", "2001:db8::200:ff:fe00:2", 64),
}

COUNTERS = [
    "TCPFastOpenActive",
    "TCPFastOpenActiveFail",
    "TCPFastOpenPassive",
    "TCPFastOpenPassiveFail",
    "TCPFastOpenListenOverflow",
    "TCPFastOpenCookieReqd",
    "TCPFastOpenBlackhole",
    "TCPFastOpenPassiveAltKey",
]

# The cases. "model" lists the example options beyond the common ones; options the
# example must have for the case to run are in "needs".
CASES = {
    "a": dict(
        family=4,
        connections=3,
        request=500,
        response=1000,
        qlen=16,
        doc="cookie request, then two SYN-data connections",
        model=[],
        needs=[],
    ),
    "a6": dict(
        family=6,
        connections=3,
        request=500,
        response=1000,
        qlen=16,
        doc="as a, over IPv6",
        model=["--ipv6=1"],
        needs=[],
    ),
    "ac": dict(
        family=4,
        connections=3,
        request=500,
        response=1000,
        qlen=16,
        api="connect",
        doc="as a, with TCP_FASTOPEN_CONNECT (connect, then write) instead of sendto",
        model=["--api=connect"],
        needs=[],
    ),
    "b": dict(
        family=4,
        connections=3,
        request=500,
        response=1000,
        qlen=16,
        rekey_before=1,
        doc="server key replaced (no backup) after the first connection",
        model=["--rekey=" + KEY2, "--rekeyAt=__REKEY_AT__"],
        needs=["rekey", "rekeyAt"],
    ),
    "c": dict(
        family=4,
        connections=3,
        request=500,
        response=1000,
        qlen=1,
        stall=1,
        doc="qlen 1; connection 1's pure ACKs are dropped and it stays open "
        "(its child stays in SYN_RECV) while connection 2 runs",
        model=["--queueLength=1", "--stallAcks=1"],
        needs=["queueLength", "stallAcks"],
    ),
    "s": dict(
        family=4,
        connections=3,
        request=500,
        response=1000,
        qlen=16,
        drop=("syn", 1),
        doc="connection 1's SYN with data is lost (dropped at the server's input)",
        model=["--dropSyn=1"],
        needs=["dropSyn"],
    ),
    "sa": dict(
        family=4,
        connections=3,
        request=500,
        response=1000,
        qlen=16,
        drop=("synack", 1),
        doc="connection 1's SYN-ACK is lost (dropped at the client's input)",
        model=["--dropSynAck=1"],
        needs=["dropSynAck"],
    ),
}

GAP = 0.2  # seconds between the end of a connection and the next (both sides)


class Skip(Exception):
    """The check cannot run here (reason in the message)."""


def log(*args):
    print(*args, flush=True)


def run(cmd, check=True, **kw):
    """Run a command (list), return CompletedProcess with text output."""
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if check and r.returncode != 0:
        raise RuntimeError(
            "command failed (%d): %s\n%s%s" % (r.returncode, " ".join(cmd), r.stdout, r.stderr)
        )
    return r


# --------------------------------------------------------------------------------------
# Dissection (shared by the kernel and the model side)
# --------------------------------------------------------------------------------------

FIELDS = [
    "frame.number",
    "frame.time_epoch",
    "ip.src",
    "ipv6.src",
    "tcp.srcport",
    "tcp.dstport",
    "tcp.stream",
    "tcp.flags.syn",
    "tcp.flags.ack",
    "tcp.flags.fin",
    "tcp.flags.reset",
    "tcp.len",
    "tcp.seq",
    "tcp.ack",
    "tcp.option_kind",
    "tcp.option_len",
    "tcp.options.tfo.request",
    "tcp.options.tfo.cookie",
]


def dissect(pcap, port=PORT):
    """Packets of a pcap as dicts (tshark -T fields, relative seq/ack)."""
    r = run(
        [
            "tshark",
            "-r",
            pcap,
            "-Y",
            "tcp.port == %d" % port,
            "-o",
            "tcp.relative_sequence_numbers:TRUE",
            "-T",
            "fields",
            "-E",
            "separator=/t",
            "-E",
            "occurrence=a",
            "-E",
            "aggregator=,",
        ]
        + sum([["-e", f] for f in FIELDS], [])
    )
    packets = []
    for line in r.stdout.splitlines():
        v = dict(zip(FIELDS, line.split("\t")))
        kinds = [int(k) for k in v["tcp.option_kind"].split(",") if k != ""]
        lens = [int(x) for x in v["tcp.option_len"].split(",") if x != ""]
        # NOP (1) and EOL (0) carry no length byte: pair the others with the lengths.
        with_len = [k for k in kinds if k not in (0, 1)]
        opts = list(zip(with_len, lens))
        tfo = [(k, n) for k, n in opts if k in (34, 254)]
        flags = "".join(
            c for c, f in (("S", "syn"), ("A", "ack"), ("F", "fin"), ("R", "reset"))
            if v["tcp.flags." + f] in ("1", "True")
        )
        cookie = v["tcp.options.tfo.cookie"].replace(":", "")
        packets.append(
            dict(
                frame=int(v["frame.number"]),
                time=float(v["frame.time_epoch"] or 0),
                src=v["ip.src"] or v["ipv6.src"],
                dir="C>S" if int(v["tcp.dstport"]) == port else "S>C",
                stream=int(v["tcp.stream"]),
                flags=flags,
                len=int(v["tcp.len"] or 0),
                seq=int(v["tcp.seq"] or 0),
                ack=int(v["tcp.ack"] or 0) if "A" in flags else 0,
                tfo_kind=tfo[0][0] if tfo else None,
                tfo_len=tfo[0][1] if tfo else None,
                request=v["tcp.options.tfo.request"] != "",
                cookie=cookie or None,
            )
        )
    return packets


def tfo_text(p):
    if p["tfo_kind"] is None:
        return "-"
    what = "R" if p["request"] or p["tfo_len"] in (2, 4) and not p["cookie"] else "C"
    return "%d/%d/%s" % (p["tfo_kind"], p["tfo_len"], what)


def window(packets):
    """Per connection (in SYN order), its packets in each direction, from the SYN
    (or SYN-ACK) to the end of the capture: the whole connection, teardown
    included. Direction by direction, so that the capture point (and so the
    interleaving of the two directions, which depends on delays) does not matter.
    """
    streams = {}
    order = []
    for p in packets:
        if p["stream"] not in streams:
            streams[p["stream"]] = []
            order.append(p["stream"])
        streams[p["stream"]].append(p)
    conns = []
    for s in order:
        pk = streams[s]
        if not pk or pk[0]["flags"] != "S":
            continue  # not a connection we saw open
        conns.append({d: [p for p in pk if p["dir"] == d] for d in ("C>S", "S>C")})
    return conns


def sender_view(client_pk, server_pk):
    """Connections with what each side sent as its own capture shows it: C>S from
    the client's capture, S>C from the server's."""
    wc, ws = window(client_pk), window(server_pk)
    return [{"C>S": wc[i]["C>S"] if i < len(wc) else [],
             "S>C": ws[i]["S>C"] if i < len(ws) else []}
            for i in range(max(len(wc), len(ws)))]


def row(p):
    return (
        p["dir"],
        p["flags"],
        p["len"],
        p["seq"],
        p["ack"],
        tfo_text(p),
        p["cookie"] or "-",
    )


HEAD = ("dir", "flags", "len", "seq", "ack", "TFO kind/len/R|C", "cookie")


def table(rows, head=HEAD):
    rows = [tuple(str(x) for x in r) + ("",) * (len(head) - len(r)) for r in rows]
    w = [max(len(str(h)), *(len(r[i]) for r in rows)) if rows else len(h) for i, h in enumerate(head)]
    line = lambda r: "  ".join(str(x).ljust(w[i]) for i, x in enumerate(r)).rstrip()
    return "\n".join([line(head), line(["-" * n for n in w])] + [line(r) for r in rows])


def cookie_consistency(packets):
    """Problems with the cookies inside one capture: a SYN's cookie must be the last
    one a SYN-ACK issued (to this client)."""
    problems = []
    issued = None
    for p in packets:
        if p["flags"] == "SA" and p["cookie"]:
            issued = p["cookie"]
        elif p["flags"] == "S" and p["cookie"] and p["cookie"] != issued:
            problems.append(
                "frame %d: SYN carries cookie %s, the last issued was %s"
                % (p["frame"], p["cookie"], issued)
            )
    return problems


def fin_ack_race(k, m):
    """Linux's TFO child has no delayed-ACK timeout yet (tcp_fastopen_add_skb does
    not start the engine: ato 0), so the ACK of the client's FIN leaves at the
    next timer tick unless the application's close() comes first. Returns the
    kernel's S>C rows without such a pure ACK when it is directly followed by the
    FIN|ACK that acknowledges the same, and the model sends only the FIN|ACK."""
    for j in range(len(k) - 1):
        a, f = k[j], k[j + 1]
        if (a[1] == "A" and a[2] == 0 and f[1] == "AF" and a[4] == f[4] and a[3] == f[3]
                and len(k) == len(m) + 1 and k[:j] + k[j + 1:] == m):
            return k[:j] + k[j + 1:]
    return k


def compare(kw, mw, out, notes=None):
    """Write both connection lists (window / sender_view) side by side; return the
    list of differences. Known kernel timing races (fin_ack_race) go to notes."""
    diffs = []
    if len(kw) != len(mw):
        diffs.append("connections: kernel %d, model %d" % (len(kw), len(mw)))
    for i in range(max(len(kw), len(mw))):
        for d in ("C>S", "S>C"):
            k = [row(p) for p in kw[i][d]] if i < len(kw) else []
            m = [row(p) for p in mw[i][d]] if i < len(mw) else []
            if d == "S>C":
                merged = fin_ack_race(k, m)
                if merged is not k and notes is not None:
                    notes.append("connection %d S>C: the kernel's ACK of the client's FIN "
                                 "left at a timer tick before the application's close "
                                 "(FIN|ACK); the model's application closes at once" % i)
                k = merged
            rows = []
            for j in range(max(len(k), len(m))):
                kr = k[j] if j < len(k) else ("",) * 7
                mr = m[j] if j < len(m) else ("",) * 7
                # The cookie value itself is compared (both hash the same key and
                # addresses); every other column too.
                mark = "" if kr == mr else "  <== DIFF"
                if mark and (j >= len(k) or j >= len(m)):
                    who, extra = ("kernel", m[j]) if j >= len(k) else ("model", k[j])
                    other = "model" if who == "kernel" else "kernel"
                    diffs.append("connection %d %s packet %d: the %s sends no such packet, the %s "
                                 "sends flags=%s len=%s seq=%s ack=%s TFO=%s"
                                 % (i, d, j + 1, who, other, *extra[1:6]))
                elif mark:
                    cols = [
                        HEAD[c] + " kernel=" + str(kr[c]) + " model=" + str(mr[c])
                        for c in range(7)
                        if kr[c] != mr[c]
                    ]
                    diffs.append("connection %d %s packet %d: %s" % (i, d, j + 1, "; ".join(cols)))
                rows.append(("k",) + kr)
                rows.append(("m",) + mr + (mark,))
            out.append("connection %d, %s:" % (i, d))
            out.append(table(rows, ("",) + HEAD + ("",)))
            out.append("")
    for who, conns in (("kernel", kw), ("model", mw)):
        pk = sorted((p for c in conns for d in ("C>S", "S>C") for p in c[d]),
                    key=lambda p: (p["time"], p["dir"] == "C>S"))
        for pbl in cookie_consistency(pk):
            diffs.append("%s: %s" % (who, pbl))
    return diffs


def parse_nstat(text):
    """{counter: value} from `nstat -az` / the example's counter lines."""
    values = {}
    for line in text.splitlines():
        m = re.match(r"\s*TcpExt(TCPFastOpen\w+)\s+(\d+)", line)
        if m:
            values[m.group(1)] = int(m.group(2))
    return values


# --------------------------------------------------------------------------------------
# Kernel side
# --------------------------------------------------------------------------------------


class Namespaces:
    """Two private network namespaces joined by a veth pair (MTU 1500)."""

    def __init__(self, family):
        tag = "%d" % os.getpid()
        self.client = "tfov-c-" + tag
        self.server = "tfov-s-" + tag
        self.family = family
        self.created = []

    def __enter__(self):
        try:
            for ns in (self.client, self.server):
                run(["ip", "netns", "add", ns])
                self.created.append(ns)
            run(["ip", "-n", self.client, "link", "add", "name", "vc", "mtu", "1500",
                 "type", "veth", "peer", "name", "vs", "mtu", "1500"])
            run(["ip", "-n", self.client, "link", "set", "dev", "vs", "netns", self.server])
            c, s, plen = ADDR[self.family]
            for ns, dev, addr in ((self.client, "vc", c), (self.server, "vs", s)):
                self.ex(ns, ["ip", "link", "set", "dev", "lo", "up"])
                extra = ["nodad"] if self.family == 6 else []
                self.ex(ns, ["ip", "addr", "add", "%s/%d" % (addr, plen), "dev", dev] + extra)
                self.ex(ns, ["ip", "link", "set", "dev", dev, "up"])
            return self
        except Exception:
            self.__exit__(None, None, None)
            raise

    def __exit__(self, *exc):
        for ns in reversed(self.created):
            subprocess.run(["ip", "netns", "del", ns], capture_output=True)
        self.created = []
        return False

    def ex(self, ns, cmd, **kw):
        return run(["ip", "netns", "exec", ns] + cmd, **kw)

    def popen(self, ns, cmd, **kw):
        return subprocess.Popen(["ip", "netns", "exec", ns] + cmd, text=True, **kw)

    def sysctl(self, ns, name, value):
        self.ex(ns, ["sysctl", "-q", "-w", "%s=%s" % (name, value)])

    def nstat(self, ns, histdir):
        env = dict(os.environ, NSTAT_HISTORY=os.path.join(histdir, "nstat." + ns))
        r = self.ex(ns, ["nstat", "-azs"], env=env)
        return parse_nstat(r.stdout)


TCPI_OPT_SYN_DATA = 32  # linux/tcp.h: SYN data acked (active) / accepted (passive)


def tcp_info(s):
    """(tcpi_options, tcpi_fastopen_client_fail) of a TCP socket (linux/tcp.h)."""
    info = s.getsockopt(socket.IPPROTO_TCP, socket.TCP_INFO, 8)
    return info[5], (info[7] >> 1) & 3


def client_connection(af, addr, req, resp, api, port=0):
    """One request/response connection with sendto(MSG_FASTOPEN) (api "sendto") or
    TCP_FASTOPEN_CONNECT (api "connect"); returns (socket, response bytes)."""
    # The request as RequestResponseClient builds it: lengths, then filler.
    data = req.to_bytes(4, "big") + resp.to_bytes(4, "big") + b"q" * (req - 8)
    s = socket.socket(af, socket.SOCK_STREAM)
    if port:
        s.bind(("", port))
    if api == "connect":
        # TCP_FASTOPEN_CONNECT (30, linux/tcp.h): connect() returns at once when
        # a cookie is cached and the SYN leaves with the first write.
        s.setsockopt(socket.IPPROTO_TCP, getattr(socket, "TCP_FASTOPEN_CONNECT", 30), 1)
        s.connect((addr, PORT))
        s.sendall(data)
    else:
        s.sendto(data, socket.MSG_FASTOPEN, (addr, PORT))
    got = 0
    while got < resp:
        d = s.recv(65536)
        if not d:
            break
        got += len(d)
    return s, got


def peer_main(argv):
    """The kernel-side applications (run inside a namespace by this script).

    server FAMILY ADDR QLEN REQ RESP [BACKLOG [report]]: listen(BACKLOG, default
        128) with TCP_FASTOPEN=QLEN, answer each connection's REQ bytes with RESP
        bytes, close when the client closes. With "report", print one line per
        connection: CONN <peer> syn_data=<0|1> bytes=<request bytes read>, where
        syn_data is TCP_INFO's TCPI_OPT_SYN_DATA (the request came in the SYN).
    client FAMILY ADDR REQ RESP HOLD [API [PORT]]: one connection with
        sendto(MSG_FASTOPEN) (API "connect": TCP_FASTOPEN_CONNECT), from PORT if
        not 0; after the response, if HOLD, print HELD and wait for a line on stdin.
    clients FAMILY ADDR REQ RESP: one connection per line read on stdin ("sendto"
        or "connect" as above; "quit" or end of input ends), each answered with
        DONE api=<api> bytes=<response bytes> syn_data_acked=<0|1> fail=<n>
        (TCP_INFO's TCPI_OPT_SYN_DATA and tcpi_fastopen_client_fail).
    """
    role, family, addr = argv[0], int(argv[1]), argv[2]
    af = socket.AF_INET if family == 4 else socket.AF_INET6
    if role == "server":
        qlen, req, resp = int(argv[3]), int(argv[4]), int(argv[5])
        backlog = int(argv[6]) if len(argv) > 6 else 128
        report = len(argv) > 7 and argv[7] == "report"
        lock = threading.Lock()
        ls = socket.socket(af, socket.SOCK_STREAM)
        ls.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        ls.setsockopt(socket.IPPROTO_TCP, socket.TCP_FASTOPEN, qlen)
        ls.bind((addr, PORT))
        ls.listen(backlog)
        print("READY", flush=True)

        def serve(c, peer):
            syn_data = (tcp_info(c)[0] & TCPI_OPT_SYN_DATA) != 0
            got = 0
            try:
                while got < req:
                    d = c.recv(65536)
                    if not d:
                        break
                    got += len(d)
                if report:
                    with lock:
                        print("CONN %s:%d syn_data=%d bytes=%d"
                              % (peer[0], peer[1], syn_data, got), flush=True)
                c.sendall(b"r" * resp)
                while c.recv(65536):
                    pass
            except OSError:
                pass  # reset by the peer (a SYN-flood bot answers with RST)
            c.close()

        while True:
            c, peer = ls.accept()
            threading.Thread(target=serve, args=(c, peer), daemon=True).start()
    elif role == "clients":
        req, resp = int(argv[3]), int(argv[4])
        for line in sys.stdin:
            api = line.strip()
            if api == "quit":
                break
            s, got = client_connection(af, addr, req, resp, api)
            options, fail = tcp_info(s)
            s.close()
            print("DONE api=%s bytes=%d syn_data_acked=%d fail=%d"
                  % (api, got, (options & TCPI_OPT_SYN_DATA) != 0, fail), flush=True)
    else:
        req, resp, hold = int(argv[3]), int(argv[4]), argv[5] == "1"
        s, got = client_connection(af, addr, req, resp, argv[6] if len(argv) > 6 else "sendto",
                                   int(argv[7]) if len(argv) > 7 else 0)
        if hold:
            print("HELD", flush=True)
            sys.stdin.readline()
        s.close()
        print("DONE %d" % got, flush=True)


STALL_PORT = 45678  # the stalled connection's client port (case c)
NFT_STALL = """table inet tfov {
  chain out {
    type filter hook output priority 0; policy accept;
    # the stalled connection's pure ACKs (no SYN/FIN/RST, no payload: 20 B IP +
    # 32 B TCP with timestamps)
    tcp sport %d tcp dport %d tcp flags == ack ip length <= 52 drop
  }
}
""" % (STALL_PORT, PORT)

# A lost SYN or SYN-ACK: dropped at the receiver's input hook, after the sender's
# capture (and the receiver's packet tap). Only the SYN with data (its
# retransmission carries none); the quota lets the first SYN-ACK match and not its
# retransmission (a SYN-ACK is ~60 B).
NFT_DROP = {
    "syn": ("server", """table inet tfov {
  chain in {
    type filter hook input priority 0; policy accept;
    tcp dport %d tcp flags == syn ip length > 100 drop
  }
}
""" % PORT),
    "synack": ("client", """table inet tfov {
  chain in {
    type filter hook input priority 0; policy accept;
    tcp sport %d tcp flags == syn|ack quota until 100 bytes drop
  }
}
""" % PORT),
}


def start_capture(ns, where, dev, pcap, errpath):
    """tshark on one end of the veth; returns (process, its stderr file)."""
    err = open(errpath, "w+")
    cap = ns.popen(where, ["tshark", "-i", dev, "-f", "tcp port %d" % PORT, "-w", pcap, "-q"],
                   stdout=subprocess.DEVNULL, stderr=err)
    deadline = time.time() + 20
    while True:
        err.seek(0)
        if "Capturing on" in err.read():
            return cap, err
        if cap.poll() is not None or time.time() > deadline:
            err.seek(0)
            text = err.read()
            cap.kill()
            err.close()
            raise RuntimeError("tshark did not start: " + text)
        time.sleep(0.05)


def kernel_run(case, workdir):
    """Run a case between namespaces; return ({client,server: pcap},
    counters{client,server}, keys)."""
    cfg = CASES[case]
    fam = cfg["family"]
    me = os.path.abspath(__file__)
    pcaps = {side: os.path.join(workdir, "kernel-%s-%s.pcap" % (case, side))
             for side in ("client", "server")}
    with Namespaces(fam) as ns:
        ns.sysctl(ns.client, "net.ipv4.tcp_fastopen", "0x1")
        ns.sysctl(ns.server, "net.ipv4.tcp_fastopen", "0x2")
        ns.sysctl(ns.server, "net.ipv4.tcp_fastopen_key", KEY1)
        # Capture at both ends of the veth: what each side sent (and received;
        # case c's dropped ACKs never leave the client).
        caps = []
        server = None
        try:
            for side, where, dev in (("client", ns.client, "vc"), ("server", ns.server, "vs")):
                caps.append(start_capture(ns, where, dev, pcaps[side],
                                          os.path.join(workdir, "tshark-%s-%s.err" % (case, side))))
            c_addr, s_addr, _ = ADDR[fam]
            server = ns.popen(ns.server, [sys.executable, me, "_peer", "server", str(fam), s_addr,
                                          str(cfg["qlen"]), str(cfg["request"]),
                                          str(cfg["response"])],
                              stdout=subprocess.PIPE)
            if server.stdout.readline().strip() != "READY":
                raise RuntimeError("kernel-side server did not start")
            keys = [KEY1]
            held = None
            for i in range(cfg["connections"]):
                if cfg.get("rekey_before") == i:
                    ns.sysctl(ns.server, "net.ipv4.tcp_fastopen_key", KEY2)
                    keys.append(KEY2)
                drop = cfg.get("drop")
                if drop and drop[1] == i:
                    side, rules = NFT_DROP[drop[0]]
                    nft = os.path.join(workdir, "drop.nft")
                    with open(nft, "w") as f:
                        f.write(rules)
                    ns.ex(ns.client if side == "client" else ns.server, ["nft", "-f", nft])
                stall = cfg.get("stall") == i
                if stall:
                    nft = os.path.join(workdir, "stall.nft")
                    with open(nft, "w") as f:
                        f.write(NFT_STALL)
                    ns.ex(ns.client, ["nft", "-f", nft])
                cl = ns.popen(ns.client, [sys.executable, me, "_peer", "client", str(fam), s_addr,
                                          str(cfg["request"]), str(cfg["response"]),
                                          "1" if stall else "0", cfg.get("api", "sendto"),
                                          str(STALL_PORT if stall else 0)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE)
                line = cl.stdout.readline().strip()
                if stall:
                    if line != "HELD":
                        raise RuntimeError("stalled client: " + line)
                    held = cl
                else:
                    cl.wait(timeout=30)
                    if not line.startswith("DONE"):
                        raise RuntimeError("client %d: %r" % (i, line))
                    if drop and drop[1] == i:
                        ns.ex(ns.client if NFT_DROP[drop[0]][0] == "client" else ns.server,
                              ["nft", "delete", "table", "inet", "tfov"])
                    if held is not None:
                        ns.ex(ns.client, ["nft", "delete", "table", "inet", "tfov"])
                        held.stdin.write("\n")
                        held.stdin.flush()
                        held.wait(timeout=30)
                        held = None
                time.sleep(GAP)
            time.sleep(0.5)
            counters = {
                "client": ns.nstat(ns.client, workdir),
                "server": ns.nstat(ns.server, workdir),
            }
        finally:
            for p, is_cap in [(server, False)] + [(c, True) for c, _ in caps]:
                if p is not None and p.poll() is None:
                    p.send_signal(signal.SIGINT if is_cap else signal.SIGTERM)
                    try:
                        p.wait(timeout=10)
                    except subprocess.TimeoutExpired:
                        p.kill()
                        p.wait()
            for _, err in caps:
                err.close()
    return pcaps, counters, keys


# --------------------------------------------------------------------------------------
# Model side
# --------------------------------------------------------------------------------------


def example_options(example):
    r = run([example, "--PrintHelp"], check=False)
    return set(re.findall(r"--(\w+):", r.stdout + r.stderr))


def model_run(case, example, workdir):
    cfg = CASES[case]
    missing = [o for o in cfg["needs"] if o not in example_options(example)]
    if missing:
        raise Skip(
            "tcp-fast-open-example has no option %s (needed for case %s)"
            % (", ".join("--" + o for o in missing), case)
        )
    prefix = os.path.join(workdir, "model-%s" % case)
    # rekeyAt: between the end of the first connection (~1.0 s) and the start of the
    # second (1 s + GAP).
    opts = [o.replace("__REKEY_AT__", "%gs" % (1.0 + GAP / 2)) for o in cfg["model"]]
    cmd = [
        example,
        "--connections=%d" % cfg["connections"],
        "--requestSize=%d" % cfg["request"],
        "--responseSize=%d" % cfg["response"],
        "--linuxDefaults=1",
        "--delay=50us",  # veth: no delay; the example refuses 0
        "--gap=%g" % GAP,
        "--key=" + KEY1,
        "--pcap=" + prefix,
    ] + opts
    r = run(cmd, check=False)
    with open(prefix + ".out", "w") as f:
        f.write(" ".join(cmd) + "\n" + r.stdout + r.stderr)
    found = {}
    for side, node in (("client", 0), ("server", 1)):
        names = sorted(p for p in os.listdir(workdir) if p.startswith("model-%s-%d-" % (case, node)))
        if not names:
            raise RuntimeError("the example wrote no %s pcap (%s)\n%s%s"
                               % (side, cmd, r.stdout, r.stderr))
        found[side] = os.path.join(workdir, names[0])
    text = r.stdout
    cpart, _, spart = text.partition("server counters")
    counters = {"client": parse_nstat(cpart), "server": parse_nstat(spart)}
    return found, counters, r.returncode, cmd


# --------------------------------------------------------------------------------------
# Checks
# --------------------------------------------------------------------------------------


def require_kernel_env():
    if os.geteuid() != 0:
        raise Skip("not root: network namespaces need CAP_SYS_ADMIN")
    for tool in ("tshark", "ip", "nstat"):
        if shutil.which(tool) is None:
            raise Skip("%s is not installed" % tool)
    if subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode != 0:
        raise Skip("cannot create a network namespace (unshare -n fails)")


def cookie_tool(tool, key, client, server):
    r = run([tool, "--key=" + key, "--client=" + client, "--server=" + server])
    m = re.search(r"^cookie ([0-9a-f]+)", r.stdout, re.M)
    return m.group(1) if m else None


def connections(cfg, side_packets):
    """The compared connections of one run: what each side sent from its own
    capture; case c (the kernel drops the client's pure ACKs before its capture,
    the model at the server's device) from the server's capture only."""
    if cfg.get("stall") is not None:
        return window(side_packets["server"])
    return sender_view(side_packets["client"], side_packets["server"])


def check_kernel(args):
    require_kernel_env()
    case = args.case
    cfg = CASES[case]
    if (cfg.get("stall") is not None or cfg.get("drop")) and shutil.which("nft") is None:
        raise Skip("nft is not installed (case %s drops packets with nftables)" % case)
    workdir = args.workdir or tempfile.mkdtemp(prefix="tfo-val-%s-" % case)
    os.makedirs(workdir, exist_ok=True)
    t0 = time.time()
    kpcaps, kcount, keys = kernel_run(case, workdir)
    kside = {side: dissect(path) for side, path in kpcaps.items()}
    kpk = kside["server"]
    log("case %s (%s): kernel run %.1f s, %d packets in %s" % (case, cfg["doc"], time.time() - t0,
                                                                 len(kpk), kpcaps["server"]))
    problems = []
    # Cookies the kernel issued, against the module's calculator.
    c_addr, s_addr, _ = ADDR[cfg["family"]]
    if args.cookie_tool:
        issued = [p["cookie"] for p in kpk if p["flags"] == "SA" and p["cookie"]]
        expected = {cookie_tool(args.cookie_tool, k, c_addr, s_addr): k for k in keys}
        for c in issued:
            if c not in expected:
                problems.append("kernel issued cookie %s; tcp-fast-open-cookie gives %s"
                                % (c, ", ".join("%s for key %s" % (x, k)
                                                for x, k in expected.items())))
            else:
                log("  kernel cookie %s == tcp-fast-open-cookie --key=%s --client=%s --server=%s"
                    % (c, expected[c], c_addr, s_addr))
    try:
        mpcap, mcount, mrc, cmd = model_run(case, args.example, workdir)
    except Skip as e:
        log("kernel side only (the model side cannot run yet):")
        out = []
        for i, conn in enumerate(connections(cfg, kside)):
            for d in ("C>S", "S>C"):
                out.append("connection %d, %s:" % (i, d))
                out.append(table([row(p) for p in conn[d]]))
        log("\n".join(out))
        log("kernel counters: %s" % json.dumps(kcount))
        for p in problems:
            log("DIFF: " + p)
        raise
    mside = {side: dissect(path) for side, path in mpcap.items()}
    log("model: %s (exit %d), %d packets" % (" ".join(cmd), mrc, len(mside["server"])))
    out = []
    notes = []
    problems += compare(connections(cfg, kside), connections(cfg, mside), out, notes)
    log("\n".join(out))
    for n in notes:
        log("NOTE: " + n)
    crow = []
    for side in ("client", "server"):
        for name in COUNTERS:
            k, m = kcount[side].get(name), mcount[side].get(name)
            crow.append((side, "TcpExt" + name, k, m, "" if k == m else "<== DIFF"))
            if k != m:
                problems.append("%s counter TcpExt%s: kernel %s, model %s" % (side, name, k, m))
    log(table(crow, ("node", "counter", "kernel", "model", "")))
    if mrc != 0:
        problems.append("tcp-fast-open-example exited with %d (a transaction failed)" % mrc)
    log("")
    if problems:
        log("FAIL: case %s: %d difference(s) between the kernel and the model:" % (case, len(problems)))
        for p in problems:
            log("  - " + p)
        log("(pcaps and outputs in %s)" % workdir)
        return 1
    log("PASS: case %s: kernel and model agree (%.1f s)" % (case, time.time() - t0))
    if not args.workdir:
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


def check_cookie(args):
    """IPv4 and IPv6 cookies the kernel issues, against tcp-fast-open-cookie."""
    require_kernel_env()
    problems = []
    workdir = args.workdir or tempfile.mkdtemp(prefix="tfo-val-cookie-")
    os.makedirs(workdir, exist_ok=True)
    rows = []
    for case in ("a", "a6", "b"):
        # (b runs KEY1 and KEY2; the kernel side does not need the model option.)
        cfg = CASES[case]
        pcaps, _, keys = kernel_run(case, workdir)
        issued = []
        for p in dissect(pcaps["server"]):
            if p["flags"] == "SA" and p["cookie"] and p["cookie"] not in issued:
                issued.append(p["cookie"])
        c_addr, s_addr, _ = ADDR[cfg["family"]]
        if len(issued) != len(keys):
            problems.append("case %s: kernel issued %s for keys %s" % (case, issued, keys))
        for key, kc in zip(keys, issued):
            mc = cookie_tool(args.cookie_tool, key, c_addr, s_addr)
            rows.append((key, c_addr, s_addr, kc, mc, "" if kc == mc else "<== DIFF"))
            if kc != mc:
                problems.append("key %s %s -> %s: kernel %s, tcp-fast-open-cookie %s"
                                % (key, c_addr, s_addr, kc, mc))
    log(table(rows, ("key", "client", "server", "kernel cookie", "tcp-fast-open-cookie", "")))
    if problems:
        for p in problems:
            log("FAIL: " + p)
        return 1
    shutil.rmtree(workdir, ignore_errors=True) if not args.workdir else None
    log("PASS: %d kernel cookies reproduced bit for bit" % len(rows))
    return 0


def check_wireshark(args):
    if shutil.which("tshark") is None:
        raise Skip("tshark is not installed")
    workdir = args.workdir or tempfile.mkdtemp(prefix="tfo-val-ws-")
    os.makedirs(workdir, exist_ok=True)
    problems = []
    rows = []
    runs = [
        ("v4-sendto", []),
        ("v6-sendto", ["--ipv6=1"]),
        ("v4-connect", ["--api=connect"]),
        ("v6-connect", ["--ipv6=1", "--api=connect"]),
    ]
    opts = example_options(args.example)
    if "rekey" in opts and "rekeyAt" in opts:
        runs.append(("v4-rekey", ["--rekey=" + KEY2, "--rekeyAt=1.5s"]))
    for name, extra in runs:
        prefix = os.path.join(workdir, name)
        cmd = [args.example, "--connections=3", "--pcap=" + prefix, "--key=" + KEY1] + extra
        r = run(cmd, check=False)
        if r.returncode != 0:
            problems.append("%s: example exited with %d: %s" % (" ".join(cmd), r.returncode, r.stderr))
        pcaps = sorted(os.path.join(workdir, p) for p in os.listdir(workdir)
                       if p.startswith(name + "-") and p.endswith(".pcap"))
        if not pcaps:
            problems.append("%s wrote no pcap" % " ".join(cmd))
        for pcap in pcaps:
            pk = dissect(pcap)
            # A packet with option kind 34 (or 254) must be dissected as TFO.
            syn_req = syn_cookie = synack_cookie = 0
            for p in pk:
                if p["tfo_kind"] is not None and not (p["request"] or p["cookie"]):
                    problems.append("%s frame %d: TFO option not dissected as request/cookie"
                                    % (pcap, p["frame"]))
                if p["flags"] == "S" and p["request"]:
                    syn_req += 1
                if p["flags"] == "S" and p["cookie"]:
                    syn_cookie += 1
                if p["flags"] == "SA" and p["cookie"]:
                    synack_cookie += 1
            if syn_req < 1 or syn_cookie < 1 or synack_cookie < 1:
                problems.append("%s: expected a cookie request, a SYN cookie and a SYN-ACK "
                                "cookie, got %d/%d/%d" % (pcap, syn_req, syn_cookie, synack_cookie))
            bad = run(["tshark", "-r", pcap, "-Y",
                       "_ws.malformed || _ws.expert.severity >= error"]).stdout.strip()
            if bad:
                problems.append("%s: malformed or error-level packets:\n%s" % (pcap, bad))
            rows.append((os.path.basename(pcap), len(pk), syn_req, syn_cookie, synack_cookie,
                         len(bad.splitlines()) if bad else 0))
    log(table(rows, ("pcap", "tcp packets", "SYN TFO=R", "SYN TFO=C", "SYN-ACK TFO=C",
                     "malformed/error")))
    if problems:
        for p in problems:
            log("FAIL: " + p)
        log("(pcaps in %s)" % workdir)
        return 1
    shutil.rmtree(workdir, ignore_errors=True) if not args.workdir else None
    log("PASS: every TFO option dissected, no malformed or error-level packet")
    return 0


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "_peer":
        return peer_main(sys.argv[2:])
    # ctest's timeout (and ^C) must still tear the namespaces down: turn SIGTERM and
    # SIGHUP into an exception so that the with/finally blocks run.
    def _terminate(signum, frame):
        raise SystemExit(128 + signum)

    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, _terminate)
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--example", help="path of tcp-fast-open-example")
    ap.add_argument("--cookie-tool", help="path of tcp-fast-open-cookie")
    ap.add_argument("--workdir", help="keep pcaps and outputs here (default: a temporary "
                    "directory, deleted on success)")
    sub = ap.add_subparsers(dest="check", required=True)
    k = sub.add_parser("kernel")
    k.add_argument("case", choices=sorted(CASES))
    sub.add_parser("cookie")
    sub.add_parser("wireshark")
    args = ap.parse_args()
    try:
        if args.check == "kernel":
            return check_kernel(args)
        if args.check == "cookie":
            return check_cookie(args)
        return check_wireshark(args)
    except Skip as e:
        log("SKIP: %s" % e)
        return SKIP


if __name__ == "__main__":
    sys.exit(main())
