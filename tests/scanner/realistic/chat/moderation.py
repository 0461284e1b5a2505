import functools
import re

import requests

BANNED_URL = "https://moderation.example.com/banned-words.txt"


@functools.lru_cache(maxsize=1)
def banned_words():
    resp = requests.get(BANNED_URL, timeout=5)
    resp.raise_for_status()
    return frozenset(w.strip().lower() for w in resp.text.splitlines() if w.strip())


def is_allowed(text):
    words = set(re.findall(r"\w+", text.lower()))
    return not (words & banned_words())
