"""The deadlines of the legal-aid procedure, counted in days as the law counts them.

法律援助法 Art. 43: the centre decides "自收到法律援助申请之日起七日内": the
day of receipt is not counted, so the decision is due by the end of the 7th
day after it, in local time; calendar days, weekends included. While the
missing materials of a 一次性告知 (Art. 43 ¶2) are awaited the clock stands
still (办理法律援助案件程序规定 (2023): the time to supply them is not counted;
the text could not be checked here, so this follows the issue's reading): the
days counted before the notice are kept, and counting starts again the day
after the materials came, as after a receipt.

The same count gives the 3 days to assign a notified case (Art. 36) and the
5 days of the bureau's review of an objection (Art. 49).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

# 法律援助法 Art. 43 ¶1: 七日内 a decision.
DECISION_DAYS = 7
# 法律援助法 Art. 43 ¶1, Art. 36: 三日内 assign after the decision or the notice.
ASSIGNMENT_DAYS = 3
# 法律援助法 Art. 49 ¶2: the bureau reviews an objection 五日内.
OBJECTION_REVIEW_DAYS = 5

Pause = tuple[datetime, datetime | None]


def end_of_day(day: date, tz: ZoneInfo) -> datetime:
    """The first moment after `day` in local time: a deadline "by the end of
    the day" has passed from then on."""
    return datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz).astimezone(UTC)


def days_after(received_at: datetime, days: int, tz_name: str) -> datetime:
    """The end of the `days`-th day after the day of `received_at` (that day not counted)."""
    tz = ZoneInfo(tz_name)
    return end_of_day(received_at.astimezone(tz).date() + timedelta(days=days), tz)


def decision_due(
    received_at: datetime, pauses: Iterable[Pause], tz_name: str, days: int = DECISION_DAYS
) -> datetime | None:
    """When the decision is due, given the materials notices (requested, supplied)
    in order; None while one is still open (the clock stands still).

    The day a notice goes out counts (the centre reviewed that day); the day
    the materials come does not (it is a new receipt)."""
    tz = ZoneInfo(tz_name)
    counted_from = received_at.astimezone(tz).date()
    left = days
    for stopped, restarted in sorted(pauses, key=lambda p: p[0]):
        stop_day = stopped.astimezone(tz).date()
        used = (stop_day - counted_from).days
        if used >= left:
            # The time had run out before the notice: it cannot give it back.
            break
        left -= max(used, 0)
        if restarted is None:
            return None
        counted_from = max(counted_from, restarted.astimezone(tz).date())
    return end_of_day(counted_from + timedelta(days=left), tz)
