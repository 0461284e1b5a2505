"""find-blocking-calls follows calls into installed packages (issue 10).

Each interpreter gets a throwaway virtual environment into which pip
installs, from local wheels (no network): SDKs written for the test
(`somesdk`, whose Client.fetch sends on the socket its transport opens; `cfgsdk`,
whose constructor reads a config file; `puresdk`, pure functions; `websdk`,
which ends in a catalogued requests call; `brokensdk`, which does not
parse) and a real PyPI package (toml, from the `deps-fixture` group of
pyproject.toml, repacked from the dev venv). The scanner runs as a real
subprocess of the shipped entry point with --python, default discovery
($VIRTUAL_ENV, .venv or venv at the project root, the config key), --no-deps,
and its cache (hits, a version change, corrupt entries, two runs at once).
"""
from __future__ import annotations

import base64
import hashlib
import importlib.metadata
import json
import os
import shutil
import subprocess
import sys
import textwrap
import zipfile
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "scanner"))

import scanner_support as ss  # noqa: E402
from interpreters import example_venv_python, find_interpreters, interpreter_id  # noqa: E402

INTERPRETERS = find_interpreters()
RUNNING = sys.version_info[:2]
PYTHONS = pytest.mark.parametrize("version,python", INTERPRETERS, ids=[interpreter_id(v) for v, _ in INTERPRETERS])
BIN = "Scripts" if os.name == "nt" else "bin"
EXE = "python.exe" if os.name == "nt" else "python"

SOMESDK = {
    "somesdk/__init__.py": """
        from .client import Client
        from .aio import AsyncClient
        """,
    "somesdk/client.py": """
        from ._transport import connect


        class Client:
            def __init__(self, host, port):
                self.host = host
                self.port = port

            def fetch(self, path):
                conn = self._connect()
                conn.sendall(b"GET " + path.encode() + b"\\r\\n")
                return conn.recv(65536)

            def _connect(self):
                return connect(self.host, self.port)
        """,
    "somesdk/_transport.py": """
        import socket


        def connect(host, port):
            return socket.create_connection((host, port), timeout=5)  # noqa
        """,
    # the package's own async code blocks too: it is not loop code to report
    "somesdk/aio.py": """
        import time


        class AsyncClient:
            async def ping(self):
                time.sleep(0.1)
        """,
}
CFGSDK = {
    "cfgsdk/__init__.py": """
        import os


        class Settings:
            def __init__(self, path=None):
                self.values = _load_config(path or os.path.expanduser("~/.cfgsdk.ini"))


        def _load_config(path):
            with open(path) as f:
                return dict(line.split("=", 1) for line in f.read().splitlines() if "=" in line)
        """,
}
PURESDK = {
    "puresdk/__init__.py": """
        def add(a, b):
            return a + b


        def slugify(text):
            return "-".join(text.lower().split())
        """,
}
# requests is not installed in the venv: the catalogue knows requests.get,
# so following stops there and nothing is unfollowed
WEBSDK = {
    "websdk.py": """
        import requests


        def get_status(url):
            return requests.get(url, timeout=5).json()
        """,
}
BROKENSDK = {
    "brokensdk.py": """
        def run():
            print "python 2"
        """,
}
PROJECT = {
    "pyproject.toml": "[project]\nname = 'app'\nversion = '0'\n",
    "app/__init__.py": "",
    "app/handlers.py": """
        import brokensdk
        import cfgsdk
        import missingpkg.sub
        import notinstalled
        import puresdk
        import somesdk
        import tabnanny
        import toml
        import websdk
        from somesdk import AsyncClient


        async def fetch_page():
            client = somesdk.Client("127.0.0.1", 8080)
            return client.fetch("/")  # L:fetch


        async def load_settings():
            return cfgsdk.Settings("app.ini")  # L:settings


        async def compute():
            return puresdk.add(1, 2) + len(puresdk.slugify("A b"))  # L:pure


        async def status():
            return websdk.get_status("http://127.0.0.1:1/status")  # L:status


        async def read_toml():
            return toml.load("settings.toml")  # L:toml


        async def ping():
            await AsyncClient().ping()  # L:ping


        async def broken():
            brokensdk.run()  # L:broken


        async def elsewhere():
            notinstalled.go()  # L:notinstalled
            missingpkg.sub.thing()  # L:missingpkg


        async def lint():
            # the standard library is not followed (the catalogue covers it):
            # tabnanny.check stats and lists folders, uncatalogued
            tabnanny.check("app")  # L:stdlib
        """,
}


def line_of(marker):
    text = textwrap.dedent(PROJECT["app/handlers.py"]).lstrip("\n")
    return next(i for i, ln in enumerate(text.splitlines(), 1) if ln.endswith("# L:" + marker))


# ---- wheels and venvs ---------------------------------------------------------
def record_line(rel, data):
    digest = base64.urlsafe_b64encode(hashlib.sha256(data).digest()).rstrip(b"=").decode()
    return "%s,sha256=%s,%d" % (rel, digest, len(data))


def write_wheel(out: Path, name, version, files: dict, tags=("py3-none-any",), metadata=None):
    """A wheel (zip) with the files, METADATA, WHEEL and RECORD."""
    dist = "%s-%s.dist-info" % (name.replace("-", "_"), version)
    whl = out / ("%s-%s-%s.whl" % (name.replace("-", "_"), version, ".".join(sorted({t.split("-")[0] for t in tags}))
                                   + "-none-any"))
    records = []
    with zipfile.ZipFile(whl, "w") as z:
        entries = {rel: (data if isinstance(data, bytes) else textwrap.dedent(data).lstrip("\n").encode())
                   for rel, data in files.items()}
        entries[dist + "/METADATA"] = metadata or ("Metadata-Version: 2.1\nName: %s\nVersion: %s\n" % (name, version)).encode()
        entries[dist + "/WHEEL"] = ("Wheel-Version: 1.0\nGenerator: test_scanner_deps\nRoot-Is-Purelib: true\n"
                                    + "".join("Tag: %s\n" % t for t in tags)).encode()
        for rel, data in entries.items():
            z.writestr(rel, data)
            records.append(record_line(rel, data))
        z.writestr(dist + "/RECORD", "\n".join(records + [dist + "/RECORD,,"]) + "\n")
    return whl


def repack(dist_name, out: Path):
    """A wheel of a distribution installed in the dev venv (the deps-fixture
    group), made from its installed files: the real package, no network."""
    d = importlib.metadata.distribution(dist_name)
    files = {}
    for f in d.files:
        rel = str(f).replace(os.sep, "/")
        if rel.startswith("..") or "__pycache__" in rel or rel.endswith(".pyc") or ".dist-info/" in rel:
            continue
        files[rel] = Path(f.locate()).read_bytes()
    tags = [ln.split(":", 1)[1].strip() for ln in (d.read_text("WHEEL") or "").splitlines() if ln.startswith("Tag:")]
    return write_wheel(out, d.metadata["Name"], d.version, files, tuple(tags) or ("py3-none-any",),
                       d.read_text("METADATA").encode())


def pip_for(version, python):
    """An interpreter of that version with pip: the dev venv for the running
    version, else its .venv-examples (tools/test.py builds both)."""
    if version == RUNNING:
        return sys.executable
    exe = example_venv_python(version)
    assert exe, "no .venv-examples for %s: run python3 tools/test.py to build it" % (version,)
    return exe


def make_venv(python, where: Path):
    subprocess.run([python, "-m", "venv", "--without-pip", str(where)], check=True, capture_output=True, timeout=300)
    exe = where / BIN / EXE
    site = subprocess.run([str(exe), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                          check=True, capture_output=True, text=True, timeout=120).stdout.strip()
    return exe, Path(site)


def pip_install(pip_python, site: Path, wheels, upgrade=False, any_python=False):
    """`any_python`: install a package whose Requires-Python excludes this
    interpreter (the scanner reads its source; nothing imports it)."""
    p = subprocess.run([pip_python, "-m", "pip", "install", "--no-index", "--no-deps", "--no-cache-dir",
                        "--disable-pip-version-check", "--quiet", "--target", str(site),
                        *(["--upgrade"] if upgrade else []), *(["--ignore-requires-python"] if any_python else []),
                        *[str(w) for w in wheels]],
                       capture_output=True, text=True, timeout=300)
    assert p.returncode == 0, p.stdout + p.stderr


@pytest.fixture(scope="module")
def wheels(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheels")
    return {
        "somesdk": write_wheel(out, "somesdk", "2.3.1", SOMESDK),
        "cfgsdk": write_wheel(out, "cfgsdk", "1.0.0", CFGSDK),
        "puresdk": write_wheel(out, "puresdk", "0.1.0", PURESDK),
        "websdk": write_wheel(out, "websdk", "0.3.0", WEBSDK),
        "brokensdk": write_wheel(out, "brokensdk", "0.0.1", BROKENSDK),
        "toml": repack("toml", out),
    }


@pytest.fixture(scope="module")
def worlds(tmp_path_factory, wheels):
    """Per interpreter (built on first use): a project with its .venv holding
    every package of `wheels`."""
    made = {}

    def get(version, python):
        if version not in made:
            base = tmp_path_factory.mktemp("deps-%s" % interpreter_id(version))
            proj = base / "proj"
            write(proj, PROJECT)
            exe, site = make_venv(python, proj / ".venv")
            pip_install(pip_for(version, python), site, wheels.values())
            made[version] = (proj, exe, site)
        return made[version]
    return get


def write(root: Path, files: dict):
    for name, text in files.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


# ---- running the scanner ----------------------------------------------------------
def scan(args, cwd, python=None, env=None):
    """The shipped entry point in a subprocess, no VIRTUAL_ENV unless given."""
    e = dict(os.environ)
    for k in ("PYTHONPATH", "VIRTUAL_ENV"):
        e.pop(k, None)
    e.update(env or {})
    return subprocess.run([python or sys.executable, str(ss.SCRIPT), *[str(a) for a in args]], capture_output=True,
                          text=True, cwd=cwd, env=e, timeout=600)


def scan_json(args, cwd, python=None, env=None):
    p = scan(["--format", "json", *args], cwd, python, env)
    assert p.returncode in (0, 1), (p.returncode, p.stderr)
    return json.loads(p.stdout), p


def by_line(data):
    out = {}
    for f in data["findings"]:
        assert f["path"] == "app/handlers.py", f  # findings stay in project code
        out.setdefault(f["line"], []).append(f)
    return out


# ---- following -------------------------------------------------------------------
@PYTHONS
def test_calls_are_followed_into_installed_packages(tmp_path, worlds, version, python):
    proj, exe, site = worlds(version, python)
    data, p = scan_json(["--python", exe, "--cache-dir", tmp_path / "cache", "app"], proj, python)
    found = by_line(data)
    vs = "%d.%d" % version
    # the SDK's client: handler -> somesdk 2.3.1: Client.fetch -> conn.sendall, where conn is what
    # _connect() -> _transport.connect() returns (socket.create_connection: a socket.socket)
    (f,) = found.pop(line_of("fetch"))
    assert f["code"] == "BLK601" and f["call"] == "socket.socket.sendall", f
    assert [c.get("function") for c in f["chain"]] == ["somesdk.client.Client.fetch", None], f["chain"]
    assert all(c["distribution"] == "somesdk" and c["version"] == "2.3.1" for c in f["chain"]), f["chain"]
    assert Path(f["chain"][-1]["path"]) == site / "somesdk" / "client.py"
    assert "via somesdk 2.3.1: Client.fetch() -> socket.socket.sendall()" in f["message"], f["message"]
    assert "the blocking call is inside somesdk 2.3.1" in f["replacement"]
    assert f["root"] == {k: f["chain"][-1][k] for k in ("call", "path", "line", "col")}
    # a constructor that reads its config file
    (f,) = found.pop(line_of("settings"))
    assert f["code"] == "BLK401" and f["call"] == "builtins.open"
    assert [c.get("function") for c in f["chain"]] == ["cfgsdk.Settings.__init__", "cfgsdk._load_config", None]
    assert f["chain"][0]["version"] == "1.0.0"
    # a package that ends in a catalogued call (requests is not even installed)
    (f,) = found.pop(line_of("status"))
    assert f["code"] == "BLK201" and f["call"] == "requests.get" and f["chain"][0]["distribution"] == "websdk"
    # a real PyPI package the catalogue does not know
    (f,) = found.pop(line_of("toml"))
    assert f["code"] == "BLK401" and f["chain"][0]["function"] == "toml.decoder.load", f
    assert (f["chain"][0]["distribution"], f["chain"][0]["version"]) == ("toml", "0.10.2")
    # pure functions, the package's own async def, the file that does not parse, the stdlib: nothing
    assert found == {}, found
    assert data["errors"] == [] and p.returncode == 1
    s = data["stats"]
    assert s["python"] == {"executable": str(exe), "version": s["python"]["version"], "from": "--python"}
    assert s["python"]["version"].startswith(vs + ".")
    pk = s["packages"]
    assert {k: pk["distributions"].get(k) for k in ("somesdk", "cfgsdk", "puresdk", "websdk", "toml", "brokensdk")} \
        == {"somesdk": "2.3.1", "cfgsdk": "1.0.0", "puresdk": "0.1.0", "websdk": "0.3.0", "toml": "0.10.2",
            "brokensdk": "0.0.1"}, pk
    assert pk["errors"] == 1 and pk["truncated"] is None and not pk["replayed"]
    assert s["unfollowed"] == {"calls": 2, "packages": {"missingpkg": 1, "notinstalled": 1}}
    assert s["files"] == 2  # project files only; package files are counted apart
    assert s["summarized"] == 2 + pk["files"] and s["cached"] == 0
    # the summary says what was followed and what could not be
    shown = exe.relative_to(proj).as_posix()  # as the output prints paths: relative to the working directory
    assert "Followed calls into 6 installed packages (%d files) of %s.\n" % (pk["files"], shown) in p.stderr, p.stderr
    assert ("2 calls could not be followed into packages not installed in %s: missingpkg (1), notinstalled (1); "
            "run the scanner in the project's environment, or pass --python PATH.\n" % shown) in p.stderr, p.stderr


def test_text_and_sarif_name_the_distribution(tmp_path, worlds):
    proj, exe, site = worlds(RUNNING, sys.executable)
    t = scan(["--python", exe, "--no-cache", "app"], proj)
    assert t.returncode == 1, t.stderr
    head = "app/handlers.py:%d:" % line_of("fetch")
    block = t.stdout[t.stdout.index(head):].splitlines()
    assert "blocks the event loop via somesdk 2.3.1: Client.fetch() -> " in block[0], block
    assert block[1].startswith("    chain: somesdk 2.3.1: somesdk.client.Client.fetch() at "), block[1]
    assert "    fix: offload this call" in t.stdout
    doc = json.loads(scan(["--python", exe, "--no-cache", "--format", "sarif", "app"], proj).stdout)
    res = next(r for r in doc["runs"][0]["results"] if r["locations"][0]["physicalLocation"]["region"]["startLine"]
               == line_of("fetch"))
    texts = [r["message"]["text"] for r in res["relatedLocations"]]
    assert texts[0] == "somesdk 2.3.1: somesdk.client.Client.fetch()", texts
    assert res["relatedLocations"][-1]["physicalLocation"]["artifactLocation"]["uri"] == \
        (site / "somesdk" / "client.py").relative_to(proj).as_posix()


def test_no_deps_turns_following_off(tmp_path, worlds):
    proj, exe, _ = worlds(RUNNING, sys.executable)
    data, p = scan_json(["--python", exe, "--no-deps", "--cache-dir", tmp_path / "c", "app"], proj)
    # only the call the catalogue knows directly is left: none here
    assert data["findings"] == [] and p.returncode == 0
    assert (data["stats"]["python"], data["stats"]["packages"], data["stats"]["unfollowed"]) == (None, None, None)
    assert "Followed" not in p.stderr and "could not be followed" not in p.stderr


# ---- which environment --------------------------------------------------------------------
@PYTHONS
def test_default_environment_discovery(tmp_path, worlds, version, python):
    proj, exe, _ = worlds(version, python)
    cache = ["--cache-dir", tmp_path / "cache"]
    # .venv at the project root (where pyproject.toml is), from a PATH below it
    data, p = scan_json([*cache, "-v", "handlers.py"], proj / "app", python)
    assert data["stats"]["python"]["from"] == ".venv at the project root", data["stats"]["python"]
    assert data["stats"]["python"]["executable"] == str(exe)
    assert "following installed packages of %s (Python %d.%d." % (exe, *version) in p.stderr, p.stderr
    assert line_of("fetch") in {f["line"] for f in data["findings"]}
    # $VIRTUAL_ENV wins, for a project without its own venv
    other = tmp_path / "other"
    write(other, {k: v for k, v in PROJECT.items()})
    data, _ = scan_json([*cache, "app"], other, python, env={"VIRTUAL_ENV": str(proj / ".venv")})
    assert data["stats"]["python"] == {"executable": str(exe), "version": data["stats"]["python"]["version"],
                                       "from": "$VIRTUAL_ENV"}
    assert line_of("fetch") in {f["line"] for f in data["findings"]}
    # the config key, relative to its pyproject.toml; --python wins over it
    (other / "pyproject.toml").write_text('[tool.find-blocking-calls]\npython = "%s"\n'
                                          % os.path.relpath(proj / ".venv", other).replace(os.sep, "/"))
    data, _ = scan_json([*cache, "app"], other, python)
    assert data["stats"]["python"]["from"] == "config" and data["stats"]["python"]["executable"] == str(exe)
    assert line_of("fetch") in {f["line"] for f in data["findings"]}
    data, _ = scan_json([*cache, "--python", python, "app"], other, python)
    assert data["stats"]["python"]["from"] == "--python"
    assert line_of("fetch") not in {f["line"] for f in data["findings"]}  # the bare interpreter has no somesdk
    assert data["stats"]["unfollowed"]["packages"]["somesdk"] == 3  # Client(), .fetch(), AsyncClient()


def test_venv_folder_and_the_running_interpreter(tmp_path):
    # `venv/` at the project root; no project root at all: the interpreter
    # running the scanner (a bare venv has nothing of the project installed)
    proj = tmp_path / "p"
    write(proj, {"setup.cfg": "", "m.py": "import somesdk\nasync def f():\n    somesdk.Client('h', 1).fetch('/')\n"})
    exe, _ = make_venv(sys.executable, proj / "venv")
    data, p = scan_json(["--no-cache", "m.py"], proj)
    assert data["stats"]["python"]["from"] == "venv at the project root" and data["stats"]["python"]["executable"] == \
        str(exe)
    assert data["stats"]["unfollowed"] == {"calls": 1, "packages": {"somesdk": 1}}
    bare = tmp_path / "bare"
    write(bare, {"m.py": "async def f():\n    pass\n"})
    data, _ = scan_json(["--no-cache", "m.py"], bare)
    assert data["stats"]["python"]["from"] == "the interpreter running the scanner"
    assert data["stats"]["python"]["executable"] == sys.executable


def test_an_interpreter_that_cannot_be_used(tmp_path):
    write(tmp_path, {"pyproject.toml": "", "m.py": "import time\nasync def f():\n    time.sleep(1)\n"})
    # named on the command line or in the config: a usage error, one line
    p = scan(["--no-cache", "--python", tmp_path / "nope" / "python", "m.py"], tmp_path)
    assert p.returncode == 2 and p.stdout == "", p
    assert p.stderr == "find-blocking-calls: error: --python %s: no such interpreter\n" % (tmp_path / "nope" / "python")
    fake = tmp_path / "fake-python"
    fake.write_text("#!/bin/sh\necho not python >&2\nexit 3\n")
    fake.chmod(0o755)
    p = scan(["--no-cache", "--python", fake, "m.py"], tmp_path)
    assert p.returncode == 2 and p.stderr.count("\n") == 1, p.stderr
    assert "did not answer as a Python 3 interpreter (exit 3: not python)" in p.stderr
    p = scan(["--no-cache", "--python", tmp_path, "m.py"], tmp_path)
    assert p.returncode == 2 and "a folder without bin/python or Scripts/python.exe" in p.stderr
    # found by default and broken: a notice, and the scan goes on without following
    venv = tmp_path / ".venv"
    (venv / BIN).mkdir(parents=True)
    (venv / "pyvenv.cfg").write_text("home = /nowhere\n")
    shutil.copy(fake, venv / BIN / EXE)
    data, p = scan_json(["--no-cache", "m.py"], tmp_path)
    assert [f["code"] for f in data["findings"]] == ["BLK100"] and data["stats"]["python"] is None
    assert "find-blocking-calls: notice: %s did not answer" % (venv / BIN / EXE) in p.stderr, p.stderr
    assert "not following calls into installed packages (pass --python, or --no-deps)" in p.stderr


# ---- the cache ---------------------------------------------------------------------
@PYTHONS
def test_an_unchanged_rescan_summarizes_nothing(tmp_path, worlds, version, python):
    proj, exe, _ = worlds(version, python)
    args = ["--python", exe, "--cache-dir", tmp_path / "cache", "-v", "app"]
    first, p1 = scan_json(args, proj, python)
    s1 = first["stats"]
    assert s1["cached"] == 0 and s1["summarized"] == 2 + s1["packages"]["files"]
    second, p2 = scan_json(args, proj, python)
    s2 = second["stats"]
    assert s2["summarized"] == 0 and s2["cached"] == s1["summarized"], (s1, s2)
    assert s2["packages"]["replayed"] and s2["packages"]["files"] == s1["packages"]["files"]
    assert "0 files summarized, %d from the cache" % s1["summarized"] in p2.stderr, p2.stderr
    assert "its path from the cache" in p2.stderr  # the interpreter was not asked again
    assert "nothing changed since a scan with the same files, packages and options" in p2.stderr
    assert second["findings"] == first["findings"]
    assert s2["unfollowed"] == s1["unfollowed"] and s2["packages"]["errors"] == 1
    # another selection is another result (from the same summaries)
    narrowed, _ = scan_json([*args, "--ignore", "BLK6"], proj, python)
    assert [f["code"] for f in narrowed["findings"]] == [f["code"] for f in first["findings"] if f["code"] != "BLK601"]
    assert narrowed["stats"]["suppressed_by"]["selection"] == 1 and narrowed["stats"]["summarized"] == 0
    # a changed project file is summarized again, alone; following runs its rounds again
    handlers = proj / "app" / "handlers.py"
    original = handlers.read_text()
    try:
        handlers.write_text(original + "\n\nasync def more():\n    puresdk.add(2, 3)\n")
        third, p3 = scan_json(args, proj, python)
        fourth, p4 = scan_json(args, proj, python)  # the same edited tree again: answered whole
    finally:
        handlers.write_text(original)
    assert third["stats"]["summarized"] == 1 and not third["stats"]["packages"]["replayed"]
    assert third["findings"] == first["findings"] and "nothing changed since" not in p3.stderr
    assert fourth["findings"] == first["findings"] and "nothing changed since a scan" in p4.stderr
    # --no-cache neither reads nor writes
    none, _ = scan_json(["--python", exe, "--no-cache", "app"], proj, python)
    assert none["stats"]["cached"] == 0 and none["stats"]["summarized"] == s1["summarized"]


def test_a_new_package_version_is_summarized_again(tmp_path, wheels):
    proj = tmp_path / "proj"
    write(proj, PROJECT)
    exe, site = make_venv(sys.executable, proj / ".venv")
    pip_install(sys.executable, site, wheels.values())
    args = ["--cache-dir", tmp_path / "cache", "app"]
    first, _ = scan_json(args, proj)
    somesdk_files = 4  # __init__, client, _transport, aio: every module of it is reached
    upgraded = write_wheel(tmp_path, "somesdk", "2.4.0", SOMESDK)  # the same files, a new version
    pip_install(sys.executable, site, [upgraded], upgrade=True)
    second, _ = scan_json(args, proj)
    assert second["stats"]["summarized"] == somesdk_files, second["stats"]
    assert second["stats"]["packages"]["distributions"]["somesdk"] == "2.4.0"
    f = next(f for f in second["findings"] if f["line"] == line_of("fetch"))
    assert {c["version"] for c in f["chain"]} == {"2.4.0"} and "via somesdk 2.4.0: Client.fetch()" in f["message"]
    assert len(second["findings"]) == len(first["findings"])


def entries(cache: Path, part):
    return sorted(p for p in cache.rglob("*") if p.is_file() and part in p.as_posix())


def test_corrupt_cache_entries_are_ignored_and_rewritten(tmp_path, worlds):
    proj, exe, _ = worlds(RUNNING, sys.executable)
    cache = tmp_path / "cache"
    args = ["--python", exe, "--cache-dir", cache, "app"]
    first, _ = scan_json(args, proj)
    sdk = entries(cache, "/packages/somesdk-2.3.1/")
    project = entries(cache, "/files/")
    assert len(sdk) == 4 and len(project) == 2, (sdk, project)
    flipped = bytearray(sdk[0].read_bytes())
    flipped[-3] ^= 0xFF
    sdk[0].write_bytes(bytes(flipped))           # fails its digest
    sdk[1].write_bytes(sdk[1].read_bytes()[:7])  # cut short
    project[0].write_bytes(b"\x00garbage" * 50)   # not an entry at all
    for p in entries(cache, "/plans/") + entries(cache, "/environments/") + entries(cache, "/results/"):
        p.write_text("{not json")
    second, p = scan_json(args, proj)
    assert second["findings"] == first["findings"] and "Traceback" not in p.stderr
    assert second["stats"]["summarized"] == 3, second["stats"]
    third, _ = scan_json(args, proj)
    assert third["stats"]["summarized"] == 0 and third["stats"]["packages"]["replayed"]
    assert third["findings"] == first["findings"]


def test_two_scans_at_once_share_the_cache(tmp_path, worlds):
    proj, exe, _ = worlds(RUNNING, sys.executable)
    cache = tmp_path / "cache"
    cmd = [sys.executable, str(ss.SCRIPT), "--format", "json", "--python", str(exe), "--cache-dir", str(cache), "app"]
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "VIRTUAL_ENV")}
    procs = [subprocess.Popen(cmd, cwd=proj, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
             for _ in range(2)]
    outs = [p.communicate(timeout=600) for p in procs]
    assert [p.returncode for p in procs] == [1, 1], outs
    a, b = (json.loads(o[0]) for o in outs)
    assert a["findings"] == b["findings"] and len(a["findings"]) == 4
    assert entries(cache, ".part") == []  # no temporary file left behind
    third, _ = scan_json(cmd[4:], proj)
    assert third["stats"]["summarized"] == 0 and third["findings"] == a["findings"]


def test_package_files_that_do_not_parse_are_not_project_errors(tmp_path, worlds):
    proj, exe, _ = worlds(RUNNING, sys.executable)
    data, p = scan_json(["--python", exe, "--no-cache", "-v", "app"], proj)
    assert data["errors"] == [] and data["stats"]["packages"]["errors"] == 1
    assert "brokensdk.py:" not in p.stderr  # no error line for it
    assert "; 1 not parsed" in p.stderr and "not parsed (errors above)" not in p.stderr


# A package's abstract interface is a configuration point: which storage a
# user plugs in is their choice, so a call through the interface is not
# blamed on the package's file-backed implementation (tinydb's shape). The
# same interface in project code is dispatched (tests/test_scanner_dispatch.py).
STORESDK = {
    "storesdk/__init__.py": """
        import json
        from abc import ABC, abstractmethod


        class Storage(ABC):
            @abstractmethod
            def write(self, data):
                ...


        class JSONStorage(Storage):
            def __init__(self, path):
                self.path = path

            def write(self, data):
                with open(self.path, "w") as f:
                    json.dump(data, f)


        class MemoryStorage(Storage):
            def __init__(self):
                self.data = None

            def write(self, data):
                self.data = data


        class DB:
            def __init__(self, storage: Storage):
                self._storage: Storage = storage

            def insert(self, row):
                self._storage.write([row])
        """,
}


def test_package_interfaces_are_not_dispatched(tmp_path):
    (tmp_path / "wheels").mkdir()
    wheel = write_wheel(tmp_path / "wheels", "storesdk", "1.0.0", STORESDK)
    proj = tmp_path / "proj"
    write(proj, {"pyproject.toml": "[project]\nname = 'app'\nversion = '0'\n", "app/__init__.py": "",
                 "app/audit.py": """
                     from storesdk import DB, JSONStorage, MemoryStorage


                     async def dry_run(rows):
                         db = DB(MemoryStorage())
                         for row in rows:
                             db.insert(row)                          # 7: in memory


                     async def save(row, store: JSONStorage):
                         store.write([row])                          # 11: the file-backed class itself
                     """})
    exe, site = make_venv(sys.executable, proj / ".venv")
    pip_install(pip_for(RUNNING, sys.executable), site, [wheel])
    data, p = scan_json(["--python", exe, "--no-cache", "app"], proj)
    found = sorted((Path(f["path"]).as_posix(), f["line"], f["code"]) for f in data["findings"])
    assert found == [("app/audit.py", 11, "BLK401")], (found, p.stderr)


# ---- a followed package's subclass of a catalogued class ------------------------
# python-jenkins' shape: `class WrappedSession(requests.Session)`, and a request
# method that prepares (requests' own code: a ~/.netrc check) and sends. With
# requests installed and followed, the send is the catalogued row: the chain
# ends there (an HTTP request), not in requests' internals.
JENKINSLIKE = {
    "jenkinslike.py": """
        import requests


        class WrappedSession(requests.Session):
            pass


        class Jenkins:
            def __init__(self, url):
                self.url = url
                self._session = WrappedSession()

            def _request(self, req):
                r = self._session.prepare_request(req)
                return self._session.send(r, timeout=5)

            def get_job_info(self, name):
                return self._request(requests.Request("GET", self.url + "/job/" + name)).json()
        """,
}
CI_PROJECT = {
    "pyproject.toml": "[project]\nname = 'ci'\nversion = '0'\n",
    "ci/__init__.py": "",
    "ci/health.py": """
        from jenkinslike import Jenkins

        server = Jenkins("https://ci.example")


        async def job_health(job):
            return server.get_job_info(job)["color"]               # 7
        """,
}


def scan_with_packages(tmp_path, version, python, project, package, wheels):
    """Scan `package` of `project` (files), whose .venv holds `wheels`
    (made in a folder by a function of it), following calls into them."""
    out = tmp_path / "wheels"
    out.mkdir()
    write(tmp_path / "proj", project)
    exe, site = make_venv(python, tmp_path / "proj" / ".venv")
    pip_install(pip_for(version, python), site, wheels(out), any_python=True)
    return scan_json(["--no-cache", package], tmp_path / "proj", python)


@PYTHONS
def test_a_followed_subclass_of_a_catalogued_class_ends_at_the_catalogue(tmp_path, version, python):
    data, p = scan_with_packages(tmp_path, version, python, CI_PROJECT, "ci", lambda out: [
        repack("requests", out), write_wheel(out, "jenkinslike", "1.0.0", JENKINSLIKE)])
    (f,) = data["findings"]
    assert (f["line"], f["code"], f["call"]) == (7, "BLK201", "requests.Session.send"), (f, p.stderr)
    assert [c.get("function") for c in f["chain"][:2]] == ["jenkinslike.Jenkins.get_job_info", "jenkinslike.Jenkins._request"]
    assert data["stats"]["packages"]["distributions"]["requests"] == importlib.metadata.version("requests")


# ---- imports a package's own module-level code made already ------------------
# voluptuous' shape: the package's __init__ imports its validators module, and a
# class imports from it again inside a call. The project imports the package at
# module level, so by then the validators module is loaded: that inner import is a
# dictionary lookup. A module nothing imports before (plugpkg.lazy) still is not.
PLUGPKG = {
    "plugpkg/__init__.py": """
        from plugpkg import validators
        from plugpkg.schema import Required
        """,
    "plugpkg/validators.py": """
        def Any(*options):
            return options
        """,
    "plugpkg/schema.py": """
        class Required:
            def __init__(self, key):
                from plugpkg.validators import Any
                self.key = Any(key)

            def extra(self):
                from plugpkg import lazy
                return lazy.value()
        """,
    "plugpkg/lazy.py": """
        def value():
            return 1
        """,
}
PLUG_PROJECT = {
    "pyproject.toml": "[project]\nname = 'plug'\nversion = '0'\n",
    "plug/__init__.py": "",
    "plug/flow.py": """
        import plugpkg


        async def step(key):
            field = plugpkg.Required(key)                          # 5: loaded
            return field.extra()                                   # 6: plugpkg.lazy
        """,
}


# The same package imported only inside loop code: its first use is reported,
# but once any of its functions runs, plugpkg/__init__.py has run, so the inner
# import of plugpkg.validators (which that __init__ imports) is a lookup too.
LAZY_PROJECT = {
    "pyproject.toml": "[project]\nname = 'plug'\nversion = '0'\n",
    "plug/__init__.py": "",
    "plug/flow.py": """
        async def step(key):
            from plugpkg.schema import Required                    # 2: first use of plugpkg
            field = Required(key)                                  # 3: plugpkg.validators is loaded
            return field.extra()                                   # 4: plugpkg.lazy
        """,
}


PLUG_CASES = {
    "the project imports the package at module level": (PLUG_PROJECT, [(6, "BLK411", "from plugpkg import lazy")]),
    "the project imports it in loop code": (LAZY_PROJECT, [(2, "BLK410", "from plugpkg.schema import Required"),
                                                           (4, "BLK411", "from plugpkg import lazy")]),
}


@PYTHONS
@pytest.mark.parametrize("case", list(PLUG_CASES))
def test_imports_a_package_made_at_module_level_are_loaded(tmp_path, version, python, case):
    project, expected = PLUG_CASES[case]
    data, p = scan_with_packages(tmp_path, version, python, project, "plug", lambda out: [
        write_wheel(out, "plugpkg", "1.0.0", PLUGPKG)])
    got = [(f["line"], f["code"], f["call"]) for f in data["findings"]]
    assert got == expected, (got, p.stderr)


# ---- what an installed package runs on this machine ---------------------------------
# A package installed here was built for this platform: its branches for another
# OS never run (filelock's Windows stub of the Unix lock). And its sole
# implementation of an abstract method is what its base class runs (invoke's
# Runner.start is Local.start); with two or more (storesdk above), which one runs
# is the caller's choice. The project's own platform branches stay: it may be
# deployed elsewhere. A call into it is reported for its main path's blocking
# work over what runs only after a failure (an except handler, a retry). A type
# it declares as an abstract base is narrowed to the subclass it builds or is
# passed (tinydb: `self._storage: Storage = storage(...)`, handed to `Table`).
OPSDK = {
    "opsdk/__init__.py": """
        from ._lock import FileLock, flush_all, settle
        from .runners import Context
        from .store import listing, ping, save
        from .tables import DB
        """,
    # tinydb's shape: the storage is declared as the abstract base all the way
    # down, but the constructor builds its default class and hands it on
    "opsdk/tables.py": """
        import json
        from abc import ABC, abstractmethod


        class Storage(ABC):
            @abstractmethod
            def write(self, data):
                ...


        class JSONStorage(Storage):
            def __init__(self, path):
                self.path = path

            def write(self, data):
                with open(self.path, "w") as f:
                    f.write(json.dumps(data))


        class MemoryStorage(Storage):
            def __init__(self, path=None):
                self.data = None

            def write(self, data):
                self.data = data


        class Table:
            def __init__(self, storage: Storage, name: str):
                self._storage = storage
                self.name = name

            def insert(self, row):
                self._storage.write({self.name: [row]})


        class DB:
            default_storage_class = JSONStorage

            def __init__(self, *args, **kwargs):
                storage = kwargs.pop("storage", self.default_storage_class)
                self._storage: Storage = storage(*args, **kwargs)

            @property
            def storage(self) -> Storage:
                return self._storage

            def table(self, name) -> Table:
                return Table(self.storage, name)
        """,
    # what runs only after a failure weighs least: a call is reported for its main path
    "opsdk/store.py": """
        import os
        import time
        from contextlib import suppress


        def save(path, data):
            for delay in (0.01, 0.1, 1.0):
                with suppress(PermissionError):
                    with open(path, "w") as f:
                        f.write(data)
                    break
                time.sleep(delay)


        def listing(folder):
            try:
                return os.listdir(folder)
            except OSError:
                time.sleep(1)
                raise


        def ping(value):
            try:
                return int(value)
            except ValueError:
                time.sleep(1)
                raise
        """,
    "opsdk/_lock.py": """
        import os
        import platform
        import sys
        import time

        IS_WINDOWS = sys.platform.startswith(("win", "cygwin"))

        if sys.platform not in ("win32", "cygwin"):
            class FileLock:
                def __init__(self, path):
                    self.path = path

                def acquire(self):
                    self.fd = os.open(self.path, os.O_CREAT | os.O_RDWR)
        else:
            class FileLock:
                def __init__(self, path):
                    self.path = path

                def acquire(self):
                    raise NotImplementedError


        def settle():
            if IS_WINDOWS:
                time.sleep(0.5)  # let a virus scanner release the file
            return True


        def flush_all():
            if os.name == "nt" or platform.system() == "Windows":
                time.sleep(1)
            elif not sys.platform != "darwin":
                time.sleep(0.1)
        """,
    "opsdk/runners.py": """
        import subprocess


        class Runner:
            def run(self, command):
                self.start(command)
                return self.wait()

            def start(self, command):
                raise NotImplementedError

            def wait(self):
                return 0


        class Local(Runner):
            def start(self, command):
                self.process = subprocess.Popen(command, shell=True)


        class Context:
            def __init__(self, runners=None):
                self.runners = runners or {"local": Local}

            def run(self, command):
                runner: Runner = self.runners["local"]()
                return runner.run(command)
        """,
}
OPS_PROJECT = {
    "pyproject.toml": "[project]\nname = 'ops'\nversion = '0'\n",
    "ops/__init__.py": "",
    "ops/tasks.py": """
        import sys
        import time

        from opsdk import DB, Context, FileLock, flush_all, listing, ping, save, settle


        async def lock(path):
            FileLock(path).acquire()                               # 8


        async def settled():
            return settle()


        async def flush():
            flush_all()


        async def run(command):
            return Context().run(command)                          # 20


        async def own(path):
            if sys.platform == "win32":
                time.sleep(1)                                      # 25


        async def store(path):
            save(path, "x")                                        # 29: the open, not the retry sleep
            return listing(path)                                   # 30: the listdir, not the handler's sleep


        async def check(value):
            return ping(value)                                     # 34: only the handler blocks


        async def audit(row):
            DB("audit.json").table("actions").insert(row)          # 38: the JSON file, through Storage
        """,
}


@pytest.mark.skipif(sys.platform in ("win32", "cygwin", "darwin"), reason="the package's branches are for Linux here")
def test_other_platforms_branches_sole_implementations_and_error_paths_of_a_package(tmp_path):
    data, p = scan_with_packages(tmp_path, RUNNING, sys.executable, OPS_PROJECT, "ops", lambda out: [
        write_wheel(out, "opsdk", "1.0.0", OPSDK)])
    got = [(f["line"], f["code"], f["call"]) for f in data["findings"]]
    assert got == [(8, "BLK401", "os.open"), (20, "BLK301", "subprocess.Popen"), (25, "BLK100", "time.sleep"),
                   (29, "BLK401", "builtins.open"), (30, "BLK401", "os.listdir"), (34, "BLK101", "time.sleep"),
                   (38, "BLK401", "builtins.open")], \
        (got, p.stderr)
