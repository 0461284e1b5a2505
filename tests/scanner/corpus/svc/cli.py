import asyncio
import getpass
import sys

from svc.config import load_config
from .handlers import serve


def ask_token():
    return getpass.getpass("token: ")


async def interactive():
    name = input("name: ")  # expect: BLK500
    line = sys.stdin.readline()  # expect: BLK500
    token = ask_token()  # expect: BLK501
    name2 = await asyncio.to_thread(input, "again: ")
    return name, line, token, name2


def run_sync_wrapper():
    return asyncio.run(interactive())


async def bad_nesting():
    asyncio.run(serve())  # expect: BLK900
    loop = asyncio.new_event_loop()
    loop.run_until_complete(serve())  # expect: BLK900
    run_sync_wrapper()  # expect: BLK901


def main():
    cfg = load_config()
    asyncio.run(serve(cfg))


if __name__ == "__main__":
    load_config()
    main()
