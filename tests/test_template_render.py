"""scripts/new-async-project.py: renders assets/project-template/ into a project
whose own test suite passes in a fresh virtual environment, for both HTTP
layers, on every CPython 3.9+ present.

The fresh venvs are made without pip (fast) and filled by the dev venv's pip
through `pip --python`; downloads come from PyPI once and then from pip's cache.
"""
from __future__ import annotations

import importlib.util
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from interpreters import find_interpreters, interpreter_id

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "new-async-project.py"
ASSET = ROOT / "assets" / "async-project-template.py"
TEMPLATES = ROOT / "assets" / "project-template"
INTERPRETERS = find_interpreters()


def load_script():
    spec = importlib.util.spec_from_file_location("new_async_project", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def scaffold(*args, python=sys.executable, cwd=None):
    return subprocess.run([python, str(SCRIPT), *args], capture_output=True, text=True, timeout=120, cwd=cwd)


@pytest.mark.parametrize("http", ["stdlib", "aiohttp"])
def test_render_writes_the_project_with_the_asset_verbatim(tmp_path, http):
    out = scaffold("shop_api", "--dir", str(tmp_path / "p"), "--http", http)
    assert out.returncode == 0, out.stderr
    project = tmp_path / "p"
    files = sorted(str(p.relative_to(project)) for p in project.rglob("*") if p.is_file())
    expected = [".gitignore", "README.md", "pyproject.toml", "shop_api/__init__.py", "shop_api/__main__.py",
                "shop_api/service.py", "tests/conftest.py", "tests/test_service.py"]
    if http == "aiohttp":
        expected.insert(3, "shop_api/http_aiohttp.py")
    assert files == sorted(expected)
    # One source, no drift: the package's service module IS the asset.
    assert (project / "shop_api" / "service.py").read_bytes() == ASSET.read_bytes()
    pyproject = (project / "pyproject.toml").read_text()
    assert 'name = "shop-api"' in pyproject and 'shop-api = "shop_api.__main__:run"' in pyproject
    assert ('"aiohttp>=3.9"' in pyproject) == (http == "aiohttp")
    main = (project / "shop_api" / "__main__.py").read_text()
    assert ("http_factory=AiohttpHTTP" in main) == (http == "aiohttp")
    for path in project.rglob("*.py"):
        compile(path.read_text(), str(path), "exec")
    assert "{{" not in (project / "README.md").read_text()


def test_manifest_covers_every_template_and_names_ship_safely():
    manifest = {t for t, _, _ in load_script().MANIFEST}
    on_disk = {str(p.relative_to(TEMPLATES)) for p in TEMPLATES.rglob("*") if p.is_file()}
    assert manifest == on_disk
    for path in TEMPLATES.rglob("*"):
        assert not path.name.startswith(("_", ".")), path


def test_refuses_a_non_empty_folder_unless_forced(tmp_path):
    (tmp_path / "keep.txt").write_text("precious\n")
    out = scaffold("svc", "--dir", str(tmp_path))
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and "not empty" in out.stderr and "--force" in out.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["keep.txt"]
    out = scaffold("svc", "--dir", str(tmp_path), "--force")
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "keep.txt").read_text() == "precious\n"  # nothing lost
    assert (tmp_path / "svc" / "service.py").is_file()


def test_default_folder_is_the_package_name(tmp_path):
    out = scaffold("orders", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "orders" / "orders" / "service.py").is_file()


@pytest.mark.parametrize("name,needle", [
    ("My-Service", "not a Python package name"),
    ("2fast", "not a Python package name"),
    ("class", "keyword"),
    ("pytest", "a name the project needs"),
    ("aiohttp", "a name the project needs"),
    ("asyncio", "standard library"),
    ("json", "standard library"),
    # Stdlib on some of the versions the project supports (3.9+), not all:
    ("tomllib", "standard library"),  # added in 3.11
    ("distutils", "standard library"),  # removed in 3.12
    ("cgi", "standard library"),  # removed in 3.13
    ("compression", "standard library"),  # added in 3.14
])
@pytest.mark.parametrize("python", [p for _, p in INTERPRETERS], ids=[interpreter_id(v) for v, _ in INTERPRETERS])
def test_bad_names_are_one_line_and_exit_2(tmp_path, name, needle, python):
    # Names are checked before jinja2 is imported, so every interpreter can
    # run this, including 3.9 (no sys.stdlib_module_names).
    out = scaffold(name, "--dir", str(tmp_path / "x"), python=python)
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1 and needle in out.stderr, out.stderr
    assert not (tmp_path / "x").exists()


def test_missing_jinja2_is_one_line_with_the_fix_and_exit_2(tmp_path):
    # -S: no site-packages, so jinja2 is not importable.
    out = subprocess.run([sys.executable, "-S", str(SCRIPT), "svc", "--dir", str(tmp_path / "p")],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    assert out.stderr.count("\n") == 1, out.stderr
    assert "jinja2" in out.stderr and "uv run" in out.stderr and "pip install jinja2" in out.stderr
    assert not (tmp_path / "p").exists()


def test_help(tmp_path):
    out = scaffold("--help")
    assert out.returncode == 0
    assert "--http" in out.stdout and "--dir" in out.stdout and "--force" in out.stdout


def pip_install(python, *args):
    *opts, req = args
    subprocess.run([str(python), "-m", "pip", "--disable-pip-version-check", "-q", *opts, "install", req],
                   check=True, timeout=600, capture_output=True, text=True)


def _dev_pip_min_python():
    from importlib.metadata import metadata
    found = re.search(r">=\s*(\d+)\.(\d+)", metadata("pip")["Requires-Python"] or "")
    return (int(found[1]), int(found[2])) if found else (3, 9)


DEV_PIP_MIN_PYTHON = _dev_pip_min_python()


@pytest.mark.slow
@pytest.mark.parametrize("http", ["stdlib", "aiohttp"])
@pytest.mark.parametrize("version,python", INTERPRETERS, ids=[interpreter_id(v) for v, _ in INTERPRETERS])
def test_rendered_project_passes_its_own_tests_in_a_fresh_venv(tmp_path, version, python, http):
    project = tmp_path / "proj"
    out = scaffold("demo_service", "--dir", str(project), "--http", http)
    assert out.returncode == 0, out.stderr
    venv = tmp_path / "venv"
    # The dev venv's pip may be too new to install into an old Python (pip
    # 26 needs 3.10+): then the venv gets its own pip from ensurepip.
    own_pip = version < DEV_PIP_MIN_PYTHON
    subprocess.run([python, "-m", "venv", *([] if own_pip else ["--without-pip"]), str(venv)],
                   check=True, timeout=120)
    vpy = venv / ("Scripts/python.exe" if sys.platform == "win32" else "bin/python")
    try:
        if own_pip:
            pip_install(vpy, f"{project}[test]")
        else:
            pip_install(sys.executable, "--python", str(vpy), f"{project}[test]")
    except subprocess.CalledProcessError as exc:
        pytest.fail(f"pip install failed:\n{exc.stdout}\n{exc.stderr}")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("SERVICE_", "PYTEST_", "PYTHON"))}
    run = subprocess.run([str(vpy), "-m", "pytest", "-q", "-p", "no:cacheprovider"], cwd=project,
                         capture_output=True, text=True, timeout=300, env=env)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "9 passed" in run.stdout, run.stdout
    # Installed, not just importable from the checkout: the command exists.
    assert (venv / ("Scripts/demo-service.exe" if sys.platform == "win32" else "bin/demo-service")).exists()
