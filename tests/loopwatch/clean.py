"""Clean: blocking work only in asyncio.to_thread, and a busy background
thread doing pure-Python work (it shares the GIL but never holds the loop)."""
import asyncio
import os
import threading
import time


def read_file():
    with open(__file__, encoding="utf-8") as f:
        return len(f.read()) + os.stat(__file__).st_size


def busy(stop):
    n = 0
    while not stop.is_set():
        n = (n + 1) % 1000


async def main():
    stop = threading.Event()
    worker = threading.Thread(target=busy, args=(stop,))
    worker.start()
    try:
        for _ in range(5):
            await asyncio.to_thread(time.sleep, 0.2)
            assert await asyncio.to_thread(read_file) > 0
            await asyncio.sleep(0.05)
    finally:
        stop.set()
        await asyncio.to_thread(worker.join)


asyncio.run(main())
