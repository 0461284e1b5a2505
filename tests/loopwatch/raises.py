"""Ends with an uncaught exception: the traceback must read as without the watcher."""
import asyncio


async def main():
    raise ValueError("boom")


asyncio.run(main())
