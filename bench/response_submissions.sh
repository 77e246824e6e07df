#!/usr/bin/env bash
# Acknowledged QuestionnaireResponse submissions per second: POST /fhir/r4/QuestionnaireResponse
# (a completed PHQ-9, validated, scored, stored with its Observation and audit record, durable
# before the 201) over HTTP on loopback with CONNECTIONS concurrent clients (wrk), beside the raw
# rate of durable single-row SQLite inserts (WAL, synchronous=FULL, one row per commit) in a
# file on the same disk. Prints both rates and their ratio.
# Usage: bench/response_submissions.sh [SECONDS] [CONNECTIONS] [RAW_ROWS]   (after make build)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
connections="${2:-64}"
raw_rows="${3:-10000}"
. bench/demo_server.sh
start_demo_server

# The raw rate: each INSERT its own transaction, so each commit waits for its fsync.
{
  echo "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;"
  echo "CREATE TABLE raw (id INTEGER PRIMARY KEY, patient INTEGER, body TEXT);"
  for i in $(seq "$raw_rows"); do echo "INSERT INTO raw (patient, body) VALUES ($i, 'phq-9');"; done
} >"$work/raw.sql"
start=$(date +%s.%N)
sqlite3 "$work/raw.db" <"$work/raw.sql" >/dev/null
end=$(date +%s.%N)
raw_rate=$(awk -v n="$raw_rows" -v a="$start" -v b="$end" 'BEGIN { print n / (b - a) }')

cookie=$(sign_in patient.vastera)
write_submission "$cookie"
status=$(curl -s -o /dev/null -w '%{http_code}' -H "Cookie: $cookie" -H 'content-type: application/fhir+json' \
  --data-binary @"$work/response.json" "$url/fhir/r4/QuestionnaireResponse")
[ "$status" = 201 ] || { echo "a trial submission answered $status" >&2; exit 1; }
echo "POST $url/fhir/r4/QuestionnaireResponse, $connections connections, ${seconds}s, $(nproc) cores"
wrk -t2 -c"$connections" -d"${seconds}s" -s "$work/post.lua" "$url/fhir/r4/QuestionnaireResponse" | tee "$work/wrk.txt"
rate=$(grep 'Requests/sec' "$work/wrk.txt" | awk '{print $2}')
stored=$(sqlite3 "$work/bench.db" "SELECT count(*) FROM responses")
commits=$(curl -sf "$url/metrics" | grep -E '^covalue_store_(writes|commits)_total' || true)
printf 'raw durable single-row inserts: %.0f rows/s (%d rows)\n' "$raw_rate" "$raw_rows"
printf 'acknowledged submissions:       %.0f /s (%d responses stored)\n' "$rate" "$stored"
awk -v r="$rate" -v w="$raw_rate" 'BEGIN { printf "ratio: %.2fx\n", r / w }'
echo "$commits"
