#!/usr/bin/env bash
# Requests per second of an authenticated GET /api/v1/sites with keep-alive, 64 connections,
# measured with wrk on loopback against a fresh demo database.
# Usage: bench/http_sites.sh [SECONDS] [CONNECTIONS]   (after make build)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
connections="${2:-64}"
. bench/demo_server.sh
start_demo_server
cookie=$(sign_in admin)
curl -sf -H "Cookie: $cookie" "$url/api/v1/sites" >/dev/null
echo "GET $url/api/v1/sites, $connections connections, ${seconds}s, $(nproc) cores"
wrk -t2 -c"$connections" -d"${seconds}s" -H "Cookie: $cookie" "$url/api/v1/sites"
