import asyncio
import logging
import os
import subprocess
import time

import psutil
from prometheus_client import Gauge, start_http_server

log = logging.getLogger(__name__)
CPU = Gauge("host_cpu_percent", "CPU use")
DISK = Gauge("host_disk_free_bytes", "free disk", ["mount"])
TEMP = Gauge("host_temp_celsius", "temperature")


def read_temp() -> float:
    with open("/sys/class/thermal/thermal_zone0/temp") as f:
        return int(f.read()) / 1000


def smart_status(dev: str) -> str:
    out = subprocess.run(["smartctl", "-H", dev], capture_output=True, text=True, timeout=30)
    return out.stdout


async def collect(interval: float = 15.0):
    while True:
        started = time.monotonic()
        CPU.set(psutil.cpu_percent(interval=None))
        for part in psutil.disk_partitions():
            DISK.labels(part.mountpoint).set(psutil.disk_usage(part.mountpoint).free)  # expect: BLK400
        TEMP.set(read_temp())
        if os.environ.get("SMART"):
            log.info(smart_status("/dev/sda"))  # expect: BLK301
        await asyncio.sleep(max(0.0, interval - (time.monotonic() - started)))


async def main():
    start_http_server(9100)
    await collect()


if __name__ == "__main__":
    asyncio.run(main())
