"""Output formats: text, json (schema.md), sarif (2.1.0), github (annotations)."""
import json
import os
import pathlib
import urllib.parse

from blockscan import catalogue

SCHEMA = "find-blocking-calls/1"
SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def text(result, out):
    for f in result["findings"]:
        out.write("%s:%d:%d: %s %s (in %s)\n" % (f["path"], f["line"], f["col"], f["code"], f["message"],
                                                  display_function(f["function"])))
        if f["chain"]:
            hops = []
            for c in f["chain"]:
                if "function" in c:
                    hops.append("%s() at %s:%d" % (display_function(c["function"]), c["path"], c["line"]))
                else:
                    hops.append(c["call"])
            out.write("    chain: " + " -> ".join(hops) + "\n")
        out.write("    why: %s\n" % f["why"])
        out.write("    fix: %s\n" % f["replacement"])
    s = result["stats"]
    n = len(result["findings"])
    if n or result["errors"]:
        out.write("Found %d blocking call%s in %d file%s (%d lines)%s.\n" % (
            n, "" if n == 1 else "s", s["files"], "" if s["files"] == 1 else "s", s["lines"],
            (", %d file%s not parsed" % (len(result["errors"]), "" if len(result["errors"]) == 1 else "s"))
            if result["errors"] else ""))


def display_function(q):
    return q.replace(".<locals>.", ".")


def as_json(result, out):
    json.dump(result, out, indent=2, sort_keys=False)
    out.write("\n")


def rel_path(path):
    """The path as the report names it: relative to the working directory when
    the file is under it (code scanning and annotations resolve paths against
    the checkout), else as given. Forward slashes."""
    if os.path.isabs(path):
        try:
            rel = os.path.relpath(path)
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
            "defaultConfiguration": {"level": "warning"},
            "properties": {"family": fam[0]},
        })
    results = []
    for f in result["findings"]:
        res = {
            "ruleId": f["code"],
            "ruleIndex": index[f["code"]],
            "level": "warning",
            "message": {"text": f["message"] + ". Fix: " + f["replacement"]},
            "locations": [{"physicalLocation": {
                "artifactLocation": {"uri": uri(f["path"])},
                "region": {"startLine": f["line"], "startColumn": f["col"],
                           "endLine": f["end_line"], "endColumn": f["end_col"]},
            }}],
            "partialFingerprints": {"blockingCall/v1": "%s:%s:%s" % (f["code"], f["function"], f["call"])},
        }
        if f["chain"]:
            related = []
            for i, c in enumerate(f["chain"]):
                label = ("%s()" % display_function(c["function"])) if "function" in c else c["call"]
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
    kind = {"0": "blocking call in async code", "1": "blocking call reached through a sync helper",
            "2": "blocking call evaluated in the arguments of an offload"}[code[-1]]
    return "%s: %s" % (fam, kind)


def _esc_data(s):
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _esc_prop(s):
    return _esc_data(s).replace(":", "%3A").replace(",", "%2C")


def github(result, out):
    for f in result["findings"]:
        msg = f["message"] + ". Fix: " + f["replacement"]
        out.write("::warning file=%s,line=%d,col=%d,endLine=%d,endColumn=%d,title=%s::%s\n" % (
            _esc_prop(rel_path(f["path"])), f["line"], f["col"], f["end_line"], f["end_col"],
            _esc_prop(f["code"]), _esc_data(msg)))
    for e in result["errors"]:
        out.write("::error file=%s,title=find-blocking-calls::%s\n" % (_esc_prop(rel_path(e["path"])), _esc_data(e["message"])))
