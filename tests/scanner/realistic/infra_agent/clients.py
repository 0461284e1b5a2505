import os

import hvac
import zmq
from kubernetes import client, config

VAULT_ADDR = os.environ.get("VAULT_ADDR", "https://vault.internal:8200")
EVENTS_ADDR = os.environ.get("EVENTS_ADDR", "tcp://collector:5557")
RPC_ADDR = os.environ.get("RPC_ADDR", "tcp://scheduler:5560")

if os.environ.get("KUBERNETES_SERVICE_HOST"):
    config.load_incluster_config()
else:
    config.load_kube_config()

core = client.CoreV1Api()
apps = client.AppsV1Api()

vault = hvac.Client(url=VAULT_ADDR, token=os.environ.get("VAULT_TOKEN"))

zctx = zmq.Context.instance()
events = zctx.socket(zmq.PUSH)
events.setsockopt(zmq.SNDHWM, 1000)
events.connect(EVENTS_ADDR)


def read_secret(path: str) -> dict:
    resp = vault.secrets.kv.v2.read_secret_version(path=path, mount_point="infra")
    return resp["data"]["data"]


def scale(name: str, namespace: str, replicas: int):
    body = {"spec": {"replicas": replicas}}
    return apps.patch_namespaced_deployment_scale(name, namespace, body)


def scheduler_call(method: str, **params):
    sock = zctx.socket(zmq.REQ)
    sock.setsockopt(zmq.LINGER, 0)
    sock.connect(RPC_ADDR)
    try:
        sock.send_json({"method": method, "params": params})
        return sock.recv_json()
    finally:
        sock.close()
