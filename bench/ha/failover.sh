#!/usr/bin/env bash
# PostgreSQL high availability (issue 18 item 7): a primary and a SYNCHRONOUS streaming standby on loopback
# (127.0.0.1:55630 and :55631, in /tmp/wt-crash18-ha), the real server against the multi-host connection string
# "Host=127.0.0.1:55630,127.0.0.1:55631;Target Session Attributes=primary", API clients writing; after BEFORE seconds
# the primary is stopped hard (pg_ctl -m immediate) and the standby promoted (pg_ctl promote). The harness reports
# how long until writes are acknowledged again and checks that no acknowledged write was lost (and audit verify).
# Everything runs as the postgres user; both clusters and the folder are removed at the end.
#
#   bench/ha/failover.sh [BEFORE_S] [AFTER_S] [PROMOTE_DELAY_S] [HOST_RECHECK_S]
#   (defaults: 10 s of writes, 30 s after, promote at once, Npgsql's own host recheck of 10 s; PROMOTE_DELAY_S leaves the
#   cluster without a primary for that long, as a failover manager's detection time would)
#
# Needs: the solution built in Release, PostgreSQL 15 binaries, root (runuser).
set -euo pipefail
BEFORE=${1:-10}
AFTER=${2:-30}
DELAY=${3:-0}
RECHECK=${4:-}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
PG_BIN=/usr/lib/postgresql/15/bin
DIR=/tmp/wt-crash18-ha
P1=55630
P2=55631
BENCH="$ROOT/bench/Ariadne.Benchmarks/bin/Release/net10.0/Ariadne.Benchmarks.dll"
[ -f "$BENCH" ] || { echo "build first: dotnet build Ariadne.slnx -c Release"; exit 2; }
pg() { runuser -u postgres -- "$PG_BIN/$@"; }

cleanup() {
  for node in primary standby; do
    if [ -f "$DIR/$node/postmaster.pid" ]; then
      pg pg_ctl -D "$DIR/$node" -m immediate stop >/dev/null 2>&1 || true
    fi
  done
  rm -rf "$DIR"
}
trap cleanup EXIT
cleanup
mkdir -p "$DIR" && chown postgres "$DIR"

# The primary: replica WAL, one synchronous standby by name; a commit is acknowledged once the standby has it on disk.
pg initdb -D "$DIR/primary" -A trust -U postgres --no-sync >/dev/null
cat >> "$DIR/primary/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
port = $P1
unix_socket_directories = '$DIR'
max_connections = 200
wal_level = replica
max_wal_senders = 5
synchronous_standby_names = 'FIRST 1 (standby1)'
synchronous_commit = on
CONF
pg pg_ctl -D "$DIR/primary" -l "$DIR/primary.log" -w start >/dev/null

# The standby: a base backup with -R (standby.signal and primary_conninfo), named standby1 for the primary's list.
pg pg_basebackup -h 127.0.0.1 -p $P1 -U postgres -D "$DIR/standby" -R -X stream >/dev/null
cat >> "$DIR/standby/postgresql.auto.conf" <<CONF
primary_conninfo = 'host=127.0.0.1 port=$P1 user=postgres application_name=standby1'
port = $P2
# Once promoted it has no standby of its own: waiting for one would block every commit (Patroni manages this in production).
synchronous_standby_names = ''
CONF
pg pg_ctl -D "$DIR/standby" -l "$DIR/standby.log" -w start >/dev/null
for _ in $(seq 1 100); do
  state=$(pg psql -h 127.0.0.1 -p $P1 -U postgres -Atc "SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby1'" || true)
  [ "$state" = sync ] && break
  sleep 0.2
done
[ "$state" = sync ] || { echo "the standby did not become synchronous"; exit 1; }
echo "primary 127.0.0.1:$P1, synchronous standby 127.0.0.1:$P2 (sync_state=$state)"
pg psql -h 127.0.0.1 -p $P1 -U postgres -qc "CREATE DATABASE crash"

CONNECTION="Host=127.0.0.1:$P1,127.0.0.1:$P2;Username=postgres;Database=crash;Target Session Attributes=primary;Maximum Pool Size=40"
[ -n "$RECHECK" ] && CONNECTION="$CONNECTION;Host Recheck Seconds=$RECHECK"
echo "connection: $CONNECTION"
export ARIADNE_BENCH_PG="$CONNECTION"
export ARIADNE_FAILOVER_CMD="runuser -u postgres -- $PG_BIN/pg_ctl -D $DIR/primary -m immediate stop >/dev/null && sleep $DELAY && runuser -u postgres -- $PG_BIN/pg_ctl -D $DIR/standby -w promote >/dev/null"
cd "$ROOT"
status=0
timeout $(( BEFORE + AFTER + 300 )) dotnet "$BENCH" failover postgres "$BEFORE" "$AFTER" || status=1
echo "after the failover: 127.0.0.1:$P2 in recovery = $(pg psql -h 127.0.0.1 -p $P2 -U postgres -Atc 'SELECT pg_is_in_recovery()')"
exit $status
