# /// script
# requires-python = ">=3.9"
# dependencies = ["pytest>=7"]
# ///
"""pytest plugin: watch the event loops of every test (loop_watch.py).

    PYTHONPATH=path/to/scripts pytest -p pytest_loop_watch [OPTIONS]

  --loop-watch-threshold-ms MS  a loop that does not run its timers for MS is
                                a stall (default 100)
  --loop-watch-sample-ms MS     heartbeat and sampling interval (default 5)
  --loop-watch-guard            also record catalogued blocking calls made on
                                a loop thread, however fast
  --loop-watch-fail             fail a test whose loop stalled past the
                                threshold or made a guarded call

Events are attributed to the test whose setup, call or teardown was running;
each test with events gets a "loop-watch" report section, and the terminal
summary lists them per test. `# noqa: BLKxxx` and [tool.find-blocking-calls]
(in the pyproject.toml of the rootdir) apply as in the scanner. Any loop is
watched: asyncio.run in a sync test, pytest-asyncio, anyio's asyncio backend.
It runs inside pytest, the one package it needs (declared above, PEP 723).
"""
import os
import sys

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
if HERE not in sys.path:
    sys.path.insert(0, HERE)

from loopwatch import report as lw_report  # noqa: E402
from loopwatch import settings as lw_settings
from loopwatch import watcher as lw_watcher

SECTION = "loop-watch"


def pytest_addoption(parser):
    g = parser.getgroup("loop-watch", "event-loop stalls and blocking calls (scripts/loop_watch.py)")
    g.addoption("--loop-watch-threshold-ms", type=float, default=100.0, metavar="MS",
                help="a loop that does not run its timers for MS is a stall (default: 100)")
    g.addoption("--loop-watch-sample-ms", type=float, default=5.0, metavar="MS",
                help="heartbeat and sampling interval (default: 5)")
    g.addoption("--loop-watch-guard", action="store_true",
                help="also record catalogued blocking calls made on a loop thread")
    g.addoption("--loop-watch-fail", action="store_true",
                help="fail a test whose loop stalled past the threshold or made a guarded call")


def pytest_configure(config):
    if config.pluginmanager.has_plugin("loop-watch-plugin"):
        return
    config.pluginmanager.register(LoopWatchPlugin(config), "loop-watch-plugin")


class LoopWatchPlugin:
    def __init__(self, config):
        o = config.option
        try:
            st = lw_settings.load(str(config.rootpath), threshold_ms=o.loop_watch_threshold_ms,
                                  sample_ms=o.loop_watch_sample_ms, guard=o.loop_watch_guard)
        except lw_settings.UsageError as exc:
            raise pytest.UsageError("loop-watch: %s" % exc) from None
        self.fail = o.loop_watch_fail
        self.watcher = lw_watcher.Watcher(st)
        self.current = None
        self.hits = {}            # nodeid -> {site key: [group, count, total ms, worst ms]}
        self.order = []
        self.watcher.recorder.listeners.append(self.on_event)
        self.watcher.start()

    def on_event(self, kind, group, ms):
        if self.current is None or group is None:
            return
        nodeid, phase = self.current
        per = self.hits.setdefault(nodeid, {})
        if not per:
            self.order.append(nodeid)
        slot = per.setdefault((phase, group.site.key), [group, 0, 0.0, 0.0, 0])
        slot[1] += 1
        if ms is not None:
            slot[2] += ms
            slot[3] = max(slot[3], ms)
            slot[4] += 1

    def events_of(self, nodeid, phases=("setup", "call", "teardown")):
        """This test's events in these phases, as report events (noqa and
        selection applied, counts merged across phases)."""
        w = self.watcher
        merged = {}
        for (phase, key), (group, count, total, worst, timed) in self.hits.get(nodeid, {}).items():
            if phase not in phases:
                continue
            m = merged.setdefault(key, [group, 0, 0.0, 0.0, 0])
            m[1] += count
            m[2] += total
            m[3] = max(m[3], worst)
            m[4] += timed
        out = []
        for group, count, total, worst, timed in merged.values():
            s = group.site
            if s.code is not None and not w.settings.selected(s.code):
                continue
            if w.noqa.silences(s):
                continue
            ev = lw_report.event_dict(group, w.places, w.index)
            ev.update(count=count, total_ms=total if timed else None, worst_ms=worst if timed else None, timed=timed)
            out.append(ev)
        return out

    @staticmethod
    def text_of(events):
        lines = []
        for ev in events:
            lines.extend(lw_report.event_lines(ev))
        return "\n".join(lines)

    def _phase(self, item, phase):
        self.current = (item.nodeid, phase)

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_setup(self, item):
        self._phase(item, "setup")
        yield

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_call(self, item):
        self._phase(item, "call")
        yield

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_teardown(self, item, nextitem):
        self._phase(item, "teardown")
        yield
        self.current = None

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item, call):
        outcome = yield
        rep = outcome.get_result()
        # setup events are judged with the call (a failed setup skips it);
        # a loop that stopped ended its stall synchronously, before this hook
        phases = {"call": ("setup", "call"), "teardown": ("teardown",)}.get(call.when)
        if phases is None and not rep.failed:
            return
        events = self.events_of(item.nodeid, phases or ("setup",))
        if not events:
            return
        text = self.text_of(events)
        rep.sections.append((SECTION + " " + call.when, text))
        if self.fail and rep.passed:
            rep.outcome = "failed"
            rep.longrepr = "loop-watch: the event loop was blocked during this test's %s\n%s" % (call.when, text)

    def pytest_terminal_summary(self, terminalreporter):
        tr = terminalreporter
        shown = [(n, self.events_of(n)) for n in self.order]
        shown = [(n, evs) for n, evs in shown if evs]
        if not shown:
            return
        tr.write_sep("=", "loop-watch: event-loop stalls and blocking calls per test")
        for nodeid, events in shown:
            tr.write_line(nodeid)
            for line in self.text_of(events).splitlines():
                tr.write_line("  " + line)

    def pytest_unconfigure(self, config):
        self.watcher.stop()
