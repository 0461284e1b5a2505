import os
import pickle

import joblib
import numpy as np

MODEL_DIR = os.environ.get("MODEL_DIR", "/srv/models")

# Loaded once at import, before the loop starts.
DEFAULT_MODEL = joblib.load(os.path.join(MODEL_DIR, "default.joblib"))


class Scorer:
    def __init__(self, name: str):
        self.model = joblib.load(os.path.join(MODEL_DIR, f"{name}.joblib"))
        self.centroids = np.load(os.path.join(MODEL_DIR, f"{name}.centroids.npy"))

    def score(self, features: list) -> float:
        return float(self.model.predict([features])[0])

    def nearest(self, vector) -> int:
        return int(np.argmin(np.linalg.norm(self.centroids - np.asarray(vector), axis=1)))


def load_state(path: str) -> dict:
    try:
        return pickle.load(open(path, "rb"))
    except FileNotFoundError:
        return {"seen": 0}


def dump_state(path: str, state: dict) -> None:
    tmp = path + ".tmp"
    with open(tmp, "wb") as f:
        pickle.dump(state, f)
    os.replace(tmp, path)
