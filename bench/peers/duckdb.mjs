// DuckDB's side of bench/compare.mjs, in a process of its own so that its peak memory is its
// own: loads the observations into a database file (read_csv with explicit types), builds the
// monthly aggregate table with its own SQL, and times Q1–Q3 from both. Prints one JSON object.
import { existsSync } from 'node:fs';
import { join } from 'node:path';

import { DuckDBInstance } from '@duckdb/node-api';

const { work, size, data, queries, aggregateTable, minSeconds } = JSON.parse(process.argv[2]);
const ms = (hr) => Number(hr) / 1e6;
const file = join(work, `duckdb-${size}.duckdb`);
const fresh = !existsSync(file);
const instance = await DuckDBInstance.create(file);
const connection = await instance.connect();

async function time(work) {
  await work();
  const runs = [];
  const start = process.hrtime.bigint();
  while (runs.length < 5 || ms(process.hrtime.bigint() - start) < minSeconds * 1000) {
    const t0 = process.hrtime.bigint();
    await work();
    runs.push(ms(process.hrtime.bigint() - t0));
  }
  runs.sort((a, b) => a - b);
  return { median_ms: runs[runs.length >> 1], min_ms: runs[0], max_ms: runs.at(-1), runs: runs.length };
}

let load = null;
if (fresh) {
  const t0 = process.hrtime.bigint();
  await connection.run(`CREATE TABLE observations AS SELECT * FROM read_csv('${join(data, 'observations.csv')}', header = true,
    columns = {'site_id': 'VARCHAR', 'population': 'VARCHAR', 'patient_id': 'INTEGER', 'measure_id': 'VARCHAR',
               'ts': 'DATE', 'value': 'DOUBLE', 'num': 'INTEGER', 'den': 'INTEGER'})`);
  const t1 = process.hrtime.bigint();
  await connection.run(aggregateTable);
  load = { seconds: ms(t1 - t0) / 1000, aggregate_seconds: ms(process.hrtime.bigint() - t1) / 1000 };
}

// The rows as text cells, as the other systems print them; the result is read in full.
const read = async (sql) => (await connection.runAndReadAll(sql)).getRows();
const cells = (rows) => rows.map((row) => row.map((v) => (v === null ? '' : typeof v === 'bigint' ? v.toString() : String(v))));

const out = { load, raw: {}, aggregate: {}, rows: {} };
for (const source of ['raw', 'aggregate']) {
  for (const [q, sql] of Object.entries(queries[source])) {
    out.rows[`${source}.${q}`] = cells(await read(sql));
    out[source][q] = await time(() => read(sql));
  }
}
out.peak_mb = process.resourceUsage().maxRSS / 1024;
connection.closeSync();
console.log(JSON.stringify(out));
