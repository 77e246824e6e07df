import { api, type Guide, type Team, type Workbook } from '../api';
import { h } from '../dom';
import { formatDay, localName, t } from '../i18n';
import type { Names } from '../shell/names';

// For the facilitator: every team's place along the learning cycle's steps (its newest workbook
// of a full guide: each step's status, the step it is at) and its latest shared passport. A team
// whose workbooks the reader may not read is said to have shared nothing, not shown as an error.

interface Progress {
  team: Team;
  workbook: Workbook | null; // the newest full-guide workbook, read whole (its steps' statuses)
  passport: Workbook | null; // the newest shared passport
  readable: boolean;
}

// A listed workbook carries its position; its steps and their statuses come with the workbook
// itself, which a facilitator reads (its text only once shared).
async function progressOf(team: Team, kinds: Map<string, Guide['kind']>): Promise<Progress> {
  try {
    const workbooks = (await api.teamWorkbooks(team.id)).items.sort((a, b) => b.created_ms - a.created_ms);
    const listed = workbooks.find((w) => kinds.get(w.guide_id) === 'full') ?? null;
    return {
      team,
      workbook: listed ? await api.workbook(listed.id).catch(() => null) : null,
      passport: workbooks.find((w) => kinds.get(w.guide_id) === 'passport' && w.shared) ?? null,
      readable: true,
    };
  } catch {
    return { team, workbook: null, passport: null, readable: false };
  }
}

function steps(w: Workbook): HTMLElement {
  const done = w.steps.filter((s) => s.status === 'done').length;
  const at = Math.max(0, w.steps.findIndex((s) => s.link_id === w.position)) + 1;
  return h(
    'div',
    { class: 'progress' },
    h(
      'ol',
      { class: 'step-bar', 'aria-hidden': 'true' },
      ...w.steps.map((s, i) => h('li', { class: `step-${s.status}${i + 1 === at ? ' at' : ''}`, title: t(`progress.${s.status}`) })),
    ),
    h('span', {}, t('progress.summary', { done, total: w.steps.length, at })),
  );
}

export async function teamProgress(teams: Team[], names: Names): Promise<HTMLElement> {
  const kinds = new Map((await api.guides()).items.map((g) => [g.id, g.kind]));
  const rows = await Promise.all(teams.map((team) => progressOf(team, kinds)));
  return h(
    'section',
    { class: 'team-progress' },
    h('h2', {}, t('progress.title')),
    h(
      'div',
      { class: 'table-wrap', tabindex: 0 },
      h(
        'table',
        {},
        h('caption', {}, t('progress.caption')),
        h('thead', {}, h('tr', {}, ...(['progress.team', 'team.site', 'progress.steps', 'progress.passport'] as const).map((k) => h('th', { scope: 'col' }, t(k))))),
        h(
          'tbody',
          {},
          ...rows.map((r) =>
            h(
              'tr',
              {},
              h('th', { scope: 'row' }, h('a', { href: `/teams/${r.team.id}` }, localName(r.team))),
              h('td', {}, names.site(r.team.site_id)),
              h('td', {}, r.workbook ? steps(r.workbook) : r.readable ? t('progress.notStarted') : t('progress.notShared')),
              h('td', {}, r.passport ? h('a', { href: `/workbooks/${r.passport.id}` }, t('progress.passportOf', { date: formatDay(r.passport.created_ms) })) : t('progress.notShared')),
            ),
          ),
        ),
      ),
    ),
  );
}
