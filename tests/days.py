"""The office's day, as the domain reckons it (China's, api.domain.common.periods).

Never the machine's `date.today()`: from 16:00 UTC on, the office is already
on the next day, and a test that fills in the machine's date would send
yesterday.
"""

from datetime import UTC, date, datetime

from api.domain.common import periods


def office_today() -> date:
    return periods.local_day(datetime.now(UTC))
