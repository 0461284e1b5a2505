"""Types the scanner infers: FastAPI-style `Annotated[T, Depends(...)]`
parameters (inline or through a module-level alias) are a T, the metadata
is not a type; urllib3 and dbus-python objects; annotated tuples; attributes
a classmethod sets on cls; module globals a function assigns; what Pillow's
image operations return; a class or function a parameter or a `kwargs.pop`
defaults to, built or called only when the caller passes none; the value
of an annotated attribute over its abstract annotation; a lazy iterator
handed on rather than iterated; waitpid with a private WNOHANG alias;
getattr(obj, "name", None) on an object of the project's own classes; the
else branch of `if TYPE_CHECKING:` over its typing-only binding; what a
method returning a TypeVar returns on a class whose generic bases bind it;
`x = property(get_x, set_x)` in a class body, and a property read through
an attribute of a local object; getattr(obj, "_load_" + kind) as every
method of that shape; an isinstance guard met by a named constant of
another module whose value is not known; an attribute kept from an untyped
constructor parameter, typed by what the constructor's callers pass; the
attributes a class with a __getattr__ sets itself, and the lambda one
returns; a subscript as a call of __getitem__ and its kin, and a package's
object over its submodule of the same name; `type(self)(...)` and
`self.__class__(...)` as constructor calls (the last ones in one CASES
table)."""
from __future__ import annotations

import pytest

from test_scanner_realcode2 import PYTHONS, codes, scan

API = {
    "app/__init__.py": "",
    "app/api.py": """
        import sqlite3
        from typing import Annotated

        from fastapi import Depends


        def get_db() -> sqlite3.Connection:
            return sqlite3.connect("tasks.db", check_same_thread=False)


        DbDep = Annotated[sqlite3.Connection, Depends(get_db)]


        async def list_tasks(db: DbDep):
            return db.execute("SELECT * FROM tasks")               # 15


        async def add_task(db: Annotated[sqlite3.Connection, Depends(get_db)], title: str):
            db.execute("INSERT INTO tasks VALUES (?)", (title,))   # 19


        async def count(n: Annotated[int, "how many"], s: Annotated["sqlite3.Connection", "doc"]):
            s.commit()                                             # 23
            return n.bit_length()                                  # an int: nothing
        """,
}


@PYTHONS
def test_annotated_parameters_are_their_first_argument(tmp_path, python):
    data = scan(tmp_path, API, args=["--no-deps", "--no-cache"], python=python)
    assert codes(data) == [("app/api.py", 15, "BLK700"), ("app/api.py", 19, "BLK700"),
                           ("app/api.py", 23, "BLK700")], codes(data)


CONNECTOR = {
    "client/__init__.py": "",
    "client/session.py": """
        import aiohttp
        from urllib3.util.ssl_ import create_urllib3_context


        class Session:
            def __init__(self, ca_bundle):
                self.ca_bundle = ca_bundle

            def _create_connector(self):
                ctx = create_urllib3_context()
                ctx.load_verify_locations(cafile=self.ca_bundle)      # 11: reads the CA bundle
                return aiohttp.TCPConnector(ssl=ctx)

            async def send(self, request):
                connector = self._create_connector()                 # 15
                async with aiohttp.ClientSession(connector=connector) as s:
                    return await s.get(request)
        """,
}


@PYTHONS
def test_urllib3_contexts_are_ssl_contexts(tmp_path, python):
    data = scan(tmp_path, CONNECTOR, args=["--no-deps", "--no-cache"], python=python)
    assert codes(data) == [("client/session.py", 15, "BLK421")], codes(data)


BLUEZ = {
    "bridge/__init__.py": "",
    "bridge/bt.py": """
        import dbus


        def battery_level(path):
            bus = dbus.SystemBus()
            props = dbus.Interface(bus.get_object("org.bluez", path), "org.freedesktop.DBus.Properties")
            return int(props.Get("org.bluez.Battery1", "Percentage"))


        def watch(path, on_change, on_reply, on_error):
            bus = dbus.SystemBus()
            obj = bus.get_object("org.bluez", path)                 # a proxy: no call yet
            props = dbus.Interface(obj, "org.freedesktop.DBus.Properties")
            props.connect_to_signal("PropertiesChanged", on_change)   # adds a match rule: no reply awaited
            props.GetAll("org.bluez.Device1", reply_handler=on_reply, error_handler=on_error)
            obj.Disconnect(dbus_interface="org.bluez.Device1", ignore_reply=True)


        async def poll(path):
            return battery_level(path)                              # 20


        async def players():
            bus = dbus.SessionBus()                                 # 24: once, then shared
            return [n for n in bus.list_names() if n.startswith("org.mpris.")]   # 25


        async def subscribe(path, on_change, on_reply, on_error):
            watch(path, on_change, on_reply, on_error)              # 29: only the bus connection blocks
        """,
}


@PYTHONS
def test_dbus_python_calls_wait_for_replies(tmp_path, python):
    data = scan(tmp_path, BLUEZ, args=["--no-deps", "--no-cache"], python=python)
    assert codes(data) == [("bridge/bt.py", 20, "BLK601"), ("bridge/bt.py", 24, "BLK603"),
                           ("bridge/bt.py", 25, "BLK600"), ("bridge/bt.py", 29, "BLK603")], codes(data)
    found = {f["line"]: f for f in data["findings"]}
    assert found[20]["call"] == "dbus.Interface.Get", found[20]
    assert found[29]["call"] == "dbus.SystemBus", found[29]  # not the proxy, the signal match or the async calls


# `db, model = _get_ctx(ctx)` where `_get_ctx(...) -> tuple[MemoryDB, str]`
# (an MCP server's lifespan context); `files(pkg) / "doc.md"` is a
# Traversable; the sync Elasticsearch client's sub-clients and transport;
# pycognito's calls, and `check_token(renew=False)`, which only compares the
# expiry.
RETURNED = {
    "srv/__init__.py": "",
    "srv/tools.py": """
        import sqlite3
        from importlib import resources
        from typing import Tuple

        from elasticsearch import Elasticsearch
        from pycognito import Cognito


        class MemoryDB:
            def __init__(self, path):
                self.conn = sqlite3.connect(path)

            def add(self, text):
                self.conn.execute("INSERT INTO m VALUES (?)", (text,))


        def _get_ctx(ctx) -> tuple[MemoryDB, str | None, int]:
            lc = ctx.lifespan_context
            return lc["db"], lc["model"], lc["dims"]


        def _pair(ctx) -> "Tuple[int, MemoryDB]":
            return 1, ctx.db


        async def add(ctx, text):
            db, model, dims = _get_ctx(ctx)
            db.add(text)                                          # 27
            n, db2 = _pair(ctx)
            db2.add(text)                                         # 30
            return model, dims, n


        async def help_page():
            doc = resources.files("srv") / "docs" / "help.md"
            return doc.read_text(encoding="utf-8")               # 36


        async def setup_index(es: Elasticsearch):
            if not es.indices.exists_template(name="t"):          # 40
                es.transport.perform_request("PUT", "/_ilm/policy/p")  # 41


        async def login(user: Cognito, password):
            user.authenticate(password=password)                  # 45
            if not user.check_token(renew=False):                 # a local expiry check
                user.check_token()                                # 47: renews
        """,
}


@PYTHONS
def test_annotated_tuples_traversables_and_client_attributes(tmp_path, python):
    data = scan(tmp_path, RETURNED, args=["--no-deps", "--no-cache"], python=python)
    assert codes(data) == [("srv/tools.py", 28, "BLK701"), ("srv/tools.py", 30, "BLK701"),
                           ("srv/tools.py", 36, "BLK400"), ("srv/tools.py", 40, "BLK700"),
                           ("srv/tools.py", 41, "BLK700"), ("srv/tools.py", 45, "BLK200"),
                           ("srv/tools.py", 47, "BLK200")], codes(data)


# a singleton set up by a classmethod: `cls.db = Database()` types `self.db`
SINGLETON = {
    "dl/__init__.py": "",
    "dl/store.py": """
        import sqlite3


        class Database:
            def __init__(self, path="subs.db"):
                self.path = path

            def delete(self, title):
                with sqlite3.connect(self.path) as conn:
                    conn.execute("DELETE FROM subs WHERE title = ?", (title,))
        """,
    "dl/manager.py": """
        from .store import Database


        class DownloadManager:
            db = None
            cache = None

            @classmethod
            def initialize(cls):
                cls.db = Database()
                cls.cache = {}

            async def monitor(self, title):
                self.db.delete(title)                              # 14
                self.cache.clear()                                 # a dict: nothing
        """,
}



# a client made once and kept in a module global (`global _client`): what the
# function returns is what it assigned there
GLOBAL_MEMO = {
    "rec/__init__.py": "",
    "rec/storage.py": """
        class LocalStorage:
            def upload_file(self, path, data):
                with open(path, "wb") as f:
                    f.write(data)
        """,
    "rec/api.py": """
        from .storage import LocalStorage

        _storage = None
        _count = 0


        def get_storage():
            global _storage
            if _storage is None:
                _storage = LocalStorage()
            return _storage


        async def upload(path, data):
            get_storage().upload_file(path, data)                  # 15
            storage = get_storage()
            storage.upload_file(path, data)                        # 17
        """,
}



# Pillow's image operations return images: the saved result is an Image
PILLOW = {
    "pics.py": """
        import io

        from PIL import Image, ImageOps


        async def thumbnail(image_bytes, path):
            with Image.open(io.BytesIO(image_bytes)) as im:         # in memory: nothing
                im = ImageOps.pad(im, (400, 400))
            im.save(path)                                          # 9
            small = im.convert("RGB").resize((64, 64))
            small.save(io.BytesIO(), "PNG")                        # in memory: nothing
            small.save(path + ".small.png")                        # 12
        """,
}


STORAGE_CLASSES = {   # the storage-class pattern of tinydb and http.client-style libraries
    "docdb/__init__.py": "",
    "docdb/storages.py": """
        import json
        from abc import ABC, abstractmethod


        class Storage(ABC):
            @abstractmethod
            def read(self): ...


        class JSONStorage(Storage):
            def __init__(self, path):
                self._handle = open(path, "r+")                    # 14

            def read(self):
                return json.loads(open(self._handle.name).read())  # 17


        class MemoryStorage(Storage):
            def __init__(self):
                self.memory = None

            def read(self):
                return self.memory
        """,
    "docdb/database.py": """
        from docdb.storages import JSONStorage, Storage


        class DocDB:
            default_storage_class = JSONStorage

            def __init__(self, *args, **kwargs):
                storage = kwargs.pop("storage", self.default_storage_class)
                self._storage: Storage = storage(*args, **kwargs)

            def all(self):
                return self._storage.read()


        def open_db(path, storage=JSONStorage):
            return storage(path)
        """,
    "app.py": """
        from docdb.database import DocDB, open_db
        from docdb.storages import MemoryStorage


        async def on_disk(path):
            DocDB(path)                                            # 6


        async def in_memory():
            DocDB(storage=MemoryStorage)                           # passes a storage: nothing


        async def read_all(db: DocDB):
            return db.all()                                        # 14


        async def helper(path):
            open_db(path)                                          # 18
            open_db(path, storage=MemoryStorage)                   # nothing
        """,
}

CHILDREN = {
    "kids.py": """
        import os
        import pathlib
        from os import waitpid as _waitpid, WNOHANG as _WNOHANG


        def reap(pid, _waitpid=_waitpid, _WNOHANG=_WNOHANG):
            return _waitpid(pid, _WNOHANG)                         # a poll: nothing


        def wait_for(pid, _waitpid=_waitpid):
            return _waitpid(pid, 0)                                # 11


        async def sigchld(pid):
            reap(pid)
            wait_for(pid)                                          # 16


        async def listing(root: pathlib.Path, run_sync):
            gen = root.iterdir()                                   # handed to a thread: nothing
            return await run_sync(list, gen)


        async def names(root: pathlib.Path):
            entries = root.iterdir()                               # 25
            return [p.name for p in entries]
        """,
}


GETATTR = {   # a Home Assistant panel reading an optional attribute of its coordinator
    "roomy/__init__.py": "",
    "roomy/history.py": """
        import csv


        class HistoryStore:
            def read_detail(self, area):
                with open("/config/roomy/%s.csv" % area) as f:     # the file read
                    return list(csv.reader(f))
        """,
    "roomy/coordinator.py": """
        from roomy.history import HistoryStore


        class Coordinator:
            def __init__(self):
                self._history_store = HistoryStore()
        """,
    "roomy/websocket_api.py": """
        from fastapi import Request

        from roomy.coordinator import Coordinator


        def _get_coordinator(hass) -> Coordinator | None:
            return hass.data.get("roomy", {}).get("coordinator")


        async def get_analytics(hass, area):
            coordinator = _get_coordinator(hass)
            store = getattr(coordinator, "_history_store", None)
            if store:
                return store.read_detail(area)                      # 14


        async def from_state(request: Request, area):
            store = getattr(request.app.state, "store", None)      # a library object's attribute: unknown,
            if store is None:                                      # so the fallback's type stands
                from roomy.history import HistoryStore
                store = HistoryStore()
            return store.read_detail(area)                         # 22
        """,
}

RUNTIME_ALIAS = {
    "locks/__init__.py": """
        import sys
        from typing import TYPE_CHECKING

        from locks.soft import SoftLock
        from locks.unix import UnixLock

        if TYPE_CHECKING:
            Lock = SoftLock          # what type checkers see
        else:
            Lock = UnixLock          # what runs
        """,
    "locks/soft.py": """
        class SoftLock:
            def acquire(self):
                return True
        """,
    "locks/unix.py": """
        import fcntl

        class UnixLock:
            def __init__(self, path):
                self.path = path

            def acquire(self):
                with open(self.path, "a") as f:
                    fcntl.flock(f, fcntl.LOCK_EX)
        """,
    "app.py": """
        from locks import Lock

        async def deploy():
            Lock("/run/deploy.lock").acquire()                    # 4
        """,
}

GENERIC_BASES = {
    "repo/__init__.py": "",
    "repo/base.py": """
        from typing import Generic, TypeVar

        T = TypeVar("T")
        K = TypeVar("K")
        V = TypeVar("V")


        class Repository(Generic[T]):
            def get(self, key) -> T:
                raise NotImplementedError


        class Cached(Repository[T]):
            pass


        class Store(Generic[K, V]):
            def value(self, key: K) -> V:
                raise NotImplementedError
        """,
    "repo/models.py": """
        class User:
            def save(self):
                with open("users.json", "w") as f:
                    f.write("x")


        class Blob:
            def read(self):
                return b""
        """,
    "repo/concrete.py": """
        from repo.base import Cached, Repository, Store
        from repo.models import Blob, User


        class UserRepo(Repository[User]):
            pass


        class CachedUsers(Cached[User]):
            pass


        class BlobStore(Store[str, Blob]):
            pass


        class Anything(Repository):
            pass
        """,
    "app.py": """
        from repo.concrete import Anything, BlobStore, CachedUsers, UserRepo


        async def handler(users: UserRepo, cached: CachedUsers, blobs: BlobStore, other: Anything):
            users.get(1).save()                                    # 5
            cached.get(2).save()                                   # 6
            blobs.value("k").read()                                # a Blob: reads nothing
            other.get(3).save()                                    # T unbound: unknown
        """,
}

PROPERTY_CALLS = {
    "refs.py": """
        class Ref:
            def __init__(self, path):
                self.path = path

            def _get_commit(self):
                with open(self.path) as f:
                    return f.read()

            def _set_commit(self, value):
                with open(self.path, "w") as f:
                    f.write(value)

            def _name(self):
                return self.path

            commit = property(_get_commit, _set_commit)
            name = property(fget=_name)


        class Repo:
            def __init__(self, path):
                self.head = Ref(path)
        """,
    "app.py": """
        from refs import Ref, Repo


        async def read(ref: Ref):
            return ref.commit                                      # 5


        async def write(ref: Ref):
            ref.commit = "abc"                                     # 9


        async def through_an_attribute(repo: Repo):
            return repo.head.commit, repo.head.name                # 13: a property of repo.head


        async def names(ref: Ref):
            return ref.name                                        # reads nothing
        """,
}

NAME_PATTERNS = {
    "loaders.py": """
        import json
        import sqlite3


        class Config:
            def load(self, path):
                kind = path.rpartition(".")[2]
                loader = getattr(self, "_load_{}".format(kind))
                return loader(path)

            def _load_json(self, path):
                with open(path) as f:
                    return json.load(f)

            def _load_env(self, path):
                return {}


        class Controller:
            def start_task(self, ids):
                sqlite3.connect("x.db").execute("UPDATE t SET s = 1")

            def _memo(self):
                return {}
        """,
    "app.py": """
        from loaders import Config, Controller


        async def setup(path):
            return Config().load(path)                             # 5


        async def change(controller: Controller, op, ids):
            method = getattr(controller, f"{op}_task")
            return method(ids)                                     # 10


        async def other(controller: Controller, op):
            return getattr(controller, "x_" + op)()                # no method of that shape
        """,
}


# httplib2's Http(cache): `if cache and isinstance(cache, str)` builds a file
# cache. A named constant of another module whose value the scanner cannot
# read (it comes from the environment) may be a str: the branch may run.
# One that is an int constant cannot pass the isinstance test.
CONSTANT_ISINSTANCE = {
    "settings.py": """
        import os

        CACHE_DIR = os.environ.get("APP_CACHE_DIR", "/var/cache/app")
        CACHE_PATH = "/var/cache/app"
        MAX_AGE = 300
        """,
    "httpish.py": """
        import os


        class FileCache:
            def __init__(self, folder):
                os.makedirs(folder, exist_ok=True)
                self.folder = folder


        class Http:
            def __init__(self, cache=None, timeout=None):
                if cache and isinstance(cache, str):
                    self.cache = FileCache(cache)
                else:
                    self.cache = cache
        """,
    "app.py": """
        import settings
        from httpish import Http


        async def from_env():
            return Http(settings.CACHE_DIR, timeout=5)            # 6


        async def from_constant():
            return Http(settings.CACHE_PATH)                       # 10


        async def not_a_str():
            return Http(settings.MAX_AGE)                          # an int: no file cache
        """,
}


# pynetbox's shape: Request keeps an untyped constructor parameter
# (`self.http_session = http_session`), and Api, in another module, builds it
# with its requests.Session. What the callers pass types the attribute (a call
# passing something of unknown type does not veto); when two callers pass
# different types, it stays unknown.
CTOR_PARAMETERS = {
    "netbox/__init__.py": "",
    "netbox/query.py": """
        class Request:
            def __init__(self, base, http_session, token=None):
                self.base = base
                self.http_session = http_session
                self.token = token

            def get_status(self):
                return self.http_session.get(self.base + "status/").json()
        """,
    "netbox/api.py": """
        import requests

        from .query import Request


        class Api:
            def __init__(self, url):
                self.base_url = url
                self.http_session = requests.Session()

            def status(self):
                return Request(self.base_url, http_session=self.http_session).get_status()

            def version(self):
                return Request(self.base_url, self.http_session).get_status()
        """,
    "netbox/cache.py": """
        import sqlite3


        class Store:
            def __init__(self, conn):
                self.conn = conn

            def count(self):
                return self.conn.execute("SELECT count(*) FROM t").fetchone()


        class Memory:
            def execute(self, sql):
                return self


        def on_disk():
            return Store(sqlite3.connect("cache.db"))


        def in_memory(mem: Memory):
            return Store(mem)
        """,
    "app.py": """
        from netbox.api import Api
        from netbox.cache import Store

        api = Api("https://netbox.example/api/")


        async def status(session):
            return api.status()                                    # 8


        async def version():
            return api.version()                                   # 12


        async def rows(store: Store):
            return store.count()                                   # callers disagree: unknown
        """,
}
# A class with a __getattr__ (pynetbox's App: any other attribute is an
# Endpoint) still has the attributes it sets itself: `App.models`, a dict of
# the class body, is not what __getattr__ makes.
GETATTR_OWN_ATTRIBUTES = {
    "apps.py": """
        import time


        class Endpoint:
            def __init__(self, app, name):
                self.app = app
                self.name = name

            def get(self, key=None):
                time.sleep(1)


        class App:
            models = {"dcim": "Device"}

            def __init__(self, name):
                self.name = name
                self.cache = {}

            def model(self):
                return App.models.get(self.name)

            def cached(self):
                return self.cache.get(self.name)

            def __getattr__(self, name):
                return Endpoint(self, name)
        """,
    "app.py": """
        from apps import App

        dcim = App("dcim")


        async def model():
            return dcim.model(), dcim.cached()                     # dicts: nothing


        async def device(key):
            return dcim.devices.get(key)                           # 11
        """,
}


# GitPython's Git: any other attribute is a lambda running a git subcommand.
GETATTR_LAMBDA = {
    "gitish.py": """
        import subprocess


        class Git:
            def __init__(self, cwd):
                self.cwd = cwd

            def _call_process(self, name, *args):
                return subprocess.run(["git", name, *args], cwd=self.cwd, capture_output=True).stdout

            def __getattr__(self, name):
                if name.startswith("_"):
                    return super().__getattribute__(name)
                return lambda *args: self._call_process(name, *args)


        class Repo:
            def __init__(self, path):
                self.git = Git(path)
        """,
    "app.py": """
        from gitish import Repo

        repo = Repo(".")


        async def log():
            return repo.git.log("-5")                              # 7


        async def cwd():
            return repo.git.cwd                                    # an attribute it sets: nothing
        """,
}


# `obj[key]` runs the class's __getitem__ (__setitem__, __delitem__): a
# sqlitedict-like table; plumbum's `local["git"]` returns a command whose
# call runs a child process, and `from machines import local` names the
# package's object, not its submodule `machines.local`.
SUBSCRIPTS = {
    "store.py": """
        import sqlite3


        class Table:
            def __init__(self, path):
                self.path = path

            def __getitem__(self, key):
                with sqlite3.connect(self.path) as db:
                    return db.execute("SELECT v FROM t WHERE k = ?", (key,)).fetchone()

            def __setitem__(self, key, value):
                with sqlite3.connect(self.path) as db:
                    db.execute("REPLACE INTO t VALUES (?, ?)", (key, value))

            def __delitem__(self, key):
                with sqlite3.connect(self.path) as db:
                    db.execute("DELETE FROM t WHERE k = ?", (key,))
        """,
    "machines/__init__.py": """
        from machines.local import local
        """,
    "machines/local.py": """
        import subprocess


        class Command:
            def __init__(self, name):
                self.name = name

            def __call__(self, *args):
                return subprocess.run([self.name, *args], capture_output=True).stdout


        class Machine:
            def __getitem__(self, name) -> Command:
                return Command(name)


        local = Machine()
        """,
    "app.py": """
        from machines import local
        from store import Table


        async def get(key):
            t = Table("x.db")
            return t[key]                                          # 7


        async def put(key, value):
            t = Table("x.db")
            t[key] = value                                         # 12


        async def drop(key, t: Table):
            del t[key]                                             # 16


        async def counts(d: dict, key):
            names = {"a": 1}
            return names[key], d[key]                              # dicts: nothing


        async def status():
            git = local["git"]
            return git("status")                                   # 26
        """,
}


# sh's Command.bake: `type(self)(self._path)` builds another object of the
# same class, whose constructor looks the program up on PATH.
SAME_CLASS_CALLS = {
    "cmds.py": """
        import shutil


        class Command:
            def __init__(self, name):
                self.path = shutil.which(name)
                self.args = []

            def bake(self, *args):
                fn = type(self)(self.path)
                fn.args = [*self.args, *args]
                return fn

            def again(self):
                return self.__class__(self.path)

            def copy(self):
                return list(self.args)
        """,
    "app.py": """
        from cmds import Command

        git = Command("git")


        async def in_repo(path):
            return git.bake("-C", path)                            # 7


        async def fresh():
            return git.again()                                     # 11


        async def args():
            return git.copy()                                      # nothing
        """,
}


# one table for the cases above that are files and the findings they must give
CASES = {
    "a classmethod sets cls.db": (SINGLETON, [("dl/manager.py", 14, "BLK701")]),
    "a module global a function assigns": (GLOBAL_MEMO, [("rec/api.py", 15, "BLK401"), ("rec/api.py", 17, "BLK401")]),
    "Pillow operations return images": (PILLOW, [("pics.py", 9, "BLK400"), ("pics.py", 12, "BLK400")]),
    "a default storage class, unless one is passed": (
        STORAGE_CLASSES, [("app.py", 6, "BLK401"), ("app.py", 14, "BLK401"), ("app.py", 18, "BLK401")]),
    "getattr with a constant name": (GETATTR, [("roomy/websocket_api.py", 14, "BLK401"),
                                              ("roomy/websocket_api.py", 22, "BLK401")]),
    "property(getter, setter) and a property of an attribute": (
        PROPERTY_CALLS, [("app.py", 5, "BLK401"), ("app.py", 9, "BLK401"), ("app.py", 13, "BLK401")]),
    "getattr with a name built around one run-time part": (
        NAME_PATTERNS, [("app.py", 5, "BLK401"), ("app.py", 10, "BLK701")]),
    "a TypeVar a generic base binds": (GENERIC_BASES, [("app.py", 5, "BLK401"), ("app.py", 6, "BLK401")]),
    "the runtime alias over the TYPE_CHECKING one": (RUNTIME_ALIAS, [("app.py", 4, "BLK401")]),
    "waitpid polls and lazy iterators handed on": (CHILDREN, [("kids.py", 16, "BLK301"), ("kids.py", 25, "BLK400")]),
    "an attribute typed by what its constructor's callers pass": (
        CTOR_PARAMETERS, [("app.py", 8, "BLK201"), ("app.py", 12, "BLK201")]),
    "__getattr__ does not make the attributes a class sets": (GETATTR_OWN_ATTRIBUTES, [("app.py", 11, "BLK101")]),
    "the lambda a __getattr__ returns runs when called": (GETATTR_LAMBDA, [("app.py", 7, "BLK301")]),
    "subscripts run __getitem__, __setitem__, __delitem__": (SUBSCRIPTS, [
        ("app.py", 7, "BLK701"), ("app.py", 12, "BLK701"), ("app.py", 16, "BLK701"), ("app.py", 26, "BLK301")]),
    "type(self)(...) and self.__class__(...) build the same class": (
        SAME_CLASS_CALLS, [("app.py", 7, "BLK401"), ("app.py", 11, "BLK401")]),
    "isinstance of a named constant of unknown value": (
        CONSTANT_ISINSTANCE, [("app.py", 6, "BLK401"), ("app.py", 10, "BLK401")]),
}


@PYTHONS
@pytest.mark.parametrize("case", list(CASES))
def test_case(tmp_path, python, case):
    files, expected = CASES[case]
    data = scan(tmp_path, files, args=["--no-deps", "--no-cache"], python=python)
    assert codes(data) == expected, codes(data)
