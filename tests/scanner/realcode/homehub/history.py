"""Records events in SQLite and purges old ones."""
from __future__ import annotations

import sqlite3
import time
from typing import TYPE_CHECKING

from .core import callback

if TYPE_CHECKING:
    from .core import Hub

KEEP_SECONDS = 7 * 24 * 3600


class Recorder:
    def __init__(self, hub: Hub, db_path: str) -> None:
        self.hub = hub
        self._conn = sqlite3.connect(db_path, check_same_thread=False)

    def start(self) -> None:
        self.hub.async_listen(self._on_event)
        self.hub.loop.call_later(30, self._purge)

    def _purge(self) -> None:
        self._conn.execute("DELETE FROM events WHERE ts < ?", (time.time() - KEEP_SECONDS,))  # expect: BLK700
        self._conn.commit()  # expect: BLK700
        self.hub.loop.call_later(3600, self._purge)

    @callback
    def _on_event(self, event: str) -> None:
        self._conn.execute("INSERT INTO events VALUES (?, ?)", (time.time(), event))  # expect: BLK700
