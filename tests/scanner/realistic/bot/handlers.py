import asyncio
import logging
import random

from .config import get_redis, t
from .weather import WeatherClient

log = logging.getLogger(__name__)
weather = WeatherClient(api_key="secret")
RATE_LIMIT = 5


async def rate_limited(user_id: int) -> bool:
    r = get_redis()
    key = f"rl:{user_id}"
    n = r.incr(key)  # expect: BLK700
    if n == 1:
        r.expire(key, 60)  # expect: BLK700
    return n > RATE_LIMIT


async def on_message(bot, message):
    if await rate_limited(message.user_id):
        await bot.send(message.chat_id, t("slow_down"))  # expect: BLK403
        return
    text = message.text.strip()
    if text.startswith("/weather"):
        city = text.partition(" ")[2] or "London"
        w = await asyncio.to_thread(weather.current, city)
        await bot.send(message.chat_id, t("weather", city=w.city, temp=w.temp_c))  # expect: BLK403
    elif text.startswith("/now"):
        w = weather.current("London")  # expect: BLK201
        await bot.send(message.chat_id, f"{w.temp_c}")
    elif text == "/roll":
        await bot.send(message.chat_id, str(random.randint(1, 6)))
    else:
        await bot.send(message.chat_id, t("unknown", lang=message.lang))  # expect: BLK403


async def broadcast(bot, chat_ids, text):
    sem = asyncio.Semaphore(10)

    async def one(cid):
        async with sem:
            await bot.send(cid, text)

    await asyncio.gather(*(one(c) for c in chat_ids))
    get_redis().set("last_broadcast", text)  # expect: BLK700
