"""Tests of api.domain.common.validators: Hypothesis properties plus plain examples."""

from __future__ import annotations

import math
import re
import uuid
from collections.abc import Callable
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from api.domain.common import validators as v
from api.domain.common.errors import BadInput

FIELD = "someField"
TODAY = date(2026, 5, 9)


def refused(fn: Callable[..., Any], value: object, *args: Any, **kwargs: Any) -> BadInput:
    """Call fn(value, FIELD, ...) and check it refuses with BAD_USER_INPUT on FIELD."""
    field = kwargs.pop("field", FIELD)
    with pytest.raises(BadInput) as info:
        fn(value, field, *args, **kwargs)
    err = info.value
    assert err.extensions is not None
    assert err.extensions["code"] == "BAD_USER_INPUT"
    assert err.extensions["field"] == field
    assert err.field == field
    return err


# --- Resident ID ------------------------------------------------------------

digits = st.text(alphabet="0123456789", min_size=1, max_size=1)
birth_dates = st.dates(min_value=date(1900, 1, 1), max_value=TODAY)


def build_id(region: str, born: date, seq: str) -> str:
    first17 = f"{region}{born:%Y%m%d}{seq}"
    return first17 + v.resident_id_check_char(first17)


@st.composite
def valid_ids(draw: st.DrawFn) -> str:
    region = draw(st.from_regex(r"[0-9]{6}", fullmatch=True))
    seq = draw(st.from_regex(r"[0-9]{3}", fullmatch=True))
    return build_id(region, draw(birth_dates), seq)


@given(valid_ids())
def test_valid_ids_accepted_and_round_trip(rid: str) -> None:
    assert v.resident_id(rid, FIELD, today=TODAY) == rid
    # Normalisation is idempotent; lower-case x and spaces are tolerated.
    spaced = f" {rid[:6]} {rid[6:14]} {rid[14:].lower()} "
    assert v.resident_id(spaced, FIELD, today=TODAY) == rid


@given(valid_ids(), st.sampled_from("0123456789X"))
def test_changed_check_char_always_refused(rid: str, other: str) -> None:
    assume(other != rid[17])
    err = refused(v.resident_id, rid[:17] + other, today=TODAY)
    assert "check digit does not match" in err.message


@given(valid_ids(), st.integers(0, 16), digits)
def test_single_digit_change_always_refused(rid: str, pos: int, d: str) -> None:
    # MOD 11-2 detects every single-digit substitution (the date may also break).
    assume(rid[pos] != d)
    refused(v.resident_id, rid[:pos] + d + rid[pos + 1 :], today=TODAY)


@given(valid_ids())
def test_mask_shape(rid: str) -> None:
    masked = v.mask_resident_id(rid)
    assert len(masked) == 18
    assert masked.count("*") == 8
    assert masked == rid[:6] + "********" + rid[14:]


@given(st.dates(min_value=TODAY + timedelta(days=1), max_value=date(2999, 12, 31)))
def test_future_birth_date_refused(born: date) -> None:
    err = refused(v.resident_id, build_id("110105", born, "001"), today=TODAY)
    assert "future" in err.message


@given(st.dates(min_value=date(1000, 1, 1), max_value=date(1899, 12, 31)))
def test_birth_year_before_1900_refused(born: date) -> None:
    refused(v.resident_id, build_id("110105", born, "001"), today=TODAY)


def test_known_valid_id() -> None:
    # The worked example of GB 11643-1999.
    assert v.resident_id("11010519491231002X", FIELD) == "11010519491231002X"
    assert v.resident_id_check_char("11010519491231002") == "X"
    assert v.resident_id("220102199003071235", FIELD) == "220102199003071235"


def test_lower_case_x_normalised() -> None:
    assert v.resident_id("11010519491231002x", FIELD) == "11010519491231002X"
    assert v.resident_id(" 110105 19491231 002x ", FIELD) == "11010519491231002X"


def test_full_width_digits_normalised() -> None:
    full = "".join(chr(0xFF10 + int(c)) for c in "11010519491231002") + "ｘ"
    assert v.resident_id(full, FIELD) == "11010519491231002X"


def test_impossible_date_refused() -> None:
    rid = build_id("110105", date(1999, 2, 1), "001")
    bad = rid[:6] + "19990230" + rid[14:17]
    bad += v.resident_id_check_char(bad)
    err = refused(v.resident_id, bad)
    assert "birth date" in err.message


def test_wrong_check_digit_refused() -> None:
    err = refused(v.resident_id, "110105194912310021")
    assert err.message == "Resident ID check digit does not match"


@pytest.mark.parametrize(
    "value",
    [
        "",
        "11010519491231002",  # 17 chars
        "11010519491231002X1",  # 19 chars
        "X1010519491231002X",  # X not at the end
        "1101051949123100XX",
        "11010519491231002Y",
        "١١٠١٠٥١٩٤٩١٢٣١٠٠٢X",  # Arabic-Indic digits
        "11010519491231002\n",
        None,
        110105194912310020,
    ],
)
def test_malformed_ids_refused(value: object) -> None:
    refused(v.resident_id, value, field="idNumber")


def test_error_message_does_not_echo_id() -> None:
    err = refused(v.resident_id, "110105194912310021")
    assert "110105" not in err.message


def test_resident_id_default_today_accepts_today() -> None:
    today = v._today_in_china()
    assert v.resident_id(build_id("110105", today, "123"), FIELD)[6:14] == f"{today:%Y%m%d}"


def test_check_char_helper_rejects_bad_input() -> None:
    with pytest.raises(ValueError):
        v.resident_id_check_char("1234")
    with pytest.raises(ValueError):
        v.resident_id_check_char("1101051949123100X")


def test_mask_example_and_bad_length() -> None:
    assert v.mask_resident_id("22010219900307123x") == "220102********123X"
    with pytest.raises(ValueError):
        v.mask_resident_id("1234")


# --- Mobile phone -----------------------------------------------------------

mobiles = st.from_regex(r"1[3-9][0-9]{9}", fullmatch=True)


@given(mobiles, st.sampled_from(["", "+86", "86", "+86 ", "86-"]))
def test_valid_mobiles_accepted(number: str, prefix: str) -> None:
    assert v.mobile_phone(prefix + number, FIELD) == number
    dashed = f"{number[:3]}-{number[3:7]}-{number[7:]}"
    assert v.mobile_phone(f" {prefix}{dashed} ", FIELD) == number
    spaced = f"{number[:3]} {number[3:7]} {number[7:]}"
    assert v.mobile_phone(prefix + spaced, FIELD) == number


@given(
    st.sampled_from("0123456789"),
    st.sampled_from("012"),
    st.from_regex(r"[0-9]{9}", fullmatch=True),
)
def test_wrong_prefix_refused(first: str, second: str, rest: str) -> None:
    # Either the first digit is not 1, or the second is 0-2.
    number = first + second + rest
    assume(not re.fullmatch(r"1[3-9][0-9]{9}", number))
    refused(v.mobile_phone, number, field="phone")


@given(st.sampled_from("023456789"), st.from_regex(r"[0-9]{10}", fullmatch=True))
def test_not_starting_with_1_refused(first: str, rest: str) -> None:
    refused(v.mobile_phone, first + rest, field="phone")


@pytest.mark.parametrize(
    "value",
    [
        "",
        "1381234567",  # 10 digits
        "138123456789",  # 12 digits
        "+13812345678",  # + without 86
        "+8513812345678",
        "008613812345678",
        "13812345678a",
        "12812345678",
        None,
        13812345678,
    ],
)
def test_malformed_mobiles_refused(value: object) -> None:
    refused(v.mobile_phone, value, field="phone")


def test_mobile_examples() -> None:
    assert v.mobile_phone("+86 138-1234-5678", FIELD) == "13812345678"
    assert v.mobile_phone("8619912345678", FIELD) == "19912345678"


# --- Geolocation ------------------------------------------------------------

non_finite = st.sampled_from([math.nan, math.inf, -math.inf])


@given(st.floats(min_value=-90, max_value=90))
def test_latitude_in_range_accepted(lat: float) -> None:
    assert v.latitude(lat, FIELD) == lat


@given(st.floats(min_value=-180, max_value=180))
def test_longitude_in_range_accepted(lon: float) -> None:
    assert v.longitude(lon, FIELD) == lon


@given(st.floats(allow_nan=False, allow_infinity=False).filter(lambda f: abs(f) > 90))
def test_latitude_out_of_range_refused(lat: float) -> None:
    refused(v.latitude, lat, field="lat")


@given(st.floats(allow_nan=False, allow_infinity=False).filter(lambda f: abs(f) > 180))
def test_longitude_out_of_range_refused(lon: float) -> None:
    refused(v.longitude, lon, field="lon")


@given(non_finite)
def test_non_finite_refused(x: float) -> None:
    refused(v.latitude, x, field="lat")
    refused(v.longitude, x, field="lon")
    refused(v.accuracy_meters, x, field="acc")


@given(st.floats(min_value=0, max_value=100_000))
def test_accuracy_in_range_accepted(acc: float) -> None:
    assert v.accuracy_meters(acc, FIELD) == acc


@given(st.floats(allow_nan=False, allow_infinity=False).filter(lambda f: f < 0 or f > 100_000))
def test_accuracy_out_of_range_refused(acc: float) -> None:
    refused(v.accuracy_meters, acc, field="acc")


def test_geo_examples() -> None:
    assert v.latitude(43, FIELD) == 43.0
    assert isinstance(v.latitude(43, FIELD), float)
    assert v.longitude(Decimal("125.3"), FIELD) == 125.3
    assert v.accuracy_meters(0, FIELD) == 0.0
    for bad in (True, "43.1", None, 10**400):
        refused(v.latitude, bad)
    refused(v.accuracy_meters, 100_000.01)


# --- Money ------------------------------------------------------------------

valid_money = st.decimals(
    min_value=Decimal(0), max_value=Decimal("100000000"), places=2, allow_nan=False
)


@given(valid_money)
def test_valid_money_round_trips(amount: Decimal) -> None:
    for given_as in (amount, str(amount), f"{amount:f}"):
        got = v.money(given_as, FIELD)
        assert got == amount
        assert got.as_tuple().exponent == -2
        assert str(got) == f"{amount:.2f}"


@given(st.integers(min_value=0, max_value=100_000_000))
def test_integer_money_accepted(amount: int) -> None:
    assert v.money(amount, FIELD) == Decimal(amount)
    assert str(v.money(amount, FIELD)).endswith(".00")


@given(
    st.decimals(min_value=Decimal(0), max_value=Decimal("100000000"), places=6).filter(
        lambda d: d != d.quantize(Decimal("0.01"))
    )
)
def test_money_with_more_than_two_places_refused(amount: Decimal) -> None:
    refused(v.money, amount, field="amount")
    refused(v.money, f"{amount:f}", field="amount")


@given(st.floats(allow_nan=True, allow_infinity=True))
def test_float_money_refused(amount: float) -> None:
    refused(v.money, amount, field="amount")


@given(st.decimals(min_value=Decimal("100000000.01"), places=2, allow_nan=False))
def test_money_above_maximum_refused(amount: Decimal) -> None:
    assume(amount.is_finite())
    refused(v.money, amount, field="amount")


@pytest.mark.parametrize(
    "value",
    [
        "-0.01",
        "NaN",
        "Infinity",
        "1e3",
        "1_000",
        "12,50",
        "",
        " ",
        "¥12",
        "١٢",
        "1" * 100,
        Decimal("NaN"),
        Decimal("sNaN"),
        Decimal("Infinity"),
        Decimal("-1"),
        -1,
        True,
        None,
        12.5,
    ],
)
def test_malformed_money_refused(value: object) -> None:
    refused(v.money, value, field="amount")


def test_money_examples() -> None:
    assert str(v.money("12.5", FIELD)) == "12.50"
    assert str(v.money(" 3 ", FIELD)) == "3.00"
    assert str(v.money("1.500", FIELD)) == "1.50"
    assert str(v.money(Decimal("-0"), FIELD)) == "0.00"
    assert str(v.money("-5.25", FIELD, minimum=Decimal(-10))) == "-5.25"
    assert str(v.money(Decimal("1E+2"), FIELD)) == "100.00"
    refused(v.money, "10.01", maximum=Decimal(10))
    refused(v.money, "4.99", minimum=Decimal(5))
    refused(v.money, "1.001")
    refused(v.money, Decimal("1E-1000000"))


# --- Client UUID ------------------------------------------------------------


@given(st.uuids(version=4), st.sampled_from([str.lower, str.upper, str.swapcase]))
def test_uuid4_any_case_accepted_and_canonicalised(u: uuid.UUID, case: Any) -> None:
    assert v.client_uuid(case(str(u)), FIELD) == str(u)


@given(st.uuids())
def test_any_version_accepted(u: uuid.UUID) -> None:
    assume(u.int not in (0, (1 << 128) - 1))
    assert v.client_uuid(str(u), FIELD) == str(u)
    assert v.client_uuid(u, FIELD) == str(u)


@given(st.text(max_size=60))
def test_random_text_refused(s: str) -> None:
    assume(
        not re.fullmatch(
            r"\s*[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\s*",
            s,
        )
    )
    refused(v.client_uuid, s, field="clientId")


@pytest.mark.parametrize(
    "value",
    [
        "0f8fad5bd9cb469fa16570867728950e",  # no hyphens
        "{0f8fad5b-d9cb-469f-a165-70867728950e}",
        "urn:uuid:0f8fad5b-d9cb-469f-a165-70867728950e",
        "0f8fad5b-d9cb-469f-a165-70867728950",
        "0f8fad5b-d9cb-469f-a165-70867728950g",
        "00000000-0000-0000-0000-000000000000",
        "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF",
        None,
        12345,
    ],
)
def test_malformed_uuids_refused(value: object) -> None:
    refused(v.client_uuid, value, field="clientId")


# --- Text -------------------------------------------------------------------

controls = st.characters(codec=None, categories=["Cc"]).filter(lambda c: c not in "\n\t")


@given(st.text(st.characters(categories=["L", "N", "P", "Zs"]), min_size=1, max_size=50))
def test_text_within_bounds_accepted(s: str) -> None:
    assume(s.strip())
    assert v.text(s, FIELD, max_len=50) == s.strip()
    assert v.text(s, FIELD, max_len=50, strip=False) == s


@given(st.text(min_size=0, max_size=20), controls, st.text(min_size=0, max_size=20))
def test_control_characters_refused(a: str, c: str, b: str) -> None:
    refused(v.text, f"x{a}{c}{b}x", max_len=100, field="note")


@given(st.text(st.characters(categories=["L"]), min_size=11, max_size=40))
def test_text_too_long_refused(s: str) -> None:
    refused(v.text, s, max_len=10, field="note")


def test_text_examples() -> None:
    assert v.text("  调解协议\n第二条\t完 ", FIELD, max_len=20) == "调解协议\n第二条\t完"
    assert v.text("a\r\nb", FIELD, max_len=5) == "a\nb"
    assert v.text("", FIELD, min_len=0, max_len=5) == ""
    assert v.text("\u3000张三\u3000", FIELD, max_len=5) == "张三"
    err = refused(v.text, "   ", max_len=5)
    assert err.message == "Must not be empty"
    refused(v.text, "ab", min_len=3, max_len=5)
    refused(v.text, "a\rb", max_len=5)
    refused(v.text, "a\x00b", max_len=5)
    refused(v.text, "a\x7fb", max_len=5)
    refused(v.text, "a\ud800b", max_len=5)
    refused(v.text, None, max_len=5)
    with pytest.raises(ValueError):
        v.text("abc", FIELD, min_len=5, max_len=2)


# The characters the finding names, and every other format character.
NAMED_INVISIBLES = [
    *map(chr, range(0x200B, 0x2010)),  # zero-width space, (non-)joiner, LRM, RLM
    *map(chr, range(0x202A, 0x202F)),  # embeddings and overrides
    *map(chr, range(0x2066, 0x206A)),  # isolates
    "\u2060",  # word joiner
    "\ufeff",  # byte-order mark
    "\u00ad",  # soft hyphen
    "\u061c",  # Arabic letter mark
]
invisibles = st.one_of(st.sampled_from(NAMED_INVISIBLES), st.characters(categories=["Cf"]))
visible = st.text(st.characters(categories=["L", "N", "P", "Zs"]), max_size=20)


def test_the_named_characters_are_invisible() -> None:
    assert all(v.invisible(c) for c in NAMED_INVISIBLES)
    assert not any(v.invisible(c) for c in "张三 a1·-\n")


@given(visible, invisibles, visible)
def test_free_text_loses_invisible_characters(a: str, c: str, b: str) -> None:
    """Stripped, not refused: pasted text brings them without the writer knowing."""
    assume((a + b).strip())
    assert v.text(f"{a}{c}{b}", FIELD, max_len=50) == v.text(a + b, FIELD, max_len=50)
    assert not any(v.invisible(ch) for ch in v.text(f"{c}{a}{c}{b}{c}", FIELD, max_len=50))


@given(visible, invisibles, visible)
def test_names_with_invisible_characters_refused(a: str, c: str, b: str) -> None:
    err = refused(v.proper_name, f"{a}{c}{b}", max_len=100, field="displayName")
    assert err.message == "Must not contain invisible or text-direction characters"


@given(visible, st.sampled_from(["\u3164", "\u115f", "\u1160", "\uffa0"]), visible)
def test_names_with_blank_letters_refused(a: str, c: str, b: str) -> None:
    refused(v.proper_name, f"{a}{c}{b}", max_len=100, field="fullName")


@given(st.text(st.characters(categories=["L", "N", "P", "Zs"]), min_size=1, max_size=50))
def test_visible_names_accepted(s: str) -> None:
    assume(s.strip() and not set(s) & {"\u3164", "\u115f", "\u1160", "\uffa0"})
    assert v.proper_name(s, FIELD, max_len=50) == s.strip()


@given(
    st.text(st.characters(categories=["L"]), max_size=5),
    st.characters(categories=["Sc", "Sk", "Sm", "So"]),
    st.text(st.characters(categories=["L"]), max_size=5),
)
def test_names_with_symbols_refused(a: str, symbol: str, b: str) -> None:
    err = refused(v.proper_name, f"{a}{symbol}{b}", max_len=100, field="fullName")
    assert err.reason == "TEXT_SYMBOL"


def test_name_symbol_examples() -> None:
    """Emoji and the other symbols are no part of a name; the marks names do
    use (the middle dot, a hyphen, an apostrophe, digits of a unit) are."""
    for name in ("张三😀", "😀", "李❤️四", "王★", "赵¥", "A+B", "钱^", "👍🏽", "🇨🇳"):
        assert refused(v.proper_name, name, max_len=20).reason == "TEXT_SYMBOL", name
    for name in ("阿依古丽·买买提", "Jean-Luc O'Neil", "第3人民调解委员会", "（东关）司法所"):
        assert v.proper_name(name, FIELD, max_len=20) == name
    # Free text (a note, a description) may hold them.
    assert v.text("好的👍", FIELD, max_len=20) == "好的👍"


def test_name_examples() -> None:
    assert v.proper_name(" 阿依古丽·买买提 ", FIELD, max_len=20) == "阿依古丽·买买提"
    assert v.proper_name("\u3000张三\u3000", FIELD, max_len=5) == "张三"
    for broken in ("张\n三", "张\t三", "张\u2028三", "张\u2029三"):
        assert refused(v.proper_name, broken, max_len=5).message == "Must be on one line"
    refused(v.proper_name, "\u202e三张", max_len=5)
    refused(v.proper_name, "张\u200b三", max_len=5)
    refused(v.proper_name, "\ufeff", max_len=5)
    refused(v.proper_name, "   ", max_len=5)
    refused(v.proper_name, "张\x00三", max_len=5)
    refused(v.proper_name, None, max_len=5)


def test_free_text_examples() -> None:
    # A note whose override would show "fake.exe" as "exe.ekaf" keeps its order.
    assert v.text("a\u202eb\u202cc", FIELD, max_len=5) == "abc"
    assert v.text("调解\u2066协议\u2069", FIELD, max_len=5) == "调解协议"
    assert v.text("\ufeff第一条\n第二条", FIELD, max_len=20) == "第一条\n第二条"
    # Nothing left once they are gone: as empty as a blank note.
    assert refused(v.text, "\u200b \u200b", max_len=5).message == "Must not be empty"
    # The length counts what is kept.
    assert v.text("\u200b" * 10 + "ab", FIELD, max_len=2) == "ab"
    assert v.search_term("\u200b", FIELD, max_len=5) is None
    assert v.search_term(" 张\u200d三 ", FIELD, max_len=5) == "张三"


# --- Integers ---------------------------------------------------------------


@given(st.integers(-1000, 1000), st.integers(-1000, 1000), st.integers(-2000, 2000))
def test_int_range(lo: int, hi: int, x: int) -> None:
    lo, hi = min(lo, hi), max(lo, hi)
    if lo <= x <= hi:
        assert v.int_range(x, FIELD, lo, hi) == x
    else:
        refused(v.int_range, x, lo, hi, field="count")


@pytest.mark.parametrize("value", [True, False, 1.0, "1", None, Decimal(1)])
def test_int_range_non_int_refused(value: object) -> None:
    refused(v.int_range, value, 0, 10, field="count")


# ------------------------------------------------------------------------ ids


@given(st.text(max_size=20))
def test_an_id_is_ascii_digits_or_refused(value: str) -> None:
    from schema.common.ids import parse_id

    try:
        parsed = parse_id(value, "id")
    except BadInput as exc:
        assert exc.extensions["field"] == "id"
    else:
        assert parsed is not None and str(parsed) == value.lstrip("0").rjust(1, "0")
        assert value.isascii()


@pytest.mark.parametrize("value", ["²", "١٢", "1²", "１２"])
def test_digits_of_other_scripts_are_not_ids(value: str) -> None:
    from schema.common.ids import parse_id

    with pytest.raises(BadInput):
        parse_id(value, "id")
