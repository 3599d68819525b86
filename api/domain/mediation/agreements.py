"""Mediation agreements (调解协议, 人民调解法 Art. 28-30): recording one, its
signatures and seal as they happen, the day it takes effect, its PDF.

人民调解法:
- Art. 28: an agreement reached may be written as a 调解协议书; where the
  parties see no need, it may be oral, and the mediator records its content.
- Art. 29: the 协议书 states the parties' particulars, the main facts, the
  matters in dispute and each party's responsibility, and what was agreed
  with the way and the deadline of performance. It takes effect on the day
  every party has signed, sealed or put a fingerprint on it, and the mediator
  has signed and the committee has sealed it; each party keeps one copy and
  the committee one.
- Art. 30: an oral agreement takes effect on the day it is reached.
- Art. 33: the parties may jointly apply to a court for judicial
  confirmation within 30 days of the day it took effect (confirmation.py).

Written agreements are signed on the phone at the table, often with no
signal: each signature is its own offline write with a clientId, naming the
agreement by the clientId the device gave it, and they arrive in any order.
The agreement takes effect on the day of whichever of them, or of the seal,
came last.
"""

from __future__ import annotations

import base64
import binascii
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from PIL import Image, UnidentifiedImageError
from tortoise.expressions import Q, Subquery
from tortoise.transactions import in_transaction

from api.domain.common import audit, idempotency, links, paging, scope
from api.domain.common.call import Call, Viewer
from api.domain.common.errors import BadInput, Conflict, NotFound
from api.domain.common.validators import client_uuid, device_time, mobile_phone, proper_name, text
from api.domain.corrections.ending import today
from api.domain.documents.chinese import chinese_date
from api.domain.documents.content import MAX_COPIES, Content
from api.domain.documents.issue import issue
from api.domain.documents.kinds import DocumentKind
from api.domain.mediation.disputes import OPEN_STATUSES, dispute_in_scope
from api.domain.notices import notices
from api.models.accounts import OrgUnit, User
from api.models.agreements import (
    AgreementForm,
    AgreementSignature,
    AgreementTerm,
    MediationAgreement,
    SignatureMethod,
    SignerKind,
    StatusMatter,
)
from api.models.documents import Document
from api.models.enums import DisputeStatus, DocumentArea, PartyRole
from api.models.mediation import Dispute

# 调解协议书: numbered 东关调协字〔2026〕第3号.
AGREEMENT_DOCUMENT = DocumentKind(DocumentArea.MEDIATION, "MED_AGREEMENT", "调协字")

# One copy per party and one for the committee (Art. 29), and a document
# prints at most MAX_COPIES copies: so at most that many parties less one.
MAX_AGREEMENT_PARTIES = MAX_COPIES - 1
MAX_TERMS = 30
PARTY_NAME_MAX = 50
ADDRESS_MAX = 200
FACTS_MAX = 5000
TERM_MAX = 1000
WAY_MAX = 200
# A drawn signature is a small PNG; a fingerprint photo a small JPEG or PNG
# (the PWA scales both down before they are queued).
IMAGE_MAX_BYTES = 200_000
IMAGE_MAX_SIDE = 2000
IMAGE_FORMATS = {
    SignatureMethod.SIGNATURE: frozenset({"PNG"}),
    SignatureMethod.FINGERPRINT: frozenset({"PNG", "JPEG"}),
}
MEDIATOR_SLOT = "mediator"

# 人民调解法 Art. 33: within 30 days of the day the agreement took effect;
# the day it took effect is not counted (民法典 Art. 201), so the 30th day
# after it is the last.
CONFIRMATION_PERIOD = timedelta(days=30)


@dataclass(frozen=True)
class AgreementPartyInput:
    name: str
    role: PartyRole
    phone: str | None = None
    address: str | None = None


@dataclass(frozen=True)
class TermInput:
    obligor: str
    content: str
    way: str
    due_on: date


@dataclass(frozen=True)
class AgreementFilter:
    dispute_id: int | None = None
    # Took effect, may be confirmed, and nobody has applied yet.
    confirmation_pending: bool | None = None
    # A term's deadline has passed and it is not marked performed.
    term_overdue: bool | None = None


def party_slot(index: int) -> str:
    return f"party:{index}"


def local_date(moment: datetime, call: Call) -> date:
    return moment.astimezone(ZoneInfo(call.settings.timezone)).date()


def last_moment(day: date, call: Call) -> datetime:
    """The last second of the office's day `day`: a deadline that is a day."""
    return datetime.combine(day, time(23, 59, 59), ZoneInfo(call.settings.timezone))


def confirmable(agreement: MediationAgreement) -> bool:
    """A court confirms no agreement on a status, an adoption or a marriage
    (司法确认程序若干规定 2011 Art. 4)."""
    return agreement.status_matter is None


# ------------------------------------------------------------------ scope


async def agreements_scope(call: Call) -> Q | None:
    where = await scope.dispute_scope(call)
    if where is None:
        return None
    # The agreements of the disputes the viewer may see (scope.dispute_scope).
    return Q(dispute_id__in=Subquery(Dispute.filter(where).values("id")))


async def agreement_in_scope(
    call: Call, agreement_id: int, *, lock: bool = False
) -> MediationAgreement:
    where = await agreements_scope(call)
    return await scope.one_in_scope(
        MediationAgreement, where, agreement_id, "AGREEMENT_NOT_FOUND", lock=lock
    )


async def _by_client_id(call: Call, client_id: object, field: str) -> MediationAgreement:
    cid = client_uuid(client_id, field)
    where = await agreements_scope(call)
    row = None if where is None else await MediationAgreement.filter(where, client_id=cid).first()
    if row is None:
        raise NotFound("AGREEMENT_NOT_FOUND", field=field)
    return row


# ------------------------------------------------------------------ recording


async def record_agreement(
    call: Call,
    *,
    client_id: str,
    dispute_id: int,
    form: AgreementForm,
    status_matter: StatusMatter | None,
    parties: Sequence[AgreementPartyInput],
    facts: str,
    responsibilities: str,
    terms: Sequence[TermInput],
    agreed_at: datetime,
) -> MediationAgreement:
    """Record the agreement reached in a dispute; the same clientId again returns it."""
    viewer = scope.require_role(call, scope.MEDIATION_STAFF)
    cid = client_uuid(client_id, "clientId")
    return await idempotency.store_once(
        MediationAgreement,
        cid,
        viewer,
        lambda stored: stored.recorded_by_id,
        _record(
            call,
            viewer,
            cid,
            dispute_id=dispute_id,
            form=AgreementForm(form),
            status_matter=StatusMatter(status_matter) if status_matter else None,
            parties=parties,
            facts=facts,
            responsibilities=responsibilities,
            terms=terms,
            agreed_at=agreed_at,
        ),
    )


def _parties(parties: Sequence[AgreementPartyInput]) -> list[dict[str, str | None]]:
    # An agreement is between the parties of the dispute: two at least.
    if len(parties) < 2:
        raise BadInput("AGREEMENT_PARTIES", field="parties", min=2)
    if len(parties) > MAX_AGREEMENT_PARTIES:
        raise BadInput("PARTIES_TOO_MANY", field="parties", max=MAX_AGREEMENT_PARTIES)
    cleaned = []
    for i, p in enumerate(parties):
        cleaned.append(
            {
                "name": proper_name(p.name, f"parties.{i}.name", max_len=PARTY_NAME_MAX),
                "role": PartyRole(p.role).value,
                "phone": mobile_phone(p.phone, f"parties.{i}.phone") if p.phone else None,
                "address": (
                    text(p.address, f"parties.{i}.address", max_len=ADDRESS_MAX)
                    if p.address
                    else None
                ),
            }
        )
    return cleaned


def _terms(terms: Sequence[TermInput], names: set[str], agreed_on: date) -> list[TermInput]:
    if not terms:
        raise BadInput("AGREEMENT_TERMS_REQUIRED", field="terms")
    if len(terms) > MAX_TERMS:
        raise BadInput("AGREEMENT_TERMS_TOO_MANY", field="terms", max=MAX_TERMS)
    cleaned = []
    for i, t in enumerate(terms):
        obligor = proper_name(t.obligor, f"terms.{i}.obligor", max_len=PARTY_NAME_MAX)
        # Who performs is one of the parties who agreed.
        if obligor not in names:
            raise BadInput("TERM_OBLIGOR", field=f"terms.{i}.obligor")
        if t.due_on < agreed_on:
            raise BadInput("TERM_DUE_BEFORE_AGREEMENT", field=f"terms.{i}.dueOn")
        cleaned.append(
            TermInput(
                obligor=obligor,
                content=text(t.content, f"terms.{i}.content", max_len=TERM_MAX),
                way=text(t.way, f"terms.{i}.way", max_len=WAY_MAX),
                due_on=t.due_on,
            )
        )
    return cleaned


async def _record(
    call: Call,
    viewer: Viewer,
    cid: str,
    *,
    dispute_id: int,
    form: AgreementForm,
    status_matter: StatusMatter | None,
    parties: Sequence[AgreementPartyInput],
    facts: str,
    responsibilities: str,
    terms: Sequence[TermInput],
    agreed_at: datetime,
) -> MediationAgreement:
    agreed_at = device_time(agreed_at, "agreedAt", call.now)
    cleaned_parties = _parties(parties)
    names = {str(p["name"]) for p in cleaned_parties}
    if len(names) != len(cleaned_parties):
        raise BadInput("AGREEMENT_PARTY_TWICE", field="parties")
    cleaned_terms = _terms(terms, names, local_date(agreed_at, call))
    facts = text(facts, "facts", max_len=FACTS_MAX)
    responsibilities = text(responsibilities, "responsibilities", max_len=FACTS_MAX)

    async with in_transaction():
        dispute = await dispute_in_scope(call, dispute_id, lock=True)
        status = DisputeStatus(dispute.status)
        # Reached while mediating, or after a visit recorded it as reached.
        if status not in (*OPEN_STATUSES, DisputeStatus.RESOLVED):
            raise Conflict("AGREEMENT_DISPUTE_STATUS", field="disputeId", status=status)
        if await MediationAgreement.exists(dispute_id=dispute.id):
            raise Conflict("AGREEMENT_EXISTS", field="disputeId")
        agreement = await MediationAgreement.create(
            client_id=cid,
            dispute_id=dispute.id,
            form=form,
            status_matter=status_matter,
            parties=cleaned_parties,
            facts=facts,
            responsibilities=responsibilities,
            agreed_at=agreed_at,
            recorded_by_id=viewer.id,
            recorded_at=call.now,
        )
        await AgreementTerm.bulk_create(
            [
                AgreementTerm(
                    agreement_id=agreement.id,
                    position=i,
                    obligor=t.obligor,
                    content=t.content,
                    way=t.way,
                    due_on=t.due_on,
                )
                for i, t in enumerate(cleaned_terms)
            ]
        )
        await audit.record(
            call,
            "agreement.record",
            target_type="MediationAgreement",
            target_id=agreement.id,
            summary={
                "disputeId": dispute.id,
                "form": form,
                "statusMatter": status_matter,
                "parties": len(cleaned_parties),
                "terms": len(cleaned_terms),
            },
        )
        if form is AgreementForm.ORAL:
            # 人民调解法 Art. 30: an oral agreement takes effect when reached.
            await _take_effect(call, agreement, dispute, agreed_at)
    return agreement


# ------------------------------------------------------------------ signing and sealing


def _image(data: str, method: SignatureMethod) -> tuple[bytes, str]:
    """The decoded image, checked to be what it says: a PNG signature, or a
    PNG or JPEG fingerprint photo, small enough to keep with the agreement."""
    try:
        raw = base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        raise BadInput("SIGNATURE_IMAGE", field="image") from None
    if len(raw) > IMAGE_MAX_BYTES:
        raise BadInput("SIGNATURE_IMAGE_TOO_LARGE", field="image", max=IMAGE_MAX_BYTES // 1000)
    try:
        with Image.open(io.BytesIO(raw)) as picture:
            kind = picture.format or ""
            width, height = picture.size
            picture.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        raise BadInput("SIGNATURE_IMAGE", field="image") from None
    if kind not in IMAGE_FORMATS[method]:
        raise BadInput("SIGNATURE_IMAGE", field="image")
    if max(width, height) > IMAGE_MAX_SIDE:
        raise BadInput("SIGNATURE_IMAGE_TOO_LARGE", field="image", max=IMAGE_MAX_BYTES // 1000)
    return raw, f"image/{kind.lower()}"


async def sign_agreement(
    call: Call,
    *,
    client_id: str,
    agreement_client_id: str,
    signer: SignerKind,
    party_index: int | None,
    method: SignatureMethod,
    image: str,
    signed_at: datetime,
) -> AgreementSignature:
    """A party's or the mediator's signature (签名 or 按指印, Art. 29) as it was
    made; the same clientId again returns the stored one."""
    viewer = scope.require_role(call, scope.MEDIATION_STAFF)
    cid = client_uuid(client_id, "clientId")
    return await idempotency.store_once(
        AgreementSignature,
        cid,
        viewer,
        lambda stored: stored.recorded_by_id,
        _sign(
            call,
            viewer,
            cid,
            agreement_client_id=agreement_client_id,
            signer=SignerKind(signer),
            party_index=party_index,
            method=SignatureMethod(method),
            image=image,
            signed_at=signed_at,
        ),
    )


async def _sign(
    call: Call,
    viewer: Viewer,
    cid: str,
    *,
    agreement_client_id: str,
    signer: SignerKind,
    party_index: int | None,
    method: SignatureMethod,
    image: str,
    signed_at: datetime,
) -> AgreementSignature:
    signed_at = device_time(signed_at, "signedAt", call.now)
    raw, image_type = _image(image, method)
    async with in_transaction():
        found = await _by_client_id(call, agreement_client_id, "agreementClientId")
        dispute = await _open_dispute(call, found.dispute_id)
        agreement = await MediationAgreement.select_for_update().get(id=found.id)
        if AgreementForm(agreement.form) is not AgreementForm.WRITTEN:
            raise Conflict("AGREEMENT_ORAL_UNSIGNED", field="agreementClientId")
        if signed_at < agreement.agreed_at:
            raise BadInput("SIGNED_BEFORE_AGREEMENT", field="signedAt")
        if signer is SignerKind.MEDIATOR:
            if party_index is not None:
                raise BadInput("SIGNER_PARTY_INDEX", field="partyIndex")
            # The mediator signs as who they are: the account recording it.
            slot, name = MEDIATOR_SLOT, (await User.get(id=viewer.id)).display_name
        else:
            if party_index is None or not 0 <= party_index < len(agreement.parties):
                raise BadInput("SIGNER_PARTY_INDEX", field="partyIndex")
            slot, name = party_slot(party_index), str(agreement.parties[party_index]["name"])
        if await AgreementSignature.exists(agreement_id=agreement.id, slot=slot):
            raise Conflict("AGREEMENT_ALREADY_SIGNED", field="partyIndex")
        signature = await AgreementSignature.create(
            client_id=cid,
            agreement_id=agreement.id,
            slot=slot,
            signer_kind=signer,
            signer_name=name[:PARTY_NAME_MAX],
            method=method,
            image=raw,
            image_type=image_type,
            signed_at=signed_at,
            received_at=call.now,
            recorded_by_id=viewer.id,
        )
        await audit.record(
            call,
            "agreement.sign",
            target_type="MediationAgreement",
            target_id=agreement.id,
            summary={"signatureId": signature.id, "slot": slot, "method": method},
        )
        await _effective_if_complete(call, agreement, dispute)
    return signature


async def seal_agreement(call: Call, agreement_id: int, sealed_at: datetime) -> MediationAgreement:
    """The committee's seal on the 协议书 (Art. 29). Sent again with the same
    time, it answers the agreement as it is (an outbox may resend it)."""
    scope.require_role(call, scope.MEDIATION_STAFF)
    sealed_at = device_time(sealed_at, "sealedAt", call.now)
    async with in_transaction():
        found = await agreement_in_scope(call, agreement_id)
        dispute = await _open_dispute(call, found.dispute_id)
        agreement = await MediationAgreement.select_for_update().get(id=found.id)
        if AgreementForm(agreement.form) is not AgreementForm.WRITTEN:
            raise Conflict("AGREEMENT_ORAL_UNSIGNED", field="id")
        if agreement.sealed_at is not None:
            if agreement.sealed_at == sealed_at:
                return agreement
            raise Conflict("AGREEMENT_ALREADY_SEALED", field="sealedAt")
        if sealed_at < agreement.agreed_at:
            raise BadInput("SIGNED_BEFORE_AGREEMENT", field="sealedAt")
        agreement.sealed_at = sealed_at
        await agreement.save(update_fields=["sealed_at"])
        await audit.record(
            call,
            "agreement.seal",
            target_type="MediationAgreement",
            target_id=agreement.id,
            summary={"sealedAt": sealed_at},
        )
        await _effective_if_complete(call, agreement, dispute)
    return agreement


async def _open_dispute(call: Call, dispute_id: int) -> Dispute:
    """The agreement's dispute, locked; a closed file takes no more signatures."""
    dispute = await dispute_in_scope(call, dispute_id, lock=True)
    if DisputeStatus(dispute.status) is DisputeStatus.CLOSED:
        raise Conflict("DISPUTE_CLOSED", field="agreementId")
    return dispute


def missing_slots(agreement: MediationAgreement, signed: Sequence[str]) -> list[str]:
    """Who has still to sign: every party and the mediator (Art. 29)."""
    wanted = [party_slot(i) for i in range(len(agreement.parties))] + [MEDIATOR_SLOT]
    return [slot for slot in wanted if slot not in signed]


async def _effective_if_complete(
    call: Call, agreement: MediationAgreement, dispute: Dispute
) -> None:
    """人民调解法 Art. 29: in effect from the day of the last of the parties'
    signatures, the mediator's and the committee's seal, whichever came last
    (they arrive from the device in any order)."""
    if agreement.effective_at is not None or agreement.sealed_at is None:
        return
    signatures = await AgreementSignature.filter(agreement_id=agreement.id).values_list(
        "slot", "signed_at"
    )
    if missing_slots(agreement, [str(slot) for slot, _ in signatures]):
        return
    last = max([agreement.sealed_at, *(at for _, at in signatures)])
    await _take_effect(call, agreement, dispute, last)


async def _take_effect(
    call: Call, agreement: MediationAgreement, dispute: Dispute, moment: datetime
) -> None:
    """The agreement is in effect from `moment`: the dispute is resolved, the
    30 days for judicial confirmation start (Art. 33) unless no court would
    confirm it, the mediator is told, and a written one is issued as a PDF."""
    effective_on = local_date(moment, call)
    agreement.effective_at = moment
    agreement.effective_on = effective_on
    due_on = effective_on + CONFIRMATION_PERIOD if confirmable(agreement) else None
    agreement.confirmation_due_on = due_on
    changed = ["effective_at", "effective_on", "confirmation_due_on"]
    if AgreementForm(agreement.form) is AgreementForm.WRITTEN:
        document = await _issue_document(call, agreement, dispute)
        agreement.document_id = document.id
        changed.append("document_id")
    await agreement.save(update_fields=changed)

    before = DisputeStatus(dispute.status)
    if before in (*OPEN_STATUSES, DisputeStatus.RESOLVED):
        # Settled by this agreement (a dispute marked failed or referred
        # since keeps what it was marked).
        dispute.status = DisputeStatus.RESOLVED
        dispute.resolved_at = moment
    dispute.judicial_confirmation_due_at = last_moment(due_on, call) if due_on else None
    await dispute.save(update_fields=["status", "resolved_at", "judicial_confirmation_due_at"])
    await audit.record(
        call,
        "agreement.effective",
        target_type="MediationAgreement",
        target_id=agreement.id,
        summary={
            "effectiveOn": effective_on.isoformat(),
            "confirmationDueOn": due_on.isoformat() if due_on else None,
            "disputeFrom": before,
            "documentId": agreement.document_id,
        },
    )
    if due_on is not None:
        recipient = await User.get_or_none(
            id=dispute.mediator_id or agreement.recorded_by_id, is_active=True
        )
        if recipient is not None:
            await notices.enqueue(
                call,
                [recipient],
                "dispute.confirmation_deadline",
                subject_type="Dispute",
                subject_id=dispute.id,
                period=f"{due_on.isoformat()}:opened",
                url=links.dispute(dispute.id),
                params={"title": dispute.title, "due": due_on.isoformat()},
            )


# ------------------------------------------------------------------ the document

ROLE_WORDS = {
    PartyRole.APPLICANT: "申请人",
    PartyRole.RESPONDENT: "被申请人",
    PartyRole.OTHER: "当事人",
}
METHOD_WORDS = {SignatureMethod.SIGNATURE: "签名", SignatureMethod.FINGERPRINT: "按指印"}
_NUMERALS = "一二三四五六七八九十"


def _ordinal(i: int) -> str:
    n = i + 1
    if n <= 10:
        return _NUMERALS[n - 1]
    tens, ones = divmod(n, 10)
    return (("" if tens == 1 else _NUMERALS[tens - 1]) + "十") + (
        _NUMERALS[ones - 1] if ones else ""
    )


def agreement_content(
    agreement: MediationAgreement,
    terms: Sequence[AgreementTerm],
    signatures: Sequence[AgreementSignature],
    unit: OrgUnit,
    call: Call,
) -> Content:
    """The wording of the 调解协议书 (人民调解法 Art. 29), one copy per party and
    the committee's file copy."""
    parties = agreement.parties
    lines = []
    for p in parties:
        about = [f"{ROLE_WORDS[PartyRole(str(p['role']))]}：{p['name']}"]
        if p.get("phone"):
            about.append(f"联系电话：{p['phone']}")
        if p.get("address"):
            about.append(f"住址：{p['address']}")
        lines.append("，".join(about) + "。")
    paragraphs = [
        "当事人基本情况：\n" + "\n".join(lines),
        f"纠纷的主要事实、争议事项：{agreement.facts}",
        f"各方当事人的责任：{agreement.responsibilities}",
        "经本委员会调解，各方当事人自愿达成如下协议：",
        *(
            f"{_ordinal(t.position)}、{t.obligor}于{chinese_date(t.due_on)}前，"
            f"以{t.way}方式，{t.content}"
            for t in terms
        ),
        "本协议自各方当事人签名、盖章或者按指印，人民调解员签名并加盖人民调解委员会"
        "印章之日起生效（《中华人民共和国人民调解法》第二十九条）。本协议一式"
        f"{len(parties) + 1}份，当事人各执一份，人民调解委员会留存一份。",
    ]
    if confirmable(agreement) and agreement.effective_on is not None:
        paragraphs.append(
            "双方当事人认为有必要的，可以自本协议生效之日起三十日内共同向人民法院申请司法确认"
            "（《中华人民共和国人民调解法》第三十三条）。"
        )
    by_slot = {s.slot: s for s in signatures}
    signed = []
    for i, p in enumerate(parties):
        s = by_slot.get(party_slot(i))
        how = f"（{METHOD_WORDS[SignatureMethod(s.method)]}）" if s else ""
        signed.append(f"当事人：{p['name']}{how}")
    mediator = by_slot.get(MEDIATOR_SLOT)
    signed.append(f"人民调解员：{mediator.signer_name if mediator else ''}")
    signed.append(f"{unit.name}（印章）")
    fields = [("生效日期", chinese_date(agreement.effective_on))] if agreement.effective_on else []
    return Content(
        title="人民调解协议书",
        paragraphs=paragraphs,
        fields=fields,
        signatures=signed,
        copies=[f"{p['name']}执" for p in parties] + ["存档"],
    )


async def _issue_document(call: Call, agreement: MediationAgreement, dispute: Dispute) -> Document:
    unit = await OrgUnit.get(id=dispute.org_unit_id)
    terms = await AgreementTerm.filter(agreement_id=agreement.id).order_by("position")
    signatures = await AgreementSignature.filter(agreement_id=agreement.id)
    return await issue(
        call,
        AGREEMENT_DOCUMENT,
        unit,
        agreement_content(agreement, terms, signatures, unit, call),
        target_type="MediationAgreement",
        target_id=agreement.id,
    )


# ------------------------------------------------------------------ reading


async def get_agreement(call: Call, agreement_id: int) -> MediationAgreement:
    return await agreement_in_scope(call, agreement_id)


def _overdue_terms(asof_day: date) -> Subquery:
    return Subquery(
        AgreementTerm.filter(due_on__lt=asof_day, performed_on__isnull=True).values("agreement_id")
    )


async def list_agreements(
    call: Call, *, limit: int, after: paging.TimePosition | None, filter: AgreementFilter
) -> paging.Page[MediationAgreement]:
    """The agreements of the viewer's disputes, newest recorded first."""
    where = await agreements_scope(call)
    if where is None:
        return paging.empty()
    query = MediationAgreement.filter(where)
    if filter.dispute_id is not None:
        query = query.filter(dispute_id=filter.dispute_id)
    if filter.confirmation_pending is not None:
        pending = Q(confirmation_due_on__not_isnull=True, confirmation_status__isnull=True)
        query = query.filter(pending if filter.confirmation_pending else ~pending)
    if filter.term_overdue is not None:
        overdue = Q(id__in=_overdue_terms(today(call)))
        query = query.filter(overdue if filter.term_overdue else ~overdue)
    total = await query.count()
    if after is not None:
        query = query.filter(Q(recorded_at__lt=after.at) | Q(recorded_at=after.at, id__lt=after.id))
    rows = await query.order_by("-recorded_at", "-id").limit(limit + 1)
    return paging.page_of(
        rows, limit, lambda a: paging.TimePosition(a.recorded_at, a.id), total=total
    )


async def terms_of(agreement_ids: Sequence[int]) -> dict[int, list[AgreementTerm]]:
    grouped: dict[int, list[AgreementTerm]] = {i: [] for i in agreement_ids}
    for term in await AgreementTerm.filter(agreement_id__in=list(agreement_ids)).order_by(
        "agreement_id", "position"
    ):
        grouped[term.agreement_id].append(term)
    return grouped


async def signatures_of(agreement_ids: Sequence[int]) -> dict[int, list[AgreementSignature]]:
    """The signatures, without their images (those are read one at a time)."""
    grouped: dict[int, list[AgreementSignature]] = {i: [] for i in agreement_ids}
    rows = (
        await AgreementSignature.filter(agreement_id__in=list(agreement_ids))
        .only("id", "agreement_id", "slot", "signer_kind", "signer_name", "method", "signed_at")
        .order_by("agreement_id", "signed_at", "id")
    )
    for row in rows:
        grouped[row.agreement_id].append(row)
    return grouped
