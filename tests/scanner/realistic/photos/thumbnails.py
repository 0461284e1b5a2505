import asyncio
import logging
from concurrent.futures import ProcessPoolExecutor

from PIL import Image

from .settings import THUMB_SIZES

log = logging.getLogger(__name__)
_executor = ProcessPoolExecutor(max_workers=2)


def make_thumbnail(src, dest, size):
    with Image.open(src) as im:
        im.thumbnail((size, size))
        im.save(dest)
    return dest


def make_all(src):
    out = []
    for size in THUMB_SIZES:
        dest = f"{src}.{size}.jpg"
        out.append(make_thumbnail(src, dest, size))
    return out


async def generate_thumbnails(src):
    loop = asyncio.get_running_loop()
    try:
        return await loop.run_in_executor(_executor, make_all, src)
    except Exception:
        log.exception("thumbnailing failed for %s", src)
        return []


async def generate_preview(src):
    # small enough to do inline
    return make_thumbnail(src, src + ".preview.jpg", 64)  # expect: BLK401
