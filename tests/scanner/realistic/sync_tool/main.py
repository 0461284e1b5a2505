import argparse
import asyncio
import logging
from pathlib import Path

import aiohttp
import click

from .state import StateDB, changed_files, file_hash

log = logging.getLogger("synctool")


async def upload(session: aiohttp.ClientSession, url: str, path: Path, rel: str):
    data = await asyncio.to_thread(path.read_bytes)
    async with session.put(f"{url}/{rel}", data=data) as resp:
        resp.raise_for_status()


async def sync_once(root: Path, url: str, db: StateDB):
    pending = list(changed_files(root, db))  # expect: BLK401
    async with aiohttp.ClientSession() as session:
        for path, rel, digest in pending:
            await upload(session, url, path, rel)
            db.remember(rel, digest)  # expect: BLK701
    return len(pending)


async def verify(root: Path, rel: str, expected: str) -> bool:
    return file_hash(root / rel) == expected  # expect: BLK401


async def interactive(root: Path, url: str):
    db = StateDB()  # expect: BLK401
    if not click.confirm(f"Sync {root} to {url}?"):  # expect: BLK500
        return 0
    return await sync_once(root, url, db)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("root", type=Path)
    ap.add_argument("url")
    args = ap.parse_args()
    n = asyncio.run(interactive(args.root, args.url))
    print(f"synced {n} files")
