"""Negative controls: deliberately broken copies of install.sh must make the
end-to-end suite fail. If one of these passes, the suite does not test what it
claims. Each broken copy runs the relevant part of tests/test_install_sh.py in
a child pytest (one shell, dash or sh) with PCP_TEST_INSTALL_SH pointing at it."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys

import pytest

from installers.harness import INSTALL_SH, ROOT

SHELL_ID = "dash" if shutil.which("dash") else "sh"

BREAKAGES = {
    # no checksum comparison: the mismatch branch can never run
    "no-checksum-compare": (
        [('if [ "$ACTUAL" != "$EXPECTED" ]; then', "if false; then")],
        "test_bad_download_refused and (tampered or htmlzip)",
    ),
    # no entry checks: the listing is never inspected
    "no-entry-check": (
        [("check_entries() {\n", "check_entries() {\n    return 0\n")],
        "test_hostile_zip_refused",
    ),
    # no symlink refusal before extraction
    "no-symlink-check": (
        [("if grep '^l' \"$WORK/long\" >/dev/null; then", "if false; then")],
        "test_hostile_zip_refused and symlink",
    ),
    # installs straight over the target instead of staging and swapping
    "no-staging": (
        [("    swap_in\n    retire_old\n", '    rm -rf "$TARGET"; mv "$STAGE/$NAME" "$TARGET"\n')],
        "test_edited_install_is_backed_up or test_reinstall_is_identical",
    ),
    # fail open, as some installers do: an unusable checksum file means "nothing to verify"
    "fail-open-checksum": (
        [('    [ -s "$1" ] || die "checksum file is empty or missing: $2"\n',
          '    EXPECTED=\'\'\n    return 0\n'),
         ('    ACTUAL=$(hash_file', '    [ -n "$EXPECTED" ] || return 0\n    ACTUAL=$(hash_file')],
        "test_bad_download_refused and (badsum or html)",
    ),
}


@pytest.mark.parametrize("breakage", sorted(BREAKAGES))
def test_broken_installer_fails_the_suite(breakage, tmp_path):
    edits, selection = BREAKAGES[breakage]
    text = INSTALL_SH.read_text()
    for old, new in edits:
        assert text.count(old) == 1, f"negative control {breakage}: anchor {old!r} not found once in install.sh"
        text = text.replace(old, new)
    broken = tmp_path / "install.sh"
    broken.write_text(text)
    env = dict(os.environ, PCP_TEST_INSTALL_SH=str(broken))
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", str(ROOT / "tests" / "test_install_sh.py"), "-q", "-n0",
         "-p", "no:cacheprovider", "-k", f"({selection}) and {SHELL_ID}", "--basetemp", str(tmp_path / "t")],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
    )
    summary = proc.stdout.strip().splitlines()[-1] if proc.stdout.strip() else proc.stderr
    assert re.search(r"\b\d+ failed\b", summary), (
        f"negative control {breakage}: the suite did not fail on a broken installer\n{proc.stdout[-3000:]}"
    )
    assert proc.returncode == 1, proc.stdout[-3000:] + proc.stderr[-2000:]
