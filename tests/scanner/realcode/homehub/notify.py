"""Notifications by e-mail."""
from __future__ import annotations

import email.utils
from email.message import EmailMessage

import aiosmtplib

from .util.templates import render

MAIL_DOMAIN = "hub.example.org"


async def send_alert(to: str, device: str) -> None:
    msg = EmailMessage()
    msg["To"] = to
    msg["Subject"] = "Alert from %s" % device
    msg["Message-ID"] = email.utils.make_msgid()  # expect: BLK600
    msg.set_content(render("alert", device=device))  # expect: BLK403
    await aiosmtplib.send(msg, hostname="localhost")


async def send_report(to: str, body: str) -> None:
    msg = EmailMessage()
    msg["To"] = to
    msg["Message-ID"] = email.utils.make_msgid(domain=MAIL_DOMAIN)
    msg.set_content(body)
    await aiosmtplib.send(msg, hostname="localhost")
