// covalue spc over real CSV files: the JSON in qicharts2's vocabulary, with every expected value
// computed here from the published formulas (I chart: mean ± 3·AMR/1.128 with Nelson's
// screening; Anhøj's runs rules), and bad input named by line and column.
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { inflateSync } from 'node:zlib';

import { run, tempDir } from '../support/covalue_server.mjs';

const mean = (v) => v.reduce((a, b) => a + b, 0) / v.length;

// A PNG's size and its rows of RGB pixels (8-bit RGB or RGBA, the five scanline filters of the
// PNG specification, section 9), read here to check what cairo drew.
function readPng(bytes) {
  assert.deepEqual([...bytes.subarray(1, 4)], [...Buffer.from('PNG')]);
  let at = 8;
  let width = 0, height = 0, channels = 3;
  const data = [];
  while (at < bytes.length) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (type === 'IHDR') {
      [width, height] = [body.readUInt32BE(0), body.readUInt32BE(4)];
      assert.equal(body[8], 8, '8 bits a channel');
      channels = body[9] === 6 ? 4 : 3;
    } else if (type === 'IDAT') data.push(body);
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const stride = width * channels;
  const rows = [];
  let previous = new Uint8Array(stride);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)];
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1));
    const row = new Uint8Array(stride);
    for (let i = 0; i < stride; i++) {
      const a = i >= channels ? row[i - channels] : 0;
      const b = previous[i];
      const c = i >= channels ? previous[i - channels] : 0;
      const p = a + b - c;
      const paeth = Math.abs(p - a) <= Math.abs(p - b) && Math.abs(p - a) <= Math.abs(p - c) ? a : Math.abs(p - b) <= Math.abs(p - c) ? b : c;
      const predictor = [0, a, b, (a + b) >> 1, paeth][filter];
      row[i] = (line[i] + predictor) & 0xff;
    }
    rows.push(row);
    previous = row;
  }
  return { width, height, pixels: (y) => Array.from({ length: width }, (_, x) => rows[y].subarray(x * channels, x * channels + 3)) };
}

describe('covalue spc', () => {
  let dir;
  const csv = (name, text) => {
    writeFileSync(dir.file(name), text);
    return dir.file(name);
  };
  before(() => {
    dir = tempDir();
  });
  after(() => dir.remove());

  it('draws an I chart of monthly means with a shift after the freeze', () => {
    // Two rows a month: the subgroup's value is their mean. 12 baseline months, 10 lower.
    const months = [];
    for (let m = 0; m < 22; m++) {
      const level = m < 12 ? 20 : 16;
      const wiggle = [0.5, -0.4, 0.8, -0.9, 0.2, -0.1, 0.6, -0.7, 0.3, -0.5, 0.9, -0.2][m % 12];
      months.push({ x: new Date(Date.UTC(2024, m, 1)).toISOString().slice(0, 10), rows: [level + wiggle - 1, level + wiggle + 1] });
    }
    const lines = ['month,los'];
    for (const { x, rows } of [...months].reverse()) for (const r of rows) lines.push(`${x},${r}`);
    const result = run(['spc', '--csv', csv('los.csv', lines.join('\n') + '\n'), '--chart', 'i', '--x', 'month', '--y', 'los', '--freeze', '12', '--json']);
    assert.equal(result.status, 0, result.stderr);
    const out = JSON.parse(result.stdout);
    assert.equal(out.chart, 'i');
    assert.equal(out.facets.length, 1);
    const facet = out.facets[0];
    assert.equal(facet.facet, null);
    assert.deepEqual(Object.keys(facet.points[0]), ['index', 'x', 'part', 'baseline', 'include', 'y', 'n', 'cl', 'lcl', 'ucl', 'lcl_2sigma', 'ucl_2sigma', 'target', 'sigma_signal', 'runs_signal', 'signals', 'explanation']);
    const y = months.map((m) => mean(m.rows));
    assert.deepEqual(facet.points.map((p) => p.x), months.map((m) => m.x), 'in x order');
    facet.points.forEach((p, i) => assert.ok(Math.abs(p.y - y[i]) < 1e-12));
    const base = y.slice(0, 12);
    const ranges = base.slice(1).map((v, i) => Math.abs(v - base[i]));
    const amr0 = mean(ranges);
    const amr = mean(ranges.filter((r) => r < 3.267 * amr0));
    const cl = mean(base);
    assert.ok(Math.abs(facet.points[20].cl - cl) < 1e-12);
    assert.ok(Math.abs(facet.points[20].ucl - (cl + 3 * amr / 1.128)) < 1e-12);
    assert.ok(Math.abs(facet.points[20].lcl_2sigma - (cl - 2 * amr / 1.128)) < 1e-12);
    assert.equal(facet.points[12].baseline, false);
    // 22 useful points: a run longer than round(log2 22) + 3 = 7 signals; the ten low months
    // are one run below the baseline's centre.
    // The runs about the baseline's centre, counted here.
    const sides = y.filter((v) => v !== cl).map((v) => (v > cl ? 1 : -1));
    let longest = 0, length = 0, crossings = 0;
    sides.forEach((side, i) => {
      length = i > 0 && side === sides[i - 1] ? length + 1 : 1;
      if (i > 0 && side !== sides[i - 1]) crossings++;
      longest = Math.max(longest, length);
    });
    assert.ok(longest >= 10);
    assert.deepEqual(facet.parts[0], { part: 1, n_obs: 22, n_useful: 22, longest_run: longest, longest_run_max: 7, n_crossings: crossings, n_crossings_min: 7, runs_signal: true });
    assert.ok(facet.points.every((p) => p.runs_signal === true));
    assert.match(facet.points[15].explanation, /points in a row below the centre line/);
    assert.ok(facet.points.some((p) => p.sigma_signal), 'the lower months fall below the baseline limits');
  });

  it('keeps missing values as gaps with a centre line, and facets in order', () => {
    const text = 'ward,week,falls,days\nB,1,2,100\nB,2,,90\nB,3,4,110\nA,1,1,50\nA,2,3,60\nA,3,2,55\n';
    const result = run(['spc', '--csv', csv('falls.csv', text), '--chart', 'u', '--x', 'week', '--y', 'falls', '--n', 'days', '--facet', 'ward', '--multiply', '1000', '--json', '--svg', dir.file('falls.svg')]);
    assert.equal(result.status, 0, result.stderr);
    const out = JSON.parse(result.stdout);
    assert.deepEqual(out.facets.map((f) => f.facet), ['A', 'B']);
    const b = out.facets[1];
    assert.equal(b.points[1].y, null);
    assert.equal(b.points[1].ucl, null);
    const ubar = (2 + 4) / (100 + 110);
    assert.ok(Math.abs(b.points[1].cl - ubar * 1000) < 1e-9);
    assert.ok(Math.abs(b.points[0].ucl - (ubar + 3 * Math.sqrt(ubar / 100)) * 1000) < 1e-9);
    assert.equal(b.points[0].x, 1, 'a numeric x stays a number');
    assert.equal(b.parts[0].n_obs, 3);
    assert.equal(b.parts[0].n_useful, 2);
    // The drawing: a panel per facet with real text, and a mark for every point with a value.
    const svg = readFileSync(dir.file('falls.svg'), 'utf8');
    assert.match(svg, /^<\?xml[^>]*>\n<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    assert.equal((svg.match(/<g role="img"/g) ?? []).length, 2);
    assert.ok(svg.includes('>u chart: falls — A</text>'));
    // As qicharts2 draws them: both axes named, and a legend with the centre line's value.
    assert.equal((svg.match(/>week<\/text>/g) ?? []).length, 2);
    assert.equal((svg.match(/>falls<\/text>/g) ?? []).length, 2);
    const centre = (cl) => `>Centre line (CL = ${Number(cl.toPrecision(6))})</text>`;
    assert.ok(svg.includes(centre(out.facets[0].points.at(-1).cl)), 'facet A’s centre line');
    assert.ok(svg.includes(centre(b.points.at(-1).cl)), 'facet B’s centre line');
    assert.equal((svg.match(/>Control limits<\/text>/g) ?? []).length, 2);
    const marks = (svg.match(/<circle /g) ?? []).length + (svg.match(/<path class="signal"/g) ?? []).length;
    assert.equal(marks, 5, 'six weeks, one missing');
    assert.equal(svg.split('<title>').length - 1, 5, 'each mark explains itself');
  });

  it('draws the same panels as PNG and PDF through cairo', () => {
    const text = 'ward,week,falls,days\nB,1,2,100\nB,2,,90\nB,3,4,110\nA,1,1,50\nA,2,3,60\nA,3,2,55\n';
    const args = ['spc', '--csv', csv('falls.csv', text), '--chart', 'u', '--x', 'week', '--y', 'falls', '--n', 'days', '--facet', 'ward'];
    const result = run([...args, '--png', dir.file('falls.png'), '--pdf', dir.file('falls.pdf')]);
    assert.equal(result.status, 0, result.stderr);
    const png = readPng(readFileSync(dir.file('falls.png')));
    assert.deepEqual([png.width, png.height], [1440, 1200], 'two panels of 720 × 300 at twice the size');
    // The data line's blue (#0072b2) is drawn in each panel's half.
    const blue = (y) => png.pixels(y).some(([r, g, b]) => r < 40 && Math.abs(g - 0x72) < 40 && b > 150);
    assert.ok(Array.from({ length: 600 }, (_, y) => y).some(blue), 'the first panel has its line');
    assert.ok(Array.from({ length: 600 }, (_, y) => y + 600).some(blue), 'the second panel has its line');
    const pdf = readFileSync(dir.file('falls.pdf'), 'latin1');
    assert.ok(pdf.startsWith('%PDF-'));
    assert.equal((pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length, 1);
    const refused = run([...args, '--png', dir.file('no/such/folder/falls.png')]);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /--png|cannot be written/);
  });

  it('applies the NHS Making Data Count rules to an XmR chart when asked, and says so', () => {
    const y = [5, 6, 5, 7, 6, 5, 30, 6, 5, 6, 7, 5, 6, 5];
    const path = csv('mdc.csv', ['week,v', ...y.map((v, i) => `${i + 1},${v}`)].join('\n') + '\n');
    const result = run(['spc', '--csv', path, '--chart', 'i', '--x', 'week', '--y', 'v', '--rules', 'mdc', '--json']);
    assert.equal(result.status, 0, result.stderr);
    const out = JSON.parse(result.stdout);
    assert.equal(out.rules, 'mdc');
    const ranges = y.slice(1).map((v, i) => Math.abs(v - y[i]));
    const amr0 = mean(ranges);
    const amr = mean(ranges.filter((r) => r < 3.267 * amr0));
    const points = out.facets[0].points;
    assert.ok(Math.abs(points[0].ucl - (mean(y) + 2.66 * amr)) < 1e-12, 'limits at 2.66 · AMR');
    assert.ok(points[6].signals.includes('mdc_outside_limits'));
    assert.equal(points[6].sigma_signal, true);
    // The icons: the 30 lifts the mean above every other value, so the last seven lie below
    // it (a shift): a concern when higher is better, an improvement when lower is. A target
    // under the lower limit is passed every time when higher is better.
    const icons = (improvement) => JSON.parse(run(['spc', '--csv', path, '--chart', 'i', '--x', 'week', '--y', 'v', '--rules', 'mdc', '--improvement', improvement, '--target', String(points[0].lcl - 1), '--json']).stdout).facets[0];
    assert.ok(y.slice(-7).every((v) => v < mean(y)));
    assert.deepEqual([icons('higher').variation, icons('higher').assurance], ['special_cause_concern', 'consistent_pass']);
    assert.deepEqual([icons('lower').variation, icons('lower').assurance], ['special_cause_improvement', 'consistent_fail']);
    assert.equal(out.facets[0].variation, undefined, 'no icons without the direction');
    const refused = run(['spc', '--csv', path, '--chart', 'run', '--x', 'week', '--y', 'v', '--rules', 'mdc']);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /Making Data Count rules are for XmR charts/);
    assert.equal(JSON.parse(run(['spc', '--csv', path, '--chart', 'i', '--x', 'week', '--y', 'v', '--json']).stdout).rules, 'anhoej');
  });

  it('names the line and column of a bad value, and refuses unknown charts and points', () => {
    const bad = run(['spc', '--csv', csv('bad.csv', 'x,y\n1,2\n2,three\n'), '--chart', 'i', '--x', 'x', '--y', 'y']);
    assert.equal(bad.status, 2);
    assert.match(bad.stderr, /line 3, column y: 'three' is not a number/);
    assert.equal(run(['spc', '--csv', dir.file('bad.csv'), '--chart', 'r', '--x', 'x', '--y', 'y']).status, 2);
    const good = csv('good.csv', 'x,y\n1,2\n2,3\n3,4\n');
    const outside = run(['spc', '--csv', good, '--chart', 'i', '--x', 'x', '--y', 'y', '--exclude', '4']);
    assert.equal(outside.status, 2);
    assert.match(outside.stderr, /exclude 4 is not a point/);
    const text = run(['spc', '--csv', good, '--chart', 'run', '--x', 'x', '--y', 'y']);
    assert.equal(text.status, 0);
    assert.match(text.stdout, /part 1: 2 useful of 3 points/);
  });
});
