"""What the HTTP server enforces on every request, in one ASGI middleware.

Why each rule:

- *Writes need a token.* ``POST /api/articles`` runs the ingest job; anyone who can reach
  the port could fill the store. With a token (``--token`` / ``DATELINE_TOKEN``) every
  request that is not GET/HEAD/OPTIONS must send ``Authorization: Bearer TOKEN`` (or
  ``X-Dateline-Token: TOKEN``), else 401. Without one, `dateline serve` starts read-only
  unless ``--allow-ingest`` (cli/serve.py decides; this module only checks).
- *The Host header is checked* against the names the server answers to (the bound
  address, ``localhost`` for a loopback address, and ``--allowed-host`` /
  ``DATELINE_ALLOWED_HOSTS``), else 400: a web page on another site that rebinds its DNS
  name to 127.0.0.1 (DNS rebinding) could otherwise read the store and post articles
  from the user's browser. A server bound to a wildcard address (0.0.0.0) checks only
  when a list is given.
- *Bodies are bounded*: over the limit is 413, whether announced by Content-Length or
  sent chunked (the body is read, up to the limit, before the app sees it).
- *Security headers on every response* (CSP, nosniff, no referrer, no framing), errors
  and 500s included: an unexpected exception is answered here, with the headers, and
  logged, so no response leaves without them.
"""
from __future__ import annotations

import hmac
import ipaddress
import json
import logging
import os
from typing import Iterable

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
LOOPBACK_NAMES = ("localhost", "127.0.0.1", "::1")


def security_headers(csp: str) -> list[tuple[bytes, bytes]]:
    return [(b"content-security-policy", csp.encode()), (b"x-content-type-options", b"nosniff"),
            (b"referrer-policy", b"no-referrer"), (b"x-frame-options", b"DENY")]


def allowed_hosts(bound: str, extra: Iterable[str] = ()) -> list[str] | None:
    """The Host names a server bound to ``bound`` answers to; None: any (wildcard address
    and no list given). ``extra`` and ``DATELINE_ALLOWED_HOSTS`` (comma-separated) add names."""
    names = [h.strip().lower() for h in extra if h and h.strip()]
    names += [h.strip().lower() for h in os.environ.get("DATELINE_ALLOWED_HOSTS", "").split(",") if h.strip()]
    bound = bound.strip().strip("[]").lower()
    if bound in ("0.0.0.0", "::", ""):
        return names or None
    names.append(bound)
    try:
        if ipaddress.ip_address(bound).is_loopback:
            names += LOOPBACK_NAMES
    except ValueError:
        if bound == "localhost":
            names += LOOPBACK_NAMES
    return sorted(set(names))


def host_name(value: str) -> str:
    """'example.org:8000' -> 'example.org', '[::1]:80' -> '::1'."""
    value = value.strip().lower()
    if value.startswith("["):
        return value[1:value.find("]")] if "]" in value else value
    return value.rsplit(":", 1)[0] if value.count(":") == 1 else value


class Security:
    """ASGI middleware: Host check, write token, body limit, headers on every response."""

    def __init__(self, app, *, csp: str, body_limit: int, token: str | None = None,
                 hosts: list[str] | None = None):
        self.app = app
        self.headers = security_headers(csp)
        self.body_limit = body_limit
        self.token = token.encode() if token else None
        self.hosts = set(hosts) if hosts is not None else None

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = False

        async def send_with_headers(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                present = {k.lower() for k, _ in message.get("headers", [])}
                message = {**message, "headers": list(message.get("headers", []))
                           + [h for h in self.headers if h[0] not in present]}
            await send(message)

        headers = {k.lower(): v for k, v in scope.get("headers", [])}
        refusal = self._refusal(scope, headers)
        if refusal is not None:
            return await _reply(send_with_headers, *refusal)
        if scope.get("method", "GET") not in SAFE_METHODS:
            body, too_big = await _read_body(receive, headers, self.body_limit)
            if too_big:
                return await _reply(send_with_headers, 413, f"request body over {self.body_limit:,} bytes")
            receive = _replay(body, receive)
        try:
            await self.app(scope, receive, send_with_headers)
        except Exception as exc:  # noqa: BLE001 - answered here so the headers go with it
            logging.getLogger("dateline.server").exception("unexpected error on %s", scope.get("path"))
            if started:
                raise
            await _reply(send_with_headers, 500, f"internal error ({type(exc).__name__}); see the server log")

    def _refusal(self, scope, headers: dict[bytes, bytes]) -> tuple[int, str, list] | None:
        if self.hosts is not None:
            host = host_name(headers.get(b"host", b"").decode("latin-1"))
            if host not in self.hosts:
                return 400, (f"Host {host!r} is not a name this server answers to "
                             "(dateline serve --allowed-host adds one)"), []
        if self.token is not None and scope.get("method", "GET") not in SAFE_METHODS:
            given = headers.get(b"x-dateline-token", b"")
            auth = headers.get(b"authorization", b"")
            if auth[:7].lower() == b"bearer ":
                given = auth[7:].strip()
            if not hmac.compare_digest(given, self.token):
                return 401, ("this server needs a token to write: send 'Authorization: Bearer TOKEN' "
                             "(the --token or DATELINE_TOKEN it was started with)"), \
                    [(b"www-authenticate", b'Bearer realm="dateline"')]
        return None


async def _read_body(receive, headers: dict[bytes, bytes], limit: int) -> tuple[bytes, bool]:
    """The whole request body, or (b"", True) once it is over ``limit``."""
    length = headers.get(b"content-length")
    if length is not None:
        try:
            if int(length) > limit:
                return b"", True
        except ValueError:
            return b"", True
    chunks, seen = [], 0
    while True:
        message = await receive()
        if message["type"] == "http.disconnect":
            break
        chunk = message.get("body", b"")
        seen += len(chunk)
        if seen > limit:
            return b"", True
        chunks.append(chunk)
        if not message.get("more_body", False):
            break
    return b"".join(chunks), False


def _replay(body: bytes, original):
    """A receive() that gives the body read already, then waits on the real connection
    (for the disconnect a streaming response listens for)."""
    sent = False

    async def receive():
        nonlocal sent
        if sent:
            return await original()
        sent = True
        return {"type": "http.request", "body": body, "more_body": False}

    return receive


async def _reply(send, status: int, message: str, extra: list | None = None) -> None:
    body = json.dumps({"error": message}).encode()
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"application/json"),
                            (b"content-length", str(len(body)).encode())] + list(extra or [])})
    await send({"type": "http.response.body", "body": body})


def install(app, *, csp: str, body_limit: int, token: str | None = None,
            hosts: list[str] | None = None) -> None:
    """Add the middleware to a FastAPI/Starlette app (innermost of the error handling, so
    it sees and answers every exception)."""
    app.add_middleware(Security, csp=csp, body_limit=body_limit, token=token, hosts=hosts)
    app.state.token_required = token is not None
