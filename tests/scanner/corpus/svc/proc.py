import asyncio
import os
import subprocess
from subprocess import check_output as co


def git_rev():
    return co(["git", "rev-parse", "HEAD"]).decode().strip()


async def build(path):
    subprocess.run(["make", "-C", path], check=True)  # expect: BLK300
    out = subprocess.check_output(["ls", path])  # expect: BLK300
    p = subprocess.Popen(["sleep", "1"])  # expect: BLK300
    p.wait()  # expect: BLK300
    os.system("sync")  # expect: BLK300
    os.waitpid(p.pid, 0)  # expect: BLK300
    rev = git_rev()  # expect: BLK301
    return out, rev


async def build_right(path):
    proc = await asyncio.create_subprocess_exec("make", "-C", path, stdout=asyncio.subprocess.PIPE)
    out, _ = await proc.communicate()
    await proc.wait()
    rev = await asyncio.to_thread(git_rev)
    return out, rev
