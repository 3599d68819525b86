"""The rule table the PWA checks its forms against (/rules.json) says what the
server enforces: cases are made from the table itself, and the server's
validators, the domain behind the API and the PWA's own checker
(pwa/js/rules.js, run in Node) must all accept or refuse each one alike."""

from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest

from api.domain.common import validators as v
from api.domain.common.errors import BadInput
from api.domain.corrections import minors, term_rules
from api.input_rules import input_rules
from api.models.enums import CorrectionType
from tests.conftest import GraphQLClient, World
from tests.days import office_today
from tests.live_server import ROOT
from tests.test_legal_aid import SUBMIT, request_input

TABLE = input_rules()
TODAY = office_today()


def id_from_table(first17: str) -> str:
    """An ID with the check character computed from the table's weights."""
    r = TABLE["residentId"]
    total = sum(int(d) * w for d, w in zip(first17, r["weights"], strict=True))
    return first17 + r["checkChars"][total % 11]


def phone_cases() -> list[str]:
    cases = [f"1{d}912345678" for d in range(10)]
    cases += ["+8613912345678", "8613912345678", "139 1234 5678", "139-1234-5678", "abc"]
    cases += ["1391234567", "139123456789", "\uff11\uff13\uff19" + "12345678", "+861391234567"]
    return cases


def id_cases() -> list[str]:
    year = TABLE["residentId"]["minYear"]
    good = id_from_table(f"110101{year}0101123")
    wrong = good[:17] + ("0" if good[17] != "0" else "1")
    future = id_from_table(f"110101{(TODAY + timedelta(days=1)).strftime('%Y%m%d')}123")
    return [
        good,
        wrong,
        id_from_table(f"110101{year - 1}1231123"),
        id_from_table("11010119900230123"),  # 30 February
        id_from_table("11010119900228123"),
        future,
        id_from_table("11010120000101123").lower(),
        " ".join(id_from_table("11010119800101123")),
        good[:17],
        "A" + good[1:],
    ]


def money_cases() -> list[str]:
    top = Decimal(TABLE["money"]["max"])
    return [
        str(top),
        str(top + Decimal("0.01")),
        "-0.01",
        "0",
        "-0",
        "1.005",
        "1.500",
        "1e3",
        ".5",
        "5.",
        "+3",
        "12,000",
        "9" * (TABLE["money"]["maxTextLength"] + 1),
        "99999999999",
    ]


def text_cases(limit: int) -> list[str]:
    return [
        "字" * limit,
        "字" * (limit + 1),
        " " + "字" * limit + " ",
        "",
        "   ",
        "张\u200b三",
        "\u3164",
        "张\n三",
        "张\x07三",
        "行一\n行二",
        "张三\n",
        # Emoji and other symbols: refused in a name, kept in free text.
        "张三😀",
        "张★三",
        "阿依古丽·买买提",
    ]


def server_accepts(rule: dict[str, Any], value: str) -> bool:
    """The server's verdict, through the validator the domain uses for the rule."""
    kind = rule["rule"]
    try:
        if kind == "mobilePhone":
            v.mobile_phone(value, "f")
        elif kind == "residentId":
            v.resident_id(value, "f", today=TODAY)
        elif kind == "money":
            v.money(value, "f")
        elif kind == "text":
            v.text(value, "f", max_len=rule["max"])
        elif kind == "name":
            v.proper_name(value, "f", max_len=rule["max"])
        elif kind == "int":
            if not value.strip().lstrip("+-").isdigit():
                raise BadInput("Must be an integer", field="f")
            v.int_range(int(value), "f", rule["min"], rule["max"])
        else:
            raise AssertionError(kind)
    except BadInput:
        return False
    return True


def cases() -> list[tuple[dict[str, Any], str]]:
    out: list[tuple[dict[str, Any], str]] = []
    out += [({"rule": "mobilePhone", "required": True}, c) for c in phone_cases()]
    out += [({"rule": "residentId", "required": True}, c) for c in id_cases()]
    out += [({"rule": "money", "required": True}, c) for c in money_cases()]
    for fields in TABLE["forms"].values():
        for rule in fields.values():
            if rule["rule"] in ("text", "name"):
                # An empty optional field is simply not sent.
                out += [(rule, c) for c in text_cases(rule["max"]) if rule["required"] or c.strip()]
            elif rule["rule"] == "int":
                lo, hi = rule["min"], rule["max"]
                out += [(rule, str(n)) for n in (lo - 1, lo, hi, hi + 1)] + [(rule, "1.5")]
    return out


def test_server_verdicts_follow_the_table() -> None:
    # Cases the table itself says are right are accepted, and the ones just
    # past its bounds refused (a table that drifted from the validators fails here).
    phone = {"rule": "mobilePhone"}
    assert server_accepts(phone, "13912345678") and not server_accepts(phone, "12912345678")
    good, wrong = id_cases()[:2]
    assert server_accepts({"rule": "residentId"}, good)
    assert not server_accepts({"rule": "residentId"}, wrong)
    top = TABLE["money"]["max"]
    assert server_accepts({"rule": "money"}, top)
    assert not server_accepts({"rule": "money"}, str(Decimal(top) + Decimal("0.01")))
    for fields in TABLE["forms"].values():
        for rule in fields.values():
            if rule["rule"] in ("text", "name"):
                assert server_accepts(rule, "字" * rule["max"])
                assert not server_accepts(rule, "字" * (rule["max"] + 1))


def test_the_pwa_checker_agrees_with_the_server() -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    all_cases = cases()
    script = """
      import { readFileSync } from 'node:fs';
      import { check } from './pwa/js/rules.js';
      const { table, cases } = JSON.parse(readFileSync(0, 'utf8'));
      console.log(JSON.stringify(cases.map(([rule, value]) => check(table, rule, value) === null)));
    """
    payload = json.dumps({"table": TABLE, "cases": all_cases})
    run = subprocess.run(
        [node, "--input-type=module", "-e", script],
        input=payload,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"TZ": "Asia/Shanghai", "PATH": ""},
    )
    pwa = json.loads(run.stdout)
    differ = [
        (rule["rule"], value, ok)
        for (rule, value), ok in zip(all_cases, pwa, strict=True)
        if ok != server_accepts(rule, value)
    ]
    assert not differ, differ


def minor_cases() -> list[tuple[str, str]]:
    """(ID number, term start) about the 18th birthday, 29 February's included."""
    adult = TABLE["minor"]["adultAge"]
    plain = id_from_table("11010120080615123")
    leap = id_from_table("11010120080229123")  # 18 in 2026, a common year: 28 February
    common = f"{2008 + adult:04d}"
    return [
        (plain, f"{common}-06-14"),
        (plain, f"{common}-06-15"),  # the birthday itself: still under 18
        (plain, f"{common}-06-16"),
        (leap, f"{common}-02-28"),
        (leap, f"{common}-03-01"),
        (" ".join(plain), f"{common}-06-15"),
        (plain[:17] + "0" if plain[17] != "0" else plain[:17] + "1", f"{common}-06-15"),
        (plain, ""),
    ]


def test_the_pwa_tells_a_minor_case_as_the_server_does() -> None:
    """The enrol form shows the guardian's fields by minors.minor_at_start."""
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    script = """
      import { readFileSync } from 'node:fs';
      import { minorAtStart } from './pwa/js/minors.js';
      const { table, cases } = JSON.parse(readFileSync(0, 'utf8'));
      console.log(JSON.stringify(cases.map(([id, start]) => minorAtStart(table, id, start))));
    """
    run = subprocess.run(
        [node, "--input-type=module", "-e", script],
        input=json.dumps({"table": TABLE, "cases": minor_cases()}),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"TZ": "Asia/Shanghai", "PATH": ""},
    )

    def server(id_number: str, start: str) -> bool | None:
        if not start or not server_accepts({"rule": "residentId"}, id_number):
            return None
        normal = v.resident_id(id_number, "f", today=TODAY)
        return minors.minor_at_start(normal, date.fromisoformat(start))

    expected = [server(i, s) for i, s in minor_cases()]
    assert expected == [True, True, False, True, False, True, None, None]
    assert json.loads(run.stdout) == expected


@pytest.mark.parametrize("name", ["applicantName", "description"])
async def test_the_domain_refuses_one_past_the_table_limit(
    gql: GraphQLClient, world: World, name: str
) -> None:
    limit = TABLE["forms"]["legalAid"][name]["max"]
    token = world.tokens["applicant"]
    ext = await gql.error(
        SUBMIT, {"i": request_input(world, **{name: "字" * (limit + 1)})}, token=token
    )
    assert (ext["code"], ext["field"]) == ("BAD_USER_INPUT", name)
    await gql.ok(SUBMIT, {"i": request_input(world, **{name: "字" * limit})}, token=token)


async def test_rules_are_served_and_precached(client: Any) -> None:
    served = await client.get("/rules.json")
    assert served.status_code == 200
    assert served.json() == json.loads(json.dumps(TABLE))
    worker = (await client.get("/sw.js")).text
    assert '"/rules.json"' in worker.splitlines()[0]


def test_the_password_figure_comes_from_the_rule() -> None:
    """The hint said 8 while the rule was 10: the PWA's texts name no figure of
    their own and the table carries the rule's, refused one below and taken at it."""
    from api.domain.common.secrets import MIN_PASSWORD_LENGTH, check_password_rules

    assert TABLE["password"]["minLength"] == MIN_PASSWORD_LENGTH
    for catalogue in ("en.js", "zh-CN.js"):
        text = (ROOT / "pwa" / "i18n" / catalogue).read_text()
        for key in ("auth.passwordHint", "auth.passwordShort"):
            (line,) = [line for line in text.splitlines() if f"'{key}'" in line]
            assert "{min}" in line and not any(ch.isdigit() for ch in line), line
    with pytest.raises(BadInput) as refused:
        check_password_rules("x" * (MIN_PASSWORD_LENGTH - 1))
    assert refused.value.params == {"min": MIN_PASSWORD_LENGTH}
    check_password_rules("x" * MIN_PASSWORD_LENGTH)


def run_node(script: str, payload: Any) -> Any:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed")
    run = subprocess.run(
        [node, "--input-type=module", "-e", script],
        input=json.dumps(payload),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
        env={"TZ": "Asia/Shanghai", "PATH": ""},
    )
    return json.loads(run.stdout)


def term_cases() -> list[tuple[str, str, str]]:
    """(kind, start, end) about each bound of the table, month ends and 29 February included."""
    out: list[tuple[str, str, str]] = []
    for kind, bounds in TABLE["terms"].items():
        for start in (date(2026, 1, 1), date(2026, 3, 31), date(2028, 2, 29), date(9998, 6, 30)):
            for months in (bounds["minMonths"], bounds["maxMonths"]):
                if months is None:
                    continue
                last = term_rules.last_day_of(start, months)
                ends = [last - timedelta(days=1), last]
                if last < date.max:
                    ends.append(last + timedelta(days=1))
                out += [(kind, start.isoformat(), end.isoformat()) for end in ends]
            out += [(kind, start.isoformat(), start.isoformat())]
            out += [(kind, start.isoformat(), (start - timedelta(days=1)).isoformat())]
        out.append((kind, "1900-01-01", "9999-12-31"))
    return out


def test_the_enrol_form_checks_a_term_as_the_server_does() -> None:
    """pwa/js/date_rules.js checkTerm against term_rules.check_term, case by case."""
    words = {
        "rule.termOrder": "TERM_END_BEFORE_START",
        "rule.termShort": "TERM_TOO_SHORT",
        "rule.termLong": "TERM_TOO_LONG",
    }
    script = """
      import { readFileSync } from 'node:fs';
      import { checkTerm } from './pwa/js/date_rules.js';
      const { table, cases } = JSON.parse(readFileSync(0, 'utf8'));
      console.log(JSON.stringify(cases.map(([k, s, e]) => checkTerm(table, k, s, e))));
    """
    cases = term_cases()
    pwa = run_node(script, {"table": TABLE, "cases": cases})

    def server(kind: str, start: str, end: str) -> dict[str, Any] | None:
        try:
            term_rules.check_term(
                CorrectionType(kind), date.fromisoformat(start), date.fromisoformat(end)
            )
        except BadInput as refused:
            return {"reason": refused.reason, "params": refused.params}
        return None

    expected = [server(*c) for c in cases]
    # Both verdicts occur: the cases straddle the bounds.
    assert None in expected and any(e and e["reason"] == "TERM_TOO_SHORT" for e in expected)
    got = [
        None if p is None else {"reason": words[p["key"]], "params": p.get("params", {})}
        for p in pwa
    ]
    differ = [(c, e, g) for c, e, g in zip(cases, expected, got, strict=True) if e != g]
    assert not differ, differ


def test_a_passed_limitation_deadline_is_warned_of_not_refused() -> None:
    """The server takes a deadline already past and flags it (deadlinePassed):
    the form lets it through with a warning the applicant sees."""
    script = """
      import { readFileSync } from 'node:fs';
      import { checkForm } from './pwa/js/rules.js';
      import { warningsOf } from './pwa/js/date_rules.js';
      const { table, cases } = JSON.parse(readFileSync(0, 'utf8'));
      console.log(JSON.stringify(cases.map((d) => [
        checkForm(table, 'legalAid', { limitationDeadline: d }).limitationDeadline || null,
        warningsOf(table, 'legalAid', { limitationDeadline: d }).limitationDeadline || null,
      ])));
    """
    days = ["1990-01-01", (TODAY - timedelta(days=1)).isoformat(), TODAY.isoformat(), ""]
    verdicts = run_node(script, {"table": TABLE, "cases": days})
    passed = {"key": "rule.deadlinePassed"}
    assert verdicts == [[None, passed], [None, passed], [None, None], [None, None]]
