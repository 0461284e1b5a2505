import json
import logging
import time
from decimal import Decimal

from .settings import producer, session

log = logging.getLogger(__name__)

INSERT = session.prepare(
    "INSERT INTO ledger (account, ts, amount, ref) VALUES (?, ?, ?, ?)"
)
SELECT_BALANCE = session.prepare("SELECT amount FROM ledger WHERE account = ?")


def record(account: str, amount: int, ref: str) -> None:
    session.execute(INSERT, (account, int(time.time() * 1000), amount, ref))


def balance(account: str) -> Decimal:
    rows = session.execute(SELECT_BALANCE, (account,))
    return Decimal(sum(r.amount for r in rows)) / 100


def _delivery(err, msg):
    if err is not None:
        log.error("delivery of %s failed: %s", msg.key(), err)


def publish_event(kind: str, payload: dict) -> None:
    producer.produce(
        "payments.events",
        key=payload.get("id", "").encode(),
        value=json.dumps({"kind": kind, **payload}).encode(),
        on_delivery=_delivery,
    )
    producer.poll(0)


def publish_and_confirm(kind: str, payload: dict) -> None:
    publish_event(kind, payload)
    remaining = producer.flush(5.0)
    if remaining:
        raise RuntimeError(f"{remaining} events not delivered")


def month_end_report(month: str) -> list:
    # Run by the batch job in `jobs/`, never by the API.
    return list(session.execute("SELECT account, amount FROM ledger_by_month WHERE month = %s", (month,)))
