import logging
import smtplib
import ssl
from email.message import EmailMessage

log = logging.getLogger(__name__)

SMTP_HOST = "smtp.example.com"
SMTP_PORT = 587


class EmailSender:
    def __init__(self, user, password):
        self.user = user
        self.password = password
        self.context = ssl.create_default_context()

    def build(self, to, subject, body):
        msg = EmailMessage()
        msg["From"] = self.user
        msg["To"] = to
        msg["Subject"] = subject
        msg.set_content(body)
        return msg

    def send(self, to, subject, body):
        msg = self.build(to, subject, body)
        with smtplib.SMTP(SMTP_HOST, SMTP_PORT, timeout=10) as server:
            server.starttls(context=self.context)
            server.login(self.user, self.password)
            server.send_message(msg)
        log.info("sent mail to %s", to)
