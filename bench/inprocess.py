"""Where an endpoint's time goes, in-process: the four endpoints of bench/throughput.py,
asked through Django's test client under the same production settings and the same
people, on the practice the last throughput run built (`tandem_bench`).

    .venv/bin/python bench/inprocess.py                      # median time and queries of each
    .venv/bin/python bench/inprocess.py --profile portal     # and cProfile of the endpoint named so

Times here are one process on one core, without gunicorn or wrk: they tell where the work
is and whether a change removed some, not what a user waits for under load.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import production_env, setup_django  # noqa: E402
from throughput import DATABASE, endpoints  # noqa: E402


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--requests", type=int, default=30, help="requests per endpoint, after 3 to warm up")
    p.add_argument("--profile", default="", help="profile the endpoint whose name contains this")
    p.add_argument("--top", type=int, default=35, help="lines of the profile to print")
    args = p.parse_args()

    setup_django(production_env(DATABASE))
    from django.db import connection
    from django.test import Client

    client = Client()
    print(f"{'endpoint':<28} {'median':>9} {'queries':>8} {'bytes':>8}")
    for endpoint in endpoints():
        def ask():
            response = client.get(endpoint.path, headers=endpoint.headers, secure=True, HTTP_HOST="127.0.0.1")
            assert response.status_code == 200, (endpoint.path, response.status_code)
            return response

        for _ in range(3):
            ask()
        queries: list[tuple[float, str]] = []

        def count(execute, sql, params, many, context):
            start = time.perf_counter()
            try:
                return execute(sql, params, many, context)
            finally:
                queries.append((time.perf_counter() - start, sql))

        with connection.execute_wrapper(count):
            response = ask()
        times = []
        for _ in range(args.requests):
            start = time.perf_counter()
            ask()
            times.append((time.perf_counter() - start) * 1000)
        print(f"{endpoint.name:<28} {statistics.median(times):>7.1f} ms {len(queries):>8} {len(response.content):>8}")
        if args.profile and args.profile in endpoint.name:
            profiler = cProfile.Profile()
            profiler.enable()
            for _ in range(args.requests):
                ask()
            profiler.disable()
            out = io.StringIO()
            pstats.Stats(profiler, stream=out).sort_stats("cumulative").print_stats(args.top)
            print(out.getvalue())
            for seconds, sql in queries:
                print(f"  {seconds * 1000:6.2f} ms  {sql[:240]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
