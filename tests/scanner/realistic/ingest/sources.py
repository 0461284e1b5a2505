import csv
import gzip
import io
import logging
import urllib.request
from pathlib import Path

import httpx

log = logging.getLogger(__name__)


async def fetch_feed(client: httpx.AsyncClient, url: str) -> bytes:
    resp = await client.get(url, follow_redirects=True)
    resp.raise_for_status()
    return resp.content


def fetch_legacy(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as resp:
        return resp.read()


def parse_csv(data: bytes):
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    return list(csv.DictReader(io.StringIO(data.decode("utf-8"))))


def spool(rows, dest: Path):
    dest.parent.mkdir(parents=True, exist_ok=True)
    with dest.open("w", newline="") as f:
        w = csv.DictWriter(f, fieldnames=sorted(rows[0]))
        w.writeheader()
        w.writerows(rows)
