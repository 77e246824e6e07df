# Sourced by the bench scripts: a fresh demo database served on a free loopback port.
# start_demo_server: sets work (a temporary folder, removed on exit), logins, server and url;
# DEMO_PATIENTS sets the registry's size (default 480).
# sign_in USERNAME: prints the session cookie of a demo user.

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
