"""Correct code that naive scanners flag."""
import asyncio
from typing import TYPE_CHECKING

import trio
from trio import sleep

if TYPE_CHECKING:
    import requests
    from time import sleep as tsleep


class Router:
    def get(self, path):
        def deco(fn):
            return fn
        return deco


router = Router()


@router.get("/items")
async def items(request, open=None, requests=None):
    headers = {"Accept": "json"}
    accept = headers.get("Accept")
    params = dict(request.query)
    params.get("page")
    if open is not None:
        open("not the builtin")
    if requests is not None:
        requests.get("not the module")
    await sleep(1)
    await trio.sleep(0)
    note = "time.sleep(1) in a string is not a call"
    # requests.get(url) in a comment is not a call
    return accept, note


async def annotations_only(session: "requests.Session | None" = None) -> "requests.Response":
    x: "requests.Response"
    return None


async def default_args(timeout=float("5"), path=str(1)):
    return timeout, path


def sync_only():
    import time
    time.sleep(1)


def never_from_async():
    sync_only()


async def cache_lookup(cache: dict, key):
    return cache.get(key)


async def queue_like(q: asyncio.Queue):
    item = await q.get()
    q.put_nowait(item)
    return item


async def shadowed_time():
    time = FakeClock()
    time.sleep(1)


class FakeClock:
    def sleep(self, n):
        return n


async def loop_in_thread():
    def runner():
        return asyncio.run(asyncio.sleep(0))
    return await asyncio.to_thread(runner)


def thread_main():
    loop = asyncio.new_event_loop()
    loop.run_until_complete(asyncio.sleep(0))
