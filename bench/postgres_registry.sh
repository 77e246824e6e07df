#!/usr/bin/env bash
# The synthetic registry on both engines, in one run on this machine: the load through the app
# as registry files (build/bench/covalue_registry_bench load: what `covalue import registry`
# does, file after file), `covalue migrate` of the loaded database either way, and Q1–Q3 from
# the measure store on each (the same rows: checked). PostgreSQL is a private cluster
# (scripts/test-postgres) in the work folder, stopped at the end.
# Usage: bench/postgres_registry.sh [ROWS] [WORK]   (after make build; ROWS default 10000000)
set -euo pipefail
cd "$(dirname "$0")/.."
rows="${1:-10000000}"
work="${2:-${TMPDIR:-/tmp}/covalue-postgres-registry}"
mkdir -p "$work"
dpkg-query -W -f='${db:Status-Status}\n' python3-numpy 2>/dev/null | grep -qx installed ||
  { echo "needs Debian's python3-numpy (apt-get install python3-numpy)" >&2; exit 1; }
data="$work/data-$rows"
[ -f "$data/observations.csv" ] ||
  /usr/bin/python3 ../shared/bench/gen_registry.py --rows "$rows" --seed 42 --out "$data" >&2

scripts/test-postgres start "$work/cluster"
trap 'scripts/test-postgres stop "$work/cluster"' EXIT
cluster=$(cat "$work/cluster/url")
database() { psql "$cluster" -qc "CREATE DATABASE $1"; sed "s#/postgres\$#/$1#" <<<"$cluster"; }
seconds() { local start=$(date +%s.%N); "$@" >/dev/null; echo "$(date +%s.%N) - $start" | bc; }

rm -f "$work"/*.db
sqlite_db="$work/loaded.db"
postgres_db=$(database loaded)
echo "registry of $rows observations, $(nproc) cores"
load_sqlite=$(seconds build/bench/covalue_registry_bench load --data "$data" --db "$sqlite_db")
load_postgres=$(seconds build/bench/covalue_registry_bench load --data "$data" --db "$postgres_db")
to_postgres=$(seconds build/covalue migrate --from "$sqlite_db" --to "$(database copied)")
to_sqlite=$(seconds build/covalue migrate --from "$postgres_db" --to "$work/copied.db")

for db in "$sqlite_db" "$postgres_db"; do
  name=$([ "$db" = "$sqlite_db" ] && echo sqlite || echo postgresql)
  mkdir -p "$work/q-$name"
  build/bench/covalue_registry_bench query --db "$db" --out "$work/q-$name" >"$work/q-$name.json"
done
for q in q1 q2 q3; do
  cmp -s "$work/q-sqlite/$q.csv" "$work/q-postgresql/$q.csv" ||
    { echo "$q: the two engines' rows differ" >&2; exit 1; }
done

printf '%-46s %10s %10s\n' "" "SQLite" "PostgreSQL"
printf '%-46s %9.1fs %9.1fs\n' "load through the app (registry files)" "$load_sqlite" "$load_postgres"
printf '%-46s %9.1fs %9.1fs\n' "covalue migrate into it from the other" "$to_sqlite" "$to_postgres"
for q in q1 q2 q3; do
  printf '%-46s %8.2fms %8.2fms\n' "$q from the measure store (median)" \
    "$(scripts/node -p "require('$work/q-sqlite.json').$q.median_ms")" \
    "$(scripts/node -p "require('$work/q-postgresql.json').$q.median_ms")"
done
echo "Q1–Q3 rows identical on both"
