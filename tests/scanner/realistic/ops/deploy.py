import argparse
import asyncio
import getpass
import logging
import subprocess
import sys
from pathlib import Path

import asyncssh

log = logging.getLogger("deploy")


def git(*args):
    return subprocess.check_output(["git", *args], text=True).strip()


def current_version():
    return git("describe", "--tags", "--always")


async def deploy_host(host, version, password):
    async with asyncssh.connect(host, password=password) as conn:
        result = await conn.run(f"deploy.sh {version}", check=True)
        log.info("%s: %s", host, result.stdout.strip())


async def deploy(hosts, confirm=True):
    version = current_version()  # expect: BLK301
    if confirm:
        answer = input(f"Deploy {version} to {len(hosts)} hosts? [y/N] ")  # expect: BLK500
        if answer.lower() != "y":
            return
    password = getpass.getpass("ssh password: ")  # expect: BLK500
    results = await asyncio.gather(*(deploy_host(h, version, password) for h in hosts), return_exceptions=True)
    for h, r in zip(hosts, results):
        if isinstance(r, Exception):
            log.error("%s failed: %s", h, r)
    Path("last_deploy.txt").write_text(version)  # expect: BLK400


async def build_assets():
    proc = await asyncio.create_subprocess_shell("npm run build", stdout=asyncio.subprocess.PIPE)
    out, _ = await proc.communicate()
    if proc.returncode:
        sys.exit(out.decode())


def main():
    p = argparse.ArgumentParser()
    p.add_argument("hosts", nargs="+")
    p.add_argument("--yes", action="store_true")
    args = p.parse_args()
    logging.basicConfig(level=logging.INFO)
    asyncio.run(deploy(args.hosts, confirm=not args.yes))


if __name__ == "__main__":
    main()
