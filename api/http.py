"""HTTP concerns around the API: the caller, origins, security headers, body size."""

from __future__ import annotations

from starlette.datastructures import Headers, MutableHeaders
from starlette.requests import HTTPConnection
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.domain.accounts.sign_in import authenticate
from api.domain.common.call import Call
from api.domain.common.messages import negotiate
from api.domain.common.validators import ascii_digits
from api.settings import Settings

# Strict: nothing inline, nothing from elsewhere (the PWA is built for it).
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "connect-src 'self'",
        "worker-src 'self'",
        "manifest-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ]
)


def client_ip(conn: HTTPConnection) -> str | None:
    """The caller's address.

    Behind a proxy in settings.trusted_proxies, uvicorn's ProxyHeadersMiddleware
    (installed by create_app) has already put the client the proxy saw here.
    """
    return conn.client.host[:45] if conn.client else None


async def request_call(settings: Settings, request: HTTPConnection) -> Call:
    """The domain call of a request: who (by its bearer token), from where, when."""
    call = Call(
        settings=settings,
        ip=client_ip(request),
        user_agent=request.headers.get("user-agent"),
        now=settings.clock(),
        language=negotiate(request.headers.get("accept-language")),
    )
    auth = request.headers.get("authorization", "")
    scheme, _, token = auth.partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        call.viewer = await authenticate(call, token.strip())
    return call


def own_origin(conn: HTTPConnection) -> str:
    """The origin the server is reached at, as a browser names it.

    The scheme is the proxy's X-Forwarded-Proto when the peer is trusted (the
    middleware sets it); the host is the Host header, which the proxy passes
    on (`proxy_set_header Host $host`).
    """
    host = conn.headers.get("host") or conn.url.netloc
    return f"{conn.url.scheme}://{host}".lower()


class OriginPolicy:
    """Refuses API requests a browser makes from a foreign origin (403, no CORS headers).

    A browser sends `Origin` on every cross-origin request and on same-origin
    POSTs; requests without it (curl, the service worker's own fetches in
    older browsers) are not cross-origin requests a page could forge. Origins
    in SIFASUO_ALLOWED_ORIGINS pass on to Starlette's CORSMiddleware, which
    answers their preflights and adds the CORS headers.
    """

    def __init__(self, app: ASGIApp, settings: Settings) -> None:
        self.app = app
        self.settings = settings
        self.allowed = frozenset(o.rstrip("/").lower() for o in settings.allowed_origins)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/graphql"):
            await self.app(scope, receive, send)
            return
        conn = HTTPConnection(scope)
        origin = conn.headers.get("origin")
        if origin is not None:
            normalised = origin.rstrip("/").lower()
            if normalised != own_origin(conn) and normalised not in self.allowed:
                await _refuse_origin(send)
                return
        await self.app(scope, receive, send)


async def _refuse_origin(send: Send) -> None:
    body = b'{"errors":[{"message":"Origin not allowed.","extensions":{"code":"FORBIDDEN"}}]}'
    await send(
        {
            "type": "http.response.start",
            "status": 403,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                (b"vary", b"Origin"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})


class SecurityHeaders:
    """Adds the security headers to every response; no-store on the API."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        api = scope["path"].startswith(("/graphql", "/healthz"))
        https = scope.get("scheme") == "https"  # X-Forwarded-Proto of a trusted proxy

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
                headers["X-Content-Type-Options"] = "nosniff"
                headers["Referrer-Policy"] = "no-referrer"
                # The camera for the check-in photo (identity at check-in), this origin only.
                headers["Permissions-Policy"] = "geolocation=(self), camera=(self), microphone=()"
                headers["Cross-Origin-Opener-Policy"] = "same-origin"
                if https:
                    headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
                if api:
                    headers["Cache-Control"] = "no-store"
                else:
                    # The PWA's files keep their names from release to release
                    # (no build step, no hashes): browsers revalidate them by
                    # ETag, and the service worker's versioned precache is what
                    # makes a repeat visit instant and offline.
                    headers.setdefault("Cache-Control", "no-cache")
            await send(message)

        await self.app(scope, receive, send_with_headers)


class BodySizeLimit:
    """Refuses request bodies over `max_bytes` with 413, before the app reads them."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and ascii_digits(declared) and int(declared) > self.max_bytes:
            await _too_large(send)
            return
        seen = 0

        async def counted_receive() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise _BodyTooLarge
            return message

        try:
            await self.app(scope, counted_receive, send)
        except _BodyTooLarge:
            await _too_large(send)


class _BodyTooLarge(Exception):
    pass


async def _too_large(send: Send) -> None:
    body = (
        b'{"errors":[{"message":"Request body too large.","extensions":{"code":"BAD_USER_INPUT"}}]}'
    )
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
