#!/usr/bin/env bash
# A stratification's live numbers on a registry of about 10M observations
# (build/bench/covalue_strata_bench, Google Benchmark): one site with a population of 20,000
# people and one of 11,250, about 320 observations each over 60 months (PROMs monthly, EDSS a
# quarter, dispensings, outpatient visits, inpatient days and emergency visits), loaded through
# the app once (about 90 s; kept in WORK between runs); then the summary of four strata of the
# 20,000 (people, ages, sexes, utilisation and cost per person-year over 12 months, PHQ-9 and
# EDSS quartiles) as the site's admin reads it. The issue's target: at most 200 ms.
# With --postgres, the same on PostgreSQL: a private cluster in WORK (scripts/test-postgres),
# the loaded file copied into it by `covalue migrate` (a few minutes), paused at the end and kept
# for the next run (`scripts/test-postgres stop WORK/cluster` removes it).
#
# usage: bench/strata.sh [--postgres] [WORK]   (after make build; WORK default $TMPDIR/covalue-strata)
set -euo pipefail
cd "$(dirname "$0")/.."
postgres=0
if [ "${1:-}" = "--postgres" ]; then postgres=1; shift; fi
work=${1:-${TMPDIR:-/tmp}/covalue-strata}
mkdir -p "$work"
echo "cores: $(nproc)"
if [ "$postgres" = 0 ]; then
  exec build/bench/covalue_strata_bench --db "$work/strata.db" --benchmark_min_time=3
fi
[ -f "$work/strata.db" ] || build/bench/covalue_strata_bench --db "$work/strata.db" --benchmark_filter=none
# The cluster is kept between runs (paused, its data in its temporary folder) with the copy in it.
if [ -f "$work/cluster/data" ] && [ -d "$(cat "$work/cluster/data")" ]; then
  scripts/test-postgres resume "$work/cluster" >/dev/null
else
  scripts/test-postgres start "$work/cluster" >/dev/null
fi
trap 'scripts/test-postgres pause "$work/cluster" >/dev/null' EXIT
cluster=$(cat "$work/cluster/url")
url=$(sed 's#/postgres$#/strata#' <<<"$cluster")
if ! psql "$cluster" -tAc "SELECT 1 FROM pg_database WHERE datname = 'strata'" | grep -q 1; then
  psql "$cluster" -qc "CREATE DATABASE strata"
  build/covalue migrate --from "$work/strata.db" --to "$url" >&2
  psql "$url" -qc "VACUUM ANALYZE"
fi
build/bench/covalue_strata_bench --db "$url" --benchmark_min_time=3
