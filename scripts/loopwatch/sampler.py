"""The watchdog thread: finds stalled loops and samples their stacks.

It sleeps until the earliest moment a loop could be late by the threshold
(its next beat's due time plus the threshold), so an idle program costs
about one wake-up per threshold. A loop whose beat is that late is stalled:
from then on its thread's stack is sampled every interval with
sys._current_frames() until the beat runs. No signals, so it works the same
on Linux, macOS and Windows, for any loop in any thread. A C call that holds
the GIL keeps the watchdog out too; it samples the frame that made the call
as soon as the call returns, before the loop gets back to its timers.
"""
import _thread
import sys
import threading

from loopwatch import record, stacks
from loopwatch.loops import clock

MAX_RUNS = 4096   # distinct consecutive stacks kept per stall (about 20 s of a hot loop at 5 ms)


class Stall:
    """One stall in progress: runs of identical samples."""
    __slots__ = ("state", "start", "seq", "detected", "runs", "samples")

    def __init__(self, state, start, seq):
        self.state = state
        self.start = start        # when the late beat was due: the stall began no later
        self.seq = seq
        self.detected = None      # time of the first sample
        self.runs = []            # [entries, first sample time, last sample time, count, callee]
        self.samples = 0

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


class Watchdog:
    def __init__(self, registry, recorder, index, places, threshold, interval, in_call, tick_hooks=()):
        self.registry = registry
        self.recorder = recorder
        self.index = index
        self.places = places
        self.threshold = threshold
        self.interval = interval
        self.in_call = in_call        # thread id -> guarded primitive running there
        self.tick_hooks = list(tick_hooks)
        self.started = clock()
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

    def wake(self):
        try:
            self._bell.release()
        except RuntimeError:  # already rung
            pass

    def run(self):
        while not self._stopping:
            try:
                delay = self.tick()
            except Exception:  # a bug here must not take the program down
                self.errors += 1
                delay = self.interval
            for hook in self.tick_hooks:
                try:
                    hook()
                except Exception:
                    self.errors += 1
            if delay > 0:
                self._bell.acquire(timeout=delay)

    def tick(self):
        now = clock()
        wake_at = now + 1.0
        to_sample = []
        for st in self.registry.snapshot():
            stall = st.stall
            if stall is None:
                if not st.running:
                    continue
                seq = st.seq            # seq first: a beat after this read moves it
                due = st.due
                if now - due >= self.threshold:
                    st.stall = stall = Stall(st, due, seq)
                    to_sample.append(stall)
                    wake_at = min(wake_at, now + self.interval)
                else:
                    wake_at = min(wake_at, due + self.threshold)
            elif st.seq != stall.seq or not st.running:
                self.finish(st, st.beat_at)
                wake_at = min(wake_at, st.due + self.threshold)
            else:
                to_sample.append(stall)
                wake_at = min(wake_at, now + self.interval)
        if to_sample:
            self.sample(to_sample)
        return wake_at - clock()

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

    def finish(self, st, end, ongoing=False):
        """Close the stall of `st` at `end`: attribute its time to sites."""
        with self.lock:
            stall = st.stall
            if stall is None:
                return
            st.stall = None
        self.index.refresh()
        runs = stall.runs
        parts = []
        located = {}   # entries -> Analysis (or None: only loop machinery)
        by_site = {}   # (anchor, leaf function) -> [{entries: ms}, {callee: ms}]
        for i, (entries, first, last, _count, callee) in enumerate(runs):
            # a run lasts until the next one; the last one at most one
            # interval past its last sample (the loop may have moved on)
            seg_start = stall.start if i == 0 else first
            seg_end = runs[i + 1][1] if i + 1 < len(runs) else min(end, last + self.interval)
            ms = max(0.0, seg_end - seg_start) * 1000.0
            if entries not in located:
                located[entries] = stacks.locate(entries, self.places)
            a = located[entries]
            if a is None:
                parts.append((None, ms))
                continue
            key = (a.entries[a.anchor][:2], a.entries[a.leaf][0])
            slot = by_site.setdefault(key, [{}, {}])
            slot[0][entries] = slot[0].get(entries, 0.0) + ms
            slot[1][callee] = slot[1].get(callee, 0.0) + ms
        if len(by_site) > 1:  # a site seen in one sample at the edge of a stall is not its cause
            by_site = {k: v for k, v in by_site.items() if sum(v[1].values()) >= self.interval * 1000.0}
        for stacks_ms, callees in by_site.values():
            # the stack seen longest stands for the site; a C function names
            # the stall only when the leaf spent most of the time inside it
            # (a hot loop calling cheap builtins does not)
            total = sum(callees.values())
            top = max(callees, key=lambda c: callees[c] if c is not None else -1.0)
            named = top if top is not None and callees[top] >= 0.5 * total else None
            a = located[max(stacks_ms, key=stacks_ms.get)]
            parts.append((record.site_for("stall", a, self.index, callee=named), total))
        st.stalls += 1
        info = {
            "loop": st.thread_name, "loop_type": st.loop_type,
            "started": stall.start, "detected": stall.detected, "ended": end,
            "duration_ms": max(0.0, end - stall.start) * 1000.0,
            "samples": stall.samples, "ongoing": ongoing,
        }
        self.recorder.stall(info, parts)

    def stopped(self, st):
        """A loop stopped (its thread left run_forever): its stall ended now."""
        if st.stall is not None:
            self.finish(st, clock())

    def flush(self):
        """Close every stall still in progress (the program is exiting)."""
        now = clock()
        for st in self.registry.snapshot():
            if st.stall is not None:
                self.finish(st, now, ongoing=True)
