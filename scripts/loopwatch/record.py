"""Sites and their aggregates.

A site is where an event belongs: (kind, anchor frame, leaf frame), plus the
primitive for guarded calls. Events at one site are aggregated: count, total
and worst time. Nothing here reads files or applies `# noqa` and selection:
that happens when a report is built (report.py), off the hot paths.
"""
import threading

from loopwatch import stacks

STACK_KEEP = 8          # frames shown per site: the outer 3 and the inner 5 when longer
MAX_STALLS = 1000       # individual stalls kept for the timeline
MAX_DETAILS = 3         # distinct details (file, module, command) kept per site


class Site:
    __slots__ = ("key", "kind", "anchor", "leaf", "primitive", "code", "stack", "noqa_lines")

    def __init__(self, kind, analysis, primitive, route, index, cut=None):
        a = analysis
        e = a.entries
        self.kind = kind
        self.anchor = e[a.anchor][:2]
        self.leaf = e[a.leaf][:2]
        self.primitive = primitive
        row = index.row(primitive) if primitive else None
        self.code = row[0][:5] + str(route) if row else None
        lo = a.leaf if cut is None else cut   # a call's stack ends at the catalogued call
        hi = min(len(e) - 1, a.anchor + 1)
        if hi > a.anchor and a.kinds[hi] == stacks.MACHINERY:
            hi = a.anchor
        frames = [(e[i][0], e[i][1], a.kinds[i] == stacks.PROJECT) for i in range(hi, lo - 1, -1)
                  if not stacks.is_ours(e[i][0]) and e[i][0].co_filename not in stacks.IMPORT_MACHINERY]
        if len(frames) > STACK_KEEP:
            frames = frames[:3] + [None] + frames[-(STACK_KEEP - 3):]
        self.stack = tuple(frames)
        # a noqa comment counts on the anchor's line with the event's code, and on
        # any project frame between it and the blocking call with the code's
        # sub-rule (a noqa in a sync helper silences the helper's callers)
        self.noqa_lines = ((e[a.anchor][0].co_filename, e[a.anchor][1], True),) + tuple(
            (e[i][0].co_filename, e[i][1], False) for i in range(a.anchor - 1, lo - 1, -1)
            if a.kinds[i] == stacks.PROJECT)
        # a call's site is the line that made it; a stall's is its anchor
        # line and what held it there: the blocking call, else the function
        # at the end of its hot path (attribute.py)
        if kind == "call":
            self.key = (kind, self.anchor[0], self.anchor[1], self.leaf[0], self.leaf[1], primitive)
        else:
            self.key = (kind, self.anchor[0], self.anchor[1], primitive or self.leaf[0])


def call_site(analysis, index, event_name):
    """The Site of a guarded call: the outermost catalogued frame leafward of
    the anchor names it (a catalogued library function the primitive runs
    in), else the primitive the guard caught."""
    a = analysis
    outer = stacks.outer_catalogued(a, index)
    if outer is not None:
        i, name = outer
        return Site("call", a, name, 0 if stacks.direct(a, i) else 1, index, cut=i)
    return Site("call", a, event_name, 0 if a.leaf == a.anchor else 1, index)


class Group:
    __slots__ = ("site", "count", "total_ms", "worst_ms", "timed", "loops", "details", "changed")

    def __init__(self, site):
        self.site = site
        self.count = 0
        self.total_ms = 0.0
        self.worst_ms = 0.0
        self.timed = 0
        self.loops = set()
        self.details = []
        self.changed = True


class Recorder:
    """All sites seen, the individual stalls, and listeners (the pytest
    plugin uses one to tell which test an event happened in)."""

    def __init__(self):
        self.lock = threading.RLock()   # reentrant: a signal handler may report mid-update
        self.groups = {}
        self.stalls = []
        self.stall_count = 0
        self.unattributed = 0      # stalls with no site: only loop machinery sampled, or starved
        self.unattributed_ms = 0.0
        self.starved = 0           # stalls the loop thread was kept from running (sampler.py)
        self.starved_ms = 0.0      # their time outside catalogued blocking calls
        self.samples = 0
        self.calls = 0
        self.listeners = []

    def _group(self, site):
        g = self.groups.get(site.key)
        if g is None:
            g = self.groups[site.key] = Group(site)
        return g

    def call(self, site, ms, detail, loop_name):
        with self.lock:
            g = self._group(site)
            g.count += 1
            g.changed = True
            g.loops.add(loop_name)
            if ms is not None:
                g.timed += 1
                g.total_ms += ms
                g.worst_ms = max(g.worst_ms, ms)
            if detail and detail not in g.details and len(g.details) < MAX_DETAILS:
                g.details.append(detail)
            self.calls += 1
            listeners = list(self.listeners)
        for fn in listeners:
            fn("call", g, ms)

    def stall(self, info, parts):
        """info: the stall's timeline entry; parts: [(site, ms)] time per site."""
        per_site = {}
        for site, ms in parts:
            if site is None:
                continue
            prev = per_site.get(site.key)
            per_site[site.key] = (site, ms + (prev[1] if prev else 0.0))
        touched = []
        with self.lock:
            self.stall_count += 1
            self.samples += info["samples"]
            if info.get("starved"):
                self.starved += 1
                self.starved_ms += info.get("starved_ms", 0.0)
            if not per_site:
                self.unattributed += 1
                self.unattributed_ms += info["duration_ms"]
            for site, ms in per_site.values():
                g = self._group(site)
                g.count += 1
                g.timed += 1
                g.changed = True
                g.total_ms += ms
                g.worst_ms = max(g.worst_ms, ms)
                g.loops.add(info["loop"])
                touched.append((g, ms))
            info["sites"] = [k for k in per_site]
            if len(self.stalls) < MAX_STALLS:
                self.stalls.append(info)
            listeners = list(self.listeners)
        for fn in listeners:
            for g, ms in touched:
                fn("stall", g, ms)
            if not touched:
                fn("unattributed", None, info["duration_ms"])
