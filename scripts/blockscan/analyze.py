"""Per-file pass: parse one file and reduce it to a small picklable summary.

The summary lists, per function, the blocking calls found directly in it and
the calls to other functions (targets for the call graph), each with its
position. Names are resolved through the file's imports and bindings here;
what lives in other files is resolved by graph.py. The AST is dropped before
returning, so memory stays proportional to the summaries.
"""
import ast
import bisect
import io
import re
import sys
import tokenize

from blockscan import catalogue

CAT = catalogue.load()
RETURNS = catalogue.RETURNS
ALIASES = catalogue.ALIASES
ATTRS = catalogue.ATTRS
BUILTINS = frozenset(dir(__import__("builtins")))
NOQA_RE = re.compile(rb"#\s*noqa(?::[ \t]*([A-Za-z0-9, \t]+))?", re.I)
CODE_RE = re.compile(r"[A-Z]+[0-9]+")
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

# A site is one call (or `with` enter/exit) inside a function.
KIND_CALL, KIND_ENTER, KIND_EXIT, KIND_ITER = 0, 1, 2, 3
SUFFIX = {KIND_ENTER: ".__enter__", KIND_EXIT: ".__exit__", KIND_ITER: ".__iter__"}
# Builtins that iterate their first argument right away (next(): up to its first item).
CONSUMERS = frozenset({"builtins.next", "builtins.list", "builtins.tuple", "builtins.set", "builtins.sorted", "builtins.len",
                       "builtins.sum", "builtins.any", "builtins.all", "builtins.dict", "builtins.max", "builtins.min"})
UNCOND, NEVER = -1, -2
DECORATOR_NAMES = frozenset(q.rpartition(".")[2] for q in catalogue.DECORATORS)
DECORATED_TYPES = frozenset(catalogue.DECORATORS.values())


def cat_get(q):
    """Catalogue entry of a resolved name (`T.*` rows match every public method)."""
    e = CAT.get(q)
    if e is not None:
        return e
    t, _, m = q.rpartition(".")
    if t and m and not m.startswith("_"):
        e = CAT.get(t + ".*")
        if e is not None and q not in catalogue.NONBLOCKING:
            return e
    return None


def configure(extra):
    """Add user-declared blocking calls: {qualified name: (code, why, replacement)}."""
    CAT.update(extra)


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


class FuncRec:
    __slots__ = ("qual", "is_async", "line", "sites", "scope", "offloaded", "returns", "values", "rtype")

    def __init__(self, qual, is_async, line, scope):
        self.qual = qual
        self.is_async = is_async
        self.line = line
        self.sites = []
        self.scope = scope


class Site:
    __slots__ = ("node", "scope", "parent", "cond", "awaited", "kind", "res", "nb")

    def __init__(self, node, scope, parent, cond, awaited, kind, nb=False):
        self.nb = nb              # inside `try: ... except BlockingIOError`
        self.node = node
        self.scope = scope
        self.parent = parent      # enclosing Site whose arguments contain this call
        self.cond = cond          # UNCOND, NEVER, or a Site that must be an eager caller
        self.awaited = awaited
        self.kind = kind
        self.res = None


class Analyzer:
    def __init__(self, modname, is_pkg):
        self.modname = modname
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

    # ---- walking -------------------------------------------------------
    def run(self, tree):
        mod = Scope("module", self.modname, None)
        self.module_scope = mod
        self.body(tree.body, mod, None, None, UNCOND)
        while self.pending:
            node, scope = self.pending.pop()
            self.function(node, scope)

    def body(self, stmts, scope, rec, parent, cond):
        for st in stmts:
            self.stmt(st, scope, rec, parent, cond)

    def stmt(self, st, scope, rec, parent, cond):
        t = type(st)
        if t is ast.Expr:
            self.expr(st.value, scope, rec, parent, cond)
            return
        if t is ast.FunctionDef or t is ast.AsyncFunctionDef:
            for d in st.decorator_list:
                self.expr(d, scope, rec, parent, cond)
            self.defaults(st.args, scope, rec, parent, cond)
            qual = self.child_qual(scope, st.name)
            self.bind_fixed(scope, st.name, ("deco", st.decorator_list, qual) if st.decorator_list else ("sym", qual))
            if scope.kind == "class" and st.returns is not None and any(
                    self.deco_name(d) in ("property", "cached_property") for d in st.decorator_list):
                scope.cls.attrs.setdefault(st.name, []).append(("ann", st.returns, scope))
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
            self.body(st.body, cscope, rec, parent, cond)
        elif t is ast.Assign:
            self.expr(st.value, scope, rec, parent, cond)
            for tgt in st.targets:
                self.target(tgt, st.value, scope, rec, parent, cond)
                if scope.kind == "class" and type(tgt) is ast.Name:
                    # `session = requests.Session()` in a class body: self.session / Cls.session
                    scope.cls.attrs.setdefault(tgt.id, []).append(("body", st.value, scope))
        elif t is ast.AnnAssign:
            if st.value is not None:
                self.expr(st.value, scope, rec, parent, cond)
            tgt = st.target
            if type(tgt) is ast.Name:
                scope.assigns.setdefault(tgt.id, []).append(("ann", st.annotation, st.value))
                if scope.kind == "class":
                    scope.cls.attrs.setdefault(tgt.id, []).append(("ann", st.annotation, scope))
            elif type(tgt) is ast.Attribute:
                self.self_attr(tgt, ("ann", st.annotation), scope)
                self.expr(tgt.value, scope, rec, parent, cond)
            else:
                self.expr(tgt, scope, rec, parent, cond)
        elif t is ast.AugAssign:
            self.expr(st.value, scope, rec, parent, cond)
            self.target(st.target, None, scope, rec, parent, cond)
        elif t is ast.Import:
            for a in st.names:
                if a.asname:
                    self.bind_fixed(scope, a.asname, ("sym", self.norm(a.name)))
                else:
                    root = a.name.partition(".")[0]
                    self.bind_fixed(scope, root, ("sym", self.norm(root)))  # `import cx_Oracle`, `import posixpath`
        elif t is ast.ImportFrom:
            base = self.from_base(st)
            for a in st.names:
                if a.name == "*":
                    continue
                q = self.norm(base + "." + a.name if base else a.name)
                self.bind_fixed(scope, a.asname or a.name, ("sym", q))
        elif t is ast.With or t is ast.AsyncWith:
            is_async = t is ast.AsyncWith
            for item in st.items:
                ce = item.context_expr
                self.expr(ce, scope, rec, parent, cond)
                if not is_async and rec is not None:
                    rec.sites.append(Site(ce, scope, parent, cond, False, KIND_ENTER))
                if item.optional_vars is not None:
                    self.target(item.optional_vars, ce if not is_async else None, scope, rec, parent, cond)
            self.body(st.body, scope, rec, parent, cond)
            if not is_async and rec is not None:
                for item in st.items:
                    rec.sites.append(Site(item.context_expr, scope, parent, cond, False, KIND_EXIT))
        elif t is ast.For or t is ast.AsyncFor:
            self.expr(st.iter, scope, rec, parent, cond)
            if t is ast.For and rec is not None:
                rec.sites.append(Site(st.iter, scope, parent, cond, False, KIND_ITER))
            elem = ("elem", st.iter) if t is ast.For and type(st.target) is ast.Name else None
            self.target(st.target, elem, scope, rec, parent, cond)
            self.body(st.body, scope, rec, parent, cond)
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
            for h in st.handlers:
                self.other(h, scope, rec, parent, cond)
            self.body(st.orelse, scope, rec, parent, cond)
            self.body(st.finalbody, scope, rec, parent, cond)
        elif t is ast.If:
            if scope.kind == "module" and self.is_type_checking(st.test):
                return  # typing-only imports
            self.expr(st.test, scope, rec, parent, cond)
            self.body(st.body, scope, rec, parent, cond)
            self.body(st.orelse, scope, rec, parent, cond)
        else:
            self.children(st, scope, rec, parent, cond)

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
            scope.assigns.setdefault(tgt.id, []).append(value)
        elif t is ast.Attribute:
            self.self_attr(tgt, value, scope)
            self.expr(tgt.value, scope, rec, parent, cond)
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
        if type(v) is ast.Name and scope.self_name and v.id == scope.self_name and scope.cls is not None:
            scope.cls.attrs.setdefault(tgt.attr, []).append((value, scope) if type(value) is not tuple else value + (scope,))

    def defaults(self, args, scope, rec, parent, cond):
        for d in args.defaults:
            self.expr(d, scope, rec, parent, cond)
        for d in args.kw_defaults:
            if d is not None:
                self.expr(d, scope, rec, parent, cond)

    def expr(self, node, scope, rec, parent, cond):
        # iterative over simple nodes, recursive into calls and lambdas
        stack = [node]
        pop = stack.pop
        push = stack.append
        while stack:
            n = pop()
            t = type(n)
            if t is ast.Name or t is ast.Constant:
                continue
            if t is ast.Call:
                self.call(n, scope, rec, parent, cond, False)
            elif t is ast.Await:
                v = n.value
                if type(v) is ast.Call:
                    self.call(v, scope, rec, parent, cond, True)
                else:
                    push(v)
            elif t is ast.Attribute:
                push(n.value)
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
                        rec.sites.append(Site(g.iter, cscope, parent, cond, False, KIND_ITER))
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
        site = None
        if rec is not None and cond != NEVER:
            site = Site(n, scope, parent, cond, awaited, KIND_CALL, self.nb_depth > 0)
            rec.sites.append(site)
        func = n.func
        fname = func.id if type(func) is ast.Name else func.attr if type(func) is ast.Attribute else None
        if fname is not None:
            self.calls_by_name.setdefault(fname, []).append((n, scope))
        if type(func) is ast.Lambda:
            # (lambda: ...)() runs right here
            lscope = Scope("function", scope.qual + ".<lambda>", scope, rec=rec)
            for a in self.all_args(func.args):
                lscope.fixed[a.arg] = None
            self.expr(func.body, lscope, rec, parent, cond)
        else:
            self.expr(func, scope, rec, parent, cond)
        for i, a in enumerate(n.args):
            # map(lambda p: ..., paths), filter(...): the lambda gets the items
            self.arg(a, scope, rec, site, cond, n.args[1] if i == 0 and len(n.args) == 2 else None)
        for k in n.keywords:
            # sorted(paths, key=lambda p: p.stat().st_mtime), max(...), min(...)
            self.arg(k.value, scope, rec, site, cond, n.args[0] if k.arg == "key" and n.args else None)

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
        if not is_async:
            for d in node.decorator_list:
                target = d.func if type(d) is ast.Call else d
                r = self.sym_of(target, parent_scope) if type(target) in (ast.Name, ast.Attribute) else None
                if r is not None and r[0] == "sym" and r[1] in catalogue.OFFLOAD_DECORATORS:
                    is_async = True  # calling it gives an awaitable ...
                    offloaded = True  # ... and its body runs in a thread
        rec = FuncRec(qual, is_async, node.lineno, None)
        rec.offloaded = offloaded
        rec.returns = node.returns
        rec.values = []
        rec.rtype = False  # not computed yet
        self.recs[qual] = rec
        fscope = Scope("function", qual, parent_scope, rec=rec)
        rec.scope = fscope
        args = self.all_args(node.args)
        is_method = parent_scope.kind == "class"
        static = any(self.deco_name(d) == "staticmethod" for d in node.decorator_list)
        classm = any(self.deco_name(d) == "classmethod" for d in node.decorator_list)
        positional = [a.arg for a in list(getattr(node.args, "posonlyargs", ())) + list(node.args.args)]
        for a in args:
            if a.annotation is not None:
                fscope.fixed[a.arg] = ("annp", a.annotation)
            elif a.arg in positional or a in node.args.kwonlyargs:
                idx = positional.index(a.arg) if a.arg in positional else None
                fscope.fixed[a.arg] = ("param", idx, a.arg)
            else:
                fscope.fixed[a.arg] = None
        if is_method and not static and args:
            first = (list(getattr(node.args, "posonlyargs", ())) + list(node.args.args))
            if first:
                cls = parent_scope.cls
                fscope.cls = cls
                if classm:
                    fscope.fixed[first[0].arg] = ("sym", cls.qual)
                else:
                    fscope.fixed[first[0].arg] = ("inst", cls.qual)
                    fscope.self_name = first[0].arg
        self.funcs.append(rec)
        self.body(node.body, fscope, rec, None, UNCOND)

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
        if q in ALIASES:
            return ALIASES[q]
        for i in range(q.count("."), 0, -1):
            pre = q.rsplit(".", i)[0]
            if pre in ALIASES:
                return ALIASES[pre] + q[len(pre):]
        return q

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
                return self.binding(name, s)
            s = s.parent
            first = False
        if name in BUILTINS:
            return ("sym", "builtins." + name)
        return None

    def binding(self, name, s):
        key = name
        if key in s.cache:
            return s.cache[key]
        s.cache[key] = None  # recursion guard
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
        else:
            result = self.combine(s.assigns[name], s, None)
        s.cache[key] = result
        return result

    def combine(self, values, s, start):
        """Type of a name from all its assignments (flow-insensitive): the one
        known type when every assignment that gives a type agrees, else None.
        Assignments of None and of unknown values do not veto."""
        found = start
        for v in values:
            if v is None:
                continue
            if type(v) is tuple and (v[0] == "elem" or v[0] == "item"):  # for x in <v[1]>; x, y = <v[1]>
                r = self.elem_of(v[1], s) if v[0] == "elem" else self.item_of(v[1], v[2], s)
                if r is None:
                    continue
                if found is not None and found != r:
                    return None
                found = r
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
            if found is not None and found != r:
                return None
            found = r
        return found

    def ann_type(self, ann, scope):
        t = type(ann)
        if t is ast.Constant and type(ann.value) is str:
            try:
                ann = ast.parse(ann.value, mode="eval").body
            except SyntaxError:
                return None
            t = type(ann)
        if t is ast.Name or t is ast.Attribute:
            r = self.sym_of(ann, scope)
            if r is not None and r[0] == "sym":
                q = r[1]
                if q.startswith("builtins.") or q.startswith("typing."):
                    return None
                return ("inst", RETURNS.get(q, q))
            return None
        if t is ast.Subscript:
            base = self.sym_of(ann.value, scope)
            if base and base[0] == "sym" and base[1] in ("typing.Optional", "typing.Union", "typing_extensions.Optional"):
                sl = ann.slice
                if type(sl) is ast.Index:  # 3.8
                    sl = sl.value
                elts = sl.elts if type(sl) is ast.Tuple else [sl]
                for e in elts:
                    r = self.ann_type(e, scope)
                    if r is not None:
                        return r
            return None
        if t is ast.BinOp and type(ann.op) is ast.BitOr:
            return self.ann_type(ann.left, scope) or self.ann_type(ann.right, scope)
        return None

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
                    if r is not None and r[0] == "inst":
                        return r
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
            if info is not None or T.endswith(".()"):
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
                    if q in ("builtins.sorted", "builtins.list", "builtins.tuple", "builtins.reversed") and node.args:
                        e = self.elem_of(node.args[0], scope)
                        if e is not None:
                            return ("inst", "list[%s]" % e[1])
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
            return None
        if t is ast.BinOp and type(node.op) is ast.Div:
            left = self.type_of(node.left, scope)
            if left is not None and left == ("inst", "pathlib.Path"):
                return left
            return None
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
            base = self.type_of(node.value, scope)
            if base is not None and base[1].startswith("list[") and base[1].endswith("]"):
                return base if type(node.slice) is ast.Slice else ("inst", base[1][5:-1])
            if base is not None and base[0] == "inst" and base[1] + "[]" in RETURNS:
                return ("inst", RETURNS[base[1] + "[]"])
            return None
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
        """Type of item i of the tuple a call returns (catalogue.ITEMS)."""
        callee = self.callee(call.func, scope)
        if callee is not None:
            types = catalogue.ITEMS.get(callee[1], ())
            if i < len(types) and types[i]:
                return ("inst", types[i])
        return None

    def param_type(self, fscope, index, name):
        """Type of an unannotated parameter: the one type every call in this
        file passes for it (None when there is no such call or they differ)."""
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
        calls = self.calls_by_name.get(simple, ())
        if len(calls) > 40:
            return None  # a common name (get, run, ...): not worth resolving every call
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
        self.ptypes[key] = found
        return found

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
            return b
        if t is ast.Attribute:
            v = func.value
            if type(v) is ast.Name and scope.self_name is not None and v.id == scope.self_name:
                r = self.class_attr(scope.cls, func.attr)
                if r is not None:
                    if r[0] == "inst":
                        return ("meth", r[1] + ".__call__")
                    return r
            if type(v) is ast.Call and type(v.func) is ast.Name and v.func.id == "super":
                s = scope
                while s is not None and s.cls is None and s.kind != "class":
                    s = s.parent
                if s is not None and s.cls is not None and s.kind == "function":
                    return ("meth", s.cls.qual + ".__super__." + func.attr)
                return None
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
        return None


def nonblocking_args(q, call):
    """True when the arguments make this call return at once."""
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
    i = catalogue.TIMEOUT_POSITION.get(q)
    if i is not None and len(call.args) > i:
        a = call.args[i]
        if type(a) is ast.Constant and type(a.value) in (int, float) and a.value == 0:
            return True  # select.select(r, w, x, 0), consumer.poll(0): a poll
    arg = catalogue.BLOCKS_ONLY_WITH.get(q)
    if arg is not None:
        return not _asks_for(call, arg[0], arg[1])
    kw = catalogue.UNLESS_KEYWORD.get(q)
    if kw is not None and any(k.arg == kw for k in call.keywords):
        return True
    if q in catalogue.IN_MEMORY_OK and call.args and _in_memory(call.args[0]):
        return True  # openpyxl.load_workbook(io.BytesIO(data))
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
                if (type(a) is ast.Name and a.id in flags) or (type(a) is ast.Attribute and a.attr in flags):
                    return True  # fcntl's LOCK_NB, zmq.NOBLOCK / DONTWAIT
    return False


def _in_memory(node):
    """An `io.BytesIO(...)` / `io.StringIO(...)` argument."""
    if type(node) is not ast.Call:
        return False
    f = node.func
    n = f.id if type(f) is ast.Name else f.attr if type(f) is ast.Attribute else ""
    return n in ("BytesIO", "StringIO")


def _asks_for(call, kw, index):
    """True when keyword kw (or positional argument `index`) is given with a
    value other than a false constant, "NONE"/"DEFAULT" or a *_NONE/*_DEFAULT
    name; a `**kwargs` may hold it."""
    v = None
    for k in call.keywords:
        if k.arg == kw:
            v = k.value
        elif k.arg is None:
            return True
    if v is None and len(call.args) > index and not any(type(a) is ast.Starred for a in call.args[:index + 1]):
        v = call.args[index]
    if v is None:
        return any(type(a) is ast.Starred for a in call.args)
    if type(v) is ast.Constant:
        return v.value not in (False, None, "NONE", "DEFAULT")
    n = v.id if type(v) is ast.Name else v.attr if type(v) is ast.Attribute else ""
    return not n.endswith(("_NONE", "_DEFAULT"))


# Keywords nonblocking_args() reads: their constant values are kept for calls
# resolved in the global pass (the presence of UNLESS_KEYWORD and
# BLOCKS_ONLY_WITH keywords too, whatever their value).
_PRESENCE_KEYWORDS = frozenset(list(catalogue.UNLESS_KEYWORD.values()) + [a[0] for a in catalogue.BLOCKS_ONLY_WITH.values()])
_FACT_KEYWORDS = frozenset({"blocking", "block", "wait", "timeout", "delay", "do_handshake_on_connect", "asynchronous",
                            "interval", "path_or_buf", "flags"}) | _PRESENCE_KEYWORDS


def arg_facts(call):
    """The arguments nonblocking_args() looks at, kept for a call whose callee
    is known only in the global pass (another module's object): the number of
    positional arguments, then (position or keyword, value) for non-string
    constants, upper-case names, in-memory buffers and `*args` among the first
    four positional arguments, and for the keywords the rules read (`**kwargs`
    as keyword None). None when there is none of these and some positional
    argument (most calls)."""
    out = []
    for i, a in enumerate(call.args[:4]):
        v = _fact(a)
        if v is not _NOFACT:
            out.append((i, v))
    for k in call.keywords:
        if k.arg is None:
            out.append((None, Ellipsis))
        elif k.arg in _FACT_KEYWORDS:
            v = _fact(k.value)
            if v is not _NOFACT or k.arg in _PRESENCE_KEYWORDS:
                out.append((k.arg, Ellipsis if v is _NOFACT else v))
    if not out:
        return None if call.args else _NO_POSITIONAL  # (shared: no memory per call)
    return (len(call.args),) + tuple(out)


_NOFACT = object()
_NO_POSITIONAL = (0,)


def _fact(a):
    t = type(a)
    if t is ast.Constant:
        v = a.value
        return v if v is None or type(v) in (bool, int, float) else _NOFACT
    if t is ast.Starred:
        return ("*",)
    n = a.id if t is ast.Name else a.attr if t is ast.Attribute else None
    if n is not None and n.isupper():
        return ("name", n)
    if _in_memory(a):
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


def _pos(node):
    return (node.lineno, node.col_offset + 1, getattr(node, "end_lineno", None) or node.lineno,
            (getattr(node, "end_col_offset", None) or node.col_offset) + 1)


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
    for rec in an.funcs:
        for s in rec.sites:
            n = s.node
            if s.kind != KIND_CALL or type(n.func) is not ast.Attribute or not n.args:
                continue
            a = n.args[0]
            if type(a) is not ast.Constant:
                continue
            if (n.func.attr == "setblocking" and a.value in (False, 0)) or (n.func.attr == "settimeout" and a.value == 0):
                k = receiver_key(n.func.value, rec, s.scope)
                if k is not None:
                    out.add(k)
    return out


def summarize(tree, modname, is_pkg):
    an = Analyzer(modname, is_pkg)
    an.run(tree)
    cattrs = {}  # class -> {attribute: type} for the typed attributes (self.x = T(...), x = T() in the body)
    for info in an.classes:
        typed = {}
        for attr in info.attrs:
            r = an.class_attr(info, attr)
            if r is not None and r[0] == "inst":
                typed[attr] = r[1]
        if typed:
            cattrs[info.qual] = typed
    funcs = {}
    nb_receivers = nonblocking_receivers(an)
    eager = catalogue.EAGER_CALLERS
    offloads = catalogue.OFFLOADS
    lazy = catalogue.LAZY
    for rec in an.funcs:
        direct = []
        targets = []
        seen = set()
        sites = rec.sites
        # resolve every site first
        extra = []
        for s in sites:
            if s.kind == KIND_CALL:
                r = an.callee(s.node.func, s.scope)
                if r is not None and r[1] in CONSUMERS and s.node.args:
                    # list(qs), len(cursor): iterating the argument runs it
                    it = Site(s.node.args[0], s.scope, s, s.cond, False, KIND_ITER)
                    ty = an.type_of(it.node, s.scope)
                    if ty is not None and ty[0] == "inst":
                        it.res = ("meth", ty[1] + ".__iter__")
                        extra.append(it)
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
            if s.awaited:
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
            # inside the argument list of an offload?
            off = None
            p = s.parent
            while p is not None:
                pr = p.res
                if pr is not None and (pr[1] in offloads or pr[1].endswith(".run_in_executor")):
                    off = pr[1]
                    break
                p = p.parent
            pos = _pos(s.node)
            if cat_get(q) is not None:
                if s.kind == KIND_CALL and nonblocking_args(q, s.node):
                    continue
                fam = cat_get(q)[0][:4]
                if fam == "BLK4" and s.kind == KIND_CALL and on_pseudo_fs(an, s.node, s.scope):
                    continue
                if q in catalogue.CONTENT_OR_LOCATION and s.kind == KIND_CALL and received_content(s.node, s.scope):
                    continue  # feedparser.parse(await resp.text()): parses, fetches nothing
                if fam == "BLK6" and s.nb:
                    continue  # a non-blocking socket: BlockingIOError is handled
                if fam == "BLK6" and nb_receivers and s.kind == KIND_CALL and type(s.node.func) is ast.Attribute \
                        and receiver_key(s.node.func.value, rec, s.scope) in nb_receivers:
                    continue  # x.setblocking(False) was called on this socket
                if off is not None and q in lazy:
                    continue
                direct.append(pos + (q, off))
            elif s.kind == KIND_CALL or r[0] == "meth":
                if q.startswith("builtins.") or q.endswith(".__call__") and r[0] == "meth" and cat_get(q[:-9]) is not None:
                    continue
                if nb_receivers and s.kind == KIND_CALL and type(s.node.func) is ast.Attribute \
                        and receiver_key(s.node.func.value, rec, s.scope) in nb_receivers:
                    continue  # a method of a socket this file made non-blocking (typed by graph.py)
                facts = arg_facts(s.node) if s.kind == KIND_CALL else None
                if not rec.is_async:
                    key = q if facts is None else (q, facts)
                    if key in seen:
                        continue
                    seen.add(key)
                targets.append(pos + (q, off, facts))
        if rec.offloaded:
            direct, targets = [], []  # the body runs in a worker thread
        rt = an.return_type(rec.qual)
        funcs[rec.qual] = (rec.is_async, rec.line, direct, targets, rt[1] if rt else None)
        rec.sites = None
        rec.scope = None  # break the rec <-> scope cycles: no cyclic GC needed
        rec.values = None
    # module-level names other modules may import: aliases and instances
    names = {}
    ms = an.module_scope
    for name in set(ms.fixed) | set(ms.assigns):
        b = an.lookup(name, ms)
        if b is not None and (b[0] == "inst" or b[1] != modname + "." + name):
            names[name] = b
    classes = {}
    for info in an.classes:
        bases = []
        for b in info.bases:
            r = an.sym_of(b, info.scope.parent) if type(b) in (ast.Name, ast.Attribute) else None
            if r is not None and r[0] == "sym":
                bases.append(r[1])
        # instance attributes typed in the class: for obj.attr.method() elsewhere
        classes[info.qual] = bases
    for info in an.classes:  # break scope <-> class cycles
        info.scope.cls = None
        info.scope = None
        info.attrs = None
    return funcs, names, classes, cattrs


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


def analyze_bytes(data, out):
    out["lines"] = data.count(b"\n") + (1 if data and not data.endswith(b"\n") else 0)
    try:
        tree = ast.parse(data, filename=out["path"])
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
            msg += "; the file may use syntax newer than Python %d.%d running the scanner: run it with a newer Python" % sys.version_info[:2]
        out["error"] = msg
        return out
    except (ValueError, UnicodeDecodeError) as exc:
        out["error"] = "cannot parse: " + str(exc).splitlines()[0]
        return out
    except (RecursionError, MemoryError):
        out["error"] = "cannot parse: too deeply nested"
        return out
    try:
        funcs, names, classes, cattrs = summarize(tree, out["module"], out["is_pkg"])
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
    return out
