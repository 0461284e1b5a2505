"""An aiohttp server whose handlers block: one computes in a sync helper,
one sleeps in another. Prints its port, serves until GET /stop."""
import asyncio
import hashlib
import time

from aiohttp import web


def digest(seconds):
    """Hashes on the loop's thread for `seconds` (a fixed number of rounds took
    under the watcher's 100 ms threshold on a fast, idle machine)."""
    h = b""
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        for _ in range(1000):
            h = hashlib.sha256(h).digest()
    return h.hex()


def render(name):
    time.sleep(0.3)
    return "hello " + name


async def cpu(request):
    return web.Response(text=digest(0.5))          # mark:cpu


async def slow(request):
    return web.Response(text=render("x"))          # mark:slow


async def fast(request):
    return web.Response(text="ok")


async def serve():
    stop = asyncio.Event()

    async def stop_serving(request):
        stop.set()
        return web.Response(text="bye")

    app = web.Application()
    app.router.add_get("/cpu", cpu)
    app.router.add_get("/slow", slow)
    app.router.add_get("/fast", fast)
    app.router.add_get("/stop", stop_serving)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    print("port", site._server.sockets[0].getsockname()[1], flush=True)
    await stop.wait()
    await runner.cleanup()


asyncio.run(serve())
