"""The written decisions of the legal-aid procedure, issued as PDFs by the
documents module: 给予法律援助决定书 and 不予法律援助决定书 (Art. 43: a refusal
is written, with its reasons, and says how to object, Art. 49), 指派通知书
(Art. 43, 36) and 终止法律援助决定书 (Art. 48)."""

from __future__ import annotations

from collections.abc import Sequence

from api.domain.common.call import Call
from api.domain.documents.chinese import chinese_date
from api.domain.documents.content import Content
from api.domain.documents.issue import issue
from api.domain.documents.kinds import DocumentKind
from api.domain.legal_aid.bureaus import REVIEW_AND_SUIT, objection_route
from api.domain.legal_aid.requests import local_date
from api.models.accounts import OrgUnit, User
from api.models.documents import Document
from api.models.enums import DocumentArea, TerminationGround
from api.models.legal_aid import LegalAidRequest

GRANT = DocumentKind(DocumentArea.LEGAL_AID, "AID_GRANT", "援决字")
REFUSAL = DocumentKind(DocumentArea.LEGAL_AID, "AID_REFUSAL", "援不字")
ASSIGNMENT = DocumentKind(DocumentArea.LEGAL_AID, "AID_ASSIGNMENT", "援指字")
TERMINATION = DocumentKind(DocumentArea.LEGAL_AID, "AID_TERMINATION", "援终字")
KINDS = (GRANT, REFUSAL, ASSIGNMENT, TERMINATION)

# 法律援助法 Art. 48 ¶1 (1)-(8), as the decision states them.
TERMINATION_WORDS = {
    TerminationGround.DECEPTION: "受援人以欺骗或者其他不正当手段获得法律援助",
    TerminationGround.CONCEALMENT: "受援人故意隐瞒与案件有关的重要事实或者提供虚假证据",
    TerminationGround.UNLAWFUL_USE: "受援人利用法律援助从事违法活动",
    TerminationGround.MEANS_CHANGED: "受援人的经济状况发生变化，不再符合法律援助条件",
    TerminationGround.CASE_ENDED: "案件终止审理或者已经被撤销",
    TerminationGround.OWN_COUNSEL: "受援人自行委托律师或者其他代理人",
    TerminationGround.AIDED_REQUEST: "受援人有正当理由要求终止法律援助",
    TerminationGround.OTHER_STATUTORY: "法律法规规定的其他情形",
}
TERMINATION_ITEMS = {g: i for i, g in enumerate(TerminationGround, start=1)}
CHINESE_ITEMS = "一二三四五六七八"


def _received(call: Call, request: LegalAidRequest) -> str:
    return chinese_date(local_date(request.submitted_at, call.settings.timezone))


def _fields(call: Call, request: LegalAidRequest) -> list[tuple[str, str]]:
    return [
        ("申请人", request.applicant_name),
        ("申请编号", request.reference_number),
        ("收到申请日期", _received(call, request)),
    ]


async def _issue(
    call: Call, kind: DocumentKind, request: LegalAidRequest, content: Content
) -> Document:
    unit = await OrgUnit.get(id=request.org_unit_id)
    return await issue(
        call,
        kind,
        unit,
        content,
        target_type="LegalAidRequest",
        target_id=request.id,
        # The applicant reads the decisions about the request with its account.
        subject_id=request.applicant_id,
    )


async def grant(
    call: Call, request: LegalAidRequest, reason: str, *, before_review: bool
) -> Document:
    how = (
        "经审查，决定先行提供法律援助（《法律援助法》第四十四条）；"
        "请及时补办有关手续、补充有关材料。"
        if before_review
        else "经审查，符合法律援助条件，决定给予法律援助（《法律援助法》第四十三条）。"
    )
    return await _issue(
        call,
        GRANT,
        request,
        Content(
            title="给予法律援助决定书",
            addressee=f"{request.applicant_name}：",
            paragraphs=[
                f"你于{_received(call, request)}提出的法律援助申请"
                f"（{request.reference_number}）收悉。",
                how,
                f"理由：{reason}",
                "本机构将自作出决定之日起三日内指派法律援助人员为你提供法律援助。",
            ],
            fields=_fields(call, request),
        ),
    )


async def refusal(call: Call, request: LegalAidRequest, reason: str) -> Document:
    return await _issue(
        call,
        REFUSAL,
        request,
        Content(
            title="不予法律援助决定书",
            addressee=f"{request.applicant_name}：",
            paragraphs=[
                f"你于{_received(call, request)}提出的法律援助申请"
                f"（{request.reference_number}）收悉。",
                f"经审查，决定不予法律援助（《法律援助法》第四十三条）。理由：{reason}",
                await objection_route(request.org_unit_id),
                REVIEW_AND_SUIT,
            ],
            fields=_fields(call, request),
        ),
    )


async def assignment(call: Call, request: LegalAidRequest, assignee: User) -> Document:
    return await _issue(
        call,
        ASSIGNMENT,
        request,
        Content(
            title="指派通知书",
            addressee=f"{assignee.display_name}：",
            paragraphs=[
                f"本机构决定为{request.applicant_name}（{request.reference_number}）"
                "提供法律援助，现指派你承办。",
                "请及时与受援人联系，按照规定向受援人通报法律援助事项办理情况"
                "（《法律援助法》第四十六条）；无正当理由不得拒绝、拖延或者终止提供法律援助服务。",
            ],
            fields=[*_fields(call, request), ("承办人", assignee.display_name)],
        ),
    )


async def termination(
    call: Call, request: LegalAidRequest, ground: TerminationGround, reason: str
) -> Document:
    item = CHINESE_ITEMS[TERMINATION_ITEMS[ground] - 1]
    return await _issue(
        call,
        TERMINATION,
        request,
        Content(
            title="终止法律援助决定书",
            addressee=f"{request.applicant_name}：",
            paragraphs=[
                f"本机构为你提供的法律援助（{request.reference_number}），"
                f"因{TERMINATION_WORDS[ground]}，依照《法律援助法》第四十八条第一款第（{item}）项，"
                "决定终止法律援助。",
                f"理由：{reason}",
                await objection_route(request.org_unit_id, "终止法律援助"),
                REVIEW_AND_SUIT,
            ],
            fields=_fields(call, request),
        ),
    )


async def documents_of(request_ids: Sequence[int]) -> dict[int, list[Document]]:
    """The procedure's documents per request, oldest first (without the PDF bytes)."""
    grouped: dict[int, list[Document]] = {i: [] for i in request_ids}
    if not request_ids:
        return grouped
    rows = (
        await Document.filter(
            target_type="LegalAidRequest",
            target_id__in=[str(i) for i in request_ids],
            kind__in=[k.code for k in KINDS],
        )
        .order_by("issued_at", "id")
        .only("id", "kind", "number", "title", "issued_at", "target_id")
    )
    for row in rows:
        grouped[int(row.target_id)].append(row)
    return grouped
