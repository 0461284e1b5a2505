import time

import jwt
import requests
from aiohttp import web

JWKS_URL = "https://auth.example.com/.well-known/jwks.json"
_jwks_cache = {"keys": None, "fetched": 0.0}


def get_jwks():
    now = time.time()
    if _jwks_cache["keys"] is None or now - _jwks_cache["fetched"] > 3600:
        resp = requests.get(JWKS_URL, timeout=5)
        resp.raise_for_status()
        _jwks_cache["keys"] = resp.json()
        _jwks_cache["fetched"] = now
    return _jwks_cache["keys"]


def decode_token(token):
    keys = get_jwks()
    header = jwt.get_unverified_header(token)
    key = next(k for k in keys["keys"] if k["kid"] == header["kid"])
    return jwt.decode(token, jwt.algorithms.RSAAlgorithm.from_jwk(key), algorithms=["RS256"])


@web.middleware
async def auth_middleware(request, handler):
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        raise web.HTTPUnauthorized()
    try:
        request["user"] = decode_token(header[7:])  # expect: BLK201
    except jwt.PyJWTError:
        raise web.HTTPUnauthorized()
    return await handler(request)
