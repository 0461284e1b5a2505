#!/usr/bin/env python3
"""A production-shaped asyncio service in one file: stdlib only, Python 3.9+
(tested on 3.9 to 3.13).

Copy it and replace `Service.do_work` and `Service.warm_up` with your own.
Run it as is to see the lifecycle work:

    python3 async-project-template.py --port 8080
    curl -s 127.0.0.1:8080/work?ms=200        # {"slept_ms": 200}
    kill -TERM <pid>                           # drains, then exits 0

Endpoints: GET /healthz (liveness: 200 while the process serves),
GET /readyz (200 when ready; 503 while starting and while draining),
GET /work?ms=N (demo job: N ms of async work through the bounded queue;
&crash=1 simulates a bug that kills the worker).

Status codes: 200 ok; 400 bad query; 404/405 unknown route/method;
503 + Retry-After: 1 with {"error": "overloaded"} when --workers +
--queue-size jobs are already in flight or --max-connections is reached,
and with {"error": "starting"|"draining"} before ready and during a drain
(after --drain-delay, during which /readyz is 503 but work is still served;
a connection that has sent no request 2 s into a drain is closed);
504 when the job's deadline (--request-timeout, queue wait included)
passes; 500 when the job raised.

Crash policy: a job that raises fails only its request (500). A worker
that dies is logged ("worker crashed", with the traceback) and restarted
after 0.1 s, doubling to 5 s for crashes in a row (--crash-policy restart),
or the service drains and exits 1 (--crash-policy exit). More than 5
crashes in a row exit 1 under either policy.

Shutdown deadline: the whole stop, signal to exit, takes --shutdown-grace.
In-flight work runs until 1 s (UNWIND) before the end, is then cancelled and
gets that last second to clean up. Whatever still runs at the end (a task
that swallows cancellation, a thread blocked in a call) is logged by name
("shutdown deadline passed": task names carry request ids) and left behind.

Exit codes: 0 after a graceful shutdown (even if in-flight work had to be
cancelled); 1 on a fatal error (cannot listen, warm-up failed, worker crash
under --crash-policy exit or too many restarts); 2 on bad flags or
environment values; 70 when work was still running at the shutdown
deadline; 128+N when a second signal N forced an immediate exit.

Every flag has an environment fallback (SERVICE_<FLAG>); see --help.
SERVICE_PORTABLE_SIGNALS=1 forces the Windows signal path on any OS.
"""
from __future__ import annotations

import argparse
import asyncio
import concurrent.futures
import contextlib
import contextvars
import http
import json
import logging
import os
import re
import signal
import sys
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import parse_qs, urlsplit

ENV_PREFIX = "SERVICE_"
log = logging.getLogger("service")

# --------------------------------------------------------------------------
# Compatibility shim: the 3.11+ primitives, with a 3.9/3.10 fallback.
# Delete the else-branches once you require 3.11.
# --------------------------------------------------------------------------
if sys.version_info >= (3, 11):
    # Owns the workers: none outlives the service. TaskGroup alone only knows
    # "one task fails, all stop"; restarts are supervise()'s job.
    TaskGroup = asyncio.TaskGroup

    async def run_with_deadline(aw, deadline: float):
        """Await `aw`, cancelling it at loop time `deadline` (raises TimeoutError)."""
        async with asyncio.timeout_at(deadline):
            return await aw

else:

    async def run_with_deadline(aw, deadline: float):
        # wait_for before 3.12 can swallow a cancellation that arrives just as
        # the inner task finishes (github.com/python/cpython/issues/86296);
        # 3.12 rebuilt wait_for on asyncio.timeout. Raises asyncio.TimeoutError,
        # which is NOT the builtin TimeoutError before 3.11: always catch
        # asyncio.TimeoutError, which is right on every version.
        loop = asyncio.get_running_loop()
        if asyncio.iscoroutine(aw):  # wait_for would run it in a task named Task-N
            aw = loop.create_task(aw, name=asyncio.current_task().get_name())
        return await asyncio.wait_for(aw, deadline - loop.time())

    class TaskGroup:
        """The part of asyncio.TaskGroup used here: create_task(), and on exit
        wait for every task (cancelling them all if the body failed).
        Unlike the real one it does not cancel siblings when a task fails:
        fine here, because supervised tasks never let an exception escape."""

        async def __aenter__(self):
            self._tasks: set[asyncio.Task] = set()
            return self

        def create_task(self, coro, *, name=None):
            task = asyncio.get_running_loop().create_task(coro)
            task.set_name(name or task.get_name())
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
            return task

        async def __aexit__(self, et, exc, tb):
            if et is not None:
                for task in self._tasks:
                    task.cancel()
            results = await asyncio.gather(*self._tasks, return_exceptions=True)
            errors = [r for r in results if isinstance(r, Exception)]
            if errors and et is None:
                raise errors[0]
            return False


# --------------------------------------------------------------------------
# Structured logs: one JSON object per line on stderr, with the request id.
# --------------------------------------------------------------------------
# A ContextVar follows the request through every await in its task, and into
# tasks it creates (they copy the context). It does NOT follow a job through
# a queue to a long-lived worker task: the worker sets it from the job.
request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="-")


class ContextFilter(logging.Filter):
    # Read the ContextVar when the record is made, in the emitting task; a
    # formatter would read it later, in whatever context handles the record
    # (wrong with a QueueHandler, which you want if stderr can block).
    def filter(self, record):
        record.request_id = request_id.get()
        return True


class JsonFormatter(logging.Formatter):
    def format(self, record):
        out = {
            "ts": time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(record.created))
            + ".%03dZ" % record.msecs,
            "level": record.levelname.lower(),
            "msg": record.getMessage(),
            "request_id": getattr(record, "request_id", "-"),
        }
        out.update(getattr(record, "fields", {}))
        if record.exc_info:
            out["exc"] = self.formatException(record.exc_info)
        return json.dumps(out, default=str)


def setup_logging(level: str) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    handler.addFilter(ContextFilter())
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level.upper())
    logging.captureWarnings(True)


def event(level: int, msg: str, exc_info=None, **fields) -> None:
    """log.log with structured fields instead of an f-string."""
    log.log(level, msg, exc_info=exc_info, extra={"fields": fields})


# --------------------------------------------------------------------------
# Configuration: flags, each with an environment fallback.
# --------------------------------------------------------------------------
def _positive_int(s):
    v = int(s)
    if v < 1:
        raise ValueError(s)
    return v


def _port(s):
    v = int(s)
    if not 0 <= v <= 65535:
        raise ValueError(s)
    return v


def _seconds(s):
    v = float(s)
    if not v >= 0 or v == float("inf"):  # also rejects nan
        raise ValueError(s)
    return v


# argparse names the type in its error message ("invalid _port value").
_positive_int.__name__, _port.__name__, _seconds.__name__ = "positive integer", "port", "seconds"


def parse_args(argv=None) -> argparse.Namespace:
    p = argparse.ArgumentParser(
        description="Async service skeleton: bounded queue, deadlines, graceful shutdown.",
        epilog="Signals: SIGTERM/SIGINT drain then exit 0; a second one exits at once "
        "(128+signal). Windows: Ctrl+C (SIGINT) and Ctrl+Break (SIGBREAK) drain; "
        "TerminateProcess cannot be caught. "
        f"{ENV_PREFIX}PORTABLE_SIGNALS=1 uses the Windows signal path on any OS. "
        "Exit status: 0 stopped (in-flight work may have been cancelled); 1 fatal error; "
        "2 bad flag or environment value; 70 work still running at the --shutdown-grace "
        "deadline (logged by name, then left behind); 128+N a second signal N.",
    )

    def opt(flag, default, type_, help_, **kw):
        env = ENV_PREFIX + flag.lstrip("-").replace("-", "_").upper()
        # A string default goes through `type_` too, so a bad environment
        # value fails like a bad flag: one error line, exit 2.
        p.add_argument(flag, default=os.environ.get(env, default), type=type_,
                       help=f"{help_} (env {env}; default {default})", **kw)

    opt("--host", "127.0.0.1", str, "address to listen on")
    opt("--port", "8080", _port, "port to listen on; 0 picks a free one (logged)")
    opt("--workers", "4", _positive_int, "worker tasks that run jobs")
    opt("--queue-size", "64", _positive_int,
        "jobs that may wait for a worker; beyond workers + queue-size jobs, /work gets 503")
    opt("--max-connections", "512", _positive_int, "open connections; more get 503")
    opt("--request-timeout", "10", _seconds, "deadline of each job, queue wait included (504)")
    opt("--shutdown-grace", "20", _seconds,
        "seconds from a stop signal to exit: in-flight work runs until 1 s before the end, "
        "is then cancelled; anything still running at the end exits 70. "
        "Keep it below the supervisor's kill timeout (Kubernetes: 30 s)")
    opt("--drain-delay", "0", _seconds,
        "seconds between a stop signal and closing the listener, with /readyz at 503 "
        "and requests still served, so load balancers stop routing here first "
        "(Kubernetes: ~5); part of --shutdown-grace")
    opt("--warmup", "0", _seconds, "demo: seconds of startup work before /readyz says ready")
    opt("--crash-policy", "restart", str,
        "when a worker dies: restart (with backoff) or exit (drain, exit 1)",
        choices=("restart", "exit"))
    opt("--log-level", "info", str.lower, "debug, info, warning or error",
        choices=("debug", "info", "warning", "error"))
    args = p.parse_args(argv)
    if args.drain_delay and args.drain_delay >= args.shutdown_grace:
        p.error("--drain-delay must be shorter than --shutdown-grace (the delay is part of the grace)")
    return args


# --------------------------------------------------------------------------
# The service core: bounded queue, fixed worker pool, supervision, deadlines.
# It knows nothing about HTTP transport: `handle()` maps a request to a
# Response, and any HTTP layer (the stdlib one below, or aiohttp) calls it.
# --------------------------------------------------------------------------
class Overloaded(Exception):
    """workers + queue-size jobs already in flight: shed the request now
    (503 + Retry-After) instead of letting waiting requests pile up memory."""


class WorkerCrash(Exception):
    """Demo stand-in for a bug that kills a worker (not just one job)."""


@dataclass
class Response:
    status: int
    body: dict
    headers: dict = field(default_factory=dict)


@dataclass
class Job:
    id: str
    ms: int
    crash: bool
    deadline: float  # loop.time() by which the caller needs the answer
    future: asyncio.Future


# Restart policy numbers: backoff doubles per crash in a row, capped; a crash
# after STABLE_AFTER seconds of healthy running starts the count again; more
# than MAX_RESTARTS crashes in a row escalate to a fatal error (exit 1).
BACKOFF_FIRST, BACKOFF_MAX, STABLE_AFTER, MAX_RESTARTS = 0.1, 5.0, 30.0, 5
MAX_WORK_MS = 60_000
# Shutdown: the last UNWIND seconds of --shutdown-grace are for cancelled work
# to clean up. A cancelled task that does not block unwinds in a few loop
# iterations, so UNWIND_STEPS more are given past the deadline before anything
# is called stuck (--shutdown-grace 0, or a process the OS paused).
# EXIT_STUCK: work still running at the deadline was left behind. 70 is
# EX_SOFTWARE (sysexits.h; systemd shows "70/SOFTWARE"): not 3-7, which
# systemd names after LSB meanings, nor 1, 2 or 128+N, which mean other things here.
UNWIND, UNWIND_STEPS, EXIT_STUCK = 1.0, 100, 70


class JobThreads(concurrent.futures.ThreadPoolExecutor):
    """The loop's default executor (asyncio.to_thread, run_in_executor(None)),
    which knows which task started each call. A thread cannot be cancelled,
    and interpreter exit (also asyncio.run on 3.9-3.11) waits for it without
    a bound: at the shutdown deadline the calls still running are named, then
    left behind by os._exit. Threads you start yourself are not covered."""

    def __init__(self):
        super().__init__(thread_name_prefix="job-thread")
        self.calls: dict[concurrent.futures.Future, dict] = {}  # not done yet

    def submit(self, fn, /, *args, **kwargs):
        try:
            task = asyncio.current_task()
        except RuntimeError:  # submitted from outside the loop's thread
            task = None
        where = {"thread": None, "started_by": task.get_name() if task else "-"}

        def call():
            where["thread"] = threading.current_thread().name
            return fn(*args, **kwargs)

        future = super().submit(call)
        self.calls[future] = where
        # Runs at once if the call is already over, so no entry outlives it.
        future.add_done_callback(lambda f: self.calls.pop(f, None))
        return future

    def running(self) -> list[dict]:
        return [w for f, w in list(self.calls.items()) if not f.done()]


class Service:
    def __init__(self, cfg, tg: TaskGroup):
        self.cfg = cfg
        self.tg = tg
        self.state = "starting"  # -> ready -> draining -> stopped
        self.serving_while_draining = False  # during --drain-delay
        # Created here, inside the running loop: on 3.9 an asyncio.Queue or
        # Event made outside it binds to another loop ("attached to a
        # different loop"); 3.10+ binds lazily.
        self.queue: asyncio.Queue[Job] = asyncio.Queue(cfg.workers + cfg.queue_size)
        # Admission counts jobs, not queue slots: a burst of put_nowait() calls
        # fills the queue before idle workers run their get() on the next loop
        # iteration, so queue.full() alone would admit as few as queue_size.
        self.capacity = cfg.workers + cfg.queue_size
        self.stop_requested = asyncio.Event()
        self.exit_code = 0
        self.signals = 0
        self.in_flight = 0  # admitted jobs whose caller is still waiting
        self.workers: list[asyncio.Task] = []
        self.warming: asyncio.Task | None = None
        self.threads = JobThreads()
        self.deadline = None  # loop time by which the stop must be over
        self.leaked: list[str] = []  # tasks found running after the TaskGroup
        self.http = None

    # ---- lifecycle ---------------------------------------------------------
    async def start(self, http_factory) -> None:
        for i in range(self.cfg.workers):
            name = f"worker-{i}"
            self.workers.append(self.tg.create_task(self.supervise(name, self.worker), name=name))
        self.http = http_factory(self)
        try:
            host, port = await self.http.start(self.cfg.host, self.cfg.port)
        except OSError as exc:  # port in use, bad address: one line, exit 1
            event(logging.ERROR, "cannot listen", host=self.cfg.host, port=self.cfg.port, error=str(exc))
            self.http = None
            self.fail()
            return
        # Listen before warming up: liveness answers at once, readiness only
        # when the service can do its job, so no traffic is routed too early.
        event(logging.INFO, "listening", host=host, port=port, pid=os.getpid(),
              python=sys.version.split()[0], http=type(self.http).__name__)

    async def run_until_stopped(self) -> None:
        if self.stop_requested.is_set():
            return
        stop = asyncio.ensure_future(self.stop_requested.wait())
        self.warming = warm = asyncio.get_running_loop().create_task(self.warm_up(), name="warm-up")
        try:
            # A signal during warm-up must not wait for warm-up to finish.
            await asyncio.wait({stop, warm}, return_when=asyncio.FIRST_COMPLETED)
            if warm.done():
                if warm.exception() is not None:
                    event(logging.ERROR, "warm-up failed", exc_info=warm.exception())
                    self.fail()
                    return
                if not self.stop_requested.is_set():  # a stop during warm-up wins
                    self.state = "ready"
                    event(logging.INFO, "ready")
                await stop
        finally:
            stop.cancel()
            await asyncio.gather(stop, return_exceptions=True)
            warm.cancel()  # your code: shutdown() waits for it, within the deadline

    def request_stop(self, reason: str) -> None:
        if not self.stop_requested.is_set():
            # Not ready from this moment, not from when shutdown() gets to run.
            self.serving_while_draining = self.state == "ready" and self.cfg.drain_delay > 0
            self.state = "draining"
            event(logging.INFO, "shutdown requested", reason=reason, grace_s=self.cfg.shutdown_grace)
            self.stop_requested.set()

    def on_signal(self, signum: int) -> None:
        name = signal.Signals(signum).name
        self.signals += 1
        if self.signals == 1:
            self.request_stop(name)
        else:  # second signal: the operator means it, skip the rest of the drain
            event(logging.WARNING, "second signal, exiting now", signal=name)
            logging.shutdown()
            os._exit(128 + signum)

    def fail(self) -> None:
        self.exit_code = 1
        self.request_stop("fatal error")

    async def shutdown(self) -> None:
        """Drain, then stop: stop accepting, let in-flight work run until
        UNWIND s before the deadline (--shutdown-grace after the stop began),
        cancel what is left, wait for it until the deadline. Runs on every
        exit path; never returns with work still running (see settle)."""
        self.state = "draining"  # /readyz -> 503; new /work -> 503 (after the delay)
        loop = asyncio.get_running_loop()
        self.deadline = loop.time() + self.cfg.shutdown_grace
        if self.serving_while_draining:
            # Load balancers and Kubernetes endpoints learn of the stop only
            # through /readyz or their own propagation, seconds later; until
            # then they still send traffic, which a closed listener would
            # refuse. Keep serving it for --drain-delay, then close.
            await asyncio.sleep(self.cfg.drain_delay)
            self.serving_while_draining = False
            event(logging.INFO, "drain delay over, closing the listener")
        stopping = [*self.workers] + ([self.warming] if self.warming else [])
        closing = None
        if self.http is not None:
            await self.http.stop_accepting()  # new connections are refused
            left = await self.http.drain(self.deadline - UNWIND)
            if left:
                event(logging.WARNING, "grace period over, cancelling in-flight requests", requests=left)
            # Cancels leftovers, closes every connection; a handler that
            # swallows the cancellation would hold it: settle() bounds it.
            closing = loop.create_task(self.http.close(), name="closing-http")
        for task in stopping:
            task.cancel()  # the TaskGroup awaits the workers when its block ends
        await self.settle(stopping + ([closing] if closing else []))
        if closing:
            closing.result()  # done: raises if close() failed
        self.state = "stopped"

    async def finish(self) -> None:
        """After the TaskGroup. A task still running escaped supervision:
        cancel it and name it ("stopped" lists it; asyncio.run would cancel
        it without a word). Then wait for the calls still running in threads."""
        leaked = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        self.leaked = [t.get_name() for t in leaked]
        for t in leaked:
            t.cancel()
        await self.settle(leaked)
        self.threads.shutdown(wait=False, cancel_futures=True)  # queued calls never start
        await self.settle([asyncio.wrap_future(f) for f in list(self.threads.calls)])

    async def settle(self, aws) -> None:
        """Wait for `aws` until the deadline, plus UNWIND_STEPS loop iterations.
        If any is still running, asyncio.run (its final cancel, and on 3.9-3.11
        shutdown_default_executor) and interpreter exit (joining executor
        threads) would wait for it without a bound, past any supervisor's
        timer: log what is stuck, flush, and leave with EXIT_STUCK."""
        pending = {asyncio.ensure_future(a) for a in aws}
        timeout = self.deadline - asyncio.get_running_loop().time()
        if pending and timeout > 0:
            _, pending = await asyncio.wait(pending, timeout=timeout)
        for _ in range(UNWIND_STEPS):
            if not pending:
                return
            await asyncio.sleep(0)
            pending = {f for f in pending if not f.done()}
        if not pending:
            return
        current = asyncio.current_task()
        event(logging.ERROR, "shutdown deadline passed, leaving stuck work behind", exit_code=EXIT_STUCK,
              grace_s=self.cfg.shutdown_grace,
              stuck_tasks=sorted({t.get_name() for t in asyncio.all_tasks() if t is not current}),
              stuck_threads=self.threads.running())
        logging.shutdown()  # flush: os._exit skips it
        os._exit(EXIT_STUCK)

    async def warm_up(self) -> None:
        """Replace with real startup work: connect pools, load models, ...
        Raise to abort startup (exit 1)."""
        await asyncio.sleep(self.cfg.warmup)

    # ---- supervision -------------------------------------------------------
    async def supervise(self, name: str, target) -> None:
        """Run `target()` forever under the crash policy. Cancellation always
        propagates; an exception is logged, then restarted with backoff or
        turned into a graceful stop with exit 1. Never lets one escape."""
        loop = asyncio.get_running_loop()
        crashes = 0
        while True:
            started = loop.time()
            try:
                await target(name)
                return
            except asyncio.CancelledError:
                raise  # never swallow cancellation: it is how shutdown works
            except Exception:
                crashes = 1 if loop.time() - started > STABLE_AFTER else crashes + 1
                fatal = self.cfg.crash_policy == "exit" or crashes > MAX_RESTARTS
                event(logging.ERROR, "worker crashed", exc_info=True, task=name,
                      policy=self.cfg.crash_policy, crashes_in_a_row=crashes,
                      action="stop service" if fatal else "restart")
                if fatal:
                    self.fail()
                    return
                await asyncio.sleep(min(BACKOFF_MAX, BACKOFF_FIRST * 2 ** (crashes - 1)))
                event(logging.INFO, "worker restarted", task=name)

    async def worker(self, name: str) -> None:
        while True:
            request_id.set("-")  # idle: what it logs now belongs to no request
            job = await self.queue.get()
            try:
                await self.run_job(job)
            finally:
                self.queue.task_done()

    async def run_job(self, job: Job) -> None:
        if job.future.done():
            return  # the caller gave up (deadline, disconnect, shutdown) while it queued
        # Set in the worker task's own context (the caller's does not travel
        # through the queue), and not reset on the way out: a crash escaping
        # to supervise() is logged with the id of the job that caused it.
        request_id.set(job.id)
        # Named for the request: a job still running at the shutdown deadline is logged by it.
        work = asyncio.get_running_loop().create_task(run_with_deadline(self.do_work(job), job.deadline),
                                                      name=f"job-{job.id}")
        # Caller gone -> stop the work now instead of finishing it for nobody.
        job.future.add_done_callback(lambda _: work.cancel())
        try:
            # asyncio.wait, unlike `await work`, does not raise when `work`
            # is cancelled by the callback above, so a CancelledError here
            # always means *this worker* is being cancelled.
            await asyncio.wait({work})
        except asyncio.CancelledError:
            work.cancel()
            await asyncio.wait({work})  # let it unwind before we go
            raise
        if job.future.done():
            return
        if work.cancelled():
            job.future.cancel()
            return
        exc = work.exception()
        if exc is None:
            job.future.set_result(work.result())
            return
        job.future.set_exception(exc)
        if isinstance(exc, WorkerCrash):
            raise exc  # not a failed job: the worker itself is broken
        if not isinstance(exc, asyncio.TimeoutError):
            event(logging.ERROR, "job failed", exc_info=exc)

    async def do_work(self, job: Job) -> dict:
        """Replace with the real unit of work. Keep it async all the way
        down: blocking calls here stall every request (run them with
        asyncio.to_thread, 3.9+, and give them a timeout: a thread cannot be
        cancelled, so one still blocked at the shutdown deadline exits 70)."""
        if job.crash:
            raise WorkerCrash("simulated crash (demo: /work?crash=1)")
        await asyncio.sleep(job.ms / 1000)
        return {"slept_ms": job.ms}

    async def submit(self, ms: int, crash: bool = False) -> dict:
        """Queue a job and wait for its result within the deadline.
        Raises Overloaded at once when the queue is full."""
        loop = asyncio.get_running_loop()
        if self.in_flight >= self.capacity:
            raise Overloaded
        job = Job(request_id.get(), ms, crash, loop.time() + self.cfg.request_timeout, loop.create_future())
        try:
            # Never `await queue.put()` here: it parks callers without bound.
            # Full even so: jobs whose callers left still wait to be skipped.
            self.queue.put_nowait(job)
        except asyncio.QueueFull:
            raise Overloaded from None
        self.in_flight += 1
        try:
            # If this task is cancelled or times out, job.future is cancelled
            # with it, and the worker stops (or skips) the job.
            return await run_with_deadline(job.future, job.deadline)
        finally:
            self.in_flight -= 1

    # ---- the transport-independent request handler --------------------------
    async def handle(self, method: str, target: str) -> Response:
        url = urlsplit(target)
        routes = ("/healthz", "/readyz", "/work")
        if url.path not in routes:
            return Response(404, {"error": "not found"})
        if method != "GET":
            return Response(405, {"error": "method not allowed"}, {"Allow": "GET"})
        if url.path == "/healthz":
            return Response(200, {"status": "ok", "state": self.state, "in_flight": self.in_flight,
                                  "queued": self.queue.qsize()})
        if url.path == "/readyz":
            return Response(200 if self.state == "ready" else 503, {"status": self.state})
        query = parse_qs(url.query)
        try:
            ms = int(query.get("ms", ["0"])[0])
            if not 0 <= ms <= MAX_WORK_MS:
                raise ValueError
        except ValueError:
            return Response(400, {"error": f"ms must be an integer 0..{MAX_WORK_MS}"})
        if self.state != "ready" and not self.serving_while_draining:
            return Response(503, {"error": self.state}, {"Retry-After": "1"})
        try:
            return Response(200, await self.submit(ms, crash=query.get("crash") == ["1"]))
        except Overloaded:
            return Response(503, {"error": "overloaded"}, {"Retry-After": "1"})
        except asyncio.TimeoutError:
            return Response(504, {"error": "deadline exceeded"})
        except asyncio.CancelledError:
            raise
        except Exception:  # the worker logged it with its traceback
            return Response(500, {"error": "internal error"})


# --------------------------------------------------------------------------
# Minimal HTTP/1.1 listener on asyncio streams: GET only, one request per
# connection (Connection: close), which keeps draining simple. For keep-alive,
# bodies, TLS: use the aiohttp layer (new-async-project.py --http aiohttp).
# An HTTP layer needs: start(host, port) -> (host, port), stop_accepting(),
# drain(deadline) -> requests left, close().
# --------------------------------------------------------------------------
HEADER_TIMEOUT = 10.0  # a client that trickles its headers (slowloris) is cut off
# Once a drain starts, a connection still without a whole request head is idle
# (a load balancer's pre-opened connection, a pool's spare): it gets this long
# to send one (answered 503 "draining"), then is closed, instead of holding the
# drain for up to HEADER_TIMEOUT. Go's http.Server waits 5 s for such connections.
IDLE_GRACE_ON_DRAIN = 2.0
REQUEST_ID_RE = re.compile(r"[A-Za-z0-9._-]{1,64}")


def new_request_id() -> str:
    return os.urandom(6).hex()


class StdlibHTTP:
    def __init__(self, service: Service):
        self.service = service
        self.server = None
        self.connections: set[asyncio.Task] = set()
        self.awaiting_head: set[asyncio.Task] = set()  # subset of connections
        self.closing = False

    async def start(self, host, port):
        self.server = await asyncio.start_server(self.on_connection, host, port, backlog=1024)
        return self.server.sockets[0].getsockname()[:2]

    async def stop_accepting(self):
        # Server.close() races with a connection accepted in the same loop
        # iteration: its transport then attaches to a closed server and fails
        # (a silent AssertionError in the accept task; on 3.13 also a TypeError
        # printed when it is collected), and the socket leaks (ResourceWarning;
        # the client sees a reset). Seen here on 3.12.1 and 3.13.0; open upstream:
        # github.com/python/cpython/issues/109564. Workaround: stop watching
        # the listening sockets first, yield once so accepts already under
        # way attach to a live server, then close it. The proactor loop
        # (Windows) has no remove_reader and accepts differently.
        loop = asyncio.get_running_loop()
        with contextlib.suppress(NotImplementedError):
            for sock in self.server.sockets:
                loop.remove_reader(sock.fileno())
            await asyncio.sleep(0)
        self.server.close()  # closes the listening sockets; accepted ones stay open

    async def drain(self, deadline: float) -> int:
        loop = asyncio.get_running_loop()
        cut_idle = loop.call_at(min(deadline, loop.time() + IDLE_GRACE_ON_DRAIN), self._close_idle)
        try:
            timeout = deadline - loop.time()
            if self.connections and timeout > 0:
                await asyncio.wait(set(self.connections), timeout=timeout)
        finally:
            cut_idle.cancel()
        return len(self.connections - self.awaiting_head)  # requests still in flight

    def _close_idle(self) -> None:
        if self.awaiting_head:
            event(logging.INFO, "closing idle connections", connections=len(self.awaiting_head))
            for task in self.awaiting_head:
                task.cancel()  # it is in readuntil(): no request is lost

    async def close(self):
        """Cancel every connection and wait until all are closed. Unbounded
        by itself: Service.shutdown gives it a deadline."""
        self.closing = True  # a connection accepted from now on is closed at once
        self._close_idle()
        for task in self.connections:
            task.cancel()
        await asyncio.gather(*self.connections, return_exceptions=True)
        # From 3.12, wait_closed() after close() waits until every accepted
        # connection has closed (before: at once; gh-104344), so an idle
        # client would hold it: hence the cancelling above.
        await self.server.wait_closed()

    def on_connection(self, reader, writer) -> None:
        """asyncio's client_connected_cb. A plain function: for a coroutine,
        asyncio's own task done-callback raises when the task is cancelled
        (3.11.7, 3.12.1: gh-113538), logging a bogus error for each request
        a shutdown cuts off. The task is registered here, at accept, so
        close() cannot miss one that has not started yet."""
        if self.closing:
            writer.close()
            return
        task = asyncio.get_running_loop().create_task(self.serve_connection(reader, writer))
        self.connections.add(task)
        task.add_done_callback(self.connections.discard)
        task.add_done_callback(lambda _: writer.close())  # also if cancelled before it ran

    async def serve_connection(self, reader, writer):
        task = asyncio.current_task()
        loop = asyncio.get_running_loop()
        started = loop.time()
        try:
            self.awaiting_head.add(task)
            try:
                head = await run_with_deadline(reader.readuntil(b"\r\n\r\n"), loop.time() + HEADER_TIMEOUT)
                method, target, _version = head.split(b"\r\n", 1)[0].decode("latin-1").split(" ", 2)
            except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, asyncio.TimeoutError,
                    ConnectionError, ValueError):
                return  # garbage, too slow, or gone: just close
            finally:
                self.awaiting_head.discard(task)
            rid = self._request_id(head)
            request_id.set(rid)  # this connection's task has its own context
            task.set_name(f"request-{rid}")  # named in the log if stuck at shutdown
            if len(self.connections) > self.service.cfg.max_connections:
                resp = Response(503, {"error": "overloaded"}, {"Retry-After": "1"})
            else:
                resp = await self.service.handle(method, target)
            body = json.dumps(resp.body).encode()
            headers = {"Content-Type": "application/json", "Content-Length": str(len(body)),
                       "Connection": "close", "X-Request-Id": rid, **resp.headers}
            writer.write(
                f"HTTP/1.1 {resp.status} {http.HTTPStatus(resp.status).phrase}\r\n".encode()
                + "".join(f"{k}: {v}\r\n" for k, v in headers.items()).encode() + b"\r\n" + body)
            with contextlib.suppress(ConnectionError):
                await writer.drain()
            event(logging.INFO, "request", method=method, path=urlsplit(target).path,
                  status=resp.status, ms=round((loop.time() - started) * 1000, 1))
        finally:
            self.connections.discard(task)  # no longer counts against --max-connections
            writer.close()
            with contextlib.suppress(ConnectionError):
                await writer.wait_closed()

    @staticmethod
    def _request_id(head: bytes) -> str:
        # Keep the caller's id if it is sane, so logs join up across services.
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.decode("latin-1").partition(":")
            if name.strip().lower() == "x-request-id" and REQUEST_ID_RE.fullmatch(value.strip()):
                return value.strip()
        return new_request_id()


# --------------------------------------------------------------------------
# Signals. POSIX: loop.add_signal_handler runs the callback inside the loop.
# Windows has no add_signal_handler (NotImplementedError): signal.signal's
# handler runs in the main thread between bytecodes, possibly in the middle
# of loop internals, so it only hands over with call_soon_threadsafe (which
# also wakes the loop). On Windows, Ctrl+C is SIGINT and Ctrl+Break is
# SIGBREAK (send it to a child started with CREATE_NEW_PROCESS_GROUP via
# os.kill(pid, signal.CTRL_BREAK_EVENT)); SIGTERM is never delivered from
# outside: os.kill(pid, SIGTERM) and service managers call TerminateProcess,
# which cannot be caught, so nothing drains.
# --------------------------------------------------------------------------
def install_signal_handlers(loop, on_signal):
    """Route SIGTERM/SIGINT (and SIGBREAK) to on_signal(signum) in the loop.
    Returns a function that restores the previous handlers."""
    sigs = [signal.SIGTERM, signal.SIGINT] + ([signal.SIGBREAK] if hasattr(signal, "SIGBREAK") else [])
    portable = os.environ.get(ENV_PREFIX + "PORTABLE_SIGNALS") == "1"
    if not portable:
        try:
            for sig in sigs:
                loop.add_signal_handler(sig, on_signal, sig)
        except NotImplementedError:  # Windows event loops
            portable = True
        else:
            return "loop.add_signal_handler", lambda: [loop.remove_signal_handler(s) for s in sigs]
    previous = {sig: signal.getsignal(sig) for sig in sigs}
    for sig in sigs:
        signal.signal(sig, lambda signum, frame: loop.call_soon_threadsafe(on_signal, signum))

    def restore():
        for sig, handler in previous.items():
            signal.signal(sig, handler)

    return "signal.signal", restore


# --------------------------------------------------------------------------
# The one place that owns startup and shutdown.
# --------------------------------------------------------------------------
@contextlib.asynccontextmanager
async def running_service(cfg, http_factory):
    # Every background task lives in this TaskGroup, so none can outlive the
    # block; shutdown() runs on every way out, including startup failures,
    # and finish() deals with what escaped it; the signal handlers stay in
    # place until the whole stop is over, so that a second signal can still
    # cut it short.
    loop = asyncio.get_running_loop()
    restore_signals = None
    try:
        async with TaskGroup() as tg:
            service = Service(cfg, tg)
            loop.set_default_executor(service.threads)
            how, restore_signals = install_signal_handlers(loop, service.on_signal)
            event(logging.DEBUG, "signal handlers installed", via=how)
            try:
                await service.start(http_factory)
                yield service
            finally:
                await service.shutdown()
        await service.finish()
    finally:
        if restore_signals:
            restore_signals()


async def serve(cfg, http_factory=StdlibHTTP) -> int:
    async with running_service(cfg, http_factory) as service:
        await service.run_until_stopped()
    event(logging.ERROR if service.leaked else logging.INFO, "stopped", exit_code=service.exit_code,
          leaked_tasks=len(service.leaked), leaked=service.leaked)
    return service.exit_code


def main(argv=None, http_factory=StdlibHTTP) -> int:
    cfg = parse_args(argv)
    setup_logging(cfg.log_level)
    try:
        return asyncio.run(serve(cfg, http_factory))
    except KeyboardInterrupt:  # Ctrl+C before the handlers were installed
        return 130


if __name__ == "__main__":
    sys.exit(main())
