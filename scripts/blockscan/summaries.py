"""Per-file summaries: from the cache, or parsed (in a process pool when it
pays off). A task is (path, module name, is package, lib) where lib is None
for the project's own files and (distribution, version) for a file of an
installed package; the summary carries it as "lib", so the per-file pass
and the graph can tell library code from project code."""
import gc
import sys

from blockscan import analyze
from blockscan.cache import digest_of, file_digest

PARALLEL_MIN_FILES = 48
_cache = None  # the Cache a worker process writes to (worker_init)


def worker_init(extra, cache):
    # summaries and ASTs hold no reference cycles: the cyclic GC would only
    # re-traverse every live summary again and again (quadratic on big trees)
    global _cache
    gc.disable()
    analyze.configure(extra)
    _cache = cache


def new_summary(path, module, is_pkg, lib):
    return {"path": path, "module": module, "is_pkg": is_pkg, "lib": lib, "lines": 0, "error": None,
            "funcs": {}, "names": {}, "classes": {}, "noqa": {}}


def summarize_file(task):
    """Worker entry: parse and summarize one file, and store it in the cache."""
    path, module, is_pkg, lib = task
    out = new_summary(path, module, is_pkg, lib)
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        out["error"] = "cannot read: " + (exc.strerror or str(exc))
        return out
    out = analyze.analyze_bytes(data, out)
    if _cache is not None:  # (the digest keys plans and results too: only with a cache)
        out["digest"] = file_digest(data, module, is_pkg, lib)
        _cache.store(out["digest"], lib, out)
    return out


def cached_summary(cache, task, digest=None):
    """The cached summary of a task's file as it is now (or as it was when
    `digest` was taken), or None."""
    path, module, is_pkg, lib = task
    if digest is None:
        digest = digest_of(task)
        if digest is None:
            return None
    s = cache.load(digest, lib, module)
    if s is not None:
        s["path"] = path
        s["lib"] = lib
        s["digest"] = digest
    return s


class Summarizer:
    """Summarizes batches of files, keeping one process pool for the whole
    run (following installed packages asks for several small batches).
    Counts what came from the cache (`hits`) and what was parsed (`parsed`)."""

    def __init__(self, jobs, extra, cache=None):
        self.jobs = jobs
        self.extra = extra
        self.cache = cache if cache is not None and cache.usable else None
        self.executor = None
        self.hits = 0
        self.parsed = 0
        global _cache
        _cache = self.cache  # the serial path stores from this process

    def run(self, tasks, keep=lambda s: s, progress=lambda i, n: None, digests=None):
        """Summaries of `tasks`, in order; `digests` (one per task, or None):
        their files' keys, taken already."""
        n = len(tasks)
        out = [None] * n
        todo = []
        done = 0
        for i, t in enumerate(tasks):
            s = cached_summary(self.cache, t, digests[i] if digests else None) if self.cache is not None else None
            if s is None:
                todo.append(i)
                continue
            out[i] = keep(s)
            self.hits += 1
            done += 1
            progress(done, n)
        if not todo:
            return out
        self.parsed += len(todo)
        pending = [tasks[i] for i in todo]
        # Python < 3.11 can crash (segfault) parsing pathologically deep code:
        # keep the parser out of our own process there.
        pool = (self.jobs > 1 and (len(pending) >= PARALLEL_MIN_FILES or (self.executor and len(pending) > 1))) \
            or sys.version_info < (3, 11)
        results = self._pooled(pending) if pool else map(summarize_file, pending)
        for i, s in zip(todo, results):
            out[i] = keep(s)
            done += 1
            progress(done, n)
        return out

    def run_cached(self, tasks, keep=lambda s: s):
        """Summaries of every task from the cache, or None when any is
        missing (nothing is parsed)."""
        if self.cache is None:
            return None
        out = []
        for t in tasks:
            s = cached_summary(self.cache, t)
            if s is None:
                return None
            out.append(keep(s))
        self.hits += len(out)
        return out

    def _pool(self):
        if self.executor is None:
            import concurrent.futures as cf
            self.executor = cf.ProcessPoolExecutor(max_workers=max(1, self.jobs), initializer=worker_init,
                                                   initargs=(self.extra, self.cache))
        return self.executor

    def _pooled(self, tasks):
        from concurrent.futures.process import BrokenProcessPool
        chunk = max(1, min(64, len(tasks) // (max(1, self.jobs) * 8) or 1))
        got = []
        try:
            for s in self._pool().map(summarize_file, tasks, chunksize=chunk):
                got.append(s)
                yield s
            return
        except BrokenProcessPool:
            self.close()
        # a worker died (the interpreter's parser crashed on some file): redo the
        # rest one file per process to find it, and report it as not parsed
        import concurrent.futures as cf
        for t in tasks[len(got):]:
            try:
                with cf.ProcessPoolExecutor(max_workers=1, initializer=worker_init,
                                            initargs=(self.extra, self.cache)) as ex:
                    yield ex.submit(summarize_file, t).result()
            except BrokenProcessPool:
                s = new_summary(*t)
                s["error"] = ("the parser of Python %d.%d crashed on this file (too deeply nested?); "
                              "try a newer Python" % sys.version_info[:2])
                yield s

    def close(self):
        if self.executor is not None:
            self.executor.shutdown(wait=True)
            self.executor = None
