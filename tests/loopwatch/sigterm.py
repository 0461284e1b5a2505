"""Stalls, then is killed by SIGTERM with its default action."""
import asyncio
import os
import signal
import time


async def main():
    time.sleep(0.5)


asyncio.run(main())
os.kill(os.getpid(), signal.SIGTERM)
time.sleep(60)
