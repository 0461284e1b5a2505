import http.client
import urllib.request
from urllib.request import urlopen as fetch_url

import httpx
import requests
import requests as rq
import urllib3

session = requests.Session()
pool = urllib3.PoolManager()


class ApiClient:
    def __init__(self, base):
        self.base = base
        self.session = rq.Session()
        self.async_http = httpx.AsyncClient()

    def get_json(self, path):
        return self.session.get(self.base + path, timeout=5).json()

    def post_json(self, path, body):
        return self._post(path, body)

    def _post(self, path, body):
        r = self.session.post(self.base + path, json=body, timeout=5)
        r.raise_for_status()
        return r.json()

    async def get_async(self, path):
        r = await self.async_http.get(self.base + path)
        return r.json()


class RetryingClient(ApiClient):
    def get_json(self, path):
        for _ in range(3):
            try:
                return super().get_json(path)
            except requests.RequestException:
                continue
        raise RuntimeError("down")


def download(url):
    with urllib.request.urlopen(url, timeout=10) as resp:
        return resp.read()


async def fetch_many(urls):
    out = []
    for u in urls:
        out.append(requests.get(u, timeout=3))  # expect: BLK200
    r = rq.request("GET", urls[0])  # expect: BLK200
    session.get(urls[0])  # expect: BLK200
    fetch_url(urls[0])  # expect: BLK200
    pool.request("GET", urls[0])  # expect: BLK200
    urllib3.request("GET", urls[0])  # expect: BLK200
    httpx.get(urls[0])  # expect: BLK200
    with httpx.Client() as client:  # expect: BLK420
        client.post(urls[0], json={})  # expect: BLK200
    conn = http.client.HTTPSConnection("example.com")  # expect: BLK420
    conn.request("GET", "/")  # expect: BLK200
    resp = conn.getresponse()  # expect: BLK200
    async with httpx.AsyncClient() as ac:  # expect: BLK420
        await ac.get(urls[0])
    return out, r, resp


async def via_helpers(api: ApiClient):
    data = api.get_json("/items")  # expect: BLK201
    api.post_json("/items", data)  # expect: BLK201
    download("https://example.com/x")  # expect: BLK201
    await api.get_async("/ok")
    return data


async def subclass_call():
    c = RetryingClient("https://api")  # expect: BLK421
    return c.get_json("/x")  # expect: BLK201
