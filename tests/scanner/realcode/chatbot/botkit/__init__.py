"""botkit: a small chat bot framework (an HTTP API client and a dispatcher)."""
from .bot import Bot
from .session import HttpSession

__all__ = ["Bot", "HttpSession"]
