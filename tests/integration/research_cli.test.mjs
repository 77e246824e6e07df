// covalue conceptmap and covalue delphi over real CSV files: every number of the JSON contracts
// (README "Research analyses") recomputed here from the published definitions, written apart
// from the C++ (Ward by brute force, PAVA on pools of arrays, quantiles by Hyndman & Fan), and
// bad input refused with FILE:LINE: reason.
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';

import { run, tempDir } from '../support/covalue_server.mjs';
import { csvObjects, parseCsv } from '../support/csv.mjs';
import { readZipEntry } from '../support/zip.mjs';

// Writes CSV lines to a file of the suite's folder (dir() gives it) and returns its path.
const csvFiles = (dir) => (name, lines) => {
  writeFileSync(dir().file(name), lines.join('\n') + '\n');
  return dir().file(name);
};

// A small deterministic generator (Park–Miller), so the data are the same on every run.
function random(seed) {
  let s = seed;
  return () => (s = (s * 48271) % 2147483647) / 2147483647;
}

const sum = (v) => v.reduce((a, b) => a + b, 0);
const mean = (v) => (v.length ? sum(v) / v.length : null);
const sd = (v) => (v.length < 2 ? null : Math.sqrt(sum(v.map((x) => (x - mean(v)) ** 2)) / (v.length - 1)));
const dist = (a, b) => Math.hypot(a[0] - b[0], a[1] - b[1]);
function pearson(x, y) {
  if (x.length < 2) return null;
  const mx = mean(x), my = mean(y);
  const sxy = sum(x.map((v, i) => (v - mx) * (y[i] - my)));
  const sxx = sum(x.map((v) => (v - mx) ** 2)), syy = sum(y.map((v) => (v - my) ** 2));
  return sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}
function midranks(v) {
  return v.map((x) => {
    const below = v.filter((y) => y < x).length, equal = v.filter((y) => y === x).length;
    return below + (equal + 1) / 2;
  });
}
function kendall(x, y) {
  let c = 0, d = 0, tx = 0, ty = 0, n0 = 0;
  for (let i = 0; i < x.length; i++) for (let j = i + 1; j < x.length; j++) {
    n0++;
    const a = Math.sign(x[i] - x[j]), b = Math.sign(y[i] - y[j]);
    if (a === 0) tx++;
    if (b === 0) ty++;
    if (a !== 0 && b !== 0) (a === b ? c++ : d++);
  }
  return (c - d) / Math.sqrt((n0 - tx) * (n0 - ty));
}
const close = (actual, expected, what, tolerance = 1e-9) => {
  if (expected === null) return assert.equal(actual, null, what);
  assert.ok(Math.abs(actual - expected) <= tolerance * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} ≠ ${expected}`);
};

// The concept map of given coordinates, from the contract's definitions.
function referenceConceptMap(ids, sorts, ratings, map) {
  const n = ids.length;
  const sorters = [...new Set(sorts.map((s) => s.sorter))];
  const N = sorters.length;
  const T = ids.map((_, i) => ids.map((_, j) => (i === j ? N : 0)));
  for (const sorter of sorters) {
    const piles = new Map();
    for (const s of sorts.filter((s) => s.sorter === sorter)) {
      if (!piles.has(s.pile)) piles.set(s.pile, []);
      piles.get(s.pile).push(ids.indexOf(s.statement));
    }
    for (const pile of piles.values()) for (const i of pile) for (const j of pile) if (i !== j) T[i][j]++;
  }
  // Stress-1 with the primary approach: pairs by (δ, d), then pool adjacent violators.
  const pairs = [];
  for (let i = 0; i < n; i++) for (let j = i + 1; j < n; j++) pairs.push({ delta: N + 1 - T[i][j], d: dist(map[i], map[j]) });
  pairs.sort((a, b) => a.delta - b.delta || a.d - b.d);
  const pools = [];
  for (const p of pairs) {
    pools.push([p.d]);
    while (pools.length > 1 && mean(pools.at(-2)) >= mean(pools.at(-1))) pools.push([...pools.pop(), ...pools.pop()]);
  }
  let residual = 0;
  for (const pool of pools) for (const d of pool) residual += (d - mean(pool)) ** 2;
  const stress1 = Math.sqrt(residual / sum(pairs.map((p) => p.d * p.d)));

  // Ward by brute force over every pair of clusters: ΔSS = na·nb/(na+nb)·‖ca − cb‖².
  let clusters = ids.map((_, i) => [i]);
  const centre = (c) => [mean(c.map((i) => map[i][0])), mean(c.map((i) => map[i][1]))];
  const heights = [];
  const partitions = { [n]: clusters.map((c) => [...c]) };
  while (clusters.length > 1) {
    let best = null;
    for (let a = 0; a < clusters.length; a++) for (let b = a + 1; b < clusters.length; b++) {
      const ca = centre(clusters[a]), cb = centre(clusters[b]);
      const na = clusters[a].length, nb = clusters[b].length;
      const delta = (na * nb) / (na + nb) * ((ca[0] - cb[0]) ** 2 + (ca[1] - cb[1]) ** 2);
      if (!best || delta < best.delta) best = { a, b, delta };
    }
    heights.push(Math.sqrt(2 * best.delta));
    clusters = clusters.filter((_, k) => k !== best.a && k !== best.b).concat([[...clusters[best.a], ...clusters[best.b]]]);
    partitions[clusters.length] = clusters.map((c) => [...c]);
  }
  const labels = (k) => {
    const out = new Array(n), name = new Map();
    for (let i = 0; i < n; i++) {
      const c = partitions[k].findIndex((members) => members.includes(i));
      if (!name.has(c)) name.set(c, name.size + 1);
      out[i] = name.get(c);
    }
    return out;
  };
  const wss = (k) => sum(partitions[k].map((c) => {
    const m = centre(c);
    return sum(c.map((i) => (map[i][0] - m[0]) ** 2 + (map[i][1] - m[1]) ** 2));
  }));
  const silhouette = (k) => {
    const l = labels(k);
    return mean(ids.map((_, i) => {
      const own = ids.map((_, j) => j).filter((j) => l[j] === l[i] && j !== i);
      if (own.length === 0) return 0;
      const a = mean(own.map((j) => dist(map[i], map[j])));
      let b = Infinity;
      for (let c = 1; c <= k; c++) if (c !== l[i]) b = Math.min(b, mean(ids.map((_, j) => j).filter((j) => l[j] === c).map((j) => dist(map[i], map[j]))));
      return (b - a) / Math.max(a, b);
    }));
  };
  const kSil = Math.max(2, Math.floor(n / 4));
  let kBest = 2;
  for (let k = 2; k <= kSil; k++) if (silhouette(k) > silhouette(kBest)) kBest = k;
  const kmax = Math.max(2, Math.floor(n / 3));
  let kWss = kmax;
  for (let k = 2; k <= kmax; k++) if (Math.log(wss(k)) - Math.log(wss(k + 1)) < 0.1) { kWss = k; break; }

  const raw = ids.map((_, i) => {
    let w = 0, t = 0;
    for (let j = 0; j < n; j++) if (j !== i) { w += T[i][j] * dist(map[i], map[j]); t += T[i][j]; }
    return t > 0 ? w / t : mean(ids.map((_, j) => j).filter((j) => j !== i).map((j) => dist(map[i], map[j])));
  });
  const lo = Math.min(...raw), hi = Math.max(...raw);
  const bridging = raw.map((r) => (hi > lo ? (r - lo) / (hi - lo) : 0));

  const variables = [...new Set(ratings.map((r) => r.variable))];
  const groups = [...new Set(ratings.map((r) => r.group))];
  const values = (variable, group, i) => ratings.filter((r) => r.variable === variable && (group === 'all' || r.group === group) && r.statement === ids[i]).map((r) => r.value);
  return { T, stress1, heights, labels, wss, silhouette, kBest, kWss, raw, bridging, variables, groups, values };
}

describe('covalue conceptmap', () => {
  let dir;
  const file = csvFiles(() => dir);
  before(() => {
    dir = tempDir();
  });
  after(() => dir.remove());

  // 26 statements in 4 themes, 9 sorters, 7 raters in two groups rating two variables (some
  // ratings missing), and a map given to the last digit.
  const next = random(20240917);
  const n = 26;
  const ids = Array.from({ length: n }, (_, i) => `S${i + 1}`);
  const theme = ids.map((_, i) => i % 4);
  const map = ids.map((_, i) => [theme[i] * 2 + next() * 1.5, (theme[i] % 2) * 3 + next() * 1.5]);
  const sorts = [];
  for (let s = 1; s <= 9; s++) {
    for (let i = 0; i < n; i++) {
      if (next() < 0.05) continue;
      const pile = next() < 0.1 ? Math.floor(next() * 6) : theme[i] + (s % 3 === 0 && i % 2 ? 4 : 0);
      sorts.push({ sorter: `P${s}`, statement: ids[i], pile: `pile ${pile}` });
    }
  }
  const ratings = [];
  for (let r = 1; r <= 7; r++) {
    for (const variable of ['importance', 'feasibility']) {
      for (let i = 0; i < n; i++) {
        if (next() < 0.1) continue;
        const level = variable === 'importance' ? 1 + theme[i] : 4 - theme[i];
        ratings.push({ rater: `R${r}`, group: r <= 4 ? 'patient' : 'professional', statement: ids[i], variable, value: Math.max(1, Math.min(5, Math.round(level + next() * 2 - 1))) });
      }
    }
  }
  const files = () => ({
    statements: file('statements.csv', ['id,text', ...ids.map((id, i) => `${id},"Statement ${i + 1}, theme ${theme[i]}"`)]),
    sorts: file('sorts.csv', ['sorter_id,statement_id,pile_id', ...sorts.map((s) => `${s.sorter},${s.statement},${s.pile}`)]),
    ratings: file('ratings.csv', ['rater_id,group,statement_id,variable,value', ...ratings.map((r) => `${r.rater},${r.group},${r.statement},${r.variable},${r.value}`)]),
    coordinates: file('map.csv', ['id,x,y', ...ids.map((id, i) => `${id},${map[i][0]},${map[i][1]}`)]),
  });

  it('reports every value of a given map as the contract defines it', () => {
    const f = files();
    const result = run(['conceptmap', '--statements', f.statements, '--sorts', f.sorts, '--ratings', f.ratings, '--coordinates', f.coordinates, '--json']);
    assert.equal(result.status, 0, result.stderr);
    const out = JSON.parse(result.stdout);
    const ref = referenceConceptMap(ids, sorts, ratings, map);
    assert.equal(out.n_statements, n);
    assert.equal(out.n_sorters, 9);
    assert.equal(out.n_raters, 7);
    assert.deepEqual(out.similarity.matrix, ref.T);
    close(out.mds.stress1, ref.stress1, 'stress1');
    assert.equal(out.mds.ties, 'primary');
    assert.equal(out.mds.starts, null);
    assert.equal(out.mds.seed, null);
    out.statements.forEach((s, i) => {
      assert.equal(s.id, ids[i]);
      assert.equal(s.x, map[i][0]);
      assert.equal(s.y, map[i][1]);
      close(s.bridging_raw, ref.raw[i], `bridging_raw ${i}`);
      close(s.bridging, ref.bridging[i], `bridging ${i}`);
    });
    assert.equal(out.clusters.merge_heights.length, n - 1);
    out.clusters.merge_heights.forEach((h, i) => close(h, ref.heights[i], `height ${i}`));
    const kTop = Math.min(30, n - 1);
    assert.deepEqual(Object.keys(out.clusters.memberships), Array.from({ length: kTop - 1 }, (_, i) => String(i + 2)));
    for (let k = 2; k <= kTop; k++) {
      assert.deepEqual(out.clusters.memberships[k], ref.labels(k), `memberships ${k}`);
      close(out.clusters.wss_by_k[k], ref.wss(k), `wss ${k}`);
      close(out.clusters.silhouette_by_k[k], ref.silhouette(k), `silhouette ${k}`);
    }
    assert.equal(out.clusters.k_best_silhouette, ref.kBest);
    assert.equal(out.clusters.k_wss_rule, ref.kWss);
    const k = out.clusters.k;
    assert.equal(k, ref.kBest, 'the default k is the silhouette hint');
    const labels = ref.labels(k);
    out.statements.forEach((s, i) => assert.equal(s.cluster, labels[i]));
    out.clusters.bridging.forEach((b, c) => close(b, mean(ref.bridging.filter((_, i) => labels[i] === c + 1)), `cluster bridging ${c}`));

    // Ratings: every variable for all and each group, per statement and cluster.
    const keys = [];
    for (const v of ref.variables) for (const g of ['all', ...ref.groups]) keys.push(`${v}|${g}`);
    assert.deepEqual(Object.keys(out.ratings.statements), keys);
    const statementMeans = {}, clusterMeans = {}, pooled = {};
    for (const key of keys) {
      const [v, g] = key.split('|');
      statementMeans[key] = ids.map((_, i) => mean(ref.values(v, g, i)));
      out.ratings.statements[key].forEach((s, i) => {
        const values = ref.values(v, g, i);
        assert.equal(s.n, values.length);
        close(s.mean, mean(values), `${key} mean ${i}`);
        close(s.sd, sd(values), `${key} sd ${i}`);
      });
      clusterMeans[key] = Array.from({ length: k }, (_, c) => mean(statementMeans[key].filter((m, i) => labels[i] === c + 1 && m !== null)));
      pooled[key] = Array.from({ length: k }, (_, c) => mean(ids.flatMap((_, i) => (labels[i] === c + 1 ? ref.values(v, g, i) : []))));
      out.ratings.clusters[key].mean_of_statement_means.forEach((m, c) => close(m, clusterMeans[key][c], `${key} cluster ${c}`));
      out.ratings.clusters[key].pooled_mean.forEach((m, c) => close(m, pooled[key][c], `${key} pooled ${c}`));
    }
    // Pattern matches: the variable pair for all and each group, then the groups' pair per variable.
    const expectedPairs = [
      ...['all', 'patient', 'professional'].map((g) => [`importance|${g}`, `feasibility|${g}`]),
      ['importance|patient', 'importance|professional'], ['feasibility|patient', 'feasibility|professional'],
    ];
    assert.deepEqual(out.pattern_match.map((m) => [m.left, m.right]), expectedPairs);
    for (const m of out.pattern_match) {
      close(m.r_mean_of_statement_means, pearson(clusterMeans[m.left], clusterMeans[m.right]), `${m.left} ~ ${m.right}`);
      close(m.r_pooled_mean, pearson(pooled[m.left], pooled[m.right]), `${m.left} ~ ${m.right} pooled`);
    }
    // Go-zones for all and each group.
    assert.deepEqual(out.go_zone.map((z) => z.group), ['all', 'patient', 'professional']);
    for (const zone of out.go_zone) {
      assert.equal(zone.x, 'importance');
      assert.equal(zone.y, 'feasibility');
      const xs = statementMeans[`importance|${zone.group}`], ys = statementMeans[`feasibility|${zone.group}`];
      const xt = mean(xs.filter((v) => v !== null)), yt = mean(ys.filter((v) => v !== null));
      close(zone.x_threshold, xt, 'x threshold');
      close(zone.y_threshold, yt, 'y threshold');
      const both = ids.map((_, i) => i).filter((i) => xs[i] !== null && ys[i] !== null);
      close(zone.pearson_r, pearson(both.map((i) => xs[i]), both.map((i) => ys[i])), 'pearson');
      close(zone.spearman_rho, pearson(midranks(both.map((i) => xs[i])), midranks(both.map((i) => ys[i]))), 'spearman');
      close(zone.kendall_tau_b, kendall(both.map((i) => xs[i]), both.map((i) => ys[i])), 'kendall');
      ids.forEach((id, i) => {
        const expected = xs[i] === null || ys[i] === null ? null
          : xs[i] > xt ? (ys[i] > yt ? 'go' : 'high_x_low_y') : (ys[i] > yt ? 'low_x_high_y' : 'low_both');
        assert.equal(zone.quadrant[id], expected, `${zone.group} ${id}`);
      });
    }
    assert.deepEqual(out.warnings, []);
  });

  it('computes a map whose stress it reports, the same on every run, with the Torgerson start', () => {
    const f = files();
    const args = ['conceptmap', '--statements', f.statements, '--sorts', f.sorts, '--ratings', f.ratings, '--starts', '4', '--seed', '7', '--k', '4', '--json'];
    const first = run(args);
    assert.equal(first.status, 0, first.stderr);
    assert.equal(run(args).stdout, first.stdout, 'reproducible');
    const out = JSON.parse(first.stdout);
    assert.equal(out.mds.starts, 4);
    assert.equal(out.mds.seed, 7);
    assert.equal(out.clusters.k, 4);
    assert.equal(out.clusters.bridging.length, 4);
    const computed = out.statements.map((s) => [s.x, s.y]);
    const ref = referenceConceptMap(ids, sorts, ratings, computed);
    close(out.mds.stress1, ref.stress1, 'stress of the computed map');
    assert.ok(out.mds.stress1 < 0.25, `stress ${out.mds.stress1}`);
    // Torgerson: X = V₂Λ₂^½ of B = −½·J·Δ⁽²⁾·J, so B·x = (x·x)·x for each column.
    const N = 9;
    const d2 = ref.T.map((row, i) => row.map((t, j) => (i === j ? 0 : (N + 1 - t) ** 2)));
    const rowMeans = d2.map(mean), grand = mean(rowMeans);
    const B = d2.map((row, i) => row.map((v, j) => -0.5 * (v - rowMeans[i] - rowMeans[j] + grand)));
    for (const axis of [0, 1]) {
      const x = out.mds.torgerson.map((p) => p[axis]);
      const lambda = sum(x.map((v) => v * v));
      const bx = B.map((row) => sum(row.map((v, j) => v * x[j])));
      const residual = Math.sqrt(sum(bx.map((v, i) => (v - lambda * x[i]) ** 2)));
      assert.ok(residual < 1e-8 * lambda ** 1.5, `axis ${axis}: residual ${residual}`);
    }
  });

  it('draws the maps, the ladder graph and the go-zone as SVG, PNG and PDF', () => {
    const f = files();
    const [svg, png, pdf] = ['maps.svg', 'maps.png', 'maps.pdf'].map((name) => dir.file(name));
    const result = run(['conceptmap', '--statements', f.statements, '--sorts', f.sorts, '--ratings', f.ratings, '--coordinates', f.coordinates, '--k', '4', '--svg', svg, '--png', png, '--pdf', pdf]);
    assert.equal(result.status, 0, result.stderr);
    const text = readFileSync(svg, 'utf8');
    const titles = [...text.matchAll(/<title id="t\d+">([^<]*)<\/title>/g)].map((m) => m[1]);
    assert.deepEqual(titles, ['point map', 'cluster map', 'bridging map', 'point-rating map', 'cluster-rating map', 'pattern match', 'go-zone'].map((t) => `Concept map: ${t}`));
    for (const id of ids) assert.ok(text.includes(`>${id}</text>`), `label ${id}`);
    // The cluster map's panel holds one hull per cluster of four or more points at most k.
    const cluster = text.split('<g role="img"')[2];
    const hulls = (cluster.match(/<polygon /g) ?? []).length;
    assert.ok(hulls >= 1 && hulls <= 4, `${hulls} hulls`);
    assert.ok(text.includes('>importance|all</text>') && text.includes('>feasibility|all</text>'), 'the ladder names its rails');
    const bytes = readFileSync(png);
    assert.equal(bytes.toString('latin1', 1, 4), 'PNG');
    assert.deepEqual([bytes.readUInt32BE(16), bytes.readUInt32BE(20)], [1440, 640 * 7 * 2]);
    assert.equal(readFileSync(pdf).toString('latin1', 0, 5), '%PDF-');
    // Without ratings: the three maps.
    const plain = dir.file('plain.svg');
    assert.equal(run(['conceptmap', '--statements', f.statements, '--sorts', f.sorts, '--coordinates', f.coordinates, '--svg', plain]).status, 0);
    assert.equal((readFileSync(plain, 'utf8').match(/<g role="img"/g) ?? []).length, 3);
    const unwritable = run(['conceptmap', '--statements', f.statements, '--sorts', f.sorts, '--coordinates', f.coordinates, '--png', dir.file('no/such/folder.png')]);
    assert.equal(unwritable.status, 2);
    assert.match(unwritable.stderr, /folder.png: cannot be written/);
  });

  it('writes every number and the conventions in an XLSX workbook', () => {
    const f = files();
    const xlsx = dir.file('study.xlsx');
    const result = run(['conceptmap', '--statements', f.statements, '--sorts', f.sorts, '--ratings', f.ratings, '--coordinates', f.coordinates, '--k', '3', '--xlsx', xlsx, '--json']);
    assert.equal(result.status, 0, result.stderr);
    const out = JSON.parse(result.stdout);
    const bytes = readFileSync(xlsx);
    const workbook = readZipEntry(bytes, 'xl/workbook.xml');
    assert.deepEqual([...workbook.matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]), ['Statements', 'Clusters', 'Similarity', 'Hints', 'Go-zone', 'Pattern matches', 'Conventions']);
    const strings = readZipEntry(bytes, 'xl/sharedStrings.xml');
    assert.ok(strings.includes('Statement 1, theme 0'), 'the statements\' texts');
    assert.ok(strings.includes('importance|all mean'), 'each series');
    assert.ok(strings.includes('ward.D2'), 'the conventions');
    // The Statements sheet's second row holds the first statement's x and bridging exactly.
    const sheet = readZipEntry(bytes, 'xl/worksheets/sheet1.xml');
    const row2 = sheet.match(/<row r="2"[^>]*>(.*?)<\/row>/)[1];
    const numbers = [...row2.matchAll(/<c r="([A-Z]+)2"(?: s="\d+")?><v>([^<]+)<\/v><\/c>/g)].map((m) => [m[1], Number(m[2])]);
    const cell = (column) => numbers.find(([c]) => c === column)?.[1];
    close(cell('C'), out.statements[0].x, 'x');
    close(cell('E'), out.statements[0].cluster, 'cluster');
    close(cell('F'), out.statements[0].bridging, 'bridging');
  });

  it('writes every number as CSV, exactly as the JSON, and the report as a PDF', () => {
    const f = files();
    const folder = dir.file('csv');
    const pdf = dir.file('report.pdf');
    const result = run(['conceptmap', '--statements', f.statements, '--sorts', f.sorts, '--ratings', f.ratings, '--coordinates', f.coordinates, '--k', '3', '--csv', folder, '--report', pdf, '--json']);
    assert.equal(result.status, 0, result.stderr);
    const out = JSON.parse(result.stdout);
    assert.deepEqual(readdirSync(folder).sort(), ['clusters.csv', 'conventions.csv', 'go-zone.csv', 'hints.csv', 'pattern-matches.csv', 'similarity.csv', 'statements.csv']);
    const read = (name) => csvObjects(readFileSync(`${folder}/${name}`, 'utf8'));
    const statements = read('statements.csv');
    statements.rows.forEach((row, i) => {
      const want = out.statements[i];
      assert.equal(row.id, want.id);
      assert.equal(Number(row.x), want.x, 'x reads back to the same double');
      assert.equal(Number(row.bridging), want.bridging);
      assert.equal(Number(row.cluster), want.cluster);
      assert.equal(Number(row['importance|all mean']), out.ratings.statements['importance|all'][i].mean);
    });
    const similarity = parseCsv(readFileSync(`${folder}/similarity.csv`, 'utf8')).slice(1);
    assert.deepEqual(similarity.map((r) => r.slice(1).map(Number)), out.similarity.matrix);
    const clusters = read('clusters.csv');
    assert.equal(clusters.rows.length, out.clusters.k);
    clusters.rows.forEach((row, c) => assert.equal(Number(row.bridging), out.clusters.bridging[c]));
    assert.deepEqual(clusters.header.slice(0, 4), ['cluster', 'name', 'statements', 'bridging']);
    clusters.rows.forEach((row) => assert.match(row.name, /^pile \d+$/, 'named after the sorters\' piles'));
    const bytes = readFileSync(pdf);
    assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
    const pages = bytes.toString('latin1').match(/\/Type\s*\/Page[^s]/g).length;
    assert.ok(pages >= 1 + 7 + 5, `title, 7 pictures, the tables: ${pages} pages`);
  });

  it('warns of a degenerate sorter and still analyses the study', () => {
    const f = files();
    const lumped = file('lumped.csv', ['sorter_id,statement_id,pile_id', ...sorts.map((s) => `${s.sorter},${s.statement},${s.pile}`), ...ids.map((id) => `LUMPER,${id},everything`)]);
    const result = run(['conceptmap', '--statements', f.statements, '--sorts', lumped, '--coordinates', f.coordinates, '--json']);
    assert.equal(result.status, 0, result.stderr);
    const line = sorts.length + 2;
    assert.match(result.stderr, new RegExp(`lumped.csv:${line}: warning: sorter LUMPER put every statement in one pile`));
    const out = JSON.parse(result.stdout);
    assert.equal(out.n_sorters, 10);
    assert.deepEqual(out.warnings.map((w) => [w.file, w.line]), [[lumped, line]]);
    assert.equal(out.n_raters, 0);
    assert.deepEqual(out.go_zone, []);
  });

  it('refuses bad input with each problem as FILE:LINE: reason and exit 2', () => {
    const f = files();
    const statements = file('bad_statements.csv', ['id,text', 'a,One', 'b,Two', 'a,Three', 'c,Four']);
    const badSorts = file('bad_sorts.csv', ['sorter_id,statement_id,pile_id', 'P1,a,x', 'P1,zz,x', 'P1,a,y', 'P2,b,']);
    const badRatings = file('bad_ratings.csv', ['rater_id,group,statement_id,variable,value', 'R1,g1,a,importance,0', 'R1,g1,b,importance,3', 'R1,g2,c,importance,3', 'R2,g1,b,importance,4.0']);
    const result = run(['conceptmap', '--statements', statements, '--sorts', badSorts, '--ratings', badRatings, '--json']);
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.deepEqual(result.stderr.trim().split('\n'), [
      `${statements}:4: statement id a is already on line 2`,
      `${badSorts}:3: statement zz is not in the statements file`,
      `${badSorts}:4: sorter P1 already put statement a in pile x on line 2: a card goes in one pile`,
      `${badSorts}:5: the pile name is blank`,
      `${badRatings}:2: the value 0 is outside the scale 1–5`,
      `${badRatings}:4: rater R1 is in group g1 on line 3; a rater is in one group`,
      `${badRatings}:5: the value 4.0 is not a whole number`,
    ]);
    // --scale widens the scale; --k outside 2 … n − 1 is refused.
    const zero = file('zero.csv', ['rater_id,group,statement_id,variable,value', `R1,g1,${ids[0]},importance,0`]);
    assert.equal(run(['conceptmap', '--statements', f.statements, '--sorts', f.sorts, '--ratings', zero, '--coordinates', f.coordinates, '--scale', '0-4']).status, 0);
    const k = run(['conceptmap', '--statements', f.statements, '--sorts', f.sorts, '--k', String(n)]);
    assert.equal(k.status, 2);
    assert.match(k.stderr, /--k 26 is outside 2 … 25/);
    const missing = run(['conceptmap', '--statements', dir.file('nowhere.csv'), '--sorts', f.sorts]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /nowhere.csv: cannot be read/);
  });
});

// R's quantile(type = 7, 6 or 2) in exact fortieths (values are integers 1–9).
function quantile40(sorted, p, type) {
  const n = sorted.length;
  const x = (j) => 40 * sorted[Math.min(Math.max(j, 1), n) - 1];
  const h = type === 7 ? (n - 1) * p + 1 : type === 6 ? (n + 1) * p : n * p;
  const j = Math.floor(h + 1e-9);
  const g = Math.round((h - j) * 1000) / 1000;
  if (type === 2) return g === 0 ? (x(j) + x(j + 1)) / 2 : x(j + 1);
  return Math.round(x(j) + g * (x(j + 1) - x(j)));
}

function referenceDelphi(values, type) {
  const s = [...values].sort((a, b) => a - b), n = s.length;
  const median40 = n % 2 ? 40 * s[(n - 1) / 2] : 20 * (s[n / 2 - 1] + s[n / 2]);
  const classify = (t) => {
    const p30 = quantile40(s, 0.3, t), p70 = quantile40(s, 0.7, t);
    const ai80 = Math.abs(400 - (p30 + p70));
    const disagreement = 4 * (p70 - p30) > 376 + 3 * ai80;  // IPR > IPRAS in 160ths
    const band = median40 >= 280 ? 'appropriate' : median40 <= 120 ? 'inappropriate' : 'uncertain';
    return { p30, p70, disagreement, band, rand: disagreement ? 'uncertain' : band };
  };
  const c = classify(type);
  const count = (lo, hi) => s.filter((v) => v >= lo && v <= hi).length;
  const low = count(1, 3), mid = count(4, 6), high = count(7, 9);
  const others = [7, 6, 2].filter((t) => t !== type);
  return {
    n, median: median40 / 40, mean: mean(s), sd: sd(s), p30: c.p30 / 40, p70: c.p70 / 40, ipr: (c.p70 - c.p30) / 40,
    iprcp: (c.p30 + c.p70) / 80, ai: Math.abs(400 - c.p30 - c.p70) / 80, ipras: 2.35 + 1.5 * Math.abs(400 - c.p30 - c.p70) / 80,
    disagreement: c.disagreement, median_band: c.band, rand_classification: c.rand,
    count_1_3: low, count_4_6: mid, count_7_9: high, pct_1_3: 100 * low / n, pct_4_6: 100 * mid / n, pct_7_9: 100 * high / n,
    percent_rule: 100 * high >= 70 * n && 100 * low <= 15 * n ? 'consensus_in' : 100 * low >= 70 * n && 100 * high <= 15 * n ? 'consensus_out' : 'no_consensus',
    q1: quantile40(s, 0.25, type) / 40, q3: quantile40(s, 0.75, type) / 40,
    histogram_1_9: Array.from({ length: 9 }, (_, i) => count(i + 1, i + 1)),
    classification_depends_on_percentile_method: others.some((t) => classify(t).rand !== c.rand),
  };
}

describe('covalue delphi', () => {
  let dir;
  const file = csvFiles(() => dir);
  before(() => {
    dir = tempDir();
  });
  after(() => dir.remove());

  // Two rounds, 12 panelists in two groups, 6 items; D-03 has IPR = IPRAS exactly (2.8, where
  // doubles make IPR the larger) and D-04 a class that depends on the percentile type.
  const next = random(77);
  const panelists = Array.from({ length: 12 }, (_, i) => ({ id: `p${i + 1}`, group: i < 7 ? 'patient' : 'professional' }));
  const fixed = { 'D-03': [1, 1, 2, 3, 6, 6, 6, 6, 7, 8, 8, 8], 'D-04': [6, 8, 4, 1, 2, 1, 7, 7, 2, 2, 4, 1] };
  const items = ['D-01', 'D-02', 'D-03', 'D-04', 'D-05', 'D-06'];
  const rows = [];
  for (const round of [1, 2]) {
    for (const item of items) {
      panelists.forEach((p, k) => {
        if (item === 'D-06' && k === 3 && round === 2) return;  // a missing row: no rating
        const value = fixed[item] ? fixed[item][k] : Math.max(1, Math.min(9, Math.round((item === 'D-01' ? 8 : 5) + (round === 2 ? 0.5 : 0) + (next() * 4 - 2))));
        rows.push({ round, panelist: p.id, group: p.group, item, value });
      });
    }
  }

  it('reports every statistic of every item, round and group', () => {
    const itemsCsv = file('items.csv', ['item_id,text', ...items.map((i) => `${i},"Item ${i}"`)]);
    const ratingsCsv = file('ratings.csv', ['round,panelist_id,group,item_id,value', ...rows.map((r) => `${r.round},${r.panelist},${r.group},${r.item},${r.value}`)]);
    for (const type of [7, 6, 2]) {
      const result = run(['delphi', '--items', itemsCsv, '--ratings', ratingsCsv, '--percentile', String(type), '--json']);
      assert.equal(result.status, 0, result.stderr);
      const out = JSON.parse(result.stdout);
      assert.deepEqual(out.rounds, [1, 2]);
      assert.deepEqual(out.groups, ['patient', 'professional']);
      assert.equal(out.percentile_type, type);
      assert.deepEqual(Object.keys(out.items), items);
      for (const item of items) {
        for (const round of [1, 2]) {
          const got = out.items[item][`round_${round}`];
          for (const group of ['all', 'patient', 'professional']) {
            const values = rows.filter((r) => r.item === item && r.round === round && (group === 'all' || r.group === group)).map((r) => r.value);
            const expected = referenceDelphi(values, type);
            for (const [key, value] of Object.entries(expected)) {
              if (typeof value === 'number' && !Number.isInteger(value)) close(got[group][key], value, `${item} ${round} ${group} ${key}`, 1e-12);
              else assert.deepEqual(got[group][key], value, `${item} ${round} ${group} ${key}`);
            }
            assert.equal(got[group].iqr_le_1, got[group].iqr <= 1);
            assert.equal(got[group].classic_count_rules === null, !(values.length >= 8 && values.length <= 16));
          }
          assert.equal(got.percent_rule_in_every_group, got.patient.percent_rule === 'consensus_in' && got.professional.percent_rule === 'consensus_in');
          assert.equal('stability_from_previous_round' in got, round === 2);
        }
      }
      if (type === 7) {
        const d03 = out.items['D-03'].round_1.all;
        assert.equal(d03.ipr, 2.8);
        assert.equal(d03.ipras, 2.8);
        assert.equal(d03.disagreement, false);
        assert.ok(6.7 - 3.9 > 2.35 + 1.5 * Math.abs(5 - (3.9 + 6.7) / 2), 'why it is decided exactly');
        const d04 = out.items['D-04'].round_1.all;
        assert.equal(d04.classification_depends_on_percentile_method, true);
        // Stability of D-01 from round 1 to 2, over the 12 paired panelists.
        const before = rows.filter((r) => r.item === 'D-01' && r.round === 1), after = rows.filter((r) => r.item === 'D-01' && r.round === 2);
        const st = out.items['D-01'].round_2.stability_from_previous_round;
        assert.equal(st.n_paired, 12);
        const share = (list, v) => list.filter((r) => r.value === v).length / list.length;
        close(st.distribution_change_pct_9cat, 50 * sum([1, 2, 3, 4, 5, 6, 7, 8, 9].map((v) => Math.abs(share(after, v) - share(before, v)))), 'change 9');
        const diffs = after.map((r, k) => r.value - before[k].value).filter((d) => d !== 0);
        const ranks = midranks(diffs.map(Math.abs));
        const wPlus = sum(ranks.filter((_, k) => diffs[k] > 0)), wMinus = sum(ranks.filter((_, k) => diffs[k] < 0));
        if (diffs.length) {
          const m = diffs.length;
          const ties = [...new Set(diffs.map(Math.abs))].map((v) => diffs.filter((d) => Math.abs(d) === v).length);
          const z = (Math.min(wPlus, wMinus) - m * (m + 1) / 4) / Math.sqrt(m * (m + 1) * (2 * m + 1) / 24 - sum(ties.map((t) => t ** 3 - t)) / 48);
          close(st.wilcoxon_statistic, Math.min(wPlus, wMinus), 'W');
          assert.ok(st.wilcoxon_p_approx > 0 && st.wilcoxon_p_approx <= 1);
          assert.equal(st.stable_by_wilcoxon_p_ge_0_05, st.wilcoxon_p_approx >= 0.05);
          // p = 2Φ(−|z|) = erfc(|z|/√2), erfc by Abramowitz & Stegun 7.1.26 (error < 1.5e-7).
          const u = Math.abs(z) / Math.SQRT2;
          const q = 1 / (1 + 0.3275911 * u);
          const erfc = q * (0.254829592 + q * (-0.284496736 + q * (1.421413741 + q * (-1.453152027 + q * 1.061405429)))) * Math.exp(-u * u);
          close(st.wilcoxon_p_approx, erfc, 'Wilcoxon p', 1e-6);
        }
        assert.equal(out.items['D-06'].round_2.stability_from_previous_round.n_paired, 11);
      }
    }
  });

  it('writes every statistic as CSV and XLSX, exactly as the JSON, and the report as a PDF', () => {
    const itemsCsv = file('items.csv', ['item_id,text', ...items.map((i) => `${i},"Item ${i}"`)]);
    const ratingsCsv = file('ratings.csv', ['round,panelist_id,group,item_id,value', ...rows.map((r) => `${r.round},${r.panelist},${r.group},${r.item},${r.value}`)]);
    const folder = dir.file('delphi-csv');
    const result = run(['delphi', '--items', itemsCsv, '--ratings', ratingsCsv, '--json', '--csv', folder, '--xlsx', dir.file('delphi.xlsx'), '--report', dir.file('delphi.pdf')]);
    assert.equal(result.status, 0, result.stderr);
    const out = JSON.parse(result.stdout);
    assert.deepEqual(readdirSync(folder).sort(), ['conventions.csv', 'items.csv', 'stability.csv']);
    const table = csvObjects(readFileSync(`${folder}/items.csv`, 'utf8'));
    assert.equal(table.rows.length, items.length * 2 * 3, 'item × round × (all and two groups)');
    const value = (v) => (v === '' ? null : v === 'true' ? true : v === 'false' ? false : Number.isNaN(Number(v)) ? v : Number(v));
    for (const row of table.rows) {
      const stats = out.items[row.item][`round_${row.round}`][row.group];
      for (const key of ['n', 'median', 'mean', 'sd', 'p30', 'p70', 'ipr', 'iprcp', 'ai', 'ipras', 'disagreement', 'median_band', 'rand_classification', 'count_1_3', 'count_7_9', 'pct_1_3', 'pct_7_9', 'percent_rule', 'q1', 'q3', 'iqr', 'iqr_le_1', 'classification_depends_on_percentile_method']) {
        assert.deepEqual(value(row[key]), stats[key], `${row.item} round ${row.round} ${row.group} ${key}`);
      }
      assert.deepEqual([1, 2, 3, 4, 5, 6, 7, 8, 9].map((v) => Number(row[`rated_${v}`])), stats.histogram_1_9);
      assert.equal(row.text, `Item ${row.item}`);
    }
    const stability = csvObjects(readFileSync(`${folder}/stability.csv`, 'utf8'));
    assert.equal(stability.rows.length, items.length);
    for (const row of stability.rows) {
      const want = out.items[row.item].round_2.stability_from_previous_round;
      for (const key of ['n_paired', 'distribution_change_pct_9cat', 'median_change', 'wilcoxon_statistic', 'wilcoxon_p_approx', 'stable_by_wilcoxon_p_ge_0_05']) {
        assert.deepEqual(value(row[key]), want[key], `${row.item} ${key}`);
      }
    }
    const workbook = readZipEntry(readFileSync(dir.file('delphi.xlsx')), 'xl/workbook.xml');
    assert.deepEqual([...workbook.matchAll(/<sheet name="([^"]+)"/g)].map((m) => m[1]), ['Items', 'Stability', 'Conventions']);
    assert.equal(readFileSync(dir.file('delphi.pdf')).subarray(0, 5).toString(), '%PDF-');
  });

  it('refuses bad input with each problem as FILE:LINE: reason and exit 2', () => {
    const itemsCsv = file('items_bad.csv', ['item_id,text', 'D-01,One', 'D-01,Two']);
    const ratingsCsv = file('ratings_bad.csv', ['round,panelist_id,group,item_id,value', '1,p1,g,D-01,5', '1,p1,g,D-01,6', '1,p2,g,D-07,5', 'one,p3,g,D-01,5', '1,p4,g,D-01,0']);
    const result = run(['delphi', '--items', itemsCsv, '--ratings', ratingsCsv, '--json']);
    assert.equal(result.status, 2);
    assert.equal(result.stdout, '');
    assert.deepEqual(result.stderr.trim().split('\n'), [
      `${itemsCsv}:3: item id D-01 is already on line 2`,
      `${ratingsCsv}:3: panelist p1 already rated item D-01 in round 1 on line 2`,
      `${ratingsCsv}:4: item D-07 is not in the items file`,
      `${ratingsCsv}:5: the round one is not a whole number from 1`,
      `${ratingsCsv}:6: the value 0 is outside the scale 1–9`,
    ]);
    assert.equal(run(['delphi', '--items', itemsCsv, '--ratings', ratingsCsv, '--percentile', '5']).status, 2);
  });
});
