"""Helpers for page tests: logged-in clients for the cast."""

from __future__ import annotations

import uuid

import pytest
from django.test import Client


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def as_alice(alice) -> Client:
    return client_for(alice)


@pytest.fixture
def as_carol(carol) -> Client:
    return client_for(carol)


@pytest.fixture
def as_ada(ada) -> Client:
    return client_for(ada)


@pytest.fixture
def as_eve(eve) -> Client:
    return client_for(eve)


def new_engagement_form(*, title: str = "Career", returning=(), newcomers=(), token=None, **fields) -> dict:
    """What the "Open an engagement" page posts: returning clients by id, new ones as
    rows of the newcomers' formset."""
    data = {
        "token": token or uuid.uuid4(),
        "title": title,
        "opened_on": "2026-01-05",
        "coachees": [str(c.public_id) for c in returning],
        "newcomers-TOTAL_FORMS": str(max(len(newcomers), 1)),
        "newcomers-INITIAL_FORMS": "0",
        "newcomers-MIN_NUM_FORMS": "0",
        "newcomers-MAX_NUM_FORMS": "20",
    }
    for index, person in enumerate(newcomers):
        data |= {f"newcomers-{index}-{name}": value for name, value in person.items()}
    return data | fields


NINA = {"first_name": "Nina", "last_name": "New", "email": "nina@example.com"}
