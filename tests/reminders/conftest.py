"""Reminder fixtures: a fixed clock (time-machine), items due at chosen dates, and `scan`,
which runs the beat task's body the way a worker would, sending each claim once it commits.

The clock starts on Tuesday 10 March 2026 at 09:00 UTC: after the default digest hour (8)."""

from __future__ import annotations

import smtplib
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core import mail
from django.core.mail.backends.locmem import EmailBackend

from engagements import services, tasks
from engagements.models import ActionItem, ActionPlan, Engagement, Reminder, User

TODAY = date(2026, 3, 10)
NINE_AM = datetime(2026, 3, 10, 9, 0, tzinfo=UTC)


def in_days(days: int) -> date:
    return TODAY + timedelta(days=days)


def add_action(engagement: Engagement, coach: User, *, title: str, owner: User | None, due_on: date | None) -> ActionItem:
    plan = services.plan_for(engagement, ActionPlan.Kind.SESSIONS)
    return services.add_action_item(plan=plan, title=title, owner=owner, due_on=due_on, by=coach)


def emails_to(user: User) -> list[mail.EmailMultiAlternatives]:
    return [m for m in mail.outbox if m.to == [user.email]]


def html_of(message: mail.EmailMultiAlternatives) -> str:
    (html, mimetype), = message.alternatives
    assert mimetype == "text/html"
    return html


def statuses(**filters) -> list[tuple[str, str, int, str]]:
    """(recipient, kind, lead days, status) of the reminders matching `filters`, sorted."""
    rows = Reminder.objects.filter(**filters).values_list("recipient__username", "kind", "lead_days", "status")
    return sorted(rows)


@pytest.fixture
def clock(time_machine):
    """The test's clock, stopped at 09:00 UTC on TODAY; `clock.move_to(...)` moves it."""
    time_machine.move_to(NINE_AM, tick=False)
    return time_machine


@pytest.fixture
def scan(monkeypatch, django_capture_on_commit_callbacks):
    """Run one scan as the beat task does; each claim's send task runs when its claim commits."""
    monkeypatch.setattr(tasks.send_reminders, "delay", lambda **kwargs: tasks.send_reminders.run(**kwargs))

    def run() -> None:
        with django_capture_on_commit_callbacks(execute=True):
            tasks.scan_reminders.run()

    return run


@pytest.fixture
def bouncing(monkeypatch):
    """The mail server refuses carol's address."""
    send = EmailBackend.send_messages

    def refuse(self, messages):
        for message in messages:
            if "carol@example.com" in message.to:
                raise smtplib.SMTPRecipientsRefused({"carol@example.com": (550, b"5.1.1 mailbox unavailable")})
        return send(self, messages)

    monkeypatch.setattr(EmailBackend, "send_messages", refuse)
