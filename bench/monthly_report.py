"""The monthly report (月报) of a county and of a province, computed in process.

    .venv/bin/python -m bench.monthly_report --postgres-url postgres://…/db [--repeats 5]
    .venv/bin/python -m bench.monthly_report --data-dir /tmp/big10k

On a data set of bench/generate.py (one bureau with its offices), inside a
transaction that is rolled back at the end, the offices are grouped as a
province would hold them: a province unit with `--counties` counties
(default 50) below it, the offices shared out among them. Then the month
before this one is computed for one county and for the province, as
submitMonthlyReport computes it (api/domain/statistics/report.compute: every
registered area's grouped statements, summed up the tree); prints the
median and the worst of `--repeats` runs after a warm-up. Bound: a county
under 0.5 s and a province under 5 s on PostgreSQL with 100,000 persons.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import time
from datetime import UTC, datetime
from pathlib import Path


class _RolledBack(Exception):
    """Raised to roll the regrouping back: the data set stays as it was."""


async def regroup(counties: int) -> tuple[int, int]:
    """A province above `counties` counties holding the offices; (province, a county) ids."""
    from api.domain.common import sql
    from api.models.accounts import OrgUnit

    conn = sql.connection()
    _, rows = await conn.execute_query("SELECT MAX(id) AS top FROM org_unit")
    province = int(rows[0]["top"]) + 1
    made = sql.db_value(OrgUnit, "created_at", datetime.now(UTC))
    insert = "INSERT INTO org_unit (id, name, kind, parent_id, path, created_at) VALUES "
    bind = sql.Binder(conn)
    values = [
        f"({bind(province)}, {bind('省司法厅')}, 'JUSTICE_BUREAU', NULL,"
        f" {bind(f'/{province}/')}, {bind(made)})"
    ]
    for k in range(counties):
        county = province + 1 + k
        values.append(
            f"({bind(county)}, {bind(f'第{k + 1}县司法局')}, 'JUSTICE_BUREAU', {bind(province)},"
            f" {bind(f'/{province}/{county}/')}, {bind(made)})"
        )
    await conn.execute_query(insert + ", ".join(values), bind.values)
    bind = sql.Binder(conn)
    first = bind(province + 1)
    share = bind(counties)
    top = bind(f"/{province}/")
    await conn.execute_query(
        f"UPDATE org_unit SET parent_id = {first} + (id % {share}),"
        f" path = {top} || CAST({first} + (id % {share}) AS TEXT) || '/' || CAST(id AS TEXT) || '/'"
        " WHERE kind = 'JUSTICE_OFFICE'",
        bind.values,
    )
    return province, province + 1


async def run(settings: object, repeats: int, counties: int) -> None:
    from tortoise.transactions import in_transaction

    from api.db import close_db, init_db
    from api.domain.common import periods
    from api.domain.statistics import report
    from api.domain.statistics.month import Month
    from api.models.accounts import OrgUnit
    from api.settings import Settings

    assert isinstance(settings, Settings)
    await init_db(settings)
    month = Month.of(periods.local_day(datetime.now(UTC))).previous()
    try:
        async with in_transaction():
            province_id, county_id = await regroup(counties)
            for label, unit_id in (("county", county_id), ("province", province_id)):
                unit = await OrgUnit.get(id=unit_id)
                times = []
                for n in range(repeats + 1):
                    started = time.perf_counter()
                    figures = await report.compute(unit, month, datetime.now(UTC))
                    if n:  # the first warms the caches
                        times.append(time.perf_counter() - started)
                total = figures["total"]
                median, worst = statistics.median(times) * 1000, max(times) * 1000
                end, admitted = total["corrections.on_register_end"], total["corrections.admitted"]
                print(
                    f"{label:<9} {month}  median {median:8.1f} ms   worst {worst:8.1f} ms"
                    f"   ({repeats} runs, {len(figures['rows'])} rows)"
                    f"   on the register at month end {end}, taken in {admitted}",
                    flush=True,
                )
            raise _RolledBack
    except _RolledBack:
        pass
    finally:
        await close_db()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--counties", type=int, default=50)
    where = parser.add_mutually_exclusive_group(required=True)
    where.add_argument("--data-dir", type=Path)
    where.add_argument("--postgres-url")
    args = parser.parse_args()

    from api.settings import Settings

    settings = (
        Settings(data_dir=args.data_dir, rate_limits_enabled=False)
        if args.data_dir
        else Settings(database_url=args.postgres_url, rate_limits_enabled=False)
    )
    asyncio.run(run(settings, args.repeats, args.counties))


if __name__ == "__main__":
    main()
