"""The justice bureau that set up a legal-aid centre (法律援助法 Art. 12): it
hears objections to the centre's refusals and terminations (Art. 49) and
complaints about its work (Art. 55)."""

from __future__ import annotations

from api.domain.common.dated_tables import ancestor_ids
from api.models.accounts import OrgUnit
from api.models.enums import OrgUnitKind

FALLBACK_NAME = "设立法律援助机构的司法行政部门"


async def bureau_of(centre_id: int) -> OrgUnit | None:
    """The nearest JUSTICE_BUREAU above the centre."""
    centre = await OrgUnit.get(id=centre_id)
    ids = ancestor_ids(centre.path)
    by_id = {b.id: b for b in await OrgUnit.filter(id__in=ids, kind=OrgUnitKind.JUSTICE_BUREAU)}
    return next((by_id[i] for i in ids if i in by_id), None)


async def objection_route(centre_id: int, against: str = "不予法律援助") -> str:
    """Art. 49 ¶1: where and how to object, as the written decision says it."""
    bureau = await bureau_of(centre_id)
    name = bureau.name if bureau else FALLBACK_NAME
    return (
        f"申请人、受援人对{against}的决定有异议的，可以向{name}提出；"
        f"{name}应当自收到异议之日起五日内进行审查（《法律援助法》第四十九条）。"
    )


REVIEW_AND_SUIT = (
    "对司法行政部门维持法律援助机构决定不服的，可以依法申请行政复议或者提起行政诉讼"
    "（《法律援助法》第四十九条第三款）。"
)
