"""The ASGI application, built by `create_app(settings)`; nothing happens at import."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
from collections.abc import AsyncIterator
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.middleware.gzip import GZipMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Mount, Route
from strawberry.asgi import GraphQL
from strawberry.http import GraphQLHTTPResponse
from strawberry.types import ExecutionResult
from tortoise import connections
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from api.db import close_db, init_db
from api.domain.common.messages import negotiate
from api.domain.notices.push_keys import VapidKeyring
from api.downloads import document_pdf, monthly_report_file
from api.http import BodySizeLimit, OriginPolicy, SecurityHeaders, request_call
from api.pwa import RULES_PATH, ShellFiles, input_rules, load_shell, service_worker
from api.settings import Settings
from schema import build_schema
from schema.common.context import Context
from schema.common.errors import localise, shape_error
from schema.common.limits import MAX_BODY_BYTES
from workers.runner import run_workers

log = logging.getLogger("sifasuo")
WORKER_STOP_SECONDS = 15.0


class GraphQLApp(GraphQL[Context, None]):
    """Strawberry's ASGI app with our context: the domain call of the request."""

    def __init__(self, settings: Settings, vapid: VapidKeyring, **kwargs: Any) -> None:
        self.settings = settings
        self.vapid = vapid
        super().__init__(build_schema(development=settings.development), **kwargs)

    async def get_context(self, request: Any, response: Any = None) -> Context:
        call = await request_call(self.settings, request)
        # Kept for process_result, which answers in the caller's language.
        request.state.call = call
        return Context(call, self.vapid)

    def decode_json(self, data: str | bytes) -> object:
        """The body as JSON; a body that is not JSON is Strawberry's 400.

        json.loads raises more than JSONDecodeError (which Strawberry answers
        with 400) for such bodies: UnicodeDecodeError for bytes that are not
        UTF-8 and RecursionError for nesting deeper than the stack."""
        try:
            return super().decode_json(data)
        except (UnicodeDecodeError, RecursionError) as exc:
            raise json.JSONDecodeError(type(exc).__name__, "", 0) from None

    async def process_result(self, request: Any, result: ExecutionResult) -> GraphQLHTTPResponse:
        # Errors raised before execution (a query that does not parse) never
        # reach the schema extensions; they get their code here.
        if result.errors:
            call = getattr(request.state, "call", None)
            locale = call.locale if call else negotiate(request.headers.get("accept-language"))
            result.errors = [
                localise(shape_error(e, self.settings.development), locale) for e in result.errors
            ]
        return await super().process_result(request, result)


async def healthz(request: Request) -> Response:
    try:
        await connections.get("default").execute_query("SELECT 1")
    except Exception:
        log.exception("health check failed")
        return JSONResponse({"status": "unavailable"}, status_code=503)
    return JSONResponse({"status": "ok"})


@contextlib.asynccontextmanager
async def _workers(settings: Settings, keyring: VapidKeyring) -> AsyncIterator[None]:
    """The workers as an asyncio task for as long as the app runs, when configured."""
    if not settings.run_workers:
        yield
        return
    stop = asyncio.Event()
    task = asyncio.create_task(run_workers(settings, keyring, stop), name="sifasuo workers")
    try:
        yield
    finally:
        stop.set()
        try:
            # A send in flight finishes (each has its own timeout) ...
            await asyncio.wait_for(task, timeout=WORKER_STOP_SECONDS)
        except TimeoutError:
            # ... or is cut off: its notices' claims run out and another
            # dispatcher sends them again.
            log.warning("workers did not stop in %ss; cancelled", WORKER_STOP_SECONDS)
        except Exception:
            log.exception("workers failed")


def create_app(
    settings: Settings, *, manage_db: bool = True, vapid: VapidKeyring | None = None
) -> Starlette:
    """The app. `manage_db=False` when the caller (a test) owns the ORM's lifetime.

    The VAPID key is read (or made) from the data directory when the app
    starts; `vapid` passes one in instead. With `settings.run_workers` the
    scheduler and the dispatcher run in this process as tasks of the app's
    lifespan, and stop with it.
    """
    keyring = vapid or VapidKeyring(settings.data_dir)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if manage_db:
            await init_db(settings)
        try:
            keyring.load()
            async with _workers(settings, keyring):
                yield
        finally:
            if manage_db:
                await close_db()

    graphql = GraphQLApp(
        settings,
        keyring,
        graphql_ide="graphiql" if settings.development else None,
        allow_queries_via_get=False,
    )
    routes: list[Route | Mount] = [
        Route("/healthz", healthz),
        Route("/graphql", graphql, methods=["GET", "POST"]),
        Route("/documents/{document_id:int}.pdf", document_pdf(settings), methods=["GET"]),
        Route(
            "/reports/monthly/{unit_id:int}/{month}.xlsx",
            monthly_report_file(settings, "xlsx"),
            methods=["GET"],
        ),
        Route(
            "/reports/monthly/{unit_id:int}/{month}.csv",
            monthly_report_file(settings, "csv"),
            methods=["GET"],
        ),
    ]
    shell = load_shell()
    routes += [
        Route("/sw.js", service_worker(shell, settings.development), methods=["GET", "HEAD"]),
        Route(f"/{RULES_PATH}", input_rules(shell, settings.development), methods=["GET", "HEAD"]),
        Mount("/", ShellFiles(shell)),
    ]
    middleware = [
        # First, so everything after it sees the client and scheme a trusted
        # proxy reports; with no trusted proxies it changes nothing.
        Middleware(ProxyHeadersMiddleware, trusted_hosts=list(settings.trusted_proxies)),
        Middleware(SecurityHeaders),
        Middleware(OriginPolicy, settings=settings),
    ]
    if settings.allowed_origins:
        middleware.append(
            Middleware(
                CORSMiddleware,
                allow_origins=list(settings.allowed_origins),
                allow_methods=["GET", "POST"],
                allow_headers=["authorization", "content-type"],
                max_age=600,
            )
        )
    middleware += [
        Middleware(BodySizeLimit, max_bytes=MAX_BODY_BYTES),
        Middleware(GZipMiddleware, minimum_size=500),
    ]
    return Starlette(routes=routes, lifespan=lifespan, middleware=middleware)


def app_from_env() -> Starlette:
    """The app of one of several API processes (`sifasuo serve --processes N`)."""
    return create_app(Settings.from_env())
