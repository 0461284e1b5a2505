import logging
import sqlite3
from contextlib import contextmanager

from .settings import DATABASE_PATH

log = logging.getLogger(__name__)


@contextmanager
def get_conn():
    conn = sqlite3.connect(DATABASE_PATH)
    conn.row_factory = sqlite3.Row
    try:
        yield conn
        conn.commit()
    finally:
        conn.close()


def insert_photo(owner_id, filename, size):
    with get_conn() as conn:
        cur = conn.execute(
            "INSERT INTO photos (owner_id, filename, size) VALUES (?, ?, ?)",
            (owner_id, filename, size),
        )
        log.info("inserted photo %s", cur.lastrowid)
        return cur.lastrowid


def get_photo(photo_id):
    with get_conn() as conn:
        row = conn.execute("SELECT * FROM photos WHERE id = ?", (photo_id,)).fetchone()
        return dict(row) if row else None


def list_photos(owner_id, limit=50):
    with get_conn() as conn:
        rows = conn.execute(
            "SELECT * FROM photos WHERE owner_id = ? ORDER BY id DESC LIMIT ?", (owner_id, limit)
        ).fetchall()
    return [dict(r) for r in rows]
