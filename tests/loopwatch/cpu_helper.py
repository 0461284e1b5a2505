"""A CPU stall through a sync helper: the coroutine calls a pure-Python
function that keeps the loop thread busy for 1.5 s."""
import asyncio
import time


def checksum(seconds):
    total, end = 0, time.monotonic() + seconds
    while time.monotonic() < end:
        total = (total * 31 + 7) % 1000003
    return total


async def handle_request():
    return checksum(1.5)


async def main():
    await asyncio.sleep(0.01)
    await handle_request()


asyncio.run(main())
