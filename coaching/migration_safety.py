"""Which of Tandem's migrations are unsafe to run while the previous release still serves.

An upgrade runs the new release's migrations (the compose file's one-shot `migrate`) while
the old web and worker still serve; they stop only once it succeeded. So, on PostgreSQL, an
operation on a table that already exists is unsafe when it:

- rewrites the table, or scans it holding an ACCESS EXCLUSIVE lock that stops reads and
  writes: AlterField changing the column's type (widening a varchar is fine) or making it
  NOT NULL; AddField with a database default that is not a constant;
- builds an index without CONCURRENTLY, which blocks writes while it builds: AddIndex,
  a unique or exclusion AddConstraint, AddField or AlterField adding a unique field, an
  index or a foreign key (use AddIndexConcurrently in a non-atomic migration);
- validates a check constraint by scanning the table (use AddConstraintNotValid, then
  ValidateConstraint in a later migration);
- runs a data migration in the same transaction as schema changes to existing tables,
  holding their locks for the whole loop (put it in a migration of its own);
- cannot be reversed (RunPython or RunSQL without reverse code), so a rollback is impossible;
- removes or renames what the old release still reads (RemoveField, RenameField,
  DeleteModel, RenameModel, AlterModelTable): do it one release after the code stopped.

Every existing table counts as possibly large: the check cannot know a practice's sizes.
A table created earlier in the same migration is new and empty, so nothing applies to it.
ACCEPTED lists the migrations that shipped before this check, each with what it costs.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.postgres.operations import (
    AddConstraintNotValid,
    AddIndexConcurrently,
)
from django.db import migrations, models
from django.db.backends.postgresql.base import DatabaseWrapper as PostgreSQL
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.migration import Migration
from django.db.migrations.state import ProjectState

OUR_APPS = ("kit", "coaching", "engagements", "sessions_grow", "mpc")

ACCEPTED = {
    "coaching.0002_submission_token_moves_to_kit": (
        "Shipped before this check: drops the old double-submit token table that the release before "
        "still reads, so a form that release served fails once if submitted while the upgrade runs."
    ),
    "engagements.0002_audit_origin": (
        "Shipped before this check: locks the audit table (engagements_engagementevent) while it adds an "
        "index, back-fills engagement_ref row by row and makes it NOT NULL. Upgrading across it with a long "
        "audit trail: stop web and worker first (docs/operations.md, 'Upgrading')."
    ),
    "engagements.0004_remind_partial_indexes": (
        "Shipped before this check: a plain CREATE INDEX on action items blocks writes to them while it "
        "builds (seconds for a hundred thousand rows)."
    ),
    "engagements.0005_revise_and_withdraw": (
        "Its locking steps touch only roster tables that stay small in any practice (clients, supervision "
        "entries: hundreds of rows): two index builds, a NOT NULL and a check on supervision entries, and two "
        "data steps (public ids for supervision entries; existing exploratory summaries stay shared). "
        "Milliseconds; the large tables only gain nullable or defaulted columns, which PostgreSQL adds "
        "without rewriting them."
    ),
    "mpc.0002_remind_partial_indexes": (
        "Shipped before this check: a plain CREATE INDEX on milestones blocks writes to them while it "
        "builds (seconds for a hundred thousand rows)."
    ),
}

# Column types are read as PostgreSQL would have them, whatever database the check runs on.
POSTGRESQL = PostgreSQL({"ENGINE": "django.db.backends.postgresql", "NAME": "types-only"}, alias="migration-safety")
REMOVES_OR_RENAMES = (
    migrations.RemoveField,
    migrations.RenameField,
    migrations.DeleteModel,
    migrations.RenameModel,
    migrations.AlterModelTable,
)
DATA_MIGRATIONS = (migrations.RunPython, migrations.RunSQL)
PYTHON_ONLY = (migrations.AlterModelOptions, migrations.AlterModelManagers)  # no SQL, so no lock


@dataclass(frozen=True)
class Risk:
    """One unsafe operation of one migration, and why."""

    migration: str
    operation: str
    reason: str


def _indexed(field: models.Field) -> bool:
    return bool(field.unique or field.db_index or field.remote_field)


def _widened_varchar(old: str | None, new: str | None) -> bool:
    """varchar(n) → varchar(m ≥ n) or text: PostgreSQL changes only the catalogue."""
    if not (old or "").startswith("varchar(") or not new:
        return False
    return new == "text" or (new.startswith("varchar(") and int(new[8:-1]) >= int(old[8:-1]))


def _field_risks(old: models.Field | None, new: models.Field) -> list[str]:
    reasons = []
    if old is None:  # AddField
        default = new.db_default
        if default is not models.NOT_PROVIDED and not isinstance(default, models.Value):
            reasons.append("adds a column whose database default is not a constant: rewrites the table")
    else:
        old_type, new_type = old.db_type(POSTGRESQL), new.db_type(POSTGRESQL)
        if old_type != new_type and not _widened_varchar(old_type, new_type):
            reasons.append(f"changes the column type ({old_type} → {new_type}): rewrites the table")
        if old.null and not new.null:
            reasons.append("makes the column NOT NULL: scans the table under an exclusive lock")
    if _indexed(new) and not (old is not None and _indexed(old)):
        reasons.append("builds an index without CONCURRENTLY: blocks writes while it builds")
    return reasons


def _bound_field(state: ProjectState, app_label: str, operation) -> models.Field:
    """The field an operation names, as the model rendered from `state` has it (foreign keys resolved)."""
    return state.apps.get_model(app_label, operation.model_name_lower)._meta.get_field(operation.name)


def _operation_risks(
    operation, state: ProjectState, app_label: str, *, schema_changed: bool, old_field: models.Field | None
) -> list[str]:
    """Why one operation on an existing table is unsafe (empty when it is safe); `state` is the
    project after it, `old_field` the field an AlterField changes."""
    if isinstance(operation, REMOVES_OR_RENAMES):
        return ["removes or renames what the previous release still reads"]
    if isinstance(operation, DATA_MIGRATIONS):
        reasons = []
        if not operation.reversible:
            reasons.append("has no reverse: a rollback past it is impossible")
        if schema_changed:
            reasons.append("runs data changes in the same transaction as schema changes, holding their locks")
        return reasons
    if isinstance(operation, (AddIndexConcurrently, AddConstraintNotValid)):
        return []
    if isinstance(operation, migrations.AddIndex):
        return ["builds an index without CONCURRENTLY: blocks writes while it builds"]
    if isinstance(operation, migrations.AddConstraint):
        if isinstance(operation.constraint, models.CheckConstraint):
            return ["validates a check constraint by scanning the table under an exclusive lock"]
        return ["builds a unique index without CONCURRENTLY: blocks writes while it builds"]
    if isinstance(operation, (migrations.AlterUniqueTogether, migrations.AlterIndexTogether)) and operation.option_value:
        return ["builds an index without CONCURRENTLY: blocks writes while it builds"]
    if isinstance(operation, migrations.AddField):
        return _field_risks(None, operation.field)
    if isinstance(operation, migrations.AlterField):
        return _field_risks(old_field, _bound_field(state, app_label, operation))
    return []


def risks_of(migration: Migration, state: ProjectState) -> list[Risk]:
    """The unsafe operations of `migration`, applied to `state` (the project before it)."""
    state, created, schema_changed, risks = state.clone(), set(), False, []
    app_label, name = migration.app_label, f"{migration.app_label}.{migration.name}"
    for operation in migration.operations:
        model = getattr(operation, "model_name_lower", None) or getattr(operation, "name_lower", None)
        if isinstance(operation, migrations.CreateModel):
            created.add(operation.name_lower)
        existing = model not in created  # a data migration names no model: it always counts
        altered = isinstance(operation, migrations.AlterField) and existing
        old_field = _bound_field(state, app_label, operation) if altered else None
        operation.state_forwards(app_label, state)
        if existing:
            reasons = _operation_risks(
                operation, state, app_label, schema_changed=schema_changed and migration.atomic, old_field=old_field
            )
            risks += [Risk(name, operation.describe(), reason) for reason in reasons]
            schema_changed |= not isinstance(operation, (*DATA_MIGRATIONS, *PYTHON_ONLY))
    return risks


def unsafe_migrations(apps: tuple[str, ...] = OUR_APPS) -> dict[str, list[Risk]]:
    """Every migration of `apps` with at least one unsafe operation, and its risks."""
    loader = MigrationLoader(None, ignore_no_migrations=True)
    found = {}
    for key, migration in sorted(loader.disk_migrations.items()):
        if key[0] in apps and (risks := risks_of(migration, loader.project_state(key, at_end=False))):
            found[f"{key[0]}.{key[1]}"] = risks
    return found
