import argparse
import asyncio
import json
import sys

import docker
import hvac
from kubernetes import client, config, watch


def parse_args(argv=None):
    p = argparse.ArgumentParser(prog="infra-agent-cli")
    p.add_argument("--context")
    p.add_argument("--namespace", default="default")
    p.add_argument("--vault", default="https://vault.internal:8200")
    p.add_argument("--role-id")
    p.add_argument("--secret-id")
    return p.parse_args(argv)


async def main(argv=None) -> int:
    args = parse_args(argv)
    config.load_kube_config(context=args.context)  # expect: BLK400
    v1 = client.CoreV1Api()

    vault = hvac.Client(url=args.vault)
    if args.role_id:
        vault.auth.approle.login(role_id=args.role_id, secret_id=args.secret_id)  # expect: BLK200

    engine = docker.from_env()  # expect: BLK200
    print(json.dumps(engine.version(), indent=2))  # expect: BLK200

    w = watch.Watch()
    for event in w.stream(v1.list_namespaced_event, args.namespace, timeout_seconds=300):  # expect: BLK200
        obj = event["object"]
        print(f"{obj.last_timestamp} {obj.involved_object.kind}/{obj.involved_object.name}: {obj.message}")
        await asyncio.sleep(0)
    return 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
