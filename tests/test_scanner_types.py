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
