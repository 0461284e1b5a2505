import asyncio
import configparser
import fcntl
import logging
import os
import threading
from pathlib import Path

import dns.asyncresolver
import dns.resolver
import dns.reversename
from ldap3 import SUBTREE, Connection
from slack_bolt.async_app import AsyncApp

from .clients import (BIND_DN, BIND_PW, LDAP_BASE, Announcer, aio_deployer, deploy_request, deployer, groups_of,
                      ldap_server, web)

log = logging.getLogger("devops_bot")
LOCK_DIR = Path(os.environ.get("LOCK_DIR", "/run/devops-bot"))
CONFIG_PATH = os.environ.get("BOT_INI", "/etc/devops-bot/bot.ini")

app = AsyncApp(token=os.environ.get("SLACK_BOT_TOKEN"), signing_secret=os.environ.get("SLACK_SIGNING_SECRET"))
announcer = Announcer("#deploys")
settings = configparser.ConfigParser()
settings.read(CONFIG_PATH)


@app.command("/deploy")
async def deploy(ack, command, respond):
    await ack()
    service, _, version = command["text"].partition(" ")
    if "deployers" not in groups_of(command["user_name"]):  # expect: BLK601
        await respond("You are not in the deployers group.")
        return
    reply = deployer.Deploy(deploy_request(service, version), timeout=60)  # expect: BLK600
    web.chat_postMessage(channel="#deploys", text=f"{service} {version}: {reply.status}")  # expect: BLK200
    await respond(f"Deploy of {service} {version}: {reply.status}")


@app.command("/deploy2")
async def deploy_v2(ack, command, respond, client):
    await ack()
    service, _, version = command["text"].partition(" ")
    allowed = await asyncio.to_thread(groups_of, command["user_name"])
    if "deployers" not in allowed:
        await respond("You are not in the deployers group.")
        return
    reply = await aio_deployer.Deploy(deploy_request(service, version), timeout=60)
    await client.chat_postMessage(channel="#deploys", text=f"{service} {version}: {reply.status}")
    await respond(f"Deploy of {service} {version}: {reply.status}")


@app.command("/announce")
async def announce(ack, command):
    await ack()
    ts = announcer.announce(command["text"])  # expect: BLK201
    log.info("announced at %s", ts)


@app.command("/whois")
async def whois(ack, command, respond):
    await ack()
    conn = Connection(ldap_server, user=BIND_DN, password=BIND_PW, auto_bind=True)  # expect: BLK600
    conn.search(LDAP_BASE, f"(uid={command['text'].strip()})", search_scope=SUBTREE,  # expect: BLK600
                attributes=["cn", "mail", "title"])
    entries = [e.entry_to_json() for e in conn.entries]
    conn.unbind()  # expect: BLK600
    await respond("\n".join(entries) or "no such user")


@app.command("/dig")
async def dig(ack, command, respond):
    await ack()
    name = command["text"].strip()
    answers = dns.resolver.resolve(name, "A", lifetime=5)  # expect: BLK600
    lines = [a.to_text() for a in answers]
    first = lines[0] if lines else None
    if first:
        ptr = dns.resolver.resolve(dns.reversename.from_address(first), "PTR")  # expect: BLK600
        lines.append(f"PTR {ptr[0].to_text()}")
    await respond("\n".join(lines))


@app.command("/dig2")
async def dig_v2(ack, command, respond):
    await ack()
    name = command["text"].strip()
    answers = await dns.asyncresolver.resolve(name, "A", lifetime=5)
    await respond("\n".join(a.to_text() for a in answers))


@app.command("/lock")
async def lock(ack, command, respond):
    await ack()
    service = command["text"].strip()
    fh = open(LOCK_DIR / f"{service}.lock", "a")  # expect: BLK400
    try:
        fcntl.flock(fh, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        await respond(f"{service} is locked by another deploy; waiting for it.")
        fcntl.flock(fh, fcntl.LOCK_EX)  # expect: BLK800
    await respond(f"{service} locked")


@app.command("/reload")
async def reload(ack, respond):
    await ack()
    fresh = configparser.ConfigParser()
    fresh.read(CONFIG_PATH)  # expect: BLK400
    settings.read_dict({s: dict(fresh.items(s)) for s in fresh.sections()})
    await respond(f"reloaded {len(fresh.sections())} sections")


@app.command("/config-check")
async def config_check(ack, command, respond):
    await ack()
    parser = configparser.ConfigParser()
    parser.read_string(command["text"])
    await respond(", ".join(parser.sections()) or "empty")


@app.command("/upload-log")
async def upload_log(ack, command, respond):
    await ack()
    path = f"/var/log/deployer/{command['text'].strip()}.log"
    web.files_upload_v2(channel=command["channel_id"], file=path, title="deploy log")  # expect: BLK200
    await respond("uploaded")


@app.event("app_mention")
async def mention(event, say):
    profile = web.users_info(user=event["user"])  # expect: BLK200
    await say(f"Hi {profile['user']['real_name']}, try /deploy <service> <version>.")


def nightly_digest() -> None:
    while True:
        web.chat_postMessage(channel="#deploys", text="nightly digest")
        threading.Event().wait(86400)


async def start() -> None:
    threading.Thread(target=nightly_digest, daemon=True).start()
    await app.async_start(port=int(settings.get("bot", "port", fallback="3000")))


if __name__ == "__main__":
    asyncio.run(start())
