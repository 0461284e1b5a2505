import asyncio
import hashlib
import io
import logging
import shutil
import tempfile
import uuid
from functools import partial
from pathlib import Path

import aioboto3
import httpx
import requests
from fastapi import Depends, FastAPI, HTTPException, Request, UploadFile
from fastapi.responses import JSONResponse
from PIL import Image
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import Session

from .deps import BUCKET, gcs_bucket, get_async_db, get_db, s3, settings
from .models import Asset

log = logging.getLogger("media_api")
app = FastAPI()
SCRATCH = Path("/var/tmp/media")
WEBHOOK = "https://hooks.internal/media"


def make_thumbnail(data: bytes, size: int) -> bytes:
    img = Image.open(io.BytesIO(data))
    img.thumbnail((size, size))
    buf = io.BytesIO()
    img.convert("RGB").save(buf, format="JPEG", quality=85)
    return buf.getvalue()


def notify(event: str, key: str) -> None:
    requests.post(WEBHOOK, json={"event": event, "key": key}, timeout=5)


@app.post("/assets")
async def upload_asset(file: UploadFile, db: Session = Depends(get_db)):
    data = await file.read()
    key = f"uploads/{uuid.uuid4()}/{file.filename}"
    digest = hashlib.sha256(data).hexdigest()
    s3.put_object(Bucket=BUCKET, Key=key, Body=data, ContentType=file.content_type)  # expect: BLK200
    asset = Asset(key=key, content_type=file.content_type, size=len(data), sha256=digest)
    db.add(asset)
    db.commit()  # expect: BLK700
    db.refresh(asset)  # expect: BLK700
    notify("created", key)  # expect: BLK201
    return {"id": asset.id, "key": key}


@app.post("/assets/{asset_id}/thumbnail")
async def thumbnail(asset_id: int, db: AsyncSession = Depends(get_async_db)):
    asset = await db.get(Asset, asset_id)
    if asset is None:
        raise HTTPException(404)
    size = settings().get("thumb_size", 256)
    async with aioboto3.Session().client("s3") as client:
        obj = await client.get_object(Bucket=BUCKET, Key=asset.key)
        data = await obj["Body"].read()
        thumb = await asyncio.to_thread(make_thumbnail, data, size)
        await client.put_object(Bucket=BUCKET, Key=asset.key + ".thumb.jpg", Body=thumb)
    return {"thumbnail": asset.key + ".thumb.jpg"}


@app.get("/assets/{asset_id}/url")
async def presigned(asset_id: int, db: Session = Depends(get_db)):
    asset = db.get(Asset, asset_id)  # expect: BLK700
    if not asset:
        raise HTTPException(404)
    url = s3.generate_presigned_url("get_object", Params={"Bucket": BUCKET, "Key": asset.key}, ExpiresIn=600)
    return {"url": url}


@app.get("/assets")
async def list_assets(limit: int = 50, db: AsyncSession = Depends(get_async_db)):
    rows = (await db.execute(select(Asset).order_by(Asset.created.desc()).limit(limit))).scalars().all()
    return [{"id": a.id, "key": a.key} for a in rows]


@app.post("/import")
async def import_from_url(request: Request, db: Session = Depends(get_db)):
    body = await request.json()
    url = body.get("url")
    SCRATCH.mkdir(parents=True, exist_ok=True)  # expect: BLK400
    with tempfile.NamedTemporaryFile(dir=SCRATCH, suffix=".bin") as tmp:  # expect: BLK400
        async with httpx.AsyncClient(timeout=30) as client:  # expect: BLK420
            async with client.stream("GET", url) as resp:
                async for chunk in resp.aiter_bytes():
                    tmp.write(chunk)
        tmp.flush()
        tmp.seek(0)
        digest = hashlib.file_digest(tmp, "sha256").hexdigest()
        key = f"imports/{digest}"
        s3.upload_file(tmp.name, BUCKET, key)  # expect: BLK200
    existing = db.scalars(select(Asset).where(Asset.sha256 == digest)).first()  # expect: BLK700
    return {"key": key, "duplicate": existing is not None}


@app.post("/assets/{asset_id}/archive")
async def archive(asset_id: int, db: AsyncSession = Depends(get_async_db)):
    asset = await db.get(Asset, asset_id)
    loop = asyncio.get_running_loop()
    obj = await loop.run_in_executor(None, partial(s3.get_object, Bucket=BUCKET, Key=asset.key))
    body = await asyncio.to_thread(obj["Body"].read)
    blob = gcs_bucket().blob(asset.key)  # expect: BLK403
    await asyncio.to_thread(blob.upload_from_string, body, content_type=asset.content_type)
    await asyncio.to_thread(s3.delete_object, Bucket=BUCKET, Key=asset.key)
    return {"archived": asset.key}


@app.post("/assets/{asset_id}/restore")
async def restore(asset_id: int, db: AsyncSession = Depends(get_async_db)):
    asset = await db.get(Asset, asset_id)
    blob = gcs_bucket().blob(asset.key)  # expect: BLK403
    data = blob.download_as_bytes()  # expect: BLK200
    await asyncio.to_thread(s3.put_object, Bucket=BUCKET, Key=asset.key, Body=data)
    return {"restored": asset.key, "size": len(data)}


@app.post("/local/{name}")
async def save_local(name: str, file: UploadFile):
    dest = SCRATCH / Path(name).name
    with open(dest, "wb") as out:  # expect: BLK400
        shutil.copyfileobj(file.file, out)  # expect: BLK400
    img = Image.open(dest)  # expect: BLK400
    img.thumbnail((512, 512))
    img.save(dest.with_suffix(".preview.png"))  # expect: BLK400
    return JSONResponse({"saved": dest.name}, headers={"X-Size": str(dest.stat().st_size)})  # expect: BLK400


@app.get("/healthz")
async def healthz(request: Request):
    probe = request.headers.get("x-probe", "liveness")
    if probe == "deep":
        r = requests.get("http://127.0.0.1:9000/minio/health/live", timeout=2)  # expect: BLK200
        return {"ok": r.ok}
    return {"ok": True}
