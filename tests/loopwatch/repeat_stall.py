"""The same line stalls the loop twice, for 0.3 s and for 1.2 s: one event,
count 2, whose worst is the longer one."""
import asyncio
import time


async def handler(seconds):
    time.sleep(seconds)                 # mark:stall


async def main():
    await handler(0.3)
    await asyncio.sleep(0.05)           # the loop beats: two stalls, not one
    await handler(1.2)


asyncio.run(main())
