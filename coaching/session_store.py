"""Sessions in the database, read through the cache (Django's cached_db, written through),
each carrying its own end: a session read from the cache past its idle timeout is refused
as the database would refuse it, whatever the cache's own expiry says."""

from __future__ import annotations

import time

from django.contrib.sessions.backends import cached_db

ENDS_AT_KEY = "_ends_at"


class SessionStore(cached_db.SessionStore):
    def load(self) -> dict:
        data = super().load()
        if data.get(ENDS_AT_KEY, float("inf")) <= time.time():
            self._session_key = None
            return {}
        return data

    def save(self, must_create: bool = False) -> None:
        self._get_session(no_load=must_create)[ENDS_AT_KEY] = int(time.time()) + self.get_expiry_age()
        super().save(must_create=must_create)
