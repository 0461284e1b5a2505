"""Running loops and their heartbeats.

Every asyncio loop (and uvloop's, which calls the same hook) announces
itself through asyncio._set_running_loop when run_forever starts and stops;
the registry wraps that function, so loops in any thread are found without
the program's help. Each running loop gets a heartbeat: a timer callback
every `interval` seconds that stamps when it ran and when the next one is
due. A beat that is late by more than the threshold means the loop has not
got back to its timers for that long: a stall (see sampler.py).
"""
import asyncio
import asyncio.events
import contextvars
import sys
import threading
import time

clock = time.perf_counter
# late beats remembered per loop: stalls that may end before the watchdog sees one end
LATE_BEATS_KEPT = 64


def _thread_clock():
    """time.thread_time (the calling thread's CPU time: Linux, macOS, Windows),
    or None where the platform has no such clock."""
    try:
        time.thread_time()
    except (AttributeError, OSError):
        return None
    return time.thread_time


thread_cpu = _thread_clock()


class LoopState:
    """One running loop as the watchdog sees it."""

    def __init__(self, loop, base, interval):
        self.loop = loop
        self.loop_type = "%s.%s" % (type(loop).__module__, type(loop).__qualname__)
        self.thread_id = threading.get_ident()
        self.thread_name = threading.current_thread().name
        self.base = base          # the frame that entered the loop: stacks are cut there
        self.native_id = getattr(threading, "get_native_id", lambda: None)()
        self.cpu = thread_cpu() if thread_cpu else None   # loop thread CPU time at the last beat
        self.beat_at = clock()
        self.due = self.beat_at + interval
        self.seq = 0              # beats so far; a stall ends when this moves
        self.beats = 0
        self.handle = None
        self.running = True
        self.stall = None         # the sampler's Stall in progress
        self.stalls = 0
        # seq -> (time, cpu, previous beat's time, its cpu, its due time) of
        # the latest beats that ended a stall (late by the threshold)
        self.late_beats = {}
        self.accounted = 0        # the watchdog has looked at late beats up to this seq
        self.seen_ends = set()    # beats that ended a stall the watchdog saw, past `accounted`

    def ended_by(self, seq):
        """(time, cpu) of the beat that ended a stall begun at beat `seq`:
        the first beat after it, which ran late. The watchdog may notice it
        only several beats later, after the loop ran on and even stalled
        again (a loaded host: the process was not scheduled twice, and the
        watchdog not in between); the latest beat would count that run and
        the next stall into this one, so late beats are kept by number.
        Else (a record this old is gone) the last beat."""
        late = self.late_beats.get(seq + 1)
        if late is not None:
            return late[:2]
        return self.beat_at, self.cpu

    def restart(self, base, interval):
        self.thread_id = threading.get_ident()
        self.thread_name = threading.current_thread().name
        self.native_id = getattr(threading, "get_native_id", lambda: None)()
        self.base = base
        self.cpu = thread_cpu() if thread_cpu else None
        self.beat_at = clock()
        self.due = self.beat_at + interval
        self.running = True


class Registry:
    """Loops running now, by loop and by thread."""

    def __init__(self, interval, on_start, on_stop, on_new_modules=None, late=None):
        self.interval = interval
        self.late = late if late is not None else interval   # a beat this late ends a stall
        self.on_start = on_start
        self.on_stop = on_stop
        self.on_new_modules = on_new_modules   # the guard wraps what was just imported
        self.modules_seen = len(sys.modules)
        self.lock = threading.RLock()   # reentrant: a signal handler may report mid-update
        self.running = {}         # id(loop) -> LoopState
        self.by_thread = {}       # thread id -> LoopState
        self.history = {}         # id(loop) -> LoopState, every loop seen (it holds the loop: ids stay unique)
        self.context = contextvars.Context()  # beats run in an empty context: no copy per beat
        self.original = None

    # -- the hook -------------------------------------------------------------
    def install(self):
        original = self.original = asyncio.events._set_running_loop
        registry = self

        def _set_running_loop(loop):
            original(loop)
            try:
                if loop is None:
                    registry.stopped(threading.get_ident())
                else:
                    registry.started(loop, loop_entry(sys._getframe(1)))
            except Exception:  # never break the program's loop
                pass

        _set_running_loop.__loopwatch_original__ = original
        asyncio.events._set_running_loop = _set_running_loop
        asyncio._set_running_loop = _set_running_loop

    def uninstall(self):
        if self.original is not None:
            asyncio.events._set_running_loop = self.original
            asyncio._set_running_loop = self.original
            self.original = None
        for st in list(self.running.values()):
            st.running = False
            if st.handle is not None:
                try:
                    st.loop.call_soon_threadsafe(st.handle.cancel)
                except Exception:  # closed loop
                    pass
        with self.lock:
            self.running.clear()
            self.by_thread.clear()

    # -- loops starting and stopping -------------------------------------------
    def started(self, loop, base):
        st = self.history.get(id(loop))
        if st is None:
            st = LoopState(loop, base, self.interval)
        else:  # run again (asyncio.run runs its loop three times: main, async generators, executor)
            st.restart(base, self.interval)
        with self.lock:
            self.running[id(loop)] = st
            self.by_thread[st.thread_id] = st
            self.history[id(loop)] = st
        st.handle = loop.call_later(self.interval, self.beat, st, context=self.context)
        self.on_start(st)
        self.check_modules()
        return st

    def check_modules(self):
        if self.on_new_modules is not None and len(sys.modules) != self.modules_seen:
            self.modules_seen = len(sys.modules)
            self.on_new_modules()

    def stopped(self, thread_id):
        st = self.by_thread.get(thread_id)
        if st is None:
            return
        st.running = False
        if st.handle is not None:
            st.handle.cancel()
        if thread_cpu is not None:
            st.cpu = thread_cpu()   # on the loop's thread: where a stall in progress ends
        self.on_stop(st)
        with self.lock:
            self.running.pop(id(st.loop), None)
            if self.by_thread.get(thread_id) is st:
                del self.by_thread[thread_id]

    def attach(self, loop):
        """Watch a loop that was already running when the watcher started.
        Call from the loop's own thread, inside it (a coroutine or callback)."""
        if id(loop) in self.running:
            return self.running[id(loop)]
        return self.started(loop, entry_frame(sys._getframe(1)))

    def beat(self, st):
        # the CPU clock first: a system call, where a loaded host likes to
        # preempt the thread; a hold between reading the time and moving seq
        # would date this beat before the stall the watchdog saw it end
        cpu = thread_cpu() if thread_cpu is not None else None
        now = clock()
        # late, or the watchdog saw a stall before this beat anyway (it was
        # held after reading the time): this beat ends a stall. Rare: a dict
        # kept small
        stall = st.stall
        if now - st.due >= self.late or (stall is not None and stall.seq == st.seq):
            late = st.late_beats
            late[st.seq + 1] = (now, cpu, st.beat_at, st.cpu, st.due)
            if len(late) > LATE_BEATS_KEPT:
                del late[next(iter(late))]
        st.beat_at = now
        st.cpu = cpu
        st.due = now + self.interval
        st.seq += 1               # last: the watchdog reads seq, then beat_at and cpu
        st.beats += 1
        if st.running:
            st.handle = st.loop.call_later(self.interval, self.beat, st, context=self.context)
        if len(sys.modules) != self.modules_seen:   # on the loop thread, so no guarded call
            self.check_modules()                    # outruns its wrapper by more than a beat

    def snapshot(self):
        with self.lock:
            return list(self.running.values())


def loop_entry(caller):
    """The frame that stays on the stack while a loop runs, from the caller
    of _set_running_loop: run_forever (3.13+ calls it from a helper,
    _run_forever_setup, that has returned by then), or for uvloop, whose
    frames are C, the Python code that started it."""
    if caller is not None and caller.f_code.co_name == "_run_forever_setup":
        return caller.f_back
    return caller


def entry_frame(frame):
    """The frame a running loop was entered from, seen from inside it:
    asyncio's run_forever, or (uvloop, whose C frames are invisible) the
    caller of the outermost coroutine or callback."""
    outer = None
    f = frame
    while f is not None:
        code = f.f_code
        if code.co_name == "run_forever" and code.co_filename.endswith("base_events.py"):
            return f
        outer = f
        f = f.f_back
    if outer is None:
        return None
    # uvloop: walk back from the outermost frame to the last one that is not
    # a coroutine; its caller entered the loop
    f = frame
    last_coro = None
    while f is not None:
        if f.f_code.co_flags & 0x180:  # CO_COROUTINE | CO_ITERABLE_COROUTINE
            last_coro = f
        f = f.f_back
    return last_coro.f_back if last_coro is not None else None
