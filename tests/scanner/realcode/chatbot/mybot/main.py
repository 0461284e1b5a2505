"""A bot built on botkit: one shared session for every bot of the process."""
from __future__ import annotations

import asyncio
import os

from botkit import Bot, HttpSession
from botkit.bot import Dispatcher, make_bot

SESSION = HttpSession(proxy=os.environ.get("HTTPS_PROXY"))
TOKENS = os.environ.get("BOT_TOKENS", "").split(",")


async def start_bots(tokens: list[str]) -> list[Bot]:
    bots = [Bot(t, session=SESSION) for t in tokens]
    bots.append(Bot(tokens[0], SESSION))
    bots.append(make_bot(tokens[0], session=SESSION))
    for bot in bots:
        await bot.send_message(1, "started")
    return bots


async def start_admin_bot(token: str) -> Bot:
    bot = Bot(token)  # expect: BLK421
    await bot.send_message(1, "admin bot up")
    return bot


async def start_helper_bot(token: str) -> Bot:
    return make_bot(token)  # expect: BLK421


async def start_dispatchers(bots: list[Bot]) -> list[Dispatcher]:
    shared = [Dispatcher(bot, SESSION) for bot in bots]
    own = Dispatcher(bots[0])  # expect: BLK421
    return shared + [own]


if __name__ == "__main__":
    asyncio.run(start_bots(TOKENS))
