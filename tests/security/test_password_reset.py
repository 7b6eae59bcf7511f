"""Password reset tells nothing: the page does the same work, in the same queries, for a
known and an unknown address (the email goes out from the worker), and requests are
rate-limited per client address and per account."""

from __future__ import annotations

from django.core import mail
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from coaching.accounts import RESET_PER_ACCOUNT, RESET_PER_ADDRESS
from coaching.models import ThrottleHit
from coaching.tasks import send_password_reset

URL = "/accounts/password_reset/"


def ask_reset(client: Client, email: str, capture) -> tuple[int, int, int]:
    """(status, queries, tasks queued) of one reset request."""
    with capture() as queued, CaptureQueriesContext(connection) as queries:
        response = client.post(URL, {"email": email})
    return response.status_code, len(queries), len(queued)


def test_a_known_and_an_unknown_address_get_the_same_answer_and_work(alice, django_capture_on_commit_callbacks):
    known = ask_reset(Client(REMOTE_ADDR="198.51.100.1"), alice.email, django_capture_on_commit_callbacks)
    unknown = ask_reset(Client(REMOTE_ADDR="198.51.100.2"), "nobody@example.com", django_capture_on_commit_callbacks)

    assert known == unknown == (302, known[1], 1)
    assert mail.outbox == []  # nothing is sent while the page answers


def test_the_worker_sends_the_link_to_a_known_address_only(alice, settings):
    settings.SITE_URL = "https://tandem.example"

    send_password_reset.run(email=alice.email)
    send_password_reset.run(email="nobody@example.com")

    (message,) = mail.outbox
    assert message.to == [alice.email] and "https://tandem.example/accounts/reset/" in message.body


def test_requests_from_one_address_are_limited(db, django_capture_on_commit_callbacks):
    client = Client(REMOTE_ADDR="203.0.113.50")

    answers = [ask_reset(client, f"person{n}@example.com", django_capture_on_commit_callbacks)[0] for n in range(RESET_PER_ADDRESS + 1)]

    assert answers == [302] * RESET_PER_ADDRESS + [429]
    assert Client(REMOTE_ADDR="203.0.113.51").post(URL, {"email": "someone@example.com"}).status_code == 302


def test_requests_for_one_account_are_limited_from_any_address(alice, django_capture_on_commit_callbacks):
    answers = [
        ask_reset(Client(REMOTE_ADDR=f"203.0.113.{n}"), alice.email, django_capture_on_commit_callbacks)[0]
        for n in range(RESET_PER_ACCOUNT + 1)
    ]
    refused = Client(REMOTE_ADDR="203.0.113.99").post(URL, {"email": alice.email.upper()})

    assert answers == [302] * RESET_PER_ACCOUNT + [429]
    assert refused.status_code == 429 and "Too many password reset requests" in refused.content.decode()


def test_the_limits_keep_no_address_or_email(alice, django_capture_on_commit_callbacks):
    ask_reset(Client(REMOTE_ADDR="203.0.113.7"), alice.email, django_capture_on_commit_callbacks)

    kept = " ".join(" ".join(map(str, row)) for row in ThrottleHit.objects.values_list())
    assert ThrottleHit.objects.count() == 2
    assert alice.email not in kept and "203.0.113.7" not in kept
