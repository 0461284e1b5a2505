"""Innocent code: short pieces of CPU work between awaits (about 1 ms each)
until the watcher has recorded a stall. The loop is stalled from outside:
with argv[1] == "freeze" the test freezes this process (SIGSTOP, SIGCONT)
and, after each freeze, writes a line to stdin that the loop answers
("resumed N", N stalls recorded so far: the loop ran again); with
argv[1] == "hog" a thread holds the GIL in C (a regex that backtracks,
longer each round). Nothing the loop runs is the cause."""
import asyncio
import re
import sys
import threading


def small():
    x = 0
    for i in range(20000):
        x += i * i
    return x


def hog(watcher):
    n = 20
    while not watcher.recorder.stall_count and n < 32:
        re.match(r"(a+)+$", "a" * n + "b")    # holds the GIL; each n doubles the time
        n += 1
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
        await asyncio.sleep(0)
    print("stalls seen", watcher.recorder.stall_count, flush=True)
    if transport is not None:
        answering.cancel()
        transport.close()


WATCHER = sys.modules["loopwatch.watcher"].current()
MODE = sys.argv[1]
if MODE == "hog":   # started before the loop: Thread.start waits for the thread to run
    threading.Thread(target=hog, args=(WATCHER,), daemon=True).start()
asyncio.run(main(WATCHER, MODE))
