"""TLS setup on the loop: reads the CA bundle from disk on every call."""
import asyncio
import ssl


async def connect_settings():
    return ssl.create_default_context()


asyncio.run(connect_settings())
