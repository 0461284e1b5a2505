"""The same kinds of work as leaky_module.py, done cleanly: every test must pass.

Copied next to the snippet's conftest.py by tests/test_leak_fixture.py.
"""
import asyncio
import concurrent.futures
import socket
import subprocess
import sys
import threading
import warnings

import pytest


def test_thread():
    t = threading.Thread(target=lambda: None)
    t.start()
    t.join()


@pytest.fixture
def release_at_teardown():
    release = threading.Event()
    yield release
    release.set()  # the thread ends after the test, inside the check's grace period


def test_thread_finishing_during_grace(release_at_teardown):
    threading.Thread(target=release_at_teardown.wait, daemon=True).start()


@pytest.fixture(scope="module")
def module_thread():
    """Lives for the module: started in the first test's setup, stopped after the last."""
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait, name="module-thread")
    thread.start()
    yield thread
    stop.set()
    thread.join()


def test_module_fixture_thread(module_thread):
    assert module_thread.is_alive()


def test_module_fixture_thread_by_getfixturevalue(request):
    assert request.getfixturevalue("module_thread").is_alive()


def test_executor():
    with concurrent.futures.ThreadPoolExecutor(4) as pool:
        assert list(pool.map(abs, [-1, -2])) == [1, 2]


def test_asyncio_run():
    async def main():
        await asyncio.gather(*(asyncio.sleep(0) for _ in range(3)))
        await asyncio.get_running_loop().run_in_executor(None, sum, [1, 2])
        proc = await asyncio.create_subprocess_exec(sys.executable, "-c", "pass")
        await proc.wait()
        asyncio.get_running_loop().create_task(asyncio.sleep(3600))  # cancelled by run()

    asyncio.run(main())


def test_loop_closed():
    loop = asyncio.new_event_loop()
    try:
        loop.run_until_complete(asyncio.sleep(0))
    finally:
        loop.close()


def test_files_and_sockets(tmp_path):
    (tmp_path / "x").write_text("x")
    with open(tmp_path / "x") as f, socket.socket() as s:
        f.read()


def test_subprocess():
    subprocess.run([sys.executable, "-c", "pass"], check=True)


def test_other_warnings_pass_through():
    warnings.warn("keep me visible", UserWarning)
