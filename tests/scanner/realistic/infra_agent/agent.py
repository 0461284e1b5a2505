import asyncio
import logging
import os

import aiodocker
import docker
import zmq
import zmq.asyncio
from aiohttp import web
from kubernetes_asyncio import client as aclient

from .clients import core, events, read_secret, scale, scheduler_call, vault

log = logging.getLogger("infra-agent")
routes = web.RouteTableDef()
docker_client = docker.from_env()
APP_LABEL = os.environ.get("APP_LABEL", "app")


@routes.get("/pods/{namespace}")
async def list_pods(request: web.Request):
    ns = request.match_info["namespace"]
    selector = request.query.get("selector", "")
    pods = core.list_namespaced_pod(ns, label_selector=selector)  # expect: BLK200
    return web.json_response([
        {"name": p.metadata.name, "phase": p.status.phase, "node": p.spec.node_name} for p in pods.items
    ])


@routes.get("/v2/pods/{namespace}")
async def list_pods_v2(request: web.Request):
    ns = request.match_info["namespace"]
    async with aclient.ApiClient() as api:
        v1 = aclient.CoreV1Api(api)
        pods = await v1.list_namespaced_pod(ns, label_selector=request.query.get("selector", ""))
    return web.json_response([{"name": p.metadata.name, "phase": p.status.phase} for p in pods.items])


@routes.get("/pods/{namespace}/{pod}/logs")
async def pod_logs(request: web.Request):
    ns, pod = request.match_info["namespace"], request.match_info["pod"]
    text = core.read_namespaced_pod_log(pod, ns, tail_lines=int(request.query.get("tail", "200")))  # expect: BLK200
    return web.Response(text=text)


@routes.post("/deployments/{namespace}/{name}/scale")
async def scale_deployment(request: web.Request):
    body = await request.json()
    replicas = int(body.get("replicas", 1))
    scale(request.match_info["name"], request.match_info["namespace"], replicas)  # expect: BLK201
    events.send_json({"kind": "scaled", "name": request.match_info["name"], "replicas": replicas})  # expect: BLK600
    return web.json_response({"ok": True})


@routes.post("/v2/deployments/{namespace}/{name}/scale")
async def scale_deployment_v2(request: web.Request):
    body = await request.json()
    replicas = int(body.get("replicas", 1))
    await asyncio.to_thread(scale, request.match_info["name"], request.match_info["namespace"], replicas)
    try:
        events.send_json({"kind": "scaled", "name": request.match_info["name"]}, flags=zmq.NOBLOCK)
    except zmq.Again:
        log.warning("event queue full, dropping scale event")
    return web.json_response({"ok": True})


@routes.get("/containers")
async def containers(request: web.Request):
    out = []
    for c in docker_client.containers.list(all=request.query.get("all") == "1"):  # expect: BLK200
        out.append({"id": c.short_id, "name": c.name, "status": c.status, "image": c.attrs["Config"]["Image"]})
    return web.json_response(out)


@routes.post("/containers/{cid}/restart")
async def restart_container(request: web.Request):
    docker_client.containers.get(request.match_info["cid"]).restart(timeout=10)  # expect: BLK200, BLK200
    return web.json_response({"restarted": request.match_info["cid"]})


@routes.post("/v2/containers/{cid}/restart")
async def restart_container_v2(request: web.Request):
    adocker = aiodocker.Docker()
    try:
        container = await adocker.containers.get(request.match_info["cid"])
        await container.restart(timeout=10)
    finally:
        await adocker.close()
    return web.json_response({"restarted": request.match_info["cid"]})


@routes.get("/secrets/{name}")
async def secret(request: web.Request):
    data = read_secret(request.match_info["name"])  # expect: BLK201
    return web.json_response({"keys": sorted(data)})


@routes.get("/v2/secrets/{name}")
async def secret_v2(request: web.Request):
    data = await asyncio.to_thread(read_secret, request.match_info["name"])
    return web.json_response({"keys": sorted(data)})


@routes.post("/jobs")
async def submit_job(request: web.Request):
    spec = await request.json()
    reply = scheduler_call("submit", image=spec["image"], cmd=spec.get("cmd", []))  # expect: BLK601
    return web.json_response(reply, status=201)


async def renew_vault_token(app: web.Application):
    while True:
        try:
            vault.auth.token.renew_self(increment="1h")  # expect: BLK200
        except Exception:
            log.exception("vault token renewal failed")
        await asyncio.sleep(1800)


async def watch_commands(app: web.Application):
    actx = zmq.asyncio.Context.instance()
    sub = actx.socket(zmq.SUB)
    sub.connect(os.environ.get("COMMANDS_ADDR", "tcp://control:5558"))
    sub.setsockopt_string(zmq.SUBSCRIBE, "")
    while True:
        topic, payload = await sub.recv_multipart()
        log.info("command %s: %s", topic, payload[:80])


async def start_background(app: web.Application):
    app["renewer"] = asyncio.create_task(renew_vault_token(app))
    app["commands"] = asyncio.create_task(watch_commands(app))


def make_app() -> web.Application:
    app = web.Application()
    app.add_routes(routes)
    app.on_startup.append(start_background)
    return app
