# SPDX-License-Identifier: GPL-2.0-only
"""tcp-fast-open from Python: simulations run through the cppyy bindings,
with assertions on their results and on trace callbacks written in Python."""

import importlib.util
import os
import subprocess
import sys

import pytest

from conftest import REPO, build_dir, load_example
from scenario import two_nodes

RTT_MS = 20.0  # two_nodes' default: 10 ms one way


def latencies_ms(app):
    return [r.GetLatency().GetSeconds() * 1000 for r in app.GetTransactions()]


def test_loads_like_ns3_bindings(ns):
    assert ns.cppyy.gbl.ns3 is ns
    for alias in ("core", "network", "internet", "point_to_point", "applications", "tcp_fast_open"):
        assert getattr(ns, alias) is ns
    assert str(ns.TcpFastOpenHelper.GetSocketFactoryType()) == "ns3::TcpFastOpenSocketFactory"
    assert ns.Seconds(1) < ns.Seconds(2) and ns.Seconds(2) >= ns.Seconds(2)
    ok, tid = ns.LookupByNameFailSafe("ns3::TcpFastOpenSocket")
    assert ok and str(tid.GetName()) == "ns3::TcpFastOpenSocket"
    assert str(ns.CreateObject("RequestResponseClient").GetInstanceTypeId().GetName()) == \
        "ns3::RequestResponseClient"


def test_ns3_modules_of_the_studies_are_loaded(ns):
    # Dumbbell and star topologies, queue discs, flow statistics, CSMA LANs.
    for name in ("PointToPointDumbbellHelper", "PointToPointStarHelper", "TrafficControlHelper",
                 "FlowMonitorHelper", "CsmaHelper", "Gnuplot2dDataset"):
        assert hasattr(ns, name), "ns.%s is missing" % name
    monitor = ns.FlowMonitorHelper().GetMonitor()
    assert str(monitor.GetInstanceTypeId().GetName()) == "ns3::FlowMonitor"


def test_from_ns_import_ns_then_the_module():
    """ns-3's own bindings first (the pip wheel's "from ns import ns"), then one
    import adds the module's classes to that same ns."""
    if importlib.util.find_spec("ns") is None:
        pytest.skip("%s has no ns-3 Python bindings (pip install ns3)" % sys.executable)
    code = ("from ns import ns\n"
            "import tcp_fast_open\n"
            "assert tcp_fast_open.ns is ns\n"
            "print(ns.TcpFastOpenHelper.GetSocketFactoryType())\n"
            "print(ns.PointToPointDumbbellHelper.__cpp_name__, ns.FlowMonitorHelper.__cpp_name__)\n")
    env = dict(os.environ, TFO_BUILD_DIR=build_dir(), PYTHONPATH=os.path.join(REPO, "python"))
    r = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                       timeout=600)
    assert r.returncode == 0, r.stderr
    assert r.stdout.split() == ["ns3::TcpFastOpenSocketFactory", "ns3::PointToPointDumbbellHelper",
                                "ns3::FlowMonitorHelper"]


def test_kernel_cookie_test_vector(ns):
    generator = ns.CreateObject[ns.TcpFastOpenCookieGenerator]()
    error = ns.cppyy.gbl.std.string()
    assert generator.SetKeysFromString("00112233-44556677-8899aabb-ccddeeff", error), str(error)
    cookie = generator.Generate(ns.Ipv4Address("127.0.0.5"), ns.Ipv4Address("127.0.0.1"))
    assert str(cookie.ToHex()) == "920c25c2e5eb51ef"
    # the same through the Key attribute
    other = ns.CreateObject[ns.TcpFastOpenCookieGenerator]()
    other.SetAttribute("Key", ns.StringValue("00112233-44556677-8899aabb-ccddeeff"))
    assert other.Generate(ns.Ipv4Address("127.0.0.5"), ns.Ipv4Address("127.0.0.1")) == cookie


def test_handshake_saves_one_round_trip(ns):
    s = two_nodes(ns, transactions=3)
    ns.Simulator.Run()
    records = list(s["client_app"].GetTransactions())
    assert len(records) == 3 and all(r.completed for r in records)
    lat = latencies_ms(s["client_app"])
    # first: cookie request, request after the handshake: 2 RTTs plus transmission
    assert 2 * RTT_MS <= lat[0] < 2 * RTT_MS + 2
    # then the request rides in the SYN: 1 RTT plus transmission
    for value in lat[1:]:
        assert RTT_MS <= value < RTT_MS + 2
    assert records[0].synDataBytes == 0
    assert all(r.synDataBytes == 500 and r.synDataAcked for r in records[1:])


def test_counters(ns):
    s = two_nodes(ns, transactions=4)
    ns.Simulator.Run()
    client = ns.TcpFastOpenHelper.GetCounters(s["client"])
    server = ns.TcpFastOpenHelper.GetCounters(s["server"])
    C = ns.TcpFastOpenCounters
    assert client.Get(C.TFO_ACTIVE) == 3
    assert client.Get(C.TFO_ACTIVE_FAIL) == 0
    assert server.Get(C.TFO_PASSIVE) == 3
    assert server.Get(C.TFO_COOKIE_REQD) == 1
    assert server.Get(C.TFO_PASSIVE_FAIL) == 0
    assert server.Get("TCPFastOpenPassive") == 3  # nstat names


def test_cached_cookie_is_the_generators(ns):
    s = two_nodes(ns, transactions=1, key="00112233-44556677-8899aabb-ccddeeff")
    ns.Simulator.Run()
    entries = list(ns.TcpFastOpenHelper.GetCookieCache(s["client"]).GetEntries())
    assert len(entries) == 1
    client_ip = s["interfaces"].GetAddress(0)
    server_ip = s["interfaces"].GetAddress(1)
    expected = ns.TcpFastOpenHelper.GetCookieGenerator(s["server"]).Generate(client_ip, server_ip)
    assert entries[0].cookie == expected
    assert entries[0].cookie.GetLength() == 8


def test_transaction_trace_python_callback(ns):
    s = two_nodes(ns, transactions=3)
    seen = []

    def on_transaction(record):  # const TransactionRecord&: copy what we need now
        seen.append((record.index, record.GetLatency().GetSeconds() * 1000, record.synDataAcked,
                     ns.Simulator.Now().GetSeconds()))

    assert s["client_app"].TraceConnectWithoutContext("Transaction", on_transaction)
    ns.Simulator.Run()
    assert [i for i, *_ in seen] == [0, 1, 2]
    assert [lat for _, lat, *_ in seen] == pytest.approx(latencies_ms(s["client_app"]))
    assert [acked for _, _, acked, _ in seen] == [False, True, True]
    # reported when the response completed
    for (i, _, _, now), r in zip(seen, s["client_app"].GetTransactions()):
        assert now == pytest.approx(r.completion.GetSeconds())


def test_phy_tx_begin_counts_syns(ns):
    s = two_nodes(ns, transactions=3)
    flags_seen = {"client": [], "server": []}

    def tcp_flags(packet):
        p = packet.Copy()
        p.RemoveHeader(ns.PppHeader())
        ip = ns.Ipv4Header()
        p.RemoveHeader(ip)
        if ip.GetProtocol() != 6:
            return None
        tcp = ns.TcpHeader()
        p.PeekHeader(tcp)
        return tcp.GetFlags(), p.GetSize() - tcp.GetSerializedSize()

    def sender(side):
        return lambda packet: flags_seen[side].append(tcp_flags(packet))

    base = "/NodeList/%d/DeviceList/*/$ns3::PointToPointNetDevice/PhyTxBegin"
    ns.Config.ConnectWithoutContext(base % s["client"].GetId(), sender("client"))
    ns.Config.ConnectWithoutContext(base % s["server"].GetId(), sender("server"))
    ns.Simulator.Run()
    SYN, ACK = ns.TcpHeader.SYN, ns.TcpHeader.ACK
    syns = [f for f in flags_seen["client"] if f and f[0] & SYN and not f[0] & ACK]
    synacks = [f for f in flags_seen["server"] if f and (f[0] & (SYN | ACK)) == (SYN | ACK)]
    assert len(syns) == 3 and len(synacks) == 3
    # the first SYN asks for a cookie, the next two carry the 500-byte request
    assert [payload for _, payload in syns] == [0, 500, 500]


def test_request_trace_with_context_and_explicit_callback(ns):
    s = two_nodes(ns, transactions=2, request=300, response=700)
    requests = []
    cb = ns.MakeCallback(lambda ctx, frm, req, resp: requests.append((ctx, req, resp)),
                         "void(std::string, const ns3::Address&, uint32_t, uint32_t)")
    assert s["server_app"].TraceConnect("Request", "server", cb)
    ns.Simulator.Run()
    assert requests == [("server", 300, 700), ("server", 300, 700)]
    assert s["server_app"].GetRequestCount() == 2


def test_schedule_python_callable_and_errors(ns):
    times = []
    ns.Schedule(ns.MilliSeconds(250), lambda tag: times.append((tag, ns.Simulator.Now().GetMilliSeconds())), "a")
    ns.Schedule(ns.Seconds(1), lambda: times.append(("b", ns.Simulator.Now().GetMilliSeconds())))
    ns.Simulator.Run()
    assert times == [("a", 250), ("b", 1000)]

    def broken():
        raise ValueError("callback failed")

    later = []
    ns.Schedule(ns.Seconds(1), broken)
    ns.Schedule(ns.Seconds(2), lambda: later.append(1))
    with pytest.raises(ValueError, match="callback failed"):
        ns.Simulator.Run()
    assert later == []  # the simulation stopped at the failing callback


def test_server_without_tfo_falls_back(ns):
    s = two_nodes(ns, transactions=3, server_mode=0)
    ns.Simulator.Run()
    lat = latencies_ms(s["client_app"])
    assert len(lat) == 3
    for value in lat:
        assert 2 * RTT_MS <= value < 2 * RTT_MS + 2
    assert ns.TcpFastOpenHelper.GetCounters(s["client"]).Get(ns.TcpFastOpenCounters.TFO_ACTIVE) == 0
    assert ns.TcpFastOpenHelper.GetCounters(s["server"]).Get(ns.TcpFastOpenCounters.TFO_PASSIVE) == 0


def test_fastopen_connect_api_and_attributes(ns):
    s = two_nodes(ns, transactions=3, api="FastOpenConnect")
    value = ns.UintegerValue()
    s["client_app"].GetAttribute("RequestSize", value)
    assert value.Get() == 500
    ns.Simulator.Run()
    lat = latencies_ms(s["client_app"])
    assert 2 * RTT_MS <= lat[0] and all(RTT_MS <= v < RTT_MS + 2 for v in lat[1:])


def _run_cpp(name, args):
    binary = os.path.join(build_dir(), "examples", name)
    assert os.path.isfile(binary), "%s is not built: run bash scripts/test.sh" % binary
    return subprocess.run([binary] + args, capture_output=True, text=True, timeout=600)


def test_example_py_matches_cpp(ns, capsys):
    args = ["--connections=3", "--delay=15ms", "--requestSize=700", "--responseSize=3000",
            "--key=00112233-44556677-8899aabb-ccddeeff"]
    cpp = _run_cpp("tcp-fast-open-example", args)
    assert cpp.returncode == 0, cpp.stderr
    example = load_example("tcp-fast-open-example")
    capsys.readouterr()
    assert example.main(args) == 0
    py = capsys.readouterr().out
    assert py == cpp.stdout
    assert "SYN data accepted" in py


def test_latency_py_matches_cpp(ns, capsys, tmp_path):
    args = ["--rtts=20,100", "--responseSizes=1000", "--lossRates=0", "--runs=1",
            "--transactions=3", "--csv=none", "--plot=none", "--records=none", "--seed=3"]
    cpp = _run_cpp("tcp-fast-open-latency", args)
    assert cpp.returncode == 0, cpp.stderr
    example = load_example("tcp-fast-open-latency")
    capsys.readouterr()
    assert example.main(args) == 0
    py = capsys.readouterr().out
    assert py == cpp.stdout
    assert "2 points" in py


def test_load_error_says_what_to_run(tmp_path):
    env = dict(os.environ, TFO_BUILD_DIR=str(tmp_path / "no-build"),
               PYTHONPATH=os.path.join(REPO, "python"))
    env.pop("TFO_NS3_TREE", None)
    r = subprocess.run([sys.executable, "-c", "import tcp_fast_open"], env=env,
                       capture_output=True, text=True, timeout=120)
    assert r.returncode != 0
    assert "BindingsError" in r.stderr
    assert "scripts/test.sh" in r.stderr
    assert "the module is not built" in r.stderr
