"""Docs are code: run every ```python block of SKILL.md and references/.

Each block runs in a fresh interpreter with `-X dev` (asyncio debug mode,
ResourceWarnings shown) and a timeout, once per installed CPython 3.9+ that
its marker allows (see CONTRIBUTING.md for the marker grammar). Right-way
blocks must exit 0 with a clean stderr; wrong-way blocks must be proven wrong
the way their marker says.
"""
from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
from pathlib import Path
from typing import NamedTuple

import pytest

from doc_examples import ROOT, Block, iter_blocks
from interpreters import example_venv_python, find_all, interpreter_id

# What a clean run must not print: each one is a bug the example would teach.
DIRTY_STDERR = (
    "Traceback (most recent call last)",
    "was never awaited",
    "Task was destroyed but it is pending",
    "Task exception was never retrieved",
    "ResourceWarning",
    "Unclosed",
    "unclosed",
)
EXAMPLE_SERVER = ROOT / "tests" / "example_server.py"
# sitecustomize that records the exception ending an example's main thread.
EXIT_HOOK = ROOT / "tests" / "exithook"
# A traceback's frame line; the line after it quotes the source.
TRACEBACK_FRAME = re.compile(r'^[ |]*File "[^"]*", line \d+')


def _cases():
    interpreters = find_all()
    for block in iter_blocks():
        base = f"{block.path.name}:{block.line}"
        eligible = [
            (v, ft, p) for v, ft, p in interpreters
            if v >= block.min_version and ft == block.free_threaded
        ]
        missing = []
        if block.packages:
            # Third-party imports: the dev venv for the running version, the
            # `examples` venvs tools/test.py builds for the others.
            eligible = [(v, ft, p if v == sys.version_info[:2] else example_venv_python(v)) for v, ft, p in eligible]
            missing = [v for v, ft, p in eligible if p is None]
            for v in missing:
                yield pytest.param(block, None, id=f"{base}-{interpreter_id(v)}", marks=pytest.mark.skip(
                    reason=f".venv-examples/py{v[0]}.{v[1]} is missing: run the tests with python3 tools/test.py"))
            eligible = [e for e in eligible if e[2] is not None]
        if not eligible and not missing:
            need = f"{block.min_version[0]}.{block.min_version[1]}{'t' if block.free_threaded else ''}"
            yield pytest.param(block, None, id=f"{base}-none", marks=pytest.mark.skip(
                reason=f"no interpreter >= {need} installed here"))
            continue
        for version, ft, path in eligible:
            yield pytest.param(block, path, id=f"{base}-{interpreter_id(version, ft)}")


@pytest.fixture(scope="session")
def example_server():
    """The loopback aiohttp server that `server` blocks talk to."""
    proc = subprocess.Popen(
        [sys.executable, str(EXAMPLE_SERVER), "--host", "127.0.0.1", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        line = proc.stdout.readline().strip()
        if not line.startswith("EXAMPLE_SERVER="):
            proc.kill()
            raise RuntimeError(f"example server did not start: {line!r} {proc.stderr.read()[:2000]}")
        yield line.split("=", 1)[1]
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        proc.stdout.close()
        proc.stderr.close()


class Run(NamedTuple):
    """How one run of a block ended."""

    code: int | None  # exit status; None when it was still running at its timeout
    out: str
    err: str
    uncaught: str | None  # `module.QualName` of the exception that ended the main thread


def _terminal_signals():
    """In the example's process: SIGINT, SIGTERM and SIGHUP at their default
    action, as a reader's terminal gives them. A test run started in the
    background of a non-interactive shell (`cmd &`) or under nohup hands its
    children SIGINT or SIGHUP ignored; then Python installs no
    KeyboardInterrupt handler and the Ctrl+C examples show nothing."""
    for name in ("SIGINT", "SIGTERM", "SIGHUP"):
        signal.signal(getattr(signal, name), signal.SIG_DFL)


def run_block(block: Block, python: str, workdir: Path, env: dict) -> Run:
    """Run one block under tests/exithook (which records an uncaught exception)."""
    script = workdir / "example.py"
    script.write_text(block.code, encoding="utf-8")
    record = workdir / "uncaught.txt"
    record.unlink(missing_ok=True)
    env = dict(env, EXAMPLE_EXIT_RECORD=str(record), PYTHONPATH=str(EXIT_HOOK))
    proc = subprocess.Popen(
        [python, "-X", "dev", str(script)], cwd=workdir, env=env, stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        start_new_session=True,  # so a hung example and its children die together
        preexec_fn=_terminal_signals if os.name == "posix" else None,
    )
    try:
        out, err = proc.communicate(timeout=block.timeout)
        code = proc.returncode
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        out, err = proc.communicate()
        code = None
    uncaught = record.read_text(encoding="utf-8").strip() if record.exists() else None
    return Run(code, out, err, uncaught)


def _same_type(name: str, qualified: str) -> bool:
    """`CancelledError` names `asyncio.exceptions.CancelledError`; a dotted NAME
    must match the end of the qualified name."""
    return qualified == name or qualified.endswith("." + name)


def _without_source_echo(text: str) -> str:
    """Output with the source lines that tracebacks quote removed: a block that
    crashed before printing TEXT must not pass because its traceback shows the
    `print(TEXT)` line it never reached."""
    kept, frame_indent = [], None
    for line in text.splitlines():
        indent = len(line) - len(line.lstrip(" |"))
        if frame_indent is not None and indent > frame_indent:
            continue  # the quoted source (several lines on 3.13) and its carets
        frame_indent = indent if TRACEBACK_FRAME.match(line) else None
        kept.append(line)
    return "\n".join(kept)


def verdict(block: Block, run: Run) -> str | None:
    """Why a run of `block` fails its marker's contract, or None when it passes."""
    code, out, err, uncaught = run
    combined = out + err
    tail = combined[-3000:]
    wrong = block.wrong_way or ""
    if wrong.startswith("hangs"):
        if code is not None:
            return f"marked 'wrong-way hangs' but finished (exit {code}):\n{tail}"
        if uncaught:
            return f"marked 'wrong-way hangs' but its main thread died of {uncaught} first:\n{tail}"
        return None
    if code is None:
        return f"still running after {block.timeout:g}s:\n{tail}"
    if wrong.startswith("raises"):
        name = wrong.split(None, 1)[1]
        if code == 0:
            return f"marked 'wrong-way raises {name}' but exited 0:\n{tail}"
        if uncaught is None:
            return f"marked 'wrong-way raises {name}' but exited {code} without an uncaught exception:\n{tail}"
        if not _same_type(name, uncaught):
            return f"marked 'wrong-way raises {name}' but the exception that ended it is {uncaught}:\n{err[-3000:]}"
        return None
    if wrong.startswith("output"):
        text = wrong.split(None, 1)[1]
        if text in _without_source_echo(combined):
            return None
        return f"expected {text!r} in the output (quoted source lines of tracebacks do not count):\n{tail}"
    # Right-way blocks, and 'wrong-way flagged' ones (slow, not broken: they must run).
    if uncaught:
        return f"ended by an uncaught {uncaught}:\n{err[-3000:]}"
    if code != block.exit_code:
        return f"exit {code}, expected {block.exit_code}:\n{tail}"
    if block.output is not None:
        if block.output in _without_source_echo(combined):
            return None
        return f"expected {block.output!r} in the output:\n{tail}"
    if not wrong:
        dirty = [pattern for pattern in DIRTY_STDERR if pattern in err]
        if dirty:
            return f"stderr shows {dirty}:\n{err[-3000:]}"
    return None


def child_env(tmp_path: Path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV"))}
    env.update(PYTHONIOENCODING="utf-8", PYTHONDONTWRITEBYTECODE="1", HOME=str(tmp_path))
    return env


@pytest.mark.parametrize("block,python", list(_cases()))
def test_example(block: Block, python: str, tmp_path: Path, request):
    assert not block.errors, f"{block.ident}: bad example marker: {'; '.join(block.errors)}"
    env = child_env(tmp_path)
    if block.server:
        env["EXAMPLE_SERVER"] = request.getfixturevalue("example_server")
    problem = verdict(block, run_block(block, python, tmp_path, env))
    assert problem is None, f"{block.ident} ({python}): {problem}"


def test_some_examples_exist():
    """The runner must never pass vacuously because the extractor found nothing."""
    blocks = iter_blocks()
    assert len(blocks) >= 1, "no python blocks found in SKILL.md and references/"
