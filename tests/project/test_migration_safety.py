"""Migrations run while the previous release still serves (docs/operations.md, 'Upgrading'):
none may rewrite an existing table, lock it for a scan or an index build, hold schema locks
through a data migration, be impossible to reverse, or remove what the old release reads —
beyond the ones that shipped before the check, each accepted with its cost written down."""

from __future__ import annotations

import pytest
from django.contrib.postgres.operations import AddConstraintNotValid, AddIndexConcurrently
from django.db import migrations, models
from django.db.migrations.loader import MigrationLoader
from django.db.models.functions import Now

from coaching.migration_safety import ACCEPTED, risks_of, unsafe_migrations


def test_no_migration_is_unsafe_beyond_the_accepted_ones():
    found = unsafe_migrations()

    unaccepted = {name: [f"{r.operation}: {r.reason}" for r in risks] for name, risks in found.items() if name not in ACCEPTED}
    assert unaccepted == {}, "make these safe (see coaching/migration_safety.py), or accept them with their cost"
    assert set(ACCEPTED) == set(found), "an accepted migration is no longer unsafe: take it off the list"


def noop(apps, schema_editor) -> None:
    pass


@pytest.fixture(scope="module")
def current_state():
    return MigrationLoader(None, ignore_no_migrations=True).project_state()


def reasons(current_state, *operations, atomic: bool = True) -> list[str]:
    """The risks found in a migration of `engagements` made of `operations`, on today's schema."""
    migration = type("Migration", (migrations.Migration,), {"operations": list(operations), "atomic": atomic})(
        "9999_probe", "engagements"
    )
    return [risk.reason for risk in risks_of(migration, current_state)]


INDEX = models.Index(fields=["due_on"], name="reminder_probe")
SAFE = [
    migrations.AddField("reminder", "note", models.CharField(max_length=20, default="")),
    migrations.AddField("reminder", "noted_at", models.DateTimeField(null=True)),
    migrations.AlterField("reminder", "last_error", models.CharField(max_length=500, blank=True)),
    migrations.AlterField("reminder", "kind", models.TextField()),
    AddIndexConcurrently("reminder", INDEX),
    AddConstraintNotValid("reminder", models.CheckConstraint(condition=models.Q(attempts__lte=100), name="probe")),
    migrations.RunPython(noop, migrations.RunPython.noop),
    migrations.AlterModelOptions("reminder", {"ordering": ["due_on"]}),
]
UNSAFE = [
    (migrations.AddIndex("reminder", INDEX), "builds an index without CONCURRENTLY"),
    (migrations.AddConstraint("reminder", models.UniqueConstraint(fields=["claim"], name="probe")), "builds a unique index"),
    (migrations.AddConstraint("reminder", models.CheckConstraint(condition=models.Q(attempts__lte=100), name="probe")), "validates a check constraint"),
    (migrations.AddField("reminder", "batch", models.ForeignKey("engagements.user", models.SET_NULL, null=True)), "builds an index"),
    (migrations.AddField("reminder", "noted_at", models.DateTimeField(db_default=Now())), "not a constant: rewrites the table"),
    (migrations.AlterField("reminder", "attempts", models.IntegerField(default=0)), "changes the column type (smallint → integer)"),
    (migrations.AlterField("reminder", "last_error", models.CharField(max_length=100, blank=True)), "changes the column type"),
    (migrations.AlterField("reminder", "sent_at", models.DateTimeField()), "makes the column NOT NULL"),
    (migrations.AlterField("reminder", "due_on", models.DateField(db_index=True)), "builds an index"),
    (migrations.RunPython(noop), "has no reverse"),
    (migrations.RunSQL("SELECT 1"), "has no reverse"),
    (migrations.RemoveField("reminder", "last_error"), "removes or renames"),
    (migrations.RenameField("reminder", "last_error", "error"), "removes or renames"),
    (migrations.DeleteModel("reminder"), "removes or renames"),
]


@pytest.mark.parametrize("operation", SAFE, ids=lambda op: op.describe())
def test_an_operation_that_takes_no_long_lock_passes(current_state, operation):
    assert reasons(current_state, operation) == []


@pytest.mark.parametrize("operation, reason", UNSAFE, ids=lambda value: getattr(value, "describe", lambda: "")())
def test_an_operation_that_locks_rewrites_or_strands_the_old_release_is_named(current_state, operation, reason):
    (found,) = reasons(current_state, operation)

    assert reason in found


def test_a_data_migration_after_a_schema_change_holds_its_locks(current_state):
    add = migrations.AddField("reminder", "note", models.CharField(max_length=20, default=""))
    data = migrations.RunPython(noop, migrations.RunPython.noop)

    assert reasons(current_state, add, data) == [
        "runs data changes in the same transaction as schema changes, holding their locks"
    ]
    assert reasons(current_state, add, data, atomic=False) == []


def test_a_table_created_in_the_same_migration_is_new_and_empty(current_state):
    create = migrations.CreateModel("Probe", [("id", models.BigAutoField(primary_key=True)), ("day", models.DateField())])
    index = migrations.AddIndex("probe", models.Index(fields=["day"], name="probe_day"))
    unique = migrations.AlterField("probe", "day", models.DateField(unique=True))

    assert reasons(current_state, create, index, unique) == []
