import asyncio
import functools
import threading
import time
from concurrent.futures import ThreadPoolExecutor

from . import config
from .clients import ApiClient, download
from .config import cached_settings, load_config, merge, ping_pong
from .storage import save_report

pool = ThreadPoolExecutor(max_workers=2)


def slow_report(name):
    time.sleep(0.5)
    return save_report(name, "done")


def three_deep():
    return two_deep()


def two_deep():
    return one_deep()


def one_deep():
    return load_config("deep.json")


class Service:
    def __init__(self):
        self.api = ApiClient("https://api.local")
        self.settings = None

    def refresh(self):
        self.settings = load_config()

    def summary(self):
        return merge({}, {})

    async def start(self):
        self.refresh()  # expect: BLK401
        self.summary()
        await asyncio.to_thread(self.refresh)
        data = self.api.get_json("/status")  # expect: BLK201
        return data

    async def __aenter__(self):
        time.sleep(0.1)  # expect: BLK100
        return self

    async def __aexit__(self, *exc):
        await asyncio.sleep(0)


async def serve(cfg=None):
    cfg = cfg or load_config()  # expect: BLK401
    s2 = cached_settings()  # expect: BLK403
    config.load_config("other.json")  # expect: BLK401
    three_deep()  # expect: BLK401
    ping_pong(3)  # expect: BLK401
    slow_report("daily")  # expect: BLK101
    return cfg, s2


async def offloads(loop, name):
    await asyncio.to_thread(load_config)
    await asyncio.to_thread(slow_report, name)
    await loop.run_in_executor(None, slow_report, name)
    await loop.run_in_executor(pool, functools.partial(slow_report, name))
    await asyncio.to_thread(lambda: slow_report(name))
    await loop.run_in_executor(None, lambda: time.sleep(1))
    threading.Thread(target=slow_report, args=(name,), daemon=True).start()
    pool.submit(download, "https://example.com")
    fut = pool.submit(three_deep)
    return await asyncio.wrap_future(fut)


async def offload_mistakes(name):
    await asyncio.to_thread(slow_report(name))  # expect: BLK102
    await asyncio.to_thread(functools.partial(load_config(), name))  # expect: BLK402
    await asyncio.get_running_loop().run_in_executor(None, time.sleep(1))  # expect: BLK102


async def comprehension_and_gen(names):
    reports = [slow_report(n) for n in names]  # expect: BLK101
    sizes = {n: len(load_config(n).db_url) for n in names}  # expect: BLK401
    async def agen():
        for n in names:
            time.sleep(0.01)  # expect: BLK100
            yield n
    got = [n async for n in agen()]
    return reports, sizes, got


async def nested_sync_def(names):
    def only_passed():
        time.sleep(1)
    def called_here():
        time.sleep(1)
    await asyncio.to_thread(only_passed)
    called_here()  # expect: BLK101
    return names
