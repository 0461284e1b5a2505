"""Thumbnails of uploaded images and archives (aiohttp)."""
from __future__ import annotations

import io
import pathlib
import tarfile
import zipfile
from typing import overload

from aiohttp import web
from PIL import Image

THUMB_DIR = pathlib.Path("/srv/thumbs")


async def thumbnail(request: web.Request) -> web.Response:
    data = await request.read()
    buf = io.BytesIO(data)
    img = Image.open(buf)
    img.thumbnail((128, 128))
    out = io.BytesIO()
    img.save(out, format="PNG")
    return web.Response(body=out.getvalue(), content_type="image/png")


async def unpack(request: web.Request) -> web.Response:
    data = await request.read()
    if request.content_type == "application/zip":
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = zf.namelist()
    else:
        with tarfile.open(fileobj=io.BytesIO(data)) as tf:
            names = tf.getnames()
    return web.json_response(names)


async def store(request: web.Request) -> web.Response:
    data = await request.read()
    img = Image.open(io.BytesIO(data))
    img.save(THUMB_DIR / request.match_info["name"])  # expect: BLK400
    return web.Response(status=201)


async def export(dest) -> None:
    dest = pathlib.Path(dest)
    with dest.open("wb") as f:  # expect: BLK400
        f.write(b"")


@overload
def load(path: str) -> bytes: ...
@overload
def load(path: pathlib.Path) -> bytes: ...
def load(path):
    with open(path, "rb") as f:
        return f.read()


async def original(request: web.Request) -> web.Response:
    return web.Response(body=load(THUMB_DIR / request.match_info["name"]))  # expect: BLK401
