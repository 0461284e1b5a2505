"""The hub object, jobs and the @callback marker."""
from __future__ import annotations

import asyncio
import logging
from typing import Any, Callable

from .config import Config

_LOGGER = logging.getLogger(__name__)


def callback(func: Callable[..., Any]) -> Callable[..., Any]:
    """Mark a sync function as safe to run in the event loop."""
    func._hub_callback = True
    return func


class Hub:
    """Owns the loop, the configuration and the entities."""

    def __init__(self, config_dir: str) -> None:
        self.loop = asyncio.get_running_loop()
        self.config = Config(config_dir)
        self.storage = None  # set up by homehub.setup
        self.entities: dict[str, Any] = {}
        self._listeners: list[Callable[[str], None]] = []

    def async_add_job(self, target: Callable[..., Any], *args: Any) -> Any:
        if asyncio.iscoroutinefunction(target):
            return self.loop.create_task(target(*args))
        if getattr(target, "_hub_callback", False):
            self.loop.call_soon(target, *args)
            return None
        return self.loop.run_in_executor(None, target, *args)

    @callback
    def async_listen(self, listener: Callable[[str], None]) -> None:
        self._listeners.append(listener)

    @callback
    def async_fire(self, event: str) -> None:
        for listener in self._listeners:
            listener(event)
