import asyncio
import logging
import os
import ssl
from urllib.parse import urljoin

import aiohttp
from aiohttp import web

from .auth import TokenStore, expired

log = logging.getLogger("gateway")
UPSTREAM = os.environ.get("UPSTREAM", "http://backend:8000/")
tokens = TokenStore()
SSL_CTX = ssl.create_default_context()


async def authenticate(request):
    token = request.headers.get("X-Token", "")
    info = tokens.lookup(token)  # expect: BLK701
    if info is None:
        raise web.HTTPUnauthorized()
    return info


async def proxy(request):
    info = await authenticate(request)
    url = urljoin(UPSTREAM, request.match_info["tail"])
    session: aiohttp.ClientSession = request.app["session"]
    async with session.request(request.method, url, data=await request.read(),
                               headers={"X-Owner": info["owner"]}, ssl=SSL_CTX) as resp:
        body = await resp.read()
        return web.Response(body=body, status=resp.status, headers={"Content-Type": resp.content_type})


async def health(request):
    loop = asyncio.get_running_loop()
    load = os.getloadavg()
    free = os.statvfs("/").f_bavail  # expect: BLK400
    return web.json_response({"load": load, "free_blocks": free, "time": loop.time()})


async def on_startup(app):
    app["session"] = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))


async def on_cleanup(app):
    await app["session"].close()


def make_app():
    app = web.Application()
    app.router.add_route("*", "/api/{tail:.*}", proxy)
    app.router.add_get("/health", health)
    app.on_startup.append(on_startup)
    app.on_cleanup.append(on_cleanup)
    return app
