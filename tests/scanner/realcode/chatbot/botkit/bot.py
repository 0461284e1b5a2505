"""The bot: API methods on top of a session."""
from __future__ import annotations

from typing import Any

from .session import HttpSession

API = "https://api.chat.example/bot{token}/{method}"


class Bot:
    def __init__(self, token: str, session: HttpSession | None = None, parse_mode: str = "HTML") -> None:
        if session is None:
            session = HttpSession()
        self.session = session
        self.token = token
        self.parse_mode = parse_mode

    async def call(self, method: str, **data: Any) -> dict:
        return await self.session.request("POST", API.format(token=self.token, method=method), **data)

    async def send_message(self, chat_id: int, text: str) -> dict:
        return await self.call("sendMessage", chat_id=chat_id, text=text, parse_mode=self.parse_mode)


def make_bot(token: str, session: HttpSession | None = None) -> Bot:
    """Builds a bot, optionally on a shared session."""
    return Bot(token, session=session)


class Dispatcher:
    def __init__(self, bot: Bot, session: HttpSession | None = None) -> None:
        self.bot = bot
        self.session = session or HttpSession()
        self.handlers: list = []
