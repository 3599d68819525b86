"""Every refusal a user can see, in each language the app speaks.

A domain error (errors.py) carries a stable reason key and its parameters;
its text is the template here under that key, in the viewer's language (the
account's locale, or the request's Accept-Language when no one is signed
in; zh-CN by default). The answer carries the key and the parameters too
(`extensions.reason`, `extensions.params`), so the PWA may word a refusal
itself. Templates name their parameters ({max}); a language may leave one
out. tests/test_messages.py walks every raise in api/ and schema/ and fails
on a key missing here, or a parameter a template needs and the raise does
not give.

Only a refusal formats a message: an accepted write never reads this table.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final, NamedTuple

LOCALES: Final = ("zh-CN", "en")
DEFAULT_LOCALE: Final = "zh-CN"


class Message(NamedTuple):
    en: str
    zh_cn: str


MESSAGES: Final[dict[str, Message]] = {
    # --- requests and access (scope.py, schema/common) ------------------------
    "SIGN_IN_REQUIRED": Message("Sign in first.", "请先登录。"),
    "ROLE_FORBIDDEN": Message("Your role may not do this.", "您的角色无权进行此操作。"),
    "RATE_LIMITED": Message("Too many requests. Try again later.", "请求过于频繁，请稍后再试。"),
    "INTERNAL_ERROR": Message("Internal server error.", "服务器内部错误，请稍后再试。"),
    "CLIENT_ID_TAKEN": Message(
        "This clientId was already used by another account.",
        "这条记录的编号已被其他账号使用，请重新填写后提交。",
    ),
    "ID_INVALID": Message("Not a valid id.", "编号无效。"),
    "ID_REQUIRED": Message("An id is required.", "缺少编号。"),
    "PAGE_SIZE": Message("first must be between 1 and {max}.", "每页条数须在 1 到 {max} 之间。"),
    "CURSOR_INVALID": Message("Not a cursor of this list.", "翻页位置无效，请重新加载列表。"),
    "OPERATION_NAME_REQUIRED": Message(
        "Must provide operation name if query contains multiple operations.",
        "请求含多个操作时须指明操作名。",
    ),
    "QUERY_TOO_DEEP": Message(
        "The query's depth is over {max}, counting fragment spreads.",
        "查询的嵌套超过 {max} 层（片段引用也计算在内）。",
    ),
    "QUERY_TOO_LARGE": Message(
        "The query asks for more than {max} fields once its fragments are expanded.",
        "查询展开片段后超过 {max} 个字段。",
    ),
    "FRAGMENT_CYCLE": Message("Fragment {name} spreads itself.", "片段 {name} 引用了自身。"),
    "STAFF_NAME_PUBLIC": Message(
        "A member of the public sees staff by their display names.",
        "公众只能看到工作人员的显示名。",
    ),
    # --- not found (also what is outside the viewer's scope) ------------------
    "UNIT_NOT_FOUND": Message("Unit not found.", "未找到该单位。"),
    "PERSON_NOT_FOUND": Message("Supervised person not found.", "未找到该社区矫正对象。"),
    "CHECK_IN_NOT_FOUND": Message("Check-in not found.", "未找到该报到记录。"),
    "LEGAL_AID_REQUEST_NOT_FOUND": Message(
        "Legal-aid request not found.", "未找到该法律援助申请。"
    ),
    "DISPUTE_NOT_FOUND": Message("Dispute not found.", "未找到该纠纷。"),
    "SESSION_NOT_FOUND": Message("Session not found.", "未找到该登录会话。"),
    "USER_NOT_FOUND": Message("User not found.", "未找到该账号。"),
    "DOCUMENT_NOT_FOUND": Message("Document not found.", "未找到该文书。"),
    # --- resident ID (validators.py) ------------------------------------------
    "RESIDENT_ID_NOT_TEXT": Message("Resident ID must be a string", "身份证号须为文字。"),
    "RESIDENT_ID_LENGTH": Message("Resident ID must have 18 characters", "身份证号应为 18 位。"),
    "RESIDENT_ID_SHAPE": Message(
        "Resident ID must be 17 digits followed by a digit or X",
        "身份证号应为 17 位数字加一位数字或 X。",
    ),
    "RESIDENT_ID_BIRTH_DATE": Message(
        "Resident ID contains an impossible birth date", "身份证号中的出生日期不存在。"
    ),
    "RESIDENT_ID_BIRTH_YEAR": Message(
        "Resident ID birth year must be {min_year} or later",
        "身份证号中的出生年份不能早于 {min_year} 年。",
    ),
    "RESIDENT_ID_BIRTH_FUTURE": Message(
        "Resident ID birth date is in the future", "身份证号中的出生日期晚于今天。"
    ),
    "RESIDENT_ID_CHECK_DIGIT": Message(
        "Resident ID check digit does not match",
        "身份证号最后一位（校验位）不符，请逐位核对。",
    ),
    # --- phone, places, amounts, ids, text, numbers, times --------------------
    "PHONE_NOT_TEXT": Message("Mobile number must be a string", "手机号码须为文字。"),
    "PHONE_FORMAT": Message(
        "Mobile number must be 11 digits starting with 13-19, optionally after +86",
        "手机号码应为 11 位数字，以 13 至 19 开头，前面可加 +86。",
    ),
    "NUMBER_REQUIRED": Message("{what} must be a number", "须为数字。"),
    "NUMBER_NOT_FINITE": Message("{what} must be a finite number", "须为有限的数字。"),
    "LATITUDE_RANGE": Message("Latitude must be between -90 and 90", "纬度须在 -90 到 90 之间。"),
    "LONGITUDE_RANGE": Message(
        "Longitude must be between -180 and 180", "经度须在 -180 到 180 之间。"
    ),
    "ACCURACY_RANGE": Message(
        "Accuracy must be between 0 and {max} metres", "定位精度须在 0 到 {max} 米之间。"
    ),
    "LOCATION_INCOMPLETE": Message(
        "A location needs both latitude and longitude.", "位置须同时有纬度和经度。"
    ),
    "AMOUNT_NOT_DECIMAL": Message(
        "Amount must be a decimal string or an integer", "金额须为数字。"
    ),
    "AMOUNT_NOT_PLAIN": Message(
        "Amount must be a plain decimal number", "金额须为普通的数字（如 1200.50）。"
    ),
    "AMOUNT_NOT_FINITE": Message("Amount must be a finite number", "金额须为有限的数字。"),
    "AMOUNT_TOO_SMALL": Message("Amount must be at least {minimum}", "金额不能少于 {minimum} 元。"),
    "AMOUNT_TOO_LARGE": Message("Amount must be at most {maximum}", "金额不能超过 {maximum} 元。"),
    "AMOUNT_OUT_OF_RANGE": Message("Amount is out of range", "金额超出范围。"),
    "AMOUNT_PLACES": Message(
        "Amount must have at most {places} decimal places", "金额最多保留 {places} 位小数。"
    ),
    "UUID_FORMAT": Message(
        "Must be a UUID in the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx",
        "须为 xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx 形式的 UUID。",
    ),
    "UUID_RESERVED": Message(
        "Must be a generated UUID, not the nil or max UUID",
        "须为新生成的 UUID，不能全为 0 或全为 F。",
    ),
    "TEXT_NOT_TEXT": Message("Must be a string", "须为文字。"),
    "TEXT_INVISIBLE": Message(
        "Must not contain invisible or text-direction characters",
        "不能含不可见字符或改变文字方向的字符。",
    ),
    "TEXT_CONTROL": Message("Must not contain control characters", "不能含控制字符。"),
    "TEXT_ONE_LINE": Message("Must be on one line", "须写在一行内。"),
    "TEXT_EMPTY": Message("Must not be empty", "不能为空。"),
    "TEXT_TOO_SHORT": Message("Must be at least {min} characters", "至少 {min} 个字。"),
    "TEXT_TOO_LONG": Message("Must be at most {max} characters", "最多 {max} 个字。"),
    "INTEGER_REQUIRED": Message("Must be an integer", "须为整数。"),
    "INTEGER_RANGE": Message("Must be between {lo} and {hi}", "须在 {lo} 到 {hi} 之间。"),
    "TIME_OFFSET_REQUIRED": Message("A time needs its UTC offset.", "时间须带时区（UTC 偏移）。"),
    "DEVICE_TIME_FUTURE": Message(
        "{name} is in the future.", "记录时间晚于现在，请检查手机的日期和时间。"
    ),
    "DEVICE_TIME_TOO_OLD": Message(
        "{name} is more than {days} days ago.",
        "记录时间早于 {days} 天以前，请交给办公室补记。",
    ),
    "NOTE_REQUIRED": Message("A note is required.", "请填写说明。"),
    # --- accounts, sign-in, two-step sign-in, activation ----------------------
    "PASSWORD_TOO_SHORT": Message(
        "The password needs at least {min} characters.", "密码至少需要 {min} 位。"
    ),
    "PASSWORD_TOO_LONG": Message("The password is too long.", "密码太长，最多 {max} 位。"),
    "USERNAME_FORMAT": Message(
        "A username is 3 to 64 letters, digits or . _ @ -, starting with a letter or digit.",
        "用户名为 3 到 64 位字母、数字或 . _ @ -，以字母或数字开头。",
    ),
    "USERNAME_TAKEN": Message("That username is taken.", "该用户名已被使用，请换一个。"),
    "USERNAME_UNKNOWN": Message("No account has that username.", "没有使用该用户名的账号。"),
    "LOCALE_UNKNOWN": Message(
        "The language must be one of {locales}.", "语言须为 {locales} 之一。"
    ),
    "ROLE_BY_ACTIVATION": Message(
        "Supervised persons get their account by activation after enrolment.",
        "社区矫正对象的账号在入矫后凭激活码开通。",
    ),
    "STAFF_UNIT_REQUIRED": Message(
        "Staff accounts belong to a unit.", "工作人员账号须属于一个单位。"
    ),
    "UNIT_UNKNOWN": Message("No such unit.", "没有这个单位。"),
    "ROLE_UNIT_KIND": Message(
        "A {role} does not belong to a {kind}.", "这一角色的账号不能属于这类单位。"
    ),
    "PARENT_UNIT_UNKNOWN": Message("No such parent unit.", "没有这个上级单位。"),
    "UNIT_OUTSIDE_SCOPE": Message(
        "A new unit goes below one of yours.", "新单位须建在您的单位之下。"
    ),
    "SELF_DEACTIVATE": Message("You cannot turn your own account off.", "不能停用自己的账号。"),
    "BAD_CREDENTIALS": Message("Wrong username or password.", "用户名或密码不正确。"),
    "SIGN_IN_LOCKED": Message(
        "Too many failed sign-ins. Try again later.", "登录失败次数过多，请稍后再试。"
    ),
    "OTP_REQUIRED": Message("Enter the code from the app.", "请输入身份验证器中的验证码。"),
    "OTP_INVALID": Message("The code does not match.", "验证码不正确，请输入当前的验证码。"),
    "OTP_INVALID_CHECK_TIME": Message(
        "The code does not match. Check the phone's time and try again.",
        "验证码不正确。请检查手机的时间后再试。",
    ),
    "CURRENT_CODE_REQUIRED": Message(
        "Enter a current code from the app.", "请输入身份验证器中当前的验证码。"
    ),
    "MFA_ENROLMENT_REQUIRED": Message(
        "Set up two-step sign-in first (beginTotpEnrolment).", "请先设置两步登录。"
    ),
    "TWO_STEP_STAFF_ONLY": Message(
        "Two-step sign-in is for staff accounts.", "两步登录仅用于工作人员账号。"
    ),
    "TOTP_REQUIRED": Message("Your role must keep two-step sign-in.", "您的角色必须保留两步登录。"),
    "TWO_STEP_OFF": Message("Two-step sign-in is not on.", "两步登录尚未开启。"),
    "ENROLMENT_NOT_BEGUN": Message("Begin the enrolment first.", "请先开始设置两步登录。"),
    "ENROLMENT_RESTART": Message("Begin the enrolment again.", "请重新开始设置两步登录。"),
    "ACTIVATION_CODE_INVALID": Message(
        "The activation code is not valid or has expired.",
        "激活码无效或已过期，请向矫正工作人员索取新的激活码。",
    ),
    # --- community corrections ------------------------------------------------
    "SEARCH_ID_DIGITS": Message(
        "Search by at most the last {digits} digits of the ID.",
        "按身份证号搜索时，最多输入最后 {digits} 位。",
    ),
    "CHECK_IN_SELF_REPORT_ONLY": Message(
        "A person reports with SELF_REPORT.", "社区矫正对象只能自行报到。"
    ),
    "CHECK_IN_OFFICER_KIND": Message(
        "An officer records IN_PERSON or HOME_VISIT.", "工作人员记录的是当面报告或走访。"
    ),
    "PERSON_REQUIRED": Message("Name the person.", "请指明社区矫正对象。"),
    "CHECK_IN_NOT_ACTIVE": Message(
        "Only a person under active supervision checks in.", "只有在矫的对象才能报到。"
    ),
    "CHECK_IN_BEFORE_ENROLMENT": Message(
        "capturedAt is before enrolment.", "报到时间早于入矫时间。"
    ),
    "REVIEW_STATUS": Message("Review as VERIFIED or REJECTED.", "审核结果只能是通过或退回。"),
    "REVIEW_NONE": Message("Name at least one check-in.", "请至少选择一条报到记录。"),
    "REVIEW_TOO_MANY": Message(
        "At most {max} check-ins at once.", "一次最多审核 {max} 条报到记录。"
    ),
    "TERM_END_BEFORE_START": Message(
        "The term must end after it starts.", "矫正期限的结束日期须晚于开始日期。"
    ),
    # Self-report intervals by grade (api/domain/corrections/intervals.py).
    "NORMAL_NOT_MORE_OFTEN_THAN_STRICT": Message(
        "NORMAL reports no more often than STRICT.", "普通管理的报告间隔不得短于严格管理。"
    ),
    "LENIENT_NOT_MORE_OFTEN_THAN_NORMAL": Message(
        "LENIENT reports no more often than NORMAL.", "宽松管理的报告间隔不得短于普通管理。"
    ),
    # 社区矫正法 Art. 46-49: supervision ends by the decision recorded, not by a switch.
    "STATUS_NOT_SETTABLE": Message(
        "Supervision ends by a recorded decision, not by setting the status.",
        "矫正的解除或终止须依据记录在案的决定，不能直接修改状态。",
    ),
    # 社区矫正法 Art. 9: a 司法所 is the bureau's, entrusted by the centre.
    "OFFICE_UNDER_BUREAU": Message(
        "A justice office belongs under a justice bureau.", "司法所应隶属于司法局。"
    ),
    "ENROL_AT_JUSTICE_OFFICE": Message(
        "Persons are enrolled at a justice office.", "社区矫正对象须在司法所入矫。"
    ),
    "NOT_AN_OFFICER_THERE": Message(
        "Not an officer of that justice office.", "该账号不是这个司法所的矫正工作人员。"
    ),
    "ALREADY_SUPERVISED": Message(
        "This person is already under supervision. Ask a supervisor about a transfer.",
        "此人已在社区矫正中。如需转移，请联系上级。",
    ),
    "ALREADY_ACTIVATED": Message(
        "The person has already activated an account.", "该对象已经激活了账号。"
    ),
    "SUPERVISION_ENDED": Message(
        "Supervision has ended; enrol the person again for a new term.",
        "矫正已经结束；新的矫正期须重新入矫。",
    ),
    "INTAKE_NOT_CONFIRMED": Message(
        "The person has not been taken in yet: confirm the intake first.",
        "该对象尚未接收入矫，请先确认入矫。",
    ),
    "INTAKE_STARTS_SUPERVISION": Message(
        "Supervision starts with the intake: confirm the intake instead.",
        "社区矫正自接收入矫时开始，请改为确认入矫。",
    ),
    # --- intake (入矫, 法 Art. 17, 20-22) ----------------------------------------
    "INTAKE_NOT_FOUND": Message("Intake not found.", "未找到该待入矫记录。"),
    "IN_THE_FUTURE": Message("{name} is in the future.", "所填日期或时间晚于现在。"),
    "BEFORE_DECISION_EFFECTIVE": Message(
        "{name} is before the decision took effect.",
        "所填时间早于判决、裁定或者决定生效之日。",
    ),
    "DECIDED_BY_COURT_ONLY": Message(
        "Only a court decides this correction type (法 Art. 17).",
        "此类社区矫正只能由人民法院决定（社区矫正法第十七条）。",
    ),
    "DECISION_RECEIVED_REQUIRED": Message(
        "The day the decision was received starts the 10 days (法 Art. 21).",
        "暂予监外执行的，十日自收到决定之日起计算，请填写收到决定的日期（社区矫正法第二十一条）。",
    ),
    "DECISION_RECEIVED_RANGE": Message(
        "decisionReceivedOn must lie between effectiveOn and today.",
        "收到决定的日期须在生效日期与今天之间。",
    ),
    "DECISION_RECEIVED_NOT_TEMPORARY": Message(
        "decisionReceivedOn is for TEMPORARY_OUTSIDE_PRISON only.",
        "只有暂予监外执行才填写收到决定的日期。",
    ),
    "INTAKE_STEP_REQUIRED": Message(
        "The law requires this step at intake (法 Art. 22).",
        "依法接收时必须完成此项（社区矫正法第二十二条）。",
    ),
    "ANNOUNCEMENT_ITEMS": Message(
        "The announcement covers the criminal facts, the term and the rules (法 Art. 22).",
        "宣告须包括犯罪事实、执行社区矫正的期限以及应当遵守的规定（社区矫正法第二十二条）。",
    ),
    "ATTENDEES_COUNT": Message(
        "Name between 1 and {max} attendees.", "宣告的参加人员须为 1 到 {max} 人。"
    ),
    "ANNOUNCEMENT_BEFORE_ARRIVAL": Message(
        "The announcement follows the arrival.", "宣告时间应在报到之后。"
    ),
    "INTAKE_ALREADY_CONFIRMED": Message(
        "This intake has already been confirmed.", "该对象已经确认入矫。"
    ),
    "DOCUMENTS_NOT_RECEIVED": Message(
        "The documents are checked at intake, so they must have arrived.",
        "接收时须核对法律文书，请填写法律文书送达的时间。",
    ),
    "NOT_PENDING_INTAKE": Message(
        "The person is not waiting for an intake.", "该对象不在待入矫名单中。"
    ),
    # --- minors (法 Art. 52-55) -------------------------------------------------
    "MINOR_DETAILS_ONLY": Message(
        "Guardian and school are recorded for minors only.",
        "只有未成年社区矫正对象才记录监护人和学校。",
    ),
    "MINOR_IDENTITY_RESTRICTED": Message(
        "Only the officer and the staff designated may see a minor's identity.",
        "未成年社区矫正对象的身份信息只有负责的矫正工作人员和指定人员可以查看。",
    ),
    "DESIGNATION_MINORS_ONLY": Message(
        "Only a minor case has designated staff.", "只有未成年人案件才指定专门人员。"
    ),
    "NOT_CORRECTIONS_STAFF": Message(
        "Not a corrections staff account.", "该账号不是社区矫正工作人员的账号。"
    ),
    "STAFF_NOT_OF_OFFICE": Message(
        "That account does not work on this person's office.",
        "该账号的工作范围不包括此社区矫正对象所在的司法所。",
    ),
    # --- the end of supervision: release, termination, revocation --------------
    "DATE_IN_FUTURE": Message("The date cannot be in the future.", "日期不能晚于今天。"),
    "NOTICE_BODY_TWICE": Message("Each body is notified once.", "每个机关的通知只记录一次。"),
    "NOTICE_BEFORE_END": Message(
        "A notice is sent on or after the day supervision ended.",
        "通知日期不能早于社区矫正结束之日。",
    ),
    "NOTICES_MISSING": Message(
        "Record the notices to the deciding body, the procuratorate and the police; "
        "missing: {missing}.",
        "须记录对社区矫正决定机关、所在地的人民检察院和公安机关的通知，尚有未记录的。",
    ),
    "ACCOUNT_READ_ONLY": Message(
        "Supervision has ended; this account can only read its history.",
        "社区矫正已经结束，此账号只能查看以往的记录。",
    ),
    "SUPERVISION_ALREADY_ENDED": Message("Supervision has already ended.", "社区矫正已经结束。"),
    "RELEASE_GROUND_DOCUMENT": Message(
        "Name the pardon or the court decision the release rests on.",
        "请写明解除矫正所依据的赦免令或人民法院的判决、裁定。",
    ),
    "RELEASE_WHILE_ABSCONDED": Message(
        "The person is absconded (脱管): find the person before releasing.",
        "该对象已脱管，须先查找到本人，才能解除矫正。",
    ),
    "RELEASE_BEFORE_TERM_START": Message(
        "The release date is before the term started.",
        "解除矫正的日期早于矫正期限的开始日期。",
    ),
    "RELEASE_BEFORE_TERM_END": Message(
        "The term ends on {term_end}; a release before it needs a pardon or a court decision.",
        "矫正期限至 {term_end} 届满；期满前解除矫正须有赦免或人民法院的判决、裁定。",
    ),
    "TERMINATION_NEEDS_RULING": Message(
        "No ruling that revokes is recorded: record the ruling first.",
        "尚未记录撤销缓刑、假释的裁定或收监执行的决定，请先记录。",
    ),
    "TERMINATION_BEFORE_RULING": Message(
        "Termination comes on or after the ruling.",
        "终止矫正的日期不能早于裁定或决定的日期。",
    ),
    "CONTROL_NOT_REVOCABLE": Message(
        "管制 (CONTROL) has nothing to revoke.",
        "管制没有可撤销的缓刑、假释，也没有收监执行。",
    ),
    "REVOKED_BY_COURT_ONLY": Message(
        "Only a court revokes probation or parole.", "撤销缓刑、假释只能由人民法院裁定。"
    ),
    "PROPOSAL_RECEIVED_BEFORE_MADE": Message(
        "It cannot be received before it was made.", "收到建议书的日期不能早于提出建议的日期。"
    ),
    "PROPOSAL_PENDING": Message(
        "A proposal for this person awaits its ruling.",
        "该对象已有一份建议尚待裁定或决定。",
    ),
    "PROPOSAL_NOT_FOUND": Message(
        "Revocation proposal not found.", "未找到该撤销缓刑、假释或收监执行的建议。"
    ),
    "PROPOSAL_DECIDED": Message("That proposal has its ruling already.", "该建议已有裁定或决定。"),
    "RULING_BEFORE_RECEIPT": Message(
        "A ruling comes on or after the day the proposal was received.",
        "裁定或决定的日期不能早于收到建议书之日。",
    ),
    "RULING_NEEDS_PROPOSAL": Message(
        "Without a proposal only a court's revocation on a new crime is recorded; "
        "name the proposal.",
        "没有建议的，只能记录审理新罪的人民法院撤销缓刑、假释的裁定；其他的请选择所答复的建议。",
    ),
    # --- the search of an absconded person (脱管, 法 Art. 30) --------------------
    "SEARCH_NOT_ABSCONDED": Message(
        "Only an absconded person is searched for.", "只有脱管的社区矫正对象才需要查找。"
    ),
    "SEARCH_BEFORE_LOST": Message(
        "The action cannot precede the day contact was lost.",
        "查找措施的日期不能早于脱管之日。",
    ),
    # --- people's mediation ---------------------------------------------------
    "PARTIES_REQUIRED": Message("A dispute has at least one party.", "纠纷至少有一方当事人。"),
    "PARTIES_TOO_MANY": Message("At most {max} parties.", "当事人最多 {max} 方。"),
    "APPLICANT_PARTY_REQUIRED": Message(
        "At least one party is the applicant.", "至少一方当事人须为申请人。"
    ),
    "DISPUTE_UNIT_KIND": Message(
        "Disputes are handled by a mediation committee or a justice office.",
        "纠纷由人民调解委员会或司法所受理。",
    ),
    "MEDIATOR_OF_UNIT": Message(
        "Choose a mediator of a unit you work with.", "请选择您所在单位的调解员。"
    ),
    "DISPUTE_TRANSITION": Message(
        "A dispute cannot go from {current} to {to}.", "纠纷不能从当前状态改为所选状态。"
    ),
    "FOLLOW_UP_BEFORE_VISIT": Message(
        "The follow-up comes after the visit.", "下次跟进的时间须晚于本次走访。"
    ),
    "PARTICIPANTS_TOO_MANY": Message("At most {max} participants.", "参与人最多 {max} 位。"),
    "DISPUTE_CLOSED": Message("The dispute is closed.", "该纠纷已经结案。"),
    "DISPUTE_OUTCOME": Message(
        "A dispute that is {status} cannot reach that outcome.",
        "该纠纷当前的状态不能记录这一结果。",
    ),
    # --- legal aid ------------------------------------------------------------
    "LEGAL_AID_TRANSITION": Message(
        "A request that is {current} cannot become {to}.", "该申请当前的状态不能改为所选状态。"
    ),
    "LAWYER_OF_CENTRE": Message("Choose a lawyer of this centre.", "请选择本中心的律师。"),
    "STANDARD_POSITIVE": Message("The standard is a positive amount.", "标准须为大于零的金额。"),
    "CENTRE_REQUIRED": Message("Choose a legal-aid centre.", "请选择法律援助中心。"),
    "OWN_CENTRE_ONLY": Message(
        "Staff file requests with their own centre.", "工作人员只能向本中心提交申请。"
    ),
    # --- printable documents --------------------------------------------------
    "DOCUMENT_PARAGRAPHS": Message("1 to {max} paragraphs", "段落须为 1 到 {max} 段。"),
    "DOCUMENT_FIELDS": Message("At most {max} fields", "最多 {max} 项。"),
    "DOCUMENT_COPIES": Message("At most {max} copies", "最多 {max} 份。"),
    "DOCUMENT_UNPRINTABLE": Message(
        "Cannot be printed: the document font has no {characters}",
        "无法打印：文书字体中没有 {characters}。",
    ),
    # --- push subscriptions ---------------------------------------------------
    "PUSH_KEY_NOT_UNCOMPRESSED": Message(
        "p256dh must be an uncompressed P-256 public key",
        "p256dh 须为未压缩的 P-256 公钥。",
    ),
    "PUSH_KEY_NOT_ON_CURVE": Message(
        "p256dh is not a point on P-256", "p256dh 不是 P-256 曲线上的点。"
    ),
    "PUSH_AUTH_LENGTH": Message("auth must be 16 bytes", "auth 须为 16 字节。"),
    "BASE64URL_REQUIRED": Message("{name} must be base64url", "{name} 须为 base64url 编码。"),
    "ENDPOINT_REQUIRED": Message("endpoint is required", "缺少推送地址（endpoint）。"),
    "ENDPOINT_TOO_LONG": Message(
        "endpoint is longer than {max} characters", "推送地址超过 {max} 个字符。"
    ),
    "ENDPOINT_NOT_PLAIN": Message("endpoint must be a plain URL", "推送地址须为普通网址。"),
    "ENDPOINT_INVALID": Message("endpoint is not a valid URL", "推送地址不是有效的网址。"),
    "ENDPOINT_NOT_HTTPS": Message("endpoint must be an https URL", "推送地址须为 https 网址。"),
    "ENDPOINT_USERINFO": Message(
        "endpoint must not contain user information", "推送地址不能含用户信息。"
    ),
    "ENDPOINT_NO_HOST": Message("endpoint has no valid host", "推送地址没有有效的主机名。"),
    "ENDPOINT_UNKNOWN_SERVICE": Message(
        "endpoint is not at a known push service", "推送地址不属于已知的推送服务。"
    ),
    "ENDPOINT_PORT": Message(
        "endpoint must use the https port ({port})", "推送地址须使用 https 端口（{port}）。"
    ),
    # --- leave and change of residence (法 Art. 27) ----------------------------
    #
    # --- violations, sanctions and praise (法 Art. 28) -------------------------
    #
    # --- electronic positioning (法 Art. 29) -----------------------------------
    #
    # --- education, help and the monthly report (法 Art. 35-42) ----------------
    #
    # --- identity at check-in (photos) ----------------------------------------
    #
    # --- mediation agreements and judicial confirmation -----------------------
    #
    # --- mediation case sources, deadlines and screening campaigns ------------
    #
    # --- legal-aid procedure (法律援助法 Art. 41-50) -------------------------------
    # Missing materials (Art. 43 ¶2) and photos from the phone.
    "MATERIALS_ITEMS": Message(
        "List 1 to {max} missing items.", "请列出 1 到 {max} 项需要补充的材料。"
    ),
    "MATERIALS_DUE_RANGE": Message(
        "The deadline is {min} to {max} days from today.",
        "补充期限须为今天起 {min} 到 {max} 天内。",
    ),
    "MATERIALS_ALREADY_REQUESTED": Message(
        "Missing materials were already asked for: everything goes in one notice.",
        "已经一次性告知需要补充的材料，不能再次告知。",
    ),
    "MATERIALS_NOT_EXPECTED": Message(
        "A request that is {current} takes no materials.", "该申请当前的状态不能再补充材料。"
    ),
    "MATERIALS_EMPTY": Message("Add a photo or a note.", "请添加照片或说明。"),
    "PHOTO_FORMAT": Message("A photo is a JPEG or PNG image.", "照片须为 JPEG 或 PNG 图片。"),
    "PHOTO_TOO_LARGE": Message("A photo is at most {max} MB.", "每张照片不超过 {max} MB。"),
    "PHOTOS_TOO_MANY": Message("At most {max} photos at a time.", "每次最多 {max} 张照片。"),
    # Aid before review (Art. 44), assignment (Art. 12-13, 25-26, 36).
    "DEADLINE_NOT_NEAR": Message(
        "The request states no deadline fewer than {days} days away.",
        "该申请载明的时效或期限届满不足 {days} 日的情形不存在。",
    ),
    "DEFENCE_NEEDS_LAWYER": Message(
        "Criminal defence on notice goes to a lawyer.", "通知辩护须指派律师担任辩护人。"
    ),
    "SENIOR_LAWYER_REQUIRED": Message(
        "This case needs a lawyer with at least {years} years of relevant practice.",
        "可能判处无期徒刑、死刑的案件，须指派具有 {years} 年以上相关执业经历的律师。",
    ),
    "PROVIDER_KIND_ROLE": Message(
        "Centre staff have staff accounts; lawyers, legal workers and volunteers lawyer accounts.",
        "本机构工作人员须为工作人员账号，律师、基层法律服务工作者和志愿者须为律师账号。",
    ),
    "NOTICE_ALREADY_REGISTERED": Message("This notice is already registered.", "该通知已经登记。"),
    # Objections (Art. 49).
    "OBJECTION_NOT_FOUND": Message("Objection not found.", "未找到该异议。"),
    "OBJECTION_NOTHING_TO_OBJECT": Message(
        "Only a refusal or a termination can be objected to.",
        "只能对不予法律援助或者终止法律援助的决定提出异议。",
    ),
    "OBJECTION_PENDING": Message(
        "An objection to this decision is already under review.", "对该决定的异议正在审查中。"
    ),
    "OBJECTION_NO_BUREAU": Message(
        "No justice bureau above this centre to object to.",
        "未找到设立该法律援助机构的司法行政部门。",
    ),
    "OBJECTION_DECIDED": Message("This objection is already decided.", "该异议已经作出决定。"),
    # Progress and complaints (Art. 46, 55).
    "HEARING_TIME_FOR_HEARING": Message(
        "A hearing time goes with a hearing.", "只有开庭才填写开庭时间。"
    ),
    "PROGRESS_NOT_ASSIGNED": Message(
        "Progress is recorded on an assigned case.", "只能为已指派的案件记录办理情况。"
    ),
    "COMPLAINT_NO_ASSIGNEE": Message(
        "There is no assignee to change.", "该案件尚未指派法律援助人员，无需更换。"
    ),
    "COMPLAINT_PENDING": Message(
        "The same request is already being handled.", "同类投诉或请求正在处理中。"
    ),
    "COMPLAINT_NOT_FOUND": Message("Complaint not found.", "未找到该投诉。"),
    "COMPLAINT_DECIDED": Message("This complaint is already answered.", "该投诉已经处理。"),
    # --- consultations, quality and subsidies (法律援助法 Art. 23, 52, 57-59) ------
    #
    # --- resettlement (安置帮教) --------------------------------------------------
    #
    # --- monthly statistics (月报) ----------------------------------------------
    #
}


class _Params(dict[str, object]):
    """A parameter a template names and the raise did not give stays as {name}:
    a refusal is answered whatever its wording (the catalogue test catches it)."""

    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def template(reason: str, locale: str) -> str:
    """The wording of `reason` in `locale` (English for any other locale).

    A reason that is not in the catalogue is an English template itself: a
    raise written before its key was added still reads as it was written."""
    message = MESSAGES.get(reason)
    if message is None:
        return reason
    return message.zh_cn if locale == "zh-CN" else message.en


def render(reason: str, locale: str, params: Mapping[str, object] | None = None) -> str:
    return template(reason, locale).format_map(_Params(params or {}))


def negotiate(accept_language: str | None) -> str:
    """The language of LOCALES an Accept-Language header prefers (RFC 9110
    §12.5.4: ranges by q-value, first listed first on a tie), zh-CN when it
    names none of them. Any Chinese is zh-CN, the only Chinese there is."""
    best, best_q = DEFAULT_LOCALE, 0.0
    for item in (accept_language or "")[:512].split(","):
        tag, _, rest = item.strip().partition(";")
        q = 1.0
        if rest.strip().startswith("q="):
            try:
                q = float(rest.strip()[2:])
            except ValueError:
                continue
        primary = tag.strip().lower().split("-")[0]
        locale = {"zh": "zh-CN", "en": "en"}.get(primary)
        if locale is not None and q > best_q:
            best, best_q = locale, q
    return best
