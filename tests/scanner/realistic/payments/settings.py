import configparser
import os

import stripe
from cassandra.auth import PlainTextAuthProvider
from cassandra.cluster import Cluster
from confluent_kafka import Producer
from twilio.http.async_http_client import AsyncTwilioHttpClient
from twilio.rest import Client as TwilioClient

CONFIG_PATH = os.environ.get("PAYMENTS_INI", "/etc/payments/payments.ini")

cfg = configparser.ConfigParser()
cfg.read(CONFIG_PATH)

stripe.api_key = cfg.get("stripe", "secret_key", fallback="")
stripe_client = stripe.StripeClient(cfg.get("stripe", "secret_key", fallback=""))
WEBHOOK_SECRET = cfg.get("stripe", "webhook_secret", fallback="")

cluster = Cluster(
    cfg.get("cassandra", "hosts", fallback="127.0.0.1").split(","),
    auth_provider=PlainTextAuthProvider(cfg.get("cassandra", "user", fallback="payments"),
                                        cfg.get("cassandra", "password", fallback="")),
)
session = cluster.connect("payments")

producer = Producer({
    "bootstrap.servers": cfg.get("kafka", "brokers", fallback="localhost:9092"),
    "linger.ms": 20,
    "enable.idempotence": True,
})

twilio = TwilioClient(cfg.get("twilio", "sid", fallback=""), cfg.get("twilio", "token", fallback=""))
twilio_async = TwilioClient(cfg.get("twilio", "sid", fallback=""), cfg.get("twilio", "token", fallback=""),
                            http_client=AsyncTwilioHttpClient())
SMS_FROM = cfg.get("twilio", "from", fallback="+15550100")


def reload_config() -> None:
    fresh = configparser.ConfigParser()
    fresh.read(CONFIG_PATH)
    for section in fresh.sections():
        if not cfg.has_section(section):
            cfg.add_section(section)
        for key, value in fresh.items(section):
            cfg.set(section, key, value)
    stripe.api_key = cfg.get("stripe", "secret_key", fallback="")
