"""`npx skills add`, the third install path README.md names, run for real.

The `skills` CLI (vercel-labs/skills, pinned in package.json, installed into
node_modules/ by tools/test.py) installs from a local folder with no network
access once telemetry is off (DO_NOT_TRACK). Two facts are checked:

- on the unzipped release folder it installs exactly the bundle, and the
  installed scanner runs;
- on a repository checkout (SKILL.md at the root) it copies the whole
  checkout, tests and tools included: README.md says so and points to the
  release folder for an exact install.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SKILLS = ROOT / "node_modules" / ".bin" / ("skills.cmd" if os.name == "nt" else "skills")
NAME = "python-concurrency-performance"

pytestmark = pytest.mark.skipif(shutil.which("npm") is None, reason="npm is not installed")


def tree(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def skills_add(source: Path, home: Path) -> subprocess.CompletedProcess:
    assert SKILLS.exists(), "node_modules/.bin/skills is missing: run python3 tools/test.py (it runs npm ci)"
    env = {k: v for k, v in os.environ.items() if k != "CLAUDE_CONFIG_DIR"}
    env.update(HOME=str(home), USERPROFILE=str(home), DO_NOT_TRACK="1", DISABLE_TELEMETRY="1", CI="1")
    return subprocess.run([str(SKILLS), "add", str(source), "-g", "-a", "claude-code", "-y"],
                          env=env, cwd=home, capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def bundle(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run([sys.executable, str(ROOT / "tools" / "build_bundle.py"), "--no-validate", "--out", str(out)],
                   check=True, capture_output=True, timeout=120)
    unpacked = tmp_path_factory.mktemp("release")
    with zipfile.ZipFile(out / f"{NAME}.zip") as z:
        z.extractall(unpacked)
    return unpacked / NAME


def test_skills_add_on_the_release_folder_installs_exactly_the_bundle(bundle, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    p = skills_add(bundle, home)
    assert p.returncode == 0, p.stdout + p.stderr
    installed = home / ".claude" / "skills" / NAME
    assert tree(installed) == tree(bundle)
    run = subprocess.run(["sh", str(installed / "scripts" / "find-blocking-calls.sh"), "--list-rules"],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 0 and "BLK100" in run.stdout, run.stderr


def test_skills_add_on_a_checkout_copies_the_whole_checkout(tmp_path):
    checkout = tmp_path / NAME
    subprocess.run(["git", "clone", "--quiet", str(ROOT), str(checkout)], check=True, timeout=120)
    home = tmp_path / "home"
    home.mkdir()
    p = skills_add(checkout, home)
    assert p.returncode == 0, p.stdout + p.stderr
    installed = home / ".claude" / "skills" / NAME
    for part in ("SKILL.md", "references", "scripts", "assets"):
        assert (installed / part).exists(), part  # what releases 1.5.13-1.5.15 dropped
    assert (installed / "tests").is_dir() and (installed / "tools").is_dir()  # README.md warns about this
    assert not (installed / ".git").exists()
