"""Reports by mail through the internal relay."""
from redmail import EmailSender

from . import config

mailer = EmailSender(host=config.SMTP_HOST, port=config.SMTP_PORT, use_starttls=False)
SENDER = "opsdesk@example.com"


def send_digest(to, lines):
    mailer.send(subject="opsdesk digest", sender=SENDER, receivers=[to], text="\n".join(lines))


async def send_report(to, subject, body):
    mailer.send(subject=subject, sender=SENDER, receivers=[to], text=body)  # io: network redmail
    return {"sent": to}


async def daily_digest(to, lines):
    send_digest(to, lines)  # io: network redmail


async def preview_report(to, subject, body):
    message = mailer.get_message(subject=subject, sender=SENDER, receivers=[to], text=body)  # io: network|filesystem redmail
    return message.as_string()


async def relay_for(host, port):
    return EmailSender(host=host, port=port, use_starttls=False)  # no-io: redmail
