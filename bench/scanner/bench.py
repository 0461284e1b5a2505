#!/usr/bin/env python3
"""Benchmark find-blocking-calls against a bare ast.parse, ruff and flake8-async.

    .venv/bin/python bench/scanner/bench.py [--runs N] [--quick] [--flake8-full]
    .venv/bin/python bench/scanner/bench.py --deps [--runs N]   # following installed packages only
    ... --compare REV   # also the scanner at commit (or folder) REV, interleaved with this tree's (one core, warm)

Corpora (offline, real code): the running interpreter's standard library
(without site-packages) and the dev venv's site-packages. Every tool runs
cold, in a fresh process, on the same files, in the same run; the baseline
is a fresh process that reads and `ast.parse`s every file (1 process, and
a 2-process pool). Reported: median wall time, CPU time of the process tree,
lines per second, the ratio to the 1-process parse, peak RSS (the largest
single process). flake8-async takes about 1 ms per line, so by default it
runs on a 25k-line subset (asyncio, email, json) unless --flake8-full.

Also scores ruff's and flake8-async's blocking-call rules against the
labelled corpora (tests/scanner/), by family, next to ours.

The speed rows above run the scanner with --no-deps --no-cache (the
per-file pass and the graph, as before issue 10), its bytecode cached as
an installed scanner's is (its modules compiled once before the runs:
recordings made before this with PYTHONDONTWRITEBYTECODE set, as on the
team's machine, include compiling them in every run: about 0.08 s).
--deps measures following
calls into installed packages and the summary cache on real projects with
their dependencies installed (bench/scanner/deps/project with
bench/scanner/deps/.venv; datasette as installed in
bench/scanner/datasette/.venv, see the requirements files there): the
project-only scan (--no-deps --no-cache) against following with an empty
cache (cold), with the packages' summaries cached but not the project's
(warm), and an unchanged re-scan (everything cached).
Prints a markdown report on stdout (RESULTS.md is such a report).
"""
from __future__ import annotations

import argparse
import collections
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCANNER = ROOT / "scripts" / "find_blocking_calls.py"
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(ROOT / "tests" / "scanner"))

from blockscan import walk  # noqa: E402
import scanner_support as ss  # noqa: E402

BIN = Path(sys.executable).parent
PROJECT_ONLY = ("--no-config", "--no-deps", "--no-cache")
RUFF = shutil.which("ruff", path=str(BIN)) or shutil.which("ruff")
FLAKE8_ASYNC = shutil.which("flake8-async", path=str(BIN)) or shutil.which("flake8-async")
OTHER = {}  # --compare: {"rev": commit, "scanner": its find_blocking_calls.py}
# bytecode is cached as in normal use (this machine sets PYTHONDONTWRITEBYTECODE=1,
# which would make every run compile the scanner's modules again, about 0.1 s):
# the scanner rows run with it
WITH_BYTECODE = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}


def checkout_scanner(rev):
    """The scanner (scripts/ and SKILL.md, which gives its version) as of
    commit `rev`, in a temporary folder: its find_blocking_calls.py (`rev`
    may also be a folder holding such a scripts/ folder: a change not committed)."""
    if Path(rev, "scripts", "find_blocking_calls.py").is_file():
        return Path(rev, "scripts", "find_blocking_calls.py").resolve()
    where = Path(tempfile.mkdtemp(prefix="fbc-%s-" % rev))
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", rev, "scripts", "SKILL.md"], capture_output=True,
                             check=True).stdout
    subprocess.run(["tar", "-x", "-C", str(where)], input=archive, check=True)
    return where / "scripts" / "find_blocking_calls.py"

PARSE_ONE = r"""
import ast, sys
files = open(sys.argv[1]).read().splitlines()
n = 0
for f in files:
    try:
        with open(f, "rb") as fh:
            data = fh.read()
        ast.parse(data)
    except Exception:
        pass
"""

PARSE_POOL = r"""
import ast, sys
from multiprocessing import Pool

def parse(f):
    try:
        with open(f, "rb") as fh:
            ast.parse(fh.read())
    except Exception:
        pass

if __name__ == "__main__":
    files = open(sys.argv[1]).read().splitlines()
    with Pool(int(sys.argv[2])) as pool:
        pool.map(parse, files, chunksize=max(1, len(files) // (int(sys.argv[2]) * 8)))
"""


def files_of(path, exclude=()):
    errors = []
    return [p for p, _ in walk.iter_files([str(path)], list(exclude), errors)]


def count_lines(files):
    n = 0
    for f in files:
        try:
            with open(f, "rb") as fh:
                n += fh.read().count(b"\n")
        except OSError:
            pass
    return n


WRAP = r"""
import json, resource, subprocess, sys, time
t0 = time.perf_counter()
rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
wall = time.perf_counter() - t0
ru = resource.getrusage(resource.RUSAGE_CHILDREN)
print(json.dumps([wall, ru.ru_utime + ru.ru_stime, ru.ru_maxrss / 1024.0, rc]))
"""


def timed(cmd, cwd=None, env=None):
    """(wall seconds, CPU seconds of the process tree, peak RSS MiB of its largest
    process, returncode), measured by a fresh wrapper process per run."""
    import json
    p = subprocess.run([sys.executable, "-c", WRAP, *cmd], cwd=cwd, capture_output=True, text=True, env=env)
    return tuple(json.loads(p.stdout))


def measure(name, cmd, runs, lines, baseline=None, env=None):
    return measure_interleaved([(name, cmd)], runs, lines, baseline, env)[0]


def measure_interleaved(named, runs, lines, baseline=None, env=None):
    """Rows for [(name, cmd)], one run of each in turn, so load changes on
    the shared machine hit each alike."""
    samples = {name: [] for name, _ in named}
    for _ in range(runs):
        for name, cmd in named:
            samples[name].append(timed(cmd, env=env))
    return [_row(name, samples[name], lines, baseline) for name, _ in named]


def _row(name, samples, lines, baseline):
    walls = [w for w, _, _, _ in samples]
    cpus = [c for _, c, _, _ in samples]
    rss = max(r for _, _, r, _ in samples)
    wall = statistics.median(walls)
    row = {"tool": name, "wall": wall, "cpu": statistics.median(cpus), "lps": lines / wall if wall else 0,
           "rss": rss, "ratio": (wall / baseline) if baseline else None}
    print("  %-48s %7.2fs wall %7.2fs cpu" % (name, wall, row["cpu"]), file=sys.stderr, flush=True)
    return row


def _listfile(files):
    path = Path(tempfile.mkstemp(suffix=".txt")[1])
    path.write_text("\n".join(files))
    return str(path)


def bench_corpus(label, path, runs, exclude=(), with_flake8=False):
    files = files_of(path, exclude)
    lines = count_lines(files)
    listfile = Path(tempfile.mkstemp(suffix=".txt")[1])
    listfile.write_text("\n".join(files))
    print("%s: %d files, %d lines" % (label, len(files), lines), file=sys.stderr)
    py = sys.executable
    rows = []
    base = measure("read + ast.parse, 1 process", [py, "-c", PARSE_ONE, str(listfile)], runs, lines)
    rows.append(base)
    b = base["wall"]
    rows.append(measure("read + ast.parse, %d processes" % (os.cpu_count() or 1),
                        [py, "-c", PARSE_POOL, str(listfile), str(os.cpu_count() or 1)], runs, lines, b))
    ex = []
    for e in exclude:
        ex += ["--exclude", e]
    rows.append(measure("find-blocking-calls (default: all cores)",
                        [py, str(SCANNER), *PROJECT_ONLY, "--format", "json", *ex, str(path)], runs, lines, b,
                        WITH_BYTECODE))
    one_core = [("find-blocking-calls --jobs 1",
                 [py, str(SCANNER), *PROJECT_ONLY, "--jobs", "1", "--format", "json", *ex, str(path)])]
    if OTHER:
        one_core.append(("find-blocking-calls --jobs 1 at %s" % OTHER["rev"],
                         [py, str(OTHER["scanner"]), *PROJECT_ONLY, "--jobs", "1", "--format", "json", *ex, str(path)]))
    rows.extend(measure_interleaved(one_core, runs, lines, b, WITH_BYTECODE))
    if RUFF:
        rows.append(measure("ruff --select ASYNC (default threads)",
                            [RUFF, "check", "--isolated", "--no-cache", "--select", "ASYNC", "--exit-zero",
                             "--quiet", *files], runs, lines, b))
    if FLAKE8_ASYNC and with_flake8:
        rows.append(measure("flake8-async --enable ASYNC2 (1 process)",
                            [FLAKE8_ASYNC, "--enable", "ASYNC2", *files], 1, lines, b))
    listfile.unlink()
    return {"label": label, "files": len(files), "lines": lines, "rows": rows}


# ---- following installed packages, and the cache (issue 10) ---------------
DEPS_PROJECTS = [
    # (label, project folder (copied to a temporary folder for the runs), PATH in it, venv folder, file to edit)
    ("bench/scanner/deps (opsdesk, 25 uncatalogued libraries)", ROOT / "bench/scanner/deps/project", "opsdesk",
     ROOT / "bench/scanner/deps/.venv", "opsdesk/search.py"),
    ("datasette 0.65.1 with its dependencies", "SITE", "datasette", ROOT / "bench/scanner/datasette/.venv",
     "datasette/app.py"),
]


def site_packages(venv):
    out = subprocess.run([str(venv / "bin" / "python"), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                         capture_output=True, text=True, check=True)
    return out.stdout.strip()


def scan_stats(cmd, cwd):
    p = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, env=WITH_BYTECODE)
    if p.returncode not in (0, 1):
        sys.exit("bench: %s failed: %s" % (" ".join(cmd), p.stderr[-2000:]))
    import json
    return json.loads(p.stdout)["stats"]


def timed_in(cmd, cwd, prepare=lambda: None):
    prepare()
    import json
    p = subprocess.run([sys.executable, "-c", WRAP, *cmd], cwd=cwd, capture_output=True, text=True, env=WITH_BYTECODE)
    return json.loads(p.stdout)


def bench_deps(runs):
    """Rows per project: median wall/CPU time and peak RSS of `runs` fresh
    processes per mode, interleaved (one run of each mode in turn), so load
    changes on the shared machine hit every mode alike. The project is
    copied to a temporary folder (one mode edits a file of it)."""
    out = []
    for label, source, path, venv, edited in DEPS_PROJECTS:
        if not (venv / "pyvenv.cfg").exists():
            sys.exit("bench: %s is missing: create it from the requirements.txt beside it (see --help)" % venv)
        source = Path(site_packages(venv)) if source == "SITE" else source
        work = Path(tempfile.mkdtemp(prefix="fbc-project-"))
        shutil.copytree(source / path, work / path, ignore=shutil.ignore_patterns("__pycache__"))
        cache = work / "cache"
        own = work / "own-cache"
        base = [sys.executable, str(SCANNER), "--no-config", "--format", "json"]
        follow = [*base, "--python", str(venv), "--cache-dir", str(cache), path]
        edits = [0]
        original = (work / edited).read_text()

        def emptied(d):
            return lambda: shutil.rmtree(d, ignore_errors=True)

        def packages_only(cache=cache):  # the packages' entries stay; the project's files, plans and results go
            for sub in ("files", "plans", "results"):
                for d in cache.glob("*/" + sub):
                    shutil.rmtree(d)

        def edit_one():
            edits[0] += 1
            (work / edited).write_text(original + "\n# edit %d\n" % edits[0])

        modes = [
            ("project only (--no-deps --no-cache)", [*base, "--no-deps", "--no-cache", path], lambda: None),
            ("project only, empty cache (--no-deps)", [*base, "--no-deps", "--cache-dir", str(own), path], emptied(own)),
            ("following, empty cache (cold)", follow, emptied(cache)),
            ("following, packages cached (warm)", follow, packages_only),
            ("following, one project file changed", follow, edit_one),
            ("following, unchanged re-scan", follow, lambda: None),
            ("project only, unchanged re-scan (--no-deps)", [*base, "--no-deps", "--cache-dir", str(own), path],
             lambda: None),
        ]
        if OTHER:  # the two modes the warm target compares, with the scanner at --compare REV (own cache)
            at = " at %s" % OTHER["rev"]
            old_base = [sys.executable, str(OTHER["scanner"]), "--no-config", "--format", "json"]
            old_follow = [*old_base, "--python", str(venv), "--cache-dir", str(work / "cache-at"), path]
            modes += [("project only (--no-deps --no-cache)" + at, [*old_base, "--no-deps", "--no-cache", path],
                       lambda: None),
                      ("following, packages cached (warm)" + at, old_follow,
                       lambda: packages_only(work / "cache-at"))]
            scan_stats(old_follow, work)
        scan_stats(follow, work)  # fill the cache once
        samples = {m[0]: [] for m in modes}
        for _ in range(runs):
            for name, cmd, prepare in modes:
                if name.startswith("project only, unchanged"):
                    scan_stats(cmd, work)  # its cache was emptied by the empty-cache mode
                samples[name].append(timed_in(cmd, work, prepare))
        stats = scan_stats(follow, work)
        shutil.rmtree(work, ignore_errors=True)
        rows = []
        for name, *_ in modes:
            own_base = modes[0][0] + name[len(name.rpartition(" at ")[0]):] if " at " in name else modes[0][0]
            base_wall = statistics.median(w for w, *_ in samples[own_base])
            base_cpu = statistics.median(c for _, c, *_ in samples[own_base])
            walls = [w for w, *_ in samples[name]]
            row = {"tool": name, "wall": statistics.median(walls), "cpu": statistics.median(c for _, c, *_ in samples[name]),
                   "rss": max(r for _, _, r, _ in samples[name]), "min": min(walls), "max": max(walls)}
            row["ratio"] = row["wall"] / base_wall
            row["cpu_ratio"] = row["cpu"] / base_cpu
            rows.append(row)
            print("  %-48s %7.2fs wall (%.2f-%.2f) %5.2fs cpu %5.0f MiB" % (
                name, row["wall"], row["min"], row["max"], row["cpu"], row["rss"]), file=sys.stderr, flush=True)
        out.append({"label": label, "stats": stats, "rows": rows})
    return out


def print_deps(results, runs):
    print("## Following installed packages (issue 10)\n")
    print("Median of %d fresh processes per mode, modes interleaved; ratios are to the project-only scan without "
          "cache (--no-deps --no-cache), in wall time and in CPU time of the process tree. Targets: cold <= 3x, "
          "warm <= 1.2x, unchanged re-scan <= 0.3x.\n" % runs)
    for r in results:
        s = r["stats"]
        pk = s["packages"]
        print("### %s: %d files, %d lines; following read %d package files (%d lines) of %d distributions in "
              "%d rounds\n" % (r["label"], s["files"], s["lines"], pk["files"], pk["lines"], len(pk["distributions"]),
                               pk["rounds"]))
        print("| mode | wall s | min-max s | CPU s | vs project only (wall) | (CPU) | peak RSS MiB |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for row in r["rows"]:
            print("| %s | %.2f | %.2f-%.2f | %.2f | %.2fx | %.2fx | %.0f |" % (
                row["tool"], row["wall"], row["min"], row["max"], row["cpu"], row["ratio"], row["cpu_ratio"], row["rss"]))
        print()


# ---- precision / recall of the other tools on the labelled corpora ---------
ASYNC_FAMILY = {"ASYNC210": "BLK2", "ASYNC211": "BLK2", "ASYNC212": "BLK2", "ASYNC220": "BLK3",
                "ASYNC221": "BLK3", "ASYNC222": "BLK3", "ASYNC230": "BLK4", "ASYNC231": "BLK4",
                "ASYNC232": "BLK4", "ASYNC240": "BLK4", "ASYNC250": "BLK5", "ASYNC251": "BLK1"}
LINE_RE = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>ASYNC\d+)")


def other_tool_hits(cmd, root):
    p = subprocess.run(cmd, cwd=root.parent, capture_output=True, text=True)
    hits = collections.Counter()
    for line in p.stdout.splitlines():
        m = LINE_RE.match(line.strip())
        if m and m.group("code") in ASYNC_FAMILY:
            rel = (root.parent / m.group("path")).resolve().relative_to(root.resolve()).as_posix()
            hits[(rel, int(m.group("line")), ASYNC_FAMILY[m.group("code")])] += 1
    # one finding per line and family, as the labels count calls per line
    return hits


def family_level(counter):
    out = collections.Counter()
    for (path, line, code), n in counter.items():
        out[(path, line, code[:4])] += n
    return out


def scores():
    out = {}
    for name, root in ss.CORPORA.items():
        expected = family_level(ss.expectations(root))
        result, _ = ss.run_json([root.name], cwd=root.parent)
        ours = family_level(ss.found(result, root))
        rows = {"find-blocking-calls": ss.score(expected, ours)[0]["all"]}
        files = [str(p.relative_to(root.parent)) for p in sorted(root.rglob("*.py"))]
        if RUFF:
            hits = other_tool_hits([RUFF, "check", "--isolated", "--no-cache", "--select", "ASYNC",
                                    "--output-format", "concise", "--exit-zero", *files], root)
            rows["ruff ASYNC"] = ss.score(expected, hits)[0]["all"]
        if FLAKE8_ASYNC:
            hits = other_tool_hits([FLAKE8_ASYNC, "--enable", "ASYNC2", *files], root)
            rows["flake8-async ASYNC2"] = ss.score(expected, hits)[0]["all"]
        out[name] = rows
    return out


def version_of(cmd):
    try:
        return subprocess.run(cmd, capture_output=True, text=True).stdout.strip().splitlines()[0]
    except (OSError, IndexError):
        return "not installed"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--quick", action="store_true", help="only the stdlib's asyncio/email/json, 1 run")
    ap.add_argument("--flake8-full", action="store_true", help="run flake8-async on the big corpora too (slow)")
    ap.add_argument("--deps", action="store_true", help="only the rows for following installed packages and the cache")
    ap.add_argument("--compare", metavar="REV", help="also time the scanner at commit REV (one-core and warm rows)")
    args = ap.parse_args()
    if args.compare:
        OTHER.update(rev=args.compare, scanner=checkout_scanner(args.compare))
    for scanner in (SCANNER, OTHER.get("scanner")):  # (bytecode written once, as an install's first run does)
        if scanner is not None:
            subprocess.run([sys.executable, "-m", "compileall", "-q", str(scanner.parent)], check=True,
                           env=WITH_BYTECODE, stdout=subprocess.DEVNULL)
    if args.deps:
        results = bench_deps(args.runs)
        load = os.getloadavg()
        print("Machine: %s, %d CPUs; load average at the end %.1f / %.1f / %.1f. Python %s.\n" % (
            platform.platform(), os.cpu_count() or 1, *load, platform.python_version()))
        print_deps(results, args.runs)
        return
    stdlib = Path(sysconfig.get_paths()["stdlib"])
    site = Path(sysconfig.get_paths()["purelib"])
    subset_root = Path(tempfile.mkdtemp())
    for sub in ("asyncio", "email", "json"):
        shutil.copytree(stdlib / sub, subset_root / sub, ignore=shutil.ignore_patterns("__pycache__"))
    corpora = []
    runs = 1 if args.quick else args.runs
    corpora.append(bench_corpus("stdlib subset (asyncio, email, json)", subset_root, runs, with_flake8=True))
    if not args.quick:
        corpora.append(bench_corpus("stdlib of CPython %s (lib/%s)" % (platform.python_version(), stdlib.name), stdlib, runs, exclude=("site-packages",),
                                    with_flake8=args.flake8_full))
        corpora.append(bench_corpus("site-packages of the dev venv", site, runs, with_flake8=args.flake8_full))
    if not args.quick:
        both = files_of(stdlib, ("site-packages",)) + files_of(site)
        lines = count_lines(both)
        print("both trees: %d files, %d lines" % (len(both), lines), file=sys.stderr)
        rows = [measure("read + ast.parse, 1 process", [sys.executable, "-c", PARSE_ONE, _listfile(both)], 1, lines)]
        rows.append(measure("find-blocking-calls (default: all cores)",
                            [sys.executable, str(SCANNER), *PROJECT_ONLY, "--format", "json",
                             "--exclude", "site-packages", str(stdlib), str(site)], 1, lines, rows[0]["wall"],
                            WITH_BYTECODE))
        corpora.append({"label": "stdlib + site-packages together (memory)", "files": len(both), "lines": lines,
                        "rows": rows})
    shutil.rmtree(subset_root)
    sc = scores()
    load = os.getloadavg()
    print("# find-blocking-calls benchmark\n")
    print("Machine: %s, %d CPUs, %s; load average at the end %.1f / %.1f / %.1f (the machine was shared)." % (
        platform.platform(), os.cpu_count() or 1, platform.processor() or platform.machine(), *load))
    print("Python %s; %s; %s.\n" % (platform.python_version(), version_of([RUFF, "--version"]) if RUFF else "ruff missing",
                                    "flake8-async " + version_of([sys.executable, "-c", "import flake8_async; print(flake8_async.__version__)"])))
    print("Each row: median of %d cold runs (fresh process). `vs parse` = wall time / wall time of the 1-process "
          "read + ast.parse of the same files in the same run. RSS = peak of the largest single process.\n" % runs)
    for c in corpora:
        print("## %s: %d files, %d lines\n" % (c["label"], c["files"], c["lines"]))
        print("| tool | wall s | CPU s | lines/s | vs parse | CPU vs parse | peak RSS MiB |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        parse_cpu = c["rows"][0]["cpu"]
        for r in c["rows"]:
            print("| %s | %.2f | %.2f | %s | %s | %.2fx | %.0f |" % (
                r["tool"], r["wall"], r["cpu"], format(int(r["lps"]), ","),
                "%.2fx" % r["ratio"] if r["ratio"] is not None else "1.00x", r["cpu"] / parse_cpu, r["rss"]))
        print()
    print("## Labelled corpora: precision and recall by family (path, line, family)\n")
    print("| corpus | tool | TP | FP | FN | precision | recall |")
    print("|---|---|---:|---:|---:|---:|---:|")
    for name, rows in sc.items():
        for tool, (tp, fp, fn, p, r) in rows.items():
            print("| %s | %s | %d | %d | %d | %.3f | %.3f |" % (name, tool, tp, fp, fn, p, r))
    print()


if __name__ == "__main__":
    main()
