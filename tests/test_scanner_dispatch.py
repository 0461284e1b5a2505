"""Calls the scanner follows through layers real applications put between a
handler and the driver: an abstract repository whose only production
implementation talks to SQLite, a session factory typed by a generic
annotation (`sessionmaker[Session]`) and set in a base class's __init__.
And two precision rules: `while not q.empty(): q.get()` finds an item; the
rows of a statement the function executed are one finding, on execute()."""
from __future__ import annotations

import pytest

from test_scanner_realcode2 import PYTHONS, chain, codes, scan

ARGS = ["--no-deps", "--no-cache"]
# case -> (files, the findings the scanner must report on them: path, line,
# code); each case is explained above its files, scanned by test_case
CASES = {}

# A FastAPI app in the clean-architecture style (taskdog's shape): endpoint ->
# controller (an Annotated alias from another module) -> use case -> abstract
# repository -> SQLAlchemy implementation. A fake in tests/ sleeps: it never
# runs in production, so it must not be blamed.
LAYERS = {
    "app/__init__.py": "",
    "app/domain.py": """
        from abc import ABC, abstractmethod


        class TaskRepository(ABC):
            @abstractmethod
            def get_by_id(self, task_id: int):
                \"\"\"The task, or None.\"\"\"

            @abstractmethod
            def save(self, task) -> None:
                ...

            def count(self) -> int:
                raise NotImplementedError

            def describe(self) -> str:
                return "tasks"
        """,
    "app/db.py": """
        from __future__ import annotations

        from typing import TYPE_CHECKING

        from sqlalchemy import create_engine
        from sqlalchemy.orm import sessionmaker as make_sessions

        from app.domain import TaskRepository

        if TYPE_CHECKING:
            from sqlalchemy.orm import Session, sessionmaker


        def session_factory(url: str) -> sessionmaker[Session]:
            return make_sessions(create_engine(url))


        class SqliteBase:
            def __init__(self, url: str) -> None:
                self.Session: sessionmaker[Session] = session_factory(url)


        class SqliteTaskRepository(SqliteBase, TaskRepository):
            def get_by_id(self, task_id: int):
                with self.Session() as session:
                    return session.get(dict, task_id)                 # 26

            def save(self, task) -> None:
                with self.Session() as session:
                    session.merge(task)
                    session.commit()                                  # 31

            def count(self) -> int:
                return 0

            def describe(self) -> str:
                with self.Session() as session:
                    session.commit()                                  # 38
                return "sqlite"
        """,
    "app/usecases.py": """
        from app.domain import TaskRepository


        class RenameTask:
            def __init__(self, repository: TaskRepository):
                self.repository = repository

            def execute(self, task_id: int, name: str):
                task = self.repository.get_by_id(task_id)
                task["name"] = name
                self.repository.save(task)
                return task
        """,
    "app/controllers.py": """
        from app.domain import TaskRepository
        from app.usecases import RenameTask


        class TaskController:
            def __init__(self, repository: TaskRepository):
                self.repository = repository

            def rename(self, task_id: int, name: str):
                return RenameTask(self.repository).execute(task_id, name)

            def total(self) -> int:
                return self.repository.count()

            def label(self) -> str:
                return self.repository.describe()
        """,
    "app/deps.py": """
        from typing import Annotated

        from fastapi import Depends

        from app.controllers import TaskController
        from app.db import SqliteTaskRepository


        def get_controller() -> TaskController:
            return TaskController(SqliteTaskRepository("sqlite:///tasks.db"))


        ControllerDep = Annotated[TaskController, Depends(get_controller)]
        """,
    "app/routes.py": """
        from app.deps import ControllerDep


        async def rename_task(task_id: int, name: str, controller: ControllerDep):
            return controller.rename(task_id, name)                   # 5


        async def total(controller: ControllerDep):
            return controller.total()                                 # 9: count() is 0 in SQLite, sleeps only in the fake


        async def label(controller: ControllerDep):
            return controller.label()                                 # 13: built with the SQLite one (deps.py)
        """,
    "tests/__init__.py": "",
    "tests/fakes.py": """
        import time

        from app.domain import TaskRepository


        class SlowFakeRepository(TaskRepository):
            def get_by_id(self, task_id):
                return {}

            def save(self, task):
                pass

            def count(self):
                time.sleep(0.5)
                return 1
        """,
}


@PYTHONS
def test_abstract_methods_run_their_production_overrides(tmp_path, python):
    data = scan(tmp_path, LAYERS, args=ARGS, python=python)
    assert codes(data) == [("app/routes.py", 5, "BLK701"), ("app/routes.py", 13, "BLK701")], codes(data)
    f, described = data["findings"]
    hops = chain(f)
    assert "app.domain.TaskRepository.get_by_id" in hops and "app.db.SqliteTaskRepository.get_by_id" in hops, hops
    assert hops[-1] == "sqlalchemy.orm.Session.get", hops
    assert f["root"]["line"] == 26, f["root"]
    # TaskRepository.describe() has a body, so a TaskRepository is not dispatched to its
    # overrides; but the controller's repository is declared TaskRepository and every
    # caller passes a SqliteTaskRepository: that one's describe() commits
    assert "app.db.SqliteTaskRepository.describe" in chain(described), chain(described)
    assert described["root"]["line"] == 38, described["root"]


# Stub bodies count as declarations; an @overload's implementation does not.
STUBS = {
    "shapes.py": """
        import time
        from typing import overload


        class Base:
            def a(self): ...
            def b(self): pass
            def c(self): raise NotImplementedError
            def d(self): raise NotImplementedError("subclass")
            def e(self):
                \"\"\"Only a docstring.\"\"\"

            @overload
            def f(self, x: int) -> int: ...
            @overload
            def f(self, x: str) -> str: ...
            def f(self, x):
                return x


        class Slow(Base):
            def a(self): time.sleep(1)
            def b(self): time.sleep(1)
            def c(self): time.sleep(1)
            def d(self): time.sleep(1)
            def e(self): time.sleep(1)
            def f(self, x): time.sleep(1)


        async def run(obj: Base):
            obj.a()     # 31
            obj.b()
            obj.c()
            obj.d()
            obj.e()     # 35
            obj.f(1)    # Base.f has a body: Base.f runs
        """,
}

CASES["stub_bodies_dispatch_but_overloaded_implementations_do_not"] = (
    STUBS, [("shapes.py", n, "BLK101") for n in range(31, 36)])


# jupyter_server's shape: a manager interface with sync and async
# implementations, called through `ensure_async`. Which one runs is
# configuration, so the call is not blamed on the sync one.
MIXED = {
    "contents.py": """
        import os


        class ContentsManager:
            def get(self, path):
                raise NotImplementedError


        class FileContentsManager(ContentsManager):
            def get(self, path):
                return os.listdir(path)


        class AsyncFileContentsManager(FileContentsManager):
            async def get(self, path):
                return []


        async def ensure_async(x):
            return await x if hasattr(x, "__await__") else x


        async def handler(cm: ContentsManager, path):
            return await ensure_async(cm.get(path))     # 24: not reported


        async def direct(cm: FileContentsManager, path):
            return cm.get(path)                         # 28: the sync class itself
        """,
}

CASES["interfaces_with_an_async_implementation_are_not_dispatched"] = (MIXED, [("contents.py", 28, "BLK401")])


# Draining a queue.Queue after checking it is not empty takes an item at
# once; after an await another task may have taken it.
DRAIN = {
    "drain.py": """
        import queue
        from queue import Queue


        class Setup:
            def __init__(self):
                self.pending: Queue[int] = Queue()
                self.other = queue.Queue()

            async def connect(self):
                while not self.pending.empty():
                    item = self.pending.get()
                    await self.use(item)
                if self.other.qsize() > 0:
                    self.use_now(self.other.get())

            async def late(self):
                while not self.pending.empty():
                    await self.use(1)
                    self.pending.get()                  # 20: after an await

            async def unchecked(self):
                return self.other.get()                 # 23

            async def use(self, item):
                pass

            def use_now(self, item):
                pass
        """,
}

CASES["get_after_a_non_empty_check_is_not_reported"] = (DRAIN, [("drain.py", 20, "BLK800"), ("drain.py", 23, "BLK800")])


# One finding per SQL statement: on the execute() that runs it, not again on
# reading its rows (a psycopg2 client-side cursor holds them all in memory).
ROWS = {
    "store.py": """
        import sqlite3

        conn = sqlite3.connect("kv.db")


        async def chained(key):
            return conn.execute(                        # 7
                "SELECT v FROM kv WHERE k = ?", (key,)
            ).fetchone()


        async def same_cursor():
            cur = conn.cursor()
            cur.execute("SELECT k FROM kv")             # 14
            return cur.fetchall()


        async def iterated():
            cur = conn.execute("SELECT k FROM kv")      # 19
            return [row for row in cur]


        async def ran_elsewhere(cur: sqlite3.Cursor):
            return cur.fetchall()                       # 24: the statement ran in another function
        """,
}

CASES["rows_of_a_statement_executed_here_are_not_reported_again"] = (
    ROWS, [("store.py", n, "BLK700") for n in (7, 14, 19, 24)])


# super() runs the base's own method, not the siblings' overrides; an
# abstract __init__ is never reached through a base (code names the class it
# builds).
SUPER = {
    "adapters.py": """
        import abc
        import ssl
        import time


        class BaseAdapter(abc.ABC):
            @abc.abstractmethod
            def __init__(self, timeout):
                pass

            def close(self):
                pass


        class TLSAdapter(BaseAdapter):
            def __init__(self, timeout):
                super().__init__(timeout)
                self.ctx = ssl.create_default_context()

            def close(self):
                time.sleep(1)


        class PlainAdapter(BaseAdapter):
            def __init__(self, timeout):
                BaseAdapter.__init__(self, timeout)

            def close(self):
                super().close()


        async def plain(timeout):
            adapter = PlainAdapter(timeout)          # 33: nothing blocks
            adapter.close()                          # 34: nothing blocks


        async def any_adapter(adapter: BaseAdapter):
            adapter.close()                          # 38: may be the TLS one
        """,
}

CASES["super_calls_and_constructors_are_not_dispatched"] = (SUPER, [("adapters.py", 38, "BLK101")])


# NoneBot and aiogram handlers are all named `_`: each decorator registers its
# function before the next `def _` rebinds the name, so every one runs.
HANDLERS = {
    "bot.py": """
        import sqlite3
        import time

        from nonebot import on_command, on_message

        db = sqlite3.connect("users.db")
        ask = on_message()
        ban = on_command("ban")


        @ask.handle()
        async def _(event):
            time.sleep(0.5)                                     # 13


        @ban.handle()
        async def _(event):
            db.execute("INSERT INTO banned VALUES (?)", (event.user_id,))  # 18


        async def _(event):
            return event
        """,
}


@PYTHONS
def test_every_handler_defined_under_one_name_is_scanned(tmp_path, python):
    data = scan(tmp_path, HANDLERS, args=ARGS, python=python)
    assert codes(data) == [("bot.py", 13, "BLK100"), ("bot.py", 18, "BLK700")], codes(data)
    assert {f["function"] for f in data["findings"]} == {"bot._"}, data["findings"]


# Generator-based coroutines (`@asyncio.coroutine`, before Python 3.11; still
# in old integrations): calling one only makes the coroutine, and its body
# runs on the loop like an async def's.
GENERATOR_COROUTINES = {
    "timer.py": """
        import asyncio
        import time


        class Publisher:
            def __init__(self):
                asyncio.ensure_future(self._timer())             # makes the coroutine: nothing blocks here

            @asyncio.coroutine
            def _timer(self):
                while True:
                    yield from asyncio.sleep(60)
                    self.publish()                               # 13: runs on the loop


            def publish(self):
                time.sleep(1)


        async def setup():
            return Publisher()
        """,
}

CASES["generator_based_coroutines_are_loop_code"] = (GENERATOR_COROUTINES, [("timer.py", 13, "BLK101")])


# A branch on a module-level boolean constant (pymongo's generated async code
# tests `_IS_SYNC = False`) runs one way only; a flag some function rebinds
# through `global` is not a constant.
CONSTANTS = {
    "flags.py": """
        import time

        _IS_SYNC = False
        _READY = False


        async def send():
            if _IS_SYNC:
                time.sleep(1)                       # the sync build only
            if not _IS_SYNC:
                return 1
            time.sleep(2)                           # 12: after a branch that may return


        async def handler():
            if _READY:
                time.sleep(3)                       # 17: _READY is rebound below


        def mark_ready():
            global _READY
            _READY = True
        """,
}

CASES["branches_on_module_constants_run_one_way"] = (
    CONSTANTS, [("flags.py", 12, "BLK100"), ("flags.py", 17, "BLK100")])


@PYTHONS
@pytest.mark.parametrize("case", list(CASES))
def test_case(tmp_path, python, case):
    files, expected = CASES[case]
    data = scan(tmp_path, files, args=ARGS, python=python)
    assert codes(data) == expected, codes(data)
