"""Test fixtures: a real database (SQLite and PostgreSQL), the app, and a small world.

Every test that asks for `db` (directly or through `client` or `world`) runs
twice, once per database. PostgreSQL is a real server the suite starts itself
(tests/pg_server.py) unless SIFASUO_TEST_POSTGRES_URL names one. With
CI=true a missing PostgreSQL fails the run; elsewhere it is a loud skip.
"""

from __future__ import annotations

import logging
import os
import tempfile
import uuid
import warnings
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiohttp
import httpx
import pytest
from tortoise import Tortoise, connections
from tortoise.backends.base.executor import EXECUTOR_CACHE

from api.app import create_app
from api.db import close_db, migrate, tortoise_config
from api.domain.accounts import sign_in
from api.domain.common.call import Call
from api.models.accounts import OrgUnit, User
from api.models.enums import OrgUnitKind, Role
from api.settings import Settings
from tests.pg_server import PostgresUnavailable, create_database, temporary_postgres
from tests.push_receiver import PushReceiver

IN_CI = os.environ.get("CI", "").lower() == "true"
DATABASES = ["sqlite", "postgres"]


def fast_settings(**changes: Any) -> Settings:
    """Production settings with a cheap password hash, so tests stay quick."""
    base = Settings(
        env="production",
        argon2_time_cost=1,
        argon2_memory_cost=1024,
        push_allowed_hosts=("127.0.0.1",),
    )
    return base.with_(**changes)


# ------------------------------------------------------------------ databases


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    url = os.environ.get("SIFASUO_TEST_POSTGRES_URL")
    if url:
        yield url
        return
    try:
        with temporary_postgres() as started:
            yield started
    except PostgresUnavailable as exc:
        message = f"PostgreSQL tests cannot run: {exc}"
        if IN_CI:
            pytest.fail(message, pytrace=False)
        warnings.warn(message, stacklevel=1)
        pytest.skip(message)


@pytest.fixture(scope="session")
def database_url(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> str:
    """A URL of an empty database of the kind the test is parametrised with."""
    kind = request.param
    if kind == "sqlite":
        return f"sqlite://{tmp_path_factory.mktemp('sqlite') / 'test.sqlite3'}"
    server = request.getfixturevalue("postgres_server")
    return create_database(server, f"sifasuo_test_{uuid.uuid4().hex[:10]}")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "database_url" in metafunc.fixturenames:
        metafunc.parametrize("database_url", DATABASES, indirect=True, scope="session")


@pytest.fixture(scope="session")
async def migrated(database_url: str) -> AsyncIterator[Settings]:
    """The database at the newest migration, with the ORM connected to it."""
    settings = fast_settings(database_url=database_url, data_dir=Path(tempfile.mkdtemp()))
    await migrate(settings)
    await Tortoise.init(config=tortoise_config(settings))
    yield settings
    await close_db()
    # Tortoise caches built SQL per connection name, not per dialect: the next
    # database kind under the same name must not get this one's statements.
    EXECUTOR_CACHE.clear()


async def _empty_all_tables(settings: Settings) -> None:
    conn = connections.get("default")
    tables = [model._meta.db_table for app in Tortoise.apps.values() for model in app.values()]
    if settings.is_sqlite:
        deletes = "".join(f'DELETE FROM "{t}";' for t in tables)
        await conn.execute_script(
            f"PRAGMA foreign_keys=OFF;{deletes}DELETE FROM sqlite_sequence;PRAGMA foreign_keys=ON;"
        )
    else:
        quoted = ", ".join(f'"{t}"' for t in tables)
        await conn.execute_script(f"TRUNCATE {quoted} RESTART IDENTITY CASCADE")


@pytest.fixture
async def db(migrated: Settings) -> AsyncIterator[Settings]:
    """A migrated, empty database for one test; its settings."""
    await _empty_all_tables(migrated)
    yield migrated


# ------------------------------------------------------------------ the app


@dataclass
class GraphQLClient:
    http: httpx.AsyncClient

    async def __call__(
        self, query: str, variables: dict[str, Any] | None = None, *, token: str | None = None
    ) -> dict[str, Any]:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        response = await self.http.post(
            "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
        )
        assert response.status_code in (200, 400), response.text
        body: dict[str, Any] = response.json()
        return body

    async def ok(
        self, query: str, variables: dict[str, Any] | None = None, *, token: str | None = None
    ) -> dict[str, Any]:
        body = await self(query, variables, token=token)
        assert not body.get("errors"), body["errors"]
        data: dict[str, Any] = body["data"]
        return data

    async def error(
        self, query: str, variables: dict[str, Any] | None = None, *, token: str | None = None
    ) -> dict[str, Any]:
        """The first error's code and field (and retryAfterSeconds, errorId):
        its extensions without the message's reason key and figures, which
        `refusal` gives and tests/test_messages.py checks."""
        ext = await self.refusal(query, variables, token=token)
        return {k: v for k, v in ext.items() if k not in ("reason", "params")}

    async def refusal(
        self, query: str, variables: dict[str, Any] | None = None, *, token: str | None = None
    ) -> dict[str, Any]:
        """The first error's extensions, whole: code, reason, params, field."""
        body = await self(query, variables, token=token)
        assert body.get("errors"), f"expected an error, got {body}"
        ext: dict[str, Any] = body["errors"][0].get("extensions") or {}
        return ext


@pytest.fixture
async def client(db: Settings) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(db, manage_db=False)
    transport = httpx.ASGITransport(app=app, client=("203.0.113.7", 4711))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        yield http


@pytest.fixture
def gql(client: httpx.AsyncClient) -> GraphQLClient:
    return GraphQLClient(client)


@dataclass
class Clock:
    """A clock that stands still until a test moves it (`Settings.clock`).

    It starts at the top of the current hour, so windows of a minute, 15
    minutes or an hour all begin at its start: a test that counts within a
    window is never cut by the window's end unless it moves the clock there.
    """

    now: datetime = field(
        default_factory=lambda: datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    )

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@pytest.fixture
def clock() -> Clock:
    return Clock()


Clients = Callable[..., AbstractAsyncContextManager[GraphQLClient]]


@pytest.fixture
def clients(db: Settings, clock: Clock) -> Clients:
    """GraphQL clients of separate app instances (as separate processes) on one
    database, all on the test's `clock`; `changes` replace settings."""

    @asynccontextmanager
    async def make(ip: str = "198.51.100.1", **changes: Any) -> AsyncIterator[GraphQLClient]:
        app = create_app(db.with_(clock=clock, **changes), manage_db=False)
        transport = httpx.ASGITransport(app=app, client=(ip, 5000))
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
            yield GraphQLClient(http)

    return make


# ------------------------------------------------------------------ a world


@dataclass
class World:
    """Two counties' worth of units and one account of every role in each.

    Units "a" and "b" are two justice offices of one county bureau, with the
    county's correction centre beside them; "x" is a justice office of
    another county, out of everyone's scope here.
    """

    settings: Settings
    units: dict[str, OrgUnit] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    tokens: dict[str, str] = field(default_factory=dict)

    def call(self, who: str | None = None) -> Call:
        viewer = None
        if who is not None:
            user = self.users[who]
            unit = self.units_by_id.get(user.org_unit_id)
            viewer = sign_in.viewer_of(user, unit)
        return Call(settings=self.settings, viewer=viewer)

    @property
    def units_by_id(self) -> dict[int, OrgUnit]:
        return {u.id: u for u in self.units.values()}


WORLD_UNITS: list[tuple[str, str, OrgUnitKind, str | None]] = [
    ("bureau", "青山县司法局", OrgUnitKind.JUSTICE_BUREAU, None),
    ("center", "青山县社区矫正中心", OrgUnitKind.CORRECTION_CENTER, "bureau"),
    ("a", "东关镇司法所", OrgUnitKind.JUSTICE_OFFICE, "bureau"),
    ("b", "西河乡司法所", OrgUnitKind.JUSTICE_OFFICE, "bureau"),
    ("committee_a", "东关镇人民调解委员会", OrgUnitKind.MEDIATION_COMMITTEE, "a"),
    ("legal", "青山县法律援助中心", OrgUnitKind.LEGAL_AID_CENTER, "bureau"),
    ("bureau_x", "白水县司法局", OrgUnitKind.JUSTICE_BUREAU, None),
    ("center_x", "白水县社区矫正中心", OrgUnitKind.CORRECTION_CENTER, "bureau_x"),
    ("x", "南岭镇司法所", OrgUnitKind.JUSTICE_OFFICE, "bureau_x"),
    ("committee_x", "南岭镇人民调解委员会", OrgUnitKind.MEDIATION_COMMITTEE, "x"),
    ("legal_x", "白水县法律援助中心", OrgUnitKind.LEGAL_AID_CENTER, "bureau_x"),
]

WORLD_USERS: list[tuple[str, Role, str | None]] = [
    ("admin", Role.ADMIN, "bureau"),
    # The county correction centre's supervisor: corrections of the county.
    ("supervisor", Role.SUPERVISOR, "center"),
    # The bureau's supervisor (its 基层 section): mediation and legal aid.
    ("supervisor_bureau", Role.SUPERVISOR, "bureau"),
    ("officer_a", Role.OFFICER, "a"),
    ("officer_b", Role.OFFICER, "b"),
    ("mediator_a", Role.MEDIATOR, "committee_a"),
    ("staff", Role.LEGAL_AID_STAFF, "legal"),
    ("lawyer", Role.LAWYER, "legal"),
    ("applicant", Role.APPLICANT, None),
    ("applicant2", Role.APPLICANT, None),
    ("admin_x", Role.ADMIN, "bureau_x"),
    ("supervisor_x", Role.SUPERVISOR, "center_x"),
    ("supervisor_bureau_x", Role.SUPERVISOR, "bureau_x"),
    ("officer_x", Role.OFFICER, "x"),
    ("mediator_x", Role.MEDIATOR, "committee_x"),
    ("staff_x", Role.LEGAL_AID_STAFF, "legal_x"),
    ("lawyer_x", Role.LAWYER, "legal_x"),
]

PASSWORD = "correct horse battery"


@pytest.fixture
async def world(db: Settings) -> World:
    """Units and accounts made straight in the database; tokens from real sessions."""
    from api.domain.common.secrets import hash_password

    w = World(settings=db)
    for key, name, kind, parent in WORLD_UNITS:
        parent_unit = w.units[parent] if parent else None
        unit = await OrgUnit.create(name=name, kind=kind, parent=parent_unit, path="")
        unit.path = f"{parent_unit.path if parent_unit else '/'}{unit.id}/"
        await unit.save(update_fields=["path"])
        w.units[key] = unit
    password_hash = hash_password(db, PASSWORD)
    call = Call(settings=db, now=datetime.now(UTC))
    for username, role, unit_key in WORLD_USERS:
        user = await User.create(
            username=username,
            display_name=username.replace("_", " ").title(),
            role=role,
            org_unit=w.units[unit_key] if unit_key else None,
            password_hash=password_hash,
        )
        w.users[username] = user
        w.tokens[username] = (await sign_in.open_session(call, user)).token
    return w


# ------------------------------------------------------------------ query counting


class QueryCounter(logging.Handler):
    """Counts the SQL statements Tortoise sends while it is attached."""

    def __init__(self) -> None:
        super().__init__(level=logging.DEBUG)
        self.statements: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        message = record.getMessage()
        if message.lstrip().upper().startswith(("SELECT", "INSERT", "UPDATE", "DELETE", "WITH")):
            self.statements.append(message)

    @property
    def count(self) -> int:
        return len(self.statements)

    def __enter__(self) -> QueryCounter:
        logger = logging.getLogger("tortoise.db_client")
        self._previous = logger.level
        logger.setLevel(logging.DEBUG)
        logger.addHandler(self)
        return self

    def __exit__(self, *exc: object) -> None:
        logger = logging.getLogger("tortoise.db_client")
        logger.removeHandler(self)
        logger.setLevel(self._previous)


@pytest.fixture
def count_queries() -> type[QueryCounter]:
    return QueryCounter


@pytest.fixture
async def receiver() -> AsyncIterator[PushReceiver]:
    """A local push service that decrypts and verifies what it is sent."""
    async with PushReceiver() as r:
        yield r


@pytest.fixture
async def session() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as s:
        yield s
