"""The PWA's message catalogues: the shell's (i18n/<locale>.js) and each area's
(i18n/<area>.<locale>.js, loaded by the area's screens with loadArea)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import IN_CI

I18N = Path(__file__).resolve().parent.parent / "pwa" / "i18n"
JS = Path(__file__).resolve().parent.parent / "pwa" / "js"
LOCALES = ("zh-CN", "en")
PLACEHOLDER = re.compile(r"\{(\w+)\}")
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")


def catalogues() -> dict[str, dict[str, dict[str, str]]]:
    """{area ('' for the shell): {locale: {key: text}}}, read by Node as the browser does."""
    node = shutil.which("node")
    if node is None:
        if IN_CI:
            pytest.fail("node is missing: the PWA's catalogues cannot be read")
        pytest.skip("SKIPPED: node is not installed, the PWA's catalogues were not checked")
    files = sorted(p.name for p in I18N.glob("*.js"))
    script = (
        "const out = {};"
        f"for (const f of {json.dumps(files)}) "
        f"out[f] = (await import({json.dumps(I18N.as_uri() + '/')} + f)).default;"
        "console.log(JSON.stringify(out));"
    )
    done = subprocess.run(
        [node, "--input-type=module", "-e", script], capture_output=True, text=True, check=True
    )
    found: dict[str, dict[str, dict[str, str]]] = {}
    for name, table in json.loads(done.stdout).items():
        stem = name.removesuffix(".js")
        area, _, locale = stem.rpartition(".")
        assert locale in LOCALES, f"{name}: a catalogue is named <area>.<locale>.js"
        found.setdefault(area, {})[locale] = table
    return found


def test_every_catalogue_has_both_languages_with_the_same_keys() -> None:
    for area, by_locale in catalogues().items():
        name = area or "the shell"
        assert set(by_locale) == set(LOCALES), f"{name}: both zh-CN and en"
        zh, en = by_locale["zh-CN"], by_locale["en"]
        assert set(zh) == set(en), f"{name}: keys differ: {sorted(set(zh) ^ set(en))}"
        for key in zh:
            assert set(PLACEHOLDER.findall(zh[key])) == set(PLACEHOLDER.findall(en[key])), key
            assert zh[key].strip() and en[key].strip(), f"{name}: {key} is empty"
            if CJK.search(en[key]):
                pytest.fail(f"{name}: the English text of {key} has Chinese in it")


def test_a_key_lives_in_one_catalogue_and_every_area_loaded_exists() -> None:
    tables = catalogues()
    owner: dict[str, str] = {}
    for area, by_locale in tables.items():
        for key in by_locale["zh-CN"]:
            assert key not in owner, f"{key} is in both {owner[key]!r} and {area!r}"
            owner[key] = area
    loaded = {
        m
        for p in JS.glob("**/*.js")
        for m in re.findall(r"loadArea\('([\w-]+)'\)", p.read_text(encoding="utf-8"))
    }
    assert loaded <= set(tables), f"areas loaded without a catalogue: {loaded - set(tables)}"
    unused = {a for a in tables if a} - loaded
    assert not unused, f"area catalogues no screen loads: {unused}"
