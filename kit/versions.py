"""No lost updates: an edit names the version it started from, and is refused if the
row changed since. The API speaks it as ETag / If-Match, the pages as a hidden field."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from kit.errors import RuleBroken


def version_of(obj: Any) -> str | None:
    """A strong validator for a row that records when it last changed."""
    changed = getattr(obj, "updated_at", None)
    if changed is None or obj.pk is None:
        return None
    public_id = getattr(obj, "public_id", None)
    key = public_id.hex if public_id is not None else f"{obj._meta.label_lower}.{obj.pk}"
    return f'"{key}-{int(changed.timestamp() * 1_000_000)}"'


class StaleEdit(RuleBroken):
    """The row changed after the editor read it; `current` is what it holds now."""

    def __init__(self, current: Any) -> None:
        super().__init__("stale_edit", _("someone changed this meanwhile: compare both versions, then save again"))
        self.current = current


@contextmanager
def unchanged_since(obj: Any, version: str | None) -> Iterator[Any]:
    """Hold the row locked for the block, refusing (StaleEdit) if it is no longer at
    `version`; no version given means the caller does not ask for the check."""
    with transaction.atomic():
        current = type(obj)._default_manager.select_for_update().get(pk=obj.pk)
        if version and version.strip() != "*" and version_of(current) not in [v.strip() for v in version.split(",")]:
            raise StaleEdit(current)
        yield current
