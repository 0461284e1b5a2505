"""The scanner on code shaped like the real projects it missed or cried wolf on.

`tests/scanner/realcode/` holds three small applications written the way
their kind is written in the wild: a home automation hub (plugins imported on
demand, loop callbacks marked by the hub's own `@callback` decorator and
declared in its pyproject.toml, protocol classes, cached SSL contexts and time
zones, receivers typed across modules), a bot framework and a bot using it
(a session built only when none is given), a Textual/Tornado dashboard and an
image service (in-memory buffers, overloads). Every blocking call is labelled
`# expect: CODE` by what it does at run time; the scan must match the labels
exactly on every CPython 3.9+ present. The other tests check one mechanism
each on code written for it, including the precision rules (what must not be
reported), and that the catalogue's first-call-only rows really block on the
first call only (an audit hook records what each call does).
"""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "scanner"))

import scanner_support as ss  # noqa: E402
from interpreters import find_interpreters, interpreter_id  # noqa: E402

INTERPRETERS = find_interpreters()
PYTHONS = pytest.mark.parametrize("python", [p for _, p in INTERPRETERS], ids=[interpreter_id(v) for v, _ in INTERPRETERS])
REALCODE = ss.HERE / "realcode"


def write(root: Path, files: dict):
    for name, text in files.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


def scan(root: Path, files=None, args=(), python=None):
    if files:
        write(root, files)
    p = ss.run(["--format", "json", "--no-config", *args, "."], python=python, cwd=root)
    assert p.returncode in (0, 1), p.stderr
    return json.loads(p.stdout)


def codes(data):
    return sorted((Path(f["path"]).as_posix(), f["line"], f["code"]) for f in data["findings"])


def realcode(args=(), python=None):
    """Findings on the realcode corpus, reading its pyproject.toml (loop-callbacks)."""
    result, _ = ss.run_json(["realcode", *args], python=python, cwd=ss.HERE)
    assert result["errors"] == [], result["errors"]
    return result


def by_line(result):
    return {(Path(f["path"]).relative_to("realcode").as_posix(), f["line"]): f for f in result["findings"]}


# ---- the corpus ----------------------------------------------------------------
@PYTHONS
def test_realcode_findings_match_the_labels(python):
    result = realcode(python=python)
    expected = ss.expectations(REALCODE)
    got = ss.found(result, REALCODE)
    missing = sorted((expected - got).elements())
    extra = sorted((got - expected).elements())
    assert not missing and not extra, "missed: %s\nnot labelled: %s" % (missing, extra)
    # every mechanism of the corpus is exercised: sub-rules and first-call routes
    assert {k[2] for k in expected} >= {"BLK400", "BLK401", "BLK403", "BLK410", "BLK411", "BLK413", "BLK420",
                                         "BLK421", "BLK423", "BLK303", "BLK600", "BLK700"}


def test_the_function_named_is_the_one_the_loop_runs():
    found = by_line(realcode())
    expect = {
        ("homehub/history.py", 26): "homehub.history.Recorder._purge",               # loop.call_later
        ("homehub/history.py", 32): "homehub.history.Recorder._on_event",            # @callback (pyproject)
        ("homehub/discovery.py", 21): "homehub.discovery.DiscoveryProtocol.datagram_received",
        ("homehub/platforms/light.py", 16): "homehub.platforms.light.SerialBridge.connection_made",
        ("homehub/runner.py", 20): "homehub.runner.reload_config",                   # add_signal_handler
        ("homehub/runner.py", 24): "homehub.runner._log_exit",                       # add_done_callback(partial)
        ("dashboard/tui.py", 26): "dashboard.tui.Dashboard.export",                  # textual.on
        ("dashboard/poller.py", 24): "dashboard.poller.Poller._poll",                # PeriodicCallback
        ("dashboard/poller.py", 27): "dashboard.poller.Poller._flush",               # IOLoop.add_callback
        ("dashboard/poller.py", 36): "dashboard.poller.StateHandler.get",            # a sync Tornado handler
        ("mcptools/arxiv.py", 19): "mcptools.arxiv.search",                          # mcp 1.x @mcp.tool()
        ("mcptools/arxiv.py", 29): "mcptools.arxiv.version",                         # @mcp.resource(...)
    }
    for where, function in expect.items():
        assert found[where]["function"] == function, (where, found[where]["function"])
    lam = found[("homehub/runner.py", 47)]["function"]
    assert lam.startswith("homehub.runner.async_run.<lambda>"), lam
    # a concurrent future calls _backup_done in its worker thread: not loop code
    assert not any(f["function"].endswith("_backup_done") for f in found.values())


def test_loop_callbacks_come_from_the_config_or_the_flag():
    decorated = {("homehub/history.py", 32), ("homehub/entity.py", 41)}
    assert decorated <= set(by_line(realcode()))
    without = by_line(realcode(["--no-config"]))
    assert not decorated & set(without)
    flagged = by_line(realcode(["--no-config", "--loop-callback", "homehub.core.callback"]))
    assert decorated <= set(flagged)


def test_fix_hints_and_messages():
    found = by_line(realcode())
    bot = found[("chatbot/mybot/main.py", 24)]
    assert "pass Bot and its arguments" in bot["replacement"], bot["replacement"]
    assert [c.get("function") or c.get("call") for c in bot["chain"]] == [
        "botkit.bot.Bot.__init__", "botkit.session.HttpSession.__init__", "ssl.create_default_context"]
    state = found[("homehub/entity.py", 44)]
    assert state["message"].startswith("reading Entity.state blocks the event loop"), state["message"]
    tz = found[("homehub/api.py", 27)]
    assert "first call only" in tz["message"] and tz["code"] == "BLK403", tz
    imp = found[("homehub/loader.py", 47)]
    assert imp["call"] == "from homehub import discovery" and imp["code"] == "BLK410", imp


@pytest.mark.parametrize("args,kept", [
    (["--ignore", "BLK40"], {"BLK410", "BLK411", "BLK413", "BLK420", "BLK421", "BLK423"}),
    (["--ignore", "BLK4"], set()),
    (["--select", "BLK41"], {"BLK410", "BLK411", "BLK413"}),
    (["--select", "BLK413"], {"BLK413"}),
    (["--select", "BLK42"], {"BLK420", "BLK421", "BLK423"}),
])
def test_sub_rules_are_selected_by_prefix(args, kept):
    result = realcode(args)
    got = {f["code"] for f in result["findings"] if f["code"].startswith("BLK4")}
    assert got == kept, got


def test_explain_pages_say_what_loop_code_is():
    page = ss.run(["--explain", "BLK"]).stdout
    for needle in ("async def", "call_soon", "add_done_callback", "Protocol", "RequestHandler",
                   "loop-callbacks", "@property", "Not loop code", "concurrent.futures.Future", "3`: first call only"):
        assert needle in page, needle
    family = ss.run(["--explain", "BLK413"]).stdout
    assert "### BLK41x imports on the loop" in family and "### BLK42x TLS setup" in family
    assert "loop-callbacks" in ss.run(["--explain", "config"]).stdout


# ---- loop code ------------------------------------------------------------------
def test_sync_code_the_loop_runs(tmp_path):
    data = scan(tmp_path, {"svc.py": """
        import asyncio, functools, os, socket, time
        import concurrent.futures

        POOL = concurrent.futures.ThreadPoolExecutor()

        class Proto(asyncio.BufferedProtocol):
            def get_buffer(self, n):
                time.sleep(0.1)                                   # 8
                return bytearray(n)

            def helper(self):
                time.sleep(1)                                     # not run by the loop itself

        def on_readable(sock: socket.socket):
            return sock.recv(1024)                                # 15: BLK600

        def tick(n):
            os.stat("/srv")                                       # 18
            asyncio.get_running_loop().call_at(0, tick, n + 1)

        def in_thread(fut):
            os.stat("/srv")                                       # the pool's thread

        async def main(sock):
            loop = asyncio.get_running_loop()
            loop.add_reader(sock, on_readable, sock)
            loop.call_later(1, functools.partial(tick, 0))
            loop.call_soon(lambda: os.listdir("/srv"))            # 28
            POOL.submit(print).add_done_callback(in_thread)
            tick(5)                                               # reported inside tick, not again here
        """})
    assert codes(data) == [("svc.py", 8, "BLK100"), ("svc.py", 15, "BLK600"), ("svc.py", 18, "BLK400"),
                           ("svc.py", 28, "BLK400")]


def test_a_property_read_runs_its_getter(tmp_path):
    data = scan(tmp_path, {
        "dev.py": """
            import functools, json

            class Device:
                def __init__(self, path):
                    self.path = path

                @property
                def config(self):
                    with open(self.path) as f:
                        return json.load(f)

                @functools.cached_property
                def serial(self):
                    with open("/etc/machine-id") as f:
                        return f.read()

                @property
                def name(self):
                    return self.path.rsplit("/", 1)[-1]
            """,
        "app.py": """
            from dev import Device

            async def show(dev: Device):
                conf = dev.config                  # 4
                sn = dev.serial                    # 5
                return conf, sn, dev.name          # no I/O in the getter
            """})
    assert codes(data) == [("app.py", 4, "BLK401"), ("app.py", 5, "BLK403")]


# ---- first call only -------------------------------------------------------------
def test_caches_warmed_at_import_time_are_not_reported(tmp_path):
    data = scan(tmp_path, {
        "pkg/__init__.py": "",
        "pkg/tls.py": """
            import functools, ssl

            @functools.lru_cache(maxsize=None)
            def context(purpose="client"):
                return ssl.create_default_context()
            """,
        "pkg/boot.py": """
            from pkg.tls import context
            from pkg import zones
            DEFAULT = context()               # warms context() for the no-argument call
            zones.prepare()                   # runs prepare() at import time, which warms zone("UTC")
            """,
        "pkg/zones.py": """
            import functools, zoneinfo

            @functools.cache
            def zone(key):
                return zoneinfo.ZoneInfo(key)

            def prepare():
                zone("UTC")
            """,
        "pkg/app.py": """
            import zoneinfo
            from pkg.tls import context
            from pkg.zones import zone

            async def handler(key):
                a = context()                 # warm: not reported
                b = context("server")         # 7: other arguments, not warmed
                c = zone("UTC")               # warm through prepare()
                d = zone(key)                 # 9
                e = zoneinfo.ZoneInfo(key)    # 10: ZoneInfo caches per key itself
                return a, b, c, d, e
            """})
    assert codes(data) == [("pkg/app.py", 7, "BLK423"), ("pkg/app.py", 9, "BLK403"), ("pkg/app.py", 10, "BLK403")]


def test_memo_patterns_block_on_the_first_call_only(tmp_path):
    data = scan(tmp_path, {"memo.py": """
        import json, time
        import requests

        _CONFIG = None
        _CACHE = {}
        _TOKENS = {}
        _JWKS = {"keys": None, "at": 0.0}

        def config():
            global _CONFIG
            if _CONFIG is None:
                _CONFIG = json.load(open("config.json"))
            return _CONFIG

        def page(url):
            if url in _CACHE:
                return _CACHE[url]
            body = requests.get(url).text
            _CACHE[url] = body
            return body

        def token(name):
            try:
                return _TOKENS[name]
            except KeyError:
                _TOKENS[name] = open("/run/secrets/" + name).read()
            return _TOKENS[name]

        def jwks():
            # refreshed every hour: blocks again and again
            if _JWKS["keys"] is None or time.time() - _JWKS["at"] > 3600:
                _JWKS["keys"] = requests.get("https://idp/jwks").json()
            return _JWKS["keys"]

        class Client:
            def __init__(self):
                self._session = None

            def session(self):
                if self._session is None:
                    self._session = requests.Session()
                    self._session.get("https://api/login")
                return self._session

        async def handler(c: Client):
            return config(), page("u"), token("db"), jwks(), c.session()   # 46
        """})
    got = [code for _, line, code in codes(data)]
    assert sorted(got) == ["BLK201", "BLK203", "BLK203", "BLK403", "BLK403"], codes(data)


# ---- guarded branches -------------------------------------------------------------
def test_a_branch_dead_for_the_arguments_given_is_not_blamed(tmp_path):
    data = scan(tmp_path, {"g.py": """
        import ssl, time

        class Client:
            def __init__(self, name, ctx=None, retries=None):
                if ctx is None:
                    ctx = ssl.create_default_context()
                self.ctx = ctx
                if not retries:
                    time.sleep(1)

        def build(name, ctx=None):
            return Client(name, ctx=ctx, retries=3)

        async def main(shared):
            Client("a", shared, 2)            # both guards given: nothing blocks
            Client("b", ctx=shared)           # 16: retries not given
            Client("c", shared, 0)            # 17: 0 is falsy: `if not retries` runs
            build("d", shared)                # passes ctx on: dead
            build("e")                        # 19: ctx None reaches Client
        """})
    assert codes(data) == [("g.py", 16, "BLK101"), ("g.py", 17, "BLK101"), ("g.py", 19, "BLK421")]


def test_a_branch_that_runs_only_for_a_given_argument(tmp_path):
    data = scan(tmp_path, {"payload.py": """
        import mimetypes, os

        class Payload:
            def __init__(self, value, content_type=None, filename=None, cache_dir=None, **kwargs):
                self._filename = filename
                if content_type is not None:
                    self.content_type = content_type
                elif self._filename is not None:
                    self.content_type = mimetypes.init()        # runs only with a filename
                if cache_dir:
                    os.makedirs(cache_dir, exist_ok=True)       # runs only with a (truthy) cache_dir
                self.extra = kwargs

        class JsonPayload(Payload):
            def __init__(self, value, **kwargs):
                super().__init__(value, content_type="application/json", **kwargs)

        class FilePayload(Payload):
            def __init__(self, value, **kwargs):
                super().__init__(value, **kwargs)

        async def send(body, path):
            JsonPayload(body)                                   # neither branch runs
            FilePayload(body)                                   # no filename, no cache_dir
            FilePayload(body, filename=path)                    # 25: the filename branch
            Payload(body, cache_dir="")                         # falsy: no makedirs
            Payload(body, cache_dir=path)                       # 27
            upload(None)                                        # returns early
            upload(path)                                        # 29
            auth(None)                                          # trust_env defaults to False
            auth(None, trust_env=True)                          # 31

        def upload(src=None):
            if not src:
                return None
            return open(src, "rb")

        def auth(user, trust_env=False):
            if user is None and trust_env:
                return open(os.path.expanduser("~/.netrc")).read()
            return user
        """})
    assert codes(data) == [("payload.py", 25, "BLK401"), ("payload.py", 27, "BLK401"), ("payload.py", 29, "BLK401"),
                           ("payload.py", 31, "BLK401")]


# ---- imports ---------------------------------------------------------------------
def test_imports_on_the_loop_and_what_is_already_loaded(tmp_path):
    data = scan(tmp_path, {
        "app/__init__.py": "",
        "app/main.py": """
            import json
            from app import models

            async def handler():
                import json                            # imported at module level here
                import asyncio.queues                  # asyncio loads it
                from os import path                    # loaded at start-up
                from concurrent import futures         # asyncio imports concurrent.futures
                from app import models                 # the program imports it
                from . import reports                  # 10: nobody imports it at module level
                from logging import handlers           # 11: logging is loaded, logging.handlers is not
                import xml.dom.minidom                 # 12
                from typing import TYPE_CHECKING
                if TYPE_CHECKING:
                    import sqlite3
                return json, models, reports, handlers, path, futures, xml
            """,
        "app/models.py": "",
        "app/reports.py": "import csv\n",
    })
    assert codes(data) == [("app/main.py", 10, "BLK410"), ("app/main.py", 11, "BLK410"),
                           ("app/main.py", 12, "BLK410")]


# ---- the catalogue's first-call-only rows, checked at run time --------------------
AUDIT = r"""
import sys
events = []
def hook(ev, args):
    if ev in ("open", "subprocess.Popen", "os.listdir", "os.scandir", "socket.gethostbyaddr"):
        events.append(ev)
{setup}
sys.addaudithook(hook)
{call}
first = len(events)
del events[:]
{call}
print(first, len(events))
"""

FIRST_CALL_ONLY = {
    "zoneinfo.ZoneInfo": ("import zoneinfo", "zoneinfo.ZoneInfo('Europe/Paris')"),
    "mimetypes.guess_type": ("import mimetypes", "mimetypes.guess_type('a.txt')"),
    "tempfile.gettempdir": ("import tempfile", "tempfile.gettempdir()"),
    "platform.platform": ("import platform, subprocess", "platform.platform()"),
}
EVERY_CALL = {
    "platform.architecture": ("import platform, subprocess", "platform.architecture()"),
    "importlib.metadata.version": ("import importlib.metadata", "importlib.metadata.version('pip')"),
    "email.utils.make_msgid": ("import email.utils, socket", "email.utils.make_msgid()"),
    "zoneinfo.available_timezones": ("import zoneinfo", "zoneinfo.available_timezones()"),
}


@PYTHONS
@pytest.mark.parametrize("name", sorted(FIRST_CALL_ONLY) + sorted(EVERY_CALL))
def test_catalogue_rows_do_what_they_say(name, python):
    sys.path.insert(0, str(ss.ROOT / "scripts"))
    from blockscan import catalogue
    setup, call = FIRST_CALL_ONLY.get(name) or EVERY_CALL[name]
    if name == "importlib.metadata.version":
        # needs an installed distribution: pip ships with every interpreter here
        call = call.replace("'pip'", "'%s'" % "pip")
    p = subprocess.run([python, "-I", "-c", AUDIT.format(setup=setup, call=call)],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    first, second = map(int, p.stdout.split())
    assert first > 0, "%s did no I/O on its first call" % name
    if name in FIRST_CALL_ONLY:
        assert name in catalogue.FIRST_CALL_ONLY
        assert second == 0, "%s did I/O again (%d events) on its second call" % (name, second)
    else:
        assert name not in catalogue.FIRST_CALL_ONLY
        assert second > 0, "%s did no I/O on its second call" % name


# Third-party rows, run with the dev venv's interpreter (pytz and
# python-dateutil are dev dependencies for this check).
THIRD_PARTY_FIRST_CALL_ONLY = {
    "pytz.timezone": ("import pytz", "pytz.timezone('Europe/Paris')"),
    "dateutil.tz.gettz": ("import dateutil.tz", "dateutil.tz.gettz('Europe/Paris')"),
}


@pytest.mark.parametrize("name", sorted(THIRD_PARTY_FIRST_CALL_ONLY))
def test_third_party_first_call_rows_do_what_they_say(name):
    sys.path.insert(0, str(ss.ROOT / "scripts"))
    from blockscan import catalogue
    setup, call = THIRD_PARTY_FIRST_CALL_ONLY[name]
    p = subprocess.run([sys.executable, "-c", AUDIT.format(setup=setup, call=call)],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    first, second = map(int, p.stdout.split())
    assert first > 0 and second == 0, (name, first, second)
    assert name in catalogue.FIRST_CALL_ONLY and name in catalogue.load()


def test_pytz_utc_reads_nothing_and_is_not_reported(tmp_path):
    """pytz.timezone("UTC") returns pytz.utc before it opens the zone
    database (checked here with an audit hook); any other name opens about
    600 files on the first call."""
    p = subprocess.run([sys.executable, "-c", AUDIT.format(setup="import pytz", call="pytz.timezone('UTC')")],
                       capture_output=True, text=True, timeout=120)
    assert p.returncode == 0, p.stderr
    assert p.stdout.split() == ["0", "0"], p.stdout
    p = subprocess.run([sys.executable, "-c", AUDIT.format(setup="import pytz", call="pytz.timezone('Asia/Tokyo')")],
                       capture_output=True, text=True, timeout=120)
    assert int(p.stdout.split()[0]) > 100, p.stdout
    data = scan(tmp_path, {"tz.py": """
        import pytz
        from dateutil import tz

        STOCKHOLM = pytz.timezone("Europe/Stockholm")

        async def zones(name):
            a = pytz.timezone(name)                   # 7: first call per name
            b = pytz.timezone("UTC"), pytz.timezone(zone="utc")
            c = pytz.timezone("Europe/Stockholm")     # warmed at import time
            d = tz.gettz(name)                        # 10
            e = tz.UTC, tz.tzutc()
            return a, b, c, d, e
        """})
    assert codes(data) == [("tz.py", 7, "BLK403"), ("tz.py", 10, "BLK403")]
