"""Every query and mutation of the served schema, called as every role and
anonymously, on an object inside the role's scope (county 1: units a, b, the
legal-aid centre) and outside it (unit x of county 2).

ONE table, MATRIX, holds the expected outcome of each field for each role;
the test is generated from the served schema, so a field without a row fails.
To add a field: one `Row` with the operation, a variables builder (called
afresh for every call, so writes never share state) and the outcomes.

Outcomes: "ok" (data), "empty" (null, false, [] or an empty connection), or
the error's code. A role's outcome is one string (the same inside and out)
or a pair (inside, outside).
"""

from __future__ import annotations

import base64
import io
import itertools
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any

import httpx
import pyotp
import pytest
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat
from PIL import Image

from api.app import create_app
from api.domain.accounts import activation, sign_in, two_factor
from api.domain.common import periods
from api.domain.common.call import Call
from api.domain.common.secrets import token_hash
from api.domain.common.validators import resident_id_check_char
from api.domain.corrections import (
    check_ins,
    education,
    ending,
    enrolment,
    intake,
    leave,
    persons,
    release,
    sanctions,
    violations,
)
from api.domain.legal_aid import (
    closing,
    consultations,
    decisions,
    objections,
    progress,
    quality,
    referrals,
    requests,
    subsidies,
)
from api.domain.mediation import agreements, disputes, screening, sources
from api.domain.notices import subscriptions
from api.domain.resettlement import account as resettlement_account
from api.domain.resettlement import care
from api.domain.resettlement import records as resettlement_records
from api.domain.statistics.month import Month
from api.models.accounts import Session, User
from api.models.agreements import AgreementForm, MediationAgreement
from api.models.consultations import ConsultationCategory
from api.models.corrections import CheckIn, SupervisedPerson
from api.models.education import CheckInWellbeing, ThoughtReport
from api.models.enums import (
    ActivityKind,
    CheckInKind,
    ComplaintKind,
    CorrectionType,
    DecidingBodyType,
    DisputeCategory,
    LegalAidMatter,
    LegalAidStatus,
    MonitoringGround,
    NoticeMethod,
    NoticeRecipient,
    PartyRole,
    ReleaseGround,
    RiskLevel,
    Role,
    SupervisionLevel,
    SupervisionStatus,
)
from api.models.leave import LeaveKind, LeaveRequest
from api.models.legal_aid import LegalAidRequest
from api.models.legal_aid_closing import SubsidyCaseType, SubsidyStage
from api.models.legal_aid_procedure import Objection
from api.models.legal_aid_referrals import ReferralSource
from api.models.mediation import Dispute
from api.models.mediation_sources import (
    DisputeSource,
    DisputeSourceKind,
    ScreeningCampaign,
    ScreeningKind,
)
from api.models.monitoring import ElectronicMonitoring
from api.models.sanctions import Violation, ViolationKind
from schema import build_schema
from tests.conftest import PASSWORD, GraphQLClient, World
from tests.days import office_today

ROLES = (
    "ADMIN",
    # The county correction centre's supervisor (corrections of the county),
    # and the bureau's (mediation and legal aid of the units below it).
    "SUPERVISOR",
    "BUREAU_SUPERVISOR",
    "OFFICER",
    "MEDIATOR",
    "LEGAL_AID_STAFF",
    "LAWYER",
    "SUPERVISED_PERSON",
    "APPLICANT",
    # A released person of office a with an account (安置帮教, at their request).
    "RELEASED_PERSON",
    "ANONYMOUS",
)
# The world's account that plays each role (county 1); None: no token.
ACCOUNT = {
    "ADMIN": "admin",
    "SUPERVISOR": "supervisor",
    "BUREAU_SUPERVISOR": "supervisor_bureau",
    "OFFICER": "officer_a",
    "MEDIATOR": "mediator_a",
    "LEGAL_AID_STAFF": "staff",
    "LAWYER": "lawyer",
    "SUPERVISED_PERSON": "person_a",
    "APPLICANT": "applicant",
    "RELEASED_PERSON": "released_a",
    "ANONYMOUS": None,
}
INSIDE, OUTSIDE = "inside", "outside"
# The unit and the officer that hold the object inside / outside the scope.
UNIT = {INSIDE: "a", OUTSIDE: "x"}
OFFICER = {INSIDE: "officer_a", OUTSIDE: "officer_x"}
# Mediation: the committee and its mediator; legal aid: the centre, an
# applicant, the centre's staff and its lawyer.
COMMITTEE = {INSIDE: "committee_a", OUTSIDE: "committee_x"}
MEDIATOR = {INSIDE: "mediator_a", OUTSIDE: "mediator_x"}
CENTRE = {INSIDE: "legal", OUTSIDE: "legal_x"}
APPLICANT = {INSIDE: "applicant", OUTSIDE: "applicant2"}
CENTRE_STAFF = {INSIDE: "staff", OUTSIDE: "staff_x"}
LAWYER = {INSIDE: "lawyer", OUTSIDE: "lawyer_x"}
_seq = itertools.count(1)


def _b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


# The keys of a browser's push subscription: a P-256 public key and 16 bytes.
P256DH = _b64url(
    ec.generate_private_key(ec.SECP256R1())
    .public_key()
    .public_bytes(Encoding.X962, PublicFormat.UncompressedPoint)
)
PUSH_AUTH = _b64url(bytes(range(16)))


@dataclass
class Fixture:
    """The world, plus one activated supervised person in unit a and one in unit x."""

    world: World
    person_ids: dict[str, int] = field(default_factory=dict)

    def call(self, who: str) -> Call:
        return self.world.call(who)

    def user_id(self, who: str) -> str:
        return str(self.world.users[who].id)

    def unit_id(self, target: str) -> str:
        return str(self.world.units[UNIT[target]].id)

    async def enrol(self, target: str, *, minor: bool = False) -> enrolment.Enrolled:
        """A person of the target unit; with `minor`, born 2005-2014, so a
        minor case at the term's start in 2020."""
        seq = next(_seq)
        born = 2005 + seq % 10 if minor else 1960 + seq % 40
        first17 = f"220102{born}0307{seq % 1000:03d}"
        return await enrolment.enroll_person(
            self.call(OFFICER[target]),
            full_name=f"人{seq}",
            id_number=first17 + resident_id_check_char(first17),
            phone=None,
            # 假释: a term this long is lawful (term_rules.py, 刑法 Art. 83).
            correction_type=CorrectionType.PAROLE,
            supervision_level=SupervisionLevel.NORMAL,
            term_start=date(2020, 1, 1),
            term_end=date(2044, 12, 31),
            org_unit_id=self.world.units[UNIT[target]].id,
            officer_id=None,
            check_in_interval_days=None,
        )

    async def person(self, target: str) -> str:
        return str((await self.enrol(target)).person.id)

    async def pending_intake(self, target: str) -> str:
        """A fresh intake to confirm at the target unit, registered by its officer."""
        seq = next(_seq)
        first17 = f"330102{1960 + seq % 40}0909{seq % 1000:03d}"
        today = office_today()
        row = await intake.register_pending_intake(
            self.call(OFFICER[target]),
            deciding_body_type=DecidingBodyType.COURT,
            deciding_body="人民法院",
            document_number=f"刑初字第{seq}号",
            effective_on=today,
            decision_received_on=None,
            correction_type=CorrectionType.PROBATION,
            org_unit_id=self.world.units[UNIT[target]].id,
            officer_id=None,
            full_name=f"待入矫{seq}",
            id_number=first17 + resident_id_check_char(first17),
            phone=None,
            term_start=today,
            term_end=today + timedelta(days=3 * 365),
            notified_at=None,
            documents_received_at=datetime.now(UTC),
        )
        return str(row.id)

    async def pending_check_in(self, target: str) -> str:
        """A fresh self-report awaiting review, by the activated person of the target unit."""
        who = "person_a" if target == INSIDE else "person_x"
        row = await check_ins.submit_check_in(
            self.call(who),
            client_id=str(uuid.uuid4()),
            person_id=None,
            kind=CheckInKind.SELF_REPORT,
            captured_at=datetime.now(UTC),
            latitude_deg=None,
            longitude_deg=None,
            accuracy=None,
            note=None,
        )
        return str(row.id)

    async def dispute(self, target: str) -> Dispute:
        """A fresh OPEN dispute, registered by the committee's mediator; a unique title."""
        return await disputes.register_dispute(
            self.call(MEDIATOR[target]),
            client_id=str(uuid.uuid4()),
            title=f"纠纷{next(_seq):06d}",
            category=DisputeCategory.NEIGHBOR,
            description="邻里纠纷",
            risk_level=RiskLevel.LOW,
            parties=[disputes.PartyInput(name="甲", role=PartyRole.APPLICANT)],
            org_unit_id=self.world.units[COMMITTEE[target]].id,
            mediator_id=None,
        )

    async def agreement(self, target: str, form: AgreementForm) -> MediationAgreement:
        """A fresh agreement in a fresh dispute of the target's committee (an oral
        one is in effect at once, so judicial confirmation may be applied for)."""
        dispute = await self.dispute(target)
        now = datetime.now(UTC)
        return await agreements.record_agreement(
            self.call(MEDIATOR[target]),
            client_id=str(uuid.uuid4()),
            dispute_id=dispute.id,
            form=form,
            status_matter=None,
            parties=[
                agreements.AgreementPartyInput("甲", PartyRole.APPLICANT),
                agreements.AgreementPartyInput("乙", PartyRole.RESPONDENT),
            ],
            facts="院墙",
            responsibilities="各半",
            terms=[agreements.TermInput("乙", "拆墙", "自行拆除", now.date() + timedelta(days=9))],
            agreed_at=now - timedelta(minutes=1),
        )

    async def legal_aid_request(
        self, target: str, upto: LegalAidStatus = LegalAidStatus.SUBMITTED
    ) -> LegalAidRequest:
        """A fresh request of the target's applicant to its centre, taken as far as
        `upto` (APPROVED, ASSIGNED to the centre's lawyer); a unique applicant name."""
        request = await requests.submit_request(
            self.call(APPLICANT[target]),
            requests.RequestInput(
                client_id=str(uuid.uuid4()),
                applicant_name=f"申请人{next(_seq):06d}",
                applicant_phone="13800138000",
                applicant_id_number=None,
                matter=LegalAidMatter.WAGE_ARREARS,
                special_groups=[],
                description="拖欠工资",
                household_size=1,
                monthly_household_income=Decimal(1000),
                org_unit_id=self.world.units[CENTRE[target]].id,
            ),
        )
        staff = self.call(CENTRE_STAFF[target])
        if upto in (LegalAidStatus.APPROVED, LegalAidStatus.ASSIGNED):
            request = await decisions.decide(staff, request.id, True, "符合条件")
        if upto is LegalAidStatus.ASSIGNED:
            lawyer = self.world.users[LAWYER[target]]
            request = await decisions.assign(staff, request.id, lawyer.id)
        return request

    async def push_endpoint(self, who: str) -> str:
        """A fresh push subscription of this account; its endpoint."""
        endpoint = f"http://127.0.0.1/push/{next(_seq)}"
        await subscriptions.register_subscription(
            self.call(who), endpoint=endpoint, p256dh=P256DH, auth=PUSH_AUTH, expiration_time=None
        )
        return endpoint

    async def totp_secret(self, role: str) -> str | None:
        """Begin an enrolment for the role's account (staff only), as one
        without a factor does (an earlier row may have enrolled it, and
        replacing a factor needs its code); the new secret."""
        who = ACCOUNT[role]
        if who is None or Role(self.world.users[who].role).is_public:
            return None
        await User.filter(id=self.world.users[who].id).update(totp_secret=None)
        return (await two_factor.begin_enrolment(self.call(who))).secret

    async def enrolled_totp(self, role: str) -> str:
        """Enrol the role's account; a code of the next step, good once."""
        secret = await self.totp_secret(role)
        if secret is None:
            return "000000"
        await two_factor.confirm_enrolment(self.call(ACCOUNT[role] or ""), _code(secret))
        return _code(secret, 1)


def _code(secret: str, steps: int = 0) -> str:
    return pyotp.TOTP(secret).at(datetime.now(UTC).timestamp() + 30 * steps)


Variables = Callable[[Fixture, str, str], Awaitable[dict[str, Any]]]
Outcome = str | tuple[str, str]


async def no_variables(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {}


@dataclass(frozen=True)
class Row:
    operation: str
    expect: dict[str, Outcome]
    variables: Variables = no_variables


def roles(default: Outcome, **overrides: Outcome) -> dict[str, Outcome]:
    """Every role's outcome: `default`, except those named."""
    return {role: overrides.get(role, default) for role in ROLES}


SCOPED = ("ok", "NOT_FOUND")
NOBODY = roles("FORBIDDEN", ANONYMOUS="UNAUTHENTICATED")
ANYONE_SIGNED_IN = roles("ok", ANONYMOUS="UNAUTHENTICATED")
# A bureau's supervisor has the role, so it is never FORBIDDEN: the persons
# of the offices below it are not its area, and read as NOT_FOUND.
CORRECTIONS_STAFF = roles(
    "FORBIDDEN",
    ANONYMOUS="UNAUTHENTICATED",
    OFFICER=SCOPED,
    SUPERVISOR=SCOPED,
    BUREAU_SUPERVISOR="NOT_FOUND",
)
# ... and the correction centre's supervisor has no mediation.
MEDIATION_STAFF = roles(
    "FORBIDDEN",
    ANONYMOUS="UNAUTHENTICATED",
    MEDIATOR=SCOPED,
    OFFICER=SCOPED,
    SUPERVISOR="NOT_FOUND",
    BUREAU_SUPERVISOR=SCOPED,
)
STAFF_ONLY = roles(
    "ok",
    SUPERVISED_PERSON="FORBIDDEN",
    APPLICANT="FORBIDDEN",
    RELEASED_PERSON="FORBIDDEN",
    ANONYMOUS="UNAUTHENTICATED",
)


async def _person_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {"id": await fx.person(target)}


async def _absconded_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    """A person of the target unit marked ABSCONDED (a search record open)."""
    person = (await fx.enrol(target)).person
    await persons.set_supervision_status(
        fx.call(OFFICER[target]), person.id, SupervisionStatus.ABSCONDED, "失联"
    )
    return {"id": str(person.id), "at": datetime.now(UTC).isoformat()}


async def _minor_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    """A minor case of the target unit, its officer the one who enrolled it."""
    person = (await fx.enrol(target, minor=True)).person
    return {"id": str(person.id), "user": fx.user_id(OFFICER[target])}


async def _own_or_other_person(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    if role == "SUPERVISED_PERSON":
        return {"id": str(fx.person_ids[target])}
    return {"id": await fx.person(target)}


async def _unit_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {"unit": fx.unit_id(target)}


async def _enrol_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    seq = next(_seq)
    first17 = f"110101{1960 + seq % 40}0512{seq % 1000:03d}"
    return {
        "i": {
            "fullName": "新人",
            "idNumber": first17 + resident_id_check_char(first17),
            "correctionType": "PROBATION",
            "supervisionLevel": "NORMAL",
            "termStart": "2024-01-01",
            "termEnd": "2028-12-31",
            "orgUnitId": fx.unit_id(target),
        }
    }


async def _check_in_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    own = role == "SUPERVISED_PERSON" and target == INSIDE
    person = None if own else str(fx.person_ids[target])
    kind = "IN_PERSON" if role == "OFFICER" else "SELF_REPORT"
    return {
        "i": {
            "clientId": str(uuid.uuid4()),
            "capturedAt": datetime.now(UTC).isoformat(),
            "personId": person,
            "kind": kind,
            "note": "面谈" if kind == "IN_PERSON" else None,
        }
    }


async def _review_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {"id": await fx.pending_check_in(target)}


def _small_jpeg() -> str:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (64, 64), (200, 160, 120)).save(out, "JPEG")
    return base64.b64encode(out.getvalue()).decode("ascii")


async def _intake_photo_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {
        "i": {
            "clientId": str(uuid.uuid4()),
            "personId": str(fx.person_ids[target]),
            "takenAt": datetime.now(UTC).isoformat(),
            "photo": _small_jpeg(),
        }
    }


async def _activate_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    code = (await fx.enrol(target)).activation_code
    return {"c": code, "u": f"activated.{next(_seq)}"}


async def _sign_up_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {"u": f"applicant.{next(_seq)}"}


async def _org_unit_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    parent = fx.world.units["bureau" if target == INSIDE else "bureau_x"]
    return {
        "i": {"name": f"新单位{next(_seq)}", "kind": "JUSTICE_OFFICE", "parentId": str(parent.id)}
    }


async def _user_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {
        "i": {
            "username": f"new.officer.{next(_seq)}",
            "displayName": "新警官",
            "password": "a long password",
            "role": "OFFICER",
            "orgUnitId": fx.unit_id(target),
        }
    }


async def _session_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    """Inside: a session of the caller's own; outside: another account's."""
    who = ACCOUNT[role] if target == INSIDE and ACCOUNT[role] else "officer_x"
    signed_in = await sign_in.open_session(fx.call(who), fx.world.users[who])
    session = await Session.get(user_id=signed_in.user.id, expires_at=signed_in.expires_at)
    return {"id": str(session.id)}


async def _account_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {"u": fx.user_id("officer_b" if target == INSIDE else "officer_x")}


async def _confirm_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    secret = await fx.totp_secret(role)
    return {"c": _code(secret) if secret else "000000"}


async def _disable_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {"c": await fx.enrolled_totp(role)}


async def _pending_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    await fx.pending_check_in(target)  # something for the list to show
    return {}


async def _pending_intake_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    await fx.pending_intake(target)  # something for the list to show
    return {}


async def _register_intake_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    seq = next(_seq)
    first17 = f"340102{1960 + seq % 40}1010{seq % 1000:03d}"
    day = office_today()
    today = day.isoformat()
    return {
        "i": {
            "decidingBodyType": "COURT",
            "decidingBody": "人民法院",
            "documentNumber": f"刑初字第{seq}号",
            "effectiveOn": today,
            "correctionType": "CONTROL",
            "orgUnitId": fx.unit_id(target),
            "fullName": "新人",
            "idNumber": first17 + resident_id_check_char(first17),
            "termStart": today,
            # 管制: at most 3 years (term_rules.py, 刑法 Art. 38, 69).
            "termEnd": (day + timedelta(days=2 * 365)).isoformat(),
        }
    }


async def _confirm_intake_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    now = datetime.now(UTC).isoformat()
    return {
        "i": {
            "clientId": str(uuid.uuid4()),
            "intakeId": await fx.pending_intake(target),
            "arrivedAt": now,
            "identityChecked": True,
            "documentsChecked": True,
            "fileOpened": True,
            "announcement": {
                "announcedAt": now,
                "attendees": ["警官"],
                "items": ["CRIMINAL_FACTS", "TERM", "RULES"],
            },
            "supervisionLevel": "NORMAL",
        }
    }


async def _dispute_search_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {"s": (await fx.dispute(target)).title}


async def _dispute_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {"id": str((await fx.dispute(target)).id)}


async def _register_dispute_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {
        "i": {
            "clientId": str(uuid.uuid4()),
            "title": "邻里纠纷",
            "category": "NEIGHBOR",
            "description": "院墙",
            "riskLevel": "LOW",
            "parties": [{"name": "甲", "role": "APPLICANT"}],
            "orgUnitId": str(fx.world.units[COMMITTEE[target]].id),
        }
    }


async def _visit_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {
        "i": {
            "clientId": str(uuid.uuid4()),
            "disputeId": str((await fx.dispute(target)).id),
            "visitedAt": datetime.now(UTC).isoformat(),
            "participants": ["甲"],
            "summary": "走访",
            "outcome": "IN_PROGRESS",
        }
    }


async def _agreements_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {"d": str((await fx.agreement(target, AgreementForm.ORAL)).dispute_id)}


async def _agreement_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {"id": str((await fx.agreement(target, AgreementForm.WRITTEN)).id)}


async def _record_agreement_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {
        "i": {
            "clientId": str(uuid.uuid4()),
            "disputeId": str((await fx.dispute(target)).id),
            "form": "ORAL",
            "parties": [{"name": "甲", "role": "APPLICANT"}, {"name": "乙", "role": "RESPONDENT"}],
            "facts": "院墙",
            "responsibilities": "各半",
            "terms": [
                {"obligor": "乙", "content": "拆墙", "way": "自行拆除", "dueOn": "2099-01-01"}
            ],
            "agreedAt": datetime.now(UTC).isoformat(),
        }
    }


async def _signature_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    agreement = await fx.agreement(target, AgreementForm.WRITTEN)
    image = io.BytesIO()
    Image.new("L", (30, 10), 255).save(image, format="PNG")
    return {
        "i": {
            "clientId": str(uuid.uuid4()),
            "agreementClientId": agreement.client_id,
            "signerKind": "PARTY",
            "partyIndex": 0,
            "method": "SIGNATURE",
            "image": base64.b64encode(image.getvalue()).decode(),
            "signedAt": datetime.now(UTC).isoformat(),
        }
    }


async def _seal_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {**(await _agreement_vars(fx, target, role)), "at": datetime.now(UTC).isoformat()}


async def _confirmation_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    agreement = await fx.agreement(target, AgreementForm.ORAL)
    return {"id": str(agreement.id), "on": office_today().isoformat()}


async def _term_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    agreement = await fx.agreement(target, AgreementForm.ORAL)
    term = await agreement.terms.all().first()
    assert term is not None
    return {"id": str(term.id), "on": office_today().isoformat()}


async def _source_dispute(fx: Fixture, target: str, **source: Any) -> Dispute:
    """A fresh dispute of the target's committee, with the source given."""
    return await disputes.register_dispute(
        fx.call(MEDIATOR[target]),
        client_id=str(uuid.uuid4()),
        title=f"纠纷{next(_seq):06d}",
        category=DisputeCategory.NEIGHBOR,
        description="邻里纠纷",
        risk_level=RiskLevel.LOW,
        parties=[disputes.PartyInput(name="甲", role=PartyRole.APPLICANT)],
        org_unit_id=fx.world.units[COMMITTEE[target]].id,
        mediator_id=None,
        source=sources.SourceInput(**source),
    )


async def _overdue_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    """Only a fresh dispute of the target's committee is overdue."""
    dispute = await fx.dispute(target)
    await DisputeSource.all().update(due_on=date(2999, 1, 1))
    await DisputeSource.filter(dispute_id=dispute.id).update(due_on=date(2000, 1, 1))
    return {}


def _now() -> str:
    return datetime.now(UTC).isoformat()


async def _refusal_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    dispute = await fx.dispute(target)
    return {
        "i": {
            "clientId": str(uuid.uuid4()),
            "disputeId": str(dispute.id),
            "partyName": "甲",
            "refusedAt": _now(),
        }
    }


async def _failure_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    dispute = await fx.dispute(target)
    return {
        "i": {
            "clientId": str(uuid.uuid4()),
            "disputeId": str(dispute.id),
            "failedAt": _now(),
            "routesTold": ["LITIGATION"],
        }
    }


async def _police_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    dispute = await fx.dispute(target)
    return {
        "i": {
            "clientId": str(uuid.uuid4()),
            "disputeId": str(dispute.id),
            "reportedAt": _now(),
            "policeBody": "派出所",
        }
    }


async def _extension_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    dispute = await _source_dispute(
        fx,
        target,
        kind=DisputeSourceKind.COURT_DELEGATED,
        referring_body="人民法院",
        reference_number=f"诉前调{next(_seq)}号",
    )
    return {
        "i": {
            "disputeId": str(dispute.id),
            "newDueOn": (office_today() + timedelta(days=90)).isoformat(),
            "partiesConsented": True,
            "note": "双方同意",
        }
    }


async def _committee_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {"unit": str(fx.world.units[COMMITTEE[target]].id)}


BUREAU_SUPERVISOR_OF = {INSIDE: "supervisor_bureau", OUTSIDE: "supervisor_bureau_x"}


async def _campaign(fx: Fixture, target: str) -> str:
    """A campaign of the target's bureau for its committee, the only one."""
    await ScreeningCampaign.all().delete()
    today = office_today()
    campaign = await screening.start_campaign(
        fx.call(BUREAU_SUPERVISOR_OF[target]),
        title="矛盾纠纷排查",
        kind=ScreeningKind.ROUTINE,
        focus="邻里纠纷",
        starts_on=today - timedelta(days=1),
        ends_on=today + timedelta(days=10),
        report_due_on=today + timedelta(days=5),
        org_unit_ids=[fx.world.units[COMMITTEE[target]].id],
    )
    return str(campaign.id)


async def _campaigns_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    await _campaign(fx, target)
    return {}


async def _campaign_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {"id": await _campaign(fx, target)}


async def _start_campaign_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    today = office_today()
    return {
        "i": {
            "title": "集中排查",
            "kind": "CONCENTRATED",
            "focus": "土地纠纷",
            "startsOn": today.isoformat(),
            "endsOn": (today + timedelta(days=10)).isoformat(),
            "reportDueOn": (today + timedelta(days=5)).isoformat(),
            "orgUnitIds": [str(fx.world.units[COMMITTEE[target]].id)],
        }
    }


async def _screening_report_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {
        "i": {
            "clientId": str(uuid.uuid4()),
            "campaignId": await _campaign(fx, target),
            "orgUnitId": str(fx.world.units[COMMITTEE[target]].id),
            "villagesCovered": ["东关村"],
            "zeroReport": True,
        }
    }


async def _request_search_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    request = await fx.legal_aid_request(target, LegalAidStatus.ASSIGNED)
    return {"s": request.applicant_name}


async def _assigned_request_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {"id": str((await fx.legal_aid_request(target, LegalAidStatus.ASSIGNED)).id)}


async def _refused_request(fx: Fixture, target: str) -> LegalAidRequest:
    request = await fx.legal_aid_request(target)
    return await decisions.decide(fx.call(CENTRE_STAFF[target]), request.id, False, "不符合")


async def _objection(fx: Fixture, target: str) -> Objection:
    request = await _refused_request(fx, target)
    return await objections.file_objection(
        fx.call(APPLICANT[target]), request.id, str(uuid.uuid4()), "有异议"
    )


async def _refused_request_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {"id": str((await _refused_request(fx, target)).id), "c": str(uuid.uuid4())}


async def _objection_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {"id": str((await _objection(fx, target)).id)}


async def _objection_list_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {"r": str((await _objection(fx, target)).request_id)}


async def _complaint_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    request = await fx.legal_aid_request(target, LegalAidStatus.ASSIGNED)
    complaint = await progress.file_complaint(
        fx.call(APPLICANT[target]), request.id, str(uuid.uuid4()), ComplaintKind.COMPLAINT, "投诉"
    )
    return {"id": str(complaint.id)}


async def _provider_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {"u": fx.user_id(LAWYER[target])}


async def _materials_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    request = await fx.legal_aid_request(target)
    due = (office_today() + timedelta(days=5)).isoformat()
    return {"id": str(request.id), "d": due, "c": str(uuid.uuid4()), "p": PNG}


async def _assigned_progress_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    request = await fx.legal_aid_request(target, LegalAidStatus.ASSIGNED)
    return {
        "id": str(request.id),
        "i": {
            "clientId": str(uuid.uuid4()),
            "kind": "MEETING",
            "happenedOn": (office_today() - timedelta(days=1)).isoformat(),
            "note": "会见",
        },
        "c": str(uuid.uuid4()),
    }


async def _notified_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {
        "i": {
            "clientId": str(uuid.uuid4()),
            "bodyType": "COURT",
            "bodyName": "青山县人民法院",
            "bodyReference": f"刑{uuid.uuid4().hex[:12]}",
            "ground": "MINOR",
            "defendantName": "王五",
            "description": "盗窃案",
        }
    }


PNG = base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32).decode()


async def _submitted_request_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {"id": str((await fx.legal_aid_request(target)).id)}


async def _approved_request_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    request = await fx.legal_aid_request(target, LegalAidStatus.APPROVED)
    return {"id": str(request.id), "a": fx.user_id(LAWYER[target])}


async def _submit_request_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {
        "i": {
            "clientId": str(uuid.uuid4()),
            "applicantName": "申请人",
            "applicantPhone": "13800138000",
            "matter": "WAGE_ARREARS",
            "description": "拖欠工资",
            "householdSize": 1,
            "monthlyHouseholdIncome": "1000",
            "orgUnitId": str(fx.world.units[CENTRE[target]].id),
        }
    }


async def _centre_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {"unit": str(fx.world.units[CENTRE[target]].id)}


async def _push_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    endpoint = f"http://127.0.0.1/push/{next(_seq)}"
    return {"i": {"endpoint": endpoint, "p256dh": P256DH, "auth": PUSH_AUTH}}


async def _own_push_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    """Inside: an endpoint of the caller's own; outside: another account's."""
    who = ACCOUNT[role] if target == INSIDE and ACCOUNT[role] else "officer_x"
    return {"e": await fx.push_endpoint(who)}


def _end_notices(on: str) -> list[dict[str, str]]:
    return [
        {"recipient": r, "name": "青山县机关", "sentOn": on, "method": "POST"}
        for r in ("DECIDING_BODY", "PROCURATORATE", "POLICE")
    ]


async def _release_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    """A fresh person of the target unit whose term ended yesterday."""
    person = (await fx.enrol(target)).person
    ended = ending.today(fx.call(OFFICER[target])) - timedelta(days=1)
    await SupervisedPerson.filter(id=person.id).update(term_end=ended)
    return {
        "i": {
            "personId": str(person.id),
            "releasedOn": ended.isoformat(),
            "notices": _end_notices(ended.isoformat()),
        }
    }


async def _due_for_release_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    await _release_vars(fx, target, role)  # someone for the list to show
    return {}


async def _terminate_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    on = ending.today(fx.call(OFFICER[target])).isoformat()
    return {
        "i": {
            "personId": await fx.person(target),
            "reason": "DEATH",
            "endedOn": on,
            "notices": _end_notices(on),
        }
    }


async def _propose_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {
        "i": {
            "personId": await fx.person(target),
            "facts": "脱离监管超过一个月",
            "decidingBody": "青山县人民法院",
            "proposedOn": ending.today(fx.call(OFFICER[target])).isoformat(),
        }
    }


async def _ruling_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    """A court's revocation on a new crime, which needs no proposal (法 Art. 46 ¶2)."""
    return {
        "i": {
            "personId": await fx.person(target),
            "decision": "REVOKE",
            "decidingBody": "青山县人民法院",
            "documentNumber": "（2026）青刑初字第1号",
            "decidedOn": ending.today(fx.call(OFFICER[target])).isoformat(),
        }
    }


# ------------------------------------------------------------ consultations, referrals, closing

ADMINS = {INSIDE: "admin", OUTSIDE: "admin_x"}
BUREAU = {INSIDE: "bureau", OUTSIDE: "bureau_x"}


async def _asked(fx: Fixture, target: str) -> str:
    """A question the target's applicant asked its centre online."""
    row = await consultations.ask_question(
        fx.call(APPLICANT[target]),
        client_id=str(uuid.uuid4()),
        org_unit_id=fx.world.units[CENTRE[target]].id,
        category=ConsultationCategory.LABOR,
        question="拖欠工资怎么办？",
        asked_at=datetime.now(UTC),
    )
    return str(row.id)


async def _consultation_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {"id": await _asked(fx, target)}


async def _referral(fx: Fixture, target: str) -> str:
    """A request the centre's staff started from the applicant's question."""
    consultation = int(await _asked(fx, target))
    row = await referrals.refer_legal_aid(
        fx.call(CENTRE_STAFF[target]),
        referrals.ReferralInput(
            client_id=str(uuid.uuid4()),
            source=ReferralSource.CONSULTATION,
            source_id=consultation,
            org_unit_id=fx.world.units[CENTRE[target]].id,
            matter=LegalAidMatter.WAGE_ARREARS,
            description="拖欠工资",
            household_size=1,
            monthly_household_income=Decimal(1000),
            person_phone="13800138000",
        ),
    )
    return str(row.id)


async def _referral_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {"id": await _referral(fx, target), "n": "本人签字的确认书"}


async def _refer_person_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {
        "i": {
            "clientId": str(uuid.uuid4()),
            "source": "CORRECTIONS",
            "sourceId": await fx.person(target),
            "orgUnitId": str(fx.world.units[CENTRE[target]].id),
            "matter": "WAGE_ARREARS",
            "description": "拖欠工资",
            "householdSize": 1,
            "monthlyHouseholdIncome": "1000",
            "personPhone": "13800138000",
        }
    }


async def _ended(fx: Fixture, target: str, *, materials: bool = False) -> int:
    request = await fx.legal_aid_request(target, LegalAidStatus.ASSIGNED)
    lawyer = fx.call(LAWYER[target])
    await closing.record_case_end(lawyer, request.id, periods.local_day(lawyer.now), "判决生效")
    if materials:
        await closing.submit_closing_materials(lawyer, request.id, "判决书副本")
    return request.id


async def _ended_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {"id": str(await _ended(fx, target))}


async def _case_end_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    request = await fx.legal_aid_request(target, LegalAidStatus.ASSIGNED)
    return {"id": str(request.id), "d": periods.local_day(datetime.now(UTC)).isoformat()}


async def _subsidy_table(fx: Fixture, target: str) -> None:
    await subsidies.set_subsidy_standard(
        fx.call(ADMINS[target]),
        fx.world.units[BUREAU[target]].id,
        date(2020, 1, 1),
        [subsidies.Rate(SubsidyCaseType.CIVIL, SubsidyStage.FIRST_INSTANCE, Decimal(2000))],
    )


async def _subsidy_vars(fx: Fixture, target: str, role: str, upto: str = "") -> dict[str, Any]:
    await _subsidy_table(fx, target)
    request_id = await _ended(fx, target, materials=True)
    staff = fx.call(CENTRE_STAFF[target])
    if upto:
        await subsidies.compute_subsidy(
            staff, request_id, SubsidyCaseType.CIVIL, SubsidyStage.FIRST_INSTANCE
        )
    if upto == "APPROVED":
        await subsidies.approve_subsidy(staff, request_id)
    return {"id": str(request_id)}


async def _computed_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return await _subsidy_vars(fx, target, role, "COMPUTED")


async def _approved_subsidy_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return await _subsidy_vars(fx, target, role, "APPROVED")


async def _closed_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {"id": str(await _ended(fx, target, materials=True))}


async def _quality_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    request_id = await _ended(fx, target, materials=True)
    await quality.record_return_call(
        fx.call(CENTRE_STAFF[target]), request_id, reached=True, satisfaction=5, note=None
    )
    return {}


async def _bureau_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    await _subsidy_table(fx, target)
    return {"unit": str(fx.world.units[BUREAU[target]].id)}


# Who may read a consultation or a referral of the centre: its staff and
# lawyers (a referral: staff only), the bureau's supervisors, the asker.
_CONSULTATION_READERS = roles(
    "NOT_FOUND",
    ANONYMOUS="UNAUTHENTICATED",
    BUREAU_SUPERVISOR=SCOPED,
    LEGAL_AID_STAFF=SCOPED,
    LAWYER=SCOPED,
    APPLICANT=SCOPED,
)
# Who answers and refers it: the staff of its own unit.
_ANSWERERS = roles(
    "FORBIDDEN",
    ANONYMOUS="UNAUTHENTICATED",
    SUPERVISOR="NOT_FOUND",
    BUREAU_SUPERVISOR="NOT_FOUND",
    OFFICER="NOT_FOUND",
    LEGAL_AID_STAFF=SCOPED,
    LAWYER=SCOPED,
)
# The referred person confirms from the phone, the centre's staff on paper.
_CONFIRMERS = roles(
    "FORBIDDEN",
    ANONYMOUS="UNAUTHENTICATED",
    LEGAL_AID_STAFF=SCOPED,
    APPLICANT=SCOPED,
    SUPERVISED_PERSON="NOT_FOUND",
)
_CLOSERS = roles("FORBIDDEN", ANONYMOUS="UNAUTHENTICATED", LEGAL_AID_STAFF=SCOPED, LAWYER=SCOPED)
_CENTRE_STAFF = roles("FORBIDDEN", ANONYMOUS="UNAUTHENTICATED", LEGAL_AID_STAFF=SCOPED)
_ADMIN_ONLY = {**NOBODY, "ADMIN": SCOPED}
# A list of the centre's: its staff, lawyers, the bureau and (consultations) the asker.
_CENTRE_LIST = roles(
    "empty",
    ANONYMOUS="UNAUTHENTICATED",
    BUREAU_SUPERVISOR="ok",
    LEGAL_AID_STAFF="ok",
    LAWYER="ok",
)
_CLOSING = """requestId endedOn materialsDueOn materialsOverdue subsidy { amount }
  returnCalls { id } fileReviews { id }"""


async def _value(v: dict[str, Any]) -> dict[str, Any]:
    return v


# ------------------------------------------------------------ positioning, education, help
# The county bureau's head approves electronic positioning (法 Art. 29).
BUREAU_HEAD = {INSIDE: "supervisor_bureau", OUTSIDE: "supervisor_bureau_x"}


async def _monitoring_row(fx: Fixture, target: str, person_id: int) -> ElectronicMonitoring:
    today = ending.today(fx.call(OFFICER[target]))
    return await ElectronicMonitoring.create(
        person_id=person_id,
        ground=MonitoringGround.PROHIBITION_ORDER_BREACH,
        facts="违反禁止令",
        approved_by_id=fx.world.users[BUREAU_HEAD[target]].id,
        approved_on=today,
        approval_document="1",
        starts_on=today,
        ends_on=today + timedelta(days=30),
        recorded_by_id=fx.world.users[OFFICER[target]].id,
        recorded_at=datetime.now(UTC),
    )


async def _monitored_person_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    variables = await _own_or_other_person(fx, target, role)
    await _monitoring_row(fx, target, int(variables["id"]))
    return variables


async def _start_monitoring_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    today = ending.today(fx.call(OFFICER[target])).isoformat()
    return {
        "i": {
            "personId": await fx.person(target),
            "ground": "REVOCATION_PLANNED",
            "facts": "拟提请撤销缓刑",
            "startsOn": today,
            "endsOn": today,
            "approval": {
                "approverId": fx.user_id(BUREAU_HEAD[target]),
                "approvedOn": today,
                "approvalDocument": "青司电定1号",
            },
        }
    }


async def _monitoring_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    row = await _monitoring_row(fx, target, int(await fx.person(target)))
    today = ending.today(fx.call(OFFICER[target]))
    return {
        "id": str(row.id),
        "until": (row.ends_on + timedelta(days=30)).isoformat(),
        "today": today.isoformat(),
        "head": fx.user_id(BUREAU_HEAD[target]),
    }


async def _activity_of(fx: Fixture, target: str, person_id: int) -> str:
    row = await education.record_activity(
        fx.call(OFFICER[target]),
        client_id=str(uuid.uuid4()),
        org_unit_id=fx.world.units[UNIT[target]].id,
        kind=ActivityKind.EDUCATION,
        title="法治教育",
        held_on=ending.today(fx.call(OFFICER[target])),
        hours=2,
        for_minors=False,
        person_ids=[person_id],
    )
    return str(row.id)


async def _person_with_activity_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    variables = await _own_or_other_person(fx, target, role)
    await _activity_of(fx, target, int(variables["id"]))
    return variables


async def _attendance_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    person = await fx.person(target)
    return {"a": await _activity_of(fx, target, int(person)), "p": person}


async def _activity_input_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {
        "i": {
            "clientId": str(uuid.uuid4()),
            "orgUnitId": fx.unit_id(target),
            "kind": "PUBLIC_SERVICE",
            "title": "社区清扫",
            "heldOn": office_today().isoformat(),
            "hours": 2,
        }
    }


async def _report_row(fx: Fixture, target: str, person_id: int) -> ThoughtReport:
    now = datetime.now(UTC)
    return await ThoughtReport.create(
        client_id=str(uuid.uuid4()),
        person_id=person_id,
        month=f"{1000 + next(_seq) % 9000}-01",
        body="思想汇报",
        captured_at=now,
        received_at=now,
        submitted_by_id=fx.world.users[OFFICER[target]].id,
    )


async def _person_with_report_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    variables = await _own_or_other_person(fx, target, role)
    await _report_row(fx, target, int(variables["id"]))
    return variables


async def _report_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {"id": str((await _report_row(fx, target, int(await fx.person(target)))).id)}


async def _thought_report_input_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    now = datetime.now(UTC).isoformat()
    return {"i": {"clientId": str(uuid.uuid4()), "body": "本月汇报", "capturedAt": now}}


async def _wellbeing_row(fx: Fixture, target: str) -> CheckInWellbeing:
    check_in = await CheckIn.get(id=int(await fx.pending_check_in(target)))
    return await CheckInWellbeing.create(
        check_in_id=check_in.id,
        person_id=check_in.person_id,
        mood=1,
        needs_attention=True,
        captured_at=check_in.captured_at,
    )


async def _triage_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    await _wellbeing_row(fx, target)  # something for the list to show
    return {}


async def _wellbeing_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {"id": str((await _wellbeing_row(fx, target)).id)}


READERS_OF_A_PERSON = roles(
    "FORBIDDEN",
    ANONYMOUS="UNAUTHENTICATED",
    OFFICER=SCOPED,
    SUPERVISOR=SCOPED,
    BUREAU_SUPERVISOR="NOT_FOUND",
    SUPERVISED_PERSON=SCOPED,
)


# ------------------------------------------------------------ leave and sanctions


# The leaves' own count: the shared one grows with every enrolment of the run,
# and would carry a leave past the fixture's term end.
_leave_seq = itertools.count(0)


def _leave_days() -> tuple[date, date]:
    """Three days ahead, never overlapping another call's (one leave at a time)."""
    start = office_today() + timedelta(days=2 + 4 * next(_leave_seq))
    return start, start + timedelta(days=2)


async def _a_leave(fx: Fixture, target: str, *, approved: bool = False) -> str:
    start, end = _leave_days()
    if approved:  # under way: from today
        start, end = office_today(), office_today()
        await LeaveRequest.filter(person_id=fx.person_ids[target], starts_on=start).delete()
    row = await leave.request_leave(
        fx.call(OFFICER[target]),
        client_id=str(uuid.uuid4()),
        person_id=fx.person_ids[target],
        kind=LeaveKind.LEAVE,
        starts_on=start,
        ends_on=end,
        destination="北京",
        reason="出差",
        captured_at=datetime.now(UTC),
        evidence=None,
    )
    if approved:
        await leave.decide_leave(
            fx.call(OFFICER[target]), row.id, approve=True, note=None, approving_body=None
        )
    return str(row.id)


async def _own_person_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    """The activated person of the target unit (the SUPERVISED_PERSON's own inside)."""
    return {"id": str(fx.person_ids[target])}


async def _a_violation(fx: Fixture, target: str) -> Violation:
    return await violations.record_violation(
        fx.call(OFFICER[target]),
        fx.person_ids[target],
        kind=ViolationKind.MINOR_BREACH,
        occurred_on=office_today(),
        facts="未经批准会客",
        days=None,
    )


async def _a_sanction(fx: Fixture, target: str) -> str:
    v = await _a_violation(fx, target)
    row = await sanctions.propose_sanction(
        fx.call(OFFICER[target]),
        fx.person_ids[target],
        violation_ids=[v.id],
        measure=None,
        facts="经查属实",
        override_reason=None,
    )
    return str(row.id)


async def _leave_list_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    await _a_leave(fx, target)
    return await _own_person_vars(fx, target, role)


async def _violation_list_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    await _a_violation(fx, target)
    return await _own_person_vars(fx, target, role)


async def _sanction_list_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    await _a_sanction(fx, target)
    return await _own_person_vars(fx, target, role)


async def _praise_list_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    await sanctions.record_praise(
        fx.call(OFFICER[target]),
        fx.person_ids[target],
        praised_on=office_today(),
        facts="见义勇为",
    )
    return await _own_person_vars(fx, target, role)


async def _request_leave_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    start, end = _leave_days()
    return {
        "i": {
            "clientId": str(uuid.uuid4()),
            "personId": str(fx.person_ids[target]),
            "startsOn": start.isoformat(),
            "endsOn": end.isoformat(),
            "destination": "北京",
            "reason": "出差",
            "capturedAt": datetime.now(UTC).isoformat(),
        }
    }


async def _pending_leave_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {"id": await _a_leave(fx, target)}


async def _approved_leave_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {
        "id": await _a_leave(fx, target, approved=True),
        "at": datetime.now(UTC).isoformat(),
        "c": str(uuid.uuid4()),
    }


async def _violation_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {"id": str((await _a_violation(fx, target)).id), "p": str(fx.person_ids[target])}


async def _sanction_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {"id": await _a_sanction(fx, target), "on": office_today().isoformat()}


async def _today_person_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {"id": await fx.person(target), "on": office_today().isoformat()}


# Read by the persons' own and the corrections staff where they work.
CORRECTIONS_READERS = {**CORRECTIONS_STAFF, "SUPERVISED_PERSON": SCOPED}


# ------------------------------------------------------------ resettlement, the monthly report

# The office's officers do the work; the bureau's supervisors oversee it; the
# correction centre's supervisor has the role but none of it (NOT_FOUND).
RESETTLEMENT_STAFF = roles(
    "FORBIDDEN",
    ANONYMOUS="UNAUTHENTICATED",
    OFFICER=SCOPED,
    SUPERVISOR="NOT_FOUND",
    BUREAU_SUPERVISOR=SCOPED,
)
LAST_MONTH = str(Month.of(office_today()).previous())
# The unit of county 2 that stands where each unit of county 1 does.
PARALLEL = {"bureau": "bureau_x", "center": "center_x", "a": "x", "legal": "legal_x"}


async def _resettlement_record(fx: Fixture, target: str, *, met: bool = False) -> str:
    seq = next(_seq)
    first17 = f"440102{1960 + seq % 40}1111{seq % 1000:03d}"
    call = fx.call(OFFICER[target])
    record = await resettlement_records.register_release_notice(
        call,
        full_name=f"释放{seq}",
        id_number=first17 + resident_id_check_char(first17),
        phone=None,
        prison="省监狱",
        expected_release_on=ending.today(call),
        offence="盗窃罪",
        prison_risk_assessment=None,
        risk_grade=RiskLevel.LOW,
        org_unit_id=fx.world.units[UNIT[target]].id,
        officer_id=None,
        notice_received_on=None,
    )
    if met:
        await care.record_reception(
            call,
            client_id=str(uuid.uuid4()),
            record_id=record.id,
            met=True,
            on=ending.today(call),
            met_by="司法所",
            place="监狱",
            picked_up=False,
            released_on=None,
            note=None,
        )
    return str(record.id)


async def _resettlement_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {"id": await _resettlement_record(fx, target)}


async def released_account(fx: Fixture, target: str, username: str) -> int:
    """A met record of the target's office whose person asked for and
    activated an account (as `username`); the record's id."""
    record_id = int(await _resettlement_record(fx, target, met=True))
    issued = await resettlement_account.issue_account_code(
        fx.call(OFFICER[target]), record_id, person_requested=True
    )
    done = await activation.activate_account(
        Call(settings=fx.world.settings), issued.code, username, "a long password"
    )
    fx.world.users[username] = done.user
    return record_id


async def _with_account_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {"id": str(await released_account(fx, target, f"released_{next(_seq)}"))}


async def _resettlement_list_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    await _resettlement_record(fx, INSIDE)  # something for the list to show
    return {}


async def _release_notice_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    seq = next(_seq)
    first17 = f"440102{1960 + seq % 40}1212{seq % 1000:03d}"
    return {
        "i": {
            "fullName": "新释放",
            "idNumber": first17 + resident_id_check_char(first17),
            "prison": "省监狱",
            "expectedReleaseOn": (office_today() + timedelta(days=30)).isoformat(),
            "offence": "盗窃罪",
            "riskGrade": "LOW",
            "orgUnitId": fx.unit_id(target),
        }
    }


async def _reception_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {
        "i": {
            "clientId": str(uuid.uuid4()),
            "recordId": await _resettlement_record(fx, target),
            "met": True,
            "on": ending.today(fx.call(OFFICER[target])).isoformat(),
            "metBy": "司法所",
            "place": "监狱门口",
        }
    }


async def _care_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {
        "client": str(uuid.uuid4()),
        "record": await _resettlement_record(fx, target, met=True),
        "on": ending.today(fx.call(OFFICER[target])).isoformat(),
    }


async def _released_person_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    person = (await fx.enrol(target)).person
    ended = ending.today(fx.call(OFFICER[target])) - timedelta(days=1)
    await SupervisedPerson.filter(id=person.id).update(term_end=ended)
    await release.release_person(
        fx.call(OFFICER[target]),
        person.id,
        ground=ReleaseGround.TERM_ENDED,
        released_on=ended,
        ground_document=None,
        notices=[
            ending.NoticeInput(r, "青山县机关", ended, NoticeMethod.POST) for r in NoticeRecipient
        ],
        note=None,
    )
    return {"id": str(person.id)}


async def _monthly_report_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    return {"unit": fx.unit_id(target), "month": LAST_MONTH}


async def _own_unit_report_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    """The viewer's own unit (the unit head submits), or its parallel in county 2."""
    who = ACCOUNT[role]
    key = _key_of(fx, who) if who and fx.world.users[who].org_unit_id else "a"
    unit = fx.world.units[PARALLEL.get(key, "x") if target == OUTSIDE else key]
    return {"unit": str(unit.id), "month": LAST_MONTH}


def _key_of(fx: Fixture, who: str) -> str:
    unit_id = fx.world.users[who].org_unit_id
    return next((k for k, u in fx.world.units.items() if u.id == unit_id), "a")


MATRIX: dict[str, Row] = {
    # ------------------------------------------------------------ queries
    "Query.viewer": Row("{ viewer { id } }", roles("ok", ANONYMOUS="empty")),
    "Query.orgUnits": Row(
        "{ orgUnits { id } }",
        # A released person's office is in its own record (myResettlement), nothing more.
        roles("ok", APPLICANT="empty", RELEASED_PERSON="empty", ANONYMOUS="UNAUTHENTICATED"),
    ),
    "Query.supervisedPersons": Row(
        "{ supervisedPersons { totalCount abscondedCount overdueCount edges { node { id } } } }",
        roles(
            "FORBIDDEN",
            OFFICER="ok",
            SUPERVISOR="ok",
            BUREAU_SUPERVISOR="empty",
            SUPERVISED_PERSON="ok",
            ANONYMOUS="UNAUTHENTICATED",
        ),
    ),
    "Query.supervisedPerson": Row(
        "query($id: ID!) { supervisedPerson(id: $id) { id residenceLocation { latitude } } }",
        {**CORRECTIONS_STAFF, "SUPERVISED_PERSON": SCOPED},
        _own_or_other_person,
    ),
    "Query.auditLog": Row(
        "{ auditLog { edges { node { id } } } }",
        roles(
            "FORBIDDEN",
            ADMIN="ok",
            SUPERVISOR="ok",
            BUREAU_SUPERVISOR="ok",
            ANONYMOUS="UNAUTHENTICATED",
        ),
    ),
    "Query.dashboard": Row(
        "query($unit: ID) { dashboard(orgUnitId: $unit) { activePersons abscondedPersons } }",
        roles(
            "FORBIDDEN",
            ADMIN=SCOPED,
            SUPERVISOR=SCOPED,
            BUREAU_SUPERVISOR=SCOPED,
            OFFICER=SCOPED,
            ANONYMOUS="UNAUTHENTICATED",
        ),
        _unit_vars,
    ),
    "Query.mySessions": Row("{ mySessions { id current } }", ANYONE_SIGNED_IN),
    "Query.textMessages": Row("{ textMessages { available } }", ANYONE_SIGNED_IN),
    "Query.accounts": Row(
        "{ accounts(first: 5) { edges { node { id } } } }", {**NOBODY, "ADMIN": "ok"}
    ),
    "Query.personsDueForRelease": Row(
        "{ personsDueForRelease { abscondedCount overdueCount edges { node { id } } } }",
        # Out of scope is tested in tests/test_release.py: the list is the viewer's.
        roles(
            "FORBIDDEN",
            OFFICER="ok",
            SUPERVISOR="ok",
            BUREAU_SUPERVISOR="empty",
            ANONYMOUS="UNAUTHENTICATED",
        ),
        _due_for_release_vars,
    ),
    "Query.pendingCheckIns": Row(
        "{ pendingCheckIns { edges { node { id place { distanceMeters far reason } } } } }",
        roles(
            "FORBIDDEN",
            OFFICER="ok",
            SUPERVISOR="ok",
            BUREAU_SUPERVISOR="empty",
            ANONYMOUS="UNAUTHENTICATED",
        ),
        _pending_vars,
    ),
    "Query.pendingIntakes": Row(
        "{ pendingIntakes { totalCount edges { node { id } } } }",
        roles(
            "FORBIDDEN",
            OFFICER="ok",
            SUPERVISOR="ok",
            BUREAU_SUPERVISOR="empty",
            ANONYMOUS="UNAUTHENTICATED",
        ),
        _pending_intake_vars,
    ),
    # Mediation: a mediator sees its committee's disputes, officers and the
    # bureau's supervisors those of the units below them; nobody else any
    # (the correction centre's supervisor oversees corrections only).
    "Query.disputes": Row(
        "query($s: String) { disputes(filter: {search: $s}) { edges { node { id } } } }",
        roles(
            "empty",
            MEDIATOR=("ok", "empty"),
            OFFICER=("ok", "empty"),
            BUREAU_SUPERVISOR=("ok", "empty"),
            ANONYMOUS="UNAUTHENTICATED",
        ),
        _dispute_search_vars,
    ),
    "Query.dispute": Row(
        "query($id: ID!) { dispute(id: $id) { id } }",
        roles(
            "NOT_FOUND",
            MEDIATOR=SCOPED,
            OFFICER=SCOPED,
            BUREAU_SUPERVISOR=SCOPED,
            ANONYMOUS="UNAUTHENTICATED",
        ),
        _dispute_vars,
    ),
    # Agreements: those of the disputes the viewer sees (scope.dispute_scope).
    "Query.agreements": Row(
        "query($d: ID) { agreements(filter: {disputeId: $d}) { edges { node { id } } } }",
        roles(
            "empty",
            MEDIATOR=("ok", "empty"),
            OFFICER=("ok", "empty"),
            BUREAU_SUPERVISOR=("ok", "empty"),
            ANONYMOUS="UNAUTHENTICATED",
        ),
        _agreements_vars,
    ),
    "Query.agreement": Row(
        "query($id: ID!) { agreement(id: $id) { id } }",
        roles(
            "NOT_FOUND",
            MEDIATOR=SCOPED,
            OFFICER=SCOPED,
            BUREAU_SUPERVISOR=SCOPED,
            ANONYMOUS="UNAUTHENTICATED",
        ),
        _agreement_vars,
    ),
    "Query.overdueDisputes": Row(
        "{ overdueDisputes { edges { node { id } } } }",
        roles(
            "empty",
            MEDIATOR=("ok", "empty"),
            OFFICER=("ok", "empty"),
            BUREAU_SUPERVISOR=("ok", "empty"),
            ANONYMOUS="UNAUTHENTICATED",
        ),
        _overdue_vars,
    ),
    # Screening campaigns: those asking a unit the viewer sees to report.
    "Query.screeningCampaigns": Row(
        "{ screeningCampaigns { edges { node { id } } } }",
        roles(
            "FORBIDDEN",
            MEDIATOR=("ok", "empty"),
            OFFICER=("ok", "empty"),
            BUREAU_SUPERVISOR=("ok", "empty"),
            SUPERVISOR="empty",
            ANONYMOUS="UNAUTHENTICATED",
        ),
        _campaigns_vars,
    ),
    "Query.screeningCampaign": Row(
        "query($id: ID!) { screeningCampaign(id: $id) { id } }",
        MEDIATION_STAFF,
        _campaign_vars,
    ),
    # Legal aid: an applicant sees its own requests, staff their centre's, a
    # lawyer those assigned to it, the bureau's supervisors those of the
    # centres below it; nobody else any.
    "Query.legalAidRequests": Row(
        """query($s: String) {
          legalAidRequests(filter: {search: $s}) { edges { node { id } } } }""",
        roles(
            "empty",
            APPLICANT=("ok", "empty"),
            LEGAL_AID_STAFF=("ok", "empty"),
            LAWYER=("ok", "empty"),
            BUREAU_SUPERVISOR=("ok", "empty"),
            ANONYMOUS="UNAUTHENTICATED",
        ),
        _request_search_vars,
    ),
    "Query.legalAidRequest": Row(
        "query($id: ID!) { legalAidRequest(id: $id) { id } }",
        roles(
            "NOT_FOUND",
            APPLICANT=SCOPED,
            LEGAL_AID_STAFF=SCOPED,
            LAWYER=SCOPED,
            BUREAU_SUPERVISOR=SCOPED,
            ANONYMOUS="UNAUTHENTICATED",
        ),
        _assigned_request_vars,
    ),
    "Query.legalAidCenters": Row("{ legalAidCenters { id } }", ANYONE_SIGNED_IN),
    "Query.assignableLawyers": Row(
        "{ assignableLawyers { id } }",
        roles("FORBIDDEN", LEGAL_AID_STAFF="ok", ANONYMOUS="UNAUTHENTICATED"),
    ),
    "Query.objections": Row(
        """query($r: ID) { objections(filter: {requestId: $r}) { edges { node { id } } } }""",
        roles(
            "empty",
            APPLICANT=("ok", "empty"),
            LEGAL_AID_STAFF=("ok", "empty"),
            BUREAU_SUPERVISOR=("ok", "empty"),
            ANONYMOUS="UNAUTHENTICATED",
        ),
        _objection_list_vars,
    ),
    "Query.aidProviders": Row(
        "{ aidProviders { kind } }",
        roles("FORBIDDEN", LEGAL_AID_STAFF="ok", ANONYMOUS="UNAUTHENTICATED"),
    ),
    "Query.vapidPublicKey": Row("{ vapidPublicKey }", roles("ok")),
    # ------------------------------------------------------------ sign-in
    "Mutation.login": Row(
        'mutation { login(username: "officer_b", password: "correct horse battery") { token } }',
        roles("ok"),
    ),
    "Mutation.logout": Row("mutation { logout }", ANYONE_SIGNED_IN),
    "Mutation.activateAccount": Row(
        """mutation($c: String!, $u: String!) {
          activateAccount(code: $c, username: $u, password: "a long password") { token } }""",
        roles("ok"),
        _activate_vars,
    ),
    "Mutation.signUpApplicant": Row(
        """mutation($u: String!) { signUpApplicant(input: {username: $u, displayName: "甲",
          password: "a long password", phone: "13800138000"}) { token } }""",
        roles("ok"),
        _sign_up_vars,
    ),
    "Mutation.revokeSession": Row(
        "mutation($id: ID!) { revokeSession(id: $id) }",
        roles(SCOPED, ANONYMOUS="UNAUTHENTICATED"),
        _session_vars,
    ),
    "Mutation.beginTotpEnrolment": Row("mutation { beginTotpEnrolment { secret } }", STAFF_ONLY),
    "Mutation.confirmTotpEnrolment": Row(
        "mutation($c: String!) { confirmTotpEnrolment(code: $c) }", STAFF_ONLY, _confirm_vars
    ),
    "Mutation.disableTotp": Row(
        "mutation($c: String!) { disableTotp(code: $c) }",
        {
            **STAFF_ONLY,
            "ADMIN": "FORBIDDEN",
            "SUPERVISOR": "FORBIDDEN",
            "BUREAU_SUPERVISOR": "FORBIDDEN",
        },
        _disable_vars,
    ),
    # ------------------------------------------------------------ administration
    # Out-of-scope units in an input read as BAD_USER_INPUT on `field` (a unit to
    # choose from), as the account mutations always answered.
    "Mutation.createOrgUnit": Row(
        "mutation($i: CreateOrgUnitInput!) { createOrgUnit(input: $i) { id } }",
        {**NOBODY, "ADMIN": ("ok", "BAD_USER_INPUT")},
        _org_unit_vars,
    ),
    "Mutation.createUser": Row(
        "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }",
        {**NOBODY, "ADMIN": ("ok", "BAD_USER_INPUT")},
        _user_vars,
    ),
    "Mutation.endAccountSessions": Row(
        "mutation($u: ID!) { endAccountSessions(userId: $u) }",
        {**NOBODY, "ADMIN": SCOPED},
        _account_vars,
    ),
    "Mutation.resetTwoStep": Row(
        "mutation($u: ID!) { resetTwoStep(userId: $u) { id } }",
        {**NOBODY, "ADMIN": SCOPED},
        _account_vars,
    ),
    # One's own: a new password below the rule is refused for everyone signed
    # in (the change itself is tested in tests/test_admin_accounts.py).
    "Mutation.changePassword": Row(
        'mutation { changePassword(currentPassword: "x", newPassword: "short") }',
        roles("BAD_USER_INPUT", ANONYMOUS="UNAUTHENTICATED"),
    ),
    # Texts are off in this world (no provider): a code cannot be sent.
    "Mutation.requestPhoneCheck": Row(
        'mutation { requestPhoneCheck(phoneNumber: "13800138000") { phone } }',
        roles("CONFLICT", ANONYMOUS="UNAUTHENTICATED"),
    ),
    "Mutation.confirmPhoneCheck": Row(
        'mutation { confirmPhoneCheck(code: "000000") { phone } }',
        roles("BAD_USER_INPUT", ANONYMOUS="UNAUTHENTICATED"),
    ),
    "Mutation.stopTextMessages": Row(
        "mutation { stopTextMessages { available } }", ANYONE_SIGNED_IN
    ),
    "Mutation.setAccountActive": Row(
        "mutation($u: ID!) { setAccountActive(userId: $u, active: true) { id } }",
        {**NOBODY, "ADMIN": SCOPED},
        _account_vars,
    ),
    # ------------------------------------------------------------ corrections
    "Mutation.enrollPerson": Row(
        "mutation($i: EnrollPersonInput!) { enrollPerson(input: $i) { activationCode } }",
        CORRECTIONS_STAFF,
        _enrol_vars,
    ),
    "Mutation.registerPendingIntake": Row(
        "mutation($i: RegisterPendingIntakeInput!) { registerPendingIntake(input: $i) { id } }",
        CORRECTIONS_STAFF,
        _register_intake_vars,
    ),
    "Mutation.confirmIntake": Row(
        "mutation($i: ConfirmIntakeInput!) { confirmIntake(input: $i) { activationCode } }",
        CORRECTIONS_STAFF,
        _confirm_intake_vars,
    ),
    "Mutation.reissueActivationCode": Row(
        "mutation($id: ID!) { reissueActivationCode(personId: $id) }",
        CORRECTIONS_STAFF,
        _person_vars,
    ),
    "Mutation.setCheckInPlan": Row(
        """mutation($id: ID!) {
          setCheckInPlan(personId: $id, intervalDays: 7, graceHours: 24) { id } }""",
        CORRECTIONS_STAFF,
        _person_vars,
    ),
    "Mutation.setSupervisionStatus": Row(
        """mutation($id: ID!) {
          setSupervisionStatus(personId: $id, status: ACTIVE, note: "复核") { id } }""",
        CORRECTIONS_STAFF,
        _person_vars,
    ),
    "Mutation.releasePerson": Row(
        "mutation($i: ReleasePersonInput!) { releasePerson(input: $i) { id } }",
        CORRECTIONS_STAFF,
        _release_vars,
    ),
    "Mutation.terminateSupervision": Row(
        "mutation($i: TerminateSupervisionInput!) { terminateSupervision(input: $i) { id } }",
        CORRECTIONS_STAFF,
        _terminate_vars,
    ),
    "Mutation.proposeRevocation": Row(
        "mutation($i: ProposeRevocationInput!) { proposeRevocation(input: $i) { id } }",
        CORRECTIONS_STAFF,
        _propose_vars,
    ),
    "Mutation.recordCourtRuling": Row(
        "mutation($i: RecordCourtRulingInput!) { recordCourtRuling(input: $i) { id } }",
        CORRECTIONS_STAFF,
        _ruling_vars,
    ),
    "Mutation.logSearchAction": Row(
        """mutation($id: ID!, $at: DateTime!) {
          logSearchAction(input: {personId: $id, doneAt: $at, description: "走访亲属"}) { id } }""",
        CORRECTIONS_STAFF,
        _absconded_vars,
    ),
    # ------------------------------------------------------------ leave and sanctions
    "Query.leaveRequests": Row(
        "query($id: ID) { leaveRequests(personId: $id) { edges { node { id } } } }",
        CORRECTIONS_READERS,
        _leave_list_vars,
    ),
    "Query.violations": Row(
        "query($id: ID) { violations(personId: $id) { edges { node { id } } } }",
        CORRECTIONS_READERS,
        _violation_list_vars,
    ),
    "Query.sanctions": Row(
        "query($id: ID) { sanctions(personId: $id) { edges { node { id } } } }",
        CORRECTIONS_READERS,
        _sanction_list_vars,
    ),
    "Query.praises": Row(
        "query($id: ID) { praises(personId: $id) { edges { node { id } } } }",
        CORRECTIONS_READERS,
        _praise_list_vars,
    ),
    # The person asks for self, an officer for the office's persons.
    "Mutation.requestLeave": Row(
        "mutation($i: RequestLeaveInput!) { requestLeave(input: $i) { id } }",
        roles("FORBIDDEN", ANONYMOUS="UNAUTHENTICATED", OFFICER=SCOPED, SUPERVISED_PERSON=SCOPED),
        _request_leave_vars,
    ),
    "Mutation.decideLeave": Row(
        "mutation($id: ID!) { decideLeave(input: {leaveId: $id, approve: true}) { id } }",
        CORRECTIONS_STAFF,
        _pending_leave_vars,
    ),
    "Mutation.reportReturn": Row(
        """mutation($id: ID!, $at: DateTime!, $c: ID!) {
          reportReturn(input: {clientId: $c, leaveId: $id, returnedAt: $at}) { id } }""",
        CORRECTIONS_READERS,
        _approved_leave_vars,
    ),
    "Mutation.setLeaveFigures": Row(
        """mutation($unit: ID!) { setLeaveFigures(orgUnitId: $unit, effectiveFrom: "2026-01-01",
          officeEntrusted: true, officeMaxDays: 7, approvalMaxDays: 30, windowMonths: 2,
          windowMaxDays: 30) { effectiveFrom } }""",
        {**NOBODY, "ADMIN": SCOPED, "SUPERVISOR": SCOPED, "BUREAU_SUPERVISOR": "NOT_FOUND"},
        _unit_vars,
    ),
    "Mutation.recordViolation": Row(
        """mutation($id: ID!, $on: Date!) { recordViolation(input: {personId: $id,
          kind: MINOR_BREACH, occurredOn: $on, facts: "未经批准会客"}) { id } }""",
        CORRECTIONS_STAFF,
        _today_person_vars,
    ),
    "Mutation.proposeSanction": Row(
        """mutation($id: ID!, $p: ID!) { proposeSanction(input: {personId: $p,
          violationIds: [$id], facts: "经查属实"}) { id } }""",
        CORRECTIONS_STAFF,
        _violation_vars,
    ),
    # The county body decides: an office's officer sees the proposal, may not decide it.
    "Mutation.decideSanction": Row(
        """mutation($id: ID!, $on: Date!) { decideSanction(input: {sanctionId: $id,
          approve: false, decidedOn: $on, note: "批评教育"}) { id } }""",
        {**CORRECTIONS_STAFF, "OFFICER": ("FORBIDDEN", "NOT_FOUND")},
        _sanction_vars,
    ),
    "Mutation.recordPraise": Row(
        """mutation($id: ID!, $on: Date!) {
          recordPraise(personId: $id, praisedOn: $on, facts: "见义勇为") { id } }""",
        CORRECTIONS_STAFF,
        _today_person_vars,
    ),
    "Mutation.setMinorDetails": Row(
        """mutation($id: ID!) {
          setMinorDetails(personId: $id, input: {school: "东关中学"}) { id } }""",
        # A supervisor not designated for the case may not know its identity.
        roles(
            "FORBIDDEN",
            ANONYMOUS="UNAUTHENTICATED",
            OFFICER=SCOPED,
            SUPERVISOR=("FORBIDDEN", "NOT_FOUND"),
            # Not its area: the persons of the offices below it read as NOT_FOUND.
            BUREAU_SUPERVISOR="NOT_FOUND",
        ),
        _minor_vars,
    ),
    "Mutation.designateMinorCaseStaff": Row(
        """mutation($id: ID!, $user: ID!) {
          designateMinorCaseStaff(personId: $id, userId: $user) { id } }""",
        roles(
            "FORBIDDEN",
            ANONYMOUS="UNAUTHENTICATED",
            SUPERVISOR=SCOPED,
            BUREAU_SUPERVISOR="NOT_FOUND",
        ),
        _minor_vars,
    ),
    "Mutation.removeMinorCaseStaff": Row(
        """mutation($id: ID!, $user: ID!) {
          removeMinorCaseStaff(personId: $id, userId: $user) { id } }""",
        roles(
            "FORBIDDEN",
            ANONYMOUS="UNAUTHENTICATED",
            SUPERVISOR=SCOPED,
            BUREAU_SUPERVISOR="NOT_FOUND",
        ),
        _minor_vars,
    ),
    "Mutation.submitCheckIn": Row(
        "mutation($i: CheckInInput!) { submitCheckIn(input: $i) { id } }",
        roles(
            "FORBIDDEN",
            OFFICER=SCOPED,
            SUPERVISED_PERSON=SCOPED,
            ANONYMOUS="UNAUTHENTICATED",
        ),
        _check_in_vars,
    ),
    "Mutation.reviewCheckIn": Row(
        "mutation($id: ID!) { reviewCheckIn(id: $id, status: VERIFIED) { id } }",
        CORRECTIONS_STAFF,
        _review_vars,
    ),
    # Identity at check-in: the photos are the person's record, for corrections staff.
    "Query.checkInPhotos": Row(
        "query($id: ID!) { checkInPhotos(checkInId: $id) { checkIn { id } } }",
        CORRECTIONS_STAFF,
        _review_vars,
    ),
    "Mutation.setIntakePhoto": Row(
        "mutation($i: SetIntakePhotoInput!) { setIntakePhoto(input: $i) { id } }",
        CORRECTIONS_STAFF,
        _intake_photo_vars,
    ),
    "Mutation.reviewCheckIns": Row(
        "mutation($id: ID!) { reviewCheckIns(ids: [$id], status: VERIFIED) { id } }",
        CORRECTIONS_STAFF,
        _review_vars,
    ),
    # The grade intervals: set where one oversees corrections (the centre's
    # supervisor its county; an ADMIN its subtree), not by a bureau's supervisor.
    "Mutation.setCheckInIntervals": Row(
        """mutation($unit: ID!) { setCheckInIntervals(orgUnitId: $unit,
          effectiveFrom: "2026-01-01", strictDays: 7, normalDays: 15, lenientDays: 30) { id } }""",
        {
            **NOBODY,
            "ADMIN": SCOPED,
            "SUPERVISOR": SCOPED,
            "BUREAU_SUPERVISOR": "NOT_FOUND",
        },
        _unit_vars,
    ),
    # Read where one works or oversees corrections (the enrol form's defaults).
    "Query.checkInIntervalsInForce": Row(
        "query($unit: ID!) { checkInIntervalsInForce(orgUnitId: $unit) { normalDays } }",
        {
            **NOBODY,
            "ADMIN": SCOPED,
            "SUPERVISOR": SCOPED,
            "BUREAU_SUPERVISOR": "NOT_FOUND",
            "OFFICER": SCOPED,
        },
        _unit_vars,
    ),
    # Check-in places: the residence by those who act on the person; the
    # office's coordinates and the county's distance figure as the intervals.
    "Mutation.setResidenceLocation": Row(
        """mutation($id: ID!) { setResidenceLocation(personId: $id, latitude: 43.88,
          longitude: 125.35) { id residenceLocation { latitude } } }""",
        CORRECTIONS_STAFF,
        _person_vars,
    ),
    "Mutation.setOfficeLocation": Row(
        """mutation($unit: ID!) { setOfficeLocation(orgUnitId: $unit, latitude: 43.9,
          longitude: 125.3) { id location { latitude } } }""",
        {
            **NOBODY,
            "ADMIN": SCOPED,
            "SUPERVISOR": SCOPED,
            "BUREAU_SUPERVISOR": "NOT_FOUND",
        },
        _unit_vars,
    ),
    "Mutation.setDistanceLimit": Row(
        """mutation($unit: ID!) { setDistanceLimit(orgUnitId: $unit,
          effectiveFrom: "2026-01-01", limitMeters: 30000) { id limitMeters } }""",
        {
            **NOBODY,
            "ADMIN": SCOPED,
            "SUPERVISOR": SCOPED,
            "BUREAU_SUPERVISOR": "NOT_FOUND",
        },
        _unit_vars,
    ),
    "Query.distanceLimitInForce": Row(
        "query($unit: ID!) { distanceLimitInForce(orgUnitId: $unit) { limitMeters } }",
        {
            **NOBODY,
            "ADMIN": SCOPED,
            "SUPERVISOR": SCOPED,
            "BUREAU_SUPERVISOR": "NOT_FOUND",
            "OFFICER": SCOPED,
        },
        _unit_vars,
    ),
    # ------------------------------------------------------------ positioning, education, help
    "Query.electronicMonitoring": Row(
        "query($id: ID!) { electronicMonitoring(personId: $id) { edges { node { id } } } }",
        READERS_OF_A_PERSON,
        _monitored_person_vars,
    ),
    "Query.electronicMonitoringApprovers": Row(
        "query($id: ID!) { electronicMonitoringApprovers(personId: $id) { id } }",
        CORRECTIONS_STAFF,
        _person_vars,
    ),
    "Mutation.startElectronicMonitoring": Row(
        """mutation($i: StartElectronicMonitoringInput!) {
          startElectronicMonitoring(input: $i) { id } }""",
        CORRECTIONS_STAFF,
        _start_monitoring_vars,
    ),
    "Mutation.renewElectronicMonitoring": Row(
        """mutation($id: ID!, $until: Date!, $today: Date!, $head: ID!) {
          renewElectronicMonitoring(input: {id: $id, endsOn: $until, assessment: "仍需使用",
            approval: {approverId: $head, approvedOn: $today, approvalDocument: "2"}}) { id } }""",
        CORRECTIONS_STAFF,
        _monitoring_vars,
    ),
    "Mutation.endElectronicMonitoring": Row(
        """mutation($id: ID!, $today: Date!) {
          endElectronicMonitoring(id: $id, endedOn: $today, reason: "不需要继续使用") { id } }""",
        CORRECTIONS_STAFF,
        _monitoring_vars,
    ),
    "Query.activities": Row(
        "query($id: ID!) { activities(personId: $id) { edges { node { id } } } }",
        READERS_OF_A_PERSON,
        _person_with_activity_vars,
    ),
    "Query.educationMonth": Row(
        "query($id: ID!) { educationMonth(personId: $id) { month } }",
        READERS_OF_A_PERSON,
        _person_with_activity_vars,
    ),
    "Mutation.recordActivity": Row(
        "mutation($i: RecordActivityInput!) { recordActivity(input: $i) { id } }",
        CORRECTIONS_STAFF,
        _activity_input_vars,
    ),
    "Mutation.recordAttendance": Row(
        """mutation($a: ID!, $p: ID!) {
          recordAttendance(activityId: $a, personId: $p, attended: true) { attended } }""",
        CORRECTIONS_STAFF,
        _attendance_vars,
    ),
    "Mutation.setEducationHoursStandard": Row(
        """mutation($unit: ID!) { setEducationHoursStandard(orgUnitId: $unit,
          effectiveFrom: "2026-01-01", monthlyHours: 8) }""",
        {
            **NOBODY,
            "ADMIN": SCOPED,
            "SUPERVISOR": SCOPED,
            "BUREAU_SUPERVISOR": "NOT_FOUND",
        },
        _unit_vars,
    ),
    "Mutation.recordHelp": Row(
        """mutation($id: ID!) { recordHelp(input: {personId: $id, kind: HOUSING,
          helpedOn: "2026-01-05", helper: "村委会", description: "协调租房", outcome: "已入住"}) {
          id } }""",
        CORRECTIONS_STAFF,
        _person_vars,
    ),
    "Query.thoughtReports": Row(
        "query($id: ID!) { thoughtReports(personId: $id) { edges { node { id } } } }",
        READERS_OF_A_PERSON,
        _person_with_report_vars,
    ),
    "Mutation.submitMonthlyThoughtReport": Row(
        "mutation($i: ThoughtReportInput!) { submitMonthlyThoughtReport(input: $i) { id } }",
        {**NOBODY, "SUPERVISED_PERSON": "ok"},
        _thought_report_input_vars,
    ),
    "Mutation.replyToThoughtReport": Row(
        'mutation($id: ID!) { replyToThoughtReport(id: $id, reply: "收到") { id } }',
        CORRECTIONS_STAFF,
        _report_vars,
    ),
    "Query.wellbeingTriage": Row(
        "{ wellbeingTriage { edges { node { id } } } }",
        roles(
            "FORBIDDEN",
            OFFICER="ok",
            SUPERVISOR="ok",
            BUREAU_SUPERVISOR="empty",
            ANONYMOUS="UNAUTHENTICATED",
        ),
        _triage_vars,
    ),
    "Mutation.acknowledgeWellbeing": Row(
        "mutation($id: ID!) { acknowledgeWellbeing(id: $id) { id } }",
        CORRECTIONS_STAFF,
        _wellbeing_vars,
    ),
    # ------------------------------------------------------------ mediation
    "Mutation.registerDispute": Row(
        "mutation($i: RegisterDisputeInput!) { registerDispute(input: $i) { id } }",
        MEDIATION_STAFF,
        _register_dispute_vars,
    ),
    "Mutation.logMediationVisit": Row(
        "mutation($i: MediationVisitInput!) { logMediationVisit(input: $i) { id } }",
        MEDIATION_STAFF,
        _visit_vars,
    ),
    "Mutation.setDisputeStatus": Row(
        "mutation($id: ID!) { setDisputeStatus(id: $id, status: MEDIATING) { id } }",
        MEDIATION_STAFF,
        _dispute_vars,
    ),
    "Mutation.recordAgreement": Row(
        "mutation($i: RecordAgreementInput!) { recordAgreement(input: $i) { id } }",
        MEDIATION_STAFF,
        _record_agreement_vars,
    ),
    "Mutation.recordAgreementSignature": Row(
        """mutation($i: AgreementSignatureInput!) {
          recordAgreementSignature(input: $i) { id } }""",
        MEDIATION_STAFF,
        _signature_vars,
    ),
    "Mutation.sealAgreement": Row(
        "mutation($id: ID!, $at: DateTime!) { sealAgreement(id: $id, sealedAt: $at) { id } }",
        MEDIATION_STAFF,
        _seal_vars,
    ),
    "Mutation.recordJudicialConfirmation": Row(
        """mutation($id: ID!, $on: Date!) { recordJudicialConfirmation(input: {
          agreementId: $id, step: APPLIED, on: $on, court: "青山县人民法院",
          jointApplication: true }) { id } }""",
        MEDIATION_STAFF,
        _confirmation_vars,
    ),
    "Mutation.markTermPerformed": Row(
        """mutation($id: ID!, $on: Date!) {
          markTermPerformed(termId: $id, performedOn: $on) { id } }""",
        MEDIATION_STAFF,
        _term_vars,
    ),
    "Mutation.recordRefusal": Row(
        "mutation($i: RefusalInput!) { recordRefusal(input: $i) { dispute { id } } }",
        MEDIATION_STAFF,
        _refusal_vars,
    ),
    "Mutation.recordMediationFailure": Row(
        """mutation($i: MediationFailureInput!) {
          recordMediationFailure(input: $i) { dispute { id } } }""",
        MEDIATION_STAFF,
        _failure_vars,
    ),
    "Mutation.reportToPolice": Row(
        "mutation($i: PoliceReportInput!) { reportToPolice(input: $i) { id } }",
        MEDIATION_STAFF,
        _police_vars,
    ),
    "Mutation.recordDeadlineExtension": Row(
        "mutation($i: DeadlineExtensionInput!) { recordDeadlineExtension(input: $i) { id } }",
        MEDIATION_STAFF,
        _extension_vars,
    ),
    "Mutation.setMediationPeriod": Row(
        """mutation($unit: ID!) { setMediationPeriod(orgUnitId: $unit,
          effectiveFrom: "2024-01-01", periodDays: 30, remindAfterDays: 25) { periodDays } }""",
        {**NOBODY, "ADMIN": SCOPED, "BUREAU_SUPERVISOR": SCOPED, "SUPERVISOR": "NOT_FOUND"},
        _committee_vars,
    ),
    "Mutation.startScreeningCampaign": Row(
        """mutation($i: StartScreeningCampaignInput!) {
          startScreeningCampaign(input: $i) { id } }""",
        {**NOBODY, "BUREAU_SUPERVISOR": SCOPED, "SUPERVISOR": "NOT_FOUND"},
        _start_campaign_vars,
    ),
    "Mutation.fileScreeningReport": Row(
        "mutation($i: ScreeningReportInput!) { fileScreeningReport(input: $i) { id } }",
        MEDIATION_STAFF,
        _screening_report_vars,
    ),
    # ------------------------------------------------------------ legal aid
    # An applicant may apply to any centre; staff file with their own only.
    "Mutation.submitLegalAidRequest": Row(
        """mutation($i: LegalAidRequestInput!) {
          submitLegalAidRequest(input: $i) { id } }""",
        {**NOBODY, "APPLICANT": "ok", "LEGAL_AID_STAFF": ("ok", "BAD_USER_INPUT")},
        _submit_request_vars,
    ),
    "Mutation.decideLegalAidRequest": Row(
        """mutation($id: ID!) {
          decideLegalAidRequest(id: $id, approve: true, reason: "符合条件") { id } }""",
        {**NOBODY, "LEGAL_AID_STAFF": SCOPED},
        _submitted_request_vars,
    ),
    "Mutation.assignLegalAidRequest": Row(
        "mutation($id: ID!, $a: ID!) { assignLegalAidRequest(id: $id, assigneeId: $a) { id } }",
        {**NOBODY, "LEGAL_AID_STAFF": SCOPED},
        _approved_request_vars,
    ),
    "Mutation.closeLegalAidRequest": Row(
        'mutation($id: ID!) { closeLegalAidRequest(id: $id, note: "结案") { id } }',
        {**NOBODY, "LEGAL_AID_STAFF": SCOPED, "LAWYER": SCOPED},
        _assigned_request_vars,
    ),
    "Mutation.withdrawLegalAidRequest": Row(
        "mutation($id: ID!) { withdrawLegalAidRequest(id: $id) { id } }",
        {**NOBODY, "APPLICANT": SCOPED},
        _submitted_request_vars,
    ),
    "Mutation.setHardshipStandard": Row(
        """mutation($unit: ID!) { setHardshipStandard(orgUnitId: $unit,
          monthlyIncomePerCapita: "1200", effectiveFrom: "2024-01-01") { id } }""",
        {**NOBODY, "ADMIN": SCOPED},
        _centre_vars,
    ),
    # ------------------------------------------------------------ resettlement
    "Query.resettlementRecords": Row(
        "{ resettlementRecords { totalCount edges { node { id } } } }",
        roles(
            "FORBIDDEN",
            OFFICER="ok",
            BUREAU_SUPERVISOR="ok",
            SUPERVISOR="empty",
            ANONYMOUS="UNAUTHENTICATED",
        ),
        _resettlement_list_vars,
    ),
    "Query.resettlementRecord": Row(
        "query($id: ID!) { resettlementRecord(id: $id) { id } }",
        RESETTLEMENT_STAFF,
        _resettlement_vars,
    ),
    "Mutation.registerReleaseNotice": Row(
        "mutation($i: RegisterReleaseNoticeInput!) { registerReleaseNotice(input: $i) { id } }",
        RESETTLEMENT_STAFF,
        _release_notice_vars,
    ),
    "Mutation.recordReception": Row(
        "mutation($i: RecordReceptionInput!) { recordReception(input: $i) { id } }",
        RESETTLEMENT_STAFF,
        _reception_vars,
    ),
    "Mutation.recordResettlementContact": Row(
        """mutation($client: ID!, $record: ID!, $on: Date!) { recordResettlementContact(
          input: {clientId: $client, recordId: $record, on: $on, method: PHONE, note: "电话联系"})
          { id } }""",
        RESETTLEMENT_STAFF,
        _care_vars,
    ),
    "Mutation.recordResettlementHelp": Row(
        """mutation($client: ID!, $record: ID!, $on: Date!) { recordResettlementHelp(
          input: {clientId: $client, recordId: $record, on: $on, kind: HEALTH,
          description: "协助办理医保"}) { id } }""",
        RESETTLEMENT_STAFF,
        _care_vars,
    ),
    "Mutation.setResettlementRiskGrade": Row(
        """mutation($id: ID!) {
          setResettlementRiskGrade(id: $id, riskGrade: HIGH, note: "复评") { id } }""",
        RESETTLEMENT_STAFF,
        _resettlement_vars,
    ),
    # A released person of the office's caseload: the corrections scope finds
    # the person, the resettlement scope the office (the centre has none).
    "Mutation.openResettlementFromSupervision": Row(
        """mutation($id: ID!) {
          openResettlementFromSupervision(personId: $id, riskGrade: LOW) { id } }""",
        {**RESETTLEMENT_STAFF, "BUREAU_SUPERVISOR": "NOT_FOUND"},
        _released_person_vars,
    ),
    "Mutation.setResettlementStandard": Row(
        """mutation($unit: ID!) { setResettlementStandard(orgUnitId: $unit,
          effectiveFrom: "2026-01-01", noticeDays: 30, noShowDays: 7, highRiskContactDays: 30)
          { noticeDays } }""",
        {**RESETTLEMENT_STAFF, "OFFICER": "FORBIDDEN"},
        _unit_vars,
    ),
    # The released person's own account, at their request: the office's staff
    # issue and end it; the person alone reads their record's help and asks
    # to be contacted (no id: only their own record, whatever they send).
    "Mutation.issueResettlementAccountCode": Row(
        """mutation($id: ID!) {
          issueResettlementAccountCode(id: $id, personRequested: true) { activationCode } }""",
        RESETTLEMENT_STAFF,
        _resettlement_vars,
    ),
    "Mutation.endResettlementAccount": Row(
        "mutation($id: ID!) { endResettlementAccount(id: $id) { id } }",
        RESETTLEMENT_STAFF,
        _with_account_vars,
    ),
    "Query.myResettlement": Row(
        "{ myResettlement { officeName help { kind } } }",
        roles("FORBIDDEN", ANONYMOUS="UNAUTHENTICATED", RELEASED_PERSON="ok"),
    ),
    "Mutation.sendResettlementContactRequest": Row(
        """mutation($c: ID!) { sendResettlementContactRequest(
          input: {clientId: $c, message: "请联系我"}) { id } }""",
        roles("FORBIDDEN", ANONYMOUS="UNAUTHENTICATED", RELEASED_PERSON="ok"),
        lambda fx, target, role: _value({"c": str(uuid.uuid4())}),
    ),
    # ------------------------------------------------------------ the monthly report
    # Read where one sees any area of the unit (each area's columns by its rule).
    "Query.monthlyReport": Row(
        "query($unit: ID!, $month: String!) { monthlyReport(unitId: $unit, month: $month)"
        " { month } }",
        roles(
            "FORBIDDEN",
            ADMIN=SCOPED,
            SUPERVISOR=SCOPED,
            BUREAU_SUPERVISOR=SCOPED,
            OFFICER=SCOPED,
            ANONYMOUS="UNAUTHENTICATED",
        ),
        _monthly_report_vars,
    ),
    "Query.monthlyReports": Row(
        "query($unit: ID!, $month: String!) { monthlyReports(unitId: $unit,"
        " fromMonth: $month, toMonth: $month) { month } }",
        roles(
            "FORBIDDEN",
            ADMIN=SCOPED,
            SUPERVISOR=SCOPED,
            BUREAU_SUPERVISOR=SCOPED,
            OFFICER=SCOPED,
            ANONYMOUS="UNAUTHENTICATED",
        ),
        _monthly_report_vars,
    ),
    # The unit head submits its own unit's month (again: a correction, with a reason).
    "Mutation.submitMonthlyReport": Row(
        """mutation($unit: ID!, $month: String!) {
          submitMonthlyReport(unitId: $unit, month: $month, reason: "复核") { version } }""",
        roles(
            "FORBIDDEN",
            SUPERVISOR=SCOPED,
            BUREAU_SUPERVISOR=SCOPED,
            ANONYMOUS="UNAUTHENTICATED",
        ),
        _own_unit_report_vars,
    ),
    # ------------------------------------------------------------ the legal-aid procedure
    "Mutation.setAidProviderProfile": Row(
        "mutation($u: ID!) { setAidProviderProfile(userId: $u, kind: LAWYER) { kind } }",
        {**NOBODY, "LEGAL_AID_STAFF": SCOPED, "ADMIN": SCOPED},
        _provider_vars,
    ),
    "Mutation.requestMaterials": Row(
        """mutation($id: ID!, $d: Date!) {
          requestMaterials(id: $id, items: ["收入证明"], dueOn: $d) { id } }""",
        {**NOBODY, "LEGAL_AID_STAFF": SCOPED},
        _materials_vars,
    ),
    "Mutation.supplyMaterials": Row(
        """mutation($id: ID!, $c: ID!, $p: String!) {
          supplyMaterials(input: {requestId: $id, clientId: $c, photos: [$p]}) { id } }""",
        {**NOBODY, "APPLICANT": SCOPED},
        _materials_vars,
    ),
    "Mutation.provideAidBeforeReview": Row(
        """mutation($id: ID!) { provideAidBeforeReview(id: $id, ground: URGENT_PRESERVATION,
          note: "需立即保全") { id } }""",
        {**NOBODY, "LEGAL_AID_STAFF": SCOPED},
        _submitted_request_vars,
    ),
    "Mutation.registerNotifiedCase": Row(
        "mutation($i: NotifiedCaseInput!) { registerNotifiedCase(input: $i) { id } }",
        {**NOBODY, "LEGAL_AID_STAFF": "ok"},
        _notified_vars,
    ),
    "Mutation.terminateAid": Row(
        """mutation($id: ID!) {
          terminateAid(id: $id, ground: CASE_ENDED, reason: "案件已撤销") { ground } }""",
        {**NOBODY, "LEGAL_AID_STAFF": SCOPED},
        _assigned_request_vars,
    ),
    "Mutation.fileObjection": Row(
        """mutation($id: ID!, $c: ID!) {
          fileObjection(input: {requestId: $id, clientId: $c, reasons: "有异议"}) { id } }""",
        {**NOBODY, "APPLICANT": SCOPED},
        _refused_request_vars,
    ),
    "Mutation.decideObjection": Row(
        """mutation($id: ID!) { decideObjection(id: $id, uphold: true, reason: "维持") { id } }""",
        {**NOBODY, "BUREAU_SUPERVISOR": SCOPED, "SUPERVISOR": "NOT_FOUND"},
        _objection_vars,
    ),
    "Mutation.recordProgress": Row(
        """mutation($id: ID!, $i: ProgressInput!) {
          recordProgress(requestId: $id, input: $i) { id } }""",
        {**NOBODY, "LAWYER": SCOPED, "LEGAL_AID_STAFF": "NOT_FOUND"},
        _assigned_progress_vars,
    ),
    "Mutation.fileComplaint": Row(
        """mutation($id: ID!, $c: ID!) { fileComplaint(input: {requestId: $id, clientId: $c,
          kind: COMPLAINT, reason: "投诉"}) { id } }""",
        {**NOBODY, "APPLICANT": SCOPED},
        _assigned_progress_vars,
    ),
    "Mutation.decideComplaint": Row(
        """mutation($id: ID!) {
          decideComplaint(id: $id, uphold: false, outcome: "不属实") { id } }""",
        {
            **NOBODY,
            "BUREAU_SUPERVISOR": SCOPED,
            "SUPERVISOR": "NOT_FOUND",
            "LEGAL_AID_STAFF": "NOT_FOUND",
        },
        _complaint_vars,
    ),
    # ------------------------------------------------------------ push reminders
    "Mutation.registerPushSubscription": Row(
        "mutation($i: PushSubscriptionInput!) { registerPushSubscription(input: $i) { id } }",
        ANYONE_SIGNED_IN,
        _push_vars,
    ),
    "Mutation.unregisterPushSubscription": Row(
        "mutation($e: String!) { unregisterPushSubscription(endpoint: $e) }",
        roles(("ok", "empty"), ANONYMOUS="UNAUTHENTICATED"),
        _own_push_vars,
    ),
    # ------------------------------------------------------------ consultations (法律咨询)
    "Query.consultations": Row(
        "query { consultations { edges { node { id } } } }",
        {**_CENTRE_LIST, "APPLICANT": "ok"},
        _consultation_vars,
    ),
    "Query.consultation": Row(
        "query($id: ID!) { consultation(id: $id) { id } }",
        _CONSULTATION_READERS,
        _consultation_vars,
    ),
    "Query.consultationFigures": Row(
        "query { consultationFigures { count } }",
        roles(
            "FORBIDDEN",
            ANONYMOUS="UNAUTHENTICATED",
            SUPERVISOR="empty",
            BUREAU_SUPERVISOR="ok",
            OFFICER="empty",
            LEGAL_AID_STAFF="ok",
            LAWYER="ok",
        ),
        _consultation_vars,
    ),
    "Query.consultationUnits": Row("query { consultationUnits { id } }", ANYONE_SIGNED_IN),
    "Mutation.recordConsultation": Row(
        """mutation($i: ConsultationInput!) { recordConsultation(input: $i) { id } }""",
        roles(
            "FORBIDDEN",
            ANONYMOUS="UNAUTHENTICATED",
            SUPERVISOR="BAD_USER_INPUT",  # a correction centre gives no consultations
            BUREAU_SUPERVISOR="ok",
            OFFICER="ok",
            LEGAL_AID_STAFF="ok",
            LAWYER="ok",
        ),
        lambda fx, target, role: _value(
            {
                "i": {
                    "clientId": str(uuid.uuid4()),
                    "channel": "PHONE",
                    "category": "LABOR",
                    "question": "拖欠工资怎么办？",
                    "askedAt": datetime.now(UTC).isoformat(),
                }
            }
        ),
    ),
    "Mutation.askLegalQuestion": Row(
        """mutation($i: LegalQuestionInput!) { askLegalQuestion(input: $i) { id } }""",
        roles("FORBIDDEN", ANONYMOUS="UNAUTHENTICATED", APPLICANT="ok", SUPERVISED_PERSON="ok"),
        lambda fx, target, role: _value(
            {
                "i": {
                    "clientId": str(uuid.uuid4()),
                    "orgUnitId": str(fx.world.units[CENTRE[target]].id),
                    "category": "LABOR",
                    "question": "拖欠工资怎么办？",
                    "askedAt": datetime.now(UTC).isoformat(),
                }
            }
        ),
    ),
    "Mutation.answerConsultation": Row(
        """mutation($id: ID!) { answerConsultation(id: $id, answer: "可以申请仲裁。") { id } }""",
        _ANSWERERS,
        _consultation_vars,
    ),
    "Mutation.referConsultation": Row(
        """mutation($id: ID!) { referConsultation(id: $id, input: {to: OTHER_BODY,
          clientId: "00000000-0000-4000-8000-000000000001", body: "县人民法院"}) {
          consultation { id } } }""",
        _ANSWERERS,
        _consultation_vars,
    ),
    # ------------------------------------------------------------ referrals to legal aid
    "Query.legalAidReferrals": Row(
        "query { legalAidReferrals { edges { node { id } } } }",
        roles(
            "empty",
            ANONYMOUS="UNAUTHENTICATED",
            BUREAU_SUPERVISOR="ok",
            LEGAL_AID_STAFF="ok",
            APPLICANT="ok",
        ),
        _referral_vars,
    ),
    "Query.legalAidReferral": Row(
        "query($id: ID!) { legalAidReferral(id: $id) { id } }",
        {**_CONSULTATION_READERS, "LAWYER": "NOT_FOUND"},
        _referral_vars,
    ),
    "Mutation.referLegalAid": Row(
        """mutation($i: LegalAidReferralInput!) { referLegalAid(input: $i) { id } }""",
        {**CORRECTIONS_STAFF},
        _refer_person_vars,
    ),
    "Mutation.confirmReferredRequest": Row(
        """mutation($id: ID!, $n: String) { confirmReferredRequest(id: $id, note: $n) { id } }""",
        _CONFIRMERS,
        _referral_vars,
    ),
    "Mutation.declineReferredRequest": Row(
        """mutation($id: ID!, $n: String) { declineReferredRequest(id: $id, note: $n) { id } }""",
        _CONFIRMERS,
        _referral_vars,
    ),
    # ------------------------------------------------------------ closing, subsidies, quality
    "Query.legalAidClosing": Row(
        f"query($id: ID!) {{ legalAidClosing(requestId: $id) {{ {_CLOSING} }} }}",
        roles(
            "NOT_FOUND",
            ANONYMOUS="UNAUTHENTICATED",
            BUREAU_SUPERVISOR=SCOPED,
            LEGAL_AID_STAFF=SCOPED,
            LAWYER=SCOPED,
        ),
        _ended_vars,
    ),
    "Query.legalAidClosings": Row(
        f"query {{ legalAidClosings {{ edges {{ node {{ {_CLOSING} }} }} }} }}",
        _CENTRE_LIST,
        _ended_vars,
    ),
    "Query.subsidyStandards": Row(
        "query($unit: ID!) { subsidyStandards(orgUnitId: $unit) { id } }",
        {**NOBODY, "ADMIN": SCOPED, "LEGAL_AID_STAFF": SCOPED},
        _bureau_vars,
    ),
    "Query.legalAidQualityFigures": Row(
        "query { legalAidQualityFigures { closed } }",
        roles(
            "FORBIDDEN",
            ANONYMOUS="UNAUTHENTICATED",
            SUPERVISOR="empty",
            BUREAU_SUPERVISOR="ok",
            LEGAL_AID_STAFF="ok",
        ),
        _quality_vars,
    ),
    "Mutation.recordCaseEnd": Row(
        """mutation($id: ID!, $d: Date!) { recordCaseEnd(requestId: $id, endedOn: $d,
          note: "判决生效") { requestId } }""",
        _CLOSERS,
        _case_end_vars,
    ),
    "Mutation.submitClosingMaterials": Row(
        """mutation($id: ID!) { submitClosingMaterials(requestId: $id, note: "判决书副本") {
          requestId } }""",
        _CLOSERS,
        _ended_vars,
    ),
    "Mutation.computeSubsidy": Row(
        """mutation($id: ID!) { computeSubsidy(requestId: $id, caseType: CIVIL,
          stage: FIRST_INSTANCE) { requestId } }""",
        _CENTRE_STAFF,
        _subsidy_vars,
    ),
    "Mutation.approveSubsidy": Row(
        "mutation($id: ID!) { approveSubsidy(requestId: $id) { requestId } }",
        _CENTRE_STAFF,
        _computed_vars,
    ),
    "Mutation.recordSubsidyPaid": Row(
        """mutation($id: ID!) { recordSubsidyPaid(requestId: $id, paymentReference: "财付-1") {
          requestId } }""",
        _CENTRE_STAFF,
        _approved_subsidy_vars,
    ),
    "Mutation.setSubsidyStandard": Row(
        """mutation($unit: ID!) { setSubsidyStandard(orgUnitId: $unit, effectiveFrom: "2024-01-01",
          rates: [{caseType: CIVIL, stage: FIRST_INSTANCE, amount: "2000"}]) { id } }""",
        _ADMIN_ONLY,
        _bureau_vars,
    ),
    "Mutation.setClosingPeriod": Row(
        """mutation($unit: ID!) { setClosingPeriod(orgUnitId: $unit, days: 30,
          effectiveFrom: "2024-01-01") { id } }""",
        _ADMIN_ONLY,
        _bureau_vars,
    ),
    "Mutation.recordReturnCall": Row(
        """mutation($id: ID!) { recordReturnCall(requestId: $id, reached: true, satisfaction: 5) {
          id } }""",
        _CENTRE_STAFF,
        _closed_vars,
    ),
    "Mutation.recordFileReview": Row(
        "mutation($id: ID!) { recordFileReview(requestId: $id, grade: GOOD) { id } }",
        _CENTRE_STAFF,
        _closed_vars,
    ),
}


def served_fields() -> list[str]:
    schema = build_schema()._schema
    return [
        f"{root.name}.{name}"
        for root in (schema.query_type, schema.mutation_type)
        if root is not None
        for name in root.fields
    ]


def test_every_row_names_a_served_field() -> None:
    assert sorted(set(MATRIX) - set(served_fields())) == []


def outcome(body: dict[str, Any], field_name: str) -> str:
    if body.get("errors"):
        return str(body["errors"][0]["extensions"]["code"])
    value = body["data"][field_name.split(".")[1]]
    if isinstance(value, dict) and "edges" in value:
        value = value["edges"]
    return "ok" if value not in (None, False, []) else "empty"


@pytest.mark.parametrize("field_name", served_fields())
async def test_authorization(field_name: str, world: World) -> None:
    row = MATRIX.get(field_name)
    if row is None:
        pytest.fail(f"{field_name} has no row in MATRIX: add the outcomes for every role")
    fx = Fixture(world)
    for target, who in ((INSIDE, "person_a"), (OUTSIDE, "person_x")):
        enrolled = await fx.enrol(target)
        activated = await activation.activate_account(
            Call(settings=world.settings), enrolled.activation_code, who, "a long password"
        )
        world.users[who] = activated.user
        fx.person_ids[target] = enrolled.person.id
    for target, who in ((INSIDE, "released_a"), (OUTSIDE, "released_x")):
        await released_account(fx, target, who)
    # Rate limits off: they answer RATE_LIMITED, which is not what is tested here.
    app = create_app(world.settings.with_(rate_limits_enabled=False), manage_db=False)
    transport = httpx.ASGITransport(app=app, client=("203.0.113.9", 4711))
    mismatches = []
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as http:
        gql = GraphQLClient(http)
        # An ADMIN signed in with the password only, pending the second
        # factor's enrolment: nothing but the enrolment (and who am I, sign out).
        pending = await sign_in.login(Call(settings=world.settings), "admin", PASSWORD)
        assert pending.mfa_pending
        variables = await row.variables(fx, INSIDE, "ADMIN")
        # A row's set-up that enrols the account (disableTotp's) ends every
        # session pending enrolment; the guard is asked about one all the same.
        await Session.filter(token_hash=token_hash(pending.token)).update(revoked_at=None)
        got = outcome(await gql(row.operation, variables, token=pending.token), field_name)
        admin = row.expect["ADMIN"]
        want = admin[0] if isinstance(admin, tuple) else admin
        if field_name.split(".")[1] not in two_factor.ENROLMENT_FIELDS:
            want = "FORBIDDEN"
        if got != want:
            mismatches.append(f"ADMIN pending enrolment: expected {want}, got {got}")
        for role in ROLES:
            expected = row.expect[role]
            pair = expected if isinstance(expected, tuple) else (expected, expected)
            for target, want in zip((INSIDE, OUTSIDE), pair, strict=True):
                if not isinstance(expected, tuple) and target == OUTSIDE:
                    continue  # the same either way: once is enough
                who = ACCOUNT[role]
                token = None
                if who is not None:  # a fresh session per call: logout ends one
                    user = world.users[who]
                    token = (await sign_in.open_session(fx.call(who), user)).token
                variables = await row.variables(fx, target, role)
                got = outcome(await gql(row.operation, variables, token=token), field_name)
                if got != want:
                    mismatches.append(f"{role} {target}: expected {want}, got {got}")
    assert mismatches == [], f"{field_name}:\n" + "\n".join(mismatches)
