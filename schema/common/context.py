"""The per-request context: the domain call and the request's DataLoaders."""

from __future__ import annotations

from functools import cached_property

from strawberry.types import Info as _Info

from api.domain.common.call import Call
from api.domain.notices.push_keys import VapidKeyring
from schema.accounts import loaders as accounts
from schema.corrections import education_loaders as education
from schema.corrections import loaders as corrections
from schema.legal_aid import closing_loaders as legal_aid_closing
from schema.legal_aid import loaders as legal_aid
from schema.legal_aid import procedure_loaders as legal_aid_procedure
from schema.mediation import loaders as mediation
from schema.mediation import source_loaders as mediation_sources
from schema.resettlement import loaders as resettlement


class Loaders:
    """The DataLoaders of one request, by relation (each area's loaders.py), each
    made when the request first asks for it: one that reads no relation
    makes none."""

    org_unit_by_id = cached_property(lambda _: accounts.OrgUnitById())
    org_unit_children = cached_property(lambda _: accounts.OrgUnitChildren())
    user_by_id = cached_property(lambda _: accounts.UserById())
    person_by_id = cached_property(lambda _: corrections.PersonById())
    last_check_in_by_person = cached_property(lambda _: corrections.LastCheckInByPerson())
    search_records_by_person = cached_property(lambda _: corrections.SearchRecordsByPerson())
    search_actions_by_record = cached_property(lambda _: corrections.SearchActionsByRecord())
    minor_staff_by_person = cached_property(lambda _: corrections.MinorStaffByPerson())
    minor_details_by_person = cached_property(lambda _: corrections.MinorDetailsByPerson())
    identity_by_check_in = cached_property(lambda _: corrections.IdentityByCheckIn())
    leave_evidence_by_leave = cached_property(lambda _: corrections.LeaveEvidenceByLeave())
    dispute_by_id = cached_property(lambda _: mediation.DisputeById())
    parties_by_dispute = cached_property(lambda _: mediation.PartiesByDispute())
    visit_count_by_dispute = cached_property(lambda _: mediation.VisitCountByDispute())
    visits_by_dispute = cached_property(lambda _: mediation.VisitsByDispute())
    terms_by_agreement = cached_property(lambda _: mediation.TermsByAgreement())
    signatures_by_agreement = cached_property(lambda _: mediation.SignaturesByAgreement())
    return_visits_by_agreement = cached_property(lambda _: mediation.ReturnVisitsByAgreement())
    history_by_request = cached_property(lambda _: legal_aid.HistoryByRequest())
    return_calls_by_request = cached_property(lambda _: legal_aid_closing.ReturnCallsByRequest())
    file_reviews_by_request = cached_property(lambda _: legal_aid_closing.FileReviewsByRequest())
    legal_aid_request_by_id = cached_property(lambda _: legal_aid_closing.RequestById())
    renewals_by_monitoring = cached_property(lambda _: education.RenewalsByMonitoring())
    activity_by_id = cached_property(lambda _: education.ActivityById())
    attendance_by_activity = cached_property(lambda _: education.AttendanceByActivity())
    help_by_person = cached_property(lambda _: education.HelpByPerson())
    wellbeing_by_check_in = cached_property(lambda _: education.WellbeingByCheckIn())
    attention_by_person = cached_property(lambda _: education.AttentionByPerson())
    source_by_dispute = cached_property(lambda _: mediation_sources.SourceByDispute())
    extensions_by_dispute = cached_property(lambda _: mediation_sources.ExtensionsByDispute())
    refusal_by_dispute = cached_property(lambda _: mediation_sources.RefusalByDispute())
    failure_by_dispute = cached_property(lambda _: mediation_sources.FailureByDispute())
    police_reports_by_dispute = cached_property(
        lambda _: mediation_sources.PoliceReportsByDispute()
    )
    receptions_by_record = cached_property(lambda _: resettlement.ReceptionsByRecord())
    contacts_by_record = cached_property(lambda _: resettlement.ContactsByRecord())
    helps_by_record = cached_property(lambda _: resettlement.HelpsByRecord())
    contact_requests_by_record = cached_property(lambda _: resettlement.ContactRequestsByRecord())
    aid_procedure = cached_property(lambda _: legal_aid_procedure.ProcedureLoaders())


class Context:
    def __init__(self, call: Call, vapid: VapidKeyring) -> None:
        self.call = call
        self.loaders = Loaders()
        # The app's VAPID key, made at start; never a module global.
        self.vapid = vapid


Info = _Info[Context, None]
