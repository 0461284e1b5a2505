"""Innocent code: short pieces of CPU work between awaits (about 1 ms each)
until the watcher has recorded a stall. The loop is stalled from outside:
with argv[1] == "freeze" the test freezes this process (SIGSTOP, SIGCONT)
and, after each freeze, writes a line to stdin that the loop answers
("resumed N", N stalls recorded so far: the loop ran again); with
argv[1] == "hog" a thread holds the GIL in C (a regex that backtracks,
about half a second at a time). Nothing the loop runs is the cause."""
import asyncio
import math
import re
import sys
import threading
import time


def small():
    x = 0
    for i in range(20000):
        x += i * i
    return x


def backtrack(n):
    re.match(r"(a+)+$", "a" * n + "b")    # holds the GIL; each n doubles the time


def hold_length(seconds):
    """n for which backtrack(n) holds the GIL about `seconds`."""
    n = 12
    while True:
        t = time.perf_counter()
        backtrack(n)
        took = time.perf_counter() - t
        if took >= 0.01:
            return n + max(0, round(math.log2(seconds / took)))
        n += 1


def hog(watcher, n):
    for _ in range(20):
        if watcher.recorder.stall_count:
            return
        backtrack(n)
        threading.Event().wait(0.05)


async def answer(watcher, reader):
    while await reader.readline():
        print("resumed", watcher.recorder.stall_count, flush=True)


async def main(watcher, mode):
    transport = answering = None
    if mode == "freeze":
        reader = asyncio.StreamReader()
        transport, _ = await asyncio.get_running_loop().connect_read_pipe(
            lambda: asyncio.StreamReaderProtocol(reader), sys.stdin)
        answering = asyncio.ensure_future(answer(watcher, reader))
    print("ready", flush=True)
    for _ in range(300000):             # minutes at most
        if watcher.recorder.stall_count:
            break
        small()
        await asyncio.sleep(PAUSE[mode])
    print("stalls seen", watcher.recorder.stall_count, flush=True)
    if transport is not None:
        answering.cancel()
        transport.close()


# with sleep(0) the loop lets go of the GIL in each zero-timeout select and
# takes it back before a thread woken for it can: the hog, back from its
# wait between holds, could wait for the GIL for minutes (CPython's convoy
# effect). A millisecond in the selector gives it the GIL
PAUSE = {"freeze": 0, "hog": 0.001}
WATCHER = sys.modules["loopwatch.watcher"].current()
MODE = sys.argv[1]
if MODE == "hog":   # started before the loop: Thread.start waits for the thread to run
    # holds of about five thresholds: one just over the threshold can begin
    # after the watchdog last ran on time and end as it gets in, too short
    # for it to tell another thread's hold from the loop's own work. Timed
    # here, while no other thread wants the GIL
    threading.Thread(target=hog, args=(WATCHER, hold_length(0.5)), daemon=True).start()
asyncio.run(main(WATCHER, MODE))
