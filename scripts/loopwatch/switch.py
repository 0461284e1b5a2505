"""The interpreter's switch interval, lowered while a loop is overdue.

A thread that wants the GIL waits up to sys.getswitchinterval() (5 ms by
default) before it asks the holder to let go. A stall that holds the GIL
(pure-Python CPU work) would make the watchdog that much late at the
threshold, and for every sample after it. So when a loop is overdue by half
the threshold (a stall may be under way: a healthy loop beats every sample
interval), the watchdog sets the interval to FAST, early enough that it can
still get the GIL at the program's own interval; it puts the program's value
back when no loop is overdue any more, or when the watcher stops. Nothing
changes while every loop beats on time.

Only the value this module set is ever replaced: a program that calls
sys.setswitchinterval meanwhile keeps its value (it is read back, not
remembered), unless the call lands between the watchdog's read and write,
the few bytecodes of lower() or restore(). A program already faster than
FAST is left alone. A child forked meanwhile gets the program's value back
(watcher._forked_child).
"""
import sys
import threading

FAST = 0.0005   # seconds: a GIL-holding stall delays each sample by at most this


class SwitchInterval:
    def __init__(self, fast=FAST):
        self.fast = fast
        self.saved = None      # the program's value while ours is set, else None
        self.ours = None       # ours, as the interpreter stores it (whole microseconds)
        self.lowered = 0       # times lowered (a healthy run: 0)
        self.lock = threading.RLock()   # the watchdog, and stop() or a fork from another thread

    def lower(self):
        with self.lock:
            if self.saved is not None:
                return
            current = sys.getswitchinterval()
            if current <= self.fast:
                return
            sys.setswitchinterval(self.fast)
            self.ours = sys.getswitchinterval()
            self.saved = current
            self.lowered += 1

    def restore(self):
        """Put the program's value back, unless it set one of its own since."""
        with self.lock:
            if self.saved is None:
                return
            if sys.getswitchinterval() == self.ours:
                sys.setswitchinterval(self.saved)
            self.saved = self.ours = None

    @property
    def active(self):
        return self.saved is not None
