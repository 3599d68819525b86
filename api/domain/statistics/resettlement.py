"""Resettlement's figures of the month (安置帮教), counted at the office."""

from __future__ import annotations

from datetime import datetime

from api.domain.common import scope
from api.domain.common.call import Call
from api.domain.statistics.month import Month
from api.domain.statistics.registry import (
    AreaStatistics,
    Counts,
    Figure,
    Query,
    merge,
    register,
    when,
)
from api.models.enums import ResettlementHelpKind, ResettlementSource, Role
from api.models.resettlement import (
    ResettlementContact,
    ResettlementHelp,
    ResettlementReception,
    ResettlementRecord,
)

HELP_WORDS = {
    ResettlementHelpKind.EMPLOYMENT: ("就业", "Employment"),
    ResettlementHelpKind.HOUSING: ("住房", "Housing"),
    ResettlementHelpKind.SUBSISTENCE: ("低保", "Subsistence allowance"),
    ResettlementHelpKind.HEALTH: ("医疗", "Health"),
    ResettlementHelpKind.OTHER: ("其他", "Other"),
}

FIGURES = (
    Figure("notices", "本月收到释放通知", "Release notices"),
    Figure("notices_late", "其中通知晚于规定", "Of which late"),
    Figure("received", "本月衔接接收", "Met on release"),
    Figure("picked_up", "其中接回", "Of which picked up"),
    Figure("not_arrived", "本月未按时衔接", "Did not arrive"),
    Figure("from_corrections", "本月解除矫正转入", "From community correction"),
    Figure("in_assistance_end", "月末在帮教期", "In assistance at month end"),
    Figure("contacts", "本月联系走访", "Contacts"),
    *(
        Figure(f"help_{k.value.lower()}", f"帮扶：{zh}", f"Help: {en}")
        for k, (zh, en) in HELP_WORDS.items()
    ),
)


async def compute(root: str, month: Month, as_of: datetime) -> Counts:
    return merge(
        await _records(root, month),
        await _receptions(root, month),
        await _contacts(root, month),
        await _helps(root, month),
    )


async def _records(root: str, month: Month) -> Counts:
    q = Query()

    def day(field: str, value: object) -> str:
        return q.value(ResettlementRecord, field, value)

    first, last = month.first_day, month.last_day
    notice = (
        f"r.notice_received_on >= {day('notice_received_on', first)}"
        f" AND r.notice_received_on <= {day('notice_received_on', last)}"
    )
    figures = [
        when(notice, "notices"),
        when(f"{notice} AND r.notice_late = TRUE", "notices_late"),
        when(
            f"r.source = {q(ResettlementSource.PRISON.value)}"
            f" AND r.received_on >= {day('received_on', first)}"
            f" AND r.received_on <= {day('received_on', last)}",
            "received",
        ),
        when(
            f"r.not_arrived_on >= {day('not_arrived_on', first)}"
            f" AND r.not_arrived_on <= {day('not_arrived_on', last)}",
            "not_arrived",
        ),
        when(
            f"r.source = {q(ResettlementSource.COMMUNITY_CORRECTION.value)}"
            f" AND r.released_on >= {day('released_on', first)}"
            f" AND r.released_on <= {day('released_on', last)}",
            "from_corrections",
        ),
        # Met (or released from correction) by the month's last day and the
        # five years not yet over on it.
        when(
            f"r.received_on <= {day('received_on', last)}"
            f" AND r.assistance_ends_on >= {day('assistance_ends_on', last)}",
            "in_assistance_end",
        ),
    ]
    text = (
        f"SELECT r.org_unit_id AS unit, {', '.join(figures)}"  # noqa: S608
        " FROM resettlement_record r JOIN org_unit u ON u.id = r.org_unit_id"
        f" WHERE {q.under('u.path', root)}"
        " GROUP BY r.org_unit_id"
    )
    return await q.counts(text)


async def _receptions(root: str, month: Month) -> Counts:
    q = Query()
    first = q.value(ResettlementReception, "happened_on", month.first_day)
    last = q.value(ResettlementReception, "happened_on", month.last_day)
    text = (
        "SELECT r.org_unit_id AS unit, COUNT(*) AS picked_up"  # noqa: S608
        " FROM resettlement_reception c JOIN resettlement_record r ON r.id = c.record_id"
        " JOIN org_unit u ON u.id = r.org_unit_id"
        f" WHERE {q.under('u.path', root)} AND c.met = TRUE AND c.picked_up = TRUE"
        f" AND c.happened_on >= {first} AND c.happened_on <= {last}"
        " GROUP BY r.org_unit_id"
    )
    return await q.counts(text)


async def _contacts(root: str, month: Month) -> Counts:
    q = Query()
    first = q.value(ResettlementContact, "contacted_on", month.first_day)
    last = q.value(ResettlementContact, "contacted_on", month.last_day)
    text = (
        "SELECT r.org_unit_id AS unit, COUNT(*) AS contacts"  # noqa: S608
        " FROM resettlement_contact c JOIN resettlement_record r ON r.id = c.record_id"
        " JOIN org_unit u ON u.id = r.org_unit_id"
        f" WHERE {q.under('u.path', root)}"
        f" AND c.contacted_on >= {first} AND c.contacted_on <= {last}"
        " GROUP BY r.org_unit_id"
    )
    return await q.counts(text)


async def _helps(root: str, month: Month) -> Counts:
    q = Query()
    first = q.value(ResettlementHelp, "given_on", month.first_day)
    last = q.value(ResettlementHelp, "given_on", month.last_day)
    figures = [
        when(f"h.kind = {q(kind.value)}", f"help_{kind.value.lower()}") for kind in HELP_WORDS
    ]
    text = (
        f"SELECT r.org_unit_id AS unit, {', '.join(figures)}"  # noqa: S608
        " FROM resettlement_help h JOIN resettlement_record r ON r.id = h.record_id"
        " JOIN org_unit u ON u.id = r.org_unit_id"
        f" WHERE {q.under('u.path', root)} AND h.given_on >= {first} AND h.given_on <= {last}"
        " GROUP BY r.org_unit_id"
    )
    return await q.counts(text)


async def visible(call: Call, unit_id: int) -> bool:
    viewer = scope.require_viewer(call)
    if viewer.role is Role.ADMIN:
        return await scope.unit_in_scope(call, unit_id)
    return unit_id in await scope.resettlement_unit_ids(call)


AREA = register(
    AreaStatistics("resettlement", "安置帮教", "Resettlement", FIGURES, compute, visible)
)
