"""loop_watch.py on realistic programs (tests/loopwatch/): lazy imports, a
GIL-holding C call, stalls that are not the loop's code (a frozen process,
a thread holding the GIL), signals, tracebacks, the working directory, reads,
catalogued library calls, an aiohttp server under loopback load, anyio.

Every program runs in a subprocess on each CPython 3.9+ present (third-party
ones in the dev venv and .venv-examples/py3.X). Stalls last 0.4 s or more
against a 100 ms threshold; tests assert on what was reported, never on how
long it took.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import time

import pytest
from test_loop_watch import EXTRAS, PYTHONS, SCRIPT, Run, line_of, programs, watch

POSIX_SIGNALS = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="POSIX signals")


def default_signals():
    """In the child: the signals a program is stopped with at their default
    action, as in a terminal. A test runner started by nohup, or in the
    background of a non-interactive shell, hands its children SIGHUP or
    SIGINT ignored, and an ignored signal would not stop the program."""
    for name in ("SIGHUP", "SIGINT", "SIGTERM"):
        signal.signal(getattr(signal, name), signal.SIG_DFL)


class Started:
    """A program started under the watcher (JSON report in a file), for
    tests that act on it while it runs."""

    def __init__(self, python, tmp_path, target, *options, env_path=()):
        self.dir = programs(tmp_path)
        self.out = tmp_path / "report.json"
        env = dict(os.environ)
        env.pop("PYTHONPATH", None)
        if env_path:
            env["PYTHONPATH"] = os.pathsep.join(str(p) for p in env_path)
        cmd = [python, str(SCRIPT), "--format", "json", "--output", str(self.out), *options, *target]
        self.proc = subprocess.Popen(cmd, cwd=str(self.dir), stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.PIPE, text=True, env=env,
                                     preexec_fn=default_signals if os.name == "posix" else None)

    def expect(self, prefix):
        line = self.proc.stdout.readline()
        assert line.startswith(prefix), (line, self.finish())
        return line

    @property
    def running(self):
        return self.proc.poll() is None

    def finish(self, timeout=120):
        """The finished run (a test_loop_watch.Run)."""
        try:
            out, err = self.proc.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            out, err = self.proc.communicate()
        text = self.out.read_text() if self.out.exists() else ""
        done = subprocess.CompletedProcess(self.proc.args, self.proc.returncode, out, err)
        return Run(done, json.loads(text) if text.strip() else None)


def brief(run):
    """What a failed assertion shows: events and stalls, short."""
    return ([(e["kind"], e["line"], e["function"], e["code"], e["call"], e["total_ms"], e["leaf"]["function"])
             for e in run.events],
            [(st["duration_ms"], st["samples"], st["loop_cpu_ms"], st["starved"], st["events"])
             for st in (run.report["stalls"] if run.report else [])])


def sites(run):
    return sorted((e["kind"], e["line"], e["code"], e["call"]) for e in run.events)


# ---- where a stall's time goes ------------------------------------------------------
@PYTHONS
def test_lazy_import_is_one_import_stall_at_the_import(python, tmp_path):
    p = programs(tmp_path)
    line = line_of(p / "lib_app" / "lazy_import.py", "mark:lazy-import")
    r = watch(python, tmp_path, ["--guard", "lib_app/lazy_import.py"], env_path=[p / "vendor"])
    # one stall, named by the import: not split by the functions its samples
    # passed through, nor named by the TLS setup inside the module it imports
    assert sites(r) == [("call", line, "BLK410", "builtins.__import__"),
                        ("stall", line, "BLK410", "builtins.__import__")], r
    stall = r.one(kind="stall")
    assert stall["function"] == "handler" and stall["leaf"]["path"] == "heavy_mod.py", r
    assert r.one(kind="call")["details"] == ["heavy_mod"] and stall["total_ms"] >= 400, r


@PYTHONS
def test_gil_held_by_a_c_call_is_not_blamed_on_the_next_line(python, tmp_path):
    src = programs(tmp_path) / "gil_after_stall.py"
    r = watch(python, tmp_path, ["gil_after_stall.py"])
    # json.dumps holds the GIL: the watchdog gets in as it returns, and must
    # not take the file read after it (which lets the GIL go) for the cause
    assert sites(r) == sorted([("stall", line_of(src, "mark:sleep"), "BLK100", "time.sleep"),
                               ("stall", line_of(src, "mark:dumps"), None, None)]), r
    assert r.one(line=line_of(src, "mark:dumps"))["function"] == "encode_all", r


@EXTRAS
def test_gil_held_by_a_c_call_under_uvloop(python, tmp_path):
    src = programs(tmp_path) / "gil_after_stall.py"
    r = watch(python, tmp_path, ["gil_after_stall.py", "uvloop"])
    assert sites(r) == sorted([("stall", line_of(src, "mark:sleep"), "BLK100", "time.sleep"),
                               ("stall", line_of(src, "mark:dumps"), None, None)]), r
    assert [lp["type"].split(".")[0] for lp in r.report["loops"]] == ["uvloop"], r


@PYTHONS
def test_library_coroutine_stack_stops_at_the_loop(python, tmp_path):
    # 3.13 enters the loop through a helper (_run_forever_setup): stacks must
    # still stop at run_forever, not run on into the program that started it
    p = programs(tmp_path)
    r = watch(python, tmp_path, ["lib_app/library_loop.py"], env_path=[p / "vendor"])
    ev = r.one(kind="stall")
    assert (ev["path"], ev["function"], ev["project"], ev["code"]) == ("slowlib.py", "serve", False, "BLK100"), r
    assert [f["function"] for f in ev["stack"]] == ["serve"], r


# ---- stalls that are not the loop's code ---------------------------------------------
@POSIX_SIGNALS
@PYTHONS
def test_frozen_process_is_not_blamed_on_what_the_loop_was_running(python, tmp_path):
    # SIGSTOP stands for a process the machine does not schedule (a CPU quota,
    # a loaded host): the loop stalls while running innocent code
    s = Started(python, tmp_path, ["innocent.py", "freeze"])
    s.expect("ready")
    freezes = 0
    answer = "resumed 0"
    while answer.startswith("resumed 0") and freezes < 60:   # until the watcher has seen a stall
        s.proc.send_signal(signal.SIGSTOP)
        time.sleep(0.4)
        s.proc.send_signal(signal.SIGCONT)
        freezes += 1
        try:   # the next freeze once the loop has run again (a loaded host may take a while)
            s.proc.stdin.write("ping\n")
            s.proc.stdin.flush()
        except BrokenPipeError:   # it saw the stall and finished
            break
        answer = s.proc.stdout.readline()
    r = s.finish()
    seen = (freezes, brief(r))
    assert r.proc.returncode == 0 and r.report["stats"]["stalls"] >= 1, seen
    assert r.events == [] and all(st["starved"] for st in r.report["stalls"]), seen
    assert r.report["stats"]["starved_stalls"] == r.report["stats"]["stalls"], r


@PYTHONS
def test_thread_holding_the_gil_is_not_blamed_on_the_loop(python, tmp_path):
    r = watch(python, tmp_path, ["innocent.py", "hog"])
    seen = brief(r)
    assert r.proc.returncode == 0 and r.report["stats"]["stalls"] >= 1, seen
    assert r.events == [] and r.report["stats"]["unattributed_stalls"] == r.report["stats"]["stalls"], seen


@PYTHONS
def test_only_the_stalling_loop_has_an_event(python, tmp_path):
    r = watch(python, tmp_path, ["quiet_loop.py"])
    ev = r.one(kind="stall", line=line_of(programs(tmp_path) / "quiet_loop.py", "mark:stall"))
    assert ev["loops"] == ["MainThread"] and ev["code"] == "BLK100", r
    assert not [e for e in r.events if "quiet-loop" in e["loops"]], r
    assert sorted(lp["thread"] for lp in r.report["loops"]) == ["MainThread", "quiet-loop"], r


# ---- the guard ------------------------------------------------------------------------
@PYTHONS
def test_catalogued_library_call_is_counted_once_per_call(python, tmp_path):
    line = line_of(programs(tmp_path) / "archive.py", "mark:archive")
    r = watch(python, tmp_path, ["--guard", "--threshold-ms", "2000", "archive.py"])
    at_line = [e for e in r.events if e["line"] == line]
    assert [(e["call"], e["code"], e["count"]) for e in at_line] == [("shutil.make_archive", "BLK400", 2)], r


@PYTHONS
def test_file_read_is_not_taken_for_stdin(python, tmp_path):
    src = programs(tmp_path) / "reads.py"
    s = Started(python, tmp_path, ["reads.py"])
    s.expect("reading stdin")
    time.sleep(0.5)                      # the stall: the program waits on stdin meanwhile
    s.proc.stdin.write("input\n")
    s.proc.stdin.flush()
    r = s.finish()
    assert r.proc.returncode == 1, r
    pipe = [e for e in r.events if e["line"] == line_of(src, "mark:pipe")]
    assert [(e["kind"], e["call"], e["code"]) for e in pipe] == [("stall", None, None)], r
    stdin = [e for e in r.events if e["line"] == line_of(src, "mark:stdin")]
    assert [(e["kind"], e["call"], e["code"]) for e in stdin] == [("stall", "sys.stdin.readline", "BLK500")], r


# ---- the program's own life -------------------------------------------------------------
@POSIX_SIGNALS
@PYTHONS
@pytest.mark.parametrize("signame,status", [("SIGINT", 130), ("SIGTERM", 143), ("SIGHUP", 129)])
def test_signal_writes_the_report_and_the_process_dies_of_it(python, tmp_path, signame, status):
    signum = getattr(signal, signame)
    s = Started(python, tmp_path, ["serve_forever.py"])
    s.expect("ready")
    s.proc.send_signal(signum)
    r = s.finish()
    # as without the watcher: killed by the signal (SIGINT: after the
    # KeyboardInterrupt traceback, as Python itself does)
    assert r.proc.returncode == -signum, r
    assert r.report["program"]["exit_status"] == status, r
    ev = r.one(kind="stall")
    assert (ev["line"], ev["code"]) == (line_of(s.dir / "serve_forever.py", "mark:stall"), "BLK100"), r
    if signame == "SIGINT":
        assert r.proc.stderr.rstrip().endswith("KeyboardInterrupt"), r
        assert "loopwatch" not in r.proc.stderr and "runpy" not in r.proc.stderr, r


@PYTHONS
def test_uncaught_exception_reads_as_without_the_watcher(python, tmp_path):
    p = programs(tmp_path)
    bare = subprocess.run([python, "raises.py"], cwd=str(p), capture_output=True, text=True, timeout=60)
    r = watch(python, tmp_path, ["raises.py"])
    assert r.proc.returncode == bare.returncode == 1 and r.report["program"]["exit_status"] == 1, r
    assert r.proc.stderr == bare.stderr, (r.proc.stderr, bare.stderr)


@PYTHONS
def test_output_and_argv_survive_the_program_changing_them(python, tmp_path):
    p = programs(tmp_path)
    proc = subprocess.run([python, str(SCRIPT), "--format", "json", "--output", "report.json", "chdir.py", "a"],
                          cwd=str(p), capture_output=True, text=True, timeout=120)
    report = json.loads((p / "report.json").read_text())
    assert proc.returncode == 1 and not (p / "elsewhere" / "report.json").exists(), proc
    assert report["program"]["argv"] == ["chdir.py", "a"], report
    assert [(e["line"], e["code"]) for e in report["events"]] == [(line_of(p / "chdir.py", "time.sleep("), "BLK100")]


# ---- realistic servers and frameworks ---------------------------------------------------
@EXTRAS
def test_aiohttp_server_under_loopback_load(python, tmp_path):
    src = programs(tmp_path) / "aio_app.py"
    s = Started(python, tmp_path, ["aio_app.py"])
    port = s.expect("port").split()[1]
    load = subprocess.run([python, str(s.dir / "load_gen.py"), port, "200"], capture_output=True, text=True,
                          timeout=300)
    r = s.finish()
    assert load.returncode == 0, load.stdout + load.stderr
    assert r.proc.returncode == 1 and r.report["program"]["exit_status"] == 0, r
    # the two blocking handlers, each at its own line and with its code; no
    # project code other than theirs is blamed (the load adds aiohttp's own
    # work and socket writes around them)
    project = sorted((e["line"], e["code"], e["function"]) for e in r.events if e["project"])
    assert project == [(line_of(src, "mark:cpu"), None, "cpu"), (line_of(src, "mark:slow"), "BLK101", "slow")], r
    cpu = r.one(line=line_of(src, "mark:cpu"))
    assert cpu["leaf"]["function"] == "digest" and cpu["count"] >= 1, r


@EXTRAS
def test_anyio_to_thread_and_an_own_executor_are_clean(python, tmp_path):
    r = watch(python, tmp_path, ["--guard", "--threshold-ms", "300", "anyio_clean.py"])
    assert r.proc.returncode == 0 and r.events == [] and r.report["stats"]["guarded_calls"] == 0, r
