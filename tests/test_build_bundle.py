"""tools/build_bundle.py: reproducible zip, exact contents and modes, checksum
files, version from SKILL.md, validator run on the built bundle, clear errors."""
from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from installers import harness as h
from installers.harness import NAME, ROOT

TOOL = ROOT / "tools" / "build_bundle.py"
VENV_PY = ROOT / ".venv" / "bin" / "python"


def run_tool(*args, cwd=None):
    return subprocess.run([sys.executable, str(TOOL), *map(str, args)], capture_output=True, text=True,
                          cwd=cwd, timeout=120)


@pytest.fixture
def src(tmp_path):
    return h.make_source(tmp_path / "src", "1.2.3")


def expected_names():
    return [
        f"{NAME}/", f"{NAME}/LICENSE", f"{NAME}/SKILL.md", f"{NAME}/assets/",
        f"{NAME}/assets/project-template/", f"{NAME}/assets/project-template/pyproject.toml.j2",
        f"{NAME}/assets/template.py", f"{NAME}/references/", f"{NAME}/references/guide.md",
        f"{NAME}/scripts/", f"{NAME}/scripts/run.sh", f"{NAME}/scripts/tool.py",
    ]


def test_contents_modes_and_checksums(src, tmp_path):
    out = tmp_path / "dist"
    proc = run_tool("--root", src, "--out", out)
    assert proc.returncode == 0, proc.stderr
    z = out / f"{NAME}.zip"
    with zipfile.ZipFile(z) as zf:
        infos = zf.infolist()
        assert [i.filename for i in infos] == expected_names()
        for i in infos:
            assert i.date_time == (1980, 1, 1, 0, 0, 0)
            assert i.create_system == 3
            mode = i.external_attr >> 16
            if i.is_dir():
                assert mode == stat.S_IFDIR | 0o755
            elif "/scripts/" in i.filename:
                assert mode == stat.S_IFREG | 0o755
            else:
                assert mode == stat.S_IFREG | 0o644
        assert zf.read(f"{NAME}/SKILL.md") == (src / "SKILL.md").read_bytes()
    digest = h.sha256(z.read_bytes())
    assert (out / f"{NAME}.zip.sha256").read_text() == f"{digest}  {NAME}.zip\n"
    versioned = out / f"{NAME}-1.2.3.zip"
    assert versioned.read_bytes() == z.read_bytes()
    assert (out / f"{NAME}-1.2.3.zip.sha256").read_text() == f"{digest}  {NAME}-1.2.3.zip\n"
    check = subprocess.run(["sha256sum", "-c", "SHA256SUMS"], cwd=out, capture_output=True, text=True)
    assert check.returncode == 0, check.stdout + check.stderr
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [f"{NAME}.zip", f"{NAME}.zip.sha256", f"{NAME}-1.2.3.zip", f"{NAME}-1.2.3.zip.sha256", "SHA256SUMS"]
    )
    assert "1.2.3" in proc.stdout and digest in proc.stdout


def test_reproducible(src, tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    assert run_tool("--root", src, "--out", a).returncode == 0
    # touching files (new mtimes, other permissions) must not change the bytes
    for p in src.rglob("*"):
        if p.is_file():
            os.utime(p, (2_000_000_000, 2_000_000_000))
            os.chmod(p, 0o600)
    assert run_tool("--root", src, "--out", b).returncode == 0
    assert (a / f"{NAME}.zip").read_bytes() == (b / f"{NAME}.zip").read_bytes()
    assert (a / "SHA256SUMS").read_bytes() == (b / "SHA256SUMS").read_bytes()


def test_repository_bundle_builds(tmp_path):
    """The real repository: exactly the five shipped items, installers copied beside it."""
    out = tmp_path / "dist"
    proc = run_tool("--no-validate", "--out", out)
    assert proc.returncode == 0, proc.stderr
    with zipfile.ZipFile(out / f"{NAME}.zip") as zf:
        names = zf.namelist()
    tops = sorted({n.split("/")[1] for n in names if n.count("/") >= 1 and n.split("/")[1]})
    assert tops == sorted(["SKILL.md", "LICENSE", "references", "scripts", "assets"])
    assert all(n.startswith(NAME + "/") for n in names)
    assert not any("__pycache__" in n or n.endswith(".pyc") or "/." in n for n in names)
    assert (out / "install.sh").read_bytes() == (ROOT / "install.sh").read_bytes()
    assert os.access(out / "install.sh", os.X_OK)
    if (ROOT / "install.ps1").exists():
        assert (out / "install.ps1").read_bytes() == (ROOT / "install.ps1").read_bytes()
    proc2 = run_tool("--no-validate", "--out", tmp_path / "again")
    assert proc2.returncode == 0
    assert (out / f"{NAME}.zip").read_bytes() == (tmp_path / "again" / f"{NAME}.zip").read_bytes()


def test_validator_runs_on_built_bundle(src, tmp_path):
    """The real validator (dev venv) passes the fixture; a problem in the built
    bundle fails the build and writes nothing."""
    out = tmp_path / "dist"
    proc = run_tool("--root", src, "--out", out)
    assert proc.returncode == 0, proc.stderr
    # SKILL.md names a file the bundle does not ship: the validator must catch it in the zip's contents
    (src / "SKILL.md").write_text((src / "SKILL.md").read_text() + "\nAlso see [x](references/missing.md).\n")
    bad_out = tmp_path / "bad"
    proc = run_tool("--root", src, "--out", bad_out)
    assert proc.returncode == 1
    assert "validator on the built bundle" in proc.stderr and "missing.md" in proc.stderr
    assert not bad_out.exists() or not any(bad_out.glob("*.zip"))


def test_validator_sees_extracted_modes(src, tmp_path, monkeypatch):
    """A stub validator proves what it is given: the extracted bundle folder named like the skill."""
    stub = tmp_path / "stub.py"
    stub.write_text(
        "import sys, os, pathlib\n"
        "p = pathlib.Path(sys.argv[1])\n"
        f"assert p.name == {NAME!r}, p\n"
        "assert (p / 'SKILL.md').is_file() and os.access(p / 'scripts' / 'tool.py', os.X_OK)\n"
        "assert not (p / 'tests').exists()\n"
    )
    sys.path.insert(0, str(ROOT / "tools"))
    import build_bundle

    result = build_bundle.build(src, tmp_path / "dist", validate=True, validator=stub)
    assert result["version"] == "1.2.3"
    stub.write_text("import sys\nprint('SKILL.md: something is wrong')\nsys.exit(1)\n")
    with pytest.raises(build_bundle.BuildError, match="something is wrong"):
        build_bundle.build(src, tmp_path / "dist2", validate=True, validator=stub)


@pytest.mark.parametrize("breakage, message", [
    (lambda s: (s / "SKILL.md").unlink(), "SKILL.md: missing"),
    (lambda s: (s / "SKILL.md").write_text("# no frontmatter\n"), "no YAML frontmatter"),
    (lambda s: (s / "SKILL.md").write_text("---\nname: x\nmetadata:\n  version: 1.0.0\n---\n"), "exactly one line"),
    (lambda s: (s / "SKILL.md").write_text('---\nname: x\nmetadata:\n  version: "1.0"\n---\n'), "not of the form"),
    (lambda s: (s / "SKILL.md").write_text('---\nname: x\n  version: "1.0.0"\n---\n'), "metadata:"),
    (lambda s: (s / "SKILL.md").write_text('---\nmetadata:\n  version: "1.0.0"\n  version: "1.0.1"\n---\n'), "found 2"),
    (lambda s: shutil.rmtree(s / "assets"), "assets: missing"),
    (lambda s: (s / "references" / "link.md").symlink_to(s / "LICENSE"), "not a regular file"),
    (lambda s: (s / "references" / "my notes.md").write_text("x"), "characters the installers refuse"),
])
def test_errors_are_one_line_each(src, tmp_path, breakage, message):
    breakage(src)
    out = tmp_path / "dist"
    proc = run_tool("--root", src, "--out", out, "--no-validate")
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert message in proc.stderr
    assert all(line.startswith("build_bundle.py: ") for line in proc.stderr.splitlines())
    assert "Traceback" not in proc.stderr
    assert not out.exists() or not any(out.glob("*.zip"))


def test_usage_errors(tmp_path):
    proc = run_tool("--root", tmp_path / "nope")
    assert proc.returncode == 2 and "not a directory" in proc.stderr
    proc = run_tool("--bogus")
    assert proc.returncode == 2


def test_installer_url_must_match_release_url(src, tmp_path):
    shutil.copy(ROOT / "install.sh", src / "install.sh")
    assert run_tool("--root", src, "--out", tmp_path / "ok", "--no-validate").returncode == 0
    text = (src / "install.sh").read_text().replace("DEFAULT_BASE_URL='https://", "DEFAULT_BASE_URL='https://elsewhere.")
    (src / "install.sh").write_text(text)
    proc = run_tool("--root", src, "--out", tmp_path / "bad", "--no-validate")
    assert proc.returncode == 1 and "release_url.txt" in proc.stderr
