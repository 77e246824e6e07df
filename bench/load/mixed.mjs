// Mixed load on running covalue servers: CLIENTS concurrent clients for SECONDS (and at most
// MAX requests in all), each request one of: a completed PHQ-9 submitted as a FHIR
// QuestionnaireResponse (a patient), the patient's dashboard read, a workbook answer saved (the
// team's lead), a FHIR Observation search (a professional), taken in turn across the servers
// given (as behind a proxy). Prints per route the count, errors, p50 and p99 in ms.
// Usage: scripts/node bench/load/mixed.mjs LOGINS.json CLIENTS SECONDS URL [URL…]
import { readFileSync } from 'node:fs';

const [loginsFile, clientsArg, secondsArg, ...urls] = process.argv.slice(2);
const logins = JSON.parse(readFileSync(loginsFile, 'utf8'));
const clients = Number(clientsArg ?? 64);
const seconds = Number(secondsArg ?? 10);
const MAX = Number(process.env.MAX_REQUESTS ?? 200_000);

async function signIn(url, username) {
  const { password } = logins.find((l) => l.username === username);
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in of ${username}: ${response.status}`);
  return response.headers.get('set-cookie').split(';')[0];
}

const patientCookie = await signIn(urls[0], 'patient.vastera');
const leadCookie = await signIn(urls[0], 'lead.vastera');
const professionalCookie = await signIn(urls[0], 'professional.vastera');
const json = async (path, cookie) => (await fetch(urls[0] + path, { headers: { cookie } })).json();
const patientId = (await json('/api/v1/patients', patientCookie)).items[0].id;
const team = (await json('/api/v1/users/me', leadCookie)).memberships[0].team_id;
// A workbook of each client's own, whose answer it saves over its last revision (If-Match).
const workbooks = [];
for (let i = 0; i < clients; i++) {
  const workbook = await (await fetch(`${urls[0]}/api/v1/workbooks`, {
    method: 'POST',
    headers: { cookie: leadCookie, origin: urls[0], 'content-type': 'application/json' },
    body: JSON.stringify({ team_id: team, guide_id: 'coproduction-guide-short' }),
  })).json();
  workbooks.push({ id: workbook.id, key: workbook.answers[0].link_id, etag: null });
}
const codes = ['LA6568-5', 'LA6569-3', 'LA6570-1', 'LA6571-9'];
const response = JSON.stringify({
  resourceType: 'QuestionnaireResponse', status: 'completed', questionnaire: 'Questionnaire/phq-9',
  subject: { reference: `Patient/${patientId}` }, authored: '2026-11-20T09:30:00Z',
  item: [...Array(9)].map((_, i) => ({ linkId: `phq9-${i + 1}`, answer: [{ valueCoding: { system: 'http://loinc.org', code: codes[i % 4] } }] })),
});

const routes = [
  { name: 'POST QuestionnaireResponse', ok: 201, send: (url) => fetch(`${url}/fhir/r4/QuestionnaireResponse`, {
    method: 'POST', headers: { cookie: patientCookie, origin: url, 'content-type': 'application/fhir+json' }, body: response }) },
  { name: 'GET dashboard', ok: 200, send: (url) => fetch(`${url}/api/v1/patients/${patientId}/dashboard`, { headers: { cookie: patientCookie } }) },
  { name: 'PUT workbook answer', ok: 200, send: async (url, n, id) => {
    const w = workbooks[id];
    const answer = await fetch(`${url}/api/v1/workbooks/${w.id}/answers/${w.key}`, {
      method: 'PUT',
      headers: { cookie: leadCookie, origin: url, 'content-type': 'application/json', ...(w.etag ? { 'if-match': w.etag } : {}) },
      body: JSON.stringify({ text: `revision ${n}` }),
    });
    w.etag = answer.headers.get('etag') ?? w.etag;
    return answer;
  } },
  { name: 'GET FHIR Observation search', ok: 200, send: (url) => fetch(`${url}/fhir/r4/Observation?patient=${patientId}&_count=20`, { headers: { cookie: professionalCookie } }) },
];
const times = routes.map(() => []);
const errors = routes.map(() => 0);
let sent = 0;
const end = Date.now() + seconds * 1000;

async function client(id) {
  for (let n = id; Date.now() < end && sent < MAX; n += clients) {
    const route = n % routes.length;
    const url = urls[sent++ % urls.length];
    const started = performance.now();
    try {
      const answer = await routes[route].send(url, n, id);
      await answer.arrayBuffer();
      if (answer.status !== routes[route].ok) errors[route]++;
    } catch {
      errors[route]++;
    }
    times[route].push(performance.now() - started);
  }
}
const started = performance.now();
await Promise.all(Array.from({ length: clients }, (_, i) => client(i)));
const elapsed = (performance.now() - started) / 1000;
const quantile = (sorted, q) => sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN;
console.log(`${clients} clients, ${elapsed.toFixed(1)} s, ${urls.length} server(s): ${(sent / elapsed).toFixed(0)} requests/s`);
console.log(`${'route'.padEnd(30)} ${'count'.padStart(7)} ${'errors'.padStart(7)} ${'p50 ms'.padStart(8)} ${'p99 ms'.padStart(8)}`);
routes.forEach((r, i) => {
  const sorted = times[i].sort((a, b) => a - b);
  console.log(`${r.name.padEnd(30)} ${String(sorted.length).padStart(7)} ${String(errors[i]).padStart(7)} ${quantile(sorted, 0.5).toFixed(1).padStart(8)} ${quantile(sorted, 0.99).toFixed(1).padStart(8)}`);
});
if (errors.some((e) => e > 0)) process.exitCode = 1;
