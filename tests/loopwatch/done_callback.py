"""Heavy work in a done-callback: the loop runs on_done synchronously."""
import asyncio
import time


def digest(n_seconds):
    acc, end = 0, time.monotonic() + n_seconds
    while time.monotonic() < end:
        acc = (acc << 1 ^ 0x9E3779B9) & 0xFFFFFFFF
    return acc


def on_done(fut):
    digest(1.5)


async def job():
    await asyncio.sleep(0.01)
    return 1


async def main():
    task = asyncio.ensure_future(job())
    task.add_done_callback(on_done)
    await task
    await asyncio.sleep(0.05)     # let the callback run before the loop stops


asyncio.run(main())
