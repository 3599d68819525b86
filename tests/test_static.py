"""The PWA as served: only the app's own files and the runtime libraries it loads,
and a service worker whose precache list and version are those files."""

from __future__ import annotations

import json
import re
from pathlib import Path

import httpx
import pytest

from api.app import create_app
from api.pwa import PWA_DIR, load_shell
from api.settings import Settings

NOT_THE_APP = [
    "/README.md",
    "/package.json",
    "/package-lock.json",
    "/node_modules/qrcode-generator/package.json",
    "/node_modules/axe-core/axe.min.js",
    "/node_modules/.package-lock.json",
    "/vendor/axe-core/axe.min.js",
    "/vendor/axe-core/package.json",
    "/vendor/qrcode-generator/package.json",
    "/vendor/qrcode-generator/README.md",
    "/js/",
    "/icons/",
    "/../pyproject.toml",
    "/%2e%2e/pyproject.toml",
    "/404.html",
]
VENDORED = PWA_DIR / "node_modules" / "qrcode-generator" / "qrcode.js"


@pytest.mark.parametrize("path", NOT_THE_APP)
async def test_files_that_are_not_the_app_are_not_served(
    client: httpx.AsyncClient, path: str
) -> None:
    response = await client.get(path)
    assert response.status_code == 404, path


async def test_every_file_of_the_app_is_served(client: httpx.AsyncClient) -> None:
    on_disk = [
        p.relative_to(PWA_DIR).as_posix()
        for p in PWA_DIR.rglob("*")
        if p.is_file() and "node_modules" not in p.parts
    ]
    app_file = re.compile(r"(?:js|i18n)/.*\.js|icons/.*\.png|[a-z]+\.(?:html|css|js|webmanifest)")
    own = {p for p in on_disk if app_file.fullmatch(p)}
    assert {"index.html", "sw.js", "js/app.js", "js/screens/officer.js", "i18n/en.js"} <= own
    for path in sorted(own):
        response = await client.get("/" + path)
        assert response.status_code == 200, path
        if path != "sw.js":
            assert response.content == (PWA_DIR / path).read_bytes(), path
    home = await client.get("/")
    assert home.content == (PWA_DIR / "index.html").read_bytes()
    # Conditional requests still revalidate (the PWA relies on ETags).
    etag = (await client.get("/js/app.js")).headers["etag"]
    again = await client.get("/js/app.js", headers={"if-none-match": etag})
    assert again.status_code == 304


@pytest.mark.skipif(not VENDORED.exists(), reason="pwa/node_modules is not installed")
async def test_the_runtime_library_is_served(client: httpx.AsyncClient) -> None:
    response = await client.get("/vendor/qrcode-generator/qrcode.js")
    assert response.status_code == 200
    assert response.content == VENDORED.read_bytes()


# ------------------------------------------------------------ service worker

BUILD_RE = re.compile(r"^const BUILD = (\{.*\});$", re.MULTILINE)


def _build(sw: str) -> dict[str, object]:
    match = BUILD_RE.search(sw)
    assert match, sw[:300]
    build: dict[str, object] = json.loads(match.group(1))
    return build


async def test_service_worker_precaches_the_files_the_app_is_made_of(
    client: httpx.AsyncClient,
) -> None:
    sw = (await client.get("/sw.js")).text
    build = _build(sw)
    shell = build["shell"]
    assert isinstance(shell, list)
    assert shell[0] == "/" and "/sw.js" not in shell and "/index.html" not in shell
    # Every module the app can import is there, and nothing that is not served.
    modules = {
        "/" + p.relative_to(PWA_DIR).as_posix()
        for p in [*PWA_DIR.glob("js/**/*.js"), *PWA_DIR.glob("i18n/*.js")]
    }
    assert modules <= set(shell)
    for url in shell:
        assert (await client.get(url)).status_code == 200, url
    if VENDORED.exists():
        assert "/vendor/qrcode-generator/qrcode.js" in shell
    # The worker's own source follows the build line.
    assert sw.endswith((PWA_DIR / "sw.js").read_text())


def test_version_changes_with_any_file(tmp_path: Path) -> None:
    """A release that changes one module is a new worker (phones never keep stale modules)."""
    copy = tmp_path / "pwa"
    for path in PWA_DIR.rglob("*"):
        if path.is_file() and "node_modules" not in path.parts:
            target = copy / path.relative_to(PWA_DIR)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    before = load_shell(copy)
    assert before.version == load_shell(copy).version
    for name in ("js/screens/officer.js", "i18n/en.js", "styles.css", "sw.js", "index.html"):
        path = copy / name
        text = path.read_bytes()
        path.write_bytes(text + b"\n")
        assert load_shell(copy).version != before.version, name
        path.write_bytes(text)
    assert load_shell(copy).version == before.version
    (copy / "js" / "screens" / "extra.js").write_text("export const x = 1;\n")
    grown = load_shell(copy)
    assert "/js/screens/extra.js" in grown.precache and grown.version != before.version
    assert re.fullmatch(r"[0-9a-f]{12}", before.version)


async def test_service_worker_is_served_with_the_version_of_the_files(db: Settings) -> None:
    app = create_app(db, manage_db=False)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as http:
        response = await http.get("/sw.js")
    assert response.headers["content-type"].startswith("text/javascript")
    assert response.headers["cache-control"] == "no-cache"
    assert _build(response.text)["version"] == load_shell(PWA_DIR).version


# ------------------------------------------------------------ one shape

OPERATION_RE = re.compile(r"\b(?:query|mutation)\b\s*(?:\w+\s*)?[({]")
IMPORT_RE = re.compile(r"""(?:import|from)\s*\(?\s*['"]([^'"]+)['"]""")


def test_operations_live_in_one_module_and_screens_import_no_screen_or_shell() -> None:
    sources = {
        p.relative_to(PWA_DIR).as_posix(): p.read_text("utf-8")
        for p in [*PWA_DIR.glob("js/**/*.js"), PWA_DIR / "sw.js"]
    }
    assert OPERATION_RE.search(sources["js/operations.js"])
    for name, text in sources.items():
        # The shell's operations, and an area's own (js/operations/<area>.js).
        if name == "js/operations.js" or name.startswith("js/operations/"):
            continue
        code = re.sub(r"//[^\n]*|/\*.*?\*/", "", text, flags=re.DOTALL)
        assert not OPERATION_RE.search(code), f"{name} writes its own GraphQL operation"
        if name.startswith("js/screens/"):
            for target in IMPORT_RE.findall(code):
                assert not target.startswith("./"), f"{name} imports the screen {target}"
                assert target != "../app.js", f"{name} imports the shell"
    # One fetch of /graphql: in core.js, shared by the page and the worker.
    fetching = [n for n, text in sources.items() if re.search(r"fetch\(\s*['\"]/graphql", text)]
    assert fetching == ["js/core.js"]
