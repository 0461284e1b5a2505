"""Reports: sites become events (with `# noqa` and select/ignore applied),
written as text or JSON (schema.md). Runs off the loop: at exit, from the
watchdog thread for periodic logs, or between tests."""
import json
import sys

from blockscan import catalogue
from blockscan import noqa
from loopwatch import stacks

SCHEMA = "loop-watch/1"


class NoqaLookup:
    """File -> {line: codes or None}, read once per file."""

    def __init__(self):
        self.maps = {}

    def codes(self, filename, line):
        m = self.maps.get(filename)
        if m is None:
            try:
                with open(filename, "rb") as f:
                    m = noqa.noqa_map(f.read())
            except (OSError, SyntaxError, ValueError):
                m = {}
            self.maps[filename] = m
        return m.get(line, False)

    def silences(self, site):
        for filename, line, is_anchor in site.noqa_lines:
            codes = self.codes(filename, line)
            if codes is False:
                continue
            if codes is None:
                return True                       # bare noqa: every event
            if site.code is None:
                continue
            for c in codes:
                if site.code.startswith(c) or (not is_anchor and len(c) == 6 and c[:5] == site.code[:5]):
                    return True
        return False


def frame_dict(places, code, line, project):
    return {"path": places.display(code.co_filename), "line": line,
            "function": stacks.qualname(code), "project": project}


def event_dict(group, places, index):
    s = group.site
    row = index.row(s.primitive) if s.primitive else None
    anchor, leaf = s.anchor, s.leaf
    stack = []
    for f in s.stack:
        stack.append({"elided": True} if f is None else frame_dict(places, *f))
    ev = {
        "kind": s.kind,
        "code": s.code,
        "family": catalogue.FAMILIES[s.code[:4]][0] if s.code else None,
        "call": s.primitive,
        "path": places.display(anchor[0].co_filename),
        "line": anchor[1],
        "function": stacks.qualname(anchor[0]),
        "project": places.kind(anchor[0]) == stacks.PROJECT,
        "leaf": {"path": places.display(leaf[0].co_filename), "line": leaf[1], "function": stacks.qualname(leaf[0])},
        "count": group.count,
        "total_ms": round(group.total_ms, 3) if group.timed else None,
        "worst_ms": round(group.worst_ms, 3) if group.timed else None,
        "timed": group.timed,
        "loops": sorted(group.loops),
        "details": list(group.details),
        "stack": stack,
        "why": row[1] if row else None,
        "replacement": row[2] if row else None,
    }
    return ev


def build(watcher, program=None, only_changed=False):
    """The report as a dict (the JSON output)."""
    rec = watcher.recorder
    places, index, settings = watcher.places, watcher.index, watcher.settings
    index.refresh()
    noqa_lookup = watcher.noqa
    with rec.lock:
        groups = list(rec.groups.values())
        stalls = list(rec.stalls)
        counts = (rec.stall_count, rec.unattributed, rec.unattributed_ms, rec.samples, rec.calls,
                  rec.starved, rec.starved_ms)
    events, suppressed = [], {"noqa": 0, "selection": 0}
    for g in groups:
        if only_changed and not g.changed:
            continue
        s = g.site
        if s.code is not None and not settings.selected(s.code):
            suppressed["selection"] += 1
            continue
        if noqa_lookup.silences(s):
            suppressed["noqa"] += 1
            continue
        ev = event_dict(g, places, index)
        ev["_key"] = s.key
        events.append(ev)
    # stalls, the costliest first; then guarded calls in file order
    events.sort(key=lambda e: (0, -(e["total_ms"] or 0.0), e["path"], e["line"]) if e["kind"] == "stall"
                else (1, 0.0, e["path"], e["line"]))
    keys = {e.pop("_key"): i for i, e in enumerate(events)}
    t0 = watcher.started
    timeline = []
    for info in stalls:
        timeline.append({
            "loop": info["loop"], "at_s": round(info["started"] - t0, 4),
            "detected_after_ms": round((info["detected"] - info["started"]) * 1000.0, 3) if info["detected"] else None,
            "duration_ms": round(info["duration_ms"], 3), "samples": info["samples"],
            "ongoing": info["ongoing"],
            "loop_cpu_ms": round(info["loop_cpu_ms"], 3) if info.get("loop_cpu_ms") is not None else None,
            "starved": bool(info.get("starved")),
            "events": [keys[k] for k in info.get("sites", ()) if k in keys],
        })
    loops = [{"thread": st.thread_name, "type": st.loop_type, "beats": st.beats, "stalls": st.stalls}
             for st in list(watcher.registry.history.values())]
    stall_count, unattributed, unattributed_ms, samples, calls, starved, starved_ms = counts
    return {
        "schema": SCHEMA,
        "tool": {"name": "loop-watch", "version": watcher.version},
        "program": program,
        "settings": {"threshold_ms": settings.threshold_ms, "sample_ms": settings.sample_ms,
                     "guard": settings.guard, "project": list(settings.project_roots),
                     "config": settings.config_path},
        "events": events,
        "stalls": timeline,
        "loops": loops,
        "stats": {
            "events": len(events), "loops": len(loops), "stalls": stall_count,
            "unattributed_stalls": unattributed, "unattributed_ms": round(unattributed_ms, 3),
            "starved_stalls": starved, "starved_ms": round(starved_ms, 3),
            "samples": samples, "guarded_calls": calls, "suppressed": sum(suppressed.values()),
            "suppressed_by": suppressed, "seconds": round(watcher.elapsed(), 3),
            "internal_errors": watcher.internal_errors(),
        },
    }


def write_json(report, out):
    json.dump(report, out, indent=2)
    out.write("\n")


def _ms(v):
    return "%.0f ms" % v if v >= 10 else "%.1f ms" % v


def _times(n):
    return "%d time%s" % (n, "" if n == 1 else "s")


def event_lines(ev):
    """One event in text: the headline, its stack, why and fix."""
    where = "%s:%d in %s" % (ev["path"], ev["line"], ev["function"])
    label = (ev["code"] + " ") if ev["code"] else ""
    call = ("%s() " % ev["call"][len("builtins."):] if ev["call"].startswith("builtins.") else "%s() " % ev["call"]) \
        if ev["call"] else ""
    if ev["kind"] == "stall":
        what = "%sstall: %sheld the loop %s, total %s, worst %s" % (
            label, call, _times(ev["count"]), _ms(ev["total_ms"] or 0.0), _ms(ev["worst_ms"] or 0.0))
        if not ev["call"]:
            what += " (no blocking call identified: CPU work, or a call the catalogue does not know)"
    else:
        timing = ", total %s, worst %s" % (_ms(ev["total_ms"]), _ms(ev["worst_ms"])) if ev["timed"] else ""
        what = "%scall: %son the loop thread %s%s" % (label, call, _times(ev["count"]), timing)
    lines = ["%s: %s" % (where, what)]
    hops = []
    for f in ev["stack"]:
        if f.get("elided"):
            hops.append("...")
        else:
            hops.append("%s:%d %s%s" % (f["path"], f["line"], f["function"], "" if f["project"] else " [library]"))
    if len(hops) > 1:
        lines.append("    stack: " + " > ".join(hops))
    if ev["details"]:
        lines.append("    e.g. " + ", ".join(str(d) for d in ev["details"]))
    if ev["why"]:
        lines.append("    why: " + ev["why"])
    if ev["replacement"]:
        lines.append("    fix: " + ev["replacement"])
    if len(ev["loops"]) > 1 or (ev["loops"] and ev["loops"][0] != "MainThread"):
        lines.append("    loop thread%s: %s" % ("s" if len(ev["loops"]) > 1 else "", ", ".join(ev["loops"])))
    return lines


def summary_line(report):
    st = report["stats"]
    prog = report["program"]
    parts = []
    if prog:
        parts.append("%s exited with status %s after %.1f s" % (prog["name"], prog["exit_status"], st["seconds"]))
    n_stall = sum(1 for e in report["events"] if e["kind"] == "stall")
    n_call = len(report["events"]) - n_stall
    parts.append("%d loop%s watched" % (st["loops"], "" if st["loops"] == 1 else "s"))
    parts.append("%d stall%s over %g ms" % (st["stalls"], "" if st["stalls"] == 1 else "s",
                                           report["settings"]["threshold_ms"]))
    if report["settings"]["guard"]:
        parts.append("%d guarded call%s" % (st["guarded_calls"], "" if st["guarded_calls"] == 1 else "s"))
    found = "%d event%s (%d stall site%s, %d call site%s)" % (
        len(report["events"]), "" if len(report["events"]) == 1 else "s",
        n_stall, "" if n_stall == 1 else "s", n_call, "" if n_call == 1 else "s")
    parts.append(found)
    if st["suppressed"]:
        parts.append("%d suppressed (noqa %d, selection %d)" % (
            st["suppressed"], st["suppressed_by"]["noqa"], st["suppressed_by"]["selection"]))
    if st["unattributed_stalls"]:
        parts.append("%d stall%s not attributed (the loop idle in its own code, or its thread kept from "
                     "running: the process not scheduled, or another thread holding the GIL)"
                     % (st["unattributed_stalls"], "" if st["unattributed_stalls"] == 1 else "s"))
    return "loop-watch: " + "; ".join(parts)


def write_text(report, out):
    for ev in report["events"]:
        for line in event_lines(ev):
            out.write(line + "\n")
    out.write(summary_line(report) + "\n")


def write(report, fmt, out=None):
    out = out or sys.stderr
    (write_json if fmt == "json" else write_text)(report, out)
    out.flush()
