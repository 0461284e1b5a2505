import asyncio
import json
import logging
import time

import websockets

from .moderation import is_allowed
from .storage import history

log = logging.getLogger("chat")
CLIENTS = set()


async def broadcast(message):
    data = json.dumps(message)
    await asyncio.gather(*(ws.send(data) for ws in list(CLIENTS)), return_exceptions=True)


async def handler(websocket):
    CLIENTS.add(websocket)
    try:
        await websocket.send(json.dumps({"history": history.recent()}))
        async for raw in websocket:
            event = json.loads(raw)
            text = event.get("text", "")[:1000]
            if not is_allowed(text):  # expect: BLK203
                await websocket.send(json.dumps({"error": "message rejected"}))
                continue
            msg = history.add(event.get("user", "anon"), text)
            history.persist(msg)  # expect: BLK401
            await broadcast(msg)
    finally:
        CLIENTS.discard(websocket)


async def heartbeat():
    while True:
        started = time.perf_counter()
        await broadcast({"type": "ping", "ts": time.time()})
        log.debug("ping took %.3fs", time.perf_counter() - started)
        await asyncio.sleep(30)


async def main():
    await asyncio.to_thread(history.load)
    async with websockets.serve(handler, "0.0.0.0", 8765):
        await asyncio.gather(heartbeat(), asyncio.Future())


if __name__ == "__main__":
    asyncio.run(main())
