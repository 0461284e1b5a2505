"""Where one stall's time went: its samples become sites.

Samples come in runs (consecutive identical stacks). A run stands for the
time since the sample before it (the first run since the stall began): when
a C call holds the GIL, the watchdog gets in only as it returns, and sees
the frame that made it. A lone sample at another site than the samples
around it gives that time to the run before it: sampling needs the GIL, so
a sample lands more often where the loop thread lets go of it (a fast
socket write between two CPU-bound handlers) than where it runs. After
the last sample the loop went on to other work: the last run gets one more
sample gap, not the rest of the stall.

Runs are grouped by anchor line (where the fix goes, stacks.locate): one
stall at one line is one site, however many functions its samples passed
through. The site's blocking call is the catalogued call (or import) that
took at least half of its time; its leaf is the hot path: from the anchor,
the callee that took most of the time, for as long as it holds half of it.

A site with less than two sample gaps of time is below what sampling can
resolve, and dropped when the stall has other sites.

A starved stall (sampler.py: the loop thread was off the CPU while the
watchdog could not run either, or it waited for a CPU) shows where the
thread happened to stand, not what held it: only runs inside a catalogued
blocking call are attributed; the rest is starved time.
"""
from loopwatch import record, stacks


class Group:
    """The runs of one stall at one anchor line."""
    __slots__ = ("runs", "ms", "calls")

    def __init__(self):
        self.runs = []            # (analysis, ms)
        self.ms = 0.0
        self.calls = {}           # (catalogue name, route) -> ms


def spans(runs, start, end, tail, sites):
    """ms per run: from the sample before it (or start) to its last sample;
    the last run `tail` seconds more, at most to end. A lone sample at
    another site than the runs around it gives its time to the run before
    (`sites`: each run's site, None for loop machinery)."""
    out = []
    last = len(runs) - 1
    for i, run in enumerate(runs):
        lo = start if i == 0 else runs[i - 1][2]
        out.append(max(0.0, run[2] - lo) * 1000.0)
    for i in range(1, last + 1):
        if runs[i][3] == 1 and sites[i] != sites[i - 1] and (i == last or sites[i] != sites[i + 1]):
            out[i - 1] += out[i]
            out[i] = 0.0
    if runs:
        out[last] += max(0.0, min(end, runs[last][2] + tail) - runs[last][2]) * 1000.0
    return out


def blocking_call(a, callee, index):
    """(name, route) of what a sampled stack is blocked in, or None: the
    outermost catalogued call (or import) leafward of the anchor, else the
    catalogued C function the leaf frame is calling."""
    outer = stacks.outer_catalogued(a, index)
    if outer is not None:
        i, name = outer
        return name, 0 if stacks.direct(a, i) else 1
    if callee is not None and not a.through_safe(a.leaf - 1):   # the leaf included: it makes the call
        return callee, 0 if a.leaf == a.anchor else 1
    return None


def hot_path(runs):
    """(analysis, leaf index) of the heaviest run along the hot path from the anchor."""
    total = sum(ms for _, ms in runs)
    level = [(a, a.anchor, ms) for a, ms in runs]
    while True:
        weight = {}
        for a, i, ms in level:
            if i > 0:
                code = a.entries[i - 1][0]
                weight[code] = weight.get(code, 0.0) + ms
        if not weight:
            break
        code = max(weight, key=weight.get)
        if weight[code] < 0.5 * total:
            break
        level = [(a, i - 1, ms) for a, i, ms in level if i > 0 and a.entries[i - 1][0] is code]
    a, i, _ = max(level, key=lambda x: x[2])
    return a, i


def sites(runs, start, end, gap, locate, index, starved):
    """[(Site, ms)] for the stall's runs, and (idle ms, starved ms): time
    with only loop machinery on the stack, and time a starved stall could
    not attribute. `gap`: the seconds between two samples."""
    groups = {}
    idle = starved_ms = 0.0
    resolution_ms = 2000.0 * gap
    found = [locate(run[0]) for run in runs]
    anchors = [a.entries[a.anchor][:2] if a is not None else None for a in found]
    for (_entries, _first, _last, _count, callee), a, ms in zip(runs, found, spans(runs, start, end, gap, anchors)):
        if a is None:
            idle += ms
            continue
        call = blocking_call(a, callee, index)
        if starved and call is None:
            starved_ms += ms
            continue
        g = groups.setdefault(a.entries[a.anchor][:2], Group())
        g.runs.append((a, ms))
        g.ms += ms
        if call is not None:
            g.calls[call] = g.calls.get(call, 0.0) + ms
    kept = [g for g in groups.values() if g.ms >= resolution_ms] or list(groups.values())
    out = []
    for g in kept:
        top = max(g.calls, key=g.calls.get) if g.calls else None
        name, route = top if top is not None and g.calls[top] >= 0.5 * g.ms else (None, None)
        a, leaf = hot_path(g.runs)
        hot = a.with_leaf(leaf)
        out.append((record.Site("stall", hot, name, route, index), g.ms))
    return out, idle, starved_ms
