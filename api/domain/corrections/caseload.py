"""The caseload: the supervised persons a viewer may see, absconded first, then overdue.

Read on every visit to an officer's home screen, so the page is fixed SQL
(see sql.py): the statements are written once here, bound per call, and the
rows become the ORM's own instances without the ORM building the queries.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from tortoise.filters import escape_like

from api.domain.common import paging, periods, scope, sql
from api.domain.common.call import Call, Viewer
from api.domain.common.errors import BadInput
from api.domain.common.validators import FULL_WIDTH, resident_id, search_term
from api.domain.corrections.schedule import GRACE_HOURS_RANGE
from api.models.corrections import CheckIn, SupervisedPerson
from api.models.enums import CheckInKind, CheckInStatus, Role, SupervisionStatus

# A search by ID number matches either the last digits, only the four that
# the masked ID shows (220102********123X), or the whole number exactly: a
# longer suffix would let a caller probe the hidden middle digits one at a
# time, and a whole number (its check character right) names one person
# without telling anything about the others.
_ID_DIGITS = re.compile(r"[0-9]*[0-9Xx]")
VISIBLE_ID_DIGITS = 4
WHOLE_ID_LENGTH = 18

# The caseload order: absconded (脱管, 社区矫正法 Art. 30: the office must search
# for them at once) first, as the riskiest case an officer holds; then the
# overdue, then the other active persons, then the rest; within each group by
# next due time, then id. An absconded person is never overdue as well
# (schedule.is_overdue asks for ACTIVE), so no one is in two groups.
GROUP_ABSCONDED, GROUP_OVERDUE, GROUP_ACTIVE, GROUP_INACTIVE = 0, 1, 2, 3
GROUPS = (GROUP_ABSCONDED, GROUP_OVERDUE, GROUP_ACTIVE, GROUP_INACTIVE)
_ACTIVE = SupervisionStatus.ACTIVE.value
_ABSCONDED = SupervisionStatus.ABSCONDED.value
_INACTIVE = [
    s.value
    for s in SupervisionStatus
    if s not in (SupervisionStatus.ACTIVE, SupervisionStatus.ABSCONDED)
]
_MAX_GRACE = timedelta(hours=GRACE_HOURS_RANGE[1])
_REJECTED = CheckInStatus.REJECTED.value
# Not a report of the person's: the schedule never runs from one (schedule.REPORT_KINDS).
_HOME_VISIT = CheckInKind.HOME_VISIT.value


@dataclass(frozen=True)
class PersonFilter:
    status: SupervisionStatus | None = None
    overdue: bool | None = None
    officer_id: int | None = None
    search: str | None = None


@dataclass(frozen=True)
class CaseloadPosition(paging.Position):
    """Where a person is in the caseload: the time the overdue split was made
    at (so every page of one listing splits alike), the group, next due, id."""

    as_of: datetime
    group: int
    due: datetime
    id: int

    def __post_init__(self) -> None:
        if self.group not in GROUPS:
            raise ValueError("no such group")


def sort_group(person: SupervisedPerson, as_of: datetime) -> int:
    if person.status == SupervisionStatus.ABSCONDED:
        return GROUP_ABSCONDED
    if person.status != SupervisionStatus.ACTIVE:
        return GROUP_INACTIVE
    return GROUP_OVERDUE if person.overdue_at < as_of else GROUP_ACTIVE


def position_of(person: SupervisedPerson, as_of: datetime) -> CaseloadPosition:
    return CaseloadPosition(as_of, sort_group(person, as_of), person.next_due_at, person.id)


def _at(value: datetime) -> Any:
    return sql.db_value(SupervisedPerson, "next_due_at", value)


def _in_group(bind: sql.Binder, group: int, as_of: datetime) -> str:
    """A group's condition, but the ended statuses' (see _group_page). The
    active groups add the range of next_due_at that the overdue split implies
    (overdue_at is next_due_at plus 0 to 168 hours of grace), so the
    (…, status, next_due_at, id) indexes seek to where the group starts
    instead of walking past the other group's rows."""
    if group == GROUP_ABSCONDED:
        return f"status = '{_ABSCONDED}'"
    at = bind(_at(as_of))
    if group == GROUP_OVERDUE:
        return f"status = '{_ACTIVE}' AND overdue_at < {at} AND next_due_at < {at}"
    due_from = bind(_at(as_of - _MAX_GRACE))
    return f"status = '{_ACTIVE}' AND overdue_at >= {at} AND next_due_at >= {due_from}"


@dataclass(frozen=True)
class _Criteria:
    """The listing's filters, checked once and bound anew into each statement."""

    own_account: int | None
    viewer_id: int
    unit_ids: list[int]
    status: str | None
    overdue: bool | None
    officer_id: int | None
    id_suffix: str | None
    id_whole: str | None
    name_part: str | None
    as_of: datetime

    def where(self, bind: sql.Binder) -> list[str]:
        terms: list[str] = []
        if self.own_account is not None:
            terms.append(f"account_id = {bind(self.own_account)}")
        else:
            terms.append(f"org_unit_id IN ({bind.many(self.unit_ids)})")
        if self.status is not None:
            terms.append(f"status = {bind(self.status)}")
        if self.overdue is not None:
            overdue = _in_group(bind, GROUP_OVERDUE, self.as_of)
            terms.append(f"({overdue})" if self.overdue else f"NOT ({overdue})")
        if self.officer_id is not None:
            terms.append(f"officer_id = {bind(self.officer_id)}")
        # The ORM's own spellings of endswith and icontains, so both databases
        # match alike: LIKE with the term's wildcards escaped.
        if self.id_suffix is not None:
            terms.append(f"id_number LIKE {bind('%' + escape_like(self.id_suffix))} ESCAPE '\\'")
        if self.id_whole is not None:
            # Equality on the indexed column: the whole number, never a LIKE.
            terms.append(f"id_number = {bind(self.id_whole)}")
        if self.name_part is not None:
            like = bind(f"%{escape_like(self.name_part)}%")
            terms.append(f"UPPER(full_name) LIKE UPPER({like}) ESCAPE '\\'")
        if (self.name_part is not None or self.id_whole is not None) and self.own_account is None:
            # A minor's name and ID are confidential (社区矫正法 Art. 54,
            # minors.py): a search by either finds a minor case only for those
            # who may know it, or the list would confirm what its masked
            # entry hides.
            v = bind(self.viewer_id)
            designated = f"SELECT person_id FROM minor_case_staff WHERE user_id = {v}"  # noqa: S608
            terms.append(f"(NOT minor_at_start OR officer_id = {v} OR id IN ({designated}))")
        return terms


async def _criteria(
    call: Call, viewer: Viewer, filter: PersonFilter, as_of: datetime
) -> _Criteria | None:
    """The filters, or None when the viewer's scope holds no office at all."""
    own_account = viewer.id if viewer.role is Role.SUPERVISED_PERSON else None
    unit_ids = [] if own_account is not None else await scope.corrections_unit_ids(call)
    id_suffix = id_whole = name_part = None
    if term := search_term(filter.search, "filter.search", max_len=50):
        digits = "".join(term.translate(FULL_WIDTH).split())
        if _ID_DIGITS.fullmatch(digits):
            if len(digits) == WHOLE_ID_LENGTH:
                # Checked as at enrolment: a wrong check character is told as such.
                today = periods.local_day(call.now)
                id_whole = resident_id(digits, "filter.search", today=today)
            elif len(digits) > VISIBLE_ID_DIGITS:
                raise BadInput("SEARCH_ID_DIGITS", field="filter.search", digits=VISIBLE_ID_DIGITS)
            else:
                id_suffix = digits.upper()
        else:
            name_part = term
    if own_account is None and not unit_ids:
        return None
    return _Criteria(
        own_account=own_account,
        viewer_id=viewer.id,
        unit_ids=unit_ids,
        status=filter.status.value if filter.status is not None else None,
        overdue=filter.overdue,
        officer_id=filter.officer_id,
        id_suffix=id_suffix,
        id_whole=id_whole,
        name_part=name_part,
        as_of=as_of,
    )


@dataclass(frozen=True)
class Tally:
    """Of the listing's persons, how many are absconded and how many overdue
    (the caseload's summary line); no one is counted in both."""

    absconded: int
    overdue: int


async def list_persons(
    call: Call,
    *,
    limit: int,
    after: CaseloadPosition | None,
    filter: PersonFilter,
    tally: bool = False,
) -> tuple[paging.Page[SupervisedPerson], Tally | None]:
    """The viewer's caseload, keyset-paginated on (group, next due, id), and
    with `tally` its counts of absconded and overdue persons."""
    viewer = scope.require_role(call, scope.CORRECTIONS_READERS)
    as_of = after.as_of if after is not None else call.now
    criteria = await _criteria(call, viewer, filter, as_of)
    if criteria is None:
        return paging.empty(as_of=as_of), (Tally(0, 0) if tally else None)
    conn = sql.connection()
    bind = sql.Binder(conn)
    where = " AND ".join(criteria.where(bind))
    count = f"SELECT COUNT(*) AS n FROM supervised_person WHERE {where}"  # noqa: S608
    if tally:
        # Asked in the same statement as the total, so the summary costs no
        # round trip: each count an index range of its own group, the filters'
        # placeholders named again rather than bound anew (sql.Binder numbers them).
        absconded = _in_group(bind, GROUP_ABSCONDED, as_of)
        overdue = _in_group(bind, GROUP_OVERDUE, as_of)
        per_group = "(SELECT COUNT(*) FROM supervised_person WHERE {} AND {})"
        count = (
            f"SELECT COUNT(*) AS n, {per_group.format(where, absconded)} AS absconded,"  # noqa: S608
            f" {per_group.format(where, overdue)} AS overdue"
            f" FROM supervised_person WHERE {where}"
        )
    _, counted = await conn.execute_query(count, bind.values)
    total = int(counted[0]["n"])
    tallied = Tally(int(counted[0]["absconded"]), int(counted[0]["overdue"])) if tally else None
    # Each group an index range in (next due, id) order with its own LIMIT:
    # the page costs the same whatever the caseload's size, where one ORDER BY
    # over a computed group would sort every row in scope. Once a page and one
    # more row are found, hasNextPage is known and the later groups are not
    # asked. The absconded, a handful in an office, share the overdue's
    # statement, so putting them first costs no round trip.
    rows: list[SupervisedPerson] = []
    first_group = after.group if after is not None else GROUPS[0]
    for groups in _STATEMENTS:
        asked = [g for g in groups if g >= first_group]
        if not asked or len(rows) > limit:
            continue
        bind = sql.Binder(conn)
        wanted = limit + 1 - len(rows)
        parts = [
            _group_page(
                bind,
                criteria,
                group,
                (after.due, after.id) if after is not None and group == after.group else None,
                wanted,
            )
            for group in asked
        ]
        text = parts[0] if len(parts) == 1 else _in_group_order(parts, bind(wanted))
        rows += await sql.models(SupervisedPerson, text, bind.values)
    page = paging.page_of(rows, limit, lambda p: position_of(p, as_of), total=total, as_of=as_of)
    return page, tallied


# The groups read in one statement each.
_STATEMENTS = ((GROUP_ABSCONDED, GROUP_OVERDUE), (GROUP_ACTIVE,), (GROUP_INACTIVE,))


def _in_group_order(parts: Sequence[str], limit: str) -> str:
    """The absconded's and the overdue's pages as one, absconded first."""
    wrapped = (f"SELECT * FROM ({part}) AS part_{n}" for n, part in enumerate(parts))  # noqa: S608
    union = " UNION ALL ".join(wrapped)
    first = f"CASE WHEN status = '{_ABSCONDED}' THEN 0 ELSE 1 END"
    return f"SELECT * FROM ({union}) AS urgent ORDER BY {first}, next_due_at, id LIMIT {limit}"  # noqa: S608


def _group_page(
    bind: sql.Binder,
    criteria: _Criteria,
    group: int,
    after_row: tuple[datetime, int] | None,
    wanted: int,
) -> str:
    """One group's rows in (next due, id) order after the cursor's row."""
    terms = criteria.where(bind)
    if after_row is not None:
        due, last_id = bind(_at(after_row[0])), bind(after_row[1])
        terms.append(f"(next_due_at > {due} OR (next_due_at = {due} AND id > {last_id}))")
    where, limit = " AND ".join(terms), bind(wanted)
    select = sql.select_all(SupervisedPerson)
    order = f"ORDER BY next_due_at, id LIMIT {limit}"
    if group != GROUP_INACTIVE:
        return f"{select} WHERE {where} AND {_in_group(bind, group, criteria.as_of)} {order}"
    # The ended statuses are several ranges of the status index: each is read
    # in order with its own LIMIT and the few rows merged, where
    # `status <> 'ACTIVE'` is no index range and sorts every such row in scope.
    parts = [
        f"SELECT * FROM ({select} WHERE {where} AND status = '{status}' {order}) AS ended_{n}"  # noqa: S608
        for n, status in enumerate(_INACTIVE)
    ]
    return f"{' UNION ALL '.join(parts)} {order}"


async def persons_by_id(ids: Collection[int]) -> list[SupervisedPerson]:
    """For a check-in's person: reached through a check-in the viewer already sees."""
    return await sql.by_ids(SupervisedPerson, ids)


async def last_check_ins(persons: Sequence[tuple[int, datetime | None]]) -> dict[int, CheckIn]:
    """The report each person's schedule runs from (the newest not rejected, not
    a home visit), in one query."""
    wanted = {pid: at for pid, at in persons if at is not None}
    if not wanted:
        return {}
    bind = sql.Binder(sql.connection())
    # One (person_id, captured_at) index probe per person. A row-value IN over
    # VALUES would scan the table on SQLite, and two IN lists would probe
    # every person with every time.
    pairs = " OR ".join(
        f"(person_id = {bind(pid)}"
        f" AND captured_at = {bind(sql.db_value(CheckIn, 'captured_at', at))})"
        for pid, at in wanted.items()
    )
    text = (
        f"{sql.select_all(CheckIn)} WHERE ({pairs}) AND status <> '{_REJECTED}'"
        f" AND kind <> '{_HOME_VISIT}' ORDER BY id"
    )
    found: dict[int, CheckIn] = {}
    for row in await sql.models(CheckIn, text, bind.values):
        found[row.person_id] = row  # the later id wins a tie
    return found
