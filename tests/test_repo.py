"""Repository-wide promises: shipped Python is stdlib-only and 3.9-compatible,
and README.md, .ci/run and the test entry agree on the one test command."""
from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

from interpreters import find_interpreters

ROOT = Path(__file__).resolve().parent.parent
SHIPPED_DIRS = ("scripts", "assets")
TEST_COMMAND = "python3 tools/test.py"
PEP723_RE = re.compile(r"(?m)^# /// script\n((?:#.*\n)+?)# ///$")


def shipped_python() -> list[Path]:
    files = []
    for top in SHIPPED_DIRS:
        files += [p for p in sorted((ROOT / top).rglob("*.py")) if "__pycache__" not in p.parts]
    return files


def declared_dependencies(source: str) -> set[str]:
    """Top-level import names a PEP 723 block declares (jinja2>=3 -> jinja2)."""
    match = PEP723_RE.search(source)
    if not match:
        return set()
    deps = re.findall(r'"([A-Za-z0-9_.-]+)', match.group(1).split("dependencies", 1)[-1])
    return {d.lower().replace("-", "_") for d in deps}


def shipped_module_names() -> set[str]:
    """Names of the bundle's own modules and packages, importable by its scripts."""
    return {p.stem for top in SHIPPED_DIRS for p in (ROOT / top).rglob("*") if "__pycache__" not in p.parts}


def test_there_is_shipped_python():
    assert shipped_python(), "no Python files under scripts/ or assets/"


@pytest.mark.parametrize("path", shipped_python(), ids=lambda p: p.relative_to(ROOT).as_posix())
def test_shipped_python_imports_only_stdlib(path):
    source = path.read_text(encoding="utf-8")
    tree = ast.parse(source)
    allowed = set(sys.stdlib_module_names) | shipped_module_names() | declared_dependencies(source) | {"__future__"}
    third_party = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module]
        else:
            continue
        third_party |= {n.split(".")[0] for n in names} - allowed
    assert not third_party, f"{path.name} imports {sorted(third_party)} without declaring them (PEP 723)"


@pytest.mark.parametrize("version,python", find_interpreters(), ids=lambda v: f"py{v[0]}.{v[1]}" if isinstance(v, tuple) else "")
def test_shipped_python_compiles_on_each_interpreter(version, python, tmp_path):
    files = [str(p) for p in shipped_python()]
    code = ("import sys, py_compile\n"
            "bad = []\n"
            "for f in sys.argv[1:]:\n"
            "    try: py_compile.compile(f, cfile=sys.argv[0] + '.pyc', doraise=True)\n"
            "    except py_compile.PyCompileError as e: bad.append(str(e))\n"
            "print('\\n'.join(bad)); sys.exit(1 if bad else 0)\n")
    script = tmp_path / "compile_all.py"
    script.write_text(code)
    result = subprocess.run([python, str(script), *files], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_readme_ci_and_test_entry_agree():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert TEST_COMMAND in readme
    assert re.search(rf"^{re.escape(TEST_COMMAND)}$", ci, re.M), ".ci/run must call exactly the README test command"
    assert (ROOT / "tools" / "test.py").is_file()


def test_ci_treats_pytest_exit_5_as_failure():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert '"$rc" -eq 5' in ci and "exit 1" in ci


def test_no_machine_paths_in_tracked_files():
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    offenders = []
    for rel in tracked:
        path = ROOT / rel
        if not path.is_file() or rel.endswith((".zip", ".png")):
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        if re.search(r"/work/main|/root/\.pyenv|/work/shared", text) and rel != "tests/test_repo.py":
            offenders.append(rel)
    assert not offenders, f"local machine paths in {offenders}"
