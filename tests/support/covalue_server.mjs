// Starts the real `covalue serve` on a free loopback port with a temporary database, for the
// integration and browser tests. COVALUE_BIN names the executable under test.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const bin = process.env.COVALUE_BIN ?? 'build/covalue';

// A temporary folder; database() names the database a suite's server runs on, the same on
// every call: an SQLite file in the folder, or, when the suite runs on PostgreSQL
// (COVALUE_TEST_BACKEND=postgresql, tests/CMakeLists.txt), a new database of the private cluster
// the ctest fixture started (scripts/test-postgres).
export function tempDir() {
  const dir = mkdtempSync(join(tmpdir(), 'covalue-it-'));
  let database;
  return {
    dir,
    file: (name) => join(dir, name),
    database: () => (database ??= process.env.COVALUE_TEST_BACKEND === 'postgresql'
      ? createPostgresDatabase() : join(dir, 'covalue.db')),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

let postgresDatabases = 0;

// A new, empty database of the test cluster; its postgresql:// url.
export function createPostgresDatabase() {
  const cluster = readFileSync(join(process.env.COVALUE_TEST_POSTGRES_DIR ?? '', 'url'), 'utf8').trim();
  const name = `covalue_it_${process.pid}_${++postgresDatabases}`;
  const result = spawnSync('psql', [cluster, '-q', '-v', 'ON_ERROR_STOP=1', '-c', `CREATE DATABASE ${name}`],
    { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`cannot create database ${name}: ${result.stderr}`);
  return cluster.slice(0, cluster.lastIndexOf('/') + 1) + name;
}

// A PostgreSQL cluster of a test's own (scripts/test-postgres): testPostgres('start', STATE),
// 'stop', 'pause', 'resume', or ('standby', STATE, PRIMARY_STATE); throws when it fails.
export function testPostgres(...args) {
  const script = new URL('../../scripts/test-postgres', import.meta.url).pathname;
  const result = spawnSync(script, args, { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`test-postgres ${args.join(' ')}: ${result.stderr}`);
}

// Runs one SQL statement with psql; its output, unaligned and without headers. Throws on error.
export function psql(url, statement) {
  const result = spawnSync('psql', [url, '-qAt', '-v', 'ON_ERROR_STOP=1', '-c', statement],
    { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`psql: ${result.stderr}`);
  return result.stdout.trim();
}

// Runs a covalue command to completion: { status, stdout, stderr }.
export function run(args, options = {}) {
  const result = spawnSync(bin, args, { encoding: 'utf8', timeout: 120_000, ...options });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr, signal: result.signal };
}

// Writes the demo community and returns its logins: [{username, password, role, site_id}].
export function writeDemo(db, seed = 1, extraArgs = []) {
  const result = run(['demo', '--db', db, '--seed', String(seed), '--json', ...extraArgs]);
  if (result.status !== 0) throw new Error(`covalue demo failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

// Starts the server; resolves once it says where it listens (rejects after 5 s). prefix: a
// command to run it under (["prlimit", "--nofile=1024:1024", "--"]).
export function startServer(db, extraArgs = [], { prefix = [] } = {}) {
  const command = [...prefix, bin, 'serve', '--db', db, '--listen', '127.0.0.1:0', ...extraArgs];
  const child = spawn(command[0], command.slice(1), {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let log = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`covalue serve did not start within 5 s:\n${log}`));
    }, 5000);
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk) => {
      log += chunk;
      const match = /listening on (http:\/\/[^ ]+)/.exec(log);
      if (match && !server.url) {
        clearTimeout(timer);
        server.url = match[1];
        resolve(server);
      }
    });
    child.on('exit', (code) => {
      server.exitCode = code;
      if (!server.url) {
        clearTimeout(timer);
        reject(new Error(`covalue serve exited with ${code}:\n${log}`));
      }
    });
    const server = {
      url: null,
      process: child,
      exitCode: undefined,
      log: () => log,
      exited: new Promise((done) => child.on('exit', (code, signal) => done({ code, signal }))),
      async stop() {
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
        return server.exited;
      },
    };
  });
}

// Signs in; returns the Cookie header value for later requests.
export async function signIn(url, username, password) {
  const response = await fetch(`${url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`sign-in of ${username}: ${response.status}`);
  return response.headers.get('set-cookie').split(';')[0];
}

export function loginOf(logins, username) {
  const found = logins.find((l) => l.username === username);
  if (!found) throw new Error(`no demo login ${username}`);
  return found;
}

// Callers signed in as demo logins (each signs in once, on first use): cookie(username) is the
// Cookie header; call(username, method, path, body, headers) sends JSON and resolves
// {status, body (parsed, or null), headers}.
export function demoCallers(server, logins) {
  const cookies = {};
  const cookie = async (username) => {
    if (!cookies[username]) {
      const login = loginOf(logins, username);
      cookies[username] = await signIn(server.url, login.username, login.password);
    }
    return cookies[username];
  };
  const call = async (username, method, path, body, headers = {}) => {
    const response = await fetch(server.url + path, {
      method,
      headers: { cookie: await cookie(username), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null, headers: response.headers };
  };
  return { cookie, call, cookies };
}
