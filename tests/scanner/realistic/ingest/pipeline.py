import asyncio
import logging
import sqlite3
from datetime import datetime, timezone
from pathlib import Path

import httpx

from .sources import fetch_feed, fetch_legacy, parse_csv, spool

log = logging.getLogger(__name__)
OUT = Path("/var/spool/ingest")
FEEDS = {"prices": "https://feeds.example/prices.csv.gz", "stock": "https://feeds.example/stock.csv"}


class Store:
    def __init__(self, path="ingest.db"):
        self.conn = sqlite3.connect(path, check_same_thread=False)

    def save(self, name, rows):
        self.conn.executemany(
            "INSERT INTO rows (feed, payload) VALUES (?, ?)", [(name, repr(r)) for r in rows])
        self.conn.commit()


async def ingest_one(client, store, name, url):
    data = await fetch_feed(client, url)
    rows = await asyncio.to_thread(parse_csv, data)
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
    spool(rows, OUT / name / f"{stamp}.csv")  # expect: BLK401
    store.save(name, rows)  # expect: BLK701
    log.info("%s: %d rows", name, len(rows))
    return len(rows)


async def ingest_legacy(name, url):
    data = await asyncio.get_running_loop().run_in_executor(None, fetch_legacy, url)
    return parse_csv(data)


async def run():
    store = Store()  # expect: BLK701
    async with httpx.AsyncClient(timeout=30) as client:  # expect: BLK420
        counts = await asyncio.gather(*(ingest_one(client, store, n, u) for n, u in FEEDS.items()))
    log.info("done: %s", dict(zip(FEEDS, counts)))
    return counts


if __name__ == "__main__":
    asyncio.run(run())
