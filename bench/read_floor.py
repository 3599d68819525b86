"""The floor for the read path: the caseload page by hand-written SQL.

A bare Starlette endpoint that does what `supervisedPersons(first: 50)` must
do at least (token lookup, the units in scope, the total, one page in the
caseload order joined to officer and unit) and answers the same JSON as the
GraphQL query of bench/read_path.py. Run by it as
`uvicorn bench.read_floor:create --factory`; SIFASUO_BENCH_DB names the
SQLite file, or SIFASUO_DATABASE_URL a PostgreSQL database.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

SESSION = """SELECT u.id, o.path FROM session s JOIN account u ON u.id = s.user_id
JOIN org_unit o ON o.id = u.org_unit_id
WHERE s.token_hash = {0} AND s.revoked_at IS NULL AND s.expires_at > {1}"""
UNITS = "SELECT id FROM org_unit WHERE path LIKE {0}"
GROUP = """CASE WHEN p.status = 'ACTIVE' AND p.overdue_at < {0} THEN 0
 WHEN p.status = 'ACTIVE' THEN 1 ELSE 2 END"""
PAGE = (
    "SELECT p.id, p.full_name, p.status, p.next_due_at, p.overdue_at, p.last_check_in_at,"
    " u.display_name, o.name, " + GROUP + " AS grp"
    " FROM supervised_person p JOIN org_unit o ON o.id = p.org_unit_id"
    " LEFT JOIN account u ON u.id = p.officer_id"
    " WHERE p.org_unit_id IN ({1}) ORDER BY grp, p.next_due_at, p.id LIMIT 51"
)
COUNT = "SELECT COUNT(*) FROM supervised_person p WHERE p.org_unit_id IN ({0})"

Query = Callable[[str, list[Any]], Awaitable[list[tuple[Any, ...]]]]


def _iso(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return str(value.astimezone(UTC).isoformat())


def create() -> Starlette:
    url = os.environ.get("SIFASUO_DATABASE_URL", "")
    state: dict[str, Any] = {}

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        if url.startswith("postgres"):
            import asyncpg

            pool = await asyncpg.create_pool(url.replace("postgres://", "postgresql://", 1))
            state["ph"] = lambda n: f"${n}"

            async def pg(sql: str, values: list[Any]) -> list[tuple[Any, ...]]:
                return [tuple(r) for r in await pool.fetch(sql, *values)]

            state["query"] = pg
            yield
            await pool.close()
            return
        import aiosqlite

        conn = await aiosqlite.connect(os.environ["SIFASUO_BENCH_DB"])
        for pragma in ("journal_mode=WAL", "foreign_keys=ON", "synchronous=FULL"):
            await conn.execute(f"PRAGMA {pragma}")
        state["ph"] = lambda n: "?"

        async def lite(sql: str, values: list[Any]) -> list[tuple[Any, ...]]:
            return [tuple(r) for r in await conn.execute_fetchall(sql, values)]

        state["query"] = lite
        yield
        await conn.close()

    async def caseload(request: Request) -> Response:
        query: Query = state["query"]
        ph: Callable[[int], str] = state["ph"]
        now = datetime.now(UTC)
        sqlite = ph(1) == "?"
        at: Any = now.isoformat(" ") if sqlite else now
        token = request.headers.get("authorization", "").removeprefix("Bearer ")
        token_hash = hashlib.sha256(token.encode()).hexdigest()
        found = await query(SESSION.format(ph(1), ph(2)), [token_hash, at])
        if not found:
            return JSONResponse({"error": "UNAUTHENTICATED"}, status_code=401)
        _, path = found[0]
        units = [r[0] for r in await query(UNITS.format(ph(1)), [path + "%"])]
        marks = ", ".join(ph(n + 2) for n in range(len(units)))
        count_marks = ", ".join(ph(n + 1) for n in range(len(units)))
        total = (await query(COUNT.format(count_marks), units))[0][0]
        rows = await query(PAGE.format(ph(1), marks), [at, *units])
        edges = [
            {
                "node": {
                    "id": str(r[0]),
                    "fullName": r[1],
                    "officer": {"displayName": r[6]} if r[6] is not None else None,
                    "orgUnit": {"name": r[7]},
                    "lastCheckIn": {"capturedAt": _iso(r[5])} if r[5] is not None else None,
                    "nextCheckInDue": _iso(r[3]) if r[2] == "ACTIVE" else None,
                    "overdue": r[8] == 0,
                }
            }
            for r in rows[:50]
        ]
        page = {"totalCount": total, "pageInfo": {"hasNextPage": len(rows) > 50}, "edges": edges}
        return JSONResponse({"data": {"supervisedPersons": page}})

    return Starlette(routes=[Route("/caseload", caseload, methods=["POST"])], lifespan=lifespan)
