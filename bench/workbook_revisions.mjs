// Time to open a workbook whose answers hold 500 revisions, and to export it to XLSX and print
// HTML: median of 20 requests each, over HTTP on loopback against a fresh demo database.
// Usage (after make build): scripts/node bench/workbook_revisions.mjs [REVISIONS]
import { cpus } from 'node:os';

import { loginOf, signIn, startServer, tempDir, writeDemo } from '../tests/support/covalue_server.mjs';

const revisions = Number(process.argv[2] ?? 500);
const dir = tempDir();
const logins = writeDemo(dir.file('bench.db'));
const server = await startServer(dir.file('bench.db'));
const lead = loginOf(logins, 'lead.vastera');
const cookie = await signIn(server.url, lead.username, lead.password);
const headers = { cookie, 'content-type': 'application/json' };
const team = (await (await fetch(`${server.url}/api/v1/users/me`, { headers })).json()).memberships[0].team_id;
const workbook = await (await fetch(`${server.url}/api/v1/workbooks`, {
  method: 'POST', headers, body: JSON.stringify({ team_id: team, guide_id: 'coproduction-guide-full' }),
})).json();

// 500 revisions spread over the guide's questions, each a paragraph of text.
const questions = workbook.answers.map((a) => a.link_id);
const etags = {};
const started = performance.now();
for (let i = 0; i < revisions; i++) {
  const link = questions[i % questions.length];
  const text = `Revision ${i + 1} of ${link}. `.repeat(20);
  const response = await fetch(`${server.url}/api/v1/workbooks/${workbook.id}/answers/${link}`, {
    method: 'PUT', headers: { ...headers, ...(etags[link] ? { 'if-match': etags[link] } : {}) },
    body: JSON.stringify({ text }),
  });
  if (response.status !== 200) throw new Error(`save ${i}: ${response.status}`);
  etags[link] = response.headers.get('etag');
}
const saveMs = (performance.now() - started) / revisions;

async function median(path) {
  const times = [];
  for (let i = 0; i < 20; i++) {
    const t = performance.now();
    const response = await fetch(server.url + path, { headers });
    await response.arrayBuffer();
    if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[10].toFixed(2);
}

console.log(`${revisions} revisions over ${questions.length} answers, ${cpus().length} cores`);
console.log(`save one revision (sequential, durable): ${saveMs.toFixed(2)} ms`);
console.log(`open the workbook:      ${await median(`/api/v1/workbooks/${workbook.id}`)} ms (median of 20)`);
console.log(`revision history (50):  ${await median(`/api/v1/workbooks/${workbook.id}/answers/${questions[0]}/revisions`)} ms`);
console.log(`export to XLSX:         ${await median(`/api/v1/workbooks/${workbook.id}/export.xlsx`)} ms`);
console.log(`print HTML:             ${await median(`/api/v1/workbooks/${workbook.id}/print`)} ms`);
await server.stop();
dir.remove();
