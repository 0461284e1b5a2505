"""Helpers for the scanner tests: run it, read `# expect:` labels, score.

Labels are trailing comments on the line a finding is reported on (the start
line of the call): `# expect: BLK200` or `# expect: BLK400, BLK400` when the
line holds two blocking calls. A finding without a label is a false positive;
a label without a finding is a false negative. Scores are per family (the
hundreds digit of the code) and overall; the exact code (direct 00,
through a helper 01, in an offload's arguments 02) must match too.
"""
from __future__ import annotations

import collections
import json
import os
import re
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
SCRIPT = ROOT / "scripts" / "find_blocking_calls.py"
SHELL = ROOT / "scripts" / "find-blocking-calls.sh"
CORPORA = {"own": HERE / "corpus", "independent": HERE / "realistic"}
EXPECT_RE = re.compile(r"#\s*expect:\s*([A-Z0-9, ]+)")
UPDATE_GOLDEN = os.environ.get("UPDATE_GOLDEN") == "1"


def hermetic(args):
    """The scanner follows calls into the packages of the environment it finds
    and caches summaries in the user's cache folder (issue 10). Tests of the
    catalogue, the analysis and the output must not depend on what the dev
    venv has installed nor touch the user's cache: they get --no-deps and
    --no-cache unless they choose (--python, --no-deps, --cache-dir, --no-cache),
    and --no-newer-python unless they pass NEWER_OK."""
    args = [str(a) for a in args]
    flags = {a.partition("=")[0] for a in args}
    if not flags & {"--python", "--no-deps"}:
        args.append("--no-deps")
    if not flags & {"--cache-dir", "--no-cache"}:
        args.append("--no-cache")
    if NEWER_OK not in flags:  # (python3.N on the machine's PATH must not decide what parses)
        args.append("--no-newer-python")
    else:
        args.remove(NEWER_OK)
    return args


NEWER_OK = "--newer-python-allowed"  # a test's own flag: let the scanner use a newer interpreter


def run(args, python=None, cwd=None, input=None, timeout=300, env=None):
    cmd = [python or sys.executable, str(SCRIPT), *hermetic(args)]
    e = dict(os.environ)
    e.pop("PYTHONPATH", None)
    if env:
        e.update(env)
    return subprocess.run(cmd, capture_output=True, text=True, cwd=cwd, input=input,
                          timeout=timeout, env=e)


def run_json(args, python=None, cwd=None, **kw):
    p = run(["--format", "json", *args], python=python, cwd=cwd, **kw)
    assert p.returncode in (0, 1), (p.returncode, p.stderr)
    return json.loads(p.stdout), p


def expectations(root: Path):
    """Counter of (relative path, line, code) from `# expect:` comments."""
    out = collections.Counter()
    for path in sorted(root.rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            m = EXPECT_RE.search(line)
            if m:
                for code in m.group(1).replace(" ", "").split(","):
                    if code:
                        out[(rel, i, code)] += 1
    return out


def found(result, root: Path):
    out = collections.Counter()
    for f in result["findings"]:
        rel = (root.parent / f["path"]).resolve().relative_to(root.resolve()).as_posix()
        out[(rel, f["line"], f["code"])] += 1
    return out


def family(code):
    return code[:4]


def score(expected: collections.Counter, got: collections.Counter):
    """{family or "all": (tp, fp, fn, precision, recall)}, plus the mismatches."""
    fams = {family(k[2]) for k in expected} | {family(k[2]) for k in got}
    table = {}
    def pick(c, fam):
        return collections.Counter({k: v for k, v in c.items() if fam == "all" or family(k[2]) == fam})

    for fam in sorted(fams) + ["all"]:
        e, g = pick(expected, fam), pick(got, fam)
        tp = sum((e & g).values())
        fp = sum((g - e).values())
        fn = sum((e - g).values())
        precision = tp / (tp + fp) if tp + fp else 1.0
        recall = tp / (tp + fn) if tp + fn else 1.0
        table[fam] = (tp, fp, fn, precision, recall)
    return table, sorted((got - expected).elements()), sorted((expected - got).elements())


def format_table(table):
    lines = ["family  TP  FP  FN  precision  recall"]
    for fam, (tp, fp, fn, p, r) in table.items():
        lines.append("%-6s %3d %3d %3d  %9.3f  %6.3f" % (fam, tp, fp, fn, p, r))
    return "\n".join(lines)


def score_corpus(name, python=None):
    root = CORPORA[name]
    result, _ = run_json([root.name], python=python, cwd=root.parent)
    return score(expectations(root), found(result, root)), result


if __name__ == "__main__":
    for name in sys.argv[1:] or list(CORPORA):
        (table, fps, fns), result = score_corpus(name)
        print("== %s" % name)
        print(format_table(table))
        for k in fps:
            print("  FP", k)
        for k in fns:
            print("  FN", k)
        for e in result["errors"]:
            print("  ERR", e)
