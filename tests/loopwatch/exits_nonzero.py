"""Stalls, then exits 3: the watcher must pass the status through."""
import asyncio
import sys
import time


async def main():
    time.sleep(1.0)


asyncio.run(main())
print("argv", sys.argv[1:])
sys.exit(3)
