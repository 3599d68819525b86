"""The `sifasuo` command line."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import logging
import sys
from collections.abc import Awaitable, Callable, Sequence

from api.settings import Settings


def _settings() -> Settings:
    return Settings.from_env()


async def _with_db(settings: Settings, work: Callable[[], Awaitable[int]]) -> int:
    from api.db import close_db, init_db

    await init_db(settings)
    try:
        return await work()
    finally:
        await close_db()


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from api.app import create_app

    settings = _settings()
    if args.no_workers:
        settings = settings.with_(run_workers=False)
    uvicorn.run(
        create_app(settings),
        host=args.host,
        port=args.port,
        proxy_headers=settings.trust_proxy,
        server_header=False,
        log_level="info",
    )
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    from api.db import migrate

    asyncio.run(migrate(_settings()))
    print("migrations applied")
    return 0


def _read_password(prompt: str) -> str:
    if sys.stdin.isatty():
        first = getpass.getpass(prompt)
        if getpass.getpass("Again: ") != first:
            raise SystemExit("the passwords differ")
        return first
    return sys.stdin.readline().rstrip("\n")


def cmd_create_admin(args: argparse.Namespace) -> int:
    from api.domain.call import Call
    from api.domain.errors import DomainError
    from api.domain.seeding import create_admin

    settings = _settings()
    password = _read_password(f"Password for {args.username}: ")

    async def work() -> int:
        try:
            user = await create_admin(Call(settings=settings), args.username, password)
        except DomainError as exc:
            print(f"error: {exc.message}", file=sys.stderr)
            return 1
        print(f"created ADMIN {user.username} (id {user.id})")
        return 0

    return asyncio.run(_with_db(settings, work))


def cmd_seed_demo(args: argparse.Namespace) -> int:
    from api.domain.call import Call
    from api.domain.seeding import seed_demo

    settings = _settings()

    async def work() -> int:
        created = await seed_demo(Call(settings=settings), if_empty=args.if_empty)
        print("demo data created" if created else "demo data already present")
        return 0

    return asyncio.run(_with_db(settings, work))


def cmd_export_schema(args: argparse.Namespace) -> int:
    from schema import build_schema

    sys.stdout.write(build_schema().as_str() + "\n")
    return 0


def cmd_audit_verify(args: argparse.Namespace) -> int:
    from api.domain.audit import verify_chain

    settings = _settings()

    async def work() -> int:
        report = await verify_chain()
        if report.ok:
            print(f"audit chain intact: {report.entries} entries")
            return 0
        print(
            f"audit chain broken at entry {report.first_bad_id}: {report.problem}",
            file=sys.stderr,
        )
        return 2

    return asyncio.run(_with_db(settings, work))


def cmd_backup(args: argparse.Namespace) -> int:
    from pathlib import Path

    from api.backup import BackupError, backup

    try:
        backup(_settings(), Path(args.path))
    except BackupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"backup written to {args.path}")
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    from pathlib import Path

    from api.backup import BackupError, restore

    try:
        restore(_settings(), Path(args.path), force=args.force)
    except BackupError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"restored from {args.path}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="sifasuo", description="Sifasuo: the township justice office's field app."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    serve = sub.add_parser("serve", help="serve the app (with the workers in-process)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8000)
    serve.add_argument("--no-workers", action="store_true", help="do not run the workers here")
    serve.set_defaults(func=cmd_serve)

    sub.add_parser("migrate", help="apply database migrations").set_defaults(func=cmd_migrate)

    admin = sub.add_parser(
        "create-admin", help="create an ADMIN account (password from stdin or a prompt)"
    )
    admin.add_argument("username")
    admin.set_defaults(func=cmd_create_admin)

    seed = sub.add_parser("seed-demo", help="create the demo org tree and accounts (idempotent)")
    seed.add_argument(
        "--if-empty", action="store_true", help="only when the database has no accounts yet"
    )
    seed.set_defaults(func=cmd_seed_demo)

    sub.add_parser("export-schema", help="print the served GraphQL schema").set_defaults(
        func=cmd_export_schema
    )

    backup = sub.add_parser("backup", help="write a consistent copy of the database to PATH")
    backup.add_argument("path")
    backup.set_defaults(func=cmd_backup)

    restore = sub.add_parser(
        "restore", help="replace an empty database with the backup at PATH (server stopped)"
    )
    restore.add_argument("path")
    restore.add_argument("--force", action="store_true", help="replace a database that holds data")
    restore.set_defaults(func=cmd_restore)

    audit = sub.add_parser("audit", help="audit log tools")
    audit_sub = audit.add_subparsers(dest="audit_command", required=True)
    audit_sub.add_parser("verify", help="check the hash chain").set_defaults(func=cmd_audit_verify)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    args = build_parser().parse_args(argv)
    result: int = args.func(args)
    return result


if __name__ == "__main__":
    raise SystemExit(main())
