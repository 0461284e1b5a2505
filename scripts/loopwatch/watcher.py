"""The watcher: loops, heartbeats, the watchdog, the guard and the records,
started and stopped together; and the in-process API.

    import sys; sys.path.insert(0, "path/to/scripts")
    from loop_watch import watch, install

    with watch(threshold_ms=100, guard=True) as w:   # report logged on exit
        asyncio.run(main())
    w.report()                                        # the JSON report as a dict

    install(threshold_ms=200, report_every=60)        # a service in staging:
                                                      # logs new events every 60 s and at exit

One watcher per process (the hooks are process-wide). While a loop is late
by half the threshold, the interpreter's switch interval is lowered
(switch.py): the program's value comes back when no loop is late, at stop()
and in a forked child.
"""
import asyncio.events
import atexit
import io
import logging
import os
import re
import threading

from loopwatch import guard as guard_mod
from loopwatch import loops, names, record, report, sampler, stacks
from loopwatch import settings as settings_mod
from loopwatch.loops import clock

HERE = os.path.dirname(os.path.abspath(__file__))
VERSION_LINE = re.compile(r'^  version: "([^"\n]*)"$', re.MULTILINE)
_CURRENT = None
_CURRENT_LOCK = threading.Lock()
log = logging.getLogger("loop_watch")


def bundle_version():
    """metadata.version of the SKILL.md shipped beside scripts/ ("unknown" without it)."""
    try:
        with open(os.path.join(HERE, os.pardir, os.pardir, "SKILL.md"), encoding="utf-8", errors="replace") as f:
            m = VERSION_LINE.search(f.read(65536))
    except OSError:
        return "unknown"
    return m.group(1) if m else "unknown"


def current():
    """The watcher running in this process, or None."""
    return _CURRENT


def _forked_child():
    """A forked child has no watchdog thread: drop the hooks, keep nothing."""
    global _CURRENT
    w = _CURRENT
    if w is not None:
        # the watchdog may have held a lock at fork time: its thread is gone
        w.registry.lock = threading.RLock()
        w.recorder.lock = threading.RLock()
        w.watchdog.lock = threading.RLock()
        w.watchdog.switch.lock = threading.RLock()
        w.watchdog.switch.restore()   # no watchdog here to put the program's value back
        if w.guard is not None:
            w.guard.wrapping = threading.RLock()
        w.active = False
        if w.guard is not None:
            w.guard.uninstall()
        w.registry.uninstall()
        _CURRENT = None


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forked_child)


class Watcher:
    def __init__(self, settings=None, report_every=None, logger=None, on_report=None, **knobs):
        self.settings = settings or settings_mod.Settings(**knobs)
        self.version = bundle_version()
        self.report_every = report_every
        self.logger = logger or log
        self.on_report = on_report            # callable(text) for periodic reports; default: the logger
        self.index = names.Index(self.settings.declared)
        self.places = stacks.Places(self.settings.project_roots)
        self.recorder = record.Recorder()
        self.noqa = report.NoqaLookup()
        interval = self.settings.sample_ms / 1000.0
        self.registry = loops.Registry(interval, on_start=self._loop_started, on_stop=self._loop_stopped,
                                       late=self.settings.threshold_ms / 1000.0)
        self.guard = guard_mod.Guard(self.registry, self.recorder, self.index, self.places,
                                     declared=self.settings.declared) if self.settings.guard else None
        hooks = [self._periodic]
        if self.guard is not None:
            self.registry.on_new_modules = self.guard.wrap_new_modules
            hooks.insert(0, self.guard.wrap_new_modules)
        self.watchdog = sampler.Watchdog(self.registry, self.recorder, self.index, self.places,
                                         self.settings.threshold_ms / 1000.0, interval,
                                         self.guard.in_call if self.guard is not None else {}, hooks)
        self.started = None
        self.stopped_at = None
        self.next_report = None
        self.reports_logged = 0               # periodic and final reports written
        self.active = False

    # -- lifecycle -------------------------------------------------------------
    def start(self):
        global _CURRENT
        with _CURRENT_LOCK:
            if _CURRENT is not None:
                raise RuntimeError("a loop watcher is already running in this process")
            _CURRENT = self
        self.started = clock()
        if self.report_every:
            self.next_report = self.started + self.report_every
        self.index.refresh()
        self.registry.install()
        if self.guard is not None:
            self.guard.install()
        self.watchdog.start()
        self.active = True
        loop = asyncio.events._get_running_loop()
        if loop is not None:  # started from inside a running loop: watch it too
            self.registry.attach(loop)
        return self

    def stop(self):
        """Close stalls in progress, remove every hook, stop the watchdog."""
        global _CURRENT
        if not self.active:
            return self
        self.active = False
        self.watchdog.flush()
        if self.guard is not None:
            self.guard.uninstall()
        self.registry.uninstall()
        self.watchdog.stop()
        self.stopped_at = clock()
        with _CURRENT_LOCK:
            if _CURRENT is self:
                _CURRENT = None
        return self

    def attach(self, loop=None):
        """Watch a loop that was already running (uvloop imported before the
        watcher started cannot be found otherwise). Call it inside the loop."""
        return self.registry.attach(loop or asyncio.get_running_loop())

    def __enter__(self):
        return self if self.active else self.start()

    def __exit__(self, *exc):
        self.stop()
        self.log_report()
        return False

    # -- callbacks -------------------------------------------------------------
    def _loop_started(self, st):
        self.watchdog.wake()

    def _loop_stopped(self, st):
        self.watchdog.stopped(st)

    def _periodic(self):
        if self.next_report is None or clock() < self.next_report:
            return
        self.next_report = clock() + self.report_every
        self.log_report(only_changed=True)

    # -- results ---------------------------------------------------------------
    def elapsed(self):
        if self.started is None:
            return 0.0
        return (self.stopped_at or clock()) - self.started

    def internal_errors(self):
        return self.watchdog.errors + (self.guard.errors if self.guard is not None else 0)

    def report(self, program=None, only_changed=False):
        """The report as a dict (schema.md). Safe to call from the loop."""
        tid = threading.get_ident()
        busy = self.guard.busy if self.guard is not None else set()
        busy.add(tid)
        try:
            rep = report.build(self, program, only_changed)
            if only_changed:
                with self.recorder.lock:
                    for g in self.recorder.groups.values():
                        g.changed = False
            return rep
        finally:
            busy.discard(tid)

    def text(self, program=None, only_changed=False):
        buf = io.StringIO()
        report.write_text(self.report(program, only_changed), buf)
        return buf.getvalue()

    def log_report(self, only_changed=False):
        rep = self.report(only_changed=only_changed)
        if only_changed and not rep["events"]:
            return
        buf = io.StringIO()
        report.write_text(rep, buf)
        text = buf.getvalue().rstrip("\n")
        self.reports_logged += 1
        if self.on_report is not None:
            self.on_report(text)
        elif rep["events"]:
            self.logger.warning("%s", text)
        else:
            self.logger.info("%s", text)


def watch(threshold_ms=100.0, sample_ms=5.0, guard=False, project=None, report_every=None,
          logger=None, config=None, no_config=False):
    """A Watcher to use as a context manager: `with watch(...) as w:`. The
    report is logged (logger "loop_watch", WARNING when there are events) on
    exit; `w.report()` gives it as a dict. `project` (folders) tells project
    frames from library ones and finds pyproject.toml (default: the working
    directory)."""
    roots = [project] if isinstance(project, str) else list(project or [os.getcwd()])
    st = settings_mod.load(roots[0], config=config, no_config=no_config, projects=roots,
                           threshold_ms=threshold_ms, sample_ms=sample_ms, guard=guard)
    return Watcher(st, report_every=report_every, logger=logger)


def install(threshold_ms=100.0, sample_ms=5.0, guard=False, project=None, report_every=60.0,
            logger=None, config=None, no_config=False):
    """Start watching for the rest of the process: events are logged every
    `report_every` seconds (those new or changed since the last log) and all
    of them at exit. Returns the Watcher. Call it at start-up, or inside the
    running loop (that loop is then watched too)."""
    w = watch(threshold_ms, sample_ms, guard, project, report_every, logger, config, no_config)
    w.start()

    def at_exit():
        w.stop()
        w.log_report()
    atexit.register(at_exit)
    return w
