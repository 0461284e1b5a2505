"""Find the Python files to scan and give each its dotted module name."""
import fnmatch
import os

SKIP_DIRS = frozenset({
    "__pycache__", "node_modules", "build", "dist", "site-packages-build",
    "htmlcov", "__pypackages__",
})


def is_venv(path):
    """A virtual environment (venv, virtualenv: pyvenv.cfg) or a conda environment."""
    return os.path.exists(os.path.join(path, "pyvenv.cfg")) or os.path.isdir(os.path.join(path, "conda-meta"))


def _at_or_under(rel, p):
    """`rel` (forward slashes) is what pattern `p` names, or lies inside it."""
    return fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(rel, p + "/*")


def excluded(rel, name, patterns):
    rel = rel.replace(os.sep, "/")
    for pat in patterns:
        p = pat.rstrip("/")
        if fnmatch.fnmatch(name, p) or _at_or_under(rel, p) or fnmatch.fnmatch("/" + rel, "*/" + p):
            return True
    return False


def excluded_from_base(path, anchored):
    """Patterns from a config file also match paths relative to the directory
    of that file, as ruff does: `exclude = ["tests/fixtures"]` in pyproject.toml
    then works whichever PATH the scan was started with."""
    full = os.path.abspath(path)
    for pat, base in anchored:
        rel = os.path.relpath(full, base)
        if rel.startswith(".." + os.sep) or rel == "..":
            continue
        if _at_or_under(rel.replace(os.sep, "/"), pat.rstrip("/")):
            return True
    return False


def iter_files(paths, exclude, errors, anchored=()):
    """Yield (path, root) for every file to scan. Unreadable paths go to errors.
    `anchored`: (pattern, directory) pairs, see excluded_from_base."""
    seen = set()
    for arg in paths:
        if not os.path.exists(arg):
            errors.append({"path": arg, "message": "no such file or directory"})
            continue
        if os.path.isfile(arg):
            key = os.path.realpath(arg)
            if key not in seen:
                seen.add(key)
                yield arg, os.path.dirname(arg) or "."
            continue
        root = arg
        visited = set()
        stack = [arg]
        while stack:
            d = stack.pop()
            try:
                st = os.stat(d)
            except OSError as exc:
                errors.append({"path": os.path.normpath(d), "message": "cannot read: " + (exc.strerror or str(exc))})
                continue
            ident = (st.st_dev, st.st_ino)
            if ident in visited:
                continue  # symlink loop or repeated directory
            visited.add(ident)
            try:
                entries = sorted(os.scandir(d), key=lambda e: e.name)
            except OSError as exc:
                errors.append({"path": os.path.normpath(d), "message": "cannot read: " + (exc.strerror or str(exc))})
                continue
            subdirs = []
            for e in entries:
                name = e.name
                rel = os.path.relpath(e.path, root)
                try:
                    is_dir = e.is_dir(follow_symlinks=False)
                    is_file = e.is_file()
                except OSError:
                    is_dir = is_file = False
                if is_dir:
                    if name.startswith(".") or name in SKIP_DIRS or name.endswith(".egg-info"):
                        continue
                    if excluded(rel, name, exclude) or is_venv(e.path) \
                            or (anchored and excluded_from_base(e.path, anchored)):
                        continue
                    subdirs.append(e.path)
                elif name.endswith(".py"):
                    if excluded(rel, name, exclude) or (anchored and excluded_from_base(e.path, anchored)):
                        continue
                    if not is_file:
                        if e.is_symlink() and not os.path.exists(e.path):
                            errors.append({"path": os.path.normpath(e.path), "message": "cannot read: broken symbolic link"})
                        continue  # FIFOs, sockets, devices: never opened
                    key = os.path.realpath(e.path)
                    if key in seen:
                        continue
                    seen.add(key)
                    yield e.path, root
            stack.extend(reversed(subdirs))


class ModuleNamer:
    """Dotted module names from the package structure (__init__.py files)."""

    def __init__(self):
        self.cache = {}

    def package_of(self, d):
        if d in self.cache:
            return self.cache[d]
        if os.path.isfile(os.path.join(d, "__init__.py")):
            parent = os.path.dirname(d)
            base = os.path.basename(d)
            up = self.package_of(parent) if parent != d else ""
            name = up + "." + base if up else base
        else:
            name = ""
        self.cache[d] = name
        return name

    def name(self, path, root):
        """(module name, is package, alternative name relative to the scan root)."""
        ap = os.path.abspath(path)
        d, fname = os.path.split(ap)
        stem = fname[:-3] if fname.endswith(".py") else fname
        stem = stem.replace(".", "_")
        pkg = self.package_of(d)
        is_pkg = stem == "__init__"
        if is_pkg:
            mod = pkg or os.path.basename(d)
        else:
            mod = pkg + "." + stem if pkg else stem
        alt = None
        try:
            rel = os.path.relpath(ap, os.path.abspath(root))
        except ValueError:
            rel = None
        if rel and not rel.startswith(".."):
            parts = rel[:-3].split(os.sep) if rel.endswith(".py") else rel.split(os.sep)
            if parts and parts[-1] == "__init__":
                parts = parts[:-1]
            cand = ".".join(parts)
            if cand and cand != mod and all(p.isidentifier() for p in parts):
                alt = cand
        return mod, is_pkg, alt
