"""Sets the hub up: storage, history, platforms."""
from __future__ import annotations

from .core import Hub
from .entity import Entity
from .history import Recorder
from .loader import async_get_platform
from .storage import Storage


async def async_setup(hub: Hub) -> list[Entity]:
    hub.storage = Storage(hub.config.path(".storage"))
    conf = hub.config.load()  # expect: BLK401
    cfg = hub.config
    overrides = cfg.load()  # expect: BLK401
    recorder = Recorder(hub, hub.config.path("history.db"))  # expect: BLK701
    recorder.start()
    for name in conf["platforms"] + overrides.get("platforms", []):
        platform = await async_get_platform(hub, name)
        await platform.async_setup(hub)
    return list(hub.entities.values())
