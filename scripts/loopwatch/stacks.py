"""Stacks: capture a loop thread's frames, tell project code from library
code, and find where an event belongs and what blocked.

A captured stack is a tuple of (code, line, lasti), leaf first, cut at the
frame that entered the loop (run_forever, or the caller of uvloop's
run_until_complete), so the loop's own entry frames never count.

The anchor is the frame a fix goes in, like the scanner's finding: the
innermost coroutine or loop callback (a function the loop machinery calls),
or the first project frame leafward of it; when that segment has no project
frame, the nearest project frame below it (a project coroutine awaiting a
library coroutine that blocks). The primitive is the outermost catalogued
call leafward of the anchor, else the C function the leaf frame is calling.
Route digit: 0 when the anchor calls the primitive itself, 1 through further
sync frames (scanner-design.md).
"""
import dis
import inspect
import os
import site
import sys
import sysconfig
import types

from loopwatch import names

CORO_FLAGS = inspect.CO_COROUTINE | inspect.CO_ITERABLE_COROUTINE | inspect.CO_ASYNC_GENERATOR
PROJECT, LIBRARY, MACHINERY = "project", "library", "machinery"
HERE = os.path.dirname(os.path.abspath(__file__))

# Modules whose frames between an anchor and a blocking call make the call
# safe or not the project's: asyncio runs executors and subprocess transports
# itself, Thread.start waits for its own thread's start, logging, tracebacks
# and warnings read source and write handlers by design, test and coverage
# tools are not the code under test.
SAFE_MODULES = frozenset({
    "asyncio", "uvloop", "selectors", "threading", "concurrent.futures.thread", "logging",
    "linecache", "traceback", "warnings", "tokenize", "_pytest", "pytest", "pluggy",
    "coverage", "pydevd", "_pydevd_bundle", "loopwatch"})


def is_safe_module(module):
    while module:
        if module in SAFE_MODULES:
            return True
        module = module.rpartition(".")[0]
    return False


def _norm(path):
    return os.path.normcase(os.path.abspath(path))


def library_dirs():
    """Folders whose files are library code: the stdlib and every site dir."""
    dirs = set()
    for key in ("stdlib", "platstdlib", "purelib", "platlib"):
        p = sysconfig.get_paths().get(key)
        if p:
            dirs.add(_norm(p))
    try:
        dirs.update(_norm(p) for p in site.getsitepackages())
    except AttributeError:  # old virtualenv's site.py
        pass
    user = getattr(site, "getusersitepackages", lambda: None)()
    if user:
        dirs.add(_norm(user))
    return tuple(sorted(d.rstrip(os.sep) + os.sep for d in dirs))


def machinery_files():
    import asyncio
    import selectors
    # normcase'd like the paths they are compared with (Windows: lower case)
    files = {_norm(os.path.dirname(asyncio.__file__)) + os.sep, _norm(selectors.__file__), _norm(HERE) + os.sep}
    return tuple(sorted(files))


class Places:
    """Classifies code objects as project, library or loop machinery (cached)."""

    def __init__(self, project_roots):
        self.roots = tuple(_norm(r).rstrip(os.sep) + os.sep for r in project_roots)
        self.library = library_dirs()
        self.machinery = machinery_files()
        self.cache = {}
        self.safe_cache = {}
        # library files show relative to the import path entry that holds them
        self.import_roots = sorted({_norm(p).rstrip(os.sep) + os.sep for p in sys.path if p and os.path.isabs(p)}
                                   | set(self.library), key=len, reverse=True)

    def kind(self, code):
        filename = code.co_filename
        k = self.cache.get(filename)
        if k is None:
            k = self.cache[filename] = self._kind(filename)
        return k

    def _kind(self, filename):
        if filename.startswith("<"):
            return LIBRARY
        path = _norm(filename)
        parts = path.split(os.sep)
        if any(path.startswith(m) or path == m for m in self.machinery) or "uvloop" in parts[-2:-1]:
            return MACHINERY
        if "site-packages" in parts or "dist-packages" in parts or path.startswith(self.library):
            return LIBRARY
        if path.startswith(self.roots):
            return PROJECT
        return LIBRARY

    def safe(self, code):
        """Whether a frame is in one of SAFE_MODULES: what it calls is not
        the program's blocking call (Thread.start waiting for its thread,
        a logging handler writing)."""
        filename = code.co_filename
        hit = self.safe_cache.get(filename)
        if hit is None:
            hit = self.safe_cache[filename] = self.kind(code) == LIBRARY and is_safe_module(self.module_of(filename))
        return hit

    def module_of(self, filename):
        """The dotted module name of a library file, from its import path entry ("" if unknown)."""
        path = _norm(filename)
        for root in self.import_roots:
            if path.startswith(root):
                rel = os.path.splitext(path[len(root):])[0].replace(os.sep, ".")
                return rel[:-len(".__init__")] if rel.endswith(".__init__") else rel
        return ""

    def display(self, filename):
        """A path relative to the first project root that holds it, else as is."""
        if filename.startswith("<"):
            return filename
        path = _norm(filename)
        for root in self.roots:
            if path.startswith(root):
                return os.path.relpath(os.path.abspath(filename), root[:-1]).replace(os.sep, "/")
        for root in self.import_roots:
            if path.startswith(root):
                return os.path.relpath(os.path.abspath(filename), root[:-1]).replace(os.sep, "/")
        return filename


def capture(frame, base, limit=200):
    """(frames, entries): the live frames and their (code, line, lasti), leaf first."""
    frames, entries = [], []
    while frame is not None and frame is not base and len(entries) < limit:
        frames.append(frame)
        entries.append((frame.f_code, frame.f_lineno or frame.f_code.co_firstlineno, frame.f_lasti))
        frame = frame.f_back
    return frames, tuple(entries)


def qualname(code):
    return getattr(code, "co_qualname", code.co_name)


class Analysis:
    """Where one stack belongs: the anchor, the leaf and the loop-code frame,
    as indices into `entries` (leaf first), with each frame's kind and
    whether it is in a safe module (Places.safe)."""
    __slots__ = ("entries", "kinds", "loop_index", "anchor", "leaf", "safe")

    def __init__(self, entries, kinds, loop_index, anchor, leaf, safe):
        self.entries = entries
        self.kinds = kinds
        self.loop_index = loop_index
        self.anchor = anchor
        self.leaf = leaf
        self.safe = safe

    def with_leaf(self, leaf):
        return Analysis(self.entries, self.kinds, self.loop_index, self.anchor, leaf, self.safe)

    def through_safe(self, i):
        """Whether a frame in a safe module stands between the anchor and frame i."""
        return any(self.safe[j] for j in range(i + 1, self.anchor))


def locate(entries, places):
    """Anchor and loop-code indices of a leaf-first stack, or None when every
    frame is loop machinery (the loop is idle in its selector or in its own code)."""
    kinds = [places.kind(e[0]) for e in entries]
    n = len(entries)
    loop_index = None
    for i in range(n):
        if kinds[i] == MACHINERY:
            continue
        if entries[i][0].co_flags & CORO_FLAGS or i + 1 == n or kinds[i + 1] == MACHINERY:
            loop_index = i
            break
    if loop_index is None:
        return None
    anchor = next((i for i in range(loop_index, -1, -1) if kinds[i] == PROJECT), None)
    if anchor is None:
        anchor = next((i for i in range(loop_index + 1, n) if kinds[i] == PROJECT), loop_index)
    leaf = next((i for i in range(n) if kinds[i] != MACHINERY or i >= anchor), 0)
    return Analysis(entries, kinds, loop_index, anchor, leaf, [places.safe(e[0]) for e in entries])


OURS = _norm(HERE) + os.sep


def is_ours(code):
    return _norm(code.co_filename).startswith(OURS)


def direct(a, i):
    """Whether frame i is called by the anchor itself (loop machinery, such as
    a guard wrapper, in between does not count)."""
    return all(a.kinds[j] == MACHINERY for j in range(i + 1, a.anchor))


IMPORT_MACHINERY = ("<frozen importlib._bootstrap>", "<frozen importlib._bootstrap_external>")


def outer_catalogued(a, index):
    """(i, name) of the outermost catalogued frame leafward of the anchor; a
    frame of the import machinery is an import (`builtins.__import__`: an
    import statement or __import__; importlib.import_module has its own
    frame). None past a frame in a safe module."""
    for i in range(a.anchor - 1, -1, -1):
        if a.kinds[i] == MACHINERY:
            continue
        code = a.entries[i][0]
        name = index.name_of_code(code)
        if name is not None:
            return i, name
        if code.co_filename in IMPORT_MACHINERY:
            return i, "builtins.__import__"
        if a.safe[i]:
            return None      # what a safe module calls is its own business
    return None


# ---- the C function a frame is calling -------------------------------------
CALL_OPS = {"CALL", "CALL_FUNCTION", "CALL_METHOD", "CALL_FUNCTION_KW", "CALL_KW", "CALL_FUNCTION_EX"}
ROOT_OPS = ("LOAD_FAST", "LOAD_DEREF", "LOAD_GLOBAL", "LOAD_NAME", "LOAD_CLASSDEREF")
ATTR_OPS = ("LOAD_ATTR", "LOAD_METHOD")
SKIP_OPS = {"PRECALL", "KW_NAMES", "EXTENDED_ARG", "NOP", "CACHE", "PUSH_NULL"}
JUMPS = set(dis.hasjrel) | set(dis.hasjabs)
_instr_cache = {}


def _instructions(code):
    ins = _instr_cache.get(code)
    if ins is None:
        ins = _instr_cache[code] = list(dis.get_instructions(code))
        if len(_instr_cache) > 4096:
            _instr_cache.clear()
    return ins


def _items_above_callable(ins):
    """Stack items the call instruction takes above its callable expression."""
    op, arg = ins.opname, ins.arg or 0
    if op in ("CALL", "CALL_FUNCTION", "CALL_METHOD"):
        return arg
    if op in ("CALL_FUNCTION_KW", "CALL_KW"):
        return arg + 1
    if op == "CALL_FUNCTION_EX":
        return 1 + (arg & 1 if sys.version_info < (3, 14) else 1)
    return None


def callee_expression(code, lasti):
    """(root op, root name, [attrs]) of the callable called at lasti, or None.

    Walks back over the argument instructions with their stack effects; gives
    up on anything with a jump in between (conditional arguments)."""
    try:
        ins = _instructions(code)
    except Exception:
        return None
    idx = next((i for i, x in enumerate(ins) if x.offset == lasti), None)
    if idx is None or ins[idx].opname not in CALL_OPS:
        return None
    need = _items_above_callable(ins[idx])
    if need is None:
        return None
    i, acc = idx - 1, 0
    while i >= 0 and acc < need:
        x = ins[i]
        if x.opcode in JUMPS or x.is_jump_target:
            return None
        if x.opname not in SKIP_OPS:
            try:
                acc += dis.stack_effect(x.opcode, x.arg if x.opcode >= dis.HAVE_ARGUMENT else None, jump=False)
            except (ValueError, TypeError):
                return None
        i -= 1
    if acc != need:
        return None
    while i >= 0 and ins[i].opname in SKIP_OPS:
        i -= 1
    attrs = []
    while i >= 0 and ins[i].opname in ATTR_OPS:
        attrs.insert(0, ins[i].argval)
        i -= 1
    if i < 0 or not ins[i].opname.startswith(ROOT_OPS) or "LOAD_FAST_LOAD_FAST" == ins[i].opname:
        return None
    return ins[i].opname, ins[i].argval, attrs


def callee(frame, index):
    """Catalogue name of the C function `frame` is calling, or None."""
    expr = callee_expression(frame.f_code, frame.f_lasti)
    if expr is None:
        return None
    op, root, attrs = expr
    if op.startswith(("LOAD_GLOBAL", "LOAD_NAME")):
        obj = frame.f_globals.get(root, names.MISSING)
        if obj is names.MISSING:
            b = frame.f_globals.get("__builtins__")
            b = vars(b) if isinstance(b, types.ModuleType) else b
            obj = b.get(root, names.MISSING) if isinstance(b, dict) else names.MISSING
    else:
        try:
            obj = frame.f_locals.get(root, names.MISSING)
        except Exception:
            return None
    owner = None
    for attr in attrs:
        if obj is names.MISSING:
            return None
        owner, obj = obj, names.static_attr(obj, attr)
    if obj is names.MISSING:
        return None
    if owner is not None and not isinstance(owner, (types.ModuleType, type)):
        found = index.name_of_attribute(owner, attrs[-1])
        if found is not None:
            return found
    obj = names.unwrap(obj)
    found = index.name_of_object(obj)
    if found is None:
        original = getattr(obj, "__loopwatch_original__", None)
        if original is not None:
            found = index.name_of_object(original)
    # only catalogued (or declared) calls name a stall: a sample lands where
    # the thread lets the watchdog in, often just after a cheap builtin call
    # in a hot loop, so an uncatalogued callee would be a guess
    return found
