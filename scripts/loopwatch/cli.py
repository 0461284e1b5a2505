"""Command line: run a program (a script or -m module) under the watcher,
like python -m cProfile: its argv, sys.path[0] and exit status are its own."""
import argparse
import os
import runpy
import signal
import sys
import threading
import traceback

from loopwatch import report
from loopwatch import settings as settings_mod
from loopwatch import watcher as watcher_mod

PROG = "loop_watch.py"
USAGE = "%(prog)s [OPTIONS] [--] program.py [ARGS ...]\n       %(prog)s [OPTIONS] -m package.module [ARGS ...]"
DESCRIPTION = """\
Watch a running asyncio program (asyncio or uvloop loops, any number, in any
thread) for event-loop stalls and, with --guard, for blocking calls made on
a loop thread. The run-time twin of find-blocking-calls.sh: same codes, same
`# noqa: BLKxxx`, same [tool.find-blocking-calls] configuration."""

EPILOG = """\
what it reports:
  stall   the loop did not run its timers for --threshold-ms: a watchdog thread
          gives each running loop a heartbeat (a timer every --sample-ms) and,
          when one is late by the threshold, samples that loop thread's stack
          every --sample-ms until the loop runs again. CPU work (a big JSON
          dump, a regex, a hash) and waits (a sync socket, a lock) are caught
          alike, in any library. No signals: Linux, macOS and Windows.
          While a loop is late by half the threshold, the interpreter's
          switch interval is 0.5 ms (sys.setswitchinterval) and the watchdog
          asks for the GIL that much before the threshold, so a stall that
          holds the GIL cannot keep it waiting; the program's value
          is put back when the loop runs again or the watcher stops (a value
          the program sets meanwhile is kept).
          Not blamed on the code it stood in: a stall whose loop thread ran
          for under half the threshold while the watchdog could not run
          either (the process was not scheduled, or another thread held the
          GIL) or, on Linux, while it waited for a CPU: counted as starved.
  call    (--guard) a catalogued blocking primitive called on a loop thread,
          however fast it was: file and directory calls, stat/os.path.exists,
          sockets, DNS, subprocesses and os.wait*, time.sleep, select, TLS
          setup (ssl.create_default_context, load_verify_locations, ...),
          imports of modules not imported yet, thread and process waits
          (Event.wait, Queue.get, Future.result, Thread.join, Pool.map, ...),
          and the calls you declare. Calls inside asyncio.to_thread or an
          executor are not on the loop and are not reported.
  Events are grouped by site: (the first project frame, the blocking call,
  else the function where the time went); one line that stalls the loop
  is one event. Each shows count, total and worst time, the blocking call
  with its scanner code (BLKnTR: family, sub-rule, route 0 called by that
  frame itself or 1 through sync helpers) and a short stack with library
  frames marked.
  A stall with no identified call has no code: CPU work or an uncatalogued
  library; its stack shows where.

silencing and configuration (shared with the scanner):
  `# noqa: BLK100` on the reported line (or on a sync helper's line, with the
  code's sub-rule); a bare `# noqa` silences any event there, stalls included.
  [tool.find-blocking-calls] in the pyproject.toml nearest the program:
  select/ignore (codes, prefixes or families) and blocking-calls (declared
  calls get their code, BLK000 by default, and are guarded too). Its folder
  is the project (frames elsewhere are library frames) unless --project.

limits (what the watcher does not see or does not report):
  - the guard wraps by attribute: code that bound a primitive before the
    guard started (`from time import sleep` at import time under the
    in-process API) keeps the original; the sampler still sees it when slow.
    The command line starts the guard before the program, so this is rare.
  - raw threading.Lock/RLock acquires are not guarded (C types); a long
    wait on one is still a stall.
  - on purpose: logging handlers, traceback and warning formatting, thread
    start-up handshakes and asyncio's own executor and subprocess work.
  - a stall whose every sample shows the loop in its own code, or a
    starved stall outside catalogued calls, is counted in the stats, not
    reported as an event; so is a C function that uvloop calls directly as
    a callback (it has no Python frame).
  - sampling needs the GIL, so samples land more often where the loop
    thread lets go of it (a socket write between two CPU-bound handlers):
    a site with less than two sample intervals of a stall that has other
    sites is left out.
  - outside Linux, a loop thread that the busy machine did not schedule
    while the watchdog ran looks like a thread blocked in an uncatalogued C
    call: reported. On Windows a timed wait may return a timer tick late
    (15.6 ms by default): detection may come that much later.
  - uvloop imported before the in-process API started: call
    watcher.attach() inside the loop (install() does it when called there).

output: text (default) or json (schema: scripts/loopwatch/schema.md) on
  stderr, or in --output FILE. The program's stdout is left alone.

exit status: the program's own status when it is not 0 (and the report
  says so); else 1 when events were found (0 with --exit-zero), 0 when
  clean; 2 on a usage error. The report is written before the program
  ends by os._exit, SIGTERM or SIGHUP left at their default (the process
  then dies of that signal, as it would have), or an uncaught
  KeyboardInterrupt (then it dies of SIGINT, as Python does; status 130
  in the report).

other ways to run it:
  pytest:     PYTHONPATH=path/to/scripts pytest -p pytest_loop_watch
              [--loop-watch-threshold-ms 100] [--loop-watch-guard] [--loop-watch-fail]
              reports per test; --loop-watch-fail fails a test whose loop
              stalled past the threshold or made a guarded call.
  in-process: sys.path.insert(0, "path/to/scripts"); from loop_watch import watch, install
              with watch(threshold_ms=100, guard=True) as w: asyncio.run(main())
              install(report_every=60) in a service started in staging: logs
              new events (logger "loop_watch") every 60 s and all at exit.

examples:
  python3 scripts/loop_watch.py -- app.py --port 8080
  python3 scripts/loop_watch.py --guard --format json --output lw.json -m mypkg.server
  python3 scripts/loop_watch.py --threshold-ms 50 --report-every 30 -- service.py
"""

REPORT_ON = ("SIGTERM", "SIGHUP")   # signals whose default action ends the process: the report is written first
VALUE_OPTIONS = {"--threshold-ms", "--sample-ms", "--format", "--output", "--select", "--ignore",
                 "--blocking-call", "--config", "--project", "--report-every"}


def parser():
    p = argparse.ArgumentParser(prog=PROG, usage=USAGE, description=DESCRIPTION, epilog=EPILOG,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    w = p.add_argument_group("watching")
    w.add_argument("--threshold-ms", type=float, default=100.0, metavar="MS",
                   help="report a loop that has not run its timers for this long (default: 100)")
    w.add_argument("--sample-ms", type=float, default=5.0, metavar="MS",
                   help="heartbeat period and stack-sampling interval during a stall (default: 5)")
    w.add_argument("--guard", action="store_true",
                   help="also report catalogued blocking calls made on a loop thread, however fast")
    w.add_argument("--project", action="append", default=[], metavar="DIR",
                   help="project folder: frames elsewhere are library frames (repeatable; default: "
                        "the folder of the nearest pyproject.toml, else the program's folder)")
    s = p.add_argument_group("what to report (as in find-blocking-calls)")
    s.add_argument("--select", action="append", default=[], metavar="CODES",
                   help="only these codes, prefixes or families (stalls with no code are always kept)")
    s.add_argument("--ignore", action="append", default=[], metavar="CODES", help="skip these codes, prefixes or families")
    s.add_argument("--blocking-call", action="append", default=[], metavar="NAME[=REPLACEMENT]",
                   help="declare a blocking call, e.g. mycorp.sdk.Client.fetch=AsyncClient.fetch")
    s.add_argument("--config", metavar="PYPROJECT", help="read [tool.find-blocking-calls] from this file")
    s.add_argument("--no-config", action="store_true", help="do not read pyproject.toml")
    o = p.add_argument_group("output")
    o.add_argument("--format", choices=("text", "json"), default="text", help="report format (default: text)")
    o.add_argument("--output", metavar="FILE", help="write the report to FILE instead of stderr")
    o.add_argument("--report-every", type=float, metavar="SECONDS",
                   help="also write events new since the last report every SECONDS (text, on stderr)")
    o.add_argument("--exit-zero", action="store_true", help="exit 0 when events were found (the program's own failure still shows)")
    o.add_argument("--version", action="version", version="loop-watch " + watcher_mod.bundle_version())
    return p


def split_argv(argv):
    """(our options, ("script", path, args) or ("module", name, args) or None)."""
    i = 0
    while i < len(argv):
        tok = argv[i]
        if tok == "--":
            rest = argv[i + 1:]
            return argv[:i], (("script", rest[0], rest[1:]) if rest else None)
        if tok == "-m":
            if i + 1 >= len(argv):
                return argv[:i] + ["-m"], None
            return argv[:i], ("module", argv[i + 1], argv[i + 2:])
        if tok.startswith("-m") and not tok.startswith("--"):
            return argv[:i], ("module", tok[2:], argv[i + 1:])
        if tok.startswith("-") and tok != "-":
            i += 2 if tok in VALUE_OPTIONS else 1
            continue
        return argv[:i], ("script", tok, argv[i + 1:])
    return argv, None


INTERRUPTED = 130   # the status reported for a program that ended with KeyboardInterrupt


class Interrupted(int):
    """INTERRUPTED, from a KeyboardInterrupt (a program's own exit(130) is a plain int)."""


def run_target(target):
    """Run the program in this interpreter as __main__; its exit status."""
    kind, what, args = target
    try:
        if kind == "script":
            sys.argv = [what] + list(args)
            sys.path[0] = os.path.dirname(os.path.abspath(what))
            # absolute, as `python what` makes __file__ and code paths (3.9+)
            runpy.run_path(os.path.abspath(what), run_name="__main__")
        else:
            sys.argv = [what] + list(args)
            sys.path[0] = os.getcwd()
            runpy.run_module(what, run_name="__main__", alter_sys=True)
        return 0
    except SystemExit as exc:
        code = exc.code
        if code is None:
            return 0
        if isinstance(code, int):
            return code
        sys.stderr.write("%s\n" % (code,))
        return 1
    except KeyboardInterrupt:
        uncaught()
        return Interrupted(INTERRUPTED)
    except BaseException:
        uncaught()
        return 1


def uncaught():
    """Show the exception being handled as the interpreter would: through
    sys.excepthook (the program may have set its own), from the program's
    first frame (not this module's or runpy's)."""
    etype, exc, tb = sys.exc_info()
    while tb is not None and tb.tb_frame.f_globals.get("__name__") in (__name__, "runpy"):
        tb = tb.tb_next
    exc.__traceback__ = tb   # sys.excepthook shows this one, whatever it is given
    try:
        sys.excepthook(etype, exc, tb)
    except Exception:
        traceback.print_exception(etype, exc, tb)


def die_like_interrupted():
    """Leave as CPython does after an uncaught KeyboardInterrupt, so a shell or
    a parent sees the same status: killed by SIGINT (POSIX), or exit code
    STATUS_CONTROL_C_EXIT (Windows). Returns only where neither applies."""
    if os.name == "nt":
        os._exit(0xC000013A)
    if hasattr(signal, "SIGINT") and hasattr(os, "kill"):
        try:
            signal.signal(signal.SIGINT, signal.SIG_DFL)
            os.kill(os.getpid(), signal.SIGINT)
        except (OSError, ValueError):
            return


def join_threads():
    """Wait for the program's non-daemon threads, as the interpreter would at exit."""
    me = threading.current_thread()
    for t in threading.enumerate():
        if t is not me and not t.daemon and t.is_alive():
            t.join()


class Run:
    """One watched run: writes the report once, however the program ends."""

    def __init__(self, w, args, target):
        self.w = w
        self.args = args
        self.target = target
        self.written = False
        self.status = None

    def program(self, status):
        return {"name": os.path.basename(self.target[1]) if self.target[0] == "script" else "-m " + self.target[1],
                "kind": self.target[0], "target": self.target[1], "argv": [self.target[1]] + list(self.target[2]),
                "exit_status": status}

    def finish(self, status):
        if self.written:
            return self.status
        self.written = True
        self.w.stop()
        rep = self.w.report(self.program(status))
        if self.args.output:
            with open(self.args.output, "w", encoding="utf-8") as f:
                report.write(rep, self.args.format, f)
        else:
            report.write(rep, self.args.format, sys.stderr)
        if status:
            self.status = status
        elif rep["events"] and not self.args.exit_zero:
            self.status = 1
        else:
            self.status = 0
        return self.status

    def install_exit_hooks(self):
        """Report before os._exit, and before SIGTERM or SIGHUP kills the
        process (when the program leaves them at their default)."""
        real_exit = os._exit
        pid = os.getpid()   # a forked child (multiprocessing) leaves with os._exit too: not ours to report

        def _exit(code):
            try:
                if os.getpid() == pid:
                    self.finish(code)
            finally:
                real_exit(code)
        os._exit = _exit
        def on_signal(signum, frame):
            if os.getpid() == pid:
                self.finish(128 + signum)
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
        if threading.current_thread() is not threading.main_thread():
            return
        for name in REPORT_ON:   # a server stopped by kill, or by its terminal closing
            signum = getattr(signal, name, None)
            if signum is not None and signal.getsignal(signum) == signal.SIG_DFL:
                signal.signal(signum, on_signal)

    def periodic(self, text):
        sys.stderr.write(text + "\n")
        sys.stderr.flush()


def main(argv=None):
    argv = sys.argv[1:] if argv is None else argv
    ours, target = split_argv(argv)
    p = parser()
    args = p.parse_args(ours)
    if target is None or not target[1]:
        p.error("give a program to run: -- program.py [ARGS] or -m package.module [ARGS]")
    if target[0] == "script" and not os.path.exists(target[1]):
        p.error("program %s: no such file" % target[1])
    if args.report_every is not None and args.report_every <= 0:
        p.error("--report-every must be above 0 seconds")
    start = target[1] if target[0] == "script" else os.getcwd()
    notices = []
    try:
        st = settings_mod.load(start, config=args.config, no_config=args.no_config, select=args.select,
                               ignore=args.ignore, blocking_calls=args.blocking_call, projects=args.project,
                               notice=notices.append, threshold_ms=args.threshold_ms,
                               sample_ms=args.sample_ms, guard=args.guard)
    except settings_mod.UsageError as exc:
        p.error(str(exc))
    for n in notices:
        sys.stderr.write("loop-watch: notice: %s\n" % n)
    if args.output:
        args.output = os.path.abspath(args.output)   # the program may change its working directory
        try:
            open(args.output, "a").close()
        except OSError as exc:
            p.error("--output %s: %s" % (args.output, exc.strerror or exc))
    w = watcher_mod.Watcher(st, report_every=args.report_every)
    run = Run(w, args, target)
    w.on_report = run.periodic
    run.install_exit_hooks()
    w.start()
    status = run_target(target)
    try:
        join_threads()
    except KeyboardInterrupt:
        status = status or Interrupted(INTERRUPTED)
    result = run.finish(status)
    if isinstance(status, Interrupted):
        die_like_interrupted()
    return result
