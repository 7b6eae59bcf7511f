"""ops/backup.sh, which the compose file's `backup` service runs: a complete dump or none, the
newest BACKUP_KEEP kept, and a check that fails once the newest dump is two intervals old."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from tests.operations.drill import libpq_env, ops

OLDER = ["tandem-20200101T020000Z.dump", "tandem-20200102T020000Z.dump", "tandem-20200103T020000Z.dump"]


def backup(directory: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    return ops("backup.sh", *args, BACKUP_DIR=str(directory), **env)


@pytest.fixture
def older_dumps(tmp_path) -> Path:
    for name in OLDER:
        (tmp_path / name).write_bytes(b"an older dump")
    return tmp_path


def test_a_backup_keeps_only_the_newest_dumps(needs_postgres, older_dumps):
    done = backup(older_dumps, BACKUP_KEEP="2", **libpq_env())

    assert done.returncode == 0, done.stderr
    kept = sorted(path.name for path in older_dumps.iterdir())
    assert len(kept) == 2 and kept[0] == OLDER[-1] and kept[1] > OLDER[-1]
    assert (older_dumps / kept[1]).read_bytes().startswith(b"PGDMP")  # pg_dump's custom format
    assert f"removed {older_dumps / OLDER[0]}" in done.stdout


def test_a_failed_dump_leaves_no_file_and_removes_no_older_one(older_dumps):
    done = backup(older_dumps, BACKUP_KEEP="1", PGHOST="127.0.0.1", PGPORT="1", PGDATABASE="tandem")

    assert done.returncode != 0
    assert sorted(path.name for path in older_dumps.iterdir()) == OLDER


def test_the_check_fails_once_the_newest_dump_is_two_intervals_old(older_dumps):
    fresh = backup(older_dumps, "--check", BACKUP_INTERVAL_SECONDS="3600")
    three_hours_ago = time.time() - 3 * 3600
    for path in older_dumps.iterdir():
        os.utime(path, (three_hours_ago, three_hours_ago))

    stale = backup(older_dumps, "--check", BACKUP_INTERVAL_SECONDS="3600")

    assert fresh.returncode == 0, fresh.stderr
    assert stale.returncode == 1 and "no dump" in stale.stderr


@pytest.mark.parametrize("variable", ["BACKUP_KEEP", "BACKUP_INTERVAL_SECONDS"])
def test_a_retention_or_interval_that_is_not_a_whole_number_above_zero_is_refused(tmp_path, variable):
    done = backup(tmp_path, **{variable: "0"})

    assert done.returncode == 2 and f"{variable}=0" in done.stderr
    assert list(tmp_path.iterdir()) == []
