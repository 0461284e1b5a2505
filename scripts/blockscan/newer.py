"""Files the running Python cannot parse, summarized by a newer one.

Code written for a newer Python (`type Alias = ...` and `def f[T]()` since
3.12, f-strings that reuse their quotes since 3.12, `except A, B:` since
3.14) is a syntax error to an older parser, and the scanner may run on an
older interpreter than the project's (macOS's python3 is 3.9). When files
fail that way, a newer interpreter of this machine summarizes them in a
child process with this same analysis code: the project's own (the one
followed for installed packages), FIND_BLOCKING_CALLS_PYTHON, python3.N on
PATH, and those interpreter managers keep off PATH (pyenv's versions, whose
shims run only the selected one; uv's `uv python install`; python.org's
macOS framework builds); the newest of them. Summaries come back with
marshal format 4, which every Python 3.9+ reads.

Run as a script, this is the child: tasks and the user's catalogue rows as
JSON on stdin, the summaries (marshal) on stdout.
"""
import json
import marshal
import os
import re
import shutil
import subprocess
import sys

MARSHAL_VERSION = 4
NEWEST_MINOR = 20       # python3.N names tried on PATH, from this down
ASK_TIMEOUT = 10        # seconds for an interpreter to say its version
PER_FILE_TIMEOUT = 5    # seconds per file (plus a fixed 60) for the child


# Syntax errors every newer Python reports the same way (Python 2 code, bad
# encodings): no reason to look for a newer interpreter, which costs a child
# process per candidate (a pyenv shim that does not run is a shell and pyenv).
SAME_IN_NEWER = tuple("syntax error: " + m for m in (
    "Missing parentheses in call to", "leading zeros in decimal integer literals", "unknown encoding",
    "encoding problem", "invalid character", "(unicode error)"))


def syntax_failures(summaries):
    """Indexes of the summaries whose file this Python could not parse, and
    a newer one might."""
    return [i for i, s in enumerate(summaries)
            if s["error"] and s["error"].startswith("syntax error") and not s["error"].startswith(SAME_IN_NEWER)]


# Folders of interpreters installed beside each other, one folder per version
# (named `3.13.1`, `cpython-3.13.1-macos-aarch64-none`, `3.13`), by who installs
# them: (environment variable naming the folder, its default under the home
# directory or None, the subfolder). pyenv-win's versions are `python.exe` in
# the version folder, uv's on Windows too.
MANAGED_ROOTS = (
    ("PYENV_ROOT", ".pyenv", "versions"),                     # pyenv
    (None, ".pyenv/pyenv-win", "versions"),                   # pyenv-win
    ("UV_PYTHON_INSTALL_DIR", None, ""),                      # uv, when set
    ("XDG_DATA_HOME", ".local/share", "uv/python"),           # uv
    ("APPDATA", None, "uv/python"),                           # uv on Windows
    (None, "/Library/Frameworks/Python.framework", "Versions"),  # python.org's macOS installer
)
EXECUTABLES = ("bin/python3", "python.exe")
_VERSION_FOLDER = re.compile(r"(?:^|-)3\.(\d+)(?:\.(\d+))?(?=$|[-+.a-z])")


def managed_pythons(environ, newer_than):
    """Interpreters of the managed folders (MANAGED_ROOTS) whose folder
    names a version 3.N newer than `newer_than` (a minor), the newest build
    of each minor, newest first. Only names are read here: each one found is
    asked its version before it is used."""
    home = environ.get("HOME") or os.path.expanduser("~")
    best = {}  # minor -> (micro, path)
    for var, default, sub in MANAGED_ROOTS:
        base = environ.get(var) if var else None
        if not base:
            if default is None:
                continue
            base = default if os.path.isabs(default) else os.path.join(home, default)
        folder = os.path.join(base, sub) if sub else base
        try:
            names = os.listdir(folder)
        except OSError:
            continue
        for name in names:
            m = _VERSION_FOLDER.search(name)
            if m is None or int(m.group(1)) <= newer_than:
                continue
            minor, micro = int(m.group(1)), int(m.group(2) or 0)
            for exe in EXECUTABLES:
                path = os.path.join(folder, name, exe)
                if os.path.isfile(path) and (minor not in best or micro > best[minor][0]):
                    best[minor] = (micro, path)
                    break
    return [best[m][1] for m in sorted(best, reverse=True)]


def candidates(project_python=None, environ=None):
    """Interpreters to try, in order, without duplicates."""
    environ = os.environ if environ is None else environ
    names = [project_python, environ.get("FIND_BLOCKING_CALLS_PYTHON")]
    names += [shutil.which("python3.%d" % m, path=environ.get("PATH"))
              for m in range(NEWEST_MINOR, sys.version_info[1], -1)]
    names += managed_pythons(environ, sys.version_info[1])
    out = []
    for n in names:
        if n and n not in out:
            out.append(n)
    return out


def version_of(python):
    """(major, minor) of an interpreter, or None when it does not answer."""
    try:
        p = subprocess.run([python, "-c", "import sys; print('%d %d' % sys.version_info[:2])"],
                           capture_output=True, text=True, timeout=ASK_TIMEOUT, check=False)
        major, minor = p.stdout.split()
        return int(major), int(minor)
    except (OSError, ValueError, subprocess.SubprocessError):
        return None


def newer_python(project_python=None, environ=None):
    """(path, (major, minor)) of the newest candidate newer than this Python, or None."""
    best = None
    for py in candidates(project_python, environ):
        v = version_of(py)
        if v is not None and v > sys.version_info[:2] and (best is None or v > best[1]):
            best = (py, v)
    return best


def summarize_with(python, tasks, extra):
    """Summaries of `tasks` made by `python` (in order), or None when the
    child failed: then the files stay reported as not parsed."""
    payload = json.dumps({"tasks": [list(t) for t in tasks], "extra": {k: list(v) for k, v in extra.items()}})
    try:
        p = subprocess.run([python, os.path.abspath(__file__)], input=payload.encode("utf-8"), capture_output=True,
                           timeout=60 + PER_FILE_TIMEOUT * len(tasks), check=False)
        if p.returncode != 0:
            return None
        got = marshal.loads(p.stdout)
    except (OSError, ValueError, EOFError, TypeError, subprocess.SubprocessError):
        return None
    if not isinstance(got, list) or len(got) != len(tasks):
        return None
    return got


def reparse(summaries, tasks, extra, keep, project_python=None):
    """Replace, in place, the summaries of files this Python could not parse
    by a newer interpreter's. Returns (interpreter, version, files parsed
    now) or None when there was nothing to do or no newer interpreter."""
    failed = syntax_failures(summaries)
    if not failed:
        return None
    found = newer_python(project_python)
    if found is None:
        return None
    python, version = found
    got = summarize_with(python, [tasks[i] for i in failed], extra)
    if got is None:
        return None
    now = 0
    for i, s in zip(failed, got):  # (marshal keeps tuples: `lib` comes back as it went)
        if s["error"] is None:
            now += 1
            summaries[i] = keep(s)
        else:  # (the newer parser's word on it)
            summaries[i]["error"] = s["error"] + " (also with Python %d.%d)" % version
    return python, "%d.%d" % version, now


def child():
    import gc
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    from blockscan import analyze
    from blockscan.summaries import summarize_file
    gc.disable()  # (as in summaries.worker_init: summaries hold no cycles)
    req = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    analyze.configure({k: tuple(v) for k, v in req["extra"].items()})
    out = []
    for path, module, is_pkg, lib in req["tasks"]:
        out.append(summarize_file((path, module, is_pkg, tuple(lib) if lib is not None else None)))
    sys.stdout.buffer.write(marshal.dumps(out, MARSHAL_VERSION))


if __name__ == "__main__":
    child()
