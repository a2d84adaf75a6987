# SPDX-License-Identifier: GPL-2.0-only
"""A two-node TFO scenario built from Python, for the tests."""


def two_nodes(ns, *, delay_ms=10, client_mode=None, server_mode=None, key=None,
              transactions=3, request=500, response=1000, api=None, gap_s=1.0,
              queue_length=16, linux_defaults=True):
    nodes = ns.NodeContainer()
    nodes.Create(2)
    client, server = nodes.Get(0), nodes.Get(1)
    p2p = ns.PointToPointHelper()
    p2p.SetDeviceAttribute("DataRate", ns.StringValue("100Mbps"))
    p2p.SetChannelAttribute("Delay", ns.TimeValue(ns.MilliSeconds(delay_ms)))
    devices = p2p.Install(nodes)
    ns.InternetStackHelper().Install(nodes)
    addresses = ns.Ipv4AddressHelper()
    addresses.SetBase(ns.Ipv4Address("10.0.0.0"), ns.Ipv4Mask("255.255.255.0"))
    interfaces = addresses.Assign(devices)
    port = 8080

    ctfo = ns.TcpFastOpenHelper()
    ctfo.SetMode(ns.TcpFastOpenSocket.CLIENT_ENABLE if client_mode is None else client_mode)
    ctfo.SetLinuxDefaults(linux_defaults)
    ctfo.Install(client)
    stfo = ns.TcpFastOpenHelper()
    stfo.SetMode(ns.TcpFastOpenSocket.SERVER_ENABLE if server_mode is None else server_mode)
    stfo.SetSocketAttribute("FastOpenQueueLength", ns.UintegerValue(queue_length))
    stfo.SetLinuxDefaults(linux_defaults)
    if key:
        stfo.SetCookieGeneratorAttribute("Key", ns.StringValue(key))
    stfo.Install(server)

    factory = ns.TypeIdValue(ns.TcpFastOpenSocketFactory.GetTypeId())
    srv = ns.CreateObject[ns.RequestResponseServer]()
    srv.SetAttribute("Local", ns.AddressValue(ns.addressFromInetSocketAddress(
        ns.InetSocketAddress(ns.Ipv4Address.GetAny(), port))))
    srv.SetAttribute("Protocol", factory)
    server.AddApplication(srv)
    srv.SetStartTime(ns.Seconds(0))

    cli = ns.CreateObject[ns.RequestResponseClient]()
    cli.SetAttribute("Remote", ns.AddressValue(ns.addressFromInetSocketAddress(
        ns.InetSocketAddress(interfaces.GetAddress(1), port))))
    cli.SetAttribute("Protocol", factory)
    cli.SetAttribute("RequestSize", ns.UintegerValue(request))
    cli.SetAttribute("ResponseSize", ns.UintegerValue(response))
    cli.SetAttribute("Transactions", ns.UintegerValue(transactions))
    cli.SetAttribute("ThinkTime", ns.TimeValue(ns.Seconds(gap_s)))
    # By the value's name: EnumValue is a class template from ns-3.41 on.
    cli.SetAttribute("FastOpenApi", ns.StringValue("SendTo" if api is None else api))
    client.AddApplication(cli)
    cli.SetStartTime(ns.Seconds(1))
    return {"client": client, "server": server, "client_app": cli, "server_app": srv,
            "devices": devices, "interfaces": interfaces, "p2p": p2p}
