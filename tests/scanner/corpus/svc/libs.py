"""Third-party sync clients next to their async counterparts."""
import aio_pika
import motor.motor_asyncio
import pandas as pd
import paramiko
import pika
from pymongo import MongoClient

mongo = MongoClient("mongodb://db:27017")
orders = mongo.shop.orders
amongo = motor.motor_asyncio.AsyncIOMotorClient("mongodb://db:27017")


async def order_report(user_id):
    doc = orders.find_one({"user": user_id})  # expect: BLK700
    mongo["shop"]["audit"].insert_one({"user": user_id})  # expect: BLK700
    n = await amongo.shop.orders.count_documents({})
    df = pd.read_csv("/srv/report.csv")  # expect: BLK400
    csv_text = df.to_csv(index=False)
    df.to_csv("/srv/out.csv")  # expect: BLK400
    return doc, n, csv_text


async def publish(body: bytes):
    conn = pika.BlockingConnection(pika.ConnectionParameters("mq"))  # expect: BLK600
    channel = conn.channel()  # expect: BLK600
    channel.basic_publish(exchange="", routing_key="q", body=body)  # expect: BLK600
    aconn = await aio_pika.connect_robust("amqp://mq/")
    ch = await aconn.channel()
    await ch.default_exchange.publish(aio_pika.Message(body=body), routing_key="q")


async def remote_uptime(host):
    ssh = paramiko.SSHClient()
    ssh.connect(host, username="ops")  # expect: BLK600
    _, out, _ = ssh.exec_command("uptime")  # expect: BLK600
    return out.read()
