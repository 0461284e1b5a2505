"""Order service: a small aiohttp-style app used as the scanner's labelled corpus."""
from .config import load_config, Settings
from . import clients

__all__ = ["load_config", "Settings", "clients"]
