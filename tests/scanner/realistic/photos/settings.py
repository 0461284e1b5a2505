import os
from pathlib import Path

import yaml

BASE_DIR = Path(__file__).resolve().parent
MEDIA_ROOT = Path(os.getenv("MEDIA_ROOT", "/srv/media"))
DATABASE_PATH = os.getenv("DATABASE_PATH", "photos.db")
S3_BUCKET = os.getenv("S3_BUCKET", "photos-prod")
THUMB_SIZES = (128, 512)


def load_yaml_settings(path=None):
    path = path or BASE_DIR / "settings.yaml"
    if not os.path.exists(path):
        return {}
    with open(path) as fh:
        return yaml.safe_load(fh) or {}


_settings = None


def get_settings():
    global _settings
    if _settings is None:
        _settings = load_yaml_settings()
    return _settings
