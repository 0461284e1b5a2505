"""Configuration: the hub's config directory and its YAML files."""
from __future__ import annotations

import json
import os
from pathlib import Path

_SECRETS: dict | None = None


class Config:
    def __init__(self, config_dir: str) -> None:
        self.config_dir = config_dir
        self.units = "metric"

    def path(self, *parts: str) -> str:
        """A path inside the config directory (no I/O)."""
        return os.path.join(self.config_dir, *parts)

    def load(self) -> dict:
        with open(self.path("configuration.json"), encoding="utf-8") as f:
            return json.load(f)

    def is_allowed_path(self, path: str) -> bool:
        return Path(path).resolve().is_relative_to(self.config_dir)


def secrets(config: Config) -> dict:
    """secrets.json, read once per process."""
    global _SECRETS
    if _SECRETS is None:
        with open(config.path("secrets.json"), encoding="utf-8") as f:
            _SECRETS = json.load(f)
    return _SECRETS
