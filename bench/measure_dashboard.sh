#!/usr/bin/env bash
# Latency of the measure dashboards over HTTP: wrk with CONNECTIONS keep-alive clients on
# loopback against a fresh demo database (PATIENTS patients), each request one measure chart:
# the team lead's PHQ-9 chart with its passport change, and the facilitator's cross-site view.
# Prints wrk's latency distribution (the target: p99 under 50 ms with 64 clients).
# Usage: bench/measure_dashboard.sh [SECONDS] [CONNECTIONS] [PATIENTS]   (after make build)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
connections="${2:-64}"
patients="${3:-480}"
. bench/demo_server.sh
DEMO_PATIENTS="$patients" start_demo_server
lead=$(sign_in lead.vastera)
facilitator=$(sign_in facilitator)
team=$(curl -sf -H "Cookie: $lead" "$url/api/v1/teams" | scripts/node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).items[0].id))')
team_chart="$url/api/v1/teams/$team/measures/phq9-mean/chart"
cross_site="$url/api/v1/measures/phq9-below-10/sites"
curl -sf -H "Cookie: $lead" "$team_chart" >/dev/null
curl -sf -H "Cookie: $facilitator" "$cross_site" >/dev/null
echo "$patients demo patients, $connections connections, ${seconds}s, $(nproc) cores"
echo "GET $team_chart (team lead)"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -H "Cookie: $lead" "$team_chart"
echo "GET $cross_site (facilitator)"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -H "Cookie: $facilitator" "$cross_site"
