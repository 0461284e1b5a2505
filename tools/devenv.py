"""The repository's dev environment: `.venv/` with the `dev` dependency group of
pyproject.toml, created on first use and reinstalled when pyproject.toml changes.

Shared by tools/test.py (the test command) and tools/build_bundle.py (its
validator needs markdown-it-py and pyyaml), so a fresh clone can run either
first. Stdlib only: it must run before the environment exists.
"""
import contextlib
import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
EXAMPLE_VENVS = ROOT / ".venv-examples"
# `pip install --group` (PEP 735 dependency groups) needs pip 25.1 or newer.
MIN_PIP = "pip>=25.1"


def venv_python(venv: Path = VENV) -> Path:
    sub = "Scripts/python.exe" if os.name == "nt" else "bin/python"
    return venv / sub


def example_venv(version) -> Path:
    """Where the `examples` group is installed for CPython `version` (major, minor)."""
    return EXAMPLE_VENVS / f"py{version[0]}.{version[1]}"


def run(cmd, **kwargs) -> None:
    print("+ " + " ".join(str(c) for c in cmd), file=sys.stderr, flush=True)
    subprocess.run([str(c) for c in cmd], check=True, cwd=ROOT, **kwargs)


def stale(stamp: Path, source: Path):
    """The hash of `source` when `stamp` does not hold it yet (install again,
    then write it to `stamp`); None when the install is up to date."""
    digest = hashlib.sha256(source.read_bytes()).hexdigest()
    if stamp.exists() and stamp.read_text().strip() == digest:
        return None
    return digest


@contextlib.contextmanager
def _setup_lock():
    """One setup at a time: test runs started side by side (several shells,
    xdist workers' own tools) would otherwise install into the same venv at once
    and break it."""
    VENV.parent.mkdir(parents=True, exist_ok=True)
    with open(ROOT / ".venv-setup.lock", "a+b") as f:
        if os.name == "nt":
            import msvcrt
            f.seek(0)
            while True:
                try:
                    msvcrt.locking(f.fileno(), msvcrt.LK_LOCK, 1)
                    break
                except OSError:
                    continue  # LK_LOCK gives up after 10 s; keep waiting
            try:
                yield
            finally:
                f.seek(0)
                msvcrt.locking(f.fileno(), msvcrt.LK_UNLCK, 1)
        else:
            import fcntl
            fcntl.flock(f.fileno(), fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(f.fileno(), fcntl.LOCK_UN)


def _ensure(venv: Path, base_python: str, group: str) -> Path:
    """`venv` made by `base_python` with dependency `group` installed, again
    only when pyproject.toml changed (tracked by a stamp file in the venv)."""
    py = venv_python(venv)
    if not py.exists():
        run([base_python, "-m", "venv", venv])
    stamp = venv / f"{group}-deps.sha256"
    digest = stale(stamp, ROOT / "pyproject.toml")
    if digest is not None:
        run([py, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--upgrade", MIN_PIP])
        run([py, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--group", group])
        stamp.write_text(digest + "\n")
    return py


def ensure_venv() -> Path:
    """Create the dev venv and (re)install the dev group when pyproject changed.
    Raises subprocess.CalledProcessError when venv or pip fails."""
    if sys.version_info < (3, 9):
        sys.exit(f"{Path(sys.argv[0]).name}: Python 3.9 or newer is needed, this is " + sys.version.split()[0])
    with _setup_lock():
        return _ensure(VENV, sys.executable, "dev")


def ensure_example_venvs() -> list:
    """The `examples` group for every other CPython 3.9+ found (pyenv's
    versions), so examples that import aiohttp, anyio, trio or uvloop run on
    each interpreter, not only the dev venv's. Returns the venvs' pythons."""
    sys.path.insert(0, str(ROOT / "tests"))
    from interpreters import find_all  # stdlib only; the tests use the same finder

    made = []
    with _setup_lock():
        for version, free_threaded, path in find_all():
            if free_threaded or version == sys.version_info[:2]:
                continue  # the dev venv serves the running version
            made.append(_ensure(example_venv(version), path, "examples"))
    return made
