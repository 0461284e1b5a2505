"""A forked child process (multiprocessing, fork start method) exits with os._exit."""
import asyncio
import multiprocessing
import time


def child():
    time.sleep(0.01)


async def main():
    ctx = multiprocessing.get_context("fork")
    p = ctx.Process(target=child)
    p.start()
    await asyncio.to_thread(p.join)
    time.sleep(0.3)
    assert p.exitcode == 0


asyncio.run(main())
