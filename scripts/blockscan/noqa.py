"""`# noqa` comments: which lines silence which codes (the scanner's and
the loop watcher's), without the scanner's analysis."""
import ast
import bisect
import io
import re
import tokenize

NOQA_RE = re.compile(rb"#\s*noqa(?::[ \t]*([A-Za-z0-9, \t]+))?", re.I)
CODE_RE = re.compile(r"[A-Z]+[0-9]+")


def noqa_map(data, tree=None):
    """line -> None (bare noqa: every code) or a frozenset of codes/prefixes.

    Only comments count: `"# noqa"` inside a string must not silence a
    finding. The regex finds candidate lines (few files have any). A `#` that
    no string literal of the AST covers starts a comment, which settles most
    candidates at the cost of one walk of the tree; tokenize (as slow as the
    parse itself) runs only when a candidate sits inside a literal's span,
    where implicit concatenation across lines can hide a real comment."""
    if b"noqa" not in data and b"NOQA" not in data:
        return {}
    cands = {}
    for i, line in enumerate(data.splitlines(), 1):
        if NOQA_RE.search(line):
            cands[i] = line
    if not cands:
        return {}
    spans = _string_spans(tree, cands) if tree is not None else None
    out = {}
    for ln, line in cands.items():
        for m in NOQA_RE.finditer(line):
            if spans is None or any(a <= m.start() < b for a, b in spans.get(ln, ())):
                return _noqa_from_comments(data)  # ambiguous: ask the tokenizer
            out[ln] = _noqa_codes(m)
            break
    return out


def _noqa_codes(m):
    codes = m.group(1)
    found = CODE_RE.findall(codes.decode("ascii", "replace").upper()) if codes else None
    return frozenset(found) if found else None


_DECORATED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)  # decorators sit above `lineno`


def _string_spans(tree, lines):
    """line -> [(start, end) byte columns covered by a string literal], for `lines` only.

    A node's children lie inside its line span, so a subtree with no wanted
    line is skipped: the walk follows only the paths to the few noqa lines."""
    wanted = sorted(lines)
    spans = {}
    stack = [tree]
    while stack:
        for child in ast.iter_child_nodes(stack.pop()):
            first = getattr(child, "lineno", None)
            if first is not None and not isinstance(child, _DECORATED):
                last = child.end_lineno or first
                i = bisect.bisect_left(wanted, first)
                if i == len(wanted) or wanted[i] > last:
                    continue
                if type(child) is ast.JoinedStr or (type(child) is ast.Constant and type(child.value) in (str, bytes)):
                    for ln in wanted[i:bisect.bisect_right(wanted, last)]:
                        spans.setdefault(ln, []).append(
                            (child.col_offset if ln == first else 0,
                             child.end_col_offset if ln == last and child.end_col_offset is not None else 1 << 30))
                    continue
            stack.append(child)
    return spans


def _noqa_from_comments(data):
    out = {}
    for line, text in _comments(data):
        m = NOQA_RE.search(text.encode("utf-8", "replace"))
        if m:
            out[line] = _noqa_codes(m)
    return out


def _comments(data):
    """(line, text) of every comment token. The file already parsed, so
    tokenize only fails on oddities it handles differently from the parser;
    then every line is treated as comment text (the old, looser reading)."""
    try:
        return [(tok.start[0], tok.string) for tok in tokenize.tokenize(io.BytesIO(data).readline)
                if tok.type == tokenize.COMMENT]
    except (tokenize.TokenError, SyntaxError, UnicodeDecodeError, ValueError):
        return [(i, line.decode("utf-8", "replace")) for i, line in enumerate(data.splitlines(), 1)]
