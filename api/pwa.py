"""The PWA as the server hands it out: its files, and the service worker built from them.

Only what the app is made of is served: the files matching APP_FILES (the
layout of pwa/, see pwa/README.md) and, at /vendor/<name>/<main>, the main
file of each runtime dependency in pwa/package.json (not devDependencies:
axe-core is for the tests). Anything else under pwa/ (README.md, package
files, node_modules) is a 404, whatever lands there.

The service worker's precache list and version are those same files: /sw.js
is pwa/sw.js after one line, `const BUILD = {"version": …, "shell": […]};`,
where the version is a hash of every served file. A release that changes
any file is a new worker, so no phone keeps stale modules, and nobody has to
remember to bump anything. The input rules the forms check against
(/rules.json, api/input_rules.py) are part of the shell in the same way: a
rule changed on the server is a new worker, and the phone has the rules
offline.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

from starlette.requests import Request
from starlette.responses import Response
from starlette.staticfiles import StaticFiles

from api.input_rules import rules_json

PWA_DIR: Final = Path(__file__).resolve().parent.parent / "pwa"
APP_FILES: Final = (
    "index.html",
    "styles.css",
    "manifest.webmanifest",
    "sw.js",
    "js/**/*.js",
    "i18n/*.js",
    "icons/*.png",
)
# Served, but not precached: "/" is the page itself, and the worker caches itself.
NOT_PRECACHED: Final = frozenset({"index.html", "sw.js"})
RULES_PATH: Final = "rules.json"


@dataclass(frozen=True)
class Shell:
    """Served files by URL path (no leading slash), what the worker precaches, their hash."""

    files: Mapping[str, Path]
    precache: tuple[str, ...]
    version: str
    worker: str  # pwa/sw.js as served, after its BUILD line
    rules: bytes  # /rules.json


def load_shell(pwa_dir: Path = PWA_DIR) -> Shell:
    files: dict[str, Path] = {}
    for pattern in APP_FILES:
        for path in sorted(pwa_dir.glob(pattern)):
            if path.is_file():
                files[path.relative_to(pwa_dir).as_posix()] = path
    files.update(_vendored(pwa_dir))
    digest = hashlib.sha256()
    for name in sorted(files):
        content = files[name].read_bytes()
        digest.update(f"{name}\0{len(content)}\0".encode())
        digest.update(content)
    rules = rules_json()
    digest.update(f"{RULES_PATH}\0{len(rules)}\0".encode())
    digest.update(rules)
    version = digest.hexdigest()[:12]
    served = sorted([*files, RULES_PATH])
    precache = ("/", *(f"/{name}" for name in served if name not in NOT_PRECACHED))
    build = json.dumps({"version": version, "shell": precache}, separators=(",", ":"))
    source = files["sw.js"].read_text("utf-8") if "sw.js" in files else ""
    return Shell(files, precache, version, worker=f"const BUILD = {build};\n{source}", rules=rules)


def _vendored(pwa_dir: Path) -> dict[str, Path]:
    """The main file of each runtime dependency that is installed, at vendor/<name>/<main>."""
    manifest = pwa_dir / "package.json"
    if not manifest.is_file():
        return {}
    found: dict[str, Path] = {}
    for name in sorted(json.loads(manifest.read_text("utf-8")).get("dependencies", {})):
        package = pwa_dir / "node_modules" / name
        try:
            main = json.loads((package / "package.json").read_text("utf-8")).get("main", "index.js")
        except (OSError, ValueError):
            continue  # not installed: the app works without it (qr.js says so)
        path = package / os.path.normpath(main)
        if path.is_file() and package.resolve() in path.resolve().parents:
            found[f"vendor/{name}/{Path(main).as_posix().removeprefix('./')}"] = path
    return found


class ShellFiles(StaticFiles):
    """Starlette's StaticFiles (content types, ETag, 304) over the shell's files only."""

    def __init__(self, shell: Shell) -> None:
        super().__init__(directory=None, packages=None, check_dir=False)
        self.shell = shell

    def lookup_path(self, path: str) -> tuple[str, os.stat_result | None]:
        # `path` is the request path normalised by StaticFiles.get_path ("." for "/").
        name = "index.html" if path == "." else path.replace(os.sep, "/")
        if name == "sw.js":
            return "", None  # the worker is served built (service_worker below)
        found = self.shell.files.get(name)
        if found is None:
            return "", None
        return str(found), os.stat(found)


def service_worker(current: Shell, development: bool) -> Callable[[Request], Awaitable[Response]]:
    """The /sw.js endpoint; in development the files are read again on each request."""

    async def endpoint(request: Request) -> Response:
        shell = load_shell(PWA_DIR) if development else current
        return Response(
            shell.worker,
            media_type="text/javascript",
            headers={"Cache-Control": "no-cache"},
        )

    return endpoint


def input_rules(current: Shell, development: bool) -> Callable[[Request], Awaitable[Response]]:
    """The /rules.json endpoint: the form rules of api/input_rules.py."""

    async def endpoint(request: Request) -> Response:
        rules = rules_json() if development else current.rules
        return Response(rules, media_type="application/json", headers={"Cache-Control": "no-cache"})

    return endpoint
