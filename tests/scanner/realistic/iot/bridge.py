import asyncio
import json
import logging
import signal

import asyncio_mqtt as aiomqtt

from .devices import Reading, Registry, now, poll_modbus

log = logging.getLogger("bridge")
registry = Registry()
HOSTS = {"boiler": ("10.0.0.5", 40001), "pump": ("10.0.0.6", 40001)}


async def poll_loop(client, interval=10):
    while True:
        for name, (host, reg) in HOSTS.items():
            try:
                value = await asyncio.to_thread(poll_modbus, host, reg)
            except OSError as e:
                log.warning("%s: %s", name, e)
                continue
            r = Reading(name, value, now())
            registry.update(r)
            await client.publish(f"plant/{name}", json.dumps({"v": value, "ts": r.ts}))
        registry.save()  # expect: BLK401
        await asyncio.sleep(interval)


async def quick_read(name):
    host, reg = HOSTS[name]
    return poll_modbus(host, reg)  # expect: BLK601


async def main():
    registry.load()  # expect: BLK401
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    loop.add_signal_handler(signal.SIGTERM, stop.set)
    async with aiomqtt.Client("mqtt.local") as client:
        task = asyncio.create_task(poll_loop(client))
        await stop.wait()
        task.cancel()
    await asyncio.to_thread(registry.save)


if __name__ == "__main__":
    asyncio.run(main())
