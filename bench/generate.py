"""A big data set for the read-path and dashboard benchmarks, made with bulk inserts.

    .venv/bin/python -m bench.generate --data-dir /tmp/big10k --persons 10000
    .venv/bin/python -m bench.generate --postgres-url postgres://…/db --persons 100000

One justice bureau, one correction centre under it, `--offices` justice
offices (default 500) under that; an OFFICER per office and a SUPERVISOR at
the centre (usernames `officer1`, `supervisor`); `--persons` supervised
persons spread over the offices, each with an account and `--check-ins`
check-ins (default 50) made at its interval. The schedule columns on each
person row come from `corrections.plan_schedule` on its newest check-in,
as the app keeps them; about one person in ten has stopped reporting and is
overdue, one in twenty has finished the term (TERMINATED).

The schema comes from the migrations. SQLite is filled with executemany in
large transactions with synchronous=OFF (generation only; the app runs with
FULL), PostgreSQL with COPY (asyncpg copy_records_to_table).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import sqlite3
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from api.domain.common.validators import resident_id_check_char
from api.domain.corrections.intervals import UNSET_DEFAULTS
from api.domain.corrections.schedule import DEFAULT_GRACE_HOURS, plan_schedule
from api.models.enums import SupervisionLevel

NOW = datetime.now(UTC).replace(microsecond=0)
UNUSABLE_PASSWORD = "!"  # no argon2 hash: nobody signs in as a generated person
BATCH = 50_000


def _levels(n: int) -> SupervisionLevel:
    return (SupervisionLevel.STRICT, SupervisionLevel.NORMAL, SupervisionLevel.LENIENT)[n % 3]


def org_rows(offices: int) -> list[tuple[Any, ...]]:
    """(id, name, kind, parent_id, path)."""
    rows: list[tuple[Any, ...]] = [
        (1, "青山县司法局", "JUSTICE_BUREAU", None, "/1/"),
        (2, "青山县社区矫正中心", "CORRECTION_CENTER", 1, "/1/2/"),
    ]
    # Offices under the bureau, the centre beside them (社区矫正法 Art. 9): the
    # centre's supervisor oversees the corrections of every office of the county.
    for k in range(offices):
        uid = 3 + k
        rows.append((uid, f"第{k + 1}司法所", "JUSTICE_OFFICE", 1, f"/1/{uid}/"))
    return rows


def staff_rows(offices: int) -> list[tuple[Any, ...]]:
    """(id, username, display_name, role, org_unit_id): the supervisor, an officer per office."""
    rows: list[tuple[Any, ...]] = [(1, "supervisor", "李秀英", "SUPERVISOR", 2)]
    for k in range(offices):
        rows.append((2 + k, f"officer{k + 1}", f"矫正干部{k + 1}", "OFFICER", 3 + k))
    return rows


def person_and_check_in_rows(
    persons: int, offices: int, check_ins: int, first_account_id: int
) -> Iterator[tuple[tuple[Any, ...], tuple[Any, ...], list[tuple[Any, ...]]]]:
    """Per person: its account row, its person row and its check-in rows."""
    rng = random.Random(20260101)
    for n in range(persons):
        pid = n + 1
        account_id = first_account_id + n
        unit_id = 3 + n % offices
        officer_id = 2 + n % offices
        level = _levels(n)
        interval = UNSET_DEFAULTS[level]
        grace = DEFAULT_GRACE_HOURS
        # Every office has some who stopped reporting (overdue now) and some
        # whose term has ended.
        stopped = (n // offices) % 10 == 3
        status = "TERMINATED" if (n // offices) % 20 == 7 else "ACTIVE"
        # The newest check-in: a little within the interval ago, or, for
        # those who stopped, well past due plus grace.
        if stopped:
            last = NOW - timedelta(days=interval + 2 + rng.randint(0, 20), hours=rng.randint(0, 23))
        else:
            last = NOW - timedelta(hours=rng.randint(1, interval * 24 - 1))
        times = [last - timedelta(days=interval * (check_ins - 1 - k)) for k in range(check_ins)]
        # Some reports came a few hours early or late; sort keeps the order.
        times = sorted(t - timedelta(minutes=rng.randint(0, 600)) for t in times)
        enrolled = times[0] - timedelta(days=rng.randint(1, interval))
        rows = []
        previous: datetime | None = None
        for k, captured in enumerate(times):
            due = plan_schedule(enrolled, previous, interval, grace)
            rows.append(
                (
                    str(uuid.UUID(int=rng.getrandbits(128), version=4)),
                    pid,
                    "SELF_REPORT",
                    captured,
                    captured + timedelta(seconds=rng.randint(1, 600)),
                    43.8 + rng.random() / 10,
                    125.3 + rng.random() / 10,
                    10.0,
                    captured > due.overdue_at,
                    "VERIFIED",
                    account_id,
                    officer_id,
                    captured + timedelta(hours=4),
                    pid * check_ins + k + 1 - check_ins,
                )
            )
            previous = captured
        schedule = plan_schedule(enrolled, previous, interval, grace)
        # Unique for every n (region, birth date, sequence number are its digits).
        first17 = f"{110101 + n // 28_000:06d}{19700101 + n // 1000 % 28:08d}{n % 1000:03d}"
        id_number = first17 + resident_id_check_char(first17)
        account = (
            account_id,
            f"p{pid}",
            f"矫正对象{pid}",
            "SUPERVISED_PERSON",
            unit_id,
        )
        person = (
            pid,
            f"矫正对象{pid}",
            id_number,
            id_number if status == "ACTIVE" else None,
            None,
            ("CONTROL", "PROBATION", "PAROLE", "TEMPORARY_OUTSIDE_PRISON")[n % 4],
            level.value,
            status,
            (enrolled - timedelta(days=1)).date(),
            date(NOW.year + 2, 1, 1),
            unit_id,
            officer_id,
            account_id,
            interval,
            grace,
            enrolled,
            officer_id,
            schedule.last_check_in_at,
            schedule.next_due_at,
            schedule.overdue_at,
            False,  # adults: minor_at_start
        )
        yield account, person, rows


ORG_COLS = ("id", "name", "kind", "parent_id", "path", "created_at")
USER_COLS = (
    "id",
    "username",
    "display_name",
    "role",
    "org_unit_id",
    "locale",
    "password_hash",
    "is_active",
    "created_at",
)
PERSON_COLS = (
    "id",
    "full_name",
    "id_number",
    "active_id_number",
    "phone",
    "correction_type",
    "supervision_level",
    "status",
    "term_start",
    "term_end",
    "org_unit_id",
    "officer_id",
    "account_id",
    "check_in_interval_days",
    "grace_hours",
    "enrolled_at",
    "enrolled_by_id",
    "last_check_in_at",
    "next_due_at",
    "overdue_at",
    "minor_at_start",
)
CHECK_IN_COLS = (
    "client_id",
    "person_id",
    "kind",
    "captured_at",
    "received_at",
    "latitude",
    "longitude",
    "accuracy_meters",
    "late",
    "status",
    "recorded_by_id",
    "reviewed_by_id",
    "reviewed_at",
    "id",
)


def _user(row: tuple[Any, ...]) -> tuple[Any, ...]:
    return (*row, "zh-CN", UNUSABLE_PASSWORD, True, NOW)


def _batches(
    args: argparse.Namespace, first_account_id: int
) -> Iterator[tuple[list[tuple[Any, ...]], list[tuple[Any, ...]], list[tuple[Any, ...]]]]:
    users: list[tuple[Any, ...]] = []
    persons: list[tuple[Any, ...]] = []
    check_ins: list[tuple[Any, ...]] = []
    rows = person_and_check_in_rows(args.persons, args.offices, args.check_ins, first_account_id)
    for account, person, ci in rows:
        users.append(_user(account))
        persons.append(person)
        check_ins.extend(ci)
        if len(check_ins) >= BATCH:
            yield users, persons, check_ins
            users, persons, check_ins = [], [], []
    if persons:
        yield users, persons, check_ins


def _insert(cols: tuple[str, ...], table: str) -> str:
    return f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"


def _sqlite_value(value: Any) -> Any:
    # As Tortoise stores them: sqlite3's adapters (isoformat with a space).
    if isinstance(value, datetime):
        return value.isoformat(" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return int(value)
    return value


def _s(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    return [tuple(_sqlite_value(v) for v in row) for row in rows]


def fill_sqlite(db_file: Path, args: argparse.Namespace) -> None:
    conn = sqlite3.connect(db_file, isolation_level=None)
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute("BEGIN")
    conn.executemany(_insert(ORG_COLS, "org_unit"), _s([(*r, NOW) for r in org_rows(args.offices)]))
    staff = [_user(r) for r in staff_rows(args.offices)]
    conn.executemany(_insert(USER_COLS, "account"), _s(staff))
    for users, persons, check_ins in _batches(args, len(staff) + 1):
        conn.executemany(_insert(USER_COLS, "account"), _s(users))
        conn.executemany(_insert(PERSON_COLS, "supervised_person"), _s(persons))
        conn.executemany(_insert(CHECK_IN_COLS, "check_in"), _s(check_ins))
    conn.execute("COMMIT")
    conn.execute("ANALYZE")
    conn.close()


async def fill_postgres(url: str, args: argparse.Namespace) -> None:
    import asyncpg

    conn = await asyncpg.connect(url)
    try:
        await conn.copy_records_to_table(
            "org_unit", records=[(*r, NOW) for r in org_rows(args.offices)], columns=ORG_COLS
        )
        staff = [_user(r) for r in staff_rows(args.offices)]
        await conn.copy_records_to_table("account", records=staff, columns=USER_COLS)
        for users, persons, check_ins in _batches(args, len(staff) + 1):
            await conn.copy_records_to_table("account", records=users, columns=USER_COLS)
            await conn.copy_records_to_table(
                "supervised_person", records=persons, columns=PERSON_COLS
            )
            await conn.copy_records_to_table("check_in", records=check_ins, columns=CHECK_IN_COLS)
        for table in ("org_unit", "account", "supervised_person", "check_in"):
            sequence = f"pg_get_serial_sequence('{table}', 'id')"
            await conn.execute(f"SELECT setval({sequence}, (SELECT MAX(id) FROM {table}))")
        # What autovacuum does to a table soon after a bulk load: statistics,
        # and the visibility map that lets the dashboard's covering indexes
        # answer from the index alone (without it, every index entry is
        # checked against the table, and a run's figures depend on whether
        # autovacuum happened to finish before it).
        await conn.execute("VACUUM ANALYZE")
    finally:
        await conn.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--check-ins", type=int, default=50)
    parser.add_argument("--offices", type=int, default=500)
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--data-dir", type=Path, help="SQLite: a new data directory")
    where.add_argument("--postgres-url", help="PostgreSQL: an empty database")
    args = parser.parse_args()

    from api.db import migrate
    from api.settings import Settings

    settings = (
        Settings(data_dir=args.data_dir)
        if args.data_dir
        else Settings(database_url=args.postgres_url)
    )
    started = time.perf_counter()
    asyncio.run(migrate(settings))
    if args.data_dir:
        fill_sqlite(args.data_dir / "sifasuo.sqlite3", args)
    else:
        asyncio.run(fill_postgres(args.postgres_url, args))
    elapsed = time.perf_counter() - started
    total = args.persons * args.check_ins
    print(
        f"generated {args.persons} persons, {total} check-ins, {args.offices} offices "
        f"in {elapsed:.1f} s"
    )


if __name__ == "__main__":
    main()
