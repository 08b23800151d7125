#!/usr/bin/env bash
# Load (issue 18 item 4) and one node killed under load (item 6): simulated people — duty desk with its live stream,
# investigators reading and writing cases, shelters, helpline operators and anonymous web-chat visitors, coordinators —
# against the real server process(es) on 127.0.0.1 over PostgreSQL 15 with the benchmark world (1,000,000 cases,
# 10,000 users, 5,000,000 grants). The PostgreSQL cluster is this script's own (127.0.0.1:$PG_PORT, $PG_DIR) and is KEPT
# between runs (seeding takes 20-30 minutes); it is stopped at the end. `--fresh` removes it first.
#
#   bench/load/load.sh [USERS] [MINUTES] [NODES] [--fresh]      (defaults: 200 people, 10 measured minutes, 1 node)
#   bench/load/load.sh 200 10 2                                  (two nodes; one is SIGKILLed in the middle of the run)
#
# Prints per page: requests, p50/p95/p99/max and errors; with 2 nodes, the kill and the check that every acknowledged
# write is in the database. PG_EXTRA adds Npgsql connection settings (e.g. PG_EXTRA="Max Auto Prepare=0").
# Needs: the solution built in Release, PostgreSQL 15 binaries, root (runuser).
set -euo pipefail
USERS=${1:-200}
MINUTES=${2:-10}
NODES=${3:-1}
FRESH=${4:-}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PG_BIN=/usr/lib/postgresql/15/bin
PG_DIR=${ARIADNE_LOAD_PG_DIR:-/tmp/pg-load}
PG_PORT=${ARIADNE_LOAD_PG_PORT:-55640}
BENCH="$ROOT/bench/Ariadne.Benchmarks/bin/Release/net10.0/Ariadne.Benchmarks.dll"
[ -f "$BENCH" ] || { echo "build first: dotnet build Ariadne.slnx -c Release"; exit 2; }
pg() { runuser -u postgres -- "$PG_BIN/$@"; }

stop_pg() {
  if [ -f "$PG_DIR/postmaster.pid" ]; then
    pg pg_ctl -D "$PG_DIR" -m fast stop >/dev/null 2>&1 || true
  fi
}
trap stop_pg EXIT

cd "$ROOT"
if [ "$FRESH" = --fresh ]; then
  stop_pg
  rm -rf "$PG_DIR" bench-data/load-Postgres bench-data/bench-keys-Postgres.json
fi
if [ ! -f "$PG_DIR/PG_VERSION" ]; then
  mkdir -p "$PG_DIR" && chown postgres "$PG_DIR"
  pg initdb -D "$PG_DIR" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
  rm -rf bench-data/load-Postgres bench-data/bench-keys-Postgres.json
fi
# Durability as in production (fsync, synchronous_commit on); pg_stat_statements for finding slow queries.
[ -f "$PG_DIR/postmaster.pid" ] || pg pg_ctl -D "$PG_DIR" -l "$PG_DIR.log" -w \
  -o "-p $PG_PORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=300 -c shared_buffers=512MB -c shared_preload_libraries=pg_stat_statements" start >/dev/null
pg psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qAtc "SELECT 1 FROM pg_database WHERE datname = 'bench'" | grep -q 1 \
  || pg psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc "CREATE DATABASE bench"
export ARIADNE_BENCH_PG="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=bench;Maximum Pool Size=60${PG_EXTRA:+;$PG_EXTRA}"
cases=$(pg psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d bench -qAtc "SELECT count(*) FROM cases" 2>/dev/null || echo 0)
if [ "$cases" -lt 1000000 ]; then
  [ "$cases" = 0 ] || { echo "the database holds $cases cases (an interrupted seed?): run with --fresh"; exit 1; }
  echo "seeding the world (1,000,000 cases; 20-30 minutes)"
  timeout 3600 dotnet "$BENCH" seed postgres
  timeout 1800 dotnet "$BENCH" analyze postgres
fi
# Every run starts with the same desk: referrals an earlier run left open are closed (acknowledged, not taken forward), as the
# desk's officers would have done between runs; otherwise the desk grows by a run's referrals each time.
pg psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d bench -qc "UPDATE referrals AS r SET \"AcknowledgedAt\" = COALESCE(r.\"AcknowledgedAt\", now()),
  \"AcknowledgedBy\" = COALESCE(r.\"AcknowledgedBy\", (SELECT u.\"Id\" FROM \"AspNetUsers\" AS u WHERE u.\"InstitutionId\" = r.\"SquadInstitutionId\" LIMIT 1)),
  \"Status\" = 'NotTakenForward', \"ClosedAt\" = now() WHERE r.\"Status\" IN ('Received', 'Acknowledged')" >/dev/null
pg psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -d bench -qc "CREATE EXTENSION IF NOT EXISTS pg_stat_statements; SELECT pg_stat_statements_reset()" >/dev/null
timeout $(( (MINUTES + 15) * 60 )) dotnet "$BENCH" load postgres "$USERS" "$MINUTES" "$NODES"
