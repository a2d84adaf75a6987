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
    ("pcap", "none", "Write pcap files PREFIX-<node>-<device>.pcap ('none': no pcap)"),
    ("key", "random", "Server key: sysctl form, 32 hex digits, or random"),
    ("api", "sendto", "Client API: sendto (MSG_FASTOPEN) or connect (TCP_FASTOPEN_CONNECT)"),
    ("gap", "1", "Seconds between the end of a connection and the next"),
]


# One checker for every example (C++ and Python): a bad argument ends the
# program with exit status 2 and "tcp-fast-open-example.py: error: --name: ...".
CHECK = ns.TcpFastOpenArgumentChecker("tcp-fast-open-example.py")


def fail(message):
    CHECK.Fail(message)


def parse_args(argv):
    """The options through ns-3's CommandLine, as ns-3's own Python examples
    parse theirs (--help / --PrintHelp list them); an unknown option, a bare
    word or a missing value is refused first through the checker (exit 2, as
    the C++ example), and the values stay text here and are checked below."""
    names = [name for name, _, _ in OPTIONS]
    help_only = False
    for arg in argv:
        if arg in ("-h", "--help", "--PrintHelp"):
            help_only = True
            continue
        if not arg.startswith("--"):
            fail("unexpected argument \"%s\" (options are --name=value)" % arg)
        name, _, value = arg[2:].partition("=")
        if name not in names:
            fail("--%s: unknown option" % name)
        if not value:
            fail("--%s: needs a value (--%s=VALUE)" % (name, name))
    values = {name: ns.cppyy.gbl.std.string(default) for name, default, _ in OPTIONS}
    cmd = ns.CommandLine(__file__)
    for name, _, text in OPTIONS:
        cmd.AddValue["std::string"](name, text, values[name])  # explicit: cppyy 3.1.2 crashes deducing it
    cmd.Parse([PROG] + list(argv))
    if help_only:
        sys.exit(0)
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
    connections = CHECK.Integer("connections", args["connections"], 1, 100000)
    request_size = CHECK.Integer("requestSize", args["requestSize"],
                                 ns.RequestResponseClient.HEADER_SIZE, 10000000)
    response_size = CHECK.Integer("responseSize", args["responseSize"], 1, 100000000)
    gap = CHECK.Number("gap", args["gap"], 0, 1e6)
    ipv6 = CHECK.Boolean("ipv6", args["ipv6"])
    linux_defaults = CHECK.Boolean("linuxDefaults", args["linuxDefaults"])
    delay = CHECK.Duration("delay", args["delay"])
    rate = CHECK.Rate("dataRate", args["dataRate"])
    args["pcap"] = str(CHECK.OutputPath("pcap", args["pcap"], ""))
    # The FastOpenApi attribute's value names (EnumValue is a template from ns-3.41).
    apis = {"sendto": "SendTo", "connect": "FastOpenConnect"}
    CHECK.Choice("api", args["api"], ns.cppyy.gbl.std.vector[ns.cppyy.gbl.std.string](list(apis)))
    key = "" if args["key"] == "random" else args["key"]
    if key:
        primary = ns.TcpFastOpenKey()
        backup = ns.cppyy.gbl.std.optional[ns.TcpFastOpenKey]()
        error = ns.cppyy.gbl.std.string()
        if not ns.TcpFastOpenKey.ParseKeyList(key, primary, backup, error):
            fail("--key: \"%s\": %s" % (key, error))

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
