#!/usr/bin/env python3
"""Set up the development environment if needed, then run the test suite.

This is the one test command of the repository (README.md, `.ci/run`):

    python3 tools/test.py [PYTEST ARGS ...]

It creates `.venv/` with the interpreter that runs it, installs the `dev`
dependency group of pyproject.toml into it (again only when pyproject.toml
changed, tracked by a stamp file holding its hash), installs the npm tools of
package-lock.json into `node_modules/` the same way when npm is on PATH (the
`skills` CLI, run by tests/test_npx_skills.py), and runs pytest in the venv,
in parallel across the machine's cores. Extra arguments go to pytest
(`python3 tools/test.py -k validator -n0`). Its exit code is pytest's.

Stdlib only, so it runs on a fresh machine with nothing but Python 3.9+.
"""
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
STAMP = VENV / "dev-deps.sha256"
NODE_MODULES = ROOT / "node_modules"
NODE_STAMP = NODE_MODULES / "dev-deps.sha256"
# `pip install --group` (PEP 735 dependency groups) needs pip 25.1 or newer.
MIN_PIP = "pip>=25.1"


def venv_python() -> Path:
    sub = "Scripts/python.exe" if os.name == "nt" else "bin/python"
    return VENV / sub


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


def ensure_venv() -> Path:
    """Create the venv and (re)install dev dependencies when pyproject changed."""
    if sys.version_info < (3, 9):
        sys.exit("tools/test.py: Python 3.9 or newer is needed, this is " + sys.version.split()[0])
    py = venv_python()
    if not py.exists():
        run([sys.executable, "-m", "venv", VENV])
    digest = stale(STAMP, ROOT / "pyproject.toml")
    if digest is not None:
        run([py, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--upgrade", MIN_PIP])
        run([py, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--group", "dev"])
        STAMP.write_text(digest + "\n")
    return py


def ensure_node_tools() -> None:
    """`npm ci` when package-lock.json changed. Without npm the test that needs
    it skips; CI machines have npm."""
    npm = shutil.which("npm")
    if npm is None:
        print("tools/test.py: notice: npm not found; the `npx skills` install test will be skipped", file=sys.stderr)
        return
    digest = stale(NODE_STAMP, ROOT / "package-lock.json")
    if digest is None:
        return
    try:
        run([npm, "ci", "--no-audit", "--no-fund", "--loglevel=error"])
    except (OSError, subprocess.CalledProcessError) as exc:
        # Only tests/test_npx_skills.py needs it, and it fails saying so: the
        # rest of the suite still runs (the installer workflow's runners).
        print(f"tools/test.py: notice: npm ci failed ({exc}); the `npx skills` test will fail", file=sys.stderr)
        return
    NODE_STAMP.write_text(digest + "\n")


def main(argv) -> int:
    try:
        py = ensure_venv()
        ensure_node_tools()
    except subprocess.CalledProcessError as exc:
        print(f"tools/test.py: setting up .venv failed (exit {exc.returncode}); see the output above",
              file=sys.stderr)
        return 2
    args = list(argv)
    if not any(a == "-n" or a.startswith("-n") or a.startswith("--numprocesses") for a in args):
        args = ["-n", "auto", *args]
    return subprocess.run([str(py), "-m", "pytest", *args], cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
