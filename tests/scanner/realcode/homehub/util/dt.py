"""Time zones: ZoneInfo reads the tz database the first time a key is used."""
from __future__ import annotations

import datetime as dt
import functools
import zoneinfo

UTC = zoneinfo.ZoneInfo("UTC")
DEFAULT_TIME_ZONE = UTC


@functools.lru_cache(maxsize=None)
def get_time_zone(name: str) -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(name)


def now(tz: dt.tzinfo = UTC) -> dt.datetime:
    return dt.datetime.now(tz)
