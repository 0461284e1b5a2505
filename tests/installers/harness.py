"""Test harness for the installers: a loopback HTTPS release server with a
throwaway certificate authority, fixture bundles built by tools/build_bundle.py,
hostile zips, restricted PATHs, per-case HOME/TMPDIR and tree snapshots.

Nothing here touches the network beyond 127.0.0.1, and nothing trusts the CA
except the child processes given its environment (CURL_CA_BUNDLE for curl, a
WGETRC with ca_certificate for GNU wget).
"""
from __future__ import annotations

import hashlib
import http.server
import os
import shutil
import ssl
import stat
import subprocess
import sys
import threading
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
import build_bundle  # noqa: E402

NAME = build_bundle.NAME
# The negative-control tests point this at deliberately broken copies of the installer.
INSTALL_SH = Path(os.environ.get("PCP_TEST_INSTALL_SH") or ROOT / "install.sh")
INSTALL_PS1 = ROOT / "install.ps1"
RUN_TIMEOUT = 60

# How each shell runs a script read from stdin with arguments, as `curl | sh -s -- ARGS` does.
SHELL_CANDIDATES = [
    ("sh", ["sh", "-s", "--"]),
    ("dash", ["dash", "-s", "--"]),
    ("bash", ["bash", "-s", "--"]),
    ("bash-posix", ["bash", "--posix", "-s", "--"]),
    ("busybox-sh", ["busybox", "sh", "-s", "--"]),
    ("ksh", ["ksh", "-s", "--"]),
    ("mksh", ["mksh", "-s", "--"]),
    ("zsh", ["zsh", "-s", "--"]),
    ("zsh-sh", ["zsh", "--emulate", "sh", "-s", "--"]),
    ("yash", ["yash", "-s", "--"]),
    # posh has no -s: it reads the script from /dev/stdin given as the script path.
    ("posh", ["posh", "/dev/stdin"]),
]


def shells() -> list[tuple[str, list[str]]]:
    """Every shell in SHELL_CANDIDATES that is installed, with absolute paths."""
    found = []
    for name, argv in SHELL_CANDIDATES:
        exe = shutil.which(argv[0])
        if exe is None:
            continue
        if name == "busybox-sh":
            probe = subprocess.run([exe, "sh", "-c", "exit 0"], capture_output=True)
            if probe.returncode != 0:
                continue
        found.append((name, [exe] + argv[1:]))
    return found


# Tools the installer may call; a restricted PATH is a folder of links to these.
BASE_TOOLS = [
    "cat", "chmod", "cmp", "cp", "date", "find", "grep", "head", "ls", "mkdir", "mktemp",
    "mv", "rm", "rmdir", "sed", "sort", "tr", "uniq", "pwd", "id", "env", "printf",
]
NET_TOOLS = ["curl", "wget"]
HASH_TOOLS = ["sha256sum", "shasum", "openssl"]
ZIP_TOOLS = ["unzip", "bsdtar", "python3"]


def find_tool(tool: str) -> str | None:
    """The real executable (not a pyenv shim, which needs pyenv itself on PATH)."""
    if tool == "python3":
        return shutil.which("python3", path="/usr/bin:/bin:/usr/local/bin") or os.path.realpath(sys.executable)
    return shutil.which(tool)


def make_bin(dest: Path, omit: set[str] = frozenset()) -> Path:
    """A folder of symlinks to the installer's tools, leaving out `omit`."""
    dest.mkdir(parents=True, exist_ok=True)
    for tool in BASE_TOOLS + NET_TOOLS + HASH_TOOLS + ZIP_TOOLS:
        if tool in omit:
            continue
        exe = find_tool(tool)
        if exe and not (dest / tool).exists():
            (dest / tool).symlink_to(exe)
    return dest


# ---------------------------------------------------------------- certificates


def make_ca(dest: Path) -> dict:
    """A throwaway CA and a server certificate for 127.0.0.1, made with the openssl CLI."""
    dest.mkdir(parents=True, exist_ok=True)

    def run(*args):
        subprocess.run(["openssl", *args], cwd=dest, check=True, capture_output=True, timeout=60)

    run("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "ca.key", "-out", "ca.pem",
        "-days", "2", "-subj", "/CN=installer-test-ca",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign")
    run("req", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key", "-out", "server.csr",
        "-subj", "/CN=127.0.0.1")
    (dest / "ext.cnf").write_text(
        "subjectAltName=IP:127.0.0.1,DNS:localhost\nbasicConstraints=CA:FALSE\n"
        "keyUsage=digitalSignature,keyEncipherment\nextendedKeyUsage=serverAuth\n"
    )
    run("x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key", "-CAcreateserial",
        "-out", "server.pem", "-days", "2", "-extfile", "ext.cnf")
    wgetrc = dest / "wgetrc"
    wgetrc.write_text(f"ca_certificate = {dest / 'ca.pem'}\n")
    return {"ca": dest / "ca.pem", "cert": dest / "server.pem", "key": dest / "server.key", "wgetrc": wgetrc}


# ---------------------------------------------------------------- HTTPS server


class Routes:
    """path -> (status, body bytes); thread-safe enough for tests (dict assignment)."""

    def __init__(self):
        self.routes: dict[str, tuple[int, bytes]] = {}
        self.hits: list[str] = []
        self.flaky: dict[str, int] = {}  # path -> how many more times to answer 503 first

    def set(self, path: str, body: bytes, status: int = 200) -> None:
        self.routes[path] = (status, body)


def serve_https(routes: Routes, cert: Path, key: Path):
    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):  # noqa: N802
            routes.hits.append(self.path)
            status, body = routes.routes.get(self.path, (404, b"<html><body>404 Not Found</body></html>\n"))
            flaky = routes.flaky.get(self.path, 0)
            if flaky:
                routes.flaky[self.path] = flaky - 1
                status, body = 503, b"busy\n"
            self.send_response(status)
            if status in (301, 302, 307, 308):
                self.send_header("Location", body.decode())
                body = b""
            self.send_header("Content-Type", "application/octet-stream")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(str(cert), str(key))
    server.socket = ctx.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return server


# ---------------------------------------------------------------- bundles


SKILL_TEMPLATE = """---
name: {name}
description: Fixture bundle used by the installer tests; says nothing real.
metadata:
  version: "{version}"
---

# Fixture {version}

See [the guide](references/guide.md) and `scripts/tool.py`.
"""


def make_source(dest: Path, version: str, extra: str = "") -> Path:
    """A minimal bundle source tree (what the repo root holds) for one version."""
    if dest.exists():
        shutil.rmtree(dest)
    (dest / "references").mkdir(parents=True)
    (dest / "scripts").mkdir()
    (dest / "assets" / "project-template").mkdir(parents=True)
    (dest / "SKILL.md").write_text(SKILL_TEMPLATE.format(name=NAME, version=version))
    (dest / "LICENSE").write_text("MIT License (fixture)\n")
    (dest / "references" / "guide.md").write_text(f"# Guide {version}\n{extra}\n")
    (dest / "scripts" / "tool.py").write_text("#!/usr/bin/env python3\nprint('tool')\n")
    (dest / "scripts" / "run.sh").write_text("#!/bin/sh\necho run\n")
    (dest / "assets" / "template.py").write_text("# template\n")
    (dest / "assets" / "project-template" / "pyproject.toml.j2").write_text("[project]\nname = '{{ name }}'\n")
    # things the builder must leave out
    (dest / "scripts" / "__pycache__").mkdir()
    (dest / "scripts" / "__pycache__" / "tool.cpython-311.pyc").write_bytes(b"\0junk")
    (dest / "references" / ".DS_Store").write_bytes(b"junk")
    (dest / "tests").mkdir()
    (dest / "tests" / "test_x.py").write_text("assert True\n")
    return dest


def build_fixture(work: Path, version: str, extra: str = "") -> dict:
    src = make_source(work / f"src-{version}", version, extra)
    out = work / f"dist-{version}"
    result = build_bundle.build(src, out, validate=False)
    result["out"] = out
    return result


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def rezip(good_zip: Path, dest: Path, edit) -> Path:
    """Copy good_zip entry by entry, letting edit(list of (ZipInfo, bytes)) change the list."""
    with zipfile.ZipFile(good_zip) as zf:
        items = [(info, zf.read(info)) for info in zf.infolist()]
    items = edit(items)
    with warnings.catch_warnings(), zipfile.ZipFile(dest, "w") as zf:
        warnings.simplefilter("ignore")  # duplicate names are one of the hostile cases
        for info, data in items:
            zf.writestr(info, data)
    return dest


def entry(name: str, data: bytes = b"x\n", mode: int = 0o100644) -> tuple:
    info = zipfile.ZipInfo(name, date_time=build_bundle.FIXED_TIME)
    info.create_system = 3
    info.external_attr = mode << 16
    info.compress_type = zipfile.ZIP_DEFLATED
    return (info, data)


HOSTILE = {
    # name: (edit function, words the refusal must contain)
    "dotdot": (lambda items: items + [entry(f"{NAME}/../../escaped.txt")], "'..'"),
    "dotdot-top": (lambda items: items + [entry("../escaped.txt")], "'..'"),
    "absolute": (lambda items: items + [entry("/tmp/escaped-absolute.txt")], "absolute"),
    "backslash": (lambda items: items + [entry(f"{NAME}\\..\\escaped.txt")], "backslash"),
    "symlink": (lambda items: items + [entry(f"{NAME}/link", b"../../../../etc", 0o120777)], "symlink"),
    "foreign-top": (lambda items: items + [entry("other-skill/SKILL.md", b"---\nname: other\n---\n")], "outside"),
    "no-skill-md": (lambda items: [i for i in items if not i[0].filename.endswith("/SKILL.md")], "SKILL.md"),
    "duplicate": (lambda items: items + [entry(f"{NAME}/SKILL.md", b"evil\n")], "duplicate"),
}


# ---------------------------------------------------------------- the release server


class Release:
    """Fixture releases 1.0.0 and 1.1.0 (latest) plus broken variants, served over
    HTTPS on 127.0.0.1 under the GitHub layout: BASE/latest/download/NAME.zip,
    BASE/download/vX.Y.Z/NAME.zip, each with NAME.zip.sha256 beside it."""

    VERSIONS = ("1.0.0", "1.1.0")

    def __init__(self, work: Path):
        self.work = work
        self.ca = make_ca(work / "ca")
        self.routes = Routes()
        self.server = serve_https(self.routes, self.ca["cert"], self.ca["key"])
        self.port = self.server.server_address[1]
        self.builds = {v: build_fixture(work, v) for v in self.VERSIONS}
        for v in self.VERSIONS:
            self.publish("rel", self.zip_bytes(v), self.sum_bytes(v), version=v)
        self.publish("rel", self.zip_bytes("1.1.0"), self.sum_bytes("1.1.0"))
        good, good_sum = self.zip_bytes("1.0.0"), self.sum_bytes("1.0.0")
        tampered = bytearray(good)
        tampered[len(tampered) // 2] ^= 0x01
        self.publish("tampered", bytes(tampered), good_sum)
        self.publish("nosum", good, None)
        self.publish("badsum", good, b"not a checksum\n")
        self.publish("shortsum", good, good_sum[:40] + b"  " + NAME.encode() + b".zip\n")
        html = b"<!DOCTYPE html><html><body>Rate limited, try later</body></html>\n"
        self.publish("html", html, html)
        self.publish("htmlzip", html, good_sum)
        # a redirect from https to plain http (same content behind it)
        plain = f"http://127.0.0.1:{self.port}/rel/latest/download/{NAME}.zip"
        self.routes.set(f"/redirect/latest/download/{NAME}.zip.sha256", (plain + ".sha256").encode(), status=302)
        self.routes.set(f"/redirect/latest/download/{NAME}.zip", plain.encode(), status=302)
        # an https redirect (as GitHub does to its download host) is followed
        self.routes.set(f"/moved/latest/download/{NAME}.zip.sha256",
                        f"https://127.0.0.1:{self.port}/rel/latest/download/{NAME}.zip.sha256".encode(), status=302)
        self.routes.set(f"/moved/latest/download/{NAME}.zip",
                        f"https://127.0.0.1:{self.port}/rel/latest/download/{NAME}.zip".encode(), status=302)
        self.hostile_zips = {}
        for case, (edit, _) in HOSTILE.items():
            z = rezip(self.builds["1.0.0"]["zip"], work / f"hostile-{case}.zip", edit)
            data = z.read_bytes()
            z.with_name(z.name + ".sha256").write_text(f"{sha256(data)}  {z.name}\n")
            self.hostile_zips[case] = z
            self.publish(f"hostile/{case}", data, f"{sha256(data)}  {NAME}.zip\n".encode())

    def zip_path(self, version: str) -> Path:
        return self.builds[version]["zip"]

    def zip_bytes(self, version: str) -> bytes:
        return self.zip_path(version).read_bytes()

    def sum_bytes(self, version: str) -> bytes:
        z = self.zip_path(version)
        return z.with_name(z.name + ".sha256").read_bytes()

    def publish(self, prefix: str, zip_data: bytes, sum_data: bytes | None, version: str | None = None) -> None:
        where = f"/{prefix}/download/v{version}" if version else f"/{prefix}/latest/download"
        self.routes.set(f"{where}/{NAME}.zip", zip_data)
        if sum_data is not None:
            self.routes.set(f"{where}/{NAME}.zip.sha256", sum_data)

    def url(self, prefix: str = "rel") -> str:
        return f"https://127.0.0.1:{self.port}/{prefix}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


# ---------------------------------------------------------------- snapshots


def snapshot(root: Path) -> dict:
    """path -> (kind, mode, sha256 or link target) for everything under root."""
    snap = {}
    if not root.exists() and not root.is_symlink():
        return snap
    for dirpath, dirnames, filenames in os.walk(root):
        for n in sorted(dirnames + filenames):
            p = Path(dirpath) / n
            st = p.lstat()
            rel = p.relative_to(root).as_posix()
            if stat.S_ISLNK(st.st_mode):
                snap[rel] = ("link", 0, os.readlink(p))
            elif stat.S_ISDIR(st.st_mode):
                snap[rel] = ("dir", stat.S_IMODE(st.st_mode), "")
            else:
                snap[rel] = ("file", stat.S_IMODE(st.st_mode), hashlib.sha256(p.read_bytes()).hexdigest())
    return snap


# ---------------------------------------------------------------- running


@dataclass
class Env:
    """One test case's world: its own HOME, TMPDIR and environment."""

    base: Path
    ca: dict
    path: str = ""
    extra: dict = field(default_factory=dict)

    def __post_init__(self):
        self.home = self.base / "home"
        self.tmp = self.base / "tmp"
        self.home.mkdir(parents=True, exist_ok=True)
        self.tmp.mkdir(parents=True, exist_ok=True)
        if not self.path:
            self.path = str(make_bin(self.base / "bin"))

    @property
    def skills(self) -> Path:
        return self.home / ".claude" / "skills"

    @property
    def target(self) -> Path:
        return self.skills / NAME

    def environ(self, **over) -> dict:
        env = {
            "PATH": self.path,
            "HOME": str(self.home),
            "TMPDIR": str(self.tmp),
            "LC_ALL": "C",
            "CURL_CA_BUNDLE": str(self.ca["ca"]),
            "WGETRC": str(self.ca["wgetrc"]),
            "CURL_HOME": str(self.home),
        }
        env.update(self.extra)
        for k, v in over.items():
            if v is None:
                env.pop(k, None)
            else:
                env[k] = v
        return env


def run_sh(shell_argv: list[str], env: dict, args=(), script: bytes | None = None,
           cwd: Path | None = None, prefix: list[str] = ()) -> subprocess.CompletedProcess:
    """Pipe the installer into the shell on stdin, like `curl ... | sh -s -- ARGS`."""
    if script is None:
        script = INSTALL_SH.read_bytes()
    return subprocess.run(
        [*prefix, *shell_argv, *args],
        input=script,
        env=env,
        cwd=str(cwd) if cwd else env.get("HOME"),
        capture_output=True,
        timeout=RUN_TIMEOUT,
    )


def out(proc: subprocess.CompletedProcess) -> str:
    return (proc.stdout + proc.stderr).decode("utf-8", "replace")
