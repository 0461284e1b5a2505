"""Global pass: resolve calls across the scanned files and build findings.

Input: the per-file summaries of analyze.py. A sync function "may block"
when it makes a blocking call directly or calls (any depth, cycles handled)
a sync function that may block. Each call from loop code (an async function)
to such a function is a finding at the call, carrying the shortest chain.
"""
from collections import deque

from blockscan.analyze import RETURNS, cat_get
from blockscan.catalogue import DIRECT_ONLY


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


class Program:
    def __init__(self, summaries, selected):
        self.selected = selected          # callable(code) -> bool
        self.funcs = {}                   # qual -> (summary, record)
        self.modules = {}                 # module name -> summary
        self.classes = {}                 # class qual -> bases
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
        self.memo = {}

    # ---- name resolution across files ---------------------------------
    def resolve(self, q, depth=0):
        """("cat", name) | ("func", qual) | None for a dotted name."""
        if q in self.memo:
            return self.memo[q]
        self.memo[q] = None
        r = self._resolve(q, depth)
        self.memo[q] = r
        return r

    def instance_type(self, q, depth):
        """Type of the value `q(...)` returns, q being a dotted name."""
        for _ in range(8):
            c = self.canonical_class(q)
            if c in self.classes:
                return c
            parts = c.split(".")
            for i in range(len(parts) - 1, 0, -1):
                s = self.modules.get(".".join(parts[:i]))
                if s is None:
                    continue
                b = s["names"].get(parts[i]) if i == len(parts) - 1 else None
                if b is None:
                    return None
                if b[0] == "inst":
                    return RETURNS.get(b[1] + ".__call__")
                q = b[1]
                break
            else:
                return q  # not in the scanned tree: assume a class
        return None

    def _resolve(self, q, depth):
        if depth > 12:
            return None
        if ".()" in q:
            prefix, _, rest = q.partition(".()")
            t = self.instance_type(prefix, depth)
            return self.resolve(t + rest, depth + 1) if t else None
        if cat_get(q) is not None:
            return ("cat", q)
        if q in self.funcs:
            return ("func", q)
        if q in self.classes:
            return self.method(q, "__init__", depth)
        if ".__super__." in q:
            cls, _, name = q.partition(".__super__.")
            for base in self.classes.get(cls, ()):
                r = self.method(base, name, depth)
                if r is not None:
                    return r
            return None
        head, dot, last = q.rpartition(".")
        if not dot:
            return None
        if head in self.classes:
            return self.method(head, last, depth)
        # find the longest module prefix, then follow module-level names
        parts = q.split(".")
        for i in range(len(parts) - 1, 0, -1):
            mod = ".".join(parts[:i])
            s = self.modules.get(mod)
            if s is None:
                continue
            if s["module"] != mod:
                return self.resolve(".".join([s["module"]] + parts[i:]), depth + 1)
            name = parts[i]
            rest = parts[i + 1:]
            b = s["names"].get(name)
            if b is None:
                return None
            kind, target = b
            if kind == "sym":
                if target == q or not rest and target == mod + "." + name:
                    return None
                return self.resolve(".".join([target] + rest), depth + 1)
            if kind == "inst" and rest:
                return self.resolve(".".join([target] + rest), depth + 1)
            return None
        return None

    def canonical_class(self, q, depth=0):
        seen = 0
        while q not in self.classes and seen < 8:
            seen += 1
            head, dot, last = q.rpartition(".")
            s = None
            parts = q.split(".")
            moved = False
            for i in range(len(parts) - 1, 0, -1):
                mod = ".".join(parts[:i])
                s = self.modules.get(mod)
                if s is None:
                    continue
                b = s["names"].get(parts[i])
                if b is not None and b[0] == "sym":
                    q = ".".join([b[1]] + parts[i + 1:])
                    moved = True
                break
            if not moved:
                break
        return q

    def method(self, cls, name, depth):
        seen = set()
        todo = [cls]
        while todo:
            c = todo.pop(0)
            c = self.canonical_class(c)
            if c in seen:
                continue
            seen.add(c)
            q = c + "." + name
            if cat_get(q) is not None:
                return ("cat", q)
            if q in self.funcs:
                return ("func", q)
            todo.extend(self.classes.get(c, ()))
        return None

    # ---- may-block propagation ---------------------------------------
    def propagate(self):
        """witness[f] = (line, col, kind, next): why sync function f may block."""
        witness = {}
        rev = {}
        queue = deque()
        for q, (s, rec) in self.funcs.items():
            is_async, line, direct, targets = rec
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
                    if r[1] in DIRECT_ONLY:
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
            is_async, line, direct, targets = rec
            if not is_async:
                continue
            noqa = s["noqa"]
            for d in direct:
                code, why, instead = cat_get(d[4])
                if d[5] is not None:
                    code = code[:-1] + "2"
                if not self.selected(code) or _noqa_hit(noqa, d[0], d[2], code):
                    continue
                out.append(make(s, q, d, code, d[4], [], why, instead, d[5]))
            for t in targets:
                r = self.resolve(t[4])
                if r is None:
                    continue
                if r[0] == "cat":
                    code, why, instead = cat_get(r[1])
                    if t[5] is not None:
                        code = code[:-1] + "2"
                    if not self.selected(code) or _noqa_hit(noqa, t[0], t[2], code):
                        continue
                    out.append(make(s, q, t, code, r[1], [], why, instead, t[5]))
                    continue
                callee = r[1]
                if self.funcs[callee][1][0] or callee not in self.witness:
                    continue
                chain, root = self.chain(callee)
                if root is None:
                    continue
                code, why, instead = cat_get(root)
                code = code[:-1] + ("2" if t[5] is not None else "1")
                if not self.selected(code) or _noqa_hit(noqa, t[0], t[2], code):
                    continue
                out.append(make(s, q, t, code, root, chain, why, instead, t[5]))
        out.sort(key=lambda f: (f["path"], f["line"], f["col"], f["code"]))
        return out


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
    if blocking.endswith(".__enter__") or blocking.endswith(".__exit__"):
        name = "`with` on a %s" % blocking.rsplit(".", 1)[0]
    if chain:
        path_text = " -> ".join([local(c["function"]) + "()" for c in chain[:-1]] + [name])
        msg = "%s blocks the event loop via %s" % (local(chain[0]["function"]) + "()", path_text)
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
