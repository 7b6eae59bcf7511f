"""Who is asking: the client's address, read through the reverse proxies the operator
trusts (TANDEM_TRUSTED_PROXIES) and never from what a client may write itself."""

from __future__ import annotations

from collections.abc import Sequence
from ipaddress import IPv4Network, IPv6Network, ip_address

from django.conf import settings
from django.http import HttpRequest

Network = IPv4Network | IPv6Network


def _trusted(address: str, proxies: Sequence[Network]) -> bool:
    try:
        return any(ip_address(address) in network for network in proxies)
    except ValueError:
        return False


def client_ip(request: HttpRequest) -> str | None:
    """The client's address: REMOTE_ADDR, unless that is a trusted proxy; then, walking
    X-Forwarded-For from the right (each proxy appends its peer), the first address that
    is not a trusted proxy. Entries further left were written by the client: never read."""
    remote = request.META.get("REMOTE_ADDR") or None
    proxies = settings.TANDEM_TRUSTED_PROXIES
    if remote is None or not _trusted(remote, proxies):
        return remote
    address = remote
    for hop in reversed(request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")):
        try:
            hop = str(ip_address(hop.strip()))
        except ValueError:
            break  # a trusted proxy wrote no address here: keep the last one it vouched for
        address = hop
        if not _trusted(hop, proxies):
            break
    return address
