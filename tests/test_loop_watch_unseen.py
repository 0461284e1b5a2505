"""Stalls the watchdog never saw: the late beats that end them become stalls
without samples (sampler.Watchdog.unseen), once each, never a second time
for a stall it saw. The programs that cause them (a thread holding the GIL,
a frozen process) decide by a race whether the watchdog gets in before the
loop thread; these tests give the bookkeeping the beats of each outcome
directly, on real LoopState and Watchdog objects."""
import asyncio
import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
from loopwatch import loops, sampler  # noqa: E402

THRESHOLD = 0.1


@pytest.fixture
def loop_state():
    loop = asyncio.new_event_loop()
    try:
        yield loops.LoopState(loop, None, 0.005)
    finally:
        loop.close()


def watchdog():
    return sampler.Watchdog(registry=None, recorder=None, index=None, places=None,
                            threshold=THRESHOLD, interval=0.005, in_call=None)


def late_beat(st, at, held, cpu_used):
    """The loop thread beats `held` seconds after its previous beat at `at`
    (as LoopState.beat records a late one), using `cpu_used` CPU seconds."""
    st.late_beats[st.seq + 1] = (at + held, 1.0 + cpu_used, at, 1.0, at + 0.005)
    st.seq += 1
    st.beat_at = at + held


def test_a_stall_nobody_saw_is_reported_once_and_starved(loop_state):
    dog = watchdog()
    late_beat(loop_state, 10.0, 0.4, cpu_used=0.002)
    found = dog.unseen(loop_state)
    assert len(found) == 1
    _, stall, end, cpu = found[0]
    assert (stall.unseen, stall.samples, stall.start, end) == (True, 0, 10.005, 10.4)
    assert dog.starved(stall, end, cpu) == (True, pytest.approx(2.0))
    assert dog.unseen(loop_state) == []          # accounted for


def test_an_unseen_stall_the_loop_thread_worked_through_is_not_starved(loop_state):
    dog = watchdog()
    late_beat(loop_state, 10.0, 0.4, cpu_used=0.3)
    (_, stall, end, cpu), = dog.unseen(loop_state)
    assert dog.starved(stall, end, cpu)[0] is False


def test_a_beat_late_by_less_than_the_threshold_is_no_stall(loop_state):
    late_beat(loop_state, 10.0, 0.05, cpu_used=0.0)
    assert watchdog().unseen(loop_state) == []


def test_the_end_of_a_stall_the_watchdog_saw_is_not_counted_again(loop_state):
    dog = watchdog()
    stall = sampler.Stall(loop_state, 10.005, loop_state.seq, 10.2, 10.0, 1.0)
    loop_state.stall = stall
    late_beat(loop_state, 10.0, 0.4, cpu_used=0.002)
    assert dog.unseen(loop_state) == []          # still the watchdog's: it takes it next
    assert dog.take(loop_state, stall)
    late_beat(loop_state, 10.4, 0.3, cpu_used=0.001)   # and the loop stalled again, unseen
    found = dog.unseen(loop_state)
    assert [(s.start, end) for _, s, end, _ in found] == [(pytest.approx(10.405), pytest.approx(10.7))]


def test_ended_by_reads_time_and_cpu_of_the_late_beat(loop_state):
    late_beat(loop_state, 10.0, 0.4, cpu_used=0.002)
    assert loop_state.ended_by(0) == (10.4, 1.002)
