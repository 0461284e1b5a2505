"""The Python environment whose installed packages the scanner follows.

Which interpreter (first that applies): `--python PATH`, the `python` key of
[tool.find-blocking-calls] (relative to its pyproject.toml), the active
`$VIRTUAL_ENV`, a `.venv/` or `venv/` at the project root (the folder of the
nearest pyproject.toml, setup.py, setup.cfg or .git above the first PATH),
else the interpreter running the scanner. That interpreter is run once to
ask for its `sys.path` and, through `importlib.metadata`, its distributions
with their versions and files; the answer is kept in the cache until the
interpreter or a folder on its path changes (an install or an upgrade
changes the site-packages folder).

Modules are then located on that path the way the import system finds
source files (regular packages, namespace packages, plain modules), without
importing anything. The standard library is not followed: the catalogue
covers it.
"""
import hashlib
import json
import os
import sys

PROBE_MARK = "find-blocking-calls-environment:"
# Run inside the chosen interpreter (any Python 3): its path, its standard
# library and its distributions. Prints one marked JSON line.
PROBE = r"""
import sys
if sys.path and sys.path[0] in ("", "."):
    del sys.path[0]  # the working directory: a project's json.py must not shadow the stdlib here
import json, os, sysconfig
paths = sysconfig.get_paths()
names = getattr(sys, "stdlib_module_names", None)
if names is None:
    names = set(sys.builtin_module_names)
    for d in (paths.get("stdlib"), paths.get("platstdlib")):
        for sub in ("", "lib-dynload"):
            try:
                entries = os.listdir(os.path.join(d, sub)) if d else []
            except OSError:
                entries = []
            for e in entries:
                if e.endswith(".py") or "." not in e or e.endswith((".so", ".pyd")):
                    names.add(e.split(".")[0])
dists = []
try:
    from importlib import metadata
except ImportError:
    metadata = None
if metadata is not None:
    for d in metadata.distributions():
        try:
            files = d.files
            top = d.read_text("top_level.txt")
            dists.append([d.metadata["Name"], d.version, str(d.locate_file("")),
                          None if files is None else [str(f) for f in files if str(f).endswith(".py")],
                          top.split() if top else None])
        except Exception:
            pass
print(%r + json.dumps({
    "executable": sys.executable, "version": "%%d.%%d.%%d" %% sys.version_info[:3],
    "prefix": sys.prefix, "path": [p for p in sys.path if p],
    "stdlib": [p for p in (paths.get("stdlib"), paths.get("platstdlib")) if p],
    "stdlib_names": sorted(names), "distributions": dists}))
""" % PROBE_MARK
PROJECT_MARKERS = ("pyproject.toml", "setup.py", "setup.cfg", ".git")
VENV_NAMES = (".venv", "venv")
SOURCE_SUFFIX = ".py"
BINARY_SUFFIXES = (".so", ".pyd")


class EnvironmentProblem(Exception):
    """The chosen interpreter cannot be run or did not answer."""


def venv_python(venv):
    """The interpreter of a virtual environment folder, or None."""
    for rel in (("bin", "python"), ("bin", "python3"), ("Scripts", "python.exe")):
        exe = os.path.join(venv, *rel)
        if os.path.isfile(exe):
            return exe
    return None


def project_root(start):
    """The folder of the nearest pyproject.toml, setup.py, setup.cfg or .git
    above `start` (a file or folder), or None."""
    d = os.path.abspath(start)
    if not os.path.isdir(d):
        d = os.path.dirname(d)
    while True:
        if any(os.path.exists(os.path.join(d, m)) for m in PROJECT_MARKERS):
            return d
        parent = os.path.dirname(d)
        if parent == d:
            return None
        d = parent


def choose(flag, configured, config_file, root, environ=None):
    """(interpreter path, where it came from) by the order in the module
    docstring. An explicit choice (flag or config) that is not an
    interpreter raises EnvironmentProblem; a directory means its venv."""
    environ = os.environ if environ is None else environ
    config_dir = os.path.dirname(os.path.abspath(config_file)) if config_file else os.getcwd()
    for value, source, base, said in ((flag, "--python", os.getcwd(), "--python"),
                                      (configured, "config", config_dir, "%s: python" % config_file)):
        if value:
            path = os.path.normpath(os.path.join(base, os.path.expanduser(value)))
            if os.path.isdir(path):
                exe = venv_python(path)
                if exe is None:
                    raise EnvironmentProblem("%s %s: a folder without bin/python or Scripts/python.exe" % (said, value))
                return exe, source
            if not os.path.isfile(path):
                raise EnvironmentProblem("%s %s: no such interpreter" % (said, value))
            return path, source
    active = environ.get("VIRTUAL_ENV")
    if active:
        exe = venv_python(os.path.abspath(active))
        if exe:
            return exe, "$VIRTUAL_ENV"
    if root:
        for name in VENV_NAMES:
            exe = venv_python(os.path.join(os.path.abspath(root), name))
            if exe:
                return exe, name + " at the project root"
    return sys.executable, "the interpreter running the scanner"


def probe(python, timeout=120):
    """Ask the interpreter for its path and distributions (a dict, see PROBE)."""
    import subprocess  # (only when the cache has no answer)
    try:
        p = subprocess.run([python, "-c", PROBE], capture_output=True, timeout=timeout,
                           stdin=subprocess.DEVNULL, encoding="utf-8", errors="replace")
    except (OSError, subprocess.SubprocessError, ValueError) as exc:
        raise EnvironmentProblem("%s cannot be run: %s" % (python, getattr(exc, "strerror", None) or exc)) from None
    for line in p.stdout.splitlines():
        if line.startswith(PROBE_MARK):
            try:
                data = json.loads(line[len(PROBE_MARK):])
            except ValueError:
                break
            if isinstance(data, dict) and isinstance(data.get("path"), list):
                return data
    last = (p.stderr.strip().splitlines() or ["no answer"])[-1]
    raise EnvironmentProblem("%s did not answer as a Python 3 interpreter (exit %d: %s)" % (python, p.returncode, last))


def stamp_paths(python, info):
    """Files and folders whose modification times tell when a probe's
    answer is stale: the interpreter, its pyvenv.cfg, every folder on its path."""
    out = [python, os.path.realpath(python), os.path.join(info.get("prefix", ""), "pyvenv.cfg")]
    out += info.get("path", [])
    return out


def stamps(paths):
    out = []
    for p in paths:
        try:
            st = os.stat(p)
            out.append([p, st.st_mtime_ns, st.st_size if not os.path.isdir(p) else 0])
        except OSError:
            out.append([p, None, None])
    return out


def query(python, cache=None):
    """The probe's answer for `python`, from the cache while nothing it
    depends on changed. Returns (info, from_cache)."""
    ident = [os.path.abspath(python), os.environ.get("PYTHONPATH", ""), os.environ.get("PYTHONHOME", "")]
    if cache is not None:
        old = cache.load_json("environments", ident)
        try:
            if old["stamps"] == stamps([s[0] for s in old["stamps"]]) and type(old["info"]) is dict:
                return old["info"], True
        except (TypeError, KeyError, IndexError):
            pass
    info = probe(python)
    if cache is not None:
        cache.store_json("environments", ident, {"info": info, "stamps": stamps(stamp_paths(python, info))})
    return info, False


def _norm(path):
    return os.path.normcase(os.path.normpath(os.path.abspath(path)))


def _rel_key(rel):
    """A path relative to a site folder as RECORD writes it (forward
    slashes), compared case-insensitively where the file system is (Windows)."""
    rel = rel.replace("\\", "/")
    return rel.lower() if os.name == "nt" else rel


class Environment:
    """The answer of one interpreter, with module lookup on its path."""

    def __init__(self, python, source, info, skip_tops=()):
        self.python = python
        self.source = source
        self.version = info.get("version", "")
        stdlib = [_norm(p) for p in info.get("stdlib", [])]
        self.stdlib_names = frozenset(info.get("stdlib_names", ())) | {"builtins", "__future__", "__main__"}
        self.skip_tops = frozenset(skip_tops)  # the project's own top-level names

        def in_stdlib(p):
            n = _norm(p)
            return any(n == s or (n.startswith(s + os.sep) and "site-packages" not in n and "dist-packages" not in n)
                       for s in stdlib) or n.endswith(".zip")
        self.paths = [p for p in (os.path.abspath(x) for x in info.get("path", [])) if not in_stdlib(p)]
        self.dists = info.get("distributions", [])
        self.file_dist = None  # built on first use: a replayed plan needs none
        self._listing = {}
        self._found = {}
        what = [info.get("version"), info.get("path"), [d[:2] for d in self.dists]]
        self.fingerprint = hashlib.blake2b(json.dumps(what).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()

    def _map_files(self):
        """Per distribution root (a site-packages folder): relative file
        path (as RECORD writes it) -> distribution, and top-level name ->
        distribution."""
        self.file_dist = {}
        for name, version, root, files, tops in self.dists:
            dist = (name, version)
            files_of, tops_of = self.file_dist.setdefault(_norm(root), ({}, {}))
            for f in files or ():
                f = _rel_key(f)
                if not f.startswith(".."):
                    files_of.setdefault(f, dist)
                    top = f.partition("/")[0]
                    tops_of.setdefault(top[:-3] if top.endswith(".py") else top, dist)
            for t in tops or ():
                tops_of.setdefault(_rel_key(t), dist)

    def describe(self):
        return {"executable": self.python, "version": self.version, "from": self.source}

    def _entries(self, d):
        e = self._listing.get(d)
        if e is None:
            try:
                e = frozenset(os.listdir(d))
            except OSError:
                e = frozenset()
            self._listing[d] = e
        return e

    def find(self, module):
        """Where `module` (dotted) is: ("source", file, is_package, search
        folders), ("namespace", None, True, folders), ("binary", file, False, ())
        for an extension or compiled-only module, or None when it is not on
        the followed path."""
        if module in self._found:
            return self._found[module]
        parent, _, name = module.rpartition(".")
        if parent:
            up = self.find(parent)
            where = up[3] if up is not None else ()
        else:
            where = self.paths
        found = None
        portions = []
        for d in where:
            entries = self._entries(d)
            if name in entries:
                pkg = os.path.join(d, name)
                init = os.path.join(pkg, "__init__.py")
                if "__init__.py" in self._entries(pkg):
                    found = ("source", init, True, (pkg,))
                    break
                if any(e.startswith("__init__.") for e in self._entries(pkg)):
                    found = ("binary", init, False, ())
                    break
            if name + SOURCE_SUFFIX in entries:
                found = ("source", os.path.join(d, name + SOURCE_SUFFIX), False, ())
                break
            if any(e.startswith(name + ".") and e.endswith(BINARY_SUFFIXES + (".pyc",)) for e in entries):
                found = ("binary", os.path.join(d, name), False, ())
                break
            if name in entries and os.path.isdir(os.path.join(d, name)):
                portions.append(os.path.join(d, name))
        if found is None and portions:
            found = ("namespace", None, True, tuple(portions))
        self._found[module] = found
        return found

    def installed(self, top):
        """Some module or package named `top` is on the followed path."""
        return self.find(top) is not None

    def followable_top(self, top):
        """A top-level name worth following: not the project's, not the
        standard library's."""
        return top not in self.skip_tops and top not in self.stdlib_names

    def distribution(self, path, module):
        """(name, version) of the distribution that installed `path`, or
        (top-level package, None) when no distribution lists it (a folder
        on PYTHONPATH, an editable checkout)."""
        if self.file_dist is None:
            self._map_files()
        n = _norm(path)
        top = module.partition(".")[0]
        for root, (files_of, tops_of) in self.file_dist.items():
            if n.startswith(root + os.sep):
                rel = _rel_key(n[len(root) + 1:])
                top = _rel_key(top)
                d = files_of.get(rel) or tops_of.get(top)
                if d is not None:
                    return d
        return (top, None)
