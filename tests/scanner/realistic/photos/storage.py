import hashlib
import os
import shutil
import uuid

import aiofiles
import boto3

from .settings import MEDIA_ROOT, S3_BUCKET

s3 = boto3.client("s3")


def media_path(filename):
    return os.path.join(MEDIA_ROOT, filename[:2], filename)


def unique_name(original):
    ext = os.path.splitext(original)[1].lower()
    return uuid.uuid4().hex + ext


def checksum(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(65536), b""):
            h.update(chunk)
    return h.hexdigest()


async def save_upload(field, filename):
    path = media_path(filename)
    os.makedirs(os.path.dirname(path), exist_ok=True)  # expect: BLK400
    size = 0
    async with aiofiles.open(path, "wb") as out:
        while True:
            chunk = await field.read_chunk()
            if not chunk:
                break
            size += len(chunk)
            await out.write(chunk)
    return path, size


def upload_to_s3(path, key):
    s3.upload_file(path, S3_BUCKET, key)
    return f"s3://{S3_BUCKET}/{key}"


async def archive(path):
    dest = path + ".bak"
    shutil.move(path, dest)  # expect: BLK400
    return dest


async def delete_local(filename):
    path = media_path(filename)
    if os.path.exists(path):  # expect: BLK400
        os.remove(path)  # expect: BLK400
