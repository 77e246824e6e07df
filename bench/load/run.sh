#!/usr/bin/env bash
# The mixed load (bench/load/mixed.mjs) in one run: CLIENTS clients for SECONDS against one
# server on SQLite, one on PostgreSQL and two on one PostgreSQL database (requests alternated,
# as behind a proxy), each on a fresh demo database; PostgreSQL from a private cluster
# (scripts/test-postgres), stopped at the end.
# Usage: bench/load/run.sh [CLIENTS] [SECONDS]   (after make build; 256 clients by hand)
set -euo pipefail
cd "$(dirname "$0")/../.."
clients="${1:-64}"
seconds="${2:-10}"
work=$(mktemp -d "${TMPDIR:-/tmp}/covalue-load.XXXXXX")
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done
  [ -f "$work/cluster/url" ] && scripts/test-postgres stop "$work/cluster"
  rm -rf "$work"
}
trap cleanup EXIT

# serve DB LOG: starts a server on DB; sets url to its address.
serve() {
  build/covalue serve --db "$1" --listen 127.0.0.1:0 >/dev/null 2>"$2" &
  pids+=($!)
  for _ in $(seq 100); do
    url=$(grep -o 'listening on http://[^ ]*' "$2" | cut -d' ' -f3 || true)
    [ -n "$url" ] && return 0
    sleep 0.1
  done
  echo "the server on $1 did not start" >&2
  exit 1
}

echo "== one server, SQLite"
build/covalue demo --db "$work/load.db" --json >"$work/sqlite-logins.json"
serve "$work/load.db" "$work/sqlite.log"
scripts/node bench/load/mixed.mjs "$work/sqlite-logins.json" "$clients" "$seconds" "$url"

scripts/test-postgres start "$work/cluster"
cluster=$(cat "$work/cluster/url")
for name in one two; do
  psql "$cluster" -qc "CREATE DATABASE load_$name"
  db="${cluster%/postgres}/load_$name"
  build/covalue demo --db "$db" --json >"$work/$name-logins.json"
  if [ "$name" = one ]; then
    echo "== one server, PostgreSQL"
    serve "$db" "$work/pg-one.log"
    scripts/node bench/load/mixed.mjs "$work/$name-logins.json" "$clients" "$seconds" "$url"
  else
    echo "== two servers, one PostgreSQL database"
    serve "$db" "$work/pg-a.log"
    a=$url
    serve "$db" "$work/pg-b.log"
    b=$url
    scripts/node bench/load/mixed.mjs "$work/$name-logins.json" "$clients" "$seconds" "$a" "$b"
  fi
done
