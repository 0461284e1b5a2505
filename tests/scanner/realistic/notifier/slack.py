import os

import httpx

WEBHOOK = os.environ.get("SLACK_WEBHOOK", "")


class SlackNotifier:
    def __init__(self, webhook=WEBHOOK):
        self.webhook = webhook
        self.client = httpx.AsyncClient(timeout=5)

    async def post(self, text):
        resp = await self.client.post(self.webhook, json={"text": text})
        resp.raise_for_status()

    async def close(self):
        await self.client.aclose()


def post_sync(text, webhook=WEBHOOK):
    with httpx.Client(timeout=5) as client:
        client.post(webhook, json={"text": text}).raise_for_status()
