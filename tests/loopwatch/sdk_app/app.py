"""A service handler that calls the sync SDK from a coroutine, against a
server on 127.0.0.1 that answers after --delay seconds (it runs in a
thread of this program, so the loop thread is the only one blocked)."""
import asyncio
import socket
import sys
import threading

from slowsdk import Client


def slow_server(listener, delay, served):
    while served[0] < 1:
        conn, _ = listener.accept()
        with conn:
            conn.recv(100)
            threading.Event().wait(delay)   # the slow upstream
            conn.sendall(b"value")
        served[0] += 1


async def handler(client):
    return client.fetch("item")   # blocks the loop for the server's delay


async def main(delay):
    listener = socket.create_server(("127.0.0.1", 0))
    served = [0]
    server = threading.Thread(target=slow_server, args=(listener, delay, served), daemon=True)
    server.start()
    reply = await handler(Client("127.0.0.1", listener.getsockname()[1]))
    assert reply == "value", reply
    listener.close()
    print("reply", reply)


asyncio.run(main(float(sys.argv[1]) if len(sys.argv) > 1 else 1.5))
