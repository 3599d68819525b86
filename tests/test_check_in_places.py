"""Check-in places: the distance from the residence (else the office), the
county's distance figure and the check-in it flags for review."""

from __future__ import annotations

import math
import uuid
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from api.domain.corrections import enrolment, places
from api.models.accounts import OrgUnit
from api.models.audit import AuditEntry
from api.models.corrections import CheckIn, SupervisedPerson
from api.models.enums import (
    CheckInKind,
    CheckInStatus,
    CorrectionType,
    PlaceReference,
    SupervisionLevel,
)
from api.models.supervision import DistanceLimitStandard
from tests.conftest import GraphQLClient, QueryCounter, World
from tests.days import office_today
from tests.test_corrections import DAY, HOUR, activate, enroll, enroll_input, report, rid

# The residence of the tests: a street in Changchun.
HOME = (43.88, 125.35)


def north_of(origin: tuple[float, float], meters: float) -> tuple[float, float]:
    """The point `meters` due north: along a meridian the haversine distance is
    the radius times the latitude's difference, exactly."""
    return origin[0] + math.degrees(meters / places.EARTH_RADIUS_METERS), origin[1]


# ------------------------------------------------------------------ the formula


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [
        # Geodesic distances on WGS 84 (Karney's algorithm), to within 1%.
        ((51.5074, -0.1278), (48.8566, 2.3522), 343.92),  # London - Paris
        ((39.9042, 116.4074), (31.2304, 121.4737), 1067.3),  # Beijing - Shanghai
        ((0.0, 0.0), (1.0, 0.0), 110.574),  # one degree of latitude at the equator
    ],
)
def test_the_distance_of_known_pairs_is_right_within_1_percent(
    a: tuple[float, float], b: tuple[float, float], km: float
) -> None:
    assert places.distance_meters(a, b) == pytest.approx(km * 1000, rel=0.01)
    assert places.distance_meters(b, a) == pytest.approx(places.distance_meters(a, b))
    assert places.distance_meters(a, a) == 0.0


def test_exactly_the_figure_is_not_far_and_one_metre_more_is() -> None:
    at_limit = places.Place(30_000.0, PlaceReference.RESIDENCE, 30_000)
    beyond = places.Place(30_001.0, PlaceReference.RESIDENCE, 30_000)
    assert not at_limit.far and at_limit.reason is None
    assert beyond.far and beyond.reason == "FAR_FROM_RESIDENCE"
    assert beyond.in_review(CheckInStatus.PENDING_REVIEW)
    assert not beyond.in_review(CheckInStatus.VERIFIED)
    assert not places.Place(None, None, None).far


# ------------------------------------------------------------------ enrolment

ENROL = """mutation($i: EnrollPersonInput!) { enrollPerson(input: $i) {
  person { id residenceLocation { latitude longitude } } } }"""


async def test_enrolment_records_the_residence_validated(gql: GraphQLClient, world: World) -> None:
    token = world.tokens["officer_a"]
    cases = [
        ({"residenceLatitude": 43.88}, "residenceLongitude"),
        ({"residenceLongitude": 125.35}, "residenceLatitude"),
        ({"residenceLatitude": 90.5, "residenceLongitude": 125.35}, "residenceLatitude"),
        ({"residenceLatitude": 43.88, "residenceLongitude": 180.5}, "residenceLongitude"),
    ]
    for change, field in cases:
        ext = await gql.refusal(ENROL, {"i": enroll_input(world, **change)}, token=token)
        assert (ext["code"], ext["field"]) == ("BAD_USER_INPUT", field), change
        assert ext["reason"] in ("LOCATION_INCOMPLETE", "LATITUDE_RANGE", "LONGITUDE_RANGE")
    assert await SupervisedPerson.all().count() == 0  # a refused enrolment stores nothing
    data = await gql.ok(
        ENROL,
        {"i": enroll_input(world, residenceLatitude=HOME[0], residenceLongitude=HOME[1])},
        token=token,
    )
    person = data["enrollPerson"]["person"]
    assert person["residenceLocation"] == {"latitude": HOME[0], "longitude": HOME[1]}
    entry = await AuditEntry.get(action="person.enroll", target_id=int(person["id"]))
    assert entry.summary["hasLocation"] is True
    # Without one, the person has none (the residence is optional).
    data = await gql.ok(ENROL, {"i": enroll_input(world, idNumber=rid(8))}, token=token)
    assert data["enrollPerson"]["person"]["residenceLocation"] is None


SET_RESIDENCE = """mutation($id: ID!, $lat: Float, $lon: Float) {
  setResidenceLocation(personId: $id, latitude: $lat, longitude: $lon) {
    residenceLocation { latitude longitude } } }"""


async def test_the_residence_is_edited_later_and_cleared(gql: GraphQLClient, world: World) -> None:
    person = (await enroll(world, when=datetime.now(UTC) - DAY)).person
    pid = str(person.id)
    token = world.tokens["officer_a"]
    ext = await gql.error(SET_RESIDENCE, {"id": pid, "lat": 43.88}, token=token)
    assert ext == {"code": "BAD_USER_INPUT", "field": "residenceLongitude"}
    assert (await SupervisedPerson.get(id=person.id)).residence_latitude is None
    # Another office's officer does not find the person.
    ext = await gql.error(
        SET_RESIDENCE, {"id": pid, "lat": 1.0, "lon": 1.0}, token=world.tokens["officer_b"]
    )
    assert ext["code"] == "NOT_FOUND"
    data = await gql.ok(SET_RESIDENCE, {"id": pid, "lat": 43.9, "lon": 125.4}, token=token)
    assert data["setResidenceLocation"]["residenceLocation"] == {
        "latitude": 43.9,
        "longitude": 125.4,
    }
    data = await gql.ok(SET_RESIDENCE, {"id": pid}, token=token)
    assert data["setResidenceLocation"]["residenceLocation"] is None
    summaries = [
        e.summary for e in await AuditEntry.filter(action="person.set_residence").order_by("id")
    ]
    assert summaries == [
        {"hadLocation": False, "hasLocation": True},
        {"hadLocation": True, "hasLocation": False},
    ]


SET_OFFICE = """mutation($unit: ID!, $lat: Float, $lon: Float) {
  setOfficeLocation(orgUnitId: $unit, latitude: $lat, longitude: $lon) {
    location { latitude longitude } } }"""


async def test_the_office_location_is_set_by_those_who_set_unit_figures(
    gql: GraphQLClient, world: World
) -> None:
    unit = str(world.units["a"].id)
    ext = await gql.error(
        SET_OFFICE, {"unit": unit, "lat": 43.9, "lon": 125.3}, token=world.tokens["officer_a"]
    )
    assert ext["code"] == "FORBIDDEN"
    ext = await gql.refusal(
        SET_OFFICE,
        {"unit": str(world.units["center"].id), "lat": 43.9, "lon": 125.3},
        token=world.tokens["supervisor"],
    )
    assert (ext["code"], ext["reason"]) == ("BAD_USER_INPUT", "OFFICE_LOCATION_JUSTICE_OFFICE")
    ext = await gql.error(
        SET_OFFICE, {"unit": unit, "lat": -91.0, "lon": 125.3}, token=world.tokens["supervisor"]
    )
    assert ext == {"code": "BAD_USER_INPUT", "field": "latitude"}
    assert (await OrgUnit.get(id=world.units["a"].id)).latitude is None
    data = await gql.ok(
        SET_OFFICE, {"unit": unit, "lat": 43.9, "lon": 125.3}, token=world.tokens["supervisor"]
    )
    assert data["setOfficeLocation"]["location"] == {"latitude": 43.9, "longitude": 125.3}
    assert await AuditEntry.filter(action="org_unit.set_location").count() == 1


# ------------------------------------------------------------------ check-ins

PLACE = "place { distanceMeters distanceFrom limitMeters far inReview reason }"
LIST = (
    "query($id: ID!, $first: Int) { supervisedPerson(id: $id) { checkIns(first: $first) {"
    " edges { node { id location { latitude } " + PLACE + " } } } } }"
)
PENDING = "query { pendingCheckIns(first: 50) { edges { node { id " + PLACE + " } } } }"


async def person_reporting(world: World, *, residence: tuple[float, float] | None = HOME) -> Any:
    now = datetime.now(UTC)
    enrolled = await enroll(world, when=now - 2 * DAY, seq=40)
    if residence is not None:
        await SupervisedPerson.filter(id=enrolled.person.id).update(
            residence_latitude=residence[0], residence_longitude=residence[1]
        )
    call, _ = await activate(world, enrolled, "li.si", now)
    return call


async def check_in_from(call: Any, where: tuple[float, float]) -> CheckIn:
    now = datetime.now(UTC)
    return await report(call, now, latitude_deg=where[0], longitude_deg=where[1])


async def test_a_check_in_is_measured_from_the_residence(gql: GraphQLClient, world: World) -> None:
    call = await person_reporting(world)
    row = await check_in_from(call, north_of(HOME, 1200))
    assert row.distance_meters == 1200.0 and row.distance_from == PlaceReference.RESIDENCE
    assert row.distance_limit_meters == places.UNSET_LIMIT_METERS
    node = (await gql.ok(PENDING, token=world.tokens["officer_a"]))["pendingCheckIns"]["edges"]
    assert node[0]["node"]["place"] == {
        "distanceMeters": 1200.0,
        "distanceFrom": "RESIDENCE",
        "limitMeters": 30_000,
        "far": False,
        "inReview": False,
        "reason": None,
    }


async def test_without_a_residence_the_office_then_nothing(world: World) -> None:
    call = await person_reporting(world, residence=None)
    nowhere = await check_in_from(call, HOME)
    assert (nowhere.distance_meters, nowhere.distance_from) == (None, None)
    await OrgUnit.filter(id=world.units["a"].id).update(latitude=HOME[0], longitude=HOME[1])
    row = await check_in_from(call, north_of(HOME, 2500))
    assert row.distance_meters == 2500.0 and row.distance_from == PlaceReference.OFFICE
    # A residence recorded is preferred to the office.
    person = await SupervisedPerson.get(account_id=call.viewer.id)
    await SupervisedPerson.filter(id=person.id).update(
        residence_latitude=north_of(HOME, 2500)[0], residence_longitude=HOME[1]
    )
    row = await check_in_from(call, north_of(HOME, 2500))
    assert row.distance_meters == 0.0 and row.distance_from == PlaceReference.RESIDENCE
    # No location, nothing measured.
    bare = await report(call, datetime.now(UTC))
    assert (bare.distance_meters, bare.distance_limit_meters) == (None, None)


SET_LIMIT = """mutation($unit: ID!, $from: Date!, $m: Int!) {
  setDistanceLimit(orgUnitId: $unit, effectiveFrom: $from, limitMeters: $m) {
    limitMeters effectiveFrom orgUnit { name } } }"""
LIMIT = (
    "query($unit: ID!) { distanceLimitInForce(orgUnitId: $unit) { limitMeters standard { id } } }"
)


async def test_the_county_figure_flags_one_metre_beyond_it(
    gql: GraphQLClient, world: World
) -> None:
    sup = world.tokens["supervisor"]
    unit_a = {"unit": str(world.units["a"].id)}
    data = await gql.ok(LIMIT, unit_a, token=world.tokens["officer_a"])
    assert data["distanceLimitInForce"] == {"limitMeters": 30_000, "standard": None}
    office = unit_a["unit"]
    today = office_today().isoformat()
    for bad in (999, 500_001):
        ext = await gql.error(SET_LIMIT, {"unit": office, "from": today, "m": bad}, token=sup)
        assert ext == {"code": "BAD_USER_INPUT", "field": "limitMeters"}
    assert await DistanceLimitStandard.all().count() == 0
    ext = await gql.error(
        SET_LIMIT,
        {"unit": str(world.units["x"].id), "from": today, "m": 5000},
        token=sup,
    )
    assert ext["code"] == "NOT_FOUND"
    await gql.ok(SET_LIMIT, {"unit": office, "from": today, "m": 5000}, token=sup)
    data = await gql.ok(LIMIT, unit_a, token=world.tokens["officer_a"])
    assert data["distanceLimitInForce"]["limitMeters"] == 5000
    assert await AuditEntry.filter(action="distance_limit.set").count() == 1

    call = await person_reporting(world)
    at_limit = await check_in_from(call, north_of(HOME, 5000))
    beyond = await check_in_from(call, north_of(HOME, 5001))
    assert at_limit.distance_meters == 5000.0 and beyond.distance_meters == 5001.0
    edges = (await gql.ok(PENDING, token=world.tokens["officer_a"]))["pendingCheckIns"]["edges"]
    got = {int(e["node"]["id"]): e["node"]["place"] for e in edges}
    assert (got[at_limit.id]["far"], got[at_limit.id]["inReview"]) == (False, False)
    assert got[beyond.id] == {
        "distanceMeters": 5001.0,
        "distanceFrom": "RESIDENCE",
        "limitMeters": 5000,
        "far": True,
        "inReview": True,
        "reason": "FAR_FROM_RESIDENCE",
    }
    # Reviewed, it is no longer waiting, though still far.
    review = """mutation($id: ID!) { reviewCheckIn(id: $id, status: VERIFIED) {
      place { far inReview reason } } }"""
    data = await gql.ok(review, {"id": str(beyond.id)}, token=world.tokens["officer_a"])
    assert data["reviewCheckIn"]["place"] == {"far": True, "inReview": False, "reason": None}


async def test_a_check_in_keeps_the_figure_of_its_day(world: World) -> None:
    """A figure set from tomorrow leaves today's check-ins at the figure before."""
    tomorrow = office_today() + timedelta(days=1)
    await places.set_distance_limit(world.call("supervisor"), world.units["a"].id, tomorrow, 2000)
    call = await person_reporting(world)
    row = await check_in_from(call, north_of(HOME, 3000))
    assert row.distance_limit_meters == places.UNSET_LIMIT_METERS
    assert not places.Place.of(row).far


async def test_only_staff_see_the_place(gql: GraphQLClient, world: World) -> None:
    """As with the identity check, the person's own screen shows no flag."""
    now = datetime.now(UTC)
    enrolled = await enroll(world, when=now - 2 * DAY, seq=41)
    await SupervisedPerson.filter(id=enrolled.person.id).update(
        residence_latitude=HOME[0], residence_longitude=HOME[1]
    )
    call, token = await activate(world, enrolled, "wang.wu", now)
    await check_in_from(call, north_of(HOME, 40_000))
    data = await gql.ok(LIST, {"id": str(enrolled.person.id), "first": 5}, token=token)
    edges = data["supervisedPerson"]["checkIns"]["edges"]
    assert edges and all(e["node"]["place"] is None for e in edges)
    data = await gql.ok(
        LIST, {"id": str(enrolled.person.id), "first": 5}, token=world.tokens["officer_a"]
    )
    assert data["supervisedPerson"]["checkIns"]["edges"][0]["node"]["place"]["far"] is True


# ------------------------------------------------------------------ cost


async def test_the_place_adds_no_query_per_check_in(
    gql: GraphQLClient, world: World, count_queries: type[QueryCounter]
) -> None:
    now = datetime.now(UTC)
    person = await SupervisedPerson.create(
        full_name="距离",
        id_number=rid(300),
        active_id_number=rid(300),
        correction_type=CorrectionType.PROBATION,
        supervision_level=SupervisionLevel.NORMAL,
        term_start=date(2026, 1, 1),
        term_end=date(2027, 1, 1),
        org_unit=world.units["a"],
        officer=world.users["officer_a"],
        check_in_interval_days=14,
        grace_hours=24,
        enrolled_at=now - 5 * DAY,
        next_due_at=now + 9 * DAY,
        overdue_at=now + 10 * DAY,
        residence_latitude=HOME[0],
        residence_longitude=HOME[1],
    )
    await CheckIn.bulk_create(
        [
            CheckIn(
                client_id=str(uuid.uuid4()),
                person_id=person.id,
                kind=CheckInKind.SELF_REPORT,
                captured_at=now - (i + 1) * HOUR,
                received_at=now - (i + 1) * HOUR,
                latitude=HOME[0],
                longitude=HOME[1],
                distance_meters=float(i * 1000),
                distance_from=PlaceReference.RESIDENCE,
                distance_limit_meters=5000,
                late=False,
                status=CheckInStatus.PENDING_REVIEW,
                recorded_by_id=world.users["officer_a"].id,
            )
            for i in range(20)
        ]
    )
    token = world.tokens["officer_a"]
    # Opening a record is audited once per viewer and person (the first read
    # writes the entry): read once before counting.
    await gql.ok(LIST, {"id": str(person.id), "first": 1}, token=token)
    counts = {}
    for size in (2, 20):
        with count_queries() as counter:
            data = await gql.ok(LIST, {"id": str(person.id), "first": size}, token=token)
        edges = data["supervisedPerson"]["checkIns"]["edges"]
        assert len(edges) == size and all(e["node"]["place"]["distanceFrom"] for e in edges)
        counts[size] = counter.count
    assert counts[2] == counts[20], counts
    assert sum(e["node"]["place"]["far"] for e in edges) == 14  # 6 km to 19 km


async def test_enrolment_through_the_domain_takes_the_residence(world: World) -> None:
    enrolled = await enrolment.enroll_person(
        world.call("officer_a"),
        full_name="赵六",
        id_number=rid(301),
        phone=None,
        correction_type=CorrectionType.CONTROL,
        supervision_level=SupervisionLevel.NORMAL,
        term_start=date(2026, 1, 1),
        term_end=date(2026, 12, 1),
        org_unit_id=world.units["a"].id,
        officer_id=None,
        check_in_interval_days=None,
        residence_latitude=HOME[0],
        residence_longitude=HOME[1],
    )
    assert places.residence_of(enrolled.person) == HOME
