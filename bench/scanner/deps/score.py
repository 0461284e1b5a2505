#!/usr/bin/env python3
"""Score find-blocking-calls on the deps benchmark: first contact with uncatalogued libraries.

    python3 bench/scanner/deps/score.py [--scanner DIR] [--details] [SCANNER ARGS ...]

Runs DIR/scripts/find_blocking_calls.py (default: this checkout) as
`--format json --no-config --exit-zero [SCANNER ARGS] opsdesk` from
project/, so arguments the script does not know go to the scanner (e.g.
`--python bench/scanner/deps/.venv/bin/python` once the scanner follows
calls into installed packages). Prints a Markdown table per library:

- recall: I/O labels with a finding on the same line whose code is of one of
  the label's families ("family"), or of any family ("any");
- precision: findings on I/O-labelled lines / all findings in project/opsdesk
  (findings in other PATHs given to the scanner are counted, not scored); findings on
  `no-io` control lines and on unlabelled lines are false alarms (a finding
  on an I/O line in the wrong family is not a false alarm, but it misses
  "family" recall).

Needs only Python 3.9+ (the scanner is stdlib-only); the libraries need not
be installed unless the scanner is told to follow them.
"""
from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(HERE))
from labels import IMPORT_NAMES, PROJECT, read_labels

# family -> code prefixes of that family (BLK41 imports and BLK42 TLS setup are
# sub-rules of BLK4 that no label here names; they count only as "any")
FAMILY_CODES = {
    "custom": ("BLK0",),
    "sleep": ("BLK1",),
    "http": ("BLK2",),
    "subprocess": ("BLK3",),
    "filesystem": ("BLK40",),
    "input": ("BLK5",),
    "network": ("BLK6",),
    "database": ("BLK7",),
    "threadwait": ("BLK8",),
    "nested-loop": ("BLK9",),
}


def run_scanner(scanner: Path, extra: list[str]) -> list[dict]:
    cmd = [sys.executable, str(scanner / "scripts" / "find_blocking_calls.py"),
           "--format", "json", "--no-config", "--exit-zero", *extra, "opsdesk"]
    proc = subprocess.run(cmd, cwd=PROJECT, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.exit(f"score.py: the scanner failed (exit {proc.returncode}): {proc.stderr.strip()[-2000:]}")
    return json.loads(proc.stdout)["findings"]


def catalogue_help(scanner: Path) -> list[str]:
    """Catalogue entries naming a studied library: they make this no longer a first contact."""
    text = (scanner / "scripts" / "blockscan" / "catalogue.py").read_text()
    names = sorted({m for mods in IMPORT_NAMES.values() for m in mods})
    alternatives = "|".join(map(re.escape, names))
    pattern = re.compile(r"""(?m)(?:^|["'])((?:""" + alternatives + r""")\.[\w.*]+)""")
    return sorted(set(pattern.findall(text)))


def in_family(code: str, families) -> bool:
    return any(code.startswith(prefix) for f in families for prefix in FAMILY_CODES[f])


def score(labels, findings):
    """Per-library counters and the lists --details prints."""
    by_line = defaultdict(list)
    for f in findings:
        by_line[(f["path"], f["line"])].append(f)
    label_at = {(lb.path, lb.line): lb for lb in labels}
    rows = defaultdict(lambda: defaultdict(int))
    misses, wrong_family, alarms = [], [], []
    for lb in labels:
        row = rows[lb.library]
        here = by_line.get((lb.path, lb.line), [])
        if lb.control:
            row["controls"] += 1
            row["alarmed controls"] += bool(here)
            row["fp"] += len(here)
            alarms += [(lb, f) for f in here]
            continue
        row["labels"] += 1
        row["tp"] += len(here)
        if any(in_family(f["code"], lb.families) for f in here):
            row["family"] += 1
        elif here:
            wrong_family.append((lb, here))
        else:
            misses.append(lb)
        row["any"] += bool(here)
    for (path, line), found in sorted(by_line.items()):
        if (path, line) not in label_at:
            rows["(unlabelled lines)"]["fp"] += len(found)
            alarms += [(None, f) for f in found]
    return rows, misses, wrong_family, alarms


def ratio(num: int, den: int) -> str:
    return f"{num / den:.2f}" if den else "-"


def table(rows) -> str:
    head = ("| library | I/O labels | found, family | found, any | recall (family) | recall (any) "
            "| controls | controls alarmed | findings | false alarms | precision |")
    out = [head, "|---|" + "---:|" * 10]
    total = defaultdict(int)
    for name in sorted(rows, key=lambda n: (n.startswith("("), n.lower())):
        r = rows[name]
        for key, value in r.items():
            total[key] += value
        out.append(format_row(name, r))
    out.append(format_row("**all**", total))
    return "\n".join(out)


def format_row(name, r) -> str:
    findings = r["tp"] + r["fp"]
    cells = [name, r["labels"], r["family"], r["any"], ratio(r["family"], r["labels"]), ratio(r["any"], r["labels"]),
             r["controls"], r["alarmed controls"], findings, r["fp"], ratio(r["tp"], findings)]
    return "| " + " | ".join(str(c) for c in cells) + " |"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--scanner", type=Path, default=ROOT, help="a checkout holding scripts/find_blocking_calls.py")
    parser.add_argument("--details", action="store_true", help="list misses, wrong-family hits and false alarms")
    opts, extra = parser.parse_known_args()
    # the scanner runs in project/: paths given relative to here are made absolute
    extra = [str(Path(a).absolute()) if not a.startswith("-") and Path(a).exists() else a for a in extra]
    labels = read_labels()
    everything = run_scanner(opts.scanner.resolve(), extra)
    findings = [f for f in everything if f["path"].startswith("opsdesk/")]
    rows, misses, wrong_family, alarms = score(labels, findings)
    shown = " ".join(["find_blocking_calls.py --format json --no-config --exit-zero",
                      *(a.replace(str(ROOT) + "/", "") for a in extra), "opsdesk"])
    elsewhere = f" ({len(everything) - len(findings)} more outside the project, not scored)" if len(everything) > len(findings) else ""
    print(f"Scanner: `{shown}` from bench/scanner/deps/project; {len(findings)} findings{elsewhere}.\n")
    helped = catalogue_help(opts.scanner.resolve())
    if helped:
        print(f"WARNING: the catalogue names studied libraries, so this is not first contact: {', '.join(helped)}\n")
    print(table(rows))
    if opts.details:
        print("\nMissed I/O labels:")
        for lb in misses:
            print(f"- {lb.where} [{'|'.join(lb.families)}, {lb.library}] `{lb.text}`")
        print("\nFound in another family only:")
        for lb, found in wrong_family:
            print(f"- {lb.where} [{'|'.join(lb.families)}, {lb.library}] got {', '.join(f['code'] for f in found)}")
        print("\nFalse alarms:")
        for lb, f in alarms:
            where = f"control of {lb.library}" if lb else "unlabelled line"
            print(f"- {f['path']}:{f['line']} {f['code']} {f.get('call', '')} ({where})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
