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
    "TEXT_SYMBOL": Message(
        "A name has no emoji or other symbols: letters and digits only.",
        "名称中不能有表情符号或其他符号，只能用文字和数字。",
    ),
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
        "Supervised and released persons get their account by activation with a code from"
        " their office.",
        "社区矫正对象和安置帮教对象的账号凭司法所发放的激活码开通。",
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
        "激活码无效或已过期，请向工作人员索取新的激活码。",
    ),
    # --- community corrections ------------------------------------------------
    "SEARCH_ID_DIGITS": Message(
        "Search by a name, the last {digits} characters of the ID, or the whole 18-character ID.",
        "可按姓名、身份证号最后 {digits} 位或完整的 18 位身份证号搜索。",
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
    # The lawful length of a term by its kind (term_rules.py, 刑法 Art. 38, 69, 73, 83).
    "TERM_TOO_SHORT": Message(
        "A term of this kind lasts at least {months} months: check the end date.",
        "此类社区矫正的期限不少于 {months} 个月，请核对结束日期。",
    ),
    "TERM_TOO_LONG": Message(
        "A term of this kind lasts at most {months} months: check the dates.",
        "此类社区矫正的期限不超过 {months} 个月，请核对起止日期。",
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
    # Check-in places (api/domain/corrections/places.py).
    "OFFICE_LOCATION_JUSTICE_OFFICE": Message(
        "Only a justice office has a location to measure check-ins from.",
        "只有司法所可以记录用于计算报到距离的位置。",
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
    # --- the audit log (audit.py) ----------------------------------------------
    "AUDIT_DAYS_ORDER": Message("The last day comes before the first.", "结束日期早于开始日期。"),
    # --- accounts on an administrator's phone, one's own password -----------
    "SELF_END_SESSIONS": Message(
        "End your own sessions from your sessions list.", "请在“我的会话”中结束自己的会话。"
    ),
    "SELF_RESET_TWO_STEP": Message(
        "Another administrator must reset your two-step sign-in.",
        "不能重置自己的两步验证，请由其他管理员操作。",
    ),
    "PASSWORD_WRONG": Message("The current password is not right.", "当前密码不正确。"),
    "PASSWORD_SAME": Message(
        "The new password is the one in use.", "新密码与当前密码相同，请换一个。"
    ),
    # --- text messages and phone checks (accounts/phone.py, notices/sms.py) --
    "SMS_OFF": Message(
        "Text messages are not set up on this server.", "本系统尚未开通短信，暂不能验证手机号。"
    ),
    "SMS_DAILY_CAP": Message(
        "No more text messages can be sent to you today. Try again tomorrow.",
        "今天发给您的短信已达上限，请明天再试。",
    ),
    "PHONE_CODE_NONE": Message(
        "There is no code waiting: ask for a new one.", "没有待验证的验证码，请重新获取。"
    ),
    "PHONE_CODE_TRIES": Message(
        "Too many wrong codes: ask for a new one.", "验证码输错次数过多，请重新获取。"
    ),
    "PHONE_CODE_WRONG": Message(
        "The code is not right ({left} tries left).", "验证码不正确（还可以再试 {left} 次）。"
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
    "LEAVE_NOT_FOUND": Message("Leave request not found.", "未找到该外出申请。"),
    "EVIDENCE_NOT_IMAGE": Message(
        "The evidence must be a photo (JPEG, PNG or WebP).",
        "证明材料须为照片（JPEG、PNG 或 WebP）。",
    ),
    "EVIDENCE_TOO_LARGE": Message(
        "The photo is too large: at most {max} KB.", "照片过大：不能超过 {max} KB。"
    ),
    "LEAVE_STARTS_IN_PAST": Message(
        "Leave is asked for ahead: the first day cannot have passed.",
        "外出须事先申请：开始日期不能早于今天。",
    ),
    "LEAVE_END_REQUIRED": Message("Give the day you will be back.", "请填写返回日期。"),
    "LEAVE_ENDS_BEFORE_START": Message(
        "The day back cannot come before the day you leave.", "返回日期不能早于外出日期。"
    ),
    "RESIDENCE_CHANGE_HAS_NO_END": Message(
        "A move has a date, not a day back.", "迁居只填写迁居日期，不填写返回日期。"
    ),
    "LEAVE_NOT_ACTIVE": Message(
        "Leave is for a person under supervision and in contact.",
        "只有在矫且未脱管的社区矫正对象才能申请外出。",
    ),
    "LEAVE_AFTER_TERM": Message(
        "The dates go past the end of the term.", "申请的日期超出了社区矫正期限。"
    ),
    "LEAVE_OVERLAP": Message(
        "These dates overlap a leave already asked for or approved.",
        "该日期与已申请或已批准的外出时间重叠。",
    ),
    "RESIDENCE_CHANGE_PENDING": Message(
        "A request to move is already waiting for a decision.", "已有一份迁居申请正在审批。"
    ),
    "LEAVE_DECIDED": Message("This request has been decided already.", "该申请已经审批。"),
    "LEAVE_DECIDED_BY_COUNTY": Message(
        "This request is decided by the county correction body.", "该申请应由县级社区矫正机构审批。"
    ),
    "LEAVE_APPROVING_BODY_REQUIRED": Message(
        "Name the body above the county that decided it.", "请填写作出审批的上一级社区矫正机构。"
    ),
    "LEAVE_NOT_APPROVED": Message(
        "A return is reported for an approved leave only.", "只有已批准的外出才能报告返回。"
    ),
    "RETURN_BEFORE_LEAVE": Message(
        "The return cannot come before the leave starts.", "返回时间不能早于外出开始日期。"
    ),
    "LEAVE_OFFICE_ABOVE_COUNTY": Message(
        "The office's days cannot exceed the county's per approval.",
        "司法所审批天数不能超过县级机构每次审批的天数。",
    ),
    #
    # --- violations, sanctions and praise (法 Art. 28) -------------------------
    "VIOLATION_NOT_FOUND": Message("Violation not found.", "未找到该违规记录。"),
    "SANCTION_NOT_FOUND": Message("Sanction not found.", "未找到该处理记录。"),
    "VIOLATION_DAYS_REQUIRED": Message(
        "Give the number of days (late or absconded).", "请填写逾期或脱管的天数。"
    ),
    "VIOLATION_DAYS_NOT_COUNTED": Message(
        "Days are given only for a late report or an absconding.", "只有逾期报到或脱管才填写天数。"
    ),
    "VIOLATION_NOT_UNDER_SUPERVISION": Message(
        "The person is not under supervision.", "该人员不在社区矫正期间。"
    ),
    "VIOLATION_BEFORE_ENROLMENT": Message(
        "The date cannot precede the enrolment.", "违规日期不能早于入矫日期。"
    ),
    "VIOLATION_ALREADY_PROPOSED": Message(
        "A violation chosen is already dealt with by a proposal.", "所选违规已有处理意见。"
    ),
    "SANCTION_VIOLATIONS_REQUIRED": Message(
        "Choose the violations the proposal is for.", "请选择处理意见所针对的违规记录。"
    ),
    "SANCTION_VIOLATIONS_TOO_MANY": Message(
        "At most {max} violations in one proposal.", "一份处理意见最多针对 {max} 条违规记录。"
    ),
    "SANCTION_OVERRIDE_REASON": Message(
        "A measure other than the suggested one needs your reason.",
        "选择与建议不同的处理措施，须说明理由。",
    ),
    "SANCTION_DECIDED_BY_COUNTY": Message(
        "Sanctions are decided by the county correction body.", "处理决定由县级社区矫正机构作出。"
    ),
    "SANCTION_DECIDED": Message("This proposal has been decided already.", "该处理意见已经决定。"),
    "SANCTION_DECIDED_BEFORE_PROPOSED": Message(
        "The decision cannot precede the proposal.", "决定日期不能早于提出处理意见的日期。"
    ),
    "PRAISE_BEFORE_ENROLMENT": Message(
        "The date cannot precede the enrolment.", "表扬日期不能早于入矫日期。"
    ),
    "SANCTION_REVOCATION_BODY_REQUIRED": Message(
        "Name the deciding body the revocation proposal goes to.", "请填写撤销建议提交的决定机关。"
    ),
    #
    # --- electronic positioning (法 Art. 29) -----------------------------------
    #
    "MONITORING_NEEDS_APPROVAL": Message(
        "Electronic positioning and each renewal need the approval of the county justice "
        "bureau's head: give the approver, the date and the approval's number.",
        "使用或延长电子定位须经县级司法行政部门负责人批准，请填写批准人、批准日期和批准文号。",
    ),
    "MONITORING_APPROVER_NOT_COUNTY_HEAD": Message(
        "The approver must be the head of the county justice bureau above this office.",
        "批准人须为本司法所所属县级司法行政部门的负责人。",
    ),
    "MONITORING_NOT_FOUND": Message(
        "Electronic positioning decision not found.", "未找到该电子定位记录。"
    ),
    "MONITORING_BEFORE_TERM": Message(
        "It cannot start before the term of supervision.", "开始日期不能早于社区矫正期限的起始日。"
    ),
    "MONITORING_AFTER_TERM": Message(
        "It cannot run past the end of the term ({term_end}).",
        "期限不能超过社区矫正期满日（{term_end}）。",
    ),
    "MONITORING_ENDS_BEFORE_START": Message(
        "The last day is before the first.", "结束日期早于开始日期。"
    ),
    "MONITORING_TOO_LONG": Message(
        "At most {months} months at a time: the last day can be {latest} at the latest.",
        "每次期限不得超过{months}个月：结束日期最晚为 {latest}。",
    ),
    "MONITORING_BEFORE_APPROVAL": Message(
        "It cannot start before it was approved.", "开始日期不能早于批准日期。"
    ),
    "MONITORING_IN_FORCE": Message(
        "A decision is already in force for this person: renew or end it.",
        "该社区矫正对象已有正在执行的电子定位，请延长或解除。",
    ),
    "MONITORING_NOT_IN_FORCE": Message(
        "Only a decision still in force can be renewed; this one has ended or run out.",
        "只能延长正在执行的电子定位；该记录已解除或已期满。",
    ),
    "MONITORING_RENEWAL_NOT_LATER": Message(
        "The new last day must be after the current one.", "新的结束日期须晚于当前的结束日期。"
    ),
    "MONITORING_ALREADY_ENDED": Message("It has already been ended.", "该电子定位已经解除。"),
    "MONITORING_END_OUTSIDE": Message(
        "The end date must be within the decision's dates.", "解除日期须在电子定位期限之内。"
    ),
    # --- education, help and the monthly report (法 Art. 35-42) ----------------
    #
    "HOURS_RANGE": Message(
        "Hours: more than 0, at most {max}.", "时长须大于 0，且不超过 {max} 小时。"
    ),
    "MONTH_FORMAT": Message("A month is written YYYY-MM.", "月份格式应为 YYYY-MM。"),
    "ACTIVITY_TOO_MANY_PERSONS": Message(
        "At most {max} persons a session.", "每次活动最多 {max} 人。"
    ),
    "ACTIVITY_PERSON_NOT_ACTIVE": Message(
        "Only persons under active supervision can be set for a session.",
        "只能为正在接受社区矫正的对象安排活动。",
    ),
    "ACTIVITY_MINORS_APART": Message(
        "Minors and adults take part in separate sessions (法 Art. 52).",
        "未成年人与成年人的活动应当分别进行（社区矫正法第五十二条）。",
    ),
    "ACTIVITY_NOT_FOUND": Message("Session not found.", "未找到该活动。"),
    "ATTENDANCE_BEFORE_SESSION": Message(
        "Attendance is recorded on or after the day of the session.", "活动当天或之后才能记录出勤。"
    ),
    "ATTENDANCE_NOT_FOUND": Message(
        "This person is not set for this session.", "该对象未被安排参加此活动。"
    ),
    "ATTENDANCE_HOURS_OVER": Message(
        "At most the session's {max} hours.", "不能超过活动时长 {max} 小时。"
    ),
    "THOUGHT_REPORT_MONTH_TAKEN": Message(
        "This month's report ({month}) has already been sent.",
        "本月（{month}）的思想汇报已经提交。",
    ),
    "THOUGHT_REPORT_NOT_FOUND": Message("Report not found.", "未找到该思想汇报。"),
    "THOUGHT_REPORT_REPLIED": Message("This report has been answered.", "该思想汇报已经回复。"),
    "WELLBEING_DETAILS_WITHOUT_CHANGE": Message(
        "Choose what has changed.", "请选择发生了变化的事项。"
    ),
    "WELLBEING_SELF_REPORT_ONLY": Message(
        "The questions are answered by the person in a self check-in.",
        "这些问题由社区矫正对象在自助报到时回答。",
    ),
    "WELLBEING_NOT_FOUND": Message("Answer not found.", "未找到该回答。"),
    # --- identity at check-in (photos) ----------------------------------------
    "PHOTO_SELF_REPORT_ONLY": Message(
        "Only the person's own check-in carries a photo.", "只有本人报到时才附照片。"
    ),
    "PHOTO_NOT_JPEG": Message(
        "The photo must be a JPEG taken in the app.", "照片须为在应用内拍摄的 JPEG 图片。"
    ),
    "PHOTO_TOO_LARGE": Message("The photo must be at most {max} KB.", "照片不得超过 {max} KB。"),
    "PHOTO_SIZE_PX": Message(
        "The photo must be {min} to {max} pixels on each side.",
        "照片的长和宽须在 {min} 至 {max} 像素之间。",
    ),
    #
    # --- mediation agreements and judicial confirmation -----------------------
    "AGREEMENT_NOT_FOUND": Message("Agreement not found.", "未找到该调解协议。"),
    "AGREEMENT_PARTIES": Message(
        "An agreement names at least {min} parties.", "调解协议至少应有{min}方当事人。"
    ),
    "AGREEMENT_PARTY_TWICE": Message("A party is named twice.", "同一当事人不能重复列出。"),
    "AGREEMENT_TERMS_REQUIRED": Message(
        "Write down at least one term of the agreement.", "请至少填写一项协议内容。"
    ),
    "AGREEMENT_TERMS_TOO_MANY": Message("At most {max} terms.", "协议内容最多{max}项。"),
    "TERM_OBLIGOR": Message(
        "Who performs a term must be one of the parties.", "履行义务人应为协议当事人之一。"
    ),
    "TERM_DUE_BEFORE_AGREEMENT": Message(
        "A term's deadline cannot be before the agreement.", "履行期限不能早于达成协议的日期。"
    ),
    "AGREEMENT_DISPUTE_STATUS": Message(
        "A dispute that is {status} cannot have an agreement recorded.",
        "该纠纷当前的状态不能登记调解协议。",
    ),
    "AGREEMENT_EXISTS": Message("This dispute already has an agreement.", "该纠纷已登记调解协议。"),
    "SIGNATURE_IMAGE": Message(
        "The signature must be a PNG image, a fingerprint a PNG or JPEG photo.",
        "签名须为 PNG 图片，指印须为 PNG 或 JPEG 照片。",
    ),
    "SIGNATURE_IMAGE_TOO_LARGE": Message(
        "The image is too large (at most {max} KB).", "图片过大（不超过 {max} KB）。"
    ),
    "AGREEMENT_ORAL_UNSIGNED": Message(
        "An oral agreement is not signed or sealed.", "口头协议无需签名或盖章。"
    ),
    "SIGNED_BEFORE_AGREEMENT": Message(
        "It cannot be signed or sealed before the agreement was reached.",
        "签名或盖章时间不能早于达成协议的时间。",
    ),
    "SIGNER_PARTY_INDEX": Message(
        "Choose which party signs (none for the mediator).",
        "请选择签名的当事人（调解员签名不选）。",
    ),
    "AGREEMENT_ALREADY_SIGNED": Message("This signer has already signed.", "该签名人已经签名。"),
    "AGREEMENT_ALREADY_SEALED": Message(
        "The committee has already sealed this agreement.", "该协议已由调解委员会盖章。"
    ),
    "AGREEMENT_NOT_IN_EFFECT": Message(
        "The agreement has not taken effect yet.", "该调解协议尚未生效。"
    ),
    "CONFIRMATION_STATUS_MATTER": Message(
        "A court does not confirm an agreement on a status, an adoption or a marriage.",
        "涉及身份关系、收养关系或婚姻关系的调解协议，人民法院不予司法确认。",
    ),
    "CONFIRMATION_JOINT": Message(
        "Judicial confirmation is applied for by both parties together.",
        "司法确认须由双方当事人共同申请。",
    ),
    "CONFIRMATION_PERIOD_OVER": Message(
        "The 30 days to apply for judicial confirmation ended on {due}.",
        "申请司法确认的三十日期限已于 {due} 届满。",
    ),
    "CONFIRMATION_COURT": Message("Name the court.", "请填写受理的人民法院。"),
    "CONFIRMATION_DATE_REQUIRED": Message("Give the date.", "请填写日期。"),
    "CONFIRMATION_DATE_ORDER": Message(
        "This date cannot be before the step it follows.", "该日期不能早于前一环节的日期。"
    ),
    "CONFIRMATION_STEP": Message(
        "Judicial confirmation at {current} cannot go to {to}.",
        "司法确认当前所处环节不能进行该操作。",
    ),
    "CONFIRMATION_ALREADY_EXTENDED": Message(
        "The review has already been extended once.", "审查期限已经延长过一次。"
    ),
    "TERM_NOT_FOUND": Message("Term not found.", "未找到该协议条款。"),
    "TERM_ALREADY_PERFORMED": Message(
        "This term is already marked performed.", "该条款已标记为履行完毕。"
    ),
    "TERM_PERFORMED_BEFORE_AGREEMENT": Message(
        "It cannot be performed before the agreement.", "履行日期不能早于达成协议的日期。"
    ),
    #
    # --- mediation case sources, deadlines and screening campaigns ------------
    "SOURCE_SCREENING_BY_REPORT": Message(
        "A dispute found in screening is registered with its unit's screening report.",
        "排查发现的纠纷请在本单位的排查报告中登记。",
    ),
    "REFERRING_BODY_REQUIRED": Message(
        "Name the body that referred the dispute.", "请填写移送纠纷的单位。"
    ),
    "REFERRAL_NUMBER_REQUIRED": Message(
        "Give the referring body's reference number.", "请填写移送单位的文书编号。"
    ),
    "COURT_PROCEDURE_REQUIRED": Message(
        "Say whether the court hears the case in ordinary or summary procedure.",
        "请选择法院适用普通程序还是简易程序。",
    ),
    "EXTENSION_NEEDS_CONSENT": Message(
        "The period is extended only with both parties' consent.",
        "延长调解期限须经双方当事人同意。",
    ),
    "EXTENSION_NOT_COURT_REFERRED": Message(
        "Only a court-referred dispute has a period to extend.",
        "只有法院委派或委托的纠纷才有可延长的调解期限。",
    ),
    "EXTENSION_NOT_LATER": Message("The new last day comes after {due}.", "新的期限须晚于 {due}。"),
    "DISPUTE_NOT_OPEN": Message("The dispute is no longer being mediated.", "该纠纷已不在调解中。"),
    "REFUSING_PARTY_UNKNOWN": Message(
        "Choose one of the dispute's parties.", "请选择本纠纷的一方当事人。"
    ),
    "ROUTES_TOLD_REQUIRED": Message(
        "Record which routes the parties were told of.",
        "请记录已告知当事人的仲裁、行政或司法途径。",
    ),
    "SCREENING_CAMPAIGN_NOT_FOUND": Message("Screening campaign not found.", "未找到该排查活动。"),
    "PERIOD_ENDS_BEFORE_START": Message(
        "The period ends after it starts.", "结束日期须不早于开始日期。"
    ),
    "CAMPAIGN_TOO_LONG": Message("A campaign lasts at most {max} days.", "排查活动最长 {max} 天。"),
    "CUT_OFF_BEFORE_START": Message(
        "Reports are due after the campaign starts.", "报送截止日期须不早于开始日期。"
    ),
    "CUT_OFF_PASSED": Message(
        "The reporting cut-off is today or later.", "报送截止日期不能早于今天。"
    ),
    "CAMPAIGN_UNITS_TOO_MANY": Message(
        "At most {max} units in one campaign.", "一次排查最多 {max} 个单位。"
    ),
    "CAMPAIGN_UNITS_REQUIRED": Message(
        "A campaign asks at least one unit to report.", "排查活动至少包括一个单位。"
    ),
    "VILLAGES_TOO_MANY": Message("At most {max} villages.", "村（社区）最多 {max} 个。"),
    "VILLAGES_REQUIRED": Message(
        "Name the villages or communities covered.", "请填写已排查的村（社区）。"
    ),
    "FOUND_TOO_MANY": Message(
        "At most {max} disputes in one report.", "一份报告最多登记 {max} 件纠纷。"
    ),
    "ZERO_REPORT_WITH_DISPUTES": Message(
        "A zero report lists no disputes.", "零报告不能登记纠纷。"
    ),
    "REPORT_EMPTY": Message(
        "List the disputes found, or file a zero report.", "请登记排查发现的纠纷，或报送零报告。"
    ),
    "CAMPAIGN_NOT_STARTED": Message("The campaign starts on {date}.", "排查活动自 {date} 开始。"),
    "SCREENING_REPORTED": Message(
        "This unit has already reported in this campaign.", "本单位已报送本次排查的报告。"
    ),
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
    "MATERIALS_PHOTO_TOO_LARGE": Message(
        "A photo is at most {max} MB.", "每张照片不超过 {max} MB。"
    ),
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
    "CONSULTATION_NOT_FOUND": Message("Consultation not found.", "未找到该咨询记录。"),
    "CONSULTATION_CHANNEL": Message(
        "Online questions are asked by the public themselves.", "网上咨询由群众本人提出。"
    ),
    "CONSULTATION_UNIT": Message(
        "Choose a justice office or a legal-aid centre.", "请选择司法所或法律援助中心。"
    ),
    "CONSULTATION_PERIOD": Message(
        "The end of the period is before its start.", "截止日期早于开始日期。"
    ),
    "CONSULTATION_ANSWERED": Message(
        "This question has been answered already.", "该咨询已经答复。"
    ),
    "CONSULTATION_REFERRED": Message(
        "This consultation has been referred already.", "该咨询已经转介。"
    ),
    "REFERRAL_NOT_FOUND": Message("Referral not found.", "未找到该转介申请。"),
    "REFERRAL_ANSWERED": Message(
        "This referral has been confirmed or declined already.", "该转介申请已确认或已拒绝。"
    ),
    "REFERRAL_DISPUTE_NOT_FAILED": Message(
        "Only a mediation that failed is referred to legal aid.",
        "只有调解不成的纠纷才能转介法律援助。",
    ),
    "REFERRAL_MATTER": Message("Choose the matter.", "请选择申请事项。"),
    "REFERRAL_PARTY": Message("Choose a party of the dispute.", "请选择纠纷的一方当事人。"),
    "REFERRAL_NAME_MISSING": Message(
        "The person's name is not recorded.", "没有记录当事人的姓名。"
    ),
    "REFERRAL_PHONE_MISSING": Message(
        "Give the person's mobile number.", "请填写当事人的手机号码。"
    ),
    "CASE_NOT_ASSIGNED": Message(
        "Only an assigned case can end.", "只有已指派的案件才能记录办结。"
    ),
    "CASE_END_FUTURE": Message("The case cannot end in the future.", "办结日期不能晚于今天。"),
    "CASE_END_BEFORE_REQUEST": Message(
        "The case cannot end before the request.", "办结日期不能早于申请日期。"
    ),
    "CASE_END_RECORDED": Message(
        "The end of this case is recorded already.", "该案件的办结已经记录。"
    ),
    "CASE_END_MISSING": Message("Record the end of the case first.", "请先记录案件办结。"),
    "CLOSING_SUBMITTED": Message("The closing materials are in already.", "结案材料已经提交。"),
    "CLOSING_MATERIALS_MISSING": Message(
        "The closing materials are not in yet.", "结案材料尚未提交。"
    ),
    "CASE_NOT_CLOSED": Message("The case is not closed yet.", "该案件尚未结案。"),
    "SUBSIDY_RATES": Message("1 to {max} rates", "补贴标准须为 1 到 {max} 项。"),
    "SUBSIDY_RATE_TWICE": Message(
        "Each case type and stage once.", "每种案件类型和阶段只能填一次。"
    ),
    "SUBSIDY_RATE_MISSING": Message(
        "No subsidy rate for this case type and stage in force on {on}.",
        "{on} 施行的补贴标准中没有该案件类型和阶段。",
    ),
    "SUBSIDY_APPROVED": Message("The subsidy is approved already.", "补贴已经审批。"),
    "SUBSIDY_NOT_COMPUTED": Message("Compute the subsidy first.", "请先计算补贴。"),
    "SUBSIDY_NOT_APPROVED": Message("The subsidy is not approved yet.", "补贴尚未审批。"),
    "SATISFACTION_REQUIRED": Message(
        "Give the satisfaction score (1 to 5).", "请填写满意度（1 到 5）。"
    ),
    "SATISFACTION_UNREACHED": Message(
        "No score when the person was not reached.", "未联系上受援人时不填满意度。"
    ),
    # --- resettlement (安置帮教) --------------------------------------------------
    #
    "RESETTLEMENT_NOT_FOUND": Message("Resettlement record not found.", "未找到该安置帮教记录。"),
    "RESETTLEMENT_AT_JUSTICE_OFFICE": Message(
        "A released person is received by a justice office.", "刑满释放人员应由司法所接收。"
    ),
    "RESETTLEMENT_ALREADY_OPEN": Message(
        "This person already has a resettlement record in its assistance period.",
        "此人已有在帮教期内的安置帮教记录。",
    ),
    "RESETTLEMENT_NOT_RELEASED": Message(
        "Only a person released from community correction is taken into resettlement.",
        "只有解除社区矫正的人员才能转入安置帮教。",
    ),
    "RECEPTION_MET_BY_REQUIRED": Message("Say who met the person.", "请填写由谁接收。"),
    "RECEPTION_PLACE_REQUIRED": Message("Say where the person was met.", "请填写接收地点。"),
    "RECEPTION_PICKED_UP_NOT_MET": Message(
        "A person who did not arrive was not picked up.", "未到的人员不能记为已接回。"
    ),
    "RESETTLEMENT_ALREADY_RECEIVED": Message(
        "The person has already been met.", "此人已经衔接接收。"
    ),
    "RESETTLEMENT_ALREADY_NOT_ARRIVED": Message(
        "The non-arrival is already recorded.", "已记录此人未按时衔接。"
    ),
    "RECEPTION_BEFORE_RELEASE": Message(
        "The person cannot be met before the release.", "接收日期不能早于释放日期。"
    ),
    "RESETTLEMENT_NOT_RECEIVED": Message("The person has not been met yet.", "此人尚未衔接接收。"),
    "RESETTLEMENT_OUTSIDE_PERIOD": Message(
        "Outside the assistance period (it ends on {ends_on}).",
        "不在帮教期内（帮教期至 {ends_on}）。",
    ),
    # The released person's own account, at their request.
    "RESETTLEMENT_CLOSED": Message(
        "The assistance period ended on {ends_on}: the record is closed.",
        "帮教期已于 {ends_on} 结束，记录已关闭。",
    ),
    "RESETTLEMENT_ACCOUNT_EXISTS": Message("The person already has an account.", "此人已有账号。"),
    "RESETTLEMENT_NO_ACCOUNT": Message("The person has no account.", "此人没有账号。"),
    "RESETTLEMENT_REQUEST_REQUIRED": Message(
        "An account is made only at the person's own request: confirm they asked for one.",
        "只有本人提出申请才能开通账号，请确认本人已提出申请。",
    ),
    # --- monthly statistics (月报) ----------------------------------------------
    #
    "MONTH_IN_FUTURE": Message("That month has not begun.", "该月份尚未开始。"),
    "MONTH_RANGE_ORDER": Message("The last month is before the first.", "结束月份早于开始月份。"),
    "MONTH_RANGE_TOO_LONG": Message("At most {max} months at once.", "一次最多 {max} 个月。"),
    "MONTH_NOT_OVER": Message(
        "{month} is not over yet; it is submitted after its last day.",
        "{month} 尚未结束，月末之后才能报送。",
    ),
    "REPORT_UNIT_HEAD_ONLY": Message(
        "Only the unit's own head submits its report.", "只有本单位负责人可以报送本单位月报。"
    ),
    "REPORT_CORRECTION_REASON": Message(
        "This month was submitted already; a correction needs a reason.",
        "该月已报送，更正须说明理由。",
    ),
    "REPORT_SUBMITTED_MEANWHILE": Message(
        "Someone submitted this month meanwhile. Reload it.", "该月报刚被他人报送，请刷新后再试。"
    ),
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
