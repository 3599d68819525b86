"""The input rules the PWA checks a form against, served as /rules.json.

One table, built from the constants the domain validates with (validators.py
for the shapes, the domain modules for each field's length and bounds), so
the form flags in advance exactly what the server would refuse. Field names
are those of the GraphQL inputs, which the PWA's forms use too.
"""

from __future__ import annotations

import json
from typing import Any

from api.domain.accounts.users import ROLE_UNIT_KINDS
from api.domain.common.secrets import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH
from api.domain.common.validators import rule_table
from api.domain.corrections import intake, minors, persons, schedule, term_rules
from api.domain.legal_aid import requests
from api.domain.mediation import disputes, visits


def _text(max_len: int, *, required: bool = True) -> dict[str, Any]:
    return {"rule": "text", "max": max_len, "required": required}


def _name(max_len: int, *, required: bool = True) -> dict[str, Any]:
    return {"rule": "name", "max": max_len, "required": required}


PHONE: dict[str, Any] = {"rule": "mobilePhone", "required": True}
OPTIONAL_PHONE: dict[str, Any] = {"rule": "mobilePhone", "required": False}


def form_fields() -> dict[str, dict[str, dict[str, Any]]]:
    """Per form, per input field: which rule, its bounds, whether required."""
    return {
        "legalAid": {
            "applicantName": _name(requests.NAME_MAX),
            "applicantPhone": PHONE,
            "matter": {"rule": "choice", "required": True},
            "description": _text(requests.DESCRIPTION_MAX),
            "householdSize": {
                "rule": "int",
                "min": 1,
                "max": requests.MAX_HOUSEHOLD,
                "required": True,
            },
            "monthlyHouseholdIncome": {"rule": "money", "required": True},
            # A deadline already past is taken and flagged for the staff
            # (requests.deadline_passed): the form warns, never refuses.
            "limitationDeadline": {"rule": "date", "warnBeforeToday": True, "required": False},
            "orgUnitId": {"rule": "choice", "required": True},
        },
        "dispute": {
            "title": _text(disputes.TITLE_MAX),
            "description": _text(disputes.DESCRIPTION_MAX),
            "partyName": _name(disputes.PARTY_NAME_MAX),
            "partyPhone": OPTIONAL_PHONE,
            "parties": {"rule": "list", "min": 1, "max": disputes.MAX_PARTIES},
            "orgUnitId": {"rule": "choice", "required": True},
        },
        "visit": {
            "visitedAt": {"rule": "deviceTime", "required": True},
            "participants": {"rule": "list", "min": 1, "max": visits.MAX_PARTICIPANTS},
            "others": _name(visits.PARTICIPANT_MAX, required=False),
            "summary": _text(visits.SUMMARY_MAX),
        },
        "record": {
            # An in-person report is a note of what was said (api/domain/corrections/check_ins.py).
            "note": _text(persons.MAX_NOTE),
        },
        "intake": {
            "arrivedAt": {"rule": "deviceTime", "required": True},
            "announcedAt": {"rule": "deviceTime", "required": True},
            "attendees": {"rule": "list", "min": 1, "max": intake.MAX_ATTENDEES},
            "attendee": _name(intake.ATTENDEE_MAX),
            "checkInIntervalDays": {
                "rule": "int",
                "min": schedule.INTERVAL_DAYS_RANGE[0],
                "max": schedule.INTERVAL_DAYS_RANGE[1],
                "required": False,
            },
        },
        "searchAction": {
            # One step of a 脱管 search (api/domain/corrections/search.py).
            "doneAt": {"rule": "deviceTime", "required": True},
            "description": _text(persons.MAX_NOTE),
        },
        "minorDetails": {
            "guardianName": _name(minors.GUARDIAN_NAME_MAX, required=False),
            "guardianRelation": _text(minors.GUARDIAN_RELATION_MAX, required=False),
            "guardianPhone": OPTIONAL_PHONE,
            "school": _text(minors.SCHOOL_MAX, required=False),
        },
        "phoneCheck": {
            # The number a code is texted to (api/domain/accounts/phone.py).
            "phone": PHONE,
        },
        "enrol": {
            "fullName": _name(persons.FULL_NAME_MAX),
            "idNumber": {"rule": "residentId", "required": True},
            "phone": OPTIONAL_PHONE,
            "termStart": {"rule": "date", "required": True},
            # Its lawful length by the correction's kind is the table's
            # `terms` (term_rules.py), checked with the start and the kind
            # beside it (pwa/js/terms.js).
            "termEnd": {"rule": "date", "required": True},
            "orgUnitId": {"rule": "choice", "required": True},
            "checkInIntervalDays": {
                "rule": "int",
                "min": schedule.INTERVAL_DAYS_RANGE[0],
                "max": schedule.INTERVAL_DAYS_RANGE[1],
                "required": False,
            },
        },
    }


def input_rules() -> dict[str, Any]:
    # The password's bounds (check_password_rules): the hint and the form's
    # check read them here, never a figure of their own.
    password = {"minLength": MIN_PASSWORD_LENGTH, "maxLength": MAX_PASSWORD_LENGTH}
    # Who is a minor case (minors.minor_at_start): the enrol form asks for the
    # guardian and the school from the ID number's birth date and the term start.
    minor = {"adultAge": minors.ADULT_AGE}
    # Which kinds of unit each staff role may belong to (users.create_user):
    # the new-account form offers only those units.
    role_units = {str(r): sorted(str(k) for k in kinds) for r, kinds in ROLE_UNIT_KINDS.items()}
    return {
        **rule_table(),
        "password": password,
        "minor": minor,
        "roleUnitKinds": role_units,
        # The lawful length of a term by the correction's kind (term_rules.py).
        "terms": term_rules.rule_table(),
        "forms": form_fields(),
    }


def rules_json() -> bytes:
    return json.dumps(input_rules(), ensure_ascii=False, sort_keys=True).encode()
