"""The single-file service asset, run for real on every CPython 3.9+ present.

Each test starts `assets/async-project-template.py` as a subprocess on a free
port (--port 0; the port is read from its "listening" log line), talks HTTP
to it over 127.0.0.1, and sends it real signals. Every stderr line must be a
JSON log record, and no record may be a warning about leaked resources.
"""
from __future__ import annotations

import http.client
import json
import os
import queue
import signal
import socket
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from interpreters import find_interpreters, interpreter_id

ROOT = Path(__file__).resolve().parent.parent
ASSET = ROOT / "assets" / "async-project-template.py"
INTERPRETERS = find_interpreters()
# Generous bounds: they only catch a process that hangs instead of exiting.
START_TIMEOUT = 30
MARGIN = 20

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="POSIX signals; the Windows path is forced by env var")


@pytest.fixture(params=INTERPRETERS, ids=[interpreter_id(v) for v, _ in INTERPRETERS])
def python(request):
    return request.param[1]


class Proc:
    """The service as a subprocess, with its stderr parsed as JSON lines.
    `script`: what runs instead of the asset (e.g. ["-c", MISBEHAVING, ...])."""

    def __init__(self, python, *args, env=None, script=None):
        full_env = {k: v for k, v in os.environ.items() if not k.startswith("SERVICE_")}
        full_env.update(env or {})
        self.p = subprocess.Popen(
            [python, "-W", "default", *(script or [str(ASSET)]), "--port", "0", *args],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
            text=True, env=full_env)
        self.records: list[dict] = []
        self.bad_lines: list[str] = []
        self._new = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()
        self.port = None

    def _read(self):
        for line in self.p.stderr:
            try:
                rec = json.loads(line)
            except ValueError:
                self.bad_lines.append(line)
                continue
            self.records.append(rec)
            self._new.put(rec)
        self._new.put(None)

    def wait_log(self, msg, timeout=START_TIMEOUT, **match):
        """The first record (past or future) with this msg and fields."""
        deadline = time.monotonic() + timeout
        seen = 0
        while True:
            for rec in self.records[seen:]:
                if rec["msg"] == msg and all(rec.get(k) == v for k, v in match.items()):
                    return rec
            seen = len(self.records)
            left = deadline - time.monotonic()
            if left <= 0:
                raise AssertionError(f"no log {msg!r} {match} within {timeout}s; got {self.records}{self.bad_lines}")
            try:
                if self._new.get(timeout=left) is None and self.p.poll() is not None:
                    self._reader.join(5)
                    for rec in self.records[seen:]:
                        if rec["msg"] == msg and all(rec.get(k) == v for k, v in match.items()):
                            return rec
                    raise AssertionError(f"exited {self.p.returncode} before log {msg!r}: {self.records}{self.bad_lines}")
            except queue.Empty:
                pass

    def started(self, ready=True):
        self.port = self.wait_log("listening")["port"]
        if ready:
            self.wait_log("ready")
        return self

    def get(self, path, timeout=60, headers=None):
        """(status, json body, headers) or the name of the connection error."""
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=timeout)
        try:
            conn.request("GET", path, headers=headers or {})
            resp = conn.getresponse()
            return resp.status, json.loads(resp.read()), dict(resp.getheaders())
        except (ConnectionError, http.client.HTTPException) as exc:
            return type(exc).__name__, None, None
        finally:
            conn.close()

    def signal(self, sig):
        self.p.send_signal(sig)

    def wait(self, timeout):
        rc = self.p.wait(timeout)
        self._reader.join(10)
        return rc

    def assert_clean(self):
        assert not self.bad_lines, "".join(self.bad_lines)
        warnings = [r for r in self.records if r["level"] == "error" or (
            r["level"] == "warning" and r["msg"] != "second signal, exiting now" and "grace period" not in r["msg"])]
        assert not warnings, warnings

    def kill(self):
        if self.p.poll() is None:
            self.p.kill()
            self.p.wait(10)


@pytest.fixture
def start(python):
    procs = []

    def _start(*args, env=None, ready=True, script=None):
        proc = Proc(python, *args, env=env, script=script)
        procs.append(proc)
        return proc.started(ready)

    yield _start
    for proc in procs:
        proc.kill()


def wait_until(pred, timeout=START_TIMEOUT):
    deadline = time.monotonic() + timeout
    while not pred():
        assert time.monotonic() < deadline, "condition not reached"
        time.sleep(0.02)


def test_health_ready_and_a_request(start):
    svc = start()
    status, body, _ = svc.get("/healthz")
    assert (status, body["status"], body["state"]) == (200, "ok", "ready")
    assert svc.get("/readyz")[:2] == (200, {"status": "ready"})
    status, body, headers = svc.get("/work?ms=30", headers={"X-Request-Id": "req-42"})
    assert (status, body) == (200, {"slept_ms": 30})
    assert headers["X-Request-Id"] == "req-42"
    # The connection task logs the request under the caller's id.
    assert svc.wait_log("request", request_id="req-42")["status"] == 200
    assert svc.get("/work?ms=abc")[0] == 400
    assert svc.get("/work?ms=999999")[0] == 400
    assert svc.get("/nope")[0] == 404
    svc.signal(signal.SIGTERM)
    assert svc.wait(MARGIN) == 0
    stopped = svc.wait_log("stopped")
    assert (stopped["exit_code"], stopped["leaked_tasks"]) == (0, 0)
    svc.assert_clean()


def test_not_ready_while_warming_up_and_signal_cuts_warmup_short(start):
    svc = start("--warmup", "600", ready=False)
    assert svc.get("/healthz")[0] == 200  # alive while warming up
    assert svc.get("/readyz")[:2] == (503, {"status": "starting"})
    status, body, headers = svc.get("/work?ms=1")
    assert (status, body, headers["Retry-After"]) == (503, {"error": "starting"}, "1")
    svc.signal(signal.SIGTERM)
    assert svc.wait(MARGIN) == 0  # far less than the 600 s warm-up
    assert svc.wait_log("stopped")["leaked_tasks"] == 0
    assert not any(r["msg"] == "ready" for r in svc.records)
    svc.assert_clean()


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGINT], ids=["SIGTERM", "SIGINT"])
@pytest.mark.parametrize("signal_path", ["native", "portable"])
def test_drain_finishes_accepted_work_and_refuses_new(start, sig, signal_path):
    env = {"SERVICE_PORTABLE_SIGNALS": "1"} if signal_path == "portable" else {}
    grace = 30
    svc = start("--workers", "4", "--queue-size", "16", "--shutdown-grace", str(grace), env=env)
    n, ms = 8, 800  # two rounds on 4 workers: queued jobs drain too
    with ThreadPoolExecutor(n) as pool:
        futures = [pool.submit(svc.get, f"/work?ms={ms}") for _ in range(n)]
        # Signal only once every request is admitted (running or queued).
        wait_until(lambda: svc.get("/healthz")[1]["in_flight"] == n)
        svc.signal(sig)
        svc.wait_log("shutdown requested", reason=sig.name)
        late = svc.get("/work?ms=1", timeout=10)
        results = [f.result() for f in futures]
    # Refused once the listener is closed; reset if it was still in the
    # kernel's accept backlog when the listener closed; 503 if accepted first.
    assert late[0] in ("ConnectionRefusedError", "ConnectionResetError", 503), late
    assert [r[:2] for r in results] == [(200, {"slept_ms": ms})] * n
    assert svc.wait(grace + MARGIN) == 0
    # Done within the grace period: nothing had to be cut off.
    assert not [r for r in svc.records if "grace period" in r["msg"]]
    stopped = svc.wait_log("stopped")
    assert (stopped["exit_code"], stopped["leaked_tasks"]) == (0, 0)
    svc.assert_clean()


def raw_send(sock, path):
    sock.sendall(f"GET {path} HTTP/1.1\r\nHost: test\r\n\r\n".encode())


def raw_get(sock, path=None):
    """GET on an already-connected socket (path=None: already sent):
    (status, JSON body, headers)."""
    if path is not None:
        raw_send(sock, path)
    data = b""
    while chunk := sock.recv(65536):  # the server closes after one response
        data += chunk
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    headers = dict(line.split(": ", 1) for line in lines[1:])
    return int(lines[0].split()[1]), json.loads(body), headers


def test_while_draining_readyz_and_new_work_get_503(start):
    # A probe or client whose connection was accepted before the signal, but
    # whose request arrives during the drain, is told the service is going.
    svc = start("--shutdown-grace", "60")
    early = [socket.create_connection(("127.0.0.1", svc.port), timeout=60) for _ in range(3)]
    try:
        # The kernel's accept queue is FIFO: once a later connection has its
        # answer, the service has accepted the three above. Open, they hold
        # the drain (for at most its grace period, or 10 s without a request).
        assert svc.get("/healthz")[0] == 200
        svc.signal(signal.SIGTERM)
        svc.wait_log("shutdown requested")
        for s, path in zip(early, ["/readyz", "/work?ms=1", "/healthz"]):
            raw_send(s, path)  # all at once: well inside IDLE_GRACE_ON_DRAIN
        ready, work, health = (raw_get(s) for s in early)
    finally:
        for s in early:
            s.close()
    assert ready[:2] == (503, {"status": "draining"})
    assert work[:2] == (503, {"error": "draining"}) and work[2]["Retry-After"] == "1"
    assert (health[0], health[1]["state"]) == (200, "draining")  # still alive
    assert svc.wait(60 + MARGIN) == 0
    assert svc.wait_log("stopped")["leaked_tasks"] == 0
    svc.assert_clean()


def test_drain_delay_keeps_serving_while_readiness_fails(start):
    # Behind a load balancer, traffic keeps arriving until it sees /readyz
    # fail. During --drain-delay that traffic is served; then the listener
    # closes and the drain goes on as usual.
    svc = start("--drain-delay", "5", "--shutdown-grace", "60")
    svc.signal(signal.SIGTERM)
    svc.wait_log("shutdown requested")
    assert svc.get("/readyz")[:2] == (503, {"status": "draining"})
    assert svc.get("/work?ms=1", headers={"X-Request-Id": "during-delay"})[:2] == (200, {"slept_ms": 1})
    assert svc.wait(60 + MARGIN) == 0
    msgs = [(r["msg"], r.get("request_id")) for r in svc.records]
    served = msgs.index(("request", "during-delay"))
    assert served < [m for m, _ in msgs].index("drain delay over, closing the listener")
    assert svc.wait_log("stopped")["leaked_tasks"] == 0
    svc.assert_clean()


def test_drain_delay_must_be_shorter_than_the_grace(python):
    p = run_asset(python, "--drain-delay", "30", "--shutdown-grace", "20")
    assert p.returncode == 2 and "--drain-delay must be shorter than --shutdown-grace" in p.stderr


def test_idle_connection_is_closed_early_in_a_drain(start):
    # A connection that never sends a request (a load balancer's spare) must
    # not hold the drain until the 10 s header timeout: IDLE_GRACE_ON_DRAIN
    # (2 s) into the drain it is closed, with nothing sent back. The header
    # timeout would close it silently, without the log line checked here.
    svc = start("--shutdown-grace", "60")
    idle = socket.create_connection(("127.0.0.1", svc.port), timeout=60)
    try:
        assert svc.get("/healthz")[0] == 200  # FIFO accept: the idle one is in
        svc.signal(signal.SIGTERM)
        assert svc.wait_log("closing idle connections")["connections"] == 1
        assert idle.recv(1) == b""  # closed, no response
    finally:
        idle.close()
    assert svc.wait(MARGIN) == 0
    assert svc.wait_log("stopped")["leaked_tasks"] == 0
    assert not [r for r in svc.records if "grace period" in r["msg"]]
    svc.assert_clean()


def test_grace_period_over_cancels_leftovers_and_exits_0(start):
    svc = start("--shutdown-grace", "0.5", "--request-timeout", "120")
    with ThreadPoolExecutor(3) as pool:
        futures = [pool.submit(svc.get, "/work?ms=60000") for _ in range(3)]
        wait_until(lambda: svc.get("/healthz")[1]["in_flight"] == 3)
        svc.signal(signal.SIGTERM)
        assert svc.wait(MARGIN) == 0  # well before the 60 s jobs would end
        results = [f.result() for f in futures]
    # Cut off: the connection closes without a response.
    assert all(r[0] in ("RemoteDisconnected", "ConnectionResetError") for r in results), results
    assert svc.wait_log("grace period over, cancelling in-flight requests")["requests"] == 3
    assert svc.wait_log("stopped")["leaked_tasks"] == 0
    svc.assert_clean()


def test_second_signal_exits_at_once(start):
    svc = start("--shutdown-grace", "600", "--request-timeout", "600")
    with ThreadPoolExecutor(1) as pool:
        fut = pool.submit(svc.get, "/work?ms=60000")
        wait_until(lambda: svc.get("/healthz")[1]["in_flight"] == 1)
        svc.signal(signal.SIGTERM)
        svc.wait_log("shutdown requested")
        svc.signal(signal.SIGINT)
        assert svc.wait(MARGIN) == 128 + signal.SIGINT
        fut.result()
    assert svc.wait_log("second signal, exiting now")["signal"] == "SIGINT"


def test_overload_is_rejected_with_503_and_nothing_is_queued(start):
    workers, queue_size = 2, 3
    svc = start("--workers", str(workers), "--queue-size", str(queue_size), "--request-timeout", "300",
                "--shutdown-grace", "0")
    capacity = workers + queue_size
    with ThreadPoolExecutor(32) as pool:
        held = [pool.submit(svc.get, "/work?ms=60000") for _ in range(capacity)]
        wait_until(lambda: svc.get("/healthz")[1]["in_flight"] == capacity)
        shed = list(pool.map(lambda _: svc.get("/work?ms=60000"), range(1500)))
        health = svc.get("/healthz")[1]
        svc.signal(signal.SIGTERM)
        assert svc.wait(MARGIN) == 0
        [f.result() for f in held]
    assert {(s, b["error"], h["Retry-After"]) for s, b, h in shed} == {(503, "overloaded", "1")}
    # 1500 rejected requests left no trace: nothing was admitted or queued for
    # them (memory under overload is a benchmark matter, not a test's).
    assert (health["in_flight"], health["queued"]) == (capacity, queue_size)
    assert svc.wait_log("stopped")["leaked_tasks"] == 0


def test_crashed_worker_is_restarted_and_logged(start):
    svc = start("--workers", "1")
    assert svc.get("/work?crash=1", headers={"X-Request-Id": "bad-job"})[:2] == (500, {"error": "internal error"})
    crash = svc.wait_log("worker crashed")
    assert (crash["level"], crash["policy"], crash["action"], crash["task"]) == ("error", "restart", "restart", "worker-0")
    # The id reached the worker through the job, so the crash names its job.
    assert crash["request_id"] == "bad-job"
    assert "WorkerCrash" in crash["exc"]
    svc.wait_log("worker restarted", task="worker-0")
    # The only worker serves again, so it really was restarted.
    assert svc.get("/work?ms=1")[:2] == (200, {"slept_ms": 1})
    svc.signal(signal.SIGTERM)
    assert svc.wait(MARGIN) == 0


def test_crashed_worker_under_exit_policy_stops_the_service_with_exit_1(start):
    svc = start("--workers", "2", "--crash-policy", "exit")
    assert svc.get("/work?crash=1")[0] == 500
    assert svc.wait(MARGIN) == 1  # no signal: the policy brought it down
    assert svc.wait_log("worker crashed")["action"] == "stop service"
    stopped = svc.wait_log("stopped")
    assert (stopped["exit_code"], stopped["leaked_tasks"]) == (1, 0)


def test_deadline_exceeded_is_504_and_the_job_is_cancelled(start):
    svc = start("--workers", "1", "--request-timeout", "0.3")
    assert svc.get("/work?ms=30000")[:2] == (504, {"error": "deadline exceeded"})
    # The worker is free again at once: the timed-out job was cancelled.
    svc2_status = svc.get("/work?ms=0")
    assert svc2_status[:2] == (200, {"slept_ms": 0})
    svc.signal(signal.SIGTERM)
    assert svc.wait(MARGIN) == 0
    svc.assert_clean()


def run_asset(python, *args, env=None):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("SERVICE_")}
    full_env.update(env or {})
    return subprocess.run([python, str(ASSET), *args], capture_output=True, text=True, timeout=60, env=full_env)


def test_help_lists_flags_with_env_fallbacks(python):
    out = run_asset(python, "--help")
    assert out.returncode == 0
    text = " ".join(out.stdout.split())
    for flag, env in [("--host", "SERVICE_HOST"), ("--port", "SERVICE_PORT"), ("--shutdown-grace", "SERVICE_SHUTDOWN_GRACE"),
                      ("--queue-size", "SERVICE_QUEUE_SIZE"), ("--crash-policy", "SERVICE_CRASH_POLICY")]:
        assert flag in text and env in text
    assert "70 work still running at the --shutdown-grace deadline" in text  # the exit status a stuck stop gets


@pytest.mark.parametrize("args,env,needle", [
    (["--port", "http"], {}, "--port"),
    ([], {"SERVICE_WORKERS": "0"}, "--workers"),
    ([], {"SERVICE_SHUTDOWN_GRACE": "nan"}, "--shutdown-grace"),
    (["--crash-policy", "ignore"], {}, "--crash-policy"),
])
def test_bad_flag_or_env_is_one_error_and_exit_2(python, args, env, needle):
    out = run_asset(python, *args, env=env)
    assert out.returncode == 2
    errors = [line for line in out.stderr.splitlines() if "error:" in line]
    assert len(errors) == 1 and needle in errors[0], out.stderr


def test_port_in_use_is_one_log_line_and_exit_1(start, python):
    first = start()
    out = run_asset(python, "--port", str(first.port))
    assert out.returncode == 1
    records = [json.loads(line) for line in out.stderr.splitlines()]
    assert records[0]["msg"] == "cannot listen" and records[-1]["msg"] == "stopped"
    assert records[-1]["leaked_tasks"] == 0


# The user code the shutdown deadline is there for, put into the asset the
# way a user does (replacing Service.do_work or a route): run as
# `python -c MISBEHAVING ASSET CASE --flags...`. Each bug logs when it is in
# place, so the test signals only once the state is reached.
MISBEHAVING = r'''
import asyncio, importlib.util, logging, sys, threading
spec = importlib.util.spec_from_file_location("service", sys.argv[1])
service = sys.modules["service"] = importlib.util.module_from_spec(spec)
spec.loader.exec_module(service)
case, Service = sys.argv[2], service.Service
released = threading.Event()


async def swallow_cancellation():
    while True:
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            service.event(logging.INFO, "cancellation swallowed")


def wait_in_thread(event):
    service.event(logging.INFO, "thread waiting")  # request_id: to_thread copies the context
    event.wait()


async def do_work(self, job):
    service.event(logging.INFO, "job started")
    if case == "job swallows cancellation":
        await swallow_cancellation()
    if case == "job stuck in a thread":
        await asyncio.to_thread(wait_in_thread, threading.Event())  # never set
    if case == "thread done during the drain":
        await asyncio.to_thread(wait_in_thread, released)
    return {"slept_ms": job.ms}


async def warm_up(self):
    service.event(logging.INFO, "warming up")
    await swallow_cancellation()


handle, request_stop = Service.handle, Service.request_stop


async def stuck_handle(self, method, target):
    if target == "/stuck":
        service.event(logging.INFO, "handler started")
        await swallow_cancellation()
    return await handle(self, method, target)


def release_on_stop(self, reason):
    request_stop(self, reason)
    released.set()


Service.do_work, Service.handle, Service.request_stop = do_work, stuck_handle, release_on_stop
if case == "warm-up swallows cancellation":
    Service.warm_up = warm_up
sys.exit(service.main(sys.argv[3:]))
'''

STUCK_CASES = {  # case: (request path, X-Request-Id, log line that says the bug is in place)
    "job swallows cancellation": ("/work?ms=1", "swallower", "job started"),
    "handler swallows cancellation": ("/stuck", "stuck-handler", "handler started"),
    "job stuck in a thread": ("/work?ms=1", "blocked", "thread waiting"),
    "warm-up swallows cancellation": (None, "-", "warming up"),
}


def misbehaving(case):
    return ["-c", MISBEHAVING, str(ASSET), case]


def send_and_hold(svc, path, rid):
    """A request left waiting for its answer (the caller is still there)."""
    sock = socket.create_connection(("127.0.0.1", svc.port), timeout=60)
    sock.sendall(f"GET {path} HTTP/1.1\r\nHost: test\r\nX-Request-Id: {rid}\r\n\r\n".encode())
    return sock


@pytest.mark.parametrize("case", list(STUCK_CASES))
def test_work_stuck_at_the_deadline_is_named_and_exits_70(start, case):
    # Each of these hung the process past its grace, on every version, before
    # the deadline was enforced: asyncio.run waits for a cancelled task
    # without a bound, interpreter exit joins executor threads.
    path, rid, in_place = STUCK_CASES[case]
    grace = 0.5
    svc = start("--shutdown-grace", str(grace), "--workers", "1", script=misbehaving(case), ready=path is not None)
    client = send_and_hold(svc, path, rid) if path else None
    try:
        svc.wait_log(in_place, request_id=rid)
        svc.signal(signal.SIGTERM)
        assert svc.wait(MARGIN) == 70
        if client:
            assert client.recv(1) == b""  # cut off, no answer
    finally:
        if client:
            client.close()
    gave_up = svc.wait_log("shutdown deadline passed, leaving stuck work behind")
    assert (gave_up["level"], gave_up["exit_code"], gave_up["grace_s"]) == ("error", 70, grace)
    # Its worker waits for the job, except on 3.9/3.10: there a second cancel
    # makes wait_for give up on the task it wraps, so only the job is left.
    stuck = {"job swallows cancellation": ({"job-swallower"}, []),
             "handler swallows cancellation": ({"closing-http", "request-stuck-handler"}, []),
             "job stuck in a thread": (set(), [{"started_by": "job-blocked"}]),
             "warm-up swallows cancellation": ({"warm-up"}, [])}[case]
    threads = [{"started_by": t["started_by"]} for t in gave_up["stuck_threads"]]
    assert (set(gave_up["stuck_tasks"]) - {"worker-0"}, threads) == stuck, gave_up
    assert all(t["thread"].startswith("job-thread_") for t in gave_up["stuck_threads"]), gave_up
    if "swallows" in case:  # it was cancelled, and kept running
        svc.wait_log("cancellation swallowed", request_id=rid)
    assert svc.records[-1] is gave_up  # flushed, and nothing ran after it
    assert not svc.bad_lines, "".join(svc.bad_lines)


def test_thread_that_returns_within_the_grace_is_waited_for_and_exits_0(start):
    # The neighbour of the stuck thread: a call still running at the signal
    # that returns during the drain (released by the stop itself).
    svc = start("--shutdown-grace", "60", script=misbehaving("thread done during the drain"))
    client = send_and_hold(svc, "/work?ms=7", "in-thread")
    try:
        svc.wait_log("thread waiting", request_id="in-thread")
        svc.signal(signal.SIGTERM)
        assert raw_get(client)[:2] == (200, {"slept_ms": 7})
    finally:
        client.close()
    assert svc.wait(60 + MARGIN) == 0
    assert svc.wait_log("stopped")["leaked_tasks"] == 0
    assert not [r for r in svc.records if "deadline" in r["msg"] or "grace period" in r["msg"]]
    svc.assert_clean()


def test_idle_keep_alive_client_is_closed_within_a_short_grace(start):
    # From 3.12 Server.wait_closed() waits for every open connection: an
    # idle client (a pool's spare) would hold the stop. A grace shorter than
    # IDLE_GRACE_ON_DRAIN: it is closed when the in-flight work is cancelled.
    svc = start("--shutdown-grace", "0.5")
    idle = socket.create_connection(("127.0.0.1", svc.port), timeout=60)
    try:
        assert svc.get("/healthz")[0] == 200  # FIFO accept: the idle one is in
        svc.signal(signal.SIGTERM)
        assert svc.wait(MARGIN) == 0
        assert idle.recv(1) == b""  # closed, no response
    finally:
        idle.close()
    assert svc.wait_log("closing idle connections")["connections"] == 1
    stopped = svc.wait_log("stopped")
    assert (stopped["exit_code"], stopped["leaked_tasks"]) == (0, 0)
    assert not [r for r in svc.records if "deadline" in r["msg"]]
    svc.assert_clean()
