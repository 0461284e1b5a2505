"""Output formats: text, json (schema.md), sarif (2.1.0), github (annotations),
and the summary written to stderr for every format."""
import fnmatch
import json
import os
import pathlib
import sys
import urllib.parse

from blockscan import catalogue

SCHEMA = "find-blocking-calls/1"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

# last digit of a code: how the blocking call is reached from loop code
ROUTES = {
    "0": "direct in loop code",
    "1": "through sync helpers",
    "2": "evaluated in the arguments of an offload",
    "3": "first call only (behind a cache that import time does not warm)",
}
# sub-rules (tens digit) that have a name of their own; the others are the
# family itself (T = 0)
SUBRULES = {
    "BLK40": "file I/O",
    "BLK41": "imports on the loop",
    "BLK42": "TLS setup",
}
# route digit -> (SARIF level, GitHub workflow command)
LEVELS = {"3": ("note", "notice")}
DEFAULT_LEVEL = ("warning", "warning")

# what makes a file a test file: a folder of that name on its path, or a
# file name matching a pattern (pytest's defaults)
TEST_DIRS = ("tests", "test")
TEST_FILES = ("test_*.py", "*_test.py", "conftest.py")


def plural(n, word):
    return "%d %s%s" % (n, word, "" if n == 1 else "s")


def display_function(q):
    return q.replace(".<locals>.", ".")


def plain_name(q):
    """A function's qualified name without the `#line` that tells apart
    functions defined again under the same name (analyze.summarize)."""
    return q.partition("#")[0]


def local_name(q):
    """A function's short display name: Class.method or function (a
    property's setter or deleter: the property's name)."""
    parts = [p for p in plain_name(q).split(".") if p != "<locals>"]
    if parts[-1] in ("<setter>", "<deleter>") and len(parts) > 1:
        parts.pop()
    if parts[-1].startswith("<lambda>") and len(parts) > 1:
        return local_name(".".join(parts[:-1])) + " lambda"  # Git.__getattr__ lambda, not <lambda>@14:16
    if len(parts) >= 2 and parts[-2][:1].isupper():
        return parts[-2] + "." + parts[-1]
    return parts[-1]


def call_name(q):
    """How a catalogued call reads in prose: `builtins.open` -> `open`."""
    return q[len("builtins."):] if q.startswith("builtins.") else q


def root_of(f):
    """The blocking call a finding reaches: the last entry of its chain, or
    the finding's own call when it is direct (scanner-design.md)."""
    if f["chain"]:
        last = f["chain"][-1]
        return {"call": last["call"], "path": last["path"], "line": last["line"], "col": last["col"]}
    return {"call": f["call"], "path": f["path"], "line": f["line"], "col": f["col"]}


def root_key(f):
    r = f["root"]
    return (r["call"], r["path"], r["line"], r["col"])


def group_by_root(findings):
    """Findings that share a root, in the order of their first finding."""
    groups = {}
    for f in findings:
        groups.setdefault(root_key(f), []).append(f)
    return list(groups.values())


def test_rule(path):
    """The --exclude pattern that skips `path` as a test file, or None."""
    parts = path.replace(os.sep, "/").split("/")
    for d in parts[:-1]:
        if d in TEST_DIRS:
            return d
    for pat in TEST_FILES:
        if fnmatch.fnmatchcase(parts[-1], pat):
            return pat
    return None


# ---- text -------------------------------------------------------------------
def text(result, out, leaf_fix=lambda call: None):
    """One block per finding; findings that reach the same blocking call
    (their root) as one block listing the call sites, so the root is fixed once."""
    for group in group_by_root(result["findings"]):
        if len(group) == 1:
            text_finding(group[0], out)
        else:
            text_group(group, out, leaf_fix(group[0]["root"]["call"]))


def text_finding(f, out):
    out.write("%s:%d:%d: %s %s (in %s)\n" % (f["path"], f["line"], f["col"], f["code"], f["message"],
                                              display_function(f["function"])))
    if f["chain"]:
        hops = []
        for c, tag in zip(f["chain"], entered(f["chain"])):
            if "function" in c:
                hops.append("%s%s() at %s:%d" % (tag, display_function(c["function"]), rel_path(c["path"]), c["line"]))
            else:
                hops.append(tag + c["call"])
        out.write("    chain: " + " -> ".join(hops) + "\n")
    out.write("    why: %s\n" % f["why"])
    out.write("    fix: %s\n" % f["replacement"])


def distribution_of(entry):
    """`somesdk 2.3.1` for a chain entry in an installed package, else None."""
    if "distribution" not in entry:
        return None
    return "%s %s" % (entry["distribution"], entry["version"]) if entry["version"] else entry["distribution"]


def entered(chain):
    """Per chain entry, `somesdk 2.3.1: ` where the chain enters an
    installed package (or another one), else ``."""
    out, current = [], None
    for c in chain:
        d = distribution_of(c)
        out.append(d + ": " if d and d != current else "")
        current = d
    return out


def text_group(group, out, leaf):
    root = group[0]["root"]
    last = group[0]["chain"][-1] if group[0]["chain"] else {}
    inside = distribution_of(last)
    out.write("`%s` in %s%s:%d, reached from %d call sites:\n" % (
        call_name(root["call"]), inside + " at " if inside else "", rel_path(root["path"]), root["line"], len(group)))
    for f in group:
        via = " -> ".join(local_name(c["function"]) + "()" for c in f["chain"] if "function" in c)
        route = {"2": " (in an offload's arguments)", "3": " (first call only)"}.get(f["code"][-1], "")
        out.write("    %s:%d:%d: %s in %s%s%s\n" % (f["path"], f["line"], f["col"], f["code"],
                                                 display_function(f["function"]), " via " + via if via else "", route))
    out.write("    why: %s\n" % group[0]["why"])
    chain = next((f["chain"] for f in group if f["chain"]), [])
    helpers = [c["function"] for c in chain if "function" in c]
    if inside:  # the root is in an installed package: nothing to fix there
        out.write("    fix: offload each call site (await asyncio.to_thread(...)), or use an async API of %s; "
                  "the blocking call is inside it\n" % last["distribution"])
    elif leaf and helpers:  # the root sits in the last helper of every chain
        out.write("    fix: once, in %s(): %s; or offload each call site (await asyncio.to_thread(...))\n"
                  % (local_name(helpers[-1]), leaf))
    else:
        out.write("    fix: %s\n" % group[0]["replacement"])


# ---- summary (stderr) -------------------------------------------------------
def summary(result, out, missing=(), test_rules=()):
    """What was scanned and what was left out, for every format: counts of
    files and lines, findings and their roots, findings in test files (with
    `test_rules`, the --exclude patterns that skip them), suppressed findings,
    files not parsed and PATHs not found."""
    s = result["stats"]
    n = s["findings"]
    scanned = "in %s (%s)" % (plural(s["files"], "file"), plural(s["lines"], "line"))
    if n == 0:
        out.write("No blocking calls found %s.\n" % scanned)
    elif s["roots"] < n:
        out.write("Found %s (%s) %s.\n" % (plural(n, "blocking call"), plural(s["roots"], "distinct root"), scanned))
    else:
        out.write("Found %s %s.\n" % (plural(n, "blocking call"), scanned))
    if s["in_tests"]:
        rules = sorted(set(test_rules), key=lambda r: (r not in TEST_DIRS, r))
        flags = " ".join("--exclude " + ("'%s'" % r if any(c in r for c in "*?[") else r) for r in rules)
        out.write("%s in test files (still scanned; to skip them: %s).\n" % (
            "All of them" if s["in_tests"] == n else "%d of them" % s["in_tests"], flags))
    if s["suppressed"]:
        by = [(n, how) for how, n in (("# noqa", s["suppressed_by"]["noqa"]),
                                      ("select/ignore", s["suppressed_by"]["selection"])) if n]
        how = ("by " + by[0][1]) if len(by) == 1 else "(%s)" % ", ".join("%d by %s" % b for b in by)
        out.write("%s suppressed %s.\n" % (plural(s["suppressed"], "finding"), how))
    packages_summary(s, out)
    newer = s.get("newer_python")
    if newer and newer["files"]:
        out.write("%s in syntax newer than Python %d.%d parsed with Python %s (%s).\n" % (
            plural(newer["files"], "file"), sys.version_info[0], sys.version_info[1], newer["version"], newer["python"]))
    not_parsed = [e for e in result["errors"] if e["path"] not in missing]
    problems = []
    if not_parsed:
        problems.append(plural(len(not_parsed), "file") + " not parsed")
    if missing:
        problems.append("%s not found" % plural(len(missing), "path"))
    if problems:
        out.write("%s (errors above).\n" % ", ".join(problems))


MAX_NAMED = 6


def named(counts):
    """`a (2), b (1)`: the most frequent first, at most MAX_NAMED."""
    items = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    text = ", ".join("%s (%d)" % kv for kv in items[:MAX_NAMED])
    return text + (", and %d more" % (len(items) - MAX_NAMED) if len(items) > MAX_NAMED else "")


def packages_summary(s, out):
    """Following installed packages: what was followed, and the calls that
    could not be (their package is not installed in the chosen environment)."""
    py = s.get("python")
    if not py:
        return
    where = rel_path(py["executable"])
    pk = s.get("packages") or {}
    if pk.get("files"):
        out.write("Followed calls into %s (%s) of %s%s.\n" % (
            plural(len(pk["distributions"]), "installed package"), plural(pk["files"], "file"), where,
            "; stopped %s" % pk["truncated"] if pk.get("truncated") else ""))
    un = s.get("unfollowed") or {}
    if un.get("calls"):
        out.write("%s could not be followed into packages not installed in %s: %s; run the scanner in the "
                  "project's environment, or pass --python PATH.\n" % (plural(un["calls"], "call"), where,
                                                                       named(un["packages"])))


def verbose_packages(s, out):
    """--verbose: the cache and what following read."""
    out.write("find-blocking-calls: %s summarized, %d from the cache\n" % (plural(s["summarized"], "file"), s["cached"]))
    pk = s.get("packages")
    if pk:
        dists = ", ".join(("%s %s" % kv) if kv[1] else kv[0] for kv in pk["distributions"].items())
        out.write("find-blocking-calls: followed %s (%s) of installed packages in %s%s%s\n" % (
            plural(pk["files"], "file"), plural(pk["lines"], "line"), plural(pk["rounds"], "round"),
            ": " + dists if dists else "", "; %d not parsed" % pk["errors"] if pk["errors"] else ""))


# ---- json -------------------------------------------------------------------
def as_json(result, out):
    json.dump(result, out, indent=2, sort_keys=False)
    out.write("\n")


def rel_path(path):
    """The path as the report names it: relative to the working directory when
    the file is under it (code scanning and annotations resolve paths against
    the checkout), else as given. Forward slashes."""
    if os.path.isabs(path):
        cwd = os.getcwd()
        try:
            if os.name != "nt" and os.path.normpath(path) == path and path != cwd \
                    and not path.startswith(cwd.rstrip("/") + "/"):
                rel = None  # (not under the working directory: what relpath would find, without its work)
            else:
                rel = os.path.relpath(path, cwd)
        except ValueError:  # another drive (Windows)
            rel = None
        if rel is not None and rel != ".." and not rel.startswith(".." + os.sep):
            path = rel
    p = path.replace(os.sep, "/")
    if p.startswith("./"):
        p = p[2:]
    return p


def uri(path):
    """A SARIF artifact URI: a percent-encoded relative reference, or a
    file:// URI for a file outside the working directory."""
    p = rel_path(path)
    if os.path.isabs(path) and p == path.replace(os.sep, "/"):  # outside the working directory
        return pathlib.Path(path).as_uri()
    return urllib.parse.quote(p, safe="/")


# ---- sarif ------------------------------------------------------------------
def level(code):
    return LEVELS.get(code[-1], DEFAULT_LEVEL)


def sarif(result, out, version, rule_pages):
    rules = []
    index = {}
    codes = sorted({f["code"] for f in result["findings"]})
    for code in codes:
        fam = catalogue.FAMILIES[code[:4]]
        index[code] = len(rules)
        rules.append({
            "id": code,
            "name": fam[0],
            "shortDescription": {"text": short_description(code)},
            "fullDescription": {"text": fam[1]},
            "help": {"text": rule_pages.get(code[:4], fam[2])},
            "defaultConfiguration": {"level": level(code)[0]},
            "properties": {"family": fam[0]},
        })
    results = []
    for f in result["findings"]:
        root = f["root"]
        res = {
            "ruleId": f["code"],
            "ruleIndex": index[f["code"]],
            "level": level(f["code"])[0],
            "message": {"text": f["message"] + ". Fix: " + f["replacement"]},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": uri(f["path"])},
                "region": {"startLine": f["line"], "startColumn": f["col"],
                           "endLine": f["end_line"], "endColumn": f["end_col"]},
            }}],
            "partialFingerprints": {"blockingCall/v1": "%s:%s:%s" % (f["code"], f["function"], f["call"])},
            "properties": {"root": {"call": root["call"], "uri": uri(root["path"]),
                                    "line": root["line"], "col": root["col"]}},
        }
        if f["chain"]:
            related = []
            for i, (c, tag) in enumerate(zip(f["chain"], entered(f["chain"]))):
                label = tag + (("%s()" % display_function(c["function"])) if "function" in c else c["call"])
                related.append({"id": i + 1, "message": {"text": label},
                                "physicalLocation": {"artifactLocation": {"uri": uri(c["path"])},
                                                     "region": {"startLine": c["line"]}}})
            res["relatedLocations"] = related
        results.append(res)
    notifications = [{"level": "error", "message": {"text": e["message"]},
                      "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(e["path"])}}}]}
                     for e in result["errors"]]
    doc = {
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {"name": "find-blocking-calls", "version": version,
                                "rules": rules}},
            "results": results,
            "invocations": [{"executionSuccessful": True, "toolExecutionNotifications": notifications}],
            "columnKind": "unicodeCodePoints",
        }],
    }
    json.dump(doc, out, indent=2)
    out.write("\n")


def short_description(code):
    fam = catalogue.FAMILIES[code[:4]][0]
    sub = SUBRULES.get(code[:5])
    kind = {"0": "blocking call in loop code", "1": "blocking call reached through a sync helper",
            "2": "blocking call evaluated in the arguments of an offload",
            "3": "blocks on the first call only (behind a cache)"}[code[-1]]
    return "%s%s: %s" % (fam, " (%s)" % sub if sub else "", kind)


# ---- github -----------------------------------------------------------------
def _esc_data(s):
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _esc_prop(s):
    return _esc_data(s).replace(":", "%3A").replace(",", "%2C")


def github(result, out):
    for f in result["findings"]:
        msg = f["message"] + ". Fix: " + f["replacement"]
        out.write("::%s file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n" % (
            level(f["code"])[1], _esc_prop(rel_path(f["path"])), f["line"], f["col"], f["end_line"], f["end_col"],
            _esc_prop(f["code"]), _esc_data(msg)))
    for e in result["errors"]:
        out.write("::error file=%s,title=find-blocking-calls::%s\n" % (_esc_prop(rel_path(e["path"])), _esc_data(e["message"])))
