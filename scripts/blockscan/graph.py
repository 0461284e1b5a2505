"""Global pass: resolve calls across the scanned files and build findings.

Input: the per-file summaries of analyze.py. A sync function "may block"
when it makes a blocking call directly or calls (any depth, cycles handled)
a sync function that may block. Each call from loop code (an async function)
to such a function is a finding at the call, carrying the shortest chain.
"""
from collections import deque

from blockscan.analyze import ALIASES, RETURNS, call_from_facts, cat_get, nonblocking_args
from blockscan.catalogue import ATTRS, BY_METHOD_NAME, DIRECT_ONLY


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


def _nonblocking(q, site):
    """The arguments of a call resolved here make it return at once
    (`producer.poll(0)` on another module's producer)."""
    facts = site[6] if len(site) > 6 else None
    return facts is not None and nonblocking_args(q, call_from_facts(facts))


class Program:
    noqa_suppressed = 0                   # findings silenced by # noqa at their call site (_report)

    def __init__(self, summaries, selected):
        self.selected = selected          # callable(code) -> bool
        self.funcs = {}                   # qual -> (summary, record)
        self.modules = {}                 # module name -> summary
        self.classes = {}                 # class qual -> bases
        self.cattrs = {}                  # class qual -> {attribute: type} (self.x = T(...))
        for s in summaries:
            if s["error"]:
                continue
            self.modules.setdefault(s["module"], s)
            if s.get("alt"):
                self.modules.setdefault(s["alt"], s)
            for q, rec in s["funcs"].items():
                self.funcs.setdefault(q, (s, rec))
            for q, bases in s["classes"].items():
                self.classes.setdefault(q, bases)
            for q, attrs in s.get("cattrs", {}).items():
                self.cattrs.setdefault(q, attrs)
        self.memo = {}

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
            if b is None:
                return None
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
        seen = set()
        todo = [cls]
        external = None
        while todo:
            c = self.canonical_class(todo.pop(0))
            if c in seen:
                continue
            seen.add(c)
            q = c + "." + name
            if q in self.funcs:
                return ("name", q) if len(rest) == 1 else None
            if q in self.classes:
                return self.in_class(q, rest[1:], depth + 1)
            t = ATTRS.get(q)
            if t is None and len(rest) > 1:
                t = self.cattrs.get(c, {}).get(name)  # obj.session.get() with self.session = Session()
            if t is not None:
                return self.canon(".".join([t] + rest[1:]), depth + 1) if len(rest) > 1 else ("inst", t)
            if cat_get(q) is not None and len(rest) == 1:
                return ("name", q)
            if c not in self.classes and external is None:
                external = q
            todo.extend(self.classes.get(c, ()))
        if external is not None and len(rest) == 1:
            return ("name", external)
        return None

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
            return self.funcs[name][1][4]  # its annotated or inferred return type
        for i in range(name.count("."), 0, -1):
            if name.rsplit(".", i)[0] in self.modules:
                return None  # something unknown inside the scanned tree
        return name  # an external class (assumed): an instance of it

    def canonical_class(self, q):
        """Follow module-level re-exports to the class's defining name."""
        for _ in range(8):
            if q in self.classes:
                return q
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
                break
            if not moved:
                break
        return ALIASES.get(q, q)

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

    # ---- may-block propagation ---------------------------------------
    def propagate(self):
        """witness[f] = (line, col, kind, next): why sync function f may block."""
        witness = {}
        rev = {}
        queue = deque()
        for q, (s, rec) in self.funcs.items():
            is_async, line, direct, targets = rec[:4]
            if is_async:
                continue
            noqa = s["noqa"]
            for d in direct:
                code = cat_get(d[4])[0]
                if d[5] is not None or d[4] in DIRECT_ONLY:
                    continue  # offload arguments: reported where the loop runs them; see DIRECT_ONLY
                if not self.selected(code) or _noqa_hit(noqa, d[0], d[2], code):
                    continue
                if q not in witness:
                    witness[q] = (d[0], d[1], "cat", d[4])
                    queue.append(q)
                break
            for t in targets:
                if t[5] is not None:
                    continue
                r = self.resolve(t[4])
                if r is None:
                    continue
                if r[0] == "cat":
                    if r[1] in DIRECT_ONLY or _nonblocking(r[1], t):
                        continue
                    code = cat_get(r[1])[0]
                    if self.selected(code) and not _noqa_hit(noqa, t[0], t[2], code) and q not in witness:
                        witness[q] = (t[0], t[1], "cat", r[1])
                        queue.append(q)
                    continue
                callee = r[1]
                crec = self.funcs[callee][1]
                if crec[0]:
                    continue  # calling a coroutine function does not run it
                if _noqa_hit(noqa, t[0], t[2], "BLK"):
                    continue
                rev.setdefault(callee, []).append((q, t[0], t[1]))
        while queue:
            f = queue.popleft()
            for caller, line, col in rev.get(f, ()):
                if caller not in witness:
                    witness[caller] = (line, col, "func", f)
                    queue.append(caller)
        self.witness = witness
        return witness

    def chain(self, q):
        """[(function qual, path, line of the next call), ..., (blocking name, path, line)]"""
        out = []
        seen = set()
        while q in self.witness and q not in seen:
            seen.add(q)
            s = self.funcs[q][0]
            line, col, kind, nxt = self.witness[q]
            out.append({"function": q, "path": s["path"], "line": line, "col": col})
            if kind == "cat":
                out.append({"call": nxt, "path": s["path"], "line": line, "col": col})
                return out, nxt
            q = nxt
        return out, None

    # ---- findings -----------------------------------------------------
    def findings(self):
        self.propagate()
        out = []
        for q, (s, rec) in self.funcs.items():
            is_async, line, direct, targets = rec[:4]
            if not is_async:
                continue
            for d in direct:
                self._report(out, s, q, d, d[4])
            for t in targets:
                r = self.resolve(t[4])
                if r is None:
                    continue
                if r[0] == "cat":
                    if not _nonblocking(r[1], t):
                        self._report(out, s, q, t, r[1])
                    continue
                callee = r[1]
                if self.funcs[callee][1][0] or callee not in self.witness:
                    continue
                chain, root = self.chain(callee)
                if root is not None:
                    self._report(out, s, q, t, root, chain)
        out.sort(key=lambda f: (f["path"], f["line"], f["col"], f["code"]))
        return out

    def _report(self, out, s, func, site, blocking, chain=()):
        """Append the finding for a call site in `func` that reaches catalogued
        call `blocking` (through `chain` of sync helpers, if any), unless its
        code is deselected or silenced by noqa. The code's last digit says how:
        2 in an offload's arguments, else 1 through helpers, else 0 direct."""
        code, why, instead = cat_get(blocking)
        code = code[:-1] + ("2" if site[5] is not None else "1" if chain else "0")
        if self.selected(code) and not _noqa_hit(s["noqa"], site[0], site[2], code):
            out.append(make(s, func, site, code, blocking, list(chain), why, instead, site[5]))
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


def local(q):
    """A scanned function's display name: Class.method or function."""
    parts = [p for p in q.split(".") if p != "<locals>"]
    if len(parts) >= 2 and parts[-2][:1].isupper():
        return parts[-2] + "." + parts[-1]
    return parts[-1]


def make(s, func, site, code, blocking, chain, why, instead, offload):
    line, col, end_line, end_col = site[:4]
    name = short(blocking) + "()"
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
        path_text = " -> ".join([local(c["function"]) + "()" for c in chain[:-1]] + [name])
        msg = "%s blocks the event loop via %s" % (local(chain[0]["function"]) + "()", path_text)
        instead = "offload this call (pass %s and its arguments to await asyncio.to_thread(...)), or fix %s(): %s" % (
            local(chain[0]["function"]), local(chain[-2]["function"]), instead)
    else:
        msg = "%s blocks the event loop" % name
    if offload:
        msg += "; it runs here, before %s() is called: pass the function and its arguments instead" % short(offload)
    return {
        "path": s["path"], "line": line, "col": col, "end_line": end_line, "end_col": end_col,
        "code": code, "message": msg, "call": blocking, "function": func,
        "chain": chain, "why": why, "replacement": instead,
        "offload": offload,
    }
