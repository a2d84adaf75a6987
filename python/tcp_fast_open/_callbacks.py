# SPDX-License-Identifier: GPL-2.0-only
"""Python callables as ns-3 Callbacks.

ns-3's own cppyy bindings turn a Python function into a Callback by declaring,
with cppyy.cppdef, a C++ function that takes a function pointer of the right
signature and returns MakeCallback(f): cppyy converts the Python function into
that function pointer (see utils/python-unit-tests.py of ns-3.37). This module
does the same generically, and cheaply:

  * one C++ trampoline per *signature* ``R(A...)``, ``R Tramp(uint64_t key, A...)``,
    bound with ns3::MakeBoundCallback(&Tramp, key); the trampoline calls one
    Python dispatcher per signature (the only Python->function-pointer
    conversion, so cling compiles one wrapper per signature, not per callable),
    which calls the callable registered under ``key``;
  * the signature comes from the caller (``MakeCallback(f, "void(ns3::Ptr<ns3::Socket>)")``)
    or, for trace sources, from the TypeId's trace source information (its
    callback typedef, e.g. ``ns3::RequestResponseClient::TransactionCallback``).

An exception raised by a Python callback inside Simulator::Run stops the
simulation (Simulator::Stop) and is raised again when Run returns.
"""

import itertools
import re

_PRELUDE = r"""
#include <cstdint>
#include <string>
namespace tfo_py {
template <typename T> struct FnPtr { using type = T; };
template <typename R, typename... A> struct FnPtr<R(A...)> { using type = R (*)(A...); };
template <typename T> struct Sig;
template <typename R, typename... A> struct Sig<R (*)(A...)>
{
    using Dispatcher = R (*)(uint64_t, A...);
    // The context string of TraceConnect / Config::Connect reaches Python as a
    // const char*: cppyy's function-pointer wrappers misspell std::string.
    using CtxDispatcher = R (*)(uint64_t, const char*, A...);
    using CtxCb = ns3::Callback<R, std::string, A...>;
    static CtxDispatcher ctxDispatcher;
    static R TrampCtx(uint64_t key, std::string context, A... a)
    {
        return ctxDispatcher(key, context.c_str(), a...);
    }
    static CtxCb MakeWithContext(uint64_t key) { return ns3::MakeBoundCallback(&TrampCtx, key); }
    static void SetCtxDispatcher(CtxDispatcher d) { ctxDispatcher = d; }
    using Cb = ns3::Callback<R, A...>;
    static Dispatcher dispatcher;
    static R Tramp(uint64_t key, A... a) { return dispatcher(key, a...); }
    static Cb Make(uint64_t key) { return ns3::MakeBoundCallback(&Tramp, key); }
    static void SetDispatcher(Dispatcher d) { dispatcher = d; }
    static ns3::EventId Schedule(ns3::Time delay, uint64_t key)
    {
        return ns3::Simulator::Schedule(delay, &Tramp, key);
    }
    static ns3::EventId ScheduleNow(uint64_t key) { return ns3::Simulator::ScheduleNow(&Tramp, key); }
    static ns3::EventId ScheduleDestroy(uint64_t key)
    {
        return ns3::Simulator::ScheduleDestroy(&Tramp, key);
    }
};
template <typename R, typename... A>
typename Sig<R (*)(A...)>::Dispatcher Sig<R (*)(A...)>::dispatcher = nullptr;
template <typename R, typename... A>
typename Sig<R (*)(A...)>::CtxDispatcher Sig<R (*)(A...)>::ctxDispatcher = nullptr;

// The callback type (a typedef such as ns3::Packet::TracedCallback) of a trace
// source, "" if the object's type has no trace source of that name.
inline std::string
TraceSourceCallback(ns3::TypeId tid, const std::string& name)
{
    ns3::TypeId::TraceSourceInformation info;
    if (!tid.LookupTraceSourceByName(name, &info))
    {
        return "";
    }
    return info.callback;
}

// The same for the first object a Config path matches; "?" when none matches.
inline std::string
ConfigTraceSourceCallback(const std::string& objectPath, const std::string& name)
{
    ns3::Config::MatchContainer matches = ns3::Config::LookupMatches(objectPath);
    if (matches.GetN() == 0)
    {
        return "?";
    }
    return TraceSourceCallback(matches.Get(0)->GetInstanceTypeId(), name);
}
} // namespace tfo_py
"""


class CallbackError(TypeError):
    """A Python callable could not be turned into the Callback ns-3 expects."""


class _State:
    cppyy = None
    ns = None
    signatures = {}  # C++ signature text -> Sig<> class
    callables = {}  # key -> Python callable (with bound extra args)
    keys_by_callable = {}  # (id(callable), signature) -> key, for Disconnect
    counter = itertools.count(1)
    errors = []
    defined = itertools.count(1)


def _sig(signature):
    """The Sig<> class of a C++ signature (function type or function-pointer typedef)."""
    signature = " ".join(signature.split())
    sig = _State.signatures.get(signature)
    if sig is not None:
        return sig
    cppyy = _State.cppyy
    name = "sig_%d" % next(_State.defined)
    try:
        cppyy.cppdef("namespace tfo_py { using %s = Sig<FnPtr<%s>::type>; }" % (name, signature))
        sig = getattr(cppyy.gbl.tfo_py, name)
    except Exception as e:
        raise CallbackError("not a C++ function signature: %r (%s)" % (signature, str(e).splitlines()[0])) from None
    _State.signatures[signature] = sig
    return sig


def _dispatcher_for(sig):
    def dispatch(key, *args):
        func = _State.callables.get(key)
        if func is None:
            return None
        try:
            return func(*args)
        except BaseException as e:  # keep it for Simulator.Run, stop the run
            _State.errors.append(e)
            _State.ns.Simulator.Stop()
            return None

    def dispatch_ctx(key, context, *args):
        return dispatch(key, context.decode() if isinstance(context, bytes) else context, *args)

    sig._tfo_dispatchers = (dispatch, dispatch_ctx)  # keep them alive
    sig.SetDispatcher(dispatch)
    sig.SetCtxDispatcher(dispatch_ctx)


def _register(func, signature, context=False):
    sig = _sig(signature)
    if not getattr(sig, "_tfo_ready", False):
        _dispatcher_for(sig)
        sig._tfo_ready = True
    ident = (id(func), " ".join(signature.split()), context)
    key = _State.keys_by_callable.get(ident)
    if key is None or _State.callables.get(key) is not func:
        key = next(_State.counter)
        _State.callables[key] = func
        _State.keys_by_callable[ident] = key
    return sig, key


def is_cpp_callback(obj):
    cb = getattr(_State.ns, "CallbackBase", None)
    return cb is not None and isinstance(obj, cb)


def MakeCallback(func, signature=None, *bound):
    """An ns3::Callback that calls a Python callable.

    signature: the C++ function type of the callback, e.g. ``"void(ns3::Ptr<ns3::Socket>)"``,
    ``"bool(ns3::Ptr<ns3::Socket>, const ns3::Address&)"`` or a function-pointer typedef
    (``"ns3::RequestResponseClient::TransactionCallback"``).
    bound: extra Python values passed after the C++ arguments.
    With a C++ function (cppyy.gbl.f) and no signature, this is ns-3's MakeCallback.
    """
    if signature is None:
        if hasattr(func, "__cpp_name__") or type(func).__name__ in ("CPPOverload", "TemplateProxy"):
            return _State.cpp_make_callback(func)
        raise CallbackError("MakeCallback(python_callable, signature): give the C++ signature, "
                            "e.g. \"void(ns3::Ptr<ns3::Socket>)\"")
    if bound:
        target = func
        func = lambda *args: target(*args, *bound)  # noqa: E731
    context = False
    m = _CONTEXT_SIGNATURE.match(" ".join(signature.split()))
    if m:  # R(std::string, A...): the context form, built from R(A...)
        signature, context = "%s(%s)" % (m.group(1), m.group(2) or ""), True
    sig, key = _register(func, signature, context)
    return sig.MakeWithContext(key) if context else sig.Make(key)


_CONTEXT_SIGNATURE = re.compile(r"^([^()]*?)\s*\(\s*(?:const\s+)?(?:std::)?string\s*&?\s*(?:,\s*(.*))?\)$")


def Schedule(delay, func, *args):
    """Simulator::Schedule of a Python callable: func(*args) after delay (ns.Time)."""
    sig, key = _register(lambda: func(*args), "void()")
    return sig.Schedule(delay, key)


def ScheduleNow(func, *args):
    sig, key = _register(lambda: func(*args), "void()")
    return sig.ScheduleNow(key)


def ScheduleDestroy(func, *args):
    sig, key = _register(lambda: func(*args), "void()")
    return sig.ScheduleDestroy(key)


def trace_signature(tid, name):
    """The callback type of the trace source name of TypeId tid (walking up parents)."""
    text = str(_State.cppyy.gbl.tfo_py.TraceSourceCallback(tid, name))
    if not text:
        raise CallbackError("%s has no trace source %r" % (tid.GetName(), name))
    return text


def _make(cb, signature, context):
    sig, key = _register(cb, signature, context)
    return sig.MakeWithContext(key) if context else sig.Make(key)


def _install_object_base(ns):
    ObjectBase = ns.ObjectBase
    orig_without = ObjectBase.TraceConnectWithoutContext
    orig_with = ObjectBase.TraceConnect
    orig_dis_without = ObjectBase.TraceDisconnectWithoutContext
    orig_dis_with = ObjectBase.TraceDisconnect

    def _convert(obj, name, cb, context, signature):
        if is_cpp_callback(cb):
            return cb
        if not callable(cb):
            raise CallbackError("trace %r: expected a Callback or a Python callable, got %r" % (name, cb))
        if signature is None:
            signature = trace_signature(obj.GetInstanceTypeId(), name)
        return _make(cb, signature, context)

    def TraceConnectWithoutContext(self, name, cb, signature=None):
        """ns-3's TraceConnectWithoutContext; cb may be a Python callable."""
        return orig_without(self, name, _convert(self, name, cb, False, signature))

    def TraceConnect(self, name, context, cb, signature=None):
        """ns-3's TraceConnect; a Python cb receives the context string first."""
        return orig_with(self, name, context, _convert(self, name, cb, True, signature))

    def TraceDisconnectWithoutContext(self, name, cb, signature=None):
        return orig_dis_without(self, name, _convert(self, name, cb, False, signature))

    def TraceDisconnect(self, name, context, cb, signature=None):
        return orig_dis_with(self, name, context, _convert(self, name, cb, True, signature))

    ObjectBase.TraceConnectWithoutContext = TraceConnectWithoutContext
    ObjectBase.TraceConnect = TraceConnect
    ObjectBase.TraceDisconnectWithoutContext = TraceDisconnectWithoutContext
    ObjectBase.TraceDisconnect = TraceDisconnect


def _install_config(ns):
    Config = ns.Config
    originals = {n: getattr(Config, n) for n in (
        "Connect", "ConnectWithoutContext", "ConnectFailSafe", "ConnectWithoutContextFailSafe",
        "Disconnect", "DisconnectWithoutContext")}

    def path_signature(path):
        object_path, _, name = path.rstrip("/").rpartition("/")
        text = str(ns.cppyy.gbl.tfo_py.ConfigTraceSourceCallback(object_path, name))
        if text == "?":
            raise CallbackError("Config path %r matches no object" % object_path)
        if not text:
            raise CallbackError("Config path %r: no trace source %r" % (object_path, name))
        return text

    def wrap(op, context):
        orig = originals[op]

        def method(path, cb, signature=None):
            if not is_cpp_callback(cb):
                if not callable(cb):
                    raise CallbackError("Config.%s(%r): expected a Callback or a Python callable" % (op, path))
                cb = _make(cb, signature or path_signature(path), context)
            return orig(path, cb)

        method.__name__ = op
        method.__doc__ = "ns3::Config::%s; cb may be a Python callable%s." % (
            op, " (called with the context string first)" if context else "")
        return method

    for op in originals:
        setattr(Config, op, wrap(op, "WithoutContext" not in op))


def _install_simulator_run(ns):
    Simulator = ns.Simulator
    orig_run = Simulator.Run

    def Run():
        """Simulator::Run; re-raises the first exception of a Python callback."""
        del _State.errors[:]
        orig_run()
        if _State.errors:
            error = _State.errors[0]
            del _State.errors[:]
            raise error

    Simulator.Run = staticmethod(Run)


def install(cppyy, ns):
    if getattr(ns, "_tfo_callbacks", False):
        return
    _State.cppyy = cppyy
    _State.ns = ns
    cppyy.cppdef(_PRELUDE)
    _State.cpp_make_callback = ns.MakeCallback
    _install_object_base(ns)
    _install_config(ns)
    _install_simulator_run(ns)
    ns.MakeCallback = MakeCallback
    ns.Schedule = Schedule
    ns.ScheduleNow = ScheduleNow
    ns.ScheduleDestroy = ScheduleDestroy
    ns.CallbackError = CallbackError
    ns.trace_signature = trace_signature
    ns._tfo_callbacks = True
