#!/usr/bin/env python3
"""Load benchmark of the service template (not a test; results in RESULTS.md).

    .venv/bin/python bench/template/load.py [--duration 5] [--concurrency 32] [--drain-n 200]

1. Requests per second and p50/p99 latency of GET /work?ms=0 under a closed-loop
   load generator (stdlib asyncio, one request per connection, 127.0.0.1), for:
   a bare asyncio stream server that answers a fixed response (the baseline,
   measured in the same run), the single-file asset (stdlib HTTP layer) with
   request logs off and on, and a rendered project with the aiohttp layer.
2. Drain: N requests of /work?ms=1000 in flight, then SIGTERM: time from the
   signal to the last response and to process exit.

Run it with the dev venv (jinja2 and aiohttp are needed for the aiohttp row).
The generator shares the CPU with the server: compare ratios, not absolutes.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
ASSET = ROOT / "assets" / "async-project-template.py"
SCRIPT = ROOT / "scripts" / "new-async-project.py"

BASELINE = r"""
import asyncio, sys
BODY = b'{"slept_ms": 0}'
RESP = (b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: %d\r\n"
        b"Connection: close\r\n\r\n" % len(BODY)) + BODY
async def handle(reader, writer):
    await reader.readuntil(b"\r\n\r\n")
    writer.write(RESP)
    await writer.drain()
    writer.close()
    await writer.wait_closed()
async def main():
    server = await asyncio.start_server(handle, "127.0.0.1", 0, backlog=1024)
    print('{"msg": "listening", "port": %d}' % server.sockets[0].getsockname()[1], file=sys.stderr, flush=True)
    await asyncio.sleep(3600)
asyncio.run(main())
"""


def free_port():
    # --log-level warning hides the "listening" line, so pick the port here
    # (racy in general, fine on a bench machine).
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start(cmd, env=None, cwd=None):
    if "-c" in cmd:  # the baseline prints its port
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env, cwd=cwd)
        port = json.loads(proc.stderr.readline())["port"]
    else:
        port = free_port()
        cmd = [*cmd, "--port", str(port)]
        proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env, cwd=cwd)
    # Keep draining stderr so that log writes never block the server.
    import threading
    threading.Thread(target=lambda: [None for _ in proc.stderr], daemon=True).start()
    if "-c" not in cmd:
        wait_ready(port)
    return proc, port


def wait_ready(port):
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            status, _ = asyncio.run(request(port, "/readyz"))
        except OSError:
            status = None
        if status == 200:
            return
        time.sleep(0.05)
    raise SystemExit("load.py: service never became ready")


async def request(port, path):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        data = await reader.read()
    finally:
        writer.close()
        try:
            await writer.wait_closed()
        except ConnectionError:
            pass
    status = int(data.split(b" ", 2)[1]) if data else 0
    return status, data.partition(b"\r\n\r\n")[2]


async def load(port, path, duration, concurrency):
    latencies, statuses = [], {}
    stop_at = time.perf_counter() + duration

    async def client():
        while time.perf_counter() < stop_at:
            t = time.perf_counter()
            try:
                status, _ = await request(port, path)
            except OSError as exc:
                status = type(exc).__name__
            latencies.append(time.perf_counter() - t)
            statuses[status] = statuses.get(status, 0) + 1

    t0 = time.perf_counter()
    await asyncio.gather(*(client() for _ in range(concurrency)))
    elapsed = time.perf_counter() - t0
    q = statistics.quantiles(latencies, n=100)
    return {"rps": len(latencies) / elapsed, "p50_ms": q[49] * 1000, "p99_ms": q[98] * 1000, "statuses": statuses}


async def drain(port, proc, n, ms):
    done_at = []

    async def one():
        status, _ = await request(port, f"/work?ms={ms}")
        done_at.append(time.perf_counter())
        return status

    tasks = [asyncio.ensure_future(one()) for _ in range(n)]
    while True:
        _, body = await request(port, "/healthz")
        if json.loads(body)["in_flight"] == n:
            break
        await asyncio.sleep(0.01)
    t0 = time.perf_counter()
    proc.send_signal(signal.SIGTERM)
    statuses = await asyncio.gather(*tasks)
    last = max(done_at) - t0
    while proc.poll() is None:
        await asyncio.sleep(0.005)
    exited = time.perf_counter() - t0
    return {"ok": statuses.count(200), "n": n, "last_response_s": last, "exit_s": exited, "rc": proc.returncode}


def stop(proc):
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            proc.wait(30)
        except subprocess.TimeoutExpired:
            proc.kill()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--duration", type=float, default=5.0)
    ap.add_argument("--concurrency", type=int, default=32)
    ap.add_argument("--drain-n", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=3, help="runs per row; the median run is shown")
    ap.add_argument("--python", default=sys.executable, help="interpreter that runs the servers")
    args = ap.parse_args()
    py = args.python
    quiet = ["--log-level", "warning", "--queue-size", "4096", "--max-connections", "4096"]
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, str(SCRIPT), "bench_svc", "--dir", f"{tmp}/p", "--http", "aiohttp"],
                       check=True, capture_output=True)
        env_aio = {**os.environ, "PYTHONPATH": f"{tmp}/p"}
        servers = [
            ("baseline: bare asyncio stream server", [py, "-c", BASELINE], None),
            ("asset, stdlib HTTP, logs off", [py, str(ASSET), *quiet], None),
            ("asset, stdlib HTTP, JSON request logs on", [py, str(ASSET), *quiet[2:]], None),
            ("rendered project, aiohttp HTTP, logs off", [py, "-m", "bench_svc", *quiet], env_aio),
        ]
        runs = {name: [] for name, _, _ in servers}
        for _ in range(args.repeat):  # interleaved, so drifting machine load hits every row alike
            for name, cmd, env in servers:
                proc, port = start(cmd, env=env)
                try:
                    asyncio.run(load(port, "/work?ms=0", 1.0, args.concurrency))  # warm-up
                    runs[name].append(asyncio.run(load(port, "/work?ms=0", args.duration, args.concurrency)))
                finally:
                    stop(proc)
        for name, results in runs.items():
            rows.append((name, sorted(results, key=lambda r: r["rps"])[len(results) // 2]))  # median run
        drains = []
        for name, cmd, env in servers[1::2]:
            cmd = [c for c in cmd if c not in quiet] + ["--workers", str(args.drain_n), "--queue-size", "4096",
                                                         "--max-connections", "4096", "--log-level", "warning"]
            proc, port = start(cmd, env=env)
            try:
                drains.append((name.split(",")[0] + ("" if "asset" in name else ", aiohttp"),
                               asyncio.run(drain(port, proc, args.drain_n, 1000))))
            finally:
                stop(proc)
    base = rows[0][1]["rps"]
    print(f"python {subprocess.run([py, '-c', 'import sys; print(sys.version.split()[0])'], capture_output=True, text=True).stdout.strip()}"
          f", {platform.machine()}, {os.cpu_count()} CPUs, concurrency {args.concurrency}, "
          f"median of {args.repeat} interleaved runs of {args.duration:g} s per row\n")
    print("| server | req/s | vs baseline | p50 ms | p99 ms | statuses |")
    print("|---|---:|---:|---:|---:|---|")
    for name, r in rows:
        print(f"| {name} | {r['rps']:.0f} | {r['rps'] / base:.2f} | {r['p50_ms']:.1f} | {r['p99_ms']:.1f} | {r['statuses']} |")
    print(f"\n| drain: {args.drain_n} in-flight /work?ms=1000 (one per worker), then SIGTERM | ok | "
          "last response after signal s | exit after signal s | exit after last response ms | exit code |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, d in drains:
        print(f"| {name} | {d['ok']}/{d['n']} | {d['last_response_s']:.3f} | {d['exit_s']:.3f} | "
              f"{(d['exit_s'] - d['last_response_s']) * 1000:.0f} | {d['rc']} |")


if __name__ == "__main__":
    main()
