// The peer comparison of issue "Measures and SPC" (run through bench/compare.sh): the synthetic
// registry of ../shared/bench/ at each size, queries Q1–Q3 of ../shared/bench/QUERIES.md in
// covalue (in-process through the app, and over HTTP) and in DuckDB, SQLite and PostgreSQL, each
// peer both from raw rows and from a monthly aggregate table built with its own SQL. Every
// system's rows are checked against covalue's (1e-9) before any time is printed.
//
// Every query is timed by this harness with a monotonic clock (process.hrtime), one repetition
// at a time: once to warm up, then at least 5 times and at least 100 ms in all; the median is
// reported with the min and max. covalue's in-process times come from its own harness
// (bench/registry_bench.cc), which does the same in C++. covalue's rescan path (Q2 from the
// raw observations: the 20 definitions previewed, reading the observation file beside the
// database) runs in a process of its own, so that its peak memory is its own.
//
// Usage: node bench/compare.mjs [--sizes 1m,10m] [--work DIR]
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, get as httpGet } from 'node:http';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzip } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = Object.fromEntries(process.argv.slice(2).reduce((pairs, a, i, all) => (a.startsWith('--') ? [...pairs, [a.slice(2), all[i + 1]]] : pairs), []));
const sizes = (args.sizes ?? '1m,10m').split(',');
const work = resolve(args.work ?? join(process.env.TMPDIR ?? '/tmp', 'covalue-compare'));
const ROWS = { '1m': 1_000_000, '10m': 10_000_000 };
const SEED = 42;
const MIN_SECONDS = 0.1;
const BASELINE_MONTH = '2022-01';
const bin = (name) => join(root, 'build', name);
const PG_BIN = '/usr/lib/postgresql/15/bin';

const log = (...parts) => console.error('compare:', ...parts);
const ms = (hr) => Number(hr) / 1e6;

function run(command, commandArgs, options = {}) {
  const t0 = process.hrtime.bigint();
  const result = spawnSync(command, commandArgs, { encoding: 'utf8', maxBuffer: 1 << 30, ...options });
  if (result.status !== 0) throw new Error(`${command} ${commandArgs.join(' ')}: ${result.stderr || result.error}`);
  return { stdout: result.stdout, seconds: ms(process.hrtime.bigint() - t0) / 1000 };
}

// Peak resident memory of a process in MB (VmHWM), read before it ends.
function peakMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+)/.exec(status)[1]) / 1024;
}

// Times work (an async function): a warm-up, then at least 5 runs and MIN_SECONDS in all.
async function time(work) {
  await work();
  const runs = [];
  const start = process.hrtime.bigint();
  while (runs.length < 5 || ms(process.hrtime.bigint() - start) < MIN_SECONDS * 1000) {
    const t0 = process.hrtime.bigint();
    await work();
    runs.push(ms(process.hrtime.bigint() - t0));
  }
  runs.sort((a, b) => a - b);
  return { median_ms: runs[runs.length >> 1], min_ms: runs[0], max_ms: runs.at(-1), runs: runs.length };
}

// ---- The queries, in each dialect --------------------------------------------------------

const DIALECTS = {
  sqlite: { month: (c) => `substr(${c}, 1, 7)`, dbl: 'REAL', greatest: 'max', least: 'min' },
  duckdb: { month: (c) => `strftime(${c}, '%Y-%m')`, dbl: 'DOUBLE', greatest: 'greatest', least: 'least' },
  postgres: { month: (c) => `to_char(${c}, 'YYYY-MM')`, dbl: 'DOUBLE PRECISION', greatest: 'greatest', least: 'least' },
};

// The monthly aggregate table each peer builds with its own SQL: the same design as covalue's
// measure store, done without covalue.
const aggregateTable = (d) => `CREATE TABLE monthly AS
  SELECT site_id, measure_id, ${d.month('ts')} AS month, sum(num) AS num, sum(den) AS den,
         count(*) AS n, sum(value) AS sum_value
  FROM observations GROUP BY site_id, measure_id, ${d.month('ts')}`;

// Q1 (one series) and Q2 (all): p charts with a frozen baseline.
function pChart(d, fromAggregate, where) {
  const monthly = fromAggregate
    ? `SELECT site_id, measure_id, month, num, den FROM monthly ${where}`
    : `SELECT site_id, measure_id, ${d.month('ts')} AS month, sum(num) AS num, sum(den) AS den
       FROM observations ${where} GROUP BY site_id, measure_id, ${d.month('ts')}`;
  return `WITH m AS (${monthly}),
  b AS (SELECT site_id, measure_id, CAST(sum(num) AS ${d.dbl}) / sum(den) AS pbar
        FROM m WHERE month < '${BASELINE_MONTH}' GROUP BY site_id, measure_id),
  c AS (SELECT m.site_id, m.measure_id, m.month, m.num, m.den, CAST(m.num AS ${d.dbl}) / m.den AS p, b.pbar AS cl,
               ${d.greatest}(0, b.pbar - 3 * sqrt(b.pbar * (1 - b.pbar) / m.den)) AS lcl,
               ${d.least}(1, b.pbar + 3 * sqrt(b.pbar * (1 - b.pbar) / m.den)) AS ucl
        FROM m JOIN b ON m.site_id = b.site_id AND m.measure_id = b.measure_id)
  SELECT site_id, measure_id, month, num, den, p, cl, lcl, ucl, CASE WHEN p > ucl OR p < lcl THEN 1 ELSE 0 END AS signal
  FROM c ORDER BY site_id, measure_id, month`;
}

// Q3: XmR of the monthly means of M11 per site.
function xmr(d, fromAggregate) {
  const monthly = fromAggregate
    ? `SELECT site_id, month, sum_value / n AS x FROM monthly WHERE measure_id = 'M11'`
    : `SELECT site_id, ${d.month('ts')} AS month, avg(value) AS x FROM observations WHERE measure_id = 'M11'
       GROUP BY site_id, ${d.month('ts')}`;
  return `WITH m AS (${monthly}),
  r AS (SELECT site_id, month, x, abs(x - lag(x) OVER (PARTITION BY site_id ORDER BY month)) AS mr FROM m),
  b AS (SELECT site_id, avg(x) AS cl, avg(mr) / 1.128 AS sigma FROM r WHERE month < '${BASELINE_MONTH}' GROUP BY site_id)
  SELECT r.site_id, r.month, r.x, r.mr, b.cl, b.sigma, b.cl - 3 * b.sigma AS lcl, b.cl + 3 * b.sigma AS ucl,
         CASE WHEN r.x > b.cl + 3 * b.sigma OR r.x < b.cl - 3 * b.sigma THEN 1 ELSE 0 END AS signal
  FROM r JOIN b ON r.site_id = b.site_id ORDER BY r.site_id, r.month`;
}

function queries(dialect, fromAggregate) {
  const d = DIALECTS[dialect];
  return {
    q1: pChart(d, fromAggregate, `WHERE site_id = 'S03' AND measure_id = 'M01'`),
    q2: pChart(d, fromAggregate, ''),
    q3: xmr(d, fromAggregate),
  };
}

// ---- Checking rows -------------------------------------------------------------------------

// Rows as arrays of cells; numbers compared to 1e-9, empty and null alike.
function parseCsv(text) {
  return text.trim().split('\n').filter(Boolean).map((line) => line.split(','));
}

function sameRows(name, expected, actual) {
  assert.equal(actual.length, expected.length, `${name}: ${actual.length} rows, covalue has ${expected.length}`);
  for (let i = 0; i < expected.length; i++) {
    assert.equal(actual[i].length, expected[i].length, `${name} row ${i + 1}: columns`);
    for (let j = 0; j < expected[i].length; j++) {
      const [a, b] = [String(expected[i][j] ?? ''), String(actual[i][j] ?? '')];
      if (a === b) continue;
      const [x, y] = [Number(a), Number(b)];
      const bothEmpty = (a === '' || a === 'null') && (b === '' || b === 'null');
      assert.ok(bothEmpty || (a !== '' && b !== '' && Math.abs(x - y) <= 1e-9), `${name} row ${i + 1} column ${j + 1}: covalue ${a}, here ${b}`);
    }
  }
}

// ---- covalue -----------------------------------------------------------------------------

async function freePort() {
  return new Promise((resolvePort) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

async function covalue(size, data) {
  const db = join(work, `covalue-${size}.db`);
  let load = null;
  if (!existsSync(db)) {
    log(`covalue: loading ${size}`);
    load = JSON.parse(run(bin('bench/covalue_registry_bench'), ['load', '--data', data, '--db', db]).stdout);
  }
  const out = join(work, `covalue-${size}`);
  mkdirSync(out, { recursive: true });
  log(`covalue: querying ${size} in-process`);
  const inProcess = JSON.parse(run(bin('bench/covalue_registry_bench'), ['query', '--db', db, '--out', out]).stdout);
  const rows = Object.fromEntries(['q1', 'q2', 'q3'].map((q) => [q, parseCsv(readFileSync(join(out, `${q}.csv`), 'utf8'))]));
  // The rescan path in a process of its own, so that its peak memory is its own.
  log(`covalue: Q2 from the raw observations ${size}`);
  const rescan = JSON.parse(run(bin('bench/covalue_registry_bench'), ['rescan', '--db', db, '--out', out]).stdout);
  sameRows(`covalue rescan Q2 (${size})`, rows.q2, parseCsv(readFileSync(join(out, 'q2-rescan.csv'), 'utf8')));
  return { db, load, inProcess, rescan, rows, http: await covalueHttp(db, rows) };
}

// The same queries through the HTTP API as a facilitator (Q2, Q3) and S03's admin (Q1).
async function covalueHttp(db, expected) {
  const password = 'a bench pass phrase';
  const port = await freePort();
  const server = spawn(bin('covalue'), ['serve', '--db', db, '--listen', `127.0.0.1:${port}`, '--min-cell', '1'], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  try {
    try {
      run(bin('covalue'), ['user', 'add', '--db', db, '--username', 'bench.facilitator', '--role', 'facilitator', '--password', password]);
    } catch (error) {
      if (!/taken/.test(String(error))) throw error; // added by an earlier run
    }
    for (let i = 0; i < 50; i++) {
      try {
        await fetch(`${url}/healthz`);
        break;
      } catch {
        await new Promise((r) => setTimeout(r, 100));
      }
    }
    const login = await fetch(`${url}/api/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'bench.facilitator', password }) });
    assert.equal(login.status, 200);
    const cookie = login.headers.get('set-cookie').split(';')[0];
    // The client: Node's own HTTP module on keep-alive connections, as a service calling the API
    // does; by default it asks for no compression (on loopback, gzip only costs both sides CPU).
    // Q2 is also timed as a browser asks (gzip), with node:http and with fetch().json().
    const agent = new Agent({ keepAlive: true });
    const request = (path, headers) =>
      new Promise((resolveGet, reject) =>
        httpGet({ host: '127.0.0.1', port, path, agent, headers: { cookie, ...headers } }, (response) => {
          const chunks = [];
          response.on('data', (chunk) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            if (response.statusCode !== 200) return reject(new Error(`${path}: ${response.statusCode}`));
            const body = Buffer.concat(chunks);
            if (response.headers['content-encoding'] !== 'gzip') return resolveGet(JSON.parse(body.toString('utf8')));
            gunzip(body, (error, text) => (error ? reject(error) : resolveGet(JSON.parse(text.toString('utf8')))));
          });
        }).on('error', reject),
      );
    const get = (path) => request(path, {});
    const getGzip = (path) => request(path, { 'accept-encoding': 'gzip' });
    const getFetch = async (path) => {
      const response = await fetch(url + path, { headers: { cookie } });
      assert.equal(response.status, 200, path);
      return response.json();
    };
    const s03 = (await get('/api/v1/sites?limit=500')).items.find((s) => s.name === 'S03').id;
    const base = 'baseline_before=2022-01-01';
    const rowsOf = (view) =>
      view.series.flatMap((s) => s.points.map((p) => [s.site, view.measure.name, p.x, String(Math.round(p.y * p.cell)), String(p.cell), String(p.y), String(p.cl), String(p.lcl), String(p.ucl), p.sigma_signal ? '1' : '0']));
    // Timed: the views read in full (fetched and parsed), as DuckDB's side times its result read
    // in full (getRows) without turning cells into text; the rows are made apart, for the check.
    // Q1 and Q2 ask each point for the query's columns only (the API's sparse fieldset), as the
    // peers' SELECT names them: the views keep their shape, series[].points[].
    const columns = 'fields=x,y,cell,cl,lcl,ucl,sigma_signal';
    const q1 = async () => get(`/api/v1/measures/m01/chart?site_id=${s03}&${base}&${columns}`);
    const q2With = (read) => async () => Promise.all(Array.from({ length: 20 }, (_, i) => read(`/api/v1/measures/m${String(i + 1).padStart(2, '0')}/sites?${base}&${columns}`)));
    const q2 = q2With(get);
    const q3 = async () => (await get(`/api/v1/measures/m11-mean/sites?${base}&mr_screening=off`)).series.length;
    sameRows('covalue HTTP Q1', expected.q1, rowsOf(await q1()));
    const sorted = (views) => views.flatMap(rowsOf).sort((a, b) => (a.join(',') < b.join(',') ? -1 : 1));
    sameRows('covalue HTTP Q2', expected.q2, sorted(await q2()));
    sameRows('covalue HTTP Q2 (gzip)', expected.q2, sorted(await q2With(getGzip)()));
    sameRows('covalue HTTP Q2 (fetch)', expected.q2, sorted(await q2With(getFetch)()));
    const timed = { q1: await time(q1), q2: await time(q2), q3: await time(q3) };
    timed.q2_gzip = await time(q2With(getGzip));
    timed.q2_fetch = await time(q2With(getFetch));
    agent.destroy();
    return timed;
  } finally {
    server.kill('SIGTERM');
  }
}

// ---- Peers ---------------------------------------------------------------------------------

// A command-line client kept open: each query is written with a sentinel after it and timed
// until the sentinel comes back.
class Shell {
  constructor(command, commandArgs, sentinel, options = {}) {
    this.child = spawn(command, commandArgs, { stdio: ['pipe', 'pipe', 'pipe'], ...options });
    this.sentinel = sentinel;
    this.buffer = '';
    this.waiting = null;
    this.child.stdout.setEncoding('utf8');
    this.child.stdout.on('data', (chunk) => {
      this.buffer += chunk;
      const at = this.buffer.indexOf('@@done@@');
      if (at >= 0 && this.waiting) {
        const text = this.buffer.slice(0, at);
        this.buffer = this.buffer.slice(this.buffer.indexOf('\n', at) + 1);
        const resolveWait = this.waiting;
        this.waiting = null;
        resolveWait(text);
      }
    });
    this.errors = '';
    this.child.stderr.on('data', (chunk) => (this.errors += chunk));
  }
  send(text) {
    return new Promise((resolveSend, reject) => {
      this.waiting = resolveSend;
      this.child.stdin.write(`${text}\n${this.sentinel}\n`, (error) => error && reject(error));
    }).then((out) => {
      if (this.errors) throw new Error(this.errors);
      return out;
    });
  }
  close() {
    this.child.stdin.end();
  }
}

async function sqlite(size, data) {
  const db = join(work, `sqlite-${size}.db`);
  const csv = join(data, 'observations.csv');
  let load = null;
  if (!existsSync(db)) {
    log(`sqlite: loading ${size}`);
    const script = `CREATE TABLE observations (site_id TEXT, population TEXT, patient_id INTEGER, measure_id TEXT, ts TEXT, value REAL, num INTEGER, den INTEGER);
BEGIN;
.import --csv --skip 1 ${csv} observations
COMMIT;`;
    const loaded = run('sqlite3', [db], { input: script });
    const index = run('sqlite3', [db], { input: 'CREATE INDEX observations_by_series ON observations (site_id, measure_id, ts); ANALYZE;' });
    const aggregate = run('sqlite3', [db], { input: `${aggregateTable(DIALECTS.sqlite)};` });
    load = { seconds: loaded.seconds, index_seconds: index.seconds, aggregate_seconds: aggregate.seconds };
  }
  const shell = new Shell('sqlite3', ['-csv', db], '.print @@done@@');
  return peerQueries('sqlite', shell, load, (q) => shell.send(`${q};`), () => peakMb(shell.child.pid), () => shell.close());
}

async function duckdb(size, data) {
  // In a process of its own, so that its peak memory is its own.
  log(`duckdb: ${size}`);
  const result = run(join(root, 'scripts', 'node'), [join(root, 'bench', 'peers', 'duckdb.mjs'), JSON.stringify({ work, size, data, queries: { raw: queries('duckdb', false), aggregate: queries('duckdb', true) }, aggregateTable: aggregateTable(DIALECTS.duckdb), minSeconds: MIN_SECONDS })]);
  return JSON.parse(result.stdout);
}

async function postgres(size, data) {
  const cluster = join(work, 'pg');
  const port = await freePort();
  // initdb and the server refuse root: the cluster belongs to the postgres account.
  const asPostgres = (command, commandArgs, options = {}) => run('runuser', ['-u', 'postgres', '--', command, ...commandArgs], options);
  if (!existsSync(join(cluster, 'PG_VERSION'))) {
    mkdirSync(cluster, { recursive: true });
    run('chown', ['postgres:postgres', cluster]);
    chmodSync(cluster, 0o700);
    asPostgres(join(PG_BIN, 'initdb'), ['-D', cluster, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  }
  asPostgres(join(PG_BIN, 'pg_ctl'), ['-D', cluster, '-o', `-p ${port} -k /tmp -c listen_addresses=127.0.0.1 -c shared_buffers=256MB -c work_mem=64MB -c max_parallel_workers_per_gather=2`, '-w', '-l', join(cluster, 'log'), 'start']);
  const psqlArgs = (database) => ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', database, '-X', '-q', '-A', '-t', '-F', ','];
  try {
    const database = `registry_${size}`;
    const exists = run('psql', [...psqlArgs('postgres'), '-c', `SELECT 1 FROM pg_database WHERE datname = '${database}'`]).stdout.trim() === '1';
    let load = null;
    if (!exists) {
      log(`postgres: loading ${size}`);
      run('psql', [...psqlArgs('postgres'), '-c', `CREATE DATABASE ${database}`]);
      const csv = join(data, 'observations.csv');
      const loaded = run('psql', [...psqlArgs(database)], { input: `CREATE TABLE observations (site_id text, population text, patient_id int, measure_id text, ts date, value double precision, num int, den int);
\\copy observations FROM '${csv}' WITH (FORMAT csv, HEADER true)` });
      const index = run('psql', [...psqlArgs(database)], { input: 'CREATE INDEX observations_by_series ON observations (site_id, measure_id, ts); VACUUM ANALYZE observations;' });
      const aggregate = run('psql', [...psqlArgs(database)], { input: `${aggregateTable(DIALECTS.postgres)}; VACUUM ANALYZE monthly;` });
      load = { seconds: loaded.seconds, index_seconds: index.seconds, aggregate_seconds: aggregate.seconds };
    }
    const shell = new Shell('psql', psqlArgs(database), '\\echo @@done@@');
    const backend = Number((await shell.send('SELECT pg_backend_pid();')).trim());
    return await peerQueries('postgres', shell, load, (q) => shell.send(`${q};`), () => peakMb(backend), () => shell.close());
  } finally {
    asPostgres(join(PG_BIN, 'pg_ctl'), ['-D', cluster, '-m', 'fast', '-w', 'stop']);
  }
}

// Rows once (for the check), then each query timed, from raw rows and from the aggregate table.
async function peerQueries(name, shell, load, query, peak, close) {
  const out = { load, raw: {}, aggregate: {}, rows: {} };
  try {
    for (const [source, set] of [['raw', queries(name, false)], ['aggregate', queries(name, true)]]) {
      for (const [q, sql] of Object.entries(set)) {
        out.rows[`${source}.${q}`] = parseCsv(await query(sql));
        out[source][q] = await time(() => query(sql));
      }
    }
    out.peak_mb = peak();
  } finally {
    close();
  }
  return out;
}

// ---- The run -------------------------------------------------------------------------------

const results = {};
mkdirSync(work, { recursive: true });
for (const size of sizes) {
  const data = join(work, 'data', size);
  if (!existsSync(join(data, 'observations.csv'))) {
    log(`generating ${size}`);
    run('/usr/bin/python3', [join(root, '..', 'shared', 'bench', 'gen_registry.py'), '--rows', String(ROWS[size]), '--seed', String(SEED), '--out', data]);
  }
  const c = await covalue(size, data);
  const peers = { duckdb: await duckdb(size, data), sqlite: await sqlite(size, data), postgres: await postgres(size, data) };
  for (const [name, peer] of Object.entries(peers)) {
    for (const [key, rows] of Object.entries(peer.rows)) {
      sameRows(`${name} ${key} (${size})`, c.rows[key.split('.')[1]], rows);
    }
    delete peer.rows;
  }
  delete c.rows;
  results[size] = { covalue: c, ...peers };
  log(`${size}: every system returns the same rows (1e-9)`);
}

// ---- Report --------------------------------------------------------------------------------

const f = (v) => (v === undefined ? '–' : v < 1 ? v.toFixed(3) : v < 100 ? v.toFixed(1) : v.toFixed(0));
console.log(`Q1–Q3 on the synthetic registry (seed ${SEED}), median ms of ≥ 5 runs and ≥ ${MIN_SECONDS * 1000} ms; ${(await import('node:os')).cpus().length} cores\n`);
for (const [size, r] of Object.entries(results)) {
  console.log(`${size}:`);
  const line = (label, q, peak) => console.log(`  ${label.padEnd(28)} Q1 ${f(q.q1?.median_ms).padStart(8)}  Q2 ${f(q.q2?.median_ms).padStart(8)}  Q3 ${f(q.q3?.median_ms).padStart(8)}${peak ? `   peak ${f(peak)} MB` : ''}`);
  line('covalue in-process', r.covalue.inProcess, r.covalue.inProcess.peak_rss_mb);
  line('covalue HTTP', r.covalue.http);
  console.log(`  ${'covalue HTTP Q2, gzip'.padEnd(28)} node:http ${f(r.covalue.http.q2_gzip.median_ms)}  fetch().json() ${f(r.covalue.http.q2_fetch.median_ms)}`);
  line('covalue rescan (raw)', { q2: r.covalue.rescan.q2 }, r.covalue.rescan.peak_rss_mb);
  for (const peer of ['duckdb', 'sqlite', 'postgres']) {
    line(`${peer} raw`, r[peer].raw, r[peer].peak_mb);
    line(`${peer} aggregate table`, r[peer].aggregate);
  }
  console.log(`  covalue store copy loaded in ${f(r.covalue.inProcess.load_store_ms)} ms; serving process RSS ${f(r.covalue.inProcess.rss_mb)} MB; observation file caught up in ${f(r.covalue.rescan.catch_up_ms)} ms`);
}
const big = results['10m'];
const small = results['1m'];
if (big) {
  const best = (q) => Math.min(...['duckdb', 'sqlite', 'postgres'].flatMap((p) => [big[p].raw[q].median_ms, big[p].aggregate[q].median_ms]));
  const ratio = (a, b) => (a / b).toFixed(3);
  console.log('\nTargets (10m):');
  console.log(`  Q2 in-process / DuckDB aggregate Q2        ${ratio(big.covalue.inProcess.q2.median_ms, big.duckdb.aggregate.q2.median_ms)}  (≤ 0.15)`);
  if (small) console.log(`  Q2 in-process 10m / 1m                      ${ratio(big.covalue.inProcess.q2.median_ms, small.covalue.inProcess.q2.median_ms)}  (≤ 1.2)`);
  console.log(`  HTTP Q2 / DuckDB aggregate Q2               ${ratio(big.covalue.http.q2.median_ms, big.duckdb.aggregate.q2.median_ms)}  (≤ 0.5)`);
  console.log(`    the same, gzip: node:http ${ratio(big.covalue.http.q2_gzip.median_ms, big.duckdb.aggregate.q2.median_ms)}, fetch ${ratio(big.covalue.http.q2_fetch.median_ms, big.duckdb.aggregate.q2.median_ms)}`);
  if (small) console.log(`  HTTP Q2 10m / 1m                            ${ratio(big.covalue.http.q2.median_ms, small.covalue.http.q2.median_ms)}  (≤ 1.2)`);
  console.log(`  Q1 in-process / best peer                   ${ratio(big.covalue.inProcess.q1.median_ms, best('q1'))}  (≤ 0.05)`);
  console.log(`  Q3 in-process / best peer                   ${ratio(big.covalue.inProcess.q3.median_ms, best('q3'))}  (≤ 0.05)`);
  if (small) console.log(`  serving RSS growth 1m → 10m                 ${f(big.covalue.inProcess.rss_mb - small.covalue.inProcess.rss_mb)} MB  (≤ 50)`);
  console.log(`  rescan Q2 (raw observations) / DuckDB raw Q2 ${ratio(big.covalue.rescan.q2.median_ms, big.duckdb.raw.q2.median_ms)}  (≤ 1.0)`);
  console.log(`  rescan peak / DuckDB peak                   ${ratio(big.covalue.rescan.peak_rss_mb, big.duckdb.peak_mb)}  (≤ 1.0)`);
}
writeFileSync(join(work, 'results.json'), JSON.stringify(results, null, 2));
log(`results in ${join(work, 'results.json')}`);
