"""Paths of the PWA's screens, for notices: a tap on a notification opens these.

The PWA routes by the URL fragment (pwa/js/app.js); this is the one place
the server names those routes.
"""

from __future__ import annotations


def home() -> str:
    return "/#/me"


def person(person_id: int) -> str:
    return f"/#/person/{person_id}"


def dispute(dispute_id: int) -> str:
    return f"/#/dispute/{dispute_id}"


def legal_aid_request(request_id: int) -> str:
    return f"/#/request/{request_id}"


def intakes() -> str:
    return "/#/intakes"


def intake(intake_id: int) -> str:
    return f"/#/intake/{intake_id}"


def consultation(consultation_id: int) -> str:
    return f"/#/consultation/{consultation_id}"


def legal_aid_referral(referral_id: int) -> str:
    return f"/#/referral/{referral_id}"


def screening(campaign_id: int) -> str:
    return f"/#/screening/{campaign_id}"


def resettlement(record_id: int) -> str:
    return f"/#/resettlement/{record_id}"
