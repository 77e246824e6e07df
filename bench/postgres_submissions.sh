#!/usr/bin/env bash
# Durable submissions on PostgreSQL against SQLite, in one run on this machine: acknowledged
# POST /fhir/r4/QuestionnaireResponse per second (a completed PHQ-9, as response_submissions.sh)
# with 1 and 64 clients on each database, beside PostgreSQL's own durable insert rate with 8
# clients (pgbench, one plain single-row INSERT per transaction, synchronous_commit on) on the
# same cluster. The target: with 64 clients, covalue's submissions per second on PostgreSQL at
# least 1.0 × pgbench's 8-client inserts (group commit must not lose to the engine underneath).
# Beside it, pgbench running the statements one submission's write runs (about nine, behind one
# locked row, as covalue's audit chain is) one transaction each: the engine's rate for the same
# work, which a submission's single-row-insert comparison leaves out.
# Usage: bench/postgres_submissions.sh [SECONDS]   (after make build)
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
bindir=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)

# rate CONNECTIONS: acknowledged submissions per second against the server of this shell.
rate() {
  wrk -t"$(( $1 < 2 ? 1 : 2 ))" -c"$1" -d"${seconds}s" -s "$work/post.lua" "$url/fhir/r4/QuestionnaireResponse" \
    >"$work/wrk-$1.txt"
  grep -q 'non-201 answers: 0' "$work/wrk-$1.txt" || { cat "$work/wrk-$1.txt" >&2; exit 1; }
  grep 'Requests/sec' "$work/wrk-$1.txt" | awk '{printf "%.0f", $2}'
}

# measure: sets one and sixty_four for a demo server on BENCH_DB, in a subshell of its own.
measure() {
  (
    . bench/demo_server.sh
    start_demo_server
    cookie=$(sign_in patient.vastera)
    write_submission "$cookie"
    one=$(rate 1)
    sixty_four=$(rate 64)
    pgbench_rate=""
    submission_rate=""
    if [ "${BENCH_DB:-sqlite}" = postgresql ]; then
      cluster=$(cat "$work/cluster/url")
      psql "$cluster" -qc 'CREATE TABLE raw (id bigserial PRIMARY KEY, patient bigint, body text)'
      echo "INSERT INTO raw (patient, body) VALUES (1, 'phq-9');" >"$work/insert.sql"
      pgbench_rate=$(PGOPTIONS='-c synchronous_commit=on' "$bindir/pgbench" -n -c 8 -j 2 -T "$seconds" \
        -f "$work/insert.sql" "$cluster" 2>/dev/null | awk '/^tps/ {printf "%.0f", $3}')
      # The same engine doing what one submission's write does, one transaction each: the
      # chain head read locked and moved, the response, its score, the aggregate's upsert, the
      # generation, the audit record (tables of its own beside the demo's).
      psql "$cluster" -q <<'SQL'
CREATE TABLE b_head (id int PRIMARY KEY, seq bigint); INSERT INTO b_head VALUES (1, 0);
CREATE TABLE b_generation (g bigint); INSERT INTO b_generation VALUES (0);
CREATE TABLE b_responses (id bigserial PRIMARY KEY, patient bigint, body text);
CREATE TABLE b_observations (id bigserial PRIMARY KEY, response bigint, value float8);
CREATE TABLE b_aggregates (k int PRIMARY KEY, n bigint);
CREATE TABLE b_audit (seq bigint PRIMARY KEY, hash text);
SQL
      cat >"$work/submission.sql" <<'SQL'
BEGIN;
SELECT seq FROM b_head WHERE id = 1 FOR UPDATE;
UPDATE b_head SET seq = seq + 1 WHERE id = 1;
INSERT INTO b_responses (patient, body) VALUES (1, repeat('x', 1500));
INSERT INTO b_observations (response, value) VALUES (currval('b_responses_id_seq'), 12);
INSERT INTO b_aggregates VALUES (1, 1) ON CONFLICT (k) DO UPDATE SET n = b_aggregates.n + 1;
UPDATE b_generation SET g = g + 1;
INSERT INTO b_audit SELECT seq, repeat('a', 64) FROM b_head WHERE id = 1;
COMMIT;
SQL
      submission_rate=$(PGOPTIONS='-c synchronous_commit=on' "$bindir/pgbench" -n -c 8 -j 2 \
        -T "$seconds" -f "$work/submission.sql" "$cluster" 2>/dev/null |
        awk '/^tps/ {printf "%.0f", $3}')
    fi
    echo "$one $sixty_four $pgbench_rate $submission_rate"
  )
}

echo "durable submissions, ${seconds}s each, $(nproc) cores"
read -r sqlite_one sqlite_64 _ _ < <(BENCH_DB=sqlite measure)
read -r postgres_one postgres_64 pgbench_8 pgbench_submissions < <(BENCH_DB=postgresql measure)
printf '%-44s %8s %8s\n' "acknowledged submissions per second" "1 client" "64"
printf '%-44s %8s %8s\n' "SQLite (WAL, synchronous=FULL)" "$sqlite_one" "$sqlite_64"
printf '%-44s %8s %8s\n' "PostgreSQL (synchronous_commit=on)" "$postgres_one" "$postgres_64"
printf 'pgbench, 8 clients, durable single-row inserts: %s /s\n' "$pgbench_8"
printf 'pgbench, 8 clients, the statements of one submission per transaction: %s /s\n' \
  "$pgbench_submissions"
awk -v a="$postgres_64" -v b="$pgbench_8" 'BEGIN { printf "PostgreSQL 64 clients / pgbench 8 clients: %.2fx (target >= 1.0)\n", a / b }'
awk -v a="$postgres_64" -v b="$pgbench_submissions" \
  'BEGIN { printf "PostgreSQL 64 clients / pgbench of the same statements: %.2fx\n", a / b }'
