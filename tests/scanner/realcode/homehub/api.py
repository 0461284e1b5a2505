"""The hub's HTTP API (aiohttp)."""
from __future__ import annotations

import ssl
import zoneinfo

from aiohttp import web

from .config import secrets
from .core import Hub
from .util.dt import get_time_zone, now
from .util.ssl import client_context, context_with_extra_ca, server_context


class StateView:
    def __init__(self, hub: Hub) -> None:
        self.hub = hub

    async def get(self, request: web.Request) -> web.Response:
        states = self.hub.storage.load_json("states")  # expect: BLK401
        if not self.hub.config.is_allowed_path(request.path):  # expect: BLK401
            raise web.HTTPForbidden()
        return web.json_response(states)

    async def post_time(self, request: web.Request) -> web.Response:
        body = await request.json()
        tz = get_time_zone(body["time_zone"])  # expect: BLK403
        utc = zoneinfo.ZoneInfo("UTC")
        local = zoneinfo.ZoneInfo(body["display_time_zone"])  # expect: BLK403
        return web.json_response({"now": now(tz).isoformat(), "utc": now(utc).isoformat(), "local": str(local)})

    async def post_webhook(self, request: web.Request) -> web.Response:
        token = secrets(self.hub.config)["webhook_token"]  # expect: BLK403
        if request.headers.get("X-Token") != token:
            raise web.HTTPUnauthorized()
        return web.Response(status=204)


async def fetch_upstream(hub: Hub, session, url: str, pem: str = "") -> bytes:
    ctx = context_with_extra_ca(pem) if pem else client_context()
    async with session.get(url, ssl=ctx) as resp:
        return await resp.read()


async def fetch_legacy(session, url: str) -> bytes:
    ctx = ssl.create_default_context()  # expect: BLK420
    ctx.set_ciphers("DEFAULT@SECLEVEL=1")
    async with session.get(url, ssl=ctx) as resp:
        return await resp.read()


async def start_site(hub: Hub, runner: web.AppRunner) -> web.TCPSite:
    ctx = server_context(hub.config.path("cert.pem"), hub.config.path("key.pem"))  # expect: BLK423
    site = web.TCPSite(runner, port=8123, ssl_context=ctx)
    await site.start()
    return site
