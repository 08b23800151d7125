#!/usr/bin/env bash
# Authenticated sqlmap and wapiti scans of the demo on loopback (issue 18 item 3).
#
#   bench/scan/scan.sh [SQLMAP_SECONDS_PER_TARGET] [WAPITI_SECONDS_PER_USER] [PARALLEL]
#                      (defaults: 120 s per sqlmap target (three times that for a body), 600 s per wapiti run, 2 sqlmap runs at a time)
#
# Installs Debian's sqlmap and wapiti when missing (apt-get, root), starts the demo from a fresh copy of its
# data (a new directory under bench-data/scan/, so data/demo/ is seeded anew) on 127.0.0.1:55670, signs demo
# users of several institutions in through the real sign-in form (bench/scan/session.py), makes each an API
# token on its "API tokens" page, runs sqlmap over GET and POST targets (API: Bearer token; pages: the session
# cookie, POST forms with a fresh antiforgery field from --csrf-url), then wapiti over the pages as each user
# (and once anonymously), every run bounded by `timeout`, and stops the server. Reports: bench-data/scan/<time>/
# (gitignored): sqlmap/<target>.log, wapiti/<user>.json, server.log, summary.txt.
#
# Rate limits: the scan raises the per-address limits through configuration, for this demo process only
# (Security__SignInAttemptsPerMinute and the anonymous chat's Security__Chat*), because every scanner request comes
# from 127.0.0.1; the product's defaults are unchanged. Without it the sign-in and /chat endpoints answer
# /Account/TooManyAttempts or 429 after a few requests, and the scanners would test the limiter, not the code.
#
# wapiti runs through bench/scan/wapiti.py, which mends Debian 12's wapiti 3.0.4 crash on any -x (exclude) under Python 3.11.
# Needs: the solution built in Release (dotnet build Ariadne.slnx -c Release); Debian's python3 (requests comes with wapiti).
set -euo pipefail
export TERM=dumb  # sqlmap writes no terminal control codes into its logs
SQLMAP_SECONDS=${1:-120}
WAPITI_SECONDS=${2:-600}
PARALLEL=${3:-2}
PORT=${SCAN_PORT:-55670}
BASE="http://127.0.0.1:$PORT"
ROOT=$(cd "$(dirname "$0")/../.." && pwd)
DLL="$ROOT/src/Ariadne.Web/bin/Release/net10.0/Ariadne.Web.dll"
[ -f "$DLL" ] || { echo "build first: dotnet build Ariadne.slnx -c Release"; exit 2; }
OUT="$ROOT/bench-data/scan/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$OUT/run" "$OUT/sqlmap" "$OUT/wapiti"
STARTED=$(date +%s)

if ! command -v sqlmap >/dev/null || ! command -v wapiti >/dev/null; then
  apt-get update -q >/dev/null && DEBIAN_FRONTEND=noninteractive apt-get install -y -q sqlmap wapiti >/dev/null
fi
{ echo "sqlmap $(sqlmap --version 2>/dev/null | head -1)"; echo "$(wapiti --version 2>/dev/null | tail -1)"; } > "$OUT/versions.txt"

SERVER=""
cleanup() {
  if [ -n "$SERVER" ] && kill -0 "$SERVER" 2>/dev/null; then
    kill "$SERVER" 2>/dev/null || true
    for _ in $(seq 30); do kill -0 "$SERVER" 2>/dev/null || break; sleep 1; done
    kill -9 "$SERVER" 2>/dev/null || true
  fi
}
trap cleanup EXIT

# A fresh demo: its data/demo/ is relative to the working directory, which is new for each scan.
cd "$OUT/run"
# Started from a subshell, so that it is no job of this shell (the scans' `wait`s wait for the scanners only).
( Security__SignInAttemptsPerMinute=10000 Security__ChatStartsPerTenMinutes=100000 \
  Security__ChatSendsPerMinute=100000 Security__ChatReadsPerMinute=100000 \
  dotnet "$DLL" --demo --urls "$BASE" --contentRoot "$ROOT/src/Ariadne.Web" > "$OUT/server.log" 2>&1 &
  echo $! > "$OUT/server.pid" )
SERVER=$(cat "$OUT/server.pid")
for _ in $(seq 300); do
  curl -sf -o /dev/null "$BASE/health/ready" && break
  kill -0 "$SERVER" 2>/dev/null || { echo "the demo did not start: $OUT/server.log"; exit 1; }
  sleep 1
done
curl -sf -o /dev/null "$BASE/health/ready" || { echo "the demo is not ready after 300 s"; exit 1; }
echo "demo ready after $(( $(date +%s) - STARTED )) s"

USERS="investigator shelter operator helpline.supervisor coordinator auditor admin"
/usr/bin/python3 "$ROOT/bench/scan/session.py" "$BASE" "$OUT" $USERS

# sqlmap: each target bounded by timeout; level 3 (also cookies, User-Agent, Referer), risk 2 (heavy time-based).
sqlmap_one() {
  local name=$1 user=$2 kind=$3 method=$4 url=$5 data=$6 csrf=$7
  local args=(-u "$url" --method "$method" --batch --level 3 --risk 2 --time-sec 3 --timeout 15 --retries 1
              --output-dir "$OUT/sqlmap/$name" --disable-coloring --skip-waf --ignore-code 404)
  [ -n "$data" ] && args+=(--data "$data")
  if [ "$kind" = api ]; then
    args+=(--headers "Authorization: Bearer $(cat "$OUT/auth/$user.token")" --tamper "$ROOT/bench/scan/tamper/idempotency_key.py")
  else
    args+=(--cookie "$(cat "$OUT/auth/$user.cookie")" --skip "__csrf")
    [ -n "$csrf" ] && args+=(--csrf-token "__csrf" --csrf-url "$csrf")
  fi
  local t0 limit=$SQLMAP_SECONDS; t0=$(date +%s)
  [ -z "$data" ] || limit=$(( SQLMAP_SECONDS * 3 ))  # a body has several values, each tested in turn
  timeout "$limit" sqlmap "${args[@]}" > "$OUT/sqlmap/$name.log" 2>&1 && rc=0 || rc=$?
  echo "$name $(( $(date +%s) - t0 ))s rc=$rc" >> "$OUT/sqlmap/times.txt"
}
while IFS=$'\t' read -r name user kind method url data csrf; do
  while [ "$(jobs -rp | wc -l)" -ge "$PARALLEL" ]; do wait -n || true; done
  sqlmap_one "$name" "$user" "$kind" "$method" "$url" "$data" "$csrf" &
done < "$OUT/sqlmap-targets.tsv"
wait
SQLMAP_DONE=$(date +%s)
echo "sqlmap: $(wc -l < "$OUT/sqlmap-targets.tsv") targets in $(( SQLMAP_DONE - STARTED )) s since start"

# wapiti: the pages as each user, then anonymously (sign-in, chat, complaint). The sign-out and sign-in pages are
# excluded from the signed-in runs so that the session survives; the chat's JSON endpoints are scanned by the anonymous run.
# wapiti's --max-scan-time bounds the crawl only, --max-attack-time each module: a fifth of the budget crawls, the rest is
# shared by the modules; `timeout` ends a run that overruns by more than three minutes (then it writes no report).
MODULES=sql,blindsql,timesql,xss,permanentxss,exec,file,crlf,redirect,csrf,ssrf,xxe,methods,http_headers,cookieflags,csp,htaccess,backup
NMODULES=$(echo "$MODULES" | tr ',' '\n' | wc -l)
wapiti_one() {
  local who=$1; shift
  local t0; t0=$(date +%s) keep=()
  [ "$who" = anonymous ] || keep=(-x "$BASE/Account/SignOut*" -x "$BASE/Account/SignIn*" -x "$BASE/Account/ChangePassword*" -x "$BASE/Account/Mfa/*")
  timeout $(( WAPITI_SECONDS + 180 )) /usr/bin/python3 "$ROOT/bench/scan/wapiti.py" -u "$BASE/" --scope folder -m "$MODULES" -f json -o "$OUT/wapiti/$who.json" \
    --max-scan-time $(( WAPITI_SECONDS / 5 )) --max-attack-time $(( WAPITI_SECONDS * 4 / 5 / NMODULES )) -d 4 --max-links-per-page 40 \
    --max-files-per-dir 40 -t 15 --flush-session --store-session "$OUT/wapiti/session-$who" --no-bugreport -v 1 \
    "${keep[@]}" "$@" > "$OUT/wapiti/$who.log" 2>&1 && rc=0 || rc=$?
  echo "$who $(( $(date +%s) - t0 ))s rc=$rc" >> "$OUT/wapiti/times.txt"
}
# Signed-in runs in parallel; the administrator's (whose forms can change other accounts) and the anonymous one after them.
# Each phase signs its users in again: a session cookie lives Security:IdleTimeout (15 min) unless renewed.
WUSERS=${SCAN_WAPITI_USERS:-investigator shelter operator coordinator}
/usr/bin/python3 "$ROOT/bench/scan/session.py" "$BASE" "$OUT" --cookies-only $WUSERS
for user in $WUSERS; do
  wapiti_one "$user" -c "$OUT/auth/$user.json" &
done
wait
/usr/bin/python3 "$ROOT/bench/scan/session.py" "$BASE" "$OUT" --cookies-only admin
wapiti_one admin -c "$OUT/auth/admin.json" &
wapiti_one anonymous -s "$BASE/Account/SignIn" -s "$BASE/chat" -s "$BASE/Complaint" -s "$BASE/Status" &
wait

# The server stops; the audit trail the scans wrote must still verify.
cleanup
SERVER=""
( cd "$OUT/run" && timeout 300 dotnet "$DLL" --demo audit verify ) > "$OUT/audit-verify.txt" 2>&1 || true

# Summary: what each scanner flagged, and what the server logged as errors.
{
  cat "$OUT/versions.txt"
  echo "total $(( $(date +%s) - STARTED )) s"
  echo "== sqlmap (target, seconds, exit code; then any injectable parameter)"
  cat "$OUT/sqlmap/times.txt"
  grep -H -i -E "identified the following injection|is vulnerable|parameter '[^']*' (appears to be|is) '[^']*' injectable|false positive" "$OUT"/sqlmap/*.log || echo "sqlmap: no injectable parameter reported"
  echo "== wapiti (run, seconds, exit code; then findings per category)"
  cat "$OUT/wapiti/times.txt"
  /usr/bin/python3 - "$OUT/wapiti" <<'EOF'
import collections, glob, json, os, sqlite3, sys
for path in sorted(glob.glob(os.path.join(sys.argv[1], "*.json"))):
    who = os.path.basename(path)[:-5]
    for db in glob.glob(os.path.join(sys.argv[1], "session-" + who, "*.db")):
        c = sqlite3.connect(db)
        methods = dict(c.execute("select method, count(*) from paths where evil = 0 group by method").fetchall())
        status = dict(c.execute("select http_status, count(*) from paths where evil = 0 group by http_status").fetchall())
        attacked = dict(c.execute("select module_name, count(*) from attack_log group by module_name").fetchall())
        print(f"{who}: crawled {methods} by status {status}; attacked resources per module {attacked}")
    try:
        report = json.load(open(path))
    except ValueError:
        print(who, "no report"); continue
    for section in ("vulnerabilities", "anomalies"):
        for category, items in report.get(section, {}).items():
            counts = collections.Counter((i.get("method"), i.get("path"), i.get("parameter"), i.get("info")) for i in items)
            for (method, p, parameter, info), n in sorted(counts.items()):
                print(f"  {section}/{category}: {method} {p} [{parameter}] {info}" + (f" (x{n})" if n > 1 else ""))
EOF
  echo "== server: log entries at Error or above, by event"
  grep -o '"EventId":[0-9]*,"LogLevel":"\(Error\|Critical\)","Category":"[^"]*","Message":"[^"]*"' "$OUT/server.log" | sort | uniq -c || echo "none"
  echo "== audit verify after the scans"
  tail -1 "$OUT/audit-verify.txt"
} > "$OUT/summary.txt" 2>&1
cat "$OUT/summary.txt"
echo "reports: $OUT"
