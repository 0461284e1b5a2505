"""Async tests that clean up, under pytest-asyncio (every loop scope) and anyio: all must pass.

Copied next to the snippet's conftest.py by tests/test_leak_fixture.py.
"""
import asyncio
import socket
import sys

import pytest
import pytest_asyncio


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.fixture(scope="session")
def session_socket():
    with socket.socket() as s:
        yield s


async def echo(reader, writer):
    while data := await reader.read(100):
        writer.write(data)
    writer.close()


@pytest_asyncio.fixture
async def connection():
    """A server and one kept-alive client: the server's handler task lives until teardown."""
    server = await asyncio.start_server(echo, "127.0.0.1", 0)
    reader, writer = await asyncio.open_connection(*server.sockets[0].getsockname()[:2])
    yield reader, writer
    writer.close()
    await writer.wait_closed()
    server.close()
    await server.wait_closed()


@pytest_asyncio.fixture
async def background():
    """A fixture that owns a task and stops it in its teardown."""
    task = asyncio.create_task(asyncio.sleep(3600), name="fixture-owned")
    yield task
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)


@pytest.mark.asyncio
async def test_function_loop():
    await asyncio.sleep(0)
    assert await asyncio.to_thread(sum, [1, 2]) == 3
    proc = await asyncio.create_subprocess_exec(sys.executable, "-c", "pass")
    await proc.wait()


@pytest.mark.asyncio
async def test_handler_task_stopped_by_fixture_teardown(connection):
    reader, writer = connection
    writer.write(b"ping")
    assert await reader.readexactly(4) == b"ping"  # the server's handler task still waits


@pytest.mark.asyncio
async def test_fixture_owned_task(background):
    assert not background.done()


@pytest_asyncio.fixture(loop_scope="module", scope="module")
async def module_background():
    """A module-scoped fixture that owns a task for the whole module, stopped at its end."""
    task = asyncio.create_task(asyncio.sleep(3600), name="module-fixture-owned")
    yield task
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)


@pytest.mark.asyncio(loop_scope="module")
async def test_module_fixture_owned_task_first(module_background):
    assert not module_background.done()


@pytest.mark.asyncio(loop_scope="module")
async def test_module_fixture_owned_task_second(module_background):
    assert not module_background.done()


@pytest.mark.asyncio(loop_scope="module")
async def test_module_loop_first():
    await asyncio.sleep(0)


@pytest.mark.asyncio(loop_scope="module")
async def test_module_loop_second():
    assert await asyncio.to_thread(sum, [1]) == 1


@pytest.mark.asyncio(loop_scope="session")
async def test_session_loop_first():
    await asyncio.sleep(0)


@pytest.mark.asyncio(loop_scope="session")
async def test_session_loop_second():
    assert await asyncio.to_thread(sum, [1]) == 1


def test_session_fixture_by_getfixturevalue(request):
    assert request.getfixturevalue("session_socket").fileno() >= 0


@pytest.mark.anyio
async def test_anyio_task_group():
    import anyio

    async with anyio.create_task_group() as tg:
        tg.start_soon(anyio.sleep, 0)
    assert await anyio.to_thread.run_sync(sum, [1]) == 1


@pytest.mark.anyio
async def test_anyio_cancelled_task():
    task = asyncio.create_task(asyncio.sleep(3600))
    task.cancel()
    await asyncio.gather(task, return_exceptions=True)
