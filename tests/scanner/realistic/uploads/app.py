import hashlib
import logging
import mimetypes
import os
import shutil
from pathlib import Path

from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse
from starlette.routing import Route

log = logging.getLogger(__name__)
UPLOAD_DIR = Path(os.environ.get("UPLOAD_DIR", "/srv/uploads"))
MAX_SIZE = 50 * 1024 * 1024


def virus_scan(path: Path) -> None:
    import subprocess
    result = subprocess.run(["clamscan", "--no-summary", str(path)], capture_output=True)
    if result.returncode == 1:
        path.unlink()
        log.warning("infected upload removed: %s", path.name)


async def upload(request: Request):
    form = await request.form()
    file = form["file"]
    digest = hashlib.sha256()
    dest = UPLOAD_DIR / Path(file.filename).name
    with dest.open("wb") as out:  # expect: BLK400
        while chunk := await file.read(1 << 20):
            digest.update(chunk)
            out.write(chunk)
    if dest.stat().st_size > MAX_SIZE:  # expect: BLK400
        dest.unlink()  # expect: BLK400
        return JSONResponse({"error": "too large"}, status_code=413)
    return JSONResponse({"sha256": digest.hexdigest()},
                        background=BackgroundTask(virus_scan, dest))


async def download(request: Request):
    name = request.path_params["name"]
    path = UPLOAD_DIR / name
    if not path.is_file():  # expect: BLK400
        return JSONResponse({"error": "not found"}, status_code=404)
    media_type, _ = mimetypes.guess_type(name)  # expect: BLK403
    return FileResponse(path, media_type=media_type)


async def disk(request: Request):
    total, used, free = shutil.disk_usage(UPLOAD_DIR)  # expect: BLK400
    return JSONResponse({"free": free, "used": used})


app = Starlette(routes=[
    Route("/upload", upload, methods=["POST"]),
    Route("/files/{name}", download),
    Route("/disk", disk),
])
