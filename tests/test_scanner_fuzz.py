"""Fuzz the scanner: random bytes, random valid programs, no crash.

In-process properties run the per-file pass and the global pass on the
default interpreter (hypothesis drives many examples quickly); a batch of
generated files is then scanned by the real CLI on every CPython present.
Random programs come from two sources: hypothesmith (grammar-derived
programs) and a small generator of async service-like code built from the
constructs the scanner resolves (imports and aliases, classes with `self`
attributes, lambdas, comprehensions, `with`, offloads, nested defs).
For the latter, a `time.sleep` placed directly in an `async def` body
must always be reported.
"""
from __future__ import annotations

import ast
import json
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).resolve().parent / "scanner"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

import scanner_support as ss  # noqa: E402
from blockscan import analyze  # noqa: E402
from blockscan.graph import Program  # noqa: E402
from interpreters import find_interpreters, interpreter_id  # noqa: E402

# Generated programs are often odd but valid ("1j()"): the compiler's
# SyntaxWarnings about them say nothing about the scanner.
pytestmark = pytest.mark.filterwarnings("ignore::SyntaxWarning")

try:
    import hypothesmith
except ImportError:  # pragma: no cover - the dev group installs it
    hypothesmith = None

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True)


def run_pass(data: bytes, name="fuzz"):
    out = {"path": name + ".py", "module": name, "is_pkg": False, "lines": 0, "error": None,
           "funcs": {}, "names": {}, "classes": {}, "noqa": {}}
    summary = analyze.analyze_bytes(data, out)
    findings = Program([summary], lambda code: True).findings()
    # summaries must be small and picklable (they cross process boundaries)
    import pickle
    pickle.dumps(summary)
    return summary, findings


@FUZZ
@given(st.binary(max_size=2000))
def test_random_bytes(data):
    summary, findings = run_pass(data)
    assert summary["error"] is None or "\n" not in summary["error"]


@FUZZ
@given(st.text(alphabet=st.sampled_from(list("async def await with ()[]{}:.,=+-*/\n\t #'\"\\xyz01lambdaforinifelse")), max_size=400))
def test_random_python_like_text(text):
    run_pass(text.encode("utf-8"))


# ---- a generator of async service-like programs ----------------------------
MODULES = ["time", "os", "requests", "subprocess", "threading", "queue", "asyncio", "pathlib", "sqlite3", "socket"]
BLOCKING = ["time.sleep(1)", "requests.get(u)", "os.listdir(u)", "subprocess.run(u)", "open(u)",
            "socket.gethostbyname(u)", "sqlite3.connect(u)", "input()"]
SAFE = ["await asyncio.sleep(0)", "len(u)", "u.get('k')", "print(u)", "helper_{n}(u)", "await agen_{n}(u)",
        "asyncio.to_thread(helper_{n}, u)", "obj.method(u)", "self_like.x.y(u)", "[x for x in u]",
        "(lambda v: v)(u)", "sorted(u, key=lambda v: v)", "{{k: v for k, v in u}}"]


@st.composite
def statement(draw, depth=0):
    n = draw(st.integers(0, 3))
    kind = draw(st.sampled_from(["blocking", "safe", "assign", "with", "if", "for", "try", "def", "lambda"]
                                if depth < 3 else ["blocking", "safe", "assign"]))
    if kind == "blocking":
        return [draw(st.sampled_from(BLOCKING))]
    if kind == "safe":
        return [draw(st.sampled_from(SAFE)).format(n=n)]
    if kind == "assign":
        target = draw(st.sampled_from(["u", "s", "lock", "q", "p"]))
        value = draw(st.sampled_from(["requests.Session()", "threading.Lock()", "queue.Queue(5)", "pathlib.Path(u)",
                                      "None", "u", "helper_{n}(u)".format(n=n), "s.get(u)", "p / 'x'"]))
        return ["%s = %s" % (target, value)]
    body = draw(st.lists(statement(depth + 1), min_size=1, max_size=3))
    inner = ["    " + line for block in body for line in block]
    if kind == "with":
        return [draw(st.sampled_from(["with lock:", "async with lock:", "with open(u) as f:", "with s as t:"]))] + inner
    if kind == "if":
        return ["if u:"] + inner + ["else:", "    pass"]
    if kind == "for":
        return [draw(st.sampled_from(["for u in s:", "async for u in s:"]))] + inner
    if kind == "try":
        return ["try:"] + inner + ["except Exception as s:", "    pass"]
    if kind == "def":
        return [draw(st.sampled_from(["def inner_%d(u):" % n, "async def inner_%d(u):" % n]))] + inner
    return ["cb = lambda u: %s" % draw(st.sampled_from(BLOCKING))]


@st.composite
def program(draw):
    lines = ["import %s" % m for m in draw(st.lists(st.sampled_from(MODULES), unique=True))]
    lines += ["import time, asyncio, requests, os, subprocess, socket, sqlite3, threading, queue, pathlib"]
    for n in range(4):
        body = draw(st.lists(statement(), min_size=1, max_size=4))
        kw = draw(st.sampled_from(["def", "async def"]))
        lines.append("%s helper_%d(u):" % (kw, n))
        lines += ["    " + line for block in body for line in block]
        lines.append("async def agen_%d(u):" % n)
        lines.append("    return u")
    marker_line = None
    body = draw(st.lists(statement(), min_size=0, max_size=6))
    lines.append("async def main(u, s=None, lock=None, q=None, p=None):")
    lines += ["    " + line for block in body for line in block]
    lines.append("    time.sleep(0)")
    marker_line = len(lines)
    lines.append("class K:")
    lines.append("    def __init__(self):")
    lines.append("        self.s = requests.Session()")
    lines.append("    async def go(self, u):")
    lines.append("        self.s.get(u)")
    return "\n".join(lines) + "\n", marker_line


@FUZZ
@given(program())
def test_generated_programs(prog):
    source, marker_line = prog
    ast.parse(source)  # the generator makes valid code
    summary, findings = run_pass(source.encode())
    assert summary["error"] is None
    lines = {(f["line"], f["code"]) for f in findings}
    assert (marker_line, "BLK100") in lines, source
    assert (len(source.splitlines()), "BLK200") in lines, source
    for f in findings:
        assert f["code"][:4] in {"BLK1", "BLK2", "BLK3", "BLK4", "BLK5", "BLK6", "BLK7", "BLK8", "BLK9"}


@pytest.mark.skipif(hypothesmith is None, reason="hypothesmith is in the dev group")
@settings(FUZZ, max_examples=60)
@given(hypothesmith.from_grammar() if hypothesmith else st.just(""))
def test_hypothesmith_programs(source):
    summary, _ = run_pass(source.encode("utf-8", "surrogatepass"))
    assert summary["error"] is None or "\n" not in summary["error"]


# ---- the real CLI, every interpreter, on a batch of generated files --------
INTERPRETERS = find_interpreters()


@pytest.fixture(scope="module")
def batch(tmp_path_factory):
    root = tmp_path_factory.mktemp("fuzzbatch")
    rnd = __import__("random").Random(1234)
    written = 0

    @settings(FUZZ, max_examples=80)
    @given(program(), st.binary(max_size=300))
    def collect(prog, junk):
        nonlocal written
        (root / ("g%03d.py" % written)).write_text(prog[0])
        (root / ("j%03d.py" % written)).write_bytes(junk)
        written += 1

    collect()
    for i in range(10):
        data = bytes(rnd.randrange(256) for _ in range(rnd.randrange(1, 500)))
        (root / ("r%03d.py" % i)).write_bytes(data)
    return root, written


@pytest.mark.parametrize("python", [p for _, p in INTERPRETERS], ids=[interpreter_id(v) for v, _ in INTERPRETERS])
def test_cli_survives_generated_batch(batch, python):
    root, written = batch
    p = ss.run(["--format", "json", "--no-config", "."], python=python, cwd=root, timeout=600)
    assert p.returncode == 1, p.stderr
    assert "Traceback" not in p.stderr
    data = json.loads(p.stdout)
    flagged = {f["path"] for f in data["findings"] if f["code"] == "BLK100"}
    assert all(("g%03d.py" % i) in flagged for i in range(written))


def test_no_reference_cycles_left_behind():
    """The scanner runs with the cyclic GC off: a per-file pass must leave no
    cyclic garbage, or memory would grow with every file."""
    import gc
    files = sorted(ss.CORPORA["own"].rglob("*.py")) + sorted(ss.CORPORA["independent"].rglob("*.py"))
    files += sorted(Path(ast.__file__).parent.joinpath("asyncio").glob("*.py"))
    was = gc.isenabled()
    gc.disable()
    try:
        gc.collect()
        gc.set_debug(gc.DEBUG_SAVEALL)
        for path in files:
            run_pass(path.read_bytes(), path.stem)
        found = gc.collect()
        garbage = list(gc.garbage)
        gc.garbage.clear()
    finally:
        gc.set_debug(0)
        if was:
            gc.enable()
    assert found == 0, sorted({type(o).__name__ for o in garbage})[:20]


@pytest.mark.skipif(hypothesmith is None, reason="hypothesmith is in the dev group")
@settings(FUZZ, max_examples=40)
@given(hypothesmith.from_node() if hypothesmith else st.just(""))
def test_hypothesmith_node_programs(source):
    summary, _ = run_pass(source.encode("utf-8", "surrogatepass"))
    assert summary["error"] is None or "\n" not in summary["error"]
