"""Runs the hub until it is stopped."""
from __future__ import annotations

import asyncio
import concurrent.futures
import functools
import logging
import shutil
import signal

from . import setup
from .core import Hub

_LOGGER = logging.getLogger(__name__)
BACKUP_POOL = concurrent.futures.ThreadPoolExecutor(max_workers=1)


def reload_config(hub: Hub) -> None:
    """SIGHUP: re-read the configuration (the loop runs this)."""
    hub.conf = hub.config.load()  # expect: BLK401


def _log_exit(hub: Hub, task: asyncio.Task) -> None:
    with open(hub.config.path("exit.log"), "a", encoding="utf-8") as f:  # expect: BLK400
        f.write("main task ended: %r\n" % (task.exception(),))


def _backup(src: str, dst: str) -> str:
    return shutil.copytree(src, dst, dirs_exist_ok=True)


def _backup_done(fut: concurrent.futures.Future) -> None:
    # a concurrent future calls this in the worker thread: not loop code
    shutil.rmtree(fut.result() + ".old", ignore_errors=True)


async def async_run(config_dir: str) -> None:
    hub = Hub(config_dir)
    await setup.async_setup(hub)
    loop = hub.loop
    loop.add_signal_handler(signal.SIGHUP, reload_config, hub)
    stop = asyncio.Event()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    task = loop.create_task(stop.wait())
    task.add_done_callback(functools.partial(_log_exit, hub))
    BACKUP_POOL.submit(_backup, config_dir, config_dir + ".bak").add_done_callback(_backup_done)
    loop.call_soon_threadsafe(lambda: hub.async_fire("started:%s" % hub.config.load()["name"]))  # expect: BLK401
    await task
