import asyncio
import logging
import os
import socket
import ssl

import aiosmtplib
from aiohttp import web

from .tasks import deliver_report, send_email
from .transport import TLS, Mailgun, build_message, cert_days_left, push_report, send_via_smtp

log = logging.getLogger("mailer.web")
routes = web.RouteTableDef()
mailgun = Mailgun(os.environ.get("MG_DOMAIN", "mg.example.com"), os.environ.get("MG_KEY", ""))


@routes.post("/send")
async def send(request: web.Request) -> web.Response:
    payload = await request.json()
    msg = build_message(payload.get("from", "noreply@example.com"), payload["to"], payload["subject"], payload["body"])
    mode = request.app["config"].get("mode", "queue")
    if mode == "queue":
        result = send_email.delay(msg["From"], msg["To"], msg["Subject"], payload["body"])  # expect: BLK600
        return web.json_response({"task": result.id}, status=202)
    if mode == "direct":
        send_via_smtp(msg)  # expect: BLK601
        return web.json_response({"sent": True})
    if mode == "mailgun":
        mid = mailgun.send(msg)  # expect: BLK201
        return web.json_response({"id": mid})
    await aiosmtplib.send(msg, hostname=os.environ.get("SMTP_HOST", "smtp.internal"), port=587, start_tls=True)
    return web.json_response({"sent": True})


@routes.post("/send-and-wait")
async def send_and_wait(request: web.Request) -> web.Response:
    payload = await request.json()
    async_result = send_email.delay(payload["from"], payload["to"], payload["subject"], payload["body"])  # expect: BLK600
    async_result.get(timeout=30)  # expect: BLK800
    return web.json_response({"sent": True})


@routes.post("/reports/{name}")
async def upload_report(request: web.Request) -> web.Response:
    name = request.match_info["name"]
    path = f"/srv/reports/{name}"
    with open(path, "wb") as f:  # expect: BLK400
        async for chunk in request.content.iter_chunked(1 << 16):
            f.write(chunk)
    if request.query.get("sync") == "1":
        await asyncio.get_running_loop().run_in_executor(None, push_report, path, name)
    else:
        deliver_report.apply_async(args=(path, name), countdown=5)  # expect: BLK600
    return web.json_response({"queued": name})


@routes.get("/certs/{host}")
async def cert_check(request: web.Request) -> web.Response:
    host = request.match_info["host"]
    days = cert_days_left(host)  # expect: BLK601
    return web.json_response({"host": host, "days_left": days})


@routes.get("/certs-async/{host}")
async def cert_check_async(request: web.Request) -> web.Response:
    host = request.match_info["host"]
    reader, writer = await asyncio.wait_for(asyncio.open_connection(host, 443, ssl=TLS, server_hostname=host), 10)
    cert = writer.get_extra_info("peercert")
    writer.close()
    await writer.wait_closed()
    return web.json_response({"host": host, "notAfter": cert["notAfter"]})


@routes.get("/mx/{domain}")
async def mx_check(request: web.Request) -> web.Response:
    domain = request.match_info["domain"]
    infos = socket.getaddrinfo(f"mail.{domain}", 25, proto=socket.IPPROTO_TCP)  # expect: BLK600
    return web.json_response({"addresses": sorted({i[4][0] for i in infos})})


@routes.get("/tls-probe/{host}")
async def tls_probe(request: web.Request) -> web.Response:
    host = request.match_info["host"]
    ctx = ssl.create_default_context()  # expect: BLK420
    sock = socket.create_connection((host, 443), timeout=5)  # expect: BLK600
    tls = ctx.wrap_socket(sock, server_hostname=host)  # expect: BLK600
    version = tls.version()
    tls.close()
    return web.json_response({"host": host, "tls": version})


async def on_startup(app: web.Application) -> None:
    log_path = app["config"].get("log_file")
    if log_path:
        fh = logging.FileHandler(log_path)  # expect: BLK400
        logging.getLogger().addHandler(fh)
    log.info("mailer starting")


def make_app() -> web.Application:
    app = web.Application()
    app["config"] = {"mode": os.environ.get("MAIL_MODE", "queue"), "log_file": os.environ.get("MAIL_LOG")}
    app.add_routes(routes)
    app.on_startup.append(on_startup)
    return app


if __name__ == "__main__":
    web.run_app(make_app(), port=8080)
