"""find-blocking-calls: command line, configuration and output layer.

Findings grouped by their root, the summary on stderr, counts of suppressed
findings and of findings in test files, PATH and --exclude handling, the
vendored TOML parser, the bundle version, --help and --list-rules. Every
test runs the shipped entry points (find_blocking_calls.py, and the POSIX
wrapper where it matters) in a subprocess; the ones that depend on the
interpreter run on each CPython 3.9+ present.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "scanner"))

import scanner_support as ss  # noqa: E402
from interpreters import find_interpreters, interpreter_id  # noqa: E402

INTERPRETERS = find_interpreters()
PYTHONS = pytest.mark.parametrize("python", [p for _, p in INTERPRETERS], ids=[interpreter_id(v) for v, _ in INTERPRETERS])
VERSION_OF = {p: v for v, p in INTERPRETERS}
SKILL_VERSION = re.search(r'^  version: "([^"]+)"$', (ss.ROOT / "SKILL.md").read_text(encoding="utf-8"),
                          re.MULTILINE).group(1)
SLEEPS = "import time\nasync def f():\n    time.sleep(1)\n"


def write(root: Path, files: dict):
    for name, text in files.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text), encoding="utf-8")


def run(args, cwd, python=None, shell=False, env=None):
    """The scanner through find_blocking_calls.py, or through the POSIX wrapper."""
    if not shell:
        return ss.run(args, python=python, cwd=cwd, env=env)
    e = dict(os.environ)
    e.pop("PYTHONPATH", None)
    if python:
        e["FIND_BLOCKING_CALLS_PYTHON"] = python
    return subprocess.run(["sh", str(ss.SHELL), *[str(a) for a in args]], capture_output=True, text=True,
                          cwd=cwd, env=e, timeout=300)


def as_json(p):
    assert p.returncode in (0, 1), (p.returncode, p.stderr)
    return json.loads(p.stdout)


# ---- findings that share a root ----------------------------------------------
SHARED_ROOT = {
    "util/__init__.py": "",
    "util/tls.py": """
        import ssl

        def make_context():
            return ssl.create_default_context()

        def client_context():
            return make_context()
        """,
    "app/__init__.py": "",
    "app/handlers.py": """
        from util.tls import client_context, make_context

        async def login():
            client_context()

        async def refresh():
            make_context()

        async def logout():
            client_context()

        async def upload():
            open("x").close()
        """,
    "app/jobs.py": """
        from util import tls

        async def nightly():
            tls.client_context()
        """,
}


def test_text_groups_call_sites_by_root(tmp_path):
    write(tmp_path, SHARED_ROOT)
    t = run(["--no-config", "."], tmp_path)
    assert t.returncode == 1, t.stderr
    out = t.stdout
    # one block for the four sites reaching ssl.create_default_context, whose
    # header names the root (where one fix serves them all) ...
    header = "`ssl.create_default_context` in util/tls.py:5, reached from 4 call sites:\n"
    assert header in out, out
    block = out[out.index(header):].splitlines()[1:7]
    sites = [ln.split(":")[0:3] for ln in block[:4]]
    assert sites == [["    app/handlers.py", "5", "5"], ["    app/handlers.py", "8", "5"],
                     ["    app/handlers.py", "11", "5"], ["    app/jobs.py", "5", "5"]], block
    assert "in app.handlers.login via client_context() -> make_context()" in block[0]
    assert "in app.handlers.refresh via make_context()" in block[1]
    assert block[4].startswith("    why: ") and block[5].startswith("    fix: once, in make_context(): ")
    # ... and a finding alone at its root keeps the one-finding form
    assert re.search(r"^app/handlers\.py:14:5: BLK400 open\(\) blocks the event loop", out, re.M), out
    assert out.count("reached from") == 1
    assert "Found 5 blocking calls (2 distinct roots) in 5 files" in t.stderr


def test_json_and_sarif_keep_one_result_per_site_with_its_root(tmp_path):
    write(tmp_path, SHARED_ROOT)
    data = as_json(run(["--no-config", "--format", "json", "."], tmp_path))
    ssl_sites = [f for f in data["findings"] if f["call"] == "ssl.create_default_context"]
    assert len(ssl_sites) == 4
    for f in ssl_sites:
        assert f["root"] == {"call": "ssl.create_default_context", "path": "util/tls.py", "line": 5, "col": 12}
        assert f["root"] == {k: f["chain"][-1][k] for k in ("call", "path", "line", "col")}
    direct = next(f for f in data["findings"] if f["call"] == "builtins.open")
    assert direct["root"] == {"call": "builtins.open", "path": "app/handlers.py", "line": 14, "col": 5}
    assert data["stats"]["roots"] == 2 and data["stats"]["findings"] == 5
    doc = as_json(run(["--no-config", "--format", "sarif", "."], tmp_path))
    results = doc["runs"][0]["results"]
    assert len(results) == 5
    roots = [r["properties"]["root"] for r in results]
    assert roots.count({"call": "ssl.create_default_context", "uri": "util/tls.py", "line": 5, "col": 12}) == 4
    assert all(r["level"] == "warning" for r in results)  # route 3 alone is a note


# ---- the summary on stderr --------------------------------------------------
@PYTHONS
@pytest.mark.parametrize("shell", [False, True], ids=["py", "sh"])
def test_clean_scan_says_so_in_every_format(tmp_path, python, shell):
    write(tmp_path, {"one.py": "x = 1\n"})
    for fmt in ("text", "json", "sarif", "github"):
        t = run(["--no-config", "--format", fmt, "."], tmp_path, python=python, shell=shell)
        assert t.returncode == 0, t.stderr
        assert t.stderr == "No blocking calls found in 1 file (1 line).\n", (fmt, t.stderr)
        if fmt == "text":
            assert t.stdout == ""
    write(tmp_path, {"two.py": "import asyncio\nasync def f():\n    await asyncio.sleep(0)\n"})
    t = run(["--no-config", "."], tmp_path, python=python, shell=shell)
    assert t.stderr == "No blocking calls found in 2 files (4 lines).\n"
    t = run(["--no-config", "--quiet", "."], tmp_path, python=python, shell=shell)
    assert t.returncode == 0 and t.stderr == "" and t.stdout == ""


def test_findings_summary_wording(tmp_path):
    write(tmp_path, {"bad.py": SLEEPS})
    t = run(["--no-config", "."], tmp_path)
    assert t.returncode == 1 and t.stderr == "Found 1 blocking call in 1 file (3 lines).\n", t.stderr
    assert "Found" not in t.stdout  # stdout holds findings only
    t = run(["--no-config", "--format", "json", "."], tmp_path)
    assert t.stderr == "Found 1 blocking call in 1 file (3 lines).\n"
    assert json.loads(t.stdout)["stats"]["findings"] == 1
    t = run(["--no-config", "--verbose", "."], tmp_path)
    assert "find-blocking-calls: 1 file, 3 lines, 1 function (1 async) in " in t.stderr, t.stderr


SUPPRESSED = {
    "m.py": """
        import os, subprocess, time

        async def main():
            time.sleep(1)  # noqa: BLK100
            time.sleep(2)  # noqa
            os.listdir(".")
            subprocess.run(["true"])
            time.sleep(3)
        """,
}


def test_suppressed_findings_are_counted(tmp_path):
    write(tmp_path, SUPPRESSED)
    t = run(["--no-config", "--format", "json", "."], tmp_path)
    data = as_json(t)
    assert [f["line"] for f in data["findings"]] == [7, 8, 9]
    assert data["stats"]["suppressed"] == 2 and data["stats"]["suppressed_by"] == {"noqa": 2, "selection": 0}
    assert "2 findings suppressed by # noqa.\n" in t.stderr, t.stderr
    t = run(["--no-config", "--format", "json", "--ignore", "BLK4", "--ignore", "subprocess", "."], tmp_path)
    data = as_json(t)
    assert [f["line"] for f in data["findings"]] == [9]
    assert data["stats"]["suppressed_by"] == {"noqa": 2, "selection": 2} and data["stats"]["suppressed"] == 4
    assert "4 findings suppressed (2 by # noqa, 2 by select/ignore).\n" in t.stderr, t.stderr
    # select narrows too: what it leaves out is counted the same way
    data = as_json(run(["--no-config", "--format", "json", "--select", "BLK3", "."], tmp_path))
    assert [f["line"] for f in data["findings"]] == [8]
    assert data["stats"]["suppressed_by"] == {"noqa": 0, "selection": 2}


@PYTHONS
def test_config_ignores_are_counted_as_suppressed(tmp_path, python):
    write(tmp_path, {**SUPPRESSED, "pyproject.toml": '[tool.find-blocking-calls]\nignore = ["BLK4"]\n'})
    t = run(["--format", "json", "."], tmp_path, python=python)
    data = as_json(t)
    assert [f["line"] for f in data["findings"]] == [8, 9], (VERSION_OF[python], t.stderr)
    assert data["stats"]["suppressed_by"] == {"noqa": 2, "selection": 1}
    assert "3 findings suppressed (2 by # noqa, 1 by select/ignore).\n" in t.stderr


TESTS_TREE = {
    "pkg/__init__.py": "",
    "pkg/core.py": SLEEPS,
    "tests/helpers.py": SLEEPS.replace("f()", "g()"),
    "pkg/test_core.py": SLEEPS.replace("f()", "t()"),
    "pkg/core_test.py": SLEEPS.replace("f()", "u()"),
    "pkg/sub/conftest.py": SLEEPS.replace("f()", "fixture()"),
}


def test_findings_in_test_files_are_counted_and_the_summary_shows_how_to_skip_them(tmp_path):
    write(tmp_path, TESTS_TREE)
    t = run(["--no-config", "--format", "json", "."], tmp_path)
    data = as_json(t)
    # still scanned by default
    assert sorted(f["path"] for f in data["findings"]) == [
        "pkg/core.py", "pkg/core_test.py", "pkg/sub/conftest.py", "pkg/test_core.py", "tests/helpers.py"]
    assert data["stats"]["in_tests"] == 4
    line = next(ln for ln in t.stderr.splitlines() if "in test files" in ln)
    assert line == ("4 of them in test files (still scanned; to skip them: --exclude tests "
                    "--exclude '*_test.py' --exclude conftest.py --exclude 'test_*.py')."), line
    # the advice works as printed
    flags = line.split("to skip them: ")[1].rstrip(").").replace("'", "").split()
    data = as_json(run(["--no-config", "--format", "json", *flags, "."], tmp_path))
    assert [f["path"] for f in data["findings"]] == ["pkg/core.py"]
    assert data["stats"]["in_tests"] == 0
    # only a tests/ folder: the advice is just that
    t = run(["--no-config", "tests"], tmp_path)
    assert "All of them in test files (still scanned; to skip them: --exclude tests)." in t.stderr, t.stderr


def test_a_folder_above_the_project_named_test_does_not_count(tmp_path):
    proj = tmp_path / "test" / "proj"
    write(proj, {"app.py": SLEEPS})
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for cwd, arg in ((proj, "."), (elsewhere, str(proj)), (tmp_path, "test/proj")):
        data = as_json(run(["--no-config", "--format", "json", arg], cwd))
        expected = 1 if arg == "test/proj" else 0  # there the output names the folder
        assert data["stats"]["in_tests"] == expected, (cwd, arg)


# ---- PATH arguments and --exclude ------------------------------------------------
@PYTHONS
@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "github"])
def test_a_missing_path_is_one_line_and_exit_2(tmp_path, python, fmt):
    t = run(["--no-config", "--format", fmt, "nowhere"], tmp_path, python=python)
    assert t.returncode == 2 and t.stdout == ""
    assert t.stderr == "find-blocking-calls: error: nowhere: no such file or directory\n", t.stderr
    t = run(["--no-config", "--format", fmt, "gone.py", "nowhere"], tmp_path, python=python, shell=True)
    assert t.returncode == 2 and t.stderr.splitlines() == [
        "find-blocking-calls: error: gone.py, nowhere: no such file or directory"]


def test_a_missing_path_beside_real_ones_is_reported_not_counted_as_unparsed(tmp_path):
    write(tmp_path, {"bad.py": SLEEPS})
    t = run(["--no-config", "bad.py", "typo"], tmp_path)
    assert t.returncode == 2  # a typo in CI must not pass green
    assert t.stdout.startswith("bad.py:3:5: BLK100")
    assert t.stderr.splitlines() == ["find-blocking-calls: typo: no such file or directory",
                                     "Found 1 blocking call in 1 file (3 lines).",
                                     "1 path not found (errors above)."], t.stderr
    assert "not parsed" not in t.stderr
    t = run(["--no-config", "--format", "json", "bad.py", "typo"], tmp_path)
    data = json.loads(t.stdout)
    assert t.returncode == 2 and data["errors"] == [{"path": "typo", "message": "no such file or directory"}]
    assert len(data["findings"]) == 1 and data["stats"]["files"] == 1
    # an unparsable file is not a missing path
    write(tmp_path, {"broken.py": "def (:\n"})
    t = run(["--no-config", "bad.py", "broken.py", "typo"], tmp_path)
    assert t.stderr.splitlines()[-1] == "1 file not parsed, 1 path not found (errors above).", t.stderr


def _paths(p):
    return sorted(f["path"] for f in as_json(p)["findings"])


@pytest.mark.parametrize("spelling", ["{rel}", "./{rel}", "{rel}/", "./{rel}/", "{abs}", "{abs}/"])
def test_exclude_a_folder_spelled_as_the_output_prints_it(tmp_path, spelling):
    write(tmp_path, {"src/app/core.py": SLEEPS, "src/app/gen/schema.py": SLEEPS.replace("f()", "g()"),
                     "src/other.py": SLEEPS.replace("f()", "h()")})
    every = _paths(run(["--no-config", "--format", "json", "src"], tmp_path))
    assert every == ["src/app/core.py", "src/app/gen/schema.py", "src/other.py"]
    gen = str(tmp_path / "src" / "app" / "gen")
    pat = spelling.format(rel="src/app/gen", abs=gen)
    for arg in ("src", str(tmp_path / "src"), "."):
        got = [os.path.relpath(p, tmp_path) if os.path.isabs(p) else p
               for p in _paths(run(["--no-config", "--format", "json", "--exclude", pat, arg], tmp_path))]
        assert sorted(got) == ["src/app/core.py", "src/other.py"], (pat, arg)


def test_exclude_a_file_taken_from_a_finding(tmp_path):
    write(tmp_path, {"svc/a.py": SLEEPS, "svc/b.py": SLEEPS.replace("f()", "g()")})
    sub = tmp_path / "svc"
    for cwd, arg in ((tmp_path, "svc"), (tmp_path, "."), (sub, "."), (sub, "../svc")):
        first = as_json(run(["--no-config", "--format", "json", arg], cwd))["findings"]
        printed = next(f["path"] for f in first if f["path"].endswith("a.py"))
        again = _paths(run(["--no-config", "--format", "json", "--exclude", printed, arg], cwd))
        assert len(again) == 1 and again[0].endswith("b.py"), (cwd, arg, printed, again)


def test_exclude_patterns_still_match_names_and_paths_under_each_path(tmp_path):
    write(tmp_path, {"a/migrations/m1.py": SLEEPS, "a/keep.py": SLEEPS.replace("f()", "g()")})
    assert _paths(run(["--no-config", "--format", "json", "--exclude", "migrations", "a"], tmp_path)) == ["a/keep.py"]
    assert _paths(run(["--no-config", "--format", "json", "--exclude", "*/m1.py", "."], tmp_path)) == ["a/keep.py"]
    # a name that only exists elsewhere excludes nothing here
    assert len(_paths(run(["--no-config", "--format", "json", "--exclude", "b/migrations", "a"], tmp_path))) == 2


def test_scripts_with_the_same_name_in_different_folders_are_all_scanned(tmp_path):
    write(tmp_path, {"examples/chat/main.py": SLEEPS, "examples/feed/main.py": SLEEPS,
                     "examples/my-demo/main.py": SLEEPS})
    data = as_json(run(["--no-config", "--format", "json", "."], tmp_path))
    assert sorted(f["path"] for f in data["findings"]) == [
        "examples/chat/main.py", "examples/feed/main.py", "examples/my-demo/main.py"]
    assert len({f["function"] for f in data["findings"]}) == 3


# ---- configuration on every interpreter ------------------------------------------------
CONFIG = r'''
# comments, multi-line arrays, literal strings, dotted keys and inline tables:
# what tomllib and the vendored tomli must read the same way
[project]
name = "demo"

[tool.find-blocking-calls]
ignore = [
    "BLK3",   # subprocess
    'BLK41',
]
exclude = ['gen', "vendor/*"]

[tool.find-blocking-calls.blocking-calls]
"mycorp.sdk.fetch" = """await mycorp.sdk.afetch()"""
"mycorp.sdk.lock" = { replacement = 'asyncio.Lock', code = "BLK800", why = "waits for a lock file" }
'''


@PYTHONS
def test_configuration_is_read_the_same_on_every_python(tmp_path, python):
    write(tmp_path, {
        "pyproject.toml": CONFIG,
        "src/m.py": """
            import subprocess, time
            from mycorp import sdk
            async def a():
                subprocess.run(["true"])
                sdk.fetch()
                sdk.lock()
                time.sleep(1)
            """,
        "gen/g.py": SLEEPS, "vendor/v.py": SLEEPS,
    })
    t = run(["--format", "json", "."], tmp_path, python=python)
    data = as_json(t)
    got = [(f["path"], f["line"], f["code"], f["replacement"]) for f in data["findings"]]
    assert got == [("src/m.py", 6, "BLK000", "await mycorp.sdk.afetch()"),
                   ("src/m.py", 7, "BLK800", "asyncio.Lock"),
                   ("src/m.py", 8, "BLK100", "await asyncio.sleep(delay)")], (VERSION_OF[python], t.stderr)
    assert data["findings"][1]["why"] == "waits for a lock file"
    assert "notice" not in t.stderr


@PYTHONS
def test_invalid_toml_is_one_line_on_every_python(tmp_path, python):
    write(tmp_path, {"pyproject.toml": '[tool.find-blocking-calls]\nignore = ["BLK1",\n', "m.py": "x = 1\n"})
    t = run(["."], tmp_path, python=python)
    assert t.returncode == 2 and t.stdout == ""
    lines = t.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("find-blocking-calls: error: ") and "invalid TOML" in lines[0], t.stderr
    # pathologically nested TOML: an error, not a crash
    write(tmp_path, {"pyproject.toml": "[tool.find-blocking-calls]\nx = " + "[" * 100000 + "\n"})
    t = run(["."], tmp_path, python=python)
    assert t.returncode == 2 and "Traceback" not in t.stderr and len(t.stderr.splitlines()) == 1, t.stderr[-500:]


TOML_SAMPLES = [
    CONFIG,
    'a = 1979-05-27T07:32:00-08:00\nb = 1979-05-27\nc = 07:32:00\nd = inf\ne = 0xdead_beef\n',
    'a = 0xff\nb = 1_000\nc = 6.626e-34\nd = "\\u00e9\\t"\ne = [[1, 2], ["a"]]\n[[t]]\nx = 1\n[[t]]\nx = 2\n',
    '"quoted key" = true\nsite."google.com" = true\n',
]


@pytest.mark.skipif(sys.version_info < (3, 11), reason="compares with tomllib, which the default interpreter has")
def test_vendored_tomli_agrees_with_tomllib():
    import tomllib
    code = ("import json, sys; sys.path.insert(0, sys.argv[1]); from blockscan.tomli import parser\n"
            "docs = json.loads(sys.stdin.read())\n"
            "print(json.dumps([repr(parser.loads(d)) for d in docs]))\n")
    samples = TOML_SAMPLES + [p.read_text(encoding="utf-8") for p in [ss.ROOT / "pyproject.toml"]]
    for _, python in INTERPRETERS:
        p = subprocess.run([python, "-c", code, str(ss.ROOT / "scripts")], input=json.dumps(samples),
                           capture_output=True, text=True, timeout=60)
        assert p.returncode == 0, p.stderr
        assert json.loads(p.stdout) == [repr(tomllib.loads(d)) for d in samples], python


def test_vendored_tomli_ships_with_its_licence_and_provenance():
    folder = ss.ROOT / "scripts" / "blockscan" / "tomli"
    names = sorted(p.name for p in folder.iterdir() if p.name != "__pycache__")
    assert names == ["LICENSE", "README.md", "aliases.py", "parser.py", "regex.py"]
    assert "MIT License" in (folder / "LICENSE").read_text(encoding="utf-8")
    readme = (folder / "README.md").read_text(encoding="utf-8")
    assert "tomli 2.3.2" in readme and "_parser.py` -> `parser.py" in readme
    for name in ("parser.py", "regex.py"):
        text = (folder / name).read_text(encoding="utf-8")
        assert "from ._" not in text, name  # internal imports follow the renames


# ---- version, help, rules ------------------------------------------------------------
def test_one_version_from_skill_md(tmp_path):
    write(tmp_path, {"bad.py": SLEEPS})
    for shell in (False, True):
        t = run(["--version"], tmp_path, shell=shell)
        assert t.returncode == 0 and t.stdout == "find-blocking-calls %s\n" % SKILL_VERSION
    assert as_json(run(["--no-config", "--format", "json", "."], tmp_path))["tool"]["version"] == SKILL_VERSION
    doc = as_json(run(["--no-config", "--format", "sarif", "."], tmp_path))
    assert doc["runs"][0]["tool"]["driver"]["version"] == SKILL_VERSION
    # the scripts folder copied without SKILL.md beside it: "unknown", not a crash
    copy = tmp_path / "copy"
    shutil.copytree(ss.ROOT / "scripts", copy / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    t = subprocess.run([sys.executable, str(copy / "scripts" / "find_blocking_calls.py"), "--version"],
                       capture_output=True, text=True, timeout=60)
    assert t.returncode == 0 and t.stdout == "find-blocking-calls unknown\n", t.stderr
    (copy / "SKILL.md").write_text('---\nname: x\nmetadata:\n  version: "9.8.7"\n---\n', encoding="utf-8")
    t = subprocess.run([sys.executable, str(copy / "scripts" / "find_blocking_calls.py"), "--version"],
                       capture_output=True, text=True, timeout=60)
    assert t.stdout == "find-blocking-calls 9.8.7\n"


def test_help_documents_flags_exit_codes_config_and_loop_code():
    t = run(["--help"], ss.ROOT)
    assert t.returncode == 0
    text = t.stdout
    flags = set(re.findall(r"(?<![\w-])(--[a-z][a-z-]+)", text))
    for flag in ("--select", "--ignore", "--exclude", "--blocking-call", "--loop-callback", "--config", "--no-config", "--format",
                 "--exit-zero", "--quiet", "--verbose", "--list-rules", "--explain", "--version", "--jobs",
                 "--python", "--no-deps", "--no-cache", "--cache-dir"):
        assert flag in flags, flag
    for needle in ("exit status: 0 no findings, 1 findings", "2 usage error", "a PATH that does not exist",
                   "select, ignore", "exclude", "blocking-calls", "loop-callbacks",
                   "loop code", "async def", "call_soon", "add_done_callback", "Protocol", "@property",
                   "3 first call only", "BLK41 imports", "BLK42 TLS setup", "# noqa", "SARIF level note",
                   # following installed packages (issue 10): which environment, the config key, the cache
                   "installed packages:", "$VIRTUAL_ENV", ".venv/ or venv/ at the project root",
                   "python           interpreter or venv folder", "unfollowed", "somesdk 2.3.1:",
                   "cache:", "$XDG_CACHE_HOME", "%LOCALAPPDATA%", "may be deleted any time"):
        assert needle in text, needle


@PYTHONS
def test_config_key_python_is_checked_on_every_python(tmp_path, python):
    write(tmp_path, {"pyproject.toml": "[tool.find-blocking-calls]\npython = 3\n", "m.py": SLEEPS})
    t = run(["m.py"], tmp_path, python=python)
    assert t.returncode == 2 and t.stderr.count("\n") == 1, t.stderr
    assert "python must be a path (an interpreter or a virtual environment folder)" in t.stderr
    (tmp_path / "pyproject.toml").write_text('[tool.find-blocking-calls]\npython = "no/such/venv"\n')
    t = run(["--python", tmp_path / "nope", "m.py"], tmp_path, python=python)  # (run() adds --no-deps otherwise)
    assert t.returncode == 2 and "--python %s: no such interpreter" % (tmp_path / "nope") in t.stderr, t.stderr
    t = run(["--no-cache", "m.py"], tmp_path, python=python, shell=True)  # the key, relative to its file
    assert t.returncode == 2 and t.stderr == "find-blocking-calls: error: %s: python no/such/venv: no such " \
        "interpreter\n" % (tmp_path / "pyproject.toml"), t.stderr


def test_list_rules_shows_sub_rules_and_routes():
    t = run(["--list-rules"], ss.ROOT)
    assert t.returncode == 0
    lines = t.stdout.splitlines()
    assert lines[0].startswith("BLK000 BLK001 BLK002 BLK003  custom ")
    assert any(ln.startswith("BLK100 BLK101 BLK102 BLK103  sleep ") for ln in lines)
    assert any(ln.startswith("BLK400 BLK401 BLK402 BLK403  filesystem  (file I/O)") for ln in lines)
    assert any(ln.startswith("BLK410 BLK411 BLK412 BLK413") and "imports on the loop" in ln for ln in lines)
    assert any(ln.startswith("BLK420 BLK421 BLK422 BLK423") and "TLS setup" in ln for ln in lines)
    assert lines[-1].startswith("last digit, the route: 0 direct in loop code; 1 through sync helpers; ")
    assert "3 first call only" in lines[-1]
    # every listed code is accepted by --select and --explain
    codes = [c for ln in lines for c in ln.split() if re.fullmatch(r"BLK\d{3}", c)]
    assert len(codes) >= 4 * 12
    for code in ("BLK413", "BLK42", "BLK41", "BLK903"):
        e = run(["--explain", code], ss.ROOT)
        assert e.returncode == 0 and e.stdout.startswith("## BLK%s" % code[3]), code
    assert run(["--no-config", "--select", "BLK413", "--ignore", "BLK42", str(ss.SCRIPT)], ss.ROOT).returncode == 0
    e = run(["--explain", "BLK430"], ss.ROOT)
    assert e.returncode == 2 and "codes are BLK000 to BLK903" in e.stderr, e.stderr


def test_declared_calls_may_use_a_sub_rule_code(tmp_path):
    write(tmp_path, {
        "pyproject.toml": """
            [tool.find-blocking-calls.blocking-calls]
            "mycorp.tls.context" = { replacement = "build it once at startup", code = "BLK420" }
            "mycorp.files.load" = { replacement = "await asyncio.to_thread(load)", code = "BLK400" }
            """,
        "m.py": """
            from mycorp import files, tls
            async def a():
                tls.context()
                files.load()
            """,
    })
    data = as_json(run(["--format", "json", "."], tmp_path))
    assert [(f["line"], f["code"]) for f in data["findings"]] == [(4, "BLK420"), (5, "BLK400")]
    # --ignore BLK40 drops plain file I/O and keeps the TLS sub-rule
    data = as_json(run(["--format", "json", "--ignore", "BLK40", "."], tmp_path))
    assert [(f["line"], f["code"]) for f in data["findings"]] == [(4, "BLK420")]
    for bad in ("BLK430", "BLK421", "BLK4200"):  # no such sub-rule; a route digit; too long
        write(tmp_path, {"pyproject.toml": '[tool.find-blocking-calls.blocking-calls]\n"x.y" = { code = "%s" }\n' % bad})
        t = run(["."], tmp_path)
        assert t.returncode == 2 and "code must be a family or sub-rule code" in t.stderr, (bad, t.stderr)


# ---- route 3 and sync loop-run functions in every format -----------------------------
ROUTE3 = {"m.py": """
    import asyncio
    import functools
    import ssl
    import time


    @functools.lru_cache(maxsize=None)
    def tls_context():
        return ssl.create_default_context()


    async def connect():
        tls_context()


    async def reconnect():
        tls_context()


    class Echo(asyncio.Protocol):
        def data_received(self, data):
            time.sleep(0.1)
    """}


def test_first_call_only_is_a_note_and_sync_loop_code_is_named(tmp_path):
    write(tmp_path, ROUTE3)
    data = as_json(run(["--no-config", "--format", "json", "."], tmp_path))
    got = [(f["line"], f["code"], f["function"]) for f in data["findings"]]
    assert got == [(14, "BLK423", "m.connect"), (18, "BLK423", "m.reconnect"), (23, "BLK100", "m.Echo.data_received")]
    assert {f["root"]["line"] for f in data["findings"][:2]} == {10}
    doc = as_json(run(["--no-config", "--format", "sarif", "."], tmp_path))
    run_ = doc["runs"][0]
    assert [(r["ruleId"], r["level"]) for r in run_["results"]] == [
        ("BLK423", "note"), ("BLK423", "note"), ("BLK100", "warning")]
    levels = {r["id"]: r["defaultConfiguration"]["level"] for r in run_["tool"]["driver"]["rules"]}
    assert levels == {"BLK100": "warning", "BLK423": "note"}
    short = {r["id"]: r["shortDescription"]["text"] for r in run_["tool"]["driver"]["rules"]}
    assert short["BLK423"] == "filesystem (TLS setup): blocks on the first call only (behind a cache)"
    t = run(["--no-config", "--format", "github", "."], tmp_path)
    assert [ln.split(" ", 1)[0] for ln in t.stdout.splitlines()] == ["::notice", "::notice", "::warning"]
    t = run(["--no-config", "."], tmp_path)
    assert "`ssl.create_default_context` in m.py:10, reached from 2 call sites:" in t.stdout
    assert "    m.py:14:5: BLK423 in m.connect via tls_context() (first call only)" in t.stdout
    assert "m.py:23:9: BLK100 time.sleep() blocks the event loop (in m.Echo.data_received)" in t.stdout
    # prefixes at any depth: the TLS sub-rule, its first-call-only route
    for sel, want in (("BLK42", ["BLK423", "BLK423"]), ("BLK423", ["BLK423", "BLK423"]), ("BLK40", []),
                      ("BLK4", ["BLK423", "BLK423"])):
        data = as_json(run(["--no-config", "--format", "json", "--select", sel, "."], tmp_path))
        assert [f["code"] for f in data["findings"]] == want, sel
    data = as_json(run(["--no-config", "--format", "json", "--ignore", "BLK423", "."], tmp_path))
    assert [f["code"] for f in data["findings"]] == ["BLK100"]
    assert data["stats"]["suppressed_by"]["selection"] == 2


@PYTHONS
def test_loop_callbacks_from_config_and_flag(tmp_path, python):
    write(tmp_path, {
        "mypkg/__init__.py": "",
        "mypkg/core.py": """
            def callback(func):
                return func
            """,
        "mypkg/handlers.py": """
            import time
            from mypkg.core import callback

            @callback
            def on_state_change(event):
                time.sleep(0.5)
            """,
    })
    data = as_json(run(["--no-config", "--format", "json", "."], tmp_path, python=python))
    assert data["findings"] == []  # a plain sync function: not loop code
    data = as_json(run(["--no-config", "--format", "json", "--loop-callback", "mypkg.core.callback", "."], tmp_path,
                       python=python))
    assert [(f["line"], f["code"], f["function"]) for f in data["findings"]] == [
        (7, "BLK100", "mypkg.handlers.on_state_change")]
    write(tmp_path, {"pyproject.toml": '[tool.find-blocking-calls]\nloop-callbacks = ["mypkg.core.callback"]\n'})
    t = run(["--format", "json", "."], tmp_path, python=python)
    assert [f["function"] for f in as_json(t)["findings"]] == ["mypkg.handlers.on_state_change"], t.stderr
    write(tmp_path, {"pyproject.toml": '[tool.find-blocking-calls]\nloop-callbacks = "mypkg.core.callback"\n'})
    t = run(["--format", "json", "."], tmp_path, python=python)
    assert t.returncode == 2 and "loop-callbacks must be a list of strings" in t.stderr
