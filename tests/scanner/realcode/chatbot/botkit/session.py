"""The HTTP session the bot talks to the API with."""
from __future__ import annotations

import ssl
from typing import Any

import aiohttp
import certifi


class HttpSession:
    def __init__(self, proxy: str | None = None, ssl_context: ssl.SSLContext | None = None) -> None:
        self.proxy = proxy
        if ssl_context is None:
            # reads certifi's CA bundle: about 20 ms every time a session is made
            ssl_context = ssl.create_default_context(cafile=certifi.where())
        self._ssl = ssl_context
        self._session: aiohttp.ClientSession | None = None

    async def request(self, method: str, url: str, **data: Any) -> dict:
        if self._session is None:
            self._session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(ssl=self._ssl))
        async with self._session.request(method, url, json=data, proxy=self.proxy) as resp:
            return await resp.json()

    async def close(self) -> None:
        if self._session is not None:
            await self._session.close()
