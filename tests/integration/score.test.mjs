// `covalue score` on files, without a database: a public PHQ-9 Questionnaire (the FHIR R4
// specification's own example, from npm), covalue's shipped instruments, and the defects real
// files have. Expected scores are worked out here from the instruments' published rules.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { after, before, describe, it } from 'node:test';

import { run, tempDir } from '../support/covalue_server.mjs';

const require = createRequire(new URL('../../web/package.json', import.meta.url));
const PUBLIC_PHQ9 = require.resolve('hl7.fhir.r4.examples/Questionnaire-phq-9-questionnaire.json');
const LOINC = 'http://loinc.org';
// LOINC answer list LL358-3 and the ordinal value PHQ and GAD give each answer.
const FREQUENCY = { 'LA6568-5': 0, 'LA6569-3': 1, 'LA6570-1': 2, 'LA6571-9': 3 };
const CODES = Object.keys(FREQUENCY);
// PHQ-9 severity (Kroenke, Spitzer & Williams 2001).
const phq9Band = (total) =>
  total <= 4 ? 'minimal' : total <= 9 ? 'mild' : total <= 14 ? 'moderate' : total <= 19 ? 'moderately severe' : 'severe';

const coding = (code, system = LOINC) => ({ valueCoding: system ? { system, code } : { code } });

describe('covalue score', () => {
  let dir;
  before(() => {
    dir = tempDir();
  });
  after(() => dir.remove());

  const write = (name, resource) => {
    const path = dir.file(name);
    writeFileSync(path, typeof resource === 'string' ? resource : JSON.stringify(resource));
    return path;
  };
  const score = (questionnaire, response) =>
    run(['score', '--questionnaire', questionnaire, '--response', write('response.json', response), '--json']);

  it('scores a response to the public PHQ-9 example, whose answers come from LOINC LL358-3', () => {
    const questionnaire = JSON.parse(readFileSync(PUBLIC_PHQ9, 'utf8'));
    const scored = questionnaire.item.filter((i) => i.type === 'choice' && i.linkId !== 'Difficulty');
    assert.equal(scored.length, 8, 'the example leaves out the ninth PHQ-9 item');
    const answers = scored.map((_, i) => CODES[(i * 7) % 4]);
    const expected = answers.reduce((sum, code) => sum + FREQUENCY[code], 0);
    const response = {
      resourceType: 'QuestionnaireResponse',
      status: 'completed',
      questionnaire: 'Questionnaire/phq-9-questionnaire',
      item: [
        ...scored.map((item, i) => ({ linkId: item.linkId, answer: [coding(answers[i], i === 0 ? '' : LOINC)] })),
        { linkId: 'Difficulty', answer: [coding('LA6571-9')] },
      ],
    };
    const result = score(PUBLIC_PHQ9, response);
    assert.equal(result.status, 0, result.stderr);
    const out = JSON.parse(result.stdout);
    assert.equal(out.total, expected);
    assert.equal(out.band, null, 'bands hold for all nine items only');
    assert.deepEqual(out.subscales, {});
    assert.ok(out.issues.some((i) => i.severity === 'warning' && i.message.includes('44260-8')));
    assert.ok(out.issues.every((i) => i.severity === 'warning'));
  });

  it('gives the shipped PHQ-9 its total and published severity band, and flags a stored total', () => {
    const questionnaire = 'questionnaires/phq-9.json';
    for (const answers of [[0, 0, 0, 0, 0, 0, 0, 0, 0], [1, 2, 0, 1, 1, 0, 2, 1, 1], [3, 3, 3, 3, 2, 2, 2, 1, 1], [3, 3, 3, 3, 3, 3, 3, 3, 3]]) {
      const total = answers.reduce((a, b) => a + b, 0);
      const response = {
        resourceType: 'QuestionnaireResponse',
        questionnaire: 'urn:covalue:fhir:questionnaire:phq-9|1.0.0',
        status: 'completed',
        item: answers.map((a, i) => ({ linkId: `phq9-${i + 1}`, answer: [coding(CODES[a])] })),
      };
      const out = JSON.parse(score(questionnaire, response).stdout);
      assert.equal(out.total, total);
      assert.equal(out.band, phq9Band(total));
      assert.deepEqual(out.issues, []);
    }
  });

  it('reads PHQ-4 subscales and keeps the computed total over a stored one that disagrees', () => {
    const answers = [2, 3, 1, 0]; // GAD-2 items first, then PHQ-2
    const response = {
      resourceType: 'QuestionnaireResponse',
      status: 'completed',
      item: answers.map((a, i) => ({ linkId: `phq4-${i + 1}`, answer: [coding(CODES[a])] })),
    };
    const result = score('questionnaires/phq-4.json', response);
    assert.equal(result.status, 0, result.stderr);
    const out = JSON.parse(result.stdout);
    assert.equal(out.total, 6);
    assert.equal(out.band, 'moderate'); // 6-8 (Kroenke et al. 2009)
    assert.deepEqual(out.subscales, { 'GAD-2': 5, 'PHQ-2': 1 });
    assert.ok(out.issues.some((i) => i.location === 'QuestionnaireResponse.questionnaire'), 'no questionnaire named');
  });

  it('scores a flattened response by linkId with a warning, never a partial total', () => {
    const questionnaire = JSON.parse(readFileSync('questionnaires/coproduction-value-patient.json', 'utf8'));
    const links = questionnaire.item.filter((i) => i.type === 'group').flatMap((g) => g.item.map((i) => i.linkId));
    const flat = { resourceType: 'QuestionnaireResponse', status: 'completed', item: links.map((l) => ({ linkId: l, answer: [coding('agree', 'urn:covalue:fhir:codesystem:agreement')] })) };
    const out = JSON.parse(score('questionnaires/coproduction-value-patient.json', flat).stdout);
    assert.equal(out.total, 4 * links.length);
    assert.equal(out.subscales.access, 8);
    assert.ok(out.issues.some((i) => i.message.includes('scored by linkId')));

    flat.item.pop();
    const partial = JSON.parse(score('questionnaires/coproduction-value-patient.json', flat).stdout);
    assert.equal(partial.total, null);
    assert.equal(partial.subscales.access, undefined);
  });

  it('exits non-zero with the reason when a response cannot be scored or a file is not JSON', () => {
    const notAnOption = { resourceType: 'QuestionnaireResponse', item: [{ linkId: 'gad7-3', answer: [coding('LA9999-9')] }] };
    const refused = score('questionnaires/gad-7.json', notAnOption);
    assert.notEqual(refused.status, 0);
    assert.match(refused.stderr, /gad7-3: the answer 'http:\/\/loinc.org\|LA9999-9' is not one of the item's options/);
    assert.equal(refused.stdout, '');

    const broken = write('broken.json', '{\n  "resourceType": "Questionnaire",\n  "item": [}\n');
    const invalid = run(['score', '--questionnaire', broken, '--response', write('r.json', notAnOption)]);
    assert.notEqual(invalid.status, 0);
    assert.match(invalid.stderr, /broken\.json: not valid JSON \(line 3, column \d+\)/);

    const patient = run(['score', '--questionnaire', write('p.json', { resourceType: 'Patient' }), '--response', write('r.json', notAnOption)]);
    assert.notEqual(patient.status, 0);
    assert.match(patient.stderr, /resourceType: is not 'Questionnaire'/);
  });
});
