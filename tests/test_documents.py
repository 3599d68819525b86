"""Printable documents: numbering, the PDF itself, what is stored, who may download it."""

from __future__ import annotations

import asyncio
import hashlib
import io
import re
from datetime import date
from urllib.parse import quote
from zoneinfo import ZoneInfo

import httpx
import pypdf
import pytest
from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from api.domain.accounts import sign_in
from api.domain.common.call import Call
from api.domain.common.errors import BadInput, NotFound
from api.domain.documents.chinese import chinese_date
from api.domain.documents.content import Content
from api.domain.documents.issue import issue
from api.domain.documents.kinds import DocumentKind
from api.models.accounts import OrgUnit, User
from api.models.audit import AuditEntry
from api.models.documents import Document
from api.models.enums import DocumentArea, Role
from tests.conftest import World

# Test kinds, one per area: the areas define their real ones.
CORRECTIONS_TEST = DocumentKind(DocumentArea.CORRECTIONS, "TEST_NOTICE", "司测字")
MEDIATION_TEST = DocumentKind(DocumentArea.MEDIATION, "TEST_MEDIATION", "调测字")
LEGAL_AID_TEST = DocumentKind(DocumentArea.LEGAL_AID, "TEST_LEGAL_AID", "法援测字")

BODY = "经审查，你在社区矫正期间遵守法律法规和监督管理规定，矫正期满，依法解除社区矫正。"
NOTICE = Content(
    title="测试通知书",
    addressee="张三：",
    paragraphs=[BODY, "特此通知。"],
    fields=[("姓名", "张三"), ("矫正类别", "缓刑"), ("矫正期限", "一年")],
)
A4_POINTS = (595.28, 841.89)


def _year(call: Call) -> int:
    return call.now.astimezone(ZoneInfo(call.settings.timezone)).year


def _page_text(page: pypdf.PageObject) -> str:
    """A page's text without the spaces and line breaks extraction puts between glyphs.

    And without NULs: the fonts are CID-keyed CFF, so their /Encoding is an
    embedded CMap from the 2-byte codes to CIDs; pypdf takes its codes for
    single bytes and puts a NUL before each character it then maps right
    (poppler's pdftotext reads the same file without them).
    """
    return re.sub(r"[\s\x00]+", "", page.extract_text())


def _text(pdf: bytes) -> str:
    return "".join(_page_text(page) for page in pypdf.PdfReader(io.BytesIO(pdf)).pages)


def _fonts(pdf: bytes) -> list[tuple[str, list[str]]]:
    """Each font of each page: its name and which embedded font files it has."""
    found = []
    for page in pypdf.PdfReader(io.BytesIO(pdf)).pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            files = [k for k in ("/FontFile", "/FontFile2", "/FontFile3") if k in descriptor]
            found.append((str(font["/BaseFont"]), files))
    return found


# ------------------------------------------------------------------ dates


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2026, 12, 1), "二〇二六年十二月一日"),
        (date(2030, 10, 20), "二〇三〇年十月二十日"),
        (date(2000, 1, 10), "二〇〇〇年一月十日"),
        (date(2027, 3, 31), "二〇二七年三月三十一日"),
        (date(2026, 11, 19), "二〇二六年十一月十九日"),
    ],
)
def test_dates_are_written_as_documents_write_them(day: date, text: str) -> None:
    assert chinese_date(day) == text


# ------------------------------------------------------------------ the PDF


async def test_a_rendered_document_says_what_it_was_given(world: World) -> None:
    call = world.call("officer_a")
    document = await issue(
        call, CORRECTIONS_TEST, world.units["a"], NOTICE, target_type="Test", target_id=1
    )
    number = f"东关司测字〔{_year(call)}〕第1号"
    assert document.number == number
    text = _text(document.pdf)
    for expected in ("东关镇司法所", number, "测试通知书", "张三：", BODY, "特此通知。"):
        assert expected in text, expected
    assert "矫正类别" in text and "缓刑" in text
    local_day = call.now.astimezone(ZoneInfo(call.settings.timezone)).date()
    assert chinese_date(local_day) in text
    print(f"\none-page document: {len(document.pdf)} bytes")
    assert len(document.pdf) < 60_000, "fonts must be subset, not embedded whole"


async def test_its_fonts_are_embedded_and_its_pages_are_a4(world: World) -> None:
    document = await issue(
        world.call("officer_a"),
        CORRECTIONS_TEST,
        world.units["a"],
        NOTICE,
        target_type="Test",
        target_id=1,
    )
    fonts = _fonts(document.pdf)
    assert fonts
    for name, files in fonts:
        assert files, f"{name} is not embedded"
        # A subset's name has a six-letter tag (PDF 32000-1 9.6.4).
        assert re.fullmatch(r"/[A-Z]{6}\+Noto(Serif|Sans)SC", name), name
    for page in pypdf.PdfReader(io.BytesIO(document.pdf)).pages:
        box = page.mediabox
        assert (float(box.width), float(box.height)) == pytest.approx(A4_POINTS, abs=0.5)


async def test_a_long_body_goes_on_over_pages(world: World) -> None:
    paragraphs = [f"第{i}段。{BODY * 3}" for i in range(1, 41)]
    content = Content(title="测试通知书", paragraphs=paragraphs)
    document = await issue(
        world.call("officer_a"),
        CORRECTIONS_TEST,
        world.units["a"],
        content,
        target_type="Test",
        target_id=1,
    )
    pages = pypdf.PdfReader(io.BytesIO(document.pdf)).pages
    print(f"\n{len(pages)}-page document: {len(document.pdf)} bytes")
    assert len(pages) >= 4
    texts = [_page_text(p) for p in pages]
    assert "第1段。" in texts[0] and "第40段。" not in texts[0]
    assert "第40段。" in "".join(texts[-2:])
    # Every page is numbered; the signature ends the last one.
    for i, page_text in enumerate(texts, start=1):
        assert f"—{i}—" in page_text
    assert "东关镇司法所（印章）" in texts[-1]


async def test_one_copy_per_label(world: World) -> None:
    content = Content(title="调解协议书", paragraphs=[BODY], copies=["甲方执", "乙方执", "存档"])
    document = await issue(
        world.call("mediator_a"),
        MEDIATION_TEST,
        world.units["committee_a"],
        content,
        target_type="Test",
        target_id=1,
    )
    texts = [_page_text(p) for p in pypdf.PdfReader(io.BytesIO(document.pdf)).pages]
    assert len(texts) == 3
    for label, page_text in zip(["甲方执", "乙方执", "存档"], texts, strict=True):
        assert label in page_text and document.number in page_text and "—1—" in page_text


async def test_the_unit_short_name_opens_the_number(world: World) -> None:
    unit = world.units["b"]
    unit.short_name = "西河"
    await unit.save(update_fields=["short_name"])
    call = world.call("officer_b")
    document = await issue(call, CORRECTIONS_TEST, unit, NOTICE, target_type="Test", target_id=1)
    assert document.number == f"西河司测字〔{_year(call)}〕第1号"
    assert document.number in _text(document.pdf)


# ------------------------------------------------------------------ issuing


async def test_the_bytes_are_stored_with_their_sha256_and_audited(world: World) -> None:
    call = world.call("officer_a")
    document = await issue(
        call, CORRECTIONS_TEST, world.units["a"], NOTICE, target_type="Test", target_id=7
    )
    stored = await Document.get(id=document.id)
    assert bytes(stored.pdf) == document.pdf
    assert stored.sha256 == hashlib.sha256(bytes(stored.pdf)).hexdigest()
    assert (stored.issued_by_id, stored.org_unit_id, stored.target_id) == (
        world.users["officer_a"].id,
        world.units["a"].id,
        "7",
    )
    entry = await AuditEntry.get(action="document.issue")
    assert entry.target_id == str(document.id) and entry.actor_id == world.users["officer_a"].id
    assert entry.summary["number"] == document.number
    assert entry.summary["sha256"] == stored.sha256


async def test_an_issued_document_never_changes(world: World) -> None:
    document = await issue(
        world.call("officer_a"),
        CORRECTIONS_TEST,
        world.units["a"],
        NOTICE,
        target_type="Test",
        target_id=1,
    )
    with pytest.raises(IntegrityError):
        async with in_transaction():
            await Document.filter(id=document.id).update(pdf=b"%PDF-forged")
    assert bytes((await Document.get(id=document.id)).pdf) == document.pdf


async def test_twenty_concurrent_issues_get_one_to_twenty(world: World) -> None:
    unit = world.units["a"]

    async def one(i: int) -> Document:
        return await issue(
            world.call("officer_a"), CORRECTIONS_TEST, unit, NOTICE, target_type="Test", target_id=i
        )

    documents = await asyncio.gather(*(one(i) for i in range(20)))
    assert sorted(d.seq for d in documents) == list(range(1, 21))
    assert len({d.number for d in documents}) == 20
    for d in documents:
        assert f"第{d.seq}号" in d.number and d.number in _text(d.pdf)
    # Another series (unit, kind) starts at one of its own.
    other = await issue(
        world.call("officer_b"),
        CORRECTIONS_TEST,
        world.units["b"],
        NOTICE,
        target_type="Test",
        target_id=1,
    )
    assert other.seq == 1


async def test_an_issue_that_rolls_back_gives_its_number_back(world: World) -> None:
    call = world.call("officer_a")
    unit = world.units["a"]

    class Refused(Exception):
        pass

    with pytest.raises(Refused):
        async with in_transaction():
            await issue(call, CORRECTIONS_TEST, unit, NOTICE, target_type="Test", target_id=1)
            raise Refused
    assert await Document.all().count() == 0
    document = await issue(call, CORRECTIONS_TEST, unit, NOTICE, target_type="Test", target_id=1)
    assert document.seq == 1


async def test_bad_content_is_refused_before_a_number_is_taken(world: World) -> None:
    call = world.call("officer_a")
    unit = world.units["a"]
    with pytest.raises(BadInput) as empty:
        await issue(call, CORRECTIONS_TEST, unit, Content(title=" ", paragraphs=["x"]),
                    target_type="Test", target_id=1)  # fmt: skip
    assert empty.value.field == "title"
    with pytest.raises(BadInput) as unprintable:
        await issue(call, CORRECTIONS_TEST, unit, Content(title="通知", paragraphs=["\ue000"]),
                    target_type="Test", target_id=1)  # fmt: skip
    assert unprintable.value.field == "paragraphs.0"
    document = await issue(call, CORRECTIONS_TEST, unit, NOTICE, target_type="Test", target_id=1)
    assert document.seq == 1


async def test_only_who_sees_the_units_records_issues(world: World) -> None:
    for who, kind, unit in [
        ("officer_b", CORRECTIONS_TEST, "a"),
        ("mediator_x", MEDIATION_TEST, "committee_a"),
        ("staff_x", LEGAL_AID_TEST, "legal"),
        ("admin", CORRECTIONS_TEST, "a"),
    ]:
        with pytest.raises(NotFound):
            await issue(world.call(who), kind, world.units[unit], NOTICE,
                        target_type="Test", target_id=1)  # fmt: skip
    assert await Document.all().count() == 0


# ------------------------------------------------------------------ download


async def _person(world: World, username: str, unit: OrgUnit) -> None:
    """A supervised person's account with a session, added to the world."""
    user = await User.create(
        username=username,
        display_name=username,
        role=Role.SUPERVISED_PERSON,
        org_unit=unit,
        password_hash="-",
    )
    world.users[username] = user
    call = Call(settings=world.settings)
    world.tokens[username] = (await sign_in.open_session(call, user)).token


async def test_downloads_follow_the_area_scope(world: World, client: httpx.AsyncClient) -> None:
    await _person(world, "person_a", world.units["a"])
    await _person(world, "person_a2", world.units["a"])
    corrections = await issue(
        world.call("officer_a"),
        CORRECTIONS_TEST,
        world.units["a"],
        NOTICE,
        target_type="Test",
        target_id=1,
        subject_id=world.users["person_a"].id,
    )
    mediation = await issue(
        world.call("mediator_a"),
        MEDIATION_TEST,
        world.units["committee_a"],
        NOTICE,
        target_type="Test",
        target_id=2,
    )
    legal_aid = await issue(
        world.call("staff"),
        LEGAL_AID_TEST,
        world.units["legal"],
        NOTICE,
        target_type="Test",
        target_id=3,
        subject_id=world.users["applicant"].id,
    )
    readers = {
        corrections.id: {"officer_a", "supervisor", "person_a"},
        mediation.id: {"mediator_a", "officer_a", "supervisor_bureau"},
        legal_aid.id: {"staff", "applicant", "supervisor_bureau"},
    }
    documents = {d.id: d for d in (corrections, mediation, legal_aid)}
    downloads = 0
    for document_id, allowed in readers.items():
        document = documents[document_id]
        for who, token in world.tokens.items():
            response = await client.get(
                f"/documents/{document_id}.pdf", headers={"Authorization": f"Bearer {token}"}
            )
            assert response.headers["cache-control"] == "private, no-store"
            if who not in allowed:
                assert response.status_code == 404, (who, document.number)
                assert response.json()["errors"][0]["extensions"]["code"] == "NOT_FOUND"
                continue
            downloads += 1
            assert response.status_code == 200, (who, document.number)
            assert response.headers["content-type"] == "application/pdf"
            assert response.content == document.pdf
            disposition = response.headers["content-disposition"]
            assert disposition.startswith("attachment;")
            assert f"filename*=UTF-8''{quote(document.number + '.pdf')}" in disposition
    assert readers[corrections.id] | readers[mediation.id] | readers[legal_aid.id] < set(
        world.tokens
    )
    ok = await AuditEntry.filter(action="document.download", outcome="ok").count()
    refused = await AuditEntry.filter(action="document.download", outcome="not_found").count()
    assert ok == downloads
    assert refused == 3 * len(world.tokens) - downloads


async def test_a_download_without_a_valid_token_is_401(
    world: World, client: httpx.AsyncClient
) -> None:
    document = await issue(
        world.call("officer_a"),
        CORRECTIONS_TEST,
        world.units["a"],
        NOTICE,
        target_type="Test",
        target_id=1,
    )
    for headers in ({}, {"Authorization": "Bearer not-a-token"}, {"Authorization": "Basic x"}):
        response = await client.get(f"/documents/{document.id}.pdf", headers=headers)
        assert response.status_code == 401
        assert response.headers["www-authenticate"] == "Bearer"
        assert response.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
        assert b"%PDF" not in response.content
    token = world.tokens["officer_a"]
    missing = await client.get(
        f"/documents/{document.id + 1}.pdf", headers={"Authorization": f"Bearer {token}"}
    )
    assert missing.status_code == 404
