"""The loopback server behind the `server` examples: start line, routes, SIGTERM, bad input."""
from __future__ import annotations

import hashlib
import json
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest

SERVER = Path(__file__).resolve().parent / "example_server.py"


@pytest.fixture()
def server():
    proc = subprocess.Popen(
        [sys.executable, str(SERVER), "--host", "127.0.0.1", "--port", "0"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        line = proc.stdout.readline()
        assert line.startswith("EXAMPLE_SERVER=http://127.0.0.1:"), (line, proc.stderr.read())
        yield proc, line.strip().split("=", 1)[1]
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()


def get(url: str, data: bytes | None = None) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, data=data, timeout=10) as resp:
            return resp.status, resp.read()
    except urllib.error.HTTPError as exc:
        with exc:
            return exc.code, exc.read()


def test_routes_and_clean_sigterm(server):
    proc, base = server
    assert get(base + "/json") == (200, b'{"ok": true, "server": "example"}')
    status, body = get(base + "/bytes?n=40&chunk=7")
    assert status == 200 and body == (b"0123456789abcdef" * 3)[:40]
    blob = bytes(range(256)) * 100
    status, body = get(base + "/upload", data=blob)
    assert json.loads(body)["sha256"] == hashlib.sha256(blob).hexdigest()
    assert get(base + "/echo", data=b"hi") == (200, b"hi")
    assert get(base + "/flaky?key=t&fails=1")[0] == 503
    assert get(base + "/flaky?key=t&fails=1") == (200, b'{"attempts": 2}')
    assert get(base + "/status/418")[0] == 418
    assert get(base + "/html-error")[0] == 502
    assert get(base + "/delay?ms=x") == (400, b"ms must be an integer, got 'x'")
    assert get(base + "/delay?ms=-1")[0] == 400
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=20) == 0
    assert proc.stdout.read() == ""  # exactly one line was printed


def test_bad_port_is_a_one_line_error():
    out = subprocess.run([sys.executable, str(SERVER), "--port", "70000"],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode != 0
    assert "--port must be in [0, 65535]" in out.stderr
    assert out.stdout == ""


def test_other_routes_and_clean_sigint(server):
    proc, base = server
    assert get(base + "/drip?n=3&interval_ms=0") == (200, b"...")
    status, body = get(base + "/headers")
    assert status == 200 and json.loads(body)["Host"] == base.split("//", 1)[1]
    status, body = get(base + "/peer")
    assert status == 200 and isinstance(json.loads(body)["port"], int)
    key = "seq-" + str(proc.pid)
    for _ in range(2):  # one at a time: the peak for this key stays 1
        assert get(f"{base}/concurrency?key={key}&ms=0") == (200, b'{"max": 1}')
    assert get(base + "/delay?ms=0") == (200, b'{"slept_ms": 0}')
    assert get(base + "/status/204") == (204, b"")
    assert get(base + "/status/99")[0] == 400
    assert get(base + "/bytes?n=10&chunk=0")[0] == 400
    assert get(base + "/bytes?n=-1")[0] == 400
    assert get(base + "/no-such-route")[0] == 404
    proc.send_signal(signal.SIGINT)
    assert proc.wait(timeout=20) == 0
    assert proc.stderr.read() == ""


def test_port_in_use_is_a_one_line_error():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        out = subprocess.run([sys.executable, str(SERVER), "--host", "127.0.0.1", "--port", str(port)],
                             capture_output=True, text=True, timeout=60)
    assert out.returncode == 1
    assert out.stdout == ""
    lines = out.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"example_server: cannot listen on 127.0.0.1:{port}:"), out.stderr
