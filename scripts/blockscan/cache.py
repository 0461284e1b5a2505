"""Persistent cache of per-file summaries, so an unchanged file is never
parsed twice and a re-scan of an unchanged tree is close to free.

A summary depends only on the file's bytes, its module name, whether it is
a package, the distribution it belongs to, and the scanner: the scanner key
hashes the scanner's own code and catalogue (every blockscan/*.py), the
interpreter's minor version (its parser), and the configuration that
changes summaries (declared blocking calls). Anything else a summary comes
to depend on must join `scanner_key()`.

Layout under the cache folder (`$XDG_CACHE_HOME` or ~/.cache, %LOCALAPPDATA%
on Windows, then find-blocking-calls/; or --cache-dir):

    <scanner key>/files/<hash>                      project files, by content
    <scanner key>/packages/<dist>-<version>/<hash>  installed packages' files
    <scanner key>/environments/<hash>.json          an interpreter's answer
    <scanner key>/plans/<hash>.json                 what following read, per project state
    <scanner key>/results/<hash>.json               a whole result, per project and package state
    <scanner key>/last-used

An entry is MAGIC, the BLAKE2 digest of the payload, then the payload
(the summary, marshalled: the fastest to load). Writes go to a temporary file in
the same folder (named by process id and a counter), then os.replace: a reader sees the old entry or the new
one, never half of one, and two runs writing the same entry both write a
whole one. An entry that fails its digest, does not load or does not look
like a summary is a miss: the file is summarized again and the entry
rewritten. Every cache error is a miss or a skipped write, never a failure
of the scan. Folders of other scanner versions unused for STALE_DAYS are
removed when a new version's folder is made.
"""
import glob
import hashlib
import itertools
import json
import marshal
import os
import re
import sys
import time

MAGIC = b"FBC-summary-2\n"
DIGEST = 32
STALE_DAYS = 14
SUMMARY_KEYS = ("module", "is_pkg", "lines", "error", "funcs", "names", "classes", "noqa")
HERE = os.path.dirname(os.path.abspath(__file__))
UNSAFE = re.compile(r"[^A-Za-z0-9_.+-]")
_MADE = set()                 # folders this process made (or found) already
_COUNTER = itertools.count()  # temporary file names: unique per process
CACHE_ERRORS = (OSError, ValueError, EOFError, TypeError, KeyError, IndexError, MemoryError,
                OverflowError, RecursionError)


def default_root(environ=None):
    """The user cache folder for the scanner."""
    environ = os.environ if environ is None else environ
    if os.name == "nt":
        base = environ.get("LOCALAPPDATA") or os.path.join(os.path.expanduser("~"), "AppData", "Local")
    else:
        base = environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "find-blocking-calls")


def scanner_key(extra):
    """What every summary depends on besides its file (see the docstring)."""
    h = hashlib.blake2b(MAGIC, digest_size=10)
    for path in sorted(glob.glob(os.path.join(HERE, "*.py"))):
        h.update(os.path.basename(path).encode() + b"\0")
        with open(path, "rb") as f:
            h.update(f.read())
    h.update(repr((sys.implementation.name, sys.version_info[:2], marshal.version)).encode())
    h.update(repr(sorted((k, tuple(v)) for k, v in extra.items())).encode())
    return h.hexdigest()


def digest_of_json(value):
    """A key for a JSON-able value."""
    return hashlib.blake2b(json.dumps(value).encode("utf-8", "surrogatepass"), digest_size=20).hexdigest()


def file_digest(data, module, is_pkg, lib):
    """The key of one file's summary: its bytes and how it is named."""
    h = hashlib.blake2b(digest_size=20)
    # (an installed package's summary drops branches for other platforms: see analyze.platform_truth)
    h.update(repr((module, bool(is_pkg), (tuple(lib), sys.platform) if lib else None)).encode() + b"\0")
    h.update(data)
    return h.hexdigest()


def digest_of(task):
    """The key of a task's file (path, module, is_pkg, lib) as it is now,
    or None when it cannot be read."""
    path, module, is_pkg, lib = task
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        return None
    return file_digest(data, module, is_pkg, lib)


def plan_key(env, project):
    """The key of a following plan: the environment and every project
    file's (module, digest)."""
    h = hashlib.blake2b(digest_size=20)
    h.update(json.dumps([env.python, env.fingerprint]).encode("utf-8", "surrogatepass"))
    for module, digest in sorted(project, key=lambda md: (md[0], md[1] or "")):
        h.update(("\0%s\0%s" % (module, digest)).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def planned_libraries(store, env, project):
    """The package files an earlier run's plan lists for this project state
    (`project`: (module, digest) of every project file), with their digests
    as they are now: [(task, digest)], or None when there is no plan or a
    file changed."""
    plan = store.load_json("plans", plan_key(env, project))
    try:
        out = []
        for path, module, is_pkg, lib, digest in plan["libs"]:
            task = (path, module, bool(is_pkg), tuple(lib))
            if digest_of(task) != digest:
                return None
            out.append((task, digest))
        return out
    except (TypeError, ValueError, KeyError):
        return None


class Cache:
    """Summaries on disk for one scanner key. Picklable (worker processes
    write their own entries)."""

    def __init__(self, root, key):
        self.root = root
        self.dir = os.path.join(root, key)
        self.usable = True
        try:
            fresh = not os.path.isdir(self.dir)
            os.makedirs(self.dir, exist_ok=True)
            self._touch()
            if fresh:
                self._remove_stale_versions()
        except OSError:
            self.usable = False

    def _touch(self):
        stamp = os.path.join(self.dir, "last-used")
        try:
            if time.time() - os.stat(stamp).st_mtime < 3600:
                return
        except OSError:
            pass
        with open(stamp, "w") as f:
            f.write("find-blocking-calls cache: delete this folder any time\n")

    def _remove_stale_versions(self):
        limit = time.time() - STALE_DAYS * 86400
        for name in os.listdir(self.root):
            d = os.path.join(self.root, name)
            if d == self.dir or not os.path.isdir(d):
                continue
            try:
                used = os.stat(os.path.join(d, "last-used")).st_mtime
            except OSError:
                continue  # not one of ours
            if used < limit:
                import shutil
                shutil.rmtree(d, ignore_errors=True)

    def entry_path(self, digest, lib):
        if lib:
            folder = os.path.join("packages", UNSAFE.sub("_", "%s-%s" % (lib[0], lib[1] or "unknown")))
        else:
            folder = "files"
        return os.path.join(self.dir, folder, digest)

    def load(self, digest, lib, module):
        """The summary stored under `digest`, or None (a miss)."""
        if not self.usable:
            return None
        try:
            with open(self.entry_path(digest, lib), "rb") as f:
                raw = f.read()
        except OSError:
            return None
        try:
            if not raw.startswith(MAGIC):
                return None
            body = raw[len(MAGIC) + DIGEST:]
            if hashlib.blake2b(body, digest_size=DIGEST).digest() != raw[len(MAGIC):len(MAGIC) + DIGEST]:
                return None
            summary = marshal.loads(body)
            if type(summary) is not dict or any(k not in summary for k in SUMMARY_KEYS) \
                    or summary["module"] != module:
                return None
            return summary
        except CACHE_ERRORS:
            return None

    def store(self, digest, lib, summary):
        """Write an entry atomically; any failure only skips the write."""
        if not self.usable:
            return False
        try:
            body = dict(summary)
            for key in ("path", "alt", "digest"):
                body.pop(key, None)
            payload = marshal.dumps(body)
            data = MAGIC + hashlib.blake2b(payload, digest_size=DIGEST).digest() + payload
            self._write(self.entry_path(digest, lib), data)
            return True
        except CACHE_ERRORS:
            return False

    @staticmethod
    def _write(path, data):
        """Write `data` to a temporary file beside `path` (named by process and
        a counter, created exclusively), then rename it over `path`."""
        folder = os.path.dirname(path)
        if folder not in _MADE:
            os.makedirs(folder, exist_ok=True)
            _MADE.add(folder)
        tmp = "%s.%d-%d.part" % (path, os.getpid(), next(_COUNTER))
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
        try:
            with os.fdopen(fd, "wb") as f:
                f.write(data)
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise

    # ---- small JSON entries: an interpreter's answer, a following plan ------
    def load_json(self, kind, ident):
        """The entry of `kind` stored for `ident` (any JSON value), or None."""
        if not self.usable:
            return None
        try:
            with open(self._json_path(kind, ident), encoding="utf-8") as f:
                data = json.load(f)
            if type(data) is dict and data.get("ident") == ident:
                return data.get("value")
        except CACHE_ERRORS:
            pass
        return None

    def store_json(self, kind, ident, value):
        if not self.usable:
            return
        try:
            self._write(self._json_path(kind, ident), json.dumps({"ident": ident, "value": value}).encode("utf-8"))
        except CACHE_ERRORS:
            pass

    def _json_path(self, kind, ident):
        h = hashlib.blake2b(json.dumps(ident).encode("utf-8", "surrogatepass"), digest_size=16).hexdigest()
        return os.path.join(self.dir, kind, h + ".json")
