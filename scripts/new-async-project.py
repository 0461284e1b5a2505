#!/usr/bin/env python3
# /// script
# requires-python = ">=3.9"
# dependencies = ["jinja2>=3.1"]
# ///
"""Render a new asyncio service project from assets/project-template/.

    uv run scripts/new-async-project.py my_service [--dir PATH] [--http stdlib|aiohttp] [--force]

Writes pyproject.toml, README.md, .gitignore, the package (its service.py is
a byte-for-byte copy of assets/async-project-template.py: one source, no
drift; `--http aiohttp` adds http_aiohttp.py on the same service core) and
its tests (pytest; they start the service and send it real signals).
Exit status: 0 written, 2 bad arguments, a non-empty target without
--force, or jinja2 missing.
"""
from __future__ import annotations

import argparse
import keyword
import re
import sys
import sysconfig
from importlib.util import find_spec
from pathlib import Path

PROG = "new-async-project.py"
ASSETS = Path(__file__).resolve().parent.parent / "assets"
TEMPLATES = ASSETS / "project-template"
SERVICE = ASSETS / "async-project-template.py"

# Template -> output path, and the --http variant it belongs to (None: both).
# Shipped names cannot start with "." or "_", hence gitignore.j2 and init.py.j2.
MANIFEST = [
    ("pyproject.toml.j2", "pyproject.toml", None),
    ("README.md.j2", "README.md", None),
    ("gitignore.j2", ".gitignore", None),
    ("package/init.py.j2", "{package}/__init__.py", None),
    ("package/main.py.j2", "{package}/__main__.py", None),
    ("package/http_aiohttp.py.j2", "{package}/http_aiohttp.py", "aiohttp"),
    ("tests/conftest.py.j2", "tests/conftest.py", None),
    ("tests/test_service.py.j2", "tests/test_service.py", None),
]


# The rendered project runs on 3.9+, whichever Python renders it: these top-level
# modules are in the standard library of some of those versions only.
STDLIB_SOME_VERSIONS = {
    "binhex", "formatter", "parser", "symbol",  # removed in 3.10 (binhex: 3.11)
    "tomllib",  # added in 3.11
    "asynchat", "asyncore", "distutils", "imp", "smtpd",  # removed in 3.12
    "aifc", "audioop", "cgi", "cgitb", "chunk", "crypt", "imghdr", "lib2to3", "mailcap", "msilib",
    "nis", "nntplib", "ossaudiodev", "pipes", "sndhdr", "spwd", "sunau", "telnetlib", "uu", "xdrlib",  # 3.13
    "annotationlib", "compression",  # added in 3.14
}
# Names the rendered project imports or installs: a package of that name would
# shadow them.
RESERVED = {"test", "tests", "pytest", "aiohttp", "setuptools", "pip"}


def fail(msg: str) -> None:
    print(f"{PROG}: {msg}", file=sys.stderr)
    sys.exit(2)


def is_stdlib(name: str) -> bool:
    if name in STDLIB_SOME_VERSIONS:
        return True
    if sys.version_info >= (3, 10):
        return name in sys.stdlib_module_names
    if name in sys.builtin_module_names:
        return True
    spec = find_spec(name)
    origin = (spec.origin or "") if spec else ""
    return origin.startswith(sysconfig.get_paths()["stdlib"]) and "site-packages" not in origin


def check_package_name(name: str) -> str:
    if not re.fullmatch(r"[a-z_][a-z0-9_]*", name):
        fail(f"{name!r} is not a Python package name: use lowercase letters, digits and _ "
             f"(e.g. {re.sub(r'[^a-z0-9_]', '_', name.lower()).lstrip('0123456789') or 'my_service'!r})")
    if keyword.iskeyword(name) or name in RESERVED:
        fail(f"{name!r} is a Python keyword or a name the project needs ({', '.join(sorted(RESERVED))}); pick another")
    if is_stdlib(name):
        fail(f"{name!r} would shadow the standard library module of that name; pick another")
    return name


def parse_args(argv):
    p = argparse.ArgumentParser(
        prog=PROG,
        description="Render a new asyncio service project (bounded queue, deadlines, "
        "supervised workers, graceful shutdown) with its tests.")
    p.add_argument("name", help="package name, e.g. my_service (the distribution and command become my-service)")
    p.add_argument("--dir", type=Path, help="folder to create (default: ./NAME); must be empty or absent")
    p.add_argument("--http", choices=("stdlib", "aiohttp"), default="stdlib",
                   help="HTTP layer: the stdlib asyncio listener in service.py (default), "
                   "or aiohttp (adds http_aiohttp.py and the aiohttp dependency)")
    p.add_argument("--force", action="store_true",
                   help="write into a non-empty folder (files of the same name are replaced)")
    return p.parse_args(argv)


def render(package: str, http: str) -> dict[str, bytes]:
    """Every output file, in memory: nothing is written if any template fails."""
    try:
        import jinja2
    except ImportError:
        fail("needs jinja2: run `uv run scripts/new-async-project.py ...` "
             "or `python3 -m pip install jinja2` first")
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(TEMPLATES)),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        autoescape=False,
    )
    context = {"package": package, "project_name": package.replace("_", "-"), "http": http}
    out = {}
    for template, target, variant in MANIFEST:
        if variant in (None, http):
            out[target.format(package=package)] = env.get_template(template).render(context).encode()
    out[f"{package}/service.py"] = SERVICE.read_bytes()  # verbatim: one source, no drift
    return out


def main(argv=None) -> int:
    args = parse_args(argv)
    package = check_package_name(args.name)
    target = args.dir if args.dir is not None else Path(package)
    if target.exists() and not target.is_dir():
        fail(f"{target} exists and is not a folder")
    if target.is_dir() and any(target.iterdir()) and not args.force:
        fail(f"{target} is not empty; pick another --dir or pass --force to write into it")
    files = render(package, args.http)
    for rel, data in sorted(files.items()):
        path = target / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
    print(f"wrote {len(files)} files to {target} ({args.http} HTTP layer). Next:")
    print(f"  cd {target} && python3 -m venv .venv && .venv/bin/python -m pip install -e '.[test]'")
    print("  .venv/bin/python -m pytest          # its own tests")
    print(f"  .venv/bin/python -m {package} --port 8080")
    return 0


if __name__ == "__main__":
    sys.exit(main())
