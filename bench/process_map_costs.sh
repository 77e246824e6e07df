#!/usr/bin/env bash
# Latency of GET /api/v1/process-maps/{id}/costs (the demo Västerå team's twelve-step map with
# its resources and a journey: TDABC per step, lane, configuration and journey) as its team lead
# reads it, keep-alive, 64 connections by default, with wrk on loopback against a fresh demo
# database; prints wrk's latency distribution (p50 … p99).
# Usage: bench/process_map_costs.sh [SECONDS] [CONNECTIONS]   (after make build)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-15}"
connections="${2:-64}"
. bench/demo_server.sh
start_demo_server
cookie=$(sign_in lead.vastera)
map=$(curl -sf -H "Cookie: $cookie" "$url/api/v1/teams?limit=500" |
  python3 -c 'import json,sys; print(next(t["id"] for t in json.load(sys.stdin)["items"] if t["name"] == "Västerå MS Team"))' |
  xargs -I{} curl -sf -H "Cookie: $cookie" "$url/api/v1/teams/{}/process-maps" |
  python3 -c 'import json,sys; print(json.load(sys.stdin)["items"][0]["id"])')
curl -sf -H "Cookie: $cookie" "$url/api/v1/process-maps/$map/costs" >/dev/null
echo "GET $url/api/v1/process-maps/$map/costs, $connections connections, ${seconds}s, $(nproc) cores"
wrk -t2 -c"$connections" -d"${seconds}s" --latency -H "Cookie: $cookie" "$url/api/v1/process-maps/$map/costs"
