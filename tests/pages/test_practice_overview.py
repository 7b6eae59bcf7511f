"""The admins' practice overview: four tables, each downloadable as CSV, and the same
through the API."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest
import time_machine
from django.utils import timezone

from coaching import overview
from engagements import services
from engagements.models import Engagement
from sessions_grow.models import CoachingSession
from tests.conftest import client_for as api_client_for
from tests.conftest import engagement_in
from tests.factories import CertificationFactory
from tests.pages.conftest import client_for

TODAY = date(2026, 6, 15)


@pytest.fixture
def practice(alice, bob, carol, dave, ada):
    """alice: one closed engagement (baseline 3 → final 8) and sessions in May and June;
    bob: one active engagement; certifications lapsing soon, later, lapsed and revoked."""
    with time_machine.travel(date(2026, 6, 15), tick=False):
        closed = engagement_in(Engagement.State.CLOSED, alice, carol)
        engagement_in(Engagement.State.ACTIVE, bob, dave, title="Career move")
        for number, (held_on, minutes) in enumerate([(date(2026, 5, 10), 60), (date(2026, 6, 2), 90), (date(2026, 6, 9), 30)], start=1):
            held_at = timezone.make_aware(timezone.datetime.combine(held_on, timezone.datetime.min.time()).replace(hour=10))
            CoachingSession.objects.create(
                engagement=closed, number=number, scheduled_at=held_at, held_at=held_at, held_by=alice,
                status="held", duration_minutes=minutes,
            )
        CertificationFactory(coach=alice.coach, body="ICF", level="PCC", expires_on=TODAY + timedelta(days=30))
        CertificationFactory(coach=alice.coach, body="EMCC", level="Senior", expires_on=TODAY + timedelta(days=400))
        CertificationFactory(coach=bob.coach, body="ICF", level="ACC", expires_on=TODAY - timedelta(days=5))
        revoked = CertificationFactory(coach=bob.coach, body="EMCC", level="EIA", expires_on=TODAY + timedelta(days=10))
        services.revoke_certification(certification=revoked, reason="Withdrawn by the body", by=ada)


def rows(table) -> dict[str, tuple]:
    return {row[0]: row[1:] for row in table.rows}


def test_engagements_by_state(practice):
    table = overview.engagements_by_state()

    assert rows(table) == {"Active": ("1", "0"), "Closed": ("1", "0")}


def test_hours_per_coach_per_month(practice):
    table = overview.hours_per_coach_per_month(TODAY)

    assert table.headers[0] == "Coach" and table.headers[-3:] == ("May 2026", "Jun 2026", "Total")
    assert rows(table)["Alice Coach"][-3:] == ("1.00", "2.00", "3.00")
    assert rows(table)["Bob Coach"][-1] == "0.00"


def test_average_rating_change_over_closed_engagements(practice):
    table = overview.rating_change()

    assert rows(table) == {
        "Alice Coach": ("1", "1", "3.0", "8.0", "+5.0"),
        "All coaches": ("1", "1", "3.0", "8.0", "+5.0"),
    }


def test_certification_renewals_due(practice):
    table = overview.renewals_due(TODAY)

    assert [(row[0], row[1], row[2], row[4]) for row in table.rows] == [
        ("Bob Coach", "ICF", "ACC", "lapsed 5 days ago"),
        ("Alice Coach", "ICF", "PCC", "in 30 days"),
    ]


def test_each_table_downloads_as_csv(practice, ada):
    admin = client_for(ada)

    page = admin.get("/overview/")
    assert page.status_code == 200
    for key in ("engagements-by-state", "hours-per-coach", "rating-change", "renewals-due"):
        response = admin.get(f"/overview/?csv={key}")
        assert response["Content-Type"].startswith("text/csv")
        assert f"?csv={key}" in page.content.decode()
        header = next(csv.reader(io.StringIO(response.content.decode())))
        assert header == list(overview.tables()[key].headers)
    assert admin.get("/overview/?csv=nothing").status_code == 404


def test_the_api_gives_the_same_tables_to_admins_only(practice, ada, alice):
    answer = api_client_for(ada).get("/api/v1/reports/practice-overview/")

    assert [table["key"] for table in answer.json()] == ["engagements-by-state", "hours-per-coach", "rating-change", "renewals-due"]
    assert api_client_for(alice).get("/api/v1/reports/practice-overview/").status_code == 403
    assert client_for(alice).get("/overview/").status_code == 403
