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

from api.app import create_app
from api.domain.accounts import activation, sign_in, two_factor
from api.domain.common.call import Call
from api.domain.common.secrets import token_hash
from api.domain.common.validators import resident_id_check_char
from api.domain.corrections import check_ins, ending, enrolment, intake, persons
from api.domain.legal_aid import decisions, objections, progress, requests
from api.domain.mediation import disputes
from api.domain.notices import subscriptions
from api.models.accounts import Session, User
from api.models.corrections import SupervisedPerson
from api.models.enums import (
    CheckInKind,
    ComplaintKind,
    CorrectionType,
    DecidingBodyType,
    DisputeCategory,
    LegalAidMatter,
    LegalAidStatus,
    PartyRole,
    RiskLevel,
    SupervisionLevel,
    SupervisionStatus,
)
from api.models.legal_aid import LegalAidRequest
from api.models.legal_aid_procedure import Objection
from api.models.mediation import Dispute
from schema import build_schema
from tests.conftest import PASSWORD, GraphQLClient, World

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
            correction_type=CorrectionType.PROBATION,
            supervision_level=SupervisionLevel.NORMAL,
            term_start=date(2020, 1, 1),
            term_end=date(2099, 1, 1),
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
        today = datetime.now(UTC).date()
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
            term_end=date(2099, 1, 1),
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
        if who is None or self.world.users[who].role in ("SUPERVISED_PERSON", "APPLICANT"):
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
    "ok", SUPERVISED_PERSON="FORBIDDEN", APPLICANT="FORBIDDEN", ANONYMOUS="UNAUTHENTICATED"
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
            "termEnd": "2099-01-01",
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
    today = datetime.now(UTC).date().isoformat()
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
            "termEnd": "2099-01-01",
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
    due = (datetime.now(UTC) + timedelta(days=5)).date().isoformat()
    return {"id": str(request.id), "d": due, "c": str(uuid.uuid4()), "p": PNG}


async def _assigned_progress_vars(fx: Fixture, target: str, role: str) -> dict[str, Any]:
    request = await fx.legal_aid_request(target, LegalAidStatus.ASSIGNED)
    return {
        "id": str(request.id),
        "i": {
            "clientId": str(uuid.uuid4()),
            "kind": "MEETING",
            "happenedOn": (datetime.now(UTC) - timedelta(days=1)).date().isoformat(),
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


MATRIX: dict[str, Row] = {
    # ------------------------------------------------------------ queries
    "Query.viewer": Row("{ viewer { id } }", roles("ok", ANONYMOUS="empty")),
    "Query.orgUnits": Row(
        "{ orgUnits { id } }", roles("ok", APPLICANT="empty", ANONYMOUS="UNAUTHENTICATED")
    ),
    "Query.supervisedPersons": Row(
        "{ supervisedPersons { totalCount edges { node { id } } } }",
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
        "query($id: ID!) { supervisedPerson(id: $id) { id } }",
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
        "query($unit: ID) { dashboard(orgUnitId: $unit) { activePersons } }",
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
    "Query.personsDueForRelease": Row(
        "{ personsDueForRelease { edges { node { id } } } }",
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
        "{ pendingCheckIns { edges { node { id } } } }",
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
