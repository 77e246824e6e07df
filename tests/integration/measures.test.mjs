// Measures over real HTTP: the demo's definitions, a site's chart recomputed here from the
// site's observations read through FHIR, a team's chart with its passport's change and the
// shift after it, the community's view that never shows a cell under 5, a measure defined
// later and built from what is stored, and bad input answered 4xx naming the parameter.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { loginOf, signIn, startServer, tempDir, writeDemo } from '../support/covalue_server.mjs';

describe('measures', () => {
  let dir, server, logins;
  const cookies = {};
  const call = (who, method, path, body) =>
    fetch(`${server.url}${path}`, {
      method,
      headers: { cookie: cookies[who], 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  const json = async (who, path, status = 200) => {
    const response = await call(who, 'GET', path);
    const body = await response.json();
    assert.equal(response.status, status, JSON.stringify(body));
    return body;
  };

  before(async () => {
    dir = tempDir();
    // 60 patients: five a site, so that many months have fewer than five PHQ-9s.
    logins = writeDemo(dir.database(), 1, ['--patients', '60']);
    server = await startServer(dir.database());
    for (const name of ['lead.vastera', 'professional.vastera', 'facilitator', 'admin', 'lead.fjordvik']) {
      const login = loginOf(logins, name);
      cookies[name] = await signIn(server.url, login.username, login.password);
    }
  });
  after(async () => {
    await server.stop();
    dir.remove();
  });

  const vastera = () => loginOf(logins, 'lead.vastera').site_id;

  it('lists the demo measures with their kind, chart, direction and compass quadrant', async () => {
    const { items } = await json('lead.vastera', '/api/v1/measures');
    const byId = Object.fromEntries(items.map((m) => [m.id, m]));
    assert.deepEqual(
      [byId['phq9-mean'].kind, byId['phq9-mean'].chart, byId['phq9-mean'].direction],
      ['continuous', 'i', 'lower'],
    );
    assert.equal(byId['phq9-below-10'].chart, 'p');
    assert.equal(byId['phq9-below-10'].threshold, 9);
    assert.equal(byId['phq9-below-10'].at_least, false);
    assert.equal(byId['hospital-days-mean'].quadrant, 'cost');
    assert.equal(byId['falls-rate'].chart, 'u');
  });

  it("draws a site's p chart that equals one computed from its observations", async () => {
    // The site's PHQ-9 observations, read through FHIR by its professional.
    const cells = new Map();
    let next = `/fhir/r4/Observation?code=phq-9&_count=500`;
    while (next) {
      const bundle = await json('professional.vastera', next);
      for (const { resource } of bundle.entry ?? []) {
        const month = resource.effectiveDateTime.slice(0, 7);
        const cell = cells.get(month) ?? { num: 0, den: 0 };
        cell.num += resource.valueQuantity.value <= 9 ? 1 : 0;
        cell.den += 1;
        cells.set(month, cell);
      }
      const link = (bundle.link ?? []).find((l) => l.relation === 'next');
      next = link ? link.url.slice(link.url.indexOf('/fhir/')) : null;
    }
    const view = await json('lead.vastera', `/api/v1/measures/phq9-below-10/chart?site_id=${vastera()}`);
    assert.equal(view.chart, 'p');
    assert.equal(view.min_cell, null, 'the site’s own staff see every cell');
    const [series] = view.series;
    const months = [...cells.keys()].sort();
    assert.deepEqual(series.points.map((p) => p.x), months);
    let num = 0;
    let den = 0;
    for (const c of cells.values()) {
      num += c.num;
      den += c.den;
    }
    const pbar = num / den; // Provost & Murray: p̄ = Σ numerators / Σ denominators
    for (const point of series.points) {
      const { num: k, den: n } = cells.get(point.x);
      assert.ok(Math.abs(point.y - k / n) < 1e-12, point.x);
      assert.equal(point.cell, n);
      assert.ok(Math.abs(point.cl - pbar) < 1e-12);
      const sigma = Math.sqrt((pbar * (1 - pbar)) / n);
      assert.ok(Math.abs(point.ucl - Math.min(1, pbar + 3 * sigma)) < 1e-12, point.x);
      assert.ok(Math.abs(point.lcl - Math.max(0, pbar - 3 * sigma)) < 1e-12, point.x);
    }
  });

  it("marks the team's change and shows the shift after it", async () => {
    const teams = await json('lead.vastera', '/api/v1/teams');
    const team = teams.items.find((t) => t.site_id === vastera());
    const view = await json('lead.vastera', `/api/v1/teams/${team.id}/measures/phq9-mean/chart`);
    assert.equal(view.limits, 'baseline');
    assert.equal(view.changes.length, 1);
    assert.equal(view.changes[0].date, '2025-06-01');
    const points = view.series[0].points;
    const change = view.changes[0].point;
    assert.equal(points[change - 1].x, '2025-06');
    assert.ok(points.slice(0, change - 1).every((p) => p.baseline));
    const after = points.slice(change - 1);
    assert.ok(after.every((p) => !p.baseline));
    const signalled = after.filter((p) => p.signals.length > 0);
    assert.ok(signalled.length > after.length / 2, `${signalled.length} of ${after.length} points after the change signal`);
    // A point's signals are codes; its part states the runs once, in words.
    for (const p of signalled) assert.ok(p.signals.every((s) => ['sigma', 'long_run', 'few_crossings'].includes(s)), p.signals.join());
    assert.equal(signalled[0].explanation, undefined);
    const part = view.series[0].parts.find((p) => p.part === signalled[0].part);
    assert.match(part.explanation, /points in a row|crosses the centre line|common-cause/);

    const phases = await json('lead.vastera', `/api/v1/teams/${team.id}/measures/phq9-mean/chart?limits=phases`);
    assert.equal(phases.series[0].parts.length, 2);
    assert.equal(phases.series[0].points[change - 1].part, 2);
    // Another team's lead reads neither.
    await json('lead.fjordvik', `/api/v1/teams/${team.id}/measures/phq9-mean/chart`, 403);
  });

  it("shows a team's coproduction value profile: the people's view beside the team's", async () => {
    const teams = await json('lead.vastera', '/api/v1/teams');
    const team = teams.items.find((t) => t.site_id === vastera());
    const profile = await json('lead.vastera', `/api/v1/teams/${team.id}/value-profile`);
    const domains = ['communication', 'self-efficacy', 'interconnectedness', 'costs', 'professional-experience', 'access'];
    assert.deepEqual(profile.domains.map((d) => d.domain), domains);
    assert.deepEqual(profile.scale, { min: 1, max: 5 });
    // The team's view: the demo passport's self-ratings.
    assert.deepEqual(profile.domains.map((d) => d.team), [4, 3, 2, 3, 4, 3]);
    assert.equal(profile.passport_date, '2025-06-01');
    assert.equal(profile.previous_passport_id, null);
    // The people's view, recomputed from their answers read through FHIR: the mean subscale
    // score of the latest quarter with answers, over the subscale's two items.
    const quarterOf = (date) => `${date.slice(0, 4)}-Q${Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1}`;
    for (const domain of domains) {
      const byQuarter = new Map();
      let next = `/fhir/r4/Observation?code=${encodeURIComponent(`coproduction-value-patient/${domain}`)}&_count=500`;
      while (next) {
        const bundle = await json('professional.vastera', next);
        for (const { resource } of bundle.entry ?? []) {
          const quarter = quarterOf(resource.effectiveDateTime);
          byQuarter.set(quarter, [...(byQuarter.get(quarter) ?? []), resource.valueQuantity.value]);
        }
        const link = (bundle.link ?? []).find((l) => l.relation === 'next');
        next = link ? link.url.slice(link.url.indexOf('/fhir/')) : null;
      }
      const latest = [...byQuarter.keys()].sort().at(-1);
      assert.equal(profile.quarter, latest);
      const scores = byQuarter.get(latest);
      const value = profile.domains.find((d) => d.domain === domain);
      // The people rate the team that reads this: under five answers the mean is withheld.
      if (scores.length < 5) {
        assert.deepEqual([value.people, value.people_n, value.people_suppressed], [null, null, true], domain);
      } else {
        assert.equal(value.people_suppressed, false);
        assert.equal(value.people_n, scores.length);
        assert.ok(Math.abs(value.people - scores.reduce((a, b) => a + b, 0) / scores.length / 2) < 1e-12, domain);
        assert.ok(value.people >= 1 && value.people <= 5);
      }
      const before = byQuarter.get(profile.previous_quarter);
      if (before.length >= 5) {
        assert.ok(Math.abs(value.people_previous - before.reduce((a, b) => a + b, 0) / before.length / 2) < 1e-12, domain);
      } else {
        assert.equal(value.people_previous, null);
      }
    }
    // Another site's lead may not read it; a team without a passport has no team view.
    await json('lead.fjordvik', `/api/v1/teams/${team.id}/value-profile`, 403);
    const fjordvik = (await json('lead.fjordvik', '/api/v1/teams')).items.find((t) => t.site_id === loginOf(logins, 'lead.fjordvik').site_id);
    const own = await json('lead.fjordvik', `/api/v1/teams/${fjordvik.id}/value-profile`);
    assert.ok(own.domains.every((d) => d.team === null && (d.people !== null || d.people_suppressed)));
    await json('lead.vastera', '/api/v1/teams/999999/value-profile', 404);
  });

  it('never shows the community a cell of fewer than five', async () => {
    for (const [measure, period] of [['phq9-below-10', 'month'], ['phq9-mean', 'month'], ['eq-vas-mean', 'quarter'], ['phq9-below-10', 'quarter']]) {
      const view = await json('facilitator', `/api/v1/measures/${measure}/sites?period=${period}`);
      assert.equal(view.min_cell, 5);
      assert.equal(view.series.length, 12);
      let suppressed = 0;
      for (const series of view.series) {
        for (const p of series.points) {
          if (p.suppressed) {
            suppressed++;
            assert.deepEqual([p.y, p.n, p.cell, p.lcl, p.ucl], [null, null, null, null, null]);
          } else {
            assert.ok(p.cell >= 5, `${series.site} ${p.x}: ${p.cell}`);
            if (view.chart === 'p') {
              // Neither those below 10 nor the others are fewer than five.
              const meets = Math.round(p.y * p.cell);
              assert.ok(meets === 0 || meets >= 5, `${series.site} ${p.x}: ${meets} of ${p.cell}`);
              assert.ok(p.cell - meets === 0 || p.cell - meets >= 5, `${series.site} ${p.x}: ${p.cell - meets} not`);
            }
          }
        }
      }
      if (period !== 'quarter') assert.ok(suppressed > 0, `${measure} by ${period}: some cells are small`);
    }
    // Weeks do not nest in months: the community reads months and quarters only.
    const weekly = await json('facilitator', '/api/v1/measures/phq9-mean/sites?period=week', 400);
    assert.equal(weekly.field, 'period');
    const one = await json('facilitator', `/api/v1/measures/phq9-below-10/chart?site_id=${vastera()}`);
    assert.equal(one.min_cell, 5);
    assert.ok(one.series[0].points.every((p) => p.suppressed || p.cell >= 5));
    await json('lead.vastera', '/api/v1/measures/phq9-below-10/sites', 403);
  });

  it('previews a definition from the stored observations without defining it', async () => {
    const { chart, ...stored } = (await json('facilitator', '/api/v1/measures')).items.find((m) => m.id === 'phq9-below-10');
    assert.equal(chart, 'p');
    const draft = { ...stored, id: 'phq9-draft', name: 'PHQ-9 below 10, a draft' };
    const response = await call('facilitator', 'POST', '/api/v1/measures/preview?baseline_before=2025-06-01', draft);
    assert.equal(response.status, 200, await response.clone().text());
    const preview = await response.json();
    const view = await json('facilitator', '/api/v1/measures/phq9-below-10/sites?baseline_before=2025-06-01');
    assert.equal(preview.measure.id, 'phq9-draft');
    assert.equal(preview.min_cell, 5);
    const pointsOf = (v) => v.series.map((s) => [s.site, s.points.map((p) => [p.x, p.y, p.cell, p.cl, p.lcl, p.ucl, p.suppressed])]);
    assert.deepEqual(pointsOf(preview), pointsOf(view));
    assert.ok(!(await json('facilitator', '/api/v1/measures')).items.some((m) => m.id === 'phq9-draft'), 'a preview defines nothing');
    assert.equal((await call('lead.vastera', 'POST', '/api/v1/measures/preview', draft)).status, 403);
    const bad = await call('facilitator', 'POST', '/api/v1/measures/preview', { ...draft, threshold: undefined });
    assert.equal(bad.status, 400);
    assert.equal((await bad.json()).field, 'threshold');
  });

  it('gives each point only the members named in fields, the view otherwise whole', async () => {
    const full = await json('facilitator', '/api/v1/measures/phq9-below-10/sites');
    // Named out of order and once twice: the points keep the documented order, each member once.
    const sparse = await json('facilitator', '/api/v1/measures/phq9-below-10/sites?fields=ucl,x,y,cell,y,suppressed');
    const { series: fullSeries, ...fullRest } = full;
    const { series: sparseSeries, ...sparseRest } = sparse;
    assert.deepEqual(sparseRest, fullRest);
    assert.equal(sparseSeries.length, fullSeries.length);
    let suppressed = 0;
    sparseSeries.forEach((s, i) => {
      const { points, ...rest } = s;
      const { points: fullPoints, ...fullSeriesRest } = fullSeries[i];
      assert.deepEqual(rest, fullSeriesRest, 'site, population, icons and parts are all there');
      assert.equal(points.length, fullPoints.length);
      points.forEach((p, j) => {
        assert.deepEqual(Object.keys(p), ['x', 'y', 'ucl', 'cell', 'suppressed']);
        const f = fullPoints[j];
        assert.deepEqual(p, { x: f.x, y: f.y, ucl: f.ucl, cell: f.cell, suppressed: f.suppressed });
        if (p.suppressed) {
          suppressed++;
          assert.deepEqual([p.y, p.cell, p.ucl], [null, null, null], 'a small cell stays withheld');
        }
      });
    });
    assert.ok(suppressed > 0);
    // The same on one site's chart and a team's, and absent it is every member.
    const site = await json('lead.vastera', `/api/v1/measures/phq9-mean/chart?site_id=${vastera()}&fields=sigma_signal`);
    assert.ok(site.series[0].points.every((p) => Object.keys(p).join() === 'sigma_signal'));
    assert.equal(Object.keys(full.series[0].points[0]).length, 19);
    for (const fields of ['', 'x,colour', 'x,', 'Y']) {
      const problem = await json('facilitator', `/api/v1/measures/phq9-below-10/sites?fields=${fields}`, 400);
      assert.equal(problem.field, 'fields', fields);
    }
  });

  it('lets a team try a definition on its own data: every cell, as its own charts show it', async () => {
    const team = (await json('lead.vastera', '/api/v1/teams')).items[0].id;
    const { chart, ...stored } = (await json('lead.vastera', '/api/v1/measures')).items.find((m) => m.id === 'phq9-below-10');
    const draft = { ...stored, id: 'phq9-team-draft', name: 'PHQ-9 below 10, our draft' };
    const preview = (who, body = draft, query = '') => call(who, 'POST', `/api/v1/teams/${team}/measures/preview${query}`, body);
    const response = await preview('lead.vastera');
    assert.equal(response.status, 200, await response.clone().text());
    const tried = await response.json();
    assert.equal(tried.measure.id, 'phq9-team-draft');
    assert.equal(tried.min_cell, null, 'the team sees every cell of its own people');
    assert.equal(tried.series.length, 1);
    assert.equal(tried.series[0].site_id, vastera());
    // The same definition as a defined measure gives the team's own chart, point for point.
    const own = await json('lead.vastera', `/api/v1/teams/${team}/measures/phq9-below-10/chart`);
    const pointsOf = (v) => v.series[0].points.map((p) => [p.x, p.y, p.cell, p.suppressed]);
    assert.deepEqual(pointsOf(tried), pointsOf(own));
    assert.ok(tried.series[0].points.some((p) => p.cell > 0 && p.cell < 5), 'small cells are shown to the team');
    // A threshold off the community's cut-points is the team's to try on its own people.
    assert.equal((await preview('lead.vastera', { ...draft, threshold: 7 })).status, 200);
    assert.ok(!(await json('lead.vastera', '/api/v1/measures')).items.some((m) => m.id === 'phq9-team-draft'), 'a preview defines nothing');
    // Another site's lead and the community's facilitator may not read the team's data.
    assert.equal((await preview('lead.fjordvik')).status, 403);
    assert.equal((await preview('facilitator')).status, 403);
    const bad = await preview('lead.vastera', { ...draft, code: '' });
    assert.equal(bad.status, 400);
    assert.equal((await bad.json()).field, 'code');
    assert.equal((await preview('lead.vastera', draft, '?period=fortnight')).status, 400);
    assert.equal((await call('lead.vastera', 'POST', '/api/v1/teams/999999/measures/preview', draft)).status, 404);
  });

  it('defeats differencing: thresholds cannot be swept, and no quarter gives away a withheld month', async () => {
    const { chart, ...stored } = (await json('facilitator', '/api/v1/measures')).items.find((m) => m.id === 'phq9-below-10');
    // The attack: preview "at most 9" and "at most 8" of one cell and subtract, to count the
    // people who scored exactly 9; or sweep upwards one point at a time.
    for (const [threshold, at_least] of [[8, false], [10, false], [11, true], [9.5, true], [6, true]]) {
      const swept = await call('facilitator', 'POST', '/api/v1/measures/preview', { ...stored, id: 'sweep', threshold, at_least });
      assert.equal(swept.status, 400, `${threshold} ${at_least}`);
      assert.equal((await swept.json()).field, '/threshold');
    }
    // The band boundaries are the cut-points: at least 10, 15, 20 pass.
    for (const threshold of [10, 15, 20]) {
      const ok = await call('facilitator', 'POST', '/api/v1/measures/preview', { ...stored, id: 'band', threshold, at_least: true });
      assert.equal(ok.status, 200, `${threshold}`);
    }
    // Definitions over HTTP are bound too, the community admin's included.
    const defined = await call('admin', 'POST', '/api/v1/measures', { ...stored, id: 'phq9-at-most-8', threshold: 8 });
    assert.equal(defined.status, 400);
    // A quarter is the sum of its months: shown only when all three are.
    const months = await json('facilitator', '/api/v1/measures/phq9-below-10/sites?period=month');
    const quarters = await json('facilitator', '/api/v1/measures/phq9-below-10/sites?period=quarter');
    const quarterOf = (x) => `${x.slice(0, 4)}-Q${Math.floor((Number(x.slice(5, 7)) - 1) / 3) + 1}`;
    let guarded = 0;
    for (const series of quarters.series) {
      const monthly = months.series.find((m) => m.site_id === series.site_id && m.population_id === series.population_id);
      for (const q of series.points) {
        const inside = monthly.points.filter((m) => quarterOf(m.x) === q.x);
        if (inside.some((m) => m.suppressed)) {
          assert.ok(q.suppressed, `${series.site} ${q.x} would give away a month`);
          guarded++;
        } else if (!q.suppressed) {
          const sum = inside.reduce((a, m) => a + m.cell, 0);
          assert.equal(q.cell, sum, `${series.site} ${q.x}`);
        }
      }
    }
    assert.ok(guarded > 0, 'some quarters are withheld for their months');
  });

  it('builds a measure defined later from the stored observations', async () => {
    const definition = {
      id: 'phq9-moderate', name: 'PHQ-9 of 15 or more', kind: 'proportion', system: 'urn:covalue:score',
      code: 'phq-9', threshold: 15, direction: 'lower', quadrant: 'clinical', unit: '1',
    };
    const refused = await call('lead.vastera', 'POST', '/api/v1/measures', definition);
    assert.equal(refused.status, 403);
    const scoreSystem = (await json('lead.vastera', '/api/v1/measures')).items.find((m) => m.id === 'phq9-mean').system;
    const created = await call('admin', 'POST', '/api/v1/measures', { ...definition, system: scoreSystem });
    assert.equal(created.status, 201, await created.clone().text());
    const severe = await json('lead.vastera', `/api/v1/measures/phq9-moderate/chart?site_id=${vastera()}`);
    const mild = await json('lead.vastera', `/api/v1/measures/phq9-below-10/chart?site_id=${vastera()}`);
    assert.deepEqual(severe.series[0].points.map((p) => p.cell), mild.series[0].points.map((p) => p.cell));
    assert.ok(severe.series[0].points.some((p) => p.y > 0));
    const again = await call('admin', 'POST', '/api/v1/measures', { ...definition, system: scoreSystem });
    assert.equal(again.status, 409);
  });

  it('serves Measures and summary MeasureReports through FHIR, suppressed for the community', async () => {
    const fhir = async (who, path, status = 200) => {
      const response = await fetch(`${server.url}/fhir/r4/${path}`, { headers: { cookie: cookies[who] } });
      const body = await response.json();
      assert.equal(response.status, status, JSON.stringify(body));
      return body;
    };
    const measure = await fhir('lead.vastera', 'Measure/phq9-below-10');
    assert.equal(measure.resourceType, 'Measure');
    assert.equal(measure.scoring.coding[0].code, 'proportion');
    assert.equal(measure.improvementNotation.coding[0].code, 'increase');
    assert.equal(measure.url, 'urn:covalue:fhir:measure:phq9-below-10');
    const all = await fhir('lead.vastera', 'Measure');
    assert.ok(all.entry.some((e) => e.resource.id === 'hospital-days-mean'));
    await fhir('lead.vastera', 'Measure/none', 404);

    // The site's lead: one summary report per month, equal to the chart.
    const chart = await json('lead.vastera', `/api/v1/measures/phq9-below-10/chart?site_id=${vastera()}`);
    const own = await fhir('lead.vastera', `MeasureReport?measure=phq9-below-10&reporter=Organization/${vastera()}`);
    assert.equal(own.entry.length, chart.series[0].points.length);
    const june = own.entry.map((e) => e.resource).find((r) => r.period.start === '2025-06-01');
    assert.equal(june.period.end, '2025-06-30');
    assert.equal(june.type, 'summary');
    assert.equal(june.reporter.reference, `Organization/${vastera()}`);
    const point = chart.series[0].points.find((p) => p.x === '2025-06');
    const population = Object.fromEntries(june.group[0].population.map((p) => [p.code.coding[0].code, p.count]));
    assert.equal(population.denominator, point.cell);
    assert.equal(population.numerator, Math.round(point.y * point.cell));
    assert.ok(Math.abs(june.group[0].measureScore.value - point.y) < 1e-12);

    // The community: every site, never a count from 1 to 4; a suppressed cell says so and
    // withholds its counts and score.
    const community = await fhir('facilitator', 'MeasureReport?measure=urn:covalue:fhir:measure:phq9-below-10');
    const sites = new Set(community.entry.map((e) => e.resource.reporter.reference));
    assert.equal(sites.size, 12);
    let withheld = 0;
    for (const { resource } of community.entry) {
      const marked = (resource.extension ?? []).some((e) => e.url === 'urn:covalue:fhir:extension:suppressed' && e.valueBoolean);
      if (marked) {
        withheld++;
        assert.equal(resource.group[0].population, undefined);
        assert.equal(resource.group[0].measureScore, undefined);
        continue;
      }
      for (const population of resource.group[0].population) {
        assert.ok(population.count === 0 || population.count >= 5, `${resource.id}: ${population.count}`);
      }
      const counts = Object.fromEntries(resource.group[0].population.map((p) => [p.code.coding[0].code, p.count]));
      const others = counts.denominator - counts.numerator;
      assert.ok(others === 0 || others >= 5, `${resource.id}: ${others} not below 10`);
    }
    assert.ok(withheld > 0);
    const view = await json('facilitator', '/api/v1/measures/phq9-below-10/sites');
    const points = view.series.flatMap((s) => s.points);
    assert.equal(community.entry.length, points.filter((p) => p.suppressed || p.y !== null).length);
    assert.equal(withheld, points.filter((p) => p.suppressed).length);
    await fhir('lead.vastera', 'MeasureReport?measure=phq9-below-10', 403);
    await fhir('lead.vastera', 'MeasureReport', 400);
    await fhir('lead.vastera', 'MeasureReport?measure=phq9-below-10&period-kind=decade', 400);
  });

  it('answers bad input 4xx naming the parameter', async () => {
    const site = vastera();
    for (const [path, field] of [
      [`/api/v1/measures/phq9-mean/chart?site_id=${site}&period=year`, 'period'],
      [`/api/v1/measures/phq9-mean/chart?site_id=${site}&rules=nelson`, 'rules'],
      [`/api/v1/measures/phq9-mean/chart?site_id=${site}&baseline_before=2025-13-01`, 'baseline_before'],
      [`/api/v1/measures/phq9-mean/chart?site_id=${site}&phases=2025-01-01,soon`, 'phases'],
      ['/api/v1/measures/phq9-mean/chart', 'site_id'],
    ]) {
      const problem = await json('lead.vastera', path, 400);
      assert.equal(problem.field, field, path);
    }
    await json('lead.vastera', `/api/v1/measures/none/chart?site_id=${site}`, 404);
    for (const [body, field] of [
      [{ id: 'Bad Id', name: 'x', kind: 'continuous', system: 's', code: 'c' }, 'id'],
      [{ id: 'ok', name: 'x', kind: 'ratio', system: 's', code: 'c' }, '/kind'],
      [{ id: 'ok', name: 'x', kind: 'proportion', system: 's', code: 'c' }, 'threshold'],
      [{ id: 'ok', name: 'x', kind: 'continuous', system: 's', code: 'c', target: 'high' }, '/target'],
      [{ id: 'ok', name: 'x', kind: 'continuous', system: 's', code: 'c', colour: 'red' }, '/colour'],
    ]) {
      const response = await call('admin', 'POST', '/api/v1/measures', body);
      const problem = await response.json();
      assert.equal(response.status, 400, JSON.stringify(problem));
      assert.equal(problem.field, field, JSON.stringify(body));
    }
  });

  it('keeps a team’s notes on its chart points, written only by the team and its site’s admins', async () => {
    const team = (await json('lead.vastera', '/api/v1/teams')).items[0].id;
    const chart = (who) => json(who, `/api/v1/teams/${team}/measures/phq9-mean/chart?period=month`);
    const period = (await chart('lead.vastera')).series[0].points.at(-3).x;
    const note = (who, body, measure = 'phq9-mean') => call(who, 'POST', `/api/v1/teams/${team}/measures/${measure}/notes`, body);

    const added = await note('lead.vastera', { period, text: 'New triage nurse started' });
    assert.equal(added.status, 201);
    const body = await added.json();
    assert.deepEqual([body.period, body.text, body.author], [period, 'New triage nurse started', 'Lena Lead']);
    assert.deepEqual((await chart('lead.vastera')).notes.map((n) => [n.id, n.period, n.text]), [[body.id, period, 'New triage nurse started']]);
    // The site's professional reads the chart with its note, but writes none.
    assert.equal((await chart('professional.vastera')).notes.length, 1);
    for (const who of ['professional.vastera', 'lead.fjordvik', 'facilitator']) {
      assert.equal((await note(who, { period, text: 'not theirs' })).status, 403, who);
      assert.equal((await call(who, 'DELETE', `/api/v1/chart-notes/${body.id}`)).status, 403, who);
    }
    // Bad input, named; an unknown measure is 404.
    for (const [bad, field] of [[{ period: '', text: 'x' }, '/period'], [{ period, text: ' ' }, '/text'], [{ period, text: 'x'.repeat(501) }, '/text'], [{ period }, '/text'], [{ period, text: 'x', colour: 'red' }, '/colour']]) {
      const refused = await note('lead.vastera', bad);
      assert.equal(refused.status, 400, JSON.stringify(bad));
      assert.equal((await refused.json()).field, field, JSON.stringify(bad));
    }
    assert.equal((await note('lead.vastera', { period, text: 'x' }, 'no-such-measure')).status, 404);
    // An unknown note is refused to a team as another team's would be; the team removes its own.
    assert.equal((await call('lead.vastera', 'DELETE', '/api/v1/chart-notes/999999')).status, 403);
    assert.equal((await call('lead.vastera', 'DELETE', `/api/v1/chart-notes/${body.id}`)).status, 204);
    assert.deepEqual((await chart('lead.vastera')).notes, []);
    assert.equal((await call('lead.vastera', 'DELETE', `/api/v1/chart-notes/${body.id}`)).status, 403);
  });
});
