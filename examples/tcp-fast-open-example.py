#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""The TCP Fast Open handshake, connection by connection (Python version of
tcp-fast-open-example.cc: same arguments, same output for the same arguments).

  client ---------- point-to-point, --delay one way ---------- server

The first connection has no cookie: its SYN asks for one. The others put the
request in the SYN with the cached cookie and the server answers before the
handshake completes: one round trip less.

  PYTHONPATH=python python3 examples/tcp-fast-open-example.py --connections=3 --delay=10ms
"""

import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "python"))

from tcp_fast_open import ns  # noqa: E402

PROG = "tcp-fast-open-example.py"
OPTIONS = [  # name, default, help: as the C++ example declares them
    ("delay", "10ms", "One-way delay of the link (e.g. 10ms)"),
    ("dataRate", "100Mbps", "Link data rate (e.g. 100Mbps)"),
    ("connections", "3", "Connections to open, one after the other"),
    ("requestSize", "500", "Request bytes per connection (at least 8)"),
    ("responseSize", "1000", "Response bytes per connection (at least 1)"),
    ("ipv6", "false", "Use IPv6 instead of IPv4"),
    ("linuxDefaults", "true", "Apply the Linux-defaults timing profile"),
    ("pcap", "", "Write pcap files PREFIX-<node>-<device>.pcap"),
    ("key", "", "Server key: sysctl form or 32 hex digits (default: random)"),
    ("api", "sendto", "Client API: sendto (MSG_FASTOPEN) or connect (TCP_FASTOPEN_CONNECT)"),
    ("gap", "1.0", "Seconds between the end of a connection and the next"),
]


def fail(message):
    print("tcp-fast-open-example: " + message, file=sys.stderr)
    sys.exit(2)


def parse_bool(name, text):
    if text.lower() in ("1", "true", "yes", "on", ""):
        return True
    if text.lower() in ("0", "false", "no", "off"):
        return False
    fail("--%s=%s is not a boolean" % (name, text))


def parse_args(argv):
    """The options through ns-3's CommandLine, as ns-3's own Python examples
    parse theirs (--help / --PrintHelp list them); the values stay text here and
    are checked below, as the C++ example checks its."""
    values = {name: ns.cppyy.gbl.std.string(default) for name, default, _ in OPTIONS}
    cmd = ns.CommandLine(__file__)
    for name, _, text in OPTIONS:
        cmd.AddValue["std::string"](name, text, values[name])  # explicit: cppyy 3.1.2 crashes deducing it
    cmd.Parse([PROG] + list(argv))
    return {name: str(value) for name, value in values.items()}


def counters(node):
    """The node's counters as TcpFastOpenHelper::PrintCounters writes them."""
    out = ns.cppyy.gbl.std.ostringstream()
    ns.TcpFastOpenHelper.PrintCounters(node, out, True)
    return str(out.str())


def ms(t):
    """A time in milliseconds with three decimals (as the C++ example)."""
    return "%.3f" % (t.GetSeconds() * 1000)


def build_and_run(args):
    """Build the scenario, run it, return (client app, client node, server node, text)."""
    try:
        connections = int(args["connections"])
        request_size = int(args["requestSize"])
        response_size = int(args["responseSize"])
        gap = float(args["gap"])
    except ValueError as e:
        fail(str(e))
    ipv6 = parse_bool("ipv6", args["ipv6"])
    linux_defaults = parse_bool("linuxDefaults", args["linuxDefaults"])
    delay = ns.Time()
    if not ns.TcpFastOpenArguments.ParseTime(args["delay"], delay):
        fail("--delay=%s is not a non-negative time (e.g. 10ms)" % args["delay"])
    rate = ns.DataRate()
    if not ns.TcpFastOpenArguments.ParseDataRate(args["dataRate"], rate):
        fail("--dataRate=%s is not a data rate (e.g. 100Mbps)" % args["dataRate"])
    if connections == 0:
        fail("--connections must be at least 1")
    if request_size < ns.RequestResponseClient.HEADER_SIZE:
        fail("--requestSize must be at least 8 (the request header)")
    if response_size == 0:
        fail("--responseSize must be at least 1")
    if gap < 0:
        fail("--gap must not be negative")
    # The FastOpenApi attribute's value names (EnumValue is a template from ns-3.41).
    apis = {"sendto": "SendTo", "connect": "FastOpenConnect"}
    if args["api"] not in apis:
        fail("--api=%s: expected sendto or connect" % args["api"])
    key = args["key"]
    if key:
        primary = ns.TcpFastOpenKey()
        backup = ns.cppyy.gbl.std.optional[ns.TcpFastOpenKey]()
        error = ns.cppyy.gbl.std.string()
        if not ns.TcpFastOpenKey.ParseKeyList(key, primary, backup, error):
            fail("--key=%s: %s" % (key, error))

    nodes = ns.NodeContainer()
    nodes.Create(2)
    client = nodes.Get(0)
    server = nodes.Get(1)

    p2p = ns.PointToPointHelper()
    p2p.SetDeviceAttribute("DataRate", ns.DataRateValue(rate))
    p2p.SetChannelAttribute("Delay", ns.TimeValue(delay))
    devices = p2p.Install(nodes)

    internet = ns.InternetStackHelper()
    internet.Install(nodes)
    port = 8080
    if ipv6:
        addresses = ns.Ipv6AddressHelper()
        addresses.SetBase(ns.Ipv6Address("2001:db8::"), ns.Ipv6Prefix(64))
        interfaces = addresses.Assign(devices)
        interfaces.SetForwarding(0, True)
        server_address = ns.Address(ns.Inet6SocketAddress(interfaces.GetAddress(1, 1), port))
        local = ns.Address(ns.Inet6SocketAddress(ns.Ipv6Address.GetAny(), port))
    else:
        addresses = ns.Ipv4AddressHelper()
        addresses.SetBase(ns.Ipv4Address("10.0.0.0"), ns.Ipv4Mask("255.255.255.0"))
        interfaces = addresses.Assign(devices)
        server_address = ns.addressFromInetSocketAddress(ns.InetSocketAddress(interfaces.GetAddress(1), port))
        local = ns.addressFromInetSocketAddress(ns.InetSocketAddress(ns.Ipv4Address.GetAny(), port))

    client_tfo = ns.TcpFastOpenHelper()
    client_tfo.SetMode(ns.TcpFastOpenSocket.CLIENT_ENABLE)
    client_tfo.SetLinuxDefaults(linux_defaults)
    client_tfo.Install(client)
    server_tfo = ns.TcpFastOpenHelper()
    server_tfo.SetMode(ns.TcpFastOpenSocket.SERVER_ENABLE)
    server_tfo.SetSocketAttribute("FastOpenQueueLength", ns.UintegerValue(16))
    server_tfo.SetLinuxDefaults(linux_defaults)
    if key:
        server_tfo.SetCookieGeneratorAttribute("Key", ns.StringValue(key))
    server_tfo.Install(server)

    factory = ns.TypeIdValue(ns.TcpFastOpenSocketFactory.GetTypeId())
    server_app = ns.CreateObject[ns.RequestResponseServer]()
    server_app.SetAttribute("Local", ns.AddressValue(local))
    server_app.SetAttribute("Protocol", factory)
    server.AddApplication(server_app)
    server_app.SetStartTime(ns.Seconds(0))

    client_app = ns.CreateObject[ns.RequestResponseClient]()
    client_app.SetAttribute("Remote", ns.AddressValue(server_address))
    client_app.SetAttribute("Protocol", factory)
    client_app.SetAttribute("RequestSize", ns.UintegerValue(request_size))
    client_app.SetAttribute("ResponseSize", ns.UintegerValue(response_size))
    client_app.SetAttribute("Transactions", ns.UintegerValue(connections))
    client_app.SetAttribute("ThinkTime", ns.TimeValue(ns.Seconds(gap)))
    client_app.SetAttribute("FastOpenApi", ns.StringValue(apis[args["api"]]))
    client.AddApplication(client_app)
    client_app.SetStartTime(ns.Seconds(1))

    if args["pcap"]:
        p2p.EnablePcapAll(args["pcap"], False)

    ns.Simulator.Run()

    lines = ["TCP Fast Open: %d connection(s), %d B request, %d B response, one-way delay %s, %s"
             % (connections, request_size, response_size, delay.As(ns.Time.MS),
                "IPv6" if ipv6 else "IPv4"), ""]
    lines.append("%-6s%11s%14s%15s%11s%13s%10s  tfo" % (
        "conn", "start_ms", "connected_ms", "first_byte_ms", "done_ms", "latency_ms", "syn_data"))
    for r in client_app.GetTransactions():
        tfo = ("cookie request / no TFO" if r.synDataBytes == 0
               else "SYN data accepted" if r.synDataAcked else "SYN data refused")
        lines.append("%-6d%11s%14s%15s%11s%13s%10d  %s" % (
            r.index, ms(r.start), ms(r.connected), ms(r.firstByte), ms(r.completion),
            ms(r.GetLatency()) if r.completed else "failed", r.synDataBytes, tfo))
    text = "\n".join(lines) + "\n"
    text += "\nclient counters (nstat -az | grep FastOpen):\n"
    text += counters(client)
    text += "\nserver counters (nstat -az | grep FastOpen):\n"
    text += counters(server)
    if args["pcap"]:
        text += "\npcap: %s-0-1.pcap (client), %s-1-1.pcap (server)\n" % (args["pcap"], args["pcap"])
    return client_app, client, server, text, connections


def main(argv):
    client_app, _, _, text, connections = build_and_run(parse_args(argv))
    sys.stdout.write(text)
    sys.stdout.flush()
    all_completed = client_app.GetCompletedCount() == connections
    ns.Simulator.Destroy()
    return 0 if all_completed else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
