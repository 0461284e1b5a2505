import hashlib
import json
import os
import sqlite3
from contextlib import closing
from pathlib import Path

DB = Path.home() / ".synctool" / "state.db"


def file_hash(path: Path) -> str:
    h = hashlib.blake2b()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 16), b""):
            h.update(block)
    return h.hexdigest()


class StateDB:
    def __init__(self, path: Path = DB):
        path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(path)
        self.conn.execute("CREATE TABLE IF NOT EXISTS files (path TEXT PRIMARY KEY, hash TEXT)")

    def known_hash(self, rel: str):
        with closing(self.conn.cursor()) as cur:
            cur.execute("SELECT hash FROM files WHERE path = ?", (rel,))
            row = cur.fetchone()
        return row[0] if row else None

    def remember(self, rel: str, digest: str):
        self.conn.execute("INSERT OR REPLACE INTO files VALUES (?, ?)", (rel, digest))
        self.conn.commit()


def changed_files(root: Path, db: StateDB):
    for dirpath, _, names in os.walk(root):
        for name in names:
            p = Path(dirpath) / name
            rel = str(p.relative_to(root))
            digest = file_hash(p)
            if db.known_hash(rel) != digest:
                yield p, rel, digest
