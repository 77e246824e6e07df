#!/usr/bin/env bash
# The concept-mapping analysis on two synthetic studies (bench/research/gen_concept_map.py,
# seed 1): a realistic one (100 statements, 30 sorters, 30 raters) and a large one (1,000
# statements, 80 sorters, 80 raters). For each: the whole `covalue conceptmap` (8 starts, the
# median of 5 runs, wall time on this machine's cores) and the stress-1 it reaches, beside a
# reference SMACOF in base R (bench/research/reference_smacof.R) from many starts on the small
# study (REF_STARTS, default 100) and from 2 on the large one (at most 300 iterations each, so
# that the reference ends in minutes); then the engine's phases
# (build/bench/covalue_research_bench, Google Benchmark) on the small study.
#
# usage: bench/concept_map.sh [REF_STARTS]   (after make build; installs r-base-core if missing)
set -euo pipefail
cd "$(dirname "$0")/.."
ref_starts=${1:-100}
work=build/bench
mkdir -p "$work"
if ! command -v Rscript > /dev/null; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends r-base-core >&2
fi
/usr/bin/python3 bench/research/gen_concept_map.py "$work/study-100" --statements 100 --sorters 30 --raters 30 --themes 8 --seed 1
/usr/bin/python3 bench/research/gen_concept_map.py "$work/study-1000" --statements 1000 --sorters 80 --raters 80 --themes 12 --seed 1

echo "cores: $(nproc)"
for study in study-100 study-1000; do
  dir="$work/$study"
  times=()
  for run in 1 2 3 4 5; do
    start=$(date +%s%N)
    build/covalue conceptmap --statements "$dir/statements.csv" --sorts "$dir/sorts.csv" \
      --ratings "$dir/ratings.csv" --json > "$dir/conceptmap.json"
    times+=("$(( ($(date +%s%N) - start) / 1000000 ))")
  done
  median=$(printf '%s\n' "${times[@]}" | sort -n | sed -n 3p)  # milliseconds
  stress=$(/usr/bin/python3 -c "import json,sys; print('%.6f' % json.load(open(sys.argv[1]))['mds']['stress1'])" "$dir/conceptmap.json")
  starts=$ref_starts
  itmax=1000
  [[ $study == study-1000 ]] && starts=2 && itmax=300
  read -r ref_stress ref_seconds < <(Rscript bench/research/reference_smacof.R "$dir" "$starts" 1 1e-8 "$itmax")
  difference=$(/usr/bin/python3 -c "import sys; print('%+.6f' % (float(sys.argv[1]) - float(sys.argv[2])))" "$stress" "$ref_stress")
  echo "$study: covalue conceptmap ${median} ms (8 starts), stress-1 $stress;" \
    "reference SMACOF (R, $starts starts, at most $itmax iterations) stress-1 $ref_stress in ${ref_seconds} s;" \
    "covalue - reference $difference"
done
COVALUE_STUDY="$work/study-100" build/bench/covalue_research_bench --benchmark_min_time=0.2
