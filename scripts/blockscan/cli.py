"""Command line: find calls that block the asyncio event loop."""
import argparse
import gc
import os
import sys
import time

from blockscan import analyze, catalogue, config, output, walk
from blockscan.graph import Program

VERSION = "1.0.0"
HERE = os.path.dirname(os.path.abspath(__file__))
PARALLEL_MIN_FILES = 48

EPILOG = """\
Windows (or any chosen interpreter): python scripts/find_blocking_calls.py [OPTIONS] [PATH ...]
CI: --format github (workflow annotations) or --format sarif (code scanning upload).
exit status: 0 no findings, 1 findings, 2 usage error or nothing could be scanned.
Suppress one line with `# noqa: BLK100` (a code or prefix; bare `# noqa` silences all).
Rule pages: --explain BLK1 (or any code or family). Configuration: --explain config
([tool.find-blocking-calls] in pyproject.toml, Python 3.11+).
"""


class UsageError(Exception):
    pass


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="find-blocking-calls",
        description="Find calls that block the asyncio event loop in async code, "
                    "directly or through sync helpers (any depth, across modules).",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or directories (default: .)")
    p.add_argument("--format", choices=("text", "json", "sarif", "github"), default="text",
                   help="output format (default: text)")
    p.add_argument("--select", action="append", default=[], metavar="CODES",
                   help="only these codes, prefixes or families (comma-separated: BLK1,BLK200,http)")
    p.add_argument("--ignore", action="append", default=[], metavar="CODES",
                   help="skip these codes, prefixes or families")
    p.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                   help="skip files and directories matching GLOB while walking (repeatable)")
    p.add_argument("--blocking-call", action="append", default=[], metavar="NAME[=REPLACEMENT]",
                   help="declare an extra blocking call, e.g. mycorp.sdk.Client.fetch=AsyncClient.fetch")
    p.add_argument("--config", metavar="PYPROJECT", help="read configuration from this pyproject.toml")
    p.add_argument("--no-config", action="store_true", help="do not read pyproject.toml")
    p.add_argument("--explain", metavar="CODE", help="print the rule page for CODE (or a family) and exit")
    p.add_argument("--list-rules", action="store_true", help="list rule codes and families and exit")
    p.add_argument("--jobs", "-j", type=int, default=0, metavar="N",
                   help="worker processes (default: the number of CPUs)")
    p.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    p.add_argument("--verbose", "-v", action="store_true", help="progress and timing on stderr")
    p.add_argument("--version", action="version", version="find-blocking-calls " + VERSION)
    return p.parse_args(argv)


# ---- rules and selection ------------------------------------------------
def rule_pages():
    """family prefix (BLK1) -> page text, from rules.md."""
    pages = {}
    path = os.path.join(HERE, "rules.md")
    with open(path, encoding="utf-8") as f:
        cur, buf = None, []
        for line in f:
            if line.startswith("## "):
                if cur:
                    pages[cur] = "".join(buf).strip() + "\n"
                word = line[3:].split()[0]
                cur = "config" if word.startswith("config") else word[:4]
                buf = [line]
            elif cur:
                buf.append(line)
        if cur:
            pages[cur] = "".join(buf).strip() + "\n"
    return pages


def all_codes():
    out = []
    for prefix in sorted(catalogue.FAMILIES):
        for d in "012":
            out.append(prefix + "0" + d)
    return out


def expand(tokens, where):
    """Comma-separated codes, prefixes or family names -> list of code prefixes."""
    names = {fam[0]: prefix for prefix, fam in catalogue.FAMILIES.items()}
    codes = all_codes()
    out = []
    for tok in tokens:
        for t in tok.split(","):
            t = t.strip()
            if not t:
                continue
            if t.lower() in names:
                out.append(names[t.lower()])
                continue
            u = t.upper()
            if not any(c.startswith(u) for c in codes):
                raise UsageError("%s: unknown rule code or family %r (see --list-rules)" % (where, t))
            out.append(u)
    return out


def make_selector(select, ignore):
    def selected(code):
        if select and not any(code.startswith(s) for s in select):
            return False
        # the most specific match wins: --select BLK401 --ignore BLK4 keeps BLK401
        best_sel = max((len(s) for s in select if code.startswith(s)), default=-1)
        best_ign = max((len(s) for s in ignore if code.startswith(s)), default=-1)
        return best_ign < 0 or best_sel > best_ign
    return selected


# ---- scanning -------------------------------------------------------------
def worker_init(extra):
    # summaries and ASTs hold no reference cycles: the cyclic GC would only
    # re-traverse every live summary again and again (quadratic on big trees)
    gc.disable()
    analyze.configure(extra)


def prune(summary, roots):
    """Drop call targets that cannot resolve to anything: outside the scanned
    tree and not in the catalogue. Keeps memory to what the graph needs."""
    cat_get = analyze.cat_get
    for q, rec in summary["funcs"].items():
        targets = rec[3]
        if not targets:
            continue
        kept = [t for t in targets
                if t[4].partition(".")[0] in roots or cat_get(t[4].replace(".()", "")) is not None]
        if len(kept) != len(targets):
            summary["funcs"][q] = (rec[0], rec[1], rec[2], kept, rec[4])
    return summary


def run_tasks(tasks, jobs, extra, progress, keep=lambda s: s):
    """Per-file pass, in a process pool when it pays off. Returns summaries."""
    n = len(tasks)
    use_pool = jobs > 1 and n >= PARALLEL_MIN_FILES
    # Python < 3.11 can crash (segfault) parsing pathologically deep code:
    # keep the parser out of our own process there.
    if sys.version_info < (3, 11) and n:
        use_pool = True
    if not use_pool:
        out = []
        for i, t in enumerate(tasks):
            out.append(keep(analyze.analyze_file(t)))
            progress(i + 1, n)
        return out
    return run_pool(tasks, max(1, jobs), extra, progress, keep)


def run_pool(tasks, jobs, extra, progress, keep):
    import concurrent.futures as cf
    from concurrent.futures.process import BrokenProcessPool
    n = len(tasks)
    out = []
    chunk = max(1, min(64, n // (jobs * 8) or 1))
    try:
        with cf.ProcessPoolExecutor(max_workers=min(jobs, n), initializer=worker_init,
                                    initargs=(extra,)) as ex:
            for res in ex.map(analyze.analyze_file, tasks, chunksize=chunk):
                out.append(keep(res))
                progress(len(out), n)
        return out
    except BrokenProcessPool:
        pass
    # a worker died (the interpreter's parser crashed on some file): redo the
    # rest one file per process to find it, and report it as not parsed
    for t in tasks[len(out):]:
        try:
            with cf.ProcessPoolExecutor(max_workers=1, initializer=worker_init, initargs=(extra,)) as ex:
                out.append(keep(ex.submit(analyze.analyze_file, t).result()))
        except BrokenProcessPool:
            out.append({"path": t[0], "module": t[1], "is_pkg": t[2], "lines": 0,
                        "error": "the parser of Python %d.%d crashed on this file (too deeply nested?); "
                                 "try a newer Python" % sys.version_info[:2],
                        "funcs": {}, "names": {}, "classes": {}, "noqa": {}})
        progress(len(out), n)
    return out


def scan(paths, exclude, selected, extra, jobs, progress=lambda i, n: None, anchored=()):
    errors = []
    namer = walk.ModuleNamer()
    tasks = []
    alts = {}
    for path, root in walk.iter_files(paths, exclude, errors, anchored):
        mod, is_pkg, alt = namer.name(path, root)
        tasks.append((os.path.normpath(path), mod, is_pkg))
        if alt:
            alts[len(tasks) - 1] = alt
    roots = {t[1].partition(".")[0] for t in tasks} | {a.partition(".")[0] for a in alts.values()}
    summaries = run_tasks(tasks, jobs, extra, progress, lambda s: prune(s, roots))
    for i, alt in alts.items():
        summaries[i]["alt"] = alt
    lines = 0
    parsed = 0
    nfuncs = nasync = 0
    for s in summaries:
        lines += s["lines"]
        if s["error"]:
            errors.append({"path": s["path"], "message": s["error"]})
        else:
            parsed += 1
            nfuncs += len(s["funcs"])
            nasync += sum(1 for r in s["funcs"].values() if r[0])
    prog = Program(summaries, selected)
    findings = prog.findings()
    for f in findings:
        f["family"] = catalogue.FAMILIES[f["code"][:4]][0]
    stats = {"files": len(tasks), "parsed": parsed, "lines": lines, "functions": nfuncs,
             "async_functions": nasync, "findings": len(findings)}
    return findings, errors, stats


def make_progress(enabled, always):
    """Progress on stderr: with --verbose always, on a TTY once a run passes 1 s."""
    if not enabled:
        return lambda i, n: None
    start = time.monotonic()
    state = {"last": 0.0, "shown": False}

    def progress(i, n):
        now = time.monotonic()
        if not always and not state["shown"] and now - start < 1.0:
            return
        state["shown"] = True
        if i == n or now - state["last"] > 0.2:
            state["last"] = now
            sys.stderr.write("\rscanned %d/%d files" % (i, n) + ("\n" if i == n else ""))
            sys.stderr.flush()
    return progress


def main(argv=None):
    try:
        return _main(sys.argv[1:] if argv is None else argv)
    except UsageError as exc:
        sys.stderr.write("find-blocking-calls: error: %s\n" % exc)
        return 2
    except config.ConfigError as exc:
        sys.stderr.write("find-blocking-calls: error: %s\n" % exc)
        return 2
    except KeyboardInterrupt:
        sys.stderr.write("find-blocking-calls: interrupted\n")
        return 130
    except BrokenPipeError:
        try:
            sys.stdout = None
        except Exception:
            pass
        return 1


def _main(argv):
    for stream in (sys.stdout, sys.stderr):
        try:  # a non-UTF-8 console (Windows cp1252) must not crash on a path
            stream.reconfigure(errors="backslashreplace")
        except (AttributeError, ValueError):
            pass
    args = parse_args(argv)
    if args.list_rules:
        for prefix in sorted(catalogue.FAMILIES):
            fam = catalogue.FAMILIES[prefix]
            sys.stdout.write("%s00 %s01 %s02  %-11s %s\n" % (prefix, prefix, prefix, fam[0], fam[1]))
        return 0
    if args.explain:
        pages = rule_pages()
        key = args.explain.strip()
        if key.lower() == "config":
            sys.stdout.write(pages["config"])
            return 0
        names = {fam[0]: p for p, fam in catalogue.FAMILIES.items()}
        prefix = names.get(key.lower()) or key.upper()[:4]
        if prefix not in pages or not any(c.startswith(key.upper()) for c in all_codes()) and key.lower() not in names:
            raise UsageError("no rule %r (codes are BLK000 to BLK902; see --list-rules)" % args.explain)
        sys.stdout.write(pages[prefix])
        return 0
    if args.jobs < 0:
        raise UsageError("--jobs must be 0 (auto) or more")
    paths = args.paths or ["."]
    notice = lambda msg: sys.stderr.write("find-blocking-calls: notice: %s\n" % msg)  # noqa: E731
    cfg = {}
    if args.config:
        if not os.path.isfile(args.config):
            raise UsageError("--config %s: no such file" % args.config)
        cfg = config.load(args.config, notice)
        cfg_where = args.config
    elif not args.no_config:
        found = config.find_pyproject(paths[0])
        cfg_where = found or ""
        if found:
            cfg = config.load(found, notice)
    else:
        cfg_where = ""
    select = expand(cfg.get("select", []), cfg_where) + []
    ignore = expand(cfg.get("ignore", []), cfg_where)
    if args.select:
        select = expand(args.select, "--select")
    ignore += expand(args.ignore, "--ignore")
    extra = config.parse_extra(cfg.get("blocking-calls", {}), catalogue.FAMILIES, cfg_where or "config")
    cli_calls = {}
    for item in args.blocking_call:
        name, _, repl = item.partition("=")
        cli_calls[name.strip()] = repl.strip()
    extra.update(config.parse_extra(cli_calls, catalogue.FAMILIES, "--blocking-call"))
    analyze.configure(extra)
    exclude = list(cfg.get("exclude", [])) + args.exclude
    cfg_dir = os.path.dirname(os.path.abspath(cfg_where)) if cfg_where else None
    anchored = [(pat, cfg_dir) for pat in cfg.get("exclude", [])] if cfg_dir else []
    jobs = args.jobs or (os.cpu_count() or 1)
    show_progress = args.verbose or (sys.stderr.isatty() and args.format == "text")
    t0 = time.monotonic()
    gc.disable()  # see worker_init
    findings, errors, stats = scan(paths, exclude, make_selector(select, ignore), extra, jobs,
                                   make_progress(show_progress, args.verbose), anchored)
    stats["seconds"] = round(time.monotonic() - t0, 3)
    for e in errors:
        sys.stderr.write("find-blocking-calls: %s: %s\n" % (e["path"], e["message"]))
    if args.verbose:
        sys.stderr.write("find-blocking-calls: %(files)d files, %(lines)d lines, %(functions)d functions "
                         "(%(async_functions)d async) in %(seconds).2fs\n" % stats)
    result = {"schema": output.SCHEMA, "tool": {"name": "find-blocking-calls", "version": VERSION},
              "findings": findings, "errors": errors, "stats": stats}
    fmt = args.format
    if fmt == "text":
        output.text(result, sys.stdout)
    elif fmt == "json":
        output.as_json(result, sys.stdout)
    elif fmt == "sarif":
        output.sarif(result, sys.stdout, VERSION, rule_pages())
    else:
        output.github(result, sys.stdout)
    sys.stdout.flush()
    if stats["parsed"] == 0:
        if stats["files"] == 0 and not errors:
            sys.stderr.write("find-blocking-calls: error: no Python files found in %s\n" % " ".join(paths))
        else:
            sys.stderr.write("find-blocking-calls: error: nothing could be scanned\n")
        return 2
    if findings and not args.exit_zero:
        return 1
    return 0
