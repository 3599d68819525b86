"""Notified criminal defence (通知辩护, 法律援助法 Art. 25, 28, 35-36): a court,
procuratorate or police organ notifies the centre to assign defence counsel
for a defendant of Art. 25 ¶1 (a minor, a blind, deaf or mute person, one
who may be sentenced to life or death, ...). No application and no means
test: the centre assigns a lawyer within 3 days of the notice (Art. 36), a
lawyer of 3 years' relevant practice for life or death (Art. 26)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from tortoise.transactions import in_transaction

from api.domain.common import idempotency, references, scope
from api.domain.common.call import Call, Viewer
from api.domain.common.errors import BadInput
from api.domain.common.validators import client_uuid, proper_name, resident_id, text
from api.domain.legal_aid import deadlines
from api.domain.legal_aid.requests import (
    DESCRIPTION_MAX,
    NAME_MAX,
    local_date,
    record_status_change,
)
from api.models.accounts import OrgUnit
from api.models.enums import LegalAidMatter, LegalAidStatus, NotifiedGround, NotifyingBody, Role
from api.models.legal_aid import LegalAidRequest
from api.models.legal_aid_procedure import NotifiedCase

# Art. 26: a defendant who may be sentenced to life imprisonment or death,
# and a death-penalty review.
LIFE_OR_DEATH = frozenset({NotifiedGround.LIFE_OR_DEATH, NotifiedGround.DEATH_REVIEW})
NO_MEANS_TEST = (
    "人民法院、人民检察院、公安机关通知辩护，"
    "不审查经济困难状况（《法律援助法》第二十五条、第三十六条）。"
)


@dataclass(frozen=True)
class NotifiedInput:
    client_id: str
    body_type: NotifyingBody
    body_name: str
    body_reference: str
    ground: NotifiedGround
    defendant_name: str
    description: str
    defendant_id_number: str | None = None


async def register_notified_case(call: Call, data: NotifiedInput) -> LegalAidRequest:
    """The centre's staff record the notice; the case is to be assigned."""
    viewer = scope.require_role(call, {Role.LEGAL_AID_STAFF})
    cid = client_uuid(data.client_id, "clientId")
    return await idempotency.store_once(
        LegalAidRequest,
        cid,
        viewer,
        lambda stored: stored.filed_by_id,
        _register(call, viewer, cid, data),
    )


async def _register(call: Call, viewer: Viewer, cid: str, data: NotifiedInput) -> LegalAidRequest:
    body_type = NotifyingBody(data.body_type)
    ground = NotifiedGround(data.ground)
    body = proper_name(data.body_name, "bodyName", max_len=100)
    reference = proper_name(data.body_reference, "bodyReference", max_len=64)
    name = proper_name(data.defendant_name, "defendantName", max_len=NAME_MAX)
    description = text(data.description, "description", max_len=DESCRIPTION_MAX)
    today = local_date(call.now, call.settings.timezone)
    id_number = (
        resident_id(data.defendant_id_number, "defendantIdNumber", today=today)
        if data.defendant_id_number not in (None, "")
        else None
    )
    centre = await OrgUnit.get_or_none(id=viewer.org_unit_id) if viewer.org_unit_id else None
    if centre is None:
        raise BadInput("CENTRE_REQUIRED", field="orgUnitId")
    if await NotifiedCase.exists(body_name=body, body_reference=reference):
        raise BadInput("NOTICE_ALREADY_REGISTERED", field="bodyReference")
    async with in_transaction():
        numbers = await references.assign(
            references.LEGAL_AID, centre, call.now, call.settings.timezone
        )
        request = await LegalAidRequest.create(
            client_id=cid,
            **numbers,
            applicant_id=None,
            filed_by_id=viewer.id,
            applicant_name=name,
            applicant_phone="",
            applicant_id_number=id_number,
            matter=LegalAidMatter.CRIMINAL_DEFENSE,
            special_groups=[],
            description=description,
            household_size=1,
            monthly_household_income=Decimal("0.00"),
            eligible=True,
            exempt=True,
            income_per_capita=None,
            threshold=None,
            eligibility_reason=NO_MEANS_TEST,
            # Nothing to decide: the notice is the ground (Art. 36).
            status=LegalAidStatus.APPROVED,
            org_unit_id=centre.id,
            submitted_at=call.now,
            decision_due_at=call.now,
            decided_at=call.now,
            decision_reason=NO_MEANS_TEST,
            # Art. 36: 收到通知后，应当在三日内指派律师.
            assignment_due_at=deadlines.days_after(
                call.now, deadlines.ASSIGNMENT_DAYS, call.settings.timezone
            ),
            life_or_death=ground in LIFE_OR_DEATH,
        )
        await NotifiedCase.create(
            request_id=request.id,
            body_type=body_type,
            body_name=body,
            body_reference=reference,
            ground=ground,
            received_at=call.now,
        )
        await record_status_change(
            call, request, None, LegalAidStatus.APPROVED, f"{body}（{reference}）通知辩护"
        )
    return request


async def notified_of(request_ids: list[int]) -> dict[int, NotifiedCase]:
    return {n.request_id: n for n in await NotifiedCase.filter(request_id__in=request_ids)}
