"""LLM and SaaS clients: the sync ones block, the async ones do not."""
import anthropic
import openai
import stripe
from elasticsearch import AsyncElasticsearch, Elasticsearch
from openai import AsyncOpenAI, OpenAI
from slack_sdk import WebClient
from slack_sdk.web.async_client import AsyncWebClient

llm = OpenAI()
allm = AsyncOpenAI()
claude = anthropic.Anthropic()
slack = WebClient(token="xoxb")
aslack = AsyncWebClient(token="xoxb")
es = Elasticsearch("http://es:9200")
aes = AsyncElasticsearch("http://es:9200")


async def answer(question):
    r = llm.chat.completions.create(model="m", messages=[{"role": "user", "content": question}])  # expect: BLK200
    r2 = await allm.chat.completions.create(model="m", messages=[])
    vec = llm.embeddings.create(model="e", input=question)  # expect: BLK200
    msg = claude.messages.create(model="c", max_tokens=10, messages=[])  # expect: BLK200
    return r, r2, vec, msg


async def notify(text):
    slack.chat_postMessage(channel="#ops", text=text)  # expect: BLK200
    await aslack.chat_postMessage(channel="#ops", text=text)
    stripe.Refund.create(charge="ch_1")  # expect: BLK200


async def search(q):
    hits = es.search(index="docs", query={"match": {"body": q}})  # expect: BLK700
    es2 = es.options(request_timeout=5)
    more = await aes.search(index="docs", query={"match": {"body": q}})
    return hits, es2, more
