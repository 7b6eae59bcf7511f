"""Migration operations that keep an upgrade from locking a table while the previous
release still serves, on PostgreSQL, and that still run on SQLite (the embedded default),
which knows no NOT VALID constraint."""

from __future__ import annotations

from django.contrib.postgres.operations import AddConstraintNotValid, AddIndexConcurrently, ValidateConstraint
from django.db.migrations import AddConstraint, AddIndex


class AddCheckNotValid(AddConstraintNotValid):
    """A check constraint that PostgreSQL starts enforcing on new writes at once, without
    scanning the table under an exclusive lock (ValidateCheck scans it later, without one);
    elsewhere a plain constraint."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            return super().database_forwards(app_label, schema_editor, from_state, to_state)
        return AddConstraint.database_forwards(self, app_label, schema_editor, from_state, to_state)


class ValidateCheck(ValidateConstraint):
    """Check the rows a NOT VALID constraint has not seen yet (PostgreSQL only: elsewhere the
    constraint was checked when it was added)."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            super().database_forwards(app_label, schema_editor, from_state, to_state)


class AddIndexQuietly(AddIndexConcurrently):
    """An index PostgreSQL builds CONCURRENTLY, without blocking writes (in a migration with
    `atomic = False`); elsewhere a plain index."""

    def database_forwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            return super().database_forwards(app_label, schema_editor, from_state, to_state)
        return AddIndex.database_forwards(self, app_label, schema_editor, from_state, to_state)

    def database_backwards(self, app_label, schema_editor, from_state, to_state):
        if schema_editor.connection.vendor == "postgresql":
            return super().database_backwards(app_label, schema_editor, from_state, to_state)
        return AddIndex.database_backwards(self, app_label, schema_editor, from_state, to_state)
