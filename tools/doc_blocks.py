"""Code blocks of the skill's Markdown files and the example markers above them.

"Docs are code": every block fenced ```python in SKILL.md and references/ is
executed by the tests. A block changes how it is run only through a visible
marker, an HTML comment on the line right above its opening fence:

    <!-- example: requires 3.11, wrong-way hangs -->

The grammar is documented in CONTRIBUTING.md; this module is its one parser,
shared by the validator (which reports bad markers) and the example runner
(which obeys them), so the two can never disagree.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from markdown_it import MarkdownIt

MARKER_RE = re.compile(r"^\s*<!--\s*example:\s*(?P<body>.*?)\s*-->\s*$")
VERSION_RE = re.compile(r"^3\.(\d+)(t?)$")
PACKAGE_RE = re.compile(r"^[A-Za-z_][A-Za-z0-9_.]*$")
# Fence tags that look like Python but would dodge the runner (compared
# case-insensitively: GitHub highlights ```Python too, but only the exact tag
# `python` is run).
EVASIVE_TAGS = {"python", "py", "py3", "python3", "pycon", "ipython", "python-repl"}
WRONG_WAY_KINDS = ("hangs", "raises", "output", "flagged")
DEFAULT_TIMEOUT = 30.0
HANGS_TIMEOUT = 4.0

_md = MarkdownIt("commonmark")


@dataclass
class Block:
    """One fenced code block, with its marker already interpreted."""

    path: Path
    line: int  # 1-based line of the opening fence
    lang: str
    code: str
    directives: list[str] = field(default_factory=list)
    wrong_way: str | None = None  # "hangs", "raises NAME", "output TEXT", "flagged"
    min_version: tuple[int, int] = (3, 9)
    free_threaded: bool = False
    packages: list[str] = field(default_factory=list)
    server: bool = False
    timeout: float = DEFAULT_TIMEOUT
    output: str | None = None
    exit_code: int = 0
    errors: list[str] = field(default_factory=list)

    @property
    def is_python(self) -> bool:
        return self.lang == "python"

    @property
    def ident(self) -> str:
        return f"{self.path.name}:{self.line}"


def _apply(block: Block, directive: str) -> None:
    """Interpret one directive of a marker, recording errors instead of raising."""
    word, _, rest = directive.partition(" ")
    rest = rest.strip()
    if word == "requires":
        m = VERSION_RE.match(rest)
        if m:
            block.min_version = max(block.min_version, (3, int(m.group(1))))
            block.free_threaded = block.free_threaded or bool(m.group(2))
        elif PACKAGE_RE.match(rest):
            block.packages.append(rest)
        else:
            block.errors.append(f"'requires' needs a version like 3.11 or a package name, got {rest!r}")
    elif word == "server" and not rest:
        block.server = True
    elif word == "timeout":
        try:
            block.timeout = float(rest)
        except ValueError:
            block.errors.append(f"'timeout' needs a number of seconds, got {rest!r}")
    elif word == "output" and rest:
        block.output = rest
    elif word == "exit":
        if rest.isdigit():
            block.exit_code = int(rest)
        else:
            block.errors.append(f"'exit' needs a number, got {rest!r}")
    elif word == "wrong-way":
        kind, _, proof = rest.partition(" ")
        if kind not in WRONG_WAY_KINDS:
            block.errors.append(
                f"'wrong-way' must say how it is proven wrong ({', '.join(WRONG_WAY_KINDS)}), got {rest!r}"
            )
        elif kind in ("raises", "output") and not proof.strip():
            block.errors.append(f"'wrong-way {kind}' needs what to look for (e.g. 'wrong-way {kind} RuntimeError')")
        elif block.wrong_way:
            block.errors.append("only one 'wrong-way' directive per block")
        else:
            block.wrong_way = rest
    else:
        block.errors.append(f"unknown example directive {directive!r} (see CONTRIBUTING.md)")


def _marker_above(lines: list[str], fence_index: int) -> str | None:
    if fence_index == 0:
        return None
    m = MARKER_RE.match(lines[fence_index - 1])
    return m.group("body") if m else None


def parse_blocks(path: Path, text: str | None = None) -> list[Block]:
    """Every fenced code block in one Markdown file, with markers applied."""
    if text is None:
        text = path.read_text(encoding="utf-8")
    lines = text.splitlines()
    blocks: list[Block] = []
    for token in _md.parse(text):
        if token.type != "fence" or token.map is None:
            continue
        start = token.map[0]
        lang = token.info.strip().split()[0] if token.info.strip() else ""
        block = Block(path=path, line=start + 1, lang=lang, code=token.content)
        marker = _marker_above(lines, start)
        if marker is not None:
            for directive in (d.strip() for d in marker.split(",")):
                if directive:
                    block.directives.append(directive)
                    _apply(block, directive)
            if not block.is_python:
                block.errors.append("example marker above a block that is not fenced as python")
        if block.wrong_way and block.wrong_way.startswith("hangs") and "timeout" not in " ".join(block.directives):
            block.timeout = HANGS_TIMEOUT
        if lang != "python" and lang.lower() in EVASIVE_TAGS:
            block.errors.append(f"code fence tagged {lang!r}: tag Python as 'python' so it is tested, or use 'text'/'console'")
        blocks.append(block)
    return blocks


def orphan_markers(path: Path, text: str) -> list[int]:
    """Lines (1-based) of example markers that are not directly above a fence."""
    lines = text.splitlines()
    fence_lines = {b.line for b in parse_blocks(path, text)}
    return [i + 1 for i, line in enumerate(lines) if MARKER_RE.match(line) and (i + 2) not in fence_lines]


def doc_files(root: Path) -> list[Path]:
    """SKILL.md and references/*.md of a skill folder or checkout."""
    files = [root / "SKILL.md"] if (root / "SKILL.md").is_file() else []
    refs = root / "references"
    if refs.is_dir():
        files += sorted(refs.glob("*.md"))
    return files


def iter_python_blocks(root: Path) -> Iterator[Block]:
    for path in doc_files(root):
        for block in parse_blocks(path):
            if block.is_python:
                yield block
