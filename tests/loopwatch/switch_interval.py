"""The switch interval under the in-process API (scripts folder on
PYTHONPATH): lowered while a loop stalls, the program's value put back after
and at stop, a value the program sets meanwhile kept, nothing touched while
loops beat on time. Prints what it saw as JSON; every wait is for a state,
bounded by a count (the test then fails with the JSON's "error")."""
import asyncio
import json
import sys
import threading
import time

from loop_watch import watch

ROUNDS = 20000   # waits of 5 ms at most: far longer than any state takes


def fail(what):
    print(json.dumps({"error": what, "interval": sys.getswitchinterval()}))
    sys.exit(1)


def block_until(cond, what):
    """Hold the loop (a stall, GIL held between checks) until cond()."""
    for _ in range(ROUNDS):
        if cond():
            return
        end = time.perf_counter() + 0.005
        while time.perf_counter() < end:   # pure Python: holds the GIL
            pass
    fail("blocked, never saw: " + what)


async def until(cond, what):
    """Let the loop run (it beats) until cond()."""
    for _ in range(ROUNDS):
        if cond():
            return
        await asyncio.sleep(0.005)
    fail("running, never saw: " + what)


def lowered(w):
    return lambda: w.watchdog.switch.active


def calm(w):
    return lambda: not w.watchdog.switch.active


def state_of(w, loop):
    return w.registry.running[id(loop)]


def stall_then_run(w):
    """A stall that holds the GIL, then the loop beats again."""
    async def main():
        block_until(lowered(w), "the interval lowered")
        during = sys.getswitchinterval()
        me = state_of(w, asyncio.get_running_loop())
        block_until(lambda: me.stall is not None, "the stall detected")
        await until(calm(w), "the interval restored")
        return {"during": during, "after": sys.getswitchinterval()}
    return main


def own_value(w):
    """The program sets its interval at start, and again in a stall."""
    async def main():
        sys.setswitchinterval(0.002)
        block_until(lowered(w), "the interval lowered")
        first = sys.getswitchinterval()
        sys.setswitchinterval(0.003)                   # the program's own, mid-stall
        await until(calm(w), "the stall over")
        kept = sys.getswitchinterval()
        block_until(lowered(w), "the interval lowered again")
        second = sys.getswitchinterval()
        await until(calm(w), "the second stall over")
        return {"first": first, "kept": kept, "second": second, "after": sys.getswitchinterval()}
    return main


def stopped_in_a_stall(w):
    """The watcher stops while the loop stalls (the watchdog would not put
    the value back yet): stop() does."""
    async def main():
        block_until(lowered(w), "the interval lowered")
        during = sys.getswitchinterval()
        w.stop()
        return {"during": during, "after": sys.getswitchinterval()}
    return main


def already_faster(w):
    """A program whose own interval is below the watchdog's: left alone."""
    async def main():
        sys.setswitchinterval(0.0001)
        own = sys.getswitchinterval()                  # as stored: whole microseconds
        me = state_of(w, asyncio.get_running_loop())
        block_until(lambda: me.stall is not None, "the stall detected")
        during = sys.getswitchinterval()
        await until(lambda: me.stall is None and me.stalls, "the stall over")
        return {"own": own, "during": during, "after": sys.getswitchinterval()}
    return main


def forked_in_a_stall(w):
    """A child forked while the interval is lowered has no watchdog to put
    it back: it starts with the program's value."""
    import os

    async def main():
        block_until(lowered(w), "the interval lowered")
        r, wfd = os.pipe()
        pid = os.fork()
        if pid == 0:
            os.write(wfd, repr(sys.getswitchinterval()).encode())
            os._exit(0)
        os.close(wfd)
        child = float(os.read(r, 100))
        os.waitpid(pid, 0)
        during = sys.getswitchinterval()
        await until(calm(w), "the interval restored")
        return {"child": child, "during": during, "after": sys.getswitchinterval()}
    return main


def never_stalls(w):
    """A loop that beats on time (threshold 2 s): the interval is never touched."""
    async def main():
        seen = set()
        for _ in range(200):
            seen.add(sys.getswitchinterval())
            await asyncio.sleep(0.002)
        return {"seen": sorted(seen), "beats": state_of(w, asyncio.get_running_loop()).beats}
    return main


def two_loops(w):
    """Loop A stalls; loop B stalls while A still does; A recovers: still
    lowered (B is stalled); B recovers: restored."""
    a_blocked, b_blocked, a_checked = threading.Event(), threading.Event(), threading.Event()
    out = {}

    async def loop_a():
        me = state_of(w, asyncio.get_running_loop())
        block_until(lowered(w), "the interval lowered by A")
        block_until(lambda: me.stall is not None, "A's stall detected")
        a_blocked.set()
        block_until(b_blocked.is_set, "B stalled")
        before = me.stalls                             # counted when it ends
        await until(lambda: me.stall is None and me.stalls > before, "A's stall over")
        out["a_over_b_stalled"] = sys.getswitchinterval()
        a_checked.set()

    async def loop_b():
        me = state_of(w, asyncio.get_running_loop())
        await until(a_blocked.is_set, "A stalled")
        block_until(lambda: me.stall is not None, "B's stall detected")
        b_blocked.set()
        block_until(a_checked.is_set, "A checked")
        before = me.stalls
        await until(lambda: me.stall is None and me.stalls > before and calm(w)(), "both stalls over")
        out["both_over"] = sys.getswitchinterval()

    async def main():
        threads = [threading.Thread(target=asyncio.run, args=(fn(),), name=fn.__name__) for fn in (loop_a, loop_b)]
        for t in threads:
            t.start()
        await until(lambda: not any(t.is_alive() for t in threads), "both loops done")
        return out
    return main


MODES = {"stall": (stall_then_run, 100), "own": (own_value, 100), "stop": (stopped_in_a_stall, 100),
         "calm": (never_stalls, 2000), "two": (two_loops, 100), "faster": (already_faster, 100),
         "fork": (forked_in_a_stall, 100)}

mode = sys.argv[1]
make, threshold = MODES[mode]
original = sys.getswitchinterval()
with watch(threshold_ms=threshold, no_config=True, logger=None) as w:
    w.on_report = lambda text: None
    seen = asyncio.run(make(w)())
seen.update(mode=mode, original=original, at_exit=sys.getswitchinterval(), lowered=w.watchdog.switch.lowered,
            stalls=w.recorder.stall_count, loops=sorted(lp["thread"] for lp in w.report()["loops"]))
print(json.dumps(seen))
