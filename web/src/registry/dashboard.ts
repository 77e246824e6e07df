import { api, ApiError, type Dashboard, type DueQuestionnaire, type NoteKind, type PlannedVisit, type ScoreSeries } from '../api';
import { session } from '../app_state';
import { likeMeChart, scoreChart } from './score_chart';
import { svgDownload } from '../components/svg';
import { h } from '../dom';
import { formatDay, formatMonth, formatNumber, formatTime, localName, t } from '../i18n';
import { resolve } from '../router';
import { alertItem, crisisNotice } from '../alerts/alerts';
import { ownPatientId, personName } from './patients';
import { dueSection, visitsSection } from '../schedules/due';
import { titlesInLanguage } from '../questionnaires/titles';
import { coproductionCard } from './coproduction';
import { slug } from '../slug';

// The dashboard a patient and their professional look at together, before and during a visit:
// what changed since the last visit, each score over time on its reference bands (with a table
// view and an SVG download), the patient beside patients like them, the patient's own words
// and the professional's visit notes. The patient fills their questionnaires from here.


export async function dashboardView(params: Record<string, string>): Promise<HTMLElement> {
  const id = params['id'] === 'me' ? await ownPatientId() : Number(params['id']);
  const [view, visits] = await Promise.all([api.dashboard(id), api.visits(id)]);
  const own = view.patient.has_account && session.user?.memberships.every((m) => m.role === 'patient');
  const canPlan = session.user?.memberships.some((m) => (m.role === 'professional' || m.role === 'admin') && m.site_id === view.patient.site_id) ?? false;
  // What she is asked now and may answer, named in her language (each questionnaire read once).
  const due = (await api.due(id).catch(() => ({ items: [] as DueQuestionnaire[] }))).items;
  if (own) {
    const titles = await titlesInLanguage([...due.map((d) => d.questionnaire_id), ...view.questionnaires.map((q) => q.id)]);
    for (const d of due) d.title = titles.get(d.questionnaire_id) ?? d.title;
    for (const q of view.questionnaires) q.title = titles.get(q.id) ?? q.title;
  }
  const saved = new URLSearchParams(location.search).get('saved') === '1';
  const instruments = view.series.filter((s) => s.system === SCORE_SYSTEM && !isCoproduction(s));
  const variables = view.series.filter((s) => s.system !== SCORE_SYSTEM);
  const coproduction = view.series.filter(isCoproduction);
  return h(
    'section',
    { class: 'dashboard' },
    h('h1', {}, own ? t('dash.titleOwn') : t('dash.title', { identifier: view.patient.identifier })),
    !own && personName(view.patient) ? h('p', { class: 'person-name' }, personName(view.patient)) : null,
    h('p', { class: 'lede' }, t('dash.about', { population: localName({ name: view.population, names: view.population_names }), born: view.patient.birth_date, sex: t(`sex.${view.patient.sex}`) })),
    saved ? h('p', { role: 'status', class: 'notice' }, t('dash.savedForLater')) : null,
    alerts(view, own ?? false),
    overview(view, due, visits.items),
    own && due.length ? dueSection(id, due) : null,
    own ? questionnaires(id, view, due) : null,
    words(id, view, own ?? false),
    !own && (visits.items.length || canPlan) ? visitsSection(id, visits.items, canPlan) : null,
    canPlan ? namesForm(id, view.patient) : null,
    own && visits.items.length ? visitsSection(id, visits.items, false) : null,
    changes(view),
    ...instruments.map((s) => seriesSection(id, view, s)),
    answers(view),
    ...variables.map((s) => seriesSection(id, view, s)),
    await coproductionCard(coproduction.filter((s) => s.code.includes('/'))).catch(() => null),
  );
}

// The order of a visit: the instruments' scores (their totals and subscales), the registry's
// variables, then the coproduction questionnaires' subscales.
const SCORE_SYSTEM = 'urn:covalue:fhir:codesystem:score';
const isCoproduction = (s: ScoreSeries) => s.system === SCORE_SYSTEM && s.code.startsWith('coproduction-value');

// The top of the page (after any open alert, which always comes first), the whole picture at a
// glance: what matters to the person and their
// questions, each instrument's latest score and band with its change since the last visit
// (linking to its chart), open alerts, what is due and the next visit.
function overview(view: Dashboard, due: DueQuestionnaire[], visits: PlannedVisit[]): HTMLElement {
  const matters = view.notes.find((n) => n.kind === 'what_matters');
  const questions = view.notes.filter((n) => n.kind === 'visit_question');
  const shorten = (text: string) => (text.length > 160 ? `${text.slice(0, 157)}…` : text);
  const latest = view.series.filter((s) => s.system === SCORE_SYSTEM && !s.code.includes('/') && !isCoproduction(s));
  const asked = due.filter((d) => d.state === 'due' || d.state === 'overdue');
  const next = visits.filter((v) => v.at_ms >= Date.now()).sort((a, b) => a.at_ms - b.at_ms)[0];
  const row = (label: string, value: Node | string) => [h('dt', {}, label), h('dd', {}, value)];
  return h(
    'section',
    { class: 'card overview', 'aria-labelledby': 'overview-title' },
    h('h2', { id: 'overview-title' }, t('dash.overview')),
    h(
      'dl',
      { class: 'glance' },
      ...row(t('dash.whatMatters'), matters ? shorten(matters.text) : t('dash.noneYet')),
      ...row(t('dash.questions'), questions.length ? h('span', {}, t('dash.questionCount', { count: questions.length }), ' ', h('q', {}, shorten(questions[0]!.text))) : t('dash.noneYet')),
      ...row(
        t('dash.latestScores'),
        latest.length
          ? h(
              'ul',
              { class: 'scores' },
              ...latest.map((s) => {
                const last = s.points.at(-1)!;
                const delta = s.before ? last.value - s.before.value : null;
                return h(
                  'li',
                  {},
                  h('a', { href: `#series-${slug(s.code)}` }, s.display),
                  ' ',
                  h('strong', {}, formatNumber(last.value)),
                  last.band ? ` (${last.band})` : '',
                  delta !== null && delta !== 0 ? h('span', { class: 'meta' }, ` ${delta > 0 ? '▲ +' : '▼ '}${formatNumber(delta)}`) : null,
                  h('span', { class: 'meta' }, ` · ${formatDay(last.effective_ms)}`),
                );
              }),
            )
          : t('dash.noScores'),
      ),
      ...row(t('alert.open'), view.alerts.length ? h('strong', { class: 'alert-count' }, t('patients.alerts', { count: view.alerts.length })) : t('dash.none')),
      ...row(t('dash.dueNow'), asked.length ? asked.map((d) => `${d.title} (${formatDay(d.due_ms, true)})`).join(', ') : t('dash.none')),
      ...row(t('dash.nextVisit'), next ? formatTime(next.at_ms) : t('dash.none')),
    ),
  );
}

// The person's names, kept at the site (identifiable): its professionals and admins set them.
function namesForm(id: number, patient: Dashboard['patient']): HTMLElement {
  const given = h('input', { id: 'names-given', type: 'text', maxlength: 200, value: patient.given ?? '' });
  const family = h('input', { id: 'names-family', type: 'text', maxlength: 200, value: patient.family ?? '' });
  const message = h('p', { role: 'status' });
  const form = h(
    'form',
    {},
    h('div', { class: 'field' }, h('label', { for: 'names-given' }, t('dash.given')), given),
    h('div', { class: 'field' }, h('label', { for: 'names-family' }, t('dash.family')), family),
    h('button', { type: 'submit' }, t('dash.saveNames')),
    message,
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api.namePatient(id, family.value.trim(), given.value.trim());
      await resolve();
    } catch (error) {
      message.textContent = error instanceof ApiError ? error.detail : String(error);
    }
  });
  return h('details', { class: 'card names' }, h('summary', {}, t('dash.names')), form);
}

// Open alerts come first: to the patient with what to do now, to the site's professionals with
// the form that acknowledges them.
function alerts(view: Dashboard, own: boolean): HTMLElement | null {
  if (!view.alerts.length) return null;
  if (own) {
    return h('section', { class: 'card alerts-card' }, h('h2', {}, t('alert.yours')), crisisNotice(view.alerts, view.crisis_contacts));
  }
  const professional = session.user?.memberships.some((m) => m.role === 'professional' && m.site_id === view.patient.site_id) ?? false;
  return h(
    'section',
    { class: 'card alerts-card' },
    h('h2', {}, t('alert.open')),
    h('ul', { class: 'alerts' }, ...view.alerts.map((a) => alertItem(a, false, professional))),
  );
}

// Each response answer by answer: the question's text and what was answered.
function answers(view: Dashboard): HTMLElement | null {
  if (!view.responses.length) return null;
  return h(
    'section',
    { class: 'card answers' },
    h('h2', {}, t('dash.answers')),
    ...view.responses.map((r, i) =>
      h(
        'details',
        { open: i === 0 },
        h(
          'summary',
          {},
          `${r.title || r.questionnaire_id} · ${formatDay(r.authored_ms)}`,
          r.total !== null ? ` · ${t('dash.total', { total: r.total })}${r.band ? ` (${r.band})` : ''}` : '',
          r.status === 'in-progress' ? ` · ${t('dash.unfinished')}` : '',
        ),
        h(
          'dl',
          { class: 'review' },
          ...r.items.flatMap((item) => [h('dt', {}, item.text || item.link_id), h('dd', {}, item.answers.join(', ') || t('fill.unanswered'))]),
        ),
      ),
    ),
  );
}

// Every questionnaire the patient may answer; with schedules, those not asked now, apart.
function questionnaires(id: number, view: Dashboard, due: DueQuestionnaire[]): HTMLElement | null {
  const asked = new Set(due.filter((d) => d.state === 'due' || d.state === 'overdue').map((d) => d.questionnaire_id));
  const others = view.questionnaires.filter((q) => !asked.has(q.id) || q.draft_response_id);
  if (!others.length) return null;
  return h(
    'section',
    { class: 'card' },
    h('h2', {}, due.length ? t('due.others') : t('dash.questionnaires')),
    h(
      'ul',
      { class: 'questionnaires' },
      ...others.map((q) =>
        h(
          'li',
          {},
          h(
            'a',
            { class: 'button', href: `/patients/${id}/questionnaires/${encodeURIComponent(q.id)}${q.draft_response_id ? `?draft=${q.draft_response_id}` : ''}` },
            q.draft_response_id ? t('dash.continue', { title: q.title }) : t('dash.fill', { title: q.title }),
          ),
          h('span', { class: 'meta' }, q.last_completed_ms ? t('dash.lastFilled', { date: formatDay(q.last_completed_ms) }) : t('dash.neverFilled')),
        ),
      ),
    ),
  );
}

// What changed since the last visit: each series whose latest value is newer than the visit.
function changes(view: Dashboard): HTMLElement {
  const changed = view.series.filter((s) => s.before);
  const band = (b: string | null) => (b ? ` (${b})` : '');
  return h(
    'section',
    { class: 'card changes' },
    h('h2', {}, view.last_visit_ms ? t('dash.sinceVisit', { date: formatDay(view.last_visit_ms) }) : t('dash.sinceLast')),
    changed.length
      ? h(
          'ul',
          {},
          ...changed.map((s) => {
            const latest = s.points.at(-1)!;
            const delta = latest.value - s.before!.value;
            return h(
              'li',
              {},
              h('strong', {}, `${s.display}: `),
              t('dash.change', {
                from: `${formatNumber(s.before!.value)}${band(s.before!.band)}`,
                to: `${formatNumber(latest.value)}${band(latest.band)}`,
                delta: `${delta > 0 ? '+' : ''}${formatNumber(delta)}`,
                date: formatDay(latest.effective_ms),
              }),
            );
          }),
        )
      : h('p', {}, t('dash.nothingNew')),
  );
}

function seriesSection(id: number, view: Dashboard, s: ScoreSeries): HTMLElement {
  const points = s.points.map((p) => ({ at: p.effective_ms, value: p.value }));
  const latest = s.points.at(-1)!;
  const chart = scoreChart(
    s.display,
    t('dash.chartDescription', { n: s.points.length, from: formatDay(s.points[0]!.effective_ms), to: formatDay(latest.effective_ms), latest: formatNumber(latest.value) }),
    points,
    s.bands,
    formatMonth,
    view.last_visit_ms,
    t('dash.visit'),
  );
  const table = h(
    'table',
    {},
    h('caption', {}, s.display),
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('dash.date')), h('th', { scope: 'col' }, t('dash.value')), h('th', { scope: 'col' }, t('dash.band')))),
    h('tbody', {}, ...[...s.points].reverse().map((p) => h('tr', {}, h('th', { scope: 'row' }, formatTime(p.effective_ms)), h('td', {}, formatNumber(p.value)), h('td', {}, p.band ?? '–')))),
  );
  const likeMe = h('div', { class: 'like-me' });
  const compare = h('button', { type: 'button', class: 'secondary' }, t('dash.compare'));
  compare.addEventListener('click', async () => {
    compare.disabled = true;
    likeMe.replaceChildren(h('p', { role: 'status' }, t('common.loading')));
    try {
      const result = await api.likeMe(id, s.code, s.system);
      if (result.hidden) {
        likeMe.replaceChildren(h('p', { role: 'status' }, t('dash.likeMeHidden', { min: result.min_cohort })));
        return;
      }
      const cohortChart = likeMeChart(t('dash.likeMeTitle', { title: s.display }), t('dash.likeMeDescription', { n: result.cohort }), result.own, result.bands, s.bands, {
        months: t('dash.months'),
        median: t('dash.median'),
        own: t('dash.ownLine'),
      });
      likeMe.replaceChildren(
        h('figure', {}, cohortChart, h('figcaption', {}, t('dash.likeMeCaption', { n: result.cohort }))),
        h(
          'details',
          {},
          h('summary', {}, t('dash.showTable')),
          h(
            'div',
            { class: 'table-wrap', tabindex: 0 },
            h(
              'table',
              {},
              h('caption', {}, t('dash.likeMeTitle', { title: s.display })),
              h('thead', {}, h('tr', {}, ...['dash.month', 'dash.p25', 'dash.median', 'dash.p75', 'dash.people'].map((k) => h('th', { scope: 'col' }, t(k as 'dash.month'))))),
              h('tbody', {}, ...result.bands.map((b) => h('tr', {}, h('th', { scope: 'row' }, String(b.month)), h('td', {}, String(b.p25)), h('td', {}, String(b.median)), h('td', {}, String(b.p75)), h('td', {}, String(b.n))))),
            ),
          ),
        ),
      );
    } catch (error) {
      compare.disabled = false;
      likeMe.replaceChildren(h('p', { role: 'alert' }, error instanceof ApiError ? error.detail : String(error)));
    }
  });
  return h(
    'section',
    { class: 'card series', id: `series-${slug(s.code)}` },
    h('h2', {}, s.display),
    h('p', { class: 'latest' }, t('dash.latest', { value: formatNumber(latest.value), date: formatDay(latest.effective_ms) }), latest.band ? h('strong', {}, ` ${latest.band}`) : null),
    h('figure', {}, chart, h('figcaption', {}, svgDownload(chart, `${slug(s.code)}.svg`, t('passport.downloadSvg')))),
    h('details', {}, h('summary', {}, t('dash.showTable')), h('div', { class: 'table-wrap', tabindex: 0 }, table)),
    compare,
    likeMe,
  );
}

// "What matters to me" (the newest), the questions for the visit and the visit notes, each with
// a form for whose words they are.
function words(id: number, view: Dashboard, own: boolean): HTMLElement {
  const byKind = (kind: NoteKind) => view.notes.filter((n) => n.kind === kind);
  const professional = session.user?.memberships.some((m) => m.role === 'professional' && m.site_id === view.patient.site_id) ?? false;
  const matters = byKind('what_matters')[0];
  const list = (kind: NoteKind) => {
    const notes = byKind(kind);
    return notes.length
      ? h('ul', { class: 'notes' }, ...notes.map((n) => h('li', {}, h('p', {}, n.text), h('p', { class: 'meta' }, `${n.author} · ${formatTime(n.created_ms)}`))))
      : h('p', {}, t('dash.noneYet'));
  };
  return h(
    'div',
    { class: 'words' },
    h(
      'section',
      { class: 'card' },
      h('h2', {}, t('dash.whatMatters')),
      matters ? h('blockquote', {}, matters.text) : h('p', {}, t('dash.noneYet')),
      own ? noteForm(id, 'what_matters', t('dash.whatMattersLabel'), matters?.text ?? '') : null,
    ),
    h('section', { class: 'card' }, h('h2', {}, t('dash.questions')), list('visit_question'), own ? noteForm(id, 'visit_question', t('dash.questionLabel'), '') : null),
    h('section', { class: 'card' }, h('h2', {}, t('dash.visitNotes')), list('visit_note'), professional ? noteForm(id, 'visit_note', t('dash.visitNoteLabel'), '') : null),
  );
}

function noteForm(id: number, kind: NoteKind, label: string, initial: string): HTMLElement {
  const field = h('textarea', { id: `note-${kind}`, rows: 3, maxlength: 2000 });
  field.value = initial;
  const message = h('p', { role: 'status' });
  const form = h('form', {}, h('div', { class: 'field' }, h('label', { for: `note-${kind}` }, label), field), h('button', { type: 'submit' }, t('dash.save')), message);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    try {
      await api.addNote(id, kind, field.value);
      message.textContent = t('dash.savedNote');
      await resolve();
    } catch (error) {
      message.textContent = error instanceof ApiError ? error.detail : String(error);
    }
  });
  return form;
}
