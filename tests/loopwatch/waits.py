"""Thread and process waits and a DNS lookup on the loop thread, each on its
own line (the test finds them by the marker comments), after the same calls
inside asyncio.to_thread (not on the loop: not reported)."""
import asyncio
import multiprocessing
import multiprocessing.pool
import socket
import subprocess
import sys
import threading


def child():
    pass


def started_thread():
    t = threading.Thread(target=child)
    t.start()
    return t


def started_process():
    p = multiprocessing.get_context("spawn").Process(target=child)
    p.start()
    return p


def in_thread():
    started_thread().join()
    subprocess.Popen([sys.executable, "-c", "pass"]).wait()
    started_process().join()
    pool = multiprocessing.pool.ThreadPool(1)
    pool.map(abs, [-1, -2])
    pool.close()
    pool.join()
    socket.getaddrinfo("127.0.0.1", 80, type=socket.SOCK_STREAM)


async def main():
    await asyncio.to_thread(in_thread)
    t = started_thread()
    t.join()                                                 # mark:thread-join
    proc = subprocess.Popen([sys.executable, "-c", "pass"])  # mark:popen
    proc.wait()                                              # mark:popen-wait
    p = started_process()
    p.join()                                                 # mark:process-join
    pool = multiprocessing.pool.ThreadPool(1)
    pool.map(abs, [-1, -2])                                  # mark:pool-map
    pool.close()
    pool.join()                                              # mark:pool-join
    socket.getaddrinfo("127.0.0.1", 80, type=socket.SOCK_STREAM)  # mark:getaddrinfo


if __name__ == "__main__":   # spawn imports this module in the child
    asyncio.run(main())
