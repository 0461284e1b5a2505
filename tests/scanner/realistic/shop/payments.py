import hmac
import hashlib
import logging
import os
from typing import Optional

import requests
import stripe

log = logging.getLogger(__name__)
stripe.api_key = os.environ.get("STRIPE_KEY")
WEBHOOK_SECRET = os.environ.get("WEBHOOK_SECRET", "").encode()


class PaymentGateway:
    _session: Optional[requests.Session] = None

    @property
    def session(self) -> requests.Session:
        if self._session is None:
            self._session = requests.Session()
            self._session.headers["Authorization"] = "Bearer " + os.environ.get("PSP_TOKEN", "")
        return self._session

    def charge(self, amount_cents: int, token: str) -> dict:
        resp = self.session.post("https://psp.example.com/charges",
                                 json={"amount": amount_cents, "source": token}, timeout=10)
        resp.raise_for_status()
        return resp.json()

    @staticmethod
    def verify_signature(payload: bytes, signature: str) -> bool:
        expected = hmac.new(WEBHOOK_SECRET, payload, hashlib.sha256).hexdigest()
        return hmac.compare_digest(expected, signature)


gateway = PaymentGateway()
