"""Loopback load: N concurrent GET /fast with a few /cpu and /slow among
them, over plain sockets (stdlib only), bounded in count; then GET /stop."""
import socket
import sys
import threading

port, n = int(sys.argv[1]), int(sys.argv[2])
paths = ["/fast"] * n + ["/cpu", "/slow", "/cpu", "/slow"]
errors = []


def get(path):
    try:
        with socket.create_connection(("127.0.0.1", port), timeout=120) as s:
            s.sendall(("GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n" % path).encode())
            data = b""
            while True:
                chunk = s.recv(65536)
                if not chunk:
                    break
                data += chunk
        if b" 200 " not in data.split(b"\r\n", 1)[0]:
            errors.append((path, data[:100]))
    except OSError as exc:
        errors.append((path, exc))


threads = [threading.Thread(target=get, args=(p,)) for p in paths]
for t in threads:
    t.start()
for t in threads:
    t.join()
get("/stop")
print("errors", errors)
sys.exit(1 if errors else 0)
