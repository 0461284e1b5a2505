"""A stdio MCP server on the mcp SDK 1.x: FastMCP calls a sync tool inline on
its event loop (mcp 2.x runs them in worker threads and has no
mcp.server.fastmcp), so a plain `def` tool is loop code."""
import subprocess

import httpx
import requests
from mcp.server.fastmcp import FastMCP

mcp = FastMCP("arxiv")


def _source_archive(arxiv_id: str) -> bytes:
    return requests.get("https://arxiv.org/e-print/" + arxiv_id, timeout=30).content


@mcp.tool()
def search(query: str) -> str:
    return requests.get("https://export.arxiv.org/api/query", params={"q": query}, timeout=30).text  # expect: BLK200


@mcp.tool()
def list_files(arxiv_id: str) -> int:
    return len(_source_archive(arxiv_id))  # expect: BLK201


@mcp.resource("version://code2prompt")
def version() -> str:
    return subprocess.run(["code2prompt", "--version"], capture_output=True, text=True).stdout  # expect: BLK300


@mcp.tool()
async def abstract(arxiv_id: str) -> str:
    async with httpx.AsyncClient() as client:  # expect: BLK420
        return (await client.get("https://arxiv.org/abs/" + arxiv_id)).text


def offline_index(path: str) -> str:
    # not a tool: nothing runs it on the loop
    with open(path) as f:
        return f.read()
