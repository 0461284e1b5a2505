"""shutil.make_archive on the loop, twice: inside each call an import
(tarfile, the first time) comes between file calls; the guard reports the
catalogued call once per call."""
import asyncio
import os
import shutil
import sys
import tempfile


def make_tree(root):
    src = os.path.join(root, "src")
    os.mkdir(src)
    for i in range(3):
        with open(os.path.join(src, "f%d.txt" % i), "w") as f:
            f.write("x" * 100)
    return src


async def main(root, src):
    assert "tarfile" not in sys.modules
    for _ in range(2):
        shutil.make_archive(os.path.join(root, "out"), "gztar", root_dir=src)   # mark:archive


with tempfile.TemporaryDirectory() as tmp:
    asyncio.run(main(tmp, make_tree(tmp)))
