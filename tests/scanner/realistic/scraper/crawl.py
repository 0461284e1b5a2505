import asyncio
import logging
import socket
import urllib.robotparser
from urllib.parse import urlparse

import aiohttp

from .cache import DiskCache
from .parse import extract_links, title_of

log = logging.getLogger(__name__)


class Crawler:
    def __init__(self, start, max_pages=100, concurrency=10):
        self.start = start
        self.max_pages = max_pages
        self.sem = asyncio.Semaphore(concurrency)
        self.seen = set()
        self.cache = DiskCache()
        self.robots = {}

    def allowed(self, url):
        host = urlparse(url).netloc
        rp = self.robots.get(host)
        if rp is None:
            rp = urllib.robotparser.RobotFileParser(f"https://{host}/robots.txt")
            rp.read()
            self.robots[host] = rp
        return rp.can_fetch("*", url)

    async def fetch(self, session, url):
        cached = self.cache.get(url)  # expect: BLK401
        if cached is not None:
            return cached
        async with self.sem:
            async with session.get(url, timeout=aiohttp.ClientTimeout(total=10)) as resp:
                html = await resp.text()
        self.cache.set(url, html)  # expect: BLK401
        return html

    async def crawl_one(self, session, url):
        if url in self.seen or len(self.seen) >= self.max_pages:
            return
        self.seen.add(url)
        if not self.allowed(url):  # expect: BLK203
            return
        try:
            html = await self.fetch(session, url)
        except (aiohttp.ClientError, asyncio.TimeoutError) as e:
            log.warning("fetch %s failed: %s", url, e)
            return
        log.info("%s: %s", url, title_of(html))
        links = [l for l in extract_links(url, html) if urlparse(l).netloc == urlparse(self.start).netloc]
        await asyncio.gather(*(self.crawl_one(session, l) for l in links))

    async def run(self):
        host = urlparse(self.start).hostname
        log.info("crawling %s (%s)", host, socket.gethostbyname(host))  # expect: BLK600
        async with aiohttp.ClientSession() as session:
            await self.crawl_one(session, self.start)
        return self.seen


def main(url):
    return asyncio.run(Crawler(url).run())
