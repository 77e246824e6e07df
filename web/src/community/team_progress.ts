import { api, type Guide, type Team, type Workbook } from '../api';
import { h } from '../dom';
import { formatDay, t } from '../i18n';
import type { Names } from '../shell/names';

// For the facilitator: every team's place along the learning cycle's steps (its newest workbook
// of a full guide: each step's status, the step it is at) and its latest shared passport. A team
// whose workbooks the reader may not read is said to have shared nothing, not shown as an error.

interface Progress {
  team: Team;
  workbook: Workbook | null; // the newest full-guide workbook
  passport: Workbook | null; // the newest shared passport
  readable: boolean;
}

// A listed workbook carries its position; its steps' statuses come with the workbook itself,
// read where the reader may (else every step before the position counts as not known).
async function progressOf(team: Team, guides: Map<string, Guide>): Promise<Progress> {
  try {
    const workbooks = (await api.teamWorkbooks(team.id)).items.sort((a, b) => b.created_ms - a.created_ms);
    const listed = workbooks.find((w) => guides.get(w.guide_id)?.kind === 'full') ?? null;
    return {
      team,
      workbook: listed ? await api.workbook(listed.id).catch(() => listed) : null,
      passport: workbooks.find((w) => guides.get(w.guide_id)?.kind === 'passport' && w.shared) ?? null,
      readable: true,
    };
  } catch {
    return { team, workbook: null, passport: null, readable: false };
  }
}

function steps(w: Workbook, guide: Guide): HTMLElement {
  const status = new Map((w.steps ?? []).map((s) => [s.link_id, s.status]));
  const links = guide.items.filter((item) => item.step !== undefined).map((item) => item.link_id);
  const done = links.filter((link) => status.get(link) === 'done').length;
  const at = Math.max(0, links.indexOf(w.position)) + 1;
  return h(
    'div',
    { class: 'progress' },
    h(
      'ol',
      { class: 'step-bar', 'aria-hidden': 'true' },
      ...links.map((link, i) => {
        const state = status.get(link) ?? 'not_started';
        return h('li', { class: `step-${state}${i + 1 === at ? ' at' : ''}`, title: t(`progress.${state}`) });
      }),
    ),
    h('span', {}, t('progress.summary', { done, total: links.length, at })),
  );
}

export async function teamProgress(teams: Team[], names: Names): Promise<HTMLElement> {
  const guides = new Map((await api.guides()).items.map((g) => [g.id, g]));
  const rows = await Promise.all(teams.map((team) => progressOf(team, guides)));
  // The list of guides names them; their steps come with each guide itself.
  const used = [...new Set(rows.flatMap((r) => (r.workbook ? [r.workbook.guide_id] : [])))];
  for (const guide of await Promise.all(used.map((id) => api.guide(id)))) guides.set(guide.id, guide);
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
              h('th', { scope: 'row' }, h('a', { href: `/teams/${r.team.id}` }, r.team.name)),
              h('td', {}, names.site(r.team.site_id)),
              h('td', {}, r.workbook ? steps(r.workbook, guides.get(r.workbook.guide_id)!) : r.readable ? t('progress.notStarted') : t('progress.notShared')),
              h('td', {}, r.passport ? h('a', { href: `/workbooks/${r.passport.id}` }, t('progress.passportOf', { date: formatDay(r.passport.created_ms) })) : t('progress.notShared')),
            ),
          ),
        ),
      ),
    ),
  );
}
