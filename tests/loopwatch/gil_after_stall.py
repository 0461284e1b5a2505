"""A C call that holds the GIL (json.dumps of a big object) starts right
after the loop's heartbeat ends a stall (time.sleep), and the next line lets
the GIL go (a file read): the stall is the dumps, never the read. With
argv[1] == "uvloop", under uvloop."""
import asyncio
import json
import sys
import time


def big_object():
    """A dict whose json.dumps takes at least 0.6 s here (doubled until it does)."""
    n = 20000
    while True:
        obj = {"k%d" % i: [list(range(20)), {"x": "y" * 10}] for i in range(n)}
        t0 = time.perf_counter()
        json.dumps(obj)
        if time.perf_counter() - t0 >= 0.6:
            return obj
        n *= 2


BIG = big_object()


async def encode_all():
    return json.dumps(BIG)                        # mark:dumps


async def main():
    await asyncio.sleep(0.01)
    time.sleep(0.5)                               # mark:sleep
    await asyncio.sleep(0.02)                     # the heartbeat runs: the sleep stall ends
    text = await encode_all()
    with open(__file__, encoding="utf-8") as f:   # mark:read
        f.read()
    assert text


if sys.argv[1:] == ["uvloop"]:
    import uvloop
    uvloop.install()
asyncio.run(main())
