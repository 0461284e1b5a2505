#!/usr/bin/env python3
"""Set up the development environment if needed, then run the test suite.

This is the one test command of the repository (README.md, `.ci/run`):

    python3 tools/test.py [PYTEST ARGS ...]

It creates `.venv/` with the interpreter that runs it, installs the `dev`
dependency group of pyproject.toml into it (again only when pyproject.toml
changed, tracked by a stamp file holding its hash), does the same with the
`examples` group in `.venv-examples/py3.X/` for every other CPython 3.9+ under
pyenv (examples that import aiohttp and friends run on each), installs the npm tools of
package-lock.json into `node_modules/` the same way when npm is on PATH (the
`skills` CLI, run by tests/test_npx_skills.py), and runs pytest in the venv,
in parallel across the machine's cores. Extra arguments go to pytest
(`python3 tools/test.py -k validator -n0`). Its exit code is pytest's.

Stdlib only, so it runs on a fresh machine with nothing but Python 3.9+.
"""
import shutil
import subprocess
import sys

from devenv import ROOT, ensure_example_venvs, ensure_venv, run, stale

NODE_MODULES = ROOT / "node_modules"
NODE_STAMP = NODE_MODULES / "dev-deps.sha256"


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
        ensure_example_venvs()
        ensure_node_tools()
    except subprocess.CalledProcessError as exc:
        print(f"tools/test.py: setting up .venv or .venv-examples failed (exit {exc.returncode}); see the output above",
              file=sys.stderr)
        return 2
    args = list(argv)
    if not any(a == "-n" or a.startswith("-n") or a.startswith("--numprocesses") for a in args):
        args = ["-n", "auto", *args]
    return subprocess.run([str(py), "-m", "pytest", *args], cwd=ROOT).returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
