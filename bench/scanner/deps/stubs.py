#!/usr/bin/env python3
"""Loopback stand-ins for the services the benchmark project talks to.

    python stubs.py        # prints {"http": PORT, "memcached": PORT, ...} on one line,
                           # serves on 127.0.0.1 until stdin closes (at most 10 minutes)

Run as a separate process by verify.py, so the harness's audit hook sees only
the client side. Each stub answers just enough of its protocol for the client
library's call to complete: HTTP (Solr, Nominatim, a status page, GitLab,
Jenkins, NetBox, a SOAP service with its WSDL), memcached text protocol,
MQTT 3.1.1, Modbus TCP, SMTP, NTP and a UDP sink for wake-on-LAN packets.
"""
from __future__ import annotations

import json
import os
import socketserver
import struct
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import ClassVar
from urllib.parse import parse_qs, urlsplit

HOST = "127.0.0.1"
LIFETIME = 600  # seconds: the stubs never outlive a stuck harness by long

WSDL = """<?xml version="1.0" encoding="UTF-8"?>
<definitions name="Inventory" targetNamespace="urn:opsdesk:inventory"
  xmlns="http://schemas.xmlsoap.org/wsdl/" xmlns:soap="http://schemas.xmlsoap.org/wsdl/soap/"
  xmlns:tns="urn:opsdesk:inventory" xmlns:xsd="http://www.w3.org/2001/XMLSchema">
  <types>
    <xsd:schema targetNamespace="urn:opsdesk:inventory" elementFormDefault="qualified">
      <xsd:complexType name="StockRequest">
        <xsd:sequence>
          <xsd:element name="sku" type="xsd:string"/>
          <xsd:element name="quantity" type="xsd:int"/>
        </xsd:sequence>
      </xsd:complexType>
      <xsd:element name="GetStock">
        <xsd:complexType><xsd:sequence><xsd:element name="sku" type="xsd:string"/></xsd:sequence></xsd:complexType>
      </xsd:element>
      <xsd:element name="GetStockResponse">
        <xsd:complexType><xsd:sequence><xsd:element name="level" type="xsd:int"/></xsd:sequence></xsd:complexType>
      </xsd:element>
    </xsd:schema>
  </types>
  <message name="GetStockIn"><part name="parameters" element="tns:GetStock"/></message>
  <message name="GetStockOut"><part name="parameters" element="tns:GetStockResponse"/></message>
  <portType name="InventoryPort">
    <operation name="GetStock"><input message="tns:GetStockIn"/><output message="tns:GetStockOut"/></operation>
  </portType>
  <binding name="InventoryBinding" type="tns:InventoryPort">
    <soap:binding style="document" transport="http://schemas.xmlsoap.org/soap/http"/>
    <operation name="GetStock">
      <soap:operation soapAction="urn:opsdesk:inventory#GetStock"/>
      <input><soap:body use="literal"/></input>
      <output><soap:body use="literal"/></output>
    </operation>
  </binding>
  <service name="InventoryService">
    <port name="InventoryPort" binding="tns:InventoryBinding">
      <soap:address location="{base}/erp/inventory"/>
    </port>
  </service>
</definitions>
"""
SOAP_REPLY = (
    '<?xml version="1.0"?><soap:Envelope xmlns:soap="http://schemas.xmlsoap.org/soap/envelope/">'
    '<soap:Body><GetStockResponse xmlns="urn:opsdesk:inventory"><level>12</level></GetStockResponse>'
    "</soap:Body></soap:Envelope>"
)
DEVICE = {"id": 1, "name": "sw-core-1", "status": {"value": "active", "label": "Active"}, "site": {"id": 3, "slug": "ber1"}}


def http_route(handler: BaseHTTPRequestHandler, method: str, body: bytes):
    """(status, headers, body) for one request; data, not logic, where possible."""
    url = urlsplit(handler.path)
    path, query = url.path.rstrip("/") or "/", parse_qs(url.query)
    base = f"http://{HOST}:{handler.server.server_address[1]}"
    js = {"Content-Type": "application/json"}
    if path.endswith("/admin/ping"):
        return 200, js, {"responseHeader": {"status": 0}, "status": "OK"}
    if path.endswith("/select"):
        return 200, js, {"responseHeader": {"status": 0, "QTime": 1},
                         "response": {"numFound": 1, "start": 0, "docs": [{"id": "T-1"}]}}
    if "/update" in path:
        return 200, js, {"responseHeader": {"status": 0, "QTime": 1}}
    if path == "/search":
        return 200, js, [{"place_id": 1, "lat": "52.52", "lon": "13.40", "display_name": "Berlin DC",
                          "boundingbox": ["52.5", "52.6", "13.3", "13.5"]}]
    if path == "/reverse":
        return 200, js, {"place_id": 1, "lat": "52.52", "lon": "13.40", "display_name": "Berlin DC"}
    if path == "/status.json":
        return 200, dict(js, **{"Cache-Control": "max-age=60"}), {"status": "ok"}
    if path.startswith("/cached/"):
        return 200, {"Content-Type": "text/plain", "Cache-Control": "max-age=60"}, "cached page"
    if path == "/api/v4/version":
        return 200, js, {"version": "17.5.0", "revision": "abc123"}
    if path.startswith("/api/v4/projects/") and path.endswith("/issues") and method == "POST":
        return 201, js, {"id": 501, "iid": 7, "title": "incident", "web_url": f"{base}/group/svc/-/issues/7"}
    if path.startswith("/api/v4/projects/"):
        return 200, js, {"id": 42, "name": "svc", "default_branch": "main", "path_with_namespace": "group/svc"}
    if path == "/jenkins/crumbIssuer/api/json":
        return 404, {"Content-Type": "text/plain"}, "no crumbs"
    if path.startswith("/jenkins/job/") and path.endswith(("/build", "/buildWithParameters")):
        return 201, {"Location": f"{base}/jenkins/queue/item/17/"}, ""
    if path.startswith("/jenkins/job/") and path.endswith("/api/json"):
        name = path.split("/")[3]
        return 200, js, {"name": name, "fullName": name, "color": "blue", "builds": [], "firstBuild": None}
    if path.startswith("/jenkins"):
        return 200, dict(js, **{"X-Jenkins": "2.462.1"}), {"mode": "NORMAL"}
    if path.startswith("/netbox/api/"):
        nb = dict(js, **{"API-Version": "4.1"})
        if path == "/netbox/api/status":
            return 200, nb, {"netbox-version": "4.1.3", "python-version": "3.12.3", "plugins": {}}
        if path == "/netbox/api/dcim/devices":
            return 200, nb, {"count": 1, "next": None, "previous": None, "results": [DEVICE]}
        return 200, nb, {}
    if path == "/erp/inventory" and method == "GET" and "wsdl" in url.query:
        return 200, {"Content-Type": "text/xml"}, WSDL.replace("{base}", base)
    if path == "/erp/inventory" and method == "POST":
        return 200, {"Content-Type": "text/xml; charset=utf-8"}, SOAP_REPLY
    return 404, {"Content-Type": "text/plain"}, f"no stub for {method} {path} {sorted(query)}"


class HTTPHandler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _serve(self, method):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        status, headers, payload = http_route(self, method, body)
        data = payload if isinstance(payload, bytes) else (
            payload.encode() if isinstance(payload, str) else json.dumps(payload).encode())
        self.send_response(status)
        for name, value in headers.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        self._serve("GET")

    def do_POST(self):
        self._serve("POST")

    def do_PUT(self):
        self._serve("PUT")

    def do_DELETE(self):
        self._serve("DELETE")

    def log_message(self, *args):
        pass


class TCPServer(socketserver.ThreadingMixIn, socketserver.TCPServer):
    daemon_threads = True
    allow_reuse_address = True


class Memcached(socketserver.StreamRequestHandler):
    store: ClassVar[dict[bytes, tuple[bytes, bytes]]] = {}

    def handle(self):
        while line := self.rfile.readline():
            parts = line.split()
            if not parts:
                continue
            cmd = parts[0]
            if cmd in (b"set", b"add", b"replace"):
                data = self.rfile.read(int(parts[4]) + 2)[:-2]
                self.store[parts[1]] = (parts[2], data)
                self.wfile.write(b"STORED\r\n")
            elif cmd in (b"get", b"gets"):
                for key in parts[1:]:
                    if key in self.store:
                        flags, data = self.store[key]
                        self.wfile.write(b"VALUE %s %s %d\r\n%s\r\n" % (key, flags, len(data), data))
                self.wfile.write(b"END\r\n")
            elif cmd == b"delete":
                self.wfile.write(b"DELETED\r\n" if self.store.pop(parts[1], None) else b"NOT_FOUND\r\n")
            elif cmd == b"version":
                self.wfile.write(b"VERSION 1.6.21\r\n")
            elif cmd == b"quit":
                return
            else:
                self.wfile.write(b"ERROR\r\n")


class SMTP(socketserver.StreamRequestHandler):
    def handle(self):
        self.wfile.write(b"220 relay.test ESMTP stub\r\n")
        while line := self.rfile.readline():
            verb = line[:4].upper()
            if verb in (b"EHLO", b"HELO"):
                self.wfile.write(b"250-relay.test\r\n250 8BITMIME\r\n")
            elif verb == b"DATA":
                self.wfile.write(b"354 end with .\r\n")
                while self.rfile.readline() not in (b".\r\n", b""):
                    pass
                self.wfile.write(b"250 queued\r\n")
            elif verb == b"QUIT":
                self.wfile.write(b"221 bye\r\n")
                return
            else:  # MAIL, RCPT, RSET, NOOP
                self.wfile.write(b"250 ok\r\n")


class MQTT(socketserver.BaseRequestHandler):
    """MQTT 3.1.1: CONNACK for CONNECT, PUBACK for QoS 1, PINGRESP; DISCONNECT ends."""

    def read(self, n):
        data = b""
        while len(data) < n:
            chunk = self.request.recv(n - len(data))
            if not chunk:
                raise EOFError
            data += chunk
        return data

    def handle(self):
        try:
            while True:
                head = self.read(1)[0]
                length, shift = 0, 0
                while True:
                    byte = self.read(1)[0]
                    length |= (byte & 0x7F) << shift
                    shift += 7
                    if not byte & 0x80:
                        break
                body = self.read(length)
                kind = head >> 4
                if kind == 1:
                    self.request.sendall(b"\x20\x02\x00\x00")
                elif kind == 3 and (head >> 1) & 3:
                    topic_len = struct.unpack("!H", body[:2])[0]
                    self.request.sendall(b"\x40\x02" + body[2 + topic_len:4 + topic_len])
                elif kind == 12:
                    self.request.sendall(b"\xd0\x00")
                elif kind == 14:
                    return
        except (EOFError, ConnectionError):
            return


class Modbus(socketserver.BaseRequestHandler):
    """Modbus TCP: read holding registers (3) answers 0x0001, 0x0002, ...; write (6) echoes."""

    def handle(self):
        while True:
            header = self.request.recv(7)
            if len(header) < 7:
                return
            tid, pid, length, unit = struct.unpack("!HHHB", header)
            pdu = self.request.recv(length - 1)
            function = pdu[0]
            if function == 3:
                count = struct.unpack("!H", pdu[3:5])[0]
                reply = bytes([3, 2 * count]) + b"".join(struct.pack("!H", i + 1) for i in range(count))
            elif function == 6:
                reply = pdu
            else:
                reply = bytes([function | 0x80, 1])
            self.request.sendall(struct.pack("!HHHB", tid, pid, len(reply) + 1, unit) + reply)


class NTP(socketserver.BaseRequestHandler):
    def handle(self):
        data, sock = self.request
        now = time.time() + 2208988800  # NTP era 0
        secs, frac = int(now), int((now % 1) * 2**32)
        stamp = struct.pack("!II", secs, frac)
        reply = struct.pack("!BBBb11I", (0 << 6) | (3 << 3) | 4, 2, 6, -20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        reply = reply[:24] + data[40:48] + stamp + stamp
        sock.sendto(reply, self.client_address)


class Sink(socketserver.BaseRequestHandler):
    received = 0

    def handle(self):
        Sink.received += 1


def start(server, name):
    threading.Thread(target=server.serve_forever, name=f"stub-{name}", daemon=True).start()
    return server.server_address[1]


def main() -> int:
    servers = {
        "http": ThreadingHTTPServer((HOST, 0), HTTPHandler),
        "memcached": TCPServer((HOST, 0), Memcached),
        "smtp": TCPServer((HOST, 0), SMTP),
        "mqtt": TCPServer((HOST, 0), MQTT),
        "modbus": TCPServer((HOST, 0), Modbus),
        "ntp": socketserver.ThreadingUDPServer((HOST, 0), NTP),
        "wol": socketserver.ThreadingUDPServer((HOST, 0), Sink),
    }
    ports = {name: start(server, name) for name, server in servers.items()}
    print(json.dumps(ports), flush=True)
    deadline = threading.Timer(LIFETIME, os._exit, args=(1,))
    deadline.daemon = True
    deadline.start()
    sys.stdin.read()  # the harness closes stdin when it is done
    return 0


if __name__ == "__main__":
    sys.exit(main())
