#!/bin/sh
# Restore one of ops/backup.sh's dumps into a NEW database (docs/operations.md, "Restore"):
#   restore.sh /backups/tandem-20260101T020000Z.dump tandem_restored
# It never touches an existing database: creating the target fails if the name is taken.
# The server is named by libpq's variables (PGHOST, PGPORT, PGUSER, PGPASSWORD).
set -eu

if [ "$#" -ne 2 ]; then
    echo "usage: restore.sh DUMP NEW_DATABASE" >&2
    exit 2
fi
dump="$1"
database="$2"

pg_restore --list "$dump" >/dev/null # a truncated or foreign file stops here, before anything is created
createdb --maintenance-db=postgres "$database"
pg_restore --no-owner --no-privileges --exit-on-error --single-transaction --dbname="$database" "$dump"
echo "restore: $dump is now the database $database"
