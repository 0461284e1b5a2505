"""Stalls, then leaves with os._exit(5) (atexit never runs)."""
import asyncio
import os
import time


async def main():
    time.sleep(0.5)


asyncio.run(main())
os._exit(5)
