"""Notices to people: the outbox rows the push dispatcher delivers.

Domain code calls `enqueue` inside the transaction of the change that causes
the notice, so a notice exists exactly when its cause was committed. The
dedupe key (recipient, kind, subject, period) is unique: the same reminder
for the same period is queued once however often the scheduler looks.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from api.domain.common.call import Call
from api.models.accounts import User
from api.models.enums import Role
from api.models.notifications import Notification

REMINDER_TTL = 24 * 3600
ALERT_TTL = 3600
QUIET_START = time(22, 0)
QUIET_END = time(7, 0)


@dataclass(frozen=True)
class Message:
    title: str
    body: str


# Every notice text, per kind and language. Parameters are filled with
# str.format; none of them ever carries an ID number, an address or a place.
CATALOGUE: dict[str, dict[str, Message]] = {
    "checkin.due_soon": {
        "zh-CN": Message("报到提醒", "请在 {due} 前完成报到。"),
        "en": Message("Check-in reminder", "Please check in before {due}."),
    },
    "checkin.due_now": {
        "zh-CN": Message("现在需要报到", "您的报到时间已到，请尽快报到。"),
        "en": Message("Check-in due now", "Your check-in is due now. Please check in."),
    },
    # The corrections notices name nobody: a minor's identity is confidential
    # (社区矫正法 Art. 54), and a push shows on a lock screen whoever holds the
    # phone, so no one's name is in them; the notice opens the record, which
    # shows the name to whoever may see it.
    "checkin.overdue": {
        "zh-CN": Message("逾期未报到", "一名社区矫正对象已逾期未报到，请打开查看。"),
        "en": Message("Missed check-in", "A person under supervision has missed a check-in."),
    },
    "checkin.rejected": {
        "zh-CN": Message("报到未通过", "您的报到未通过审核：{note}"),
        "en": Message("Check-in not accepted", "Your check-in was not accepted: {note}"),
    },
    "person.absconded": {
        "zh-CN": Message("脱管警报", "一名社区矫正对象已被标记为脱管，请立即组织查找。"),
        "en": Message(
            "Contact lost", "A person under supervision has absconded. Start the search now."
        ),
    },
    "person.reported_while_absconded": {
        "zh-CN": Message(
            "脱管人员已报到", "一名脱管的社区矫正对象刚刚通过手机报到，请立即查看位置并联系。"
        ),
        "en": Message(
            "Absconded person reported",
            "A person marked absconded just checked in from the phone. Open it now.",
        ),
    },
    "person.contact_restored": {
        "zh-CN": Message("恢复监管", "一名社区矫正对象已恢复正常监管。"),
        "en": Message("Contact restored", "A person under supervision is back in contact."),
    },
    "intake.due_soon": {
        "zh-CN": Message("入矫报到期限将到", "{name} 应于 {due} 前报到入矫，尚未报到。"),
        "en": Message("Intake deadline near", "{name} must report for intake by {due}; not yet."),
    },
    "intake.missed": {
        "zh-CN": Message("漏管警报", "{name} 超过入矫报到期限（{due}）仍未报到。"),
        "en": Message(
            "Missed intake", "{name} has not reported for intake by the deadline ({due})."
        ),
    },
    "release.due": {
        "zh-CN": Message(
            "矫正期满提醒", "{name} 的社区矫正期限将于 {date} 届满（还有 {days} 天）。"
        ),
        "en": Message("Term ending", "{name}'s term of supervision ends on {date} ({days} days)."),
    },
    "monitoring.expiring": {
        "zh-CN": Message(
            "电子定位期限将满",
            "一项电子定位决定将于 {date} 期满（还有 {days} 天），请评估后报批延长或及时解除。",
        ),
        "en": Message(
            "Electronic positioning ends soon",
            "An electronic positioning decision ends on {date} ({days} days): "
            "have a renewal assessed and approved, or end it.",
        ),
    },
    "thought_report.replied": {
        "zh-CN": Message("思想汇报已回复", "工作人员已回复您 {month} 的思想汇报。"),
        "en": Message("Report answered", "Your monthly report for {month} has a reply."),
    },
    # Leave and sanctions (法 Art. 27-28): to the person, about their own
    # request or decision; to staff, naming nobody (as above).
    "leave.requested": {
        "zh-CN": Message("外出申请待审批", "一名社区矫正对象提交了外出或迁居申请，请打开审批。"),
        "en": Message(
            "Leave request", "A person under supervision asks for leave or a move. Please decide."
        ),
    },
    "leave.approved": {
        "zh-CN": Message(
            "外出申请已批准", "您的外出（迁居）申请已批准，请按批准的时间往返并按时报告。"
        ),
        "en": Message(
            "Leave approved", "Your request was approved. Keep to the dates and report back."
        ),
    },
    "leave.refused": {
        "zh-CN": Message("外出申请未获批准", "您的外出（迁居）申请未获批准，请打开查看理由。"),
        "en": Message("Leave not approved", "Your request was not approved. Open it for why."),
    },
    "sanction.proposed": {
        "zh-CN": Message("奖惩待决定", "司法所对一名社区矫正对象提出了处理意见，请打开决定。"),
        "en": Message(
            "Sanction proposed", "An office proposes a sanction for a person. Please decide."
        ),
    },
    "sanction.decided": {
        "zh-CN": Message("处理决定", "社区矫正机构对您作出了处理决定，请打开查看决定书。"),
        "en": Message("Decision made", "A decision about you has been made. Open it to read it."),
    },
    # Resettlement notices name nobody either: a lock screen is not the place.
    "resettlement.lost_contact": {
        "zh-CN": Message(
            "安置帮教对象失联", "一名刑满释放人员自 {since} 未按时衔接，已超过期限，请立即查找。"
        ),
        "en": Message(
            "Released person not found",
            "A released person has not arrived since {since}, past the limit. Find them now.",
        ),
    },
    "resettlement.contact_due": {
        "zh-CN": Message("帮教走访提醒", "一名高风险安置帮教对象应于 {due} 前联系。"),
        "en": Message("Contact due", "A high-risk released person must be contacted by {due}."),
    },
    "resettlement.contact_request": {
        "zh-CN": Message("帮教对象请求联系", "一名安置帮教对象请司法所与其联系，请打开查看。"),
        "en": Message(
            "Contact requested", "A released person asks the office to get in touch. Open it."
        ),
    },
    "dispute.high_risk": {
        "zh-CN": Message("高风险纠纷", "{unit}登记了高风险纠纷：{title}"),
        "en": Message("High-risk dispute", "{unit} registered a high-risk dispute: {title}"),
    },
    "dispute.follow_up_due": {
        "zh-CN": Message("回访到期", "纠纷「{title}」需要回访。"),
        "en": Message("Follow-up due", "The dispute “{title}” is due for a follow-up."),
    },
    "dispute.confirmation_deadline": {
        "zh-CN": Message("司法确认期限", "纠纷「{title}」的司法确认申请期限为 {due}。"),
        "en": Message(
            "Judicial confirmation deadline",
            "Judicial confirmation for “{title}” must be applied for by {due}.",
        ),
    },
    "agreement.term_overdue": {
        "zh-CN": Message(
            "协议履行逾期", "纠纷「{title}」的调解协议有一项约定未在 {due} 前履行，请督促履行。"
        ),
        "en": Message(
            "Agreement term overdue",
            "A term of the agreement in “{title}” was due by {due} and is not performed.",
        ),
    },
    "dispute.mediation_month": {
        "zh-CN": Message("调解期限提醒", "纠纷「{title}」一般应于 {due} 前调结。"),
        "en": Message(
            "Mediation running long", "The dispute “{title}” should normally be settled by {due}."
        ),
    },
    "dispute.court_deadline": {
        "zh-CN": Message("法院移送调解期限", "法院移送的纠纷「{title}」调解期限至 {due}。"),
        "en": Message(
            "Court referral deadline", "The court-referred dispute “{title}” is due by {due}."
        ),
    },
    "screening.started": {
        "zh-CN": Message("矛盾纠纷排查", "排查活动「{title}」已开始，请于 {due} 前报送。"),
        "en": Message("Dispute screening", "Screening “{title}” has started; report by {due}."),
    },
    "screening.report_missing": {
        "zh-CN": Message(
            "排查报告未报送", "{unit}尚未报送排查活动「{title}」的报告（截止 {due}）。"
        ),
        "en": Message(
            "Screening report missing",
            "{unit} has not reported in screening “{title}” (due {due}).",
        ),
    },
    "legal_aid.status": {
        "zh-CN": Message("法律援助申请进展", "您的申请 {reference} 状态：{status}。"),
        "en": Message("Legal aid request update", "Your request {reference} is now {status}."),
    },
    "legal_aid.decision_due": {
        "zh-CN": Message("审查期限将到", "申请 {reference} 应于 {due} 前作出决定。"),
        "en": Message("Decision due", "Request {reference} must be decided by {due}."),
    },
    "legal_aid.unassigned": {
        "zh-CN": Message("尚未指派", "已批准的申请 {reference} 还没有指派承办人。"),
        "en": Message("Not yet assigned", "Approved request {reference} has no assignee yet."),
    },
    # Sent by text only (api/domain/accounts/phone.py), never as a push.
    "phone.check": {
        "zh-CN": Message("验证码", "{code}，10分钟内有效。请勿告诉他人。"),
        "en": Message("Sifasuo code", "{code}, valid for 10 minutes. Do not share it."),
    },
    "legal_aid.assigned": {
        "zh-CN": Message("新指派案件", "申请 {reference} 已指派给您。"),
        "en": Message("New assignment", "Request {reference} has been assigned to you."),
    },
    # The consultation and referral notices name nobody: a referral may be a
    # supervised minor's (社区矫正法 Art. 54) and a push shows on a lock screen.
    "consultation.answered": {
        "zh-CN": Message("法律咨询已答复", "您提出的法律咨询已有答复，请打开查看。"),
        "en": Message("Your question is answered", "Your legal question has an answer. Open it."),
    },
    "legal_aid.referral": {
        "zh-CN": Message("法律援助申请待确认", "已为您填写了一份法律援助申请，请打开确认。"),
        "en": Message(
            "Legal aid request to confirm",
            "A legal aid request was filled in for you. Open it to confirm.",
        ),
    },
    "legal_aid.closing_due": {
        "zh-CN": Message("结案材料将到期", "案件 {reference} 的结案材料应于 {due} 前提交。"),
        "en": Message(
            "Closing materials due", "The closing materials of {reference} are due by {due}."
        ),
    },
    "legal_aid.closing_overdue": {
        "zh-CN": Message("结案材料逾期", "案件 {reference} 的结案材料已超过期限（{due}）。"),
        "en": Message(
            "Closing materials overdue",
            "The closing materials of {reference} were due by {due}.",
        ),
    },
    # The legal-aid procedure (法律援助法 Art. 43, 46, 49, 55): the reference
    # only, never a name.
    "legal_aid.materials": {
        "zh-CN": Message(
            "请补充申请材料", "申请 {reference} 需要补充材料，请在 {due} 前通过手机上传。"
        ),
        "en": Message(
            "Materials needed",
            "Request {reference} needs more materials: upload them from your phone by {due}.",
        ),
    },
    "legal_aid.materials_lapsed": {
        "zh-CN": Message("申请视为撤回", "申请 {reference} 未在期限内补充材料，视为撤回申请。"),
        "en": Message(
            "Request treated as withdrawn",
            "Request {reference}: the materials did not come by the deadline, so it is "
            "treated as withdrawn.",
        ),
    },
    "legal_aid.objection_filed": {
        "zh-CN": Message("收到异议", "对申请 {reference} 的决定提出了异议，请在五日内审查。"),
        "en": Message(
            "Objection received",
            "An objection to the decision on request {reference}: review it within 5 days.",
        ),
    },
    "legal_aid.objection_upheld": {
        "zh-CN": Message(
            "异议审查结果",
            "对申请 {reference} 的原决定予以维持；不服的，可以依法申请行政复议或者提起行政诉讼。",
        ),
        "en": Message(
            "Objection decided",
            "The decision on request {reference} stands; you may apply for administrative "
            "review or bring an administrative suit.",
        ),
    },
    "legal_aid.objection_corrected": {
        "zh-CN": Message("异议审查结果", "申请 {reference} 的原决定已被责令改正。"),
        "en": Message(
            "Objection decided", "The centre was ordered to correct its decision on {reference}."
        ),
    },
    "legal_aid.progress": {
        "zh-CN": Message("案件办理进展", "您的案件 {reference} 有新的办理情况。"),
        "en": Message("Case progress", "There is news on your case {reference}."),
    },
    "legal_aid.complaint_decided": {
        "zh-CN": Message("投诉处理结果", "关于案件 {reference} 的投诉或请求已有处理结果。"),
        "en": Message(
            "Complaint answered", "Your complaint or request on {reference} has an answer."
        ),
    },
}

# Words used inside messages, per language.
STATUS_WORDS: dict[str, dict[str, str]] = {
    "zh-CN": {
        "SUBMITTED": "已提交",
        "APPROVED": "已批准",
        "REJECTED": "未批准",
        "ASSIGNED": "已指派承办人",
        "CLOSED": "已结案",
        "WITHDRAWN": "已撤回",
        "INCOMPLETE": "待补充材料",
        "TERMINATED": "已终止法律援助",
    },
    "en": {
        "SUBMITTED": "submitted",
        "APPROVED": "approved",
        "REJECTED": "not approved",
        "ASSIGNED": "assigned to a lawyer",
        "CLOSED": "closed",
        "WITHDRAWN": "withdrawn",
        "INCOMPLETE": "waiting for materials",
        "TERMINATED": "aid terminated",
    },
}


def render(kind: str, locale: str, params: Mapping[str, object]) -> Message:
    texts = CATALOGUE[kind]
    message = texts.get(locale) or texts["zh-CN"]
    return Message(message.title.format(**params), message.body.format(**params))


def after_quiet_hours(now: datetime, tz_name: str) -> datetime:
    """`now`, or the end of the quiet hours (22:00-07:00 local) when inside them."""
    tz = ZoneInfo(tz_name)
    local = now.astimezone(tz)
    if QUIET_END <= local.time() < QUIET_START:
        return now
    end_day = local.date() if local.time() < QUIET_END else local.date() + timedelta(days=1)
    return datetime.combine(end_day, QUIET_END, tzinfo=tz).astimezone(now.tzinfo)


def topic_for(kind: str, subject: str) -> str:
    """Push `Topic` (at most 32 base64url characters) per kind and subject."""
    digest = hashlib.sha256(f"{kind}|{subject}".encode()).digest()
    return base64.urlsafe_b64encode(digest).decode()[:32]


def dedupe_key(recipient_id: int, kind: str, subject: str, period: str) -> str:
    return f"{recipient_id}|{kind}|{subject}|{period}"[:200]


async def enqueue(
    call: Call,
    recipients: Iterable[User],
    kind: str,
    *,
    subject_type: str,
    subject_id: object,
    period: str,
    url: str,
    params: Mapping[str, object] | None = None,
    alert: bool = False,
    urgency: str = "normal",
) -> int:
    """Queue one notice per recipient; returns how many were new.

    `alert` marks notices to staff about something that needs action now:
    they go out at once with a short TTL. Other notices to the public wait
    for the end of the quiet hours.
    """
    rows = []
    for user in recipients:
        locale = user.locale or "zh-CN"
        words = dict(params or {})
        if "status" in words:
            words["status"] = STATUS_WORDS.get(locale, STATUS_WORDS["zh-CN"]).get(
                str(words["status"]), str(words["status"])
            )
        message = render(kind, locale, words)
        public = Role(user.role).is_public
        not_before = after_quiet_hours(call.now, call.settings.timezone) if public else call.now
        subject = f"{subject_type}:{subject_id}"
        rows.append(
            Notification(
                recipient_id=user.id,
                kind=kind,
                subject_type=subject_type,
                subject_id=str(subject_id),
                period=period,
                dedupe_key=dedupe_key(user.id, kind, subject, period),
                title=message.title[:120],
                body=message.body[:400],
                url=url,
                urgency=urgency,
                ttl_seconds=ALERT_TTL if alert else REMINDER_TTL,
                # A newer notice of the same kind and subject replaces an unread one.
                topic=topic_for(kind, subject),
                created_at=call.now,
                not_before=not_before,
                next_attempt_at=not_before,
            )
        )
    if not rows:
        return 0
    keys = [row.dedupe_key for row in rows]
    existing = set(
        await Notification.filter(dedupe_key__in=keys).values_list("dedupe_key", flat=True)
    )
    fresh = [row for row in rows if row.dedupe_key not in existing]
    if fresh:
        # The unique dedupe key is the guard against a concurrent scheduler.
        await Notification.bulk_create(fresh, ignore_conflicts=True)
    return len(fresh)


async def staff_of_unit(unit_id: int, role: Role) -> list[User]:
    return await User.filter(org_unit_id=unit_id, role=role, is_active=True)
