"""Each test leaks a task into a test plugin's loop; the leak check must fail it at teardown.

pytest-asyncio and anyio cancel what is left on their loop before the test's
teardown ends, so a check that looks only after teardown sees nothing.

Copied next to the snippet's conftest.py by tests/test_leak_fixture.py.
"""
import asyncio
import gc

import pytest
import pytest_asyncio

KEEP = []


@pytest.fixture
def anyio_backend():
    return "asyncio"


@pytest.mark.asyncio
async def test_task_in_function_loop():
    KEEP.append(asyncio.create_task(asyncio.sleep(3600), name="pa-function-task"))


@pytest.mark.asyncio
async def test_dropped_task_in_function_loop():
    asyncio.create_task(asyncio.sleep(3600), name="pa-dropped-task")


@pytest_asyncio.fixture
async def task_left_by_fixture():
    KEEP.append(asyncio.create_task(asyncio.sleep(3600), name="pa-fixture-task"))
    yield


@pytest.mark.asyncio
async def test_task_left_by_function_fixture(task_left_by_fixture):
    await asyncio.sleep(0)


@pytest.mark.asyncio(loop_scope="module")
async def test_task_in_module_loop():
    KEEP.append(asyncio.create_task(asyncio.sleep(3600), name="pa-module-task"))


@pytest.mark.asyncio(loop_scope="module")
async def test_module_loop_next_test_is_not_blamed():
    await asyncio.sleep(0)


@pytest.mark.anyio
async def test_task_in_anyio_loop():
    KEEP.append(asyncio.create_task(asyncio.sleep(3600), name="anyio-task"))


def test_exception_never_retrieved():
    async def boom():
        raise ValueError("lost")

    async def main():
        asyncio.ensure_future(boom())
        await asyncio.sleep(0.01)

    asyncio.run(main())
    gc.collect()
