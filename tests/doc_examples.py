"""The executable examples of the skill's docs, for tests (see tools/doc_blocks.py)."""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from doc_blocks import Block, iter_python_blocks  # noqa: E402

__all__ = ["Block", "ROOT", "iter_blocks"]


def iter_blocks() -> list[Block]:
    """Every ```python block of SKILL.md and references/*.md, markers applied."""
    return list(iter_python_blocks(ROOT))
