"""Stalls, then keeps its loop running until the watcher has written a
periodic report (--report-every); it looks the watcher up in sys.modules,
where loop_watch.py put it."""
import asyncio
import sys
import time


async def main():
    time.sleep(0.5)
    watcher = sys.modules["loopwatch.watcher"].current()
    for _ in range(3000):   # 30 s at most
        if watcher.reports_logged:
            return
        await asyncio.sleep(0.01)
    raise SystemExit("no periodic report")


asyncio.run(main())
