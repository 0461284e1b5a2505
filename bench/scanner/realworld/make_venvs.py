"""Build the virtual environments the real-world benchmark follows calls into.

Each `venvs/<project>.txt` is the `pip freeze` of an environment holding that
project's runtime dependencies at the versions its pre-fix tree declares
(never Home Assistant itself, nothing that pulls it in, no heavy ML wheels);
its first line names the Python minor version. This script makes
`DIR/<project>` from each, with that Python (pyenv's, or python3.N on PATH),
installing exactly the listed distributions (`--no-deps`: the file already
holds the whole closure). Then:

    .venv/bin/python bench/scanner/realworld/score.py --repos MIRRORS \\
        --scanner-arg=--no-deps --scanner-arg=--no-cache --venvs DIR

scans those projects following calls into their packages (the others stay
project-only). Needs network access to PyPI (and GitHub for two packages
installed from a commit).
"""
from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SPECS = HERE / "venvs"


def python_for(minor: str) -> str | None:
    """An interpreter of version 3.N: pyenv's newest 3.N.x, else python3.N on PATH."""
    root = os.environ.get("PYENV_ROOT") or str(Path.home() / ".pyenv")
    versions = Path(root) / "versions"
    if versions.is_dir():
        for v in sorted(versions.iterdir(), reverse=True):
            exe = v / "bin" / "python3"
            if v.name.startswith(minor + ".") and exe.exists():
                return str(exe)
    return shutil.which("python" + minor)


def build(spec: Path, dest: Path) -> str:
    lines = spec.read_text(encoding="utf-8").splitlines()
    if not lines or not lines[0].startswith("# python "):
        return "no '# python 3.N' first line"
    minor = lines[0].split()[-1]
    python = python_for(minor)
    if python is None:
        return "no Python %s here" % minor
    if dest.exists():
        shutil.rmtree(dest)
    subprocess.run([python, "-m", "venv", str(dest)], check=True)
    p = subprocess.run([str(dest / "bin" / "python"), "-m", "pip", "install", "--quiet", "--no-input",
                        "--disable-pip-version-check", "--no-deps", "-r", str(spec)],
                       capture_output=True, text=True, check=False)
    return "ok (Python %s)" % minor if p.returncode == 0 else "pip failed: " + p.stderr.strip()[-300:]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dest", type=Path, help="folder for the environments (one per project)")
    ap.add_argument("--project", action="append", default=[], help="only this project (repeatable)")
    a = ap.parse_args(argv)
    specs = sorted(SPECS.glob("*.txt"))
    if a.project:
        specs = [s for s in specs if s.stem in a.project]
        missing = set(a.project) - {s.stem for s in specs}
        if missing:
            print("make_venvs.py: no spec for %s" % ", ".join(sorted(missing)), file=sys.stderr)
            return 2
    failed = 0
    for spec in specs:
        result = build(spec, a.dest / spec.stem)
        failed += not result.startswith("ok")
        print("%-28s %s" % (spec.stem, result))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
