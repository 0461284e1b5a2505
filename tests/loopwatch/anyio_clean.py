"""Clean: blocking work only in anyio.to_thread.run_sync (as Starlette runs
sync endpoints) and in loop.run_in_executor with the program's own pool
(made at start-up, before the loop)."""
import asyncio
import concurrent.futures
import os
import queue
import time

import anyio
import anyio.to_thread

POOL = concurrent.futures.ThreadPoolExecutor(2, thread_name_prefix="own")


def work(q):
    time.sleep(0.2)
    with open(__file__, encoding="utf-8") as f:
        f.read()
    os.stat(__file__)
    q.put(1)
    return q.get()


async def main():
    q = queue.Queue()
    for _ in range(3):
        await anyio.to_thread.run_sync(work, q)
    async with anyio.create_task_group() as tg:
        for _ in range(3):
            tg.start_soon(anyio.to_thread.run_sync, work, q)
    loop = asyncio.get_running_loop()
    await asyncio.gather(*[loop.run_in_executor(POOL, work, q) for _ in range(4)])


anyio.run(main)
POOL.shutdown()
