"""Per-file pass: parse one file and reduce it to a small picklable summary.

The summary lists, per function, the blocking calls found directly in it and
the calls to other functions (targets for the call graph), each with its
position. Names are resolved through the file's imports and bindings here;
what lives in other files is resolved by graph.py. The AST is dropped before
returning, so memory stays proportional to the summaries.
"""
import ast
import os
import re
import sys
import zlib

from blockscan import catalogue
from blockscan.noqa import _noqa_from_comments, noqa_map  # noqa: F401 (their old home: analyze.noqa_map)

CAT = catalogue.load()
RETURNS = catalogue.RETURNS
ALIASES = catalogue.ALIASES
ATTRS = catalogue.ATTRS
BUILTINS = frozenset(dir(__import__("builtins")))
# builtins whose calls need no call site: they do no I/O, call no function
# given to them, and their results are not typed (open, input, __import__,
# the iterating and eager ones and sorted/list/... are not here)
PLAIN_BUILTINS = frozenset(n for n in BUILTINS if not n.startswith("_")) - {
    "open", "input", "next", "list", "tuple", "set", "frozenset", "sorted", "len", "sum", "any", "all", "dict",
    "max", "min", "map", "filter", "reversed", "iter", "enumerate", "zip", "super", "exec", "eval", "compile",
    "breakpoint", "help", "exit", "quit", "vars", "getattr", "setattr", "hasattr", "delattr"}
# `except A, B:` / `except* A, B:` (3.14, PEP 758): the types, without parentheses
_UNPARENTHESIZED_EXCEPT = re.compile(rb"^([ \t]*except\*?[ \t]+)(?![ \t(])([^\n:#()]+?,[^\n:#()]*?)([ \t]*:)", re.M)
NEWER_SYNTAX_RE = re.compile(
    r"^\s*(match|case)\s.*:\s*$|except\s*\*|^\s*type\s+\w+.*=|^\s*(async\s+)?def\s+\w+\s*\[|^\s*class\s+\w+\s*\["
    # 3.14: `except A, B:` without parentheses (PEP 758), t-strings (PEP 750)
    r"|^\s*except\s*\*?\s*[\w.]+(\s*,\s*[\w.]+)+\s*:|(?<![\w'\"])([tT][rR]?|[rR][tT])['\"]",
    re.M)

# Top-level modules the catalogue knows: calling one of their classes gives an
# instance of that class. Calling any other imported name gives "q.()", an
# instance of whatever q turns out to be (resolved by graph.py across files).
KNOWN_ROOTS = frozenset(q.partition(".")[0] for q in list(CAT) + list(RETURNS)) | {"builtins"}

# Expression fields that can hold sub-expressions, per node type (filled lazily).
EXPR_FIELDS = {}
# ... for the expression types Analyzer.expr has no case of its own for.
_OWN_CASES = {"Name", "Constant", "Call", "Await", "Attribute", "BoolOp", "IfExp", "Lambda", "NamedExpr",
              "GeneratorExp", "ListComp", "SetComp", "DictComp", "Subscript"}
_LEGACY = {"Num", "Str", "Bytes", "NameConstant", "Ellipsis"}  # deprecated aliases of Constant (not in trees)
GENERIC_FIELDS = {
    t: tuple(f for f in t._fields if f not in ("ctx", "op", "ops", "type_comment"))
    for t in (getattr(ast, name) for name in dir(ast) if name not in _LEGACY and not name.startswith("_"))
    if isinstance(t, type) and issubclass(t, ast.expr) and t is not ast.expr and t.__name__ not in _OWN_CASES
}

# A site is one call (or `with` enter/exit) inside a function.
KIND_CALL, KIND_ENTER, KIND_EXIT, KIND_ITER, KIND_IMPORT, KIND_GET = 0, 1, 2, 3, 4, 5
# `obj.attr = v` / `del obj.attr`: runs a property setter / deleter when attr is one
KIND_SET, KIND_DEL = 6, 7
# `obj[key]`, `obj[key] = v`, `del obj[key]` on an object of a class of the program or a package
KIND_INDEX = 8
INDEX_SUFFIX = {ast.Load: ".__getitem__", ast.Store: ".__setitem__", ast.Del: ".__delitem__"}
ACCESS = {KIND_GET: "get", KIND_SET: "set", KIND_DEL: "del"}
_ACCESSES = frozenset(ACCESS.values())
SUFFIX = {KIND_ENTER: ".__enter__", KIND_EXIT: ".__exit__", KIND_ITER: ".__iter__"}
# Builtins that iterate their first argument right away (next(): up to its first item).
CONSUMERS = frozenset({"builtins.next", "builtins.list", "builtins.tuple", "builtins.set", "builtins.sorted", "builtins.len",
                       "builtins.sum", "builtins.any", "builtins.all", "builtins.dict", "builtins.max", "builtins.min"})
UNCOND, NEVER = -1, -2
MEMORY_TYPES = frozenset({"io.BytesIO", "io.StringIO"})
PROPERTY_ACCESSORS = (("fget", ""), ("fset", ".<setter>"), ("fdel", ".<deleter>"))  # property(fget, fset, fdel)
TYPEVARS = frozenset({"typing.TypeVar.()", "typing_extensions.TypeVar.()"})  # what `T = TypeVar("T")` binds T to
_MISSING = object()
_IN_PROGRESS = object()
_EXITS = (ast.Return, ast.Raise)
_LEAVES = (ast.Name, ast.Constant)  # expressions expr() has nothing to walk in (callers skip the call)
_SIMPLE_STATEMENTS = (ast.Expr, ast.Assign, ast.AnnAssign, ast.AugAssign)  # no branch inside
_MEMBERSHIP = (ast.In, ast.NotIn)
# statements whose bodies hold statements (memo fills are looked for there)
_BLOCKS = tuple(t for t in (ast.If, ast.For, ast.While, ast.With, ast.Try, ast.ExceptHandler,
                            getattr(ast, "TryStar", None), ast.AsyncWith, ast.AsyncFor) if t is not None)
DECORATOR_NAMES = frozenset(q.rpartition(".")[2] for q in catalogue.DECORATORS)
# decorators no framework uses to mark loop callbacks (not kept in summaries)
# subscripted annotations whose base says nothing about the object (containers,
# typing forms): only those handled by name in ann_type give a type
_NOT_GENERIC_CLASSES = ("builtins.", "typing.", "typing_extensions.", "collections.", "types.")
PLAIN_DECORATORS = ("builtins.", "functools.", "typing.", "abc.", "contextlib.", "dataclasses.", "enum.",
                    "unittest.", "pytest.", "typing_extensions.", "asyncio.")
LOOP_METHOD_NAMES = frozenset().union(*catalogue.LOOP_METHODS.values())
PROPERTY_NAMES = frozenset(q.rpartition(".")[2] for q in catalogue.PROPERTY_DECORATORS)
REGISTRAR_ARG = dict(catalogue.LOOP_REGISTRARS)
REGISTRAR_ARG.update((q.rpartition(".")[2], i) for q, i in catalogue.LOOP_REGISTRARS_TYPED.items())
SELF_REGISTRAR_NAMES = {}  # name -> the base modules whose classes have it (its callback's index: REGISTRAR_ARG)
for _prefix, _names in catalogue.SELF_REGISTRARS.items():
    for _name, _i in _names.items():
        SELF_REGISTRAR_NAMES[_name] = SELF_REGISTRAR_NAMES.get(_name, ()) + (_prefix,)
        REGISTRAR_ARG.setdefault(_name, _i)
DECORATED_TYPES = frozenset(catalogue.DECORATORS.values())


# methods not run on an instance whose __init__ has run
NOT_ON_INSTANCE = frozenset({"__init__", "__new__", "__init_subclass__", "__class_getitem__", "__set_name__"})


def _with_parents(mods):
    """`import a.b.c` loads a and a.b too."""
    out = []
    for m in mods:
        while m:
            out.append(m)
            m = m.rpartition(".")[0]
    return out


def _import_mods(an, st):
    """The modules an import statement loads (when it succeeds)."""
    if type(st) is ast.Import:
        return _with_parents(a.name for a in st.names)
    base = an.from_base(st)
    if not base:
        return []
    return _with_parents([base]) + [base + "." + a.name for a in st.names if a.name != "*"]


def _add_loaded(loaded, mods):
    """Analyzer.loaded with `mods` added."""
    old, cls = loaded if loaded is not None else ((), None)
    new = tuple(sorted(set(old).union(mods)))
    return (new, cls) if new or cls else None


def _norm(q):
    if q in ALIASES:
        return ALIASES[q]
    for i in range(q.count("."), 0, -1):
        pre = q.rsplit(".", i)[0]
        if pre in ALIASES:
            return ALIASES[pre] + q[len(pre):]
    return q


_NORMED = {}  # name -> _norm(name)


def cat_get(q):
    """Catalogue entry of a resolved name (`T.*` rows match every public method)."""
    e = CAT.get(q)
    if e is not None:
        return e
    e = _CAT_STAR.get(q, False)
    if e is False:  # (memo: the same names come back in every file)
        e = None
        t, _, m = q.rpartition(".")
        if t and m and not m.startswith("_"):
            e = CAT.get(t + ".*")
            if e is not None and q in catalogue.NONBLOCKING:
                e = None
        _CAT_STAR[q] = e
    return e


_CAT_STAR = {}  # name -> its `T.*` row or None (cleared when the catalogue grows)


def cat_entry(q):
    """cat_get, and the `import` row for an import statement (`import pkg.mod`,
    `from pkg import name`), for the names findings report."""
    if q.startswith(IMPORT_PREFIXES):
        return CAT["import"]
    return cat_get(q)


IMPORT_PREFIXES = ("import ", "from ")


def configure(extra):
    """Add user-declared blocking calls: {qualified name: (code, why, replacement)}."""
    CAT.update(extra)
    _CAT_STAR.clear()


class Scope:
    __slots__ = ("kind", "qual", "parent", "assigns", "fixed", "declared", "cls", "self_name", "cache", "rec")

    def __init__(self, kind, qual, parent, cls=None, rec=None):
        self.kind = kind          # "module", "class", "function"
        self.qual = qual          # dotted qualified name of the scope
        self.parent = parent
        self.assigns = {}         # name -> list of value nodes (None = unknown)
        self.fixed = {}           # name -> ("sym", q) | ("inst", T) | None: imports, defs, params
        self.declared = {}        # name -> "global" | "nonlocal"
        self.cls = cls            # ClassInfo for methods
        self.self_name = None     # "self" param name in methods
        self.cache = {}
        self.rec = rec            # FuncRec for function scopes


class ClassInfo:
    __slots__ = ("qual", "scope", "attrs", "bases", "cache")

    def __init__(self, qual, scope):
        self.qual = qual
        self.scope = scope
        self.cache = {}
        self.attrs = {}           # attribute -> list of (value node, scope) or ("ann", node, scope)
        self.bases = []


# d.pop(key, default) / d.get / d.setdefault on a receiver of unknown type
# (kwargs, an options dict): typed as the default
DEFAULTED_GETS = frozenset(("pop", "get", "setdefault"))


def _defaulted_get(call):
    """`x.pop(key, default)` / `.get` / `.setdefault` (DEFAULTED_GETS)."""
    f = call.func
    return type(f) is ast.Attribute and f.attr in DEFAULTED_GETS and len(call.args) == 2


class FuncRec:
    __slots__ = ("qual", "is_async", "line", "sites", "scope", "offloaded", "returns", "values", "rtype", "params",
                 "kwarg", "consts", "refs", "errors")

    def __init__(self, qual, is_async, line, scope):
        self.qual = qual
        self.is_async = is_async
        self.line = line
        self.sites = []
        self.scope = scope
        self.params = None        # parameter name -> (position among the explicit arguments, default kind)
        self.kwarg = None         # name of the **kwargs parameter
        self.consts = None        # parameter name -> its default when a str/int constant (equality guards)
        self.refs = None          # parameter name -> its default when a name (`factory=Store`, `sleep=time.sleep`)
        self.errors = None        # (first line, last line) of its error paths (an installed package's: see error_paths)


class Site:
    __slots__ = ("node", "scope", "parent", "cond", "awaited", "kind", "res", "nb", "ctx", "value", "loaded", "before")

    def __init__(self, node, scope, parent, cond, awaited, kind, nb=False, ctx=None, loaded=None, before=()):
        self.nb = nb              # inside `try: ... except BlockingIOError`
        self.ctx = ctx            # None, or (once, guards): see Analyzer.ctx
        self.node = node
        self.scope = scope
        self.parent = parent      # enclosing Site whose arguments contain this call
        self.cond = cond          # UNCOND, NEVER, or a Site that must be an eager caller
        self.awaited = awaited
        self.kind = kind
        self.res = None
        self.loaded = loaded      # modules loaded before it runs: see Analyzer.loaded
        self.before = before      # (an import) the calls its function made before it, unconditionally: see Analyzer.before


class Analyzer:
    def __init__(self, modname, is_pkg, installed=False):
        self.modname = modname
        self.installed = installed  # an installed package's module: built for this platform (see platform_truth)
        self.package = modname if is_pkg else modname.rpartition(".")[0]
        self.funcs = []
        self.classes = []
        self.pending = []
        self.local_defs = set()   # qualified names of classes defined in this file
        self.class_infos = {}     # qualified name -> ClassInfo of the classes of this file
        self.nb_depth = 0         # > 0 inside a try body that catches BlockingIOError
        self.recs = {}            # qualified name -> FuncRec
        self.calls_by_name = {}   # called name -> [(Call node, scope)], for parameter types
        self.ptypes = {}          # (function, parameter) -> type inferred from this file's calls
        self.bound_calls = {}     # id(Call) -> (name, its function's body) for `name = call(...)`
        # (once, guards) of the code being walked, None when neither: `once` when
        # it sits behind a memo that makes it run on the first call only
        # (`if _ctx is None: _ctx = ...`), `guards` the parameters that, given
        # a value other than None, make it dead (`if session is None: ...`)
        self.ctx = None
        self.typing_only = 0      # > 0 inside `if TYPE_CHECKING:`
        self.mimports = set()     # modules imported at module level (at import time)
        self.warm = []            # (callee, argument key) of calls made at import time
        self.loopcb = []          # (Site of a loop registrar, callback node, scope)
        self.loop_lambdas = []    # quals of lambdas given to loop registrars
        self.getattr_lambdas = {}  # C.__getattr__ -> the lambda it returns (a function of its own)
        self.props = {}           # property getter qual -> decorator kind
        self.cached = {}          # qual -> decorator kind (functools.cache, lru_cache, cached_property)
        self.decos = {}           # sync function qual -> resolved decorator names
        self.drained = set()      # ids of q.get() calls made just after a test that q is not empty
        self.abstract = {}        # sync method qual -> whether its body only declares it (see stub_method)
        self.prop_names = set()   # names of the properties the classes of this file define
        self.prop_calls = []      # (property, decorator, {"" / ".<setter>" / ".<deleter>": method}): x = property(f, g)
        self.set_names = set()    # ... of those with a setter or a deleter
        self.xattrs = {}          # (type, attribute) -> [value types] set on objects of other classes
        self.dropped_lambdas = []
        self.cut = 0              # recursion guards hit (binding): results computed meanwhile are not cached
        self.depth = 0
        self.xraw = []            # (receiver, attribute, value, scope) of `obj.attr = T(...)`, obj not self
        self.stars = []           # modules this module imports * from, at module level
        # Modules certainly loaded when a statement of the function being
        # walked runs (an import there of one of them is a sys.modules
        # lookup): (modules, class) or None. `modules`: those the function's
        # own top-level import statements walked so far load, plus those
        # loaded where an enclosing function defined it; `class`: for a
        # method run on an instance, its class, whose __init__ (see
        # init_imports) ran before any such method could (graph.py checks
        # that every subclass runs that __init__).
        self.loaded = None
        self.top_body = None      # the statements of the function being walked (not nested blocks)
        # The calls the top-level simple statements of the function being
        # walked made so far, as (Sites, n): the first n Sites of its list
        # (one list per function, one pair per statement that adds to it:
        # each statement's own tuple of all the calls before it made long
        # functions quadratic); () before the first
        self.before = ()
        self.before_calls = []
        self.before_lists = []    # every function's before_calls (summarize empties them: Site <-> list cycles)
        self.collecting = None    # the FuncRec whose unconditional calls go to before_calls (see body)
        self.top_facts = {}       # function qual -> (its top-level imports, Sites of its top-level calls)
        self.def_loaded = {}      # def node -> Analyzer.loaded where it is defined
        self.init_imports = {}    # class -> modules its __init__'s leading import statements load
        self.init_super = {}      # class -> its __init__ runs the base __init__ before anything else
        self.mode_calls = []      # (FuncRec, Site) of the calls x.setblocking(...) / x.settimeout(...)

    # ---- walking -------------------------------------------------------
    def run(self, tree):
        mod = Scope("module", self.modname, None)
        self.module_scope = mod
        self.body(tree.body, mod, None, None, UNCOND)
        # in source order: of two defs of one name the later one wins, as at run time
        i = 0
        while i < len(self.pending):
            node, scope = self.pending[i]
            i += 1
            self.function(node, scope)

    def body(self, stmts, scope, rec, parent, cond):
        if rec is None:
            for st in stmts:
                self.stmt(st, scope, rec, parent, cond)
            return
        if self.installed and stmts:
            self.error_paths(stmts, rec)
        saved = self.ctx
        stmt = self.stmt
        top = stmts is self.top_body
        for i, st in enumerate(stmts, 1):
            t = type(st)
            if top and t in _SIMPLE_STATEMENTS and cond == UNCOND and self.ctx is None:
                # calls made before whatever follows (an import after `gw = Gateway()`,
                # whose constructor imported the module: see graph.Program.surely_imports):
                # call() adds those of this statement to before_calls
                calls = self.before_calls
                n = len(calls)
                self.collecting = rec
                stmt(st, scope, rec, parent, cond)
                self.collecting = None
                if len(calls) > n:
                    self.before = (calls, len(calls))  # (a new pair: the sites before keep theirs)
            else:
                stmt(st, scope, rec, parent, cond)
            if top and (t is ast.Import or t is ast.ImportFrom) and not self.typing_only:
                # a top-level import: what follows runs only after it succeeded
                self.loaded = _add_loaded(self.loaded, _import_mods(self, st))
            elif t is ast.If:
                if st.orelse or type(st.body[-1]) not in _EXITS:
                    continue
                if type(st.body[-1]) is ast.Return and self.memo_exit(st, stmts[i:], scope):
                    # `if key in CACHE: return CACHE[key]`: what follows runs once per key
                    self.ctx = (True, self.ctx[1] if self.ctx else ())
                gs = self.test_guards(st.test, scope)[1]
                if gs:
                    # `if not body: return`: what follows runs only when the test is false
                    self.ctx = (bool(self.ctx and self.ctx[0]), (self.ctx[1] if self.ctx else ()) + gs)
            elif t is ast.Try and len(st.body) == 1 and self.memo_exit(st, stmts[i:], scope):
                self.ctx = (True, self.ctx[1] if self.ctx else ())
        self.ctx = saved

    @staticmethod
    def error_paths(stmts, rec):
        """Note the lines of a block of an installed package's function that
        run only when something failed: a block ending in `raise`, and what
        follows a `try:` (with handlers) or a `with suppress(...)` whose body
        ends in `break`, `return` or `continue` (GitPython's retry sleep after
        a chmod that raised). Their blocking calls are real but rare: a call
        into the package is reported for its main path when it has one
        (graph: weight 0). Except handlers are noted in `other`."""
        last = stmts[-1]
        if type(last) is ast.Raise:
            _add_error_path(rec, stmts[0], last)
            return
        for i, st in enumerate(stmts[:-1]):
            t = type(st)
            if (t is ast.Try and st.handlers) or (t is ast.With and _suppresses(st)):
                if type(st.body[-1]) in _LEAVES_BLOCK:
                    _add_error_path(rec, stmts[i + 1], last)
                    return

    def stmt(self, st, scope, rec, parent, cond):
        t = type(st)
        if t is ast.Expr:
            v = st.value
            if type(v) is ast.Call:  # (most statements are calls)
                self.call(v, scope, rec, parent, cond, False)
            else:
                self.expr(v, scope, rec, parent, cond)
            return
        if t is ast.If:
            self.if_stmt(st, scope, rec, parent, cond)
            return
        if t is ast.Return:
            if st.value is not None:
                if type(st.value) is ast.Lambda and rec is not None and scope.rec is rec \
                        and rec.qual.endswith(".__getattr__") and scope.self_name is not None:
                    # GitPython's Git: `return lambda *a, **k: self._call_process(name, *a, **k)`:
                    # calling `git.log(...)` runs the lambda (Program.in_class)
                    self.getattr_lambdas[rec.qual] = self.loop_lambda(st.value, scope, rec, parent, cond)
                elif type(st.value) not in _LEAVES:
                    self.expr(st.value, scope, rec, parent, cond)
                if rec is not None and scope.rec is rec:
                    rec.values.append((st.value, scope))
            return
        if t is ast.FunctionDef or t is ast.AsyncFunctionDef:
            decos = st.decorator_list
            if decos and any(self.deco_name(d) == "overload" for d in decos):
                return  # a typing.overload stub: the implementation follows
            for d in decos:
                self.expr(d, scope, rec, parent, cond)
            self.defaults(st.args, scope, rec, parent, cond)
            qual = self.child_qual(scope, st.name)
            self.bind_fixed(scope, st.name, ("deco", st.decorator_list, qual) if st.decorator_list else ("sym", qual))
            if scope.kind == "class" and decos and any(self.deco_name(d) in PROPERTY_NAMES for d in decos):
                self.prop_names.add(st.name)
            if scope.kind == "class" and decos and any(_accessor_of(d) for d in decos):
                self.set_names.add(st.name)  # @state.setter / @state.deleter
            if scope.kind == "class" and st.returns is not None and any(
                    self.deco_name(d) in ("property", "cached_property") for d in st.decorator_list):
                scope.cls.attrs.setdefault(st.name, []).append(("ann", st.returns, scope))
            if rec is not None and self.loaded is not None:
                self.def_loaded[st] = self.loaded  # (a closure runs after the imports before its def)
            self.pending.append((st, scope))
        elif t is ast.ClassDef:
            for d in st.decorator_list:
                self.expr(d, scope, rec, parent, cond)
            for b in st.bases:
                self.expr(b, scope, rec, parent, cond)
            qual = self.child_qual(scope, st.name)
            self.bind_fixed(scope, st.name, ("sym", qual))
            self.local_defs.add(qual)
            cscope = Scope("class", qual, scope, rec=rec)
            info = ClassInfo(qual, cscope)
            info.bases = st.bases
            cscope.cls = info
            self.classes.append(info)
            self.class_infos.setdefault(qual, info)
            self.init_facts(qual, st.body)
            self.body(st.body, cscope, rec, parent, cond)
        elif t is ast.Assign:
            v = st.value
            if rec is not None and len(st.targets) == 1 and type(st.targets[0]) is ast.Name \
                    and self.top_body is not None:
                for c in (v.body, v.orelse) if type(v) is ast.IfExp else (v,):
                    if type(c) is ast.Call and _last_name(c.func) in _LAZY_NAMES:
                        # `gen = path.iterdir()`: see lazy_unconsumed
                        self.bound_calls[id(c)] = (st.targets[0].id, self.top_body)
            if rec is not None and type(v) is ast.BoolOp and type(v.op) is ast.Or and len(st.targets) == 1:
                # `self._ctx = self._ctx or make()`: a memo; `x = session or Session()`: a guard
                key = self.memo_key(v.values[0], scope)
                if key is not None and key == self.memo_key(st.targets[0], scope):
                    self.expr(v.values[0], scope, rec, parent, cond)
                    self.with_ctx(True, (), v.values[1:], scope, rec, parent, cond)
                    v = None
            if v is not None and type(v) not in _LEAVES:
                self.expr(v, scope, rec, parent, cond)
            for tgt in st.targets:
                self.target(tgt, st.value, scope, rec, parent, cond)
                if scope.kind == "class" and type(tgt) is ast.Name:
                    # `session = requests.Session()` in a class body: self.session / Cls.session
                    scope.cls.attrs.setdefault(tgt.id, []).append(("body", st.value, scope))
                    if type(st.value) is ast.Call:
                        self.property_call(tgt.id, st.value, scope)
        elif t is ast.AnnAssign:
            if st.value is not None:
                self.expr(st.value, scope, rec, parent, cond)
            tgt = st.target
            if type(tgt) is ast.Name:
                scope.assigns.setdefault(tgt.id, []).append(("ann", st.annotation, st.value))
                if scope.kind == "class":
                    scope.cls.attrs.setdefault(tgt.id, []).append(("ann", st.annotation, scope))
            elif type(tgt) is ast.Attribute:
                self.self_attr(tgt, ("ann", st.annotation) if st.value is None else ("ann", st.annotation, st.value),
                               scope)
                self.expr(tgt.value, scope, rec, parent, cond)
            else:
                self.expr(tgt, scope, rec, parent, cond)
        elif t is ast.AugAssign:
            if type(st.value) not in _LEAVES:
                self.expr(st.value, scope, rec, parent, cond)
            self.target(st.target, None, scope, rec, parent, cond)
        elif t is ast.Import:
            for a in st.names:
                if a.asname:
                    self.bind_fixed(scope, a.asname, ("sym", self.norm(a.name)))
                else:
                    root = a.name.partition(".")[0]
                    self.bind_fixed(scope, root, ("sym", self.norm(root)))  # `import cx_Oracle`, `import posixpath`
            if not self.typing_only:
                if rec is None:
                    self.mimports.update(a.name for a in st.names)
                elif cond != NEVER:
                    for a in st.names:
                        rec.sites.append(Site(st, scope, parent, cond, False, KIND_IMPORT, ctx=self.ctx))
                        rec.sites[-1].res = ("import", "import " + a.name, (a.name,))
                        rec.sites[-1].loaded = self.loaded
                        rec.sites[-1].before = self.before
        elif t is ast.ImportFrom:
            base = self.from_base(st)
            for a in st.names:
                if a.name == "*":
                    if scope.kind == "module" and base:
                        self.stars.append(self.norm(base))  # its public names are this module's too
                    continue
                q = self.norm(base + "." + a.name if base else a.name)
                self.bind_fixed(scope, a.asname or a.name, ("sym", q))
            if not self.typing_only and base:
                mods = (base,) + tuple(base + "." + a.name for a in st.names if a.name != "*")
                if rec is None:
                    self.mimports.update(mods)
                elif cond != NEVER:
                    text = "from %s import %s" % (base, ", ".join(a.name for a in st.names))
                    rec.sites.append(Site(st, scope, parent, cond, False, KIND_IMPORT, ctx=self.ctx))
                    rec.sites[-1].res = ("import", text, mods)
                    rec.sites[-1].loaded = self.loaded
                    rec.sites[-1].before = self.before
        elif t is ast.With or t is ast.AsyncWith:
            is_async = t is ast.AsyncWith
            for item in st.items:
                ce = item.context_expr
                self.expr(ce, scope, rec, parent, cond)
                if not is_async and rec is not None:
                    rec.sites.append(Site(ce, scope, parent, cond, False, KIND_ENTER, ctx=self.ctx))
                if item.optional_vars is not None:
                    self.target(item.optional_vars, ce if not is_async else None, scope, rec, parent, cond)
            self.body(st.body, scope, rec, parent, cond)
            if not is_async and rec is not None:
                for item in st.items:
                    rec.sites.append(Site(item.context_expr, scope, parent, cond, False, KIND_EXIT, ctx=self.ctx))
        elif t is ast.For or t is ast.AsyncFor:
            self.expr(st.iter, scope, rec, parent, cond)
            if t is ast.For and rec is not None:
                rec.sites.append(Site(st.iter, scope, parent, cond, False, KIND_ITER, ctx=self.ctx))
            elem = ("elem", st.iter) if t is ast.For and type(st.target) is ast.Name else None
            self.target(st.target, elem, scope, rec, parent, cond)
            self.body(st.body, scope, rec, parent, cond)
            if st.orelse:
                self.body(st.orelse, scope, rec, parent, cond)
        elif t is ast.Global or t is ast.Nonlocal:
            kind = "global" if t is ast.Global else "nonlocal"
            for n in st.names:
                scope.declared[n] = kind
        elif t is ast.Expr or t is ast.Return:
            if st.value is not None:
                self.expr(st.value, scope, rec, parent, cond)
                if t is ast.Return and rec is not None and scope.rec is rec:
                    rec.values.append((st.value, scope))
        elif t is ast.Try or t.__name__ == "TryStar":
            nb = any(self.catches_would_block(h.type) for h in st.handlers)
            self.nb_depth += nb
            self.body(st.body, scope, rec, parent, cond)
            self.nb_depth -= nb
            memo = rec is not None and self.memo_probe_try(st, scope)
            for h in st.handlers:
                if memo:  # try: return CACHE[key] / except KeyError: <fill it>
                    saved = self.ctx
                    self.ctx = (True, saved[1] if saved else ())
                    self.other(h, scope, rec, parent, cond)
                    self.ctx = saved
                else:
                    self.other(h, scope, rec, parent, cond)
            if st.orelse:
                self.body(st.orelse, scope, rec, parent, cond)
            if st.finalbody:
                self.body(st.finalbody, scope, rec, parent, cond)
        elif t is ast.While:
            self.mark_drained(st)
            self.children(st, scope, rec, parent, cond)
        else:
            self.children(st, scope, rec, parent, cond)

    def if_stmt(self, st, scope, rec, parent, cond):
        """An `if`: TYPE_CHECKING blocks, branches on module-level constants,
        and branches that run once (a memo being filled) or only for some
        arguments (parameter guards) get their context."""
        test = st.test
        tt = type(test)
        self.mark_drained(st)
        if self.is_type_checking(test):
            # typing-only imports: their names type annotations; nothing runs
            assigns = scope.assigns
            before = {n: len(v) for n, v in assigns.items()} if st.orelse else None
            self.typing_only += 1
            self.body(st.body, scope, rec, parent, cond)
            self.typing_only -= 1
            if st.orelse:
                typing = {n: len(v) for n, v in assigns.items()}
                self.body(st.orelse, scope, rec, parent, cond)
                self.runtime_wins(assigns, before, typing)
            return
        truth = self.platform_truth(test, scope) if self.installed else None
        if truth is not None:  # `if sys.platform == "win32":` in a package installed here
            live, dead = (st.body, st.orelse) if truth else (st.orelse, st.body)
            if rec is not None:
                self.body(dead, scope, rec, parent, NEVER)
            self.body(live, scope, rec, parent, cond)
            return  # (at module and class level the other platform's defs and bindings are not made)
        truth = self.constant_truth(test, scope) if rec is not None else None
        if truth is not None:  # `if _IS_SYNC:` with `_IS_SYNC = False` at module level
            self.body(st.orelse if truth else st.body, scope, rec, parent, NEVER)
            self.body(st.body if truth else st.orelse, scope, rec, parent, cond)
            return
        self.expr(test, scope, rec, parent, cond)
        if rec is None or not (tt is ast.UnaryOp or tt is ast.Name or tt is ast.Attribute or tt is ast.BoolOp or (
                tt is ast.Call and type(test.func) is ast.Name and test.func.id == "isinstance") or (
                tt is ast.Compare and len(test.ops) == 1 and (
                    type(test.ops[0]) in _MEMBERSHIP or type(test.comparators[0]) is ast.Constant
                    or _upper_name(test.comparators[0])))):
            self.body(st.body, scope, rec, parent, cond)
            if st.orelse:
                self.body(st.orelse, scope, rec, parent, cond)
            return
        # a branch that runs once (a memo being filled) or only when a
        # parameter is None (`if session is None: session = Session()`)
        once_body, once_else = self.memo_branches(st, scope) if tt is not ast.BoolOp else (False, False)
        body_guards, else_guards = self.test_guards(test, scope)
        if not (once_body or once_else or body_guards or else_guards):
            self.body(st.body, scope, rec, parent, cond)
            if st.orelse:
                self.body(st.orelse, scope, rec, parent, cond)
            return
        saved = self.ctx
        before = saved[1] if saved else ()
        for branch, once, gs in ((st.body, once_body, body_guards), (st.orelse, once_else, else_guards)):
            if once or gs:
                self.ctx = (once or bool(saved and saved[0]), before + gs)
            self.body(branch, scope, rec, parent, cond)
            self.ctx = saved

    @staticmethod
    def runtime_wins(assigns, before, typing):
        """`if TYPE_CHECKING: X = A else: X = B`: at run time X is B only. The
        values the typing-only branch gave a name that the else branch binds
        again are dropped (lengths of each name's values before either branch,
        and after the typing-only one)."""
        for n, vals in assigns.items():
            start = before.get(n, 0)
            end = typing.get(n, 0)
            if end > start and len(vals) > end:
                del vals[start:end]

    def property_call(self, name, call, scope):
        """`commit = property(_get_commit, _set_commit)` in a class body (the
        spelling before decorators; GitPython's references): the property
        runs those methods, as a decorated one would (see summarize)."""
        r = self.sym_of(call.func, scope.parent) if type(call.func) in (ast.Name, ast.Attribute) else None
        if r is None or r[0] != "sym" or r[1] not in catalogue.PROPERTY_DECORATORS:
            return
        accessors = {}
        for i, key in enumerate(PROPERTY_ACCESSORS):
            a = next((k.value for k in call.keywords if k.arg == key[0]), call.args[i] if len(call.args) > i else None)
            if type(a) is ast.Name:
                b = scope.fixed.get(a.id)
                if b is not None and b[0] in ("sym", "deco"):
                    accessors[key[1]] = b[-1]  # the method's qualified name
        if "" in accessors:
            self.prop_names.add(name)
            if len(accessors) > 1:
                self.set_names.add(name)
            self.prop_calls.append((scope.qual + "." + name, r[1], accessors))

    def platform_truth(self, test, scope, depth=0):
        """True/False for a test of the platform the scan runs on, or None.
        Applied to installed packages only: pip installed them for this
        interpreter, so a branch for another OS never runs there (filelock's
        Windows stub `UnixFileLock._acquire: raise NotImplementedError`). The
        project's own code may be deployed elsewhere: its branches stay.
        Spellings: `sys.platform == "win32"` (also !=, in, not in a tuple),
        `sys.platform.startswith("win")`, `os.name == "nt"`,
        `platform.system() == "Windows"`, `not`, `and`/`or`, and a
        module-level name bound once to one of these (`IS_WIN = ...`)."""
        t = type(test)
        if t is ast.Compare:
            if len(test.ops) != 1:
                return None
            value = self.platform_value(test.left, scope)
            if value is None:
                return None
            wanted = _str_constants(test.comparators[0])
            if wanted is None:
                return None
            op = type(test.ops[0])
            if (op is ast.Eq or op is ast.NotEq) and type(test.comparators[0]) is not ast.Constant:
                return None
            if op in _PLATFORM_TESTS:
                return _PLATFORM_TESTS[op](value, wanted)
            return None
        if t is ast.Call:
            f = test.func
            if type(f) is ast.Attribute and f.attr == "startswith" and len(test.args) == 1 and not test.keywords:
                value = self.platform_value(f.value, scope)
                prefixes = _str_constants(test.args[0])
                if value is not None and prefixes is not None:
                    return value.startswith(prefixes)
            return None
        if t is ast.UnaryOp and type(test.op) is ast.Not:
            r = self.platform_truth(test.operand, scope, depth)
            return None if r is None else not r
        if t is ast.BoolOp:
            parts = [self.platform_truth(v, scope, depth) for v in test.values]
            decisive = type(test.op) is ast.Or  # (True decides an `or`, False an `and`)
            if decisive in parts:
                return decisive
            return None if None in parts else not decisive
        if t is ast.Name and depth < 3:
            b = self.module_binding(test.id, scope)
            if b is not None and b[0] == "value" and b[1] is not None:
                return self.platform_truth(b[1], scope, depth + 1)
        return None

    def platform_value(self, node, scope):
        """The value of `sys.platform`, `os.name` or `platform.system()` on
        this machine when node is one of them, else None."""
        if type(node) is ast.Call:
            if node.args or node.keywords:
                return None
            node = node.func
            called = True
        else:
            called = False
        if type(node) is not ast.Attribute or node.attr not in _PLATFORM_ATTRS or type(node.value) is not ast.Name:
            return None
        r = self.lookup(node.value.id, scope)  # (not sym_of: typing `self.name` here would fix it too early)
        if r is None or r[0] != "sym":
            return None
        name = r[1] + "." + node.attr + ("()" if called else "")
        probe = _PLATFORM_VALUES.get(name)
        return probe() if probe is not None else None

    def constant_truth(self, test, scope):
        """True/False for a test of a module-level boolean constant (`_IS_SYNC
        = False` assigned once, not rebound in the function), or its `not`;
        else None."""
        negate = False
        if type(test) is ast.UnaryOp and type(test.op) is ast.Not:
            negate, test = True, test.operand
        if type(test) is not ast.Name:
            return None
        b = self.module_binding(test.id, scope)
        if b is None or b[0] != "value" or type(b[1]) is not ast.Constant or type(b[1].value) is not bool:
            return None
        return b[1].value != negate

    def module_binding(self, n, scope):
        """How module-level name n reads from `scope`: ("value", node) when
        the module assigns it once; ("fixed", binding or None) when it does
        not assign it (an import, a def); None when a local shadows it, the
        module assigns it more than once, or a function rebinds it through
        `global` (`global _ready; _ready = True`)."""
        f = scope
        while f is not None and f.kind != "module":
            if n in f.assigns or n in f.fixed or f.declared.get(n):
                return None
            f = f.parent
        ms = self.module_scope
        vals = ms.assigns.get(n)
        if not vals:
            return ("fixed", ms.fixed.get(n))
        if n in ms.fixed or len(vals) != 1 or n in self.global_names():
            return None
        return ("value", vals[0])

    def constant_ref(self, node, scope):
        """A str/int constant named in upper case (`CONF_PATH`, `const.MODE_R`):
        its value when this module assigns it once, ("const", qualified name)
        when it comes from another module (graph.Program.const_value reads
        it there), else None. For equality guards and the arguments that meet
        them: `if key == CONF_REPORT_PATH:` with `self.default(CONF_IGNORED)`."""
        t = type(node)
        if t is ast.Name:
            n = node.id
        elif t is ast.Attribute:
            n = node.attr
        else:
            return None
        if not (n.isupper() and _CONST_NAME.match(n)):
            return None
        if t is ast.Attribute:
            r = self.sym_of(node, scope)
            return ("const", r[1]) if r is not None and r[0] == "sym" else None
        b = self.module_binding(n, scope)
        if b is None:
            return None
        v = b[1]
        if b[0] == "value":
            return _flag_value(v)
        if type(v) is tuple and v[0] == "sym" and v[1] != self.modname + "." + n:
            return ("const", v[1])  # from .const import CONF_PATH
        return None

    def global_names(self):
        """Names any `global` statement of this file declares (read from the
        source once: functions are walked one by one, and a later one may
        rebind a flag an earlier one tests)."""
        g = self.__dict__.get("_globals")
        if g is None:
            g = self._globals = _global_names(self.source)
        return g

    def mark_drained(self, st):
        """`while not q.empty(): item = q.get()`: the get() calls of the body
        before its first await find an item (only a consumer in another
        thread could take it in between). Their nodes go to self.drained."""
        key = _nonempty_receiver(st.test)
        if key is None:
            return
        for x in st.body:
            if any(type(n) in _SUSPENDS for n in ast.walk(x)):
                break
            for n in ast.walk(x):
                if type(n) is ast.Call and not n.args and not n.keywords and type(n.func) is ast.Attribute \
                        and n.func.attr == "get" and _dotted(n.func.value) == key:
                    self.drained.add(id(n))

    def children(self, node, scope, rec, parent, cond):
        """Visit every child of a node that has no case of its own, by kind."""
        for field in node._fields:
            v = getattr(node, field, None)
            for x in v if type(v) is list else (v,):
                if isinstance(x, ast.stmt):
                    self.stmt(x, scope, rec, parent, cond)
                elif isinstance(x, ast.expr):
                    self.expr(x, scope, rec, parent, cond)
                elif isinstance(x, ast.AST):
                    self.other(x, scope, rec, parent, cond)

    def other(self, node, scope, rec, parent, cond):
        # except handlers, match cases, ...: names bound there are unknown
        t = type(node)
        if t is ast.ExceptHandler:
            if self.installed and rec is not None and node.body:
                _add_error_path(rec, node.body[0], node.body[-1])
            if node.type is not None:
                self.expr(node.type, scope, rec, parent, cond)
            if node.name:
                scope.assigns.setdefault(node.name, []).append(None)
            self.body(node.body, scope, rec, parent, cond)
            return
        self.children(node, scope, rec, parent, cond)
        if t.__name__.startswith("Match"):
            # match patterns bind names: `case {"k": v, **rest}`, `case [*rest]`, `case x`
            for field in ("name", "rest"):
                v = getattr(node, field, None)
                if type(v) is str:
                    scope.assigns.setdefault(v, []).append(None)

    def target(self, tgt, value, scope, rec, parent, cond):
        t = type(tgt)
        if t is ast.Name:
            if scope.declared.get(tgt.id) == "global":
                scope = self.module_scope  # `global _client; _client = make_client()`: the module's name
            scope.assigns.setdefault(tgt.id, []).append(value)
        elif t is ast.Attribute:
            self.self_attr(tgt, value, scope)
            if type(tgt.value) not in _LEAVES:
                self.expr(tgt.value, scope, rec, parent, cond)
            if rec is not None and cond != NEVER and self.may_run_accessor(tgt, rec):
                site = Site(tgt, scope, parent, cond, False, KIND_SET, ctx=self.ctx)
                site.value = value  # (what the setter is passed: its guards, see setter_shape)
                rec.sites.append(site)
        elif t is ast.Tuple or t is ast.List:
            for i, e in enumerate(tgt.elts):
                # `conn, addr = sock.accept()`: item types of a returned tuple (catalogue.ITEMS)
                item = ("item", value, i) if type(e) is ast.Name and type(value) is ast.Call else None
                self.target(e, item, scope, rec, parent, cond)
        elif t is ast.Starred:
            self.target(tgt.value, None, scope, rec, parent, cond)
        else:
            self.expr(tgt, scope, rec, parent, cond)

    def self_attr(self, tgt, value, scope):
        v = tgt.value
        if type(v) is ast.Name and scope.cls is not None and (
                (scope.self_name and v.id == scope.self_name)
                or (scope.kind == "function" and scope.fixed.get(v.id) == ("sym", scope.cls.qual))):
            # self.x = ..., and cls.x = ... in a classmethod (a singleton's `cls.db = Database()`)
            scope.cls.attrs.setdefault(tgt.attr, []).append((value, scope) if type(value) is not tuple else value + (scope,))
        elif type(value) is ast.Call and type(v) in (ast.Name, ast.Attribute):
            # hub.config = Config(...) in another module: typed in the global pass
            self.xraw.append((v, tgt.attr, value, scope))

    def may_run_accessor(self, node, rec):
        """`obj.attr = v` / `del obj.attr` may run a property setter / deleter:
        attr is one of this file's (any receiver), or a public attribute of a
        local object (a parameter, a local variable, `self.x`) whose class
        graph.py may know. Plain `self.x = v` of another attribute stores."""
        attr = node.attr
        if attr in self.set_names:
            return True
        return attr[0] != "_" and _local_object(node.value, rec.scope)

    def in_memory(self, node, scope):
        """An in-memory buffer: `io.BytesIO(...)`, or a name bound to one."""
        if type(node) is ast.Call:
            return _in_memory(node)
        if type(node) is ast.Name:
            s = scope
            while s is not None:
                vals = s.assigns.get(node.id)
                if node.id in s.fixed:
                    f = s.fixed[node.id]
                    if f is not None and f[0] == "annp":  # an annotated parameter: `buf: io.BytesIO`
                        t = self.ann_type(f[1], s.parent or s)
                        return t is not None and t[1] in MEMORY_TYPES
                    return False
                if vals is not None:
                    return bool(vals) and all(type(v) is ast.Call and _in_memory(v) for v in vals)
                s = s.parent
        return False

    def attribute_site(self, n, scope, rec, parent, cond):
        """The site of an attribute read that may run a property getter (a
        property of this file, or a public attribute of a local object: a
        parameter, a local variable, `self.x`, whose type graph.py may know as
        a class with one), or of a `del` that may run a deleter."""
        ctx = type(n.ctx)
        if ctx is ast.Load:
            if n.attr in self.prop_names or (n.attr[0] != "_" and _local_object(n.value, rec.scope)):
                rec.sites.append(Site(n, scope, parent, cond, False, KIND_GET, ctx=self.ctx))
        elif ctx is ast.Del and self.may_run_accessor(n, rec):
            rec.sites.append(Site(n, scope, parent, cond, False, KIND_DEL, ctx=self.ctx))

    def indexed(self, name, scope):
        """Whether `name[key]` may run a __getitem__ (__setitem__,
        __delitem__) of a class of the program or a package: name is bound
        here to a call of a class (`sessions = SqliteDict(path)`), is an
        annotated parameter, or names a module-level object of another
        module (plumbum's `local["git"]`). A cheap test of the name's
        bindings only: most subscripts are of dicts and lists, and typing
        each would cost the per-file pass."""
        s = scope
        while s.kind == "comprehension":
            s = s.parent
        vals = s.assigns.get(name)
        if vals:
            for v in vals:
                if type(v) is ast.Call:
                    f = v.func
                    last = f.id if type(f) is ast.Name else f.attr if type(f) is ast.Attribute else ""
                    if last[:1].isupper():
                        return True
            return False
        b = s.fixed.get(name, _MISSING)
        if b is not _MISSING:
            return b is not None and b[0] == "annp"
        if not name[:1].islower():
            return False  # (a class: `List[int]`, `Queue[str]`)
        b = self.lookup(name, scope)
        return b is not None and (b[0] == "sym" or b[0] == "inst") and b[1].partition(".")[0] not in KNOWN_ROOTS

    def defaults(self, args, scope, rec, parent, cond):
        for d in args.defaults:
            if type(d) not in _LEAVES:
                self.expr(d, scope, rec, parent, cond)
        for d in args.kw_defaults:
            if d is not None and type(d) not in _LEAVES:
                self.expr(d, scope, rec, parent, cond)

    def expr(self, node, scope, rec, parent, cond):
        # iterative over simple nodes, recursive into calls and lambdas
        t = type(node)
        if t is ast.Call:  # (the expression walked most often: no stack for it)
            self.call(node, scope, rec, parent, cond, False)
            return
        if t is ast.Name or t is ast.Constant:
            return
        if t is ast.Attribute and type(node.value) is ast.Name:  # (x.y, self.x: no stack either)
            if rec is not None and cond != NEVER:
                self.attribute_site(node, scope, rec, parent, cond)
            return
        stack = [node]
        pop = stack.pop
        push = stack.append
        accesses = rec is not None and cond != NEVER  # (attribute_site)
        generic = GENERIC_FIELDS
        while stack:
            n = pop()
            t = type(n)
            if t is ast.Name or t is ast.Constant:
                continue
            # nodes with no case of their own (BinOp, Compare, Subscript,
            # Tuple, ...): their sub-expressions, pushed below
            fields = generic.get(t)
            if fields is not None:
                pass
            elif t is ast.Call:
                self.call(n, scope, rec, parent, cond, False)
            elif t is ast.Await:
                v = n.value
                if type(v) is ast.Call:
                    self.call(v, scope, rec, parent, cond, True)
                else:
                    push(v)
            elif t is ast.Attribute:
                push(n.value)
                if accesses:
                    self.attribute_site(n, scope, rec, parent, cond)
            elif t is ast.Subscript:
                v = n.value
                if type(v) is ast.Name:
                    if accesses and self.indexed(v.id, scope):
                        rec.sites.append(Site(n, scope, parent, cond, False, KIND_INDEX, ctx=self.ctx))
                else:
                    push(v)
                push(n.slice)
            elif (t is ast.BoolOp or t is ast.IfExp) and rec is not None and self.expr_guard(n, scope, rec, parent, cond):
                continue
            elif t is ast.Lambda:
                self.defaults(n.args, scope, rec, parent, cond)
                lscope = Scope("function", scope.qual + ".<lambda>", scope, rec=rec)
                for a in self.all_args(n.args):
                    lscope.fixed[a.arg] = None
                self.expr(n.body, lscope, rec, parent, NEVER)
            elif t is ast.NamedExpr:
                push(n.value)
                if type(n.target) is ast.Name:
                    s = scope
                    while s.kind == "comprehension":
                        s = s.parent
                    s.assigns.setdefault(n.target.id, []).append(n.value)
            elif t is ast.GeneratorExp and (rec is None or not rec.is_async) and self.is_async_genexp(n):
                self.async_genexp(n, scope, rec, parent, cond)
            elif t is ast.ListComp or t is ast.SetComp or t is ast.GeneratorExp or t is ast.DictComp:
                cscope = Scope("comprehension", scope.qual, scope, cls=None, rec=rec)
                for g in n.generators:
                    self.expr(g.iter, cscope, rec, parent, cond)
                    if not g.is_async and rec is not None and cond != NEVER:
                        rec.sites.append(Site(g.iter, cscope, parent, cond, False, KIND_ITER, ctx=self.ctx))
                    elem = ("elem", g.iter) if not g.is_async and type(g.target) is ast.Name else None
                    self.target(g.target, elem, cscope, rec, parent, cond)
                    for c in g.ifs:
                        self.expr(c, cscope, rec, parent, cond)
                if t is ast.DictComp:
                    self.expr(n.key, cscope, rec, parent, cond)
                    self.expr(n.value, cscope, rec, parent, cond)
                else:
                    self.expr(n.elt, cscope, rec, parent, cond)
            else:
                fields = EXPR_FIELDS.get(t)
                if fields is None:
                    fields = EXPR_FIELDS[t] = tuple(
                        f for f in t._fields if f not in ("ctx", "op", "ops", "type_comment"))
            if fields is None:
                continue  # handled by its own case
            for field in fields:
                v = getattr(n, field, None)
                if v is None:
                    continue
                if type(v) is list:
                    for x in v:
                        if x is not None and type(x) is not str:
                            push(x)
                elif isinstance(v, ast.AST):
                    push(v)

    # ---- branches that run once, or only when a parameter is None ------
    def with_ctx(self, once, guards, nodes, scope, rec, parent, cond):
        """Walk expressions with `once` / extra `guards` added to the context."""
        saved = self.ctx
        self.ctx = (once or bool(saved and saved[0]), (saved[1] if saved else ()) + guards)
        for x in nodes:
            self.expr(x, scope, rec, parent, cond)
        self.ctx = saved

    def expr_guard(self, n, scope, rec, parent, cond):
        """`session or Session()` / `Session() if session is None else session`:
        the fallback runs only when the parameter is None (`path and read(path)`:
        only when it is given). True when handled."""
        if type(n) is ast.BoolOp:
            if len(n.values) < 2:
                return False
            g = self.param_of(n.values[0], scope)
            if g is None:
                return False
            self.expr(n.values[0], scope, rec, parent, cond)
            self.with_ctx(False, (g + (False, type(n.op) is ast.And),), n.values[1:], scope, rec, parent, cond)
            return True
        body_guards, else_guards = self.test_guards(n.test, scope)
        if not (body_guards or else_guards):
            return False
        self.expr(n.test, scope, rec, parent, cond)
        self.with_ctx(False, body_guards, [n.body], scope, rec, parent, cond)
        self.with_ctx(False, else_guards, [n.orelse], scope, rec, parent, cond)
        return True

    def test_guards(self, test, scope):
        """(guards of the body, guards of the else branch) of a test: one
        parameter test (param_guard), or `and`/`or` of several (`if auth is
        None and trust_env:` runs its body only when both hold)."""
        if type(test) is ast.BoolOp:
            parts = [self.param_guard(v, scope)[0] for v in test.values]
            parts = tuple(g for g in parts if g is not None)
            if type(test.op) is ast.And:
                return parts, ()
            return (), tuple(g[:4] + (not g[4],) for g in parts)
        g = self.param_guard(test, scope)[0]
        if g is None:
            return (), ()
        return (g,), (g[:4] + (not g[4],),)

    @staticmethod
    def param_of(node, scope):
        """(name, position, default kind) when node names a parameter of the
        function being walked (position among the explicit arguments, None
        for keyword-only; default kind: _default_kind, "req" without one),
        or `self.x` that this function set to a parameter (`self._path = path`)."""
        rec = scope.rec
        if rec is None or not rec.params:
            return None
        t = type(node)
        if t is ast.Attribute and type(node.value) is ast.Name and rec.scope is not None:
            fs = rec.scope
            if node.value.id != fs.self_name or fs.cls is None:
                return None
            vals = fs.cls.attrs.get(node.attr, ())
            mine = [v for v in vals if len(v) == 2 and v[1] is fs]
            if len(mine) != 1 or len(vals) != len(mine) or type(mine[0][0]) is not ast.Name:
                return None  # set once, here, to a name (and nowhere else)
            node = mine[0][0]
        elif t is not ast.Name:
            return None
        p = rec.params.get(node.id)
        if p is None or rec.scope is None or node.id in rec.scope.assigns:
            return None  # not a parameter, or rebound before or after
        return (node.id,) + p

    def param_guard(self, test, scope):
        """(guard, in_body) for a test on a parameter p: the guard holds for
        the body; its opposite (the last item negated) for the else branch.
        A guard is (name, position, default kind, strict, given): `given`
        False when the branch runs only if p is None (`if p is None`, `if not
        p`), True when only if p is given (`if p is not None`, `if p`);
        strict for an `is (not) None` test, else a truthiness test (a value
        that may be falsy, a number or a string, counts as both; `p is True`
        and `p is False` count as such tests), or ("=", constant, default
        constant or ...) for `p == "r"` (given: runs only when equal) and
        `p != "r"` (given False: runs only when not equal).
        (None, None) for any other test."""
        t = type(test)
        name, none_in_body, strict = None, None, True
        if t is ast.Compare and len(test.ops) == 1 and type(test.comparators[0]) is ast.Constant:
            op = type(test.ops[0])
            v = test.comparators[0].value
            if v is None:
                if op is ast.Is or op is ast.Eq:
                    name, none_in_body = test.left, True
                elif op is ast.IsNot or op is ast.NotEq:
                    name, none_in_body = test.left, False
            elif type(v) is bool:
                if op is ast.Is or op is ast.Eq:  # `if lazy is True:` runs only for a truthy value
                    name, none_in_body, strict = test.left, not v, False
                elif op is ast.IsNot or op is ast.NotEq:
                    name, none_in_body, strict = test.left, v, False
            elif type(v) in (str, int) and (op is ast.Eq or op is ast.NotEq):
                g = self.param_of(test.left, scope)
                if g is None:
                    return None, None
                consts = scope.rec.consts
                strict = ("=", v, consts.get(g[0], ...) if consts else ...)
                return g + (strict, op is ast.Eq), True
        elif t is ast.Compare and len(test.ops) == 1 and type(test.ops[0]) in (ast.Eq, ast.NotEq) \
                and type(test.comparators[0]) in (ast.Name, ast.Attribute):
            ref = self.constant_ref(test.comparators[0], scope)
            g = self.param_of(test.left, scope) if ref is not None else None
            if g is None:
                return None, None
            consts = scope.rec.consts
            return g + (("=", ref, consts.get(g[0], ...) if consts else ...), type(test.ops[0]) is ast.Eq), True
        elif t is ast.UnaryOp and type(test.op) is ast.Not:
            if type(test.operand) is ast.Call:
                g = self.isinstance_guard(test.operand, scope)
                return (g[:4] + (False,), True) if g is not None else (None, None)
            name, none_in_body, strict = test.operand, True, False
        elif t is ast.Name:
            name, none_in_body, strict = test, False, False
        elif t is ast.Call:
            g = self.isinstance_guard(test, scope)
            return (g, True) if g is not None else (None, None)
        if name is None:
            return None, None
        g = self.param_of(name, scope)
        return (g + (strict, not none_in_body), True) if g is not None else (None, None)

    def isinstance_guard(self, test, scope):
        """The guard of `isinstance(p, T)` / `isinstance(p, (T1, T2))` on a
        parameter p (the branch runs only when p is an instance): strict
        ("isa", (qualified types), ...), or None when p is no parameter or a
        type is not a plain name (graph._isa decides it per argument)."""
        f = test.func
        if type(f) is not ast.Name or f.id != "isinstance" or len(test.args) != 2 or test.keywords:
            return None
        g = self.param_of(test.args[0], scope)
        if g is None:
            return None
        t = test.args[1]
        types = []
        for e in t.elts if type(t) is ast.Tuple else (t,):
            r = self.sym_of(e, scope) if type(e) in (ast.Name, ast.Attribute) else None
            if r is None or r[0] != "sym":
                return None
            types.append(r[1])
        return g + (("isa", tuple(types), ...), True)

    def memo_key(self, node, scope):
        """A key for a memo store: a module-level name (a global of the
        function, or a module dict filled by subscript), or an attribute of
        a name (`self._ctx`, `cls._cache`, `func.cache`). None otherwise."""
        t = type(node)
        if t is ast.Attribute and type(node.value) is ast.Name:
            return ("a", node.value.id, node.attr)
        if t is ast.Name:
            n = node.id
            f = scope
            while f is not None and f.kind == "comprehension":
                f = f.parent
            if f is None or f.kind != "function":
                return None
            if f.declared.get(n) == "global":
                return ("n", n)
            if n in f.assigns or n in f.fixed:
                return None  # a local
            ms = self.module_scope
            if n in ms.assigns:
                return ("n", n)
        return None

    def memo_test(self, test, scope):
        """(key, miss_in_body) for a test that probes a memo: `M is None`,
        `not M`, `key not in M` (a miss runs the body), `M is not None`, `M`,
        `key in M` (a hit runs the body); M may be a local bound to
        `M.get(...)`. None for any other test."""
        t = type(test)
        node, miss_in_body = None, None
        if t is ast.Compare and len(test.ops) == 1:
            op = type(test.ops[0])
            right = test.comparators[0]
            if type(right) is ast.Constant and right.value is None:
                if op is ast.Is or op is ast.Eq:
                    node, miss_in_body = test.left, True
                elif op is ast.IsNot or op is ast.NotEq:
                    node, miss_in_body = test.left, False
            elif op is ast.NotIn:
                node, miss_in_body = right, True
            elif op is ast.In:
                node, miss_in_body = right, False
        elif t is ast.UnaryOp and type(test.op) is ast.Not:
            node, miss_in_body = test.operand, True
        elif t is ast.Name or t is ast.Attribute:
            node, miss_in_body = test, False
        if node is None:
            return None
        key = self.memo_key(node, scope)
        if key is None and type(node) is ast.Name:
            # v = CACHE.get(key) / getattr(self, "_x", None); if v is None: ...
            for v in scope.assigns.get(node.id, ()):
                if type(v) is ast.Call and v.args:
                    f = v.func
                    if type(f) is ast.Attribute and f.attr == "get":
                        key = self.memo_key(f.value, scope)
                    elif type(f) is ast.Name and f.id == "getattr" and len(v.args) >= 2 \
                            and type(v.args[1]) is ast.Constant and type(v.args[0]) is ast.Name:
                        key = ("a", v.args[0].id, v.args[1].value)
                    if key is not None:
                        break
        return (key, miss_in_body) if key is not None else None

    def stores_to(self, stmts, key, scope):
        """True when the statements assign the memo (`M = ...`, `M[k] = ...`,
        `self._x = ...`, `M.setdefault(...)`), in nested blocks too (not in
        nested functions)."""
        for n in _nested_statements(stmts):
            t = type(n)
            if t is ast.Assign or t is ast.AnnAssign or t is ast.AugAssign:
                for tgt in (n.targets if t is ast.Assign else [n.target]):
                    if type(tgt) is ast.Subscript:
                        tgt = tgt.value
                    if type(tgt) in (ast.Name, ast.Attribute) and self.memo_key(tgt, scope) == key:
                        return True
            elif t is ast.Expr:
                c = n.value
                if type(c) is ast.Call and type(c.func) is ast.Attribute and \
                        c.func.attr in ("setdefault", "update", "__setitem__") and self.memo_key(c.func.value, scope) == key:
                    return True
        return False

    def puts_back(self, stmts, key, scope):
        """True when the statements set the flag `key` to a falsy constant
        (`self.busy = False`), in nested blocks too."""
        return any(type(n) is ast.Assign and type(n.value) is ast.Constant and not n.value.value
                   and all(type(x) is not ast.Subscript for x in n.targets)
                   and any(type(x) in (ast.Name, ast.Attribute) and self.memo_key(x, scope) == key for x in n.targets)
                   for n in _nested_statements(stmts))

    def memo_branches(self, st, scope):
        """(body runs once, else branch runs once) for an `if` probing a memo
        that the branch taken on a miss fills."""
        m = self.memo_test(st.test, scope)
        if m is None:
            return False, False
        key, miss_in_body = m
        branch = st.body if miss_in_body else st.orelse
        if branch and self.stores_to(branch, key, scope):
            return miss_in_body, not miss_in_body
        return False, False

    def memo_exit(self, st, rest, scope):
        """`if M is not None: return M` (or `if key in M: return M[key]`, or
        `try: return M[key] except KeyError: pass`) followed by code that
        fills M: that code runs once (per key)."""
        if not rest:
            return False
        if type(st) is ast.If:
            if st.orelse or not st.body or type(st.body[-1]) is not ast.Return:
                return False
            m = self.memo_test(st.test, scope)
            if m is None or m[1]:
                return False
            key = m[0]
        else:
            key = self.memo_probe_try(st, scope)
            if not key or any(type(x) is not ast.Pass for h in st.handlers for x in h.body):
                return False
        # `if self.posting: return; self.posting = True; ...; self.posting = False`
        # guards against re-entry: what follows runs on every call, not once
        return self.stores_to(rest, key, scope) and not self.puts_back(rest, key, scope)

    def memo_probe_try(self, st, scope):
        """The memo key of `try: return M[key] except KeyError: ...`, else None."""
        if len(st.body) != 1 or type(st.body[0]) is not ast.Return or not st.handlers:
            return None
        v = st.body[0].value
        if type(v) is not ast.Subscript:
            return None
        for h in st.handlers:
            names = h.type.elts if type(h.type) is ast.Tuple else [h.type]
            if any(type(x) is ast.Name and x.id in ("KeyError", "LookupError") for x in names):
                return self.memo_key(v.value, scope)
        return None

    @staticmethod
    def is_async_genexp(n):
        if any(g.is_async for g in n.generators):
            return True
        return any(type(x) is ast.Await for x in ast.walk(n))

    def async_genexp(self, n, scope, rec, parent, cond):
        """`(f(x) async for x in ait)` outside an async def (allowed there, and
        at module level): an async generator whose body runs on the loop when
        it is iterated. Only the first iterable is evaluated where it stands."""
        first = n.generators[0]
        self.expr(first.iter, scope, rec, parent, cond)
        qual = scope.qual + ".<genexpr>"
        if qual in self.recs:
            qual += "@%d:%d" % (n.lineno, n.col_offset + 1)
        grec = FuncRec(qual, True, n.lineno, None)
        grec.offloaded = False
        grec.returns = None
        grec.values = []
        grec.rtype = False
        self.recs[qual] = grec
        self.funcs.append(grec)
        cscope = Scope("comprehension", scope.qual, scope, cls=None, rec=grec)
        grec.scope = cscope
        for i, g in enumerate(n.generators):
            if i:
                self.expr(g.iter, cscope, grec, None, UNCOND)
            if not g.is_async:
                grec.sites.append(Site(g.iter, cscope, None, UNCOND, False, KIND_ITER))
            elem = ("elem", g.iter) if not g.is_async and type(g.target) is ast.Name else None
            self.target(g.target, elem, cscope, grec, None, UNCOND)
            for c in g.ifs:
                self.expr(c, cscope, grec, None, UNCOND)
        self.expr(n.elt, cscope, grec, None, UNCOND)

    def call(self, n, scope, rec, parent, cond, awaited):
        func = n.func
        tf = type(func)
        fname = func.id if tf is ast.Name else func.attr if tf is ast.Attribute else None
        if tf is ast.Name and fname in PLAIN_BUILTINS and not awaited:
            s = scope
            while s is not None and fname not in s.fixed and fname not in s.assigns:
                s = s.parent
            if s is None:
                # a builtin that neither blocks nor runs what it is given (len,
                # isinstance, str, ...): no call site, only its arguments
                for a in n.args:
                    if type(a) not in _LEAVES:
                        self.expr(a, scope, rec, parent, cond)
                for k in n.keywords:
                    self.expr(k.value, scope, rec, parent, cond)
                return
        site = None
        if rec is not None and cond != NEVER:
            ctx = self.ctx
            # (a default guard needs a parameter default naming a callable, or a **kwargs)
            if tf is ast.Name and (rec.refs is not None or rec.kwarg is not None):
                g = self.default_guard(func, scope, rec)
                if g is not None:  # it calls the default only when the caller gives none
                    ctx = (bool(ctx and ctx[0]), (ctx[1] if ctx else ()) + (g,))
            site = Site(n, scope, parent, cond, awaited, KIND_CALL, self.nb_depth > 0, ctx, self.loaded, self.before)
            rec.sites.append(site)
            if rec is self.collecting and cond == UNCOND and ctx is None:
                self.before_calls.append(site)
            if fname in _MODE_SETTERS and tf is ast.Attribute:
                self.mode_calls.append((rec, site))  # (see nonblocking_receivers)
        elif rec is None and cond != NEVER and not (tf is ast.Name and fname in BUILTINS):
            self.warm.append((n, scope))  # runs at import time
        cb = -1
        if fname is not None:
            calls = self.calls_by_name.get(fname)
            if calls is None:
                calls = self.calls_by_name[fname] = []
            calls.append((n, scope))
            if fname == "append" and len(n.args) == 1 and tf is ast.Attribute:
                self.appended(func, n.args[0], scope)
            cb = REGISTRAR_ARG.get(fname, -1)
            if cb >= 0 and cb < len(n.args):
                # loop.call_soon(cb, ...), fut.add_done_callback(cb): cb runs on the loop
                a = n.args[cb]
                lam = self.loop_lambda(a, scope, rec, parent, cond) if type(a) is ast.Lambda else None
                self.loopcb.append((n, a, scope, lam))
                if lam is None:
                    cb = -1
        if tf is ast.Attribute:
            if type(func.value) is not ast.Name:
                self.expr(func.value, scope, rec, parent, cond)  # not a property read
        elif tf is ast.Lambda:
            # (lambda: ...)() runs right here
            lscope = Scope("function", scope.qual + ".<lambda>", scope, rec=rec)
            for a in self.all_args(func.args):
                lscope.fixed[a.arg] = None
            self.expr(func.body, lscope, rec, parent, cond)
        elif tf is not ast.Name:
            self.expr(func, scope, rec, parent, cond)
        for i, a in enumerate(n.args):
            t = type(a)
            if t is ast.Name or t is ast.Constant or i == cb:
                continue  # (nothing to walk) / a lambda the loop runs: walked as a function of its own
            if t is ast.Call:
                self.call(a, scope, rec, site, cond, False)
            elif t is ast.Lambda:
                # map(lambda p: ..., paths), filter(...): the lambda gets the items
                self.arg(a, scope, rec, site, cond, n.args[1] if i == 0 and len(n.args) == 2 else None)
            else:
                self.expr(a, scope, rec, site, cond)
        for k in n.keywords:
            a = k.value
            t = type(a)
            if t is ast.Name or t is ast.Constant:
                continue
            if t is ast.Lambda:
                # sorted(paths, key=lambda p: p.stat().st_mtime), max(...), min(...)
                self.arg(a, scope, rec, site, cond, n.args[0] if k.arg == "key" and n.args else None)
            else:
                self.expr(a, scope, rec, site, cond)

    def loop_lambda(self, a, scope, rec, parent, cond):
        """A lambda handed to a loop registrar: a function of its own whose
        body is loop code (it runs later, on the loop); or one a __getattr__
        returns. Returns its qual."""
        self.defaults(a.args, scope, rec, parent, cond)
        qual = "%s.<lambda>@%d:%d" % (scope.qual, a.lineno, a.col_offset + 1)
        lrec = FuncRec(qual, False, a.lineno, None)
        lrec.offloaded = False
        lrec.returns = None
        lrec.values = []
        lrec.rtype = False
        self.recs[qual] = lrec
        self.funcs.append(lrec)
        lscope = Scope("function", qual, scope, rec=lrec)
        lrec.scope = lscope
        for x in self.all_args(a.args):
            lscope.fixed[x.arg] = None
        saved = self.ctx
        self.ctx = None
        self.expr(a.body, lscope, lrec, None, UNCOND)
        self.ctx = saved
        return qual

    def arg(self, a, scope, rec, site, cond, items=None):
        if type(a) is ast.Lambda and site is not None:
            self.defaults(a.args, scope, rec, site, cond)
            lscope = Scope("function", scope.qual + ".<lambda>", scope, rec=rec)
            for x in self.all_args(a.args):
                lscope.fixed[x.arg] = None
            params = list(getattr(a.args, "posonlyargs", ())) + list(a.args.args)
            if items is not None and len(params) == 1:
                # typed by the items of the iterable (used only if the callee
                # is an eager caller: otherwise the body does not count)
                del lscope.fixed[params[0].arg]
                lscope.assigns[params[0].arg] = [("elem", items)]
            # the lambda's body runs here only if the callee is an eager caller
            self.expr(a.body, lscope, rec, site, site if cond == UNCOND else NEVER)
        else:
            self.expr(a, scope, rec, site, cond)

    @staticmethod
    def all_args(args):
        out = list(getattr(args, "posonlyargs", ())) + list(args.args) + list(args.kwonlyargs)
        if args.vararg:
            out.append(args.vararg)
        if args.kwarg:
            out.append(args.kwarg)
        return out

    def function(self, node, parent_scope):
        qual = self.child_qual(parent_scope, node.name)
        is_async = type(node) is ast.AsyncFunctionDef
        offloaded = False
        names = []
        for d in node.decorator_list:
            target = d.func if type(d) is ast.Call else d
            if type(target) is ast.Attribute and target.attr in ("setter", "deleter") and type(target.value) is ast.Name:
                qual += ".<%s>" % target.attr  # @x.setter: the getter keeps the name
                continue
            r = self.sym_of(target, parent_scope) if type(target) in (ast.Name, ast.Attribute) else None
            if r is None:
                continue
            q = r[1]
            names.append(q)
            if r[0] == "sym" and q in catalogue.OFFLOAD_DECORATORS and not is_async:
                is_async = True  # calling it gives an awaitable ...
                offloaded = True  # ... and its body runs in a thread
            elif r[0] == "sym" and q in catalogue.COROUTINE_DECORATORS:
                is_async = True  # @asyncio.coroutine def f(): yield from ...: loop code, called lazily
            kind = catalogue.CACHE_DECORATORS.get(q)
            if kind is not None:
                self.cached[qual] = kind
            if q in catalogue.PROPERTY_DECORATORS:
                self.props[qual] = q
        if parent_scope.kind == "class" and not is_async:  # (a later def of the same name decides: @overload)
            self.abstract[qual] = bool(names and catalogue.ABSTRACT_DECORATORS.intersection(names)) \
                or stub_body(node.body)
        if names:
            names = [q for q in names if not q.startswith(PLAIN_DECORATORS)]
            if names and not is_async:
                self.decos[qual] = tuple(names)  # a loop-callbacks decorator among them makes it loop code
        rec = FuncRec(qual, is_async, node.lineno, None)
        rec.offloaded = offloaded
        rec.returns = node.returns
        rec.values = []
        rec.rtype = False  # not computed yet
        self.recs[qual] = rec
        fscope = Scope("function", qual, parent_scope, rec=rec)
        rec.scope = fscope
        nargs = node.args
        is_method = parent_scope.kind == "class"
        static = classm = False
        if node.decorator_list:
            dnames = [self.deco_name(d) for d in node.decorator_list]
            static = "staticmethod" in dnames
            classm = "classmethod" in dnames
        pos_nodes = nargs.posonlyargs + nargs.args if nargs.posonlyargs else nargs.args
        # positions as callers write them: self/cls are passed implicitly
        skip = 1 if is_method and not static and pos_nodes else 0
        rec.params, rec.consts, rec.refs = _parameters(nargs, pos_nodes, skip)
        rec.kwarg = nargs.kwarg.arg if nargs.kwarg else None
        _bind_parameters(fscope.fixed, nargs, pos_nodes)
        if skip:  # self or cls
            cls = parent_scope.cls
            fscope.cls = cls
            first = pos_nodes[0].arg
            if classm:
                fscope.fixed[first] = ("sym", cls.qual)
            else:
                fscope.fixed[first] = ("inst", cls.qual)
                fscope.self_name = first
        self.funcs.append(rec)
        loaded = self.def_loaded.pop(node, None)
        if loaded is None and is_method and not static and not classm and node.name not in NOT_ON_INSTANCE \
                and parent_scope.cls.qual in self.init_imports:
            loaded = ((), parent_scope.cls.qual)
        self.loaded, self.top_body = loaded, node.body
        saved_before, self.before = self.before, ()
        saved_calls, self.before_calls = self.before_calls, []
        self.before_lists.append(self.before_calls)
        self.body(node.body, fscope, rec, None, UNCOND)
        if self.before or (self.loaded and self.loaded[0]):
            self.top_facts[qual] = (self.loaded[0] if self.loaded else (), self.before)
        self.loaded = self.top_body = None
        self.before = saved_before
        self.before_calls = saved_calls

    def init_facts(self, cls, stmts):
        """For a class body: the modules its __init__ imports before doing
        anything else (only docstrings and import statements before them: no
        method of the object has run yet), and whether that __init__ first
        runs the base class's (`super().__init__(...)` as its first statement
        after those)."""
        init = None
        for st in stmts:
            if type(st) is ast.FunctionDef and st.name == "__init__":
                init = st  # (the last def wins)
        if init is None:
            return
        mods = []
        rest = init.body
        while rest and (type(rest[0]) in (ast.Import, ast.ImportFrom) or (
                type(rest[0]) is ast.Expr and type(rest[0].value) is ast.Constant)):
            if type(rest[0]) is not ast.Expr:
                mods.extend(_import_mods(self, rest[0]))
            rest = rest[1:]
        if mods:
            self.init_imports[cls] = tuple(sorted(set(_with_parents(mods))))
        first = rest[0] if rest else None
        c = first.value if type(first) is ast.Expr else None
        f = c.func if type(c) is ast.Call else None
        self.init_super[cls] = type(f) is ast.Attribute and f.attr == "__init__" and type(f.value) is ast.Call \
            and type(f.value.func) is ast.Name and f.value.func.id == "super"  # super().__init__(...)

    @staticmethod
    def catches_would_block(node):
        """except BlockingIOError / ssl.SSLWantReadError ...: the socket is non-blocking."""
        if node is None:
            return False
        items = node.elts if type(node) is ast.Tuple else [node]
        for x in items:
            name = x.id if type(x) is ast.Name else x.attr if type(x) is ast.Attribute else ""
            if name in ("BlockingIOError", "SSLWantReadError", "SSLWantWriteError"):
                return True
        return False

    @staticmethod
    def deco_name(d):
        if type(d) is ast.Name:
            return d.id
        if type(d) is ast.Attribute:
            return d.attr
        return None

    def child_qual(self, scope, name):
        if scope.kind == "function":
            return scope.qual + ".<locals>." + name
        return scope.qual + "." + name

    def bind_fixed(self, scope, name, value):
        if scope.kind == "comprehension":
            scope = scope.parent
        scope.fixed.setdefault(name, value)

    def from_base(self, st):
        if not st.level:
            return st.module or ""
        pkg = self.package
        parts = pkg.split(".") if pkg else []
        up = st.level - 1
        if up:
            parts = parts[:-up] if up <= len(parts) else []
        base = ".".join(parts)
        if st.module:
            base = base + "." + st.module if base else st.module
        return base

    @staticmethod
    def norm(q):
        """q with its longest aliased prefix replaced (catalogue.ALIASES),
        remembered: every file imports the same names again."""
        r = _NORMED.get(q)
        if r is None:
            r = _NORMED[q] = _norm(q)
        return r

    @staticmethod
    def is_type_checking(test):
        return (type(test) is ast.Name and test.id == "TYPE_CHECKING") or (
            type(test) is ast.Attribute and test.attr == "TYPE_CHECKING")

    # ---- resolution ----------------------------------------------------
    def lookup(self, name, scope):
        """Binding of a name seen from scope: ("sym", q), ("inst", T) or None."""
        s = scope
        first = True
        while s is not None:
            if s.kind == "class" and not first:
                s = s.parent
                continue
            decl = s.declared.get(name)
            if decl == "global":
                s = self.module_scope
                first = False
                decl = None
            if decl is None and (name in s.fixed or name in s.assigns):
                c = s.cache.get(name, _MISSING)  # (binding's own cache, read here: most names are known)
                if c is _MISSING or c is _IN_PROGRESS:
                    return self.binding(name, s)
                return c
            s = s.parent
            first = False
        if name in BUILTINS:
            return ("sym", "builtins." + name)
        if self.stars and name[0] != "_":
            # bound by a module-level `from m import *`: this module's own name, which
            # graph.py looks up in the star modules (`from .api import *; get_uid(x)`)
            return ("sym", self.modname + "." + name)
        return None

    def binding(self, name, s):
        key = name
        c = s.cache.get(key, _MISSING)
        if c is not _MISSING:
            if c is _IN_PROGRESS:
                self.cut += 1  # a cycle (x = f(y); y = x.g()): whatever depends on this is partial
                return None
            return c
        s.cache[key] = _IN_PROGRESS  # recursion guard
        cut = self.cut
        self.depth += 1
        result = None
        if name in s.fixed:
            v = s.fixed[name]
            if v is not None and v[0] == "annp":
                result = self.ann_type(v[1], s.parent or s)
            elif v is not None and v[0] == "param":
                result = self.param_type(s, v[1], v[2])
            elif v is not None and v[0] == "deco":
                result = self.decorated(v[1], v[2], s)
            else:
                result = v
            if name in s.assigns and result is not None and result[0] == "sym" and s.kind == "function":
                # a def/import rebound later: give up
                result = self.combine(s.assigns[name], s, result)
            elif result is None and name in s.assigns and v is not None and (v[0] == "param" or v[0] == "annp"):
                result = self.combine(s.assigns[name], s, None)  # p = pathlib.Path(p)
        else:
            result = self.combine(s.assigns[name], s, None)
        self.depth -= 1
        if self.cut == cut or self.depth == 0:
            s.cache[key] = result
        else:
            del s.cache[key]  # computed inside a cycle: ask again later, from outside it
        return result

    def combine(self, values, s, start):
        """Type of a name from all its assignments (flow-insensitive): the one
        known type when every assignment that gives a type agrees, else None.
        Assignments of None and of unknown values do not veto."""
        found = start
        for v in values:
            if v is None:
                continue
            if type(v) is tuple and (v[0] == "elem" or v[0] == "item" or v[0] == "list"):
                # for x in <v[1]>; x, y = <v[1]>; x.append(<v[1]>)
                r = self.elem_of(v[1], s) if v[0] == "elem" else self.item_of(v[1], v[2], s) if v[0] == "item" \
                    else self.list_of(v[1], s)
                if r is None:
                    continue
                found = _agree(found, r)
                if found is _CONFLICT:
                    return None
                continue
            if type(v) is tuple:  # ("ann", annotation, value or None)
                r = self.ann_type(v[1], s)
                if r is None and v[2] is not None:
                    r = self.type_of(v[2], s)
                if r is not None:
                    return r
                continue
            if type(v) is ast.Constant:
                continue
            r = self.type_of(v, s)
            if r is None:
                continue
            found = _agree(found, r)
            if found is _CONFLICT:
                return None
        return found

    def ann_type(self, ann, scope):
        ann = _annotation(ann)
        t = type(ann)
        if t is ast.Name or t is ast.Attribute:
            r = self.sym_of(ann, scope)
            if r is not None and r[0] == "sym":
                q = r[1]
                if q.startswith(("builtins.", "typing.", "typing_extensions.")):
                    return None  # (`X: TypeAlias = ...` is no instance of TypeAlias: see type_alias)
                return ("inst", RETURNS.get(q, q))
            if r is None and t is ast.Name:
                return self.type_alias(ann.id)
            tv = self.typevar_name(ann, r)
            return ("inst", tv) if tv is not None else None
        if t is ast.Subscript:
            base = self.sym_of(ann.value, scope)
            if base and base[0] == "sym" and base[1] in ("typing.Optional", "typing.Union", "typing_extensions.Optional"):
                for e in _slice_items(ann):
                    r = self.ann_type(e, scope)
                    if r is not None:
                        return r
            elif base and base[0] == "sym" and base[1] in ("typing.Annotated", "typing_extensions.Annotated"):
                sl = _slice(ann)
                if type(sl) is ast.Tuple and sl.elts:  # Annotated[Session, Depends(get_session)]: a Session
                    return self.ann_type(sl.elts[0], scope)
            elif base and base[0] == "sym" and base[1] in ("builtins.type", "typing.Type"):
                r = self.ann_type(_slice(ann), scope)
                if r is not None and r[0] == "inst" and "." in r[1]:
                    return ("sym", r[1])  # type[Backend]: the class itself
            elif base and base[0] == "sym" and not base[1].startswith(_NOT_GENERIC_CLASSES):
                return ("inst", RETURNS.get(base[1], base[1]))  # sessionmaker[Session]: a sessionmaker
            return None
        if t is ast.BinOp and type(ann.op) is ast.BitOr:
            return self.ann_type(ann.left, scope) or self.ann_type(ann.right, scope)
        return None

    def typevar_name(self, node, binding):
        """`mod.T` for a name bound by this module's `T = TypeVar("T")`
        (`binding`: what the name looked up to), else None: a method's
        `-> T` stays the TypeVar for graph.Program.typevar_value to bind."""
        if type(node) is ast.Name and binding is not None and binding[0] == "inst" and binding[1] in TYPEVARS \
                and node.id in self.module_scope.assigns:
            return self.modname + "." + node.id
        return None

    def type_alias(self, name):
        """The type a module-level alias names: `AnyAddon = Union[Addon,
        AddonStore]` (the first alternative that resolves, as annotations
        do), `Backend = Local | Remote`, `X: TypeAlias = ...`; None when the
        name is not such an alias."""
        ms = self.module_scope
        vals = ms.assigns.get(name)
        if not vals or len(vals) != 1 or name in ms.fixed:
            return None
        v = vals[0]
        if type(v) is tuple and v[0] == "ann" and v[2] is not None:
            v = v[2]  # X: TypeAlias = Union[...]
        tv = type(v)
        if tv is ast.BinOp:
            if not all(type(x) in (ast.Name, ast.Attribute) and not _dotted_tail(x).isupper() or (
                    type(x) is ast.Constant and x.value is None) for x in _bitor_operands(v)):
                return None  # FLAG_A | FLAG_B: a value, not a type
        elif tv is not ast.Subscript:
            return None
        key = ("alias", name)
        c = ms.cache.get(key, _MISSING)
        if c is not _MISSING:
            return c if c is not _IN_PROGRESS else None
        ms.cache[key] = _IN_PROGRESS
        r = self.ann_type(v, ms)
        r = r if r is not None and r[0] == "inst" else None
        ms.cache[key] = r
        return r

    def decorated(self, decorators, qual, scope):
        """What a decorated def binds: an object of a known type when a
        decorator is one of catalogue.DECORATORS (a Celery task), else the
        function itself (other decorators are taken as transparent)."""
        for d in decorators:
            target = d.func if type(d) is ast.Call else d
            if type(target) not in (ast.Name, ast.Attribute):
                continue
            r = self.sym_of(target, scope)
            if r is not None and r[1] in catalogue.DECORATORS:
                return ("inst", catalogue.DECORATORS[r[1]])
            if r is not None and r[0] == "inst" and r[1] in DECORATED_TYPES:
                return r  # `app.task` typed through RETURNS
            if r is not None and r[0] == "sym" and r[1].rpartition(".")[2] in DECORATOR_NAMES \
                    and not r[1].startswith(self.modname + "."):
                # `@app.task` with `app` imported from another module of the
                # tree: what calling it returns is resolved across modules
                return ("inst", r[1] + ".()")
        return ("sym", qual)

    def sym_of(self, node, scope):
        """Resolve a Name/Attribute chain: ("sym", dotted) or ("inst", T)."""
        t = type(node)
        if t is ast.Name:
            return self.lookup(node.id, scope)
        if t is ast.Attribute:
            base = self.type_of(node.value, scope)
            if base is None:
                return None
            if base[0] == "sym":
                q = base[1] + "." + node.attr
                if q in ATTRS:
                    return ("inst", ATTRS[q])
                info = self.class_infos.get(base[1])
                if info is not None:  # Cls.session / cls.session: a typed class attribute
                    r = self.class_attr(info, node.attr)
                    if r is not None and (r[0] == "inst" or r[0] == "sym"):
                        return r  # (or a class held by one: `factory = RequestsAdapter`)
                return ("sym", q)
            # attribute of an instance
            T = base[1]
            q = T + "." + node.attr
            if q in RETURNS:
                return ("inst", RETURNS[q])
            if not node.attr.startswith("_") and T + ".*" in RETURNS:
                return ("inst", RETURNS[T + ".*"])  # client.mydb.users: any attribute
            info = self.class_infos.get(T)
            if info is not None:
                r = self.class_attr(info, node.attr)
                if r is not None and r[0] == "inst":
                    return r  # api.http where this file's class Api sets self.http
            if info is not None or T.endswith(".()") or T.partition(".")[0] not in KNOWN_ROOTS:
                # an attribute of a scanned class (inherited, or a class of another
                # module): graph.py types it from the class attributes (cattrs)
                return ("inst", q)
            return ("meth", q)
        return None

    def type_of(self, node, scope):
        t = type(node)
        if t is ast.Name:
            return self.lookup(node.id, scope)
        if t is ast.Attribute:
            v = node.value
            if node.attr == "__class__":  # self.__class__(path): the object's class
                return _class_of(self.type_of(v, scope))
            if type(v) is ast.Name and scope.self_name is not None and v.id == scope.self_name:
                r = self.class_attr(scope.cls, node.attr)
                if r is not None:
                    return r
            r = self.sym_of(node, scope)
            if r is not None and r[0] == "meth":
                return None
            return r
        if t is ast.Call:
            callee = self.callee(node.func, scope)
            if callee is None:
                if _defaulted_get(node):
                    # kwargs.pop("storage", self.default_storage_class): the default, unless given
                    return self.type_of(node.args[1], scope)
                return None
            kind, q = callee
            if kind == "sym":
                if node.args and q.endswith(catalogue.TYPED_BY_FIRST_ARG_SUFFIXES):
                    a = self.type_of(node.args[0], scope)
                    if a is not None and a[0] == "inst":
                        name = q.rpartition(".")[2]
                        for (suffix, arg_type), r in catalogue.TYPED_BY_FIRST_ARG.items():
                            if a[1] == arg_type and name.endswith(suffix):
                                return ("inst", r)  # a generated gRPC stub on a sync channel
                if q == "jinja2.Environment":
                    for k in node.keywords:
                        v = k.value
                        if k.arg == "loader" and type(v) is ast.Call:
                            lq = self.callee(v.func, scope)
                            if lq is not None and lq[1] in ("jinja2.DictLoader", "jinja2.FunctionLoader"):
                                return ("inst", "jinja2.MemoryEnvironment")  # templates in memory
                if q in catalogue.QUEUE_CLASSES:
                    bounded = any(k.arg == "maxsize" for k in node.keywords) or bool(node.args)
                    if bounded and node.args and type(node.args[0]) is ast.Constant and node.args[0].value == 0:
                        bounded = False
                    return ("inst", "queue.BoundedQueue" if bounded else "queue.Queue")
                if q.startswith("builtins."):
                    if q == "builtins.type" and len(node.args) == 1 and not node.keywords:
                        # type(self)(path): the object's class, called again (sh's Command.bake)
                        return _class_of(self.type_of(node.args[0], scope))
                    if q in ("builtins.sorted", "builtins.list", "builtins.tuple", "builtins.reversed") and node.args:
                        e = self.elem_of(node.args[0], scope)
                        if e is not None:
                            return ("inst", "list[%s]" % e[1])
                    elif q == "builtins.next" and node.args and type(node.args[0]) is ast.GeneratorExp:
                        # next(cls for cls in (RequestsAdapter, URLLibAdapter) if cls.is_available):
                        # the first alternative, the one preferred when it is available
                        g = node.args[0]
                        gen = g.generators[0]
                        if len(g.generators) == 1 and type(gen.iter) in (ast.Tuple, ast.List) and gen.iter.elts \
                                and type(g.elt) is ast.Name and type(gen.target) is ast.Name and g.elt.id == gen.target.id:
                            return self.type_of(gen.iter.elts[0], scope)
                    elif q == "builtins.getattr" and len(node.args) >= 2 and type(node.args[1]) is ast.Constant \
                            and type(node.args[1].value) is str and node.args[1].value.isidentifier():
                        # getattr(coordinator, "_history_store", None): coordinator._history_store,
                        # for an object of a class of this module's own package (a library
                        # object's attribute path, request.app.state.db, stays unknown, not a
                        # rival type to `db = Database(...)` in the fallback branch)
                        base = self.type_of(node.args[0], scope)
                        if base is None or base[0] != "inst" or \
                                base[1].partition(".")[0] != self.modname.partition(".")[0]:
                            return None
                        attr = ast.Attribute(value=node.args[0], attr=node.args[1].value, ctx=ast.Load())
                        return self.type_of(attr, scope)
                    elif q == "builtins.getattr" and len(node.args) >= 2 and not (
                            type(node.args[1]) is ast.Constant and type(node.args[1].value) is str):
                        # getattr(session, method): a method chosen at run time
                        a = self.type_of(node.args[0], scope)
                        if a is not None and a[0] == "inst":
                            m = any_method(a[1])
                            if m is not None:
                                return ("bound", m)
                            pattern = _name_pattern(node.args[1])
                            if pattern is not None and a[1].partition(".")[0] not in KNOWN_ROOTS:
                                # getattr(self, "_load_" + kind): whichever method of
                                # that shape (graph.Program.methods_like)
                                return ("bound", a[1] + "." + pattern)
                    return None
                r = RETURNS.get(q)
                if r is not None:
                    return ("inst", r)
                if q in self.recs:
                    return self.return_type(q)  # a function of this file
                if q.partition(".")[0] in KNOWN_ROOTS or q.startswith(self.modname + ".") and q in self.local_defs:
                    return ("inst", q)
                return ("inst", q + ".()")
            r = RETURNS.get(q)
            if r:
                return ("inst", r)
            if ".()" in q:
                return ("inst", q + ".()")  # a method of a type known only globally
            if q in self.recs:
                return self.return_type(q)  # self.m() with m a method of this file's class
            T = q.rpartition(".")[0]
            if T in self.class_infos or T.partition(".")[0] not in KNOWN_ROOTS:
                return ("inst", q + ".()")  # an inherited or another module's method: its return type, globally
            return None
        if t is ast.BinOp and type(node.op) is ast.Div:
            left = self.type_of(node.left, scope)
            r = RETURNS.get(left[1] + ".__truediv__") if left is not None and left[0] == "inst" else None
            return ("inst", r) if r is not None else None  # path / "name"
        if t is ast.IfExp:
            return self.type_of(node.body, scope) or self.type_of(node.orelse, scope)
        if t is ast.BoolOp:
            for v in node.values:
                r = self.type_of(v, scope)
                if r is not None:
                    return r
            return None
        if t is ast.NamedExpr:
            return self.type_of(node.value, scope)
        if t is ast.ListComp and type(node.elt) is ast.Call and len(node.generators) == 1:
            # [T(...) for x in xs]: a list of T, when the callee does not depend on x
            bound = {n.id for n in ast.walk(node.generators[0].target) if type(n) is ast.Name}
            if not any(type(n) is ast.Name and n.id in bound for n in ast.walk(node.elt.func)):
                e = self.type_of(node.elt, scope)
                if e is not None and e[0] == "inst" and not e[1].endswith("]"):
                    return ("inst", "list[%s]" % e[1])
            return None
        if t is ast.Await and type(node.value) is ast.Call:
            return self.type_of(node.value, scope)
        if t is ast.Subscript:
            table = self.class_table(node.value, scope)
            if table is not None:
                return table
            base = self.type_of(node.value, scope)
            if base is not None and base[1].startswith("list[") and base[1].endswith("]"):
                return base if type(node.slice) is ast.Slice else ("inst", base[1][5:-1])
            if base is not None and base[0] == "inst" and base[1] + "[]" in RETURNS:
                return ("inst", RETURNS[base[1] + "[]"])
            if _indexable(base) and type(node.value) is ast.Name and self.indexed(node.value.id, scope):
                return ("inst", base[1] + ".__getitem__.()")  # what its __getitem__ returns (plumbum's local["git"])
            return None
        return None

    def class_table(self, node, scope):
        """`SCHEME_TO_CONNECTION[scheme]`, a module-level dict literal assigned
        once whose values are all classes of this file: its first class. The key is known
        only at run time and types here hold one class, so the first entry
        stands for the table (as `next(cls for cls in (A, B) ...)` does);
        httplib2 builds its HTTP or HTTPS connection this way. A table of
        functions or of anything else stays unknown."""
        if type(node) is not ast.Name:
            return None
        b = self.module_binding(node.id, scope)
        if b is None or b[0] != "value" or type(b[1]) is not ast.Dict or not b[1].values:
            return None
        first = None
        for v in b[1].values:
            if type(v) not in (ast.Name, ast.Attribute):
                return None
            r = self.type_of(v, scope)
            if r is None or r[0] != "sym" or r[1] not in self.class_infos:
                return None
            first = first or r
        return first

    def list_of(self, node, scope):
        t = self.type_of(node, scope)
        if t is not None and t[0] == "inst" and not t[1].endswith("]"):
            return ("inst", "list[%s]" % t[1])
        return None

    def elem_of(self, node, scope):
        """Type of the items of an iterable whose type is list[T] or iter[T]."""
        t = self.type_of(node, scope)
        if t is not None and t[0] == "inst" and t[1].endswith("]") and t[1][:5] in ("list[", "iter["):
            return ("inst", t[1][5:-1])
        if t is not None and t[0] == "inst" and t[1].endswith(".()"):
            return ("inst", t[1] + "[]")  # items of what a call returns, known only globally
        return None

    def item_of(self, call, i, scope):
        """Type of item i of the tuple a call returns (catalogue.ITEMS, or a
        function of this file whose `return a, b` statements agree on it)."""
        callee = self.callee(call.func, scope)
        if callee is not None:
            types = catalogue.ITEMS.get(callee[1], ())
            if i < len(types) and types[i]:
                return ("inst", types[i])
            rec = self.recs.get(callee[1])
            if rec is not None and rec.returns is not None:
                t = self.tuple_item(rec.returns, i, rec.scope)
                if t is not None:
                    return t
            if rec is not None and rec.values:
                found = None
                for value, s in rec.values:
                    if type(value) is not ast.Tuple or len(value.elts) <= i:
                        continue
                    e = value.elts[i]
                    if type(e) is ast.Constant:
                        continue  # return None, None: no type
                    t = self.type_of(e, s)
                    if t is None or t[0] != "inst" or (found is not None and found != t):
                        return None
                    found = t
                return found
        return None

    def tuple_item(self, ann, i, scope):
        """Type of item i of an annotated `tuple[A, B, C]` (or typing.Tuple)."""
        ann = _annotation(ann)
        if type(ann) is not ast.Subscript:
            return None
        base = self.sym_of(ann.value, scope) if type(ann.value) in (ast.Name, ast.Attribute) else None
        if base is None or base[1] not in ("builtins.tuple", "typing.Tuple"):
            return None
        elts = _slice_items(ann)
        if i >= len(elts) or (len(elts) == 2 and type(elts[1]) is ast.Constant and elts[1].value is Ellipsis):
            return None
        t = self.ann_type(elts[i], scope)
        return t if t is not None and t[0] == "inst" else None

    def appended(self, func, arg, scope):
        """`xs.append(v)` / `self.xs.append(v)`: xs is a list of v's type
        (when its assignments give it no other)."""
        v = func.value
        if type(v) is ast.Name:
            s = scope
            while s is not None:
                if v.id in s.fixed:
                    return
                vals = s.assigns.get(v.id)
                if vals is not None:
                    vals.append(("list", arg))
                    return
                s = s.parent
        elif type(v) is ast.Attribute and type(v.value) is ast.Name:
            s = scope
            while s is not None and s.self_name is None:
                s = s.parent
            if s is not None and v.value.id == s.self_name and s.cls is not None:
                s.cls.attrs.setdefault(v.attr, []).append(("list", arg, scope))

    def param_type(self, fscope, index, name):
        """Type of an unannotated parameter: the one type every call in this
        file passes for it; else, when no call gives one, the class or
        function its default names (default_ref); else None."""
        rec = fscope.rec
        if rec is None:
            return None
        key = (rec.qual, name)
        if key in self.ptypes:
            return self.ptypes[key]
        self.ptypes[key] = None  # recursion guard
        target = rec.qual
        simple = rec.qual.rpartition(".")[2]
        is_method = fscope.self_name is not None
        if simple == "__init__" and fscope.cls is not None:
            # constructor parameters: the calls are Class(...)
            target = fscope.cls.qual
            simple = target.rpartition(".")[2]
        found = None
        default = rec.refs.get(name) if rec.refs is not None else None
        calls = self.calls_by_name.get(simple, ())
        if len(calls) > 40:
            calls = ()  # a common name (get, run, ...): not worth resolving every call
        for call, scope in calls:
            callee = self.callee(call.func, scope)
            if callee is None or callee[1] != target:
                continue
            arg = None
            for k in call.keywords:
                if k.arg == name:
                    arg = k.value
            if arg is None and index is not None:
                i = index - 1 if is_method and (callee[0] == "meth" or target != rec.qual) else index
                if any(type(a) is ast.Starred for a in call.args[:i + 1]):
                    found = None
                    break
                if 0 <= i < len(call.args):
                    arg = call.args[i]
            if arg is None:
                continue  # the default value is used
            t = self.type_of(arg, scope)
            if t is None or t[0] != "inst" or (found is not None and found != t):
                found = None
                break
            found = t
        if found is None:  # (calls of it are default_guard's: only those passing nothing reach it)
            found = self.default_ref(default, fscope)
        self.ptypes[key] = found
        return found

    def default_guard(self, func, scope, rec):
        """The guard of a call of a name that holds a default class or
        function (default_ref, and `storage = kwargs.pop("storage",
        default)`): that call runs the default only when the caller passes
        no such argument, so a caller that does (`TinyDB(storage=MemoryStorage)`)
        does not reach it. A guard as param_guard makes them, "runs when None"."""
        name = func.id
        if rec.refs is not None and name in rec.refs:
            p = self.param_of(func, scope)
            if p is not None and rec.scope.fixed.get(name, ("annp",))[0] == "param":
                return (p[0], p[1], "none", True, False)  # omitted: as if None, so alive
            return None
        if rec.kwarg is None or scope is not rec.scope:
            return None
        vals = scope.assigns.get(name)
        if vals is None or len(vals) != 1 or type(vals[0]) is not ast.Call:
            return None
        v = vals[0]
        if _defaulted_get(v) and type(v.func.value) is ast.Name and v.func.value.id == rec.kwarg \
                and type(v.args[0]) is ast.Constant and type(v.args[0].value) is str:
            return (v.args[0].value, None, "none", True, False)
        return None

    def default_ref(self, default, fscope):
        """What a parameter whose default names a class or function holds
        when no call in this file passes it: `def __init__(self,
        storage=JSONStorage)` builds a JSONStorage, `sleep=time.sleep` sleeps."""
        if default is None:
            return None
        r = self.type_of(default, fscope.parent or fscope)
        return r if r is not None and r[0] == "sym" else None

    def return_type(self, qual):
        """Type of what a function of this file returns: its annotation, else the
        one type all its `return` expressions agree on. None when unknown."""
        rec = self.recs.get(qual)
        if rec is None:
            return None
        if rec.rtype is not False:
            return rec.rtype
        rec.rtype = None  # recursion guard
        r = None
        if rec.returns is not None:
            r = self.ann_type(rec.returns, rec.scope.parent if rec.scope is not None else self.module_scope)
        if r is None and rec.values:
            found = None
            for value, scope in rec.values:
                if type(value) is ast.Constant:
                    continue
                t = self.type_of(value, scope)
                if t is None or t[0] != "inst" or (found is not None and found != t):
                    found = None
                    break
                found = t
            r = found
        rec.rtype = r
        return r

    def class_attr(self, cls, attr):
        if cls is None:
            return None
        vals = cls.attrs.get(attr)
        if not vals:
            return None
        if attr in cls.cache:
            return cls.cache[attr]
        cls.cache[attr] = None  # recursion guard
        r = self._class_attr(vals)
        cls.cache[attr] = r
        return r

    def _class_attr(self, vals):
        found = None
        body = []
        for v in vals:
            if len(v) == 3 and v[0] == "body":
                body.append(v[1:])
                continue
            if len(v) == 3 and v[0] == "list":  # self.xs.append(value)
                r = self.list_of(v[1], v[2])
                if r is None:
                    continue
                if found is not None and found != r:
                    return None
                found = r
                continue
            if len(v) == 4:  # ("ann", node, value, scope): `self._storage: Storage = storage(...)`
                r = self.type_of(v[2], v[3])
                if r is not None and r[0] == "inst" and ".()" not in r[1]:
                    return r  # what is built, more precise than the declared (often abstract) base
                v = v[:2] + v[3:]
            if len(v) == 3:  # ("ann", node, scope)
                r = self.ann_type(v[1], v[2].parent if v[2].kind == "function" else v[2])
                if r is not None:
                    return r
                continue
            value, s = v
            if value is None:
                continue
            if type(value) is ast.Constant and value.value is None:
                continue
            r = self.type_of(value, s)
            if r is None:
                continue
            if found is not None and found != r:
                return None
            found = r
        if found is None and body:
            # `x = T()` in the class body counts only when no `self.x = ...` gives a
            # type: a class-level value may be a descriptor (traitlets, ORM fields)
            return self._class_attr(body)
        return found

    def callee(self, func, scope):
        """("sym", q) for a function/class, ("meth", T.m) for a method of an instance."""
        t = type(func)
        if t is ast.Name:
            b = self.lookup(func.id, scope)
            if b is None:
                return None
            if b[0] == "inst":
                return ("meth", b[1] + ".__call__")
            if b[0] == "bound":
                return ("meth", b[1])
            return b
        if t is ast.Attribute:
            v = func.value
            tv = type(v)
            if func.attr == "__class__":
                r = self.type_of(func, scope)
                return r  # self.__class__(...): a constructor call of the object's class
            if tv is ast.Name:
                if scope.self_name is not None and v.id == scope.self_name:
                    r = self.class_attr(scope.cls, func.attr)
                    if r is not None:
                        if r[0] == "inst":
                            return ("meth", r[1] + ".__call__")
                        return r
                base = self.lookup(v.id, scope)  # (type_of of a name)
            elif tv is ast.Call and type(v.func) is ast.Name and v.func.id == "super":
                s = scope
                while s is not None and s.cls is None and s.kind != "class":
                    s = s.parent
                if s is not None and s.cls is not None and s.kind == "function":
                    return ("meth", s.cls.qual + ".__super__." + func.attr)
                return None
            else:
                base = self.type_of(v, scope)
            if base is None:
                return None
            if base[0] == "sym":
                return ("sym", base[1] + "." + func.attr)
            return ("meth", base[1] + "." + func.attr)
        if t is ast.Call:
            r = self.type_of(func, scope)
            if r is not None and r[0] == "inst":
                return ("meth", r[1] + ".__call__")
            if r is not None and r[0] == "bound":
                return ("meth", r[1])
            if r is not None and r[0] == "sym" and type(func.func) is ast.Name and func.func.id == "type":
                return r  # type(self)(...): a constructor call of the object's class
        return None


_ANY_METHOD = {}
NAME_HOLE = "<name>"  # the run-time part of a method name built from constants: `_load_<name>`


def _name_pattern(node):
    """`_load_<name>` for a method name built as "_load_" + kind,
    f"_load_{kind}", "_load_{}".format(kind) or "_load_%s" % kind (one
    run-time part; the constant parts at least 3 characters of a name), else
    None."""
    t = type(node)
    prefix = suffix = None
    if t is ast.JoinedStr:
        vals = node.values
        holes = [i for i, v in enumerate(vals) if type(v) is ast.FormattedValue]
        if len(holes) == 1 and all(type(v) is ast.Constant for i, v in enumerate(vals) if i != holes[0]):
            h = holes[0]
            prefix = "".join(v.value for v in vals[:h])
            suffix = "".join(v.value for v in vals[h + 1:])
    elif t is ast.BinOp and type(node.op) is ast.Add:
        left, right = node.left, node.right
        if type(left) is ast.BinOp and type(left.op) is ast.Add and type(left.left) is ast.Constant:
            left, prefix, suffix = left.right, left.left.value, right.value if type(right) is ast.Constant else None
            if type(left) is ast.Constant:
                prefix = None  # ("a" + "b") + c: not one hole
        elif type(left) is ast.Constant and type(right) is not ast.Constant:
            prefix, suffix = left.value, ""
        elif type(right) is ast.Constant and type(left) is not ast.Constant:
            prefix, suffix = "", right.value
    elif t is ast.BinOp and type(node.op) is ast.Mod and type(node.left) is ast.Constant:
        parts = node.left.value.split("%s") if type(node.left.value) is str else ()
        if len(parts) == 2:
            prefix, suffix = parts
    elif t is ast.Call and type(node.func) is ast.Attribute and node.func.attr == "format" \
            and type(node.func.value) is ast.Constant and len(node.args) + len(node.keywords) == 1:
        text = node.func.value.value
        m = _FORMAT_HOLE.fullmatch(text) if type(text) is str else None
        if m is not None:
            prefix, suffix = m.group(1), m.group(2)
    if type(prefix) is not str or type(suffix) is not str or len(prefix) + len(suffix) < 3:
        return None
    if not (prefix + "x" + suffix).isidentifier():
        return None
    return prefix + NAME_HOLE + suffix


_FORMAT_HOLE = re.compile(r"([A-Za-z0-9_]*)\{[A-Za-z0-9_]*\}([A-Za-z0-9_]*)")


def any_method(T):
    """A catalogued method of type T standing for any of them, when T's
    catalogued methods all block in one family (`getattr(session, verb)(url)`
    on a requests.Session is an HTTP request whatever the verb); else None."""
    r = _ANY_METHOD.get(T, False)
    if r is not False:
        return r
    if not _ANY_METHOD:
        by_type = {}
        for q, e in CAT.items():
            t, _, m = q.rpartition(".")
            if t and m and (m == "*" or not m.startswith("_")):
                by_type.setdefault(t, []).append((m, e[0][:4]))
        for t, ms in by_type.items():
            if len({fam for _, fam in ms}) == 1:
                names = sorted(m for m, _ in ms)
                _ANY_METHOD[t] = t + "." + ("request" if "request" in names or "*" in names else names[0])
            else:
                _ANY_METHOD[t] = None
    return _ANY_METHOD.setdefault(T, None)


def nonblocking_args(q, call, is_mem=None):
    """True when the arguments make this call return at once. is_mem(node)
    says whether an argument is an in-memory buffer (default: written as
    `io.BytesIO(...)` right there)."""
    is_mem = is_mem or _in_memory
    for k in call.keywords:
        if k.arg in ("blocking", "block", "wait") and type(k.value) is ast.Constant and k.value.value is False:
            return True
        if k.arg == "timeout" and type(k.value) is ast.Constant and k.value.value == 0:
            return True
        if k.arg == "delay" and q.startswith("logging.") and type(k.value) is ast.Constant and k.value.value is True:
            return True  # a file handler that opens its file on the first record
        if k.arg == "do_handshake_on_connect" and type(k.value) is ast.Constant and k.value.value is False:
            return True  # wrap_socket without the handshake
        if k.arg == "asynchronous" and type(k.value) is ast.Constant and k.value.value is True:
            return True  # confluent_kafka's commit(asynchronous=True)
        if k.arg == "reply_handler" or (k.arg == "ignore_reply" and type(k.value) is ast.Constant
                                        and k.value.value is True):
            return True  # a dbus-python call whose reply goes to a callback, or is not awaited
    i = catalogue.TIMEOUT_POSITION.get(q)
    if i is not None and len(call.args) > i:
        a = call.args[i]
        if type(a) is ast.Constant and type(a.value) in (int, float) and a.value == 0:
            return True  # select.select(r, w, x, 0), consumer.poll(0): a poll
    args = catalogue.BLOCKS_ONLY_WITH.get(q)
    if args is not None:
        return not any(_asks_for(call, kw, index) for kw, index in args)
    given = catalogue.UNLESS_GIVEN.get(q)
    if given is not None:
        kw, index, still = given
        v = _argument(call, kw, index)
        if v is not None and not (type(v) is ast.Constant and (
                v.value in still or (str in still and type(v.value) is str))):
            return True
    free = catalogue.NO_IO_CONSTANTS.get(q)
    if free is not None:
        index, kw, values = free
        v = _argument(call, kw, index)
        if type(v) is ast.Constant and type(v.value) is str and v.value.lower() in values:
            return True
    src = catalogue.IN_MEMORY_OK.get(q)
    if src is not None:
        a = next((k.value for k in call.keywords if k.arg == src[0]), None)
        if a is None and len(call.args) > src[1]:
            a = call.args[src[1]]
        if a is not None and is_mem(a):
            return True  # openpyxl.load_workbook(io.BytesIO(data)), tarfile.open(fileobj=buf)
    name = q.rpartition(".")[2]
    if name in ("acquire", "get", "put") and call.args:
        a = call.args[0] if name != "put" else (call.args[1] if len(call.args) > 1 else None)
        if a is not None and type(a) is ast.Constant and a.value is False:
            return True
    if q in ("pandas.DataFrame.to_csv", "pandas.DataFrame.to_json") and not call.args and not any(
            k.arg == "path_or_buf" for k in call.keywords):
        return True  # no path: returns a string
    if q in ("psutil.cpu_percent", "psutil.cpu_times_percent"):
        iv = [k.value for k in call.keywords if k.arg == "interval"] or call.args[:1]
        if not iv or (type(iv[0]) is ast.Constant and iv[0].value in (None, 0, 0.0)):
            return True  # interval=None (the default): returns at once
    if q in ("socket.getaddrinfo", "socket.getnameinfo"):
        for a in ast.walk(call):
            n = a.id if type(a) is ast.Name else a.attr if type(a) is ast.Attribute else ""
            if "NUMERIC" in n:
                return True  # AI_NUMERICHOST / NI_NUMERICHOST: no DNS query
    for prefix, flags in catalogue.NONBLOCKING_FLAGS.items():
        if q.startswith(prefix):
            for a in ast.walk(call):
                if (type(a) is ast.Name and a.id.lstrip("_") in flags) or (
                        type(a) is ast.Attribute and a.attr in flags):
                    return True  # fcntl's LOCK_NB, zmq.NOBLOCK / DONTWAIT
    return False


_CONFLICT = object()


def _agree(found, r):
    """The type two assignments of a name agree on, or _CONFLICT. A type
    known only globally (`X.m.()`: what a method of another module's class
    returns) is no more than an unknown next to a type known here: the
    known one is kept (`p = Path(x)` / `p = self._dir.joinpath(x)`)."""
    if found is None or found == r:
        return r
    deferred_found = found[0] == "inst" and found[1].endswith(".()")
    if deferred_found != (r[0] == "inst" and r[1].endswith(".()")):
        return r if deferred_found else found
    return _CONFLICT


def _bitor_operands(node):
    """The operands of `A | B | C`."""
    out = []
    while type(node) is ast.BinOp and type(node.op) is ast.BitOr:
        out.append(node.right)
        node = node.left
    out.append(node)
    return out[::-1]


def _dotted_tail(node):
    return node.id if type(node) is ast.Name else node.attr


def _local_object(v, fs):
    """Whether `v` (the receiver of `v.attr`) is a local object of function
    scope fs whose class graph.py may know: a parameter or local variable
    (not self), an attribute of self (`self.x`), or a public attribute of a
    parameter or local variable (`repo.head` in `repo.head.commit`)."""
    if fs is None:
        return False
    tv = type(v)
    if tv is ast.Name:
        return v.id != fs.self_name and (v.id in fs.fixed or v.id in fs.assigns)
    if tv is not ast.Attribute or type(v.value) is not ast.Name:
        return False
    w = v.value.id
    return w == fs.self_name or (v.attr[0] != "_" and (w in fs.fixed or w in fs.assigns))


def _accessor_of(deco):
    """"setter" / "deleter" for a `@name.setter` / `@name.deleter` decorator."""
    if type(deco) is ast.Attribute and deco.attr in ("setter", "deleter") and type(deco.value) is ast.Name:
        return deco.attr
    return None


def _in_memory(node):
    """An `io.BytesIO(...)` / `io.StringIO(...)` argument."""
    if type(node) is not ast.Call:
        return False
    f = node.func
    n = f.id if type(f) is ast.Name else f.attr if type(f) is ast.Attribute else ""
    return n in ("BytesIO", "StringIO")


def _class_of(t):
    """("sym", C) for the type of an instance of class C (`type(self)`,
    `self.__class__`), else None."""
    return ("sym", t[1]) if t is not None and t[0] == "inst" and "." in t[1] else None


def _indexable(t):
    """A type whose `obj[key]` may run a class's __getitem__ (__setitem__,
    __delitem__): an object of the program's or a package's class, not a
    catalogued type, a bound method or a list[T]."""
    return t is not None and t[0] != "bound" and t[1].partition(".")[0] not in KNOWN_ROOTS \
        and not t[1].endswith("]")


def _argument(call, kw, index):
    """The argument given as keyword kw, or else at position `index` (None:
    keyword only) when no `*args` comes before it; None when not given."""
    v = next((k.value for k in call.keywords if k.arg == kw), None)
    if v is None and index is not None and len(call.args) > index and \
            not any(type(a) is ast.Starred for a in call.args[:index + 1]):
        v = call.args[index]
    return v


def _asks_for(call, kw, index):
    """True when keyword kw (or positional argument `index`) is given with a
    value other than a false constant, "NONE"/"DEFAULT" or a *_NONE/*_DEFAULT
    name; a `**kwargs` may hold it."""
    if any(k.arg is None for k in call.keywords):
        return True
    v = _argument(call, kw, index)
    if v is None:
        return any(type(a) is ast.Starred for a in call.args)
    if type(v) is ast.Constant:
        return v.value not in (False, None, "NONE", "DEFAULT")
    n = v.id if type(v) is ast.Name else v.attr if type(v) is ast.Attribute else ""
    return not n.endswith(("_NONE", "_DEFAULT"))


# Keywords nonblocking_args() reads: their constant values are kept for calls
# resolved in the global pass (the presence of UNLESS_KEYWORD and
# BLOCKS_ONLY_WITH keywords too, whatever their value).
_PRESENCE_KEYWORDS = frozenset([a[0] for a in catalogue.UNLESS_GIVEN.values()] +
                               [a[0] for args in catalogue.BLOCKS_ONLY_WITH.values() for a in args])
_FACT_KEYWORDS = frozenset({"blocking", "block", "wait", "timeout", "delay", "do_handshake_on_connect", "asynchronous",
                            "interval", "path_or_buf", "flags"}) | _PRESENCE_KEYWORDS | frozenset(
                               a[0] for a in catalogue.IN_MEMORY_OK.values())


def arg_facts(call, an=None, scope=None):
    """The arguments nonblocking_args() looks at, kept for a call whose callee
    is known only in the global pass (another module's object): the number of
    positional arguments, then (position or keyword, value) for non-string
    constants, upper-case names, in-memory buffers and `*args` among the first
    four positional arguments, and for the keywords the rules read (`**kwargs`
    as keyword None). None when there is none of these and some positional
    argument (most calls)."""
    is_mem = _in_memory  # (names bound to a buffer: checked where the callee is known, in summarize)
    out = []
    for i, a in enumerate(call.args[:4]):
        v = _fact(a, is_mem)
        if v is not _NOFACT:
            out.append((i, v))
    for k in call.keywords:
        if k.arg is None:
            out.append((None, Ellipsis))
        elif k.arg in _FACT_KEYWORDS:
            v = _fact(k.value, is_mem)
            if v is not _NOFACT or k.arg in _PRESENCE_KEYWORDS:
                out.append((k.arg, Ellipsis if v is _NOFACT else v))
    if not out:
        return None if call.args else _NO_POSITIONAL  # (shared: no memory per call)
    return (len(call.args),) + tuple(out)


_NOFACT = object()
_NO_POSITIONAL = (0,)
_FACT_CONSTANTS = (bool, int, float)  # (and None)


def _fact(a, is_mem):
    t = type(a)
    if t is ast.Constant:
        v = a.value
        return v if v is None or type(v) in _FACT_CONSTANTS else _NOFACT
    if t is ast.Starred:
        return ("*",)
    n = a.id if t is ast.Name else a.attr if t is ast.Attribute else None
    if n is not None and n.isupper():
        return ("name", n)
    if is_mem(a):
        return ("mem",)
    return _NOFACT


def call_from_facts(facts):
    """An ast.Call carrying the arguments of arg_facts(), for nonblocking_args()
    (other positional arguments are placeholders)."""
    args = [ast.Name(id="_") for _ in range(facts[0])]
    keywords = []
    for key, v in facts[1:]:
        if type(key) is int:
            args[key] = _node(v)
        else:
            keywords.append(ast.keyword(arg=key, value=_node(v)))
    return ast.Call(func=ast.Name(id="_"), args=args, keywords=keywords)


def _node(v):
    if v is Ellipsis:
        return ast.Name(id="_")
    if type(v) is tuple:
        if v[0] == "name":
            return ast.Name(id=v[1])
        if v[0] == "mem":
            return ast.Call(func=ast.Name(id="BytesIO"), args=[], keywords=[])
        return ast.Starred(value=ast.Name(id="_"))
    return ast.Constant(value=v)


PSEUDO_FS = ("/proc/", "/sys/", "/dev/fd")


def const_strings(an, node, scope, depth=0):
    """The string constants an expression can be (literals, IfExp, names bound
    only to such), or None when unknown."""
    t = type(node)
    if t is ast.Constant:
        return [node.value] if type(node.value) is str else None
    if t is ast.IfExp:
        a = const_strings(an, node.body, scope, depth)
        b = const_strings(an, node.orelse, scope, depth)
        return a + b if a is not None and b is not None else None
    if t is ast.JoinedStr and node.values and type(node.values[0]) is ast.Constant:
        return [node.values[0].value]
    if t is ast.Name and depth < 3:
        s = scope
        while s is not None:
            if node.id in s.assigns or node.id in s.fixed:
                if node.id in s.fixed:
                    return None
                out = []
                for v in s.assigns[node.id]:
                    if v is None or type(v) is tuple:
                        return None
                    r = const_strings(an, v, s, depth + 1)
                    if r is None:
                        return None
                    out += r
                return out
            s = s.parent
    return None


def received_content(call, scope, depth=0):
    """The first argument of a CONTENT_OR_LOCATION call is content already
    received: an `await` expression, an in-memory buffer, or a name bound
    (in the nearest scope that binds it) only to such values."""
    if not call.args:
        return False
    return _is_content(call.args[0], scope, depth)


def _is_content(node, scope, depth):
    t = type(node)
    if t is ast.Await or _in_memory(node):
        return True
    if t is ast.Name and depth < 3:
        s = scope
        while s is not None:
            if node.id in s.fixed:
                return False
            vals = s.assigns.get(node.id)
            if vals is not None:
                return bool(vals) and all(v is not None and type(v) is not tuple and _is_content(v, s, depth + 1)
                                          for v in vals)
            s = s.parent
    return False


def on_pseudo_fs(an, call, scope):
    """A file system call whose path is in /proc, /sys or /dev/fd: no disk I/O."""
    if not call.args:
        return False
    values = const_strings(an, call.args[0], scope)
    return bool(values) and all(v.startswith(PSEUDO_FS) for v in values)


def other_scheme(an, call, scope, q):
    """The URI of a TLS_ONLY_FOR call is surely of a scheme without TLS."""
    kw, index, schemes = catalogue.TLS_ONLY_FOR[q]
    uri = _argument(call, kw, index)
    values = const_strings(an, uri, scope) if uri is not None else None
    return bool(values) and not any(v.lower().startswith(schemes) for v in values)


# Reading the rows of a statement the same function executed: one finding per
# statement, on its execute() (DB-API cursors; psycopg2's default cursor even
# holds every row in memory after execute)
STATEMENT_READS = frozenset(q for q, e in CAT.items() if e[0].startswith("BLK7") and q.rpartition(".")[2] in (
    "fetchone", "fetchmany", "fetchall", "__iter__") and "cursor" in q.lower())
EXECUTES = frozenset({"execute", "executemany", "executescript"})


def read_of_executed(s, rec, sites):
    """`cur.fetchone()` (or `for row in cur`) where the function ran the
    statement itself: `conn.execute(...).fetchall()`, `cur.execute(...)` on
    the same receiver, or `cur = conn.execute(...)`, not awaited."""
    if s.kind == KIND_ITER:
        recv = s.node
    elif type(s.node.func) is ast.Attribute:
        recv = s.node.func.value
    else:
        return False
    if type(recv) is ast.Call:
        return type(recv.func) is ast.Attribute and recv.func.attr in EXECUTES
    key = receiver_key(recv, rec, s.scope)
    if key is None:
        return False
    for o in sites:
        if o.kind == KIND_CALL and not o.awaited and type(o.node.func) is ast.Attribute \
                and o.node.func.attr in EXECUTES and receiver_key(o.node.func.value, rec, o.scope) == key:
            return True
    if type(recv) is ast.Name:
        sc = s.scope
        while sc.parent is not None and recv.id not in sc.assigns and sc.kind != "function":
            sc = sc.parent  # (`for row in cur` inside a comprehension)
        for v in sc.assigns.get(recv.id) or ():
            if type(v) is ast.Call and type(v.func) is ast.Attribute and v.func.attr in EXECUTES:
                return True
    return False


def receiver_key(node, rec, scope):
    """A key for `x` or `self.x` (the receiver of a method call), or None."""
    if type(node) is ast.Name:
        return ("n", rec.qual, node.id)
    if type(node) is ast.Attribute and type(node.value) is ast.Name:
        s = scope
        while s is not None and s.self_name is None:
            s = s.parent
        if s is not None and node.value.id == s.self_name and s.cls is not None:
            return ("a", s.cls.qual, node.attr)
    return None


def nonblocking_receivers(an):
    """Sockets switched to non-blocking mode: x.setblocking(False), x.settimeout(0)."""
    out = set()
    for rec, s in an.mode_calls:
        n = s.node
        a = n.args[0] if n.args else None
        if type(a) is not ast.Constant:
            continue
        if (n.func.attr == "setblocking" and a.value in (False, 0)) or (n.func.attr == "settimeout" and a.value == 0):
            k = receiver_key(n.func.value, rec, s.scope)
            if k is not None:
                out.add(k)
    return out


_MODE_SETTERS = frozenset(("setblocking", "settimeout"))


def summarize(tree, modname, is_pkg, source=b"", installed=False):
    an = Analyzer(modname, is_pkg, installed)
    an.source = source
    an.run(tree)
    cattrs = {}  # class -> {attribute: type} for the typed attributes (self.x = T(...), x = T() in the body)
    init_params = {}  # class -> {attribute: (parameter, its index)} for `self.x = x` of an untyped __init__ parameter
    plain_attrs = {}  # class with a __getattr__ -> the attributes it sets: they never reach __getattr__
    built = {}  # class -> {attribute: what its annotated assignment builds, when known only globally}
    # class -> its attributes whose declared type the global pass may narrow (graph.Program.narrowed):
    # `self.X.m()` is named through the attribute (C.X.m), not the declared type, so that it can
    narrowable = {}
    for info in an.classes:
        typed = {}
        for attr, vals in info.attrs.items():
            r = an.class_attr(info, attr)
            if r is not None and r[0] == "inst":
                typed[attr] = r[1]
                b = _built_type(an, vals)
                if b is not None and b != r[1]:
                    built.setdefault(info.qual, {})[attr] = b
                    narrowable.setdefault(info.qual, set()).add(attr)
            if r is None or r[0] == "inst":
                p = _init_parameter(info, vals, r is not None)
                if p is not None:
                    init_params.setdefault(info.qual, {})[attr] = p
                    if r is not None:
                        narrowable.setdefault(info.qual, set()).add(attr)
        if typed:
            cattrs[info.qual] = typed
        if info.qual + ".__getattr__" in an.recs and info.attrs:
            plain_attrs[info.qual] = tuple(sorted(info.attrs))
    more = {}  # the optional parts of the summary (see analyze_bytes)
    if init_params:
        more["init_params"] = init_params
    if plain_attrs:
        more["plain_attrs"] = plain_attrs
    if built:
        more["built_attrs"] = built
    getters = {}  # method -> X, for a method whose one return is `return self.X` (a property's getter)
    for rec in an.funcs:
        if rec.values and len(rec.values) == 1 and rec.scope is not None and rec.scope.self_name is not None:
            v = rec.values[0][0]
            if type(v) is ast.Attribute and type(v.value) is ast.Name and v.value.id == rec.scope.self_name:
                getters[rec.qual] = v.attr
    if getters:
        more["getters"] = getters
    if an.getattr_lambdas:
        more["getattr_lambdas"] = an.getattr_lambdas
    ctor_args = {}  # class-like callee -> {(argument key, its type), ...) per call}: see constructor_arguments
    error_paths = {}  # function -> ((first line, last line), ...): Analyzer.error_paths
    loopcb = loop_callbacks(an, more)
    funcs = {}
    # sync functions that may be run by the loop itself keep one target per
    # call (the loop code reports each call); the others one per distinct call
    maybe_root = set(loopcb) | set(an.decos)
    nb_receivers = nonblocking_receivers(an)
    eager = catalogue.EAGER_CALLERS
    offloads = catalogue.OFFLOADS
    lazy = catalogue.LAZY
    interned = {}
    # one object per distinct name and number of the file: a summary keeps
    # hundreds of thousands of targets; ast gives each its own strings and ints
    strs = {}
    ints = {}
    before_names = {}  # id(Site.before) -> (it, the names of those calls): one pair is shared by many sites

    def position(node):
        """(line, column, end line, end column) of a node, columns from 1, its
        numbers shared (computed only for the sites kept)."""
        line = node.lineno
        col = node.col_offset
        end_line = node.end_lineno or line
        end_col = (node.end_col_offset or col) + 1
        col += 1
        return (ints.setdefault(line, line), ints.setdefault(col, col), ints.setdefault(end_line, end_line),
                ints.setdefault(end_col, end_col))

    def names_of(before):
        if not before:
            return ()
        got = before_names.get(id(before))
        if got is None:  # (the pair is kept in the value: its id cannot be reused meanwhile)
            calls, n = before
            got = before_names[id(before)] = (before, _call_names(calls[:n]))
        return got[1]
    for rec in an.funcs:
        direct = []
        targets = []
        name = rec.qual.rpartition(".")[2]
        seen = None if rec.is_async or rec.qual in maybe_root or name in LOOP_METHOD_NAMES or \
            name.startswith(catalogue.LOOP_METHOD_PREFIX_NAMES) else set()
        sites = rec.sites
        # resolve every site first
        extra = []
        for s in sites:
            k = s.kind
            if k == KIND_CALL:
                r = an.callee(s.node.func, s.scope)
                if narrowable and r is not None and r[0] == "meth":
                    r = _narrowable_receiver(s.node.func, s.scope, narrowable) or r
                if r is not None and r[1] in CONSUMERS and s.node.args:
                    # list(qs), len(cursor): iterating the argument runs it
                    it = Site(s.node.args[0], s.scope, s, s.cond, False, KIND_ITER, ctx=s.ctx)
                    ty = an.type_of(it.node, s.scope)
                    if ty is not None and ty[0] == "inst":
                        it.res = ("meth", ty[1] + ".__iter__")
                        extra.append(it)
            elif k == KIND_IMPORT:
                continue  # res set when walking: ("import", statement, modules)
            elif k == KIND_INDEX:
                ty = an.type_of(s.node.value, s.scope)
                r = ("meth", ty[1] + INDEX_SUFFIX[type(s.node.ctx)]) if _indexable(ty) else None
            elif k == KIND_GET:
                ty = an.type_of(s.node.value, s.scope)
                r = ("get", ty[1] + "." + s.node.attr) if ty is not None and ty[0] == "inst" and (
                    s.node.attr in an.prop_names or ty[1].partition(".")[0] not in KNOWN_ROOTS) else None
            elif k == KIND_SET or k == KIND_DEL:
                ty = an.type_of(s.node.value, s.scope)
                r = (ACCESS[k], ty[1] + "." + s.node.attr) if ty is not None and ty[0] == "inst" and (
                    s.node.attr in an.set_names or ty[1].partition(".")[0] not in KNOWN_ROOTS) else None
            else:
                ty = an.type_of(s.node, s.scope)
                if ty is None or (ty[0] != "inst" and s.kind != KIND_ITER):
                    r = None
                else:
                    r = ("meth", ty[1] + SUFFIX[s.kind])  # `for line in sys.stdin` too
            s.res = r
        if extra:
            sites = sites + extra
        for s in sites:
            r = s.res
            if r is None:
                if s.kind == KIND_CALL and not s.awaited and type(s.node.func) is ast.Attribute:
                    by_name = catalogue.BY_METHOD_NAME.get(s.node.func.attr)
                    if by_name:
                        r = ("meth", by_name)
                        s.res = r
                if r is None:
                    continue
            if s.awaited or (an.drained and id(s.node) in an.drained):
                continue
            # lambda bodies count only when the callee calls them right away
            c = s.cond
            if c is not UNCOND and c != UNCOND:
                if c == NEVER:
                    continue
                cr = c.res
                if cr is None or (cr[1] not in eager and not cr[1].endswith(".sort")):
                    continue
            q = r[1]
            if q in STATEMENT_READS and read_of_executed(s, rec, sites):
                continue  # the execute() that ran the statement is the finding
            # inside the argument list of an offload?
            off = None
            p = s.parent
            while p is not None:
                pr = p.res
                if pr is not None and (pr[1] in offloads or pr[1].endswith(".run_in_executor")):
                    off = pr[1]
                    break
                p = p.parent
            ctx = s.ctx
            if r[0] == "import":
                direct.append(position(s.node) + (strs.setdefault(q, q), off, _intern(
                    interned, _import_extra(ctx, r[2], s.loaded, names_of(s.before)))))
                continue
            # a read of a catalogued type's attribute runs only a row of its own
            # (`T.*` rows are methods); storing to one or deleting it calls nothing
            if s.kind < KIND_GET:  # (cat_get, its first two lookups inlined: most names are in neither)
                e = CAT.get(q)
                if e is None:
                    e = _CAT_STAR.get(q, False)
                    if e is False:
                        e = cat_get(q)
            else:
                e = CAT.get(q) if s.kind == KIND_GET else None
            if e is not None:
                if s.kind == KIND_CALL:
                    node = s.node
                    if nonblocking_args(q, node, lambda x: an.in_memory(x, s.scope)):
                        continue
                    if q in catalogue.IMPORT_CALLS:
                        mods = imported_modules(an, q, node)
                        if mods is not None:  # importlib.import_module("pkg.mod"): checked like `import pkg.mod`
                            direct.append(position(node) + (strs.setdefault(q, q), off, _intern(
                                interned, _import_extra(ctx, mods, s.loaded, names_of(s.before)))))
                            continue
                fam = e[0][:4]
                if fam == "BLK4" and s.kind == KIND_CALL and on_pseudo_fs(an, s.node, s.scope):
                    continue
                if q in catalogue.TLS_ONLY_FOR and s.kind == KIND_CALL and other_scheme(an, s.node, s.scope, q):
                    continue  # websockets.connect(f"ws://{host}"): no TLS
                if q in catalogue.CONTENT_OR_LOCATION and s.kind == KIND_CALL and received_content(s.node, s.scope):
                    continue  # feedparser.parse(await resp.text()): parses, fetches nothing
                if fam == "BLK6" and s.nb:
                    continue  # a non-blocking socket: BlockingIOError is handled
                if fam == "BLK6" and nb_receivers and s.kind == KIND_CALL and type(s.node.func) is ast.Attribute \
                        and receiver_key(s.node.func.value, rec, s.scope) in nb_receivers:
                    continue  # x.setblocking(False) was called on this socket
                if q in lazy and (off is not None or lazy_unconsumed(an, s.node)):
                    continue
                akey = arg_key(an, s.node, s.scope) if s.kind == KIND_CALL and q in catalogue.FIRST_CALL_ONLY else None
                x = None
                if ctx is not None or akey is not None:
                    x = _intern(interned, (bool(ctx and ctx[0]), ctx[1] if ctx else (), akey))
                direct.append(position(s.node) + (strs.setdefault(q, q), off, x))
            elif s.kind == KIND_CALL or r[0] == "meth" or r[0] in _ACCESSES:
                if q.startswith("builtins.") or q.endswith(".__call__") and r[0] == "meth" and cat_get(q[:-9]) is not None:
                    continue
                if nb_receivers and s.kind == KIND_CALL and type(s.node.func) is ast.Attribute \
                        and receiver_key(s.node.func.value, rec, s.scope) in nb_receivers:
                    continue  # a method of a socket this file made non-blocking (typed by graph.py)
                if s.kind == KIND_CALL:
                    if r[0] == "sym" and (s.node.args or s.node.keywords) and _keeps_args(q):
                        passed = constructor_arguments(an, s.node, s.scope)
                        if passed:
                            ctor_args.setdefault(strs.setdefault(q, q), set()).add(passed)
                    facts, info, shape = call_facts(an, s.node, s.scope)
                    if s.loaded is not None and shape is not None:
                        shape = (shape[0], shape[1] + ((LOADED, s.loaded),))  # (see graph.killed)
                    if s.before and shape is not None and rec.is_async:  # (in loop code only: each
                        # such shape is distinct, and sync helpers are covered at their own imports)
                        names = names_of(s.before)
                        if names:
                            shape = (shape[0], shape[1] + ((BEFORE, names),))
                else:
                    facts = None
                    shape = setter_shape(an, s.value, s.scope) if s.kind == KIND_SET else None
                    info = r[0] if r[0] in _ACCESSES else None  # "get" / "set" / "del": a property read, store, del
                if ctx is None and (info is None or info == NO_ARGS) and (shape is None or not shape[1]):
                    x = _PLAIN.get((info, shape))
                    if x is None:
                        x = _PLAIN[(info, shape)] = (False, (), info, shape)
                else:
                    x = (bool(ctx and ctx[0]), ctx[1] if ctx else (), info, shape)
                    x = interned.setdefault(x, x)  # (_intern)
                if seen is not None:
                    n = len(seen)
                    seen.add((q, facts, x))
                    if len(seen) == n:
                        continue  # (seen before: the key hashed once, not twice)
                node = s.node  # (position(node), inlined: most sites are targets)
                line = node.lineno
                col = node.col_offset
                end_line = node.end_lineno or line
                end_col = (node.end_col_offset or col) + 1
                col += 1
                targets.append((ints.setdefault(line, line), ints.setdefault(col, col),
                                ints.setdefault(end_line, end_line), ints.setdefault(end_col, end_col),
                                strs.setdefault(q, q), off, facts, x))
        if rec.offloaded:
            direct, targets = [], []  # the body runs in a worker thread
        rt = an.return_type(rec.qual)
        if rec.qual in funcs:
            # defined again under the same name (`async def _(event)` per NoneBot or aiogram
            # handler): the decorator kept the earlier one, so it stays, as qual#line
            earlier = funcs.pop(rec.qual)
            funcs["%s#%d" % (rec.qual, earlier[1])] = earlier
        funcs[rec.qual] = (rec.is_async, rec.line, direct, targets, rt[1] if rt else None)
        if rec.errors:
            error_paths[rec.qual] = tuple(rec.errors)
        rec.sites = None
    if ctor_args:
        more["ctor_args"] = {q: sorted(calls, key=repr) for q, calls in ctor_args.items()}
    if error_paths:
        more["error_paths"] = error_paths
    topimp = {}  # function -> (its top-level imports, its top-level calls that may import something)
    home = modname.partition(".")[0] + "."
    may_import = {}  # name -> whether a call of it may import a module of the program (the same names recur)
    for q, (own, calls) in an.top_facts.items():
        names = []
        for n in names_of(calls):
            m = may_import.get(n)
            if m is None:
                m = may_import[n] = n.partition(".")[0] not in KNOWN_ROOTS or n.startswith(home)
            if m:
                names.append(n)
        names = tuple(names)
        if own or names:  # (calls into catalogued libraries and builtins import nothing of the program's)
            topimp[q] = (own, names)
    for rec in an.funcs:  # (after all: a later function's `a, b = f()` reads f's returns)
        rec.scope = None  # break the rec <-> scope cycles: no cyclic GC needed
        rec.values = None
    for calls in an.before_lists:
        calls.clear()  # (and the Site.before <-> list ones)
    for q in an.dropped_lambdas:
        funcs.pop(q, None)
    for prop, deco, accessors in an.prop_calls:  # x = property(get_x, set_x): x's getter is get_x
        for suffix, method in accessors.items():
            if method in funcs and prop + suffix not in funcs:
                funcs[prop + suffix] = funcs[method]
        if prop in funcs:
            an.props[prop] = deco
    # module-level names other modules may import: aliases and instances
    names = {}
    ms = an.module_scope
    for name in set(ms.fixed) | set(ms.assigns):
        b = an.lookup(name, ms)
        if b is not None and b[0] != "bound" and (b[0] == "inst" or b[1] != modname + "." + name):
            names[name] = b
        elif b is None:
            alias = an.type_alias(name)
            if alias is not None:
                names[name] = ("sym", alias[1])  # AnyAddon = Union[Addon, AddonStore]: as if Addon
    consts = {}  # NAME -> str/int: named constants other modules' guards and calls use
    for name in ms.assigns:
        if name.isupper() and _CONST_NAME.match(name):
            b = an.module_binding(name, ms)
            v = _flag_value(b[1]) if b is not None and b[0] == "value" else None
            if v is not None:
                consts[name] = v
    if consts:
        more["consts"] = consts
    classes = {}
    generics = {}  # class -> ((generic base, its type arguments' names or None), ...)
    for info in an.classes:
        bases = []
        for b in info.bases:
            args = None
            if type(b) is ast.Subscript:
                args = _slice_items(b)
                b = b.value  # class Client(Mixin[Response]): a generic base
            r = an.sym_of(b, info.scope.parent) if type(b) in (ast.Name, ast.Attribute) else None
            if r is not None and r[0] == "sym":
                bases.append(r[1])
                if args is not None:
                    generics.setdefault(info.qual, []).append(
                        (r[1], tuple(_type_argument(an, a, info.scope.parent) for a in args)))
        # instance attributes typed in the class: for obj.attr.method() elsewhere
        classes[info.qual] = bases
    for recv, attr, value, scope in an.xraw:
        t = an.type_of(recv, scope)
        v = an.type_of(value, scope)
        if t is not None and t[0] == "inst" and v is not None and v[0] == "inst":
            an.xattrs.setdefault(t[1], {}).setdefault(attr, v[1])
    warm = set()
    for node, scope in an.warm:
        # the callee as written, under this module: graph.py resolves it through
        # the module's names (module-level code sees only those)
        name = _dotted(node.func)
        if name is not None:
            warm.add((modname + "." + name, arg_key(an, node, scope)))
    for key, value in (("loopcb", loopcb), ("mimports", an.mimports), ("warm", warm),
                       ("props", an.props), ("cached", an.cached), ("decos", an.decos), ("xattrs", an.xattrs),
                       ("stars", an.stars), ("init_imports", an.init_imports), ("init_super", an.init_super),
                       ("abstract", [q for q, yes in an.abstract.items() if yes]), ("topimp", topimp),
                       ("generics", generics)):
        if value:
            more[key] = value
    for info in an.classes:  # break scope <-> class cycles
        info.scope.cls = None
        info.scope = None
        info.attrs = None
    return funcs, names, classes, cattrs, more


LOADED = "<loaded>"  # the key of Site.loaded in a call's shape (never a parameter name)
BEFORE = "<before>"  # the key of the names of Site.before in a call's shape
IMPORT_GUARD = "<import>"  # the name of an import's pseudo-guard (see _import_extra)


_GLOBAL_RE = re.compile(rb"^[ \t]*global[ \t]+([\w \t,]+)", re.M)


def _global_names(source):
    """The names the `global` statements of a source (bytes) declare: the
    matches of _GLOBAL_RE, tried only at the lines where b"global" follows
    the indentation (findall would try every position of the file)."""
    names = set()
    i = source.find(b"global")
    while i >= 0:
        start = source.rfind(b"\n", 0, i) + 1
        if not source[start:i].strip(b" \t"):
            m = _GLOBAL_RE.match(source, start)
            if m is not None:
                names.update(x.decode("ascii", "replace").strip() for x in m.group(1).split(b","))
        i = source.find(b"global", i + 6)
    return names
_SUSPENDS = (ast.Await, ast.Yield, ast.YieldFrom, ast.AsyncFor, ast.AsyncWith)


def _nonempty_receiver(test):
    """`q` for a test that holds only when queue q has an item: `not
    q.empty()`, `q.qsize()`, `q.qsize() > 0`; else None."""
    t = type(test)
    if t is ast.UnaryOp and type(test.op) is ast.Not:
        c = test.operand
        if type(c) is ast.Call and not c.args and type(c.func) is ast.Attribute and c.func.attr == "empty":
            return _dotted(c.func.value)
        return None
    if t is ast.Compare and len(test.ops) == 1 and type(test.ops[0]) in (ast.Gt, ast.NotEq) \
            and type(test.comparators[0]) is ast.Constant and test.comparators[0].value == 0:
        test, t = test.left, type(test.left)
    if t is ast.Call and not test.args and type(test.func) is ast.Attribute and test.func.attr == "qsize":
        return _dotted(test.func.value)
    return None


def stub_body(body):
    """A method body that only declares the method (docstring, `pass`, `...`,
    `raise NotImplementedError`): whatever a call of it does, a subclass's
    override does (graph.py dispatches such calls to the overrides)."""
    for i, st in enumerate(body):
        t = type(st)
        if t is ast.Pass:
            continue
        if t is ast.Expr and type(st.value) is ast.Constant and (st.value.value is Ellipsis or i == 0 and type(st.value.value) is str):
            continue
        if t is ast.Raise and st.exc is not None:
            e = st.exc.func if type(st.exc) is ast.Call else st.exc
            if type(e) is ast.Name and e.id == "NotImplementedError":
                continue
        return False
    return True


def _call_names(sites):
    """The resolved names of call Sites (as call targets name them)."""
    return tuple(x.res[1] for x in sites if x.res is not None and type(x.res[1]) is str)


def _import_extra(ctx, mods, loaded, before=()):
    """(once, guards, modules, loaded) of an import site: its guards end with
    the pseudo-guard (IMPORT_GUARD, None, "import", modules, True), which
    graph.killed() finds dead at a call whose caller has loaded the modules
    already (and passes on to the caller's callers otherwise)."""
    guards = (ctx[1] if ctx else ()) + ((IMPORT_GUARD, None, "import", tuple(mods), True),)
    if before:  # (graph.Program.loaded_before: what the calls made before it imported)
        return bool(ctx and ctx[0]), guards, tuple(mods), loaded, before
    return bool(ctx and ctx[0]), guards, tuple(mods), loaded


def _dotted(node):
    """`a.b.c` for a Name/Attribute chain, else None."""
    parts = []
    while type(node) is ast.Attribute:
        parts.append(node.attr)
        node = node.value
    if type(node) is not ast.Name:
        return None
    parts.append(node.id)
    return ".".join(reversed(parts))


def _intern(table, value):
    """One shared object per distinct value: most call sites have the same context."""
    return table.setdefault(value, value)


def loop_callbacks(an, more):
    """Qualified names of the functions handed to loop registrars
    (`loop.call_soon(cb)`, `fut.add_done_callback(self._done)`, ...): their
    bodies run on the event loop. Lambdas were made functions of their own
    when walking; those given to something that turned out not to be a loop
    registrar are dropped."""
    out = []
    an.dropped_lambdas = []
    for call, arg, scope, lam in an.loopcb:
        r = an.callee(call.func, scope)
        q = r[1] if r is not None else None
        name = call.func.attr if type(call.func) is ast.Attribute else call.func.id if type(call.func) is ast.Name else ""
        if q is not None and q in catalogue.LOOP_REGISTRARS_TYPED:
            ok = True
        elif name in SELF_REGISTRAR_NAMES:
            ok = _on_self_of(an, call, scope, SELF_REGISTRAR_NAMES[name])
        elif name in catalogue.LOOP_REGISTRARS and type(call.func) is ast.Attribute:
            # by name (the receiver is rarely typed): not when it is known to be
            # something else (a concurrent future calls back in its worker thread)
            ok = q is None or not q.startswith(catalogue.NOT_LOOP_REGISTRARS)
        else:
            ok = False
        if lam is not None:
            (out if ok else an.dropped_lambdas).append(lam)
            continue
        if not ok:
            continue
        if type(arg) is ast.Call:  # functools.partial(cb, ...)
            pr = an.callee(arg.func, scope)
            if pr is None or pr[1] != "functools.partial" or not arg.args:
                continue
            arg = arg.args[0]
        if type(arg) not in (ast.Name, ast.Attribute):
            continue
        c = an.callee(arg, scope)
        if c is not None and not c[1].startswith("builtins."):
            out.append(c[1])
    return out


def _on_self_of(an, call, scope, prefixes):
    """`self.name(...)` in a method of a class with a base from one of the
    modules `prefixes` names (`class TUI(App)` with `from textual.app import App`)."""
    v = call.func.value if type(call.func) is ast.Attribute else None
    if type(v) is not ast.Name or scope.self_name is None or v.id != scope.self_name or scope.cls is None:
        return False
    for b in scope.cls.bases:
        r = an.sym_of(b, scope.cls.scope.parent or scope) if type(b) in (ast.Name, ast.Attribute) else None
        if r is not None and r[1].startswith(prefixes):
            return True
    return False


def imported_modules(an, q, call):
    """The modules `importlib.import_module("a.b")` / `__import__("a.b")`
    loads, when the name is a string constant (relative names resolved
    against `package=__package__` / `__name__`); None when unknown."""
    if not call.args or type(call.args[0]) is not ast.Constant or type(call.args[0].value) is not str:
        return None
    name = call.args[0].value
    if name.startswith("."):
        pkg = call.args[1] if len(call.args) > 1 else next((k.value for k in call.keywords if k.arg == "package"), None)
        if type(pkg) is not ast.Name or pkg.id not in ("__package__", "__name__") or q != "importlib.import_module":
            return None
        base = an.package if pkg.id == "__package__" else an.modname
        level = len(name) - len(name.lstrip("."))
        parts = base.split(".")
        if level - 1 >= len(parts) or not base:
            return None
        base = ".".join(parts[:len(parts) - (level - 1)])
        rest = name[level:]
        name = base + ("." + rest if rest else "")
    if not name or not all(p.isidentifier() for p in name.split(".")):
        return None
    return (name,)


def arg_key(an, call, scope):
    """The arguments of a call as a small number when every one is a
    constant (two calls with equal keys pass equal values): a call at import
    time with the same key warms a cache. None otherwise."""
    if not call.args and not call.keywords:
        return NO_ARGS
    out = []
    for a in call.args:
        if type(a) is not ast.Constant:
            return None
        out.append(("c", a.value))
    for k in call.keywords:
        if k.arg is None or type(k.value) is not ast.Constant:
            return None
        out.append((k.arg, ("c", k.value.value)))
    return _crc(out)


def _crc(key):
    """A small stable number for an argument key (the same in every worker
    process, unlike hash())."""
    return zlib.crc32(repr(key).encode("utf-8", "backslashreplace"))


NO_ARGS = _crc([])


_CONSUMER_NAMES = frozenset(q.rpartition(".")[2] for q in CONSUMERS)
_LAZY_NAMES = frozenset(q.rpartition(".")[2] for q in catalogue.LAZY)


def _last_name(func):
    t = type(func)
    return func.attr if t is ast.Attribute else func.id if t is ast.Name else None


def lazy_unconsumed(an, call):
    """A lazy iterator (catalogue.LAZY: it does its work as it is consumed)
    bound to a name its function never iterates itself (`for`, a
    comprehension, list()/next()/..., `yield from`, `return`): handed to
    other code, as anyio hands `gen = path.iterdir()` to a thread."""
    bound = an.bound_calls.get(id(call))
    if bound is None:
        return False
    name, body = bound
    todo = list(body)
    while todo:
        n = todo.pop()
        t = type(n)
        if t in (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef):
            continue
        if t in (ast.For, ast.AsyncFor, ast.comprehension):
            it = n.iter
        elif t is ast.Call:
            it = n.args[0] if type(n.func) is ast.Name and n.func.id in _CONSUMER_NAMES and n.args else None
        elif t in (ast.YieldFrom, ast.Return, ast.Yield, ast.Await):
            it = n.value
        else:
            it = None
        if type(it) is ast.Name and it.id == name:
            return False
        todo.extend(ast.iter_child_nodes(n))
    return True


def _platform_system():
    import platform  # (only when a package tests it)
    return platform.system()


# what a platform test reads, on the machine running the scan
_PLATFORM_VALUES = {"sys.platform": lambda: sys.platform, "os.name": lambda: os.name,
                    "platform.system()": _platform_system}
_PLATFORM_ATTRS = frozenset(n.rpartition(".")[2].rstrip("()") for n in _PLATFORM_VALUES)
_PLATFORM_TESTS = {
    ast.Eq: lambda value, wanted: value in wanted,
    ast.NotEq: lambda value, wanted: value not in wanted,
    ast.In: lambda value, wanted: value in wanted,
    ast.NotIn: lambda value, wanted: value not in wanted,
}


def _str_constants(node):
    """("a",) for "a", ("a", "b") for a tuple, list or set of str constants, else None."""
    if type(node) is ast.Constant:
        return (node.value,) if type(node.value) is str else None
    if type(node) in (ast.Tuple, ast.List, ast.Set) and node.elts:
        if all(type(e) is ast.Constant and type(e.value) is str for e in node.elts):
            return tuple(e.value for e in node.elts)
    return None


def _parameters(nargs, pos_nodes, skip):
    """(params, consts, refs) of a def (see FuncRec): its positional
    parameters `pos_nodes` counted from `skip` (an implicit self/cls)."""
    defaults = nargs.defaults
    first_default = len(pos_nodes) - len(defaults)
    params = {a.arg: (i - skip, "req" if i < first_default else _default_kind(defaults[i - first_default]))
              for i, a in enumerate(pos_nodes) if i >= skip}
    consts = refs = None
    if defaults or nargs.kwonlyargs:
        for a, d in [(a.arg, d) for a, d in zip(pos_nodes[first_default:], defaults)] + [
                (a.arg, d) for a, d in zip(nargs.kwonlyargs, nargs.kw_defaults)]:
            if type(d) is ast.Constant and type(d.value) in (str, int):
                consts = consts or {}
                consts[a] = d.value
            elif type(d) in (ast.Name, ast.Attribute):
                refs = refs or {}
                refs[a] = d
        for a, d in zip(nargs.kwonlyargs, nargs.kw_defaults):
            params[a.arg] = (None, "req" if d is None else _default_kind(d))
    return params, consts, refs


def _bind_parameters(fixed, nargs, pos_nodes):
    """A function scope's bindings of its parameters: ("annp", annotation),
    ("param", position or None for keyword-only, name), None for *args and
    **kwargs."""
    for i, a in enumerate(pos_nodes):  # (a name given twice: its last position, as the last write wins)
        name = a.arg
        fixed[name] = ("annp", a.annotation) if a.annotation is not None else ("param", i, name)
    if nargs.kwonlyargs or nargs.vararg or nargs.kwarg:
        for a in Analyzer.all_args(nargs)[len(pos_nodes):]:
            name = a.arg
            if a.annotation is not None:
                fixed[name] = ("annp", a.annotation)
            elif a is nargs.vararg or a is nargs.kwarg:
                fixed[name] = None
            else:  # keyword-only
                fixed[name] = ("param", None, name)


def _default_kind(node):
    """What a parameter's default is, for guards: "none", "falsy" (a falsy
    constant other than None), "truthy" (a truthy constant) or "other"."""
    if type(node) is ast.Constant:
        return "none" if node.value is None else "truthy" if node.value else "falsy"
    if type(node) in (ast.Tuple, ast.List, ast.Dict) and not getattr(node, "elts", getattr(node, "keys", None)):
        return "falsy"  # (), [], {}
    return "other"


_SHAPES = {}
_PLAIN = {}
_MAYBE_FALSY = (ast.Constant, ast.BinOp, ast.UnaryOp, ast.BoolOp, ast.Compare, ast.JoinedStr)


def _const_status(v):
    """Status of a constant argument: ("=", v) for a str or an int (for
    equality guards, `if mode == "r":`; a long string, a query or a message,
    is no such flag), ("t", its type, True or "f") for another str, bytes or
    float (for isinstance guards), else None, True or "f" (falsy)."""
    t = type(v)
    if (t is str and len(v) <= _FLAG_LEN) or t is int:
        return ("=", v)
    if v is None:
        return None
    if t is str or t is bytes or t is float:
        return ("t", "builtins." + t.__name__, True if v else "f")
    return True if v else "f"


_FLAG_LEN = 40


def _arg_status(an, a, scope):
    t = type(a)
    if t is ast.Constant:
        return _const_status(a.value)
    if t is ast.Name:
        g = an.param_of(a, scope)
        if g is not None:
            return ("p",) + g
        st = _named_constant(an, a, scope)
        return st if st is not None else _rebound_status(an, a, scope)
    if t is ast.Attribute:
        st = _named_constant(an, a, scope)
        if st is not None:
            return st
    return "v" if isinstance(a, _MAYBE_FALSY) else True


def _named_constant(an, a, scope):
    """("=", value or ("const", name)) for an argument naming a str/int
    constant (`CONF_PATH`, `const.MODE_R`: Analyzer.constant_ref), else None."""
    if not _upper_name(a):
        return None
    ref = an.constant_ref(a, scope)
    return ("=", ref) if ref is not None else None


def _flag_value(node):
    """The value of a str or int constant short enough to be a flag or key
    (_const_status), else None."""
    if type(node) is ast.Constant:
        st = _const_status(node.value)
        if type(st) is tuple and st[0] == "=":
            return node.value
    return None


_CONST_NAME = re.compile(r"[A-Z][A-Z0-9_]*$")


def _nested_statements(stmts):
    """The statements and those of their nested blocks (if, for, with, try:
    _BLOCKS), not those of nested functions or classes."""
    todo = list(stmts)
    while todo:
        n = todo.pop()
        yield n
        if type(n) in _BLOCKS:
            for field in ("body", "orelse", "finalbody", "handlers"):
                todo.extend(getattr(n, field, ()))


def _upper_name(node):
    """`MODE_R` or `const.MODE_R`: maybe a named constant (Analyzer.constant_ref)."""
    t = type(node)
    return (t is ast.Name and node.id.isupper()) or (t is ast.Attribute and node.attr.isupper())


def _rebound_status(an, a, scope):
    """The status of a parameter the function rebinds (`body = text.encode()`):
    ("|", the parameter passed on, the status of each value bound to it),
    when every such value's status or exact type is known (graph.killed
    finds a guard dead only when it is dead for each); True otherwise."""
    rec = scope.rec
    if rec is None or not rec.params or rec.scope is None:
        return True
    p = rec.params.get(a.id)
    vals = rec.scope.assigns.get(a.id)
    if p is None or not vals or len(vals) > 4 or a.id in rec.scope.declared:
        return True
    alts = [("p", a.id) + p]
    for v in vals:
        if not isinstance(v, ast.expr):
            return True  # a loop or with target, an annotation, an item of a tuple: unknown
        st = _arg_status(an, v, scope) if type(v) is ast.Constant else _exact_type(an, v, scope)
        if st is None and type(v) is not ast.Constant:
            return True
        alts.append(st)
    return ("|",) + tuple(alts)


# builtin types whose instances a literal or a str method makes (exact types)
_LITERAL_TYPES = {ast.JoinedStr: "builtins.str", ast.List: "builtins.list", ast.Dict: "builtins.dict",
                  ast.Tuple: "builtins.tuple", ast.Set: "builtins.set", ast.ListComp: "builtins.list",
                  ast.DictComp: "builtins.dict", ast.SetComp: "builtins.set"}
_STR_TO_BYTES = frozenset({"encode"})


def _exact_type(an, v, scope):
    """("t", builtins type, "v") for a value whose exact type is certain here: a
    literal, an f-string, `s.encode(...)` of a str (or None: the call then
    raises and binds nothing); None otherwise."""
    t = _LITERAL_TYPES.get(type(v))
    if t is not None:
        return ("t", t, "v")
    if type(v) is ast.Call and type(v.func) is ast.Attribute and v.func.attr in _STR_TO_BYTES \
            and _str_or_none(an, v.func.value, scope):
        return ("t", "builtins.bytes", "v")
    return None


def _str_or_none(an, node, scope):
    """node is a str (or None) wherever it is evaluated: a str literal or
    f-string, or a parameter annotated str / Optional[str] that the function
    rebinds only to such values."""
    t = type(node)
    if t is ast.JoinedStr or (t is ast.Constant and (node.value is None or type(node.value) is str)):
        return True
    if t is not ast.Name:
        return False
    rec = scope.rec
    fs = rec.scope if rec is not None else None
    if fs is None or not rec.params or node.id not in rec.params:
        return False
    f = fs.fixed.get(node.id)
    if f is None or f[0] != "annp" or not _str_annotation(f[1]):
        return False
    return all(isinstance(v, ast.expr) and type(v) in (ast.Constant, ast.JoinedStr) and _str_or_none(an, v, scope)
               for v in fs.assigns.get(node.id, ()))


def _annotation(ann):
    """An annotation as an expression: a string one (`"Session"`) parsed,
    None when it does not parse."""
    if type(ann) is ast.Constant and type(ann.value) is str:
        try:
            return ast.parse(ann.value, mode="eval").body
        except SyntaxError:
            return None
    return ann


def _type_argument(an, node, scope):
    """The dotted name a generic base is subscripted with (`CRUDMixin[Project]`,
    `Base["Project"]`, a TypeVar), or None (`list[int]`, `None`, anything
    else): graph.Program.typevar_value binds the base's type parameters."""
    node = _annotation(node)
    if type(node) not in (ast.Name, ast.Attribute):
        return None
    r = an.sym_of(node, scope)
    return r[1] if r is not None and r[0] == "sym" else an.typevar_name(node, r)


def _slice(node):
    """What `X[...]` is subscripted with (Python 3.8 wraps it in ast.Index)."""
    sl = node.slice
    return sl.value if type(sl) is ast.Index else sl


def _slice_items(node):
    """The arguments of `X[a, b]` as a list (`X[a]`: [a])."""
    sl = _slice(node)
    return sl.elts if type(sl) is ast.Tuple else [sl]


def _str_annotation(ann):
    """`str`, `Optional[str]`, `str | None` (also as a string)."""
    ann = _annotation(ann)
    t = type(ann)
    if t is ast.Name:
        return ann.id == "str"
    if t is ast.Constant:
        return ann.value is None
    if t is ast.BinOp and type(ann.op) is ast.BitOr:
        return _str_annotation(ann.left) and _str_annotation(ann.right)
    if t is ast.Subscript and type(ann.value) in (ast.Name, ast.Attribute) and _dotted_tail(ann.value) == "Optional":
        return _str_annotation(_slice(ann))
    return False


# classes whose constructor arguments are never kept for typing: exceptions
_NOT_KEPT = ("Error", "Exception", "Warning", "Exit", "Interrupt")
_KEEPS_ARGS = {}  # callee -> whether its calls' arguments are kept (a class name, not an exception's)


def _keeps_args(q):
    """Whether the calls of q keep their arguments' types (constructor_arguments)."""
    r = _KEEPS_ARGS.get(q)
    if r is None:
        last = q.rpartition(".")[2]
        r = _KEEPS_ARGS[q] = last[:1].isupper() and not last.endswith(_NOT_KEPT)
    return r


_LEAVES_BLOCK = (ast.Break, ast.Return, ast.Continue)


def _add_error_path(rec, first, last):
    if rec.errors is None:
        rec.errors = []
    rec.errors.append((first.lineno, getattr(last, "end_lineno", None) or last.lineno))


def _suppresses(st):
    """`with suppress(E):` / `with contextlib.suppress(E):` (by name)."""
    for item in st.items:
        c = item.context_expr
        if type(c) is ast.Call:
            f = c.func
            if (type(f) is ast.Name and f.id == "suppress") or (type(f) is ast.Attribute and f.attr == "suppress"):
                return True
    return False


def _narrowable_receiver(func, scope, narrowable):
    """("meth", C.X.m) for `self.X.m` in a method of class C when X's type
    may be narrowed in the global pass; else None."""
    if type(func) is not ast.Attribute:
        return None
    v = func.value
    if type(v) is not ast.Attribute or type(v.value) is not ast.Name or scope.cls is None:
        return None
    if v.value.id != scope.self_name or v.attr not in narrowable.get(scope.cls.qual, ()):
        return None
    return ("meth", scope.cls.qual + "." + v.attr + "." + func.attr)


def _built_type(an, vals):
    """What an annotated attribute's one assignment builds when only the
    global pass can tell (`self._storage: Storage = storage(...)` with
    `storage` the JSONStorage class: "tinydb.JSONStorage.()"), or None."""
    if len(vals) != 1 or len(vals[0]) != 4 or vals[0][0] != "ann" or type(vals[0][2]) is not ast.Call:
        return None
    r = an.type_of(vals[0][2], vals[0][3])
    return r[1] if r is not None and r[0] == "inst" and r[1].endswith(".()") else None


def _init_parameter(info, vals, declared=False):
    """(parameter name, index or None for a keyword-only one) when the class's only assignment of an
    attribute is `self.x = x` of an unannotated parameter x of its
    __init__ (not rebound there): graph.Program.attr_from_callers types it
    from what the constructor's callers pass (pynetbox's Request(...,
    http_session=self.http_session) keeps a requests.Session). With
    `declared`, of an annotated parameter instead: what the callers pass
    may be a subclass of the annotation (tinydb's `storage: Storage`)."""
    found = None
    for v in vals:
        if len(v) != 2:
            return None  # ("ann", ...), ("body", ...), ("list", ...): typed, or another kind of value
        value, scope = v
        if value is None or (type(value) is ast.Constant and value.value is None):
            continue
        if found is not None or type(value) is not ast.Name or scope.qual != info.qual + ".__init__":
            return None
        b = scope.fixed.get(value.id)
        if b is None or b[0] != ("annp" if declared else "param") or value.id in scope.assigns:
            return None
        if declared:  # (its position, counted as a "param" binding counts it: self is 0)
            p = scope.rec.params.get(value.id) if scope.rec is not None and scope.rec.params else None
            found = (value.id, None if p is None or p[0] is None else p[0] + 1)
        else:
            found = (value.id, b[1])
    return found


def constructor_arguments(an, call, scope):
    """((position or keyword, type), ...) of the arguments of a call of a
    class that name or build an object whose type is known here or in the
    global pass (a parameter, `self`, `self.x`, a call), for
    Program.attr_from_callers;
    None for none, or when *args or **kwargs hide the positions."""
    if any(type(a) is ast.Starred for a in call.args):
        return None
    out = []
    for key, a in [*enumerate(call.args), *((k.arg, k.value) for k in call.keywords if k.arg is not None)]:
        t = type(a)
        if t is ast.Name or t is ast.Attribute or t is ast.Call:
            r = _passed_type(an, a, scope)
            if r is not None:
                out.append((key, r))
    return tuple(out) if out else None


def _passed_type(an, node, scope):
    """The type of an argument, for constructor_arguments: `self.prop` of a
    property of this class as the property's path (the global pass may know
    better than its annotation: graph.Program.property_type), else type_of."""
    if type(node) is ast.Attribute and node.attr in an.prop_names and type(node.value) is ast.Name \
            and scope.self_name is not None and node.value.id == scope.self_name and scope.cls is not None:
        return scope.cls.qual + "." + node.attr
    r = an.type_of(node, scope)
    return r[1] if r is not None and r[0] == "inst" else None


def call_facts(an, call, scope):
    """(arg_facts, arg_key, arg_shape) of a call. Most calls pass only
    positional arguments, none of them `*args`: those get all three in one
    pass over their arguments (summarize asks for them at every call)."""
    args = call.args
    if call.keywords:
        return arg_facts(call), arg_key(an, call, scope), arg_shape(an, call, scope)
    if not args:
        return _NO_POSITIONAL, NO_ARGS, _SHAPES.get(0) or _SHAPES.setdefault(0, (0, ()))
    facts = special = None
    consts = True
    rec = scope.rec
    params = rec.params if rec is not None else None
    for i, a in enumerate(args):
        t = type(a)
        fact = _NOFACT  # (see _fact)
        st = True  # (see _arg_status: True adds nothing to the shape)
        if t is ast.Constant:
            v = a.value
            if v is None or type(v) in _FACT_CONSTANTS:
                fact = v
            st = _const_status(v)
        else:
            consts = False
            if t is ast.Name:
                name = a.id
                p = params.get(name) if params else None
                if p is not None:
                    st = ("p", name) + p if name not in rec.scope.assigns else _rebound_status(an, a, scope)
                if name.isupper():
                    fact = ("name", name)
                    if p is None:  # self.default(CONF_PATH): for `if key == CONF_REPORT:`
                        st = _named_constant(an, a, scope) or True
            elif t is ast.Attribute:
                if a.attr.isupper():
                    fact = ("name", a.attr)
                    st = _named_constant(an, a, scope) or True
            elif t is ast.Starred:
                return arg_facts(call), None, arg_shape(an, call, scope)
            elif isinstance(a, _MAYBE_FALSY):
                st = "v"
            elif t is ast.Call and _in_memory(a):
                fact = ("mem",)
        if fact is not _NOFACT and i < 4:
            if facts is None:
                facts = [len(args)]
            facts.append((i, fact))
        if st is not True:  # None, a falsy value, a str/int, a parameter passed on: a guard's branch may run
            if special is None:
                special = []
            special.append((i, st))
    n = len(args)
    if special is None:
        shape = _SHAPES.get(n)
        if shape is None:
            shape = _SHAPES[n] = (n, ())
    else:
        shape = (n, tuple(special))
    return (tuple(facts) if facts is not None else None), (
        _constants_crc([a.value for a in args]) if consts else None), shape


def _constants_crc(values):
    """arg_key of a call passing these constants, positionally: _crc([("c",
    value), ...]) without building the list to repr() it (repr of a list or
    a tuple costs more than the rest: it guards against cycles), the same
    text joined by hand."""
    text = "[('c', " + "), ('c', ".join([repr(v) for v in values]) + ")]"
    return zlib.crc32(text.encode("utf-8", "backslashreplace"))


def setter_shape(an, value, scope):
    """The shape (see arg_shape) of the call `obj.attr = value` makes to a
    setter: one positional argument, the value (for `obj.n += 1`, whose
    value is not a node, an expression that may be falsy)."""
    st = _arg_status(an, value, scope) if isinstance(value, ast.expr) else "v"
    if st is True:
        return _SHAPES.get(1) or _SHAPES.setdefault(1, (1, ()))
    return (1, ((0, st),))


def arg_shape(an, call, scope):
    """What a call passes, for parameter guards: (number of positional
    arguments, ((position or keyword, status), ...)) where status is None
    (the constant None), ("p", name, position) (a parameter of the calling
    function passed on), "v" (a value that may be falsy: a constant, an
    arithmetic or string expression) or True (an object); positional
    arguments passed as objects are left out. A `*args` makes the count -1,
    a `**kwargs` adds (None, True)."""
    n = len(call.args)
    special = []
    for i, a in enumerate(call.args):
        t = type(a)
        if t is ast.Starred:
            n = -1
            break
        st = _arg_status(an, a, scope)
        if st is not True:
            special.append((i, st))
    for k in call.keywords:
        if k.arg is None:
            rec = scope.rec
            kw = type(k.value) is ast.Name and rec is not None and rec.kwarg == k.value.id
            special.append((None, ("kw",) if kw else True))  # **kwargs passed on, or unknown keywords
        else:
            special.append((k.arg, _arg_status(an, k.value, scope)))
    if not special:
        shape = _SHAPES.get(n)
        if shape is None:
            shape = _SHAPES[n] = (n, ())
        return shape
    return (n, tuple(special))


def analyze_file(task):
    """Worker entry: task = (path, modname, is_pkg). Returns a summary dict."""
    path, modname, is_pkg = task
    out = {"path": path, "module": modname, "is_pkg": is_pkg, "lines": 0, "error": None,
           "funcs": {}, "names": {}, "classes": {}, "noqa": {}}
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        out["error"] = "cannot read: " + (exc.strerror or str(exc))
        return out
    return analyze_bytes(data, out)


def parse(data, path):
    """ast.parse, and Python 3.14's `except A, B:` (PEP 758) on any Python:
    where only that stops the parser, the handlers' types are parenthesized
    in the text (the same tree; columns on those lines move by one) rather
    than losing the file when no 3.14 interpreter is at hand (newer.py)."""
    try:
        return ast.parse(data, filename=path)
    except SyntaxError:
        # (3.9's parser says only "invalid syntax": the text decides)
        fixed = _UNPARENTHESIZED_EXCEPT.sub(rb"\1(\2)\3", data)
        if fixed == data:
            raise
        return ast.parse(fixed, filename=path)  # (another error: that one is the file's problem)


def analyze_bytes(data, out):
    out["lines"] = data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)
    try:
        tree = parse(data, out["path"])
    except SyntaxError as exc:
        msg = "syntax error"
        if exc.msg:
            msg += ": " + exc.msg
        if exc.lineno:
            msg += " (line %d)" % exc.lineno
        try:
            text = data.decode("utf-8", "replace")
        except Exception:  # pragma: no cover
            text = ""
        if exc.lineno:  # look where the parser stopped: Python 2 code has `except A, e:` too
            text = "\n".join(text.splitlines()[max(0, exc.lineno - 2):exc.lineno])
        if sys.version_info < (3, 14) and NEWER_SYNTAX_RE.search(text):
            msg += ("; the file may use syntax newer than Python %d.%d running the scanner: put a newer python3.N"
                    " on PATH (or set FIND_BLOCKING_CALLS_PYTHON) and the scanner parses such files with it"
                    % sys.version_info[:2])
        out["error"] = msg
        return out
    except (ValueError, UnicodeDecodeError) as exc:
        out["error"] = "cannot parse: " + str(exc).splitlines()[0]
        return out
    except (RecursionError, MemoryError):
        out["error"] = "cannot parse: too deeply nested"
        return out
    try:
        funcs, names, classes, cattrs, more = summarize(tree, out["module"], out["is_pkg"], data, bool(out.get("lib")))
        out["noqa"] = noqa_map(data, tree)
    except (RecursionError, MemoryError):
        out["error"] = "cannot analyse: too deeply nested"
        return out
    del tree
    out["funcs"] = funcs
    out["names"] = names
    out["classes"] = classes
    if cattrs:
        out["cattrs"] = cattrs
    out.update(more)
    return out
