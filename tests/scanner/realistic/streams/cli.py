import argparse
import asyncio
import json
import logging

import numpy as np
import pika
from confluent_kafka import Consumer
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

from .bridge import relay
from .model import DEFAULT_MODEL, Scorer, dump_state, load_state
from .workers import fan_out, on_job, peer_name

log = logging.getLogger("streams")


async def consume(args: argparse.Namespace) -> None:
    consumer = AIOKafkaConsumer(args.topic, bootstrap_servers=args.brokers, group_id="scorer",
                                enable_auto_commit=False)
    producer = AIOKafkaProducer(bootstrap_servers=args.brokers)
    await consumer.start()
    await producer.start()
    scorer = Scorer(args.model) if args.model else None  # expect: BLK401
    state = load_state(args.state)  # expect: BLK401
    seen = state.get("seen", 0)
    try:
        async for msg in consumer:
            features = json.loads(msg.value)
            score = scorer.score(features) if scorer else float(DEFAULT_MODEL.predict([features])[0])
            await producer.send_and_wait(args.out_topic, json.dumps({"key": msg.key.decode(), "score": score}).encode())
            await consumer.commit()
            seen += 1
            if scorer and seen % 1000 == 0:
                np.save(args.snapshot, scorer.centroids)  # expect: BLK400
                await asyncio.to_thread(dump_state, args.state, {"seen": seen})
    finally:
        await consumer.stop()
        await producer.stop()


async def batch(args: argparse.Namespace) -> None:
    data = np.load(args.input)  # expect: BLK400
    chunks = [list(map(int, row)) for row in data]
    total = await fan_out(chunks)
    print(json.dumps({"total": total, "job": await on_job({"n": len(chunks)})}))
    print(await peer_name(args.peer))


async def drain_legacy(args: argparse.Namespace) -> int:
    connection = pika.BlockingConnection(pika.URLParameters(args.amqp))  # expect: BLK600
    channel = connection.channel()  # expect: BLK600
    handled = 0
    while True:
        method, _props, body = channel.basic_get(queue="jobs", auto_ack=False)  # expect: BLK600
        if method is None:
            break
        await on_job(json.loads(body))
        channel.basic_ack(method.delivery_tag)  # expect: BLK600
        handled += 1
    connection.close()  # expect: BLK600
    return handled


async def tail(args: argparse.Namespace) -> None:
    consumer = Consumer({"bootstrap.servers": args.brokers, "group.id": "tail", "auto.offset.reset": "latest"})
    consumer.subscribe([args.topic])
    try:
        while True:
            msg = consumer.poll(1.0)  # expect: BLK600
            if msg is None:
                await asyncio.sleep(0.1)
                continue
            if msg.error():
                log.warning("consumer error: %s", msg.error())
                continue
            print(msg.value().decode())
    finally:
        consumer.close()  # expect: BLK600


def main() -> None:
    parser = argparse.ArgumentParser(prog="streams")
    sub = parser.add_subparsers(dest="cmd", required=True)
    c = sub.add_parser("consume")
    c.add_argument("--topic", default="features")
    c.add_argument("--out-topic", default="scores")
    c.add_argument("--brokers", default="localhost:9092")
    c.add_argument("--model")
    c.add_argument("--state", default="/var/lib/streams/state.pkl")
    c.add_argument("--snapshot", default="/var/lib/streams/centroids.npy")
    b = sub.add_parser("batch")
    b.add_argument("input")
    b.add_argument("--peer", default="127.0.0.1")
    r = sub.add_parser("relay")
    r.add_argument("--amqp", default="amqp://guest:guest@localhost/")
    r.add_argument("--legacy-host", default="rabbit-legacy")
    r.add_argument("--brokers", default="localhost:9092")
    d = sub.add_parser("drain")
    d.add_argument("--amqp", default="amqp://guest:guest@rabbit-legacy/")
    t = sub.add_parser("tail")
    t.add_argument("--topic", default="scores")
    t.add_argument("--brokers", default="localhost:9092")
    args = parser.parse_args()
    if args.cmd == "drain":
        print(asyncio.run(drain_legacy(args)))
    elif args.cmd == "tail":
        asyncio.run(tail(args))
    elif args.cmd == "consume":
        asyncio.run(consume(args))
    elif args.cmd == "batch":
        asyncio.run(batch(args))
    else:
        asyncio.run(relay(args.amqp, args.legacy_host, args.brokers))


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    main()
