"""Every refusal in the user's language.

The first tests read the source: every domain error that api/, schema/ and
workers/ can raise is found by walking their syntax trees (a call of an
error class, or of a function that passes its own argument on to one), and
its reason key must be a literal of the server's catalogue with an English
and a Chinese text whose parameters the raise gives. Code added later is
walked the same way, so a new raise without its texts fails here, by file
and line. The last tests ask the running API: a zh-CN viewer is refused in
Chinese, an English one in English, whoever is not signed in by the
request's Accept-Language.
"""

from __future__ import annotations

import ast
import string
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pyotp
import pytest

from api.domain.common.errors import BadInput, DomainError
from api.domain.common.messages import MESSAGES, Message, negotiate, render
from api.models.accounts import User
from tests.conftest import GraphQLClient, World
from tests.test_corrections import ENROLL, SUBMIT, enroll, enroll_input, iso, rid

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("api", "schema", "workers")
ERRORS_MODULE = ROOT / "api" / "domain" / "common" / "errors.py"


@dataclass(frozen=True)
class Site:
    """One place that names a reason key: file:line, the key (None when it is
    not a string literal), and the parameters given there."""

    path: str
    line: int
    reason: str | None
    params: frozenset[str]
    open_params: bool  # **kwargs passed on: the parameters cannot be read here

    def __str__(self) -> str:
        return f"{self.path}:{self.line}"


def project_modules() -> Iterator[tuple[str, ast.Module]]:
    for top in SOURCES:
        for path in sorted((ROOT / top).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            yield str(path.relative_to(ROOT)), ast.parse(path.read_text(), str(path))


def _name(node: ast.expr) -> str | None:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _error_classes(modules: list[tuple[str, ast.Module]]) -> set[str]:
    """DomainError and every class, anywhere, that derives from one of them."""
    classes = {"DomainError"}
    grew = True
    while grew:
        grew = False
        for _, tree in modules:
            for node in ast.walk(tree):
                if (
                    isinstance(node, ast.ClassDef)
                    and node.name not in classes
                    and any(_name(base) in classes for base in node.bases)
                ):
                    classes.add(node.name)
                    grew = True
    return classes


def _parents(tree: ast.Module) -> dict[ast.AST, ast.AST]:
    return {child: node for node in ast.walk(tree) for child in ast.iter_child_nodes(node)}


def _enclosing_function(
    node: ast.AST, parents: dict[ast.AST, ast.AST]
) -> ast.FunctionDef | ast.AsyncFunctionDef | None:
    while node in parents:
        node = parents[node]
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            return node
    return None


def _argument(call: ast.Call, position: int, keyword: str) -> ast.expr | None:
    if len(call.args) > position and not any(isinstance(a, ast.Starred) for a in call.args):
        return call.args[position]
    return next((k.value for k in call.keywords if k.arg == keyword), None)


@dataclass(frozen=True)
class Raiser:
    """A callable whose argument `keyword` (at `position`) is a reason key."""

    position: int
    keyword: str
    params: frozenset[str]  # parameters it gives itself
    forwards: bool  # passes **kwargs on


def reason_sites(modules: list[tuple[str, ast.Module]] | None = None) -> list[Site]:
    """Every reason key given to a domain error in the project's code (or in `modules`).

    A call whose reason is a parameter of the function it is in makes that
    function a raiser too (scope.not_found(reason), a local bad(reason)):
    its own callers name the key, and are checked in its place."""
    modules = list(project_modules()) if modules is None else modules
    skip = {str(ERRORS_MODULE.relative_to(ROOT))}
    raisers: dict[str, Raiser] = {
        cls: Raiser(0, "reason", frozenset(), True) for cls in _error_classes(modules)
    }
    sites: dict[tuple[str, int], Site] = {}
    grew = True
    while grew:
        grew = False
        for path, tree in modules:
            if path in skip:
                continue
            parents = _parents(tree)
            for node in ast.walk(tree):
                if not isinstance(node, ast.Call):
                    continue
                callee = _name(node.func)
                raiser = raisers.get(callee) if callee else None
                if raiser is None:
                    continue
                given = frozenset(k.arg for k in node.keywords if k.arg and k.arg != "field")
                open_params = any(k.arg is None for k in node.keywords)
                argument = _argument(node, raiser.position, raiser.keyword)
                function = _enclosing_function(node, parents)
                if isinstance(argument, ast.Name) and function is not None:
                    names = [a.arg for a in function.args.posonlyargs + function.args.args]
                    kwonly = [a.arg for a in function.args.kwonlyargs]
                    if argument.id in names or argument.id in kwonly:
                        if function.name not in raisers:
                            position = names.index(argument.id) if argument.id in names else 99
                            raisers[function.name] = Raiser(
                                position, argument.id, given | raiser.params, open_params
                            )
                            grew = True
                        continue
                reason = (
                    argument.value
                    if isinstance(argument, ast.Constant) and isinstance(argument.value, str)
                    else None
                )
                sites[(path, node.lineno)] = Site(
                    path,
                    node.lineno,
                    reason,
                    given | raiser.params,
                    open_params and raiser.forwards and reason is None,
                )
    return sorted(sites.values(), key=lambda s: (s.path, s.line))


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_the_walk_finds_the_raises_it_must() -> None:
    """The walk itself: it sees direct raises, raises through scope.not_found
    and one_in_scope, and through a local helper."""
    sites = {(s.path, s.reason) for s in reason_sites()}
    assert ("api/domain/common/validators.py", "RESIDENT_ID_CHECK_DIGIT") in sites
    assert ("api/domain/corrections/check_ins.py", "CHECK_IN_NOT_FOUND") in sites
    assert ("api/domain/mediation/disputes.py", "DISPUTE_NOT_FOUND") in sites
    assert ("api/domain/notices/subscriptions.py", "ENDPOINT_PORT") in sites
    assert ("api/domain/accounts/sign_in.py", "BAD_CREDENTIALS") in sites
    assert len(sites) > 120


def problems_of(sites: list[Site]) -> list[str]:
    problems = []
    for site in sites:
        if site.reason is None:
            problems.append(f"{site}: the reason must be a string literal key of messages.py")
            continue
        message = MESSAGES.get(site.reason)
        if message is None:
            problems.append(f"{site}: {site.reason!r} is not a key of messages.py")
            continue
        for language, template in (("en", message.en), ("zh-CN", message.zh_cn)):
            if not template.strip():
                problems.append(f"{site}: {site.reason} has no {language} text")
            missing = _fields(template) - site.params
            if missing and not site.open_params:
                problems.append(f"{site}: {site.reason} ({language}) needs {sorted(missing)}")
    return problems


def test_every_raise_names_a_key_with_both_languages() -> None:
    problems = problems_of(reason_sites())
    assert not problems, "\n".join(problems)


def test_the_catalogue_is_complete_and_used() -> None:
    """Both languages for every key, Chinese that is Chinese, no parameter
    in Chinese that English lacks, and no key nothing raises."""
    raised = {s.reason for s in reason_sites()} | {"INTERNAL_ERROR"}  # schema/common/errors.py
    problems = []
    for key, message in MESSAGES.items():
        assert isinstance(message, Message)
        if key not in raised:
            problems.append(f"{key}: raised nowhere")
        if not any("\u4e00" <= ch <= "\u9fff" for ch in message.zh_cn):
            problems.append(f"{key}: the zh-CN text is not Chinese: {message.zh_cn!r}")
        if extra := _fields(message.zh_cn) - _fields(message.en) - {"max"}:
            problems.append(f"{key}: zh-CN names {sorted(extra)}, English does not")
    assert not problems, "\n".join(problems)


NEW_CODE = """
from api.domain.common.errors import BadInput, Conflict
from api.domain.common import scope


class TooLate(Conflict):
    pass


def refuse(reason, **params):
    return BadInput(reason, field="x", **params)


def check(x, n):
    if x is None:
        raise BadInput(f"Give at least {n} things.", field="x")
    if x == 1:
        raise BadInput("The thing is missing.", field="x")
    if x == 2:
        raise refuse("TEXT_TOO_LONG")
    if x == 3:
        raise TooLate("TEXT_TOO_SHORT", field="x")
    if x == 4:
        raise scope.not_found("NO_SUCH_THING")
    raise refuse("TEXT_TOO_LONG", max=n)
"""


def test_a_raise_added_later_is_caught() -> None:
    """What another change could bring, walked as the project's code is: an
    f-string, English text with no key, a key through a helper without the
    parameter its text needs, a new error class, a key through scope.not_found."""
    modules = [*project_modules(), ("api/domain/new_area.py", ast.parse(NEW_CODE))]
    found = [p for p in problems_of(reason_sites(modules)) if p.startswith("api/domain/new_area")]
    assert found == [
        "api/domain/new_area.py:16: the reason must be a string literal key of messages.py",
        "api/domain/new_area.py:18: 'The thing is missing.' is not a key of messages.py",
        "api/domain/new_area.py:20: TEXT_TOO_LONG (en) needs ['max']",
        "api/domain/new_area.py:20: TEXT_TOO_LONG (zh-CN) needs ['max']",
        "api/domain/new_area.py:22: TEXT_TOO_SHORT (en) needs ['min']",
        "api/domain/new_area.py:22: TEXT_TOO_SHORT (zh-CN) needs ['min']",
        "api/domain/new_area.py:24: 'NO_SUCH_THING' is not a key of messages.py",
    ]
    # And at run time a raise with no key still answers, in English, as written.
    assert BadInput("Too many things.").message == "Too many things."
    assert BadInput("Too many things.").in_locale("zh-CN") == "Too many things."


def test_params_fill_the_template_in_either_language() -> None:
    error = BadInput("TEXT_TOO_LONG", field="note", max=500)
    assert error.message == "Must be at most 500 characters"
    assert error.in_locale("zh-CN") == "最多 500 个字。"
    assert error.extensions == {
        "code": "BAD_USER_INPUT",
        "reason": "TEXT_TOO_LONG",
        "field": "note",
        "params": {"max": 500},
    }
    # A template parameter the raise forgot stays visible rather than failing.
    assert render("TEXT_TOO_LONG", "en", {}) == "Must be at most {max} characters"
    assert isinstance(error, DomainError)


@pytest.mark.parametrize(
    ("header", "locale"),
    [
        (None, "zh-CN"),
        ("", "zh-CN"),
        ("en", "en"),
        ("en-US,en;q=0.9", "en"),
        ("zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"),
        ("zh-TW", "zh-CN"),
        ("fr-FR,en;q=0.5", "en"),
        ("fr-FR", "zh-CN"),
        ("en;q=0.3,zh;q=0.7", "zh-CN"),
        ("en;q=x", "zh-CN"),
    ],
)
def test_accept_language(header: str | None, locale: str) -> None:
    assert negotiate(header) == locale


# ------------------------------------------------------------------ the running API

SIGN_UP = """mutation($i: SignUpApplicantInput!) {
  signUpApplicant(input: $i) { token }
}"""
ACTIVATE = """mutation($c: String!, $u: String!, $p: String!) {
  activateAccount(code: $c, username: $u, password: $p) { token }
}"""
SEARCH = """query($f: SupervisedPersonFilter) {
  supervisedPersons(first: 5, filter: $f) { totalCount }
}"""
BEGIN = "mutation { beginTotpEnrolment { secret } }"
CONFIRM = "mutation($c: String!) { confirmTotpEnrolment(code: $c) }"


def _applicant(**changes: str) -> dict[str, Any]:
    return {
        "username": "wang.fang",
        "displayName": "王芳",
        "password": "a long enough secret",
        "phone": "13800138000",
        **changes,
    }


async def _refusal(
    gql: GraphQLClient,
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    token: str | None = None,
    language: str | None = None,
) -> dict[str, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    if language is not None:
        headers["Accept-Language"] = language
    response = await gql.http.post(
        "/graphql", json={"query": query, "variables": variables or {}}, headers=headers
    )
    (error, *_) = response.json()["errors"]
    assert isinstance(error, dict)
    return error


def _chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


async def _real_refusals(
    gql: GraphQLClient, world: World, language: str | None
) -> list[tuple[str, dict[str, Any]]]:
    """A sample of what users meet, each with the reason it must carry."""
    officer = world.tokens["officer_a"]
    bad_id = rid(3)[:17] + ("0" if rid(3)[17] != "0" else "1")
    person = await enroll(world)
    # An in-person report with no note (api/domain/corrections/persons.py).
    in_person = {
        "clientId": str(uuid.uuid4()),
        "personId": str(person.person.id),
        "kind": "IN_PERSON",
        "capturedAt": iso(datetime.now(UTC)),
    }
    return [
        (
            "RESIDENT_ID_CHECK_DIGIT",
            await _refusal(gql, ENROLL, {"i": enroll_input(world, idNumber=bad_id)}, token=officer),
        ),
        (
            "PHONE_FORMAT",
            await _refusal(gql, SIGN_UP, {"i": _applicant(phone="abc")}, language=language),
        ),
        (
            "TEXT_TOO_LONG",
            await _refusal(
                gql, SIGN_UP, {"i": _applicant(displayName="王" * 101)}, language=language
            ),
        ),
        (
            "PASSWORD_TOO_SHORT",
            await _refusal(gql, SIGN_UP, {"i": _applicant(password="short")}, language=language),
        ),
        (
            "ACTIVATION_CODE_INVALID",
            await _refusal(
                gql,
                ACTIVATE,
                {"c": "WRONGCODE", "u": "li.si", "p": "a long enough secret"},
                language=language,
            ),
        ),
        (
            "NOTE_REQUIRED",
            await _refusal(gql, SUBMIT, {"i": in_person}, token=officer),
        ),
        # The enrolment checks kept from the corrections branches (enrolment.py).
        (
            "TERM_END_BEFORE_START",
            await _refusal(
                gql, ENROLL, {"i": enroll_input(world, termEnd="2025-12-31")}, token=officer
            ),
        ),
        (
            "ALREADY_SUPERVISED",
            await _refusal(gql, ENROLL, {"i": enroll_input(world, idNumber=rid(1))}, token=officer),
        ),
        (
            "SEARCH_ID_DIGITS",
            await _refusal(gql, SEARCH, {"f": {"search": "220102199003"}}, token=officer),
        ),
        ("OTP_INVALID_CHECK_TIME", await _wrong_enrolment_code(gql, world)),
    ]


async def _wrong_enrolment_code(gql: GraphQLClient, world: World) -> dict[str, Any]:
    token = world.tokens["supervisor"]
    secret = (await gql.ok(BEGIN, token=token))["beginTotpEnrolment"]["secret"]
    now = pyotp.TOTP(secret).now()
    wrong = next(c for c in ("000000", "111111", "222222") if c != now)
    return await _refusal(gql, CONFIRM, {"c": wrong}, token=token)


async def test_a_chinese_viewer_is_refused_in_chinese(gql: GraphQLClient, world: World) -> None:
    """Accounts default to zh-CN; no Accept-Language means zh-CN for the rest."""
    for reason, error in await _real_refusals(gql, world, None):
        ext = error["extensions"]
        assert ext["reason"] == reason, error
        assert _chinese(error["message"]), error
        assert error["message"] == render(reason, "zh-CN", ext.get("params")), error
    # The figures are there for the PWA to word it itself.
    too_long = await _refusal(gql, SIGN_UP, {"i": _applicant(displayName="王" * 101)})
    assert too_long["extensions"]["params"] == {"max": 100}
    assert too_long["message"] == "最多 100 个字。"


async def test_an_english_viewer_is_refused_in_english(gql: GraphQLClient, world: World) -> None:
    for username in ("officer_a", "supervisor"):
        await User.filter(username=username).update(locale="en")
    for reason, error in await _real_refusals(gql, world, "en-GB,en;q=0.9"):
        assert error["extensions"]["reason"] == reason, error
        assert not _chinese(error["message"]), error
        assert error["message"] == MESSAGES[reason].en.format_map(
            error["extensions"].get("params") or {}
        )


async def test_the_account_language_wins_over_the_header(gql: GraphQLClient, world: World) -> None:
    """A signed-in viewer reads the account's language whatever the browser sends."""
    error = await _refusal(
        gql,
        SEARCH,
        {"f": {"search": "220102199003"}},
        token=world.tokens["officer_a"],
        language="en",
    )
    assert error["message"] == "可按姓名、身份证号最后 4 位或完整的 18 位身份证号搜索。"
