"""A library coroutine that blocks: run straight from asyncio.run, there is
no project frame inside the loop."""
import time


async def serve():
    time.sleep(0.5)
