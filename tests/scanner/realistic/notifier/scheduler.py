import asyncio
import datetime as dt
import logging
import threading
from queue import Queue, Empty

log = logging.getLogger(__name__)

jobs: "Queue[dict]" = Queue()
_lock = threading.Lock()
_last_run = {}


def record_run(name):
    with _lock:
        _last_run[name] = dt.datetime.utcnow()


def last_run(name):
    with _lock:
        return _last_run.get(name)


async def tick(name, interval):
    while True:
        jobs.put({"name": name, "at": dt.datetime.utcnow().isoformat()})
        record_run(name)
        await asyncio.sleep(interval)


async def consume():
    while True:
        try:
            job = jobs.get(timeout=1)  # expect: BLK800
        except Empty:
            await asyncio.sleep(0.1)
            continue
        log.info("job %s", job)


async def consume_polling():
    while True:
        try:
            job = jobs.get_nowait()
        except Empty:
            await asyncio.sleep(0.5)
            continue
        log.info("job %s (last run %s)", job, last_run(job["name"]))
