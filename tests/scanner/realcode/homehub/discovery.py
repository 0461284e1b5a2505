"""Finds devices that announce themselves on the local network (UDP)."""
from __future__ import annotations

import asyncio
import logging
import socket

_LOGGER = logging.getLogger(__name__)
DISCOVERY_PORT = 50000


class DiscoveryProtocol(asyncio.DatagramProtocol):
    def __init__(self, hub) -> None:
        self.hub = hub
        self.transport = None

    def connection_made(self, transport) -> None:
        self.transport = transport

    def datagram_received(self, data: bytes, addr) -> None:
        name, _aliases, _ips = socket.gethostbyaddr(addr[0])  # expect: BLK600
        self.hub.async_fire("discovered:%s" % name)

    def error_received(self, exc: Exception) -> None:
        _LOGGER.warning("discovery error: %s", exc)


async def async_start(hub) -> None:
    await hub.loop.create_datagram_endpoint(lambda: DiscoveryProtocol(hub), local_addr=("0.0.0.0", DISCOVERY_PORT))
