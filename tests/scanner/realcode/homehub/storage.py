"""Key-value storage in JSON files."""
from __future__ import annotations

import json
import os


class Storage:
    def __init__(self, path: str) -> None:
        self.path = path

    def load_json(self, key: str) -> dict:
        with open(os.path.join(self.path, key + ".json"), encoding="utf-8") as f:
            return json.load(f)

    def save_json(self, key: str, data: dict) -> None:
        tmp = os.path.join(self.path, key + ".tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(data, f)
        os.replace(tmp, os.path.join(self.path, key + ".json"))
