#!/usr/bin/env python3
"""Validate a skill bundle against the strictest rules any consumer applies.

    python3 tools/validate_skill.py [DIR] [--folder-name NAME]

DIR is a bundle folder (SKILL.md at its root) or this repository's checkout
(the default), which is validated as the bundle it builds. Prints one line per
problem (`path:line: message`) and exits 1 when there are problems, 0 when the
bundle is clean, 2 on a usage error.

The rules are the union of the Agent Skills specification, Anthropic's
quick_validate.py, skills-ref, the Claude API's upload checks and what
installers in the wild trip on (see CONTRIBUTING.md). Each rule is one small
function below, listed in RULES; each returns (path, line, message) tuples.
"""
from __future__ import annotations

import argparse
import os
import re
import sys
from pathlib import Path
from typing import Callable, Iterable, Iterator

try:
    import yaml
    from markdown_it import MarkdownIt
except ImportError as exc:  # pragma: no cover - exercised by hand only
    sys.exit(f"validate_skill: missing {exc.name}; install the dev dependencies: pip install --group dev (or python3 tools/test.py)")

sys.path.insert(0, str(Path(__file__).resolve().parent))
from doc_blocks import doc_files, orphan_markers, parse_blocks  # noqa: E402

BUNDLE_NAME = "python-concurrency-performance"
BUNDLE_ENTRIES = ("SKILL.md", "LICENSE", "references", "scripts", "assets")
ALLOWED_KEYS = {"name", "description", "license", "compatibility", "metadata", "allowed-tools"}
NAME_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
RESERVED_WORDS = ("anthropic", "claude")
VERSION_LINE_RE = re.compile(r'^  version: "(\d+\.\d+\.\d+(?:[-+][0-9A-Za-z.]+)?)"$')
MAX_NAME, MAX_DESCRIPTION, MAX_COMPATIBILITY = 64, 1024, 500
MAX_SKILL_LINES, MAX_SKILL_TOKENS = 500, 5000
TOC_THRESHOLD = 100
# Generated files the bundle builder leaves out; everything else is checked.
IGNORED_NAMES = {"__pycache__", ".DS_Store"}
IGNORED_SUFFIXES = (".pyc", ".pyo")
# A path to something shipped: the three bundle folders followed by a file or folder name.
PATH_MENTION_RE = re.compile(r"(?<![\w./-])((?:references|scripts|assets)/[\w.-]+(?:/[\w.-]+)*)")

Problem = "tuple[Path, int, str]"
_md = MarkdownIt("commonmark")


class Bundle:
    """The files of one bundle, read once and shared by every rule."""

    def __init__(self, root: Path, folder_name: str):
        self.root = root
        self.folder_name = folder_name
        self.skill = root / "SKILL.md"
        self.skill_text = self.skill.read_text(encoding="utf-8", errors="replace") if self.skill.is_file() else ""
        self.frontmatter, self.fm_end, self.fm_error = _split_frontmatter(self.skill_text)
        self.docs = [p for p in doc_files(root)]
        self.doc_text = {p: p.read_text(encoding="utf-8", errors="replace") for p in self.docs}

    def files(self) -> Iterator[Path]:
        """Every shipped file or link (not following links), generated files excluded."""
        for entry in BUNDLE_ENTRIES:
            top = self.root / entry
            if top.is_symlink() or top.is_file():
                yield top
            elif top.is_dir():
                for dirpath, dirnames, filenames in os.walk(top):
                    dirnames[:] = sorted(d for d in dirnames if d not in IGNORED_NAMES)
                    for name in sorted(filenames + [d for d in dirnames if os.path.islink(os.path.join(dirpath, d))]):
                        if name in IGNORED_NAMES or name.endswith(IGNORED_SUFFIXES):
                            continue
                        yield Path(dirpath) / name

    def rel(self, path: Path) -> str:
        return path.relative_to(self.root).as_posix()


def _split_frontmatter(text: str):
    """(mapping or None, line number after the closing ---, error or None)."""
    if not text.startswith("---\n"):
        return None, 0, "SKILL.md must start with a '---' line (LF line endings) opening the YAML frontmatter"
    end = text.find("\n---\n", 3)
    if end < 0:
        return None, 0, "SKILL.md frontmatter is not closed by a '---' line"
    raw = text[4:end]
    try:
        data = yaml.safe_load(raw)
    except yaml.YAMLError as exc:
        first = str(exc).splitlines()[0]
        return None, 0, f"SKILL.md frontmatter is not valid YAML: {first}"
    if not isinstance(data, dict):
        return None, 0, "SKILL.md frontmatter must be a YAML mapping"
    return data, raw.count("\n") + 3, None


# ---------------------------------------------------------------- rules

def rule_frontmatter_keys(b: Bundle):
    if not b.skill.is_file():
        yield b.skill, 0, "SKILL.md is missing"
        return
    if b.fm_error:
        yield b.skill, 1, b.fm_error
        return
    for key in sorted(set(b.frontmatter) - ALLOWED_KEYS, key=str):
        yield b.skill, 1, f"frontmatter key {key!r} is not one of the six portable keys ({', '.join(sorted(ALLOWED_KEYS))}); claude.ai and API uploads reject it"


def rule_name(b: Bundle):
    fm = b.frontmatter
    if fm is None:  # reported by rule_frontmatter_keys
        return
    name = fm.get("name")
    if not isinstance(name, str) or not name:
        yield b.skill, 1, "frontmatter 'name' is missing or not a string"
        return
    if len(name) > MAX_NAME:
        yield b.skill, 1, f"name is {len(name)} characters, at most {MAX_NAME} allowed"
    if not NAME_RE.match(name):
        yield b.skill, 1, f"name {name!r} must be lowercase a-z, 0-9 and single hyphens, not starting or ending with one"
    for word in RESERVED_WORDS:
        if word in name:
            yield b.skill, 1, f"name {name!r} contains the reserved word {word!r}"
    if name != b.folder_name:
        yield b.skill, 1, f"name {name!r} differs from the folder it installs as ({b.folder_name!r})"


def rule_description(b: Bundle):
    fm = b.frontmatter
    if fm is None:
        return
    desc = fm.get("description")
    if not isinstance(desc, str) or not desc.strip():
        yield b.skill, 1, "frontmatter 'description' is missing, empty or not a string"
        return
    if len(desc) > MAX_DESCRIPTION:
        yield b.skill, 1, f"description is {len(desc)} characters, at most {MAX_DESCRIPTION} allowed"
    if "<" in desc or ">" in desc:
        yield b.skill, 1, "description contains '<' or '>' (rejected by uploads as XML)"


def rule_optional_fields(b: Bundle):
    fm = b.frontmatter
    if fm is None:
        return
    comp = fm.get("compatibility")
    if comp is not None and (not isinstance(comp, str) or not 1 <= len(comp) <= MAX_COMPATIBILITY):
        yield b.skill, 1, f"compatibility must be a string of 1-{MAX_COMPATIBILITY} characters"
    if "license" in fm and not isinstance(fm["license"], str):
        yield b.skill, 1, "license must be a string"
    if "allowed-tools" in fm and not isinstance(fm["allowed-tools"], str):
        yield b.skill, 1, "allowed-tools must be a space-separated string"
    meta = fm.get("metadata")
    if meta is not None:
        if not isinstance(meta, dict) or not all(isinstance(k, str) and isinstance(v, str) for k, v in meta.items()):
            yield b.skill, 1, "metadata must be a map of strings to strings (quote numbers such as versions)"
        elif "version" in meta:
            # Stdlib tools and the installers read the version from this exact line.
            lines = [ln for ln in b.skill_text.splitlines()[: b.fm_end] if ln.startswith("  version:")]
            if len(lines) != 1 or not VERSION_LINE_RE.match(lines[0]) or VERSION_LINE_RE.match(lines[0]).group(1) != meta["version"]:
                yield b.skill, 1, 'metadata.version must be written on one line as:   version: "X.Y.Z"'


def rule_skill_budget(b: Bundle):
    if not b.skill.is_file():
        return
    lines = b.skill_text.count("\n")
    if lines > MAX_SKILL_LINES:
        yield b.skill, lines, f"SKILL.md has {lines} lines, at most {MAX_SKILL_LINES} allowed"
    body = b.skill_text.split("\n", b.fm_end)[-1] if b.fm_end else b.skill_text
    tokens = estimate_tokens(body)
    if tokens > MAX_SKILL_TOKENS:
        yield b.skill, 1, f"SKILL.md body is about {tokens} tokens, at most about {MAX_SKILL_TOKENS} allowed"


def estimate_tokens(text: str) -> int:
    """Rough token count (4 characters a token), the unit skill budgets use."""
    return (len(text) + 3) // 4


def rule_bundle_entries(b: Bundle):
    for entry in BUNDLE_ENTRIES:
        if not (b.root / entry).exists():
            yield b.root / entry, 0, f"the bundle needs {entry}"


def rule_files(b: Bundle):
    """LF only, no symlinks, no names that old installers drop, valid UTF-8 text."""
    for path in b.files():
        rel = b.rel(path)
        if path.is_symlink():
            yield path, 0, f"{rel} is a symlink; bundles must hold plain files (links break on Windows and in installers)"
            continue
        if any(part.startswith(("_", ".")) for part in Path(rel).parts):
            yield path, 0, f"{rel}: names starting with '_' or '.' are dropped by some installers"
        data = path.read_bytes()
        if b"\0" in data[:8192]:
            continue  # binary asset
        if b"\r" in data:
            line = data[: data.index(b"\r")].count(b"\n") + 1
            yield path, line, f"{rel} contains a CR byte (CRLF line endings); use LF only"
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield path, 0, f"{rel} is not valid UTF-8 ({exc.reason} at byte {exc.start})"


def rule_code_blocks(b: Bundle):
    """Example markers parse and sit on a python fence; no Python hides under another tag."""
    for path in b.docs:
        for block in parse_blocks(path, b.doc_text[path]):
            for error in block.errors:
                yield path, block.line, error
        for line in orphan_markers(path, b.doc_text[path]):
            yield path, line, "example marker is not on the line directly above a code fence"


def rule_path_mentions(b: Bundle):
    """Every bundle path a doc mentions exists with the exact case."""
    for path in b.docs:
        for lineno, line in enumerate(b.doc_text[path].splitlines(), 1):
            for match in PATH_MENTION_RE.finditer(line):
                mention = match.group(1).rstrip(".")
                if not exists_exact_case(b.root, mention):
                    yield path, lineno, f"mentions {mention}, which does not exist in the bundle (names are case-sensitive)"


def exists_exact_case(root: Path, rel: str) -> bool:
    here = root
    for part in Path(rel).parts:
        try:
            names = os.listdir(here)
        except OSError:
            return False
        if part not in names:
            return False
        here = here / part
    return True


def heading_slugs(text: str) -> list[str]:
    """GitHub's anchors for the headings of a Markdown text, in order."""
    tokens = _md.parse(text)
    slugs, seen = [], {}
    for i, token in enumerate(tokens):
        if token.type == "heading_open":
            inline = tokens[i + 1]
            plain = "".join(c.content for c in (inline.children or []) if c.type in ("text", "code_inline"))
            slug = re.sub(r"[^\w\- ]", "", plain.strip().lower()).replace(" ", "-")
            n = seen.get(slug, 0)
            seen[slug] = n + 1
            slugs.append(slug if n == 0 else f"{slug}-{n}")
    return slugs


def links(text: str) -> Iterator[tuple[int, str]]:
    """(line, target) of every Markdown link."""
    tokens = _md.parse(text)
    for token in tokens:
        if token.type != "inline" or not token.children:
            continue
        line = token.map[0] + 1 if token.map else 0
        for child in token.children:
            if child.type == "link_open":
                yield line, child.attrs.get("href", "")


def rule_links(b: Bundle):
    """Relative links resolve to a file (exact case) and, with #anchor, to a heading."""
    slug_cache: dict[Path, list[str]] = {}
    for path in b.docs:
        for line, href in links(b.doc_text[path]):
            if re.match(r"^[a-z][a-z0-9+.-]*:", href) or not href:
                continue  # external URL
            target_rel, _, anchor = href.partition("#")
            target = (path.parent / target_rel).resolve() if target_rel else path
            if target_rel:
                try:
                    rel = target.relative_to(b.root.resolve()).as_posix()
                except ValueError:
                    yield path, line, f"link {href!r} points outside the bundle"
                    continue
                if not exists_exact_case(b.root, rel):
                    yield path, line, f"link {href!r} points to a missing file (names are case-sensitive)"
                    continue
            if anchor and target.suffix == ".md":
                if target not in slug_cache:
                    slug_cache[target] = heading_slugs(target.read_text(encoding="utf-8", errors="replace"))
                if anchor not in slug_cache[target]:
                    yield path, line, f"link {href!r}: no heading with anchor #{anchor}"


def rule_references_linked(b: Bundle):
    if not b.skill.is_file():
        return
    targets = {href.partition("#")[0] for _, href in links(b.skill_text)}
    for ref in sorted((b.root / "references").glob("*.md")):
        if f"references/{ref.name}" not in targets:
            yield b.skill, 0, f"references/{ref.name} is not linked from SKILL.md"


def rule_table_of_contents(b: Bundle):
    for path in b.docs:
        if path == b.skill:
            continue
        text = b.doc_text[path]
        if text.count("\n") <= TOC_THRESHOLD:
            continue
        tokens = _md.parse(text)
        headings = [i for i, t in enumerate(tokens) if t.type == "heading_open" and t.tag in ("h2", "h3")]
        toc = [i for i in headings if re.search(r"\bcontents\b", tokens[i + 1].content, re.I)]
        if not toc:
            yield path, 1, f"{path.name} has over {TOC_THRESHOLD} lines and needs a '## Contents' table of contents"
            continue
        start = toc[0]
        if start != headings[0]:
            first = tokens[headings[0] + 1].content
            yield path, tokens[start].map[0] + 1, f"the Contents section must come first, before '{first}'"
        end = next((i for i in headings if i > start), len(tokens))
        anchors = [href for tok in tokens[start:end] if tok.type == "inline"
                   for child in (tok.children or []) if child.type == "link_open"
                   for href in [child.attrs.get("href", "")] if href.startswith("#")]
        if len(anchors) < 3:
            yield path, tokens[start].map[0] + 1, "the Contents section must link to the file's sections (#anchors)"


# SKILL.md sections whose every bullet is a claim an assistant applies without
# re-checking: each must link to the reference section that proves it.
PROVEN_SECTIONS_RE = re.compile(r"\b(core rules|gotchas)\b", re.I)


def rule_claims_link_proof(b: Bundle):
    """Each item of SKILL.md's core rules and gotchas links to a references/ anchor
    (rule_links checks that the anchor exists)."""
    if not b.skill.is_file():
        return
    tokens = _md.parse(b.skill_text)
    proven, depth, item = False, 0, None
    for i, tok in enumerate(tokens):
        if tok.type == "heading_open" and tok.tag == "h2":
            proven = bool(PROVEN_SECTIONS_RE.search(tokens[i + 1].content))
        elif not proven:
            continue
        elif tok.type == "list_item_open":
            depth += 1
            if depth == 1:
                item = {"line": tok.map[0] + 1 if tok.map else 0, "linked": False}
        elif tok.type == "list_item_close":
            if depth == 1 and item and not item["linked"]:
                yield b.skill, item["line"], "a core rule or gotcha without a link to its proof (references/FILE.md#anchor)"
            depth -= 1
        elif tok.type == "inline" and depth >= 1 and item:
            item["linked"] = item["linked"] or any(
                c.type == "link_open" and re.match(r"^references/[^#]+\.md#.+", c.attrs.get("href", ""))
                for c in tok.children or [])


RULES: list[Callable[[Bundle], Iterable]] = [
    rule_frontmatter_keys, rule_name, rule_description, rule_optional_fields, rule_skill_budget,
    rule_bundle_entries, rule_files, rule_code_blocks, rule_path_mentions, rule_links,
    rule_references_linked, rule_table_of_contents, rule_claims_link_proof,
]


def validate(root: Path, folder_name: str | None = None) -> list[str]:
    """Every problem of the bundle at `root`, one line each (empty when clean)."""
    bundle = Bundle(root, folder_name or root.name)
    problems = []
    for rule in RULES:
        for path, line, message in rule(bundle):
            try:
                where = path.relative_to(root).as_posix()
            except ValueError:
                where = str(path)
            problems.append(f"{where}:{line}: {message}" if line else f"{where}: {message}")
    return problems


def is_checkout(root: Path) -> bool:
    return (root / "tools" / "validate_skill.py").is_file()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="validate_skill.py",
        description="Check a skill bundle: frontmatter, names, budgets, line endings, links, examples' markers.",
        epilog="Exit status: 0 clean, 1 problems found (one line each), 2 usage error.",
    )
    parser.add_argument("dir", nargs="?", type=Path, default=Path(__file__).resolve().parent.parent,
                        help="bundle folder or repository checkout (default: this checkout)")
    parser.add_argument("--folder-name", help="folder name the skill is installed as "
                        f"(default: DIR's name; for a checkout, {BUNDLE_NAME})")
    parser.add_argument("--print-version", action="store_true", help="print metadata.version and exit")
    args = parser.parse_args(argv)
    root = args.dir.resolve()
    if not root.is_dir():
        print(f"validate_skill: {args.dir} is not a folder", file=sys.stderr)
        return 2
    if args.print_version:
        fm, _, err = _split_frontmatter((root / "SKILL.md").read_text(encoding="utf-8") if (root / "SKILL.md").is_file() else "")
        version = (fm or {}).get("metadata", {}).get("version") if fm else None
        if not version:
            print(f"validate_skill: no metadata.version in {root / 'SKILL.md'}" + (f" ({err})" if err else ""), file=sys.stderr)
            return 1
        print(version)
        return 0
    folder = args.folder_name or (BUNDLE_NAME if is_checkout(root) else root.name)
    problems = validate(root, folder)
    for line in problems:
        print(line)
    if problems:
        print(f"validate_skill: {len(problems)} problem(s) in {root}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
