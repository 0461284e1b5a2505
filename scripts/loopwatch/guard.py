"""The guard: catalogued blocking primitives called on a loop thread, however fast.

Two ways in, no third-party patching:
- sys.addaudithook for what CPython audits (open, os.listdir/scandir/remove/
  rename/mkdir/..., shutil, glob, tempfile, subprocess.Popen, os.system,
  socket.connect/getaddrinfo/gethostbyname/..., input, sqlite3.connect,
  http.client/smtplib/ftplib connects, imports, and time.sleep from 3.13).
  An audit hook sees every caller, however the function was imported.
- wrappers, set on the module or class, for what is not audited (os.stat
  and os.path.exists & co., os.wait*, time.sleep before 3.13, select.select,
  blocking socket recv/send/accept, TLS setup, thread and process waits,
  importlib.import_module/reload, calls declared in the configuration).
  Code that bound the original (`from time import sleep`) before the guard
  started keeps it; the stall sampler still sees those when they are slow.

A call counts when the thread has a running event loop, so work handed to
asyncio.to_thread or an executor is never reported. Calls that asyncio
makes itself (its executors, subprocess transports), thread start-up
handshakes, logging and traceback formatting are not the program's and are
skipped (stacks.SAFE_MODULES). Only names in the catalogue (or declared)
are reported; an import reports once, at the statement or import_module call
that started it, with the module name as detail.
"""
import asyncio.events
import functools
import importlib
import os
import sys
import threading

from loopwatch import record, stacks
from loopwatch.loops import clock

SKIP = object()
_get_running_loop = asyncio.events._get_running_loop
_ACTIVE = None           # the Guard the audit hook reports to (hooks cannot be removed)
_HOOKED = False
PSEUDO_FS = ("/proc/", "/sys/", "/dev/")


# ---- argument checks: SKIP when the call cannot block, else a detail --------
def _path(args, kwargs=None):
    p = args[0] if args else None
    if isinstance(p, int):
        return SKIP          # a file descriptor: no file system lookup
    try:
        p = os.fsdecode(p)
    except TypeError:
        return None
    return SKIP if p.startswith(PSEUDO_FS) else p


def _blocking_socket(args, kwargs=None):
    try:
        return SKIP if args[0].gettimeout() == 0.0 else None
    except Exception:
        return None


def _arg(args, kwargs, pos, name, default):
    if name in kwargs:
        return kwargs[name]
    return args[pos] if len(args) > pos else default


def _waits(block_pos, timeout_pos, block_name="block", timeout_name="timeout"):
    """A wait that returns at once with block=False or a timeout of 0."""
    def check(args, kwargs):
        if block_pos is not None and not _arg(args, kwargs, block_pos, block_name, True):
            return SKIP
        if timeout_pos is not None and _arg(args, kwargs, timeout_pos, timeout_name, None) == 0:
            return SKIP
        return None
    return check


def _bounded_put(args, kwargs):
    q = args[0]
    if getattr(q, "maxsize", 0) <= 0:
        return SKIP
    return _waits(2, 3)(args, kwargs)


def _waitpid(args, kwargs):
    options = _arg(args, kwargs, 2, "options", 0)
    return SKIP if options & getattr(os, "WNOHANG", 0) else None


def _select(args, kwargs):
    return SKIP if _arg(args, kwargs, 3, "timeout", None) == 0 else None


def _import_module(args, kwargs):
    name = _arg(args, kwargs, 0, "name", "")
    try:
        full = importlib.util.resolve_name(name, _arg(args, kwargs, 1, "package", None))
    except (ImportError, ValueError, AttributeError):
        return None
    return SKIP if full in sys.modules else full


def _open_event(args):
    return _path(args)


# audit event -> (catalogue name, check(args) -> SKIP or detail)
AUDIT = {
    "open": ("builtins.open", _open_event),
    "os.listdir": ("os.listdir", _open_event), "os.scandir": ("os.scandir", _open_event),
    "os.remove": ("os.remove", _open_event), "os.rename": ("os.rename", _open_event),
    "os.mkdir": ("os.mkdir", _open_event), "os.rmdir": ("os.rmdir", _open_event),
    "os.chmod": ("os.chmod", _open_event), "os.chown": ("os.chown", _open_event),
    "os.utime": ("os.utime", _open_event), "os.truncate": ("os.truncate", _open_event),
    "os.link": ("os.link", _open_event), "os.symlink": ("os.symlink", _open_event),
    "shutil.copyfile": ("shutil.copyfile", _open_event), "shutil.copymode": ("shutil.copymode", _open_event),
    "shutil.copystat": ("shutil.copystat", _open_event), "shutil.copytree": ("shutil.copytree", _open_event),
    "shutil.rmtree": ("shutil.rmtree", _open_event), "shutil.move": ("shutil.move", _open_event),
    "shutil.chown": ("shutil.chown", _open_event), "shutil.make_archive": ("shutil.make_archive", None),
    "shutil.unpack_archive": ("shutil.unpack_archive", _open_event),
    "glob.glob": ("glob.glob", None), "tempfile.mkstemp": ("tempfile.mkstemp", None),
    "tempfile.mkdtemp": ("tempfile.mkdtemp", None),
    "subprocess.Popen": ("subprocess.Popen", lambda a: str(a[1][0]) if a[1] else None),
    "os.system": ("os.system", lambda a: os.fsdecode(a[0]) if a else None),
    "os.posix_spawn": ("os.posix_spawn", None), "os.spawn": ("os.spawnv", None),
    "socket.connect": ("socket.socket.connect", lambda a: SKIP if _blocking_socket(a) is SKIP else str(a[1])),
    "socket.sendto": ("socket.socket.sendto", _blocking_socket),
    "socket.getaddrinfo": ("socket.getaddrinfo", lambda a: "%s:%s" % (a[0], a[1])),
    "socket.gethostbyname": ("socket.gethostbyname", lambda a: str(a[0])),
    "socket.gethostbyaddr": ("socket.gethostbyaddr", lambda a: str(a[0])),
    "socket.getnameinfo": ("socket.getnameinfo", None),
    "http.client.connect": ("http.client.HTTPConnection.connect", lambda a: "%s:%s" % (a[1], a[2])),
    "smtplib.connect": ("smtplib.SMTP.connect", None), "ftplib.connect": ("ftplib.FTP.connect", None),
    "sqlite3.connect": ("sqlite3.connect", lambda a: str(a[0])),
    "builtins.input": ("builtins.input", None),
    "import": ("builtins.__import__", lambda a: a[0]),
}
if sys.version_info >= (3, 13):
    AUDIT["time.sleep"] = ("time.sleep", lambda a: SKIP if a and a[0] == 0 else None)

# (module, attribute path, catalogue name, check): wrappers for what is not audited
WRAPPED = [
    ("os", "stat", "os.stat", _path), ("os", "lstat", "os.lstat", _path),
    ("os", "access", "os.access", _path), ("os", "fsync", "os.fsync", None),
    ("os", "readlink", "os.readlink", _path), ("os", "statvfs", "os.statvfs", _path),
    ("os", "wait", "os.wait", None), ("os", "waitpid", "os.waitpid", _waitpid),
    ("os", "wait3", "os.wait3", _waitpid), ("os", "wait4", "os.wait4", _waitpid),
    ("os", "waitid", "os.waitid", None),
    ("select", "select", "select.select", _select),
    ("socket", "socket.recv", "socket.socket.recv", _blocking_socket),
    ("socket", "socket.recv_into", "socket.socket.recv_into", _blocking_socket),
    ("socket", "socket.recvfrom", "socket.socket.recvfrom", _blocking_socket),
    ("socket", "socket.send", "socket.socket.send", _blocking_socket),
    ("socket", "socket.sendall", "socket.socket.sendall", _blocking_socket),
    ("socket", "socket.accept", "socket.socket.accept", _blocking_socket),
    ("ssl", "create_default_context", "ssl.create_default_context", None),
    ("ssl", "SSLContext.load_verify_locations", "ssl.SSLContext.load_verify_locations", None),
    ("ssl", "SSLContext.load_cert_chain", "ssl.SSLContext.load_cert_chain", None),
    ("ssl", "SSLContext.load_default_certs", "ssl.SSLContext.load_default_certs", None),
    ("ssl", "SSLContext.set_default_verify_paths", "ssl.SSLContext.set_default_verify_paths", None),
    ("ssl", "SSLContext.load_dh_params", "ssl.SSLContext.load_dh_params", None),
    ("threading", "Event.wait", "threading.Event.wait", _waits(None, 1)),
    ("threading", "Condition.wait", "threading.Condition.wait", _waits(None, 1)),
    ("threading", "Condition.wait_for", "threading.Condition.wait_for", _waits(None, 2)),
    ("threading", "Semaphore.acquire", "threading.Semaphore.acquire", _waits(1, 2, "blocking")),
    ("threading", "Barrier.wait", "threading.Barrier.wait", _waits(None, 1)),
    ("threading", "Thread.join", "threading.Thread.join", _waits(None, 1)),
    ("queue", "Queue.get", "queue.Queue.get", _waits(1, 2)),
    ("queue", "Queue.put", "queue.BoundedQueue.put", _bounded_put),
    ("queue", "Queue.join", "queue.Queue.join", None),
    ("concurrent.futures", "Future.result", "concurrent.futures.Future.result", _waits(None, 1)),
    ("concurrent.futures", "Future.exception", "concurrent.futures.Future.exception", _waits(None, 1)),
    ("concurrent.futures", "wait", "concurrent.futures.wait", _waits(None, 1)),
    ("subprocess", "Popen.wait", "subprocess.Popen.wait", _waits(None, 1)),
    ("subprocess", "Popen.communicate", "subprocess.Popen.communicate", _waits(None, 2)),
    ("importlib", "import_module", "importlib.import_module", _import_module),
    ("importlib", "reload", "importlib.reload", lambda a, k: getattr(a[0], "__name__", None) if a else None),
    ("multiprocessing.pool", "Pool.apply", "multiprocessing.pool.Pool.apply", None),
    ("multiprocessing.pool", "Pool.map", "multiprocessing.pool.Pool.map", None),
    ("multiprocessing.pool", "Pool.starmap", "multiprocessing.pool.Pool.starmap", None),
    ("multiprocessing.pool", "Pool.join", "multiprocessing.pool.Pool.join", None),
    ("multiprocessing.pool", "ApplyResult.get", "multiprocessing.pool.AsyncResult.get", _waits(None, 1)),
    ("multiprocessing.pool", "ApplyResult.wait", "multiprocessing.pool.AsyncResult.wait", _waits(None, 1)),
    ("multiprocessing.process", "BaseProcess.join", "multiprocessing.Process.join", _waits(None, 1)),
    ("getpass", "getpass", "getpass.getpass", None),
]
if sys.version_info < (3, 13):
    WRAPPED.append(("time", "sleep", "time.sleep", lambda a, k: SKIP if a and a[0] == 0 else None))

_IMPORTLIB = ("<frozen importlib._bootstrap>", "<frozen importlib._bootstrap_external>")


def _audit(event, args):
    g = _ACTIVE
    if g is None:
        return
    spec = g.events.get(event)
    if spec is None or _get_running_loop() is None:
        return
    try:
        g.on_audit(event, spec, args)
    except Exception:
        g.errors += 1


def make_wrapper(original, name, check):
    get_loop = _get_running_loop

    if check is _blocking_socket:
        # asyncio's own transports call these on every read and write, on
        # non-blocking sockets: decide that in the fewest steps
        def wrapper(sock, *args, **kwargs):
            g = _ACTIVE
            if g is None or sock.gettimeout() == 0.0 or get_loop() is None:
                return original(sock, *args, **kwargs)
            return g.guarded(original, name, None, (sock,) + args, kwargs)
    else:
        def wrapper(*args, **kwargs):
            g = _ACTIVE
            if g is None or get_loop() is None:
                return original(*args, **kwargs)
            return g.guarded(original, name, check, args, kwargs)

    try:
        functools.update_wrapper(wrapper, original)
    except (AttributeError, TypeError):
        pass
    wrapper.__loopwatch_original__ = original
    return wrapper


def _owner(module, path):
    """(object holding the attribute, attribute name) for an imported module."""
    mod = sys.modules.get(module)
    if mod is None:
        return None
    parts = path.split(".")
    owner = mod
    for p in parts[:-1]:
        owner = vars(owner).get(p) if hasattr(owner, "__dict__") else None
        if owner is None:
            return None
    return owner, parts[-1]


class Guard:
    def __init__(self, registry, recorder, index, places, declared=()):
        self.registry = registry
        self.recorder = recorder
        self.index = index
        self.places = places
        self.events = dict(AUDIT)
        self.busy = set()            # threads inside the guard's own bookkeeping
        self.in_call = {}            # thread id -> guarded primitive being called
        # what was reported last on each thread, so that one import or one
        # call of a catalogued library function reports once, whatever it
        # does inside (the frames are held until the next report there)
        self.last_import = {}        # thread id -> (frame, lasti) that started an import
        self.last_outer = {}         # thread id -> frame of a catalogued function
        self.errors = 0
        self.pending = list(WRAPPED) + [self._declared_spec(n) for n in declared]
        self.pending = [s for s in self.pending if s is not None]
        self.installed = []          # (owner, attr, original, was_own)
        self.modules_seen = -1
        self.wrapping = threading.RLock()
        self.import_codes = {}

    @staticmethod
    def _declared_spec(name):
        """A declared call: where its module ends is known once it is imported."""
        return ("", name, name, None) if "." in name else None

    # -- installing ---------------------------------------------------------
    def install(self):
        global _ACTIVE, _HOOKED
        for fn, name in ((importlib.import_module, "importlib.import_module"), (importlib.reload, "importlib.reload")):
            code = getattr(getattr(fn, "__loopwatch_original__", fn), "__code__", None)
            if code is not None:
                self.import_codes[code] = name
        self.wrap_new_modules()
        _ACTIVE = self
        if not _HOOKED:
            sys.addaudithook(_audit)
            _HOOKED = True

    def uninstall(self):
        global _ACTIVE
        _ACTIVE = None
        for owner, attr, original, was_own in reversed(self.installed):
            try:
                if was_own:
                    setattr(owner, attr, original)
                else:
                    delattr(owner, attr)
            except (AttributeError, TypeError):
                pass
        self.installed = []

    def wrap_new_modules(self):
        """Wrap what became importable since the last call. Runs at start, when
        a loop starts, on the loop's next beat after an import, and from the
        watchdog; most wrapped modules (and declared calls) are imported later
        than the guard starts."""
        if len(sys.modules) == self.modules_seen:
            return
        with self.wrapping:   # the loop thread waits for the watchdog's pass: its calls come next
            if len(sys.modules) != self.modules_seen:
                self.modules_seen = len(sys.modules)
                self._wrap_pending()

    def _wrap_pending(self):
        still = []
        for spec in self.pending:
            module, path, name, check = spec
            found = _owner(module, path) if module else self._owner_by_prefix(name)
            if found is None:
                still.append(spec)
                continue
            owner, attr = found
            original = vars(owner).get(attr) if hasattr(owner, "__dict__") else None
            was_own = original is not None
            if original is None:
                original = getattr(owner, attr, None)
            if original is None or isinstance(original, type) or getattr(original, "__loopwatch_original__", None):
                continue
            if isinstance(original, (staticmethod, classmethod, property)):
                continue
            try:
                setattr(owner, attr, make_wrapper(original, name, check))
            except (AttributeError, TypeError):
                continue
            self.installed.append((owner, attr, original, was_own))
        self.pending = still

    @staticmethod
    def _owner_by_prefix(name):
        parts = name.split(".")
        for i in range(len(parts) - 1, 0, -1):
            mod = sys.modules.get(".".join(parts[:i]))
            if mod is None:
                continue
            owner = mod
            for p in parts[i:-1]:
                owner = vars(owner).get(p) if hasattr(owner, "__dict__") else None
                if owner is None:
                    return None
            return owner, parts[-1]
        return None

    # -- events -------------------------------------------------------------
    def on_audit(self, event, spec, args):
        tid = threading.get_ident()
        if tid in self.busy or tid in self.in_call:
            return
        name, check = spec
        detail = check(args) if check is not None else None
        if detail is SKIP:
            return
        self.report(name, sys._getframe(2), None, detail, event)

    def guarded(self, original, name, check, args, kwargs):
        tid = threading.get_ident()
        frame = sys._getframe(2)
        if tid in self.busy or tid in self.in_call or stacks.is_safe_module(frame.f_globals.get("__name__") or ""):
            # asyncio's own calls (Windows' selector loop calls select.select
            # every iteration), thread start-up, logging: not the program's
            return original(*args, **kwargs)
        detail = None
        if check is not None:
            try:
                detail = check(args, kwargs)
            except Exception:
                detail = None
            if detail is SKIP:
                return original(*args, **kwargs)
        self.in_call[tid] = name
        t0 = clock()
        try:
            return original(*args, **kwargs)
        finally:
            ms = (clock() - t0) * 1000.0
            self.in_call.pop(tid, None)
            try:
                self.report(name, frame, ms, detail, None)
            except Exception:
                self.errors += 1

    def report(self, name, frame, ms, detail, event):
        tid = threading.get_ident()
        self.busy.add(tid)
        try:
            self._report(tid, name, frame, ms, detail, event)
        finally:
            self.busy.discard(tid)

    def _report(self, tid, name, frame, ms, detail, event):
        st = self.registry.by_thread.get(tid)
        live, entries = stacks.capture(frame, st.base if st is not None else None)
        if not entries:
            return
        k = self._import_boundary(entries)
        if k is not None:
            # an event inside the import machinery: part of an import, which
            # reports once, at the frame that started it
            if k + 1 >= len(live):
                return
            starter = live[k + 1]
            if self.last_import.get(tid) == (starter, starter.f_lasti):
                return
            self.last_import[tid] = (starter, starter.f_lasti)
            by = self.import_codes.get(starter.f_code)
            j = k + 2 if by else k + 1
            name = by or "builtins.__import__"
            try:
                detail = live[k].f_locals.get("name") or detail
            except Exception:
                pass
            ms = None
            live, entries = live[j:], entries[j:]
            if not entries:
                return
        elif event == "import":
            self.last_import[tid] = (frame, frame.f_lasti)
        a = stacks.locate(entries, self.places)
        if a is None:
            return
        for i in range(a.anchor + 1):
            if i < a.anchor or a.kinds[i] != stacks.PROJECT:
                if stacks.is_safe_module(live[i].f_globals.get("__name__", "") or ""):
                    return
        self.index.refresh()
        outer = stacks.outer_catalogued(a, self.index)
        if outer is not None:
            of = live[outer[0]]
            if self.last_outer.get(tid) is of:
                return           # the same call of a catalogued function, already reported
            self.last_outer[tid] = of
        site = record.call_site(a, self.index, name)
        if site.code is None:
            return
        if site.primitive != name:
            # a catalogued library call (requests.get): the detail says what
            # inside it was caught first ("import netrc", "socket.getaddrinfo ...")
            what = "import" if name == "builtins.__import__" else name.replace("builtins.", "", 1)
            detail = "%s %s" % (what, detail) if detail else what
        self.recorder.call(site, ms, detail, st.thread_name if st is not None else threading.current_thread().name)

    @staticmethod
    def _import_boundary(entries):
        """Index of the outermost import-machinery frame, or None."""
        for i in range(len(entries) - 1, -1, -1):
            if entries[i][0].co_filename in _IMPORTLIB:
                return i
        return None


def after_fork_in_child():
    global _ACTIVE
    _ACTIVE = None


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=after_fork_in_child)
