import { api, type DelphiSummary, type MeasureDraft, type Study, type StudyStatement } from '../api';
import { field, onSubmit, select } from '../components/form';
import { h } from '../dom';
import { formatNumber, t } from '../i18n';
import { MEASURE_KINDS, QUADRANTS, VALUE_DOMAINS } from '../measures/calls';
import { resolve } from '../router';

// A Delphi's core set: the items that reached consensus in the last finished round (the percent
// rule's consensus_in over every panelist: at least 70 % rating 7–9, at most 15 % rating 1–3),
// each described by the researcher as a measure (id, name, kind, direction, compass quadrant,
// value domain) and proposed as a draft measure that keeps its provenance; the community's
// admin later adopts it by choosing the observations it is computed from.


// A measure id (a-z, 0-9 and '-', at most 40) from an item's text.
function slug(text: string, fallback: string): string {
  const made = text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, 40)
    .replace(/^-+|-+$/g, '');
  return made || fallback;
}

// The last round whose results can no longer change: the one before the open round, or the
// last when the study is closed; 0 when none.
export function finishedRound(study: Study): number {
  return study.stage === 'closed' ? study.round : Math.max(0, study.round - 1);
}

function draftsTable(drafts: MeasureDraft[]): HTMLElement {
  return h(
    'table',
    {},
    h(
      'thead',
      {},
      h('tr', {}, ...['coreSet.id', 'coreSet.name', 'coreSet.kind', 'coreSet.quadrant', 'coreSet.provenance', 'coreSet.state'].map((key) => h('th', { scope: 'col' }, t(key as 'coreSet.id')))),
    ),
    h(
      'tbody',
      {},
      ...drafts.map((d) =>
        h(
          'tr',
          {},
          h('td', {}, h('code', {}, d.id)),
          h('th', { scope: 'row' }, d.name),
          h('td', {}, t(`workshop.kind.${d.kind}` as 'workshop.kind.proportion')),
          h('td', {}, t(`measures.quadrant.${d.quadrant}` as 'measures.quadrant.clinical')),
          h('td', {}, t('coreSet.from', { round: d.provenance.round, median: formatNumber(d.provenance.median), pct: formatNumber(d.provenance.pct_7_9), n: d.provenance.n })),
          h('td', {}, d.adopted ? t('coreSet.adopted') : t('coreSet.draft')),
        ),
      ),
    ),
  );
}

export async function coreSetSection(study: Study, results: DelphiSummary, items: StudyStatement[]): Promise<HTMLElement> {
  const section = h('section', { class: 'card', 'aria-labelledby': 'core-set' }, h('h2', { id: 'core-set' }, t('coreSet.title')), h('p', {}, t('coreSet.rule')));
  const drafts = (await api.coreSet(study.id)).items;
  if (drafts.length) section.append(draftsTable(drafts));
  const round = finishedRound(study);
  if (!round) {
    section.append(h('p', {}, t('coreSet.noFinishedRound')));
    return section;
  }
  const drafted = new Set(drafts.map((d) => d.provenance.statement_id));
  const candidates = items.filter((s) => !drafted.has(s.id) && results.items[String(s.id)]?.[`round_${round}`]?.all.percent_rule === 'consensus_in');
  if (!candidates.length) {
    section.append(h('p', {}, t('coreSet.none', { round })));
    return section;
  }
  const rows = candidates.map((s) => {
    const key = `core-${s.id}`;
    const chosen = h('input', { type: 'checkbox', id: `${key}-chosen`, checked: true });
    const id = h('input', { id: `${key}-id`, required: true, pattern: '[a-z0-9][a-z0-9\\-]{0,39}', value: slug(s.text, `item-${s.id}`) });
    const name = h('input', { id: `${key}-name`, required: true, maxlength: 200, value: s.text.slice(0, 200) });
    const kind = select(`${key}-kind`, 'kind', MEASURE_KINDS.map((k) => [k, t(`workshop.kind.${k}` as 'workshop.kind.proportion')]), 'proportion');
    const direction = select(`${key}-direction`, 'direction', [['higher', t('measures.direction.higher')], ['lower', t('measures.direction.lower')]], 'higher');
    const quadrant = select(`${key}-quadrant`, 'quadrant', QUADRANTS.map((q) => [q, t(`measures.quadrant.${q}` as 'measures.quadrant.clinical')]), 'experience');
    const domain = select(`${key}-domain`, 'domain', [['', t('coreSet.noDomain')], ...VALUE_DOMAINS.map((d): [string, string] => [d, t(`value.domain.${d}` as 'value.domain.access')])]);
    const fieldset = h(
      'fieldset',
      {},
      h('legend', {}, s.text),
      h('div', { class: 'field' }, h('label', {}, chosen, ' ', t('coreSet.choose'))),
      field(t('coreSet.id'), id),
      field(t('coreSet.name'), name),
      field(t('coreSet.kind'), kind),
      field(t('workshop.direction'), direction),
      field(t('coreSet.quadrant'), quadrant),
      field(t('coreSet.domain'), domain),
    );
    return { fieldset, read: () => (chosen.checked ? { statement_id: s.id, id: id.value, name: name.value, kind: kind.value as MeasureDraft['kind'], direction: direction.value as MeasureDraft['direction'], quadrant: quadrant.value as MeasureDraft['quadrant'], ...(domain.value ? { domain: domain.value } : {}) } : null) };
  });
  const form = h('form', {}, h('h3', {}, t('coreSet.candidates', { round, count: candidates.length })), ...rows.map((r) => r.fieldset), h('button', { type: 'submit' }, t('coreSet.propose')));
  onSubmit(form, async () => {
    const measures = rows.map((r) => r.read()).filter((m) => m !== null);
    const made = await api.proposeCoreSet(study.id, round, measures);
    await resolve();
    document.querySelector('main p[role=status]')!.textContent = t('coreSet.proposed', { count: made.items.length });
  });
  section.append(form);
  return section;
}
