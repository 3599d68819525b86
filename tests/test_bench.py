"""The benchmarks run: each on a small data set for a fraction of a second.

Their figures are for the README, not for the suite; what is checked here is
that they still start their servers, get answers without errors and print
their ratios, so a change to the app cannot leave them broken unnoticed.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.live_server import ROOT


def bench(*args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


def errors_reported(output: str) -> list[int]:
    return [int(n) for n in re.findall(r"(\d+) errors\)", output)]


def test_read_path_benchmark_runs(tmp_path: Path) -> None:
    data = tmp_path / "data"
    bench("bench.generate", "--data-dir", str(data), "--persons", "200", "--offices", "10")
    out = bench("bench.read_path", "--data-dir", str(data), "--seconds", "0.3", "--clients", "2")
    # App, floor and ceiling for each viewer; the ceiling checked its JSON is the app's.
    assert len(errors_reported(out)) == 6 and not any(errors_reported(out)), out
    assert len(re.findall(r"ratio app/floor \w+: \d+\.\d\d", out)) == 2, out
    assert len(re.findall(r"ratio ceiling/floor \w+: \d+\.\d\d", out)) == 2, out


def test_write_path_benchmark_runs() -> None:
    out = bench("bench.write_path", "--seconds", "0.3", "--clients", "2")
    assert len(errors_reported(out)) == 5 and not any(errors_reported(out)), out
    assert re.search(r"ratio app/floor: \d+\.\d\d", out), out


def test_monthly_report_benchmark_runs(tmp_path: Path) -> None:
    data = tmp_path / "data"
    bench("bench.generate", "--data-dir", str(data), "--persons", "200", "--offices", "10")
    out = bench(
        "bench.monthly_report", "--data-dir", str(data), "--repeats", "1", "--counties", "3"
    )
    lines = re.findall(r"^(county|province) .* median +\d+\.\d ms", out, re.M)
    assert lines == ["county", "province"], out
    # The province holds every office; the regrouping was rolled back.
    assert re.search(r"province .*on the register at month end \d+", out), out
