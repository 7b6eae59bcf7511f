"""Helpers for page tests: logged-in clients for the cast."""

from __future__ import annotations

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
