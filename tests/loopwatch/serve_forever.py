"""A long-running server: stalls once, says "ready", then serves until a
signal stops it (SIGINT: KeyboardInterrupt; SIGHUP, SIGTERM: their default)."""
import asyncio
import time


async def main():
    await asyncio.sleep(0.01)
    time.sleep(0.5)                    # mark:stall
    await asyncio.sleep(0.05)          # the heartbeat runs: the stall has ended
    print("ready", flush=True)
    await asyncio.Event().wait()


asyncio.run(main())
