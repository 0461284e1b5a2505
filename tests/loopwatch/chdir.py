"""Changes its working directory and its sys.argv while it runs."""
import asyncio
import os
import sys
import time


async def main():
    os.mkdir("elsewhere")
    os.chdir("elsewhere")
    sys.argv[:] = ["renamed"]
    time.sleep(0.5)


asyncio.run(main())
