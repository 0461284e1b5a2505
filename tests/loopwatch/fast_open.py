"""A fast open() in a coroutine: too quick to stall the loop here, reported
only by --guard (on a network file system it takes hundreds of ms)."""
import asyncio


async def load_settings():
    with open(__file__, encoding="utf-8") as f:
        return f.read()


async def main():
    text = await load_settings()
    assert "load_settings" in text


asyncio.run(main())
