import datetime as dt
import os
import subprocess
import tempfile
from pathlib import Path

from jinja2 import Environment, FileSystemLoader

TEMPLATES = Path(__file__).parent / "templates"
env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True)


def render_html(name: str, context: dict) -> str:
    return env.get_template(name).render(**context)


def html_to_pdf(html: str) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "report.html")
        with open(src, "w") as f:
            f.write(html)
        out = os.path.join(tmp, "report.pdf")
        subprocess.run(["wkhtmltopdf", src, out], check=True, capture_output=True)
        return Path(out).read_bytes()


def report_name(kind: str) -> str:
    return f"{kind}-{dt.date.today():%Y%m%d}.pdf"
