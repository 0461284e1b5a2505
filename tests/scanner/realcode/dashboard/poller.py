"""A Tornado service that polls an upstream API and flushes to disk."""
from __future__ import annotations

import json

import requests
from tornado.ioloop import IOLoop, PeriodicCallback
from tornado.web import RequestHandler

STATE_FILE = "/var/lib/dashboard/state.json"


class Poller:
    def __init__(self, url: str) -> None:
        self.url = url
        self.state: dict = {}
        self._timer = PeriodicCallback(self._poll, 5000)

    def start(self) -> None:
        self._timer.start()
        IOLoop.current().add_callback(self._flush)

    def _poll(self) -> None:
        self.state = requests.get(self.url, timeout=5).json()  # expect: BLK200

    def _flush(self) -> None:
        with open(STATE_FILE, "w", encoding="utf-8") as f:  # expect: BLK400
            json.dump(self.state, f)
        IOLoop.current().call_later(60, self._flush)


class StateHandler(RequestHandler):
    """A sync handler: Tornado runs it on the IOLoop."""

    def get(self) -> None:
        with open(STATE_FILE, encoding="utf-8") as f:  # expect: BLK400
            self.write(f.read())

    async def post(self) -> None:
        state = json.loads(self.request.body)
        with open(STATE_FILE, "w", encoding="utf-8") as f:  # expect: BLK400
            json.dump(state, f)
