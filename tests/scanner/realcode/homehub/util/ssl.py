"""SSL contexts, created once and shared (creating one reads the CA bundle)."""
from __future__ import annotations

import functools
import ssl


@functools.cache
def client_context() -> ssl.SSLContext:
    """The default client context; every HTTP session shares it."""
    return ssl.create_default_context()


@functools.lru_cache(maxsize=8)
def server_context(cert_file: str, key_file: str) -> ssl.SSLContext:
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.load_cert_chain(cert_file, key_file)
    return ctx


def context_with_extra_ca(pem: str) -> ssl.SSLContext:
    """A client context that also trusts `pem` (certificates as text)."""
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    ctx.load_verify_locations(cadata=pem)
    return ctx


# Created at import time: the cache is warm before the loop runs.
SSL_CONTEXT = client_context()
