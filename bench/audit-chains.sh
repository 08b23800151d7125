#!/usr/bin/env bash
# The audit never becomes the bottleneck (issue 18 item 5). On a throwaway PostgreSQL of its own (127.0.0.1:55612,
# /tmp/audit-chains-pg, fsync and synchronous_commit on, as in production), removed at the end:
#   1. WRITERS concurrent writers for SECONDS each, every one a transaction with a small domain write and its audit
#      event through the real AuditTrail, at Audit:Chains=1 (one chain: every append queues on one lock) and =16, and
#      the same transactions without their audit event (the machine's ceiling);
#   2. a trail of EVENTS events on 16 chains (real hashes, MACs and a signed checkpoint every 10,000, by COPY), then the
#      real verifier over it: full, incremental without a state (full, writes the state), incremental after 10,000 new events.
# Bounded: the whole script stops after LIMIT seconds (default 3600). CHAINS_LIST (default "0 1 16") picks the runs of
# step 1 (0: without the audit event); EVENTS=0 skips step 2. PG_EXTRA adds Npgsql connection settings
# (e.g. PG_EXTRA="Max Auto Prepare=0" for the product's default's opposite).
#
#   bench/audit-chains.sh [WRITERS] [SECONDS] [EVENTS]      (defaults: 50 writers, 60 s, 10,000,000 events)
#
# Needs: the solution built in Release (dotnet build Ariadne.slnx -c Release), PostgreSQL 15 binaries, root (runuser).
set -euo pipefail
WRITERS=${1:-50}
SECONDS_EACH=${2:-60}
EVENTS=${3:-10000000}
LIMIT=${LIMIT:-3600}
ROOT=$(cd "$(dirname "$0")/.." && pwd)
PG_BIN=/usr/lib/postgresql/15/bin
PG_DIR=/tmp/audit-chains-pg
PG_PORT=55612
BENCH="$ROOT/bench/Ariadne.Benchmarks/bin/Release/net10.0/Ariadne.Benchmarks.dll"
[ -f "$BENCH" ] || { echo "build first: dotnet build Ariadne.slnx -c Release"; exit 2; }

cleanup() {
  if [ -f "$PG_DIR/data/postmaster.pid" ]; then
    runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast stop >/dev/null 2>&1 || true
  fi
  rm -rf "$PG_DIR"
}
trap cleanup EXIT
cleanup
mkdir -p "$PG_DIR" && chown postgres "$PG_DIR"
runuser -u postgres -- "$PG_BIN/initdb" -D "$PG_DIR/data" -A trust -U postgres -E UTF8 --locale=C.UTF-8 >/dev/null
runuser -u postgres -- "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w \
  -o "-p $PG_PORT -k /tmp -c listen_addresses=127.0.0.1 -c max_connections=200 -c shared_buffers=512MB -c max_wal_size=4GB" start >/dev/null
PSQL=(psql -h 127.0.0.1 -p "$PG_PORT" -U postgres -qtA)
CS="Host=127.0.0.1;Port=$PG_PORT;Username=postgres;Maximum Pool Size=$((WRITERS + 10));Timeout=60;Command Timeout=600${PG_EXTRA:+;$PG_EXTRA}"
END=$(( $(date +%s) + LIMIT ))
left() { echo $(( END - $(date +%s) )); }

cd "$ROOT"
echo "| Run | Throughput | Latency | Errors | Rows |"
for CHAINS in ${CHAINS_LIST:-0 1 16}; do
  "${PSQL[@]}" -c "DROP DATABASE IF EXISTS append$CHAINS" -c "CREATE DATABASE append$CHAINS"
  ARIADNE_BENCH_PG="$CS;Database=append$CHAINS" timeout "$(left)" dotnet "$BENCH" audit-append postgres "$CHAINS" "$WRITERS" "$SECONDS_EACH"
  [ "$CHAINS" = 0 ] || ARIADNE_BENCH_PG="$CS;Database=append$CHAINS" timeout "$(left)" dotnet "$BENCH" audit-verify postgres 0
  "${PSQL[@]}" -c "DROP DATABASE append$CHAINS"
done
[ "$EVENTS" -gt 0 ] || exit 0
"${PSQL[@]}" -c "CREATE DATABASE trail"
ARIADNE_BENCH_PG="$CS;Database=trail" timeout "$(left)" dotnet "$BENCH" audit-generate postgres 16 "$EVENTS"
echo "table size: $("${PSQL[@]}" -d trail -c "SELECT pg_size_pretty(pg_total_relation_size('audit_events'))")"
ARIADNE_BENCH_PG="$CS;Database=trail" timeout "$(left)" dotnet "$BENCH" audit-verify postgres 10000
