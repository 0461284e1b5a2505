import asyncio
import json
import os
import shutil
import socket
import ssl
import time
from dataclasses import dataclass, field

import aiohttp
import psycopg2


@dataclass
class Check:
    name: str
    ok: bool
    detail: str = ""
    took: float = field(default=0.0)


async def check_http(session, name, url):
    t0 = time.monotonic()
    try:
        async with session.get(url, timeout=aiohttp.ClientTimeout(total=3)) as r:
            return Check(name, r.status < 500, str(r.status), time.monotonic() - t0)
    except Exception as e:
        return Check(name, False, repr(e), time.monotonic() - t0)


async def check_tcp(name, host, port):
    t0 = time.monotonic()
    try:
        _, w = await asyncio.wait_for(asyncio.open_connection(host, port), 2)
        w.close()
        await w.wait_closed()
        return Check(name, True, took=time.monotonic() - t0)
    except (OSError, asyncio.TimeoutError) as e:
        return Check(name, False, str(e), time.monotonic() - t0)


async def check_disk(path="/"):
    usage = shutil.disk_usage(path)  # expect: BLK400
    free = usage.free / usage.total
    return Check("disk", free > 0.1, f"{free:.0%} free")


async def check_db(dsn):
    t0 = time.monotonic()
    try:
        conn = psycopg2.connect(dsn, connect_timeout=2)  # expect: BLK700
        with conn.cursor() as cur:
            cur.execute("SELECT 1")  # expect: BLK700
        conn.close()
        return Check("db", True, took=time.monotonic() - t0)
    except psycopg2.Error as e:
        return Check("db", False, str(e))


async def check_dns(host):
    loop = asyncio.get_running_loop()
    try:
        await loop.getaddrinfo(host, 443)
        return Check("dns", True)
    except socket.gaierror as e:
        return Check("dns", False, str(e))


async def check_cert(host, port=443):
    ctx = ssl.create_default_context()  # expect: BLK420
    try:
        _, w = await asyncio.open_connection(host, port, ssl=ctx, server_hostname=host)
        cert = w.get_extra_info("peercert")
        w.close()
        return Check("cert", True, cert.get("notAfter", ""))
    except (OSError, ssl.SSLError) as e:
        return Check("cert", False, str(e))


async def run_all(config_path):
    with open(config_path) as f:  # expect: BLK400
        cfg = json.load(f)
    async with aiohttp.ClientSession() as session:
        checks = await asyncio.gather(
            *(check_http(session, n, u) for n, u in cfg.get("http", {}).items()),
            *(check_tcp(n, h, p) for n, (h, p) in cfg.get("tcp", {}).items()),
            check_disk(),
            check_db(os.environ["DATABASE_URL"]),
            check_dns(cfg.get("dns", "example.com")),
        )
    return checks


if __name__ == "__main__":
    for c in asyncio.run(run_all("health.json")):
        print(f"{'OK ' if c.ok else 'BAD'} {c.name:10} {c.took * 1000:6.1f}ms {c.detail}")
