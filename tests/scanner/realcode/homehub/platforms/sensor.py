"""Sensors read by polling the device files."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..entity import Entity

if TYPE_CHECKING:
    from ..core import Hub


class FileSensor(Entity):
    """A sensor whose driver writes its value to a file."""


async def async_setup(hub: Hub) -> None:
    for unique_id, path in hub.config.load()["sensors"].items():  # expect: BLK401
        hub.entities[unique_id] = FileSensor(hub, unique_id, path)
