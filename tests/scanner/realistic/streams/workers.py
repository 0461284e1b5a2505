import asyncio
import multiprocessing as mp
import select
import socket
import threading
from concurrent.futures import FIRST_COMPLETED, ProcessPoolExecutor, wait

POOL = ProcessPoolExecutor(max_workers=2)
results: "mp.Queue[int]" = mp.Queue()


def crunch(chunk: list, out) -> None:
    out.put(sum(x * x for x in chunk))


async def fan_out(chunks: list) -> int:
    procs = [mp.Process(target=crunch, args=(c, results)) for c in chunks]
    for p in procs:
        p.start()
    totals = [results.get() for _ in procs]  # expect: BLK800
    for p in procs:
        p.join()  # expect: BLK800
    return sum(totals)


async def fan_out_pool(chunks: list) -> int:
    futures = [POOL.submit(sum, c) for c in chunks]
    done, pending = wait(futures, timeout=30, return_when=FIRST_COMPLETED)  # expect: BLK800
    return sum(f.result() for f in done)


async def fan_out_right(chunks: list) -> int:
    loop = asyncio.get_running_loop()
    parts = await asyncio.gather(*(loop.run_in_executor(POOL, sum, c) for c in chunks))
    return sum(parts)


def drain_nowait() -> list:
    out = []
    while not results.empty():
        out.append(results.get_nowait())
    return out


async def refresh_token() -> str:
    await asyncio.sleep(0.1)
    return "token"


def token_from_thread(loop: asyncio.AbstractEventLoop) -> str:
    return asyncio.run_coroutine_threadsafe(refresh_token(), loop).result(timeout=5)


async def on_job(job: dict) -> dict:
    loop = asyncio.get_running_loop()
    token = token_from_thread(loop)  # expect: BLK801
    threading.Thread(target=token_from_thread, args=(loop,), daemon=True).start()
    stats = {"pending": len(drain_nowait()), "token": token}
    return stats


async def control_channel(sock: socket.socket) -> bytes:
    ready, _, _ = select.select([sock], [], [], 0)
    if not ready:
        ready, _, _ = select.select([sock], [], [], 2.0)  # expect: BLK600
    return b"ready" if ready else b""


async def peer_name(ip: str) -> str:
    try:
        return socket.gethostbyaddr(ip)[0]  # expect: BLK600
    except OSError:
        return ip


async def peer_name_right(ip: str) -> str:
    host, _port = await asyncio.get_running_loop().getnameinfo((ip, 0))
    return host
