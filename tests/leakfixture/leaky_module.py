"""Each test leaks one thing; the leak-check conftest must fail it at teardown.

Copied next to the snippet's conftest.py by tests/test_leak_fixture.py.
"""
import asyncio
import atexit
import os
import socket
import subprocess
import sys
import threading

import pytest

KEEP = []  # keeps leaked objects alive until the inner pytest exits


@atexit.register
def _cleanup():
    for obj in KEEP:
        if isinstance(obj, subprocess.Popen):
            obj.kill()
            obj.wait()
        elif isinstance(obj, asyncio.AbstractEventLoop):
            for task in asyncio.all_tasks(obj):
                task.cancel()
            obj.run_until_complete(asyncio.sleep(0))
            obj.close()
        else:
            obj.close()


def test_thread():
    threading.Thread(target=threading.Event().wait, name="leaky-thread", daemon=True).start()


def test_pending_task():
    async def start():
        asyncio.get_running_loop().create_task(asyncio.sleep(3600), name="leaky-task")
        await asyncio.sleep(0)

    loop = asyncio.new_event_loop()
    loop.run_until_complete(start())
    KEEP.append(loop)  # loop never closed, task still pending on it


def test_loop_fds():
    KEEP.append(asyncio.new_event_loop())  # epoll fd + self-pipe, never closed


async def _wait_forever(queue):
    await queue.get()


def test_destroyed_task():
    async def start():
        asyncio.get_running_loop().create_task(_wait_forever(asyncio.Queue()))
        await asyncio.sleep(0)

    loop = asyncio.new_event_loop()
    loop.run_until_complete(start())
    loop.close()  # the task is pending and unreachable: GC destroys it


def test_fd():
    KEEP.append(open(__file__, "rb"))


def test_unclosed_socket():
    socket.socket()  # dropped without close()


def test_child():
    KEEP.append(subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"]))


def test_zombie():
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    os.waitid(os.P_PID, child.pid, os.WEXITED | os.WNOWAIT)  # exited, not reaped
    KEEP.append(child)


@pytest.fixture
def thread_left_by_fixture():
    threading.Thread(target=threading.Event().wait, name="fixture-thread", daemon=True).start()
    yield


def test_thread_left_by_function_fixture(thread_left_by_fixture):
    pass


@pytest.fixture
def fd_left_by_fixture():
    KEEP.append(open(__file__, "rb"))
    yield


def test_fd_left_by_function_fixture(fd_left_by_fixture):
    pass


@pytest.mark.allow_leaks
def test_allowed():
    KEEP.append(open(__file__, "rb"))
