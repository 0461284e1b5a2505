"""Two loops: the one in thread quiet-loop only awaits; the main one stalls."""
import asyncio
import threading
import time


async def quiet():
    for _ in range(100):
        await asyncio.sleep(0.01)


async def stalls():
    await asyncio.sleep(0.05)
    time.sleep(0.6)                    # mark:stall


t = threading.Thread(target=asyncio.run, args=(quiet(),), name="quiet-loop")
t.start()
asyncio.run(stalls())
t.join()
