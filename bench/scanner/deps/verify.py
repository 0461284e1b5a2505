#!/usr/bin/env python3
"""Prove every label of the deps benchmark by running it.

    bench/scanner/deps/.venv/bin/python bench/scanner/deps/verify.py [--check]

Runs the project's async handlers (project/opsdesk) against loopback
stand-ins (stubs.py, a separate process; temporary files; a throwaway git
repository; a fake nmap script) with I/O recorded in this process:

- audit events (sys.addaudithook): socket.connect/sendto/getaddrinfo,
  http.client.*, smtplib.*, open, os.* file and process events,
  subprocess.Popen, fcntl.flock, sqlite3.connect (whose connections get a
  statement trace);
- small wrappers where no audit event exists (installed before any library
  is imported, so `from time import sleep` binds the wrapper): time.sleep,
  os.stat/lstat/access, os.waitpid, select.select, socket send/recv,
  queue.Queue.get, threading.Event.wait and Thread.join (waits of the main
  thread); reads and writes on regular files opened earlier (sys.setprofile).

The handlers run on the main thread. Each of its events is charged to every
project line on its stack; events of a library's own threads (sqlitedict's
worker, invoke's pipe readers) are listed per thread, charged to no line, since
when they happen relative to the caller is a race. A label is
verified when each family it names was recorded on its line; a `no-io`
control must have run and recorded nothing (imports aside: a library's
first-call import is listed, not counted). I/O in loop code that passes
through no labelled line is an error too. Writes verification.md (which
event proved each label); --check compares instead (all but the note column,
which can vary with timing) and fails on a difference.
Every address is checked: anything but loopback is refused before it is sent.
"""
from __future__ import annotations

import argparse
import asyncio
import contextlib
import difflib
import fcntl
import gc
import importlib.metadata
import io
import json
import os
import queue
import re
import select
import socket
import sqlite3
import stat
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
PROJECT = HERE / "project"
RESULTS = HERE / "verification.md"
REQUIREMENTS = HERE / "requirements.txt"
sys.path.insert(0, str(HERE))
from labels import read_labels

PROJECT_PREFIX = str(PROJECT) + os.sep
LOOP_FLAGS = 0x80 | 0x100 | 0x200  # CO_COROUTINE, CO_ITERABLE_COROUTINE, CO_ASYNC_GENERATOR
LOOPBACK = ("127.", "::1", "localhost")


@dataclass
class Event:
    family: str
    detail: str
    lines: frozenset  # (relative path, line) of every project frame on the stack
    loop: bool  # a project coroutine was on the stack


RANDOM_NAMES = re.compile(r"(tmp|,)([0-9a-z_]{8}(?=suds)|[0-9a-f]{32})")  # tempfile names, httplib2's cache keys


class Normaliser:
    """Event text without this machine's paths, ports or host name."""

    def __init__(self, tmp: Path, ports: dict):
        root = HERE.parents[2]
        self.paths = sorted({str(tmp): "$TMP", sys.prefix: "$VENV", sys.base_prefix: "$PYTHON",
                             str(root) + os.sep: ""}.items(), key=lambda kv: -len(kv[0]))
        self.ports = sorted((str(p), n) for n, p in ports.items())  # ephemeral: 5 digits, also inside file names
        self.host_re = re.compile(r"\b" + re.escape(socket.gethostname()) + r"\b")

    def __call__(self, text) -> str:
        text = str(text)
        for path, short in self.paths:
            text = text.replace(path, short)
        for port, name in self.ports:
            text = text.replace(port, name)
        text = RANDOM_NAMES.sub(lambda m: m[1] + "X" * len(m[2]), text)
        return self.host_re.sub("<hostname>", text)


class Recorder:
    """Turns audit events and wrapper calls into Events charged to project lines."""

    def __init__(self):
        self.active = False
        self.events: list[Event] = []
        self.background: defaultdict = defaultdict(set)  # thread kind -> families
        self.imports: list[tuple[frozenset, str]] = []
        self.ports: dict[int, str] = {}
        self.main = threading.main_thread().ident
        self.local = threading.local()
        self.normalise = lambda text: text

    # -- where an event comes from
    def stack(self):
        """Project lines, loop flag and import flag of this thread's stack."""
        frame = sys._getframe(2)
        lines, loop, importing = set(), False, False
        while frame is not None:
            name = frame.f_code.co_filename
            if name.startswith(PROJECT_PREFIX):
                lines.add((name[len(PROJECT_PREFIX):].replace(os.sep, "/"), frame.f_lineno))
                loop = loop or bool(frame.f_code.co_flags & LOOP_FLAGS)
            elif name.startswith("<frozen importlib"):
                importing = True
            frame = frame.f_back
        return frozenset(lines), loop, importing

    def record(self, family, detail):
        if not self.active or getattr(self.local, "busy", False):
            return
        self.local.busy = True
        try:
            if threading.get_ident() != self.main:
                self.background[thread_kind(threading.current_thread())].add(family)
                return
            lines, loop, importing = self.stack()
            if not lines:
                return
            if importing:
                self.imports.append((lines, self.normalise(detail)))
                return
            self.events.append(Event(family, self.normalise(detail), lines, loop))
        finally:
            self.local.busy = False

    # -- addresses
    def peer_family(self, host, port):
        if host is not None and not str(host).startswith(LOOPBACK) and host not in OWN_NAMES:
            raise PermissionError(f"verify.py refuses a non-loopback address: {host!r}")
        try:
            port = int(port)
        except (TypeError, ValueError):
            port = None
        name = self.ports.get(port)
        return ("http" if name == "http" else "network"), f"{host}:{name or 'other-port'}"

    def address(self, event, address):
        if isinstance(address, tuple) and len(address) >= 2:
            family, where = self.peer_family(address[0], address[1])
            self.record(family, f"{event} {where}")
        elif isinstance(address, (str, bytes)):
            self.record("network", f"{event} unix socket")

    # -- the audit hook
    def hook(self, event, args):
        if not self.active:
            return
        handler = AUDIT.get(event)
        if handler is not None:
            handler(self, event, args)


OWN_NAMES = {socket.gethostname()}
HOME = os.path.expanduser("~")  # before the run points HOME at its temporary folder


def thread_kind(thread: threading.Thread) -> str:
    """A stable name for a library's thread: its target or its class."""
    target = getattr(thread, "_target", None)
    if target is not None:
        return f"{target.__module__}.{target.__qualname__}"
    return f"{type(thread).__module__}.{type(thread).__qualname__}"


def _fs(rec, event, args):
    target = args[0] if args else ""
    if isinstance(target, int):
        return
    rec.record("filesystem", f"{event} {target}")


def _open(rec, event, args):
    path, mode = args[0], args[1]
    if isinstance(path, int):
        return
    rec.record("filesystem", f"open {path} {mode or 'r'}")


def _flock(rec, event, args):
    if args[1] & fcntl.LOCK_UN:
        return  # unlocking never waits
    rec.record("filesystem", f"{event} {'LOCK_NB' if args[1] & fcntl.LOCK_NB else 'blocking'}")


def _popen(rec, event, args):
    argv = args[1] if isinstance(args[1], (list, tuple)) else [args[1]]
    shown = " ".join(os.path.basename(str(argv[0])) if i == 0 else str(a) for i, a in enumerate(argv))
    rec.record("subprocess", f"subprocess.Popen {shown[:70]}")


def _process(rec, event, args):
    rec.record("subprocess", event)


def _dns(rec, event, args):
    host = args[0]
    if event == "socket.getaddrinfo":
        family, where = rec.peer_family(host, args[1])
        rec.record(family, f"socket.getaddrinfo {where}")
    else:
        rec.peer_family(host if isinstance(host, str) else host[0], None)
        rec.record("network", f"{event} {host}")


AUDIT = {
    "open": _open,
    "socket.connect": lambda rec, e, a: rec.address(e, a[1]),
    "socket.sendto": lambda rec, e, a: rec.address(e, a[1]),
    "socket.sendmsg": lambda rec, e, a: rec.address(e, a[1]),
    "socket.getaddrinfo": _dns,
    "socket.gethostbyname": _dns,
    "socket.gethostbyname_ex": _dns,
    "socket.gethostbyaddr": _dns,
    "socket.getnameinfo": _dns,
    "http.client.connect": lambda rec, e, a: rec.record("http", f"{e} {rec.peer_family(a[1], a[2])[1]}"),
    "http.client.send": lambda rec, e, a: rec.record("http", f"{e} {bytes(a[1][:40]).split(b' HTTP/')[0].decode('latin-1')}"),
    "urllib.Request": lambda rec, e, a: rec.record("http", f"{e} {a[3] or 'GET'}"),
    "smtplib.connect": lambda rec, e, a: rec.record("network", f"{e} {rec.peer_family(a[1], a[2])[1]}"),
    "smtplib.send": lambda rec, e, a: rec.record("network", f"{e} {bytes(a[1][:12]).decode('latin-1').strip()}"),
    "subprocess.Popen": _popen,
    "fcntl.flock": _flock,
    "fcntl.lockf": _flock,
    **{name: _process for name in ("os.fork", "os.forkpty", "os.exec", "os.posix_spawn", "os.spawn", "os.system", "pty.spawn")},
    **{name: _fs for name in (
        "os.listdir", "os.scandir", "os.mkdir", "os.rmdir", "os.remove", "os.rename", "os.chmod", "os.chown",
        "os.utime", "os.truncate", "os.link", "os.symlink", "os.chdir", "os.getxattr", "os.setxattr",
        "os.listxattr", "os.removexattr", "os.fwalk", "glob.glob", "glob.glob/2", "pathlib.Path.glob",
        "pathlib.Path.rglob", "shutil.copyfile", "shutil.copymode", "shutil.copystat", "shutil.copytree",
        "shutil.rmtree", "shutil.move", "shutil.chown", "shutil.make_archive", "shutil.unpack_archive",
        "tempfile.mkstemp", "tempfile.mkdtemp")},
}


def install_wrappers(rec: Recorder) -> None:
    """Record what raises no audit event. Must run before the libraries are imported."""

    def wrap(owner, name, family, describe):
        original = getattr(owner, name)

        def wrapper(*args, **kwargs):
            detail = describe(args, kwargs)
            if detail is not None:
                rec.record(family(args) if callable(family) else family, detail)
            return original(*args, **kwargs)

        wrapper.__wrapped__ = original
        setattr(owner, name, wrapper)

    def path_arg(name):
        return lambda a, k: None if isinstance(a[0], int) else f"{name} {os.fspath(a[0])}"

    def main_only(text):  # a thread's own waits are its business; the caller's are ours
        return lambda a, k: text if threading.get_ident() == rec.main else None

    def sock_family(args):
        return sock_peer(args[0])[0]

    def sock_peer(sock):
        if sock.family not in (socket.AF_INET, socket.AF_INET6):
            return None, None
        try:
            host, port = sock.getpeername()[:2]
        except OSError:
            return "network", "unconnected"
        return rec.peer_family(host, port)

    def sock_detail(name):
        def describe(a, k):
            family, where = sock_peer(a[0])
            return None if family is None else f"socket.{name} {where}"
        return describe

    sqlite_connect = sqlite3.connect

    def traced_connect(*args, **kwargs):
        rec.record("database", f"sqlite3.connect {os.path.basename(str(args[0] if args else kwargs.get('database')))}")
        connection = sqlite_connect(*args, **kwargs)
        connection.set_trace_callback(lambda sql: rec.record("database", "sqlite3 " + " ".join(sql.split())[:60]))
        return connection

    sqlite3.connect = traced_connect
    wrap(os, "fsync", "filesystem", lambda a, k: "os.fsync")
    wrap(time, "sleep", "sleep", lambda a, k: f"time.sleep {a[0] if a else k.get('secs')}")
    for name in ("stat", "lstat", "access"):
        wrap(os, name, "filesystem", path_arg(f"os.{name}"))
    wrap(os, "waitpid", "subprocess", lambda a, k: "os.waitpid")
    wrap(select, "select", "network", main_only("select.select"))
    for name in ("recv", "recv_into", "recvfrom", "recvfrom_into", "send", "sendall"):
        wrap(socket.socket, name, sock_family, sock_detail(name))
    blocking_get = lambda a, k: main_only("queue.Queue.get")(a, k) if k.get("block", a[1] if len(a) > 1 else True) else None
    wrap(queue.Queue, "get", "threadwait", blocking_get)
    wrap(threading.Event, "wait", "threadwait", main_only("threading.Event.wait"))
    wrap(threading.Thread, "join", "threadwait", main_only("threading.Thread.join"))


# --------------------------------------------------------------------------
# The world the project runs in: stubs, files, a git repository, settings.

NMAP = """#!/bin/sh
if [ "$1" = "-V" ]; then echo "Nmap version 7.94 ( https://nmap.org )"; exit 0; fi
cat <<'XML'
<?xml version="1.0"?>
<nmaprun scanner="nmap" args="nmap -oX - -p 22 -sT 127.0.0.1" start="1700000000" version="7.94">
<scaninfo type="connect" protocol="tcp" numservices="1" services="22"/>
<host><status state="up" reason="conn-refused"/><address addr="127.0.0.1" addrtype="ipv4"/><hostnames/>
<ports><port protocol="tcp" portid="22"><state state="closed" reason="conn-refused"/><service name="ssh" method="table" conf="3"/></port></ports></host>
<runstats><finished time="1700000001" timestr="Tue Nov 14 22:13:21 2023" elapsed="0.05" summary="done" exit="success"/><hosts up="1" down="0" total="1"/></runstats>
</nmaprun>
XML
"""


def build_world(tmp: Path, ports: dict) -> dict:
    """Files and settings; returns the OPSDESK_* environment."""
    http = f"http://127.0.0.1:{ports['http']}"
    data, repo, home, bin_dir = tmp / "data", tmp / "repo", tmp / "home", tmp / "bin"
    for d in (data, repo, home, bin_dir):
        d.mkdir()
    (data / "features.toml").write_text('[search]\nfuzzy = true\n[deploy]\ncanary_percent = 5\n')
    (data / "alerts.ini").write_text("[disk]\nthreshold = 90\n")
    (data / "site.env").write_text("SITE=ber1\nMAINTENANCE=0\n")
    (home / "python-gitlab.cfg").write_text(f"[global]\ndefault = ops\n\n[ops]\nurl = {http}\nprivate_token = t0ken\n")
    nmap = bin_dir / "nmap"
    nmap.write_text(NMAP)
    nmap.chmod(0o755)
    git_env = dict(os.environ, HOME=str(home), GIT_CONFIG_NOSYSTEM="1")
    for argv in (["init", "-q", "-b", "main"], ["config", "user.name", "ops"], ["config", "user.email", "ops@example.com"]):
        subprocess.run(["git", *argv], cwd=repo, check=True, env=git_env)
    (repo / "README.md").write_text("config\n")
    (repo / "hosts.yaml").write_text("hosts: []\n")
    subprocess.run(["git", "add", "README.md"], cwd=repo, check=True, env=git_env)
    subprocess.run(["git", "commit", "-qm", "init"], cwd=repo, check=True, env=git_env)
    return {
        "HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"), "XDG_CACHE_HOME": str(home / ".cache"),
        "GIT_CONFIG_NOSYSTEM": "1", "TMPDIR": str(tmp), "PATH": "/usr/local/bin:/usr/bin:/bin", "no_proxy": "*", "NO_PROXY": "*",
        "OPSDESK_SOLR_URL": f"{http}/solr/tickets",
        "OPSDESK_SOLR_REPLICA_URL": f"{http}/replica/tickets",
        "OPSDESK_GEOCODER_DOMAIN": f"127.0.0.1:{ports['http']}",
        "OPSDESK_GEOCODER_SCHEME": "http",
        "OPSDESK_STATUS_URL": f"{http}/status.json",
        "OPSDESK_HTTP_CACHE_DIR": str(tmp / "httpcache"),
        "OPSDESK_GITLAB_URL": http, "OPSDESK_GITLAB_TOKEN": "t0ken",
        "OPSDESK_GITLAB_CFG": str(home / "python-gitlab.cfg"),
        "OPSDESK_JENKINS_URL": f"{http}/jenkins", "OPSDESK_JENKINS_TOKEN": "t0ken",
        "OPSDESK_NETBOX_URL": f"{http}/netbox", "OPSDESK_NETBOX_TOKEN": "t0ken",
        "OPSDESK_INVENTORY_WSDL": f"{http}/erp/inventory?wsdl",
        "OPSDESK_MEMCACHED": f"127.0.0.1:{ports['memcached']}",
        "OPSDESK_MQTT_HOST": "127.0.0.1", "OPSDESK_MQTT_PORT": str(ports["mqtt"]),
        "OPSDESK_MODBUS_HOST": "127.0.0.1", "OPSDESK_MODBUS_PORT": str(ports["modbus"]),
        "OPSDESK_NTP_HOST": "127.0.0.1", "OPSDESK_NTP_PORT": str(ports["ntp"]),
        "OPSDESK_WOL_BROADCAST": "127.0.0.1", "OPSDESK_WOL_PORT": str(ports["wol"]),
        "OPSDESK_SMTP_HOST": "127.0.0.1", "OPSDESK_SMTP_PORT": str(ports["smtp"]),
        "OPSDESK_REPO_DIR": str(repo), "OPSDESK_NMAP_PATH": str(nmap), "OPSDESK_DATA_DIR": str(data),
    }


@contextlib.contextmanager
def lock_held_elsewhere(path: str):
    """Another process holds the flock on path until the block ends."""
    holder = subprocess.Popen(
        [sys.executable, "-c", ("import fcntl,sys; f=open(sys.argv[1],'a'); fcntl.flock(f, fcntl.LOCK_EX);"
                                " print('held', flush=True); sys.stdin.read()"), path],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        yield
    finally:
        holder.stdin.close()
        holder.wait(timeout=30)


async def scenarios(rec: Recorder, env: dict) -> list[str]:
    """Call every handler once (the contended lock twice); returns the errors."""
    from opsdesk import devices, devops, gitops, mail, search, store
    from plumbum import local

    errors = []

    @contextlib.contextmanager
    def paused():
        rec.active = False
        try:
            yield
        finally:
            rec.active = True

    async def run(name, coro_fn, *args):
        try:
            await coro_fn(*args)
        except Exception as exc:  # noqa: BLE001 - any failure leaves lines unrun: reported, and the run goes on
            errors.append(f"{name}: {type(exc).__name__}: {rec.normalise(str(exc))[:200]}")
        with paused():
            gc.collect()  # finalizers (GitPython's process reapers) run here, not inside the next handler

    http = env["OPSDESK_SOLR_URL"].rsplit("/solr", 1)[0]
    sites = [{"name": "ber1", "coords": (52.5, 13.4)}, {"name": "fra1", "coords": (50.1, 8.7)}]
    steps = [
        ("search_tickets", search.search_tickets, "disk full"),
        ("create_ticket", search.create_ticket, {"id": "T-2", "title": "disk full", "body": "on db-1"}),
        ("close_ticket", search.close_ticket, "T-2"),
        ("replica_healthy", search.replica_healthy),
        ("locate_site", search.locate_site, "Alexanderplatz 1, Berlin"),
        ("nearest_site", search.nearest_site, "Alexanderplatz 1, Berlin", sites),
        ("site_distance", search.site_distance, (52.5, 13.4), (50.1, 8.7)),
        ("describe_point", search.describe_point, 52.52, 13.40),
        ("status_page", search.status_page),
        ("fetch_with_cache", search.fetch_with_cache, f"{http}/cached/page"),
        ("authorised_client", search.authorised_client, "ops", "secret"),
        ("report_incident", devops.report_incident, "group/svc", "disk full", "db-1 at 95%"),
        ("project_summary", devops.project_summary, "group/svc"),
        ("project_handle", devops.project_handle, "group/svc"),
        ("gitlab_version", devops.gitlab_version),
        ("trigger_deploy", devops.trigger_deploy, "deploy-svc", {"REF": "main"}),
        ("job_health", devops.job_health, "deploy-svc"),
        ("ci_version", devops.ci_version, env["OPSDESK_JENKINS_URL"]),
        ("device_record", devops.device_record, "sw-core-1"),
        ("devices_at", devops.devices_at, "ber1"),
        ("netbox_status", devops.netbox_status),
        ("tenant_api", devops.tenant_api, env["OPSDESK_NETBOX_URL"], "t0ken"),
        ("stock_level", devops.stock_level, "SKU-1"),
        ("meter_reading", devices.meter_reading, 1),
        ("forget_meter", devices.forget_meter, 1),
        ("tenant_cache", devices.tenant_cache, [env["OPSDESK_MEMCACHED"]]),
        ("set_setpoint", devices.set_setpoint, 1, 215),
        ("decode_registers", devices.decode_registers, [1, 2]),
        ("start_telemetry", devices.start_telemetry),
        ("send_command", devices.send_command, "pump-1", "on"),
        ("stop_telemetry", devices.stop_telemetry),
        ("announce", devices.announce, "ops/announce", "deploy started"),
        ("topic_allowed", devices.topic_allowed, "devices/+/cmd", "devices/pump-1/cmd"),
        ("device_session", devices.device_session, "pump-1"),
        ("wake_host", devices.wake_host, "00:11:22:33:44:55"),
        ("magic_packet_hex", devices.magic_packet_hex, "00:11:22:33:44:55"),
        ("clock_offset", devices.clock_offset),
        ("ntp_timestamp", devices.ntp_timestamp, 1700000000.0),
        ("new_ntp_client", devices.new_ntp_client),
        ("send_report", mail.send_report, "oncall@example.com", "weekly", "all green"),
        ("daily_digest", mail.daily_digest, "oncall@example.com", ["deploys: 3", "incidents: 0"]),
        ("preview_report", mail.preview_report, "oncall@example.com", "weekly", "all green"),
        ("relay_for", mail.relay_for, "127.0.0.1", 25),
        ("repo_dirty", gitops.repo_dirty),
        ("head_sha", gitops.head_sha),
        ("commit_change", gitops.commit_change, "hosts.yaml", "add hosts file"),
        ("recent_commits", gitops.recent_commits, 3),
        ("author_of", gitops.author_of, "ops", "ops@example.com"),
        ("describe", gitops.describe),
        ("disk_usage", gitops.disk_usage, env["OPSDESK_DATA_DIR"]),
        ("git_in_repo", gitops.git_in_repo),
        ("branches", gitops.branches),
        ("fsck", gitops.fsck),
        ("fsck_in", gitops.fsck_in, env["OPSDESK_REPO_DIR"]),
        ("scan_host", gitops.scan_host, "127.0.0.1", "22"),
        ("record_action", store.record_action, "ops", "deploy"),
        ("actions_by", store.actions_by, "ops"),
        ("dry_run_audit", store.dry_run_audit, [{"user": "a"}, {"user": "b"}]),
        ("cached_report", store.cached_report, "weekly"),
        ("drop_report", store.drop_report, "weekly"),
        ("scratch_cache", store.scratch_cache, env["OPSDESK_DATA_DIR"] + "/scratch"),
        ("memoised", store.memoised, len),
        ("remember_session", store.remember_session, "s-1", {"user": "ops"}),
        ("import_sessions", store.import_sessions, [("s-2", {"user": "a"}), ("s-3", {"user": "b"})]),
        ("load_session", store.load_session, "s-1"),
        ("feature_flags", store.feature_flags),
        ("parse_flags", store.parse_flags, "[a]\nb = 1\n"),
        ("render_flags", store.render_flags, {"a": {"b": 1}}),
        ("alert_rules", store.alert_rules),
        ("save_alert_rule", store.save_alert_rule, "cpu", 80),
        ("rules_from_text", store.rules_from_text, ["[cpu]", "threshold = 80"]),
        ("reload_site_settings", store.reload_site_settings),
        ("set_site_setting", store.set_site_setting, "MAINTENANCE", "1"),
        ("parse_settings", store.parse_settings, "A=1\nB=two\n"),
        ("deploy", store.deploy, lambda: "deployed"),
        ("lock_for", store.lock_for, env["OPSDESK_DATA_DIR"] + "/other.lock"),
        ("deploy_in_progress", store.deploy_in_progress),
    ]
    for name, fn, *args in steps:
        await run(name, fn, *args)
    # handlers given objects the app made earlier (made here with recording paused)
    with paused():
        soap = devops.inventory()
        scanner = gitops.port_scanner()
        xml = NMAP.split("<<'XML'\n", 1)[1].rsplit("XML\n", 1)[0]
        git_cmd = local["git"]
    await run("stock_request", devops.stock_request, soap, "SKU-1", 3)
    await run("import_scan", gitops.import_scan, scanner, xml)
    await run("status_command", gitops.status_command, git_cmd)
    # the deploy lock, first held by another process (acquire polls, then times out), then free
    with paused(), contextlib.ExitStack() as stack:
        stack.enter_context(lock_held_elsewhere(env["OPSDESK_DATA_DIR"] + "/deploy.lock"))
        rec.active = True
        await run("try_deploy (lock held elsewhere)", store.try_deploy, lambda: "deployed")
        rec.active = False
    await run("try_deploy (lock free)", store.try_deploy, lambda: "deployed")
    return errors


# --------------------------------------------------------------------------
# Judging and reporting.


FILE_TYPES = (io.TextIOWrapper, io.BufferedReader, io.BufferedWriter, io.BufferedRandom, io.FileIO)
FILE_METHODS = frozenset({"read", "read1", "readinto", "readline", "readlines", "write", "writelines", "flush", "truncate"})


class FileCalls:
    """Reads and writes on regular files opened earlier raise no audit event:
    see them as C calls (sys.setprofile, main thread) on file objects."""

    def __init__(self, rec: Recorder):
        self.rec = rec
        self.fstat = os.fstat

    def __call__(self, frame, event, arg):
        if event != "c_call" or getattr(arg, "__name__", None) not in FILE_METHODS:
            return
        target = getattr(arg, "__self__", None)
        if not isinstance(target, FILE_TYPES):
            return
        try:
            fd = target.fileno()
            if fd <= 2 or not stat.S_ISREG(self.fstat(fd).st_mode):
                return  # stdin/stdout/stderr (log output is not labelled), pipes, sockets
        except (OSError, ValueError):
            return
        self.rec.record("filesystem", f"file.{arg.__name__} {getattr(target, 'name', '?')}")


class LineTracer:
    """Which project lines ran (only project frames are traced)."""

    def __init__(self):
        self.ran: set = set()

    def __call__(self, frame, event, arg):
        name = frame.f_code.co_filename
        if not name.startswith(PROJECT_PREFIX):
            return None
        rel = name[len(PROJECT_PREFIX):].replace(os.sep, "/")

        def local_trace(frame, event, arg):
            if event == "line":
                self.ran.add((rel, frame.f_lineno))
            return local_trace

        self.ran.add((rel, frame.f_lineno))
        return local_trace


WEAK_PROOF = ("os.stat ", "os.lstat ", "os.access ", "socket.getaddrinfo ", "socket.gethostbyaddr ")  # shown only when nothing stronger was recorded


def pick_proof(details: list) -> str:
    """The first strong event, else the least weak one (their order can vary: dict walks)."""
    strong = [d for d in details if not d.startswith(WEAK_PROOF)]
    return strong[0] if strong else min(details)


def judge(labels, rec: Recorder, ran: set):
    """Rows for the report and the list of failures."""
    by_line = defaultdict(list)
    for event in rec.events:
        for line in event.lines:
            by_line[line].append(event)
    imports_by_line = defaultdict(list)
    for lines, detail in rec.imports:
        for line in lines:
            imports_by_line[line].append(detail)
    rows, failures = [], []
    labelled_io = {(lb.path, lb.line) for lb in labels if not lb.control}
    for lb in labels:
        key = (lb.path, lb.line)
        events = by_line.get(key, [])
        recorded = sorted({e.family for e in events})
        first = {family: pick_proof([e.detail for e in events if e.family == family]) for family in recorded}
        note = ""
        if imports_by_line.get(key):
            note = f"first-call import: {imports_by_line[key][0]}"
        if lb.control:
            if key not in ran:
                verdict = "FAIL: did not run"
            elif events:
                verdict = "FAIL: I/O recorded"
            else:
                verdict = "no I/O"
            proof = "; ".join(f"{f}: {first[f]}" for f in recorded) or "-"
        else:
            missing = [f for f in lb.families if f not in recorded]
            if key not in ran:
                verdict = "FAIL: did not run"
            elif missing:
                verdict = f"FAIL: no {'/'.join(missing)} recorded"
            else:
                verdict = "verified"
            proof = "; ".join(f"{f}: {first[f]}" for f in lb.families if f in first) or "-"
            extra = [f for f in recorded if f not in lb.families]
            if extra:
                note = "; ".join(filter(None, [f"also {', '.join(extra)} ({first[extra[0]]})", note]))
        if verdict.startswith("FAIL"):
            failures.append(f"{lb.where} ({lb.library}): {verdict}" + (f" [{proof}]" if proof != "-" else ""))
        rows.append((lb, verdict, proof, note))
    unlabelled = Counter()
    for event in rec.events:
        if event.loop and not (event.lines & labelled_io):
            innermost = max(event.lines, key=lambda x: x[1])  # any loop-code line will do to find it
            unlabelled[(innermost, event.family, event.detail)] += 1
    for (line, family, detail), n in sorted(unlabelled.items()):
        failures.append(f"{line[0]}:{line[1]}: unlabelled {family} I/O in loop code: {detail} (x{n})")
    return rows, failures


def markdown(rows, failures, rec: Recorder, errors, versions) -> str:
    io_rows = [r for r in rows if not r[0].control]
    controls = [r for r in rows if r[0].control]
    ok_io = sum(r[1] == "verified" for r in io_rows)
    ok_ctl = sum(r[1] == "no I/O" for r in controls)
    out = [
        "# deps benchmark: label verification",
        "",
        "Written by `verify.py` (do not edit): every labelled line of `project/` was run",
        "against loopback stand-ins with I/O recorded (audit hook plus wrappers, see",
        "verify.py). `proof` is the first recorded event of each labelled family on that",
        "line; `$TMP` is the run's temporary folder, stub names stand for their ports.",
        "",
        f"Python {sys.version.split()[0]}; " + ", ".join(f"{k} {v}" for k, v in sorted(versions.items(), key=lambda kv: kv[0].lower())) + ".",
        "",
        f"- I/O labels verified: {ok_io} / {len(io_rows)}",
        f"- no-I/O controls that ran and recorded nothing: {ok_ctl} / {len(controls)}",
        f"- handler errors: {len(errors)}; other failures: {len(failures)}",
    ]
    for line in errors + failures:
        out.append(f"  - {line}")
    if rec.background:
        parts = [f"{kind}: {', '.join(sorted(families))}" for kind, families in sorted(rec.background.items())]
        out.append("- I/O in the libraries' own threads (charged to no line; the caller's waits on them are): " + "; ".join(parts))
    out += ["", "| line | library | code | label | verdict | proof | note |", "|---|---|---|---|---|---|---|"]
    for lb, verdict, proof, note in rows:
        label = "no-io" if lb.control else "|".join(lb.families)
        code = lb.text if len(lb.text) <= 60 else lb.text[:57] + "..."
        cells = [lb.where, lb.library, f"`{code}`", label, verdict, proof, note]
        out.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(out) + "\n"


def without_notes(text: str) -> list:
    """The report minus its note column: what else a line recorded can vary with
    timing (invoke's wait loop sleeps only if the child is still running)."""
    return [line.rsplit(" | ", 1)[0] if line.startswith("| opsdesk/") else line for line in text.splitlines()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="compare with verification.md instead of writing it")
    opts = parser.parse_args()
    pins = dict(line.split("==") for line in REQUIREMENTS.read_text().split() if "==" in line)
    versions, wrong = {}, []
    for dist, pinned in pins.items():
        try:
            have = importlib.metadata.version(dist)
        except importlib.metadata.PackageNotFoundError:
            have = None
        if have != pinned:
            wrong.append(f"{dist} {have or 'missing'} (pinned {pinned})")
        versions[dist] = pinned
    if wrong:
        sys.exit("verify.py: run it with the bench venv's python (README.md): " + "; ".join(wrong))
    studied = {lb.library for lb in read_labels()}
    versions = {k: v for k, v in versions.items() if k in studied or k.lower() in {s.lower() for s in studied}}

    stub = subprocess.Popen([sys.executable, str(HERE / "stubs.py")], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        ports = json.loads(stub.stdout.readline())
        with tempfile.TemporaryDirectory(prefix="depsbench-") as tmpname:
            tmp = Path(os.path.realpath(tmpname))
            env = build_world(tmp, ports)
            os.environ.update(env)
            for name in ("REQUESTS_CA_BUNDLE", "CURL_CA_BUNDLE", "SSL_CERT_FILE", "SSL_CERT_DIR", "NETRC"):
                os.environ.pop(name, None)  # loopback HTTP only: the machine's TLS settings would only add noise
            tempfile.tempdir = str(tmp)  # libraries' own temporary files land in $TMP too
            rec = Recorder()
            rec.ports = {port: name for name, port in ports.items()}
            rec.normalise = Normaliser(tmp, ports)
            install_wrappers(rec)
            sys.addaudithook(rec.hook)
            sys.path.insert(0, str(PROJECT))
            for module in ("search", "devops", "devices", "mail", "gitops", "store"):
                importlib.import_module(f"opsdesk.{module}")
            tracer = LineTracer()
            sys.settrace(tracer)
            sys.setprofile(FileCalls(rec))
            rec.active = True
            gc.disable()  # see scenarios(): garbage is collected between handlers, with recording paused
            errors = asyncio.run(scenarios(rec, env))
            gc.enable()
            rec.active = False
            sys.setprofile(None)
            sys.settrace(None)
            rows, failures = judge(read_labels(), rec, tracer.ran)
    finally:
        stub.stdin.close()
        stub.wait(timeout=30)
    text = markdown(rows, failures, rec, errors, versions)
    leaked = [p for p in (str(HERE.parents[2]), sys.base_prefix, HOME) if p in text]
    if leaked:
        sys.exit(f"verify.py: the report would name local paths {leaked}; extend Normaliser")
    if opts.check:
        same = RESULTS.exists() and without_notes(RESULTS.read_text()) == without_notes(text)
        print("verification.md is current" if same else "verification.md differs from this run (re-run without --check):")
        if not same:
            old = without_notes(RESULTS.read_text()) if RESULTS.exists() else []
            diff = difflib.unified_diff(old, without_notes(text), "verification.md", "this run", lineterm="")
            sys.stdout.writelines(line + "\n" for line in diff)
    else:
        RESULTS.write_text(text)
        print(f"wrote {RESULTS.relative_to(HERE.parents[2])}")
    print(text.split("\n| line |")[0])
    return 1 if errors or failures or (opts.check and not same) else 0


if __name__ == "__main__":
    sys.exit(main())
