"""The example runner must be able to fail: each marker's contract, tested on
synthetic Markdown run through the real parser and real subprocesses."""
from __future__ import annotations

import sys
import textwrap
from pathlib import Path

import pytest

from doc_blocks import parse_blocks
from test_examples import child_env, run_block, verdict


def one_block(tmp_path: Path, marker: str | None, code: str):
    text = (f"<!-- example: {marker} -->\n" if marker else "") + "```python\n" + textwrap.dedent(code) + "```\n"
    md = tmp_path / "doc.md"
    md.write_text("# Doc\n\n" + text, encoding="utf-8")
    [block] = parse_blocks(md)
    return block


def outcome(tmp_path: Path, marker: str | None, code: str):
    block = one_block(tmp_path, marker, code)
    assert not block.errors, block.errors
    return verdict(block, run_block(block, sys.executable, tmp_path, child_env(tmp_path)))


HANG = "import threading\nthreading.Event().wait()\n"
NEVER_AWAITED = """\
import asyncio, gc
async def work(): pass
work()
gc.collect()
"""
PENDING_TASK = """\
import asyncio
async def main():
    asyncio.get_running_loop().create_task(asyncio.sleep(10))
loop = asyncio.new_event_loop()
loop.run_until_complete(main())
loop.close()
"""
LEAKED_FILE = "import gc\nf = open(__file__)\ndel f\ngc.collect()\n"

# Mutants: each breaks one marker's contract in the subtle way that a loose
# check (a name or text anywhere in the output) would let through.
TIMEOUT_CHAINED_FROM_CANCEL = """\
import asyncio
async def main():
    try:
        raise asyncio.CancelledError()
    except asyncio.CancelledError:
        raise TimeoutError("the deadline, not the cancel")
asyncio.run(main())
"""
GROUP_OF_VALUE_ERROR = """\
import sys
if sys.version_info >= (3, 11):
    raise ExceptionGroup("group", [ValueError("inside")])
raise RuntimeError("ValueError is only inside")
"""
THREAD_RAISES_THEN_EXIT_1 = """\
import sys, threading
t = threading.Thread(target=lambda: int("x"))
t.start(); t.join()
sys.exit(1)
"""
PRINTS_NAME_THEN_EXIT_1 = "print('ValueError')\nraise SystemExit(1)\n"
CRASH_THEN_HANG = """\
import threading
threading.Thread(target=threading.Event().wait).start()
1 / 0
"""
CRASH_BEFORE_PRINT = """\
def report():
    1 / 0
    print("lost updates")
report()
"""
CRASH_BEFORE_MULTILINE_PRINT = """\
def report():
    print(1 / 0,
          "lost updates")
report()
"""
WAITS_FOR_STDIN = "input()\nprint('got a line')\n"


@pytest.mark.parametrize("marker,code,passes", [
    (None, "assert 1 + 1 == 2\n", True),
    (None, "assert 1 + 1 == 3\n", False),
    (None, NEVER_AWAITED, False),
    (None, PENDING_TASK, False),
    (None, LEAKED_FILE, False),
    ("timeout 2", HANG, False),
    ("wrong-way hangs, timeout 2", HANG, True),
    ("wrong-way hangs", "print('done')\n", False),
    ("wrong-way raises ZeroDivisionError", "1 / 0\n", True),
    ("wrong-way raises ZeroDivisionError", "int('x')\n", False),
    ("wrong-way raises ValueError", "pass\n", False),
    ("wrong-way output never awaited", NEVER_AWAITED, True),
    ("wrong-way output lost updates", "print('all good')\n", False),
    ("output hello", "print('hello world')\n", True),
    ("output hello", "print('bye')\n", False),
    ("exit 3", "raise SystemExit(3)\n", True),
    ("exit 3", "pass\n", False),
    ("wrong-way flagged", "import time\ntime.sleep(0)\n", True),
    ("wrong-way flagged", "1 / 0\n", False),
    # The mutants.
    ("wrong-way raises CancelledError", TIMEOUT_CHAINED_FROM_CANCEL, False),
    ("wrong-way raises TimeoutError", TIMEOUT_CHAINED_FROM_CANCEL, True),
    ("wrong-way raises ValueError", GROUP_OF_VALUE_ERROR, False),
    ("wrong-way raises ValueError", THREAD_RAISES_THEN_EXIT_1, False),
    ("wrong-way raises ValueError", PRINTS_NAME_THEN_EXIT_1, False),
    ("wrong-way raises exceptions.CancelledError", "import asyncio\nraise asyncio.CancelledError\n", True),
    ("wrong-way raises Error", "import asyncio\nraise asyncio.CancelledError\n", False),
    ("wrong-way hangs, timeout 2", CRASH_THEN_HANG, False),
    ("wrong-way hangs, timeout 2", WAITS_FOR_STDIN, False),
    ("wrong-way output lost updates", CRASH_BEFORE_PRINT, False),
    ("wrong-way output lost updates", CRASH_BEFORE_MULTILINE_PRINT, False),
    ("wrong-way output lost updates", "print('lost updates: 3 of 4')\n", True),
    ("output lost updates", CRASH_BEFORE_PRINT, False),
    ("output lost updates, exit 1", CRASH_BEFORE_PRINT, False),
    ("exit 1", "1 / 0\n", False),
    ("exit 1", "import sys\nsys.exit(1)\n", True),
    ("wrong-way flagged", "import time\ntime.sleep(0)\nraise SystemExit(0) if False else None\n1 / 0\n", False),
])
def test_marker_contract(tmp_path, marker, code, passes):
    problem = outcome(tmp_path, marker, code)
    assert (problem is None) == passes, problem


@pytest.mark.parametrize("marker,fragment", [
    ("wrong-way", "must say how"),
    ("wrong-way explodes", "must say how"),
    ("wrong-way raises", "needs what to look for"),
    ("requires 3.x", "'requires' needs"),
    ("timeout soon", "'timeout' needs"),
    ("skip because", "unknown example directive"),
    ("wrong-way hangs, wrong-way flagged", "only one"),
])
def test_bad_markers_are_reported(tmp_path, marker, fragment):
    block = one_block(tmp_path, marker, "pass\n")
    assert any(fragment in e for e in block.errors), block.errors


def test_marker_parsing(tmp_path):
    block = one_block(tmp_path, "requires 3.11, requires aiohttp, server, timeout 9", "pass\n")
    assert (block.min_version, block.packages, block.server, block.timeout) == ((3, 11), ["aiohttp"], True, 9.0)
    ft = one_block(tmp_path, "requires 3.13t", "pass\n")
    assert ft.free_threaded and ft.min_version == (3, 13)


def test_evasive_fence_tags_are_errors(tmp_path):
    md = tmp_path / "doc.md"
    md.write_text("".join(f"```{tag}\nprint(1)\n```\n\n" for tag in ("py", "python3", "Python", "PY", "Python-REPL")),
                  encoding="utf-8")
    blocks = parse_blocks(md)
    assert len(blocks) == 5
    assert all(b.errors and "tag Python as 'python'" in b.errors[0] for b in blocks)


def test_plain_python_and_other_tags_are_not_errors(tmp_path):
    md = tmp_path / "doc.md"
    md.write_text("```python\nx = 1\n```\n\n```text\nPython 3.11\n```\n\n```console\n$ python -V\n```\n", encoding="utf-8")
    blocks = parse_blocks(md)
    assert [b.lang for b in blocks] == ["python", "text", "console"]
    assert not any(b.errors for b in blocks)
    assert [b.is_python for b in blocks] == [True, False, False]


def test_fence_inside_list_item_is_found(tmp_path):
    md = tmp_path / "doc.md"
    md.write_text("1. Step:\n\n   ```python\n   x = 1\n   ```\n", encoding="utf-8")
    [block] = parse_blocks(md)
    assert block.code == "x = 1\n" and block.line == 3
