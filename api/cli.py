"""The `sifasuo` command line."""

from __future__ import annotations

import argparse
import asyncio
import getpass
import logging
import os
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
    options = {
        "host": args.host,
        "port": args.port,
        # The app reads proxy headers itself (create_app, settings.trusted_proxies);
        # uvicorn's own would trust 127.0.0.1 whatever the settings say.
        "proxy_headers": False,
        "server_header": False,
        "log_level": "info",
    }
    if args.processes > 1:
        # Several stateless API processes on one socket: uvicorn forks them and
        # each builds its app from the environment. Everything they share is in
        # the database, so any of them may answer any request. The reminder
        # workers run in `sifasuo worker` processes instead.
        os.environ["SIFASUO_RUN_WORKERS"] = "false" if args.no_workers else "true"
        uvicorn.run("api.app:app_from_env", factory=True, workers=args.processes, **options)
        return 0
    uvicorn.run(create_app(settings), **options)
    return 0


def cmd_worker(args: argparse.Namespace) -> int:
    import signal

    from api.domain.notices.push_keys import VapidKeyring
    from workers.runner import default_worker_id, run_workers

    settings = _settings()
    worker_id = args.worker_id or default_worker_id()

    async def work() -> int:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)  # finish the sends in flight, then exit
        claimed = await run_workers(
            settings,
            VapidKeyring(settings.data_dir),
            stop,
            worker_id=worker_id,
            scheduler=not args.no_scheduler,
            until_empty=args.once_until_empty,
            batch=args.batch,
            max_in_flight=args.concurrency,
        )
        if args.once_until_empty:
            print(f"worker {worker_id}: {claimed} notices dispatched")
        return 0

    return asyncio.run(_with_db(settings, work))


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
    from api.domain.common.call import Call
    from api.domain.common.errors import DomainError
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
    from api.domain.common.call import Call
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
    from api.domain.common.audit import verify_chain

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


def cmd_standards_set(args: argparse.Namespace) -> int:
    from datetime import date

    from api.domain.common.call import Call
    from api.domain.common.errors import DomainError
    from api.domain.legal_aid.eligibility import set_hardship_standard
    from api.domain.seeding import system_call

    settings = _settings()
    try:
        effective_from = date.fromisoformat(args.effective_from)
    except ValueError:
        print("error: EFFECTIVE_FROM is a date such as 2026-01-01", file=sys.stderr)
        return 1

    async def work() -> int:
        try:
            standard = await set_hardship_standard(
                system_call(Call(settings=settings)), args.org_unit_id, args.amount, effective_from
            )
        except DomainError as exc:
            print(f"error: {exc.message}", file=sys.stderr)
            return 1
        print(
            f"unit {args.org_unit_id}: {standard.monthly_income_per_capita} yuan per person "
            f"per month from {standard.effective_from}"
        )
        return 0

    return asyncio.run(_with_db(settings, work))


def cmd_standards_list(args: argparse.Namespace) -> int:
    from api.domain.legal_aid.eligibility import list_hardship_standards
    from api.models.accounts import OrgUnit

    settings = _settings()

    async def work() -> int:
        standards = await list_hardship_standards()
        names = dict(await OrgUnit.all().values_list("id", "name"))
        for s in standards:
            unit_id = s.org_unit_id
            print(
                f"{unit_id}\t{names.get(unit_id, '?')}\t"
                f"{s.monthly_income_per_capita}\t{s.effective_from}"
            )
        if not standards:
            print("no hardship standards set", file=sys.stderr)
        return 0

    return asyncio.run(_with_db(settings, work))


def cmd_two_step_reset(args: argparse.Namespace) -> int:
    from api.domain.accounts.two_factor import reset
    from api.domain.common.call import Call
    from api.domain.common.errors import DomainError

    settings = _settings()

    async def work() -> int:
        try:
            user = await reset(Call(settings=settings), args.username)
        except DomainError as exc:
            print(f"error: {exc.message}", file=sys.stderr)
            return 1
        print(
            f"two-step sign-in reset for {user.username}: sessions ended; "
            "a role that requires it enrols again at the next sign-in"
        )
        return 0

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
    serve.add_argument(
        "--processes", type=int, default=1, help="number of API processes (default 1)"
    )
    serve.set_defaults(func=cmd_serve)

    worker = sub.add_parser(
        "worker",
        help="run the reminder scheduler, the push dispatcher and the identity check "
        "(no web server)",
    )
    worker.add_argument(
        "--once-until-empty",
        action="store_true",
        help="queue due reminders once, send everything due, then exit",
    )
    worker.add_argument("--no-scheduler", action="store_true", help="only dispatch pushes")
    worker.add_argument("--batch", type=int, default=100, help="notices claimed at a time")
    worker.add_argument(
        "--concurrency", type=int, default=32, help="pushes in flight at most (default 32)"
    )
    worker.add_argument("--worker-id", help="name in claims (default hostname:pid)")
    worker.set_defaults(func=cmd_worker)

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

    standards = sub.add_parser(
        "standards", help="legal-aid economic-hardship standards (法律援助法 Art. 34)"
    )
    standards_sub = standards.add_subparsers(dest="standards_command", required=True)
    set_standard = standards_sub.add_parser(
        "set", help="set a unit's monthly income per person from a date (inherited below it)"
    )
    set_standard.add_argument("org_unit_id", type=int, metavar="ORG_UNIT_ID")
    set_standard.add_argument("amount", metavar="AMOUNT", help="yuan, e.g. 1850.00")
    set_standard.add_argument("effective_from", metavar="EFFECTIVE_FROM", help="YYYY-MM-DD")
    set_standard.set_defaults(func=cmd_standards_set)
    standards_sub.add_parser("list", help="list every standard").set_defaults(
        func=cmd_standards_list
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

    two_step = sub.add_parser("two-step", help="two-step sign-in tools")
    two_step_sub = two_step.add_subparsers(dest="two_step_command", required=True)
    reset = two_step_sub.add_parser(
        "reset", help="remove an account's second factor and recovery codes, end its sessions"
    )
    reset.add_argument("username")
    reset.set_defaults(func=cmd_two_step_reset)

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
