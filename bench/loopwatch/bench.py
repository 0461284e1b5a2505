#!/usr/bin/env python3
"""Cost and detection latency of scripts/loop_watch.py (not a test; results in RESULTS.md).

    .venv/bin/python bench/loopwatch/bench.py [--duration 5] [--repeat 5] [--concurrency 32]
        [--only throughput|micro|latency ...]

1. Throughput: the service template (assets/async-project-template.py, stdlib
   HTTP, request logs off) under the loopback load generator of
   bench/template/load.py, GET /work?ms=0, run bare, under the watcher at its
   defaults (sampler only: threshold 100 ms, beat and sample every 5 ms) and
   under the watcher with --guard. Rows interleaved, median of --repeat runs;
   besides requests per second, the server process's CPU time per request
   (Linux /proc), which shared-machine load disturbs less.
2. Detection latency: a program under the in-process API stalls its loop N
   times (a time.sleep, which releases the GIL, and a pure-Python spin, which
   holds it) at known instants; latency = the first sample of each stall
   minus the instant the stall began, against threshold + one sample interval
   (the program starts most stalls right after a beat: the worst phase).
3. Loop-bound micro-work in CPU time (process time): 200000 loop
   iterations, and 20000 round trips over asyncio streams on 127.0.0.1,
   bare, with a 5 ms timer of the program's own (what the heartbeat alone
   does to asyncio's loop), and watched; process time counts the watchdog
   thread too.
Ratios are against a control that imports the watcher's modules without
starting it (importing them alone moves a socket-heavy loop's kernel time).

The load generator shares the CPU with the server: compare ratios, not absolutes.
"""
from __future__ import annotations

import argparse
import asyncio
import importlib.util
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
ASSET = ROOT / "assets" / "async-project-template.py"
WATCH = ROOT / "scripts" / "loop_watch.py"

spec = importlib.util.spec_from_file_location("template_load", ROOT / "bench" / "template" / "load.py")
load_mod = importlib.util.module_from_spec(spec)
spec.loader.exec_module(load_mod)

LATENCY_PROGRAM = r"""
import asyncio, json, sys, time
sys.path.insert(0, sys.argv[1])
from loop_watch import watch

N, HOLD = int(sys.argv[2]), float(sys.argv[3])

def spin(seconds):
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        pass

async def main(w):
    starts = []
    for i in range(2 * N):
        await asyncio.sleep(0.05)                      # let the loop beat again
        starts.append(time.perf_counter())
        (time.sleep if i % 2 == 0 else spin)(HOLD)     # GIL released / GIL held
    await asyncio.sleep(0.05)
    return starts

with watch(threshold_ms=100, sample_ms=5, logger=None, no_config=True) as w:
    w.on_report = lambda text: None
    starts = asyncio.run(main(w))
stalls = [s for s in w.recorder.stalls]
print(json.dumps({"starts": starts, "detected": [s["detected"] for s in stalls],
                  "estimated": [s["started"] for s in stalls], "durations": [s["duration_ms"] for s in stalls]}))
"""


def cpu_seconds(pid):
    """utime + stime of a running process (Linux /proc), or None."""
    try:
        with open("/proc/%d/stat" % pid) as f:
            fields = f.read().rpartition(")")[2].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return None


# Runs a program with the watcher's modules imported but not started: the
# control row. Importing them alone changes memory layout enough to move the
# kernel time of a socket-heavy loop (see RESULTS.md), so the cost of running
# the watcher is measured against this, and bare is shown too.
CONTROL = r"""
import runpy, sys
sys.path.insert(0, sys.argv[1])
import loopwatch.cli  # noqa: F401  (everything loop_watch.py imports)
target = sys.argv[2]
sys.argv = sys.argv[2:]
runpy.run_path(target, run_name="__main__")
"""

MICRO_PROGRAM = r"""
import asyncio, sys, time

async def ticks(n):
    for _ in range(n):
        await asyncio.sleep(0)

async def echo(n):
    async def handle(reader, writer):
        while data := await reader.read(100):
            writer.write(data)
        writer.close()
    server = await asyncio.start_server(handle, "127.0.0.1", 0)
    reader, writer = await asyncio.open_connection("127.0.0.1", server.sockets[0].getsockname()[1])
    for _ in range(n):
        writer.write(b"x" * 50)
        await reader.readexactly(50)
    writer.close()
    await writer.wait_closed()
    server.close()
    await server.wait_closed()

async def with_timer(work):
    # a timer always pending, as the watcher's heartbeat keeps one
    loop = asyncio.get_running_loop()
    def beat():
        handle[0] = loop.call_later(0.005, beat)
    handle = [None]
    beat()
    await work
    handle[0].cancel()

kind, n, timer = sys.argv[1], int(sys.argv[2]), len(sys.argv) > 3
t0 = time.process_time()
work = {"ticks": ticks, "echo": echo}[kind](n)
asyncio.run(with_timer(work) if timer else work)
print(time.process_time() - t0, file=sys.stderr)
"""


def micro(args, py):
    """CPU seconds (process time) of loop-bound work, bare and watched: the
    watcher's cost per loop iteration and per socket round trip."""
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        prog = Path(tmp) / "micro.py"
        prog.write_text(MICRO_PROGRAM)
        control = Path(tmp) / "control.py"
        control.write_text(CONTROL)
        modes = [("bare", [], []), ("control", [str(control), str(ROOT / "scripts")], []),
                 ("control + own 5 ms timer", [str(control), str(ROOT / "scripts")], ["timer"]),
                 ("sampler (defaults)", [str(WATCH), "--"], []), ("--guard", [str(WATCH), "--guard", "--"], [])]
        for kind, n in (("ticks", 200000), ("echo", 20000)):
            res = {name: [] for name, _, _ in modes}
            for _ in range(args.repeat):
                for name, pre, post in modes:
                    p = subprocess.run([py, *pre, str(prog), kind, str(n), *post], capture_output=True, text=True, cwd=tmp)
                    res[name].append(float(p.stderr.splitlines()[0]) / n * 1e6)
            out[kind] = {name: statistics.median(v) for name, v in res.items()}
    return out


def throughput(args, py, control):
    quiet = ["--log-level", "warning", "--queue-size", "4096", "--max-connections", "4096"]
    rows = [
        ("template, bare", [py, str(ASSET), *quiet]),
        ("template, watcher modules imported, not started (control)",
         [py, str(control), str(ROOT / "scripts"), str(ASSET), *quiet]),
        ("template under loop_watch.py (defaults: sampler)", [py, str(WATCH), "--", str(ASSET), *quiet]),
        ("template under loop_watch.py --guard", [py, str(WATCH), "--guard", "--", str(ASSET), *quiet]),
    ]
    runs = {name: [] for name, _ in rows}
    for _ in range(args.repeat):   # interleaved: drifting machine load hits every row alike
        for name, cmd in rows:
            proc, port = load_mod.start(cmd)
            try:
                asyncio.run(load_mod.load(port, "/work?ms=0", 1.0, args.concurrency))   # warm-up
                cpu0 = cpu_seconds(proc.pid)
                r = asyncio.run(load_mod.load(port, "/work?ms=0", args.duration, args.concurrency))
                cpu1 = cpu_seconds(proc.pid)
                n = sum(v for k, v in r["statuses"].items() if k == 200)
                r["cpu_us"] = (cpu1 - cpu0) / n * 1e6 if cpu0 is not None and cpu1 is not None and n else float("nan")
                runs[name].append(r)
            finally:
                load_mod.stop(proc)
    return [(name, runs[name]) for name, _ in rows]


def latency(args, py):
    with tempfile.TemporaryDirectory() as tmp:
        prog = Path(tmp) / "stalls.py"
        prog.write_text(LATENCY_PROGRAM)
        out = subprocess.run([py, str(prog), str(ROOT / "scripts"), str(args.stalls), "0.3"],
                             capture_output=True, text=True, check=True, cwd=tmp)
    data = json.loads(out.stdout)
    starts, detected = data["starts"], data["detected"]
    # each injected stall is the first stall detected at or after its start
    lat = {"sleep (GIL released)": [], "spin (GIL held)": []}
    j = 0
    for i, t0 in enumerate(starts):
        while j < len(detected) and (detected[j] is None or detected[j] < t0):
            j += 1
        if j == len(detected):
            break
        lat["sleep (GIL released)" if i % 2 == 0 else "spin (GIL held)"].append((detected[j] - t0) * 1000.0)
        j += 1
    return lat, len(starts), len(detected)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--duration", type=float, default=5.0)
    ap.add_argument("--concurrency", type=int, default=32)
    ap.add_argument("--repeat", type=int, default=5, help="runs per row; the median run is shown")
    ap.add_argument("--stalls", type=int, default=20, help="stalls of each kind for the latency part")
    ap.add_argument("--python", default=sys.executable, help="interpreter that runs the servers")
    ap.add_argument("--only", choices=("throughput", "micro", "latency"), action="append",
                    help="run only this part (repeatable; default: all three)")
    args = ap.parse_args()
    py = args.python
    parts = set(args.only or ("throughput", "micro", "latency"))
    version = subprocess.run([py, "-c", "import sys; print(sys.version.split()[0])"], capture_output=True, text=True).stdout.strip()
    load0 = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    rows = lat = mic = None
    if "throughput" in parts:
        with tempfile.TemporaryDirectory() as tmp:
            control = Path(tmp) / "control.py"
            control.write_text(CONTROL)
            rows = throughput(args, py, control)
    if "latency" in parts:
        lat, injected, detected = latency(args, py)
    if "micro" in parts:
        mic = micro(args, py)
    load1 = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"python {version}, {platform.machine()}, {os.cpu_count()} CPUs, {platform.system()} {platform.release()}, "
          f"load average {load0:.1f} at the start, {load1:.1f} at the end, concurrency {args.concurrency}, "
          f"median of {args.repeat} interleaved runs of {args.duration:g} s per row\n")
    if rows:
        print_throughput(rows)
    if mic:
        print_micro(args, mic)
    if lat:
        print_latency(lat, injected, detected)


def print_throughput(rows):
    print("| server | req/s (median) | vs control | each run's req/s | server CPU us/request (median) | vs control | p50 ms | p99 ms |")
    print("|---|---:|---:|---|---:|---:|---:|---:|")
    base = statistics.median(r["rps"] for r in rows[1][1])
    base_cpu = statistics.median(r["cpu_us"] for r in rows[1][1])
    for name, results in rows:
        med = sorted(results, key=lambda r: r["rps"])[len(results) // 2]
        rps = statistics.median(r["rps"] for r in results)
        cpu = statistics.median(r["cpu_us"] for r in results)
        print(f"| {name} | {rps:.0f} | {rps / base:.3f} | {' '.join('%.0f' % r['rps'] for r in results)} | "
              f"{cpu:.0f} | {cpu / base_cpu:.3f} | {med['p50_ms']:.1f} | {med['p99_ms']:.1f} |")


def print_micro(args, mic):
    print(f"\nloop-bound work, CPU time per unit (median of {args.repeat}; process time, less disturbed by "
          "other jobs than rates)\n")
    print("| work | bare us | control us | control + own 5 ms timer us | vs control | sampler us | vs control | --guard us | vs control |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for kind, label in (("ticks", "one loop iteration (await asyncio.sleep(0)), 200000"),
                        ("echo", "one 50-byte round trip over asyncio streams, 20000")):
        m = mic[kind]
        b = m["control"]
        t = m["control + own 5 ms timer"]
        print(f"| {label} | {m['bare']:.2f} | {b:.2f} | {t:.2f} | {t / b:.3f} | {m['sampler (defaults)']:.2f} | "
              f"{m['sampler (defaults)'] / b:.3f} | {m['--guard']:.2f} | {m['--guard'] / b:.3f} |")


def print_latency(lat, injected, detected):
    print(f"\ndetection latency, threshold 100 ms, sample interval 5 ms (goal <= 105 ms); "
          f"{injected} stalls of 300 ms injected, {detected} detected\n")
    print("| stall | n | min ms | median ms | 90th pct ms | max ms | over 105 ms | over 105.2 ms |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for name, vals in lat.items():
        if vals:
            p90 = sorted(vals)[(len(vals) * 9) // 10 - 1 if len(vals) >= 10 else -1]
            print(f"| {name} | {len(vals)} | {min(vals):.2f} | {statistics.median(vals):.2f} | {p90:.2f} | "
                  f"{max(vals):.2f} | {sum(v > 105.0 for v in vals)} | {sum(v > 105.2 for v in vals)} |")


if __name__ == "__main__":
    main()
