"""Follow calls from project code into installed packages.

A call from loop code into a package is analysed like a call into the
project: only the package modules that are reached get summarized. Rounds:
resolve every call reachable from the project's loop code with the
summaries known so far (graph.Program); a resolution that needed a module
of an installed package that is not summarized yet asks for it; summarize
those modules (from the cache when unchanged); repeat until nothing new is
asked for, or a bound is hit. Resolution stops at a catalogued call (the
catalogue knows requests, urllib3, sockets, files...), so following ends
where the catalogue starts. The standard library is never followed.

Calls that stay unresolved in project code because their top-level package
is not installed in the chosen environment are counted ("unfollowed"), so
a clean result never hides that it is partial.

Library code is marked in its summary ("lib": (distribution, version)):
its own async functions and loop callbacks are not loop code (findings are
reported at project loop code only), and `# noqa` comments in it are not
addressed to this scanner (they are dropped).
"""
from collections import Counter, deque

from blockscan.cache import plan_key
from blockscan.graph import IMPORT_TEXTS, Merged, Program

MAX_LIBRARY_FILES = 4000
MAX_ROUNDS = 100


class Reach(Program):
    """A Program that notes which installed modules a resolution needed and
    did not have (while `noting`): `wanted`, and in `log` the module each
    noted name waited for (so a call that did not resolve is tried again
    only once a module it waited for is summarized)."""
    noting = False
    tracks_loading = False  # (what is loaded before loop code runs matters to findings only)

    def start_noting(self, env, missing):
        self.env = env
        self.missing = missing     # name -> what find_missing answered in this round or an earlier one
        self.wanted = set()
        self.noted = {}            # name -> the module it waits for, or None
        self.log = []
        self.failed = {}           # target name -> modules it waited for (this round)
        self.noting = True

    def canon(self, q, depth):
        if self.noting:
            self.note(q)
        return Program.canon(self, q, depth)

    def passed_over(self, q):
        """(as canon(q) would have noted q)"""
        if self.noting:
            self.note(q)

    def canonical_class(self, q, _active=frozenset()):
        if self.noting:
            self.note(q)
        return Program.canonical_class(self, q, _active)

    def want(self, module):
        if self.noting and self.noted.get(module, False) is False:
            self.noted[module] = m = self.missing_module(module)
            if m is not None:
                self.wanted.add(m)
                self.log.append(m)

    def note(self, q):
        name = q.partition(".()")[0].partition(".__super__.")[0]
        m = self.noted.get(name, False)
        if m is False:
            m = self.noted[name] = self.missing_module(name)
        if m is not None:
            self.wanted.add(m)
            self.log.append(m)

    def missing_module(self, name):
        """The deepest module of an installed package that `name` lies in,
        when it is not summarized yet; else None. Remembered across rounds:
        a round only adds summaries, each of a module find_missing answered
        (an installed source module), so an answer None stays None (no such
        module can be added deeper in `name`), and a module stays the answer
        until it is summarized."""
        m = self.missing.get(name, False)
        if m is False:
            m = self.missing[name] = self.find_missing(name)
        return None if m is None or m in self.modules else m

    def find_missing(self, name):
        """missing_module's answer, looked up."""
        parts = name.split(".")
        if not parts[0].isidentifier() or not self.env.followable_top(parts[0]):  # (list[T] is a type)
            return None
        for i in range(len(parts), 0, -1):
            m = ".".join(parts[:i])
            if m in self.modules:
                return None
            where = self.env.find(m)
            if where is not None and where[0] == "source":
                return m
        return None


def everything(code):
    return True


def want_packages(prog, module):
    """A package function that imports: its packages' __init__ modules ran
    before it did, and what they import is loaded (graph.Program.
    package_loaded reads their module-level imports): summarize them."""
    while "." in module:
        module = module.rpartition(".")[0]
        if module not in prog.modules:
            prog.want(module)


class Follower:
    """Runs the rounds. `summarize(tasks)` returns the summaries of
    (path, module, is_pkg, lib) tasks (from the cache or parsed)."""

    def __init__(self, env, summarize, max_files=MAX_LIBRARY_FILES, max_rounds=MAX_ROUNDS):
        self.env = env
        self.summarize = summarize
        self.max_files = max_files
        self.max_rounds = max_rounds
        self.libraries = []        # summaries of package files, in the order summarized
        self.requested = set()     # modules asked for (summarized or failed)
        self.rounds = 0
        self.truncated = None      # why following stopped early, or None
        self.unfollowed = Counter()  # top-level package -> call sites in project loop code
        self.errors = 0            # package files that could not be parsed
        self.replayed = False      # the rounds were skipped: an earlier run's plan still held
        self.missing = {}          # Reach.missing_module's answers, kept across rounds

    def run(self, project):
        merged = Merged(project)   # every summary so far (each round's Reach starts from a copy)
        visited = set()
        pending = []               # (function, target, modules it waited for): calls not resolved yet
        spec = {}
        while True:
            prog = Reach(merged, everything)
            prog.respecialize(spec)  # (functions of earlier rounds may be such copies)
            prog.start_noting(self.env, self.missing)
            queue = deque()
            still = []
            for f, t, waits in pending:
                if waits & self.requested:  # a module it waited for is summarized now
                    self.visit(prog, f, t, visited, queue, still)
                else:
                    still.append((f, t, waits))
            # the loop code is looked for on the first round and again before
            # stopping (new summaries rarely add any: a project class whose base
            # in a package turns out to be an asyncio protocol), and before
            # stopping every call still unresolved is tried once more
            look, settled = self.rounds == 0, False
            while True:
                if look:
                    for f in self.loop_code(prog):
                        if f not in visited:
                            visited.add(f)
                            queue.append(f)
                while queue:
                    f = queue.popleft()
                    s, rec = prog.funcs[f]
                    if s.get("lib") and any(d[4].startswith(IMPORT_TEXTS) for d in rec[2]):
                        want_packages(prog, s["module"])
                    for t in rec[3]:
                        self.visit(prog, f, t, visited, queue, still)
                if settled or prog.wanted - self.requested:
                    break
                look = settled = True
                retry, still = still, []
                for f, t, _ in retry:
                    self.visit(prog, f, t, visited, queue, still)
            pending = still
            spec = prog.spec
            wanted = sorted(prog.wanted - self.requested)
            self.rounds += 1
            if not wanted:
                break
            if self.rounds >= self.max_rounds:
                self.truncated = "after %d rounds" % self.rounds
                break
            room = self.max_files - len(self.libraries)
            if len(wanted) > room:
                wanted = wanted[:max(0, room)]
                self.truncated = "at %d package files" % self.max_files
            if not wanted:
                break
            self.requested.update(wanted)
            new = self.summarize([self.task(m) for m in wanted])
            self.add(new)
            merged.add(new)
            if self.truncated:
                break
        self.count_unfollowed(prog, pending)
        return self.libraries

    @staticmethod
    def visit(prog, f, t, visited, queue, still):
        """Resolve call t of function f: a function is queued once; a call
        that does not resolve goes to `still` with the modules it waited for."""
        q = t[4]
        waits = prog.failed.get(q)
        if waits is None:
            mark = len(prog.log)
            r = prog.resolve(q)
            if r is not None:
                if r[0] == "func" and r[1] not in visited:
                    visited.add(r[1])
                    queue.append(r[1])
                return
            waits = prog.failed[q] = frozenset(prog.log[mark:])
        still.append((f, t, waits))

    def add(self, new):
        for s in new:
            s["noqa"] = {}  # a library's noqa comments are for other linters
            if s["error"]:
                self.errors += 1
        self.libraries.extend(new)

    # ---- plans: an unchanged project in an unchanged environment reads the
    # same package files, so the rounds are skipped on a re-scan
    def plan(self):
        return {"libs": [[s["path"], s["module"], s["is_pkg"], list(s["lib"]), s.get("digest")] for s in self.libraries],
                "rounds": self.rounds, "truncated": self.truncated, "errors": self.errors,
                "unfollowed": dict(self.unfollowed)}

    def replay(self, plan, run_cached):
        """Take the package files a plan lists from the cache; False (and
        nothing changed) when any of them is missing or changed."""
        try:
            tasks = [(p, m, bool(k), tuple(lib)) for p, m, k, lib, _ in plan["libs"]]
            digests = [d for *_, d in plan["libs"]]
            rounds, truncated, unfollowed = int(plan["rounds"]), plan["truncated"], Counter(plan["unfollowed"])
        except (TypeError, ValueError, KeyError):
            return False
        got = run_cached(tasks)
        if got is None or [s.get("digest") for s in got] != digests:
            return False
        self.add(got)
        self.rounds, self.truncated, self.unfollowed = rounds, truncated, unfollowed
        return True

    def task(self, module):
        kind, path, is_pkg, _ = self.env.find(module)
        return (path, module, is_pkg, self.env.distribution(path, module))

    @staticmethod
    def loop_code(prog):
        """The project's loop code: its async functions and the sync
        functions the loop runs (library code is never a root)."""
        out = [q for q, (s, rec) in prog.funcs.items() if rec[0] and not s.get("lib")]
        out += sorted(f for f in prog.loop_roots() if not prog.funcs[f][0].get("lib"))
        return out

    def count_unfollowed(self, prog, pending):
        """Call sites in project code left unresolved because their package
        is not installed in the chosen environment."""
        sites = {}
        env = self.env
        for f, t, _ in pending:
            s = prog.funcs[f][0]
            if s.get("lib"):
                continue
            prog.noting = False
            c = prog.canon(t[4], 0)
            name = c[1] if c is not None and c[0] == "name" else t[4]
            top = name.partition(".")[0]
            if top.isidentifier() and env.followable_top(top) and not env.installed(top):
                sites[(s["path"], t[0], t[1])] = top
        self.unfollowed = Counter(sites.values())


def follow(env, project, pairs, summarize, run_cached, store=None):
    """Follow calls from `project` (summaries that parsed) into the packages
    of `env`, replaying the plan of an earlier run when nothing changed
    (`pairs`: (module, digest) of every project file, the plan's key).
    Returns the Follower (its libraries, rounds, unfollowed calls...)."""
    f = Follower(env, summarize)
    key = plan_key(env, pairs) if store is not None else None
    if key is not None:
        plan = store.load_json("plans", key)
        if plan is not None and f.replay(plan, run_cached):
            f.replayed = True
            return f
    f.run(project)
    if key is not None:
        store.store_json("plans", key, f.plan())
    return f


# ---- findings that cross into a package ------------------------------------
def label(findings, libs):
    """Chain entries in package files gain `distribution` and `version`;
    the message names the distribution where the chain enters it, and the
    fix says the blocking call is inside the package. `libs`: path ->
    (distribution, version)."""
    from blockscan.output import local_name
    for f in findings:
        chain = f["chain"]
        if not chain:
            continue
        parts, labelled, current = [], [], None
        for c in chain:
            lib = libs.get(c["path"])
            if lib is not None:
                c["distribution"], c["version"] = lib[0], lib[1]
            if "function" in c:
                parts.append(local_name(c["function"]) + "()")
                tag = lib
                if tag is not None and tag != current:
                    labelled.append("%s: %s" % (dist_text(tag), parts[-1]))
                else:
                    labelled.append(parts[-1])
                current = tag
        if not any("distribution" in c for c in chain):
            continue
        old, new = " -> ".join(parts), " -> ".join(labelled)
        msg = f["message"]
        i = msg.find("via " + old)
        if i >= 0:
            f["message"] = msg[:i + 4] + new + msg[i + 4 + len(old):]
        helpers = [c for c in chain if "function" in c]
        if helpers and "distribution" in helpers[-1]:
            inside = dist_text((helpers[-1]["distribution"], helpers[-1]["version"]))
            offload, sep, _ = f["replacement"].partition("), or fix ")
            if sep:
                f["replacement"] = ("%s); the blocking call is inside %s: use its async API if it has one"
                                    % (offload, inside))


def dist_text(lib):
    return "%s %s" % lib if lib[1] else lib[0]
