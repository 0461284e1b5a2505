import asyncio
import json
import logging
import os
import tarfile
from datetime import datetime, timezone
from pathlib import Path

import aiofiles
import anyio
import asyncpg
import pandas as pd
import psycopg
from psycopg import AsyncConnection

from .sources import CACHE, DSN, csv_members, fetch_archive, last_loaded, parse_csv, rows_as_dicts

log = logging.getLogger("etl")
OUT = Path(os.environ.get("ETL_OUT", "/data/lake"))


async def load_manifest(path: Path) -> dict:
    async with aiofiles.open(path) as f:
        return json.loads(await f.read())


async def extract(url: str) -> list:
    archive = await asyncio.to_thread(fetch_archive, url)
    frames = []
    for name, raw in csv_members(archive):  # expect: BLK401
        frames.append(await asyncio.to_thread(parse_csv, raw))
    return frames


async def transform(frames: list, since) -> pd.DataFrame:
    df = pd.concat(frames, ignore_index=True)
    if since is not None:
        df = df[df["ts"] > since]
    return df.drop_duplicates(subset=["id"])


async def write_partition(df: pd.DataFrame, table: str) -> Path:
    day = datetime.now(timezone.utc).strftime("%Y-%m-%d")
    out = OUT / table / f"dt={day}" / "part-0.parquet"
    await anyio.Path(out.parent).mkdir(parents=True, exist_ok=True)
    df.to_parquet(out, index=False)  # expect: BLK400
    return out


async def record_watermark(table: str, ts) -> None:
    async with await AsyncConnection.connect(DSN) as conn:
        await conn.execute(
            "INSERT INTO etl_watermarks (tbl, ts) VALUES (%s, %s) ON CONFLICT (tbl) DO UPDATE SET ts = excluded.ts",
            (table, ts),
        )


async def run_table(table: str, url: str) -> int:
    since = last_loaded(table)  # expect: BLK701
    frames = await extract(url)
    df = await transform(frames, since)
    if df.empty:
        return 0
    await write_partition(df, table)
    await record_watermark(table, df["ts"].max())
    return len(df)


async def audit(table: str, raw_csv: Path) -> None:
    rows = rows_as_dicts(raw_csv.read_bytes())  # expect: BLK400
    pool = await asyncpg.create_pool(DSN, min_size=1, max_size=4)
    async with pool.acquire() as conn:
        await conn.copy_records_to_table("audit_" + table, records=[tuple(r.values()) for r in rows])
    await pool.close()


async def vacuum_cache(max_files: int = 100) -> None:
    files = sorted(CACHE.glob("*.zip"), key=lambda p: p.stat().st_mtime)  # expect: BLK400, BLK400
    for p in files[:-max_files]:
        p.unlink()  # expect: BLK400


async def snapshot(table: str) -> Path:
    archive = OUT / f"{table}.tar.gz"
    with tarfile.open(archive, "w:gz") as tar:  # expect: BLK400
        tar.add(OUT / table, arcname=table)  # expect: BLK400
    return archive


async def restore_snapshot(table: str) -> None:
    archive = OUT / f"{table}.tar.gz"
    await asyncio.to_thread(_extract, archive, OUT)


def _extract(archive: Path, dest: Path) -> None:
    with tarfile.open(archive) as tar:
        tar.extractall(dest)


async def refresh_views() -> None:
    conn = psycopg.connect(DSN, autocommit=True)  # expect: BLK700
    try:
        cur = conn.cursor()
        cur.execute("REFRESH MATERIALIZED VIEW CONCURRENTLY daily_totals")  # expect: BLK700
    finally:
        conn.close()


async def load_all(manifest_path: Path) -> dict:
    manifest = await load_manifest(manifest_path)
    sem = asyncio.Semaphore(int(manifest.get("parallel", 4)))

    async def one(table, url):
        async with sem:
            return table, await run_table(table, url)

    results = dict(await asyncio.gather(*(one(t, u) for t, u in manifest["tables"].items())))
    await refresh_views()
    return results
