import asyncio
import json
import logging
import os
import socket

import discord
import motor.motor_asyncio
import redis.asyncio as aioredis
from discord.ext import commands
from elasticsearch import AsyncElasticsearch

from . import store
from .store import Quotas, cache, load_synonyms, search_docs

log = logging.getLogger("searchbot")
intents = discord.Intents.default()
intents.message_content = True
bot = commands.Bot(command_prefix="!", intents=intents)

quotas = Quotas(cache)
SYNONYMS = load_synonyms() if os.path.exists("synonyms.json") else {}
motor_client = motor.motor_asyncio.AsyncIOMotorClient(store.MONGO_URL)
adb = motor_client["bot"]
aes = AsyncElasticsearch(store.ES_URL)
aredis = aioredis.from_url("redis://redis:6379", decode_responses=True)


@bot.event
async def on_ready():
    log.info("logged in as %s on %s", bot.user, socket.gethostname())
    synonyms = load_synonyms()  # expect: BLK401
    SYNONYMS.update(synonyms)


@bot.command()
async def search(ctx: commands.Context, *, query: str):
    if not quotas.allow(ctx.author.id):  # expect: BLK701
        await ctx.reply("slow down")
        return
    query = " ".join(SYNONYMS.get(w, w) for w in query.split())
    hits = search_docs(query)  # expect: BLK701
    if not hits:
        await ctx.reply("nothing found")
        return
    await ctx.reply("\n".join(f"**{h['title']}** {h['url']}" for h in hits))
    store.db.history.insert_one({"user": ctx.author.id, "query": query})  # expect: BLK700


@bot.command()
async def asearch(ctx: commands.Context, *, query: str):
    hits = await aes.search(index="docs", query={"match": {"body": query}}, size=5)
    await adb.history.insert_one({"user": ctx.author.id, "query": query})
    await aredis.incr(f"searches:{ctx.author.id}")
    await ctx.reply(str(len(hits["hits"]["hits"])))


@bot.command()
async def history(ctx: commands.Context):
    docs = list(store.db.history.find({"user": ctx.author.id}).sort("_id", -1).limit(10))  # expect: BLK700
    lines = [d["query"] for d in docs]
    await ctx.reply("\n".join(lines) or "no history")


@bot.command()
async def ahistory(ctx: commands.Context):
    lines = []
    async for d in adb.history.find({"user": ctx.author.id}).sort("_id", -1).limit(10):
        lines.append(d["query"])
    await ctx.reply("\n".join(lines) or "no history")


@bot.command()
async def stats(ctx: commands.Context):
    cached = cache.get("stats")  # expect: BLK700
    if cached is None:
        count = store.es.count(index="docs")["count"]  # expect: BLK700
        users = store.db.history.distinct("user")  # expect: BLK700
        cached = json.dumps({"docs": count, "users": len(users)})
        cache.setex("stats", 300, cached)  # expect: BLK700
    data = json.loads(cached)
    await ctx.reply(f"{data['docs']} docs, {data['users']} users")


@bot.command()
async def reindex(ctx: commands.Context):
    cursor = store.db.docs.find({}, {"_id": 0})
    n = await asyncio.to_thread(store.reindex, list(cursor))  # expect: BLK702
    await ctx.reply(f"reindexed {n}")


@bot.command()
async def resolve(ctx: commands.Context, host: str):
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, 443, type=socket.SOCK_STREAM)
    addrs = sorted({i[4][0] for i in infos})
    legacy = socket.gethostbyname(host)  # expect: BLK600
    await ctx.reply(", ".join(addrs) + f" (gethostbyname: {legacy})")


def main():
    token = os.environ["DISCORD_TOKEN"]
    store.es.indices.create(index="docs", ignore=400)
    bot.run(token)


if __name__ == "__main__":
    main()
