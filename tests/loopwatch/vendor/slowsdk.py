"""An in-house style SDK the catalogue cannot know: a sync client over a
plain socket (the kind of library a static scan of the project cannot see)."""
import socket


class Client:
    def __init__(self, host, port):
        self.address = (host, port)

    def fetch(self, key):
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        try:
            sock.connect(self.address)
            sock.sendall(key.encode() + b"\n")
            return self._read_reply(sock)
        finally:
            sock.close()

    def _read_reply(self, sock):
        chunks = []
        while True:
            data = sock.recv(4096)
            if not data:
                return b"".join(chunks).decode()
            chunks.append(data)
