"""Types the scanner reads from annotations that wrap them: FastAPI-style
`Annotated[T, Depends(...)]` parameters (inline or through a module-level
alias) are a T; the metadata is not a type."""
from __future__ import annotations

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
