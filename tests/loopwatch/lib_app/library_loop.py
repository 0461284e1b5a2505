"""Runs a library coroutine as the whole program; the project frame that
called asyncio.run sits below the loop and is not part of any event."""
import asyncio

import slowlib

asyncio.run(slowlib.serve())
