"""Find the CPython interpreters (3.9+) installed on this machine.

Shipped code must run on every Python from 3.9 on, so tests that run shipped
code run it on each interpreter found: pyenv's versions (`$(pyenv root)/versions/*`)
plus the interpreter running the tests, which always runs everything. A version
the machine lacks is simply not tested; that is the only accepted reason for a
test not to run.
"""
from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
from pathlib import Path

MIN_VERSION = (3, 9)
PROBE = "import sys, sysconfig; print(sys.version_info[0], sys.version_info[1], int(bool(sysconfig.get_config_var('Py_GIL_DISABLED'))), sys.implementation.name)"


def _pyenv_root() -> Path | None:
    root = os.environ.get("PYENV_ROOT")
    if root:
        return Path(root)
    exe = shutil.which("pyenv")
    if exe:
        out = subprocess.run([exe, "root"], capture_output=True, text=True, timeout=20)
        if out.returncode == 0 and out.stdout.strip():
            return Path(out.stdout.strip())
    default = Path.home() / ".pyenv"
    return default if default.is_dir() else None


def _candidates() -> list[str]:
    paths = [sys.executable]
    root = _pyenv_root()
    if root and (root / "versions").is_dir():
        for ver in sorted((root / "versions").iterdir()):
            for name in ("bin/python3", "python.exe"):
                exe = ver / name
                if exe.exists():
                    paths.append(str(exe))
                    break
    return paths


@functools.lru_cache(maxsize=None)
def _probe(path: str) -> tuple[int, int, bool, str] | None:
    try:
        out = subprocess.run([path, "-c", PROBE], capture_output=True, text=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if out.returncode != 0:
        return None
    major, minor, ft, impl = out.stdout.split()
    return int(major), int(minor), ft == "1", impl


@functools.lru_cache(maxsize=None)
def find_all() -> tuple[tuple[tuple[int, int], bool, str], ...]:
    """Every distinct CPython 3.9+ found: ((major, minor), free_threaded, path).

    One interpreter per (version, free-threaded) pair; the running interpreter
    wins its slot so that its packages (the dev venv) are used for its version.
    """
    found: dict[tuple[tuple[int, int], bool], str] = {}
    for path in _candidates():
        info = _probe(path)
        if not info or info[3] != "cpython":
            continue
        version, ft = (info[0], info[1]), info[2]
        if version < MIN_VERSION:
            continue
        found.setdefault((version, ft), path)
    return tuple(sorted((v, ft, p) for (v, ft), p in found.items()))


def find_interpreters() -> list[tuple[tuple[int, int], str]]:
    """(version, path) for each GIL-enabled CPython 3.9+ present, oldest first."""
    return [(v, p) for v, ft, p in find_all() if not ft]


def free_threaded_interpreters() -> list[tuple[tuple[int, int], str]]:
    return [(v, p) for v, ft, p in find_all() if ft]


def example_venv_python(version: tuple[int, int]) -> str | None:
    """The interpreter of `.venv-examples/py3.X` (tools/test.py installs the
    `examples` dependency group there for each non-running version), or None."""
    venv = Path(__file__).resolve().parent.parent / ".venv-examples" / f"py{version[0]}.{version[1]}"
    exe = venv / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    return str(exe) if exe.exists() else None


def interpreter_id(version: tuple[int, int], free_threaded: bool = False) -> str:
    return f"py{version[0]}.{version[1]}{'t' if free_threaded else ''}"


if __name__ == "__main__":
    for v, ft, p in find_all():
        print(interpreter_id(v, ft), p)
