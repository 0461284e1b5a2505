import base64
import hashlib
import hmac
import json
import os
import time
from typing import Optional

import psycopg

DSN = os.environ.get("GATEWAY_DSN", "dbname=gateway")


class TokenStore:
    def __init__(self, dsn: str = DSN):
        self._conn: Optional[psycopg.Connection] = None
        self.dsn = dsn

    @property
    def conn(self) -> psycopg.Connection:
        if self._conn is None:
            self._conn = psycopg.connect(self.dsn)
        return self._conn

    def lookup(self, token: str) -> Optional[dict]:
        row = self.conn.execute("SELECT owner, scopes FROM tokens WHERE token = %s", (token,)).fetchone()
        return {"owner": row[0], "scopes": row[1]} if row else None


def sign(payload: dict, secret: bytes) -> str:
    body = base64.urlsafe_b64encode(json.dumps(payload).encode())
    sig = hmac.new(secret, body, hashlib.sha256).hexdigest()
    return body.decode() + "." + sig


def expired(payload: dict) -> bool:
    return payload.get("exp", 0) < time.time()
