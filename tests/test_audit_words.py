"""The audit log in words: every action, target kind and detail key the code
writes has its words in the audit catalogue (i18n/audit.*.js, both languages
by test_catalogues), and the log filters by calendar day in China."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path

from api.domain.common import audit
from tests.conftest import GraphQLClient, World
from tests.test_catalogues import catalogues

ROOT = Path(__file__).resolve().parent.parent
ACTION = re.compile(r'audit\.record(?:_refusal)?\(\s*\w+,\s*"([^"]+)"', re.DOTALL)
TARGET = re.compile(r'target_type="([A-Za-z]+)"')
SUMMARY = re.compile(r"summary=\{([^}]*)\}", re.DOTALL)
KEY = re.compile(r'"([A-Za-z_]+)":')


def sources() -> str:
    return "\n".join(
        p.read_text(encoding="utf-8") for d in ("api", "schema") for p in (ROOT / d).rglob("*.py")
    )


def test_every_action_target_and_detail_has_words() -> None:
    words = catalogues()["audit"]["zh-CN"]
    code = sources()
    actions = set(ACTION.findall(code))
    targets = set(TARGET.findall(code))
    keys = {k for block in SUMMARY.findall(code) for k in KEY.findall(block)}
    # The regexes find what the code writes (a guard against their going blind).
    assert {"person.set_status", "auth.login", "checkin.submit"} <= actions
    assert {"SupervisedPerson", "Dispute"} <= targets and {"from", "to"} <= keys
    missing = (
        sorted(f"audit.action.{a}" for a in actions if f"audit.action.{a}" not in words)
        + sorted(f"audit.targetType.{t}" for t in targets if f"audit.targetType.{t}" not in words)
        + sorted(f"audit.key.{k}" for k in keys if f"audit.key.{k}" not in words)
    )
    assert not missing, f"audit entries with no words: {missing}"


LOG = """query($f: AuditLogFilter) { auditLog(first: 50, filter: $f) {
  edges { node { at action } } } }"""


async def test_the_log_filters_by_day_in_china(world: World, gql: GraphQLClient) -> None:
    # 23:59:59 and 00:00:00 in Shanghai, on either side of 2 March.
    for at in (datetime(2026, 3, 1, 15, 59, 59, tzinfo=UTC), datetime(2026, 3, 1, 16, tzinfo=UTC)):
        call = world.call("officer_a")
        call.now = at
        await audit.record(call, "auth.login", target_type="User", target_id=1)
    token = world.tokens["admin"]

    async def days(**f: str) -> list[str]:
        edges = (await gql.ok(LOG, {"f": {"action": "auth.login", **f}}, token=token))["auditLog"]
        return sorted(e["node"]["at"] for e in edges["edges"])

    assert len(await days()) == 2
    (late,) = await days(until="2026-03-01")
    (early,) = await days(since="2026-03-02")
    assert late.startswith("2026-03-01T15:59:59") and early.startswith("2026-03-01T16:00:00")
    assert await days(since="2026-03-01", until="2026-03-01") == [late]
    assert await days(since="2026-03-03") == []
    refused = await gql.refusal(
        LOG, {"f": {"since": "2026-03-02", "until": "2026-03-01"}}, token=token
    )
    assert refused["code"] == "BAD_USER_INPUT" and refused["field"] == "filter.until"
