"""Static checks for install.ps1 without PowerShell: the tree-sitter PowerShell
grammar (PyPI tree-sitter-powershell) for syntax, plus lints for what would
break under `irm | iex` or on Windows PowerShell 5.1."""
from __future__ import annotations

import tree_sitter
import tree_sitter_powershell

_PARSER = tree_sitter.Parser(tree_sitter.Language(tree_sitter_powershell.language()))

# Cmdlets that take wildcard paths with -Path: use -LiteralPath (user names with [ ] break -Path).
PATH_CMDLETS = {
    "get-item", "test-path", "remove-item", "copy-item", "move-item", "rename-item", "get-filehash",
    "get-childitem", "get-content", "set-content", "add-content", "out-file", "new-item",
}
FORBIDDEN_COMMANDS = {
    "expand-archive": "Expand-Archive (slow on 5.1, no entry checks): extract with System.IO.Compression",
    "write-output": "Write-Output feeds the caller's pipeline: use Write-Host",
    "set-executionpolicy": "Set-ExecutionPolicy: never touch the execution policy",
    "new-psdrive": "New-PSDrive leaks into the user's session",
}


def parse(data: bytes):
    return _PARSER.parse(data)


def _walk(node):
    yield node
    for child in node.children:
        yield from _walk(child)


def _line(data: bytes, node) -> int:
    return node.start_point[0] + 1


def parse_errors(data: bytes) -> list[str]:
    tree = parse(data)
    problems = []
    for node in _walk(tree.root_node):
        if node.type == "ERROR" or node.is_missing:
            snippet = data[node.start_byte:node.end_byte][:60].decode("utf-8", "replace")
            problems.append(f"parse error at line {_line(data, node)}: {node.type} {snippet!r}")
    return problems


def _masked(data: bytes, tree) -> str:
    """The source with strings and comments blanked out (same offsets)."""
    buf = bytearray(data)
    for node in _walk(tree.root_node):
        if node.type in ("string_literal", "comment"):
            for i in range(node.start_byte, node.end_byte):
                if buf[i] != 0x0A:
                    buf[i] = 0x20
    return buf.decode("utf-8", "replace")


def lint(data: bytes) -> list[str]:
    problems = []
    for i, b in enumerate(data):
        if b > 0x7E or (b < 0x20 and b not in (0x09, 0x0A, 0x0D)):
            problems.append(f"non-ASCII or control byte at offset {i}: Windows PowerShell 5.1 reads BOM-less files as ANSI")
            break
    tree = parse(data)
    root = tree.root_node
    masked = _masked(data, tree)
    for op, why in [("&&", "pipeline chain && is PowerShell 7 only"), ("||", "pipeline chain || is PowerShell 7 only"),
                    ("??", "?? is PowerShell 7 only"), ("?.", "?. is PowerShell 7 only"),
                    ("-Parallel", "ForEach-Object -Parallel is PowerShell 7 only")]:
        at = masked.find(op)
        if at >= 0:
            problems.append(f"line {masked.count(chr(10), 0, at) + 1}: {why} ({op})")
    functions = set()
    for node in _walk(root):
        if node.type == "function_statement":
            for child in node.children:
                if child.type == "function_name":
                    functions.add(data[child.start_byte:child.end_byte].decode().lower())
    for node in _walk(root):
        text = data[node.start_byte:node.end_byte].decode("utf-8", "replace")
        if node.type == "flow_control_statement" and text.lower().startswith("exit"):
            problems.append(f"line {_line(data, node)}: exit closes the user's window under irm | iex: throw instead")
        if node.type == "try_statement":
            kinds = {c.type for c in node.children}
            if not kinds & {"catch_clauses", "finally_clause"}:
                problems.append(f"line {_line(data, node)}: try without catch or finally")
        if node.type == "command":
            name_node = next((c for c in node.children if c.type == "command_name"), None)
            if name_node is None:
                continue
            name = data[name_node.start_byte:name_node.end_byte].decode().lower()
            if name in FORBIDDEN_COMMANDS:
                problems.append(f"line {_line(data, node)}: {FORBIDDEN_COMMANDS[name]}")
            if name == "exit":
                problems.append(f"line {_line(data, node)}: exit closes the user's window under irm | iex")
            if name in PATH_CMDLETS and "-LiteralPath" not in text:
                problems.append(f"line {_line(data, node)}: {name} without -LiteralPath: {text[:60]!r}")
            if name == "invoke-webrequest" and "-UseBasicParsing" not in text and "@" not in text:
                problems.append(f"line {_line(data, node)}: Invoke-WebRequest without -UseBasicParsing")
    if "Invoke-WebRequest" in masked and "UseBasicParsing" not in data.decode("utf-8", "replace"):
        problems.append("Invoke-WebRequest without UseBasicParsing (fails on 5.1 when IE was never started)")
    # top level: function definitions and exactly one final call of one of them
    stmts = [c for c in root.children if c.type != "comment"]
    body = []
    for s in stmts:
        body.extend(c for c in s.children if c.type != "comment") if s.type == "statement_list" else body.append(s)
    if not body:
        problems.append("top level: empty script")
        return problems
    *defs, last = body
    for d in defs:
        if d.type != "function_statement":
            problems.append(f"line {_line(data, d)}: top level statement outside the function: "
                            f"{data[d.start_byte:d.end_byte][:50].decode('utf-8', 'replace')!r}")
    last_text = data[last.start_byte:last.end_byte].decode("utf-8", "replace").strip()
    if last.type != "pipeline" or last_text.lower() not in functions:
        problems.append(f"top level: the last statement must be one call of the installer function, got {last_text[:50]!r}")
    if "Set-StrictMode" not in masked or "$ErrorActionPreference = 'Stop'" not in data.decode("utf-8", "replace"):
        problems.append("strict mode and $ErrorActionPreference must be set inside the function")
    return problems
