"""The benchmark's floors are never served unless TANDEM_BENCH_VIEWS turns them on."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("path", ["/bench/bare/", "/bench/api-bare/"])
def test_bench_floors_are_not_served_by_default(client, alice, path):
    client.force_login(alice)

    assert client.get(path).status_code == 404
