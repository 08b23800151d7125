#!/usr/bin/env bash
# Refreshes docs/screens/: starts the demo (its own files, in a temporary directory) on a spare port,
# signs in as each demo role with Debian's Chromium (Playwright from the browser tests' build output),
# and takes screenshots of each role's home, the case list and the case workspace in az and ru.
# Needs a Release build (dotnet build Ariadne.slnx -c Release) and /usr/bin/chromium.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
package="$root/tests/Ariadne.BrowserTests/bin/Release/net10.0/.playwright/package"
[ -d "$package" ] || { echo "build first: dotnet build Ariadne.slnx -c Release"; exit 1; }
work=$(mktemp -d)
port=5099
(cd "$work" && exec dotnet "$root/src/Ariadne.Web/bin/Release/net10.0/Ariadne.Web.dll" --demo --urls "http://127.0.0.1:$port" --contentRoot "$root/src/Ariadne.Web" > "$work/demo.log" 2>&1) &
demo=$!
trap 'kill $demo 2>/dev/null; rm -rf "$work"' EXIT
for _ in $(seq 1 120); do curl -fs "http://127.0.0.1:$port/Account/SignIn" >/dev/null && break; sleep 1; done
mkdir -p "$root/docs/screens"
PLAYWRIGHT_PACKAGE="$package" BASE="http://127.0.0.1:$port" OUT="$root/docs/screens" node "$root/tools/screens/screens.js"
echo "screenshots in docs/screens"
