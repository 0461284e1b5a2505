"""install.sh end to end: piped on stdin into every POSIX shell present, against
a loopback HTTPS release server with a throwaway CA, each case with its own
HOME and TMPDIR. Every refusal must leave the previous install byte-identical,
print a clear reason, and leave no staging or temporary leftovers."""
from __future__ import annotations

import os
import pwd
import shutil
import stat
import subprocess
import tempfile
from pathlib import Path

import pytest

from installers import harness as h
from installers.harness import NAME

SHELLS = h.shells()
assert SHELLS, "no POSIX shell found"


@pytest.fixture(scope="module")
def release(tmp_path_factory):
    rel = h.Release(tmp_path_factory.mktemp("release"))
    yield rel
    rel.close()


@pytest.fixture(params=[argv for _, argv in SHELLS], ids=[name for name, _ in SHELLS])
def shell(request):
    return request.param


@pytest.fixture(scope="module")
def installed_tree(release, tmp_path_factory):
    """A home holding a clean install of 1.0.0 (made once, copied into each case)."""
    env = h.Env(tmp_path_factory.mktemp("template"), release.ca)
    proc = h.run_sh([shutil.which("sh"), "-s", "--"], env.environ(), ["--base-url", release.url(), "--version", "1.0.0"])
    assert proc.returncode == 0, h.out(proc)
    return env.home / ".claude"


@pytest.fixture
def env(release, tmp_path):
    return h.Env(tmp_path, release.ca)


@pytest.fixture
def preinstalled(env, installed_tree):
    shutil.copytree(installed_tree, env.home / ".claude", symlinks=True)
    return env


def installed_version(env_or_target) -> str:
    target = env_or_target.target if isinstance(env_or_target, h.Env) else env_or_target
    for line in (target / "SKILL.md").read_text().splitlines():
        if line.startswith("  version: "):
            return line.split('"')[1]
    raise AssertionError("no version line")


def assert_no_leftovers(env: h.Env, skills: Path | None = None) -> None:
    skills = skills or env.skills
    if skills.exists():
        names = sorted(p.name for p in skills.iterdir())
        assert all(not n.startswith(".") for n in names), names
    assert list(env.tmp.iterdir()) == [], list(env.tmp.iterdir())


def assert_clean_install(env: h.Env, version: str, skills: Path | None = None) -> None:
    target = (skills or env.skills) / NAME
    assert installed_version(target) == version
    for p in [target, *target.rglob("*")]:
        mode = stat.S_IMODE(p.lstat().st_mode)
        assert not p.is_symlink()
        if p.is_dir():
            assert mode == 0o755, p
        elif p.parent.name == "scripts":
            assert mode == 0o755, p
        else:
            assert mode == 0o644, p
    assert sorted(p.name for p in target.iterdir()) == sorted(
        ["SKILL.md", "LICENSE", "references", "scripts", "assets", "install-manifest.txt"]
    )
    manifest = (target / "install-manifest.txt").read_text()
    assert f"name: {NAME}\n" in manifest and f"version: {version}\n" in manifest
    assert "  SKILL.md\n" in manifest and "  scripts/tool.py\n" in manifest
    assert "__pycache__" not in manifest and ".DS_Store" not in manifest


def refused(env: h.Env, proc, reason: str, before: dict, code: int | None = None) -> None:
    text = h.out(proc)
    assert proc.returncode != 0, text
    if code is not None:
        assert proc.returncode == code, text
    assert reason in text, text
    assert "Traceback" not in text
    assert h.snapshot(env.home) == before, "previous install changed:\n" + text
    assert_no_leftovers(env)


# ---------------------------------------------------------------- happy paths


def test_fresh_install_latest(shell, env, release):
    proc = h.run_sh(shell, env.environ(), ["--base-url", release.url()])
    text = h.out(proc)
    assert proc.returncode == 0, text
    assert_clean_install(env, "1.1.0")
    assert_no_leftovers(env)
    assert str(env.target) in text and "/skills" in text and "restart Claude Code" in text
    assert (env.target / "install-manifest.txt").read_text().count("archive-sha256: ") == 1
    assert not (env.home / ".claude" / "skill-backups").exists()
    # nothing but the skills folder: no rc files, no PATH edits, no caches
    assert sorted(p.relative_to(env.home).as_posix() for p in env.home.glob("**/*") if NAME not in p.as_posix()) == [
        ".claude", ".claude/skills"]


def test_reinstall_is_identical(shell, preinstalled, release):
    env = preinstalled
    before = h.snapshot(env.home)
    proc = h.run_sh(shell, env.environ(), ["--base-url", release.url(), "--version", "1.0.0"])
    assert proc.returncode == 0, h.out(proc)
    assert h.snapshot(env.home) == before
    assert_no_leftovers(env)


def test_upgrade_and_downgrade(shell, preinstalled, release):
    env = preinstalled
    proc = h.run_sh(shell, env.environ(PCP_INSTALL_BASE_URL=release.url()), [])
    assert proc.returncode == 0, h.out(proc)
    assert "Replaced" in h.out(proc) and "1.0.0 with 1.1.0" in h.out(proc)
    assert_clean_install(env, "1.1.0")
    proc = h.run_sh(shell, env.environ(PCP_INSTALL_BASE_URL=release.url(), PCP_INSTALL_VERSION="1.0.0"), [])
    assert proc.returncode == 0, h.out(proc)
    assert_clean_install(env, "1.0.0")
    proc = h.run_sh(shell, env.environ(), ["--base-url=" + release.url(), "--version=v1.1.0"])
    assert proc.returncode == 0, h.out(proc)
    assert_clean_install(env, "1.1.0")
    assert_no_leftovers(env)
    assert not (env.home / ".claude" / "skill-backups").exists()


def test_claude_config_dir(shell, env, release):
    cfg = env.base / "cfg"
    proc = h.run_sh(shell, env.environ(CLAUDE_CONFIG_DIR=str(cfg)), ["--base-url", release.url()])
    assert proc.returncode == 0, h.out(proc)
    assert_clean_install(env, "1.1.0", skills=cfg / "skills")
    assert not (env.home / ".claude").exists()


def test_dir_option_relative(shell, env, release):
    proc = h.run_sh(shell, env.environ(), ["--base-url", release.url(), "--dir", "my skills/x"], cwd=env.base)
    assert proc.returncode == 0, h.out(proc)
    assert_clean_install(env, "1.1.0", skills=env.base / "my skills" / "x")


def test_home_unset(shell, env, release):
    probe = subprocess.run([shell[0], "-c", 'printf %s "${HOME-}"'], env=env.environ(HOME=None),
                           capture_output=True, timeout=30)
    if probe.stdout:
        # zsh fills HOME in from the password database when it is unset: for
        # the script HOME is then set, and running it would install into the
        # real home of the test user. Only the CLAUDE_CONFIG_DIR half applies.
        assert probe.stdout.decode() == pwd.getpwuid(os.getuid()).pw_dir
    else:
        _home_unset_refused(shell, env, release)
    cfg = env.base / "cfg"
    proc = h.run_sh(shell, env.environ(HOME=None, CLAUDE_CONFIG_DIR=str(cfg)), ["--base-url", release.url()], cwd=env.base)
    assert proc.returncode == 0, h.out(proc)
    assert_clean_install(env, "1.1.0", skills=cfg / "skills")


def _home_unset_refused(shell, env, release):
    proc = h.run_sh(shell, env.environ(HOME=None), ["--base-url", release.url()], cwd=env.base)
    text = h.out(proc)
    assert proc.returncode == 2, text
    assert "HOME is not set" in text and "--dir" in text
    assert not (env.base / ".claude").exists()


def test_offline_archive(shell, env, release):
    z = release.zip_path("1.0.0")
    proc = h.run_sh(shell, env.environ(), ["--archive", str(z)])
    assert proc.returncode == 0, h.out(proc)
    assert_clean_install(env, "1.0.0")
    # --sha256 instead of the .sha256 file; the archive has another name and no sidecar
    lone = env.base / "copy.zip"
    lone.write_bytes(release.zip_bytes("1.1.0"))
    digest = h.sha256(lone.read_bytes())
    proc = h.run_sh(shell, env.environ(PCP_INSTALL_ARCHIVE=str(lone), PCP_INSTALL_SHA256=digest.upper()), [])
    assert proc.returncode == 0, h.out(proc)
    assert_clean_install(env, "1.1.0")
    assert_no_leftovers(env)


def test_offline_archive_needs_checksum(shell, preinstalled):
    env = preinstalled
    lone = env.base / "copy.zip"
    lone.write_bytes(b"PK\x05\x06" + b"\0" * 18)
    before = h.snapshot(env.home)
    proc = h.run_sh(shell, env.environ(), ["--archive", str(lone)])
    refused(env, proc, "no checksum for", before)
    assert "nothing was changed" in h.out(proc)


def test_edited_install_is_backed_up(shell, preinstalled, release):
    env = preinstalled
    guide = env.target / "references" / "guide.md"
    guide.write_text("my notes\n")
    (env.target / "mine.txt").write_text("keep me\n")
    proc = h.run_sh(shell, env.environ(), ["--base-url", release.url(), "--version", "1.0.0"])
    text = h.out(proc)
    assert proc.returncode == 0, text
    assert_clean_install(env, "1.0.0")
    backups = list((env.home / ".claude" / "skill-backups").iterdir())
    assert len(backups) == 1 and backups[0].name.startswith(NAME + "-"), backups
    assert (backups[0] / "references" / "guide.md").read_text() == "my notes\n"
    assert (backups[0] / "mine.txt").read_text() == "keep me\n"
    assert str(backups[0]) in text
    assert_no_leftovers(env)


def test_unmarked_install_is_backed_up(shell, env, release):
    env.target.mkdir(parents=True)
    (env.target / "SKILL.md").write_text("hand-placed\n")
    proc = h.run_sh(shell, env.environ(), ["--base-url", release.url()])
    assert proc.returncode == 0, h.out(proc)
    assert_clean_install(env, "1.1.0")
    (backup,) = (env.home / ".claude" / "skill-backups").iterdir()
    assert (backup / "SKILL.md").read_text() == "hand-placed\n"


def test_symlinked_target_needs_force(shell, env, release):
    checkout = env.base / "checkout"
    checkout.mkdir()
    (checkout / "SKILL.md").write_text("live checkout\n")
    env.skills.mkdir(parents=True)
    env.target.symlink_to(checkout)
    before = h.snapshot(env.home)
    proc = h.run_sh(shell, env.environ(), ["--base-url", release.url()])
    refused(env, proc, "symlink", before)
    assert "--force" in h.out(proc)
    proc = h.run_sh(shell, env.environ(PCP_INSTALL_FORCE="1"), ["--base-url", release.url()])
    assert proc.returncode == 0, h.out(proc)
    assert_clean_install(env, "1.1.0")
    assert (checkout / "SKILL.md").read_text() == "live checkout\n"
    assert sorted(p.name for p in checkout.iterdir()) == ["SKILL.md"]


def test_uninstall(shell, preinstalled):
    env = preinstalled
    sibling = env.skills / "other-skill"
    sibling.mkdir()
    (sibling / "SKILL.md").write_text("---\nname: other-skill\n---\n")
    (sibling / "install-manifest.txt").write_text("name: other-skill\n")
    sib_before = h.snapshot(sibling)
    proc = h.run_sh(shell, env.environ(), ["--uninstall"])
    assert proc.returncode == 0, h.out(proc)
    assert "Removed" in h.out(proc)
    assert not env.target.exists()
    assert h.snapshot(sibling) == sib_before
    assert_no_leftovers(env)
    assert not (env.home / ".claude" / "skill-backups").exists()
    proc = h.run_sh(shell, env.environ(PCP_INSTALL_UNINSTALL="yes"), [])
    assert proc.returncode == 0, h.out(proc)
    assert "nothing to do" in h.out(proc)
    # a folder without our manifest (hand-placed, or someone else's) is refused
    env.target.mkdir()
    (env.target / "SKILL.md").write_text("hand-placed\n")
    before = h.snapshot(env.home)
    proc = h.run_sh(shell, env.environ(), ["--uninstall"])
    refused(env, proc, "no install manifest", before)


def test_uninstall_keeps_edits(shell, preinstalled):
    env = preinstalled
    (env.target / "references" / "guide.md").write_text("my notes\n")
    proc = h.run_sh(shell, env.environ(), ["--uninstall"])
    assert proc.returncode == 0, h.out(proc)
    assert not env.target.exists()
    (backup,) = (env.home / ".claude" / "skill-backups").iterdir()
    assert (backup / "references" / "guide.md").read_text() == "my notes\n"


def test_quiet_prints_nothing(shell, env, release):
    proc = h.run_sh(shell, env.environ(), ["--quiet", "--base-url", release.url()])
    assert proc.returncode == 0
    assert proc.stdout == b"" and proc.stderr == b""
    assert_clean_install(env, "1.1.0")


def test_help_and_usage_errors(shell, env):
    proc = h.run_sh(shell, env.environ(), ["--help"])
    assert proc.returncode == 0
    text = proc.stdout.decode()
    for opt in ("--version", "--dir", "--base-url", "--archive", "--sha256", "--force",
                "--quiet", "--verbose", "--uninstall", "--help"):
        assert opt in text
    for bad, reason in [
        (["--frobnicate"], "unknown option"),
        (["--version"], "needs a value"),
        (["--version", "1.0;rm"], "--version"),
        (["--sha256", "abc"], "64 hexadecimal"),
        (["--quiet", "--verbose"], "exclude"),
        (["positional"], "unknown option"),
    ]:
        proc = h.run_sh(shell, env.environ(), bad)
        assert proc.returncode == 2, (bad, h.out(proc))
        assert reason in h.out(proc) and "--help" in h.out(proc), h.out(proc)
    proc = h.run_sh(shell, env.environ(PCP_INSTALL_FORCE="maybe"), [])
    assert proc.returncode == 2 and "PCP_INSTALL_FORCE" in h.out(proc)
    assert not (env.home / ".claude").exists()


# ---------------------------------------------------------------- tool fallbacks


def assert_installs_picking(shell, env, release, bindir: Path, picked: str) -> None:
    """With only `bindir` on PATH the install succeeds, says (--verbose) which
    fallback tool it picked, and leaves a clean install."""
    env.path = str(bindir)
    proc = h.run_sh(shell, env.environ(), ["--verbose", "--base-url", release.url()])
    assert proc.returncode == 0, h.out(proc)
    assert picked in h.out(proc)
    assert_clean_install(env, "1.1.0")


def test_wget_when_no_curl(shell, env, release):
    assert_installs_picking(shell, env, release, h.make_bin(env.base / "nocurl", omit={"curl"}),
                            "download tool: wget")


@pytest.mark.parametrize("tool, omit", [
    ("bsdtar", {"unzip"}),
    ("python3", {"unzip", "bsdtar"}),
])
def test_extractor_fallbacks(shell, env, release, tool, omit):
    if shutil.which(tool) is None:
        pytest.fail(f"{tool} is needed for this test (see .ci/apt-packages.txt)")
    assert_installs_picking(shell, env, release, h.make_bin(env.base / "b", omit=omit), f"zip tool: {tool}")


def test_busybox_unzip_is_not_trusted(shell, env, release):
    """BusyBox unzip (Alpine) cannot list raw names and modes: the installer passes it over."""
    busybox = shutil.which("busybox")
    if busybox is None:
        pytest.fail("busybox is needed for this test (see .ci/apt-packages.txt)")
    bindir = h.make_bin(env.base / "b", omit={"unzip", "bsdtar"})
    (bindir / "unzip").symlink_to(busybox)
    assert_installs_picking(shell, env, release, bindir, "zip tool: python3")


def fail_swap_with(env, action: str) -> None:
    """Put an `mv` first on PATH that runs the sh `action` instead of moving the
    staged copy into place (the worst moment: the previous install is aside)."""
    bindir = h.make_bin(env.base / "b", omit={"mv"})
    real_mv = shutil.which("mv")
    (bindir / "mv").write_text(
        "#!/bin/sh\n"
        f'case "$1" in *.stage.*/python-concurrency-performance) {action} ;; esac\n'
        f'exec {real_mv} "$@"\n'
    )
    (bindir / "mv").chmod(0o755)
    env.path = str(bindir)


def test_interrupted_swap_restores_previous(shell, preinstalled, release):
    """SIGTERM arrives while the previous install is aside: the trap puts it back."""
    env = preinstalled
    fail_swap_with(env, 'kill -TERM "$PPID"; exit 1')
    before = h.snapshot(env.home)
    proc = h.run_sh(shell, env.environ(), ["--base-url", release.url()])
    text = h.out(proc)
    assert proc.returncode != 0, text
    assert "interrupted" in text or "restored" in text, text
    assert h.snapshot(env.home) == before, text
    assert_no_leftovers(env)


@pytest.mark.parametrize("tool, omit", [
    ("shasum", {"sha256sum"}),
    ("openssl", {"sha256sum", "shasum"}),
])
def test_checksum_tool_fallbacks(shell, env, release, tool, omit):
    assert_installs_picking(shell, env, release, h.make_bin(env.base / "b", omit=omit), f"checksum tool: {tool}")


# ---------------------------------------------------------------- refusals


def test_no_extractor(shell, preinstalled, release):
    env = preinstalled
    env.path = str(h.make_bin(env.base / "b", omit=set(h.ZIP_TOOLS)))
    before = h.snapshot(env.home)
    proc = h.run_sh(shell, env.environ(), ["--base-url", release.url()])
    refused(env, proc, "apt-get install unzip", before)


def test_no_checksum_tool(shell, preinstalled, release):
    env = preinstalled
    env.path = str(h.make_bin(env.base / "b", omit=set(h.HASH_TOOLS)))
    before = h.snapshot(env.home)
    proc = h.run_sh(shell, env.environ(), ["--base-url", release.url()])
    refused(env, proc, "no SHA-256 tool", before)
    assert "nothing was changed" in h.out(proc)


def test_no_download_tool(shell, preinstalled, release):
    env = preinstalled
    env.path = str(h.make_bin(env.base / "b", omit=set(h.NET_TOOLS)))
    before = h.snapshot(env.home)
    proc = h.run_sh(shell, env.environ(), ["--base-url", release.url()])
    refused(env, proc, "neither curl nor wget", before)


@pytest.mark.parametrize("prefix, reason", [
    ("tampered", "checksum mismatch"),
    ("nosum", "download failed"),
    ("badsum", "malformed checksum"),
    ("shortsum", "malformed checksum"),
    ("html", "malformed checksum"),
    ("htmlzip", "checksum mismatch"),
    ("missing", "download failed"),
])
def test_bad_download_refused(shell, preinstalled, release, prefix, reason):
    env = preinstalled
    before = h.snapshot(env.home)
    proc = h.run_sh(shell, env.environ(), ["--base-url", release.url(prefix)])
    refused(env, proc, reason, before, code=1)
    assert "nothing was changed" in h.out(proc)


def test_bad_download_refused_with_wget(shell, preinstalled, release):
    env = preinstalled
    env.path = str(h.make_bin(env.base / "nocurl", omit={"curl"}))
    before = h.snapshot(env.home)
    proc = h.run_sh(shell, env.environ(), ["--base-url", release.url("tampered")])
    refused(env, proc, "checksum mismatch", before, code=1)
    proc = h.run_sh(shell, env.environ(), ["--base-url", release.url("missing")])
    refused(env, proc, "download failed", before, code=1)


def test_unknown_version_refused(shell, preinstalled, release):
    env = preinstalled
    before = h.snapshot(env.home)
    proc = h.run_sh(shell, env.environ(), ["--base-url", release.url(), "--version", "9.9.9"])
    refused(env, proc, "download failed", before, code=1)


def test_untrusted_certificate_refused(shell, preinstalled, release):
    env = preinstalled
    before = h.snapshot(env.home)
    proc = h.run_sh(shell, env.environ(CURL_CA_BUNDLE=None), ["--base-url", release.url()])
    refused(env, proc, "download failed", before, code=1)


def test_plain_http_refused(shell, preinstalled, release):
    env = preinstalled
    before = h.snapshot(env.home)
    url = release.url().replace("https://", "http://")
    proc = h.run_sh(shell, env.environ(), ["--base-url", url])
    refused(env, proc, "only https://", before, code=2)
    proc = h.run_sh(shell, env.environ(PCP_INSTALL_BASE_URL="ftp://127.0.0.1/x"), [])
    refused(env, proc, "only https://", before, code=2)


@pytest.mark.parametrize("case", sorted(h.HOSTILE))
def test_hostile_zip_refused(shell, preinstalled, release, case):
    env = preinstalled
    before = h.snapshot(env.home)
    outside = {p: p.exists() for p in (Path("/tmp/escaped-absolute.txt"), env.home / ".claude" / "escaped.txt",
                                       env.skills / "escaped.txt", env.skills / "other-skill")}
    proc = h.run_sh(shell, env.environ(), ["--base-url", release.url(f"hostile/{case}")])
    refused(env, proc, h.HOSTILE[case][1], before, code=1)
    assert {p: p.exists() for p in outside} == outside


@pytest.mark.parametrize("case", ["dotdot", "symlink", "foreign-top"])
def test_hostile_archive_refused_offline(shell, preinstalled, release, case):
    env = preinstalled
    before = h.snapshot(env.home)
    proc = h.run_sh(shell, env.environ(), ["--archive", str(release.hostile_zips[case])])
    refused(env, proc, h.HOSTILE[case][1], before, code=1)


def test_wrong_version_in_archive_refused(shell, preinstalled, release):
    env = preinstalled
    before = h.snapshot(env.home)
    proc = h.run_sh(shell, env.environ(), ["--archive", str(release.zip_path("1.1.0")), "--version", "1.0.0"])
    refused(env, proc, "archive holds 1.1.0", before, code=1)


def test_truncated_script_does_nothing(shell, env, release):
    lines = h.INSTALL_SH.read_bytes().splitlines(keepends=True)
    cuts = list(range(1, len(lines) - 1, 37)) + [len(lines) - 2, len(lines) - 1]
    e = env.environ(PCP_INSTALL_BASE_URL=release.url("missing"))
    for n in cuts:
        script = b"".join(lines[:n])
        for partial in (script, script + lines[n][: len(lines[n]) // 2]):
            proc = h.run_sh(shell, e, [], script=partial)
            assert not (env.home / ".claude").exists(), (n, h.out(proc))
            assert list(env.tmp.iterdir()) == [], n


def test_read_only_skills_dir(shell, release):
    """The skills folder cannot be written: refused, previous install intact.
    As root, permissions do not bind, so the case runs as the `nobody` user."""
    base = Path(tempfile.mkdtemp(prefix="pcp-ro-"))
    try:
        os.chmod(base, 0o755)
        env = h.Env(base, release.ca)
        z = base / "bundle.zip"
        shutil.copy(release.zip_path("1.0.0"), z)
        shutil.copy(release.zip_path("1.0.0").with_name(release.zip_path("1.0.0").name + ".sha256"), base / "bundle.zip.sha256")
        proc = h.run_sh(shell, env.environ(), ["--archive", str(z)])
        assert proc.returncode == 0, h.out(proc)
        z2 = base / "new.zip"
        shutil.copy(release.zip_path("1.1.0"), z2)
        prefix = []
        if os.geteuid() == 0:
            setpriv = shutil.which("setpriv")
            assert setpriv, "setpriv (util-linux) is needed to drop root for this test"
            for dirpath, dirnames, filenames in os.walk(base):
                for n in [dirpath, *(os.path.join(dirpath, f) for f in dirnames + filenames)]:
                    os.lchown(n, 65534, 65534)
            prefix = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
        os.chmod(env.skills, 0o555)
        before = h.snapshot(env.home)
        argv = shell
        if argv[-1] == "/dev/stdin":  # posh: the pipe belongs to root, give nobody a file
            script = base / "install.sh"
            shutil.copy(h.INSTALL_SH, script)
            os.chmod(script, 0o644)
            argv = argv[:-1] + [str(script)]
        proc = h.run_sh(argv, env.environ(), ["--archive", str(z2), "--sha256", h.sha256(z2.read_bytes())],
                        prefix=prefix, cwd=base)
        refused(env, proc, "cannot write into", before, code=1)
        assert "nothing was changed" in h.out(proc)
    finally:
        subprocess.run(["chmod", "-R", "u+w", str(base)], check=False)
        shutil.rmtree(base, ignore_errors=True)


def test_stdin_is_never_read(shell, env, release):
    """Under `curl | sh` stdin is the script: the installer must not consume it.
    Trailing text after the last line must not be executed or read as input."""
    script = h.INSTALL_SH.read_bytes() + b"\n# tail\n"
    proc = h.run_sh(shell, env.environ(), ["--base-url", release.url()], script=script)
    assert proc.returncode == 0, h.out(proc)
    assert_clean_install(env, "1.1.0")


def test_https_redirect_followed_http_redirect_refused(shell, preinstalled, release):
    env = preinstalled
    proc = h.run_sh(shell, env.environ(), ["--base-url", release.url("moved"), "--version", "latest"])
    assert proc.returncode == 0, h.out(proc)
    assert_clean_install(env, "1.1.0")
    before = h.snapshot(env.home)
    # wget retries a refused redirect with back-off (about 3 s): check it under the first shell only
    for omit in (set(), {"curl"}) if shell == SHELLS[0][1] else (set(),):
        env.path = str(h.make_bin(env.base / ("b" + "".join(sorted(omit))), omit=omit))
        proc = h.run_sh(shell, env.environ(), ["--base-url", release.url("redirect")])
        refused(env, proc, "download failed", before, code=1)


def test_failed_swap_restores_previous(shell, preinstalled, release):
    """The new copy cannot be moved into place (simulated at the worst moment:
    the previous install is already aside): the previous one is put back."""
    env = preinstalled
    fail_swap_with(env, 'echo "mv: simulated failure" >&2; exit 1')
    before = h.snapshot(env.home)
    proc = h.run_sh(shell, env.environ(), ["--base-url", release.url()])
    refused(env, proc, "simulated failure", before, code=1)
    assert "previous install was restored" in h.out(proc)


def test_retry_after_server_error(env, release):
    """curl --retry: a 503 on the first request is retried (one shell: the retry waits a second)."""
    path = f"/rel/download/v1.0.0/{NAME}.zip"
    release.routes.flaky[path] = 1
    try:
        proc = h.run_sh([shutil.which("sh"), "-s", "--"], env.environ(),
                        ["--base-url", release.url(), "--version", "1.0.0"])
        assert proc.returncode == 0, h.out(proc)
        assert release.routes.flaky[path] == 0
    finally:
        release.routes.flaky.pop(path, None)
    assert_clean_install(env, "1.0.0")


def test_repository_bundle_installs(env, tmp_path):
    """The real repository bundle (built here without validation) installs and
    uninstalls: the installer's entry rules accept every shipped file."""
    import build_bundle

    result = build_bundle.build(h.ROOT, tmp_path / "dist", validate=False)
    proc = h.run_sh([shutil.which("sh"), "-s", "--"], env.environ(), ["--archive", str(result["zip"])])
    assert proc.returncode == 0, h.out(proc)
    assert installed_version(env) == result["version"]
    shipped = sorted(p.relative_to(env.target).as_posix() for p in env.target.rglob("*") if p.is_file())
    import zipfile

    with zipfile.ZipFile(result["zip"]) as zf:
        in_zip = sorted(n.split("/", 1)[1] for n in zf.namelist() if not n.endswith("/"))
    assert shipped == sorted(in_zip + ["install-manifest.txt"])
    proc = h.run_sh([shutil.which("sh"), "-s", "--"], env.environ(), ["--uninstall"])
    assert proc.returncode == 0 and not env.target.exists()
