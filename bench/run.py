"""Run every benchmark back to back and print their tables (for docs/performance.md).

    .venv/bin/python bench/run.py

Needs PostgreSQL on 127.0.0.1 (BENCH_PG_URL, default postgres://postgres@127.0.0.1:5432)
and installs wrk if it is missing. Creates and drops only tandem_bench* databases."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def main() -> int:
    failed = 0
    for script in ("throughput.py", "reminder_scan.py"):
        failed |= subprocess.run([sys.executable, str(HERE / script)]).returncode
    return failed


if __name__ == "__main__":
    sys.exit(main())
