"""The per-request context: the domain call and the request's DataLoaders."""

from __future__ import annotations

from functools import cached_property

from strawberry.types import Info as _Info

from api.domain.common.call import Call
from api.domain.notices.push_keys import VapidKeyring
from schema import loaders as ld


class Loaders:
    """The DataLoaders of one request, by relation (schema/loaders.py), each
    made when the request first asks for it: one that reads no relation
    makes none."""

    org_unit_by_id = cached_property(lambda _: ld.OrgUnitById())
    org_unit_children = cached_property(lambda _: ld.OrgUnitChildren())
    user_by_id = cached_property(lambda _: ld.UserById())
    person_by_id = cached_property(lambda _: ld.PersonById())
    last_check_in_by_person = cached_property(lambda _: ld.LastCheckInByPerson())
    dispute_by_id = cached_property(lambda _: ld.DisputeById())
    parties_by_dispute = cached_property(lambda _: ld.PartiesByDispute())
    visit_count_by_dispute = cached_property(lambda _: ld.VisitCountByDispute())
    visits_by_dispute = cached_property(lambda _: ld.VisitsByDispute())
    history_by_request = cached_property(lambda _: ld.HistoryByRequest())


class Context:
    def __init__(self, call: Call, vapid: VapidKeyring) -> None:
        self.call = call
        self.loaders = Loaders()
        # The app's VAPID key, made at start; never a module global.
        self.vapid = vapid


Info = _Info[Context, None]
