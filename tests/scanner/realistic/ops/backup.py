import asyncio
import datetime
import gzip
import logging
import os
import tarfile
import tempfile
from concurrent.futures import ThreadPoolExecutor

import boto3

log = logging.getLogger(__name__)
BACKUP_BUCKET = "backups"
pool = ThreadPoolExecutor(4)


def dump_database(dsn, dest):
    rc = os.system(f"pg_dump {dsn} > {dest}")
    if rc:
        raise RuntimeError(f"pg_dump failed: {rc}")
    return dest


def compress(src):
    with open(src, "rb") as f_in, gzip.open(src + ".gz", "wb") as f_out:
        f_out.writelines(f_in)
    os.unlink(src)
    return src + ".gz"


def upload(path):
    s3 = boto3.client("s3")
    key = datetime.date.today().isoformat() + "/" + os.path.basename(path)
    s3.upload_file(path, BACKUP_BUCKET, key)
    return key


def backup_one(dsn):
    tmp = tempfile.mkdtemp()
    dump = dump_database(dsn, os.path.join(tmp, "db.sql"))
    return upload(compress(dump))


async def backup_all(dsns):
    loop = asyncio.get_running_loop()
    keys = await asyncio.gather(*(loop.run_in_executor(pool, backup_one, d) for d in dsns))
    log.info("uploaded %s", keys)
    return keys


async def archive_logs(log_dir):
    name = f"/tmp/logs-{datetime.date.today()}.tar.gz"
    with tarfile.open(name, "w:gz") as tar:  # expect: BLK400
        tar.add(log_dir)  # expect: BLK400
    key = upload(name)  # expect: BLK401
    return key


async def prune_old(days=30):
    s3 = boto3.client("s3")  # expect: BLK400
    cutoff = datetime.datetime.now(datetime.timezone.utc) - datetime.timedelta(days=days)
    paginator = s3.get_paginator("list_objects_v2")
    for page in paginator.paginate(Bucket=BACKUP_BUCKET):  # expect: BLK200
        for obj in page.get("Contents", []):
            if obj["LastModified"] < cutoff:
                s3.delete_object(Bucket=BACKUP_BUCKET, Key=obj["Key"])  # expect: BLK200
