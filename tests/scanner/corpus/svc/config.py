import json
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

CONFIG_DIR = Path(os.environ.get("SVC_CONFIG", "/etc/svc"))


@dataclass
class Settings:
    db_url: str
    api_url: str
    timeout: float = 5.0


def _read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def _parse(text):
    return json.loads(text)


def load_config(name="svc.json"):
    return Settings(**_parse(_read(CONFIG_DIR / name)))


@lru_cache(maxsize=None)
def cached_settings():
    return load_config()


def merge(a, b):
    # recursive but pure: never blocks
    out = dict(a)
    for k, v in b.items():
        out[k] = merge(out[k], v) if isinstance(v, dict) and k in out else v
    return out


def ping_pong(n):
    # a cycle with a blocking leaf
    if n <= 0:
        return os.path.exists("/tmp/ready")
    return pong(n - 1)


def pong(n):
    return ping_pong(n)


def env_flag(name):
    return os.environ.get(name, "") == "1"
