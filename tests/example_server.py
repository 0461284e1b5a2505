"""Loopback aiohttp server that the `server` examples of references/ talk to.

Started by tests/test_examples.py (once per test session) as

    python tests/example_server.py --host 127.0.0.1 --port 0

It prints exactly one line, ``EXAMPLE_SERVER=http://HOST:PORT``, once it
listens, then serves until SIGTERM or SIGINT. Several examples may run against
one server at the same time, so every stateful route is keyed by a caller-chosen
``key`` (examples use a fresh uuid).

Routes:

| route | what it does |
|---|---|
| ``GET /json`` | ``{"ok": true, "server": "example"}`` |
| ``GET /delay?ms=N`` | sleeps N ms (max 30000), then ``{"slept_ms": N}`` |
| ``GET /status/{code}`` | empty-ish reply with that status (100-599 except 1xx) |
| ``GET /bytes?n=N&chunk=K`` | streams N bytes (max 64 MiB) of ``PATTERN`` repeated, K per write |
| ``GET /drip?n=N&interval_ms=M`` | sends headers, then 1 byte every M ms, N times |
| ``GET /stall`` | sends headers and one byte, then never sends the rest |
| ``POST /echo`` | echoes the body with the request's content type |
| ``POST /upload`` | reads the body as a stream: ``{"bytes": N, "sha256": HEX, "chunks": C}`` |
| ``ANY /flaky?key=K&fails=N&status=S`` | the first N calls per key answer S (default 503), then 200 ``{"attempts": n}`` |
| ``GET /concurrency?key=K&ms=N`` | holds the request N ms; ``{"max": M}`` = most requests of key K in flight at once |
| ``GET /peer`` | ``{"port": P}``: the client's source port (shows connection reuse) |
| ``GET /headers`` | the request headers as a JSON object |
| ``GET /html-error`` | a 502 with an HTML body, like a proxy's error page |
| ``GET /ws`` | websocket echo; the text ``close`` makes the server close with code 4000 |
"""
from __future__ import annotations

import argparse
import asyncio
import hashlib
import signal
import sys

from aiohttp import WSMsgType, web

PATTERN = b"0123456789abcdef"
MAX_BYTES = 64 * 1024 * 1024
MAX_DELAY_MS = 30_000

FLAKY = web.AppKey("flaky", dict)
INFLIGHT = web.AppKey("inflight", dict)


def _int(request: web.Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query.get(name)
    if raw is None:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise web.HTTPBadRequest(text=f"{name} must be an integer, got {raw!r}") from None
    if not low <= value <= high:
        raise web.HTTPBadRequest(text=f"{name} must be in [{low}, {high}], got {value}")
    return value


async def json_route(request: web.Request) -> web.Response:
    return web.json_response({"ok": True, "server": "example"})


async def delay(request: web.Request) -> web.Response:
    ms = _int(request, "ms", 100, 0, MAX_DELAY_MS)
    await asyncio.sleep(ms / 1000)
    return web.json_response({"slept_ms": ms})


async def status(request: web.Request) -> web.Response:
    try:
        code = int(request.match_info["code"])
    except ValueError:
        raise web.HTTPBadRequest(text="status code must be an integer") from None
    if not 200 <= code <= 599:
        raise web.HTTPBadRequest(text="status code must be in [200, 599]")
    body = None if code in (204, 304) else f"status {code}"
    return web.Response(status=code, text=body)


async def stream_bytes(request: web.Request) -> web.StreamResponse:
    n = _int(request, "n", 1024, 0, MAX_BYTES)
    chunk = _int(request, "chunk", 65536, 1, 1024 * 1024)
    resp = web.StreamResponse(headers={"Content-Type": "application/octet-stream"})
    resp.content_length = n
    await resp.prepare(request)
    block = PATTERN * (chunk // len(PATTERN) + 1)
    sent = 0
    while sent < n:
        size = min(chunk, n - sent)
        # Every chunk starts at offset `sent`, so the stream is PATTERN repeated.
        start = sent % len(PATTERN)
        piece = (block + PATTERN)[start:start + size]
        await resp.write(piece)
        sent += size
    await resp.write_eof()
    return resp


async def drip(request: web.Request) -> web.StreamResponse:
    n = _int(request, "n", 10, 0, 1000)
    interval = _int(request, "interval_ms", 100, 0, MAX_DELAY_MS)
    resp = web.StreamResponse(headers={"Content-Type": "application/octet-stream"})
    resp.content_length = n
    await resp.prepare(request)
    for _ in range(n):
        await asyncio.sleep(interval / 1000)
        await resp.write(b".")
    await resp.write_eof()
    return resp


async def stall(request: web.Request) -> web.StreamResponse:
    resp = web.StreamResponse(headers={"Content-Type": "application/octet-stream"})
    resp.content_length = 2
    await resp.prepare(request)
    await resp.write(b".")
    # The second byte never comes; the client's sock_read timeout must fire.
    await asyncio.sleep(MAX_DELAY_MS / 1000)
    return resp


async def echo(request: web.Request) -> web.Response:
    body = await request.read()
    return web.Response(body=body, content_type=request.content_type)


async def upload(request: web.Request) -> web.Response:
    digest = hashlib.sha256()
    total = chunks = 0
    async for data in request.content.iter_any():
        digest.update(data)
        total += len(data)
        chunks += 1
    return web.json_response({"bytes": total, "sha256": digest.hexdigest(), "chunks": chunks})


async def flaky(request: web.Request) -> web.Response:
    key = request.query.get("key", "")
    fails = _int(request, "fails", 2, 0, 100)
    code = _int(request, "status", 503, 400, 599)
    counts = request.app[FLAKY]
    counts[key] = counts.get(key, 0) + 1
    if counts[key] <= fails:
        return web.json_response({"attempts": counts[key]}, status=code)
    return web.json_response({"attempts": counts[key]})


async def concurrency(request: web.Request) -> web.Response:
    key = request.query.get("key", "")
    ms = _int(request, "ms", 100, 0, MAX_DELAY_MS)
    state = request.app[INFLIGHT].setdefault(key, {"now": 0, "max": 0})
    state["now"] += 1
    state["max"] = max(state["max"], state["now"])
    try:
        await asyncio.sleep(ms / 1000)
    finally:
        state["now"] -= 1
    return web.json_response({"max": state["max"]})


async def peer(request: web.Request) -> web.Response:
    peername = request.transport.get_extra_info("peername") if request.transport else None
    return web.json_response({"port": peername[1] if peername else None})


async def headers(request: web.Request) -> web.Response:
    return web.json_response(dict(request.headers))


async def html_error(request: web.Request) -> web.Response:
    page = "<html><body><h1>502 Bad Gateway</h1></body></html>"
    return web.Response(status=502, text=page, content_type="text/html")


async def websocket(request: web.Request) -> web.WebSocketResponse:
    ws = web.WebSocketResponse(heartbeat=30)
    await ws.prepare(request)
    async for msg in ws:
        if msg.type == WSMsgType.TEXT:
            if msg.data == "close":
                await ws.close(code=4000, message=b"bye")
                break
            await ws.send_str(msg.data)
        elif msg.type == WSMsgType.BINARY:
            await ws.send_bytes(msg.data)
    return ws


def make_app() -> web.Application:
    app = web.Application()
    app[FLAKY] = {}
    app[INFLIGHT] = {}
    app.router.add_get("/json", json_route)
    app.router.add_get("/delay", delay)
    app.router.add_get("/status/{code}", status)
    app.router.add_get("/bytes", stream_bytes)
    app.router.add_get("/drip", drip)
    app.router.add_get("/stall", stall)
    app.router.add_post("/echo", echo)
    app.router.add_post("/upload", upload)
    app.router.add_route("*", "/flaky", flaky)
    app.router.add_get("/concurrency", concurrency)
    app.router.add_get("/peer", peer)
    app.router.add_get("/headers", headers)
    app.router.add_get("/html-error", html_error)
    app.router.add_get("/ws", websocket)
    return app


async def serve(host: str, port: int) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        try:
            loop.add_signal_handler(sig, stop.set)
        except NotImplementedError:  # Windows: no add_signal_handler
            signal.signal(sig, lambda *_: loop.call_soon_threadsafe(stop.set))
    runner = web.AppRunner(make_app(), access_log=None, shutdown_timeout=2)
    await runner.setup()
    try:
        site = web.TCPSite(runner, host, port)
        await site.start()
        bound_host, bound_port = runner.addresses[0][:2]
        url_host = f"[{bound_host}]" if ":" in bound_host else bound_host
        print(f"EXAMPLE_SERVER=http://{url_host}:{bound_port}", flush=True)
        await stop.wait()
    finally:
        await runner.cleanup()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Loopback aiohttp server for the reference examples.")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args(argv)
    if not 0 <= args.port <= 65535:
        parser.error(f"--port must be in [0, 65535], got {args.port}")
    try:
        asyncio.run(serve(args.host, args.port))
    except OSError as exc:
        print(f"example_server: cannot listen on {args.host}:{args.port}: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
