#!/usr/bin/env bash
# The peer comparison on the synthetic registry (bench/compare.mjs says what it measures):
# installs what it needs (Debian's python3-numpy, sqlite3 and postgresql; DuckDB's Node API from
# bench/peers' lock file), builds covalue, then runs Q1–Q3 at 1M and 10M observations.
# Usage: bench/compare.sh [--sizes 1m,10m] [--work DIR]   (as root, or with sudo)
set -euo pipefail
cd "$(dirname "$0")/.."
missing=()
for p in python3-numpy sqlite3 postgresql; do
  dpkg-query -W -f='${db:Status-Status}\n' "$p" 2>/dev/null | grep -qx installed || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo=sudo
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}"
fi
make build >/dev/null
[ -d bench/peers/node_modules/@duckdb/node-api ] || (cd bench/peers && ../../scripts/npm ci --no-audit --no-fund --silent)
exec scripts/node bench/compare.mjs "$@"
