import email
import imaplib
import os
import poplib
from email.message import Message

IMAP_HOST = os.environ.get("IMAP_HOST", "mail.example.com")
POP_HOST = os.environ.get("POP_HOST", "pop.legacy.example.com")
MAIL_USER = os.environ.get("MAIL_USER", "orders@example.com")
MAIL_PASSWORD = os.environ.get("MAIL_PASSWORD", "")


def fetch_unseen(folder: str = "INBOX") -> list:
    imap = imaplib.IMAP4_SSL(IMAP_HOST, timeout=30)
    try:
        imap.login(MAIL_USER, MAIL_PASSWORD)
        imap.select(folder)
        _typ, data = imap.search(None, "UNSEEN")
        messages = []
        for num in data[0].split():
            _typ, parts = imap.fetch(num, "(RFC822)")
            messages.append(email.message_from_bytes(parts[0][1]))
        return messages
    finally:
        imap.logout()


def subject_of(msg: Message) -> str:
    return str(msg.get("Subject", "")).strip()
