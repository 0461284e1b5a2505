"""A line-based protocol for the device bridges."""
from __future__ import annotations

import asyncio


class LineProtocol(asyncio.Protocol):
    """Splits incoming data into lines."""

    def __init__(self) -> None:
        self._buffer = b""

    def data_received(self, data: bytes) -> None:
        self._buffer += data
        *lines, self._buffer = self._buffer.split(b"\n")
        for line in lines:
            self.line_received(line)

    def line_received(self, line: bytes) -> None:
        """Override in a subclass."""
