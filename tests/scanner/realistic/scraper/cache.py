import hashlib
import json
import os
import time
from pathlib import Path

CACHE_DIR = Path.home() / ".cache" / "scraper"


def _key(url):
    return hashlib.md5(url.encode()).hexdigest()


class DiskCache:
    def __init__(self, root=CACHE_DIR, ttl=3600):
        self.root = Path(root)
        self.ttl = ttl
        self.root.mkdir(parents=True, exist_ok=True)

    def get(self, url):
        path = self.root / _key(url)
        if not path.exists():
            return None
        if time.time() - path.stat().st_mtime > self.ttl:
            return None
        return json.loads(path.read_text())

    def set(self, url, value):
        path = self.root / _key(url)
        path.write_text(json.dumps(value))

    def clear(self):
        for p in self.root.glob("*"):
            p.unlink()
