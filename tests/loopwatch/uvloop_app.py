"""A uvloop loop that stalls in a coroutine and opens a file."""
import asyncio
import time

import uvloop


async def main():
    assert type(asyncio.get_running_loop()).__module__.startswith("uvloop")
    time.sleep(1.0)
    with open(__file__, encoding="utf-8") as f:
        f.read()


uvloop.run(main()) if hasattr(uvloop, "run") else uvloop.install() or asyncio.run(main())
