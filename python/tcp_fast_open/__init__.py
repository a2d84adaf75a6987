# SPDX-License-Identifier: GPL-2.0-only
"""Python bindings of the tcp-fast-open ns-3 module, through cppyy as ns-3's own.

    from tcp_fast_open import ns
    helper = ns.TcpFastOpenHelper()
    client.TraceConnectWithoutContext("Transaction", lambda record: ...)

``ns`` is cppyy's ``ns3`` namespace (``cppyy.gbl.ns3``) with the ns-3 modules
core, network, internet, point-to-point, applications and this module loaded,
dressed as ns-3's ``from ns import ns``: ``ns.cppyy``, ``ns.core`` / ``ns.network``
/ ... (aliases of ``ns``), ``ns.addressFromInetSocketAddress``, ``ns.CreateObject``,
``ns.GetObject``, Time comparisons. On top of that Python callables work where ns-3
expects a Callback (see ``MakeCallback``, ``ObjectBase.TraceConnect[WithoutContext]``,
``Config.Connect[WithoutContext]``, ``Schedule``).

Where it comes from:
  * ``ns`` already imported (``from ns import ns`` first, then ``import
    tcp_fast_open``): this module is added to that same ``ns``, from the ns-3
    tree it is built in or else from the standalone build;
  * inside an ns-3 source tree whose Python bindings are enabled (the module is
    contrib/tcp-fast-open, or TFO_NS3_TREE names the tree): the tree's
    ``from ns import ns``, plus this module if the tree's bindings did not load
    it (ns-3 < 3.42 loads only its own modules);
  * with the pip wheel (``pip install ns3``, whose ``from ns import ns`` loads
    every ns-3 module): the wheel's ``ns`` plus the standalone build of this
    module against the wheel (``scripts/build.sh --ns3 wheel``);
  * otherwise the installed ns-3 (Debian's libns3-dev: /usr/include,
    /usr/lib/<arch>) and the standalone build. The standalone build is
    TFO_BUILD_DIR (default <repository>/build).

Any failure to load raises ``BindingsError`` with the command to run.
"""

import builtins
import glob
import os
import re
import sys
import sysconfig

__all__ = ["ns", "BindingsError", "load"]

REPO_DIR = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
MODULE = "tcp-fast-open"
NS3_MODULES = ["core", "network", "internet", "point-to-point", "point-to-point-layout",
               "applications", "traffic-control", "flow-monitor", "stats", "csma"]


class BindingsError(ImportError):
    """The bindings could not be loaded; the message says what to run."""


def _fail(what, todo):
    raise BindingsError("tcp_fast_open: %s\n  -> %s" % (what, todo)) from None


# --------------------------------------------------------------------------- where


def build_dir():
    """The standalone build directory: $TFO_BUILD_DIR or <repository>/build."""
    return os.path.abspath(os.environ.get("TFO_BUILD_DIR") or os.path.join(REPO_DIR, "build"))


def _find_tree():
    """The ns-3 source tree this module is built in, or None."""
    candidates = []
    if os.environ.get("TFO_NS3_TREE"):
        candidates.append(os.environ["TFO_NS3_TREE"])
    # <tree>/contrib/tcp-fast-open/python/tcp_fast_open/__init__.py, symlinks kept
    parent = os.path.dirname(REPO_DIR)
    if os.path.basename(parent) == "contrib":
        candidates.append(os.path.dirname(parent))
    for tree in candidates:
        if os.path.isfile(os.path.join(tree, "ns3")):
            return os.path.abspath(tree)
    return None


def _read_lock(tree):
    lock = os.path.join(tree, ".lock-ns3_%s_build" % sys.platform)
    if not os.path.isfile(lock):
        return None
    values = {}
    try:
        exec(open(lock).read(), {}, values)
    except Exception:
        return None
    return values


# --------------------------------------------------------------------------- loading


def _import_cppyy():
    try:
        import cppyy  # noqa: F401
        import libcppyy  # noqa: F401
    except ImportError as e:
        _fail(
            "cppyy is not importable by %s (%s)" % (sys.executable, e),
            "pip install -r %s" % os.path.join(REPO_DIR, "python", "requirements.txt"),
        )
    return cppyy


def _cppyy_call(what, todo, func, *args):
    """Call a cppyy loader function; turn its error into BindingsError."""
    try:
        ok = func(*args)
    except Exception as e:  # cppyy raises ImportError/SyntaxError/RuntimeError
        first = str(e).strip().splitlines()
        detail = "; ".join(line for line in first[:6] if line.strip())
        _fail("%s failed: %s" % (what, detail), todo)
    if ok is False:
        _fail("%s failed" % what, todo)


def _module_definitions(build):
    """Preprocessor definitions the module was compiled with (TFO_NS3_VERSION,
    NS3_LOG_ENABLE, ...): the headers need TFO_NS3_VERSION, and NS3_LOG_ENABLE
    changes some ns-3 class layouts (UdpClient), so cling must see the same."""
    flags = os.path.join(build, "CMakeFiles", "tcp-fast-open.dir", "flags.make")
    defs = {}
    if os.path.isfile(flags):
        for line in open(flags):
            if line.startswith("CXX_DEFINES"):
                for name, value in re.findall(r"-D(\w+)(?:=(\S+))?", line):
                    if '"' not in value and "\\" not in value:  # not the wheel's quoted paths
                        defs[name] = value or "1"
    defs.pop("NS3_MODULE_COMPILATION", None)
    defs.pop("NDEBUG", None)
    return defs


def _ns3_version_number(include_dirs):
    for d in include_dirs:
        header = os.path.join(d, "ns3", "version-defines.h")
        if os.path.isfile(header):
            text = open(header).read()
            major = re.search(r"NS3_VERSION_MAJOR\s+(\d+)", text)
            minor = re.search(r"NS3_VERSION_MINOR\s+(\d+)", text)
            if major and minor:
                return int(major.group(1)) * 100 + int(minor.group(1))
    return None


def _system_lib_dirs():
    dirs = []
    multiarch = sysconfig.get_config_var("MULTIARCH")
    for d in [
        os.path.join("/usr/lib", multiarch) if multiarch else None,
        "/usr/lib/x86_64-linux-gnu",
        "/usr/lib64",
        "/usr/lib",
        "/usr/local/lib",
    ]:
        if d and os.path.isdir(d) and d not in dirs:
            dirs.append(d)
    return dirs


def _find_ns3_library(module, lib_dirs):
    """libns3-core.so (Debian) or libns3.37-core-default.so (a source tree)."""
    for d in lib_dirs:
        exact = os.path.join(d, "libns3-%s.so" % module)
        if os.path.exists(exact):
            return exact
        for path in sorted(glob.glob(os.path.join(d, "libns3*-%s*.so" % module))):
            name = os.path.basename(path)
            if re.fullmatch(r"libns3(\.[\w.\-]+?)?-%s(-\w+)?\.so" % re.escape(module), name) and "test" not in name:
                return path
    return None


def _load_standalone():
    """Debian's ns-3 plus the standalone build of this module."""
    build = build_dir()
    build_cmd = "bash %s/scripts/test.sh   (or: cmake -S %s -B %s && cmake --build %s -j2)" % (
        REPO_DIR, REPO_DIR, build, build)
    ns3_include_dirs = [d for d in ["/usr/include", "/usr/local/include"]
                        if os.path.isfile(os.path.join(d, "ns3", "core-module.h"))]
    if not ns3_include_dirs:
        _fail("ns-3's headers (ns3/core-module.h) are not installed",
              "bash %s/scripts/setup.sh   (installs Debian's libns3-dev)" % REPO_DIR)
    lib_dirs = _system_lib_dirs()
    ns3_libs = []
    for m in NS3_MODULES:
        path = _find_ns3_library(m, lib_dirs)
        if not path:
            _fail("ns-3's library for module %s is not installed (looked in %s)" % (m, ", ".join(lib_dirs)),
                  "bash %s/scripts/setup.sh   (installs Debian's libns3-dev)" % REPO_DIR)
        ns3_libs.append(path)
    library = os.path.join(build, "lib", "libns3-%s.so" % MODULE)
    umbrella = os.path.join(build, "include", "ns3", "%s-module.h" % MODULE)
    if not os.path.isfile(library) or not os.path.isfile(umbrella):
        _fail("the module is not built in %s (no %s)" % (
            build, library if not os.path.isfile(library) else umbrella), build_cmd)

    cppyy = _import_cppyy()
    import libcppyy

    defs = _module_definitions(build)
    if "TFO_NS3_VERSION" not in defs:
        version = _ns3_version_number(ns3_include_dirs)
        defs["TFO_NS3_VERSION"] = str(version or 9999)
        defs.setdefault("NS3_LOG_ENABLE", "1")
        defs.setdefault("NS3_ASSERT_ENABLE", "1")

    libcppyy.AddSmartPtrType("Ptr")
    for d in ns3_include_dirs + [os.path.join(build, "include")]:
        cppyy.add_include_path(d)
    # Libraries first: the headers' static initializers (g_TimeStaticInit, ...)
    # need their symbols when cling runs them.
    for path in ns3_libs + [library]:
        _cppyy_call("loading %s" % path, build_cmd, cppyy.load_library, path)
    cppyy.cppdef("".join("#ifndef %s\n#define %s %s\n#endif\n" % (k, k, v) for k, v in sorted(defs.items())))
    for m in NS3_MODULES:
        _cppyy_call("including ns3/%s-module.h" % m,
                    "bash %s/scripts/setup.sh   (Debian's libns3-dev)" % REPO_DIR,
                    cppyy.include, "ns3/%s-module.h" % m)
    _cppyy_call("including ns3/%s-module.h from %s/include" % (MODULE, build), build_cmd,
                cppyy.include, "ns3/%s-module.h" % MODULE)
    ns = cppyy.gbl.ns3
    setattr(ns, "cppyy", cppyy)
    for m in NS3_MODULES + [MODULE]:
        setattr(ns, m.replace("-", "_"), ns)
    _ns3_compat(cppyy, ns)
    return ns


def _load_from_tree(tree, lock):
    """The tree's own bindings (from ns import ns), plus this module if needed."""
    out_dir = lock.get("out_dir") or os.path.join(tree, "build")
    bindings = os.path.join(out_dir, "bindings", "python")
    if bindings not in sys.path:
        sys.path.insert(0, bindings)
    ns = _import_ns("%s/ns3 configure --enable-python-bindings && %s/ns3 build" % (tree, tree))
    if not hasattr(ns, "TcpFastOpenHelper"):
        _add_module_to_ns(ns, out_dir, lock)
    return ns


def _import_ns(todo):
    try:
        from ns import ns as tree_ns  # ns-3's own bindings
    except SystemExit:  # 3.37's ns__init__ calls exit(-1) when cppyy is missing
        _fail("ns-3's bindings could not load cppyy",
              "pip install -r %s" % os.path.join(REPO_DIR, "python", "requirements.txt"))
    except BindingsError:
        raise
    except Exception as e:
        _fail("ns-3's own bindings (from ns import ns) failed: %s" % e, todo)
    return tree_ns


def _add_module_to_ns(ns, out_dir, lock):
    cppyy = ns.cppyy
    version = str(lock.get("VERSION", "")).strip() if lock else ""
    todo = "build the module in the ns-3 tree: ./ns3 build %s" % MODULE
    candidates = sorted(glob.glob(os.path.join(out_dir, "lib", "libns3*-%s*.so" % MODULE)))
    candidates = [c for c in candidates if "test" not in os.path.basename(c)]
    if not candidates:
        _fail("no lib%s library in %s/lib" % (MODULE, out_dir), todo)
    cppyy.add_include_path(os.path.join(out_dir, "include"))
    _cppyy_call("loading %s" % candidates[0], todo, cppyy.load_library, candidates[0])
    m = re.match(r"(\d+)\.(\d+)", version)
    number = int(m.group(1)) * 100 + int(m.group(2)) if m else 9999
    cppyy.cppdef("#ifndef TFO_NS3_VERSION\n#define TFO_NS3_VERSION %d\n#endif\n" % number)
    _cppyy_call("including ns3/%s-module.h" % MODULE, todo, cppyy.include, "ns3/%s-module.h" % MODULE)
    setattr(ns, MODULE.replace("-", "_"), ns)


def _wheel_ns3():
    """The pip wheel's ns-3 package directory (site-packages/ns3), or None."""
    import importlib.util

    try:
        spec = importlib.util.find_spec("ns3")
    except (ImportError, ValueError):
        return None
    for location in (spec.submodule_search_locations or []) if spec else []:
        if os.path.isfile(os.path.join(location, "ns", "__init__.py")) and \
                os.path.isdir(os.path.join(location, "lib64")):
            return location
    return None


def _add_standalone_build(ns):
    """This module's standalone build, into an ns already loaded by ns-3's own
    bindings (the wheel's ``from ns import ns``)."""
    cppyy = ns.cppyy
    build = build_dir()
    todo = "bash %s/scripts/test.sh --ns3 wheel   (or scripts/build.sh --ns3 wheel: the module " \
        "built against the wheel's ns-3)" % REPO_DIR
    library = os.path.join(build, "lib", "libns3-%s.so" % MODULE)
    umbrella = os.path.join(build, "include", "ns3", "%s-module.h" % MODULE)
    if not os.path.isfile(library) or not os.path.isfile(umbrella):
        _fail("the module is not built in %s (no %s)" % (
            build, library if not os.path.isfile(library) else umbrella), todo)
    defs = _module_definitions(build)
    if "TFO_NS3_VERSION" not in defs:
        _fail("%s was not configured by this module's CMake (no TFO_NS3_VERSION)" % build, todo)
    cppyy.add_include_path(os.path.join(build, "include"))
    _cppyy_call("loading %s" % library, todo, cppyy.load_library, library)
    cppyy.cppdef("".join("#ifndef %s\n#define %s %s\n#endif\n" % (k, k, v) for k, v in sorted(defs.items())))
    _cppyy_call("including ns3/%s-module.h from %s/include" % (MODULE, build), todo,
                cppyy.include, "ns3/%s-module.h" % MODULE)
    for m in NS3_MODULES + [MODULE]:
        if not hasattr(ns, m.replace("-", "_")):
            setattr(ns, m.replace("-", "_"), ns)
    _ns3_compat(cppyy, ns)


def _ns3_compat(cppyy, ns):
    """What ns-3's own ns/__init__.py adds (3.37), for scripts written for it."""
    cppyy.cppdef("""
        namespace tfo_py {
        inline bool Time_ge(ns3::Time& a, ns3::Time& b) { return a >= b; }
        inline bool Time_eq(ns3::Time& a, ns3::Time& b) { return a == b; }
        inline bool Time_ne(ns3::Time& a, ns3::Time& b) { return a != b; }
        inline bool Time_le(ns3::Time& a, ns3::Time& b) { return a <= b; }
        inline bool Time_gt(ns3::Time& a, ns3::Time& b) { return a > b; }
        inline bool Time_lt(ns3::Time& a, ns3::Time& b) { return a < b; }
        inline ns3::Address addressFromIpv4Address(ns3::Ipv4Address ip) { return ns3::Address(ip); }
        inline ns3::Address addressFromInetSocketAddress(ns3::InetSocketAddress a) { return ns3::Address(a); }
        inline ns3::Address addressFromInet6SocketAddress(ns3::Inet6SocketAddress a) { return ns3::Address(a); }
        inline ns3::Address addressFromPacketSocketAddress(ns3::PacketSocketAddress a) { return ns3::Address(a); }
        inline std::tuple<bool, ns3::TypeId> LookupByNameFailSafe(std::string name)
        {
            ns3::TypeId id;
            bool ok = ns3::TypeId::LookupByNameFailSafe(name, &id);
            return std::make_tuple(ok, id);
        }
        }
    """)
    py = cppyy.gbl.tfo_py
    for op in ("ge", "eq", "ne", "le", "gt", "lt"):
        setattr(ns.Time, "__%s__" % op, getattr(py, "Time_" + op))
    for name in ("addressFromIpv4Address", "addressFromInetSocketAddress",
                 "addressFromInet6SocketAddress", "addressFromPacketSocketAddress",
                 "LookupByNameFailSafe"):
        setattr(ns, name, getattr(py, name))

    # Nodes live in NodeList until Simulator::Destroy: keep Python's proxies too.
    ns.__nodes_pending_deletion = []

    def node_del(self):
        ns.__nodes_pending_deletion.append(self)

    ns.Node.__del__ = node_del

    template = ns.CreateObject

    class _CreateObject:
        """ns.CreateObject[ns.X]() (the C++ template) or ns.CreateObject("X") (ns-3.37 style)."""

        def __getitem__(self, cls):
            return template[cls]

        def __call__(self, class_name):
            cls = getattr(ns, class_name.replace("ns3::", ""))
            return template[cls]()

    setattr(ns, "CreateObject", _CreateObject())

    def GetObject(parent, aggregated):
        if isinstance(aggregated, str):
            aggregated = getattr(ns, aggregated.replace("ns3::", ""))
        elif not hasattr(aggregated, "__cpp_name__"):
            aggregated = type(aggregated)
        return parent.GetObject[aggregated]()

    setattr(ns, "GetObject", GetObject)


# --------------------------------------------------------------------------- callbacks

from . import _callbacks  # noqa: E402


def load():
    """Load ns-3 and the module; return cppyy's ns3 namespace (``ns``)."""
    existing = sys.modules.get("ns")
    tree = _find_tree()
    if existing is not None and hasattr(existing, "ns"):
        ns = existing.ns  # the user imported ns-3's bindings first: use them
        if not hasattr(ns, "TcpFastOpenHelper"):
            if tree:
                lock = _read_lock(tree)
                _add_module_to_ns(ns, (lock or {}).get("out_dir") or os.path.join(tree, "build"), lock)
            else:
                _add_standalone_build(ns)
    elif tree and (_read_lock(tree) or {}).get("ENABLE_PYTHON_BINDINGS"):
        ns = _load_from_tree(tree, _read_lock(tree))
    elif _wheel_ns3():
        ns = _import_ns("pip install ns3==3.44.post0   (or bash %s/scripts/setup.sh --ns3 wheel)" % REPO_DIR)
        _add_standalone_build(ns)
    else:
        ns = _load_standalone()
    _callbacks.install(ns.cppyy, ns)
    return ns


ns = load()
builtins.__dict__.setdefault("ns", ns)
