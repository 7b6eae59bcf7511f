"""The reminder scan reads what is still to remind through partial indexes, so its cost
follows what is pending, not every milestone and action item the practice ever had
(bench/reminder_scan.py measures the scaling; docs/performance.md has the figures)."""

from __future__ import annotations

from django.db import connection

from engagements.reminders import find_action_items
from mpc.reminders import find_milestones

from .conftest import TODAY, in_days


def plan_of(candidates) -> str:
    """PostgreSQL's plan for the query behind `candidates`, with sequential scans priced
    out: a sequential scan still shows when no index can answer the query."""
    captured: list[str] = []

    def capture(execute, sql, params, many, context):
        captured.append(context["cursor"].mogrify(sql, params).decode())
        return execute(sql, params, many, context)

    with connection.execute_wrapper(capture):
        list(candidates)
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute("EXPLAIN (COSTS OFF) " + captured[0])
        return "\n".join(row for (row,) in cursor.fetchall())


def test_due_milestones_are_found_through_the_partial_index(needs_postgres):
    plan = plan_of(find_milestones(due_from=TODAY, due_to=in_days(7)))

    assert "mpc_milestone_to_remind" in plan
    assert "Seq Scan on mpc_milestone" not in plan


def test_due_action_items_are_found_through_the_partial_index(needs_postgres):
    plan = plan_of(find_action_items(due_from=TODAY, due_to=in_days(7)))

    assert "action_item_to_remind" in plan
    assert "Seq Scan on engagements_actionitem" not in plan
