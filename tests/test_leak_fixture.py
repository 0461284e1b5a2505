"""The leak-check conftest snippet of references/leak-detection.md works for real.

The block that starts with `# leakcheck: conftest.py` is written verbatim to a
temporary `conftest.py`, and pytest runs in a subprocess on the test modules of
tests/leakfixture/: sync tests that leak a thread, a pending task, a task
destroyed while pending, an fd, an unclosed socket, a running child and a
zombie, and a function-scoped fixture that leaks a thread or an fd; async tests
that leak a task into pytest-asyncio's function- and module-scoped loops (from
the body or from a function-scoped fixture) and into anyio's loop (both plugins
cancel leftovers before teardown ends), or lose a task's exception; and clean
tests doing the same work properly, including module- and session-scoped
loops, `getfixturevalue`, module-scoped fixtures that own a task or a thread
across tests, a fixture-owned task, a server handler task that a fixture's
teardown stops, and a thread that a fixture's teardown releases.
Every leaky test must error at teardown with a message naming its leak; every
clean test must pass; warnings other than ResourceWarning must reach pytest.

Interpreters: every CPython present, each with pytest, pytest-asyncio and
anyio installed for real and loaded as installed (autoload): the dev venv for
the running version, `.venv-examples/py3.X` (the `examples` dependency group
that tools/test.py installs) for the others, 3.9 included (pytest 8 there).
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from doc_blocks import parse_blocks
from doc_examples import ROOT
from interpreters import example_venv_python, find_interpreters, interpreter_id

REFERENCE = ROOT / "references" / "leak-detection.md"
MODULES = Path(__file__).resolve().parent / "leakfixture"
MARKER = "# leakcheck: conftest.py"
SUITES = ("leaky_module", "clean_module", "async_leaky_module", "async_clean_module")
INI = "[pytest]\nasyncio_mode = strict\nasyncio_default_fixture_loop_scope = function\n"

# (module, test) -> text its teardown error must contain
EXPECTED_LEAKS = {
    ("leaky_module", "test_thread"): "thread still running: <Thread(leaky-thread",
    ("leaky_module", "test_pending_task"): "task still pending: <Task pending name='leaky-task'",
    ("leaky_module", "test_loop_fds"): "left open: anon_inode:[eventpoll]",
    ("leaky_module", "test_destroyed_task"): "asyncio: Task was destroyed but it is pending!",
    ("leaky_module", "test_fd"): "test_leaky_module.py",
    ("leaky_module", "test_unclosed_socket"): "ResourceWarning: unclosed <socket.socket",
    ("leaky_module", "test_child"): "child process",
    ("leaky_module", "test_zombie"): "(Z)",
    ("leaky_module", "test_thread_left_by_function_fixture"): "thread still running: <Thread(fixture-thread",
    ("leaky_module", "test_fd_left_by_function_fixture"): "test_leaky_module.py",
    ("async_leaky_module", "test_task_in_function_loop"): "task still pending: <Task pending name='pa-function-task'",
    ("async_leaky_module", "test_dropped_task_in_function_loop"): "task still pending: <Task pending name='pa-dropped-task'",
    ("async_leaky_module", "test_task_in_module_loop"): "task still pending: <Task pending name='pa-module-task'",
    ("async_leaky_module", "test_task_left_by_function_fixture"): "task still pending: <Task pending name='pa-fixture-task'",
    ("async_leaky_module", "test_task_in_anyio_loop"): "task still pending: <Task pending name='anyio-task'",
    ("async_leaky_module", "test_exception_never_retrieved"): "asyncio: Task exception was never retrieved",
}
# Tests in the leaky modules that must pass: the opt-out, and the test after a
# module-loop leak (the leaked task is still pending there, but not its doing).
MUST_PASS = {("leaky_module", "test_allowed"), ("async_leaky_module", "test_module_loop_next_test_is_not_blamed")}


def interpreters():
    params = []
    for version, path in find_interpreters():
        python = path if path == sys.executable else example_venv_python(version)
        marks = () if python else pytest.mark.skip(
            reason=f".venv-examples/py{version[0]}.{version[1]} is missing: run the tests with python3 tools/test.py")
        params.append(pytest.param(python, id=interpreter_id(version), marks=marks))
    return params


def snippet() -> str:
    blocks = [b for b in parse_blocks(REFERENCE) if b.is_python and b.code.startswith(MARKER)]
    assert len(blocks) == 1, f"expected one ```python block starting with {MARKER!r} in {REFERENCE.name}"
    return blocks[0].code


def command_and_env(python: str) -> tuple[list[str], dict]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "PYTHON", "VIRTUAL_ENV"))}
    return [python, "-m", "pytest", "-p", "no:cacheprovider"], env


@pytest.fixture(scope="module", params=interpreters())
def inner_run(request, tmp_path_factory):
    """Run pytest once on every suite module with the snippet as conftest.py."""
    work = tmp_path_factory.mktemp("leakfixture")
    (work / "conftest.py").write_text(snippet())
    (work / "pytest.ini").write_text(INI)
    for name in SUITES:
        shutil.copy(MODULES / f"{name}.py", work / f"test_{name}.py")
    shutil.copy(MODULES / "plain_items.py", work / "plain_items.py")
    (work / "plain_items.txt").write_text("collected by plain_items.py\n")
    report = work / "report.xml"
    cmd, env = command_and_env(request.param)
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(work), env.get("PYTHONPATH")]))
    cmd += ["-p", "plain_items"]
    proc = subprocess.run(cmd + ["-q", "-rA", f"--junitxml={report}", "."],
                          cwd=work, env=env, capture_output=True, text=True, timeout=300)
    assert report.exists(), f"pytest did not run ({request.param}):\n{proc.stdout[-3000:]}\n{proc.stderr[-3000:]}"
    results = {}
    for case in ET.parse(report).getroot().iter("testcase"):
        module = case.get("classname").rsplit(".", 1)[-1].removeprefix("test_")
        outcomes = [(child.tag, (child.get("message") or "") + "\n" + (child.text or ""))
                    for child in case if child.tag in ("failure", "error", "skipped")]
        results.setdefault((module, case.get("name")), []).extend(outcomes)
    return proc, results


def test_snippet_is_found_and_runs_without_pytest():
    code = snippet()
    assert "import pytest" in code and "except ImportError" in code
    compile(code, str(REFERENCE), "exec")


def test_pytest_asyncio_is_installed():
    """The async suites need the real plugins; without them this file proves nothing."""
    import anyio  # noqa: F401
    import pytest_asyncio  # noqa: F401


@pytest.mark.parametrize("module,name", sorted(EXPECTED_LEAKS))
def test_leaky_test_errors_at_teardown_with_a_clear_message(inner_run, module, name):
    proc, results = inner_run
    outcomes = results.get((module, name))
    assert outcomes is not None, f"{name} did not run:\n{proc.stdout[-3000:]}\n{proc.stderr[-2000:]}"
    errors = [text for tag, text in outcomes if tag == "error"]
    assert errors, f"{module}::{name} leaked but passed:\n{proc.stdout[-3000:]}"
    assert "leak(s):" in errors[0] and EXPECTED_LEAKS[module, name] in errors[0], errors[0]
    assert not [tag for tag, _ in outcomes if tag == "failure"], "the test body itself must pass"


@pytest.mark.parametrize("module,name", sorted(MUST_PASS))
def test_opt_out_and_innocent_neighbour_pass(inner_run, module, name):
    proc, results = inner_run
    assert results.get((module, name)) == [], (results.get((module, name)), proc.stdout[-3000:])


def test_clean_tests_pass(inner_run):
    proc, results = inner_run
    clean = {key: outcomes for key, outcomes in results.items()
             if key[0] in ("clean_module", "async_clean_module")}
    assert len([k for k in clean if k[0] == "async_clean_module"]) >= 12, proc.stdout[-3000:]
    assert len(clean) >= 22, proc.stdout[-3000:]
    bad = {key: outcomes for key, outcomes in clean.items() if outcomes}
    assert not bad, f"clean tests reported leaks: {bad}"


def test_plugin_items_without_obj_run(inner_run):
    """Items of plugins (linters, YAML suites) have no `obj`; the check must not crash on them."""
    proc, results = inner_run
    plain = {key: outcomes for key, outcomes in results.items() if key[1] == "plain_item"}
    assert list(plain.values()) == [[]], (plain, proc.stdout[-3000:])


def test_every_leaky_test_is_accounted_for(inner_run):
    _, results = inner_run
    leaky = {key for key in results if key[0] in ("leaky_module", "async_leaky_module")}
    assert leaky == set(EXPECTED_LEAKS) | MUST_PASS


def test_other_warnings_reach_pytest(inner_run):
    proc, _ = inner_run
    assert "UserWarning: keep me visible" in proc.stdout, proc.stdout[-3000:]


def test_exit_status_and_summary(inner_run):
    proc, _ = inner_run
    assert proc.returncode == 1, (proc.returncode, proc.stdout[-3000:], proc.stderr[-2000:])
    assert f"{len(EXPECTED_LEAKS)} errors" in proc.stdout, proc.stdout[-1500:]
