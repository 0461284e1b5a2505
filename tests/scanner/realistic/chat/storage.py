import json
import os
import threading
from collections import deque
from datetime import datetime

HISTORY_FILE = os.environ.get("CHAT_HISTORY", "history.jsonl")


class History:
    def __init__(self, maxlen=500):
        self.messages = deque(maxlen=maxlen)
        self.lock = threading.Lock()

    def add(self, user, text):
        msg = {"user": user, "text": text, "ts": datetime.utcnow().isoformat()}
        with self.lock:
            self.messages.append(msg)
        return msg

    def recent(self, n=50):
        with self.lock:
            return list(self.messages)[-n:]

    def persist(self, msg):
        with open(HISTORY_FILE, "a") as f:
            f.write(json.dumps(msg) + "\n")

    def load(self):
        if not os.path.exists(HISTORY_FILE):
            return
        with open(HISTORY_FILE) as f:
            for line in f:
                self.messages.append(json.loads(line))


history = History()
