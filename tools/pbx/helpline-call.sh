#!/usr/bin/env bash
# Posts to Ariadne's helpline call webhook the way a PBX does on a call: the same request an Asterisk dialplan
# makes with CURL() or a FreeSWITCH/3CX HTTP hook. Use it to test a PBX integration, or from the dialplan itself.
#
#   tools/pbx/helpline-call.sh BASE_URL CALL_ID EVENT [FROM]
#     BASE_URL  the Ariadne server, e.g. https://ariadne.example
#     CALL_ID   the PBX's own id of the call (Asterisk: ${UNIQUEID}); the same id opens one contact however often it is sent
#     EVENT     ringing | answered | hangup
#     FROM      the caller's number if the PBX has it (Asterisk: ${CALLERID(num)}); Ariadne keeps only a keyed HMAC of it
#   The API token (scope helpline.calls, issued to the PBX's helpline account) is read from ARIADNE_PBX_TOKEN, never from
#   the command line, so that it does not show in the process list.
#
# Prints the answer (the contact opened: {"contactId":…,"number":"HL-…","status":"Waiting"}) and exits 0 on 2xx, 1 otherwise.
#
# Asterisk (extensions.conf), on the helpline's inbound context:
#   exten => _X.,1,Set(CURL_RESULT=${SHELL(ARIADNE_PBX_TOKEN=... /opt/ariadne/helpline-call.sh https://ariadne.example ${UNIQUEID} ringing ${CALLERID(num)})})
#    same => n,Queue(helpline)
#    same => n,Hangup()
#   exten => h,1,System(ARIADNE_PBX_TOKEN=... /opt/ariadne/helpline-call.sh https://ariadne.example ${UNIQUEID} hangup)
set -euo pipefail
if [ $# -lt 3 ]; then
  sed -n '2,22p' "$0" >&2
  exit 2
fi
base=${1%/}; call_id=$2; event=$3; from=${4:-}
: "${ARIADNE_PBX_TOKEN:?set ARIADNE_PBX_TOKEN to the API token of the PBX (scope helpline.calls)}"
# JSON-escape the values the PBX gives (quotes and backslashes; control characters are dropped).
esc() { printf '%s' "$1" | tr -d '\000-\037' | sed -e 's/\\/\\\\/g' -e 's/"/\\"/g'; }
body=$(printf '{"callId":"%s","event":"%s","from":"%s"}' "$(esc "$call_id")" "$(esc "$event")" "$(esc "$from")")
answer=$(mktemp)
trap 'rm -f "$answer"' EXIT
status=$(curl --silent --show-error --max-time 10 --output "$answer" --write-out '%{http_code}' \
  --header "Authorization: Bearer $ARIADNE_PBX_TOKEN" --header "Content-Type: application/json" --header "Accept-Language: en" \
  --data "$body" "$base/api/v1/helpline/calls") || { echo "helpline-call: no answer from $base" >&2; exit 1; }
cat "$answer"; echo
case "$status" in 2??) exit 0 ;; *) echo "helpline-call: HTTP $status" >&2; exit 1 ;; esac
