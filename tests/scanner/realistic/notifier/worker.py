import asyncio
import json
import logging
import signal
import time

import redis

from .email_sender import EmailSender
from .slack import SlackNotifier, post_sync

log = logging.getLogger("notifier")

r = redis.Redis.from_url("redis://localhost:6379/0", decode_responses=True)
QUEUE = "notifications"


class Worker:
    def __init__(self):
        self.sender = EmailSender("bot@example.com", "secret")
        self.slack = SlackNotifier()
        self.running = True
        self.processed = 0

    async def handle(self, job):
        kind = job.get("kind")
        if kind == "email":
            self.sender.send(job["to"], job["subject"], job["body"])  # expect: BLK601
        elif kind == "slack":
            await self.slack.post(job["text"])
        elif kind == "slack-legacy":
            post_sync(job["text"])  # expect: BLK421
        else:
            log.warning("unknown job kind %r", kind)
        self.processed += 1

    async def run(self):
        while self.running:
            raw = r.blpop(QUEUE, timeout=5)  # expect: BLK700
            if raw is None:
                continue
            _, payload = raw
            try:
                await self.handle(json.loads(payload))
            except Exception:
                log.exception("job failed")
                r.rpush(QUEUE + ":failed", payload)  # expect: BLK700
                time.sleep(1)  # expect: BLK100

    def stop(self):
        self.running = False


async def main():
    worker = Worker()  # expect: BLK421
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, worker.stop)
    try:
        await worker.run()
    finally:
        await worker.slack.close()


if __name__ == "__main__":
    asyncio.run(main())
