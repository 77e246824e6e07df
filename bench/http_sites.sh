#!/usr/bin/env bash
# Requests per second of an authenticated GET /api/v1/sites with keep-alive, 64 connections,
# measured with wrk on loopback against a fresh demo database.
# Usage: bench/http_sites.sh [SECONDS] [CONNECTIONS]   (after make build)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
connections="${2:-64}"
work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; rm -rf "$work"' EXIT

build/covalue demo --db "$work/bench.db" --json >"$work/logins.json"
password=$(scripts/node -e 'const l=JSON.parse(require("fs").readFileSync(process.argv[1])); console.log(l.find(x=>x.username==="admin").password)' "$work/logins.json")
build/covalue serve --db "$work/bench.db" --listen 127.0.0.1:0 2>"$work/serve.log" &
server=$!
for _ in $(seq 50); do
  url=$(grep -o 'listening on http://[^ ]*' "$work/serve.log" | cut -d' ' -f3 || true)
  [ -n "$url" ] && break
  sleep 0.1
done
cookie=$(curl -s -D - -o /dev/null -H 'content-type: application/json' \
  -d "{\"username\":\"admin\",\"password\":\"$password\"}" "$url/api/v1/auth/login" |
  grep -i '^set-cookie:' | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]*).*/\1/')
curl -sf -H "Cookie: $cookie" "$url/api/v1/sites" >/dev/null
echo "GET $url/api/v1/sites, $connections connections, ${seconds}s, $(nproc) cores"
wrk -t2 -c"$connections" -d"${seconds}s" -H "Cookie: $cookie" "$url/api/v1/sites"
