#!/usr/bin/env bash
# A stratification's live numbers on a registry of about 10M observations
# (build/bench/covalue_strata_bench, Google Benchmark): one site with a population of 20,000
# people and one of 11,250, about 320 observations each over 60 months (PROMs monthly, EDSS a
# quarter, dispensings, outpatient visits, inpatient days and emergency visits), loaded through
# the app once (about 90 s; kept in WORK between runs); then the summary of four strata of the
# 20,000 (people, ages, sexes, utilisation and cost per person-year over 12 months, PHQ-9 and
# EDSS quartiles) as the site's admin reads it. The issue's target: at most 200 ms.
#
# usage: bench/strata.sh [WORK]   (after make build; WORK default $TMPDIR/covalue-strata)
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-${TMPDIR:-/tmp}/covalue-strata}
mkdir -p "$work"
echo "cores: $(nproc)"
build/bench/covalue_strata_bench --db "$work/strata.db" --benchmark_min_time=3
