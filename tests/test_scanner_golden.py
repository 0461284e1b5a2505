"""Golden outputs of every format on the labelled corpus.

Regenerate after an intended change with `UPDATE_GOLDEN=1 python3 tools/test.py
tests/test_scanner_golden.py -n0`, then review the diff.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "scanner"))

import scanner_support as ss  # noqa: E402

GOLDEN = ss.HERE / "golden"
# the bundle's one version (CONTRIBUTING.md): the scanner reports it
BUNDLE_VERSION = re.search(r'^  version: "([^"]+)"$', (ss.ROOT / "SKILL.md").read_text(encoding="utf-8"),
                           re.MULTILINE).group(1)


def _render(fmt):
    """The output on the corpus, with what changes from run to run or release
    to release (wall time, the bundle version) replaced by placeholders."""
    p = ss.run(["--format", fmt, "corpus"], cwd=ss.HERE)
    assert p.returncode == 1, p.stderr
    out = p.stdout
    if fmt == "json":
        data = json.loads(out)
        data["stats"]["seconds"] = 0
        assert data["tool"]["version"] == BUNDLE_VERSION
        data["tool"]["version"] = "VERSION"
        out = json.dumps(data, indent=2) + "\n"
    if fmt == "sarif":
        data = json.loads(out)
        assert data["runs"][0]["tool"]["driver"]["version"] == BUNDLE_VERSION
        data["runs"][0]["tool"]["driver"]["version"] = "VERSION"
        out = json.dumps(data, indent=2) + "\n"
    return out


@pytest.mark.parametrize("fmt,ext", [("text", "txt"), ("json", "json"), ("sarif", "sarif"), ("github", "txt")])
def test_golden(fmt, ext):
    path = GOLDEN / ("corpus.%s.%s" % (fmt, ext))
    got = _render(fmt)
    if ss.UPDATE_GOLDEN or not path.exists():
        path.write_text(got, encoding="utf-8")
        if not ss.UPDATE_GOLDEN:
            pytest.fail("golden file %s was missing and has been written; review and commit it" % path.name)
    assert got == path.read_text(encoding="utf-8"), "output changed; UPDATE_GOLDEN=1 to accept"


def test_golden_summary():
    # the summary on stderr: counts, roots, findings in test files, suppressed
    p = ss.run(["corpus"], cwd=ss.HERE)
    path = GOLDEN / "corpus.summary.txt"
    if ss.UPDATE_GOLDEN or not path.exists():
        path.write_text(p.stderr, encoding="utf-8")
        if not ss.UPDATE_GOLDEN:
            pytest.fail("golden file %s was missing and has been written; review and commit it" % path.name)
    assert p.stderr == path.read_text(encoding="utf-8"), "summary changed; UPDATE_GOLDEN=1 to accept"


def test_sarif_shape():
    doc = json.loads(_render("sarif"))
    assert doc["version"] == "2.1.0" and "sarif-2.1.0" in doc["$schema"]
    run = doc["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    assert len(ids) == len(set(ids))
    for res in run["results"]:
        assert rules[res["ruleIndex"]]["id"] == res["ruleId"]
        region = res["locations"][0]["physicalLocation"]["region"]
        assert region["startLine"] >= 1 and region["startColumn"] >= 1
        assert (region["endLine"], region["endColumn"]) >= (region["startLine"], region["startColumn"])
        uri = res["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        assert not uri.startswith("/") and "\\" not in uri
        assert (ss.HERE / uri).is_file()


def test_json_schema_fields():
    data = json.loads(_render("json"))
    assert data["schema"] == "find-blocking-calls/1"
    assert set(data) == {"schema", "tool", "findings", "errors", "stats"}
    keys = {"path", "line", "col", "end_line", "end_col", "code", "family", "message", "call", "function",
            "chain", "why", "replacement", "offload", "root"}
    for f in data["findings"]:
        assert set(f) == keys
        if f["code"].endswith("0"):
            assert f["chain"] == []
        if f["code"].endswith("1"):
            assert len(f["chain"]) >= 2
        if f["chain"]:  # 01, or 02 through a helper
            assert "call" in f["chain"][-1] and f["chain"][-1]["call"] == f["call"]
            assert all("function" in c for c in f["chain"][:-1])
        assert (f["offload"] is not None) == f["code"].endswith("2")
        want_root = f["chain"][-1] if f["chain"] else {k: f[k] for k in ("call", "path", "line", "col")}
        assert f["root"] == {k: want_root[k] for k in ("call", "path", "line", "col")}
    assert set(data["stats"]) >= {"files", "parsed", "lines", "functions", "async_functions", "findings",
                                  "roots", "in_tests", "suppressed", "suppressed_by"}
    assert data["stats"]["suppressed"] == sum(data["stats"]["suppressed_by"].values())
    # the schema document lists every field
    schema = (ss.ROOT / "scripts" / "blockscan" / "schema.md").read_text(encoding="utf-8")
    for k in keys | set(data["stats"]):
        assert "`%s`" % k in schema, k


def test_sarif_and_github_paths(tmp_path):
    # SARIF artifact locations are URIs: relative to the working directory
    # (code scanning resolves them against the checkout) and percent-encoded,
    # or file:// URIs outside it; annotations name the file relative too
    d = tmp_path / "my src"
    d.mkdir()
    (d / "a%b.py").write_text("import time\nasync def f():\n    time.sleep(1)\n")
    elsewhere = tmp_path / "cwd"
    elsewhere.mkdir()
    for cwd, path, want_uri, want_file in [
        (tmp_path, str(d), "my%20src/a%25b.py", "my src/a%25b.py"),        # absolute, under the cwd
        (tmp_path, "my src", "my%20src/a%25b.py", "my src/a%25b.py"),       # relative
        (elsewhere, str(d), (d / "a%b.py").as_uri(), (d / "a%b.py").as_posix().replace("%", "%25")),
    ]:
        p = ss.run(["--format", "sarif", "--no-config", path], cwd=cwd)
        assert p.returncode == 1, p.stderr
        loc = json.loads(p.stdout)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]
        assert loc["artifactLocation"]["uri"] == want_uri
        p = ss.run(["--format", "github", "--no-config", path], cwd=cwd)
        assert p.stdout.startswith("::warning file=%s,line=3," % want_file), p.stdout
