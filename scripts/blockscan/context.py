"""The rest of the project, when only part of it is scanned.

An import inside loop code is cheap when the module is loaded already, and
the scanner takes "imported at module level by a module of the program" to
mean loaded before loop code runs. Scanning a subfolder (`src/app/api`) would
lose what the project's other modules import at module level, and report as
first-use imports what a scan of the whole project calls loaded. So the
project's other files (below the folder of its pyproject.toml, setup.py,
setup.cfg or .git, tests and virtual environments left out) are read for
their module-level imports only: nothing in them is reported or resolved.
"""
import ast
import os

from blockscan import analyze, environment, walk

MAX_FILES = 5000            # a bound on the files read for context
MAX_BYTES = 2_000_000       # bigger files are skipped (generated code)
SKIP_PARTS = frozenset({"test", "tests", "testing", "docs", "examples", "benchmarks"})


def project_imports(paths, scanned, exclude=()):
    """Modules (with their packages) the project's files outside `scanned`
    (absolute paths) import at module level; empty when the scan covers the
    project root or there is none."""
    existing = [os.path.abspath(p) for p in paths if os.path.exists(p)]
    if not existing:
        return set()
    # (a monorepo's packages have pyproject.toml files of their own: the
    # project is the one around all the scanned paths)
    common = os.path.commonpath(existing)
    if _installed(common):
        return set()  # an interpreter's library or a virtual environment is no project's part
    root = environment.project_root(common)
    if root is None or root in existing:
        return set()  # no project around them, or the whole project is scanned
    namer = walk.ModuleNamer(root)
    out = set()
    errors = []
    n = 0
    for path, _ in walk.iter_files([root], list(exclude), errors):
        if os.path.abspath(path) in scanned or SKIP_PARTS.intersection(os.path.relpath(path, root).split(os.sep)[:-1]):
            continue
        n += 1
        if n > MAX_FILES:
            break
        try:
            if os.path.getsize(path) > MAX_BYTES:
                continue
            with open(path, "rb") as f:
                data = f.read()
            if b"import" not in data:
                continue
            tree = ast.parse(data)
        except (OSError, SyntaxError, ValueError, RecursionError, MemoryError):
            continue  # (context only: what cannot be read adds nothing)
        module, is_pkg, _ = namer.name(path, root)
        out.update(module_level_imports(tree, module, is_pkg))
    return out


def module_level_imports(tree, module, is_pkg):
    """The modules (and their packages) a module's top-level statements
    import: not inside functions or classes; under a top-level `if` or `try`
    too, not under `if TYPE_CHECKING:` (nothing runs there)."""
    an = analyze.Analyzer(module, is_pkg)  # (for relative imports: its package)
    out = []
    todo = list(tree.body)
    while todo:
        st = todo.pop()
        t = type(st)
        if t is ast.Import or t is ast.ImportFrom:
            out.extend(analyze._import_mods(an, st))
        elif t is ast.If and analyze.Analyzer.is_type_checking(st.test):
            todo.extend(st.orelse)
        elif t is ast.If or t is ast.Try or getattr(ast, "TryStar", None) is t:
            todo.extend(st.body)
            todo.extend(st.orelse)
            for h in getattr(st, "handlers", ()):
                todo.extend(h.body)
            todo.extend(getattr(st, "finalbody", ()))
    return out


def _installed(path):
    """Inside an interpreter's library (lib/python3.N, site-packages) or a
    virtual environment: installed code, not a project's own folders."""
    parts = path.split(os.sep)
    for i, part in enumerate(parts):
        if part in ("site-packages", "dist-packages") or (
                part.startswith("python3") and i > 0 and parts[i - 1] in ("lib", "Lib", "lib64")):
            return True
        if walk.is_venv(os.sep.join(parts[:i + 1]) or os.sep):
            return True
    return False
