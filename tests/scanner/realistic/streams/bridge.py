"""Relays jobs between the legacy RabbitMQ/Kafka producers and the new consumers."""
import json
import logging

import aio_pika
import pika
from kafka import KafkaProducer

log = logging.getLogger(__name__)


def publish_legacy(host: str, queue: str, body: bytes) -> None:
    connection = pika.BlockingConnection(pika.ConnectionParameters(host=host))
    try:
        channel = connection.channel()
        channel.queue_declare(queue=queue, durable=True)
        channel.basic_publish(exchange="", routing_key=queue, body=body,
                              properties=pika.BasicProperties(delivery_mode=2))
    finally:
        connection.close()


class LegacyKafka:
    def __init__(self, brokers: str):
        self.producer = KafkaProducer(bootstrap_servers=brokers.split(","),
                                      value_serializer=lambda v: json.dumps(v).encode())

    def forward(self, topic: str, value: dict):
        future = self.producer.send(topic, value)
        return future.get(timeout=10)


async def relay(amqp_url: str, legacy_host: str, brokers: str) -> None:
    connection = await aio_pika.connect_robust(amqp_url)
    channel = await connection.channel()
    await channel.set_qos(prefetch_count=50)
    queue = await channel.declare_queue("jobs.v2", durable=True)
    legacy = LegacyKafka(brokers)  # expect: BLK601
    async with queue.iterator() as messages:
        async for message in messages:
            async with message.process():
                job = json.loads(message.body)
                if job.get("legacy_queue"):
                    publish_legacy(legacy_host, job["legacy_queue"], message.body)  # expect: BLK601
                elif job.get("topic"):
                    meta = legacy.forward(job["topic"], job)  # expect: BLK601
                    log.info("forwarded to %s@%s", meta.topic, meta.offset)
                else:
                    await channel.default_exchange.publish(
                        aio_pika.Message(body=message.body), routing_key="jobs.dead"
                    )
