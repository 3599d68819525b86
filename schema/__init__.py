"""The GraphQL schema: Strawberry types per area, merged into one Query and Mutation."""

from __future__ import annotations

from functools import partial
from typing import Any

from graphql import GraphQLError
from strawberry import Schema
from strawberry.schema.config import StrawberryConfig
from strawberry.tools import merge_types

from api.domain.common.errors import DomainError
from schema.accounts.admin import AdminMutation, AdminQuery
from schema.accounts.mutations import AccountsMutation
from schema.accounts.phone import PhoneMutation, PhoneQuery
from schema.accounts.queries import AccountsQuery
from schema.accounts.sessions import SessionsMutation, SessionsQuery
from schema.accounts.two_factor import TwoFactorMutation
from schema.audit import AuditQuery
from schema.common.errors import ErrorPolicy
from schema.common.guards import RequestGuards
from schema.common.limits import limit_extensions
from schema.corrections.education import EducationMutation, EducationQuery
from schema.corrections.ending import EndingMutation, EndingQuery
from schema.corrections.identity import IdentityMutation, IdentityQuery
from schema.corrections.intake import IntakeMutation, IntakeQuery
from schema.corrections.intervals import CheckInIntervalsMutation, CheckInIntervalsQuery
from schema.corrections.leave import LeaveMutation, LeaveQuery
from schema.corrections.minors import MinorsMutation
from schema.corrections.monitoring import MonitoringMutation, MonitoringQuery
from schema.corrections.mutations import CorrectionsMutation
from schema.corrections.places import PlacesMutation, PlacesQuery
from schema.corrections.queries import CorrectionsQuery
from schema.corrections.sanctions import SanctionsMutation, SanctionsQuery
from schema.corrections.search import SearchMutation
from schema.dashboard import DashboardQuery
from schema.legal_aid.closing import ClosingMutation, ClosingQuery
from schema.legal_aid.consultations import ConsultationsMutation, ConsultationsQuery
from schema.legal_aid.mutations import LegalAidMutation
from schema.legal_aid.procedure import LegalAidProcedureMutation, LegalAidProcedureQuery
from schema.legal_aid.queries import LegalAidQuery
from schema.mediation.agreements import AgreementsMutation, AgreementsQuery
from schema.mediation.mutations import MediationMutation
from schema.mediation.queries import MediationQuery
from schema.mediation.referrals import ReferralsMutation, ReferralsQuery
from schema.mediation.screening import ScreeningMutation, ScreeningQuery
from schema.notifications import NotificationsMutation, NotificationsQuery
from schema.resettlement.operations import ResettlementMutation, ResettlementQuery
from schema.statistics import StatisticsMutation, StatisticsQuery

QUERIES: tuple[type, ...] = (
    AccountsQuery,
    AuditQuery,
    CorrectionsQuery,
    IntakeQuery,
    EndingQuery,
    CheckInIntervalsQuery,
    PlacesQuery,
    IdentityQuery,
    LeaveQuery,
    SanctionsQuery,
    MediationQuery,
    AgreementsQuery,
    ReferralsQuery,
    ScreeningQuery,
    LegalAidQuery,
    ConsultationsQuery,
    ClosingQuery,
    LegalAidProcedureQuery,
    DashboardQuery,
    NotificationsQuery,
    SessionsQuery,
    PhoneQuery,
    AdminQuery,
    MonitoringQuery,
    EducationQuery,
    ResettlementQuery,
    StatisticsQuery,
)
MUTATIONS: tuple[type, ...] = (
    AccountsMutation,
    CorrectionsMutation,
    IntakeMutation,
    EndingMutation,
    CheckInIntervalsMutation,
    PlacesMutation,
    MediationMutation,
    AgreementsMutation,
    ReferralsMutation,
    ScreeningMutation,
    LegalAidMutation,
    ConsultationsMutation,
    ClosingMutation,
    LegalAidProcedureMutation,
    NotificationsMutation,
    SessionsMutation,
    TwoFactorMutation,
    SearchMutation,
    MinorsMutation,
    PhoneMutation,
    AdminMutation,
    IdentityMutation,
    MonitoringMutation,
    EducationMutation,
    LeaveMutation,
    SanctionsMutation,
    ResettlementMutation,
    StatisticsMutation,
)


class SifasuoSchema(Schema):
    def process_errors(self, errors: list[GraphQLError], execution_context: Any = None) -> None:
        """Log only what is unexpected: coded errors are answers, not faults,
        and ErrorPolicy has already logged each masked one with its id."""
        unexpected = [
            e
            for e in errors
            if e.original_error is not None and not isinstance(e.original_error, DomainError)
        ]
        if unexpected:
            super().process_errors(unexpected, execution_context)


def build_schema(*, development: bool = False) -> Schema:
    """The served schema; built once per app, never per request."""
    query = merge_types("Query", QUERIES)
    mutation = merge_types("Mutation", MUTATIONS)
    return SifasuoSchema(
        query=query,
        mutation=mutation,
        extensions=[
            partial(ErrorPolicy, development=development),
            *limit_extensions(development=development),
            RequestGuards,
        ],
        config=StrawberryConfig(disable_field_suggestions=not development),
    )
