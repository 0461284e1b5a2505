import json
import logging
import os
import socket
import struct
import time
from dataclasses import asdict, dataclass
from pathlib import Path

log = logging.getLogger(__name__)
STATE_FILE = Path(os.environ.get("IOT_STATE", "/var/lib/iot/state.json"))


@dataclass
class Reading:
    device: str
    value: float
    ts: float


class Registry:
    def __init__(self):
        self.devices = {}

    def load(self):
        if STATE_FILE.exists():
            self.devices = json.loads(STATE_FILE.read_text())

    def save(self):
        tmp = STATE_FILE.with_suffix(".tmp")
        tmp.write_text(json.dumps(self.devices))
        os.replace(tmp, STATE_FILE)

    def update(self, reading: Reading):
        self.devices[reading.device] = asdict(reading)


def poll_modbus(host: str, register: int) -> float:
    with socket.create_connection((host, 502), timeout=2) as s:
        s.sendall(struct.pack(">HHHBBHH", 1, 0, 6, 1, 3, register, 1))
        data = s.recv(64)
    return struct.unpack(">H", data[9:11])[0] / 10.0


def now() -> float:
    return time.time()
