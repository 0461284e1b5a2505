import os
import smtplib
import socket
import ssl
from datetime import datetime, timezone
from email.message import EmailMessage

import httpx
import paramiko

SMTP_HOST = os.environ.get("SMTP_HOST", "smtp.internal")
SFTP_HOST = os.environ.get("SFTP_HOST", "drop.partner.example")
TLS = ssl.create_default_context()


def build_message(sender: str, to: str, subject: str, body: str) -> EmailMessage:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = sender, to, subject
    msg.set_content(body)
    return msg


def send_via_smtp(msg: EmailMessage) -> None:
    with smtplib.SMTP(SMTP_HOST, 587, timeout=20) as smtp:
        smtp.starttls(context=TLS)
        smtp.login(os.environ["SMTP_USER"], os.environ["SMTP_PASSWORD"])
        smtp.send_message(msg)


def push_report(local_path: str, remote_name: str) -> None:
    client = paramiko.SSHClient()
    client.set_missing_host_key_policy(paramiko.RejectPolicy())
    client.connect(SFTP_HOST, username="reports", key_filename=os.environ.get("SFTP_KEY"))
    try:
        sftp = client.open_sftp()
        sftp.put(local_path, f"/incoming/{remote_name}")
    finally:
        client.close()


def cert_days_left(host: str, port: int = 443) -> int:
    with socket.create_connection((host, port), timeout=5) as sock:
        with TLS.wrap_socket(sock, server_hostname=host) as tls:
            cert = tls.getpeercert()
    expires = datetime.fromtimestamp(ssl.cert_time_to_seconds(cert["notAfter"]), timezone.utc)
    return (expires - datetime.now(timezone.utc)).days


class Mailgun:
    def __init__(self, domain: str, key: str):
        self.client = httpx.Client(base_url=f"https://api.mailgun.net/v3/{domain}", auth=("api", key), timeout=10)

    def send(self, msg: EmailMessage) -> str:
        r = self.client.post("/messages", data={"from": msg["From"], "to": msg["To"],
                                                "subject": msg["Subject"], "text": msg.get_content()})
        r.raise_for_status()
        return r.json()["id"]
