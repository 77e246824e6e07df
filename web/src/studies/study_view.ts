import { api, ApiError, type Study, type StudyStage, type StudyStatement } from '../api';
import { field, onSubmit, select } from '../components/form';
import { h } from '../dom';
import { formatNumber, t } from '../i18n';
import { resolve } from '../router';
import { coreSetSection } from './core_set';
import { importSection } from './study_import';

// A researcher's study: its stage and the next ones to open, invitations and each
// participant's progress (pseudonyms only when anonymous), the statements (added, edited and
// merged before sorting), and the live analysis with its maps, k chosen beside its hints.

const NEXT: Record<string, StudyStage[]> = {
  'concept_map:draft': ['brainstorming', 'sorting', 'rating', 'closed'],
  'concept_map:brainstorming': ['sorting', 'rating', 'closed'],
  'concept_map:sorting': ['rating', 'closed'],
  'concept_map:rating': ['closed'],
  'delphi:draft': ['rounds', 'closed'],
  'delphi:rounds': ['rounds', 'closed'],
};

const stageName = (stage: StudyStage) => t(`studies.stage.${stage}` as 'studies.stage.draft');

export async function studyView(params: Record<string, string>): Promise<HTMLElement> {
  const id = Number(params.id);
  const k = new URLSearchParams(location.search).get('k');
  const [study, progress, statements] = await Promise.all([api.study(id), api.progress(id), api.studyStatements(id)]);
  const message = h('p', { role: 'status' });
  const failed = (error: unknown) => (message.textContent = error instanceof ApiError ? error.detail : String(error));

  const stages = h(
    'p',
    {},
    `${t('studies.stage')}: `,
    h('strong', {}, stageName(study.stage)),
    ...(NEXT[`${study.kind}:${study.stage}`] ?? []).map((stage) => {
      const button = h('button', { type: 'button', class: 'secondary' }, t('studies.open', { stage: stageName(stage) }));
      button.addEventListener('click', async () => {
        try {
          const moved = await api.moveStage(id, stage);
          await resolve();
          document.querySelector('main p[role=status]')!.textContent = t('studies.opened', { stage: stageName(moved.stage) });
        } catch (error) {
          failed(error);
        }
      });
      return [' ', button];
    }).flat(),
  );

  // Invitations: a personal link shown once.
  const group = select('invite-group', 'group', study.groups.map((g) => [g, g]));
  const link = h('input', { id: 'invite-link', type: 'text', readonly: true, hidden: true });
  const linkLabel = h('label', { for: 'invite-link', hidden: true }, t('studies.link.label'));
  const invite = h('form', { class: 'card' }, h('h2', {}, t('studies.invite')), field(t('studies.inviteGroup'), group), h('div', { class: 'field' }, linkLabel, link), h('button', { type: 'submit' }, t('studies.invite')));
  onSubmit(invite, async () => {
    const made = await api.invite(id, group.value);
    link.value = new URL(made.path ?? '', location.origin).href;
    link.hidden = false;
    linkLabel.hidden = false;
    link.select();
    message.textContent = t('studies.invited');
  });

  const yesNo = (b: boolean) => (b ? t('studies.yes') : t('studies.no'));
  const participants = progress.items.length
    ? h(
        'table',
        {},
        h('thead', {}, h('tr', {}, ...['name', 'group', 'consented', 'brainstormed', 'sorted', 'rated'].map((c) => h('th', { scope: 'col' }, t(`studies.progress.${c}` as 'studies.progress.name'))), h('td', {}))),
        h(
          'tbody',
          {},
          ...progress.items.map((p) => {
            const withdraw = h('button', { type: 'button', class: 'secondary' }, t('studies.withdraw'));
            withdraw.addEventListener('click', async () => {
              try {
                await api.withdraw(id, p.id);
                await resolve();
              } catch (error) {
                failed(error);
              }
            });
            return h(
              'tr',
              {},
              h('th', { scope: 'row' }, p.name, p.revoked ? ` (${t('studies.progress.withdrawn')})` : ''),
              h('td', {}, p.group),
              h('td', {}, yesNo(p.consented)),
              h('td', {}, formatNumber(p.brainstormed)),
              h('td', {}, formatNumber(p.sorted)),
              h('td', {}, formatNumber(p.rated)),
              h('td', {}, p.revoked ? '' : withdraw),
            );
          }),
        ),
      )
    : h('p', {}, t('studies.noParticipants'));

  return h(
    'section',
    {},
    h('h1', {}, study.title),
    h('p', {}, study.focus_prompt),
    stages,
    message,
    h('h2', {}, t('studies.participants')),
    participants,
    study.stage === 'closed' ? null : invite,
    statementsSection(id, study.stage, statements.items, failed),
    study.stage === 'draft' && !statements.items.length ? importSection(study) : null,
    study.kind === 'concept_map' ? await analysisSection(id, k) : await delphiSection(study, statements.items),
  );
}

// A Delphi: its items seeded from a concept map's go-zone (in draft), each item's result per
// round (median, RAND/UCLA class, percent rule; README "Research analyses" states the rules),
// and its core set (core_set.ts).
async function delphiSection(study: Study, items: StudyStatement[]): Promise<HTMLElement> {
  const { id, stage } = study;
  const section = h('section', { class: 'card' }, h('h2', {}, t('delphi.results')));
  if (stage === 'draft') {
    const maps = (await api.studies()).items.filter((s) => s.runs && s.kind === 'concept_map');
    const from = select('seed-from', 'concept_map_id', maps.map((m) => [String(m.id), m.title]));
    const seed = h('form', {}, h('h3', {}, t('delphi.seed')), field(t('delphi.seedFrom'), from), h('button', { type: 'submit' }, t('delphi.seed')));
    onSubmit(seed, async () => {
      const made = await api.seedFromConceptMap(id, Number(from.value));
      await resolve();
      document.querySelector('main p[role=status]')!.textContent = t('delphi.seeded', { count: made.items.length });
    });
    if (maps.length) section.append(seed);
  }
  const results = await api.delphi(id);
  if (!results.rounds.length) {
    section.append(h('p', {}, t('delphi.noRatings')));
    return section;
  }
  section.append(downloads(id, '', ['items', 'stability', 'conventions']));
  const text = new Map(items.map((s) => [String(s.id), s.text]));
  section.append(
    h(
      'table',
      {},
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('delphi.item')), ...results.rounds.map((r) => h('th', { scope: 'col' }, t('delphi.roundShort', { round: r }))))),
      h(
        'tbody',
        {},
        ...Object.entries(results.items).map(([item, rounds]) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, text.get(item) ?? item),
            ...results.rounds.map((r) => {
              const all = rounds[`round_${r}`]?.all;
              return h('td', {}, all && all.n ? t('delphi.classification', { median: formatNumber(all.median ?? 0), class: all.rand_classification ?? '', rule: all.percent_rule ?? '', n: all.n }) : '–');
            }),
          ),
        ),
      ),
    ),
  );
  const comments = (await api.delphiComments(id)).items;
  if (comments.length) {
    section.append(
      h('h3', {}, t('delphi.comments')),
      ...items
        .filter((s) => comments.some((c) => c.statement_id === s.id))
        .map((s) =>
          h(
            'details',
            {},
            h('summary', {}, s.text),
            h('ul', {}, ...comments.filter((c) => c.statement_id === s.id).map((c) => h('li', {}, t('delphi.commentLine', { round: c.round, who: c.pseudonym, text: c.text })))),
          ),
        ),
    );
  }
  return h('div', {}, section, await coreSetSection(study, results, items));
}

// The study's files: the workbook, each sheet as CSV and the PDF report (query: the analysis's
// k, for a concept map).
function downloads(id: number, query: string, sheets: string[]): HTMLElement {
  const link = (file: string, label: string) => h('a', { href: `/api/v1/studies/${id}/${file}${query}`, download: true }, label);
  return h(
    'p',
    {},
    link('export.xlsx', t('studies.xlsx')),
    ' · ',
    link('export/report.pdf', t('studies.report')),
    ' · ',
    t('studies.csv'),
    ' ',
    ...sheets.flatMap((s, i) => [i ? ', ' : '', link(`export/${s}.csv`, `${s}.csv`)]),
  );
}

function statementsSection(id: number, stage: StudyStage, statements: StudyStatement[], failed: (e: unknown) => void): HTMLElement {
  const editable = stage === 'draft' || stage === 'brainstorming';
  const standing = statements.filter((s) => s.merged_into === null);
  const rows = statements.map((s) => {
    const merge = h('select', { id: `merge-${s.id}`, 'aria-label': `${t('studies.mergeInto')} ${s.text}` }, h('option', { value: '' }, '—'), ...standing.filter((o) => o.id !== s.id).map((o) => h('option', { value: String(o.id) }, `${o.id}: ${o.text}`)));
    const button = h('button', { type: 'button', class: 'secondary' }, t('studies.merge'));
    button.addEventListener('click', async () => {
      if (!merge.value) return;
      try {
        await api.mergeStatement(id, s.id, Number(merge.value));
        await resolve();
      } catch (error) {
        failed(error);
      }
    });
    return h('li', {}, `${s.id}: ${s.text}`, s.merged_into !== null ? ` (${t('studies.mergedInto', { id: s.merged_into })})` : '', editable && s.merged_into === null ? h('span', {}, ' ', merge, ' ', button) : null);
  });
  const text = h('input', { id: 'statement-text', name: 'text', maxlength: 500, required: true });
  const add = h('form', {}, field(t('studies.statementText'), text), h('button', { type: 'submit' }, t('studies.add')));
  onSubmit(add, async () => {
    await api.addStatement(id, text.value);
    await resolve();
  });
  return h('section', { class: 'card' }, h('h2', {}, t('studies.statements')), rows.length ? h('ol', { class: 'statements' }, ...rows) : h('p', {}, t('studies.noStatements')), editable ? add : null);
}

async function analysisSection(id: number, k: string | null): Promise<HTMLElement> {
  const section = h('section', { class: 'card', 'aria-labelledby': 'analysis-title' }, h('h2', { id: 'analysis-title' }, t('studies.analysis')));
  let analysis;
  try {
    analysis = await api.analysis(id, k ? Number(k) : undefined);
  } catch (error) {
    if (error instanceof ApiError && error.status === 409) {
      section.append(h('p', {}, t('studies.analysisNone')));
      return section;
    }
    throw error;
  }
  const choose = h('select', { id: 'cluster-k', name: 'k' }, ...Array.from({ length: Math.min(30, analysis.n_statements - 1) - 1 }, (_, i) => i + 2).map((n) => h('option', { value: String(n), selected: n === analysis.clusters.k }, String(n))));
  choose.addEventListener('change', () => {
    history.replaceState(null, '', `${location.pathname}?k=${choose.value}`);
    void resolve();
  });
  const reading = await api.reading(id, analysis.clusters.k);
  const half = reading.split_half;
  const inputs = reading.cluster_names.map((suggested, c) =>
    h('input', { id: `cluster-name-${c + 1}`, name: `names/${c}`, maxlength: 100, value: reading.named[c] ?? suggested ?? '' }),
  );
  const names = h(
    'form',
    { class: 'cluster-names' },
    h(
      'ol',
      {},
      ...reading.cluster_names.map((suggested, c) =>
        h(
          'li',
          {},
          h('label', { for: `cluster-name-${c + 1}` }, t('studies.clusterName', { n: c + 1, name: suggested ?? '–', bridging: formatNumber(analysis.clusters.bridging[c] ?? 0, 2) })),
          ' ',
          inputs[c]!,
        ),
      ),
    ),
    h('button', { type: 'submit' }, t('studies.saveNames')),
  );
  onSubmit(names, async () => {
    await api.nameClusters(id, analysis.clusters.k, inputs.map((i) => i.value.trim()));
    names.querySelector('[role=alert]')!.textContent = t('studies.namesSaved');
  });
  const go = analysis.go_zone.find((z) => z.group === 'all');
  const inGo = go ? Object.values(go.quadrant).filter((q) => q === 'go').length : 0;
  section.append(
    h('p', {}, t('studies.analysisSummary', { statements: analysis.n_statements, sorters: analysis.n_sorters, raters: analysis.n_raters, stress: formatNumber(analysis.mds.stress1, 3) })),
    field(t('studies.clusters'), choose, t('studies.hints', { silhouette: analysis.clusters.k_best_silhouette, wss: analysis.clusters.k_wss_rule })),
    h('p', {}, half.r === null ? t('studies.reliabilityNone') : t('studies.reliability', { r: formatNumber(half.r, 2), sb: formatNumber(half.spearman_brown ?? 0, 2), a: half.sorters_a, b: half.sorters_b })),
    h('h3', {}, t('studies.clusterNames')),
    names,
    ...(go ? [h('p', {}, t('studies.goZone', { count: inGo }))] : []),
    h('p', { class: 'meta' }, t('studies.bridgingDefined')),
    downloads(id, `?k=${analysis.clusters.k}`, ['statements', 'clusters', 'similarity', 'hints', 'go-zone', 'pattern-matches', 'conventions']),
    h('img', { src: `/api/v1/studies/${id}/maps.svg?k=${analysis.clusters.k}`, alt: t('studies.maps'), class: 'maps', width: 720 }),
  );
  return section;
}
