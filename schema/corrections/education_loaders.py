"""The DataLoaders of electronic positioning, education, help and the
check-in's wellbeing answers."""

from __future__ import annotations

from api.domain.corrections import education, help, monitoring, wellbeing
from api.models.education import ActivityAttendance, CheckInWellbeing, EducationActivity, HelpRecord
from api.models.monitoring import MonitoringRenewal
from schema.common.loader import Loader, by_key


class RenewalsByMonitoring(Loader[int, list[MonitoringRenewal]]):
    async def fetch(self, keys: list[int]) -> list[list[MonitoringRenewal]]:
        found = await monitoring.renewals_of(keys)
        return [found[k] for k in keys]


class ActivityById(Loader[int, EducationActivity | None]):
    async def fetch(self, keys: list[int]) -> list[EducationActivity | None]:
        return by_key(await education.activities_by_id(keys), keys, lambda a: a.id)


class AttendanceByActivity(Loader[int, list[ActivityAttendance]]):
    async def fetch(self, keys: list[int]) -> list[list[ActivityAttendance]]:
        found = await education.attendance_of(keys)
        return [found[k] for k in keys]


class HelpByPerson(Loader[int, list[HelpRecord]]):
    async def fetch(self, keys: list[int]) -> list[list[HelpRecord]]:
        found = await help.help_of(keys)
        return [found[k] for k in keys]


class WellbeingByCheckIn(Loader[int, CheckInWellbeing | None]):
    async def fetch(self, keys: list[int]) -> list[CheckInWellbeing | None]:
        return by_key(await wellbeing.of_check_ins(keys), keys, lambda w: w.check_in_id)


class AttentionByPerson(Loader[int, CheckInWellbeing | None]):
    """Each person's oldest answer still waiting for the officer."""

    async def fetch(self, keys: list[int]) -> list[CheckInWellbeing | None]:
        found = await wellbeing.open_of_persons(keys)
        return [found.get(k) for k in keys]
