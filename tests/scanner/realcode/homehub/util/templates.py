"""Message templates, read from disk the first time each one is used."""
from __future__ import annotations

from pathlib import Path

TEMPLATE_DIR = Path(__file__).parent / "templates"
_TEMPLATES: dict[str, str] = {}


def template(name: str) -> str:
    if name not in _TEMPLATES:
        _TEMPLATES[name] = (TEMPLATE_DIR / f"{name}.txt").read_text(encoding="utf-8")
    return _TEMPLATES[name]


def render(name: str, **values: str) -> str:
    return template(name).format(**values)
