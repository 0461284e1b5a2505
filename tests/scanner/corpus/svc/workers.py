import asyncio
import concurrent.futures
import fcntl
import multiprocessing
import queue
import threading
from concurrent.futures import ThreadPoolExecutor

jobs = queue.Queue()
results = queue.Queue(maxsize=100)
state_lock = threading.Lock()
ready = threading.Event()
executor = ThreadPoolExecutor(max_workers=4)


class Counter:
    def __init__(self):
        self._lock = threading.RLock()
        self.value = 0

    def incr(self):
        with self._lock:
            self.value += 1


async def drain():
    item = jobs.get()  # expect: BLK800
    jobs.put(item)
    results.put(item)  # expect: BLK800
    results.put_nowait(item)
    nxt = jobs.get_nowait()
    got = jobs.get(block=False)
    return item, nxt, got


async def guarded(counter: Counter):
    with state_lock:  # expect: BLK800
        pass
    state_lock.acquire()  # expect: BLK800
    state_lock.release()
    if state_lock.acquire(blocking=False):
        state_lock.release()
    ready.wait(5)  # expect: BLK800
    if ready.is_set():
        ready.clear()
    counter.incr()  # a lock inside a sync helper: bounded critical section, not reported


async def futures(loop, coro):
    fut = executor.submit(sum, [1, 2])
    total = fut.result()  # expect: BLK800
    cf = asyncio.run_coroutine_threadsafe(coro, loop)
    done = cf.result(timeout=1)  # expect: BLK800
    wrapped = await asyncio.wrap_future(executor.submit(sum, [3]))
    t = threading.Thread(target=print)
    t.start()
    t.join()  # expect: BLK800
    p = multiprocessing.Process(target=print)
    p.start()
    p.join()  # expect: BLK800
    with ThreadPoolExecutor() as pool:  # expect: BLK800
        pool.submit(print)
    return total, done, wrapped


async def file_lock(f):
    fcntl.flock(f, fcntl.LOCK_EX)  # expect: BLK800
    fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)
    concurrent.futures.wait([])  # expect: BLK800


async def right_way():
    lock = asyncio.Lock()
    async with lock:
        pass
    ev = asyncio.Event()
    ev.set()
    await ev.wait()
    q = asyncio.Queue()
    await q.put(1)
    await q.get()
    q.get_nowait() if not q.empty() else None


def wait_until_ready():
    ready.wait()


async def startup():
    wait_until_ready()  # expect: BLK801
