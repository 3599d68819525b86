"""Minor cases (社区矫正法 Art. 52-58): who is one, the masked identity (Art. 54),
designated staff, guardian and school (Art. 53, 55), name-free notices."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from tortoise import connections

from api.domain.common.errors import BadInput, Forbidden
from api.domain.common.validators import resident_id_check_char
from api.domain.corrections import enrolment, minors, persons
from api.domain.notices import notices, reminders
from api.models.accounts import User
from api.models.audit import AuditEntry
from api.models.corrections import SupervisedPerson
from api.models.enums import CorrectionType, Role, SupervisionLevel, SupervisionStatus
from api.models.minors import MinorDetails
from api.models.notifications import Notification
from tests.conftest import Clients, Clock, GraphQLClient, World

NAME = "张小明"


def rid(born: str, seq: int = 1) -> str:
    first17 = f"220102{born}{seq:03d}"
    return first17 + resident_id_check_char(first17)


@pytest.mark.parametrize(
    ("born", "start", "minor"),
    [
        # On the 18th birthday the person is still under 18 (周岁 from the next day).
        ("20080307", date(2026, 3, 7), True),
        ("20080307", date(2026, 3, 8), False),
        # Born on 29 February: the birthday of a common year is the 28th.
        ("20080229", date(2026, 2, 28), True),
        ("20080229", date(2026, 3, 1), False),
    ],
)
def test_minor_at_start_boundary(born: str, start: date, minor: bool) -> None:
    assert minors.minor_at_start(rid(born), start) is minor


def test_masked_name_tells_neither_given_name_nor_length() -> None:
    assert minors.mask_name("张小明") == "张**"
    assert minors.mask_name("欧阳娜") == "欧**"
    assert minors.mask_name("李四") == "李**"


async def enrol_minor(
    world: World,
    *,
    born: str = "20080307",
    seq: int = 1,
    who: str = "officer_a",
    minor: minors.Details | None = None,
    name: str = NAME,
) -> SupervisedPerson:
    enrolled = await enrolment.enroll_person(
        world.call(who),
        full_name=name,
        id_number=rid(born, seq),
        phone="13800138000",
        correction_type=CorrectionType.PROBATION,
        supervision_level=SupervisionLevel.NORMAL,
        # 17 at the start, 18 on 7 March 2026, mid-term.
        term_start=date(2025, 9, 1),
        term_end=date(2027, 9, 1),
        org_unit_id=world.units["a"].id,
        officer_id=None,
        check_in_interval_days=None,
        minor=minor,
    )
    return enrolled.person


PERSON = """query($id: ID!) { supervisedPerson(id: $id) {
  fullName phone minorAtStart minorDetails { guardianName school } minorCaseStaff { id } } }"""
LIST = """query($f: SupervisedPersonFilter) { supervisedPersons(first: 20, filter: $f) {
  edges { node { fullName minorAtStart } } } }"""


async def names_seen(gql: GraphQLClient, token: str, search: str | None = None) -> list[str]:
    data = await gql.ok(LIST, {"f": {"search": search}}, token=token)
    return [e["node"]["fullName"] for e in data["supervisedPersons"]["edges"]]


async def test_a_minor_turning_18_mid_term_stays_masked(
    world: World, clients: Clients, clock: Clock
) -> None:
    person = await enrol_minor(world)
    assert person.minor_at_start
    clock.now = datetime(2026, 6, 1, 4, tzinfo=UTC)  # 18 and a quarter, mid-term
    async with clients() as gql:
        supervisor = world.tokens["supervisor"]
        assert await names_seen(gql, supervisor) == ["张**"]
        data = await gql.ok(PERSON, {"id": str(person.id)}, token=supervisor)
        assert data["supervisedPerson"] == {
            "fullName": "张**",
            "phone": None,
            "minorAtStart": True,
            "minorDetails": None,
            "minorCaseStaff": [],
        }
        assert await names_seen(gql, world.tokens["officer_a"]) == [NAME]
    assert (await SupervisedPerson.get(id=person.id)).minor_at_start


async def test_each_role_sees_the_name_as_the_rule_says(gql: GraphQLClient, world: World) -> None:
    person = await enrol_minor(world, minor=minors.Details(guardian_name="张大", school="东关中学"))
    adult = (
        await enrolment.enroll_person(
            world.call("officer_a"),
            full_name="李四",
            id_number=rid("19800101", 2),
            phone=None,
            correction_type=CorrectionType.PROBATION,
            supervision_level=SupervisionLevel.NORMAL,
            term_start=date(2025, 9, 1),
            term_end=date(2027, 9, 1),
            org_unit_id=world.units["a"].id,
            officer_id=None,
            check_in_interval_days=None,
        )
    ).person
    # A second officer of the same office: in scope, not assigned.
    colleague = await User.create(
        username="officer_a2",
        display_name="Officer A2",
        role=Role.OFFICER,
        org_unit=world.units["a"],
        password_hash=world.users["officer_a"].password_hash,
    )
    assert not adult.minor_at_start
    from api.domain.accounts import sign_in
    from api.domain.common.call import Call

    call = Call(settings=world.settings, now=datetime.now(UTC))
    colleague_token = (await sign_in.open_session(call, colleague)).token

    listed = set
    pid = {"id": str(person.id)}
    officer = world.tokens["officer_a"]
    supervisor = world.tokens["supervisor"]
    assert listed(await names_seen(gql, officer)) == {NAME, "李四"}
    assert listed(await names_seen(gql, supervisor)) == {"张**", "李四"}
    assert listed(await names_seen(gql, colleague_token)) == {"张**", "李四"}
    full = await gql.ok(PERSON, pid, token=officer)
    assert full["supervisedPerson"]["fullName"] == NAME
    assert full["supervisedPerson"]["phone"] == "13800138000"
    assert full["supervisedPerson"]["minorDetails"] == {
        "guardianName": "张大",
        "school": "东关中学",
    }
    # A name search does not confirm a masked minor's name to those who see it masked.
    assert await names_seen(gql, supervisor, "小明") == []
    assert await names_seen(gql, officer, "小明") == [NAME]
    # Nor does a search by the whole ID number.
    assert await names_seen(gql, supervisor, rid("20080307")) == []
    assert await names_seen(gql, officer, rid("20080307")) == [NAME]
    # Designated by the supervisor: the colleague and the supervisor see the name.
    designate = """mutation($p: ID!, $u: ID!) {
      designateMinorCaseStaff(personId: $p, userId: $u) { minorCaseStaff { id } } }"""
    for user_id in (colleague.id, world.users["supervisor"].id):
        await gql.ok(designate, {"p": str(person.id), "u": str(user_id)}, token=supervisor)
    assert listed(await names_seen(gql, colleague_token)) == {NAME, "李四"}
    assert await names_seen(gql, supervisor, "小明") == [NAME]
    data = await gql.ok(PERSON, pid, token=supervisor)
    assert data["supervisedPerson"]["fullName"] == NAME
    assert {s["id"] for s in data["supervisedPerson"]["minorCaseStaff"]} == {
        str(colleague.id),
        str(world.users["supervisor"].id),
    }
    # An officer of another office cannot be designated; another county never reaches it.
    ext = await gql.error(
        designate, {"p": str(person.id), "u": str(world.users["officer_b"].id)}, token=supervisor
    )
    assert ext == {"code": "BAD_USER_INPUT", "field": "userId"}
    ext = await gql.error(
        designate,
        {"p": str(person.id), "u": str(world.users["officer_x"].id)},
        token=world.tokens["supervisor_x"],
    )
    assert ext["code"] == "NOT_FOUND"
    remove = """mutation($p: ID!, $u: ID!) {
      removeMinorCaseStaff(personId: $p, userId: $u) { id } }"""
    await gql.ok(remove, {"p": str(person.id), "u": str(colleague.id)}, token=supervisor)
    assert listed(await names_seen(gql, colleague_token)) == {"张**", "李四"}
    actions = [e.action for e in await AuditEntry.filter(target_id=str(person.id)).order_by("id")]
    assert actions.count("person.designate_minor_staff") == 2
    assert actions.count("person.remove_minor_staff") == 1
    # Every read of the record is on the audit log, masked or not.
    assert actions.count("person.read") == 2


async def test_the_person_sees_own_name(world: World, gql: GraphQLClient) -> None:
    from api.domain.accounts import activation
    from api.domain.common.call import Call
    from tests.conftest import PASSWORD

    enrolled = await enrolment.enroll_person(
        world.call("officer_a"),
        full_name=NAME,
        id_number=rid("20080307"),
        phone=None,
        correction_type=CorrectionType.PROBATION,
        supervision_level=SupervisionLevel.NORMAL,
        term_start=date(2025, 9, 1),
        term_end=date(2027, 9, 1),
        org_unit_id=world.units["a"].id,
        officer_id=None,
        check_in_interval_days=None,
    )
    signed = await activation.activate_account(
        Call(settings=world.settings), enrolled.activation_code, "minor_one", PASSWORD
    )
    assert await names_seen(gql, signed.token) == [NAME]


async def test_guardian_and_school_are_validated(world: World) -> None:
    with pytest.raises(BadInput) as bad_phone:
        await enrol_minor(world, minor=minors.Details(guardian_phone="12345"))
    assert bad_phone.value.field == "guardianPhone"
    with pytest.raises(BadInput) as adult:
        await enrol_minor(world, born="19900101", minor=minors.Details(school="东关中学"))
    assert adult.value.field == "minor"
    with pytest.raises(BadInput) as long_school:
        await enrol_minor(world, minor=minors.Details(school="校" * (minors.SCHOOL_MAX + 1)))
    assert long_school.value.field == "school"
    assert await SupervisedPerson.all().count() == 0  # refused enrolments store nothing
    person = await enrol_minor(world)
    changed = minors.Details(
        guardian_name="张大", guardian_relation="父亲", guardian_phone="13900139000", school="一中"
    )
    await minors.set_minor_details(world.call("officer_a"), person.id, changed)
    row = await MinorDetails.get(person_id=person.id)
    assert (row.guardian_name, row.guardian_relation, row.guardian_phone, row.school) == (
        "张大",
        "父亲",
        "13900139000",
        "一中",
    )
    entry = await AuditEntry.get(action="person.set_minor_details")
    assert "张大" not in str(entry.summary)  # which fields, never their values
    with pytest.raises(Forbidden):  # a supervisor not designated for the case
        await minors.set_minor_details(world.call("supervisor"), person.id, changed)
    with pytest.raises(BadInput) as bad_name:
        await minors.set_minor_details(
            world.call("officer_a"), person.id, minors.Details(guardian_name="张\n大")
        )
    assert bad_name.value.field == "guardianName"
    assert (await MinorDetails.get(person_id=person.id)).guardian_name == "张大"


_PLACEHOLDER = re.compile(r"\{(\w+)\}")
CORRECTIONS_KINDS = ("checkin.", "person.")


def test_no_corrections_notice_text_has_a_name_in_it() -> None:
    for kind, texts in notices.CATALOGUE.items():
        if not kind.startswith(CORRECTIONS_KINDS):
            continue
        for message in texts.values():
            fields = set(_PLACEHOLDER.findall(message.title + message.body))
            assert "name" not in fields, kind


async def test_notices_sent_about_a_minor_carry_no_name(world: World) -> None:
    person = await enrol_minor(world)
    officer = world.call("officer_a")
    await persons.set_supervision_status(officer, person.id, SupervisionStatus.ABSCONDED, "失联")
    await persons.set_supervision_status(officer, person.id, SupervisionStatus.ACTIVE, "找到")
    # Past due plus grace: the scheduler's overdue reminder to the officer.
    scheduler = world.call()
    scheduler.now = person.overdue_at + timedelta(hours=1)
    await reminders.check_ins_overdue(scheduler)
    sent = await Notification.all()
    kinds = {n.kind for n in sent}
    assert {"person.absconded", "person.contact_restored", "checkin.overdue"} <= kinds
    for n in sent:
        for part in ("张", "小明", NAME):
            assert part not in n.title + n.body, (n.kind, n.body)


async def test_the_migration_marks_minors_enrolled_before_it(world: World) -> None:
    from importlib import import_module

    migration: Any = import_module("api.migrations.0010_search_minors")
    person = await enrol_minor(world)
    await SupervisedPerson.filter(id=person.id).update(minor_at_start=False)

    class Editor:
        client = connections.get("default")

    await migration.mark_minor_cases(None, Editor())
    assert (await SupervisedPerson.get(id=person.id)).minor_at_start
