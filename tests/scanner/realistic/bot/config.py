import json
import os
from functools import lru_cache

import redis


@lru_cache
def get_redis() -> redis.Redis:
    return redis.Redis.from_url(os.environ.get("REDIS_URL", "redis://localhost"))


@lru_cache
def load_messages(lang: str = "en") -> dict:
    path = os.path.join(os.path.dirname(__file__), "messages", f"{lang}.json")
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def t(key: str, lang: str = "en", **kw) -> str:
    return load_messages(lang).get(key, key).format(**kw)
