"""Project configuration: [tool.find-blocking-calls] in pyproject.toml.

    [tool.find-blocking-calls]
    select = ["BLK1", "BLK2"]          # codes, code prefixes or family names
    ignore = ["BLK4"]
    exclude = ["migrations/*", "scripts/*"]
    python = ".venv"                   # whose installed packages are followed (relative to this file)
    [tool.find-blocking-calls.blocking-calls]
    "mycorp.sdk.Client.fetch" = "await mycorp.sdk.AsyncClient.fetch(...)"
    "mycorp.legacy.wait_ready" = { replacement = "await wait_ready_async()", code = "BLK800", why = "polls a lock file" }

Read with tomllib (Python 3.11+), or on 3.9/3.10 with the copy of tomli
vendored in blockscan/tomli (the same TOML 1.0 parser), so every supported
Python reads the same configuration.
"""
import os

SECTION = "find-blocking-calls"


class ConfigError(Exception):
    pass


def find_pyproject(start):
    d = os.path.abspath(start)
    if os.path.isfile(d):
        d = os.path.dirname(d)
    while True:
        cand = os.path.join(d, "pyproject.toml")
        if os.path.isfile(cand):
            return cand
        parent = os.path.dirname(d)
        if parent == d:
            return None
        d = parent


def toml_parser():
    """A module with loads() and TOMLDecodeError: tomllib when the Python has
    it (3.11+), else the vendored tomli (3.9, 3.10)."""
    try:
        import tomllib
    except ImportError:
        from blockscan.tomli import parser as tomllib
    return tomllib


def load(path, notice):
    """Return the section as a dict ({} when absent)."""
    try:
        with open(path, "rb") as f:
            raw = f.read()
    except OSError as exc:
        raise ConfigError("cannot read %s: %s" % (path, exc.strerror or exc)) from None
    # a cheap pre-check only: TOML also spells the table `[ tool.find-blocking-calls ]`,
    # `[tool."find-blocking-calls"]` or `find-blocking-calls.ignore = [...]` under `[tool]`
    if SECTION.encode() not in raw:
        return {}
    toml = toml_parser()
    try:
        data = toml.loads(raw.decode("utf-8"))
    except (toml.TOMLDecodeError, UnicodeDecodeError, RecursionError) as exc:
        raise ConfigError("%s: invalid TOML: %s" % (path, str(exc).splitlines()[0] if str(exc) else type(exc).__name__)) from None
    section = data.get("tool", {}).get(SECTION, {})
    if not isinstance(section, dict):
        raise ConfigError("%s: [tool.%s] must be a table" % (path, SECTION))
    known = {"select", "ignore", "exclude", "blocking-calls", "loop-callbacks", "python"}
    for key in section:
        if key not in known:
            raise ConfigError("%s: unknown key %r in [tool.%s] (known: %s)"
                              % (path, key, SECTION, ", ".join(sorted(known))))
    for key in ("select", "ignore", "exclude", "loop-callbacks"):
        v = section.get(key)
        if v is not None and (not isinstance(v, list) or not all(isinstance(x, str) for x in v)):
            raise ConfigError("%s: %s must be a list of strings" % (path, key))
    python = section.get("python")
    if python is not None and (not isinstance(python, str) or not python.strip()):
        raise ConfigError("%s: python must be a path (an interpreter or a virtual environment folder)" % path)
    calls = section.get("blocking-calls", {})
    if not isinstance(calls, dict):
        raise ConfigError("%s: blocking-calls must be a table of name = replacement" % path)
    return section


def catalogue_subrules():
    """Sub-rule prefixes (BLK41) that catalogued calls use."""
    from blockscan import catalogue
    return {code[:5] for code, _, _ in catalogue.load().values()}


def parse_extra(items, families, where, subrules=None):
    """{qualified name: replacement or table} -> {name: (code, why, replacement)}.
    A code is a family's (BLK200) or a sub-rule's (BLK420: a `subrules` prefix,
    by default any the catalogue uses), with route digit 0: the scanner sets
    the route where it reports."""
    out = {}
    for name, value in items.items():
        if not isinstance(name, str) or not name or " " in name or name.startswith(".") or name.endswith("."):
            raise ConfigError("%s: bad blocking-call name %r (use a dotted name like pkg.module.func)" % (where, name))
        code, why, instead = "BLK000", "", ""
        if isinstance(value, str):
            instead = value
        elif isinstance(value, dict):
            instead = value.get("replacement", "")
            why = value.get("why", "")
            code = value.get("code", code)
        else:
            raise ConfigError("%s: blocking-calls %r: give a replacement string or a table" % (where, name))
        if not (isinstance(code, str) and len(code) == 6 and code[:4] in families and code.endswith("0")
                and (code[4] == "0" or code[:5] in (subrules if subrules is not None else catalogue_subrules()))):
            raise ConfigError("%s: blocking-calls %r: code must be a family or sub-rule code such as BLK000, "
                              "BLK200 or BLK420, got %r" % (where, name, code))
        fam = families[code[:4]]
        out[name] = (code, why or fam[1], instead or fam[2])
    return out
