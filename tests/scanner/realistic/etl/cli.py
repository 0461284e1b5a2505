import argparse
import asyncio
import json
import logging
import sys
from pathlib import Path

import pandas as pd

from .pipeline import audit, load_all, snapshot, vacuum_cache


def setup_logging(path: str) -> None:
    handler = logging.FileHandler(path)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(message)s"))
    logging.getLogger().addHandler(handler)
    logging.getLogger().setLevel(logging.INFO)


async def preview(path: Path, n: int) -> None:
    df = pd.read_csv(path, nrows=n)  # expect: BLK400
    print(df.to_string())


async def interactive(manifest: Path) -> int:
    cfg = json.load(open(manifest))  # expect: BLK400
    tables = ", ".join(cfg["tables"])
    answer = input(f"load {tables}? [y/N] ")  # expect: BLK500
    if answer.strip().lower() != "y":
        return 1
    results = await load_all(manifest)
    for table, n in results.items():
        logging.info("%s: %d rows", table, n)
    await vacuum_cache()
    return 0


async def amain(args) -> int:
    if args.log_file:
        setup_logging(args.log_file)  # expect: BLK401
    if args.cmd == "preview":
        await preview(Path(args.path), args.rows)
        return 0
    if args.cmd == "audit":
        await audit(args.table, Path(args.path))
        return 0
    if args.cmd == "snapshot":
        print(await snapshot(args.table))
        return 0
    return await interactive(Path(args.path))


def main() -> None:
    ap = argparse.ArgumentParser(prog="etl")
    ap.add_argument("cmd", choices=["load", "preview", "audit", "snapshot"])
    ap.add_argument("path", nargs="?", default="manifest.json")
    ap.add_argument("--table")
    ap.add_argument("--rows", type=int, default=20)
    ap.add_argument("--log-file")
    args = ap.parse_args()
    sys.exit(asyncio.run(amain(args)))


if __name__ == "__main__":
    main()
