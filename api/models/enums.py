"""The contract's enumerations, shared by the models, the domain and the schema."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    ADMIN = "ADMIN"
    SUPERVISOR = "SUPERVISOR"
    OFFICER = "OFFICER"
    MEDIATOR = "MEDIATOR"
    LEGAL_AID_STAFF = "LEGAL_AID_STAFF"
    LAWYER = "LAWYER"
    SUPERVISED_PERSON = "SUPERVISED_PERSON"
    APPLICANT = "APPLICANT"
    # A released prisoner in the office's care (安置帮教) who asked for an
    # account: to see the help offered and contact the office. Never by
    # default: the person has no duty to report.
    RELEASED_PERSON = "RELEASED_PERSON"

    @property
    def is_public(self) -> bool:
        """Members of the public on their own phones, as opposed to staff."""
        return self in (Role.SUPERVISED_PERSON, Role.APPLICANT, Role.RELEASED_PERSON)


class DocumentArea(StrEnum):
    """The area a printable document belongs to: it decides who may read it."""

    CORRECTIONS = "CORRECTIONS"
    MEDIATION = "MEDIATION"
    LEGAL_AID = "LEGAL_AID"


class OrgUnitKind(StrEnum):
    JUSTICE_BUREAU = "JUSTICE_BUREAU"
    CORRECTION_CENTER = "CORRECTION_CENTER"
    JUSTICE_OFFICE = "JUSTICE_OFFICE"
    MEDIATION_COMMITTEE = "MEDIATION_COMMITTEE"
    LEGAL_AID_CENTER = "LEGAL_AID_CENTER"


class CorrectionType(StrEnum):
    CONTROL = "CONTROL"  # 管制
    PROBATION = "PROBATION"  # 缓刑
    PAROLE = "PAROLE"  # 假释
    TEMPORARY_OUTSIDE_PRISON = "TEMPORARY_OUTSIDE_PRISON"  # 暂予监外执行


class SupervisionLevel(StrEnum):
    STRICT = "STRICT"
    NORMAL = "NORMAL"
    LENIENT = "LENIENT"


class SupervisionStatus(StrEnum):
    ACTIVE = "ACTIVE"
    ABSCONDED = "ABSCONDED"  # 脱管
    # 解除: the term ended or the person was pardoned; certificate issued (法 Art. 44).
    RELEASED = "RELEASED"
    TERMINATED = "TERMINATED"
    REVOKED = "REVOKED"
    # After the contract's values, in the contract's order. The deciding
    # body's notice is in and the person has not yet been taken in (入矫,
    # 法 Art. 20-22): no check-ins and no activation code before confirmIntake.
    PENDING_INTAKE = "PENDING_INTAKE"


class DecidingBodyType(StrEnum):
    """法 Art. 17 ¶4: the 社区矫正决定机关 is a court, or the prison
    administration or public-security body that approved 暂予监外执行."""

    COURT = "COURT"
    PRISON_ADMIN = "PRISON_ADMIN"
    PUBLIC_SECURITY = "PUBLIC_SECURITY"


class AnnouncementItem(StrEnum):
    """What the intake announcement (宣告) must tell the person (法 Art. 22)."""

    CRIMINAL_FACTS = "CRIMINAL_FACTS"  # 犯罪事实
    TERM = "TERM"  # 执行社区矫正的期限
    RULES = "RULES"  # 应当遵守的规定


class CheckInKind(StrEnum):
    SELF_REPORT = "SELF_REPORT"
    IN_PERSON = "IN_PERSON"
    HOME_VISIT = "HOME_VISIT"


class CheckInStatus(StrEnum):
    PENDING_REVIEW = "PENDING_REVIEW"
    VERIFIED = "VERIFIED"
    REJECTED = "REJECTED"


class DisputeCategory(StrEnum):
    FAMILY = "FAMILY"
    NEIGHBOR = "NEIGHBOR"
    PROPERTY = "PROPERTY"
    LAND = "LAND"
    LABOR = "LABOR"
    CONTRACT = "CONTRACT"
    DAMAGES = "DAMAGES"
    MEDICAL = "MEDICAL"
    TRAFFIC = "TRAFFIC"
    OTHER = "OTHER"


class RiskLevel(StrEnum):
    LOW = "LOW"
    MEDIUM = "MEDIUM"
    HIGH = "HIGH"


class DisputeStatus(StrEnum):
    OPEN = "OPEN"
    MEDIATING = "MEDIATING"
    RESOLVED = "RESOLVED"
    FAILED = "FAILED"
    REFERRED = "REFERRED"
    CLOSED = "CLOSED"


class PartyRole(StrEnum):
    APPLICANT = "APPLICANT"
    RESPONDENT = "RESPONDENT"
    OTHER = "OTHER"


class VisitOutcome(StrEnum):
    IN_PROGRESS = "IN_PROGRESS"
    AGREEMENT_REACHED = "AGREEMENT_REACHED"
    NO_AGREEMENT = "NO_AGREEMENT"
    FOLLOW_UP_DONE = "FOLLOW_UP_DONE"
    REFERRED = "REFERRED"


class LegalAidMatter(StrEnum):
    WAGE_ARREARS = "WAGE_ARREARS"
    WORK_INJURY = "WORK_INJURY"
    SOCIAL_INSURANCE = "SOCIAL_INSURANCE"
    FAMILY_SUPPORT = "FAMILY_SUPPORT"
    MARRIAGE_FAMILY = "MARRIAGE_FAMILY"
    DOMESTIC_VIOLENCE = "DOMESTIC_VIOLENCE"
    PERSONAL_INJURY = "PERSONAL_INJURY"
    STATE_COMPENSATION = "STATE_COMPENSATION"
    CRIMINAL_DEFENSE = "CRIMINAL_DEFENSE"
    ADMINISTRATIVE = "ADMINISTRATIVE"
    OTHER_CIVIL = "OTHER_CIVIL"


class SpecialGroup(StrEnum):
    MIGRANT_WORKER = "MIGRANT_WORKER"
    WOMAN = "WOMAN"
    MINOR = "MINOR"
    ELDERLY = "ELDERLY"
    DISABLED = "DISABLED"
    VETERAN = "VETERAN"


class LegalAidStatus(StrEnum):
    SUBMITTED = "SUBMITTED"
    APPROVED = "APPROVED"
    REJECTED = "REJECTED"
    ASSIGNED = "ASSIGNED"
    CLOSED = "CLOSED"
    WITHDRAWN = "WITHDRAWN"
    # 法律援助法 Art. 43 ¶2: the missing materials were asked for; the review
    # clock stands still until they come (or the request lapses).
    INCOMPLETE = "INCOMPLETE"
    # 法律援助法 Art. 48: the centre ended the aid.
    TERMINATED = "TERMINATED"


class NotificationStatus(StrEnum):
    PENDING = "PENDING"
    SENDING = "SENDING"
    SENT = "SENT"
    FAILED = "FAILED"
    # The recipient had no device to send to.
    NO_DEVICE = "NO_DEVICE"


# ------------------------------------------------------------------ the end of supervision
# 解除 (法 Art. 44), 终止 (法 Art. 45, 51), revocation and 收监 (法 Art. 46-49).


class ReleaseGround(StrEnum):
    """Why supervision is released (解除, 法 Art. 44)."""

    TERM_ENDED = "TERM_ENDED"  # 矫正期满
    PARDON = "PARDON"  # 被赦免 (特赦)
    # A court's decision that ends the term before the recorded termEnd (a
    # reduction of sentence, 法 Art. 33, or a judgment changed on retrial).
    COURT_DECISION = "COURT_DECISION"


class TerminationReason(StrEnum):
    """Why supervision terminates (终止, 法 Art. 45)."""

    REVOCATION = "REVOCATION"  # 被裁定撤销缓刑、假释
    IMPRISONMENT = "IMPRISONMENT"  # 被决定收监执行
    DEATH = "DEATH"  # 社区矫正对象死亡 (法 Art. 51)


class NoticeRecipient(StrEnum):
    """Who the office notifies of a release or a death (法 Art. 44, 51)."""

    DECIDING_BODY = "DECIDING_BODY"  # 社区矫正决定机关
    PROCURATORATE = "PROCURATORATE"  # 所在地的人民检察院
    POLICE = "POLICE"  # 所在地的公安机关


class NoticeMethod(StrEnum):
    """How a notice went out."""

    DELIVERED = "DELIVERED"  # 直接送达
    POST = "POST"  # 邮寄
    ELECTRONIC = "ELECTRONIC"  # 电子政务系统、传真
    OTHER = "OTHER"


class RevocationKind(StrEnum):
    """What is proposed or decided: 撤销缓刑, 撤销假释 (法 Art. 46, by ruling) or
    收监执行 (法 Art. 49, by decision). 管制 has nothing to revoke."""

    REVOKE_PROBATION = "REVOKE_PROBATION"
    REVOKE_PAROLE = "REVOKE_PAROLE"
    IMPRISONMENT = "IMPRISONMENT"


class RulingDecision(StrEnum):
    REVOKE = "REVOKE"  # revoked, or 收监 decided: the person becomes REVOKED
    REFUSE = "REFUSE"  # not revoked: supervision goes on


# ------------------------------------------------------------------ resettlement (安置帮教)


class ResettlementSource(StrEnum):
    """Where the person comes from: a prison's release, or the end of community
    correction (the assistance period then runs from that end)."""

    PRISON = "PRISON"  # 刑满释放
    COMMUNITY_CORRECTION = "COMMUNITY_CORRECTION"  # 解除社区矫正


class ResettlementStatus(StrEnum):
    NOTIFIED = "NOTIFIED"  # the notice is in; not yet met
    NOT_ARRIVED = "NOT_ARRIVED"  # did not arrive when expected
    IN_ASSISTANCE = "IN_ASSISTANCE"  # met; in the assistance period


class ContactMethod(StrEnum):
    VISIT = "VISIT"
    PHONE = "PHONE"
    AT_OFFICE = "AT_OFFICE"


class ResettlementHelpKind(StrEnum):
    """Help given in resettlement (安置帮教); corrections' own is HelpKind."""

    EMPLOYMENT = "EMPLOYMENT"
    HOUSING = "HOUSING"
    SUBSISTENCE = "SUBSISTENCE"  # 最低生活保障
    HEALTH = "HEALTH"
    OTHER = "OTHER"


class FaceVerdict(StrEnum):
    """What the server's face comparison made of a check-in photo (api/domain/corrections/faces.py).

    Only a hint for the officer, never the ground of a decision on its own."""

    PENDING = "PENDING"  # not compared yet (the worker runs it after the answer)
    MATCH = "MATCH"  # one face, close to the intake photo's
    MISMATCH = "MISMATCH"  # a face, not close to the intake photo's
    NO_FACE = "NO_FACE"  # no face found in the check-in photo
    NO_REFERENCE = "NO_REFERENCE"  # no intake photo, or none with a face, to compare with
    FAILED = "FAILED"  # the comparison could not run (identity.MAX_ATTEMPTS tries)


class PlaceReference(StrEnum):
    """What a check-in's distance is measured from (api/domain/corrections/places.py)."""

    RESIDENCE = "RESIDENCE"  # the person's registered residence, recorded at enrolment
    OFFICE = "OFFICE"  # the justice office, where no residence is recorded


# ------------------------------------------------------------------ positioning, education, help
# 电子定位 (法 Art. 29), 教育帮扶 (法 Art. 35-43), the check-in's wellbeing questions.


class MonitoringGround(StrEnum):
    """The five grounds on which electronic positioning may be used (法 Art. 29 ¶1)."""

    PROHIBITION_ORDER_BREACH = "PROHIBITION_ORDER_BREACH"  # （一）违反人民法院禁止令
    LEFT_AREA_WITHOUT_APPROVAL = "LEFT_AREA_WITHOUT_APPROVAL"  # （二）未经批准离开市、县
    REFUSED_TO_REPORT_WARNED = "REFUSED_TO_REPORT_WARNED"  # （三）拒不报告，被给予警告
    PUBLIC_SECURITY_PENALTY = "PUBLIC_SECURITY_PENALTY"  # （四）被给予治安管理处罚
    REVOCATION_PLANNED = "REVOCATION_PLANNED"  # （五）拟提请撤销缓刑、假释或收监执行


class ActivityKind(StrEnum):
    EDUCATION = "EDUCATION"  # 法治、道德等教育 (法 Art. 36)
    PUBLIC_SERVICE = "PUBLIC_SERVICE"  # 公益活动 (法 Art. 42)


class HelpKind(StrEnum):
    """What help was given (法 Art. 37-38, 40-41, 43)."""

    EMPLOYMENT = "EMPLOYMENT"  # 就业: training, guidance, a job (法 Art. 37, 41)
    HOUSING = "HOUSING"
    SUBSISTENCE = "SUBSISTENCE"  # 社会救助, 低保 (法 Art. 38, 43)
    SCHOOLING = "SCHOOLING"  # 完成学业 (法 Art. 37, 55)


class CircumstanceChange(StrEnum):
    """What the person says has changed since the last check-in."""

    ADDRESS = "ADDRESS"
    JOB = "JOB"
    PHONE = "PHONE"
    HEALTH = "HEALTH"


# ------------------------------------------------------------------ the legal-aid procedure
# 法律援助法 Art. 12-13, 16-17, 25-26, 32, 41-49, 55.


class HardshipArea(StrEnum):
    """Which of a standard's two amounts applies to the applicant (Art. 34:
    provinces set urban and rural standards apart)."""

    URBAN = "URBAN"
    RURAL = "RURAL"


class ExemptionGround(StrEnum):
    """A ground the applicant claims for aid without the hardship review."""

    HERO_RELATIVE = "HERO_RELATIVE"  # Art. 32(1) 英雄烈士近亲属
    BRAVERY = "BRAVERY"  # Art. 32(2) 见义勇为
    RETRIAL_ACQUITTAL = "RETRIAL_ACQUITTAL"  # Art. 32(3) 再审改判无罪请求国家赔偿
    ABUSE_VICTIM = "ABUSE_VICTIM"  # Art. 32(4) 虐待、遗弃或者家庭暴力的受害人
    NO_FIXED_INCOME = "NO_FIXED_INCOME"  # Art. 42(1) 无固定生活来源
    SUBSISTENCE_ALLOWANCE = "SUBSISTENCE_ALLOWANCE"  # Art. 42(2) 最低生活保障
    SPECIAL_HARDSHIP = "SPECIAL_HARDSHIP"  # Art. 42(2) 特困人员供养
    SOCIAL_ASSISTANCE = "SOCIAL_ASSISTANCE"  # Art. 42(2) 其他社会救助
    JUDICIAL_ASSISTANCE = "JUDICIAL_ASSISTANCE"  # Art. 42(2) 司法救助
    ENTITLED_GROUP = "ENTITLED_GROUP"  # Art. 42(2) 优抚对象


class AidProviderKind(StrEnum):
    """Who may be assigned (Art. 12, 13, 16, 17)."""

    LAWYER = "LAWYER"  # 律师
    GRASSROOTS_WORKER = "GRASSROOTS_WORKER"  # 基层法律服务工作者
    VOLUNTEER = "VOLUNTEER"  # 法律援助志愿者
    CENTRE_STAFF = "CENTRE_STAFF"  # 本机构具有律师资格或者法律职业资格的工作人员


class MaterialsStatus(StrEnum):
    OPEN = "OPEN"
    SUPPLIED = "SUPPLIED"
    # Not supplied by the deadline: the request is deemed withdrawn (Art. 43 ¶2).
    LAPSED = "LAPSED"


class AidBeforeReviewGround(StrEnum):
    """Art. 44(1)-(3)."""

    DEADLINE_NEAR = "DEADLINE_NEAR"
    URGENT_PRESERVATION = "URGENT_PRESERVATION"
    OTHER_STATUTORY = "OTHER_STATUTORY"


class NotifyingBody(StrEnum):
    COURT = "COURT"
    PROCURATORATE = "PROCURATORATE"
    POLICE = "POLICE"


class NotifiedGround(StrEnum):
    """Why the body notified the centre (Art. 25 ¶1 (1)-(7), ¶2; Art. 28)."""

    MINOR = "MINOR"
    SENSORY_DISABILITY = "SENSORY_DISABILITY"
    DIMINISHED_CAPACITY = "DIMINISHED_CAPACITY"
    LIFE_OR_DEATH = "LIFE_OR_DEATH"
    DEATH_REVIEW = "DEATH_REVIEW"
    ABSENTIA = "ABSENTIA"
    OTHER_STATUTORY = "OTHER_STATUTORY"
    ORDINARY_PROCEDURE = "ORDINARY_PROCEDURE"
    COMPULSORY_TREATMENT = "COMPULSORY_TREATMENT"


class TerminationGround(StrEnum):
    """Art. 48 ¶1 (1)-(8)."""

    DECEPTION = "DECEPTION"
    CONCEALMENT = "CONCEALMENT"
    UNLAWFUL_USE = "UNLAWFUL_USE"
    MEANS_CHANGED = "MEANS_CHANGED"
    CASE_ENDED = "CASE_ENDED"
    OWN_COUNSEL = "OWN_COUNSEL"
    AIDED_REQUEST = "AIDED_REQUEST"
    OTHER_STATUTORY = "OTHER_STATUTORY"


class ObjectionAgainst(StrEnum):
    REFUSAL = "REFUSAL"
    TERMINATION = "TERMINATION"


class ObjectionStatus(StrEnum):
    PENDING = "PENDING"
    UPHELD = "UPHELD"  # 维持
    CORRECTION_ORDERED = "CORRECTION_ORDERED"  # 责令改正


class ProgressKind(StrEnum):
    HEARING = "HEARING"
    MEETING = "MEETING"
    FILING = "FILING"
    EVIDENCE = "EVIDENCE"
    NEGOTIATION = "NEGOTIATION"
    OTHER = "OTHER"


class ComplaintKind(StrEnum):
    """Art. 55: a complaint to the justice bureau, or a request to the centre
    to change the assignee."""

    COMPLAINT = "COMPLAINT"
    CHANGE_ASSIGNEE = "CHANGE_ASSIGNEE"


class ComplaintStatus(StrEnum):
    PENDING = "PENDING"
    UPHELD = "UPHELD"
    DISMISSED = "DISMISSED"
