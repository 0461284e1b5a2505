import asyncio
import logging
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import aiosmtplib
from email.message import EmailMessage

from .render import html_to_pdf, render_html, report_name

log = logging.getLogger(__name__)
ARCHIVE = Path("/srv/reports")
pdf_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="pdf")


class ReportService:
    def __init__(self, db):
        self.db = db
        self.lock = asyncio.Lock()

    async def build(self, kind, rows):
        html = render_html(f"{kind}.html", {"rows": rows})  # expect: BLK401
        loop = asyncio.get_running_loop()
        pdf = await loop.run_in_executor(pdf_pool, html_to_pdf, html)
        name = report_name(kind)
        async with self.lock:
            (ARCHIVE / name).write_bytes(pdf)  # expect: BLK400
        return name, pdf

    async def email(self, to, kind, rows):
        name, pdf = await self.build(kind, rows)
        msg = EmailMessage()
        msg["To"] = to
        msg["Subject"] = name
        msg.add_attachment(pdf, maintype="application", subtype="pdf", filename=name)
        await aiosmtplib.send(msg, hostname="smtp.local")

    async def quick_pdf(self, kind, rows):
        html = render_html(f"{kind}.html", {"rows": rows})  # expect: BLK401
        return html_to_pdf(html)  # expect: BLK401

    async def cleanup(self, keep=30):
        files = sorted(ARCHIVE.glob("*.pdf"))  # expect: BLK400
        for old in files[:-keep]:
            old.unlink()  # expect: BLK400
