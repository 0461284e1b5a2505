"""A module that is slow to import (module-level work, as big packages do),
and sets up TLS at import time like aiohttp.connector: imported lazily on
the loop, the whole import is the stall, not the catalogued call inside it."""
import ssl
import time

CONTEXT = ssl.create_default_context()


def _warm_up(seconds):
    total, end = 0, time.monotonic() + seconds
    while time.monotonic() < end:
        total = (total * 31 + 7) % 1000003
    return total


TABLE = _warm_up(0.8)
