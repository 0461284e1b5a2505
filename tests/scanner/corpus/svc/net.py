import asyncio
import ftplib
import smtplib
import socket
from email.message import EmailMessage


def resolve(host):
    return socket.gethostbyname(host)


def send_alert(msg: EmailMessage):
    with smtplib.SMTP("mail.local", 25) as smtp:
        smtp.send_message(msg)


async def probe(host, port):
    addr = resolve(host)  # expect: BLK601
    infos = socket.getaddrinfo(host, port)  # expect: BLK600
    sock = socket.create_connection((host, port), timeout=3)  # expect: BLK600
    sock.sendall(b"PING\r\n")  # expect: BLK600
    data = sock.recv(1024)  # expect: BLK600
    s2 = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    s2.connect((addr, port))  # expect: BLK600
    return infos, data


async def notify(msg):
    send_alert(msg)  # expect: BLK601
    ftp = ftplib.FTP("ftp.local")  # expect: BLK600
    ftp.login()  # expect: BLK600


async def probe_right(host, port):
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port)
    sock = socket.socket()
    sock.setblocking(False)
    await loop.sock_connect(sock, (host, port))
    await loop.sock_sendall(sock, b"PING")
    data = await loop.sock_recv(sock, 1024)
    reader, writer = await asyncio.open_connection(host, port)
    writer.write(b"x")
    await writer.drain()
    return infos, data, reader


async def nonblocking_socket(sock: socket.socket, loop):
    sock.setblocking(False)
    try:
        data = sock.recv(4096)
    except BlockingIOError:
        data = await loop.sock_recv(sock, 4096)
    numeric = socket.getaddrinfo("127.0.0.1", 80, flags=socket.AI_NUMERICHOST)
    return data, numeric
