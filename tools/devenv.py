"""The repository's dev environment: `.venv/` with the `dev` dependency group of
pyproject.toml, created on first use and reinstalled when pyproject.toml changes.

Shared by tools/test.py (the test command) and tools/build_bundle.py (its
validator needs markdown-it-py and pyyaml), so a fresh clone can run either
first. Stdlib only: it must run before the environment exists.
"""
import hashlib
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV = ROOT / ".venv"
STAMP = VENV / "dev-deps.sha256"
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
    """Create the venv and (re)install dev dependencies when pyproject changed.
    Raises subprocess.CalledProcessError when venv or pip fails."""
    if sys.version_info < (3, 9):
        sys.exit(f"{Path(sys.argv[0]).name}: Python 3.9 or newer is needed, this is " + sys.version.split()[0])
    py = venv_python()
    if not py.exists():
        run([sys.executable, "-m", "venv", VENV])
    digest = stale(STAMP, ROOT / "pyproject.toml")
    if digest is not None:
        run([py, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--upgrade", MIN_PIP])
        run([py, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--group", "dev"])
        STAMP.write_text(digest + "\n")
    return py
