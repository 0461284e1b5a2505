#!/usr/bin/env python3
"""Score find-blocking-calls on real asyncio projects' own fixes.

    .venv/bin/python bench/scanner/realworld/score.py --repos DIR [options]

Labels (labels/<project>.yaml) name commits where a project's maintainers
moved blocking calls off the event loop; each label is a pre-fix line (the
fix's parent) in loop-run code that blocks or calls the sync helper that
does. For every fix the pre-fix tree's Python files are exported with
`git archive`, the scanner of a checkout runs on them, and this prints in
Markdown:

- recall per project and overall: a label is found when a finding sits on
  its path and line, with a code of the label's family ("family") or any
  code ("any"); "anywhere" also counts a finding whose chain passes
  through the label's line or its `leaf` (the blocking call itself);
- precision over the distinct findings of each project's pre-fix trees
  (a finding = path, catalogue call, source text of its line): a finding on
  a labelled line with the label's family is TP; every other one takes its
  verdict (TP / FP / debatable, with a cause) from classified/<project>.yaml.
  Findings without a verdict are listed as "unclassified" and kept out of
  precision: whoever changes the scanner classifies them by reading the
  code (`--stubs FILE` writes YAML entries to fill in).
  Precision = TP / (TP + FP); debatable findings are counted apart.

Repositories are looked up in --repos as `owner+name/repo` (the `fetch`
tool's layout), `owner+name`, `owner+name.git`, `owner/name`, `name.git` or
`name` (bare or not); a missing one is cloned there from its public URL
unless --no-clone.
"""
from __future__ import annotations

import argparse
import collections
import json
import re
import subprocess
import sys
import tarfile
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]

# Label family -> code prefixes that count as "the right family". Before the
# family-4 split (BLK41 imports, BLK42 TLS setup) TLS setup was reported as
# BLK40x with an `ssl.` call; TLS_LEGACY accepts that.
FAMILY_CODES = {
    "custom": ("BLK0",),
    "sleep": ("BLK1",),
    "http": ("BLK2",),
    "subprocess": ("BLK3",),
    "filesystem": ("BLK40",),
    "import": ("BLK41",),
    "tls": ("BLK42",),
    "input": ("BLK5",),
    "network": ("BLK6",),
    "database": ("BLK7",),
    "threadwait": ("BLK8",),
    "nested-loop": ("BLK9",),
}
TLS_LEGACY = ("BLK40", "ssl.")
LEAF_SPOT = re.compile(r"([\w./-]+\.py)?:(\d+)")
VERDICTS = ("TP", "FP", "debatable")


@dataclass
class Label:
    project: str
    fix: str
    pre: str
    path: str
    line: int
    call: str
    family: str
    note: str = ""
    leaf: str = ""

    def right_family(self, code: str, call: str) -> bool:
        if code.startswith(FAMILY_CODES[self.family]):
            return True
        return self.family == "tls" and code.startswith(TLS_LEGACY[0]) and call.startswith(TLS_LEGACY[1])

    def spots(self) -> set:
        """(path, line) pairs where a chain may show this blocking call."""
        spots = {(self.path, self.line)}
        # the leaf is free text naming lines: "a.py:51 (why)", "a.py:1 -> b.py:2",
        # "a.py:55 (read), :67 (write)" (a bare ":67" is in the path before it)
        path = None
        for m in LEAF_SPOT.finditer(self.leaf):
            path = m.group(1) or path
            if path is not None:
                spots.add((path, int(m.group(2))))
        return spots


@dataclass
class Fix:
    project: str
    fix: str
    pre: str
    title: str
    repo: str
    scan: list
    exclude: list
    labels: list = field(default_factory=list)


@dataclass
class Finding:
    project: str
    pre: str
    path: str
    line: int
    code: str
    call: str
    function: str
    text: str
    chain: list

    @property
    def key(self):
        return (self.path, self.call, self.text)

    def spots(self) -> set:
        spots = {(self.path, self.line)}
        for step in self.chain:
            spots.add((step.get("path"), step.get("line")))
        return spots


def die(msg: str) -> None:
    print(f"score.py: {msg}", file=sys.stderr)
    sys.exit(2)


def load_yaml(path: Path):
    try:
        with open(path, encoding="utf-8") as f:
            return yaml.safe_load(f) or {}
    except (OSError, yaml.YAMLError) as e:
        die(f"cannot read {path}: {e}")


def load_fixes(labels_dir: Path, only: list) -> dict:
    """project -> [Fix], from every labels/*.yaml (or those named in `only`)."""
    files = sorted(labels_dir.glob("*.yaml"))
    if not files:
        die(f"no *.yaml label files in {labels_dir}")
    projects = {}
    for path in files:
        doc = load_yaml(path)
        name = doc.get("project") or path.stem
        if only and name not in only:
            continue
        fixes = []
        for f in doc.get("fixes", []):
            fix = Fix(name, f["fix"], f["pre"], f.get("title", ""), f.get("repo", doc["repo"]),
                      list(f.get("scan", doc.get("scan", ["."]))),
                      list(f.get("exclude", doc.get("exclude", []))))
            for lab in f.get("labels", []):
                if lab["family"] not in FAMILY_CODES:
                    die(f"{path}: unknown family {lab['family']!r} (one of {', '.join(FAMILY_CODES)})")
                fix.labels.append(Label(name, fix.fix, fix.pre, lab["path"], int(lab["line"]), lab["call"],
                                        lab["family"], lab.get("note", ""), lab.get("leaf", "")))
            fixes.append(fix)
        projects[name] = fixes
    missing = set(only or ()) - set(projects)
    if missing:
        die(f"no labels for project(s): {', '.join(sorted(missing))}")
    return projects


def load_verdicts(classified_dir: Path, project: str) -> list:
    path = classified_dir / f"{project}.yaml"
    if not path.exists():
        return []
    entries = load_yaml(path).get("findings", []) or []
    for e in entries:
        if e.get("verdict") not in VERDICTS:
            die(f"{path}: verdict must be one of {VERDICTS}: {e}")
    return entries


def repo_slug(url: str) -> tuple:
    parts = url.rstrip("/").removesuffix(".git").split("/")
    return parts[-2], parts[-1]


def find_git_dir(repos: Path, url: str, clone: bool) -> str:
    owner, name = repo_slug(url)
    for cand in (f"{owner}+{name}/repo", f"{owner}+{name}", f"{owner}+{name}.git",
                 f"{owner}/{name}", f"{name}.git", name):
        d = repos / cand
        if (d / ".git").is_dir():
            return str(d / ".git")
        if (d / "HEAD").is_file() and (d / "objects").is_dir():
            return str(d)
    if not clone:
        die(f"no clone of {url} in {repos} (expected {owner}+{name}.git or {name}.git); "
            "drop --no-clone to clone it")
    dest = repos / f"{owner}+{name}.git"
    print(f"cloning {url} into {dest} ...", file=sys.stderr)
    r = subprocess.run(["git", "clone", "--bare", "--quiet", url, str(dest)], capture_output=True, text=True, check=False)
    if r.returncode:
        die(f"git clone {url} failed: {r.stderr.strip()}")
    return str(dest)


def pathspecs(scan: list) -> list:
    specs = []
    for s in scan:
        s = s.strip("/")
        if s.endswith(".py"):
            specs.append(s)
        elif s in ("", "."):
            specs.append(":(glob)**/*.py")
        else:
            specs.append(f":(glob){s}/**/*.py")
    return specs


def export_tree(git_dir: str, fix: Fix, work: Path) -> Path:
    """The pre-fix commit's Python files under the scan paths (cached by commit)."""
    owner, name = repo_slug(fix.repo)
    dest = work / f"{owner}+{name}" / fix.pre
    done = dest / ".exported"
    if done.exists():
        return dest
    dest.mkdir(parents=True, exist_ok=True)
    r = subprocess.run(["git", "--git-dir", git_dir, "cat-file", "-e", f"{fix.pre}^{{commit}}"],
                       capture_output=True, check=False)
    if r.returncode:
        die(f"{fix.project}: commit {fix.pre} is not in {git_dir} (fetch it, or remove the clone to re-clone)")
    with tempfile.TemporaryFile() as tar:
        r = subprocess.run(["git", "--git-dir", git_dir, "archive", "--format=tar", fix.pre, "--",
                            *pathspecs(fix.scan)], stdout=tar, stderr=subprocess.PIPE, check=False)
        if r.returncode:
            die(f"{fix.project}: git archive {fix.pre} failed: {r.stderr.decode(errors='replace').strip()}")
        tar.seek(0)
        with tarfile.open(fileobj=tar) as t:
            t.extractall(dest, filter="data") if hasattr(tarfile, "data_filter") else t.extractall(dest)
    done.write_text(fix.pre)
    return dest


def run_scanner(scanner: Path, tree: Path, fix: Fix, extra: list) -> dict:
    script = scanner / "scripts" / "find_blocking_calls.py"
    args = [sys.executable, str(script), "--format", "json", "--no-config", "--exit-zero", *extra]
    for ex in fix.exclude:
        args += ["--exclude", ex]
    scan = [s for s in fix.scan if (tree / s).exists()] or ["."]
    r = subprocess.run(args + scan, cwd=tree, capture_output=True, text=True, check=False)
    if r.returncode not in (0, 1):
        die(f"{fix.project} {fix.pre[:10]}: scanner exit {r.returncode}: {r.stderr.strip()[-500:]}")
    try:
        return json.loads(r.stdout)
    except json.JSONDecodeError:
        die(f"{fix.project} {fix.pre[:10]}: scanner printed no JSON: {r.stderr.strip()[-500:]}")


def line_text(tree: Path, path: str, line: int, cache: dict) -> str:
    key = (tree, path)
    if key not in cache:
        try:
            cache[key] = (tree / path).read_text(encoding="utf-8", errors="replace").splitlines()
        except OSError:
            cache[key] = []
    lines = cache[key]
    return lines[line - 1].strip() if 0 < line <= len(lines) else ""


def check_labels(fix: Fix, tree: Path, cache: dict) -> list:
    """Warnings for labels whose line does not exist in the pre-fix tree."""
    return [f"{fix.project} {fix.pre[:10]}: {lab.path}:{lab.line} is empty or missing"
            for lab in fix.labels if not line_text(tree, lab.path, lab.line, cache)]


def norm(path: str) -> str:
    return path.removeprefix("./")


def scanner_args(extra: list, venvs, project: str) -> list:
    """The scanner's extra arguments for a project: with a virtual
    environment DIR/<project> (its dependencies installed), calls into
    packages are followed (--python DIR/<project>, no --no-deps)."""
    if venvs is None or not (venvs / project).is_dir():
        return extra
    return [a for a in extra if a != "--no-deps"] + ["--python", str((venvs / project).resolve())]


def collect(projects: dict, repos: Path, scanner: Path, work: Path, clone: bool, extra: list, venvs=None):
    """Scan every pre-fix tree; return findings, label outcomes and warnings."""
    findings, outcomes, warnings, errors = [], [], [], []
    cache = {}
    for name, fixes in projects.items():
        for fix in fixes:
            tree = export_tree(find_git_dir(repos, fix.repo, clone), fix, work)
            warnings += check_labels(fix, tree, cache)
            out = run_scanner(scanner, tree, fix, scanner_args(extra, venvs, name))
            errors += [f"{name} {fix.pre[:10]}: {e['path']}: {e['message']}" for e in out.get("errors", [])]
            tree_findings = []
            for f in out.get("findings", []):
                path = norm(f["path"])
                chain = [dict(s, path=norm(s.get("path", ""))) for s in f.get("chain", [])]
                tree_findings.append(Finding(name, fix.pre, path, f["line"], f["code"], f["call"],
                                             f.get("function", ""), line_text(tree, path, f["line"], cache), chain))
            findings += tree_findings
            for lab in fix.labels:
                here = [f for f in tree_findings if (f.path, f.line) == (lab.path, lab.line)]
                outcomes.append({
                    "label": lab,
                    "family": any(lab.right_family(f.code, f.call) for f in here),
                    "any": bool(here),
                    "anywhere": bool(here) or any(lab.spots() & f.spots() for f in tree_findings),
                    "codes": sorted({f.code for f in here}),
                    "text": line_text(tree, lab.path, lab.line, cache),
                })
    return findings, outcomes, warnings, errors


def judge(findings: list, outcomes: list, classified: Path) -> dict:
    """Distinct findings per project, each with (verdict, reason)."""
    labelled = set()
    for o in outcomes:
        if o["family"]:
            lab = o["label"]
            labelled.add((lab.project, lab.pre, lab.path, lab.line))
    verdicts = {}
    tables = {}
    for f in findings:
        if f.project not in tables:
            tables[f.project] = load_verdicts(classified, f.project)
        k = (f.project, f.key)
        is_labelled = (f.project, f.pre, f.path, f.line) in labelled
        if k in verdicts and not (is_labelled and verdicts[k][1] != "labelled"):
            continue
        if is_labelled:
            verdicts[k] = ("TP", "labelled", f)
            continue
        entry = next((e for e in tables[f.project]
                      if e.get("path") == f.path and e.get("call") == f.call and e.get("text") == f.text
                      and e.get("function", f.function) == f.function), None)
        verdicts[k] = (entry["verdict"], entry.get("cause", ""), f) if entry else ("unclassified", "", f)
    return verdicts


def pct(n: int, d: int) -> str:
    return f"{n / d:.2f}" if d else "-"


def report(projects, outcomes, verdicts, warnings, errors, title, details) -> str:
    out = [f"# {title}", ""]
    out += [("| project | fixes | labels | found (family) | found (any code) | found anywhere in a chain "
             "| recall (family) | recall (any) | findings | TP labelled | TP other | FP | debatable "
             "| unclassified | precision |"),
            "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    totals = collections.Counter()
    for name, fixes in projects.items():
        outs = [o for o in outcomes if o["label"].project == name]
        vs = [v for (p, _), v in verdicts.items() if p == name]
        c = collections.Counter(
            fixes=len(fixes), labels=len(outs),
            fam=sum(o["family"] for o in outs), any=sum(o["any"] for o in outs),
            anywhere=sum(o["anywhere"] for o in outs), findings=len(vs),
            tpl=sum(v[0] == "TP" and v[1] == "labelled" for v in vs),
            tpo=sum(v[0] == "TP" and v[1] != "labelled" for v in vs),
            fp=sum(v[0] == "FP" for v in vs), deb=sum(v[0] == "debatable" for v in vs),
            unc=sum(v[0] == "unclassified" for v in vs))
        totals.update(c)
        out.append(row(name, c))
    out.append(row("**all**", totals))
    out += ["", ("Recall = labels found / labels. Precision = TP / (TP + FP) over distinct findings; "
                 "debatable and unclassified findings are counted apart."), ""]

    fam_rows = collections.defaultdict(collections.Counter)
    for o in outcomes:
        fam_rows[o["label"].family].update(labels=1, fam=int(o["family"]), any=int(o["any"]))
    out += ["| family | labels | found (family) | found (any code) | recall (family) |", "|---|---:|---:|---:|---:|"]
    for fam in FAMILY_CODES:
        if fam in fam_rows:
            r = fam_rows[fam]
            out.append(f"| {fam} | {r['labels']} | {r['fam']} | {r['any']} | {pct(r['fam'], r['labels'])} |")
    out.append("")

    if details:
        out += ["## Labels", "", "| project | pre-fix | label | family | call | found | line | note |",
                "|---|---|---|---|---|---|---|---|"]
        for o in outcomes:
            lab = o["label"]
            found = "family" if o["family"] else ("other code " + "/".join(o["codes"]) if o["any"]
                                                 else ("in a chain" if o["anywhere"] else "no"))
            out.append(f"| {lab.project} | {lab.pre[:10]} | {lab.path}:{lab.line} | {lab.family} | `{lab.call}` "
                       f"| {found} | `{o['text'].replace('|', '/')}` | {lab.note} |")
        out += ["", "## Findings", "", "| project | verdict | finding | code | call | why |",
                "|---|---|---|---|---|---|"]
        order = {"TP": 0, "FP": 1, "debatable": 2, "unclassified": 3}
        for (p, _), (verdict, reason, f) in sorted(verdicts.items(), key=lambda kv: (
                kv[0][0], order[kv[1][0]], kv[1][2].path, kv[1][2].line)):
            out.append(f"| {p} | {verdict} | {f.path}:{f.line} (pre {f.pre[:10]}) | {f.code} | `{f.call}` "
                       f"| {reason.replace('|', '/')} |")
        out.append("")
    if warnings:
        out += ["## Label warnings", ""] + [f"- {w}" for w in warnings] + [""]
    if errors:
        out += ["## Files the scanner could not parse", ""] + [f"- {e}" for e in sorted(set(errors))] + [""]
    return "\n".join(out)


def row(name, c) -> str:
    return (f"| {name} | {c['fixes']} | {c['labels']} | {c['fam']} | {c['any']} | {c['anywhere']} "
            f"| {pct(c['fam'], c['labels'])} | {pct(c['any'], c['labels'])} | {c['findings']} | {c['tpl']} "
            f"| {c['tpo']} | {c['fp']} | {c['deb']} | {c['unc']} | {pct(c['tpl'] + c['tpo'], c['tpl'] + c['tpo'] + c['fp'])} |")


def write_stubs(path: Path, verdicts: dict) -> int:
    """YAML entries for unclassified findings, grouped by project, to fill in."""
    by_project = collections.defaultdict(list)
    for (p, _), (verdict, _, f) in verdicts.items():
        if verdict == "unclassified":
            by_project[p].append({"path": f.path, "call": f.call, "text": f.text, "function": f.function,
                                  "verdict": "FILL: TP / FP / debatable", "cause": "FILL: read the code",
                                  "seen": f"{f.pre[:10]} line {f.line} {f.code}"})
    with open(path, "w", encoding="utf-8") as fh:
        for p, entries in sorted(by_project.items()):
            fh.write(f"# classified/{p}.yaml, under `findings:`\n")
            yaml.safe_dump(entries, fh, sort_keys=False, allow_unicode=True, width=120)
    return sum(map(len, by_project.values()))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--repos", type=Path, required=True, help="directory of bare mirrors or clones")
    ap.add_argument("--labels", type=Path, default=HERE / "labels", help="label files (default: labels/ here)")
    ap.add_argument("--classified", type=Path,
                    help="verdict files (default: classified/ beside the labels directory)")
    ap.add_argument("--scanner", type=Path, default=ROOT,
                    help="checkout whose scripts/find_blocking_calls.py runs (default: this one)")
    ap.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "realworld-bench",
                    help="where pre-fix trees are exported (cached by commit)")
    ap.add_argument("--project", action="append", default=[], help="only this project (repeatable)")
    ap.add_argument("--no-clone", action="store_true", help="fail instead of cloning a missing repository")
    ap.add_argument("--details", action="store_true", help="list every label and every finding with its verdict")
    ap.add_argument("--title", default="find-blocking-calls on real projects' fixes")
    ap.add_argument("--stubs", type=Path, help="write YAML stubs for unclassified findings to this file")
    ap.add_argument("--json", type=Path, help="also write the label outcomes and verdicts as JSON")
    ap.add_argument("--venvs", type=Path, metavar="DIR",
                    help="virtual environments by project name (DIR/<project>): the scanner follows calls into "
                         "the packages installed there (issue 10); other projects are scanned as the other "
                         "arguments say")
    ap.add_argument("--scanner-arg", action="append", default=[], metavar="ARG",
                    help="pass ARG to the scanner (repeatable), e.g. --scanner-arg=--no-deps "
                         "--scanner-arg=--no-cache for project code only")
    a = ap.parse_args(argv)
    if not (a.scanner / "scripts" / "find_blocking_calls.py").is_file():
        die(f"{a.scanner} has no scripts/find_blocking_calls.py")
    if not a.repos.is_dir():
        die(f"--repos {a.repos}: no such directory")
    classified = a.classified or a.labels.parent / "classified"
    projects = load_fixes(a.labels, a.project)
    findings, outcomes, warnings, errors = collect(projects, a.repos, a.scanner.resolve(), a.work, not a.no_clone,
                                                  a.scanner_arg, a.venvs)
    verdicts = judge(findings, outcomes, classified)
    print(report(projects, outcomes, verdicts, warnings, errors, a.title, a.details))
    if a.stubs:
        n = write_stubs(a.stubs, verdicts)
        print(f"{n} unclassified finding(s) written to {a.stubs}", file=sys.stderr)
    if a.json:
        a.json.write_text(json.dumps({
            "labels": [dict(vars(o["label"]), found_family=o["family"], found_any=o["any"],
                            found_anywhere=o["anywhere"], codes=o["codes"]) for o in outcomes],
            "findings": [{"project": p, "verdict": v, "reason": r, "path": f.path, "line": f.line, "pre": f.pre,
                          "code": f.code, "call": f.call, "function": f.function, "text": f.text}
                         for (p, _), (v, r, f) in verdicts.items()],
        }, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
