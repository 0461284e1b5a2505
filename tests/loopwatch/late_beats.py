"""Two stalls of one loop that the watchdog does not see end in between (a
loaded host: the process was not scheduled twice, and the watchdog thread
not in between). No watchdog here, only the registry's heartbeat on a real
loop: the first stall must end at the first beat after it, with the loop's
CPU time then, not at the latest beat, after the CPU work between the
stalls and the second stall. Prints what the registry says as JSON."""
import asyncio
import json
import threading
import time

from loopwatch import loops

INTERVAL, LATE = 0.005, 0.1   # the watcher's defaults: 5 ms beats, 100 ms threshold


async def beats(st, n):
    """Run the loop until the heartbeat has run n more times."""
    target = st.seq + n
    while st.seq < target:
        await asyncio.sleep(0)


async def main():
    registry = loops.Registry(INTERVAL, on_start=lambda st: None, on_stop=lambda st: None, late=LATE)
    st = registry.attach(asyncio.get_running_loop())
    await beats(st, 1)
    seq = st.seq                        # the stall below begins after this beat
    time.sleep(0.3)                     # stall 1 (several times LATE)
    resumed = time.perf_counter()
    await beats(st, 3)                  # the first beat after it ends it; the loop runs on
    cpu_before = time.thread_time()
    while time.thread_time() - cpu_before < 0.2:   # CPU work on the loop, between the stalls
        await asyncio.sleep(0)
    second = time.perf_counter()
    time.sleep(0.3)                     # stall 2
    await beats(st, 1)
    end, cpu = st.ended_by(seq)
    registry.stopped(threading.get_ident())
    print(json.dumps({"resumed": resumed, "second": second, "end": end, "cpu": cpu,
                      "cpu_before": cpu_before, "latest_beat": st.beat_at}))


asyncio.run(main())
