"""The docs' examples and the scanner agree.

Every ```python block of SKILL.md and references/ marked `wrong-way flagged`
must produce at least one finding; every block not marked wrong-way must
produce none (a right-way example that the scanner flags is either a wrong
example or a scanner false positive: fix one of them). Blocks are written to
one temporary directory, one file each, and scanned in a single run by the
newest interpreter present (so newer syntax parses). The rule pages'
(`--explain`) wrong-way examples must be flagged with the code they name.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "scanner"))

import scanner_support as ss  # noqa: E402
from doc_examples import iter_blocks  # noqa: E402
from interpreters import find_interpreters  # noqa: E402

BLOCKS = iter_blocks()


def _file_name(i, block):
    return "b%04d_%s.py" % (i, block.path.stem.replace("-", "_"))


@pytest.fixture(scope="module")
def scanned(tmp_path_factory):
    root = tmp_path_factory.mktemp("docblocks")
    for i, block in enumerate(BLOCKS):
        (root / _file_name(i, block)).write_text(block.code, encoding="utf-8")
    newest = find_interpreters()[-1][1]
    p = ss.run(["--format", "json", "--no-config", "."], python=newest, cwd=root, timeout=600)
    assert p.returncode in (0, 1), p.stderr
    data = json.loads(p.stdout)
    by_file = {}
    for f in data["findings"]:
        by_file.setdefault(f["path"], []).append(f)
    errors = {e["path"]: e["message"] for e in data["errors"]}
    return by_file, errors


def _cases():
    out = []
    for i, b in enumerate(BLOCKS):
        if b.wrong_way is None or b.wrong_way == "flagged":
            out.append(pytest.param(i, b, id="%s:%d" % (b.path.name, b.line)))
    return out


CASES = _cases()


def doc_block_problem(block, findings, error, where):
    """Why the scanner's findings break `block`'s contract, or None."""
    if error:
        return "%s: the scanner cannot parse this block: %s" % (where, error)
    if block.wrong_way == "flagged":
        return None if findings else "%s is marked `wrong-way flagged` but the scanner finds nothing in it" % where
    lines = block.code.splitlines()
    detail = "\n".join("  block line %d: %s %s\n    %s" % (f["line"], f["code"], f["message"], lines[f["line"] - 1].strip())
                       for f in findings)
    return "%s is a right-way example but the scanner flags it:\n%s" % (where, detail) if findings else None


@pytest.mark.skipif(not CASES, reason="no python blocks in the docs yet")
@pytest.mark.parametrize("i,block", CASES)
def test_doc_block(scanned, i, block):
    by_file, errors = scanned
    name = _file_name(i, block)
    where = "%s:%d" % (block.path.relative_to(ss.ROOT).as_posix(), block.line)
    problem = doc_block_problem(block, by_file.get(name, []), errors.get(name), where)
    assert problem is None, problem


# Mutants of the `flagged` contract: the check above must be able to fail.
@pytest.mark.parametrize("marker,code,passes", [
    ("wrong-way flagged", "import asyncio, time\nasync def main():\n    time.sleep(0)\nasyncio.run(main())\n", True),
    # The blocking call runs at module level, not on the loop: nothing to flag.
    ("wrong-way flagged", "import asyncio, time\ntime.sleep(0)\nasync def main():\n    pass\nasyncio.run(main())\n", False),
    (None, "import asyncio, time\nasync def main():\n    time.sleep(0)\nasyncio.run(main())\n", False),
    (None, "import asyncio\nasync def main():\n    await asyncio.sleep(0)\nasyncio.run(main())\n", True),
])
def test_flagged_contract_can_fail(tmp_path, marker, code, passes):
    from doc_blocks import parse_blocks
    md = tmp_path / "doc.md"
    md.write_text(("<!-- example: %s -->\n" % marker if marker else "") + "```python\n" + code + "```\n", encoding="utf-8")
    [block] = parse_blocks(md)
    (tmp_path / "block.py").write_text(block.code, encoding="utf-8")
    p = ss.run(["--format", "json", "--no-config", "block.py"], cwd=tmp_path)
    data = json.loads(p.stdout)
    errors = {e["path"]: e["message"] for e in data["errors"]}
    problem = doc_block_problem(block, data["findings"], errors.get("block.py"), "doc.md:1")
    assert (problem is None) == passes, problem


# ---- the rule pages' own examples ------------------------------------------
RULES = ss.ROOT / "scripts" / "blockscan" / "rules.md"
# The pages show the function that goes wrong, not its imports: the names
# they use are bound here, module level, the way a project would.
PREAMBLE = """\
import asyncio, functools, importlib, json, os, socket, ssl, subprocess, time
import mycorp.sdk
import psycopg2
import requests
from aiohttp import web
conn = psycopg2.connect("dbname=app")
loop = asyncio.new_event_loop()
"""


def _rule_examples():
    """[(code, line of the example in rules.md, code text, extra scanner args)] for
    every `Example (wrong, CODE...)`; `with `--blocking-call "..."`` adds that option."""
    import re
    import shlex
    import textwrap
    out = []
    lines = RULES.read_text(encoding="utf-8").splitlines()
    for i, line in enumerate(lines):
        m = re.match(r"Example \(wrong, (BLK\d{3})(?: with `([^`]*)`)?", line)
        if not m:
            continue
        j = i + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        body = []
        while j < len(lines) and (lines[j].startswith("    ") or not lines[j].strip()):
            body.append(lines[j])
            j += 1
        args = shlex.split(m.group(2)) if m.group(2) else []
        out.append((m.group(1), i + 1, textwrap.dedent("\n".join(body)).strip() + "\n", args))
    return out


RULE_EXAMPLES = _rule_examples()


def test_every_family_page_has_an_example():
    sys.path.insert(0, str(ss.ROOT / "scripts"))
    from blockscan import catalogue
    assert {code[:4] for code, _, _, _ in RULE_EXAMPLES} == set(catalogue.FAMILIES)


@pytest.mark.parametrize("code,line,text,args", RULE_EXAMPLES, ids=["%s@%d" % (c, n) for c, n, _, _ in RULE_EXAMPLES])
def test_rule_page_example_is_flagged_with_its_code(tmp_path, code, line, text, args):
    (tmp_path / "example.py").write_text(PREAMBLE + text, encoding="utf-8")
    p = ss.run(["--format", "json", "--no-config", *args, "example.py"], cwd=tmp_path)
    assert p.returncode == 1, "rules.md:%d: the example is not flagged\n%s" % (line, p.stderr)
    got = [f["code"] for f in json.loads(p.stdout)["findings"]]
    assert code in got, "rules.md:%d: expected %s, the scanner says %s" % (line, code, got)
