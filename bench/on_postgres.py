"""The data-set benchmarks on a throwaway PostgreSQL, in one command.

    .venv/bin/python -m bench.on_postgres --persons 100000

Starts a temporary PostgreSQL 15 server (tests/pg_server.py), builds the data
set with bench/generate.py, then runs bench/dashboard.py, bench/read_path.py
and bench/monthly_report.py against it (or those `--only` names), and
removes the server.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
import uuid

from tests.pg_server import create_database, temporary_postgres


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--persons", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=5)
    parser.add_argument(
        "--only", nargs="*", choices=("dashboard", "read_path", "monthly_report"), default=None
    )
    args = parser.parse_args()
    wanted = set(args.only or ("dashboard", "read_path", "monthly_report"))
    with temporary_postgres() as root:
        url = create_database(root, f"sifasuo_bench_{uuid.uuid4().hex[:8]}")
        started = time.perf_counter()
        bench = [sys.executable, "-m"]
        subprocess.run(
            [*bench, "bench.generate", "--postgres-url", url, "--persons", str(args.persons)],
            check=True,
        )
        print(f"generated in {time.perf_counter() - started:.1f} s", flush=True)
        if "dashboard" in wanted:
            subprocess.run([*bench, "bench.dashboard", "--postgres-url", url], check=True)
        if "read_path" in wanted:
            subprocess.run(
                [*bench, "bench.read_path", "--postgres-url", url, "--seconds", str(args.seconds)],
                check=True,
            )
        if "monthly_report" in wanted:
            subprocess.run([*bench, "bench.monthly_report", "--postgres-url", url], check=True)


if __name__ == "__main__":
    main()
