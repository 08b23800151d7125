#!/usr/bin/env bash
# Crash consistency (issue 18 item 1): the real server is SIGKILLed at random moments while API clients write;
# after each kill the harness checks that every acknowledged write is there, that nothing is half-written and that
# `audit verify` passes. SQLite, then PostgreSQL on a throwaway cluster of its own (127.0.0.1:55620, /tmp/wt-crash18-pg),
# removed at the end. Bounded: each database gets at most MINUTES minutes, and the whole script a hard timeout.
#
#   bench/crash/crash.sh [RUNS] [MINUTES] [sqlite|postgres|both]      (defaults: 200 runs, 60 minutes each, both)
#
# Needs: the solution built in Release (dotnet build Ariadne.slnx -c Release), PostgreSQL 15 binaries, root (runuser).
set -euo pipefail
RUNS=${1:-200}
MINUTES=${2:-60}
WHICH=${3:-both}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PG_BIN=/usr/lib/postgresql/15/bin
PG_DIR=/tmp/wt-crash18-pg
PG_PORT=55620
BENCH="$ROOT/bench/Ariadne.Benchmarks/bin/Release/net10.0/Ariadne.Benchmarks.dll"
[ -f "$BENCH" ] || { echo "build first: dotnet build Ariadne.slnx -c Release"; exit 2; }
LIMIT=$(( (MINUTES + 5) * 60 ))

cleanup() {
  if [ -f "$PG_DIR/data/postmaster.pid" ]; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m immediate stop >/dev/null 2>&1 || true
  fi
  rm -rf "$PG_DIR"
}
# Only the run that owns the PostgreSQL cluster removes it, so a SQLite series beside a PostgreSQL one leaves it alone.
[ "$WHICH" = sqlite ] || trap cleanup EXIT

status=0
cd "$ROOT"
if [ "$WHICH" != postgres ]; then
  timeout "$LIMIT" dotnet "$BENCH" crash sqlite "$RUNS" "$MINUTES" || status=1
fi
if [ "$WHICH" != sqlite ]; then
  cleanup
  mkdir -p "$PG_DIR" && chown postgres "$PG_DIR"
  runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U postgres --no-sync >/dev/null
  # Durability as in production: fsync and synchronous_commit stay at their defaults (on).
  runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
    -o "-c listen_addresses=127.0.0.1 -c port=$PG_PORT -c unix_socket_directories=$PG_DIR -c max_connections=200" start >/dev/null
  runuser -u postgres -- "$PG_BIN/psql" -h 127.0.0.1 -p $PG_PORT -U postgres -qc "CREATE DATABASE crash"
  ARIADNE_BENCH_PG="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Database=crash;Maximum Pool Size=40" \
    timeout "$LIMIT" dotnet "$BENCH" crash postgres "$RUNS" "$MINUTES" || status=1
fi
exit $status
