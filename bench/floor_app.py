"""The floor for the write path: a bare Starlette endpoint doing by hand what
`submitCheckIn` must do at least (token lookup, validation, one INSERT … ON
CONFLICT DO NOTHING with aiosqlite), on the same database file and settings.

Run by bench/write_path.py as `uvicorn bench.floor_app:create --factory`;
SIFASUO_BENCH_DB names the SQLite file.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import uuid
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

import aiosqlite
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

SESSION = """SELECT s.user_id, p.id FROM session s
JOIN supervised_person p ON p.account_id = s.user_id
WHERE s.token_hash = ? AND s.revoked_at IS NULL AND s.expires_at > ?"""
INSERT = """INSERT INTO check_in (client_id, kind, captured_at, received_at, latitude, longitude,
 late, status, person_id, recorded_by_id) VALUES (?, 'SELF_REPORT', ?, ?, ?, ?, 0,
 'PENDING_REVIEW', ?, ?) ON CONFLICT(client_id) DO NOTHING"""


def create() -> Starlette:
    db_path = os.environ["SIFASUO_BENCH_DB"]
    state: dict[str, aiosqlite.Connection] = {}

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        conn = await aiosqlite.connect(db_path)
        for pragma in ("journal_mode=WAL", "foreign_keys=ON", "synchronous=FULL"):
            await conn.execute(f"PRAGMA {pragma}")
        state["db"] = conn
        yield
        await conn.close()

    async def check_in(request: Request) -> Response:
        db = state["db"]
        token = request.headers.get("authorization", "").removeprefix("Bearer ")
        now = datetime.now(UTC)
        token_hash = hashlib.sha256(token.encode()).hexdigest()
        async with db.execute(SESSION, (token_hash, str(now))) as cursor:
            row = await cursor.fetchone()
        if row is None:
            return JSONResponse({"error": "UNAUTHENTICATED"}, status_code=401)
        user_id, person_id = row
        body = json.loads(await request.body())
        client_id = str(uuid.UUID(body["clientId"]))
        captured = datetime.fromisoformat(body["capturedAt"])
        if captured > now + timedelta(minutes=5) or captured < now - timedelta(days=30):
            return JSONResponse({"error": "BAD_USER_INPUT"}, status_code=400)
        lat, lon = float(body["latitude"]), float(body["longitude"])
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            return JSONResponse({"error": "BAD_USER_INPUT"}, status_code=400)
        await db.execute(INSERT, (client_id, str(captured), str(now), lat, lon, person_id, user_id))
        await db.commit()
        return JSONResponse({"clientId": client_id, "capturedAt": captured.isoformat()})

    return Starlette(routes=[Route("/checkin", check_in, methods=["POST"])], lifespan=lifespan)
