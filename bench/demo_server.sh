# Sourced by the bench scripts: a fresh demo database served on a free loopback port.
# start_demo_server: sets work (a temporary folder, removed on exit), logins, server and url;
# DEMO_PATIENTS sets the registry's size (default 480).
# sign_in USERNAME: prints the session cookie of a demo user.
# write_submission COOKIE: writes $work/response.json (a completed PHQ-9 of the signed-in
# patient, as a FHIR QuestionnaireResponse) and $work/post.lua (wrk posting it, counting
# answers other than 201).

# BENCH_DB=postgresql: the database is a private PostgreSQL cluster's (scripts/test-postgres),
# started in the work folder and stopped on exit; db is then its url.

start_demo_server() {
  work=$(mktemp -d "${TMPDIR:-/tmp}/covalue-bench.XXXXXX")
  trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true;
        [ -f "$work/cluster/url" ] && scripts/test-postgres stop "$work/cluster"; rm -rf "$work"' EXIT
  db="$work/bench.db"
  if [ "${BENCH_DB:-sqlite}" = postgresql ]; then
    scripts/test-postgres start "$work/cluster"
    psql "$(cat "$work/cluster/url")" -qc 'CREATE DATABASE bench'
    db=$(sed 's#/postgres$#/bench#' "$work/cluster/url")
  fi
  build/covalue demo --db "$db" --patients "${DEMO_PATIENTS:-480}" --json >"$work/logins.json"
  build/covalue serve --db "$db" --listen 127.0.0.1:0 2>"$work/serve.log" &
  server=$!
  for _ in $(seq 50); do
    url=$(grep -o 'listening on http://[^ ]*' "$work/serve.log" | cut -d' ' -f3 || true)
    [ -n "$url" ] && break
    sleep 0.1
  done
}

sign_in() {
  local password
  password=$(scripts/node -e 'const l=JSON.parse(require("fs").readFileSync(process.argv[1])); console.log(l.find(x=>x.username===process.argv[2]).password)' "$work/logins.json" "$1")
  curl -s -D - -o /dev/null -H 'content-type: application/json' \
    -d "{\"username\":\"$1\",\"password\":\"$password\"}" "$url/api/v1/auth/login" |
    grep -i '^set-cookie:' | sed -E 's/^[Ss]et-[Cc]ookie: ([^;]*).*/\1/'
}

write_submission() {
  local patient
  patient=$(curl -sf -H "Cookie: $1" "$url/fhir/r4/Patient" | scripts/node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>console.log(JSON.parse(s).entry[0].resource.id))')
  scripts/node -e '
    const codes = ["LA6568-5", "LA6569-3", "LA6570-1", "LA6571-9"];
    const item = [...Array(9)].map((_, i) => ({ linkId: `phq9-${i + 1}`, answer: [{ valueCoding: { system: "http://loinc.org", code: codes[i % 4] } }] }));
    process.stdout.write(JSON.stringify({ resourceType: "QuestionnaireResponse", status: "completed",
      questionnaire: "Questionnaire/phq-9", subject: { reference: "Patient/" + process.argv[1] },
      authored: "2026-11-20T09:30:00Z", item }));' "$patient" >"$work/response.json"
  cat >"$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/fhir+json"
wrk.headers["Cookie"] = "$1"
local f = io.open("$work/response.json", "rb")
wrk.body = f:read("*a")
f:close()
done = function(summary, latency, requests)
  io.write(string.format("non-201 answers: %d\n", summary.errors.status))
end
LUA
}
