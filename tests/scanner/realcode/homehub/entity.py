"""Entities: the things the hub shows and controls."""
from __future__ import annotations

import json
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .core import callback

if TYPE_CHECKING:
    from .core import Hub


class Entity:
    def __init__(self, hub: Hub, unique_id: str, path: str) -> None:
        self.hub = hub
        self.unique_id = unique_id
        self._path = Path(path)

    @property
    def entity_id(self) -> str:
        return "sensor." + self.unique_id

    @property
    def state(self) -> str:
        """The value the device driver last wrote."""
        return self._path.read_text(encoding="utf-8").strip()

    @state.setter
    def state(self, value: str) -> None:
        self._path.write_text(value, encoding="utf-8")

    @cached_property
    def device_info(self) -> dict:
        with open(self.hub.config.path("devices.json"), encoding="utf-8") as f:
            return json.load(f)[self.unique_id]

    @callback
    def async_write_state(self) -> None:
        self.hub.async_fire("%s:%s" % (self.entity_id, self.state))  # expect: BLK401

    async def async_update(self) -> dict:
        value = self.state  # expect: BLK401
        info = self.device_info  # expect: BLK403
        return {"state": value, "name": info["name"], "id": self.entity_id}
