// When a measure's period ends (web/src/measures/periods.ts), against worked dates: ISO weeks by
// their Monday, months, quarters; the latest period is partial until that instant.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { test } from 'node:test';

const root = new URL('../../', import.meta.url);
const ts = createRequire(new URL('web/package.json', root))('typescript');
const source = readFileSync(new URL('web/src/measures/periods.ts', root), 'utf8');
const { outputText } = ts.transpileModule(source, { compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 } });
const { periodEnd, isPartial } = await import(`data:text/javascript,${encodeURIComponent(outputText)}`);

test('a period ends at the start of the next', () => {
  assert.equal(periodEnd('2026-11-30', 'week'), Date.parse('2026-12-07T00:00:00Z'));
  assert.equal(periodEnd('2026-12-28', 'week'), Date.parse('2027-01-04T00:00:00Z'), 'a week across the new year');
  assert.equal(periodEnd('2026-12', 'month'), Date.parse('2027-01-01T00:00:00Z'));
  assert.equal(periodEnd('2024-02', 'month'), Date.parse('2024-03-01T00:00:00Z'));
  assert.equal(periodEnd('2026-Q4', 'quarter'), Date.parse('2027-01-01T00:00:00Z'));
  assert.equal(periodEnd('2026-Q1', 'quarter'), Date.parse('2026-04-01T00:00:00Z'));
  assert.equal(periodEnd('an event', 'month'), null);
});

test('the running period is partial, an ended one is not', () => {
  const now = Date.parse('2026-12-05T21:00:00Z');
  assert.equal(isPartial('2026-12', 'month', now), true);
  assert.equal(isPartial('2026-11', 'month', now), false);
  assert.equal(isPartial('2026-Q4', 'quarter', now), true);
  assert.equal(isPartial('2026-11-30', 'week', now), true);
  assert.equal(isPartial('2026-11-23', 'week', now), false);
  assert.equal(isPartial('2027-01', 'month', Date.parse('2027-02-01T00:00:00Z')), false, 'over at its end');
});
