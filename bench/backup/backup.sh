#!/usr/bin/env bash
# Times `backup --out` and `restore --from` (docs/operations.md "Backup and restore") on a generated world.
#   bench/backup/backup.sh CASES [sqlite|postgres|both]     e.g. bench/backup/backup.sh 1000 both; bench/backup/backup.sh 100000 both
# Needs a Release build (dotnet build Ariadne.slnx -c Release). Everything lives in /tmp/ariadne-backup-bench and is removed
# at the end; PostgreSQL is a throwaway cluster of its own on 127.0.0.1:55701. Each step is bounded by `timeout`.
# The world is the benchmark seeder's (bench/Ariadne.Benchmarks/Seeder.cs): CASES cases (each a person under its own
# data key), CASES/100 users (at least 1,000), CASES*5 grants. Users and grants scale with the cases so the tables keep their proportions.
set -euo pipefail
CASES=${1:?CASES}
WHICH=${2:-both}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
WEB="$ROOT/src/Ariadne.Web/bin/Release/net10.0/Ariadne.Web.dll"
BENCH="$ROOT/bench/Ariadne.Benchmarks/bin/Release/net10.0/Ariadne.Benchmarks.dll"
W=/tmp/ariadne-backup-bench
PGBIN=/usr/lib/postgresql/15/bin
PGDATA=$W/pg
PORT=55701
LIMIT=${LIMIT:-1800}   # seconds per step
USERS=$(( CASES / 100 > 1000 ? CASES / 100 : 1000 ))   # the seeder needs 1,000 users at least (its two subjects, squad units)
GRANTS=$(( CASES * 5 ))

cleanup() {
  if [ -f "$PGDATA/postmaster.pid" ]; then runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -m fast stop >/dev/null 2>&1 || true; fi
  rm -rf "$W"
}
trap cleanup EXIT
rm -rf "$W" && mkdir -p "$W"

run() { # PROVIDER CONNECTION KEYRING VERB...
  local provider=$1 connection=$2 ring=$3; shift 3
  Database__Provider=$provider ConnectionStrings__Ariadne="$connection" Crypto__KeyRingFile="$ring" Logging__LogLevel__Default=Warning \
    timeout "$LIMIT" dotnet "$WEB" "$@" | grep -v '"LogLevel"' || true
}

one() { # sqlite|postgres
  local which=$1 provider source target ring
  if [ "$which" = sqlite ]; then
    provider=Sqlite; source="Data Source=$W/bench-data/bench.db"; target="Data Source=$W/restored.db"
  else
    provider=Postgres
    mkdir -p "$PGDATA" && chown postgres:postgres "$W" "$PGDATA"
    runuser -u postgres -- "$PGBIN/initdb" -D "$PGDATA" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
    runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -l "$W/pg.log" -o "-p $PORT -k /tmp -c listen_addresses=127.0.0.1" -w start >/dev/null
    psql -h 127.0.0.1 -p $PORT -U postgres -qc "CREATE DATABASE bench" -c "CREATE DATABASE restored"
    source="Host=127.0.0.1;Port=$PORT;Username=postgres;Database=bench"; target="Host=127.0.0.1;Port=$PORT;Username=postgres;Database=restored"
  fi
  ring="$W/bench-data/bench-keys-$provider.json"
  echo "== $which: seeding $CASES cases, $USERS users, $GRANTS grants"
  (cd "$W" && ARIADNE_BENCH_PG="$source" timeout "$LIMIT" dotnet "$BENCH" seed "$which" "$CASES" "$USERS" "$GRANTS" | tail -2)
  if [ "$which" = sqlite ]; then du -h "$W/bench-data/bench.db" | cut -f1 | sed 's/^/database file: /'; else
    psql -h 127.0.0.1 -p $PORT -U postgres -tAc "SELECT 'database size: ' || pg_size_pretty(pg_database_size('bench'))"; fi
  echo "-- backup"
  local s=$(date +%s.%N)
  run $provider "$source" "$ring" backup --out "$W/$which.ariadne-backup"
  echo "backup wall time (process start to exit): $(echo "$(date +%s.%N) - $s" | bc) s; file $(du -h "$W/$which.ariadne-backup" | cut -f1)"
  echo "-- restore into an empty database"
  s=$(date +%s.%N)
  run $provider "$target" "$ring" restore --from "$W/$which.ariadne-backup"
  echo "restore wall time (process start to exit, checks included): $(echo "$(date +%s.%N) - $s" | bc) s"
  if [ "$which" = postgres ]; then runuser -u postgres -- "$PGBIN/pg_ctl" -D "$PGDATA" -m fast stop >/dev/null; rm -rf "$PGDATA"; fi
  rm -rf "$W/bench-data" "$W/restored.db"* "$W/$which.ariadne-backup"
}

echo "$(date -u +%FT%TZ) $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
[ "$WHICH" = postgres ] || one sqlite
[ "$WHICH" = sqlite ] || one postgres
