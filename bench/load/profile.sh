#!/usr/bin/env bash
# Where the server's CPU goes under the load of bench/load/load.sh: runs the load (USERS people, MINUTES measured minutes,
# one node) with the runtime writing its perf map, samples the server process with Linux perf for SECONDS after the
# ramp-up, and prints the share of the samples per library and per method (bench/load/perf-attribution.py).
#
#   bench/load/profile.sh [USERS] [MINUTES] [SECONDS]      (defaults: 200 people, 4 minutes, 80 s of samples)
#
# Needs: perf (Debian: linux-perf), root. The profiled run is slower than a measured one (methods are jitted rather than
# precompiled, so that perf can name them): read its shares, not its latencies.
set -euo pipefail
USERS=${1:-200}
MINUTES=${2:-4}
SECONDS_SAMPLED=${3:-80}
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
OUT=${PROFILE_OUT:-/tmp/ariadne-profile}
mkdir -p "$OUT"
command -v perf >/dev/null || { echo "perf is missing: apt-get install -y linux-perf"; exit 2; }
export DOTNET_PerfMapEnabled=1 DOTNET_ReadyToRun=0 DOTNET_EnableWriteXorExecute=0
"$ROOT/bench/load/load.sh" "$USERS" "$MINUTES" 1 > "$OUT/load.log" 2>&1 &
load=$!
# The server starts, the people ramp up for a minute; then the sample.
sleep 100
pid=$(pgrep -f "src/Ariadne.Web/bin/Release/net10.0/Ariadne.Web.dll" | head -1)
[ -n "$pid" ] || { echo "no server process (see $OUT/load.log)"; kill "$load" 2>/dev/null; exit 1; }
timeout $((SECONDS_SAMPLED + 30)) perf record -F 499 -g -p "$pid" -o "$OUT/perf.data" -- sleep "$SECONDS_SAMPLED" >/dev/null 2>&1
perf script -i "$OUT/perf.data" -F comm,tid,ip,sym > "$OUT/perf.txt" 2>/dev/null
python3 "$ROOT/bench/load/perf-attribution.py" "$OUT/perf.txt"
wait "$load" || true
echo "load report: $OUT/load.log"
