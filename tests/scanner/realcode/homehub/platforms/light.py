"""Lights on a serial bridge."""
from __future__ import annotations

from ..bridge import LineProtocol


class SerialBridge(LineProtocol):
    """The loop calls these protocol methods (LineProtocol is an asyncio.Protocol)."""

    def __init__(self, hub) -> None:
        self.hub = hub
        self.log = None

    def connection_made(self, transport) -> None:
        self.transport = transport
        self.log = open(self.hub.config.path("bridge.log"), "ab")  # expect: BLK400

    def connection_lost(self, exc) -> None:
        if self.log is not None:
            self.log.close()


async def async_setup(hub) -> None:
    await hub.loop.create_connection(lambda: SerialBridge(hub), "bridge.local", 2000)
