import json
import os
import time

import redis
from elasticsearch import Elasticsearch, helpers
from pymongo import MongoClient

ES_URL = os.environ.get("ES_URL", "http://elastic:9200")
MONGO_URL = os.environ.get("MONGO_URL", "mongodb://mongo:27017")

es = Elasticsearch(ES_URL, request_timeout=10)
mongo = MongoClient(MONGO_URL, serverSelectionTimeoutMS=3000)
db = mongo["bot"]
cache = redis.Redis(host=os.environ.get("REDIS_HOST", "redis"), decode_responses=True)


def load_synonyms(path: str = "synonyms.json") -> dict:
    with open(path) as f:
        return json.load(f)


class Quotas:
    def __init__(self, client: redis.Redis, per_minute: int = 20):
        self.client = client
        self.per_minute = per_minute

    def allow(self, user_id: int) -> bool:
        key = f"quota:{user_id}:{int(time.time() // 60)}"
        n = self.client.incr(key)
        if n == 1:
            self.client.expire(key, 60)
        return n <= self.per_minute


def search_docs(query: str, size: int = 5) -> list:
    res = es.search(index="docs", query={"multi_match": {"query": query, "fields": ["title^2", "body"]}}, size=size)
    return [hit["_source"] for hit in res["hits"]["hits"]]


def reindex(docs) -> int:
    ok, _ = helpers.bulk(es, ({"_index": "docs", "_id": d["id"], "_source": d} for d in docs))
    return ok
