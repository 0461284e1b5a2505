"""The scanner's second round of resolution mechanisms, one test each.

Every test scans a small project shaped like real code (a home automation
device whose property setter writes its state file, a Modbus client whose
mixin methods all end in the subclass's `execute`, a backup whose `tarfile`
property is a Path, a disk cache that is a MutableMapping, geopy's adapter
chosen with `next(...)`, an SDK whose package `__init__` re-exports with
`from .client import *`) and checks both sides: the finding with its code
(route digit included), chain and message, and what must stay silent (a
plain attribute store, a setter that does not block, a subclass whose
override does not block, a branch an equality guard makes dead, a mapping
whose `__getitem__` is pure, a lighter call in the same library function).
"""
from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent / "scanner"))

import scanner_support as ss  # noqa: E402
from interpreters import find_interpreters, interpreter_id  # noqa: E402

INTERPRETERS = find_interpreters()
PYTHONS = pytest.mark.parametrize("python", [p for _, p in INTERPRETERS], ids=[interpreter_id(v) for v, _ in INTERPRETERS])


def write(root: Path, files: dict):
    for name, text in files.items():
        p = root / name
        p.parent.mkdir(parents=True, exist_ok=True)
        p.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")


def scan(root: Path, files=None, args=(), python=None, env=None):
    if files:
        write(root, files)
    p = ss.run(["--format", "json", "--no-config", *args, "."], python=python, cwd=root, env=env)
    assert p.returncode in (0, 1), p.stderr
    return json.loads(p.stdout)


def by_line(data):
    """(path, line) -> [findings]."""
    out = {}
    for f in data["findings"]:
        out.setdefault((Path(f["path"]).as_posix(), f["line"]), []).append(f)
    return out


def codes(data):
    return sorted((Path(f["path"]).as_posix(), f["line"], f["code"]) for f in data["findings"])


def chain(f):
    return [c.get("function") or c.get("call") for c in f["chain"]]


# ---- 1. property setters and deleters ---------------------------------------------
DEVICE = {
    "dev.py": """
        import json, os, time

        class Light:
            def __init__(self, path):
                self.path = path
                self.level = 0

            @property
            def state(self):
                return self._state

            @state.setter
            def state(self, value):
                self._state = value
                with open(self.path, "w") as f:        # 15
                    json.dump(value, f)

            @state.deleter
            def state(self):
                os.remove(self.path)                   # 20

            @property
            def name(self):
                return self._name

            @name.setter
            def name(self, value):
                self._name = value                     # a setter that only stores

            @property
            def brightness(self):
                return self._b

            @brightness.setter
            def brightness(self, value):
                if value is None:
                    return
                time.sleep(0.1)                        # ramps the dimmer
                self._b = value
        """,
    "app.py": """
        from dev import Light

        async def update(light: Light, v):
            light.state = {"on": True}                 # 4
            del light.state                            # 5
            light.name = "kitchen"                     # pure setter
            light.level = 3                            # a plain attribute
            light._state = None                        # a private attribute: no property
            light.brightness = None                    # the setter returns before sleeping
            light.brightness = v                       # 10
        """,
}


@PYTHONS
def test_storing_or_deleting_a_property_runs_its_setter_or_deleter(tmp_path, python):
    data = scan(tmp_path, DEVICE, python=python)
    assert codes(data) == [("app.py", 4, "BLK401"), ("app.py", 5, "BLK401"), ("app.py", 10, "BLK101")], codes(data)
    found = by_line(data)
    (st,) = found[("app.py", 4)]
    assert chain(st) == ["dev.Light.state.<setter>", "builtins.open"], st["chain"]
    assert st["chain"][-1]["line"] == 15
    assert st["message"].startswith("setting Light.state blocks the event loop via Light.state() -> open()"), st
    assert "asyncio.to_thread(setattr, obj, 'state', value)" in st["replacement"], st["replacement"]
    (dl,) = found[("app.py", 5)]
    assert chain(dl) == ["dev.Light.state.<deleter>", "os.remove"] and dl["chain"][-1]["line"] == 20, dl["chain"]
    assert dl["message"].startswith("deleting Light.state blocks the event loop via"), dl["message"]
    assert "asyncio.to_thread(delattr, obj, 'state')" in dl["replacement"], dl["replacement"]
    (br,) = found[("app.py", 10)]
    assert chain(br) == ["dev.Light.brightness.<setter>", "time.sleep"], br["chain"]


def test_setters_reached_through_self_and_helpers(tmp_path):
    """A store on `self.x.attr` and a store inside a sync helper (route 1 at
    the helper's call); a class's own `self.state = v` in __init__ of another
    class with a plain attribute of the same name stays silent."""
    files = dict(DEVICE)
    files["room.py"] = """
        from dev import Light

        class Room:
            def __init__(self, light: Light):
                self.light = light

            def switch_on(self):
                self.light.state = {"on": True}

            async def on(self):
                self.light.state = {"on": True}        # 11
                self.switch_on()                       # 12

        class Plain:
            def __init__(self):
                self.state = None

            async def reset(self):
                self.state = {}                        # Plain.state is no property
        """
    data = scan(tmp_path, files)
    got = [c for c in codes(data) if c[0] == "room.py"]
    assert got == [("room.py", 11, "BLK401"), ("room.py", 12, "BLK401")], codes(data)
    (helper,) = by_line(data)[("room.py", 12)]
    assert chain(helper) == ["room.Room.switch_on", "dev.Light.state.<setter>", "builtins.open"], helper["chain"]


# ---- 2. base-class methods run on a subclass -----------------------------------------
MODBUS = {
    "client/__init__.py": "",
    "client/mixin.py": """
        class ModbusClientMixin:
            def read_coils(self, address, count=1):
                return self.execute(("coils", address, count))

            def write_register(self, address, value):
                return self.execute(("register", address, value))

            def execute(self, request):
                raise NotImplementedError
        """,
    "client/serial.py": """
        import time
        from client.mixin import ModbusClientMixin

        class ModbusSerialClient(ModbusClientMixin):
            def __init__(self, port):
                self.port = port

            def execute(self, request):
                time.sleep(0.05)                       # 9: waits out the inter-frame gap
                return request

        class ModbusQueueClient(ModbusClientMixin):
            def execute(self, request):
                return request                         # queued for a worker: no wait
        """,
    "client/repo.py": """
        import sqlite3

        class Repository:
            def save(self, row):
                self.db.execute("insert into log values (?)", (row,))

        class SqliteRepository(Repository):
            def __init__(self, path):
                self.db = sqlite3.connect(path)

        class MemoryRepository(Repository):
            def __init__(self):
                self.db = {}
        """,
    "app.py": """
        from client.repo import MemoryRepository, SqliteRepository
        from client.serial import ModbusQueueClient, ModbusSerialClient

        async def poll(serial: ModbusSerialClient, queued: ModbusQueueClient):
            a = serial.read_coils(1)                   # 5
            b = queued.read_coils(1)                   # the override does not block
            queued.write_register(1, 2)
            return a, b

        async def log(disk: SqliteRepository, mem: MemoryRepository):
            disk.save("x")                             # 11
            mem.save("x")                              # a dict has no execute()
        """,
}


@PYTHONS
def test_a_base_class_method_reaches_the_subclass_override_or_attribute(tmp_path, python):
    data = scan(tmp_path, MODBUS, python=python)
    assert codes(data) == [("app.py", 5, "BLK101"), ("app.py", 11, "BLK701")], codes(data)
    found = by_line(data)
    (f,) = found[("app.py", 5)]
    # read_coils as run on a ModbusSerialClient: the mixin's code, the subclass's execute
    assert chain(f) == ["client.serial.ModbusSerialClient.read_coils", "client.serial.ModbusSerialClient.execute",
                        "time.sleep"], f["chain"]
    assert Path(f["chain"][0]["path"]).as_posix() == "client/mixin.py" and f["chain"][0]["line"] == 3, f["chain"]
    assert "ModbusSerialClient.read_coils() -> ModbusSerialClient.execute() -> time.sleep()" in f["message"]
    (r,) = found[("app.py", 11)]
    assert chain(r) == ["client.repo.SqliteRepository.save", "sqlite3.Connection.execute"], r["chain"]


# ---- 3. attributes of what a property returns ------------------------------------------
BACKUPS = {
    "backups.py": """
        from pathlib import Path

        class Backup:
            def __init__(self, folder, slug):
                self.folder = folder
                self.slug = slug

            @property
            def tarfile(self) -> Path:
                return Path(self.folder) / (self.slug + ".tar")

            @property
            def name(self) -> str:
                return self.slug.upper()

            @property
            def meta(self):
                return Meta(self.slug)

        class Meta:
            def __init__(self, slug):
                self.slug = slug

            def describe(self):
                return "backup " + self.slug
        """,
    "api.py": """
        from backups import Backup

        async def remove(backup: Backup):
            backup.tarfile.unlink()                    # 4
            title = backup.name.title()                # a str method
            text = backup.meta.describe()              # a pure method of the returned object
            return backup.tarfile.name, title, text    # an attribute of a Path: no I/O
        """,
}


def test_an_attribute_of_what_a_property_returns(tmp_path):
    data = scan(tmp_path, BACKUPS)
    assert codes(data) == [("api.py", 4, "BLK400")], codes(data)
    (f,) = by_line(data)[("api.py", 4)]
    assert f["call"] == "pathlib.Path.unlink" and f["chain"] == [], f


# ---- 4. names from `from m import *` ------------------------------------------------------
def test_star_imported_names_resolve(tmp_path):
    data = scan(tmp_path, {
        "hub/__init__.py": "from hub.helpers import *\n",
        "hub/helpers.py": """
            import subprocess

            def ping(host):
                return subprocess.run(["ping", "-c", "1", host])

            def _private(host):
                return subprocess.run(["true"])
            """,
        "hub/const.py": """
            from hub.helpers import *

            def ping(host):
                return host                            # this module's own ping shadows the star
            """,
        "app.py": """
            import hub
            import hub.const

            async def check(host):
                hub.ping(host)                         # 5
                hub.const.ping(host)                   # the module's own definition
                hub._private(host)                     # `import *` skips private names
            """})
    assert codes(data) == [("app.py", 5, "BLK301")], codes(data)
    (f,) = by_line(data)[("app.py", 5)]
    assert chain(f) == ["hub.helpers.ping", "subprocess.run"], f["chain"]


def test_names_a_module_takes_from_its_own_star_imports_resolve(tmp_path):
    # a NoneBot plugin's __init__: handlers call helpers its `from .x import *` brought in
    data = scan(tmp_path, {
        "plugin/__init__.py": """
            from .stream import *
            from .files import *
            from os.path import *

            async def on_share(room):
                ok, uid = get_uid(room)                # 6
                users = all_users()                    # 7
                if exists("/srv/announce.json"):       # 8: os.path's exists, unscanned
                    return uid, users
                return _private(room)                  # private names are not star-imported
            """,
        "plugin/stream.py": """
            import requests

            def get_uid(room):
                res = requests.get("https://api.example/room/%s" % room)
                return True, res.json()["uid"]

            def _private(room):
                return requests.get("https://api.example/x")
            """,
        "plugin/files.py": """
            import os

            def all_users():
                return os.listdir("/srv/users")
            """})
    assert codes(data) == [("plugin/__init__.py", 6, "BLK201"), ("plugin/__init__.py", 7, "BLK401"),
                           ("plugin/__init__.py", 8, "BLK400")], codes(data)


# ---- installed packages: star re-exports and the heaviest blocking work -----------------
NETKIT = {
    "netkit/__init__.py": "from netkit.client import *\nfrom netkit.errors import *\n",
    "netkit/errors.py": """
        class NetkitError(Exception):
            pass
        """,
    "netkit/client.py": """
        import os
        import socket
        import time

        __all__ = ["Client", "probe"]

        class Client:
            def __init__(self, host):
                self.host = host

            def fetch(self):
                if os.path.exists(os.path.expanduser("~/.netkit.cfg")):     # a config file on a side path
                    self.host = open(os.path.expanduser("~/.netkit.cfg")).read().strip()
                time.sleep(0.01)                                              # rate limit
                return socket.create_connection((self.host, 80))              # 15: what fetch is for

        def probe(path):
            return os.path.exists(path)
        """,
}
PROJECT = {
    "app/__init__.py": "",
    "app/main.py": """
        import os
        import socket

        import netkit

        def local_fetch(host):
            os.path.exists("/etc/app.cfg")
            return socket.create_connection((host, 80))

        async def handler(host):
            c = netkit.Client(host)
            c.fetch()                        # 12
            netkit.probe("/tmp")             # 13
            local_fetch(host)                # 14
        """,
}


@PYTHONS
def test_installed_package_star_exports_and_heaviest_work(tmp_path, python):
    """netkit's `__init__` re-exports its client and its errors with `import
    *` (following must ask for both modules: a name could be in either); Client.fetch stats a config file,
    sleeps and connects: the finding names the connection. In the project's
    own code the first blocking call found is reported."""
    lib, proj = tmp_path / "lib", tmp_path / "proj"
    write(lib, NETKIT)
    data = scan(proj, PROJECT, args=["--python", python, "--no-cache"], python=python, env={"PYTHONPATH": str(lib)})
    assert codes(data) == [("app/main.py", 12, "BLK601"), ("app/main.py", 13, "BLK401"),
                           ("app/main.py", 14, "BLK401")], codes(data)
    found = by_line(data)
    (f,) = found[("app/main.py", 12)]
    assert chain(f) == ["netkit.client.Client.fetch", "socket.create_connection"], f["chain"]
    assert f["chain"][-1]["line"] == 15 and f["chain"][0]["distribution"] == "netkit", f["chain"]
    assert "via netkit: Client.fetch() -> socket.create_connection()" in f["message"], f["message"]
    (p,) = found[("app/main.py", 13)]
    assert chain(p) == ["netkit.client.probe", "os.path.exists"], p["chain"]
    (own,) = found[("app/main.py", 14)]
    assert chain(own) == ["app.main.local_fetch", "os.path.exists"], own["chain"]


# ---- 5. mixin methods of the collections ABCs ------------------------------------------------
CACHES = {
    "caches.py": """
        from collections import UserDict
        from collections.abc import MutableMapping
        from pathlib import Path

        class DiskCache(MutableMapping):
            def __init__(self, folder):
                self.folder = Path(folder)

            def __getitem__(self, key):
                return (self.folder / key).read_bytes()          # 10

            def __setitem__(self, key, value):
                (self.folder / key).write_bytes(value)

            def __delitem__(self, key):
                (self.folder / key).unlink()

            def __iter__(self):
                return iter(())

            def __len__(self):
                return 0

        class MemoryCache(MutableMapping):
            def __init__(self):
                self.data = {}

            def __getitem__(self, key):
                return self.data[key]

            def __setitem__(self, key, value):
                self.data[key] = value

            def __delitem__(self, key):
                del self.data[key]

            def __iter__(self):
                return iter(self.data)

            def __len__(self):
                return len(self.data)

        class Settings(UserDict):
            def __setitem__(self, key, value):
                super().__setitem__(key, value)
                Path("settings.json").write_text(repr(dict(self.data)))   # 46
        """,
    "app.py": """
        from caches import DiskCache, MemoryCache, Settings

        async def handler(disk: DiskCache, mem: MemoryCache, settings: Settings):
            a = disk.get("k")                          # 4
            b = mem.get("k")                           # a pure __getitem__
            mem.setdefault("k", b"")
            mem.pop("k", None)
            settings.update({"theme": "dark"})         # 8
            return a, b, len(disk)
        """,
}


@PYTHONS
def test_mapping_mixin_methods_run_the_subclass_dunders(tmp_path, python):
    data = scan(tmp_path, CACHES, python=python)
    assert codes(data) == [("app.py", 4, "BLK401"), ("app.py", 8, "BLK401")], codes(data)
    found = by_line(data)
    (g,) = found[("app.py", 4)]
    assert chain(g) == ["caches.DiskCache.__getitem__", "pathlib.Path.read_bytes"], g["chain"]
    assert g["chain"][-1]["line"] == 10
    (u,) = found[("app.py", 8)]
    assert chain(u) == ["caches.Settings.__setitem__", "pathlib.Path.write_text"], u["chain"]


# ---- 6. equality guards ----------------------------------------------------------------------
def test_equality_guards_with_constants_and_defaults(tmp_path):
    data = scan(tmp_path, {"tiles.py": """
        import os, time

        def load(path, mode="r", verify=False):
            if mode == "w":
                os.makedirs(os.path.dirname(path), exist_ok=True)
            if verify is True:
                os.stat(path)
            return path

        def fetch(url, method="GET"):
            if method != "GET":
                time.sleep(1)                      # writes are throttled
            return url

        async def handler(p, m):
            load(p)                                # the default "r": the makedirs branch is dead
            load(p, mode="w")                      # 17
            load(p, "a")                           # positional "a" is not "w": dead
            load(p, mode=m)                        # 19: unknown
            load(p, verify=True)                   # 20
            load(p, verify=False)                  # `is True` does not hold
            fetch(p)                               # the default GET: dead
            fetch(p, "POST")                       # 23
            fetch(p, method="GET")                 # dead
            fetch(p, method=m)                     # 25: unknown
        """})
    assert codes(data) == [("tiles.py", 17, "BLK401"), ("tiles.py", 19, "BLK401"), ("tiles.py", 20, "BLK401"),
                           ("tiles.py", 23, "BLK101"), ("tiles.py", 25, "BLK101")], codes(data)
    found = by_line(data)
    assert chain(found[("tiles.py", 17)][0]) == ["tiles.load", "os.makedirs"]
    assert chain(found[("tiles.py", 20)][0]) == ["tiles.load", "os.stat"]


# settings keys are named constants of another module (`from .const import CONF_PATH`,
# `const.CONF_MODE`) or of this one: a guard on one is dead for a call passing another
NAMED = {
    "opts/__init__.py": "",
    "opts/const.py": """
        CONF_PATH = "report_path"
        CONF_IGNORED = "ignored_files"
        CONF_COLUMNS = "columns"
        """,
    "opts/flow.py": """
        import os

        from . import const
        from .const import CONF_IGNORED, CONF_PATH

        LOCAL_KEY = "local"


        class Options:
            def default(self, key):
                if key == CONF_PATH:
                    return os.path.exists("/config/report.txt")
                if key == LOCAL_KEY:
                    return os.listdir("/config")
                return ""

            async def async_step_init(self, user_input=None):
                self.default(CONF_IGNORED)                 # 18: another constant: dead
                self.default(const.CONF_COLUMNS)           # 19: dead
                self.default(CONF_PATH)                    # 20: the same constant
                self.default(const.CONF_PATH)              # 21: the same value
                self.default(LOCAL_KEY)                    # 22: this module's constant
                self.default(user_input)                   # 23: unknown: both branches
        """,
}


def test_equality_guards_on_named_constants(tmp_path):
    data = scan(tmp_path, NAMED, args=["--no-deps", "--no-cache"])
    assert codes(data) == [("opts/flow.py", 20, "BLK401"), ("opts/flow.py", 21, "BLK401"),
                           ("opts/flow.py", 22, "BLK401"), ("opts/flow.py", 23, "BLK401")], codes(data)
    calls = {f["line"]: f["call"] for f in data["findings"]}
    assert calls[22] == "os.listdir" and calls[20] == calls[21] == "os.path.exists", calls


# ---- 7. type inference -----------------------------------------------------------------------
ADAPTERS = {
    "geo.py": """
        import requests

        class RequestsAdapter:
            is_available = True

            def __init__(self):
                self.session = requests.Session()

            def get_json(self, url):
                return self.session.get(url).json()

        class URLLibAdapter:
            is_available = False

            def get_json(self, url):
                return {}

        class Geocoder:
            def __init__(self):
                factory = next(cls for cls in (RequestsAdapter, URLLibAdapter) if cls.is_available)
                self.adapter = factory()

            def geocode(self, q):
                return self.adapter.get_json("https://geo/" + q)

        class OfflineGeocoder:
            adapter_factory = URLLibAdapter

            def __init__(self):
                self.adapter = self.adapter_factory()

            def geocode(self, q):
                return self.adapter.get_json(q)

        def open_session():
            s = requests.Session()
            return s, "token"

        async def geo(g: Geocoder, offline: OfflineGeocoder):
            offline.geocode("paris")                        # a class attribute holding the pure adapter
            return g.geocode("paris")                       # 41

        async def pair():
            s, tok = open_session()
            return s.get("u", headers={"t": tok})           # 45
        """,
    "options.py": """
        from geo import RequestsAdapter, URLLibAdapter

        class Options:
            default_adapter = RequestsAdapter
            offline_adapter = URLLibAdapter

        async def lookup(q):
            factory = Options.default_adapter
            factory().get_json(q)                            # 9
            offline = Options.offline_adapter
            offline().get_json(q)                            # the pure adapter
        """,
    "hub.py": """
        import requests

        class Hub:
            def __init__(self):
                self.sessions = []
                self.names = []

            def add(self, name):
                self.sessions.append(requests.Session())
                self.names.append(name)

            async def ping_all(self):
                for s in self.sessions:
                    s.get("https://hub/ping")                # 14
                for n in self.names:
                    n.strip()                                # a list of str

        async def verbs(session: requests.Session, verb, url):
            return getattr(session, verb)(url)              # 19

        async def local_list():
            out = []
            out.append(requests.Session())
            for s in out:
                s.get("u")                                   # 25
        """,
    "kinds.py": """
        import sqlite3
        import subprocess
        from typing import Generic, TypeVar, Union

        from typing_extensions import TypeAlias

        T = TypeVar("T")

        class Local:
            def run(self, cmd):
                return subprocess.run(cmd)

        class Remote:
            def run(self, cmd):
                return cmd

        Backend = Local | Remote
        Runner: TypeAlias = Union[Local, Remote]
        AnyRemote = Union[Remote, Local]
        MODES = sqlite3.PARSE_DECLTYPES | sqlite3.PARSE_COLNAMES

        class ClientMixin(Generic[T]):
            def execute(self, request) -> T:
                return self.transport.send(request)

        class Transport:
            def send(self, request):
                return subprocess.run(["modbus-send", request])

        class SyncClient(ClientMixin[bytes]):
            def __init__(self):
                self.transport = Transport()

        class Store:
            def connect(self) -> sqlite3.Connection:
                return sqlite3.connect("x.db")

        class CachedStore(Store):
            pass
        """,
    "app.py": """
        from kinds import AnyRemote, Backend, CachedStore, Local, Runner, SyncClient

        async def aliases(b: Backend, r: Runner, remote: AnyRemote):
            b.run(["ls"])                    # 4
            r.run(["ls"])                    # 5
            remote.run(["ls"])               # the first alternative is the pure Remote

        async def generic(client: SyncClient):
            client.execute(b"x")             # 9

        async def typed(kind: type[Local]):
            kind().run(["ls"])               # 12

        class Service:
            def __init__(self, store: CachedStore):
                self.store = store

            def conn(self):
                return self.store.connect()

            async def q(self):
                self.conn().execute("select 1")   # 22
        """,
}


@PYTHONS
def test_types_inferred_from_appends_tuples_aliases_and_choices(tmp_path, python):
    data = scan(tmp_path, ADAPTERS, python=python)
    assert codes(data) == [
        ("app.py", 4, "BLK301"), ("app.py", 5, "BLK301"), ("app.py", 9, "BLK301"), ("app.py", 12, "BLK301"),
        ("app.py", 22, "BLK700"), ("app.py", 22, "BLK701"),
        ("geo.py", 41, "BLK201"), ("geo.py", 45, "BLK200"),
        ("hub.py", 14, "BLK200"), ("hub.py", 19, "BLK200"), ("hub.py", 25, "BLK200"),
        ("options.py", 9, "BLK201"),
    ], codes(data)
    found = by_line(data)
    assert chain(found[("geo.py", 41)][0]) == ["geo.Geocoder.geocode", "geo.RequestsAdapter.get_json",
                                               "requests.Session.get"]
    assert found[("hub.py", 19)][0]["call"] == "requests.Session.request"  # any verb of a Session
    assert chain(found[("app.py", 9)][0]) == ["kinds.SyncClient.execute", "kinds.Transport.send", "subprocess.run"]
    conn = [f for f in found[("app.py", 22)] if f["code"] == "BLK700"][0]
    assert conn["call"] == "sqlite3.Connection.execute" and conn["chain"] == [], conn


def test_a_type_known_here_outweighs_a_method_result_known_only_globally(tmp_path):
    """aiohttp's StaticResource._handle: `filepath` is `Path(...).resolve()` in
    one branch and `self._directory.joinpath(name).resolve()` in the other,
    where `_directory` is typed by another module's alias. What the second
    returns is known only once every module is read; it must not veto the
    Path the first branch gives (the stat calls on filepath are found)."""
    data = scan(tmp_path, {
        "typedefs.py": """
            import os
            from typing import Union

            PathLike = Union[str, "os.PathLike[str]"]
            """,
        "static.py": """
            import os
            from pathlib import Path

            from typedefs import PathLike

            class StaticResource:
                def __init__(self, directory: PathLike, follow_symlinks=False):
                    self._directory = directory
                    self._follow_symlinks = follow_symlinks

                async def handle(self, name):
                    unresolved = self._directory.joinpath(name)
                    if self._follow_symlinks:
                        filepath = Path(os.path.normpath(unresolved)).resolve()   # 14
                    else:
                        filepath = unresolved.resolve()
                    if filepath.is_dir():                  # 17
                        return None
                    return filepath
            """})
    assert codes(data) == [("static.py", 14, "BLK400"), ("static.py", 17, "BLK400")], codes(data)


def test_a_subclass_override_reached_through_a_base_helper(tmp_path):
    """read() -> self.helper() -> self.execute(): the subclass overrides only
    execute, two calls down; the copy of read() for Serial must still be
    made (and a subclass that overrides nothing they use needs none)."""
    data = scan(tmp_path, {"m.py": """
        import time

        class Base:
            def read(self):
                return self.helper()

            def helper(self):
                return self.execute()

            def execute(self):
                return None

        class Serial(Base):
            def execute(self):
                time.sleep(1)

        class Plain(Base):
            def close(self):
                time.sleep(1)                      # not reached by read()

        async def main(s: Serial, p: Plain):
            s.read()                               # 22
            p.read()
        """})
    assert codes(data) == [("m.py", 22, "BLK101")], codes(data)
    (f,) = by_line(data)[("m.py", 22)]
    assert chain(f) == ["m.Serial.read", "m.Serial.helper", "m.Serial.execute", "time.sleep"], f["chain"]


# ---- installed packages do not make the project's own lazy imports cheap ------------------
@PYTHONS
def test_followed_package_imports_do_not_warm_a_lazy_import(tmp_path, python):
    """A followed package module that imports `zeroconfish` at its top is
    loaded only when the project's code first calls into it, at run time:
    the project's own `from zeroconfish import ServiceInfo` inside a
    coroutine still loads files on the loop and stays reported (following
    packages must not hide a finding the project-only scan makes)."""
    lib, proj = tmp_path / "lib", tmp_path / "proj"
    write(lib, {
        "zeroconfish/__init__.py": "class ServiceInfo:\n    pass\n",
        "mdnskit/__init__.py": """
            import zeroconfish

            class Browser:
                def __init__(self):
                    self.info = zeroconfish.ServiceInfo()
            """,
    })
    files = {
        "app/__init__.py": "",
        "app/main.py": """
            async def announce():
                from zeroconfish import ServiceInfo      # 2
                return ServiceInfo()

            async def browse():
                import mdnskit                           # 6
                return mdnskit.Browser()
            """,
    }
    alone = scan(proj, files, args=["--no-deps", "--no-cache"], python=python, env={"PYTHONPATH": str(lib)})
    followed = scan(proj, files, args=["--python", python, "--no-cache"], python=python, env={"PYTHONPATH": str(lib)})
    expected = [("app/main.py", 2, "BLK410"), ("app/main.py", 6, "BLK410")]
    assert codes(alone) == expected, codes(alone)
    assert codes(followed) == expected, codes(followed)


# ---- an import of a module the same function or object already imported ----------------------
@PYTHONS
def test_an_import_after_the_same_import_in_the_function_or_init_is_cheap(tmp_path, python):
    """paho-mqtt's wrapper imports the client lazily in MQTT.__init__ (which
    runs before any method of the object) and again in its coroutines and in
    a module helper they call: those are sys.modules lookups. So is a second
    import after an unconditional first one in the same body, and one in a
    closure defined after it. The first import of a module stays reported,
    as does a repeat after a first import that may not have run, a helper
    called from a coroutine that imported nothing, and a method of a class
    whose subclass's __init__ does something else before super().__init__."""
    data = scan(tmp_path, {"mqtt.py": """
        def _raise_on_error(code):
            import paho.mqtt.client as mqtt
            if code:
                raise RuntimeError(mqtt.error_string(code))


        class MQTT:
            def __init__(self, host):
                \"\"\"The client.\"\"\"
                import paho.mqtt.client as mqtt
                self.client = mqtt.Client(host)

            async def connect(self):
                import paho.mqtt.client as mqtt      # cheap: __init__ imported it
                return mqtt.MQTTv311

            async def unsubscribe(self, topic):
                _raise_on_error(self.client.unsubscribe(topic))   # cheap too

            async def publish(self):
                import yaml                          # 21: its first import
                return yaml

            @staticmethod
            async def probe():
                import paho.mqtt.client              # 26: no instance, __init__ may not have run
                return paho


        async def twice():
            import ujson                             # 31: the first one
            import ujson                             # cheap
            from ujson import dumps                  # cheap

            def later():
                from ujson import loads              # cheap: defined after the import
            return later, dumps


        async def maybe(flag):
            if flag:
                import orjson                        # 42
            import orjson                            # 43: the first may not have run
            _raise_on_error(1)                       # 44: nothing imported here


        class Base:
            def __init__(self):
                import tomli_w
                self.ready = True

            async def dump(self):
                import tomli_w                       # 53: Sub() runs hook() first
                return tomli_w


        class Sub(Base):
            def __init__(self):
                self.hook()
                super().__init__()

            def hook(self):
                pass
        """}, python=python)
    assert codes(data) == [("mqtt.py", 21, "BLK410"), ("mqtt.py", 26, "BLK410"), ("mqtt.py", 31, "BLK410"),
                           ("mqtt.py", 42, "BLK410"), ("mqtt.py", 43, "BLK410"), ("mqtt.py", 44, "BLK411"),
                           ("mqtt.py", 53, "BLK410")], codes(data)
    (f,) = by_line(data)[("mqtt.py", 44)]
    assert chain(f) == ["mqtt._raise_on_error", "import paho.mqtt.client"], f["chain"]


def test_a_subclass_that_runs_the_base_init_first_keeps_its_imports_cheap(tmp_path):
    """The same base with a subclass whose __init__ starts with
    super().__init__(): every instance ran Base.__init__'s import first."""
    data = scan(tmp_path, {"m.py": """
        class Base:
            def __init__(self):
                import tomli_w
                self.ready = True

            async def dump(self):
                import tomli_w                       # cheap
                import tomllib_extra                 # 8: not imported by __init__
                return tomli_w


        class Sub(Base):
            def __init__(self):
                super().__init__()
                self.extra = 1
        """})
    assert codes(data) == [("m.py", 8, "BLK410")], codes(data)


# ---- isinstance guards against arguments of known type ------------------------------------
@PYTHONS
def test_isinstance_guards_against_arguments_of_known_type(tmp_path, python):
    """aiohttp's Response.body setter guesses a MIME type (mimetypes reads its
    files on the first call) only for a body that is neither None nor
    bytes/bytearray, and __init__ rebinds `body = text.encode(charset)`
    when given text. A response built from text, bytes or nothing never
    takes that branch; one built from a file path or an object of unknown
    type may, and stays reported; so does a str passed where the branch runs
    for any non-bytes, or for str only (codes BLK403: guess_type blocks on
    its first call only)."""
    data = scan(tmp_path, {"web.py": """
        import mimetypes
        from typing import Optional


        class Response:
            def __init__(self, *, body=None, text: Optional[str] = None, charset="utf-8"):
                if text is not None:
                    body = text.encode(charset)
                    text = None
                self.body = body

            @property
            def body(self):
                return self._body

            @body.setter
            def body(self, body):
                if body is None:
                    self._body = None
                elif isinstance(body, (bytes, bytearray)):
                    self._body = body
                else:
                    self._body = body
                    self.ctype = mimetypes.guess_type(str(body))[0]


        def raw(data):
            if isinstance(data, bytes):
                return data
            return mimetypes.guess_type(data)


        def only_str(data):
            if not isinstance(data, str):
                return None
            return mimetypes.guess_type(data)


        class Page:
            def __init__(self, other):
                self.other = other


        async def handler(request, path):
            Response(text="not found")
            Response(body=b"raw")
            Response()
            raw(b"bytes")
            only_str(3)
            only_str(b"bytes")
            Response(body=path)                      # 51: any body
            Response(body=Page(request))             # 52: an object of another class
            raw("a.txt")                             # 53: a str is no bytes
            only_str("a.txt")                        # 54
        """}, python=python)
    assert codes(data) == [("web.py", n, "BLK403") for n in (51, 52, 53, 54)], codes(data)
    (f,) = by_line(data)[("web.py", 51)]
    assert chain(f) == ["web.Response.__init__", "web.Response.body.<setter>", "mimetypes.guess_type"], f["chain"]



@PYTHONS
def test_an_import_the_imported_package_module_made_at_its_top_is_cheap(tmp_path, python):
    """A coroutine imports an installed client module lazily (reported: the
    package is loaded only then); that module's own top-level imports ran
    with it, so importing them next is a sys.modules lookup. A module it does
    not import stays reported. (The project's own module-level imports count
    as loaded at start-up already, so this matters for followed packages: a
    package module is read when the project calls into it.)"""
    lib, proj = tmp_path / "lib", tmp_path / "proj"
    write(lib, {
        "mqttish/__init__.py": "",
        "mqttish/matcher.py": "class Matcher:\n    pass\n",
        "mqttish/extra.py": "Y = 2\n",
        "mqttish/client.py": "from mqttish.matcher import Matcher\n\nclass Client:\n    pass\n",
    })
    files = {"app.py": """
        async def run():
            import mqttish.client                    # 2: the first import
            from mqttish.matcher import Matcher      # cheap: the client imports it at its top
            import mqttish.extra                     # 4
            return mqttish.client.Client(), Matcher
        """}
    data = scan(proj, files, args=["--python", python, "--no-cache"], python=python, env={"PYTHONPATH": str(lib)})
    assert codes(data) == [("app.py", 2, "BLK410"), ("app.py", 4, "BLK410")], codes(data)


# two modules that `from other import *` each other (a package's __init__ and a
# submodule, or two siblings): looking a name up through them must end
STAR_CYCLE = {
    "pkg/__init__.py": "",
    "pkg/a.py": "from pkg.b import *\n",
    "pkg/b.py": "from pkg.a import *\n\nimport time\n\n\nclass Real:\n    def fetch(self):\n        time.sleep(1)\n",
    "app.py": """
        from pkg.a import Client, Real


        class Mine(Client):
            pass


        async def handler(c: Client):
            return c.fetch(), Mine().fetch(), Real().fetch()       # 9: Real, through the stars
        """,
}


def test_star_imports_in_a_cycle_end(tmp_path):
    data = scan(tmp_path, STAR_CYCLE, args=["--no-deps", "--no-cache"])
    assert codes(data) == [("app.py", 9, "BLK101")], codes(data)


# attributes a class makes in `__getattr__` (pynetbox: `nb.dcim.devices` is the
# Endpoint App.__getattr__ returns) have the type it returns
GETATTR = {
    "netbox.py": """
        import requests


        class Endpoint:
            def __init__(self, name):
                self.name = name

            def get(self, key):
                return requests.get("https://netbox/api/" + self.name + "/" + key, timeout=5).json()

            def url(self, key):
                return "https://netbox/api/" + self.name + "/" + key


        class App:
            def __getattr__(self, name):
                return Endpoint(name)


        class Api:
            def __init__(self):
                self.dcim = App()


        nb = Api()


        async def device(name):
            return nb.dcim.devices.get(name), nb.dcim.devices.url(name)   # 29: get only
        """,
}


def test_attributes_made_by_getattr_have_its_return_type(tmp_path):
    data = scan(tmp_path, GETATTR, args=["--no-deps", "--no-cache"])
    assert codes(data) == [("netbox.py", 29, "BLK201")], codes(data)
    (f,) = data["findings"]
    assert chain(f) == ["netbox.Endpoint.get", "requests.get"], f["chain"]


# `if self.busy: return; self.busy = True; ...; self.busy = False` keeps a
# coroutine from running twice at once: what it guards runs on every call. A flag
# set and never put back (`self._ready = True`) does make the rest run once.
GUARDS = {
    "news.py": """
        import requests


        class Poster:
            def __init__(self):
                self.posting = False
                self._ready = False

            async def post_new(self, ids):
                if self.posting:
                    return
                self.posting = True
                for i in ids:
                    requests.get("https://news.example/" + str(i), timeout=5)      # 14: every call
                self.posting = False

            async def warm_up(self):
                if self._ready:
                    return
                self._ready = True
                requests.get("https://news.example/warm", timeout=5)               # 21: first call only
        """,
}


def test_a_reentry_guard_is_not_a_memo(tmp_path):
    data = scan(tmp_path, GUARDS, args=["--no-deps", "--no-cache"])
    assert codes(data) == [("news.py", 14, "BLK200"), ("news.py", 21, "BLK203")], codes(data)


# httplib2 picks its connection class from a module-level table keyed by the
# URL's scheme: `connection_type = SCHEME_TO_CONNECTION[scheme]`. A table of
# classes of the module stands for its first class; a table holding anything
# else (a function, a constant) stays unknown.
TABLES = {
    "conn.py": """
        import socket

        class PlainConnection:
            def __init__(self, host):
                self.host = host

            def connect(self):
                self.sock = socket.create_connection((self.host, 80))

        class TLSConnection(PlainConnection):
            pass

        def plain_factory(host):
            return PlainConnection(host)

        SCHEME_TO_CONNECTION = {"http": PlainConnection, "https": TLSConnection}
        MIXED = {"http": plain_factory, "https": TLSConnection}


        class Client:
            def __init__(self):
                self.connections = {}

            def request(self, scheme, host, connection_type=None):
                conn = self.connections.get(host)
                if conn is None:
                    if not connection_type:
                        connection_type = SCHEME_TO_CONNECTION[scheme]
                    conn = self.connections[host] = connection_type(host)
                return self._send(conn)

            def _send(self, conn):
                conn.connect()
                return conn


        async def fetch(client: Client, host):
            return client.request("http", host)                 # 38


        async def mixed(scheme, host):
            conn = MIXED[scheme](host)
            conn.connect()                                      # unknown: a table with a function
        """,
}


def test_a_module_table_of_classes_stands_for_its_first_class(tmp_path):
    data = scan(tmp_path, TABLES, args=["--no-deps", "--no-cache"])
    assert codes(data) == [("conn.py", 38, "BLK601")], codes(data)
    (f,) = data["findings"]
    assert chain(f)[-1] == "socket.create_connection", f["chain"]


# The OpenAI and Anthropic SDKs' clients build an httpx client in their
# constructor, and with it an SSL context that loads certifi's CA bundle: a
# client made per request loads it per request. Not when http_client= is
# one made already.
LLM_CLIENTS = {
    "agent.py": """
        import httpx
        import openai
        from anthropic import Anthropic, AsyncAnthropic
        from openai import AsyncAzureOpenAI, AsyncOpenAI

        SHARED = httpx.AsyncClient(verify=False)           # import time


        async def ask(prompt, key):
            client = AsyncOpenAI(api_key=key)                                   # 10
            return await client.chat.completions.create(model="m", messages=[prompt])


        async def ask_azure(key):
            return AsyncAzureOpenAI(api_key=key, azure_endpoint="https://x", api_version="v")   # 15


        async def ask_claude(key, sync):
            if sync:
                return Anthropic(api_key=key)                                   # 20
            return AsyncAnthropic(api_key=key)                                  # 21


        async def legacy(key):
            return openai.Client(api_key=key)                                   # 25


        async def reuse(key):
            return AsyncOpenAI(api_key=key, http_client=SHARED)                 # its context is SHARED's


        async def unset(key):
            return AsyncOpenAI(api_key=key, http_client=None)                   # 33
        """,
}


def test_llm_sdk_clients_load_the_ca_bundle_unless_given_an_http_client(tmp_path):
    data = scan(tmp_path, LLM_CLIENTS, args=["--no-deps", "--no-cache"])
    assert codes(data) == [("agent.py", n, "BLK420") for n in (10, 15, 20, 21, 25, 33)], codes(data)
    assert {f["call"] for f in data["findings"]} == {
        "openai.AsyncOpenAI", "openai.AsyncAzureOpenAI", "anthropic.Anthropic", "anthropic.AsyncAnthropic",
        "openai.Client"}, data["findings"]


# websockets creates a default SSL context (the CA bundle read from disk) on
# the loop for every connection to a wss:// URI made without ssl=; a ws://
# URI (a constant, a name bound to one, an f-string starting so) sets up no
# TLS, and ssl= an SSLContext made once is the fix.
WEBSOCKETS = {
    "client.py": """
        import ssl

        import websockets
        import websockets.client
        from websockets.asyncio.client import connect

        CTX = ssl.create_default_context()
        LOCAL = "ws://127.0.0.1:8123/api"


        async def secure(token):
            async with websockets.connect("wss://api.example/ws") as ws:      # 12
                await ws.send(token)


        async def device(host):
            async for ws in websockets.connect(f"ws://{host}:80/ws"):
                await ws.send("x")


        async def local():
            async with connect(LOCAL) as ws:
                await ws.recv()


        async def given(url):
            async with connect(url, ssl=CTX) as ws:
                await ws.recv()


        async def unknown(url):
            async with websockets.client.connect(url) as ws:                 # 32
                await ws.recv()


        async def spread(args):
            async with connect(**args) as ws:                                # 37
                await ws.recv()


        async def asked(url):
            async with connect(url, ssl=True) as ws:                         # 42
                await ws.recv()
        """,
}


def test_websockets_to_a_wss_uri_without_a_context_sets_up_tls(tmp_path):
    data = scan(tmp_path, WEBSOCKETS, args=["--no-deps", "--no-cache"])
    assert codes(data) == [("client.py", n, "BLK420") for n in (12, 32, 37, 42)], codes(data)


# Textual runs a widget's, screen's or app's `on_*` handlers, `action_*`,
# `watch_*` and `key_*` methods, and the callbacks of `self.set_interval`,
# `set_timer`, `call_after_refresh` and `call_next`, inline on its asyncio
# loop; a sync method under `@work(thread=True)` runs in a worker thread, and
# a class of another framework with a `set_interval` method is not Textual's.
TEXTUAL = {
    "tui.py": """
        import time

        import httpx
        from textual import on, work
        from textual.app import App
        from textual.message import Message
        from textual.widgets import Static

        API = httpx.Client(base_url="http://127.0.0.1:8000")


        class Resized(Message):
            pass


        class Board(Static):
            def on_resized(self, event: Resized) -> None:
                self.update(API.get("/board").text)                  # 18: a message handler


        class TUI(App):
            def on_mount(self) -> None:
                self.set_interval(3.0, self._check)                   # _check runs on the loop
                self.call_after_refresh(self._first_load)

            def _check(self) -> None:
                API.get("/health")                                    # 27

            def _first_load(self) -> None:
                API.get("/tasks")                                     # 30

            def action_show(self) -> None:
                API.get("/task/1")                                    # 33

            def watch_dark(self, dark: bool) -> None:
                time.sleep(0.1)                                       # 36

            @work(thread=True)
            def on_export(self) -> None:
                API.get("/export")                                    # in a worker thread

            def helper(self) -> None:
                API.get("/never")                                     # nothing calls it


        class Timer:
            def set_interval(self, seconds, fn):
                pass


        def thread_scheduler(t: Timer):
            t.set_interval(1, poll)


        def poll():
            time.sleep(1)


        class MqttHandler:                  # not Textual's: paho calls on_message in its network thread
            def on_message(self, client, userdata, message):
                time.sleep(1)
        """,
    "screens.py": """
        import time

        from textual.screen import Screen


        class BaseScreen(Screen):
            pass


        class SettingsScreen(BaseScreen):   # a textual base two classes up
            def key_s(self) -> None:
                time.sleep(0.5)                                       # 12
        """,
}


@PYTHONS
def test_textual_handlers_actions_watchers_and_timers_are_loop_code(tmp_path, python):
    data = scan(tmp_path, TEXTUAL, args=["--no-deps", "--no-cache"], python=python)
    assert codes(data) == [("screens.py", 12, "BLK100"),
                           ("tui.py", 18, "BLK200"), ("tui.py", 27, "BLK200"), ("tui.py", 30, "BLK200"),
                           ("tui.py", 33, "BLK200"), ("tui.py", 36, "BLK100")], codes(data)
