"""Bridges the old order desk (XML-RPC ERP, a mailbox, a POP3 box, a label
printer on a serial port, an RSS feed of supplier notices) to the new
event bus. Runs as one asyncio process."""
import asyncio
import email
import json
import logging
import os
import poplib
import queue
import threading
import xmlrpc.client

import aiohttp
import aioimaplib
import aiosmtplib
import feedparser
import serial
import serial_asyncio
import websocket
import websockets
from email.message import EmailMessage

from .mailbox import IMAP_HOST, MAIL_PASSWORD, MAIL_USER, POP_HOST, fetch_unseen, subject_of

log = logging.getLogger("legacy-bridge")

ERP_URL = os.environ.get("ERP_URL", "https://erp.legacy.example.com")
ERP_DB = os.environ.get("ERP_DB", "prod")
ERP_USER = os.environ.get("ERP_USER", "bridge")
ERP_KEY = os.environ.get("ERP_KEY", "")
FEED_URL = os.environ.get("SUPPLIER_FEED", "https://supplier.example.com/notices.rss")
BUS_URL = os.environ.get("BUS_URL", "wss://bus.internal/ws")
LEGACY_WS = os.environ.get("LEGACY_WS", "ws://desk.legacy.example.com:9000/orders")
PRINTER_PORT = os.environ.get("PRINTER_PORT", "/dev/ttyUSB0")

common = xmlrpc.client.ServerProxy(f"{ERP_URL}/xmlrpc/2/common")
models = xmlrpc.client.ServerProxy(f"{ERP_URL}/xmlrpc/2/object", allow_none=True)

printed: "queue.Queue[dict]" = queue.Queue()


def printer_thread(port_name: str) -> None:
    # runs in its own thread for the life of the process
    port = serial.Serial(port_name, 9600, timeout=2)
    while True:
        label = printed.get()
        port.write(label["zpl"].encode("ascii"))
        port.flush()


class ErpClient:
    def __init__(self) -> None:
        self.uid = None

    def login(self) -> int:
        self.uid = common.authenticate(ERP_DB, ERP_USER, ERP_KEY, {})
        return self.uid

    def call(self, model: str, method: str, *args, **kw):
        return models.execute_kw(ERP_DB, self.uid, ERP_KEY, model, method, list(args), kw)


erp = ErpClient()


async def sync_order(order: dict) -> int:
    if erp.uid is None:
        erp.login()  # expect: BLK201
    partner = erp.call("res.partner", "search", [["ref", "=", order["customer"]]], limit=1)  # expect: BLK201
    order_id = models.execute_kw(  # expect: BLK200
        ERP_DB, erp.uid, ERP_KEY, "sale.order", "create",
        [{"partner_id": partner[0], "client_order_ref": order["id"]}],
    )
    return order_id


async def sync_order_offloaded(order: dict) -> int:
    if erp.uid is None:
        await asyncio.to_thread(erp.login)
    partner = await asyncio.to_thread(erp.call, "res.partner", "search", [["ref", "=", order["customer"]]])
    return partner[0]


async def mail_orders(bus) -> None:
    for msg in fetch_unseen():  # expect: BLK601
        await bus.send(json.dumps({"kind": "mail-order", "subject": subject_of(msg)}))


async def mail_orders_async(bus) -> None:
    imap = aioimaplib.IMAP4_SSL(host=IMAP_HOST)
    await imap.wait_hello_from_server()
    await imap.login(MAIL_USER, MAIL_PASSWORD)
    await imap.select("INBOX")
    result, data = await imap.search("UNSEEN")
    for num in data[0].split():
        _res, parts = await imap.fetch(num.decode(), "(RFC822)")
        msg = email.message_from_bytes(parts[1])
        await bus.send(json.dumps({"kind": "mail-order", "subject": subject_of(msg)}))
    await imap.logout()


async def drain_pop_box() -> int:
    box = poplib.POP3_SSL(POP_HOST, timeout=30)  # expect: BLK600
    box.user(MAIL_USER)  # expect: BLK600
    box.pass_(MAIL_PASSWORD)  # expect: BLK600
    count, _size = box.stat()  # expect: BLK600
    for i in range(1, count + 1):
        _resp, lines, _octets = box.retr(i)  # expect: BLK600
        log.info("legacy fax: %s", subject_of(email.message_from_bytes(b"\r\n".join(lines))))
        box.dele(i)  # expect: BLK600
    box.quit()  # expect: BLK600
    return count


async def supplier_notices(session: aiohttp.ClientSession) -> list:
    feed = feedparser.parse(FEED_URL)  # expect: BLK200
    return [e.title for e in feed.entries]


async def supplier_notices_v2(session: aiohttp.ClientSession) -> list:
    async with session.get(FEED_URL) as resp:
        body = await resp.text()
    feed = feedparser.parse(body)
    return [e.title for e in feed.entries]


async def legacy_desk_orders(bus) -> None:
    ws = websocket.create_connection(LEGACY_WS, timeout=10)  # expect: BLK600
    try:
        ws.send(json.dumps({"op": "subscribe", "stream": "orders"}))  # expect: BLK600
        while True:
            frame = ws.recv()  # expect: BLK600
            order = json.loads(frame)
            await bus.send(json.dumps({"kind": "desk-order", "order": order}))
    finally:
        ws.close()  # expect: BLK600


async def print_label(zpl: str) -> None:
    port = serial.Serial(PRINTER_PORT, 9600, timeout=2)  # expect: BLK400
    try:
        port.write(zpl.encode("ascii"))  # expect: BLK400
        ack = port.readline()  # expect: BLK400
        if ack.strip() != b"OK":
            log.warning("printer said %r", ack)
    finally:
        port.close()


async def print_label_v2(zpl: str) -> None:
    reader, writer = await serial_asyncio.open_serial_connection(url=PRINTER_PORT, baudrate=9600)
    writer.write(zpl.encode("ascii"))
    await writer.drain()
    ack = await asyncio.wait_for(reader.readline(), timeout=2)
    if ack.strip() != b"OK":
        log.warning("printer said %r", ack)
    writer.close()


async def queue_label(zpl: str) -> None:
    printed.put({"zpl": zpl})


async def next_printed_label() -> dict:
    return printed.get(timeout=5)  # expect: BLK800


async def alert_ops(text: str) -> None:
    msg = EmailMessage()
    msg["From"] = "bridge@example.com"
    msg["To"] = "ops@example.com"
    msg["Subject"] = "legacy bridge"
    msg.set_content(text)
    await aiosmtplib.send(msg, hostname=os.environ.get("SMTP_HOST", "smtp.internal"), port=587, start_tls=True)


async def run() -> None:
    threading.Thread(target=printer_thread, args=(PRINTER_PORT,), daemon=True).start()
    async with aiohttp.ClientSession() as session, websockets.connect(BUS_URL) as bus:
        while True:
            try:
                await mail_orders_async(bus)
                for title in await supplier_notices_v2(session):
                    await bus.send(json.dumps({"kind": "supplier-notice", "title": title}))
                raw = await asyncio.wait_for(bus.recv(), timeout=60)
                order = json.loads(raw)
                await sync_order_offloaded(order)
            except asyncio.TimeoutError:
                continue
            except Exception as exc:
                log.exception("bridge loop failed")
                await alert_ops(f"bridge loop failed: {exc!r}")
                await asyncio.sleep(30)


if __name__ == "__main__":
    asyncio.run(run())
