"""Files in syntax newer than the Python running the scanner are parsed by a
newer interpreter of the machine (scripts/blockscan/newer.py): the project's,
FIND_BLOCKING_CALLS_PYTHON, python3.N on PATH, or one an interpreter manager
(pyenv, uv) installed off PATH. Real interpreters: each one
older than 3.12 present runs the scanner in turn, the newest (3.12+) is
offered on a PATH made for the test. Needs two interpreters, the newer one 3.12 or later."""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "scanner"))

import scanner_support as ss  # noqa: E402
from interpreters import find_interpreters  # noqa: E402

INTERPRETERS = find_interpreters()
NEW = INTERPRETERS[-1] if INTERPRETERS else None
OLDER = [i for i in INTERPRETERS if i[0] < (3, 12)]   # each runs the scanner in turn
needs_two = pytest.mark.skipif(
    not OLDER or NEW[0] < (3, 12),
    reason="needs a Python older than 3.12 and a 3.12+ (this machine: %s)" % [v for v, _ in INTERPRETERS])
EACH_OLDER = pytest.mark.parametrize("old", OLDER, ids=["py%d.%d" % v for v, _ in OLDER])

FILES = {
    # PEP 695 (3.12): a syntax error before 3.12
    "hub/coordinator.py": (
        "import ssl\n"
        "import time\n"
        "\n"
        "type Entry = dict[str, int]\n"
        "\n"
        "\n"
        "async def setup(entry: Entry):\n"
        "    ctx = ssl.create_default_context()\n"
        "    time.sleep(1)\n"
        "    return ctx\n"),
    # PEP 701 (3.12): an f-string reusing its quotes
    "hub/names.py": (
        "import sqlite3\n"
        "\n"
        "\n"
        "async def lookup(info):\n"
        "    pattern = f\"tracker.{info[\"name\"].lower()}\"\n"
        "    conn = sqlite3.connect(\"/config/db\")\n"
        "    return conn.execute(\"SELECT 1 WHERE ?\", (pattern,))\n"),
    "hub/old.py": (
        "import os\n"
        "\n"
        "\n"
        "async def listing():\n"
        "    return os.listdir('/config')\n"),
    # no Python parses this
    "hub/broken.py": "def f(:\n    pass\n",
}
EXPECTED = [("hub/coordinator.py", 8, "BLK420"), ("hub/coordinator.py", 9, "BLK100"),
            ("hub/names.py", 6, "BLK700"), ("hub/names.py", 7, "BLK700"), ("hub/old.py", 5, "BLK400")]


def no_managers(tmp_path: Path) -> dict:
    """An environment in which no interpreter manager's folder exists (this
    machine's own ~/.pyenv must not decide what parses)."""
    return {"HOME": str(tmp_path / "home"), "PYENV_ROOT": "", "XDG_DATA_HOME": "", "UV_PYTHON_INSTALL_DIR": "",
            "APPDATA": ""}


def offer(tmp_path: Path, python: str, name: str) -> dict:
    """A PATH holding only `name` -> python."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(exist_ok=True)
    (bin_dir / name).symlink_to(python)
    return {"PATH": str(bin_dir), "FIND_BLOCKING_CALLS_PYTHON": "", **no_managers(tmp_path)}


def scan(tmp_path, old, env, *args):
    for rel, text in FILES.items():
        p = tmp_path / "proj" / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    p = ss.run(["--format", "json", "--no-config", *args, "hub"], python=old[1], cwd=tmp_path / "proj", env=env)
    assert p.returncode == 1, (p.returncode, p.stderr)
    data = json.loads(p.stdout)
    found = sorted((f["path"], f["line"], f["code"]) for f in data["findings"])
    return data, found, p.stderr


@needs_two
@EACH_OLDER
def test_a_newer_python_on_path_parses_the_files_this_one_cannot(tmp_path, old):
    name = "python3.%d" % NEW[0][1]
    data, found, stderr = scan(tmp_path, old, offer(tmp_path, NEW[1], name), ss.NEWER_OK)
    assert found == EXPECTED, found
    newer = data["stats"]["newer_python"]
    assert newer["version"] == "%d.%d" % NEW[0] and newer["files"] == 2 and newer["python"].endswith(name), newer
    assert data["stats"]["parsed"] == 3, data["stats"]
    (error,) = data["errors"]
    assert error["path"].endswith("broken.py") and "(also with Python %d.%d)" % NEW[0] in error["message"], error
    assert "2 files in syntax newer than Python %d.%d parsed with Python %d.%d" % (old[0] + NEW[0]) in stderr, stderr


@needs_two
@EACH_OLDER
def test_the_interpreter_named_by_the_environment_variable_is_used(tmp_path, old):
    env = {"PATH": str(tmp_path / "empty"), "FIND_BLOCKING_CALLS_PYTHON": NEW[1], **no_managers(tmp_path)}
    data, found, _ = scan(tmp_path, old, env, ss.NEWER_OK)
    assert found == EXPECTED, found
    assert data["stats"]["newer_python"]["python"] == NEW[1]


@needs_two
@EACH_OLDER
def test_without_a_newer_python_or_when_told_not_the_files_stay_unparsed(tmp_path, old):
    alone = {"PATH": str(tmp_path / "empty"), "FIND_BLOCKING_CALLS_PYTHON": "", **no_managers(tmp_path)}
    data, found, stderr = scan(tmp_path, old, alone, ss.NEWER_OK)
    assert found == [("hub/old.py", 5, "BLK400")], found
    assert data["stats"]["newer_python"] is None
    errors = {Path(e["path"]).name: e["message"] for e in data["errors"]}
    assert sorted(errors) == ["broken.py", "coordinator.py", "names.py"], errors
    assert "put a newer python3.N on PATH" in errors["coordinator.py"], errors
    assert "3 files not parsed" in stderr, stderr
    # --no-newer-python: a newer one on PATH is not used
    data, found, _ = scan(tmp_path, old, offer(tmp_path, NEW[1], "python3.%d" % NEW[0][1]))
    assert found == [("hub/old.py", 5, "BLK400")] and data["stats"]["newer_python"] is None, found


@needs_two
@EACH_OLDER
def test_an_interpreter_that_is_not_newer_or_does_not_run_is_not_used(tmp_path, old):
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    (bin_dir / "python3.19").write_text("#!/bin/sh\nexit 3\n")   # answers nothing
    os.chmod(bin_dir / "python3.19", 0o755)
    env = {"PATH": str(bin_dir), "FIND_BLOCKING_CALLS_PYTHON": old[1],  # the same version: not newer
           **no_managers(tmp_path)}
    data, found, _ = scan(tmp_path, old, env, ss.NEWER_OK)
    assert found == [("hub/old.py", 5, "BLK400")] and data["stats"]["newer_python"] is None, found


def install_as(folder: Path, python: str) -> None:
    """`folder`/bin/python3 -> python, as pyenv and uv lay out an interpreter."""
    (folder / "bin").mkdir(parents=True)
    (folder / "bin" / "python3").symlink_to(python)


@needs_two
@EACH_OLDER
@pytest.mark.parametrize("manager", ["pyenv", "uv"])
def test_an_interpreter_a_manager_keeps_off_path_is_used(tmp_path, old, manager):
    """pyenv's shims on PATH run only the version selected for the directory
    (another says "command not found"), and uv's interpreters are not on PATH
    at all: their install folders are read, by version in the folder's name."""
    env = {**no_managers(tmp_path), "FIND_BLOCKING_CALLS_PYTHON": ""}
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    shim = bin_dir / ("python3.%d" % NEW[0][1])  # a pyenv shim for a version not selected here
    shim.write_text("#!/bin/sh\necho \"pyenv: $(basename $0): command not found\" >&2\nexit 127\n")
    os.chmod(shim, 0o755)
    env["PATH"] = str(bin_dir)
    newest = "3.%d.%d" % (NEW[0][1], 99)
    if manager == "pyenv":
        root = tmp_path / "pyenv"
        env["PYENV_ROOT"] = str(root)
        install_as(root / "versions" / newest, NEW[1])
        (root / "versions" / "2.7.18").mkdir()           # not newer: never asked
        folder = root / "versions" / newest
    else:
        data_home = tmp_path / "share"
        env["XDG_DATA_HOME"] = str(data_home)
        folder = data_home / "uv" / "python" / ("cpython-%s-linux-x86_64-gnu" % newest)
        install_as(folder, NEW[1])
        (data_home / "uv" / "python" / "pypy3.10-7.3.17-linux-x86_64-gnu").mkdir()  # not CPython: skipped
    data, found, stderr = scan(tmp_path, old, env, ss.NEWER_OK)
    assert found == EXPECTED, (found, stderr)
    newer = data["stats"]["newer_python"]
    assert newer["python"] == str(folder / "bin" / "python3") and newer["version"] == "%d.%d" % NEW[0], newer


PEP758 = {
    # Python 3.14's `except A, B:` (PEP 758): read on every Python by
    # parenthesizing the handler's types (no 3.14 interpreter needed)
    "exc/handlers.py": (
        "import time\n"
        "\n"
        "\n"
        "async def poll(client):\n"
        "    try:\n"
        "        client.read()\n"
        "    except ValueError, TypeError:\n"
        "        time.sleep(1)\n"
        "    except  errors.Timeout ,  OSError :  # retry\n"
        "        time.sleep(2)\n"),
    # the same spelling, but another error stops the parser too: reported
    "exc/broken.py": "try:\n    pass\nexcept A, B:\n    pass\ndef f(:\n    pass\n",
}


@pytest.mark.parametrize("python", INTERPRETERS, ids=["py%d.%d" % v for v, _ in INTERPRETERS])
def test_unparenthesized_except_lists_are_read_without_a_newer_python(tmp_path, python):
    for rel, text in PEP758.items():
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(text, encoding="utf-8")
    alone = {"PATH": str(tmp_path / "empty"), "FIND_BLOCKING_CALLS_PYTHON": ""}
    p = ss.run(["--format", "json", "--no-config", "exc"], python=python[1], cwd=tmp_path, env=alone)
    assert p.returncode == 1, (p.returncode, p.stderr)
    data = json.loads(p.stdout)
    found = sorted((f["path"], f["line"], f["code"]) for f in data["findings"])
    assert found == [("exc/handlers.py", 8, "BLK100"), ("exc/handlers.py", 10, "BLK100")], found
    (error,) = data["errors"]
    assert error["path"].endswith("broken.py") and "line 5" in error["message"], error


@pytest.mark.parametrize("python", INTERPRETERS, ids=["py%d.%d" % v for v, _ in INTERPRETERS])
def test_no_newer_python_is_asked_about_python2_or_encoding_errors(tmp_path, python):
    """A Python 2 print statement or a bad encoding declaration fails the same
    way on every newer Python: no candidate interpreter is run for it (each
    one is a child process); a file that may be newer syntax still asks."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    asked = tmp_path / "asked"
    (bin_dir / "python3.19").write_text("#!/bin/sh\necho run >> '%s'\nexit 3\n" % asked)
    os.chmod(bin_dir / "python3.19", 0o755)
    env = {"PATH": str(bin_dir), "FIND_BLOCKING_CALLS_PYTHON": "", **no_managers(tmp_path)}
    src = tmp_path / "old"
    src.mkdir()
    (src / "py2.py").write_text("print 'hello'\n", encoding="utf-8")
    (src / "enc.py").write_bytes(b"# -*- coding: uft-8 -*-\nx = 1\n")
    (src / "ok.py").write_text("import time\n\nasync def f():\n    time.sleep(1)\n", encoding="utf-8")
    p = ss.run(["--format", "json", "--no-config", ss.NEWER_OK, "old"], python=python[1], cwd=tmp_path, env=env)
    assert p.returncode == 1, p.stderr
    assert len(json.loads(p.stdout)["errors"]) == 2 and not asked.exists(), p.stderr
    (src / "maybe.py").write_text("def f(:\n    pass\n", encoding="utf-8")
    p = ss.run(["--format", "json", "--no-config", ss.NEWER_OK, "old"], python=python[1], cwd=tmp_path, env=env)
    assert asked.exists(), p.stderr
