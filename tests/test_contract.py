"""The served schema keeps the API contract, and schema/schema.graphql matches the code."""

from __future__ import annotations

from pathlib import Path

from graphql import build_schema as parse_sdl
from graphql import find_breaking_changes

from schema import build_schema

ROOT = Path(__file__).resolve().parent.parent
CONTRACT = ROOT.parent / "shared" / "contract" / "api.graphql"
PENDING = Path(__file__).with_name("contract_pending.txt")
EXPORTED = ROOT / "schema" / "schema.graphql"


def _pending() -> set[str]:
    lines = PENDING.read_text(encoding="utf-8").splitlines() if PENDING.exists() else []
    return {line.strip() for line in lines if line.strip() and not line.startswith("#")}


def _breaking_changes() -> list[str]:
    contract = parse_sdl(CONTRACT.read_text(encoding="utf-8"))
    served = parse_sdl(build_schema().as_str())
    return [change.description for change in find_breaking_changes(contract, served)]


def test_served_schema_keeps_the_contract() -> None:
    changes = _breaking_changes()
    unexpected = [c for c in changes if c not in _pending()]
    assert unexpected == [], "breaking changes against the contract:\n" + "\n".join(unexpected)


def test_pending_list_has_no_stale_entries() -> None:
    """An entry that no longer breaks anything must leave the list."""
    stale = _pending() - set(_breaking_changes())
    assert stale == set(), "no longer pending, remove from contract_pending.txt:\n" + "\n".join(
        sorted(stale)
    )


def test_exported_schema_matches_the_code() -> None:
    assert EXPORTED.read_text(encoding="utf-8") == build_schema().as_str() + "\n", (
        "schema/schema.graphql is stale: "
        "run `.venv/bin/sifasuo export-schema > schema/schema.graphql`"
    )
