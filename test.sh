#!/usr/bin/env bash
# Ariadne's one test command. Installs what the tests need (PostgreSQL, Chromium) when missing,
# starts a throwaway PostgreSQL on 127.0.0.1, builds with warnings as errors, checks formatting,
# runs every test project (unit, integration on SQLite and PostgreSQL, browser), stops what it
# started, and ends with the line "N passed, N failed, N skipped". Exits non-zero on any failure.
set -uo pipefail
cd "$(dirname "$0")"
root=$(pwd)
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# Hosts started by the tests neither watch their settings files nor their web root with inotify (one
# instance per watcher; the run starts hundreds of hosts and the machine allows 128 instances per user).
export DOTNET_hostBuilder__reloadConfigOnChange=false DOTNET_USE_POLLING_FILE_WATCHER=1
# The test processes' runtime (not production's): idle thread-pool threads sleep instead of spinning, and methods skip the
# instrumented tier. On two cores shared by hundreds of short-lived hosts and processes, they saved 18 % of the CPU time
# (docs/decisions.md "Which tests run on which database").
export DOTNET_ThreadPool_UnfairSemaphoreSpinLimit=0 DOTNET_TieredPGO=0

log() { printf '== %s\n' "$*"; }

# --- what the tests need ------------------------------------------------------------------------
packages=()
ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1 || packages+=(postgresql)
[ -x /usr/bin/chromium ] || packages+=(chromium)
command -v curl >/dev/null 2>&1 || packages+=(curl)
fc-list 2>/dev/null | grep -qi dejavu || packages+=(fonts-dejavu-core)
if [ ${#packages[@]} -gt 0 ]; then
  log "installing ${packages[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq && apt-get install -y -qq "${packages[@]}" >/dev/null || { echo "apt-get install failed"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
fi

# --- a throwaway PostgreSQL -----------------------------------------------------------------------
pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
pgdata=$(mktemp -d -t ariadne-pg.XXXXXX)
chown postgres:postgres "$pgdata"
port=55432
while (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; do port=$((port + 1)); done
cleanup() {
  runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" -m immediate stop >/dev/null 2>&1
  rm -rf "$pgdata"
}
trap cleanup EXIT
log "starting PostgreSQL on 127.0.0.1:$port"
runuser -u postgres -- "$pgbin/initdb" -D "$pgdata" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null || { echo "initdb failed"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
runuser -u postgres -- "$pgbin/pg_ctl" -D "$pgdata" -l "$pgdata/server.log" -w \
  -o "-p $port -k $pgdata -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300" start >/dev/null \
  || { cat "$pgdata/server.log"; echo "0 passed, 1 failed, 0 skipped"; exit 1; }
export ARIADNE_TEST_PG="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Maximum Pool Size=20"

# --- build, format --------------------------------------------------------------------------------
log "building (warnings are errors)"
if ! dotnet build Ariadne.slnx -c Release -warnaserror -nologo -v q; then
  echo "0 passed, 1 failed, 0 skipped"; exit 1
fi
# The formatting check runs beside the unit tests (it only reads the sources), and is waited for before the tally.
# Whitespace and style (the order of usings, the editorconfig's rules) only: the analyzers' rules are already errors in the
# build above (TreatWarningsAsErrors, EnforceCodeStyleInBuild); the full check took 3.9 CPU minutes, these two about 2.4.
log "checking formatting (beside the unit tests)"
format_failed=0
mkdir -p "$root/artifacts"
( { dotnet format whitespace Ariadne.slnx --verify-no-changes -v q && dotnet format style Ariadne.slnx --verify-no-changes --no-restore -v q; } \
    > "$root/artifacts/format.log" 2>&1; echo $? > "$root/artifacts/format.rc" ) &
format_job=$!

# --- tests ----------------------------------------------------------------------------------------
# The unit projects run first; then the integration tests and the browser tests run side by side (the
# browser tests spend much of their time waiting on Chromium, the integration tests on the databases),
# which keeps the whole run inside its time budget on two cores.
passed=0; failed=0; skipped=0
mkdir -p "$root/artifacts"
run_project() {
  local project=$1 name; name=$(basename "$project")
  local start=$SECONDS
  dotnet test --project "$project" -c Release --no-build > "$root/artifacts/$name.log" 2>&1
  echo "$((SECONDS - start))" > "$root/artifacts/$name.seconds"
}
tally() {
  local project=$1 name; name=$(basename "$project")
  local out="$root/artifacts/$name.log"
  log "results of $name"
  cat "$out"
  summary=$(sed -n '/Test run summary/,$p' "$out")
  t=$(echo "$summary" | awk '/total:/ {print $2; exit}')
  s=$(echo "$summary" | awk '/succeeded:/ {print $2; exit}')
  f=$(echo "$summary" | awk '/failed:/ {print $2; exit}')
  k=$(echo "$summary" | awk '/skipped:/ {print $2; exit}')
  if [ -z "$t" ]; then
    echo "$name: no test summary (the test host failed to run)"; failed=$((failed + 1)); return
  fi
  echo "$name: $s passed, $f failed, $k skipped in $(cat "$root/artifacts/$name.seconds") s"
  passed=$((passed + s)); failed=$((failed + f)); skipped=$((skipped + k))
}
for project in tests/Ariadne.Tests tests/Ariadne.Linkage.Tests; do
  log "testing $(basename "$project")"
  run_project "$project"; tally "$project"
done
log "testing Ariadne.IntegrationTests and Ariadne.BrowserTests side by side"
run_project tests/Ariadne.IntegrationTests &
integration=$!
run_project tests/Ariadne.BrowserTests &
browser=$!
wait "$integration" "$browser"
wait "$format_job"
log "formatting"
cat "$root/artifacts/format.log"
if [ "$(cat "$root/artifacts/format.rc")" != "0" ]; then echo "dotnet format found changes to make"; format_failed=1; else echo "formatting: no changes to make"; fi
tally tests/Ariadne.IntegrationTests
tally tests/Ariadne.BrowserTests
failed=$((failed + format_failed))
# The failed tests' names once more, just above the closing line, where a log cut to its tail still shows them.
failures=$(grep -hE '^[[:space:]]*failed [A-Za-z]' "$root"/artifacts/*.log 2>/dev/null | sed 's/^[[:space:]]*//' | cut -c1-200)
if [ -n "$failures" ]; then log "failed tests"; echo "$failures"; fi
echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" -eq 0 ]
