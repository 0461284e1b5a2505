"""Global pass: resolve calls across the scanned files and build findings.

Input: the per-file summaries of analyze.py. A sync function "may block"
when it makes a blocking call directly or calls (any depth, cycles handled)
a sync function that may block. Each call from loop code to such a function
is a finding at the call, carrying the shortest chain.

Loop code: async functions, plus the sync functions the loop runs itself
(callbacks handed to loop registrars, asyncio protocol methods, functions
decorated with a `loop-callbacks` decorator); their calls are reported where
they are made, so a call into one of them is not reported again.

A witness (why a function may block) is `once` when the blocking work sits
behind a cache (functools.cache & co., a memo filled on the first call, a
catalogued call that caches per key): reported with route 3, or not at all
when a call at import time with the same arguments warms that cache. It
carries `guards`: parameters of the function that, given a value other
than None, make the blocking branch dead (`if session is None: ...`).
"""
from collections import deque

from blockscan.analyze import (ALIASES, BEFORE, IMPORT_GUARD, LOADED, NAME_HOLE, NOT_ON_INSTANCE, RETURNS,
                               TYPEVARS, call_from_facts, cat_entry, cat_get, nonblocking_args)
from blockscan.catalogue import (ATTRS, BY_METHOD_NAME, DIRECT_ONLY, FIRST_CALL_ONLY, IMPORT_CALLS, LOOP_CALLBACKS,
                                 LOOP_METHOD_PREFIXES, LOOP_METHODS, MIXIN_METHODS, STARTUP_MODULES,
                                 STDLIB_SUBMODULES)
from blockscan.output import local_name, plain_name

IMPORT_TEXTS = ("import ", "from ")  # how an import statement's direct entry (and witness) is named
# the bases that list a generic class's type parameters in order
GENERIC_BASES = frozenset({"typing.Generic", "typing.Protocol", "typing_extensions.Protocol"})
# a witness: (line, col, kind, next, once, guards, shape of the call to next,
# weight of the blocking call it ends in: see WEIGHTS)
W_LINE, W_COL, W_KIND, W_NEXT, W_ONCE, W_GUARDS, W_SHAPE, W_WEIGHT = range(8)
MAX_SPECIALIZED = 50000  # methods copied for a subclass (see Program.specialize): a bound on pathological trees
MAX_WITNESSES = 6     # per function: guarded and unguarded, once and every-call, heavier and lighter variants
# What a call into an installed package is reported for when it reaches
# several kinds of blocking work there: the heaviest (the transport a client
# call exists for: a request, a child process, a socket, a query, a wait on
# a thread) before a sleep (a retry or poll loop around it), before a file
# system call (a stat of a config file, a cache folder on a side path),
# before TLS setup and imports. In the project's own code every blocking
# call weighs the same (0): the first one found is reported.
WEIGHTS = {"BLK41": 1, "BLK42": 2, "BLK40": 3, "BLK1": 4}


def weight(code, line=None):
    w = WEIGHTS.get(code[:5])
    if w is None:
        w = WEIGHTS.get(code[:4], 5)
    return w


def _no_weight(code, line=None):
    return 0


def _methods_by_class(funcs):
    """class -> the names of its functions in `funcs`."""
    index = {}
    for f in funcs:
        c, _, m = f.rpartition(".")
        index.setdefault(c, []).append(m)
    return index


def _on_error_path(line, errors):
    for first, last in errors:
        if first <= line <= last:
            return True
    return False


def _error_weight(heavy, errors):
    """An installed package's blocking call on an error path (an except
    handler, a block ending in `raise`, a retry after a failed attempt:
    analyze.Analyzer.error_paths) weighs 0: a call into the package is
    reported for the work its main path does when it has some, and for the
    error path only when that is all it may block on."""
    def weigh(code, line):
        return 0 if _on_error_path(line, errors) else heavy(code, line)
    return weigh


def _noqa_hit(noqa, line, end_line, code):
    for ln in (line, end_line):
        if ln in noqa:
            codes = noqa[ln]
            if codes is None:
                return True
            for c in codes:
                if code.startswith(c):
                    return True
    return False


def _add_module(loaded, m):
    """Add module m and its packages to the set `loaded` (`import a.b.c`
    loads a and a.b too); the names that were not in it, m first."""
    added = []
    while m and m not in loaded:
        loaded.add(m)
        added.append(m)
        m = m.rpartition(".")[0]
    return added


def _nonblocking(q, site):
    """The arguments of a call resolved here make it return at once
    (`producer.poll(0)` on another module's producer)."""
    facts = site[6] if len(site) > 6 else None
    return facts is not None and nonblocking_args(q, call_from_facts(facts))


def _extra(site):
    """(once, guards, info[, shape]) of a direct entry or call target."""
    x = site[6] if len(site) == 7 else site[7] if len(site) > 7 else None
    return x if x is not None else _NO_EXTRA


_NO_EXTRA = (False, (), None, None)
ACCESSES = frozenset({"get", "set", "del"})  # a target's info for `obj.attr` read, stored, deleted
_MISSING = object()


def killed(guards, shape, prog=None):
    """(dead, caller guards) for a witness with `guards` (analyze.param_guard:
    name, position, default kind, strict, given) reached by a call passing
    `shape` (analyze.arg_shape). Dead when some guard cannot hold for what the
    call passes: an object for a "runs when None" branch, None or an omitted
    parameter defaulting to None for a "runs when given" branch, ... A
    parameter (or **kwargs) the caller passes on makes the guard the caller's.
    An import's pseudo-guard (analyze._import_extra) is dead when the
    caller loaded its modules before the call (Program.loaded_by), else the
    caller's. An argument that is one of several values ("|", ...: a
    rebound parameter) kills the witness only when each value does."""
    if not guards or shape is None:
        return False, ()
    npos, special = shape
    for i, (k, st) in enumerate(special):
        if type(st) is tuple and st[0] == "|":
            alive = []
            for alt in st[1:]:
                r = killed(guards, (npos, special[:i] + ((k, alt),) + special[i + 1:]), prog)
                if not r[0] and r not in alive:
                    alive.append(r)
            if not alive:
                return True, ()
            return alive[0] if len(alive) == 1 else (False, ())
    given = dict(special)
    mapped = []
    for g in guards:
        name, pos, default, strict, when_given = g
        if name == IMPORT_GUARD:
            here = given.get(LOADED)
            if here is not None and prog is not None and prog.loaded_by(here, strict):
                return True, ()
            before = given.get(BEFORE)
            if before and prog is not None and prog.loaded_before(before, strict):
                return True, ()  # the caller's earlier calls imported it (gw = Gateway(); IndexManager(gw))
            mapped.append(g)
            continue
        st = given.get(name, _MISSING)
        if st is _MISSING and pos is not None and 0 <= pos < npos:
            st = given.get(pos, True)
        if st is _MISSING:
            kw = given.get(None, _MISSING)
            if kw is not _MISSING:
                if type(kw) is tuple:  # the caller's **kwargs: its caller decides
                    mapped.append((name, None, default, strict, when_given))
                continue  # unknown keywords may hold it
            if npos < 0:
                continue  # *args may hold it
            if type(strict) is tuple and strict[2] is not ...:
                st = ("=", strict[2])  # omitted: its constant default
            else:
                st = _DEFAULT_STATUS.get(default)  # omitted: the default
                if st is None and default != "none":
                    continue  # required (TypeError) or unknown
        if type(st) is tuple:
            if st[0] == "p":  # the caller's own parameter: the guard is the caller's
                if type(strict) is tuple:
                    strict = strict[:2] + (...,)  # (the caller's default is not known here)
                mapped.append((st[1], st[2], st[3], strict, when_given))
                continue
            if st[0] == "=" and type(st[1]) is tuple:  # a named constant of another module
                value = _constant(st[1], prog)
                if value is not _MISSING:
                    st = ("=", value)
                elif type(strict) is tuple and strict[0] == "isa":
                    continue  # (its type is not known here)
            if type(strict) is not tuple:  # a constant, for a None or truthiness test
                st = st[2] if st[0] == "t" else True if st[1] else "f"
        if type(strict) is tuple:
            eq = _isa(strict[1], st, prog) if strict[0] == "isa" else _equal(strict[1], st, prog)
            if eq is not None and eq is not when_given:
                return True, ()
            continue
        if _GUARD_DEAD[(when_given, strict, st)]:
            return True, ()
    return False, tuple(mapped)


def _equal(value, st, prog=None):
    """Whether an argument of status `st` equals the constant `value` (a
    str or an int, or a named constant of another module: ("const", name))
    of an equality guard: True, False, or None (unknown)."""
    if type(value) is tuple:
        if type(st) is tuple and st[0] == "=" and st[1] == value:
            return True  # the same named constant
        value = _constant(value, prog)
        if value is _MISSING:
            return None
    if st is None:
        return False
    if st == "f":
        return False if value else None
    if type(st) is tuple and st[0] == "=":
        arg = _constant(st[1], prog)
        return None if arg is _MISSING else arg == value
    return None


def _constant(x, prog):
    """x, or the value of the named constant x is (("const", name)), or _MISSING."""
    if type(x) is not tuple:
        return x
    return prog.const_value(x[1]) if prog is not None else _MISSING


# builtin types with instance layouts of their own: no class derives from two
# of them, so an instance of one is an instance of another only by subclassing
_CONCRETE = {"builtins." + t.__name__: t for t in (str, bytes, bytearray, int, float, complex, list, dict, tuple,
                                                    set, frozenset, bool, memoryview)}


def _isa(types, st, prog):
    """Whether an argument of status `st` is an instance of one of `types`
    (an isinstance guard): True, False, or None (unknown). "No" is said only
    for None, a str/int constant or a builtin value of exact type against
    builtin types; "yes" also for a type known here that derives from one."""
    if st is None or (type(st) is tuple and st[0] in ("=", "t")):
        if st is None:
            cls = type(None)
        elif st[0] == "=":
            cls = type(st[1])
        else:
            cls = _CONCRETE.get(st[1])
            if cls is None:
                if prog is not None and any(t == st[1] or t in prog.ancestors(st[1]) for t in types):
                    return True
                return None
        if any(t in _CONCRETE and issubclass(cls, _CONCRETE[t]) for t in types):
            return True
        return False if all(t in _CONCRETE for t in types) else None
    return None


_DEFAULT_STATUS = {"none": None, "falsy": "f", "truthy": True, "other": "o"}
# (branch runs when given, strict test, status of the argument) -> the branch cannot run.
# Status: None (None), True (an object or a truthy constant), "f" (a falsy
# constant other than None), "v" (an expression: not None, maybe falsy),
# "o" (a default that is some object, not None).
_GUARD_DEAD = {
    (False, True, "f"): True, (False, False, "f"): False, (True, True, "f"): False, (True, False, "f"): True,
    (False, True, None): False, (False, True, True): True, (False, True, "v"): True, (False, True, "o"): True,
    (False, False, None): False, (False, False, True): True, (False, False, "v"): False, (False, False, "o"): False,
    (True, True, None): True, (True, True, True): False, (True, True, "v"): False, (True, True, "o"): False,
    (True, False, None): True, (True, False, True): False, (True, False, "v"): False, (True, False, "o"): False,
}


def dead_in_loop_code(guards):
    """A branch of loop code that runs only when a required parameter is None:
    whoever calls the loop code passes a value (code written for None
    arguments gives the parameter a default)."""
    return any(g[2] == "req" and g[3] is True and not g[4] for g in guards)


class Merged:
    """What a Program reads from its summaries, merged in their order: the
    first summary that defines a function, class or module wins (FIRST),
    a later one's entry replaces an earlier one's (LAST). Kept apart from
    the Program, which changes its tables (dispatched overrides,
    specializations), so that follow.py can add each round's package files
    to one merge and start each round's Program from a copy of it, instead
    of merging every summary again each round (as costly as a round's
    dispatch on datasette's 14 rounds)."""
    FIRST = ("classes", "cattrs", "generics", "init_params", "plain_attrs", "built_attrs")
    LAST = ("props", "topimp", "getattr_lambdas", "error_paths", "getters", "cached")

    def __init__(self, summaries=()):
        self.funcs = {}            # qual -> (summary, record)
        self.modules = {}          # module name (and its other names: walk.ModuleNamer) -> summary
        self.classes = {}          # class qual -> bases
        self.cattrs = {}           # class qual -> {attribute: type} (self.x = T(...))
        self.generics = {}         # class qual -> ((generic base, type arguments), ...)
        self.init_params = {}      # class qual -> {attribute: (__init__ parameter, index)} (see attr_from_callers)
        self.plain_attrs = {}      # class qual with a __getattr__ -> the attributes it sets itself
        self.built_attrs = {}      # class -> {attribute: what its annotated assignment builds}
        self.props = {}            # property getter qual -> decorator
        self.topimp = {}           # qual -> (its top-level imports, names of its top-level calls)
        self.getattr_lambdas = {}  # C.__getattr__ -> the lambda it returns
        self.error_paths = {}      # package function -> line ranges that run only on errors
        self.getters = {}          # method -> X, when its one return is `return self.X`
        self.cached = {}           # qual -> cache decorator kind
        self.summaries = []        # those that parsed, in order
        self.abstract = []         # methods only declared (see Program.dispatch)
        self.xattrs = []           # per summary: attributes set on another module's object
        self.add(summaries)

    def add(self, summaries):
        """Merge more summaries (after those merged already)."""
        first = [(getattr(self, n), n) for n in self.FIRST]
        last = [(getattr(self, n), n) for n in self.LAST]
        modules, funcs = self.modules, self.funcs
        for s in summaries:
            if s["error"]:
                continue
            self.summaries.append(s)
            self.abstract.extend(s.get("abstract", ()))
            modules.setdefault(s["module"], s)
            for alt in s.get("alt", ()):
                modules.setdefault(alt, s)
            for q, rec in s["funcs"].items():
                funcs.setdefault(q, (s, rec))
            for table, name in first:
                for q, v in s.get(name, {}).items():
                    table.setdefault(q, v)
            for table, name in last:
                table.update(s.get(name, ()))
            if "xattrs" in s:
                self.xattrs.append(s["xattrs"])
        return self

    def tables(self):
        """{attribute: a copy of the table} for a Program to start from."""
        out = {n: dict(getattr(self, n)) for n in ("funcs", "modules") + self.FIRST + self.LAST}
        out["summaries"] = list(self.summaries)
        return out


class Program:
    noqa_suppressed = 0                   # findings silenced by # noqa at their call site (_report)
    tracks_loading = True                 # computes `loaded` (follow.Reach only resolves names: it does not)

    def __init__(self, summaries, selected, in_tests=lambda path: False, loaded_elsewhere=()):
        """`summaries`: a list of them, or a Merged of them (copied, not
        changed). `loaded_elsewhere`: modules the project's unscanned files
        import at module level (context.project_imports)."""
        self.selected = selected          # callable(code) -> bool
        self.spec = {}                    # "D.m" -> ("C.m", D, C): C's method m as run on an instance of subclass D
        self.declared_only = set()        # dispatched methods whose own body does nothing (see canon's super())
        self.fresh = []                   # specializations made since propagate() last looked
        self._self_calls = {}             # "C.m" -> whether its calls go through self (C.x)
        self._ctor_calls = None           # class qual -> [arguments of a call of it, ...] (see attr_from_callers)
        merged = summaries if isinstance(summaries, Merged) else Merged(summaries)
        # funcs, modules, classes... and summaries (those that parsed): see Merged
        self.__dict__.update(merged.tables())
        self.loaded = None                # modules loaded before loop code runs
        if self.tracks_loading:
            self.track_loading(loaded_elsewhere)
        self._canonical = {}              # canonical_class's answers
        self._plain = {}                  # module -> plain_module's answer
        self.memo = {}
        for xa in merged.xattrs:  # hub.config = Config() in another module: as if set in Hub.__init__
            for t, attrs in xa.items():
                c = self.canon(t, 0)
                if c is not None and c[1] in self.classes:
                    own = self.cattrs.setdefault(c[1], {})
                    for attr, v in attrs.items():
                        own.setdefault(attr, v)
        self.memo = {}
        self.dispatch(merged.abstract, in_tests)
        self._selectable = {}
        self._loop_methods = {}
        self._methods = None  # class -> its method names (methods_like)

    def track_loading(self, loaded_elsewhere):
        """Set `loaded`, the modules loaded before loop code runs: the startup
        modules, what the project's modules and its unscanned files import at
        module level, under every name, and what those of installed packages
        import (loaded_through_packages adds to it)."""
        loaded = set(STARTUP_MODULES)
        for s in self.summaries:
            for m in () if s.get("lib") else s.get("mimports", ()):
                # (a followed package module is loaded when the project first
                # calls into it, maybe on the loop: its imports warm nothing)
                _add_module(loaded, m)
        for m in loaded_elsewhere:
            _add_module(loaded, m)
        self.loaded = self.with_other_names(loaded)
        self.loaded_through_packages()

    def dispatch(self, abstract, in_tests):
        """A call of a method that is only declared (abstract, or a stub body)
        runs an override: give each such method a call of every override in
        its subclasses, so `repo.save()` on a `repo: TaskRepository` reaches
        SqliteTaskRepository.save. Overrides in test files are left out (a
        fake that sleeps does not run in production), and so is a method that
        has an async override: its callers take sync or async implementations
        (`await ensure_async(cm.get())`) and which one runs is configuration."""
        if not abstract:
            return
        declared = set(abstract)
        for q in abstract:
            if q not in self.funcs:
                continue
            lib = self.funcs[q][0].get("lib")
            cls, _, name = q.rpartition(".")
            if name in NOT_ON_INSTANCE:
                continue  # a constructor runs on the class the code names, never through a base
            if name.startswith("<"):  # a property's setter or deleter: C.prop.<setter>
                cls, _, prop = cls.rpartition(".")
                name = prop + "." + name
            overrides = [o for o in (d + "." + name for d in self.descendants(cls))
                         if o in self.funcs and o not in declared and not in_tests(self.funcs[o][0]["path"])]
            if lib is not None:
                # A package's interface is a configuration point (tinydb's Storage.write:
                # JSONStorage or MemoryStorage, as the caller chose), and the user's own
                # subclasses are reported where they are. But the package's sole
                # implementation of it is what runs unless configured otherwise
                # (invoke's Runner.start is Local.start).
                overrides = [o for o in overrides if self.funcs[o][0].get("lib") == lib]
                if len(overrides) != 1:
                    continue
            if not overrides or any(self.funcs[o][1][0] for o in overrides):
                continue  # (an async override: the caller awaits what it gets; which class runs is configuration)
            s, rec = self.funcs[q]
            if not rec[2] and not rec[3]:
                self.declared_only.add(q)
            line = rec[1]
            calls = [(line, 0, line, 0, o, None, None, None) for o in overrides]
            self.funcs[q] = (s, rec[:3] + (list(rec[3]) + calls,) + rec[4:])

    # ---- name resolution across files ---------------------------------
    def resolve(self, q, depth=0):
        """("cat", name) | ("func", qual) | None for the callee of a call."""
        if q in self.memo:
            return self.memo[q]
        self.memo[q] = None
        r = self._resolve(q)
        if r is None:
            # a method of an object whose type is not known (an attribute of a
            # scanned class nobody typed): names no common non-blocking API uses
            by_name = BY_METHOD_NAME.get(q.rpartition(".")[2])
            if by_name is not None and "." in q:
                r = ("cat", by_name)
        self.memo[q] = r
        return r

    def _resolve(self, q):
        c = self.canon(q, 0)
        if c is None:
            return None
        kind, name = c
        if kind == "inst":  # calling an instance
            name += ".__call__"
            return ("cat", name) if cat_get(name) is not None else None
        if cat_get(name) is not None:
            return ("cat", name)
        if name in self.funcs:
            return ("func", name)
        if name in self.classes:
            return self.method(name, "__init__")
        return None

    def canon(self, q, depth):
        """Canonical meaning of a dotted name: ("name", dotted) for functions,
        classes, methods and external names, ("inst", T) for an object of type
        T, None when it goes through something unknown in the scanned tree."""
        if depth > 16:
            return None
        if ".()" in q:
            prefix, _, rest = q.partition(".()")
            t = self.call_type(prefix, depth + 1)
            if t is None:
                return None
            if rest.startswith("[]"):  # an item of the list or iterator the call returns
                if not (t.endswith("]") and t[:5] in ("list[", "iter[")):
                    return None
                t, rest = t[5:-1], rest[2:]
            return self.canon(t + rest, depth + 1) if rest else ("inst", t)
        if ".__super__." in q:
            cls, _, name = q.partition(".__super__.")
            for base in self.classes.get(cls, ()):
                r = self.in_class(self.canonical_class(base), [name], depth + 1)
                if r is not None:
                    if r[0] == "name" and self.original(r[1]) in self.declared_only:
                        return None  # super().close() of a stub: runs that stub, not the siblings' overrides
                    return r
            return None
        if q in self.funcs or q in self.classes or cat_get(q) is not None:
            return ("name", q)
        parts = q.split(".")
        for i in range(len(parts) - 1, 0, -1):
            mod = ".".join(parts[:i])
            s = self.modules.get(mod)
            if s is None:
                continue
            if s["module"] != mod:
                return self.canon(".".join([s["module"]] + parts[i:]), depth + 1)
            head = mod + "." + parts[i]
            rest = parts[i + 1:]
            if head in self.classes:
                return self.in_class(head, rest, depth + 1)
            b = s["names"].get(parts[i])
            if head in self.funcs and (b is None or b[0] != "inst"):
                return ("name", head) if not rest else None  # (a decorated def may be an object)
            if b is None and i > 1 and head not in self.classes:
                # not the submodule's: `from plumbum.machines import local` names the
                # package's own `local` (an object its __init__ imports), which shadows
                # its submodule of that name
                r = self.shadowing(parts, i, depth)
                if r is not False:
                    return r
            if b is None:
                stars = s.get("stars")
                return self.from_stars(stars, parts[i:], depth) if stars and parts[i][:1] != "_" else None
            kind, target = b
            if kind == "sym":
                if target == head:
                    return None
                return self.canon(".".join([target] + rest), depth + 1)
            if not rest:
                return ("inst", target)
            target, rest = self.inst_attrs(target, rest)
            if not rest:
                return ("inst", target)
            return self.canon(".".join([target] + rest), depth + 1)
        # nested classes of a module-less prefix, or an external name
        return ("name", q)

    def from_stars(self, stars, rest, depth):
        """A name a module does not define itself, through its `from m import *`
        modules: the first scanned one that has it, else the one unscanned one
        (an external module's name)."""
        outside = []
        name = rest[0] if len(rest) == 1 else None
        for m in stars:
            if m not in self.modules:
                outside.append(m)
                self.want(m)
                continue
            q = ".".join([m] + rest)
            if name is not None and self.lacks(m, name, q):
                self.passed_over(q)
                continue
            r = self.canon(q, depth + 1)
            if r is not None and (r[0] != "name" or r[1] in self.funcs or r[1] in self.classes or cat_get(r[1])):
                return r
        if len(outside) == 1:
            return self.canon(".".join(outside + rest), depth + 1)
        return None

    def lacks(self, m, name, q):
        """canon(q), q = m.name of a summarized module m, is None for certain,
        by the path canon takes for it: nothing of that name in m, and m is
        plain (plain_module). from_stars asks every module a package
        star-imports for a name only one of them has (python-gitlab's
        gitlab.v4.objects has 80): this answers without canon's calls."""
        plain = self._plain.get(m)
        if plain is None:
            plain = self._plain[m] = self.plain_module(m)
        return plain and self.modules[m]["names"].get(name) is None and q not in self.funcs \
            and q not in self.classes and cat_get(q) is None

    def plain_module(self, m):
        """Summarized module m's names are its own, for canon: it is known by
        that name, imports no `*`, and its package binds no object of its
        name (that would stand for it: see shadowing)."""
        s = self.modules[m]
        if s["module"] != m or s.get("stars"):
            return False
        parent, dot, last = m.rpartition(".")
        if dot:
            ps = self.modules.get(parent)
            if ps is None:
                return False  # (canon wants the package)
            b = ps["names"].get(last)
            if b is not None and (b[0] == "inst" or b[0] == "sym" and b[1] != m):
                return False
        return True

    def passed_over(self, q):
        """Hook: from_stars knew canon(q) would be None without calling it (follow.py notes q as canon does)."""

    def shadowing(self, parts, i, depth):
        """canon of parts, whose module parts[:i] has no parts[i], read with
        parts[i - 1] as the package's attribute instead; False when the
        package binds no such object (or is not summarized yet: then wanted)."""
        parent = ".".join(parts[:i - 1])
        ps = self.modules.get(parent)
        if ps is None:
            self.want(parent)
            return False
        b = ps["names"].get(parts[i - 1])
        if b is not None and b[0] == "inst":
            target, rest = self.inst_attrs(b[1], parts[i:])
            return self.canon(".".join([target] + rest), depth + 1) if rest else ("inst", target)
        if b is not None and b[0] == "sym" and b[1] != ".".join(parts[:i]):
            return self.canon(".".join([b[1]] + parts[i:]), depth + 1)
        return False

    def want(self, module):
        """Hook: a resolution looked into a module that is not scanned (follow.py asks for it)."""

    @staticmethod
    def inst_attrs(T, rest):
        """Follow attributes of an instance of T through the catalogue's
        attribute types (`T.attr`, `T.*`): another module's `db.users.find_one`
        where `db = client["app"]`. The last name is left for the caller
        (it is the method called)."""
        i = 0
        while i < len(rest) - 1:
            a = rest[i]
            t = RETURNS.get(T + "." + a)
            if t is None and not a.startswith("_"):
                t = RETURNS.get(T + ".*")
            if t is None:
                break
            T = t
            i += 1
        return T, rest[i:]

    def in_class(self, cls, rest, depth):
        """Canonical meaning of cls.rest[0].rest[1]... through the class's bases."""
        if not rest:
            return ("name", cls)
        name = rest[0]
        if NAME_HOLE in name:
            q = self.methods_like(cls, name) if len(rest) == 1 else None
            return ("name", q) if q is not None else None
        seen = {}  # (a dict: the classes in the order looked at)
        todo = [cls]
        external = None
        while todo:
            c = self.canonical_class(todo.pop(0))
            if c in seen:
                continue
            seen[c] = None
            q = c + "." + name
            if q in self.funcs:
                if len(rest) != 1:
                    return self.through_property(q, rest[1:], depth)
                if c != cls and len(self.spec) < MAX_SPECIALIZED:
                    return ("name", self.specialize(self.canonical_class(cls), c, q))
                return ("name", q)
            if q in self.classes:
                return self.in_class(q, rest[1:], depth + 1)
            t = ATTRS.get(q)
            if t is None:
                t = self.cattrs.get(c, {}).get(name)  # obj.session.get() with self.session = Session()
                if t is not None:
                    t = self.narrowed(c, name, t, depth)
                elif c in self.init_params:
                    t = self.attr_from_callers(c, name, depth)
            if t is not None:
                return self.canon(".".join([t] + rest[1:]), depth + 1) if len(rest) > 1 else ("inst", t)
            if cat_get(q) is not None and len(rest) == 1:
                return ("name", q)
            if c not in self.classes:
                run = MIXIN_METHODS.get(q) if len(rest) == 1 and c != cls else None
                if run is not None:  # MutableMapping.get on a subclass: its own __getitem__
                    for m in run:
                        r = self.in_class(cls, [m], depth + 1)
                        if r is not None and r[1] in self.funcs and not r[1].startswith(c + "."):
                            return r
                if external is None:
                    external = q
            todo.extend(self.classes.get(c, ()))
        if external is not None and len(rest) == 1:
            return ("name", external)
        if external is None and not name.startswith("__") and not any(
                name in self.plain_attrs.get(c, ()) or name in self.init_params.get(c, ()) for c in seen):
            # no class of the hierarchy has it: `__getattr__` makes it (pynetbox's
            # `app.devices` is the Endpoint App.__getattr__ returns; not `App.models`,
            # a dict of the class body)
            for c in seen:
                g = c + ".__getattr__"
                lam = self.getattr_lambdas.get(g)
                if lam is not None and lam in self.funcs:
                    return ("name", lam) if len(rest) == 1 else None  # `git.log(...)` runs the lambda
                T = self.funcs[g][1][4] if g in self.funcs else None
                if T:
                    return self.canon(".".join([T] + rest[1:]), depth + 1) if len(rest) > 1 else ("inst", T)
        return None

    def narrowed(self, cls, attr, declared, depth):
        """An attribute's declared type narrowed to a subclass of it that is
        built or passed: `self._storage: Storage = storage(...)` building a
        JSONStorage (analyze._built_type), or `self._storage = storage` of a
        parameter `storage: Storage` whose callers pass a JSONStorage
        (attr_from_callers). The declared type otherwise."""
        b = self.built_attrs.get(cls, {}).get(attr)
        if b is not None:
            r = self.canon(b, depth + 1)
            if r is not None and r[0] == "inst" and self.is_subclass(r[1], declared):
                return r[1]
        p = self.init_params.get(cls)
        if p is not None and attr in p:
            passed = self.attr_from_callers(cls, attr, depth)
            if passed is not None and self.is_subclass(passed, declared):
                return passed
        return declared

    def is_subclass(self, sub, cls):
        """sub derives from cls (not itself)."""
        return sub != cls and self.canonical_class(cls) in self.ancestors(self.canonical_class(sub))

    def attr_from_callers(self, cls, attr, depth):
        """The type of `self.attr = attr` of an untyped __init__ parameter
        (analyze._init_parameter): what the calls of cls pass for it, where
        their types are known and agree (calls passing nothing, or something
        of unknown type, do not veto). pynetbox's Request(base,
        http_session=self.http_session) in Api, whose http_session is a
        requests.Session: Request.get_status's self.http_session.get is a
        request. None otherwise."""
        p = self.init_params[cls].get(attr)
        if p is None or depth > 8:
            return None
        memo = self.__dict__.setdefault("_attr_from_callers", {})
        key = (cls, attr)
        if key in memo:
            return memo[key]
        memo[key] = None  # (recursion: a call passing what its own class keeps)
        name, index = p
        found = None
        for passed in self.constructor_calls().get(cls, ()):
            t = None
            for k, v in passed:
                if k == name or (index is not None and k == index - 1):  # (the call passes no self)
                    t = v
                    break
            if t is None:
                continue
            r = self.canon(t, depth + 1)
            if r is None:
                if self.in_program(t):
                    continue  # (an attribute or a call of the program whose type is not known)
                # a type from outside the program (requests.Session; a catalogued one): as it is
            elif r[0] == "name":
                if r[1] in self.props:  # `self.storage` of a property: what its getter returns
                    t = self.property_type(r[1], depth)
                    if t is None:
                        continue
                elif r[1] in self.funcs:
                    continue  # (a function or method passed as an object)
                else:
                    t = r[1]  # an instance of that class (`App(self, "dcim")`, a requests.Session)
            else:
                t = r[1]
            if found is not None and found != t:
                return None  # (left None in memo: the callers disagree)
            found = t
        memo[key] = found
        return found

    def in_program(self, q):
        """Whether dotted name q starts with a module of the program."""
        parts = q.split(".")
        return any(".".join(parts[:i]) in self.modules for i in range(1, len(parts)))

    def constructor_calls(self):
        """class -> the argument types of each call of it (analyze.constructor_arguments)."""
        if self._ctor_calls is None:
            self._ctor_calls = calls = {}
            for s in self.summaries:
                for q, passed in s.get("ctor_args", {}).items():
                    r = self.resolve(q)
                    if r is None or r[0] != "func" or not r[1].endswith(".__init__"):
                        continue
                    cls = r[1][:-len(".__init__")]
                    if cls in self.init_params:
                        calls.setdefault(cls, []).extend(passed)
        return self._ctor_calls

    def methods_like(self, cls, pattern):
        """`getattr(self, "_load_" + kind)(path)`: a function standing for
        every sync method of cls (and its bases) whose name has that shape
        (`_load_yaml`, `_load_json`), calling each; None when none has it.
        Named cls.pattern, made once."""
        q = cls + "." + pattern
        if q in self.funcs:
            return q
        prefix, _, suffix = pattern.partition(NAME_HOLE)
        if self._methods is None:
            self._methods = _methods_by_class(self.funcs)
        names = []
        first = None  # the first match's function: the stand-in's file and line
        todo, seen = [cls], set()
        while todo:
            c = self.canonical_class(todo.pop(0))
            if c in seen:
                continue
            seen.add(c)
            for m in self._methods.get(c, ()):
                if len(m) > len(prefix) + len(suffix) and m.startswith(prefix) and m.endswith(suffix) \
                        and m not in names and not self.funcs[c + "." + m][1][0]:
                    names.append(m)
                    first = first or self.funcs[c + "." + m]
            todo.extend(self.classes.get(c, ()))
        if not names:
            return None
        home = self.canonical_class(cls)
        s, rec = first
        line = rec[1]
        self.funcs[q] = (s, (False, line, [], [(line, 0, line, 0, home + "." + m, None, None, None) for m in names], None))
        return q

    def property_type(self, q, depth):
        """What property getter q returns: the attribute a getter `return
        self.X` reads (narrowed as in_class does), else its return type."""
        x = self.getters.get(self.original(q))
        if x is not None:
            r = self.in_class(q.rpartition(".")[0], [x], depth + 1)
            if r is not None and r[0] == "inst":
                return r[1]
        return self.funcs[q][1][4] or None

    def through_property(self, q, rest, depth):
        """Canonical meaning of `obj.prop.rest...` where q is the property's
        getter: the attributes of what it returns (its annotation, or the
        one type its returns agree on), e.g. `backup.tarfile.unlink` with
        `def tarfile(self) -> Path`. None for a method (named, not called)."""
        if q not in self.props:
            return None
        T = self.funcs[q][1][4]
        if not T:
            return None
        return self.canon(T + "." + ".".join(rest), depth + 1)

    def specialize(self, D, C, q):
        """Method q of class C as run on an instance of its subclass D: a copy
        whose calls through self (`self.execute()`, `self.conn.commit()`,
        recorded as C.execute, C.conn.commit) resolve in D first, so a base
        class's method reaches what the subclass overrides or sets. Named
        D.m; q itself when nothing in it goes through self."""
        if D == C or D not in self.classes:
            return q
        name = D + q[len(C):]
        if name in self.funcs:
            return name
        s, rec = self.funcs[q]
        prefix = C + "."
        if rec[0] or not self.calls_self(q, rec, prefix):
            return q
        n = len(prefix)
        targets = [t[:4] + (D + "." + t[4][n:],) + t[5:] if t[4].startswith(prefix) and ".__super__." not in t[4] else t
                   for t in rec[3]]
        self.funcs[name] = (s, (rec[0], rec[1], rec[2], targets) + tuple(rec[4:]))
        self.spec[name] = (q, D, C)
        self.fresh.append(name)
        if q in self.cached:
            self.cached[name] = self.cached[q]
        if q in self.props:
            self.props[name] = self.props[q]
        return name

    def accessor(self, getter, kind):
        """The setter ("set") or deleter ("del") of the property whose getter
        a store or `del` of an attribute resolved to (on a subclass: its
        specialization), or None: a plain attribute, a method, a property
        without one."""
        sp = self.spec.get(getter)
        q = (sp[0] if sp is not None else getter) + (".<setter>" if kind == "set" else ".<deleter>")
        if q not in self.funcs:
            return None
        return self.specialize(sp[1], sp[2], q) if sp is not None else q

    def calls_self(self, q, rec, prefix):
        r = self._self_calls.get(q)
        if r is None:
            r = self._self_calls[q] = any(t[4].startswith(prefix) and ".__super__." not in t[4] for t in rec[3])
        return r

    def original(self, q):
        """The method a specialization copies (q itself otherwise)."""
        sp = self.spec.get(q)
        return sp[0] if sp is not None else q

    def respecialize(self, spec):
        """Make the specializations of another Program over the same (or
        fewer) summaries: names it handed out stay valid here."""
        for q, D, C in spec.values():
            if q in self.funcs:
                self.specialize(D, C, q)

    def call_type(self, q, depth):
        """Type of what calling q returns, or None when unknown."""
        c = self.canon(q, depth + 1)
        if c is None:
            return None
        kind, name = c
        if kind == "inst":
            return RETURNS.get(name + ".__call__")
        if name in self.classes:
            return name
        r = RETURNS.get(name)
        if r == "django.db.models.Model" and ".objects." in q:
            # Model.objects.get(...) returns a Model of that class
            m = self.canon(q.split(".objects.")[0], depth + 1)
            if m is not None and m[0] == "name" and m[1] in self.classes:
                return m[1]
        if r is not None:
            return r
        if name in self.funcs:
            t = self.funcs[name][1][4]  # its annotated or inferred return type
            if t is not None and self.is_typevar(t):
                return self.typevar_value(q, name, t, depth)
            return t
        for i in range(name.count("."), 0, -1):
            if name.rsplit(".", i)[0] in self.modules:
                return None  # something unknown inside the scanned tree
        return name  # an external class (assumed): an instance of it

    def is_typevar(self, t):
        """t names a module-level `T = TypeVar("T", ...)` of a scanned module."""
        mod, _, n = t.rpartition(".")
        s = self.modules.get(mod)
        b = s["names"].get(n) if s is not None else None
        return b is not None and b[0] == "inst" and b[1] in TYPEVARS

    def typevar_value(self, q, name, T, depth):
        """What a method returning the TypeVar T returns when called as q:
        the class the receiver's generic bases bind T to (`ProjectManager(
        CRUDMixin[Project])` makes GetMixin.get's `-> TObjCls` a Project),
        or None (unbound: the TypeVar says nothing usable)."""
        sp = self.spec.get(name)
        if sp is not None:
            receiver, definer = sp[1], sp[2]
        else:
            definer = name.rpartition(".")[0]
            c = self.canon(q.rpartition(".")[0], depth + 1)
            if c is None:
                return None
            receiver = c[1]
            if c[0] == "inst" and receiver.endswith(".()"):
                receiver = self.call_type(receiver[:-3], depth + 1)
                if receiver is None:
                    return None
            receiver = self.canonical_class(receiver)
        env = self.type_arguments(receiver)
        value = env.get(definer, {}).get(T)
        if value is None:  # one TypeVar shared by the whole hierarchy, bound on another path
            value = next((e[T] for e in env.values() if T in e), None)
        return None if value is None or self.is_typevar(value) else value

    def type_arguments(self, cls):
        """{class: {TypeVar: value}} for cls and its ancestors: each generic
        base's type parameters bound to what the class below subscripts it
        with (a TypeVar passed on takes the value it has there)."""
        env = {cls: {}}
        todo = deque([cls])
        while todo:
            x = todo.popleft()
            here = env[x]
            for base, args in self.generics.get(x, ()):
                b = self.canonical_class(base)
                if b in env:
                    continue
                params = self.type_parameters(b)
                env[b] = {p: here.get(a, a) for p, a in zip(params, args) if a is not None}
                todo.append(b)
            for base in self.classes.get(x, ()):
                b = self.canonical_class(base)
                if b not in env:
                    env[b] = {}
                    todo.append(b)
        return env

    def type_parameters(self, cls):
        """The TypeVars a generic class takes, in order: those of its
        `Generic[...]` (or `Protocol[...]`) base, else each TypeVar its
        generic bases are subscripted with, first seen first."""
        params = []
        for base, args in self.generics.get(cls, ()):
            named = [a for a in args if a is not None and self.is_typevar(a)]
            if base in GENERIC_BASES:
                return named
            params.extend(a for a in named if a not in params)
        return params

    def canonical_class(self, q, _active=frozenset()):
        """Follow module-level re-exports to the class's defining name.
        (`_active`: the star-import lookups under way: two modules that
        `from other import *` each other must not recurse forever.)
        Remembered: the tables it reads do not change once the Program is
        made, and the bases of every class are looked up again and again
        (ancestors, loop_methods). Not an answer that looked through a
        star import, which may ask follow.py for modules (want) and whose
        answer depends on `_active`."""
        if q in self.classes:
            return q
        known = self._canonical.get(q)
        if known is not None:
            return known
        asked, pure = q, not _active
        for _ in range(8):
            if q in self.classes:
                break
            parts = q.split(".")
            moved = False
            for i in range(len(parts) - 1, 0, -1):
                s = self.modules.get(".".join(parts[:i]))
                if s is None:
                    continue
                if s["module"] != ".".join(parts[:i]):
                    q = ".".join([s["module"]] + parts[i:])
                    moved = True
                    break
                b = s["names"].get(parts[i])
                if b is not None and b[0] == "sym" and b[1] != q:
                    q = ".".join([b[1]] + parts[i + 1:])
                    moved = True
                elif b is None and s.get("stars") and parts[i][:1] != "_" and q not in _active:
                    pure = False
                    for m in s["stars"]:  # from m import *
                        if m not in self.modules:
                            self.want(m)
                            continue
                        c = self.canonical_class(".".join([m] + parts[i:]), _active | {q})
                        if c in self.classes:
                            q, moved = c, True
                            break
                break
            if not moved:
                q = ALIASES.get(q, q)
                break
        else:
            q = ALIASES.get(q, q)
        if pure:
            self._canonical[asked] = q
        return q

    def method(self, cls, name):
        r = self.in_class(cls, [name], 0)
        if r is None or r[0] != "name":
            return None
        q = r[1]
        if cat_get(q) is not None:
            return ("cat", q)
        if q in self.funcs:
            return ("func", q)
        return None

    # ---- loop code -------------------------------------------------------
    def loop_roots(self):
        """Sync functions the loop runs itself (see the module docstring)."""
        roots = set()
        for s in self.summaries:
            for q in s.get("loopcb", ()):
                f = q if q in self.funcs else None
                if f is None:
                    r = self.resolve(q)
                    f = r[1] if r is not None and r[0] == "func" else None
                if f is not None:
                    roots.add(f)
            for f, names in s.get("decos", {}).items():
                if f in self.funcs and any(self.is_loop_decorator(n) for n in names):
                    roots.add(f)
        for cls in self.classes:
            for m in self.loop_methods(cls):
                r = self.method(cls, m)
                if r is not None and r[0] == "func":
                    roots.add(self.original(r[1]))
            prefixes = self.loop_method_prefixes(cls)
            if prefixes:
                for m in self.own_methods().get(cls, ()):
                    if m.startswith(prefixes):
                        roots.add(cls + "." + m)
        # library code ("lib" in its summary: an installed package followed by
        # follow.py) is never loop code: findings are reported at project code
        return {f for f in roots if not self.funcs[f][1][0] and not self.funcs[f][0].get("lib")}

    def loop_method_prefixes(self, cls):
        """Name prefixes of the methods a framework calls on the loop for
        instances of cls (Textual's `on_*`, `action_*`, ...: catalogue.
        LOOP_METHOD_PREFIXES), by the modules of its bases at any depth."""
        out = ()
        for base_module, prefixes in LOOP_METHOD_PREFIXES.items():
            if any(a.startswith(base_module) for a in self.ancestors(cls)):
                out += prefixes
        return out

    def own_methods(self):
        """class -> the names of the methods it defines (as loop_roots first
        asks; methods_like keeps its own index, made when it is first used)."""
        index = self.__dict__.get("_own_methods")
        if index is None:
            index = self._own_methods = _methods_by_class(self.funcs)
        return index

    def is_loop_decorator(self, name):
        if name in LOOP_CALLBACKS:
            return True
        c = self.canon(name, 0)
        return c is not None and c[1] in LOOP_CALLBACKS

    def loop_methods(self, cls, _active=None):
        """Names of the methods the loop calls on instances of cls (an asyncio
        protocol, a Tornado handler: catalogue.LOOP_METHODS), through its bases."""
        memo = self._loop_methods
        c = self.canonical_class(cls)
        r = memo.get(c)
        if r is not None:
            return r
        active = _active or set()
        if c in active:
            return frozenset()  # a cycle of bases
        active.add(c)
        out = LOOP_METHODS.get(c, frozenset())
        for base in self.classes.get(c, ()):
            out = out | self.loop_methods(base, active)
        active.discard(c)
        memo[c] = out
        return out

    # ---- imports and caches warmed at import time -----------------------
    def loaded_by(self, loaded, mods):
        """Whether code whose loaded modules are `loaded` (analyze.Analyzer.loaded)
        has loaded mods[0] and the submodules mods[1:] (as import_blocks reads
        them) already: its own earlier imports, and for a method run on an
        instance of class C the imports that open C.__init__ (when every
        subclass runs that __init__: init_runs), with what the top-level code
        of those modules imports in turn (when the program has them)."""
        memo = self.__dict__.setdefault("_loaded_by", {})
        have = memo.get(loaded)
        if have is None:
            own, cls = loaded
            have = set(own)
            if cls is not None and self.init_runs(cls):
                have.update(self.init_imports()[0].get(cls, ()))
            self.add_imported(have, list(have))
            memo[loaded] = have = self.with_other_names(have)
        if mods[0] not in have and mods[0] not in self.loaded:
            return False
        for sub in mods[1:]:
            if (sub in self.modules or sub in STDLIB_SUBMODULES) and sub not in self.loaded and sub not in have:
                return False
        return True

    def const_value(self, q, depth=0):
        """The value of the named str/int constant q (`pkg.const.CONF_PATH`,
        through re-exports: `from .const import CONF_PATH` in pkg), or _MISSING."""
        parts = q.split(".")
        for i in range(len(parts) - 1, 0, -1):
            s = self.modules.get(".".join(parts[:i]))
            if s is None:
                continue
            if i != len(parts) - 1:
                return _MISSING
            name = parts[-1]
            v = s.get("consts", {}).get(name, _MISSING)
            if v is _MISSING and depth < 8:
                b = s["names"].get(name)
                if b is not None and b[0] == "sym":
                    return self.const_value(b[1], depth + 1)
            return v
        return _MISSING

    def loaded_through_packages(self):
        """An installed package's module that the project imports at module
        level (so before loop code runs) runs its own module-level imports
        then, and so on: `import voluptuous` loads voluptuous.validators,
        which `voluptuous.Required.__init__` imports again inside a call.
        Only the package modules following summarized can say so."""
        lib = lambda m: m in self.modules and self.modules[m].get("lib")  # noqa: E731
        todo = [m for m in self.loaded if lib(m)]
        while todo:
            for m in self.modules[todo.pop()].get("mimports", ()):
                todo.extend(a for a in _add_module(self.loaded, m) if lib(a))

    def with_other_names(self, loaded):
        """`loaded` (a set of module names, changed in place) with the other
        names of the program's modules in it (and their packages): one file
        scanned as `hacs.base` and imported as `custom_components.hacs.base`
        (walk.ModuleNamer's alternatives) is loaded under both."""
        for m in [m for m in loaded if m in self.modules]:
            s = self.modules[m]
            for name in (s["module"],) + tuple(s.get("alt", ())):
                _add_module(loaded, name)
        return loaded

    def init_imports(self):
        """({class: modules its __init__ imports first}, {class: its __init__
        starts with super().__init__(...)}) over the program."""
        r = self.__dict__.get("_init_facts")
        if r is None:
            imports, sup = {}, {}
            for s in self.summaries:
                imports.update(s.get("init_imports", ()))
                sup.update(s.get("init_super", ()))
            r = self._init_facts = (imports, sup)
        return r

    def descendants(self, c):
        """The program's classes that derive from c, directly or not, in the
        order of self.classes (the inverse of ancestors)."""
        index = self.__dict__.get("_descendants")
        if index is None:
            index = self._descendants = {}
            for d in self.classes:
                for a in self.ancestors(d):
                    index.setdefault(a, []).append(d)
        return index.get(c, ())

    def ancestors(self, c, _memo=None):
        """The program's classes c derives from (names outside it included as
        written), c excluded."""
        memo = self.__dict__.setdefault("_ancestors", {})
        out = memo.get(c)
        if out is None:
            memo[c] = frozenset()  # (a cycle of bases)
            acc = set()
            for b in self.classes.get(c, ()):
                b = self.canonical_class(b)
                acc.add(b)
                acc |= self.ancestors(b)
            out = memo[c] = frozenset(acc)
        return out

    def init_runs(self, cls):
        """C.__init__ runs before any method on every instance of C or of a
        subclass: every class of such an instance's hierarchy that is not C or
        one of C's bases is a program class with no __init__ of its own or
        one that first calls super().__init__ (a class outside the program, or
        one whose __init__ does something else first, may skip C's)."""
        memo = self.__dict__.setdefault("_init_runs", {})
        r = memo.get(cls)
        if r is None:
            sup = self.init_imports()[1]
            above = self.ancestors(cls) | {cls}
            r = True
            for d in self.descendants(cls):
                for e in self.ancestors(d) | {d}:
                    if e in above:
                        continue
                    if e not in self.classes or not sup.get(e, True):
                        r = False
                        break
                if not r:
                    break
            memo[cls] = r
        return r

    def surely_imports(self, f, depth=0):
        """Modules function f imports whenever it returns normally: its
        top-level imports, and what its top-level calls (unconditional simple
        statements) surely import, transitively."""
        memo = self.__dict__.setdefault("_surely", {})
        have = memo.get(f)
        if have is not None:
            return have
        memo[f] = have = set()  # (recursion: a cycle adds nothing)
        own, calls = self.topimp.get(self.original(f), ((), ()))
        have.update(own)
        if depth < 12:
            have.update(self.imported_by_calls(calls, depth + 1))
        return have

    def imported_by_calls(self, calls, depth=0):
        """What the calls named `calls` (call target names) surely import."""
        have = set()
        for name in calls:
            r = self.resolve(name)
            if r is not None and r[0] == "func":
                have.update(self.surely_imports(r[1], depth))
        return have

    def loaded_before(self, calls, mods):
        """Whether the calls a function made before an import (their target
        names) loaded the imported modules: `gw = Gateway(conf)`, whose
        constructor imported elasticsearch, then `import elasticsearch`.
        (Asked for every witness a call through such a site picks: the
        loaded set is kept per tuple of calls.)"""
        memo = self.__dict__.setdefault("_loaded_before", {})
        loaded = memo.get(calls)
        if loaded is None:
            have = self.imported_by_calls(calls)
            loaded = memo[calls] = (tuple(sorted(have)), None) if have else False
        return bool(loaded) and self.loaded_by(loaded, mods)

    def import_blocks(self, s, mods):
        """An import in module s of mods[0] (then, for `from m import a, b`,
        its submodules m.a, m.b) loads something not loaded yet: not a module
        of asyncio's start-up set, nor one the program imports at module
        level, nor the importing module or its packages."""
        own = s["module"]
        m = mods[0]
        ready = self.package_loaded(own) if s.get("lib") else ()
        if m not in self.loaded and m != own and not own.startswith(m + ".") and self.modules.get(m) is not s \
                and not any(a.startswith(m + ".") for a in s.get("alt", ())) and m not in ready:
            return True
        for sub in mods[1:]:
            if (sub in self.modules or sub in STDLIB_SUBMODULES) and sub not in self.loaded and sub not in ready:
                return True
        return False

    def package_loaded(self, module):
        """What surely is loaded when a function of an installed package's
        module runs (after import time): that module and its packages, and
        what their module-level code imports, transitively (httpx's
        `URLPattern.__init__` importing `._urls`, which `httpx/__init__.py`
        imported already). Only the modules following summarized count."""
        memo = self.__dict__.setdefault("_package_loaded", {})
        have = memo.get(module)
        if have is None:
            have = memo[module] = set()
            self.add_imported(have, _add_module(have, module))
        return have

    def add_imported(self, have, todo):
        """Add to the set `have` what the modules `todo` (in it already)
        import at module level, transitively: a module imported (and not
        failed) ran its module-level imports. Only summarized modules count."""
        while todo:
            s = self.modules.get(todo.pop())
            for m in s.get("mimports", ()) if s is not None else ():
                todo.extend(_add_module(have, m))

    def warm_set(self):
        """(callee, argument key) of the calls made at import time: at module
        level, and (transitively) in the sync functions those calls run."""
        warm = set()
        names = set()
        todo = []
        for s in self.summaries:
            if s.get("lib"):
                continue  # a package's module-level calls: only the project's imports are known to run first
            for q, key in s.get("warm", ()):
                r = self.resolve(q)
                if r is None:
                    continue
                warm.add((r[1], key))
                names.add(r[1])
                if r[0] == "func":
                    todo.append(r[1])
        done = set()
        while todo and len(done) < 2000:
            f = todo.pop()
            if f in done or self.funcs[f][1][0]:
                continue
            done.add(f)
            direct, targets = self.funcs[f][1][2:4]
            for d in direct:
                x = _extra(d)
                if type(x[2]) is int and d[4] in FIRST_CALL_ONLY:
                    warm.add((d[4], x[2]))
                    names.add(d[4])
            for t in targets:
                r = self.resolve(t[4])
                if r is None:
                    continue
                key = _extra(t)[2]
                if type(key) is int:
                    warm.add((r[1], key))
                names.add(r[1])
                if r[0] == "func":
                    todo.append(r[1])
        self.warm, self.warm_names = warm, names

    def warmed(self, q, key):
        """The cache of q (a cached function or a FIRST_CALL_ONLY call) is
        filled at import time for a call with argument key `key`."""
        group = FIRST_CALL_ONLY.get(q)
        if type(group) is tuple:
            return any(g in self.warm_names for g in group)
        return type(key) is int and (q, key) in self.warm

    def selectable(self, code):
        """Some route of this code's sub-rule is selected (witnesses in
        helpers count for every route the call site may end up with)."""
        r = self._selectable.get(code)
        if r is None:
            r = self._selectable[code] = any(self.selected(code[:5] + d) for d in "0123")
        return r

    # ---- may-block propagation ---------------------------------------
    def direct_witness(self, s, d):
        """(blocking call, once) for a direct entry, or None when it does not
        block (an import of something loaded, a warmed first-call cache)."""
        q = d[4]
        x = _extra(d)
        once = x[0]
        if q.startswith(IMPORT_TEXTS) or (q in IMPORT_CALLS and x[2] is not None):
            if not self.import_blocks(s, x[2]):
                return None  # loaded already: a dict lookup
            if len(x) > 3 and x[3] is not None and self.loaded_by(x[3], x[2]):
                return None  # loaded by this function or its object's __init__ before
            if len(x) > 4 and self.loaded_before(x[4], x[2]):
                return None  # loaded by a call the function made before (gw = Gateway(); import ...)
        elif q in FIRST_CALL_ONLY:
            if self.warmed(q, x[2]):
                return None
            once = True
        return q, once

    def propagate(self):
        """witnesses[f]: why sync function f may block (list, best first)."""
        self.roots = self.loop_roots()
        self.warm_set()
        witnesses = {}
        rev = {}
        seeds = []
        reached = self.reached()
        todo = [q for q in self.funcs if q in reached]
        while todo:  # (resolving may specialize methods for subclasses: their copies are scanned next)
            self.fresh = []
            for q in todo:
                self.edges(q, seeds, rev)
            todo = self.fresh
        # first the witnesses that block on every call, then the first-call ones
        deferred = {}  # functions whose callers got a first-call witness held back (ordered: a set's
        # order changes with the string hash seed, and the order decides ties between witnesses)
        for allow_once in (False, True):
            queue = deque(deferred)
            for q, w in seeds:
                if (allow_once or not w[W_ONCE]) and self.add_witness(witnesses, q, w):
                    queue.append(q)
            while queue:
                f = queue.popleft()
                for caller, t, on_error in rev.get(f, ()):
                    w = self.edge_witness(witnesses, f, t, on_error=on_error)
                    if w is None:
                        continue
                    if w[W_ONCE] and not allow_once:
                        deferred[f] = None
                        continue
                    if self.add_witness(witnesses, caller, w):
                        queue.append(caller)
        self.witnesses = witnesses
        return witnesses

    def reached(self):
        """The functions loop code (async defs and loop roots of the project)
        reaches through calls: only their witnesses are ever read (findings,
        chains), and a function's witnesses depend only on what it reaches,
        so the edges of the rest (most of a large tree) are not built, nor
        the subclass copies of base methods only they would reach. Kept in
        the order of self.funcs."""
        funcs = self.funcs
        roots = self.roots
        seen = set()
        todo = []
        for q, (s, rec) in funcs.items():
            if (rec[0] or q in roots) and not s.get("lib"):
                seen.add(q)
                todo.append(q)
        resolve = self.resolve
        while todo:
            for t in funcs[todo.pop()][1][3]:
                r = resolve(t[4])
                if r is None or r[0] != "func":
                    continue
                callee = r[1]
                x = t[7]
                if x is not None and (x[2] == "set" or x[2] == "del"):
                    callee = self.accessor(callee, x[2])
                    if callee is None:
                        continue
                if callee not in seen:
                    seen.add(callee)
                    todo.append(callee)
        return seen

    def edges(self, q, seeds, rev):
        """Seeds (the blocking calls function q makes itself) and reverse
        edges (callee -> (q, call)) of one function."""
        s, rec = self.funcs[q]
        is_async, line, direct, targets = rec[:4]
        if is_async:
            for t in targets:
                self.resolve(t[4])  # (methods it reaches on subclasses are specialized before propagating)
            return
        noqa = s["noqa"]
        heavy = weight if s.get("lib") else _no_weight  # (see WEIGHTS)
        errors = self.error_paths.get(self.original(q)) if s.get("lib") else None
        if errors:
            heavy = _error_weight(heavy, errors)
        for d in direct:
            if d[5] is not None or d[4] in DIRECT_ONLY:
                continue  # offload arguments: reported where the loop runs them; see DIRECT_ONLY
            dw = self.direct_witness(s, d)
            if dw is None:
                continue
            code = cat_entry(dw[0])[0]
            if not self.selectable(code) or _noqa_hit(noqa, d[0], d[2], code):
                continue
            seeds.append((q, (d[0], d[1], "cat", dw[0], dw[1], _extra(d)[1], None, heavy(code, d[0]))))
        for t in targets:
            if t[5] is not None:
                continue
            r = self.resolve(t[4])
            if r is None:
                continue
            x = t[7] or _NO_EXTRA  # (a call target: see _extra)
            if r[0] == "cat":
                if r[1] in DIRECT_ONLY or x[2] in ACCESSES or _nonblocking(r[1], t):
                    continue  # (a read of a catalogued method names it; it does not call it)
                once = x[0]
                if r[1] in FIRST_CALL_ONLY:
                    if self.warmed(r[1], x[2]):
                        continue
                    once = True
                code = cat_get(r[1])[0]
                if self.selectable(code) and not _noqa_hit(noqa, t[0], t[2], code):
                    seeds.append((q, (t[0], t[1], "cat", r[1], once, x[1], None, heavy(code, t[0]))))
                continue
            callee = r[1]
            if x[2] == "set" or x[2] == "del":
                callee = self.accessor(callee, x[2])
                if callee is None:
                    continue  # a plain attribute stored or deleted
            if self.funcs[callee][1][0] or self.original(callee) in self.roots:
                continue  # a coroutine is not run by the call; a loop callback reports its own calls
            if x[2] == "get" and callee not in self.props:
                continue  # a method named, not called
            if _noqa_hit(noqa, t[0], t[2], "BLK"):
                continue
            rev.setdefault(callee, []).append((q, t, errors is not None and _on_error_path(t[0], errors)))

    @staticmethod
    def add_witness(witnesses, q, w):
        ws = witnesses.setdefault(q, [])
        for old in ws:
            if old[W_ONCE] <= w[W_ONCE] and old[W_WEIGHT] >= w[W_WEIGHT] and set(old[W_GUARDS]) <= set(w[W_GUARDS]):
                return False  # an existing witness holds in every case this one does, and weighs as much
        if len(ws) >= MAX_WITNESSES:
            # full: make room only by dropping one this witness holds for
            # (an import's pseudo-guards make more witnesses distinct)
            for i, old in enumerate(ws):
                if w[W_ONCE] <= old[W_ONCE] and w[W_WEIGHT] >= old[W_WEIGHT] and set(w[W_GUARDS]) <= set(old[W_GUARDS]):
                    del ws[i]
                    break
            else:
                return False
        ws.append(w)
        return True

    def pick(self, witnesses, f, shape, extra_guards=(), in_loop_code=False):
        """The best witness of f for a call passing `shape`: (witness, caller
        guards), preferring one that blocks on every call, then one that does
        not depend on the caller's parameters, then the heaviest (WEIGHTS);
        None when every witness is dead for this call (in loop code: also
        dead by dead_in_loop_code)."""
        best, rank = None, None
        for w in witnesses.get(f, ()):
            dead, mapped = killed(w[W_GUARDS], shape, self)
            if dead or (in_loop_code and dead_in_loop_code(tuple(extra_guards) + mapped)):
                continue
            r = (w[W_ONCE], any(g[0] != IMPORT_GUARD for g in mapped), -w[W_WEIGHT], bool(mapped))
            # (last: a witness that holds whatever the callers loaded before, over an import
            # that a caller's earlier import or call may make a dict lookup)
            if best is None or r < rank:
                best, rank = (w, mapped), r
        return best

    def edge_witness(self, witnesses, f, t, in_loop_code=False, on_error=False):
        """The caller's witness through call t to f, or None (weight 0 for a
        call on an installed package's error path: see _error_weight)."""
        x = t[7] or _NO_EXTRA
        once = x[0]
        if f in self.cached:
            if self.warmed(f, x[2]):
                return None
            once = True
        picked = self.pick(witnesses, f, x[3], x[1], in_loop_code)
        if picked is None:
            return None
        w, mapped = picked
        return (t[0], t[1], "func", f, once or w[W_ONCE], tuple(x[1]) + mapped, x[3], 0 if on_error else w[W_WEIGHT])

    def chain(self, q, shape=None, guards=(), in_loop_code=False):
        """[(function qual, path, line of the next call), ..., (blocking name, path, line)]
        for a call passing `shape` to q (from loop code: see pick)."""
        out = []
        seen = set()
        while True:
            picked = self.pick(self.witnesses, q, shape, guards, in_loop_code)
            guards, in_loop_code = (), False
            if picked is None or (q, picked[0]) in seen:
                break  # (a function may come back with another witness: recursion with other arguments)
            w = picked[0]
            seen.add((q, w))
            s = self.funcs[q][0]
            out.append({"function": plain_name(q), "path": s["path"], "line": w[W_LINE], "col": w[W_COL]})
            if w[W_KIND] == "cat":
                out.append({"call": w[W_NEXT], "path": s["path"], "line": w[W_LINE], "col": w[W_COL]})
                return out, w[W_NEXT]
            q, shape = w[W_NEXT], w[W_SHAPE]
        return out, None

    # ---- findings -----------------------------------------------------
    def findings(self):
        self.propagate()
        out = []
        roots = self.roots
        for q, (s, rec) in list(self.funcs.items()):  # (resolving may add specializations)
            is_async, line, direct, targets = rec[:4]
            if (not is_async and q not in roots) or s.get("lib"):  # a package's own async defs are not roots
                continue
            cached = q in self.cached  # an async function under alru_cache: its body runs once per key
            for d in direct:
                dw = self.direct_witness(s, d)
                if dw is not None and not dead_in_loop_code(_extra(d)[1]):
                    self._report(out, s, q, d, dw[0], once=dw[1] or cached)
            for t in targets:
                self.report_target(out, s, q, t, cached)
        out.sort(key=lambda f: (f["path"], f["line"], f["col"], f["code"]))
        return out

    def report_target(self, out, s, q, t, cached):
        r = self.resolve(t[4])
        if r is None:
            return
        x = _extra(t)
        if dead_in_loop_code(x[1]):
            return
        if r[0] == "cat":
            if x[2] in ACCESSES or _nonblocking(r[1], t):
                return
            once = x[0] or cached
            if r[1] in FIRST_CALL_ONLY:
                if self.warmed(r[1], x[2]):
                    return
                once = True
            self._report(out, s, q, t, r[1], once=once)
            return
        callee = r[1]
        if x[2] == "set" or x[2] == "del":
            callee = self.accessor(callee, x[2])
            if callee is None:
                return
        if self.funcs[callee][1][0] or self.original(callee) in self.roots:
            return
        if x[2] == "get" and callee not in self.props:
            return
        w = self.edge_witness(self.witnesses, callee, t, in_loop_code=True)
        if w is None:
            return
        chain, root = self.chain(callee, x[3], x[1], True)
        if root is not None:
            self._report(out, s, q, t, root, chain, once=w[W_ONCE] or cached,
                         access=x[2] if x[2] in ACCESSES else None)

    def _report(self, out, s, func, site, blocking, chain=(), once=False, access=None):
        """Append the finding for a call site in `func` that reaches catalogued
        call `blocking` (through `chain` of sync helpers, if any), unless its
        code is deselected or silenced by noqa. The code's last digit says how:
        2 in an offload's arguments, else 3 behind a cache (first call only),
        else 1 through helpers, else 0 direct."""
        code, why, instead = cat_entry(blocking)
        code = code[:-1] + ("2" if site[5] is not None else "3" if once else "1" if chain else "0")
        if self.selected(code) and not _noqa_hit(s["noqa"], site[0], site[2], code):
            out.append(make(s, func, site, code, blocking, list(chain), why, instead, site[5], access))
            if chain and chain[0]["function"].endswith(".__init__") and ".()" not in site[4]:
                # the class as the call names it (a subclass may inherit __init__)
                f = out[-1]
                f["replacement"] = f["replacement"].replace(
                    "pass %s and" % callable_name(chain[0]["function"]), "pass %s and" % local_name(site[4]), 1)
        elif self.selected(code):
            self.noqa_suppressed += 1  # counted for the summary and stats.suppressed

def short(q):
    """Display name: Class.method for methods, the dotted name for functions."""
    parts = [p for p in q.split(".") if p != "<locals>"]
    if parts[0] == "builtins":
        parts = parts[1:]
    if len(parts) >= 2 and parts[-2][:1].isupper():
        return parts[-2] + "." + parts[-1]
    return ".".join(parts)


def callable_name(q):
    """What to hand to asyncio.to_thread to run q: the class for a constructor."""
    name = local_name(q)
    return name[:-len(".__init__")] if name.endswith(".__init__") else name


# the access a finding's call site makes -> (verb, how to move it off the loop)
_ACCESS_TEXT = {"get": ("reading", "read it in a worker thread (await asyncio.to_thread(getattr, obj, %r))"),
                "set": ("setting", "set it in a worker thread (await asyncio.to_thread(setattr, obj, %r, value))"),
                "del": ("deleting", "delete it in a worker thread (await asyncio.to_thread(delattr, obj, %r))")}


def make(s, func, site, code, blocking, chain, why, instead, offload, access=None):
    line, col, end_line, end_col = site[:4]
    name = short(blocking) + "()"
    if blocking.startswith(IMPORT_TEXTS):
        name = "`%s`" % blocking
    if blocking.endswith(".__call__"):
        name = short(blocking[:-9]) + "(...)()"
    if blocking.endswith(".__enter__"):
        name = "`with` on a %s" % blocking.rsplit(".", 1)[0]
    if blocking.endswith(".__exit__"):
        name = "leaving `with` on a %s" % blocking.rsplit(".", 1)[0]
    if blocking.endswith(".__iter__"):
        base = blocking.rsplit(".", 1)[0]
        name = "iterating " + (base if base.startswith("sys.") else "a " + base)
    if chain:
        path_text = " -> ".join([local_name(c["function"]) + "()" for c in chain[:-1]] + [name])
        first = local_name(chain[0]["function"])
        fix = ", or fix %s(): %s" % (local_name(chain[-2]["function"]), instead)
        if access in _ACCESS_TEXT:  # a property read / store / del runs its getter / setter / deleter
            verb, offload_it = _ACCESS_TEXT[access]
            msg = "%s %s blocks the event loop via %s" % (verb, first, path_text)
            instead = offload_it % first.rpartition(".")[2] + fix
        else:
            msg = "%s() blocks the event loop via %s" % (first, path_text)
            instead = "offload this call (pass %s and its arguments to await asyncio.to_thread(...))" % (
                callable_name(chain[0]["function"])) + fix
    else:
        msg = "%s blocks the event loop" % name
    if code.endswith("3"):
        msg += " on the first call only (a cache keeps the result; nothing warms it at import time)"
    if offload:
        msg += "; it runs here, before %s() is called: pass the function and its arguments instead" % short(offload)
    return {
        "path": s["path"], "line": line, "col": col, "end_line": end_line, "end_col": end_col,
        "code": code, "message": msg, "call": blocking, "function": plain_name(func),
        "chain": chain, "why": why, "replacement": instead,
        "offload": offload,
    }
