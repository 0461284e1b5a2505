"""A handler that imports a slow module the first time it runs."""
import asyncio


async def handler():
    import heavy_mod                   # mark:lazy-import
    return heavy_mod.TABLE


async def main():
    await asyncio.sleep(0.01)
    await handler()
    await handler()                    # imported now: no second event


asyncio.run(main())
