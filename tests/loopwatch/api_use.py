"""The in-process API, with the scripts folder on sys.path (PYTHONPATH):
`watch` around asyncio.run, or `install` with a periodic log that the
program waits for (off the loop) before it exits."""
import asyncio
import json
import logging
import sys
import threading
import time

from loop_watch import install, watch


async def stall():
    time.sleep(0.5)


def use_watch():
    with watch(threshold_ms=100, guard=True) as w:
        asyncio.run(stall())
    rows = [(e["kind"], e["code"], e["function"]) for e in w.report()["events"]]
    print(json.dumps(rows))


def use_install():
    seen = threading.Event()

    class Mark(logging.Handler):
        def emit(self, record):
            if "BLK100 stall" in record.getMessage():
                seen.set()

    log = logging.getLogger("loop_watch")
    log.addHandler(Mark())
    log.addHandler(logging.StreamHandler(sys.stderr))
    install(threshold_ms=100, report_every=0.05)

    async def main():
        time.sleep(0.5)
        assert await asyncio.to_thread(seen.wait, 60), "no periodic report"

    asyncio.run(main())
    print("periodic report seen")


def use_install_inside_the_loop():
    """install() from inside a running loop: that loop is watched from then on."""
    async def main():
        w = install(threshold_ms=100, report_every=None)
        time.sleep(0.5)
        await asyncio.sleep(0.05)   # the beat that ends the stall
        w.stop()
        print(json.dumps([(e["kind"], e["code"], e["function"]) for e in w.report()["events"]]))

    asyncio.run(main())


{"watch": use_watch, "install": use_install, "inside": use_install_inside_the_loop}[sys.argv[1]]()
