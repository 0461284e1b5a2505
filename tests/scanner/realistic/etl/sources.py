import csv
import io
import os
import tarfile
import urllib.request
import zipfile
from pathlib import Path

import pandas as pd
import psycopg

DSN = os.environ.get("WAREHOUSE_DSN", "postgresql://etl@warehouse/dw")
CACHE = Path(os.environ.get("ETL_CACHE", "/var/cache/etl"))


def fetch_archive(url: str) -> Path:
    dest = CACHE / url.rsplit("/", 1)[-1]
    if not dest.exists():
        urllib.request.urlretrieve(url, dest)
    return dest


def csv_members(archive: Path):
    with zipfile.ZipFile(archive) as zf:
        for name in zf.namelist():
            if name.endswith(".csv"):
                yield name, zf.read(name)


def parse_csv(raw: bytes) -> pd.DataFrame:
    return pd.read_csv(io.BytesIO(raw), parse_dates=["ts"])


def last_loaded(table: str):
    with psycopg.connect(DSN) as conn:
        row = conn.execute("SELECT max(ts) FROM etl_watermarks WHERE tbl = %s", (table,)).fetchone()
    return row[0] if row else None


def rows_as_dicts(raw: bytes):
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8"))))
