"""Loads integrations (platform modules) by name, the first time they are used."""
from __future__ import annotations

import functools
import importlib
import logging
from types import ModuleType
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .core import Hub

_LOGGER = logging.getLogger(__name__)
PACKAGE = "homehub.platforms"


def _import_platform(name: str) -> ModuleType:
    return importlib.import_module(f"{PACKAGE}.{name}")


@functools.cache
def _yaml_loader():
    import yaml

    return yaml.SafeLoader


async def async_get_platform(hub: Hub, name: str) -> ModuleType:
    """Import a platform the first time it is configured."""
    try:
        return _import_platform(name)  # expect: BLK411
    except ImportError:
        _LOGGER.error("no platform named %s", name)
        raise


async def async_setup_platforms(hub: Hub, names: list[str]) -> None:
    for name in names:
        module = await hub.loop.run_in_executor(None, _import_platform, name)
        await module.async_setup(hub)


async def async_load_helpers(hub: Hub) -> None:
    import json  # config.py imports json at module level: a dict lookup here

    from .entity import Entity  # setup.py imports it at module level
    from . import discovery  # expect: BLK410
    if TYPE_CHECKING:
        from .platforms import light

    sensor = __import__("homehub.platforms.sensor")  # expect: BLK410
    loader = _yaml_loader()  # expect: BLK413
    hub.helpers = (json, Entity, discovery, sensor, loader)


async def async_reload_platform(module: ModuleType) -> ModuleType:
    return importlib.reload(module)  # expect: BLK410
