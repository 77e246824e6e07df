// Research studies over HTTP: a researcher runs a concept map from draft to its live analysis,
// a participant without an account takes part by a personal link (its secret in a header, never
// in a path), another by their account; nobody else reaches the study, bad input is named, and
// the analysis follows the covalue conceptmap contract.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';

import { demoCallers, loginOf, startServer, tempDir, writeDemo } from '../support/covalue_server.mjs';
import { csvObjects } from '../support/csv.mjs';

describe('research studies', () => {
  let dir, server, logins, call, cookieOf;

  before(async () => {
    dir = tempDir();
    logins = writeDemo(dir.file('covalue.db'));
    server = await startServer(dir.file('covalue.db'));
    ({ call, cookie: cookieOf } = demoCallers(server, logins));
  });
  after(async () => {
    await server.stop();
    dir.remove();
  });

  // A participant's call by invitation: no cookie, the secret in X-Invitation.
  const byLink = async (secret, method, path, body) => {
    const response = await fetch(server.url + '/api/v1/invitation' + path, {
      method,
      headers: { ...(secret ? { 'x-invitation': secret } : {}), ...(body !== undefined ? { 'content-type': 'application/json' } : {}), origin: server.url },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };

  it('runs a concept map from invitation to its live analysis', async () => {
    const created = await call('researcher', 'POST', '/api/v1/studies', {
      kind: 'concept_map', title: 'Coproduction value', groups: ['patient', 'professional'],
      focus_prompt: 'One way coproduction creates value for people and professionals is…',
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const study = created.body;
    assert.deepEqual(study.variables.map((v) => [v.name, v.min, v.max]), [['importance', 1, 5], ['feasibility', 1, 5]]);
    assert.equal(study.stage, 'draft');
    assert.equal(study.anonymous, true);

    // Three people by link, one by account (the demo's professional).
    const secrets = [];
    for (const group of ['patient', 'patient', 'professional']) {
      const invited = await call('researcher', 'POST', `/api/v1/studies/${study.id}/invitations`, { group });
      assert.equal(invited.status, 201);
      assert.equal(invited.body.secret.length, 43);
      assert.equal(invited.body.path, `/join#${invited.body.secret}`);
      secrets.push(invited.body.secret);
    }
    const professional = loginOf(logins, 'professional.vastera');
    const me = await call('professional.vastera', 'GET', '/api/v1/users/me');
    assert.equal((await call('researcher', 'POST', `/api/v1/studies/${study.id}/participants`, { user_id: me.body.id, group: 'professional' })).status, 201);
    assert.ok(professional);

    // Consent first, then brainstorming once it opens.
    const first = await byLink(secrets[0], 'GET', '');
    assert.equal(first.status, 200);
    assert.equal(first.body.study.focus_prompt, study.focus_prompt);
    assert.equal(first.body.participant.consented_ms, null);
    assert.equal((await byLink(secrets[0], 'POST', '/statements', { text: 'Too early' })).status, 409);
    for (const secret of secrets) assert.equal((await byLink(secret, 'POST', '/consent')).status, 204);
    assert.equal((await call('professional.vastera', 'POST', `/api/v1/studies/${study.id}/participation/consent`)).status, 204);
    assert.equal((await call('researcher', 'POST', `/api/v1/studies/${study.id}/stage`, { stage: 'brainstorming' })).status, 200);
    const texts = ['Shared decisions about treatment', 'Deciding together', 'Time to talk', 'Knowing what matters to me', 'Feeling heard', 'Less waiting'];
    const ids = [];
    for (const [i, text] of texts.entries()) {
      const proposed = i % 2 === 0
        ? await byLink(secrets[i % 3], 'POST', '/statements', { text })
        : await call('professional.vastera', 'POST', `/api/v1/studies/${study.id}/participation/statements`, { text });
      assert.equal(proposed.status, 201, JSON.stringify(proposed.body));
      ids.push(proposed.body.id);
    }
    // The researcher merges a duplicate; sorting freezes the statements.
    assert.equal((await call('researcher', 'POST', `/api/v1/studies/${study.id}/statements/${ids[1]}/merge`, { into: ids[0] })).status, 204);
    assert.equal((await call('researcher', 'POST', `/api/v1/studies/${study.id}/stage`, { stage: 'sorting' })).status, 200);
    assert.equal((await call('researcher', 'POST', `/api/v1/studies/${study.id}/statements`, { text: 'Late' })).status, 409);
    const standing = ids.filter((_, i) => i !== 1);
    const sorting = await byLink(secrets[1], 'GET', '');
    assert.deepEqual(sorting.body.statements.map((s) => s.id), standing);
    const piles = [['talk', 'talk', 'wait', 'talk', 'wait'], ['a', 'b', 'b', 'a', 'c'], ['x', 'x', 'y', 'x', 'y']];
    for (const [k, secret] of secrets.entries()) {
      const cards = standing.map((statement_id, i) => ({ statement_id, pile: piles[k][i] }));
      assert.equal((await byLink(secret, 'PUT', '/sort', { cards })).status, 204);
    }
    const twice = await byLink(secrets[0], 'PUT', '/sort', { cards: [{ statement_id: standing[0], pile: 'a' }, { statement_id: standing[0], pile: 'b' }] });
    assert.equal(twice.status, 400);
    assert.equal(twice.body.field, '/cards/1/statement_id');
    const resumed = await byLink(secrets[0], 'GET', '');
    assert.deepEqual(resumed.body.sort.map((c) => c.pile), piles[0], 'the sort is kept whole when a save is refused');

    assert.equal((await call('researcher', 'POST', `/api/v1/studies/${study.id}/stage`, { stage: 'rating' })).status, 200);
    for (const [k, secret] of secrets.entries()) {
      const ratings = standing.flatMap((statement_id, i) => [
        { statement_id, variable: 'importance', value: 1 + ((i + k) % 5) },
        { statement_id, variable: 'feasibility', value: 1 + ((i * 2 + k) % 5) },
      ]);
      assert.equal((await byLink(secret, 'PUT', '/ratings', { ratings })).status, 204);
    }
    const outside = await byLink(secrets[0], 'PUT', '/ratings', { ratings: [{ statement_id: standing[0], variable: 'importance', value: 9 }] });
    assert.equal(outside.status, 400);
    assert.equal(outside.body.field, '/ratings/0/value');

    const progress = await call('researcher', 'GET', `/api/v1/studies/${study.id}/participants`);
    assert.deepEqual(progress.body.items.map((p) => p.name), ['P-01', 'P-02', 'P-03', 'P-04'], 'pseudonyms only');
    assert.deepEqual(progress.body.items.map((p) => p.sorted), [5, 5, 5, 0]);

    const analysis = await call('researcher', 'GET', `/api/v1/studies/${study.id}/analysis?k=2&starts=4&seed=3`);
    assert.equal(analysis.status, 200, JSON.stringify(analysis.body));
    const a = analysis.body;
    assert.equal(a.n_statements, 5);
    assert.equal(a.n_sorters, 3);
    assert.equal(a.n_raters, 3);
    assert.deepEqual(a.statements.map((s) => s.id), standing.map(String));
    assert.deepEqual(a.similarity.matrix.map((row, i) => row[i]), [3, 3, 3, 3, 3]);
    // T of the first two statements: sorters 1 and 3 put them together.
    assert.equal(a.similarity.matrix[0][1], 2);
    assert.equal(a.clusters.k, 2);
    assert.equal(a.mds.starts, 4);
    assert.equal(a.mds.seed, 3);
    assert.deepEqual(Object.keys(a.ratings.statements), ['importance|all', 'importance|patient', 'importance|professional', 'feasibility|all', 'feasibility|patient', 'feasibility|professional']);
    assert.equal(a.go_zone[0].x, 'importance');
    const reading = await call('researcher', 'GET', `/api/v1/studies/${study.id}/reading?k=2`);
    assert.equal(reading.status, 200);
    assert.deepEqual([reading.body.split_half.sorters_a, reading.body.split_half.sorters_b], [2, 1]);
    assert.equal(reading.body.cluster_names.length, 2);
    assert.ok(reading.body.cluster_names.every((name) => ['talk', 'wait', 'a', 'b', 'c', 'x', 'y'].includes(name)), JSON.stringify(reading.body));
    assert.equal((await call('professional.vastera', 'GET', `/api/v1/studies/${study.id}/reading`)).status, 403);
    assert.deepEqual(reading.body.named, [null, null]);
    assert.equal((await call('researcher', 'PUT', `/api/v1/studies/${study.id}/cluster-names`, { k: 2, names: ['Talking', ''] })).status, 204);
    assert.deepEqual((await call('researcher', 'GET', `/api/v1/studies/${study.id}/reading?k=2`)).body.named, ['Talking', null]);
    const wrong = await call('researcher', 'PUT', `/api/v1/studies/${study.id}/cluster-names`, { k: 2, names: ['only one'] });
    assert.equal(wrong.status, 400);
    assert.equal(wrong.body.field, '/names');
    assert.equal((await call('facilitator', 'PUT', `/api/v1/studies/${study.id}/cluster-names`, { k: 2, names: ['a', 'b'] })).status, 403);
    const cookie = await (await import('../support/covalue_server.mjs')).signIn(server.url, 'researcher', loginOf(logins, 'researcher').password);
    const xlsx = await fetch(`${server.url}/api/v1/studies/${study.id}/export.xlsx?k=2`, { headers: { cookie } });
    assert.equal(xlsx.status, 200);
    assert.equal(xlsx.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    assert.match(xlsx.headers.get('content-disposition'), /attachment; filename="study-\d+\.xlsx"/);
    assert.equal(Buffer.from(await xlsx.arrayBuffer()).toString('latin1', 0, 2), 'PK');
    assert.equal((await call('facilitator', 'GET', `/api/v1/studies/${study.id}/export.xlsx`)).status, 403);
    // Every number as CSV, the same as the analysis; the report as a PDF.
    const statementsCsv = await fetch(`${server.url}/api/v1/studies/${study.id}/export/statements.csv?k=2`, { headers: { cookie } });
    assert.equal(statementsCsv.status, 200);
    assert.match(statementsCsv.headers.get('content-type'), /^text\/csv/);
    const rows = csvObjects(await statementsCsv.text()).rows;
    assert.deepEqual(rows.map((r) => [r.id, Number(r.x), Number(r.cluster)]), a.statements.map((x) => [x.id, x.x, x.cluster]));
    const pdf = await fetch(`${server.url}/api/v1/studies/${study.id}/export/report.pdf?k=2`, { headers: { cookie } });
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    assert.equal(Buffer.from(await pdf.arrayBuffer()).toString('latin1', 0, 5), '%PDF-');
    assert.equal((await call('researcher', 'GET', `/api/v1/studies/${study.id}/export/passwords.csv`)).status, 404);
    assert.equal((await call('facilitator', 'GET', `/api/v1/studies/${study.id}/export/statements.csv`)).status, 403);

    assert.equal((await call('researcher', 'POST', `/api/v1/studies/${study.id}/stage`, { stage: 'closed' })).status, 200);
    assert.equal((await byLink(secrets[0], 'GET', '')).status, 410);
    assert.equal((await call('researcher', 'POST', `/api/v1/studies/${study.id}/stage`, { stage: 'rating' })).status, 409);
  });

  it('imports an existing study\'s files all or nothing, naming each problem by file and line', async () => {
    const study = (await call('researcher', 'POST', '/api/v1/studies', { kind: 'concept_map', title: 'Imported', focus_prompt: 'p', groups: ['patient'] })).body;
    const statements = 'id,text\n1,One\n2,Two\n3,Three\n4,Four\n';
    const refused = await call('researcher', 'POST', `/api/v1/studies/${study.id}/imports`, {
      statements,
      sorts: 'sorter_id,statement_id,pile_id\nA,1,x\nA,1,y\nA,9,x\nB,2,\n',
      ratings: 'rater_id,group,statement_id,variable,value\nR,patient,1,importance,7\n',
    });
    assert.equal(refused.status, 400);
    assert.equal(refused.body.field, 'sorts.csv:3');
    assert.match(refused.body.detail, /sorts.csv:3: sorter A already put statement 1 in pile x on line 2: a card goes in one pile; sorts.csv:4: statement 9 is not in the statements file; sorts.csv:5: the pile name is blank/);
    assert.deepEqual((await call('researcher', 'GET', `/api/v1/studies/${study.id}/statements`)).body.items, []);
    const made = await call('researcher', 'POST', `/api/v1/studies/${study.id}/imports`, {
      statements,
      sorts: 'sorter_id,statement_id,pile_id\nA,1,x\nA,2,x\nA,3,y\nB,1,p\nB,2,q\nB,4,q\n',
    });
    assert.equal(made.status, 201, JSON.stringify(made.body));
    assert.deepEqual(made.body.items.map((s) => s.text), ['One', 'Two', 'Three', 'Four']);
    const analysis = await call('researcher', 'GET', `/api/v1/studies/${study.id}/analysis?k=2`);
    assert.equal(analysis.status, 200);
    assert.equal(analysis.body.n_sorters, 2);
    assert.equal(analysis.body.similarity.matrix[0][1], 1);
    assert.equal(analysis.body.similarity.matrix[1][3], 1);
    assert.equal((await call('professional.vastera', 'POST', `/api/v1/studies/${study.id}/imports`, { statements, sorts: 'x' })).status, 403);

    // A Delphi's items and rounds, then its statistics by the covalue delphi contract.
    const delphi = (await call('researcher', 'POST', '/api/v1/studies', { kind: 'delphi', title: 'Imported Delphi', focus_prompt: 'p', groups: ['patient', 'professional'] })).body;
    const bad = await call('researcher', 'POST', `/api/v1/studies/${delphi.id}/imports`, { items: 'item_id,text\nD-01,One\n', ratings: 'round,panelist_id,group,item_id,value\n1,p1,patient,D-02,7\n' });
    assert.equal(bad.status, 400);
    assert.equal(bad.body.field, 'ratings.csv:2');
    const rows = ['round,panelist_id,group,item_id,value'];
    for (let p = 1; p <= 8; p++) rows.push(`1,p${p},${p <= 4 ? 'patient' : 'professional'},D-01,${p <= 6 ? 8 : 2}`);
    const imported = await call('researcher', 'POST', `/api/v1/studies/${delphi.id}/imports`, { items: 'item_id,text\nD-01,One\n', ratings: rows.join('\n') + '\n' });
    assert.equal(imported.status, 201, JSON.stringify(imported.body));
    const stats = await call('researcher', 'GET', `/api/v1/studies/${delphi.id}/delphi`);
    assert.equal(stats.status, 200);
    const item = stats.body.items[String(imported.body.items[0].id)].round_1;
    assert.equal(item.all.n, 8);
    assert.equal(item.all.median, 8);
    assert.equal(item.all.count_7_9, 6);
    assert.equal(item.all.percent_rule, 'no_consensus');  // 75 % high, but 25 % low
    assert.deepEqual(stats.body.groups, ['patient', 'professional']);
    const itemsCsv = await fetch(`${server.url}/api/v1/studies/${delphi.id}/export/items.csv`, { headers: { cookie: await cookieOf('researcher') } });
    assert.equal(itemsCsv.status, 200);
    const delphiRows = csvObjects(await itemsCsv.text()).rows;
    assert.deepEqual(delphiRows.map((r) => [r.group, Number(r.n), Number(r.median), r.percent_rule]), [['all', 8, 8, 'no_consensus'], ['patient', 4, 8, 'consensus_in'], ['professional', 4, 5, 'no_consensus']]);
    assert.equal((await fetch(`${server.url}/api/v1/studies/${delphi.id}/export.xlsx`, { headers: { cookie: await cookieOf('researcher') } })).status, 200);

    // The core set: only an item with consensus in a finished round, only by its researcher,
    // every bad member named; the draft keeps its provenance and is listed for everyone.
    const proposal = { round: 1, measures: [{ statement_id: imported.body.items[0].id, id: 'one', name: 'One', kind: 'proportion', quadrant: 'experience' }] };
    const unfinished = await call('researcher', 'POST', `/api/v1/studies/${delphi.id}/core-set`, proposal);
    assert.equal(unfinished.status, 409);
    assert.equal(unfinished.body.field, '/round');
    assert.equal((await call('researcher', 'POST', `/api/v1/studies/${delphi.id}/stage`, { stage: 'closed' })).status, 200);
    const without = await call('researcher', 'POST', `/api/v1/studies/${delphi.id}/core-set`, proposal);
    assert.equal(without.status, 409, 'no consensus: 25 % rated 1-3');
    assert.equal(without.body.field, '/measures/0/statement_id');
    for (const [body, field] of [
      [{ measures: proposal.measures }, '/round'],
      [{ round: 1, measures: [{ ...proposal.measures[0], id: 'Bad Id' }] }, '/measures/0/id'],
      [{ round: 1, measures: [{ ...proposal.measures[0], kind: 'average' }] }, '/measures/0/kind'],
      [{ round: 1, measures: [{ ...proposal.measures[0], extra: 1 }] }, '/measures/0/extra'],
      [{ round: 1, measures: [{ ...proposal.measures[0], statement_id: 999999 }] }, '/measures/0/statement_id'],
      [{ round: 1, measures: [] }, '/measures'],
    ]) {
      const refused = await call('researcher', 'POST', `/api/v1/studies/${delphi.id}/core-set`, body);
      assert.equal(refused.status, 400, JSON.stringify(body));
      assert.equal(refused.body.field, field, JSON.stringify(refused.body));
    }
    for (const who of ['admin', 'facilitator', 'professional.vastera']) {
      assert.equal((await call(who, 'POST', `/api/v1/studies/${delphi.id}/core-set`, proposal)).status, 403, who);
      assert.equal((await call(who, 'GET', `/api/v1/studies/${delphi.id}/core-set`)).status, 403, who);
    }
    assert.deepEqual((await call('researcher', 'GET', `/api/v1/studies/${delphi.id}/core-set`)).body.items, []);
    assert.equal((await call('admin', 'POST', '/api/v1/measures/drafts/none/adopt', { system: 'urn:x', code: 'x' })).status, 404);
  });

  it('keeps a study its researcher\'s and refuses bad input by name', async () => {
    const study = (await call('researcher', 'POST', '/api/v1/studies', { kind: 'delphi', title: 'Core set', focus_prompt: 'Rate each measure 1–9', groups: ['patient'] })).body;
    for (const who of ['admin', 'facilitator', 'professional.vastera', 'patient.vastera']) {
      assert.equal((await call(who, 'GET', `/api/v1/studies/${study.id}`)).status, 403, who);
      assert.equal((await call(who, 'POST', `/api/v1/studies/${study.id}/invitations`, { group: 'patient' })).status, 403, who);
      assert.equal((await call(who, 'GET', `/api/v1/studies/${study.id}/analysis`)).status, 403, who);
    }
    assert.equal((await call('professional.vastera', 'POST', '/api/v1/studies', { kind: 'delphi', title: 'x', focus_prompt: 'y', groups: ['g'] })).status, 403);
    const bad = async (body, field) => {
      const refused = await call('researcher', 'POST', '/api/v1/studies', body);
      assert.equal(refused.status, 400, JSON.stringify(body));
      assert.equal(refused.body.field, field);
    };
    await bad({ kind: 'survey', title: 't', focus_prompt: 'p', groups: ['g'] }, '/kind');
    await bad({ kind: 'delphi', title: '', focus_prompt: 'p', groups: ['g'] }, '/title');
    await bad({ kind: 'delphi', title: 't', focus_prompt: 'p', groups: ['all'] }, '/groups/0');
    await bad({ kind: 'concept_map', title: 't', focus_prompt: 'p', groups: ['g'], variables: [{ name: 'x', min: 5, max: 1 }] }, '/variables/0/min');
    await bad({ kind: 'delphi', title: 't', focus_prompt: 'p', groups: ['g'], extra: 1 }, '/extra');
    assert.equal((await call('researcher', 'POST', `/api/v1/studies/${study.id}/stage`, { stage: 'sorting' })).status, 409, 'not a Delphi stage');
    assert.equal((await call('researcher', 'POST', `/api/v1/studies/${study.id}/invitations`, { group: 'nobody' })).body.field, '/group');
    assert.equal((await call('researcher', 'GET', `/api/v1/studies/${study.id}/analysis`)).status, 409, 'nothing to analyse yet');
    // A link: no secret is 401, a wrong one 404, a withdrawn one 410.
    assert.equal((await byLink('', 'GET', '')).status, 401);
    assert.equal((await byLink('not-a-secret', 'GET', '')).status, 404);
    const invited = (await call('researcher', 'POST', `/api/v1/studies/${study.id}/invitations`, { group: 'patient' })).body;
    assert.equal((await call('researcher', 'DELETE', `/api/v1/studies/${study.id}/participants/${invited.id}`)).status, 204);
    assert.equal((await byLink(invited.secret, 'GET', '')).status, 410);
    // An account that takes no part finds nothing.
    assert.equal((await call('professional.vastera', 'GET', `/api/v1/studies/${study.id}/participation`)).status, 404);
    // The audit trail holds the researcher's actions.
    const trail = await call('admin', 'GET', '/api/v1/audit?limit=200');
    assert.ok(trail.body.items.some((r) => r.action === 'study.manage' && r.outcome === 'denied'), 'denials audited');
    assert.ok(trail.body.items.some((r) => r.action === 'study.create'));
  });
});
