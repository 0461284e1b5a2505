"""Fast blocking primitives on the loop thread, each on its own line, and
the same calls inside asyncio.to_thread (not on the loop: not reported).
Line numbers matter to the test: it finds them by the marker comments."""
import asyncio
import concurrent.futures
import importlib
import os
import queue
import subprocess
import sys
import threading


def helper_stat(path):
    return os.path.exists(path)                            # mark:helper-exists


def all_in_thread():
    with open(__file__, encoding="utf-8") as f:
        f.read()
    os.path.exists(__file__)
    importlib.import_module("wave")
    q = queue.Queue()
    q.put(1)
    q.get()
    subprocess.run([sys.executable, "-c", "pass"], check=True)


async def main():
    await asyncio.to_thread(all_in_thread)
    with open(__file__, encoding="utf-8") as f:           # mark:open
        f.read()
    helper_stat(__file__)                                  # mark:exists-via-helper
    import colorsys                                        # mark:import-statement
    importlib.import_module("json")                        # mark:already-imported
    importlib.import_module("fractions")                   # mark:import-module
    q = queue.Queue()
    q.put(1)
    q.get()                                                # mark:queue-get
    pool = concurrent.futures.ThreadPoolExecutor(1)
    fut = pool.submit(sum, [1, 2])
    fut.result()                                           # mark:future-result
    pool.shutdown(wait=False)
    threading.Event().wait(0.001)                          # mark:event-wait
    subprocess.run([sys.executable, "-c", "pass"], check=True)  # mark:subprocess
    os.listdir(os.path.dirname(os.path.abspath(__file__)))  # noqa: BLK400  mark:noqa
    os.stat(__file__)  # noqa  mark:bare-noqa
    assert colorsys


asyncio.run(main())
