#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""ctest checks of tcp-fast-open-emulation: simulated TFO hosts against the real
Linux kernel through a TAP device in a namespace the example creates (issue 21).

    tfo_emulation_test.py --example PATH CASE

CASE is one of
  client, client6        simulated clients, kernel server: cookie request, then SYN
                         data the kernel's server reads from the SYN
  server, server6        kernel clients (sendto(MSG_FASTOPEN) and TCP_FASTOPEN_CONNECT),
                         simulated server: the kernel caches the module's cookie
  client-rekey           the kernel's key rotated (backup key), then replaced (invalid cookie)
  server-rekey           the simulated server's key, likewise
  flood                  attacker + legitimate clients against the kernel, SYN cookies on
  flood-nocookies        the same with net.ipv4.tcp_syncookies=0
  flood-tfo              a bot's SYN data with its own valid cookie (pending-TFO limit),
                         then forged cookies from spoofed sources (invalid cookies)
  errors                 exit status 2 and a message: bad mode, flood over IPv6, an existing
                         namespace (left alone), not root, no /dev/net/tun
  signal                 SIGINT / SIGTERM in the middle of a run remove the namespace and
                         its TAP device

Exit status: 0 pass, 1 fail, 77 skipped (not root, no /dev/net/tun, no namespaces).
"""

import argparse
import os
import re
import shutil
import signal
import subprocess
import sys
import time

SKIP = 77


class Fail(Exception):
    """A check failed (message says which)."""


def skip_reason():
    if os.geteuid() != 0:
        return "not root: the emulation needs a network namespace and a TAP device"
    try:
        os.close(os.open("/dev/net/tun", os.O_RDWR))
    except OSError as e:
        return "cannot open /dev/net/tun: %s" % e
    if shutil.which("ip") is None:
        return "iproute2 (ip) is not installed"
    if subprocess.run(["unshare", "-n", "true"], capture_output=True).returncode != 0:
        return "cannot create a network namespace (unshare -n fails)"
    return None


def run(example, args, timeout=120, pre=()):
    cmd = list(pre) + [example] + args
    print("$ " + " ".join(cmd), flush=True)
    r = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout)
    print(r.stdout + r.stderr, flush=True)
    return r


def parse(text):
    """What the example printed: counters {name: (kernel, model)}, kernel report
    lines as dicts, transactions as dicts, flood rows {label: (kernel, simulated)}."""
    counters, reports, transactions, flood = {}, [], [], {}
    for line in text.splitlines():
        m = re.match(r"^TcpExt(\w+)\s+(\S+)\s+(\S+)$", line)
        if m:
            counters[m.group(1)] = tuple(int(x) if x != "-" else None for x in m.group(2, 3))
            continue
        m = re.match(r"^\s+(CONN|DONE) (.*)$", line)
        if m:
            fields = dict(kv.split("=", 1) for kv in m.group(2).split() if "=" in kv)
            fields["kind"] = m.group(1)
            reports.append(fields)
            continue
        m = re.match(r"^\s+transaction (\d+) (.*)$", line)
        if m:
            transactions.append(dict(kv.split("=", 1) for kv in m.group(2).split()))
            continue
        m = re.match(r"^(attack SYNs sent|attack connections with SYN data|legitimate [a-z ()<=0-9]+?)\s+([\d.]+)\s+([\d.]+)$", line)
        if m:
            flood[m.group(1)] = (float(m.group(2)), float(m.group(3)))
    return counters, reports, transactions, flood


def expect(what, got, want):
    if got != want:
        raise Fail("%s: got %s, expected %s" % (what, got, want))
    print("ok: %s = %s" % (what, got), flush=True)


def expect_true(what, cond):
    if not cond:
        raise Fail(what)
    print("ok: " + what, flush=True)


def check_counters(counters, kernel, model):
    for name, value in kernel.items():
        expect("kernel TcpExt" + name, counters.get(name, (None, None))[0], value)
    for name, value in model.items():
        expect("model TcpExt" + name, counters.get(name, (None, None))[1], value)


def case_client(example, extra, rekey=False):
    args = ["--mode=client-rekey" if rekey else "--mode=client"] + extra
    r = run(example, args)
    expect("exit status", r.returncode, 0)
    counters, reports, transactions, _ = parse(r.stdout)
    # The kernel's server: did the request arrive in the SYN (TCPI_OPT_SYN_DATA)?
    want = ["0", "1", "1", "0", "1"] if rekey else ["0", "1", "1", "1"]
    expect("kernel server: request in the SYN, per connection",
           [c["syn_data"] for c in reports if c["kind"] == "CONN"], want)
    expect("kernel server: request bytes read",
           [c["bytes"] for c in reports if c["kind"] == "CONN"], ["500"] * len(want))
    expect("simulated client: SYN data bytes", [t["syn_data"] for t in transactions],
           ["0"] + ["500"] * (len(want) - 1))
    expect("simulated client: SYN data acknowledged by the kernel",
           [t["acked"] for t in transactions], want)
    expect("simulated client: transactions completed",
           [t["completed"] for t in transactions], ["1"] * len(want))
    if rekey:
        check_counters(counters,
                       kernel=dict(TCPFastOpenCookieReqd=1, TCPFastOpenPassive=3,
                                   TCPFastOpenPassiveAltKey=1, TCPFastOpenPassiveFail=1),
                       model=dict(TCPFastOpenActive=3, TCPFastOpenActiveFail=1))
    else:
        check_counters(counters,
                       kernel=dict(TCPFastOpenCookieReqd=1, TCPFastOpenPassive=3,
                                   TCPFastOpenPassiveFail=0),
                       model=dict(TCPFastOpenActive=3, TCPFastOpenActiveFail=0))


def case_server(example, extra, rekey=False):
    args = ["--mode=server-rekey" if rekey else "--mode=server"] + extra
    r = run(example, args)
    expect("exit status", r.returncode, 0)
    counters, reports, _, _ = parse(r.stdout)
    done = [c for c in reports if c["kind"] == "DONE"]
    want = ["0", "1", "1", "0", "1"] if rekey else ["0", "1", "1", "1"]
    expect("kernel clients: APIs", [c["api"] for c in done],
           ["sendto", "connect", "sendto", "connect", "sendto"][: len(want)])
    expect("kernel clients: SYN data acknowledged (TCPI_OPT_SYN_DATA)",
           [c["syn_data_acked"] for c in done], want)
    expect("kernel clients: response bytes", [c["bytes"] for c in done], ["1000"] * len(want))
    # tcpi_fastopen_client_fail: 1 no cookie yet, 2 data not acknowledged.
    expect("kernel clients: tcpi_fastopen_client_fail", [c["fail"] for c in done],
           ["1", "0", "0", "2", "0"] if rekey else ["1", "0", "0", "0"])
    if rekey:
        check_counters(counters,
                       kernel=dict(TCPFastOpenActive=3, TCPFastOpenActiveFail=1),
                       model=dict(TCPFastOpenCookieReqd=1, TCPFastOpenPassive=3,
                                  TCPFastOpenPassiveAltKey=1, TCPFastOpenPassiveFail=1))
    else:
        check_counters(counters,
                       kernel=dict(TCPFastOpenActive=3, TCPFastOpenActiveFail=0),
                       model=dict(TCPFastOpenCookieReqd=1, TCPFastOpenPassive=3,
                                  TCPFastOpenPassiveFail=0))


def case_flood(example, cookies):
    args = ["--mode=flood", "--rate=300", "--count=1500", "--duration=8",
            "--synCookies=%d" % cookies]
    r = run(example, args)
    expect("exit status", r.returncode, 0)
    counters, _, _, flood = parse(r.stdout)
    syns = flood["attack SYNs sent"]
    expect_true("the attacker sent SYNs, as many as in the simulation (same seed): %s" % (syns,),
                syns[0] > 500 and syns[0] == syns[1])
    attempted = flood["legitimate connections"]
    expect_true("legitimate connections started: %s" % (attempted,),
                attempted[0] > 0 and attempted[0] == attempted[1])
    rate = flood["legitimate success rate"]
    kernel, simulated = counters, counters
    if cookies:
        # The SYN queue (backlog 64) fills; the kernel answers with SYN cookies and
        # every legitimate client gets through, as in the simulation.
        expect_true("kernel: SYN queue full, SYN cookies sent (TCPReqQFullDoCookies %s, "
                    "SyncookiesSent %s)" % (kernel["TCPReqQFullDoCookies"][0],
                                            kernel["SyncookiesSent"][0]),
                    kernel["TCPReqQFullDoCookies"][0] > 0 and kernel["SyncookiesSent"][0] > 0)
        expect_true("kernel: legitimate clients completed with SYN cookies (SyncookiesRecv %s)"
                    % kernel["SyncookiesRecv"][0], kernel["SyncookiesRecv"][0] > 0)
        expect_true("simulation: SYN cookies sent too (%s)" % simulated["SyncookiesSent"][1],
                    simulated["SyncookiesSent"][1] > 0)
        expect("legitimate success rate (kernel, simulated)", rate, (1.0, 1.0))
    else:
        # Without SYN cookies the full queue drops SYNs, legitimate ones included.
        expect_true("kernel: SYNs dropped on a full queue (TCPReqQFullDrop %s)"
                    % kernel["TCPReqQFullDrop"][0], kernel["TCPReqQFullDrop"][0] > 0)
        expect("kernel: no SYN cookies", kernel["SyncookiesSent"][0], 0)
        expect_true("simulation: SYNs dropped too (%s)" % simulated["TCPReqQFullDrop"][1],
                    simulated["TCPReqQFullDrop"][1] > 0)
        expect_true("legitimate success rate below 1 on both (%s)" % (rate,),
                    rate[0] < 1.0 and rate[1] < 1.0)


def case_flood_tfo(example):
    # A bot floods SYN data with its own valid cookie from its own address: the
    # pending-TFO limit (max_qlen 16) caps the Fast Open children on both sides.
    r = run(example, ["--mode=flood", "--attack=bot", "--rate=300", "--count=1500",
                      "--duration=8"])
    expect("exit status", r.returncode, 0)
    counters, _, _, flood = parse(r.stdout)
    data = flood["attack connections with SYN data"]
    expect("simulation: attack connections with SYN data (max_qlen)", data[1], 16)
    expect_true("kernel: at least max_qlen attack connections with SYN data (%d)" % data[0],
                data[0] >= 16)
    expect("kernel: TCPFastOpenPassive = attack connections with SYN data (legitimate SYNs find the limit full)",
           counters["TCPFastOpenPassive"][0], data[0])
    expect_true("pending-TFO limit hit on both (TCPFastOpenListenOverflow %s)"
                % (counters["TCPFastOpenListenOverflow"],),
                min(counters["TCPFastOpenListenOverflow"]) > 0)
    # Forged cookies from spoofed sources: every one that reaches the cookie check
    # fails it; none delivers data.
    r = run(example, ["--mode=flood", "--attack=forged", "--rate=300", "--count=1500",
                      "--duration=8"])
    expect("exit status", r.returncode, 0)
    counters, _, _, flood = parse(r.stdout)
    expect("attack connections with SYN data (kernel, simulated)",
           flood["attack connections with SYN data"], (0.0, 0.0))
    expect_true("invalid cookies counted on both (TCPFastOpenPassiveFail %s)"
                % (counters["TCPFastOpenPassiveFail"],),
                min(counters["TCPFastOpenPassiveFail"]) > 0)
    expect("kernel: no Fast Open child", counters["TCPFastOpenPassive"][0], 0)


def namespaces():
    r = subprocess.run(["ip", "netns", "list"], capture_output=True, text=True)
    return [line.split()[0] for line in r.stdout.splitlines() if line.strip()]


def expect_error(example, args, pattern, pre=()):
    r = run(example, args, timeout=60, pre=pre)
    expect("exit status of %s" % " ".join(args), r.returncode, 2)
    expect_true("message matches %r" % pattern, re.search(pattern, r.stderr) is not None)


def case_errors(example):
    expect_error(example, ["--mode=bogus"], r"--mode: \"bogus\" is not one of")
    expect_error(example, ["--mode=flood", "--ipv6=1"], r"IPv4 only")
    expect_error(example, ["--mode=client-rekey", "--connections=3"], r"at least 5 connections")
    expect_error(example, ["--mode=flood", "--rate=-5"], r"--rate")
    # An existing namespace is refused and left alone.
    taken = "tfoemu-taken-%d" % os.getpid()
    subprocess.run(["ip", "netns", "add", taken], check=True)
    try:
        expect_error(example, ["--mode=client", "--netns=" + taken],
                     r"cannot create network namespace " + taken)
        expect_true("the existing namespace %s is still there" % taken, taken in namespaces())
    finally:
        subprocess.run(["ip", "netns", "del", taken])
    # Not root.
    if shutil.which("setpriv"):
        expect_error(example, ["--mode=client"], r"not root",
                     pre=["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"])
    # No /dev/net/tun: an empty /dev/net in a private mount namespace.
    expect_error(example, ["--mode=client"], r"/dev/net/tun",
                 pre=["unshare", "-m", "sh", "-c", 'mount -t tmpfs none /dev/net && exec "$0" "$@"'])
    left = [n for n in namespaces() if n.startswith("tfoemu-")]
    expect("tfoemu-* namespaces left", left, [])


def case_signal(example):
    for sig in (signal.SIGINT, signal.SIGTERM):
        name = "tfoemu-sig-%d-%d" % (os.getpid(), sig)
        cmd = [example, "--mode=server", "--connections=1000", "--duration=60", "--netns=" + name]
        print("$ " + " ".join(cmd), flush=True)
        p = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        deadline = time.time() + 20
        while name not in namespaces():
            if p.poll() is not None or time.time() > deadline:
                p.kill()
                raise Fail("the example did not create %s (exit %s): %s"
                           % (name, p.returncode, p.stderr.read()))
            time.sleep(0.05)
        time.sleep(2)  # the run is under way: kernel clients connecting
        tap = "tfoe%d" % p.pid
        expect_true("the TAP device %s is inside %s" % (tap, name),
                    subprocess.run(["ip", "-n", name, "link", "show", tap],
                                   capture_output=True).returncode == 0)
        p.send_signal(sig)
        try:
            p.wait(timeout=20)
        except subprocess.TimeoutExpired:
            p.kill()
            raise Fail("the example did not end within 20 s of %s" % sig.name)
        expect("exit status after %s" % sig.name, p.returncode, -sig)
        expect_true("%s removed after %s" % (name, sig.name), name not in namespaces())
        expect_true("no TAP device %s left" % tap,
                    subprocess.run(["ip", "link", "show", tap], capture_output=True).returncode != 0)
        left = subprocess.run(["pgrep", "-f", "tfo_validate.py _peer clients 4 192.0.2.2"],
                              capture_output=True, text=True).stdout.split()
        expect("kernel-side programs left running", left, [])


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--example", required=True, help="path of tcp-fast-open-emulation")
    ap.add_argument("case", choices=["client", "client6", "server", "server6", "client-rekey",
                                     "server-rekey", "flood", "flood-nocookies", "flood-tfo", "errors",
                                     "signal"])
    args = ap.parse_args()
    reason = skip_reason()
    if reason:
        print("SKIP: " + reason)
        return SKIP
    try:
        {
            "client": lambda: case_client(args.example, []),
            "client6": lambda: case_client(args.example, ["--ipv6=1"]),
            "server": lambda: case_server(args.example, []),
            "server6": lambda: case_server(args.example, ["--ipv6=1"]),
            "client-rekey": lambda: case_client(args.example, [], rekey=True),
            "server-rekey": lambda: case_server(args.example, [], rekey=True),
            "flood": lambda: case_flood(args.example, 1),
            "flood-nocookies": lambda: case_flood(args.example, 0),
            "flood-tfo": lambda: case_flood_tfo(args.example),
            "errors": lambda: case_errors(args.example),
            "signal": lambda: case_signal(args.example),
        }[args.case]()
    except (Fail, KeyError, subprocess.TimeoutExpired) as e:
        print("FAIL: %s: %s" % (args.case, e))
        return 1
    print("PASS: %s" % args.case)
    return 0


if __name__ == "__main__":
    sys.exit(main())
