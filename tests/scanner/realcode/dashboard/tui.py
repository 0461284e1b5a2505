"""A terminal dashboard (Textual): message handlers run on the app's event loop."""
from __future__ import annotations

import importlib.metadata
import mimetypes
import platform
from pathlib import Path

from textual import on
from textual.app import App, ComposeResult
from textual.widgets import Button, Log

mimetypes.init()  # reads the mime.types files now, at import time

EXPORT_DIR = Path.home() / "dashboard-exports"


class Dashboard(App):
    def compose(self) -> ComposeResult:
        yield Button("Export", id="export")
        yield Button("About", id="about")
        yield Log()

    @on(Button.Pressed, "#export")
    def export(self) -> None:
        EXPORT_DIR.mkdir(exist_ok=True)  # expect: BLK400
        target = EXPORT_DIR / "log.txt"
        target.write_text("\n".join(self.query_one(Log).lines))  # expect: BLK400
        kind, _ = mimetypes.guess_type(str(target))
        self.notify("exported %s (%s)" % (target, kind))

    @on(Button.Pressed, "#about")
    def about(self) -> None:
        version = importlib.metadata.version("dashboard")  # expect: BLK400
        self.notify("dashboard %s on %s" % (version, platform.platform()))  # expect: BLK303

    async def on_mount(self) -> None:
        self.query_one(Log).write_line("running on %s" % platform.mac_ver()[0])  # expect: BLK400
