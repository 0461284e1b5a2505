"""Two event loops in two threads, each stalled by its own code."""
import asyncio
import threading
import time


def spin(seconds):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        pass


async def sleeper():
    time.sleep(1.2)


async def spinner():
    spin(1.2)


def run(coro_fn):
    asyncio.run(coro_fn())


threads = [threading.Thread(target=run, args=(sleeper,), name="loop-a"),
           threading.Thread(target=run, args=(spinner,), name="loop-b")]
for t in threads:
    t.start()
for t in threads:
    t.join()
