"""Find the Python files to scan and give each its dotted module name."""
import fnmatch
import glob
import os
import posixpath

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


def anchor(pattern, base):
    """An exclude pattern as an absolute glob: relative to `base` unless it is
    absolute; `./x`, `x/`, `../x` are normalised as the shell would. So a path
    spelled the way the output prints it (relative to the working directory)
    or as an absolute path names the same files."""
    p = pattern.replace(os.sep, "/")
    if not posixpath.isabs(p) and not os.path.isabs(pattern):
        p = glob.escape(os.path.abspath(base)).replace(os.sep, "/") + "/" + p
    p = posixpath.normpath(p)
    if p.startswith("//") and os.name != "nt":  # POSIX normpath keeps a leading //
        p = p[1:]
    return p


def anchored_patterns(pairs):
    """(pattern, base directory) pairs -> absolute globs, see anchor()."""
    return [anchor(pat, base) for pat, base in pairs if pat.strip()]


def excluded_from_base(path, anchored):
    """Absolute exclude globs (anchored_patterns): patterns from a config file
    match relative to its directory (as ruff does: `exclude = ["tests/fixtures"]`
    in pyproject.toml works whichever PATH the scan was started with), and
    command-line patterns relative to the working directory as well."""
    full = os.path.abspath(path).replace(os.sep, "/")
    return any(_at_or_under(full, p) for p in anchored)


def file_key(path, entry=None):
    """What makes two paths one file (a symbolic link, a path given twice):
    device and inode, one stat() (os.path.realpath costs an lstat per path
    component); the real path where the file system has no inode numbers."""
    try:
        st = entry.stat() if entry is not None else os.stat(path)
    except OSError:
        st = None
    if st is not None and st.st_ino:
        return st.st_dev, st.st_ino
    return os.path.realpath(path)


def iter_files(paths, exclude, errors, anchored=()):
    """Yield (path, root) for every file to scan. Unreadable paths go to errors.
    `exclude`: patterns relative to each PATH; `anchored`: absolute globs
    (anchored_patterns)."""
    seen = set()
    for arg in paths:
        if not os.path.exists(arg):
            errors.append({"path": arg, "message": "no such file or directory"})
            continue
        if os.path.isfile(arg):
            key = file_key(arg)
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
                    key = file_key(e.path, e)
                    if key in seen:
                        continue
                    seen.add(key)
                    yield e.path, root
            stack.extend(reversed(subdirs))


class ModuleNamer:
    """Dotted module names from the package structure (__init__.py files).

    Names are unique within a scan: two scripts outside any package with the
    same file name (examples/a/main.py, examples/b/main.py) would otherwise
    share the name `main` and the second one's functions would be lost. The
    first keeps the importable name; a later one is named by its path under
    the scan root (`b.main`)."""

    def __init__(self, base=None):
        self.cache = {}
        self.taken = set()
        # the folder the program runs from (`python main.py` puts it on
        # sys.path): `scan cogs utils` there, with utils/ a plain folder, still
        # names utils/questions.py `utils.questions`, as `from utils.questions
        # import ...` in cogs/ does
        self.base = os.path.abspath(base) if base else None

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
        """(module name, is package, alternative names: relative to the scan
        root, then to the base folder)."""
        mod, is_pkg, alt, rel_parts = self._name(path, root)
        based = None
        if self.base is not None and os.path.abspath(root) != self.base:
            parts = _dotted_parts(os.path.abspath(path), self.base)
            based = ".".join(parts) if parts else None
        if mod in self.taken:
            fallback = alt or based or ".".join(rel_parts or [mod])
            mod, alt = fallback, None
            n = 2
            while mod in self.taken:
                mod = "%s#%d" % (fallback, n)
                n += 1
        self.taken.add(mod)
        alts = (alt,) if alt else ()
        if based and based != mod and based not in alts:
            alts += (based,)
        return mod, is_pkg, alts

    def _name(self, path, root):
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
        parts = _relative_parts(ap, os.path.abspath(root))
        if parts is not None:
            cand = ".".join(parts)
            if cand and cand != mod and all(p.isidentifier() for p in parts):
                alt = cand
        return mod, is_pkg, alt, parts


def relative_under(path, folder):
    """os.path.relpath(path, folder) for absolute, normalized paths, without
    its work when path lies plainly under folder (once per file of a scan)."""
    prefix = folder if folder.endswith(os.sep) else folder + os.sep
    if path.startswith(prefix):
        return path[len(prefix):]
    return os.path.relpath(path, folder)


def _relative_parts(path, folder):
    """The dotted parts of `path` (a .py file or a package folder) under
    `folder`, or None when it is not under it."""
    try:
        rel = relative_under(path, folder)
    except ValueError:  # (another drive)
        return None
    if not rel or rel.startswith(".."):
        return None
    parts = rel[:-3].split(os.sep) if rel.endswith(".py") else rel.split(os.sep)
    if parts and parts[-1] == "__init__":
        parts = parts[:-1]
    return parts


def _dotted_parts(path, folder):
    """_relative_parts when every part is an identifier (importable), else None."""
    parts = _relative_parts(path, folder)
    if parts and all(p.isidentifier() for p in parts):
        return parts
    return None
