#!/bin/sh
# Tandem's database backups (docs/operations.md), run by the compose file's `backup` service:
#   backup.sh          take one dump now;
#   backup.sh --loop   take one now, then one every BACKUP_INTERVAL_SECONDS, forever;
#   backup.sh --check  succeed while the newest dump is younger than two intervals.
# Each dump is pg_dump's custom format (ops/restore.sh restores it), written under a temporary
# name and renamed once complete, so a half-written file never counts as a backup; then only
# the newest BACKUP_KEEP dumps are kept. The database is named by libpq's variables
# (PGHOST, PGPORT, PGUSER, PGPASSWORD, PGDATABASE).
set -eu

BACKUP_DIR="${BACKUP_DIR:-/backups}"
BACKUP_KEEP="${BACKUP_KEEP:-14}"
BACKUP_INTERVAL_SECONDS="${BACKUP_INTERVAL_SECONDS:-86400}"

whole_above_zero() {
    case "$2" in
        '' | *[!0-9]* | 0) echo "backup: $1=$2: give a whole number above zero" >&2; exit 2 ;;
    esac
}
whole_above_zero BACKUP_KEEP "$BACKUP_KEEP"
whole_above_zero BACKUP_INTERVAL_SECONDS "$BACKUP_INTERVAL_SECONDS"

backup_once() {
    target="$BACKUP_DIR/tandem-$(date -u +%Y%m%dT%H%M%SZ).dump"
    if ! pg_dump --format=custom --no-owner --no-privileges --file="$target.partial"; then
        rm -f -- "$target.partial"
        return 1
    fi
    mv -- "$target.partial" "$target"
    echo "backup: wrote $target ($(wc -c <"$target") bytes)"
    # The names sort by time: remove all but the newest BACKUP_KEEP.
    ls -1 "$BACKUP_DIR"/tandem-*.dump | sort -r | tail -n +"$((BACKUP_KEEP + 1))" | while read -r old; do
        rm -f -- "$old"
        echo "backup: removed $old (keeping the newest $BACKUP_KEEP)"
    done
}

case "${1:-}" in
    "")
        backup_once
        ;;
    --loop)
        trap 'exit 0' INT TERM
        while :; do
            backup_once || echo "backup: FAILED at $(date -u +%Y-%m-%dT%H:%M:%SZ); next try in $BACKUP_INTERVAL_SECONDS s" >&2
            sleep "$BACKUP_INTERVAL_SECONDS" &
            wait $! # in the background, so that a stop signal is handled at once
        done
        ;;
    --check)
        minutes=$((2 * BACKUP_INTERVAL_SECONDS / 60 + 1))
        if find "$BACKUP_DIR" -maxdepth 1 -name 'tandem-*.dump' -mmin "-$minutes" | grep -q .; then
            exit 0
        fi
        echo "backup: no dump in $BACKUP_DIR is younger than $minutes minutes" >&2
        exit 1
        ;;
    *)
        echo "usage: backup.sh [--loop | --check]" >&2
        exit 2
        ;;
esac
