"""The watchdog thread: finds stalled loops and samples their stacks.

It sleeps until the earliest moment a loop could be late by half the
threshold (its next beat's due time plus that), so an idle program costs
about one wake-up per half threshold. A loop that late may be stalling: the
watchdog lowers the interpreter's switch interval (switch.py) so that a
stall holding the GIL cannot keep it waiting past the threshold, checks
again each interval, and wakes LEAD (the lowered interval) before the
threshold, so that it has the GIL when the threshold comes; it keeps it
until then (at most HOLD_MAX). A loop whose beat is late by the threshold
is stalled: from then on its thread's stack is sampled every interval with
sys._current_frames() until the beat runs. No signals, so it works the same
on Linux, macOS and Windows, for any loop in any thread. A C call that holds
the GIL keeps the watchdog out too; it samples the frame that made the call
as soon as the call returns, before the loop gets back to its timers.
"""
import _thread
import sys
import threading

from loopwatch import attribute, stacks, switch
from loopwatch.loops import clock

MAX_RUNS = 4096   # distinct consecutive stacks kept per stall (about 20 s of a hot loop at 5 ms)
# a loop this late (a fraction of the threshold) may be stalling: the switch
# interval is lowered from then, while the watchdog can still get the GIL
# in time at the program's own interval (5 ms of a 50 ms lead by default)
ARM_FRACTION = 0.5
# and the watchdog wakes this much before the threshold, so that a GIL held by
# the stall is handed over (after the lowered switch interval) by then
LEAD = switch.FAST
HOLD_MAX = 2 * LEAD    # the longest it keeps the GIL to reach the threshold


class Stall:
    """One stall in progress: runs of identical samples, and what the
    watchdog saw of the loop thread's CPU and of its own lateness."""
    __slots__ = ("state", "start", "seq", "seen", "detected", "runs", "samples", "beat0", "cpu0", "late", "rq0",
                 "unseen")

    def __init__(self, state, start, seq, seen, beat0, cpu0):
        self.state = state
        self.start = start        # when the late beat was due: the stall began no later
        self.seq = seq
        self.seen = seen          # the last time the watchdog saw it in progress
        self.detected = None      # time of the first sample
        self.runs = []            # [entries, first sample time, last sample time, count, callee]
        self.samples = 0
        self.beat0 = beat0        # the last beat before the stall, and the loop
        self.cpu0 = cpu0          # thread's CPU time then (None: no thread clock)
        self.late = 0.0           # seconds the watchdog could not run when it meant to
        self.rq0 = None           # (clock, run-queue wait ns) at detection (Linux)
        self.unseen = False       # it ended before the watchdog could look at it once

    def add(self, entries, t, callee):
        runs = self.runs
        # identical samples (a wait) extend one run; a hot loop changes stack
        # every sample, so past MAX_RUNS the last run absorbs the rest
        if runs and (runs[-1][0] == entries or len(runs) >= MAX_RUNS):
            runs[-1][2] = t
            runs[-1][3] += 1
        else:
            runs.append([entries, t, t, 1, callee])
        self.samples += 1


def runqueue_wait_ns(native_id):
    """Nanoseconds a thread has spent runnable but waiting for a CPU (Linux
    /proc schedstat), or None elsewhere."""
    if native_id is None or not SCHEDSTAT:
        return None
    try:
        with open("/proc/self/task/%d/schedstat" % native_id, "rb") as f:
            return int(f.read().split()[1])
    except (OSError, ValueError, IndexError):
        return None


SCHEDSTAT = sys.platform.startswith("linux")
# how late a timed wait may return without the watchdog being held up: the
# timer's granularity (Windows waits in 15.6 ms ticks)
WAIT_SLACK = 0.016 if sys.platform == "win32" else 0.001
# a wake-up this late (a fraction of the threshold) means the watchdog was
# held as a whole: the process frozen or throttled, the GIL held by another
# thread, so the loop thread could not run either. A loaded host delays each
# wake-up by a few ms, which says nothing of a loop thread blocked in its own
# read (that delay, summed over a stall, once read as starvation); a loop
# thread kept waiting for a CPU is the run-queue check's
HELD_FRACTION = 0.25


class Watchdog:
    def __init__(self, registry, recorder, index, places, threshold, interval, in_call, tick_hooks=()):
        self.registry = registry
        self.recorder = recorder
        self.index = index
        self.places = places
        self.threshold = threshold
        self.arm = threshold * ARM_FRACTION
        self.held_min = threshold * HELD_FRACTION
        self.interval = interval
        self.switch = switch.SwitchInterval()
        self.detect_at = None
        self.in_call = in_call        # thread id -> guarded primitive running there
        self.tick_hooks = list(tick_hooks)
        self.started = clock()
        self.planned = self.started   # when the watchdog meant to run next
        self.errors = 0
        self.lock = threading.RLock()  # finishing a stall: watchdog, a stopping loop, a signal handler
        self._bell = _thread.allocate_lock()
        self._bell.acquire()
        self._stopping = False
        self.thread = None

    def start(self):
        self.thread = threading.Thread(target=self.run, name="loop-watch", daemon=True)
        self.thread.start()

    def stop(self):
        self._stopping = True
        self.wake()
        if self.thread is not None and self.thread is not threading.current_thread():
            self.thread.join()
        self.switch.restore()

    def wake(self):
        self.planned = clock()   # meant to run now: any later is lateness
        try:
            self._bell.release()
        except RuntimeError:  # already rung
            pass

    def run(self):
        try:
            while not self._stopping:
                try:
                    self.tick()
                except Exception:  # a bug here must not take the program down
                    self.errors += 1
                    self.planned = clock() + self.interval
                for hook in self.tick_hooks:
                    try:
                        hook()
                    except Exception:
                        self.errors += 1
                delay = self.planned - clock()
                if delay > 0:
                    self._bell.acquire(timeout=delay)
                self.hold_until(self.detect_at)
        finally:
            self.switch.restore()

    def held(self, planned, now):
        """Seconds the watchdog could not run from `planned` to `now`, if
        it was held as a whole (HELD_FRACTION), else 0."""
        late = now - planned - WAIT_SLACK
        return late if late >= self.held_min else 0.0

    def hold_until(self, t):
        """Woken LEAD ahead of a loop's threshold to have the GIL by then:
        keep it (a spin of at most HOLD_MAX) until the threshold is reached,
        rather than let go and wait for it again."""
        if t is None:
            return
        while True:
            left = t - clock()
            if left <= 0 or left > HOLD_MAX:
                return

    def tick(self):
        now = clock()
        planned = self.planned    # the watchdog was late by now - planned: it could not run
        wake_at = now + 1.0
        to_sample, new, ended = [], [], []
        overdue = False           # some loop is late by self.arm or more
        detect_at = None          # the earliest threshold of such a loop
        for st in self.registry.snapshot():
            stall = st.stall
            if stall is not None and (st.seq != stall.seq or not st.running):
                # ended; a loop that beat once and stalled again while the
                # watchdog could not run (a C call holding the GIL right after
                # the beat) is already in its next stall: looked at below
                if self.take(st, stall):
                    end, cpu_end = st.ended_by(stall.seq)
                    # a beat held after reading the time is dated before the
                    # stall it ended: the loop was held at least while seen
                    end = max(end, stall.seen)
                    # the watchdog could not run from `planned` to now; up to the
                    # beat that was inside the stall (a frozen process: the loop
                    # beats first when it thaws, before the watchdog looks)
                    stall.late += self.held(planned, min(now, end))
                    ended.append((st, stall, end, cpu_end))
                stall = None
            if st.seq > st.accounted:
                ended.extend(self.unseen(st))
            if stall is None:
                if not st.running:
                    continue
                seq = st.seq            # seq first: a beat after this read moves it
                beat0, cpu0 = st.beat_at, st.cpu
                due = st.due
                if now - due >= self.threshold:
                    st.stall = stall = Stall(st, due, seq, now, beat0, cpu0)
                    stall.late = self.held(max(planned, due + self.threshold), now)
                    to_sample.append(stall)
                    new.append(stall)
                    wake_at = min(wake_at, now + self.interval)
                    overdue = True
                elif now - due >= self.arm:
                    # at the threshold, or at the next interval to see the beat and restore
                    at = due + self.threshold
                    wake_at = min(wake_at, at - LEAD, now + self.interval)
                    detect_at = at if detect_at is None else min(detect_at, at)
                    overdue = True
                else:
                    wake_at = min(wake_at, due + self.arm)
            else:
                stall.late += self.held(planned, now)
                to_sample.append(stall)
                wake_at = min(wake_at, now + self.interval)
                overdue = True
        if overdue:
            self.switch.lower()
        else:
            self.switch.restore()
        # sample first: finishing a stall and reading a file let the GIL go,
        # and a loop thread that held it would run on from where it stands
        if to_sample:
            self.sample(to_sample)
        for st, stall, end, cpu_end in ended:
            self.finish(st, stall, end, cpu_end=cpu_end)
        for stall in new:
            rq = runqueue_wait_ns(stall.state.native_id)
            stall.rq0 = (clock(), rq) if rq is not None else None
        self.planned = wake_at
        self.detect_at = detect_at

    def unseen(self, st):
        """Stalls of `st` that ended before the watchdog could look at them:
        beats late by the threshold that ended no Stall (take() notes those
        that did). The watchdog wakes before each
        threshold, so it missed the whole stall only when it could not run
        at all: another thread held the GIL, or the process was frozen, and
        the loop thread got going first when it ended. Such a stall has no
        samples; reported all the same, so a loop held for seconds is never
        silent."""
        seq = st.seq
        current = st.stall
        if current is not None:   # its end, if it has come, is the ended branch's next tick
            seq = min(seq, current.seq)
        found = []
        if seq <= st.accounted:
            return found
        seen = st.seen_ends
        for k, (end, cpu, beat0, cpu0, due) in sorted(list(st.late_beats.items())):
            if st.accounted < k <= seq and k not in seen and end - due >= self.threshold:
                stall = Stall(st, due, k - 1, due, beat0, cpu0)
                stall.unseen = True
                found.append((st, stall, end, cpu))
        st.accounted = seq
        for k in [k for k in seen if k <= seq]:
            seen.discard(k)
        return found

    def take(self, st, stall):
        """Detach `stall` from its loop; False if someone else already did
        (the watchdog, a stopping loop and the exit flush race for it)."""
        with self.lock:
            if st.stall is not stall:
                return False
            st.stall = None
            st.seen_ends.add(stall.seq + 1)   # the beat that ends it: not an unseen stall
            return True

    def sample(self, stalls):
        frames = sys._current_frames()
        t = clock()
        try:
            for stall in stalls:
                st = stall.state
                if st.seq != stall.seq:   # the beat ran before this sample: not part of the stall
                    continue
                frame = frames.get(st.thread_id)
                if frame is None:
                    continue
                live, entries = stacks.capture(frame, st.base)
                if stall.detected is None:
                    stall.detected = t
                stall.seen = t
                callee = None
                if not stall.runs or stall.runs[-1][0] != entries:
                    callee = self.callee_of(live, st.thread_id)
                stall.add(entries, t, callee)
        finally:
            del frames

    def callee_of(self, live, thread_id):
        """What the leaf frame is calling: a guarded primitive (its wrapper
        frame is ours), else the C function decoded from the leaf's call."""
        if not live:
            return None
        guarded = self.in_call.get(thread_id)
        if guarded is not None and self.places.kind(live[0].f_code) == stacks.MACHINERY:
            return guarded
        if self.places.kind(live[0].f_code) == stacks.MACHINERY:
            return None
        self.index.refresh()
        try:
            return stacks.callee(live[0], self.index)
        except Exception:
            return None

    def starved(self, stall, end, cpu_end):
        """(starved, loop CPU ms or None): whether the loop thread was kept
        from running rather than held by what it ran. It was, when it ran
        for less than half the threshold in all (so nothing it ran can have
        held the loop that long: on a busy machine a CPU-bound stall still
        gets its share of a CPU) and, besides, the watchdog was held (each
        time for a quarter of the threshold or more) for half of the time it
        watched (the process was frozen or throttled, or another thread held
        the GIL), or (Linux) the loop thread waited in
        the run queue for half of it (other processes had the CPUs). A stall
        the watchdog never saw (unseen) had it held throughout."""
        window = end - stall.beat0
        if stall.cpu0 is None or cpu_end is None or window <= 0:
            return False, None
        cpu = max(0.0, cpu_end - stall.cpu0)
        if cpu >= 0.5 * self.threshold:
            return False, cpu * 1000.0
        if stall.unseen:          # the watchdog was held throughout
            return True, cpu * 1000.0
        watched = end - (stall.start + self.threshold)
        if watched > 0 and stall.late >= 0.5 * watched:
            return True, cpu * 1000.0
        if stall.rq0 is not None:
            t0, rq0 = stall.rq0
            rq = runqueue_wait_ns(stall.state.native_id)
            span = clock() - t0
            if rq is not None and span > 0 and (rq - rq0) / 1e9 >= 0.5 * span:
                return True, cpu * 1000.0
        return False, cpu * 1000.0

    def finish(self, st, stall, end, ongoing=False, cpu_end=None):
        """Close a stall of `st` (detached by take) at `end`: attribute its time to sites."""
        self.index.refresh()
        starved, cpu_ms = self.starved(stall, end, cpu_end)
        runs = stall.runs
        gaps = (runs[-1][2] - runs[0][1]) / (stall.samples - 1) if stall.samples > 1 else self.interval
        located = {}

        def locate(entries):
            if entries not in located:
                located[entries] = stacks.locate(entries, self.places)
            return located[entries]
        parts, idle_ms, starved_ms = attribute.sites(
            runs, stall.start, end, max(gaps, self.interval), locate, self.index, starved)
        if starved and not runs:
            starved_ms = max(0.0, end - stall.start) * 1000.0
        st.stalls += 1
        info = {
            "loop": st.thread_name, "loop_type": st.loop_type,
            "started": stall.start, "detected": stall.detected, "ended": end,
            "duration_ms": max(0.0, end - stall.start) * 1000.0,
            "samples": stall.samples, "ongoing": ongoing,
            "loop_cpu_ms": cpu_ms, "starved": starved, "starved_ms": starved_ms,
        }
        self.recorder.stall(info, parts)

    def stopped(self, st):
        """A loop stopped (its thread left run_forever, which calls this on
        that thread, after reading its CPU clock): its stall ended now."""
        stall = st.stall
        if stall is not None and self.take(st, stall):
            self.finish(st, stall, clock(), cpu_end=st.cpu)

    def flush(self):
        """Close every stall still in progress (the program is exiting)."""
        now = clock()
        for st in self.registry.snapshot():
            stall = st.stall
            if stall is not None and self.take(st, stall):
                self.finish(st, stall, now, ongoing=True)
