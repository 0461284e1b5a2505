"""The leak-check conftest snippet of references/leak-detection.md works for real.

The block that starts with `# leakcheck: conftest.py` is written verbatim to a
temporary `conftest.py`, and pytest runs in a subprocess on two test modules
(tests/leakfixture/): one whose tests leak a thread, a pending task, a task
destroyed while pending, an fd, an unclosed socket, a running child and a
zombie, and one whose tests do the same work cleanly. Every leaky test must
error at teardown with a message naming its leak; every clean test must pass,
and warnings other than ResourceWarning must still reach pytest's summary.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from doc_examples import ROOT
from doc_blocks import parse_blocks

REFERENCE = ROOT / "references" / "leak-detection.md"
MODULES = Path(__file__).resolve().parent / "leakfixture"
MARKER = "# leakcheck: conftest.py"

# test name in leaky_module.py -> text its teardown error must contain
EXPECTED_LEAKS = {
    "test_thread": "thread still running: <Thread(leaky-thread",
    "test_pending_task": "task still pending: <Task pending name='leaky-task'",
    "test_loop_fds": "left open: anon_inode:[eventpoll]",
    "test_destroyed_task": "asyncio: Task was destroyed but it is pending!",
    "test_fd": "test_leaky_module.py",
    "test_unclosed_socket": "ResourceWarning: unclosed <socket.socket",
    "test_child": "child process",
    "test_zombie": "(Z)",
}


def snippet() -> str:
    blocks = [b for b in parse_blocks(REFERENCE) if b.is_python and b.code.startswith(MARKER)]
    assert len(blocks) == 1, f"expected one ```python block starting with {MARKER!r} in {REFERENCE.name}"
    return blocks[0].code


@pytest.fixture(scope="module")
def inner_run(tmp_path_factory):
    """Run pytest once on both modules with the snippet as conftest.py."""
    work = tmp_path_factory.mktemp("leakfixture")
    (work / "conftest.py").write_text(snippet())
    (work / "pytest.ini").write_text("[pytest]\n")
    for name in ("leaky_module.py", "clean_module.py"):
        shutil.copy(MODULES / name, work / f"test_{name}")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "PYTHONWARNINGS"))}
    report = work / "report.xml"
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider",
         "-q", "-rA", f"--junitxml={report}", "."],
        cwd=work, env=env, capture_output=True, text=True, timeout=180,
    )
    results = {}
    for case in ET.parse(report).getroot().iter("testcase"):
        module = case.get("classname").rsplit(".", 1)[-1]
        outcomes = [(child.tag, (child.get("message") or "") + "\n" + (child.text or ""))
                    for child in case if child.tag in ("failure", "error", "skipped")]
        results.setdefault((module, case.get("name")), []).extend(outcomes)
    return proc, results


def test_snippet_is_found_and_stdlib_only():
    code = snippet()
    assert "import pytest" in code and "except ImportError" in code
    compile(code, str(REFERENCE), "exec")


@pytest.mark.parametrize("name", sorted(EXPECTED_LEAKS))
def test_leaky_test_errors_at_teardown_with_a_clear_message(inner_run, name):
    proc, results = inner_run
    outcomes = results.get(("test_leaky_module", name))
    assert outcomes is not None, f"{name} did not run:\n{proc.stdout[-3000:]}\n{proc.stderr[-2000:]}"
    errors = [text for tag, text in outcomes if tag == "error"]
    assert errors, f"{name} leaked but passed:\n{proc.stdout[-3000:]}"
    assert "leak(s):" in errors[0] and EXPECTED_LEAKS[name] in errors[0], errors[0]
    assert not [tag for tag, _ in outcomes if tag == "failure"], "the test body itself must pass"


def test_allow_leaks_marker_opts_out(inner_run):
    proc, results = inner_run
    assert results.get(("test_leaky_module", "test_allowed")) == [], proc.stdout[-3000:]


def test_clean_tests_pass(inner_run):
    proc, results = inner_run
    clean = {name: outcomes for (module, name), outcomes in results.items()
             if module == "test_clean_module"}
    assert len(clean) >= 6, proc.stdout[-3000:]
    bad = {name: outcomes for name, outcomes in clean.items() if outcomes}
    assert not bad, f"clean tests reported leaks: {bad}"


def test_other_warnings_reach_pytest(inner_run):
    proc, _ = inner_run
    assert "UserWarning: keep me visible" in proc.stdout, proc.stdout[-3000:]


def test_exit_status_and_summary(inner_run):
    proc, _ = inner_run
    assert proc.returncode == 1, (proc.returncode, proc.stdout[-3000:], proc.stderr[-2000:])
    assert f"{len(EXPECTED_LEAKS)} errors" in proc.stdout, proc.stdout[-1500:]
