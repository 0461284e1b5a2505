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
project-only). Needs network access to PyPI, and to GitHub for the packages
pinned to a commit (`name @ git+https://github.com/OWNER/REPO@COMMIT`), unless
`--mirrors DIR` holds clones of those repositories (`OWNER+REPO/repo`, as the
`fetch` tool leaves them, or `OWNER+REPO.git`): then they are installed from
a `git archive` of that commit.
"""
from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SPECS = HERE / "venvs"
GITHUB_PIN = re.compile(r"^(?P<name>[\w.-]+) @ git\+https://github\.com/(?P<owner>[\w.-]+)/(?P<repo>[\w.-]+?)(?:\.git)?"
                        r"@(?P<commit>[0-9a-f]{7,40})(?:#subdirectory=(?P<sub>\S+))?$")


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


def mirror_of(mirrors: Path, owner: str, repo: str):
    """The clone of github.com/owner/repo in `mirrors`, or None."""
    for cand in (f"{owner}+{repo}/repo", f"{owner}+{repo}.git", f"{owner}+{repo}"):
        if (mirrors / cand).is_dir():
            return mirrors / cand
    return None


def from_mirrors(lines: list, mirrors: Path, work: Path) -> list:
    """The spec's lines with each GitHub-pinned package that `mirrors` holds
    replaced by a local folder: that commit (its subdirectory) exported."""
    out = []
    for i, line in enumerate(lines):
        m = GITHUB_PIN.match(line.strip())
        clone = mirror_of(mirrors, m["owner"], m["repo"]) if m else None
        if clone is None:
            out.append(line)
            continue
        into = work / f"pin{i}"
        into.mkdir()
        paths = [m["sub"]] if m["sub"] else []
        archive = subprocess.run(["git", "-C", str(clone), "archive", m["commit"], *paths],
                                 capture_output=True, check=True).stdout
        subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
        out.append(str(into / m["sub"]) if m["sub"] else str(into))
    return out


def build(spec: Path, dest: Path, mirrors=None) -> str:
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
    with tempfile.TemporaryDirectory() as work:
        requirements = spec
        if mirrors is not None:
            requirements = Path(work) / "requirements.txt"
            requirements.write_text("\n".join(from_mirrors(lines, mirrors, Path(work))) + "\n", encoding="utf-8")
        p = subprocess.run([str(dest / "bin" / "python"), "-m", "pip", "install", "--quiet", "--no-input",
                            "--disable-pip-version-check", "--no-deps", "-r", str(requirements)],
                           capture_output=True, text=True, check=False)
    return "ok (Python %s)" % minor if p.returncode == 0 else "pip failed: " + p.stderr.strip()[-300:]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dest", type=Path, help="folder for the environments (one per project)")
    ap.add_argument("--project", action="append", default=[], help="only this project (repeatable)")
    ap.add_argument("--mirrors", type=Path, metavar="DIR",
                    help="clones of the GitHub repositories some packages are pinned to (OWNER+REPO/repo or "
                         "OWNER+REPO.git): install those from here instead of cloning from GitHub")
    a = ap.parse_args(argv)
    if a.mirrors is not None and not a.mirrors.is_dir():
        print(f"make_venvs.py: --mirrors {a.mirrors}: no such directory", file=sys.stderr)
        return 2
    specs = sorted(SPECS.glob("*.txt"))
    if a.project:
        specs = [s for s in specs if s.stem in a.project]
        missing = set(a.project) - {s.stem for s in specs}
        if missing:
            print("make_venvs.py: no spec for %s" % ", ".join(sorted(missing)), file=sys.stderr)
            return 2
    failed = 0
    for spec in specs:
        result = build(spec, a.dest / spec.stem, a.mirrors)
        failed += not result.startswith("ok")
        print("%-28s %s" % (spec.stem, result))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
