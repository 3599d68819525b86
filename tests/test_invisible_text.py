"""Invisible and direction-changing characters in what the API takes in: a
name holding one is refused on its field, free text is stored without them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest

from api.models.accounts import OrgUnit, User
from api.models.corrections import SupervisedPerson
from api.models.legal_aid import LegalAidRequest
from api.models.mediation import Dispute, MediationVisit
from tests.conftest import GraphQLClient, World
from tests.test_corrections import ENROLL, enroll_input
from tests.test_legal_aid import SUBMIT, request_input
from tests.test_mediation import REGISTER, VISIT, dispute_input, new_id, register

# The trick the rule is for: "\u202e" shows what follows right to left.
OVERRIDE = "\u202e"
HIDDEN = ["\u200b", "\u200d", "\u2066", OVERRIDE, "\ufeff", "\u00ad", "\u3164"]

CREATE_UNIT = "mutation($i: CreateOrgUnitInput!) { createOrgUnit(input: $i) { id } }"
CREATE_USER = "mutation($i: CreateUserInput!) { createUser(input: $i) { id } }"
SIGN_UP = "mutation($i: SignUpApplicantInput!) { signUpApplicant(input: $i) { token } }"


@dataclass(frozen=True)
class NameField:
    """A mutation that takes a name, who may call it, and what it would store."""

    mutation: str
    who: str | None
    field: str
    variables: Callable[[World, str], Awaitable[dict[str, Any]]]
    stored: Callable[[], Awaitable[int]]


async def _unit(w: World, name: str) -> dict[str, Any]:
    parent = str(w.units["bureau"].id)
    return {"i": {"name": name, "kind": "JUSTICE_OFFICE", "parentId": parent}}


async def _user(w: World, name: str) -> dict[str, Any]:
    return {
        "i": {
            "username": "officer_new",
            "displayName": name,
            "password": "a long enough secret",
            "role": "OFFICER",
            "orgUnitId": str(w.units["a"].id),
        }
    }


async def _sign_up(w: World, name: str) -> dict[str, Any]:
    return {
        "i": {
            "username": "wang.fang",
            "displayName": name,
            "password": "a long enough secret",
            "phone": "13800138000",
        }
    }


async def _enrol(w: World, name: str) -> dict[str, Any]:
    return {"i": enroll_input(w, fullName=name)}


async def _dispute(w: World, name: str) -> dict[str, Any]:
    return {"i": dispute_input(w, parties=[{"name": name, "role": "APPLICANT"}])}


async def _visit(w: World, name: str) -> dict[str, Any]:
    dispute = await register(w)
    return {
        "i": {
            "clientId": new_id(),
            "disputeId": str(dispute.id),
            "visitedAt": (datetime.now(UTC) - timedelta(hours=1)).isoformat(),
            "participants": ["张大山", name],
            "summary": "听取双方意见。",
            "outcome": "IN_PROGRESS",
        }
    }


async def _legal_aid(w: World, name: str) -> dict[str, Any]:
    return {"i": request_input(w, applicantName=name)}


# Every input that holds a name of a person or a unit.
NAME_FIELDS = {
    "createOrgUnit.name": NameField(
        CREATE_UNIT, "admin", "name", _unit, lambda: OrgUnit.all().count()
    ),
    "createUser.displayName": NameField(
        CREATE_USER, "admin", "displayName", _user, lambda: User.all().count()
    ),
    "signUpApplicant.displayName": NameField(
        SIGN_UP, None, "displayName", _sign_up, lambda: User.all().count()
    ),
    "enrollPerson.fullName": NameField(
        ENROLL, "officer_a", "fullName", _enrol, lambda: SupervisedPerson.all().count()
    ),
    "registerDispute.parties.name": NameField(
        REGISTER, "mediator_a", "parties.0.name", _dispute, lambda: Dispute.all().count()
    ),
    "logMediationVisit.participants": NameField(
        VISIT, "mediator_a", "participants.1", _visit, lambda: MediationVisit.all().count()
    ),
    "submitLegalAidRequest.applicantName": NameField(
        SUBMIT, "applicant", "applicantName", _legal_aid, lambda: LegalAidRequest.all().count()
    ),
}


@pytest.mark.parametrize("hidden", HIDDEN, ids=[f"U+{ord(c):04X}" for c in HIDDEN])
@pytest.mark.parametrize("case", sorted(NAME_FIELDS))
async def test_a_name_with_a_hidden_character_is_refused(
    gql: GraphQLClient, world: World, case: str, hidden: str
) -> None:
    spec = NAME_FIELDS[case]
    variables = await spec.variables(world, f"张{hidden}三")
    token = world.tokens[spec.who] if spec.who else None
    before = await spec.stored()
    ext = await gql.error(spec.mutation, variables, token=token)
    assert ext == {"code": "BAD_USER_INPUT", "field": spec.field}
    assert await spec.stored() == before
    # The same name without it goes through.
    await gql.ok(spec.mutation, await spec.variables(world, "张三"), token=token)


async def test_free_text_is_stored_without_hidden_characters(
    gql: GraphQLClient, world: World
) -> None:
    smuggled = "".join(f"{c}段" for c in HIDDEN if c != "\u3164")
    request = await gql.ok(
        SUBMIT,
        {"i": request_input(world, description=f"离婚纠纷{smuggled}")},
        token=world.tokens["applicant"],
    )
    stored = await LegalAidRequest.get(id=request["submitLegalAidRequest"]["id"])
    assert stored.description == "离婚纠纷" + "段" * (len(HIDDEN) - 1)

    dispute = await gql.ok(
        REGISTER,
        {"i": dispute_input(world, title=f"{OVERRIDE}纠纷", description=f"说明{OVERRIDE}")},
        token=world.tokens["mediator_a"],
    )
    row = await Dispute.get(id=dispute["registerDispute"]["id"])
    assert (row.title, row.description) == ("纠纷", "说明")

    # A note of nothing but hidden characters is as empty as a blank one.
    ext = await gql.error(
        "mutation($id: ID!, $n: String!) { closeLegalAidRequest(id: $id, note: $n) { id } }",
        {"id": str(stored.id), "n": "\u200b\u200b"},
        token=world.tokens["staff"],
    )
    assert ext["code"] == "BAD_USER_INPUT" and ext["field"] == "note"
