import os

import grpc
from ldap3 import ALL, SUBTREE, Connection, Server
from slack_sdk import WebClient

from .protos import deploy_pb2, deploy_pb2_grpc

LDAP_BASE = os.environ.get("LDAP_BASE", "ou=people,dc=example,dc=com")
BIND_DN = os.environ.get("LDAP_BIND_DN", "cn=devops-bot,ou=services,dc=example,dc=com")
BIND_PW = os.environ.get("LDAP_BIND_PW", "")

ldap_server = Server(os.environ.get("LDAP_URL", "ldaps://ldap.internal"), get_info=ALL)
web = WebClient(token=os.environ.get("SLACK_BOT_TOKEN", ""))

_channel = grpc.insecure_channel(os.environ.get("DEPLOYER_ADDR", "deployer:50051"))
deployer = deploy_pb2_grpc.DeployerStub(_channel)
_aio_channel = grpc.aio.insecure_channel(os.environ.get("DEPLOYER_ADDR", "deployer:50051"))
aio_deployer = deploy_pb2_grpc.DeployerStub(_aio_channel)


def ldap_connection() -> Connection:
    return Connection(ldap_server, user=BIND_DN, password=BIND_PW, auto_bind=True, read_only=True)


def groups_of(uid: str) -> set:
    conn = ldap_connection()
    try:
        conn.search(LDAP_BASE, f"(uid={uid})", search_scope=SUBTREE, attributes=["memberOf"])
        if not conn.entries:
            return set()
        return {dn.split(",")[0].removeprefix("cn=") for dn in conn.entries[0].memberOf.values}
    finally:
        conn.unbind()


def deploy_request(service: str, version: str):
    return deploy_pb2.DeployRequest(service=service, version=version, requested_by="devops-bot")


class Announcer:
    def __init__(self, channel: str):
        self.channel = channel
        self.client = WebClient(token=os.environ.get("SLACK_BOT_TOKEN", ""))

    def announce(self, text: str) -> str:
        resp = self.client.chat_postMessage(channel=self.channel, text=text)
        return resp["ts"]
