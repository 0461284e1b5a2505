"""tools/validate_skill.py: passes a good bundle, and names each problem of a
broken one in one clear line with exit status 1 (run through the real CLI)."""
from __future__ import annotations

import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from validate_skill import BUNDLE_NAME, validate

ROOT = Path(__file__).resolve().parent.parent
VALIDATOR = ROOT / "tools" / "validate_skill.py"
NAME = "demo-skill"
TOC = "## Contents\n\n- [One](#one)\n- [Two](#two)\n- [Three](#three)\n\n"
SKILL = textwrap.dedent("""\
    ---
    name: demo-skill
    description: Use when testing the validator with a bundle that is clean in every respect.
    license: MIT
    metadata:
      version: "1.2.3"
    ---
    # Demo

    Read [the guide](references/guide.md) when you need it; run `scripts/tool.sh --help`.
    """)
GUIDE = "# Guide\n\n" + TOC + "## One\n\nText.\n\n## Two\n\n## Three\n\nSee [one](#one).\n"


def make_bundle(base: Path, name: str = NAME) -> Path:
    root = base / name
    (root / "references").mkdir(parents=True)
    (root / "scripts").mkdir()
    (root / "assets").mkdir()
    (root / "SKILL.md").write_text(SKILL, encoding="utf-8")
    (root / "LICENSE").write_text("MIT\n", encoding="utf-8")
    (root / "references" / "guide.md").write_text(GUIDE, encoding="utf-8")
    (root / "scripts" / "tool.sh").write_text("#!/bin/sh\necho hi\n", encoding="utf-8")
    (root / "assets" / "template.txt").write_text("x\n", encoding="utf-8")
    return root


def cli(root: Path, *args: str):
    return subprocess.run([sys.executable, str(VALIDATOR), str(root), *args], capture_output=True, text=True)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (old, text)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_clean_bundle_passes(tmp_path):
    root = make_bundle(tmp_path)
    result = cli(root)
    assert (result.returncode, result.stdout) == (0, ""), result.stdout + result.stderr


def break_missing_name(root):
    edit(root / "SKILL.md", "name: demo-skill\n", "")

def break_long_description(root):
    edit(root / "SKILL.md", "description: Use", "description: " + "x" * 1100 + " Use")

def break_angle_brackets(root):
    edit(root / "SKILL.md", "Use when", "Use <b>when</b>")

def break_crlf(root):
    path = root / "SKILL.md"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))

def break_crlf_reference(root):
    path = root / "references" / "guide.md"
    path.write_bytes(path.read_bytes().replace(b"\n", b"\r\n"))

def break_link(root):
    edit(root / "SKILL.md", "references/guide.md", "references/missing.md")

def break_link_case(root):
    edit(root / "SKILL.md", "references/guide.md", "references/Guide.md")

def break_anchor(root):
    edit(root / "references" / "guide.md", "See [one](#one)", "See [one](#nowhere)")

def break_unknown_key(root):
    edit(root / "SKILL.md", "license: MIT\n", "license: MIT\nversion: 1.0\n")

def break_name_pattern(root):
    edit(root / "SKILL.md", "name: demo-skill", "name: Demo--Skill")

def break_name_mismatch(root):
    edit(root / "SKILL.md", "name: demo-skill", "name: other-skill")

def break_reserved_word(root):
    edit(root / "SKILL.md", "name: demo-skill", "name: claude-helper")

def break_yaml(root):
    edit(root / "SKILL.md", "license: MIT\n", "license: [MIT\n")

def break_no_frontmatter(root):
    edit(root / "SKILL.md", "---\nname", "name")

def break_long_compatibility(root):
    edit(root / "SKILL.md", "license: MIT\n", "license: MIT\ncompatibility: " + "y" * 501 + "\n")

def break_metadata_not_strings(root):
    edit(root / "SKILL.md", 'version: "1.2.3"', "version: 1.2")

def break_version_line(root):
    edit(root / "SKILL.md", '  version: "1.2.3"', "  version: '1.2.3'")

def break_too_long(root):
    (root / "SKILL.md").write_text(SKILL + "line\n" * 600, encoding="utf-8")

def break_too_many_tokens(root):
    (root / "SKILL.md").write_text(SKILL + ("word " * 20 + "\n") * 300, encoding="utf-8")

def break_symlink(root):
    os.symlink("/etc/passwd", root / "assets" / "link")

def break_underscore_name(root):
    (root / "scripts" / "__init__.py").write_text("", encoding="utf-8")

def break_unlinked_reference(root):
    (root / "references" / "orphan.md").write_text("# Orphan\n", encoding="utf-8")

def break_no_toc(root):
    (root / "references" / "guide.md").write_text("# Guide\n\n" + "text\n\n" * 60, encoding="utf-8")

def break_late_toc(root):
    edit(root / "references" / "guide.md", "# Guide\n\n" + TOC, "# Guide\n\n## Intro\n\nText.\n\n" + TOC + "\n" * 100)

def break_capitalised_fence(root):
    edit(root / "references" / "guide.md", "Text.\n", "Text.\n\n```Python\nprint(1)\n```\n")

def break_path_mention(root):
    edit(root / "SKILL.md", "scripts/tool.sh", "scripts/tool.py")

def break_evasive_fence(root):
    edit(root / "references" / "guide.md", "Text.\n", "Text.\n\n```py\nprint(1)\n```\n")

def break_bad_marker(root):
    edit(root / "references" / "guide.md", "Text.\n", "Text.\n\n<!-- example: wrong-way -->\n```python\npass\n```\n")

def break_orphan_marker(root):
    edit(root / "references" / "guide.md", "Text.\n", "Text.\n\n<!-- example: requires 3.11 -->\n\n```python\npass\n```\n")

def break_unproven_gotcha(root):
    edit(root / "SKILL.md", "Read [the guide]", "## Gotchas\n\n- **Proven**: see [one](references/guide.md#one).\n"
         "- **Unproven**: a claim with no link.\n\n## More\n\nRead [the guide]")

def break_gotcha_linking_a_file_only(root):
    edit(root / "SKILL.md", "Read [the guide]", "## 2. Core rules\n\n1. **Rule**: see [the guide](references/guide.md).\n\nRead [the guide]")

def break_missing_license(root):
    (root / "LICENSE").unlink()

def break_bad_utf8(root):
    (root / "assets" / "template.txt").write_bytes(b"caf\xe9\n")


BROKEN = {
    break_missing_name: "'name' is missing",
    break_long_description: "at most 1024",
    break_angle_brackets: "'<' or '>'",
    break_crlf: "CR byte",
    break_crlf_reference: "CR byte",
    break_link: "missing file",
    break_link_case: "missing file",
    break_anchor: "no heading with anchor #nowhere",
    break_unknown_key: "'version' is not one of the six portable keys",
    break_name_pattern: "must be lowercase",
    break_name_mismatch: "differs from the folder",
    break_reserved_word: "reserved word 'claude'",
    break_yaml: "not valid YAML",
    break_no_frontmatter: "must start with a '---' line",
    break_long_compatibility: "compatibility must be",
    break_metadata_not_strings: "map of strings to strings",
    break_version_line: "on one line as",
    break_too_long: "at most 500 allowed",
    break_too_many_tokens: "tokens",
    break_symlink: "is a symlink",
    break_underscore_name: "starting with '_'",
    break_unlinked_reference: "orphan.md is not linked from SKILL.md",
    break_no_toc: "needs a '## Contents'",
    break_late_toc: "Contents section must come first, before 'Intro'",
    break_capitalised_fence: "code fence tagged 'Python'",
    break_path_mention: "mentions scripts/tool.py",
    break_evasive_fence: "tag Python as 'python'",
    break_bad_marker: "must say how",
    break_orphan_marker: "not on the line directly above",
    break_unproven_gotcha: "SKILL.md:13: a core rule or gotcha without a link to its proof",
    break_gotcha_linking_a_file_only: "without a link to its proof",
    break_missing_license: "needs LICENSE",
    break_bad_utf8: "not valid UTF-8",
}


@pytest.mark.parametrize("breaker", list(BROKEN), ids=lambda f: f.__name__[len("break_"):])
def test_broken_bundle_is_reported(tmp_path, breaker):
    root = make_bundle(tmp_path)
    breaker(root)
    result = cli(root)
    assert result.returncode == 1, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert any(BROKEN[breaker] in line for line in lines), result.stdout
    # One problem per line, each naming where it is.
    assert all(":" in line and "\n" not in line for line in lines)


def test_linked_gotchas_pass(tmp_path):
    root = make_bundle(tmp_path)
    edit(root / "SKILL.md", "Read [the guide]", "## 7. Gotchas\n\n- **One**: fixed\n  ([proof](references/guide.md#one)).\n"
         "  - a nested note needs no link of its own\n\nRead [the guide]")
    assert validate(root) == []


def test_usage_errors_exit_2(tmp_path):
    assert cli(tmp_path / "nope").returncode == 2
    assert subprocess.run([sys.executable, str(VALIDATOR), "--bogus"], capture_output=True).returncode == 2


def test_print_version(tmp_path):
    result = cli(make_bundle(tmp_path), "--print-version")
    assert (result.returncode, result.stdout) == (0, "1.2.3\n")


def test_folder_name_option(tmp_path):
    root = make_bundle(tmp_path, name="unpacked")
    assert cli(root).returncode == 1
    assert cli(root, "--folder-name", NAME).returncode == 0


def test_generated_files_are_ignored(tmp_path):
    root = make_bundle(tmp_path)
    (root / "scripts" / "__pycache__").mkdir()
    (root / "scripts" / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"\0\r\n")
    assert validate(root) == []


def test_repository_bundle_is_valid():
    """The skill this repository ships passes every rule."""
    problems = validate(ROOT, BUNDLE_NAME)
    assert problems == [], "\n".join(problems)


def test_skill_description_is_in_the_aimed_range():
    import yaml
    text = (ROOT / "SKILL.md").read_text(encoding="utf-8")
    meta = yaml.safe_load(text.split("---\n")[1])
    assert 300 <= len(meta["description"]) <= 600, len(meta["description"])
