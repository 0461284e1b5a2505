"""find-blocking-calls: command line, resolution rules, robustness.

Every test runs the real scanner (scripts/find_blocking_calls.py) in a
subprocess on files written to a temporary directory; the ones about
interpreter differences run on each CPython 3.9+ present.
"""
from __future__ import annotations

import json
import os
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


def write(root: Path, files: dict):
    for name, text in files.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(text, bytes):
            p.write_bytes(text)
        else:
            p.write_text(textwrap.dedent(text), encoding="utf-8")


def scan(root: Path, files=None, args=(), python=None, paths=(".",)):
    if files:
        write(root, files)
    p = ss.run(["--format", "json", "--no-config", *args, *paths], python=python, cwd=root)
    assert p.returncode in (0, 1, 2), p
    data = json.loads(p.stdout) if p.stdout.strip() else None
    return p, data


def codes(data):
    return sorted((Path(f["path"]).as_posix(), f["line"], f["code"]) for f in data["findings"])


# ---- exit codes and basic output -------------------------------------------
def test_clean_project_exits_0(tmp_path):
    p, data = scan(tmp_path, {"ok.py": """
        import asyncio
        async def main():
            await asyncio.sleep(0)
        """})
    assert p.returncode == 0 and data["findings"] == [] and data["errors"] == []
    t = ss.run(["--no-config", "."], cwd=tmp_path)
    assert t.returncode == 0 and t.stdout == "" and t.stderr == "No blocking calls found in 1 file (4 lines).\n"
    t = ss.run(["--no-config", "--quiet", "."], cwd=tmp_path)
    assert t.returncode == 0 and t.stdout == "" and t.stderr == ""


def test_findings_exit_1_and_text_format(tmp_path):
    write(tmp_path, {"bad.py": """
        import time
        async def main():
            time.sleep(1)
        """})
    t = ss.run(["--no-config", "bad.py"], cwd=tmp_path)
    assert t.returncode == 1
    first = t.stdout.splitlines()[0]
    assert first.startswith("bad.py:4:5: BLK100 time.sleep() blocks the event loop")
    assert "fix: await asyncio.sleep(delay)" in t.stdout
    assert ss.run(["--no-config", "--exit-zero", "bad.py"], cwd=tmp_path).returncode == 0


def test_github_format_escapes(tmp_path):
    write(tmp_path, {"a,b.py": """
        import time
        async def main():
            time.sleep(1)
        """})
    t = ss.run(["--no-config", "--format", "github", "."], cwd=tmp_path)
    assert t.returncode == 1
    assert t.stdout.startswith("::warning file=a%2Cb.py,line=4,col=5,endLine=4,endColumn=18,title=BLK100::")


@pytest.mark.parametrize("args,needle", [
    (["--format", "xml"], "invalid choice"),
    (["--select", "BLK999"], "unknown rule code"),
    (["--ignore", "nope"], "unknown rule code"),
    (["--explain", "XYZ1"], "no rule"),
    (["--jobs", "-1"], "--jobs"),
    (["--config", "missing.toml"], "no such file"),
])
def test_usage_errors_exit_2(tmp_path, args, needle):
    (tmp_path / "a.py").write_text("x = 1\n")
    t = ss.run([*args, "."], cwd=tmp_path)
    assert t.returncode == 2, t
    assert needle in t.stderr
    assert "Traceback" not in t.stderr


def test_nothing_to_scan_exits_2(tmp_path):
    t = ss.run(["--no-config", "."], cwd=tmp_path)
    assert t.returncode == 2 and "no Python files found" in t.stderr
    t = ss.run(["--no-config", "missing_dir"], cwd=tmp_path)
    assert t.returncode == 2 and "missing_dir: no such file or directory" in t.stderr
    (tmp_path / "broken.py").write_text("def (:\n")
    t = ss.run(["--no-config", "."], cwd=tmp_path)
    assert t.returncode == 2 and "nothing could be scanned" in t.stderr and "broken.py" in t.stderr


def test_version_help_list_explain():
    t = ss.run(["--version"])
    assert t.returncode == 0 and t.stdout.startswith("find-blocking-calls ")
    t = ss.run(["--help"])
    assert t.returncode == 0 and "--format" in t.stdout and "noqa" in t.stdout
    t = ss.run(["--list-rules"])
    assert t.returncode == 0 and len([ln for ln in t.stdout.splitlines() if ln.startswith("BLK")]) >= 12
    for fam in range(10):
        for variant in "0123":
            code = "BLK%d0%s" % (fam, variant)
            e = ss.run(["--explain", code])
            assert e.returncode == 0 and e.stdout.startswith("## BLK%d" % fam), code
    assert ss.run(["--explain", "http"]).stdout.startswith("## BLK2xx http")
    page = ss.run(["--explain", "config"]).stdout
    assert page.startswith("## config") and "[tool.find-blocking-calls]" in page


# ---- selection and suppression ---------------------------------------------
SEL = {"m.py": """
    import time, os, subprocess
    async def main():
        time.sleep(1)
        os.listdir(".")
        subprocess.run(["true"])
    """}


@pytest.mark.parametrize("args,expected", [
    ([], ["BLK100", "BLK300", "BLK400"]),
    (["--select", "BLK1"], ["BLK100"]),
    (["--select", "sleep,subprocess"], ["BLK100", "BLK300"]),
    (["--ignore", "BLK4"], ["BLK100", "BLK300"]),
    (["--select", "BLK400", "--ignore", "BLK4"], ["BLK400"]),   # the more specific wins
    (["--select", "BLK4", "--ignore", "BLK400"], []),
    (["--select", "BLK400", "--ignore", "BLK401"], ["BLK400"]),
    (["--ignore", "filesystem", "--ignore", "BLK100"], ["BLK300"]),
])
def test_select_ignore(tmp_path, args, expected):
    _, data = scan(tmp_path, SEL, args)
    assert sorted(f["code"] for f in data["findings"]) == expected


def test_noqa(tmp_path):
    _, data = scan(tmp_path, {"m.py": """
        import time, os

        def helper():
            os.listdir(".")  # noqa: BLK400

        def helper2():
            os.listdir(".")

        async def main():
            time.sleep(1)  # noqa: BLK100
            time.sleep(2)  # noqa: BLK2
            time.sleep(3)  # noqa
            time.sleep(4)  # NOQA:BLK1
            time.sleep(5)  # noqa: E501, BLK100
            helper()
            helper2()  # noqa: BLK401
            helper2()
            time.sleep(6); print("# noqa")
            time.sleep(len('''
            # noqa'''))
            time.sleep(8); x = ("a"  # noqa: BLK100 (a comment inside the literal's span)
                                "b")
        """})
    assert codes(data) == [("m.py", 12, "BLK100"), ("m.py", 18, "BLK401"), ("m.py", 19, "BLK100"),
                           ("m.py", 20, "BLK100")]


def test_noqa_comment_detection_agrees_with_tokenize_on_real_code():
    # The fast path (string spans from the AST) must give exactly what the
    # tokenizer says, on every file of the dev venv that mentions noqa: real
    # code with noqa in docstrings, f-strings, decorators, implicit concatenation.
    import ast
    import sysconfig
    import warnings
    sys.path.insert(0, str(ss.ROOT / "scripts"))
    from blockscan import analyze
    checked = 0
    for path in sorted(Path(sysconfig.get_paths()["purelib"]).rglob("*.py")):
        data = path.read_bytes()
        if b"noqa" not in data and b"NOQA" not in data:
            continue
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # invalid escapes in other people's code
                tree = ast.parse(data)
        except (SyntaxError, ValueError):
            continue
        assert analyze.noqa_map(data, tree) == analyze._noqa_from_comments(data), path
        checked += 1
    assert checked > 50


# ---- what runs on the loop, name resolution --------------------------------
def test_loop_code_boundaries(tmp_path):
    _, data = scan(tmp_path, {"m.py": """
        import time, asyncio, functools, threading
        from contextlib import asynccontextmanager

        time.sleep(0)                                  # module level

        async def handler(delay=time.sleep(0)):        # default: definition time
            def cb():
                time.sleep(1)                          # the loop runs it (call_soon below): 9
            loop = asyncio.get_running_loop()
            loop.call_soon(cb)
            await asyncio.to_thread(cb)
            await asyncio.to_thread(time.sleep, 1)
            await asyncio.to_thread(functools.partial(time.sleep, 1))
            await asyncio.to_thread(lambda: time.sleep(1))
            threading.Thread(target=lambda: time.sleep(1)).start()
            (lambda: time.sleep(1))()                  # called right here: 17
            sorted([1], key=lambda x: time.sleep(x))   # sorted calls it: 18
            [time.sleep(x) for x in range(2)]          # 19
            await asyncio.to_thread(time.sleep(1))     # evaluated first: 20

        @asynccontextmanager
        async def cm():
            time.sleep(1)                              # 24
            yield

        class Conn:
            async def __aenter__(self):
                time.sleep(1)                          # 29
                return self

        async def agen():
            time.sleep(1)                              # 33
            yield 1

        if __name__ == "__main__":
            time.sleep(1)
            asyncio.run(cm())
        """})
    assert [(line, code) for _, line, code in codes(data)] == [
        (9, "BLK100"), (17, "BLK100"), (18, "BLK100"), (19, "BLK100"), (20, "BLK102"),
        (24, "BLK100"), (29, "BLK100"), (33, "BLK100")]


def test_async_generator_expressions_outside_async_def(tmp_path):
    # allowed in sync functions and at module level (3.9+): the body runs on
    # the loop when `async for` iterates it; the sync function only builds it
    _, data = scan(tmp_path, {"m.py": """
        import time, requests

        def lines(ait):
            return (time.sleep(1) async for x in ait)          # 5

        def fetched(coros):
            return (requests.get(await c) for c in coros)     # 8

        G = (open(p) async for p in AIT)                      # 10
        H = (open(p) for p in PATHS)                          # a sync genexp at module level

        async def user(ait):
            async for v in lines(ait):
                pass
            lines(ait)
        """})
    assert codes(data) == [("m.py", 5, "BLK100"), ("m.py", 8, "BLK200"), ("m.py", 10, "BLK400")]
    assert [f["function"] for f in data["findings"]] == ["m.lines.<genexpr>", "m.fetched.<genexpr>", "m.<genexpr>"]


def test_names_are_resolved_not_matched(tmp_path):
    _, data = scan(tmp_path, {"m.py": """
        import time as t
        from time import sleep as nap
        from trio import sleep
        import requests as rq
        from typing import TYPE_CHECKING
        if TYPE_CHECKING:
            from time import sleep as typing_only

        async def a(open, requests):
            t.sleep(1)            # 11
            nap(1)                # 12
            await sleep(1)
            open("x")
            requests.get("x")
            rq.get("u")           # 16
            d = {}
            d.get("k")
            s = "time.sleep(1)"   # strings are not calls

        async def b(session: rq.Session, q):
            session.get("u")      # 22
            q.get()               # unknown type: not reported
            with rq.Session() as s2:
                s2.post("u")      # 25

        class C:
            def __init__(self):
                self.s = rq.Session()
            async def go(self):
                self.s.get("u")   # 31
        """})
    assert [(line, code) for _, line, code in codes(data)] == [
        (11, "BLK100"), (12, "BLK100"), (16, "BLK200"), (22, "BLK200"), (25, "BLK200"), (31, "BLK200")]


def test_transitive_across_modules(tmp_path):
    _, data = scan(tmp_path, {
        "app/__init__.py": "from .util import load as load_again\n",
        "app/util.py": """
            import functools, os
            from .deep import leaf

            @functools.lru_cache(maxsize=None)
            def load():
                return mid()

            def mid():
                return leaf()

            def cyc_a(n):
                return cyc_b(n) if n else os.stat(".")

            def cyc_b(n):
                return cyc_a(n - 1)

            class Repo:
                def __init__(self):
                    self.data = load()
            """,
        "app/deep.py": """
            def leaf():
                with open("/etc/hosts") as f:
                    return f.read()

            async def reads_inside():
                return leaf()                  # reported here, inside the coroutine: 7
            """,
        "app/main.py": """
            import app.util
            from app import load_again
            from . import util
            from .util import Repo, cyc_a
            from .deep import reads_inside

            async def handler():
                app.util.load()        # 9
                load_again()           # 10
                util.mid()             # 11
                Repo()                 # 12
                cyc_a(3)               # 13
                await reads_inside()   # not here: the coroutine reports it
            """,
    })
    got = codes(data)
    # load() is under lru_cache and nothing calls it at import time: only its first call blocks (route 3)
    assert got == [("app/deep.py", 7, "BLK401"), ("app/main.py", 9, "BLK403"), ("app/main.py", 10, "BLK403"),
                   ("app/main.py", 11, "BLK401"), ("app/main.py", 12, "BLK403"), ("app/main.py", 13, "BLK401")]
    chain = [f for f in data["findings"] if f["line"] == 12][0]["chain"]
    assert [c.get("function") or c.get("call") for c in chain] == [
        "app.util.Repo.__init__", "app.util.load", "app.util.mid", "app.deep.leaf", "builtins.open"]


def test_user_declared_blocking_calls(tmp_path):
    files = {"m.py": """
        from mycorp import sdk
        async def a():
            c = sdk.Client()
            c.fetch("x")        # 5
            sdk.wait_ready()    # 6
        """}
    _, data = scan(tmp_path, files)
    assert data["findings"] == []
    _, data = scan(tmp_path, None, ["--blocking-call", "mycorp.sdk.Client.fetch=await AsyncClient.fetch()",
                                    "--blocking-call", "mycorp.sdk.wait_ready"])
    assert codes(data) == [("m.py", 5, "BLK000"), ("m.py", 6, "BLK000")]
    assert data["findings"][0]["replacement"] == "await AsyncClient.fetch()"


@PYTHONS
def test_pyproject_configuration(tmp_path, python):
    write(tmp_path, {
        "pyproject.toml": """
            [tool.find-blocking-calls]
            ignore = ["BLK3"]
            exclude = ["gen/*"]
            [tool.find-blocking-calls.blocking-calls]
            "mycorp.sdk.fetch" = "await mycorp.sdk.afetch()"
            "mycorp.sdk.lock" = { replacement = "asyncio.Lock", code = "BLK800" }
            """,
        "src/m.py": """
            import subprocess, time
            from mycorp import sdk
            async def a():
                subprocess.run(["true"])
                sdk.fetch()
                sdk.lock()
                time.sleep(1)
            """,
        "gen/g.py": "import time\nasync def g():\n    time.sleep(1)\n",
    })
    t = ss.run(["--format", "json", "."], python=python, cwd=tmp_path)
    data = json.loads(t.stdout)
    got = [(f["line"], f["code"]) for f in data["findings"]]
    # read on every Python: tomllib from 3.11, the vendored tomli before
    assert got == [(6, "BLK000"), (7, "BLK800"), (8, "BLK100")], (VERSION_OF[python], t.stderr)
    assert "notice" not in t.stderr and "1 finding suppressed by select/ignore" in t.stderr, t.stderr
    # --no-config reads nothing
    t = ss.run(["--format", "json", "--no-config", "src"], python=python, cwd=tmp_path)
    assert [(f["line"], f["code"]) for f in json.loads(t.stdout)["findings"]] == [(5, "BLK300"), (8, "BLK100")]


@PYTHONS
@pytest.mark.parametrize("toml,needle", [
    ('[tool.find-blocking-calls]\nselect = "BLK1"\n', "select must be a list"),
    ('[tool.find-blocking-calls]\nbogus = 1\n', "unknown key 'bogus'"),
    ('[tool.find-blocking-calls]\nselect = ["BLK77"]\n', "unknown rule code"),
    ('[tool.find-blocking-calls.blocking-calls]\n"x.y" = { code = "BLK123" }\n', "code must be a family or sub-rule code"),
    ('[tool.find-blocking-calls\n', "invalid TOML"),
])
def test_bad_configuration_is_one_line_error(tmp_path, toml, needle, python):
    write(tmp_path, {"pyproject.toml": toml, "m.py": "x = 1\n"})
    t = ss.run(["."], python=python, cwd=tmp_path)
    assert t.returncode == 2 and needle in t.stderr and len(t.stderr.strip().splitlines()) == 1, t.stderr


@PYTHONS
@pytest.mark.parametrize("toml", [
    '[ tool.find-blocking-calls ]\nignore = ["BLK1"]\n',
    '[tool."find-blocking-calls"]\nignore = ["BLK1"]\n',
    '[project]\nname = "x"\n[tool]\nfind-blocking-calls.ignore = ["BLK1"]\n',
    '[tool]\nfind-blocking-calls = { ignore = ["BLK1"] }\n',
])
def test_every_toml_spelling_of_the_section_is_read(tmp_path, toml, python):
    write(tmp_path, {"pyproject.toml": toml, "m.py": "import time\nasync def f():\n    time.sleep(1)\n"})
    t = ss.run(["--format", "json", "."], python=python, cwd=tmp_path)
    assert t.returncode == 0 and json.loads(t.stdout)["findings"] == [], t.stderr


def test_config_exclude_is_also_relative_to_the_config_file(tmp_path):
    # Relative to PATH alone, "tests/fixtures" would not match when the scan
    # starts at tests/ (there the folder is just "fixtures").
    bad = "import time\nasync def f():\n    time.sleep(1)\n"
    write(tmp_path, {
        "pyproject.toml": '[tool.find-blocking-calls]\nexclude = ["tests/fixtures"]\n',
        "tests/fixtures/slow.py": bad,
        "tests/test_a.py": bad,
    })
    for args, cwd in ((["tests"], tmp_path), (["."], tmp_path / "tests"), ([str(tmp_path / "tests")], tmp_path / "tests")):
        t = ss.run(["--format", "json", *args], cwd=cwd)
        assert [Path(f["path"]).name for f in json.loads(t.stdout)["findings"]] == ["test_a.py"], (args, t.stdout)
    # --exclude on the command line matches relative to each PATH and, as the
    # output prints paths, relative to the working directory
    for pat in ("fixtures", "tests/fixtures"):
        t = ss.run(["--format", "json", "--no-config", "--exclude", pat, "tests"], cwd=tmp_path)
        assert [Path(f["path"]).name for f in json.loads(t.stdout)["findings"]] == ["test_a.py"], pat


def test_walk_skips_and_exclude(tmp_path):
    bad = "import time\nasync def f():\n    time.sleep(1)\n"
    write(tmp_path, {
        "pkg/a.py": bad,
        "pkg/migrations/m1.py": bad,
        ".venv/lib/x.py": bad, ".venv/pyvenv.cfg": "home = /usr\n",
        "myenv/pyvenv.cfg": "", "myenv/y.py": bad,
        "condaenv/conda-meta/history": "", "condaenv/lib/python3.11/c.py": bad,
        "node_modules/z.py": bad, ".git/h.py": bad, "__pycache__/c.py": bad,
        "build/b.py": bad, "notes.txt": "time.sleep(1)",
    })
    _, data = scan(tmp_path)
    assert sorted(f["path"] for f in data["findings"]) == ["pkg/a.py", "pkg/migrations/m1.py"]
    _, data = scan(tmp_path, None, ["--exclude", "migrations"])
    assert [f["path"] for f in data["findings"]] == ["pkg/a.py"]
    _, data = scan(tmp_path, None, ["--exclude", "*/m1.py"])
    assert [f["path"] for f in data["findings"]] == ["pkg/a.py"]
    # an explicit file is scanned whatever its name
    _, data = scan(tmp_path, None, [], paths=("build/b.py",))
    assert [f["path"] for f in data["findings"]] == ["build/b.py"]


def test_progress_only_when_asked(tmp_path):
    write(tmp_path, {"a.py": "x = 1\n"})
    t = ss.run(["--no-config", "."], cwd=tmp_path)
    assert "scanned" not in t.stderr
    t = ss.run(["--no-config", "--verbose", "."], cwd=tmp_path)
    assert "scanned 1/1 files" in t.stderr and "1 file, 1 line, " in t.stderr


def test_parallel_and_serial_agree(tmp_path):
    files = {}
    for i in range(60):
        files["pkg/m%02d.py" % i] = (
            "import time\nfrom pkg.m%02d import h%02d\n" % ((i + 1) % 60, (i + 1) % 60)
            + "def h%02d():\n    time.sleep(0)\n" % i
            + "async def f():\n    h%02d()\n" % ((i + 1) % 60)
        )
    files["pkg/__init__.py"] = ""
    _, one = scan(tmp_path, files, ["--jobs", "1"])
    _, two = scan(tmp_path, None, ["--jobs", "2"])
    assert one["findings"] == two["findings"] and len(one["findings"]) == 60


def test_scanned_code_is_never_imported_or_run(tmp_path):
    marker = tmp_path / "ran"
    write(tmp_path, {"evil.py": "open(%r, 'w').close()\nimport os\nos._exit(3)\n" % str(marker),
                     "conftest.py": "raise SystemExit(4)\n"})
    t = ss.run(["--no-config", "."], cwd=tmp_path)
    assert t.returncode == 0 and not marker.exists()


# ---- robustness -------------------------------------------------------------
BAD_FILES = {
    "syntax.py": "def f(:\n    pass\n",
    "nul.py": b"import time\x00\nasync def f():\n    time.sleep(1)\n",
    "badenc.py": b"# no cookie\nx = '\xff\xfe\xfa'\n",
    "wrongcookie.py": b"# -*- coding: klingon -*-\nx = 1\n",
    "deep_parens.py": "x = " + "(" * 300 + "1" + ")" * 300 + "\n",
}
GOOD_FILES = {
    "bom.py": b"\xef\xbb\xbfimport time\nasync def f():\n    time.sleep(1)\n",
    "latin1.py": "# -*- coding: latin-1 -*-\nimport time\nasync def f():\n    s = 'caf\xe9'\n    time.sleep(1)\n".encode("latin-1"),
    "empty.py": b"",
    "crlf.py": b"import time\r\nasync def f():\r\n    time.sleep(1)\r\n",
    "mixed_indent_ok.py": b"import time\nasync def f():\n\tif True:\n\t\ttime.sleep(1)\n",
    "deep_expr.py": ("import time\nasync def f():\n    x = " + " + ".join(["1"] * 2000) + "\n    time.sleep(1)\n").encode(),
}


@PYTHONS
def test_survives_bad_files(tmp_path, python):
    write(tmp_path, {**BAD_FILES, **GOOD_FILES})
    # pathological nesting that crashes some parsers (segfault on 3.9) or exhausts the stack
    (tmp_path / "deep_chain.py").write_text("a" + "+a" * 300000 + "\n")
    (tmp_path / "deep_unary.py").write_text("x = " + "-" * 200000 + "1\n")
    (tmp_path / "dangling.py").symlink_to(tmp_path / "nowhere.py")
    (tmp_path / "loop").mkdir()
    (tmp_path / "loop" / "again").symlink_to(tmp_path / "loop")
    (tmp_path / "loop" / "inner.py").write_text("import time\nasync def f():\n    time.sleep(1)\n")
    t = ss.run(["--format", "json", "--no-config", "."], python=python, cwd=tmp_path, timeout=600)
    assert t.returncode == 1, t.stderr
    assert "Traceback" not in t.stderr
    data = json.loads(t.stdout)
    found = sorted(f["path"] for f in data["findings"])
    assert found == ["bom.py", "crlf.py", "deep_expr.py", "latin1.py", "loop/inner.py", "mixed_indent_ok.py"]
    errors = {e["path"]: e["message"] for e in data["errors"]}
    for name in list(BAD_FILES) + ["dangling.py"]:
        assert name in errors, (name, errors)
    # the deep files are either parsed (newer parsers) or reported, never a crash
    assert set(errors) <= set(BAD_FILES) | {"dangling.py", "deep_chain.py", "deep_unary.py"}
    for path, msg in errors.items():
        assert "\n" not in msg and msg
        assert "find-blocking-calls: %s: %s" % (path, msg) in t.stderr
    assert data["stats"]["files"] == len(BAD_FILES) + len(GOOD_FILES) + 3  # the dangling link is an error


def test_parser_crash_is_reported_not_fatal(tmp_path):
    py39 = [p for v, p in INTERPRETERS if v < (3, 11)]
    if not py39:
        pytest.skip("no Python < 3.11 here (their parser is the one that crashes)")
    (tmp_path / "crash.py").write_text("a" + "+a" * 300000 + "\n")
    (tmp_path / "ok.py").write_text("import time\nasync def f():\n    time.sleep(1)\n")
    t = ss.run(["--format", "json", "--no-config", "."], python=py39[0], cwd=tmp_path, timeout=600)
    data = json.loads(t.stdout)
    assert [f["path"] for f in data["findings"]] == ["ok.py"]
    assert [e["path"] for e in data["errors"]] in (["crash.py"], [])


@PYTHONS
def test_newer_syntax_hint(tmp_path, python):
    write(tmp_path, {
        "m.py": """
            import time
            async def f(cmd):
                match cmd:
                    case "sleep":
                        time.sleep(1)
            """,
        "g.py": """
            import time
            async def f[T](x: T) -> T:
                time.sleep(1)
                return x
            """,
        "e.py": """
            import time
            async def f():
                try:
                    pass
                except* ValueError:
                    time.sleep(1)
            """,
        "x.py": """
            import time
            async def f():
                try:
                    pass
                except ValueError, TypeError:
                    time.sleep(1)
            """,
        "t.py": """
            import time
            async def f(name):
                time.sleep(1)
                return t"hello {name}"
            """,
    })
    t = ss.run(["--format", "json", "--no-config", "."], python=python, cwd=tmp_path)
    data = json.loads(t.stdout)
    version = VERSION_OF[python]
    # x.py's `except A, B:` (3.14) is read on every Python: its types are parenthesized first
    need = {"m.py": (3, 10), "e.py": (3, 11), "g.py": (3, 12), "x.py": (3, 9), "t.py": (3, 14)}
    errors = {e["path"]: e["message"] for e in data["errors"]}
    for name, minimum in need.items():
        if version >= minimum:
            assert name in [f["path"] for f in data["findings"]]
        else:
            assert "newer than Python %d.%d" % version in errors[name], errors


def test_no_newer_syntax_hint_for_an_error_elsewhere(tmp_path):
    # Python 2 code has `except A, e:` too; the hint is only given when the
    # parser stopped at a line that looks like newer syntax.
    write(tmp_path, {"py2.py": "mode = 0777\ntry:\n    pass\nexcept ValueError, e:\n    pass\n"})
    t = ss.run(["--format", "json", "--no-config", "."], cwd=tmp_path)
    (error,) = json.loads(t.stdout)["errors"]
    assert "(line 1)" in error["message"] and "newer than Python" not in error["message"], error


def test_large_file(tmp_path):
    body = "".join("def h%d():\n    return %d\n" % (i, i) for i in range(40000))
    body += "import time\nasync def f():\n    h1()\n    time.sleep(1)\n"
    (tmp_path / "big.py").write_text(body)
    _, data = scan(tmp_path)
    assert codes(data) == [("big.py", 80004, "BLK100")]
    assert data["stats"]["lines"] == 80004


def test_fifo_is_not_opened(tmp_path):
    if not hasattr(os, "mkfifo"):
        pytest.skip("no FIFOs on this platform")
    os.mkfifo(tmp_path / "pipe.py")
    (tmp_path / "a.py").write_text("x = 1\n")
    t = ss.run(["--no-config", "."], cwd=tmp_path, timeout=60)
    assert t.returncode == 0
    t = ss.run(["--no-config", "pipe.py"], cwd=tmp_path, timeout=60)
    assert t.returncode == 2 and "pipe.py" in t.stderr


def test_unreadable_files_are_reported(tmp_path):
    bad = "import time\nasync def f():\n    time.sleep(1)\n"
    write(tmp_path, {"ok.py": bad, "locked.py": bad, "closed/inner.py": bad})
    unreadable = []
    if hasattr(os, "geteuid") and os.geteuid() != 0:  # root reads files whatever their mode
        (tmp_path / "locked.py").chmod(0)
        (tmp_path / "closed").chmod(0)
        unreadable = ["closed", "locked.py"]
    if Path("/proc/self/mem").exists():
        # readable as a file, but read() fails (EIO), also for root: the read error path
        unreadable.append("/proc/self/mem")
    if not unreadable:
        pytest.skip("running as root without /proc: no file that cannot be read")
    try:
        paths = (".", "/proc/self/mem") if "/proc/self/mem" in unreadable else (".",)
        t, data = scan(tmp_path, None, [], paths=paths)
    finally:
        (tmp_path / "locked.py").chmod(0o644)
        (tmp_path / "closed").chmod(0o755)
    assert t.returncode == 1 and "Traceback" not in t.stderr, t.stderr
    assert "ok.py" in [f["path"] for f in data["findings"]]
    errors = {e["path"]: e["message"] for e in data["errors"]}
    assert sorted(errors) == sorted(unreadable), errors
    for path, msg in errors.items():
        assert msg.startswith("cannot read: ") and "\n" not in msg
        assert "find-blocking-calls: %s: %s" % (path, msg) in t.stderr
    # nothing but unreadable files: reported, exit 2
    if "/proc/self/mem" in unreadable:
        t = ss.run(["--no-config", "/proc/self/mem"], cwd=tmp_path)
        assert t.returncode == 2 and "/proc/self/mem: cannot read" in t.stderr and "Traceback" not in t.stderr


def test_broken_pipe_is_quiet(tmp_path):
    files = {"m%d.py" % i: "import time\nasync def f():\n" + "    time.sleep(1)\n" * 200 for i in range(20)}
    write(tmp_path, files)
    p = subprocess.Popen([sys.executable, str(ss.SCRIPT), "--no-config", "."], cwd=tmp_path,
                         stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    p.stdout.readline()
    p.stdout.close()
    err = p.stderr.read().decode()
    p.wait(timeout=60)
    assert "Traceback" not in err


def test_pseudo_filesystems_are_not_disk_io(tmp_path):
    _, data = scan(tmp_path, {"m.py": """
        import os
        FD = "/proc/self/fd" if os.path.isdir("/proc/self/fd") else "/dev/fd"
        async def a(p):
            os.listdir(FD)
            os.listdir("/proc/self/fd")
            open(f"/sys/class/net/{p}/speed").read()
            os.listdir(p)                     # 8
            open("/etc/hosts")                # 9
        """})
    assert codes(data) == [("m.py", 8, "BLK400"), ("m.py", 9, "BLK400")]


@pytest.mark.parametrize("method", ["spawn", "forkserver"])
def test_worker_pool_under_spawn(tmp_path, method):
    """macOS and Windows start pool workers with spawn: same results, extra calls included."""
    files = {"pkg/__init__.py": ""}
    for i in range(60):
        files["pkg/m%02d.py" % i] = "from mycorp import sdk\nasync def f():\n    sdk.fetch()\n"
    write(tmp_path, files)
    runner = tmp_path / "run_with_start_method.py"
    runner.write_text(textwrap.dedent("""
        import multiprocessing, runpy, sys
        if __name__ == "__main__":
            multiprocessing.set_start_method(sys.argv[1])
            sys.argv = sys.argv[2:]
            runpy.run_path(sys.argv[0], run_name="__main__")
        """))
    p = subprocess.run([sys.executable, str(runner), method, str(ss.SCRIPT), "--format", "json", "--no-config",
                        "--jobs", "2", "--blocking-call", "mycorp.sdk.fetch=afetch", "pkg"],
                       cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert p.returncode == 1, p.stderr
    data = json.loads(p.stdout)
    assert len(data["findings"]) == 60 and {f["code"] for f in data["findings"]} == {"BLK000"}


def test_iteration_that_blocks(tmp_path):
    _, data = scan(tmp_path, {"m.py": """
        import sys, sqlite3
        from concurrent.futures import ThreadPoolExecutor
        async def a(conn: sqlite3.Connection):
            for line in sys.stdin:                    # 5
                print(line)
            cur = conn.cursor()
            rows = [r for r in cur]                   # 8
            n = len(list(cur))                        # 9
            for x in [1, 2]:
                pass
            async for y in aiter_like():
                pass
            with ThreadPoolExecutor() as ex:          # 14 (leaving waits)
                ex.submit(print)
        """})
    assert codes(data) == [("m.py", 5, "BLK500"), ("m.py", 8, "BLK700"), ("m.py", 9, "BLK700"), ("m.py", 14, "BLK800")]
    msgs = [f["message"] for f in data["findings"]]
    assert msgs[0].startswith("iterating sys.stdin blocks") and msgs[1].startswith("iterating a sqlite3.Cursor")
    assert msgs[3].startswith("leaving `with` on a concurrent.futures.Executor")


def test_non_blocking_sockets(tmp_path):
    _, data = scan(tmp_path, {"m.py": """
        import socket
        class Conn:
            def __init__(self):
                self.sock = socket.socket()
                self.sock.setblocking(False)
            async def send(self, data):
                return self.sock.send(data)
        async def f(loop):
            s = socket.socket()
            s.settimeout(0)
            s.connect_ex(("x", 1))
            t = socket.socket()
            try:
                t.recv(10)
            except BlockingIOError:
                await loop.sock_recv(t, 10)
            socket.getaddrinfo("127.0.0.1", 80, flags=socket.AI_NUMERICHOST)
            t.connect(("x", 1))                    # 19
        """})
    assert codes(data) == [("m.py", 19, "BLK600")]


def test_sockets_from_tuple_unpacking(tmp_path):
    _, data = scan(tmp_path, {"m.py": """
        import socket

        async def serve(server):
            conn, addr = server.accept()           # unknown server: nothing known
            conn.recv(10)
            s = socket.socket()
            client, addr = s.accept()              # 8
            client.recv(10)                        # 9
            client.sendall(b"ok")                  # 10
            other, _ = s.accept()                  # 11
            other.setblocking(False)
            other.recv(10)                         # non-blocking now
            a, b = socket.socketpair()
            a.send(b"x")                           # 15
            b.send(b"x")                           # 16
            x, y = divmod(7, 2)
            x.recv(1)
            _, addr2 = s.accept()                  # 19
            addr2.recv(1)                          # the address is not a socket
        """})
    assert codes(data) == [("m.py", n, "BLK600") for n in (8, 9, 10, 11, 15, 16, 19)]


def test_factory_return_types(tmp_path):
    _, data = scan(tmp_path, {
        "app/__init__.py": "",
        "app/clients.py": """
            import functools
            import redis, requests

            @functools.lru_cache
            def get_redis() -> redis.Redis:
                return redis.Redis.from_url("redis://x")

            def make_session():
                s = requests.Session()
                return s

            def unknown():
                return object()
            """,
        "app/main.py": """
            from .clients import get_redis, make_session, unknown

            async def f():
                r = get_redis()
                r.incr("k")                    # 6
                get_redis().set("k", 1)        # 7
                make_session().get("u")        # 8
                unknown().get("u")
            """,
    })
    assert codes(data) == [("app/main.py", 6, "BLK700"), ("app/main.py", 7, "BLK700"), ("app/main.py", 8, "BLK200")]


def test_parameter_types_from_callers(tmp_path):
    _, data = scan(tmp_path, {"m.py": """
        import asyncio, sqlite3

        class Store:
            def __init__(self):
                self.conn = sqlite3.connect("x.db")
            def save(self, rows):
                self.conn.executemany("INSERT", rows)

        async def one(store, rows):
            store.save(rows)                       # 11: every caller passes a Store

        async def two(thing):
            thing.save([])                         # callers disagree: unknown

        async def run():
            store = Store()                        # 17
            await asyncio.gather(one(store, []), one(store, [1]))
            await two(store)
            await two(object())
        """})
    assert codes(data) == [("m.py", 11, "BLK701"), ("m.py", 17, "BLK701")]


def test_items_of_directory_listings_and_templates(tmp_path):
    _, data = scan(tmp_path, {"m.py": """
        from jinja2 import Environment, DictLoader, FileSystemLoader
        from pathlib import Path
        mem = Environment(loader=DictLoader({"a": "x"}))
        disk = Environment(loader=FileSystemLoader("t"))
        async def f(d: Path):
            mem.get_template("a").render()
            disk.get_template("a").render()                # 8
            for p in sorted(d.glob("*.tmp"))[:-3]:          # 9
                p.unlink()                                  # 10
            [q.stat() for q in d.iterdir()]                 # 11, 11
            for name in ["a", "b"]:
                name.upper()
        """})
    assert codes(data) == [("m.py", 8, "BLK400"), ("m.py", 9, "BLK400"), ("m.py", 10, "BLK400"),
                           ("m.py", 11, "BLK400"), ("m.py", 11, "BLK400")]


def test_constructor_parameter_types(tmp_path):
    _, data = scan(tmp_path, {"m.py": """
        import requests
        class Client:
            def __init__(self, base, session):
                self.base = base
                self.session = session
            async def get(self, path):
                return self.session.get(self.base + path)     # 8
        client = Client("https://x", requests.Session())
        """})
    assert codes(data) == [("m.py", 8, "BLK200")]


def test_instance_attributes_across_modules(tmp_path):
    # another module's `db = client["app"]`, then db.users.find_one(): the
    # attribute types of the catalogue are followed across modules too
    _, data = scan(tmp_path, {
        "app/__init__.py": "",
        "app/store.py": """
            from pymongo import MongoClient
            mongo = MongoClient("mongodb://x")
            db = mongo["app"]
            """,
        "app/main.py": """
            import asyncio
            from . import store
            from .store import db, mongo

            async def f(uid):
                store.db.users.find_one({"_id": uid})                  # 7
                db.users.insert_one({})                                # 8
                mongo.app.users.delete_one({})                         # 9
                cursor = db.users.find({}).sort("_id").limit(5)        # lazy: no query yet
                docs = list(cursor)                                    # 11
                for d in db.users.find({}):                            # 12
                    pass
                await asyncio.to_thread(len, list(db.users.find({})))  # 14: in the offload's arguments
                first = next(db.users.find({}).limit(1))               # 15
                db.users.__class__
                return docs, first
            """,
    })
    assert codes(data) == [("app/main.py", n, "BLK700") for n in (7, 8, 9, 11, 12)] + [("app/main.py", 14, "BLK702"), ("app/main.py", 15, "BLK700")]


def test_attributes_of_scanned_classes(tmp_path):
    # class-body attributes (`session = Session()`), and attributes set in
    # __init__ used from outside the class, in the same module and in others
    _, data = scan(tmp_path, {
        "app/__init__.py": "",
        "app/clients.py": """
            import socket
            import threading
            import requests

            def _sleepy(self):
                import time
                time.sleep(1)

            class Api:
                session = requests.Session()
                lock = threading.Lock()
                fetch = _sleepy
                name = "api"
                def __init__(self):
                    self.http = requests.Session()
                async def own(self):
                    self.session.get("u")          # 18
                    with self.lock:                # 19
                        pass
                    self.fetch()                   # 21
                    self.name.upper()
                @classmethod
                async def build(cls):
                    cls.session.post("u")          # 25

            class Trait:
                def __init__(self, **kw):
                    self.kw = kw

            class Shell:
                prefilter = Trait(klass="Prefilter")   # a descriptor: self.prefilter is something else
                def __init__(self):
                    self.prefilter = Prefilter()
                    self.loop = make_loop()
                async def run(self, coro):
                    self.prefilter.lines()         # 37
                    self.loop.run_until_complete(coro)   # 38: untyped, known by its name

            class Prefilter:
                def lines(self):
                    return open("rc").read()

            class Conn:
                def __init__(self):
                    self.sock = socket.socket()

            API = Api()
            """,
        "app/main.py": """
            from .clients import API, Api, Conn

            class Fast(Conn):
                def __init__(self):
                    super().__init__()
                    self.sock.setblocking(False)
                async def send(self):
                    self.sock.send(b"x")           # non-blocking: not reported

            class Slow(Conn):
                async def send(self):
                    self.sock.send(b"x")           # 13: the base class's socket

            async def handler():
                api = Api()
                api.http.get("u")                  # 17
                API.http.get("u")                  # 18
                Api.session.get("u")               # 19
                api.session.delete("u")            # 20
                api.name.upper()
            """,
    })
    assert codes(data) == [
        ("app/clients.py", 18, "BLK200"), ("app/clients.py", 19, "BLK800"), ("app/clients.py", 21, "BLK101"),
        ("app/clients.py", 25, "BLK200"), ("app/clients.py", 37, "BLK401"), ("app/clients.py", 38, "BLK900"),
        ("app/main.py", 13, "BLK600"),
        ("app/main.py", 17, "BLK200"), ("app/main.py", 18, "BLK200"), ("app/main.py", 19, "BLK200"),
        ("app/main.py", 20, "BLK200"),
    ]


def test_lambda_items_of_eager_callers(tmp_path):
    # sorted(..., key=lambda p: p.stat()) runs the lambda on the loop, on
    # the items of the iterable, here known only through another module
    _, data = scan(tmp_path, {
        "app/__init__.py": "",
        "app/conf.py": """
            from pathlib import Path
            CACHE = Path("/var/cache/app")
            """,
        "app/main.py": """
            import asyncio
            from .conf import CACHE

            async def f():
                old = sorted(CACHE.glob("*"), key=lambda p: p.stat().st_mtime)        # 6, 6
                big = max(CACHE.iterdir(), key=lambda q: q.stat().st_size)            # 7, 7
                names = sorted(["b", "a"], key=lambda n: n.lower())
                later = lambda p: p.stat()
                await asyncio.to_thread(lambda: sorted(CACHE.glob("*"), key=lambda p: p.stat()))
                return old, big, names, later
            """,
    })
    assert codes(data) == [("app/main.py", 6, "BLK400")] * 2 + [("app/main.py", 7, "BLK400")] * 2


def test_celery_tasks_and_results(tmp_path):
    _, data = scan(tmp_path, {
        "app/__init__.py": "",
        "app/tasks.py": """
            from celery import Celery, shared_task
            celery_app = Celery("app", broker="redis://x")

            @celery_app.task(bind=True, max_retries=3)
            def send(self, to):
                return to

            @shared_task
            def report(name):
                return name

            def plain(x):
                return x
            """,
        "app/worker.py": """
            import time
            from .tasks import celery_app

            @celery_app.task
            def cleanup():
                return 0

            def helper():
                time.sleep(1)
            """,
        "app/web.py": """
            import asyncio
            from .tasks import celery_app, plain, report, send
            from .worker import cleanup, helper

            async def handler():
                r = send.delay("a@b")                                  # 7
                report.apply_async(args=("x",), countdown=5)           # 8
                r.get(timeout=10)                                      # 9
                celery_app.send_task("app.tasks.send", args=("c",))    # 10
                await asyncio.to_thread(send.delay, "d@e")
                plain(1).delay
                cleanup.delay()                                        # 13: app imported, then @app.task
                helper()                                               # 14
            """,
    })
    assert codes(data) == [("app/web.py", 7, "BLK600"), ("app/web.py", 8, "BLK600"), ("app/web.py", 9, "BLK800"),
                           ("app/web.py", 10, "BLK600"), ("app/web.py", 13, "BLK600"), ("app/web.py", 14, "BLK101")]


def test_tls_logging_and_cloud_storage(tmp_path):
    _, data = scan(tmp_path, {"m.py": """
        import logging, socket, ssl
        from logging.handlers import RotatingFileHandler
        from google.cloud import storage
        CTX = ssl.create_default_context()
        gcs = storage.Client()

        async def f(host, path):
            sock = socket.create_connection((host, 443))                    # 9
            tls = CTX.wrap_socket(sock, server_hostname=host)               # 10
            lazy = CTX.wrap_socket(sock, do_handshake_on_connect=False)
            logging.FileHandler(path)                                       # 12
            RotatingFileHandler(path, maxBytes=1 << 20)                     # 13
            logging.FileHandler(path, delay=True)
            blob = gcs.bucket("b").blob("k")
            blob.generate_signed_url(60)
            blob.download_as_bytes()                                        # 17
            storage.Client()                                                # 18
            return tls, lazy
        """})
    assert codes(data) == [("m.py", 9, "BLK600"), ("m.py", 10, "BLK600"), ("m.py", 12, "BLK400"),
                           ("m.py", 13, "BLK400"), ("m.py", 17, "BLK200"), ("m.py", 18, "BLK400")]



def test_positional_timeouts_and_keyword_conditions(tmp_path):
    _, data = scan(tmp_path, {"m.py": """
        import select
        from confluent_kafka import Consumer, Producer
        from kafka import KafkaProducer
        from ldap3 import AUTO_BIND_NONE, AUTO_BIND_NO_TLS, Connection, Server
        producer = Producer({"bootstrap.servers": "k:9092"})
        consumer = Consumer({"bootstrap.servers": "k:9092", "group.id": "g"})
        server = Server("ldap://x")

        async def f(sock, opts):
            select.select([sock], [], [], 0)
            select.select([sock], [], [], 2.0)                                  # 12
            select.select([sock], [], [])                                       # 13
            producer.poll(0)
            producer.poll(1.0)                                                  # 15
            producer.flush()                                                    # 16
            consumer.poll(timeout=0)
            consumer.poll(0.5)                                                  # 18
            consumer.commit(asynchronous=True)
            consumer.commit()                                                   # 20
            Connection(server, user="u", password="p")
            Connection(server, user="u", password="p", auto_bind=AUTO_BIND_NONE)
            Connection(server, user="u", password="p", auto_bind=False)
            Connection(server, user="u", password="p", auto_bind=True)          # 24
            Connection(server, "u", "p", AUTO_BIND_NO_TLS)                      # 25
            Connection(server, **opts)                                          # 26
            KafkaProducer(bootstrap_servers="k:9092", api_version=(2, 8))
            KafkaProducer(bootstrap_servers="k:9092")                           # 28
        """})
    assert codes(data) == [("m.py", n, "BLK600") for n in (12, 13, 15, 16, 18, 20, 24, 25, 26, 28)]


def test_argument_conditions_hold_for_objects_of_other_modules(tmp_path):
    # the callee is known only in the global pass; its arguments still count
    _, data = scan(tmp_path, {
        "app/__init__.py": "",
        "app/settings.py": """
            import pandas as pd
            from confluent_kafka import Producer
            producer = Producer({"bootstrap.servers": "k:9092"})
            frame = pd.read_csv("seed.csv")
            """,
        "app/events.py": """
            from .settings import producer

            def publish(value):
                producer.produce("t", value)
                producer.poll(0)

            def publish_and_wait(value):
                publish(value)
                producer.flush(5.0)
            """,
        "app/web.py": """
            from . import settings
            from .events import publish, publish_and_wait

            async def handler(value):
                publish(value)
                publish_and_wait(value)                 # 7
                settings.producer.poll(0)
                settings.producer.poll(2)               # 9
                settings.frame.to_csv(index=False)
                settings.frame.to_csv(value, index=False)   # 11: the other arguments still count
            """,
    })
    assert codes(data) == [("app/web.py", 7, "BLK601"), ("app/web.py", 9, "BLK600"), ("app/web.py", 11, "BLK400")]


def test_in_memory_buffers_are_not_file_io(tmp_path):
    _, data = scan(tmp_path, {"m.py": """
        import io
        import xml.etree.ElementTree as ET
        from io import BytesIO
        import numpy as np
        import openpyxl
        from PIL import Image

        async def f(data: bytes, path):
            wb = openpyxl.load_workbook(io.BytesIO(data))
            wb.save(path)                                                       # 11
            openpyxl.load_workbook(path)                                        # 12
            Image.open(BytesIO(data))
            ET.parse(io.BytesIO(data))
            ET.parse(path)                                                      # 15
            np.load(BytesIO(data))
            np.load(path)                                                       # 17
        """})
    assert codes(data) == [("m.py", n, "BLK400") for n in (11, 12, 15, 17)]


def test_grpc_stubs_are_typed_by_their_channel(tmp_path):
    # the generated modules are not scanned (or not present): the stub class is
    # unknown, the channel it is given says whether its methods block
    _, data = scan(tmp_path, {
        "app/__init__.py": "",
        "app/rpc.py": """
            import grpc
            from .protos import deploy_pb2_grpc
            sync_stub = deploy_pb2_grpc.DeployerStub(grpc.insecure_channel("d:50051"))
            channel = grpc.secure_channel("d:50051", grpc.ssl_channel_credentials())
            other = deploy_pb2_grpc.DeployerStub(channel)
            aio_stub = deploy_pb2_grpc.DeployerStub(grpc.aio.insecure_channel("d:50051"))
            not_a_stub = deploy_pb2_grpc.Deployer(channel)

            async def f(req):
                sync_stub.Deploy(req, timeout=5)                                # 11
                other.Status(req)                                               # 12
                await aio_stub.Deploy(req)
                fut = sync_stub.Deploy.future(req)
                not_a_stub.Deploy(req)
            """,
    })
    assert codes(data) == [("app/rpc.py", 11, "BLK600"), ("app/rpc.py", 12, "BLK600")]


def test_list_comprehension_item_types(tmp_path):
    _, data = scan(tmp_path, {"m.py": """
        import multiprocessing as mp
        from pathlib import Path

        def work(x):
            return x

        async def f(chunks, names, paths):
            procs = [mp.Process(target=work, args=(c,)) for c in chunks]
            for p in procs:
                p.start()
                p.join()                                                        # 12
            files = [Path(n) for n in names]
            for f in files:
                f.read_text()                                                   # 15
            # the callee depends on the loop variable (not the outer Path f): no item type
            renamed = [f.with_suffix(".bak") for f in paths]
            for o in renamed:
                o.read_text()
        """})
    assert codes(data) == [("m.py", 12, "BLK800"), ("m.py", 15, "BLK400")]


def test_service_clients_of_the_eighth_batch(tmp_path):
    # catalogue types: client -> service/namespace -> blocking method
    _, data = scan(tmp_path, {"m.py": """
        import stripe
        from azure.storage.blob import BlobServiceClient
        from cassandra.cluster import Cluster
        from minio import Minio
        from neo4j import GraphDatabase
        from twilio.rest import Client
        sc = stripe.StripeClient("sk")
        tw = Client("sid", "tok")
        blobs = BlobServiceClient.from_connection_string("c").get_container_client("docs")
        session = Cluster(["db"]).connect("ks")
        graph = GraphDatabase.driver("neo4j://g", auth=("u", "p"))
        store = Minio("m:9000", region="us-east-1")

        async def f(cid, data):
            sc.customers.retrieve(cid)                                          # 16
            await sc.customers.retrieve_async(cid)
            sc.v1.payment_intents.create(params={"amount": 1})                  # 18
            tw.messages.create(to="+1", from_="+2", body="hi")                  # 19
            await tw.messages.create_async(to="+1", from_="+2", body="hi")
            blobs.upload_blob("k", data)                                        # 21
            blobs.get_blob_client("k")
            session.execute("SELECT 1")                                         # 23
            fut = session.execute_async("SELECT 1")
            fut.result()                                                        # 25
            with graph.session() as s:
                s.run("RETURN 1")                                               # 27
            store.presigned_get_object("b", "k")
            store.stat_object("b", "k")                                         # 29
        """})
    assert codes(data) == [("m.py", 16, "BLK200"), ("m.py", 18, "BLK200"), ("m.py", 19, "BLK200"),
                           ("m.py", 21, "BLK200"), ("m.py", 23, "BLK700"), ("m.py", 25, "BLK800"),
                           ("m.py", 27, "BLK700"), ("m.py", 29, "BLK200")]

def test_service_clients_of_the_ninth_batch(tmp_path):
    # catalogue types: k8s/docker/Vault/XML-RPC/IMAP/POP3/websocket-client/
    # serial clients and DB drivers through their attributes and cursors; the
    # async twins are not reported
    _, data = scan(tmp_path, {"m.py": """
        import hvac, imaplib, MySQLdb, oracledb, poplib, pymssql, serial, websocket, xmlrpc.client
        import docker, aiodocker
        import snowflake.connector
        from google.cloud import bigquery
        from kubernetes import client, watch
        vault = hvac.Client(url="https://v")
        proxy = xmlrpc.client.ServerProxy("https://erp/xmlrpc")
        core = client.CoreV1Api()
        bq = bigquery.Client()
        pinned = docker.DockerClient(base_url="unix:///run/docker.sock", version="1.43")

        async def f(ns, cid):
            core.list_namespaced_pod(ns)                                          # 14
            vault.secrets.kv.v2.read_secret_version(path="app")                   # 15
            proxy.system.listMethods()                                            # 16
            pinned.containers.get(cid)                                            # 17
            d = aiodocker.Docker()
            await d.containers.list()
            box = imaplib.IMAP4_SSL("mail")                                       # 20
            box.select("INBOX")                                                   # 21
            pop = poplib.POP3_SSL("pop")                                          # 22
            pop.stat()                                                            # 23
            ws = websocket.create_connection("ws://x")                            # 24
            ws.recv()                                                             # 25
            port = serial.Serial()
            port = serial.Serial("/dev/ttyS0", 9600)                              # 27
            port.readline()                                                       # 28
            cur = MySQLdb.connect(db="x").cursor()                                # 29
            cur.execute("SELECT 1")                                               # 30
            cur.fetchall()
            ora = oracledb.connect(dsn="o").cursor()                              # 32
            ora.fetchall()                                                        # 33
            pymssql.connect("h", "u", "p", "d").cursor().fetchone()               # 34
            snowflake.connector.connect(account="a").cursor()                     # 35
            bq.query("SELECT 1").result()                                         # 36
            for ev in watch.Watch().stream(core.list_namespaced_event, ns):       # 37
                pass
        """})
    assert codes(data) == [("m.py", 14, "BLK200"), ("m.py", 15, "BLK200"), ("m.py", 16, "BLK200"),
                           ("m.py", 17, "BLK200"), ("m.py", 20, "BLK600"), ("m.py", 21, "BLK600"),
                           ("m.py", 22, "BLK600"), ("m.py", 23, "BLK600"), ("m.py", 24, "BLK600"),
                           ("m.py", 25, "BLK600"), ("m.py", 27, "BLK400"), ("m.py", 28, "BLK400"),
                           ("m.py", 29, "BLK700"), ("m.py", 30, "BLK700"), ("m.py", 32, "BLK700"),
                           ("m.py", 33, "BLK700"), ("m.py", 34, "BLK700"), ("m.py", 34, "BLK700"),
                           ("m.py", 35, "BLK700"), ("m.py", 36, "BLK700"), ("m.py", 36, "BLK700"),
                           ("m.py", 37, "BLK200")]


def test_unversioned_docker_client_probes_the_daemon(tmp_path):
    # UNLESS_KEYWORD: docker.from_env()/DockerClient() ask for the API version
    _, data = scan(tmp_path, {"m.py": """
        import docker
        async def f():
            a = docker.from_env()
            b = docker.from_env(version="1.43")
            a.version()
        """})
    assert codes(data) == [("m.py", 4, "BLK200"), ("m.py", 6, "BLK200")]


def test_docker_listing_items_are_containers(tmp_path):
    # RETURNS list[T]: the items of containers.list() are Container objects
    _, data = scan(tmp_path, {"m.py": """
        import docker
        client = docker.DockerClient(base_url="unix:///run/docker.sock", version="1.43")
        async def f():
            for c in client.containers.list():
                c.stop()
                print(c.name, c.status)
        """})
    assert codes(data) == [("m.py", 5, "BLK200"), ("m.py", 6, "BLK200")]


def test_plain_import_of_an_aliased_module(tmp_path):
    # ALIASES apply to `import posixpath` / `import cx_Oracle` too, not only
    # to `import x as y` and `from x import y`
    _, data = scan(tmp_path, {"m.py": """
        import cx_Oracle
        import posixpath
        async def f(p):
            cur = cx_Oracle.connect("u/p@db").cursor()
            cur.execute("SELECT 1")
            return posixpath.exists(p)
        """})
    assert codes(data) == [("m.py", 5, "BLK700"), ("m.py", 6, "BLK700"), ("m.py", 7, "BLK400")]


def test_nonblocking_flags_by_module(tmp_path):
    # NONBLOCKING_FLAGS: zmq.NOBLOCK / DONTWAIT make a send or recv a poll,
    # also on a socket imported from another module (global pass)
    _, data = scan(tmp_path, {"clients.py": """
        import zmq
        ctx = zmq.Context.instance()
        push = ctx.socket(zmq.PUSH)
        def send_event(e):
            push.send_json(e)
        """, "app.py": """
        import zmq
        from clients import push, send_event
        async def f(e):
            push.send_json(e)
            push.send_json(e, flags=zmq.NOBLOCK)
            push.send(b"x", zmq.DONTWAIT)
            send_event(e)
        """})
    assert codes(data) == [("app.py", 5, "BLK600"), ("app.py", 8, "BLK601")]


def test_parsers_given_received_content(tmp_path):
    # CONTENT_OR_LOCATION: feedparser.parse(url) fetches, feedparser.parse of
    # text already received with an async client does not
    _, data = scan(tmp_path, {"m.py": """
        import feedparser
        URL = "https://example.com/feed"
        async def f(session):
            feedparser.parse(URL)
            async with session.get(URL) as resp:
                body = await resp.text()
            feedparser.parse(body)
            feedparser.parse(await resp.read())
            other = URL
            feedparser.parse(other)
        """})
    assert codes(data) == [("m.py", 5, "BLK200"), ("m.py", 11, "BLK200")]


def test_watch_stream_is_lazy_in_offload_arguments(tmp_path):
    # LAZY: a kubernetes watch stream does its HTTP work where it is iterated
    _, data = scan(tmp_path, {"m.py": """
        import asyncio
        from kubernetes import client, watch
        core = client.CoreV1Api()
        async def f(ns):
            w = watch.Watch()
            await asyncio.to_thread(list, w.stream(core.list_namespaced_pod, ns, timeout_seconds=5))
            await asyncio.to_thread(core.list_namespaced_pod, ns)
            await asyncio.to_thread(print, core.list_namespaced_pod(ns))
        """})
    assert codes(data) == [("m.py", 9, "BLK202")]


def test_non_utf8_console(tmp_path):
    (tmp_path / "caf\u00e9.py").write_text("import time\nasync def f():\n    time.sleep(1)\n", encoding="utf-8")
    t = ss.run(["--no-config", "."], cwd=tmp_path, env={"PYTHONIOENCODING": "ascii"})
    assert t.returncode == 1 and "Traceback" not in t.stderr
    assert "caf\\xe9.py:3:5: BLK100" in t.stdout
