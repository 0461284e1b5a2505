import io
import os
import os.path
import shutil
import tempfile
from os import path as osp
from pathlib import Path

import aiofiles
import anyio

DATA = Path("/var/lib/svc")


def save_report(name, body):
    target = DATA / "reports" / name
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(body)
    return target


def list_reports():
    return sorted(p.name for p in (DATA / "reports").iterdir())


async def store_upload(name, data: bytes, tmpdir: Path):
    dest = tmpdir / name
    dest.write_bytes(data)  # expect: BLK400
    if dest.exists():  # expect: BLK400
        size = os.path.getsize(dest)  # expect: BLK400
    if osp.isdir(tmpdir):  # expect: BLK400
        pass
    with open(dest, "rb") as f:  # expect: BLK400
        head = f.read(10)
    os.makedirs("/tmp/x", exist_ok=True)  # expect: BLK400
    shutil.copyfile(dest, "/tmp/x/copy")  # expect: BLK400
    shutil.rmtree("/tmp/x")  # expect: BLK400
    for entry in os.listdir(tmpdir):  # expect: BLK400
        print(entry)
    fd, tmp = tempfile.mkstemp()  # expect: BLK400
    os.remove(tmp)  # expect: BLK400
    buf = io.open(tmp, "w")  # expect: BLK400
    text = Path("notes.txt").read_text()  # expect: BLK400
    newest = max(os.listdir(tmpdir), key=lambda n: os.path.getmtime(n))  # expect: BLK400, BLK400
    return size, head, buf, text, newest


async def pure_paths(name):
    # string work only: never blocks
    base = os.path.join("/srv", name)
    return os.path.basename(base), os.path.dirname(base), os.path.splitext(base), os.path.normpath(base)


async def store_right(name, data: bytes):
    async with aiofiles.open(name, "wb") as f:
        await f.write(data)
    p = anyio.Path(name)
    if await p.exists():
        await p.read_bytes()


async def reports(name, body):
    save_report(name, body)  # expect: BLK401
    return list_reports()  # expect: BLK401


async def spooled(data: bytes):
    # in memory until max_size: no disk I/O when created
    buf = tempfile.SpooledTemporaryFile(max_size=1 << 20)
    buf.write(data)
    return buf
