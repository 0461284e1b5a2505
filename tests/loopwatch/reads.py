"""Reads on the loop: a text file over a pipe (a thread writes to it after
a while), then stdin (the test writes once it sees "reading stdin"). Both
are TextIOWrapper.readline, the same function: only sys.stdin's is input."""
import asyncio
import os
import sys
import threading
import time


def write_later(fd):
    time.sleep(0.5)
    os.write(fd, b"line\n")
    os.close(fd)


async def main():
    r, w = os.pipe()
    threading.Thread(target=write_later, args=(w,)).start()
    with open(r, encoding="utf-8") as pipe:
        assert pipe.readline() == "line\n"            # mark:pipe
    await asyncio.sleep(0.05)
    print("reading stdin", flush=True)
    assert sys.stdin.readline() == "input\n"          # mark:stdin


asyncio.run(main())
