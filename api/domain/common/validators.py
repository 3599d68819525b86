"""Input validation rules: the single place every area checks what users send.

Each validator takes the value and the name of the input field it came from,
and returns the normalised value or raises `BadInput` naming that field. The
messages never repeat the value itself, since resident IDs and phone numbers
are personal data and error messages end up in logs.
"""

from __future__ import annotations

import math
import re
import unicodedata
import uuid
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from api.domain.common.errors import BadInput

__all__ = [
    "accuracy_meters",
    "client_uuid",
    "int_range",
    "invisible",
    "latitude",
    "longitude",
    "mask_resident_id",
    "mobile_phone",
    "money",
    "proper_name",
    "resident_id",
    "resident_id_check_char",
    "rule_table",
    "search_term",
    "text",
]

CHINA_TZ = ZoneInfo("Asia/Shanghai")

# Full-width forms that Chinese input methods produce: digits, X/x, plus, hyphen
# and the ideographic space, mapped to their ASCII forms.
FULL_WIDTH = str.maketrans(
    {
        **{chr(0xFF10 + i): str(i) for i in range(10)},
        "\uff38": "X",
        "\uff58": "x",
        "\uff0b": "+",
        "\uff0d": "-",
        "\u3000": " ",
    }
)

# --- Resident ID (GB 11643-1999) -------------------------------------------

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK_CHARS = "10X98765432"


def ascii_digits(value: str) -> bool:
    """Only 0-9. str.isdigit() alone also takes "²" and "١", which int() then
    refuses or reads as another number."""
    return value.isascii() and value.isdigit()


_ID_SHAPE = re.compile(r"[0-9]{17}[0-9X]")
_DIGITS17 = re.compile(r"[0-9]{17}")
_ID_MIN_YEAR = 1900


def resident_id_check_char(first17: str) -> str:
    """The check character (ISO 7064 MOD 11-2) for the first 17 digits of an ID."""
    if not _DIGITS17.fullmatch(first17):
        raise ValueError("first17 must be exactly 17 ASCII digits")
    total = sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True))
    return _ID_CHECK_CHARS[total % 11]


def _today_in_china() -> date:
    return datetime.now(CHINA_TZ).date()


def resident_id(value: object, field: str, *, today: date | None = None) -> str:
    """A Chinese resident ID, normalised: no spaces, ASCII, upper-case 'X'.

    `today` (default: today in China) bounds the birth date; tests pass it.
    """
    if not isinstance(value, str):
        raise BadInput("RESIDENT_ID_NOT_TEXT", field=field)
    s = "".join(value.translate(FULL_WIDTH).split())
    if s.endswith("x"):
        s = s[:-1] + "X"
    if len(s) != 18:
        raise BadInput("RESIDENT_ID_LENGTH", field=field)
    if not _ID_SHAPE.fullmatch(s):
        raise BadInput("RESIDENT_ID_SHAPE", field=field)
    try:
        born = date(int(s[6:10]), int(s[10:12]), int(s[12:14]))
    except ValueError:
        raise BadInput("RESIDENT_ID_BIRTH_DATE", field=field) from None
    if born.year < _ID_MIN_YEAR:
        raise BadInput("RESIDENT_ID_BIRTH_YEAR", field=field, min_year=_ID_MIN_YEAR)
    if born > (today if today is not None else _today_in_china()):
        raise BadInput("RESIDENT_ID_BIRTH_FUTURE", field=field)
    if resident_id_check_char(s[:17]) != s[17]:
        raise BadInput("RESIDENT_ID_CHECK_DIGIT", field=field)
    return s


def mask_resident_id(value: str) -> str:
    """First 6 + 8 '*' + last 4, e.g. 220102********123X.

    Meant for IDs already validated by `resident_id`; anything that is not 18
    characters after normalisation raises ValueError rather than leaking it.
    """
    s = "".join(value.translate(FULL_WIDTH).split()).upper()
    if len(s) != 18:
        raise ValueError("can only mask an 18-character resident ID")
    return s[:6] + "*" * 8 + s[-4:]


# --- Mobile phone -----------------------------------------------------------

_MOBILE = re.compile(r"(?:\+?86)?(1[3-9][0-9]{9})")


def mobile_phone(value: object, field: str) -> str:
    """A mainland mobile number as its 11 digits (spaces, dashes, +86 removed)."""
    if not isinstance(value, str):
        raise BadInput("PHONE_NOT_TEXT", field=field)
    s = "".join(value.translate(FULL_WIDTH).split()).replace("-", "")
    m = _MOBILE.fullmatch(s)
    if m is None:
        raise BadInput("PHONE_FORMAT", field=field)
    return m.group(1)


# --- Geolocation ------------------------------------------------------------


def _finite_number(value: object, field: str, what: str) -> float:
    # bool is an int subclass; True is not a coordinate.
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise BadInput("NUMBER_REQUIRED", field=field, what=what)
    try:
        f = float(value)
    except (OverflowError, ValueError, InvalidOperation):
        raise BadInput("NUMBER_NOT_FINITE", field=field, what=what) from None
    if not math.isfinite(f):
        raise BadInput("NUMBER_NOT_FINITE", field=field, what=what)
    return f


def latitude(value: object, field: str) -> float:
    """Degrees north, within [-90, 90]."""
    f = _finite_number(value, field, "Latitude")
    if not -90.0 <= f <= 90.0:
        raise BadInput("LATITUDE_RANGE", field=field)
    return f


def longitude(value: object, field: str) -> float:
    """Degrees east, within [-180, 180]."""
    f = _finite_number(value, field, "Longitude")
    if not -180.0 <= f <= 180.0:
        raise BadInput("LONGITUDE_RANGE", field=field)
    return f


def point(
    lat: object | None, lon: object | None, lat_field: str, lon_field: str
) -> tuple[float, float] | None:
    """A place given as latitude and longitude, both or neither (None)."""
    if lat is None and lon is None:
        return None
    if lat is None or lon is None:
        raise BadInput("LOCATION_INCOMPLETE", field=lat_field if lat is None else lon_field)
    return latitude(lat, lat_field), longitude(lon, lon_field)


MAX_ACCURACY_METERS = 100_000.0


def accuracy_meters(value: object, field: str) -> float:
    """A location's accuracy radius in metres, within [0, 100000]."""
    f = _finite_number(value, field, "Accuracy")
    if not 0.0 <= f <= MAX_ACCURACY_METERS:
        raise BadInput("ACCURACY_RANGE", field=field, max=int(MAX_ACCURACY_METERS))
    return f


# --- Money ------------------------------------------------------------------

_CENT = Decimal("0.01")
_MONEY_TEXT = re.compile(r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)")
_MONEY_TEXT_MAX_LEN = 64
MONEY_MAX = Decimal("100000000")


def money(
    value: object,
    field: str,
    *,
    minimum: Decimal = Decimal(0),
    maximum: Decimal = MONEY_MAX,
) -> Decimal:
    """An amount in yuan with at most 2 decimal places, returned quantized to 0.01.

    Accepts Decimal, int, or a plain decimal string ("12", "12.5", "-3.10");
    floats are refused, as are exponents, NaN and infinities. Trailing zeros
    beyond the cents ("1.500") are accepted, since the value has 2 places.
    """
    if isinstance(value, bool) or not isinstance(value, Decimal | int | str):
        raise BadInput("AMOUNT_NOT_DECIMAL", field=field)
    if isinstance(value, str):
        s = value.strip()
        if len(s) > _MONEY_TEXT_MAX_LEN or not _MONEY_TEXT.fullmatch(s):
            raise BadInput("AMOUNT_NOT_PLAIN", field=field)
        d = Decimal(s)
    else:
        d = Decimal(value)
    if not d.is_finite():
        raise BadInput("AMOUNT_NOT_FINITE", field=field)
    if d < minimum:
        raise BadInput("AMOUNT_TOO_SMALL", field=field, minimum=minimum)
    if d > maximum:
        raise BadInput("AMOUNT_TOO_LARGE", field=field, maximum=maximum)
    try:
        q = d.quantize(_CENT)
    except InvalidOperation:
        raise BadInput("AMOUNT_OUT_OF_RANGE", field=field) from None
    if q != d:
        raise BadInput("AMOUNT_PLACES", field=field, places=2)
    if q == 0:
        q = Decimal("0.00")  # no negative zero
    return q


# --- Client-generated UUID --------------------------------------------------

_UUID_TEXT = re.compile(
    r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
)
_RESERVED_UUIDS = frozenset({uuid.UUID(int=0), uuid.UUID(int=(1 << 128) - 1)})


def client_uuid(value: object, field: str) -> str:
    """A UUID in hyphenated 8-4-4-4-12 form (any case, any version), returned lower-case.

    The nil and max UUIDs are refused: a client that sends them has not
    generated an ID, and they would collide across clients.
    """
    if isinstance(value, uuid.UUID):
        u = value
    elif isinstance(value, str) and _UUID_TEXT.fullmatch(value.strip()):
        u = uuid.UUID(value.strip())
    else:
        raise BadInput("UUID_FORMAT", field=field)
    if u in _RESERVED_UUIDS:
        raise BadInput("UUID_RESERVED", field=field)
    return str(u)


# --- Free text --------------------------------------------------------------

_ALLOWED_CONTROLS = frozenset("\n\t")
# Letters that print as blank space: with them a name looks empty, or like
# another one.
_BLANK_LETTERS = frozenset("\u115f\u1160\u3164\uffa0")
# A name is one line: a line or paragraph separator in one breaks every list
# it is shown in.
_NAME_BREAKS = frozenset("\n\t\u2028\u2029")
# A name is written in letters (and digits, spaces, the middle dot of 阿依古丽·
# 买买提, hyphens): emoji and the other symbols (Unicode categories Sc, Sk, Sm,
# So: ☺, ♥, ★, ¥, +) are no part of anyone's name, and a name a register, a
# court document or a text message cannot print is refused where it is typed.
_NAME_SYMBOL_CATEGORIES = ("Sc", "Sk", "Sm", "So")


def invisible(ch: str) -> bool:
    """A character that prints as nothing or changes how the text around it
    prints: every format character (Unicode category Cf), which takes in the
    zero-width space, joiners and non-joiners (U+200B-U+200D, U+2060), the
    soft hyphen (U+00AD), the byte-order mark (U+FEFF), and the direction
    marks, embeddings, overrides and isolates (U+061C, U+200E-U+200F,
    U+202A-U+202E, U+2066-U+2069) that make text read other than it is stored."""
    return unicodedata.category(ch) == "Cf"


def _checked_text(
    value: object, field: str, *, min_len: int, max_len: int, strip: bool, is_name: bool
) -> str:
    if min_len < 0 or max_len < min_len:
        raise ValueError("need 0 <= min_len <= max_len")
    if not isinstance(value, str):
        raise BadInput("TEXT_NOT_TEXT", field=field)
    s = value.replace("\r\n", "\n")
    if is_name:
        if any(invisible(ch) or ch in _BLANK_LETTERS for ch in s):
            raise BadInput("TEXT_INVISIBLE", field=field)
    elif any(invisible(ch) for ch in s):
        s = "".join(ch for ch in s if not invisible(ch))
    if strip:
        s = s.strip()
    for ch in s:
        if ch in _ALLOWED_CONTROLS:
            continue
        if unicodedata.category(ch) in ("Cc", "Cs"):
            raise BadInput("TEXT_CONTROL", field=field)
    if is_name and any(ch in _NAME_BREAKS for ch in s):
        raise BadInput("TEXT_ONE_LINE", field=field)
    if is_name and any(unicodedata.category(ch) in _NAME_SYMBOL_CATEGORIES for ch in s):
        raise BadInput("TEXT_SYMBOL", field=field)
    if len(s) < min_len:
        if min_len == 1:
            raise BadInput("TEXT_EMPTY", field=field)
        raise BadInput("TEXT_TOO_SHORT", field=field, min=min_len)
    if len(s) > max_len:
        raise BadInput("TEXT_TOO_LONG", field=field, max=max_len)
    return s


def text(
    value: object,
    field: str,
    *,
    min_len: int = 1,
    max_len: int,
    strip: bool = True,
) -> str:
    """Free text (a note, a description, a reason, a search) of
    min_len..max_len characters (after stripping, if `strip`).

    Invisible characters (see `invisible`) are removed: they carry nothing a
    reader can see, arrive unnoticed with pasted text, and the direction
    overrides among them would let a note read other than it is stored.
    CRLF is normalised to LF. Control characters other than newline and tab
    are refused, as are lone surrogates (they cannot be stored as UTF-8).
    """
    return _checked_text(value, field, min_len=min_len, max_len=max_len, strip=strip, is_name=False)


def proper_name(value: object, field: str, *, max_len: int) -> str:
    """A name people are told apart by (of a person, an account, a unit): text
    on one line, refused rather than cleaned when it holds an invisible
    character or a blank letter, so two names that look the same are the same,
    and refused when it holds an emoji or another symbol."""
    return _checked_text(value, field, min_len=1, max_len=max_len, strip=True, is_name=True)


def search_term(value: str | None, field: str, *, max_len: int) -> str | None:
    """What a list's search box holds: None when empty or blank (no filter),
    else the stripped text, cleaned and refused like any text for control
    characters (a NUL cannot even reach PostgreSQL) or length."""
    if value is None:
        return None
    return text(value, field, min_len=0, max_len=max_len) or None


# --- Integers ---------------------------------------------------------------


def int_range(value: object, field: str, lo: int, hi: int) -> int:
    """An integer within [lo, hi] inclusive (bools refused)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadInput("INTEGER_REQUIRED", field=field)
    if not lo <= value <= hi:
        raise BadInput("INTEGER_RANGE", field=field, lo=lo, hi=hi)
    return value


# A phone's clock may run a little ahead of the server's; a record older than
# a month is not a field record any more but a backfill, which belongs on paper
# with the office (DESIGN.md: "far older than the last sync is refused").
DEVICE_CLOCK_SKEW = timedelta(minutes=5)
DEVICE_RECORD_MAX_AGE = timedelta(days=30)


def aware(value: datetime, field: str) -> datetime:
    """A client-sent time with its UTC offset, in UTC."""
    if value.tzinfo is None or value.utcoffset() is None:
        raise BadInput("TIME_OFFSET_REQUIRED", field=field)
    return value.astimezone(UTC)


def device_time(value: datetime, field: str, now: datetime) -> datetime:
    """When a phone says it recorded something (capturedAt, visitedAt): not in
    the future beyond the clock skew, not older than the maximum age."""
    moment = aware(value, field)
    if moment > now + DEVICE_CLOCK_SKEW:
        raise BadInput("DEVICE_TIME_FUTURE", field=field, name=field)
    if moment < now - DEVICE_RECORD_MAX_AGE:
        days = DEVICE_RECORD_MAX_AGE.days
        raise BadInput("DEVICE_TIME_TOO_OLD", field=field, name=field, days=days)
    return moment


# --- The rules as data, for the PWA ---------------------------------------


def rule_table() -> dict[str, object]:
    """What these validators enforce, as plain data the PWA checks a form
    against before anything is sent (served as /rules.json, see
    api/input_rules.py): the same patterns, weights and bounds as above, so
    the form and the server cannot disagree. Patterns are whole-value matches
    written so that Python and JavaScript read them alike."""
    return {
        "fullWidth": {chr(c): o for c, o in FULL_WIDTH.items()},
        "residentId": {
            "length": 18,
            "pattern": _ID_SHAPE.pattern,
            "weights": list(_ID_WEIGHTS),
            "checkChars": _ID_CHECK_CHARS,
            "minYear": _ID_MIN_YEAR,
        },
        "mobilePhone": {"pattern": _MOBILE.pattern},
        "money": {
            "pattern": _MONEY_TEXT.pattern,
            "maxTextLength": _MONEY_TEXT_MAX_LEN,
            "places": 2,
            "min": "0",
            "max": str(MONEY_MAX),
        },
        "text": {
            "allowedControls": sorted(_ALLOWED_CONTROLS),
            "blankLetters": sorted(_BLANK_LETTERS),
            "nameBreaks": sorted(_NAME_BREAKS),
            "nameSymbolCategories": list(_NAME_SYMBOL_CATEGORIES),
        },
        "deviceTime": {
            "skewMinutes": DEVICE_CLOCK_SKEW // timedelta(minutes=1),
            "maxAgeDays": DEVICE_RECORD_MAX_AGE.days,
        },
    }
