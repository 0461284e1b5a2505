"""Command line: find calls that block the asyncio event loop."""
import argparse
import gc
import os
import re
import sys
import time

# analyze, graph, follow and summaries are imported where they are used: an
# unchanged re-scan answered from the cache needs none of them
from blockscan import cache, catalogue, config, environment, output, walk
from blockscan.codes import UsageError, all_codes, expand, make_selector, subrules

HERE = os.path.dirname(os.path.abspath(__file__))
VERSION_LINE = re.compile(r'^  version: "([^"\n]*)"$', re.MULTILINE)

DESCRIPTION = """\
Find calls that block the asyncio event loop in loop code, directly or
through sync helpers (any depth, across modules)."""

EPILOG = """\
loop code (what runs on the event loop, to the scanner):
  async def bodies; sync callbacks the loop runs (loop.call_soon/call_later/
  call_at/call_soon_threadsafe, add_done_callback, loop.add_reader/add_writer,
  loop.add_signal_handler); methods of asyncio.Protocol, BufferedProtocol,
  DatagramProtocol and SubprocessProtocol subclasses (data_received, ...);
  sync methods of Tornado RequestHandler/WebSocketHandler subclasses;
  functions decorated with a name in loop-callbacks (Home Assistant's
  @callback and Textual's @on are known); @property getters read from loop
  code; and every sync function any of these calls. Not loop code: module
  level, functions only offloaded (to_thread, run_in_executor, Thread),
  concurrent.futures done callbacks. --explain BLK has the details.

codes BLKnTR (--list-rules, --explain CODE):
  n family: 0 custom, 1 sleep, 2 http, 3 subprocess, 4 filesystem, 5 input,
    6 network, 7 database, 8 threadwait, 9 nested-loop
  T sub-rule: BLK40 file I/O, BLK41 imports on the loop, BLK42 TLS setup
  R route: 0 direct in loop code, 1 through sync helpers, 2 evaluated in the
    arguments of an offload, 3 first call only (the work sits behind a cache
    that import time does not warm; SARIF level note, GitHub notice)
  --select/--ignore take codes or prefixes at any depth (BLK4, BLK41, BLK413)
  or family names; the more specific match wins.
  Suppress one line with `# noqa: BLK100` (a code or prefix; bare `# noqa`
  silences all).

configuration: [tool.find-blocking-calls] in the nearest pyproject.toml above
  the first PATH, or --config FILE (read on every Python 3.9+). Keys (details:
  --explain config):
    select, ignore   lists of codes, prefixes or family names
    exclude          list of globs (relative to each PATH and to the file's folder)
    blocking-calls   table: "pkg.mod.func" = "replacement"
                     or { replacement = "...", code = "BLK800", why = "..." }
                     (code: a family's or sub-rule's, route digit 0)
    loop-callbacks   list of decorators whose functions the loop runs
                     (["mypkg.core.callback"]; --loop-callback adds to it)
    python           interpreter or venv folder whose packages are followed
                     (relative to the pyproject.toml; --python wins)
  Command-line --select replaces the file's list; the other flags add to it.

installed packages: a call from loop code into an installed package is
  followed into the package's source (only the modules reached), to a call
  the catalogue knows; the chain names the distribution and version
  (`somesdk 2.3.1: Client.__init__() -> _load_config() -> open()`). Findings
  are still reported in project code only. Packages of: --python PATH, else
  the python key, else $VIRTUAL_ENV, else .venv/ or venv/ at the project root
  (where pyproject.toml is), else the interpreter running the scanner
  (--verbose and JSON stats.python say which). The summary counts calls that
  could not be followed because their package is not installed there
  ("unfollowed"): scan in the project's environment so the result is whole.

cache: per-file summaries (project files by content; package files by
  distribution, version and content) and each interpreter's answer are kept
  in $XDG_CACHE_HOME or ~/.cache (%LOCALAPPDATA% on Windows) under
  find-blocking-calls/, keyed by the scanner's code and Python version, so a
  re-scan of an unchanged tree is close to free. --cache-dir DIR moves it,
  --no-cache skips it; it may be deleted any time.

output: text groups call sites that reach the same blocking call (fix it once
  there); json (scripts/blockscan/schema.md), sarif and github keep one result
  per call site, each naming its root. A summary goes to stderr (--quiet drops
  it): files and lines scanned, findings in test files (still scanned; the
  summary shows the --exclude that skips them), findings suppressed by
  `# noqa` or select/ignore, installed packages followed, unfollowed calls.

exit status: 0 no findings, 1 findings (0 with --exit-zero), 2 usage error,
  a PATH that does not exist, or nothing could be scanned.
Windows (or any chosen interpreter): python scripts/find_blocking_calls.py [OPTIONS] [PATH ...]
CI: --format github (workflow annotations) or --format sarif (code scanning upload).
"""


def bundle_version():
    """The bundle's one version: metadata.version in the SKILL.md shipped
    beside scripts/ ("unknown" when the scanner runs without it)."""
    try:
        with open(os.path.join(HERE, os.pardir, os.pardir, "SKILL.md"), encoding="utf-8", errors="replace") as f:
            head = f.read(65536)
    except OSError:
        return "unknown"
    m = VERSION_LINE.search(head)
    return m.group(1) if m else "unknown"


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog="find-blocking-calls", usage="%(prog)s [OPTIONS] [PATH ...]",
        description=DESCRIPTION, epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="*", metavar="PATH", help="files or directories (default: .)")
    sel = p.add_argument_group("what to report")
    sel.add_argument("--select", action="append", default=[], metavar="CODES",
                     help="only these codes, prefixes or families (comma-separated: BLK1,BLK41,http)")
    sel.add_argument("--ignore", action="append", default=[], metavar="CODES",
                     help="skip these codes, prefixes or families")
    sel.add_argument("--exclude", action="append", default=[], metavar="GLOB",
                     help="skip files and directories matching GLOB (a name, a path relative to PATH "
                          "or to the working directory as the output prints it, or absolute; repeatable)")
    sel.add_argument("--blocking-call", action="append", default=[], metavar="NAME[=REPLACEMENT]",
                     help="declare an extra blocking call, e.g. mycorp.sdk.Client.fetch=AsyncClient.fetch")
    sel.add_argument("--loop-callback", action="append", default=[], metavar="NAME",
                     help="a decorator whose functions the event loop runs (loop code), e.g. mypkg.core.callback")
    cfg = p.add_argument_group("configuration")
    cfg.add_argument("--config", metavar="PYPROJECT", help="read configuration from this pyproject.toml")
    cfg.add_argument("--no-config", action="store_true", help="do not read pyproject.toml")
    out = p.add_argument_group("output")
    out.add_argument("--format", choices=("text", "json", "sarif", "github"), default="text",
                     help="output format (default: text)")
    out.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    out.add_argument("--quiet", "-q", action="store_true", help="no summary or notices on stderr (errors still)")
    out.add_argument("--verbose", "-v", action="store_true", help="progress and timing on stderr")
    info = p.add_argument_group("information")
    info.add_argument("--list-rules", action="store_true", help="list rule codes, families and sub-rules and exit")
    info.add_argument("--explain", metavar="CODE", help="print the rule page for CODE (or a family, or config) and exit")
    info.add_argument("--version", action="version", version="find-blocking-calls " + bundle_version())
    deps = p.add_argument_group("installed packages (calls into them are followed; see below)")
    deps.add_argument("--python", metavar="PATH",
                      help="the interpreter (or virtual environment folder) whose installed packages are followed "
                           "(default: $VIRTUAL_ENV, else .venv/ or venv/ at the project root, else the interpreter "
                           "running the scanner)")
    deps.add_argument("--no-deps", action="store_true", help="do not follow calls into installed packages")
    deps.add_argument("--no-cache", action="store_true", help="do not read or write the summary cache")
    deps.add_argument("--cache-dir", metavar="DIR",
                      help="cache folder (default: $XDG_CACHE_HOME or ~/.cache, %%LOCALAPPDATA%% on Windows, "
                           "then find-blocking-calls)")
    run = p.add_argument_group("running")
    run.add_argument("--jobs", "-j", type=int, default=0, metavar="N",
                     help="worker processes (default: the number of CPUs)")
    run.add_argument("--no-newer-python", dest="newer_python", action="store_false",
                     help="do not parse files in syntax newer than the running Python with a newer interpreter "
                          "(by default the newest of: the project's, FIND_BLOCKING_CALLS_PYTHON, python3.N on PATH, "
                          "pyenv's and uv's interpreters)")
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


def list_rules(out):
    """--list-rules: one line per family (its sub-rule T=0), one per further
    sub-rule, then what the route digit means."""
    for sub, name in subrules().items():
        fam = catalogue.FAMILIES[sub[:4]]
        codes = " ".join(sub + r for r in output.ROUTES)
        if sub.endswith("0"):
            out.write("%s  %-11s %s%s\n" % (codes, fam[0], "(%s) " % name if name else "", fam[1]))
        else:
            out.write("%s  %-11s %s\n" % (codes, "", name or "sub-rule of " + fam[0]))
    out.write("last digit, the route: %s\n" % "; ".join("%s %s" % kv for kv in output.ROUTES.items()))


# ---- scanning -------------------------------------------------------------
def prune(summary, roots, also=lambda top: False, keeps=None):
    """Drop call targets that cannot resolve to anything: outside the scanned
    tree (and the packages followed, `roots`) and not in the catalogue.
    `also(top)`: keep targets into that top-level name too (a package that
    may be followed). Keeps memory to what the graph needs. `keeps`: a dict
    that remembers the answer per target name, for the calls with the same
    `roots` and `also` (the same names come back in every file)."""
    from blockscan import analyze
    cat_get = analyze.cat_get
    if keeps is None:
        keeps = {}
    for q, rec in summary["funcs"].items():
        targets = rec[3]
        if not targets:
            continue
        kept = []
        for t in targets:
            name = t[4]
            keep = keeps.get(name)
            if keep is None:
                top = name.partition(".")[0]
                keep = keeps[name] = top in roots or also(top) or cat_get(name.replace(".()", "")) is not None
            if keep:
                kept.append(t)
        if len(kept) != len(targets):
            summary["funcs"][q] = (rec[0], rec[1], rec[2], kept, rec[4])
    return summary


def scan(paths, exclude, selected, extra, jobs, progress=lambda i, n: None, anchored=(), narrowed=False,
         env=None, store=None, selection=(), newer_python=True):
    """Walk, analyse each file (from the cache `store` when unchanged),
    follow calls into the installed packages of `env` (an
    environment.Environment, or None), resolve across files. Returns
    (findings, errors, stats, test_rules); `newer_python`: parse the files in
    syntax newer than this Python with a newer interpreter (newer.py); `narrowed`: select/ignore may hide
    findings, so count them with a second pass that selects everything;
    `selection`: what decides the selection (part of a cached result's key)."""
    errors = []
    namer = walk.ModuleNamer(os.getcwd())
    tasks = []
    alts = {}
    shown = {}  # path -> the path as a test-file check should see it
    for path, root in walk.iter_files(paths, exclude, errors, anchored):
        mod, is_pkg, names = namer.name(path, root)
        tasks.append((os.path.normpath(path), mod, is_pkg, None))
        shown[tasks[-1][0]] = test_path(path, root)
        if names:
            alts[len(tasks) - 1] = names
    clock = [time.monotonic()]  # phase ends: files, following, graph (--verbose)
    from blockscan import context
    # what the project's other files import at module level, when only part of it is scanned
    elsewhere = context.project_imports(paths, {os.path.abspath(t[0]) for t in tasks}, exclude)
    store = store if store is not None and store.usable else None
    digests = [cache.digest_of(t) for t in tasks] if store is not None else None
    key = None
    if store is not None and all(d is not None for d in digests):
        key_of = lambda libs: result_key(tasks, digests, alts, shown, env, libs,  # noqa: E731
                                         tuple(selection) + ((newer_python,), tuple(sorted(elsewhere))), narrowed)
        if env is None:
            key = key_of(None)
        else:
            planned = cache.planned_libraries(store, env, [(t[1], d) for t, d in zip(tasks, digests)])
            key = key_of([(t, d) for t, d in planned]) if planned is not None else None
    if key is not None:
        hit = store.load_json("results", key)
        if hit is not None:
            try:
                return from_cache(hit, errors, env, clock)
            except (TypeError, KeyError, ValueError):
                pass  # not a result this version wrote: scan
    from blockscan import follow, newer
    from blockscan.graph import Program
    from blockscan.summaries import Summarizer
    roots = {t[1].partition(".")[0] for t in tasks} | {a.partition(".")[0] for names in alts.values() for a in names}
    summarizer = Summarizer(jobs, extra, store)
    follower = None
    try:
        keeps = {}
        if env is None:
            keep = lambda s: prune(s, roots, keeps=keeps)  # noqa: E731
        else:
            env.skip_tops = frozenset(roots)
            followable = env.followable_top  # targets into packages stay until following is done
            keep = lambda s: prune(s, roots, followable, keeps)  # noqa: E731
        summaries = summarizer.run(tasks, keep, progress, digests)
        reparsed = None
        if newer_python:  # files in syntax newer than this Python: parsed by a newer one
            reparsed = newer.reparse(summaries, tasks, extra, keep, env.python if env is not None else None)
        for i, alt in alts.items():
            summaries[i]["alt"] = alt
        clock.append(time.monotonic())
        libraries = []
        if env is not None:
            follower = follow.follow(env, [s for s in summaries if not s["error"]],
                                     [(s["module"], s.get("digest")) for s in summaries],
                                     lambda ts: summarizer.run(ts, keep), lambda ts: summarizer.run_cached(ts, keep),
                                     store)
            libraries = follower.libraries
            followed = roots | {s["module"].partition(".")[0] for s in libraries}
            followed_keeps = {}
            for s in summaries + libraries:
                prune(s, followed, keeps=followed_keeps)
    finally:
        summarizer.close()
    clock.append(time.monotonic())
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
    everything = summaries + libraries
    in_tests = lambda path: output.test_rule(shown.get(path, path)) is not None  # noqa: E731
    prog = Program(everything, selected, in_tests, elsewhere)
    findings = prog.findings()
    by_selection = 0
    if narrowed:
        kept = {(f["path"], f["line"], f["col"]) for f in findings}
        every = Program(everything, lambda code: True, in_tests, elsewhere).findings()
        by_selection = sum(1 for f in every if (f["path"], f["line"], f["col"]) not in kept)
    if libraries:
        follow.label(findings, {s["path"]: tuple(s["lib"]) for s in libraries})
    test_rules = []
    for f in findings:
        f["family"] = catalogue.FAMILIES[f["code"][:4]][0]
        f["root"] = output.root_of(f)
        rule = output.test_rule(shown.get(f["path"], f["path"]))
        if rule:
            test_rules.append(rule)
    stats = {"files": len(tasks), "parsed": parsed, "lines": lines, "functions": nfuncs,
             "async_functions": nasync, "findings": len(findings),
             "roots": len({output.root_key(f) for f in findings}),
             "in_tests": len(test_rules),
             "suppressed": prog.noqa_suppressed + by_selection,
             "suppressed_by": {"noqa": prog.noqa_suppressed, "selection": by_selection},
             "python": env.describe() if env is not None else None,
             "packages": package_stats(follower, libraries) if follower is not None else None,
             "unfollowed": ({"calls": sum(follower.unfollowed.values()), "packages": dict(sorted(follower.unfollowed.items()))}
                            if follower is not None else None),
             "summarized": summarizer.parsed, "cached": summarizer.hits,
             "newer_python": ({"python": reparsed[0], "version": reparsed[1], "files": reparsed[2]}
                              if reparsed is not None else None)}
    if key is None and store is not None and follower is not None and all(d is not None for d in digests) \
            and all(s.get("digest") for s in libraries):
        key = key_of([((s["path"], s["module"], s["is_pkg"], tuple(s["lib"])), s["digest"]) for s in libraries])
    if key is not None and (follower is None or not follower.truncated):
        store.store_json("results", key, {"findings": findings, "errors": errors[len(errors) - (len(tasks) - parsed):],
                                          "stats": stats, "test_rules": test_rules})
    clock.append(time.monotonic())
    stats["phases"] = [round(b - a, 3) for a, b in zip(clock, clock[1:])]  # shown by --verbose, not in the output
    return findings, errors, stats, test_rules


def result_key(tasks, digests, alts, shown, env, libs, selection, narrowed):
    """The key of a whole result: every project file (path, module, digest,
    how tests see it), the environment and the package files following read
    ([(task, digest)]), the selection and the loop-callbacks decorators."""
    what = [[[t[0], t[1], t[2], d, shown.get(t[0])] for t, d in zip(tasks, digests)], sorted(alts.items()),
            [env.python, env.fingerprint] if env is not None else None,
            [[t[0], t[1], list(t[3]), d] for t, d in libs] if libs is not None else None,
            [list(x) for x in selection], bool(narrowed), sorted(catalogue.LOOP_CALLBACKS)]
    return cache.digest_of_json(what)


def from_cache(hit, walk_errors, env, clock):
    """A cached result (see scan): the same findings, errors and stats, with
    what describes this run (the interpreter as chosen now, nothing summarized)."""
    stats = hit["stats"]
    stats["python"] = env.describe() if env is not None else None
    stats["summarized"] = 0
    stats["cached"] = stats["files"] + (stats["packages"]["files"] if stats["packages"] else 0)
    if stats["packages"]:
        stats["packages"]["replayed"] = True
    clock += [clock[-1]] * 3
    stats["phases"] = [round(b - a, 3) for a, b in zip(clock, clock[1:])]
    stats["whole"] = True  # (for --verbose; not in the output)
    return hit["findings"], walk_errors + hit["errors"], stats, hit["test_rules"]


def package_stats(follower, libraries):
    """What following read: files and lines of installed packages, their
    distributions, how many rounds it took and whether a bound stopped it."""
    dists = {}
    for s in libraries:
        name, version = s["lib"]
        dists.setdefault(name, version)
    return {"files": len(libraries), "lines": sum(s["lines"] for s in libraries), "errors": follower.errors,
            "distributions": dict(sorted(dists.items(), key=lambda kv: kv[0].lower())),
            "rounds": follower.rounds, "truncated": follower.truncated, "replayed": follower.replayed}


def test_path(path, root):
    """The path a test-file check looks at: as the output prints it (relative
    to the working directory), or from the scanned folder on for a PATH outside
    it, so folders above the project (/home/me/test/...) do not count."""
    shown = output.rel_path(path)
    if os.path.isabs(shown):
        base = os.path.dirname(os.path.abspath(root))
        shown = walk.relative_under(os.path.abspath(path), base)
    return shown


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


def leaf_fix(call):
    """The catalogue's replacement for a blocking call (grouped text output)."""
    from blockscan import analyze
    return (analyze.cat_entry(call) or (None, None, None))[2]


def choose_environment(args, cfg, cfg_where, paths, missing, store, notice, verbose):
    """The environment.Environment to follow, or None. An interpreter named
    by --python or the config that cannot be used is a usage error; one found
    by default that cannot be run is a notice, and the scan goes on without
    following."""
    first = next(p for p in paths if p not in missing)
    root = os.path.dirname(os.path.abspath(cfg_where)) if cfg_where else environment.project_root(first)
    try:
        python, source = environment.choose(args.python, cfg.get("python"), cfg_where, root)
    except environment.EnvironmentProblem as exc:
        raise UsageError(str(exc)) from None
    try:
        info, reused = environment.query(python, store)
    except environment.EnvironmentProblem as exc:
        if source in ("--python", "config"):
            raise UsageError(str(exc)) from None
        notice("%s; not following calls into installed packages (pass --python, or --no-deps)" % exc)
        return None
    env = environment.Environment(python, source, info)
    verbose("following installed packages of %s (Python %s; %s)%s" % (
        python, env.version, source, ", its path from the cache" if reused else ""))
    return env


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
        list_rules(sys.stdout)
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
            raise UsageError("no rule %r (codes are BLK000 to %s; see --list-rules)" % (args.explain, all_codes()[-1]))
        sys.stdout.write(pages[prefix])
        return 0
    if args.jobs < 0:
        raise UsageError("--jobs must be 0 (auto) or more")
    paths = args.paths or ["."]
    missing = [p for p in paths if not os.path.exists(p)]
    if len(missing) == len(paths):
        raise UsageError("%s: no such file or directory" % ", ".join(missing))
    notice = (lambda msg: None) if args.quiet else (  # noqa: E731
        lambda msg: sys.stderr.write("find-blocking-calls: notice: %s\n" % msg))
    cfg = {}
    if args.config:
        if not os.path.isfile(args.config):
            raise UsageError("--config %s: no such file" % args.config)
        cfg = config.load(args.config, notice)
        cfg_where = args.config
    elif not args.no_config:
        found = config.find_pyproject(next(p for p in paths if p not in missing))
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
    cfg_calls = cfg.get("blocking-calls", {})
    extra = config.parse_extra(cfg_calls, catalogue.FAMILIES, cfg_where or "config", subrules()) if cfg_calls else {}
    cli_calls = {}
    for item in args.blocking_call:
        name, _, repl = item.partition("=")
        cli_calls[name.strip()] = repl.strip()
    if cli_calls:
        extra.update(config.parse_extra(cli_calls, catalogue.FAMILIES, "--blocking-call", subrules()))
    if extra:
        from blockscan import analyze
        analyze.configure(extra)
    catalogue.add_loop_callbacks(list(cfg.get("loop-callbacks", [])) + args.loop_callback)
    exclude = list(cfg.get("exclude", [])) + args.exclude
    # command-line patterns also name paths as the output prints them
    # (relative to the working directory) or absolute ones; config patterns
    # are also relative to the pyproject.toml's folder
    cfg_dir = os.path.dirname(os.path.abspath(cfg_where)) if cfg_where else None
    anchored = walk.anchored_patterns([(pat, cfg_dir) for pat in cfg.get("exclude", [])] if cfg_dir else []) \
        + walk.anchored_patterns([(pat, os.getcwd()) for pat in args.exclude])
    jobs = args.jobs or (os.cpu_count() or 1)
    show_progress = args.verbose or (sys.stderr.isatty() and args.format == "text" and not args.quiet)
    verbose = (lambda msg: sys.stderr.write("find-blocking-calls: %s\n" % msg)) if args.verbose else (  # noqa: E731
        lambda msg: None)
    t0 = time.monotonic()
    gc.disable()  # see summaries.worker_init
    store = None
    if not args.no_cache:
        root = os.path.abspath(args.cache_dir) if args.cache_dir else cache.default_root()
        store = cache.Cache(root, cache.scanner_key(extra))
        verbose("cache: %s" % store.dir if store.usable else "cache: %s cannot be used; scanning without it" % root)
    env = None
    if not args.no_deps:
        env = choose_environment(args, cfg, cfg_where, paths, missing, store, notice, verbose)
    findings, errors, stats, test_rules = scan(
        paths, exclude, make_selector(select, ignore), extra, jobs,
        make_progress(show_progress, args.verbose), anchored, narrowed=bool(select or ignore), env=env, store=store,
        selection=(select, ignore), newer_python=args.newer_python)
    stats["seconds"] = round(time.monotonic() - t0, 3)
    phases = stats.pop("phases")
    whole = stats.pop("whole", False)
    for e in errors:
        sys.stderr.write("find-blocking-calls: %s: %s\n" % (e["path"], e["message"]))
    if args.verbose:
        sys.stderr.write("find-blocking-calls: %s, %s, %s (%d async) in %.2fs\n" % (
            output.plural(stats["files"], "file"), output.plural(stats["lines"], "line"),
            output.plural(stats["functions"], "function"), stats["async_functions"], stats["seconds"]))
        output.verbose_packages(stats, sys.stderr)
        if whole:
            verbose("nothing changed since a scan with the same files, packages and options: its result, from the cache")
        else:
            verbose("seconds: project files %.2f, following installed packages %.2f, call graph %.2f" % tuple(phases))
    version = bundle_version()
    result = {"schema": output.SCHEMA, "tool": {"name": "find-blocking-calls", "version": version},
              "findings": findings, "errors": errors, "stats": stats}
    fmt = args.format
    if fmt == "text":
        output.text(result, sys.stdout, leaf_fix=leaf_fix)
    elif fmt == "json":
        output.as_json(result, sys.stdout)
    elif fmt == "sarif":
        output.sarif(result, sys.stdout, version, rule_pages())
    else:
        output.github(result, sys.stdout)
    sys.stdout.flush()
    if stats["parsed"] == 0:
        if stats["files"] == 0 and not errors:
            sys.stderr.write("find-blocking-calls: error: no Python files found in %s\n" % " ".join(paths))
        else:
            sys.stderr.write("find-blocking-calls: error: nothing could be scanned\n")
        return 2
    if not args.quiet:
        output.summary(result, sys.stderr, missing, test_rules)
    if missing:
        return 2  # a PATH that does not exist is a usage error, even when the others were scanned
    if findings and not args.exit_zero:
        return 1
    return 0
