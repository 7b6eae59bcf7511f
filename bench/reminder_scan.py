"""Reminder scan scaling: the scan over 10 000 and over 100 000 milestones with the same
number coming due, in one run. Each size gets its own generated practice with the same
coaches, coachees and action items — only the milestones grow, 10 or 100 an MPC
engagement — and the same milestones pending and due by today + 7; each scan runs inside a transaction that is then
rolled back, so every repeat finds the same work. Prints the median times and the
EXPLAIN ANALYZE of the query that selects milestones coming due.

    .venv/bin/python bench/reminder_scan.py
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from datetime import UTC, datetime
from datetime import time as clock
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import build_practice, setup_django  # noqa: E402

# (milestones, pending milestones due by today + 7) → database
DATABASES = {
    (10_000, 500): "tandem_bench_scan_10k",
    (100_000, 500): "tandem_bench_scan_100k",
    (10_000, 5_000): "tandem_bench_scan_10k_5000",
}
MAX_RATIO = 1.5  # 100k milestones ÷ 10k, the same due
MAX_DUE_RATIO = 3.0  # 5,000 due ÷ 500 due
MAX_QUERIES = 50


class Rollback(Exception):
    pass


def scan_once(now: datetime) -> dict:
    """Time one whole scan and its milestone query; undo everything it wrote."""
    from django.db import connection, transaction

    from engagements import reminders
    from engagements.models import Reminder

    result: dict = {"queries": 0, "milestone_sql": "", "milestone_query_ms": 0.0}

    def watch(execute, sql, params, many, context):
        result["queries"] += 1
        # The milestones' planning: one INSERT … SELECT of the pending milestones coming due.
        if result["milestone_sql"] or not (sql.startswith("INSERT") and '"mpc_milestone"' in sql):
            return execute(sql, params, many, context)
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            result["milestone_query_ms"] = (time.perf_counter() - started) * 1000
            result["milestone_sql"] = context["cursor"].mogrify(sql, params).decode()

    try:
        with transaction.atomic(), connection.execute_wrapper(watch):
            started = time.perf_counter()
            claims = reminders.scan_reminders(dispatch=lambda claim: None, now=now)
            result["scan_ms"] = (time.perf_counter() - started) * 1000
            result["reminders"] = Reminder.objects.count()
            result["claims"] = len(claims)
            raise Rollback
    except Rollback:
        pass
    return result


def explain(sql: str) -> str:
    """EXPLAIN ANALYZE of the statement, its writes rolled back."""
    from django.db import connection, transaction

    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) " + sql)
            raise Rollback("\n".join(row[0] for row in cursor.fetchall()))
    except Rollback as plan:
        return plan.args[0]


def _configured() -> bool:
    from django.conf import settings

    return settings.configured


def measure_size(milestones: int, *, due: int, repeats: int, coaches: int, coachees: int) -> dict:
    database = DATABASES[(milestones, due)]
    print(f"Building {database}: {milestones} milestones, {due} coming due …", flush=True)
    env = build_practice(database, coaches=coaches, coachees=coachees, milestones=milestones, due=due)
    if "django" not in sys.modules or not _configured():
        setup_django(env)
    else:  # after the first size: point Django's connection at the next database
        from django.db import connections

        connections["default"].close()
        connections["default"].settings_dict["NAME"] = database
    from django.utils import timezone

    from mpc.models import Milestone

    # Noon UTC today: digests (sent from the digest hour on) are claimed as well.
    now = datetime.combine(timezone.now().astimezone(UTC).date(), clock(12), tzinfo=UTC)
    scan_once(now)  # warm caches and connection
    runs = [scan_once(now) for _ in range(repeats)]
    return {
        "milestones": Milestone.objects.count(),
        "pending_due": Milestone.objects.pending().filter(due_on__lte=now.date() + timezone.timedelta(days=7)).count(),
        "scan_ms": statistics.median(r["scan_ms"] for r in runs),
        "milestone_query_ms": statistics.median(r["milestone_query_ms"] for r in runs),
        "reminders": runs[0]["reminders"],
        "claims": runs[0]["claims"],
        "queries": runs[0]["queries"],
        "plan": explain(runs[0]["milestone_sql"]),
    }


def report(results: dict[tuple[int, int], dict]) -> tuple[str, bool]:
    small, large, many = results[(10_000, 500)], results[(100_000, 500)], results[(10_000, 5_000)]
    ratio = large["scan_ms"] / small["scan_ms"]
    due_ratio = many["scan_ms"] / small["scan_ms"]
    lines = [
        "| milestones | pending, due by today + 7 | reminders planned | claims | queries | whole scan (median) | milestone query (median) |",
        "|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in (small, large, many):
        lines.append(
            f"| {r['milestones']:,} | {r['pending_due']:,} | {r['reminders']:,} | {r['claims']:,} | {r['queries']:,} "
            f"| {r['scan_ms']:.0f} ms | {r['milestone_query_ms']:.1f} ms |"
        )
    seq = "Seq Scan on mpc_milestone" in large["plan"]
    same_queries = small["queries"] == large["queries"] == many["queries"]
    few = max(r["queries"] for r in (small, large, many)) <= MAX_QUERIES
    ok = ratio <= MAX_RATIO and due_ratio <= MAX_DUE_RATIO and same_queries and few and not seq
    lines.append("")
    lines.append(f"100k scan / 10k scan (500 due): **{ratio:.2f}×** (goal ≤ {MAX_RATIO}×) — {'met' if ratio <= MAX_RATIO else 'NOT met'}; "
                 f"sequential scan on mpc_milestone: {'YES' if seq else 'no'}")
    lines.append(f"5,000 due / 500 due (10k milestones): **{due_ratio:.2f}×** (goal ≤ {MAX_DUE_RATIO}×) — "
                 f"{'met' if due_ratio <= MAX_DUE_RATIO else 'NOT met'}")
    lines.append(f"queries: {small['queries']} / {large['queries']} / {many['queries']} (goal: equal, ≤ {MAX_QUERIES}) — "
                 f"{'met' if same_queries and few else 'NOT met'}")
    lines += ["", "EXPLAIN ANALYZE of the milestones' planning (INSERT … SELECT) at 100 000 milestones:", "", "```", large["plan"], "```"]
    return "\n".join(lines), ok


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--repeats", type=int, default=5)
    p.add_argument("--coaches", type=int, default=100)
    p.add_argument("--coachees", type=int, default=2000, help="the same at both sizes")
    args = p.parse_args()
    results = {
        (size, due): measure_size(size, due=due, repeats=args.repeats, coaches=args.coaches, coachees=args.coachees)
        for size, due in DATABASES
    }
    text, ok = report(results)
    print("\nReminder scan:\n")
    print(text)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
