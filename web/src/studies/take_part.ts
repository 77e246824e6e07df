import { api, ApiError, type Card, type Participation, type Rating, type StudyWorkspace } from '../api';
import { field, onSubmit } from '../components/form';
import { h } from '../dom';
import { formatNumber, t } from '../i18n';
import { savesInOrder } from './saves_in_order';

// A participant's page, phone-first: consent first, then the stage that is open (brainstorming,
// sorting, rating). Every change is saved at once, so the same link (or account) resumes on any
// device. Sorting works by dragging a card's handle onto a pile (mouse or touch) and, with no
// dragging at all, by choosing each card's pile from the list under it (keyboard and screen
// readers); a pile is created by naming it.

// /join#SECRET: the invitation's secret rides in the fragment, which is never sent to a server.
export async function joinView(): Promise<HTMLElement> {
  const secret = location.hash.slice(1);
  if (!secret) return h('section', {}, h('h1', {}, t('join.noLink')));
  return participantPage({ secret });
}

// /studies/:id/take-part: a participant with an account.
export async function takePartView(params: Record<string, string>): Promise<HTMLElement> {
  return participantPage({ studyId: Number(params.id) });
}

async function participantPage(who: Participation): Promise<HTMLElement> {
  const page = h('section', { class: 'take-part' });
  let workspace: StudyWorkspace;
  try {
    workspace = await api.workspace(who);
  } catch (error) {
    if (error instanceof ApiError && (error.status === 404 || error.status === 401)) return h('section', {}, h('h1', {}, t('join.invalid')));
    if (error instanceof ApiError && error.status === 410) return h('section', {}, h('h1', {}, t('join.gone')));
    throw error;
  }
  const render = async () => {
    workspace = await api.workspace(who);
    page.replaceChildren(...content(workspace, who, render));
    page.querySelector<HTMLElement>('h2')?.focus();
  };
  page.append(...content(workspace, who, render));
  return page;
}

function content(w: StudyWorkspace, who: Participation, rerender: () => Promise<void>): HTMLElement[] {
  const heading = h('h1', {}, t('join.title', { title: w.study.title }));
  const prompt = h('p', { class: 'prompt' }, w.study.focus_prompt);
  if (w.participant.consented_ms === null) {
    const agree = h('button', { type: 'button' }, t('join.consent.agree'));
    agree.addEventListener('click', async () => {
      await api.consent(who);
      await rerender();
    });
    return [heading, prompt, h('section', { class: 'card' }, h('h2', { tabindex: '-1' }, t('join.consent.title')), h('p', {}, t('join.consent.text', { pseudonym: w.participant.pseudonym })), agree)];
  }
  switch (w.study.stage) {
    case 'brainstorming':
      return [heading, prompt, brainstorm(w, who, rerender)];
    case 'sorting':
      return [heading, sorting(w, who)];
    case 'rating':
      return [heading, rating(w, who)];
    case 'rounds':
      return [heading, prompt, delphiRound(w, who)];
    default:
      return [heading, prompt, h('p', {}, t('join.stage.draft'))];
  }
}

function brainstorm(w: StudyWorkspace, who: Participation, rerender: () => Promise<void>): HTMLElement {
  const text = h('textarea', { id: 'brainstorm-text', name: 'text', rows: 3, maxlength: 500, required: true });
  const form = h('form', {}, field(t('join.brainstorm.text'), text), h('button', { type: 'submit' }, t('join.brainstorm.add')));
  onSubmit(form, async () => {
    await api.propose(who, text.value);
    await rerender();
  });
  const own = w.statements.filter((s) => s.own);
  return h('section', { class: 'card' }, h('h2', { tabindex: '-1' }, t('join.brainstorm.title')), form, own.length ? h('h3', {}, t('join.brainstorm.yours')) : null, own.length ? h('ul', {}, ...own.map((s) => h('li', {}, s.text))) : null);
}

function sorting(w: StudyWorkspace, who: Participation): HTMLElement {
  const pileOf = new Map<number, string>(w.sort.map((c) => [c.statement_id, c.pile]));
  const piles: string[] = [...new Set(w.sort.map((c) => c.pile))];
  const status = h('p', { role: 'status', class: 'saved' });
  const board = h('div', { class: 'piles' });

  const inOrder = savesInOrder(status);
  // The piles as they are when this save's turn comes, so a run of quick moves ends in the last.
  const save = () => inOrder(() => api.saveSort(who, [...pileOf].map(([statement_id, pile]): Card => ({ statement_id, pile }))));
  const move = async (statement: number, pile: string, focus = false) => {
    if (pile) pileOf.set(statement, pile);
    else pileOf.delete(statement);
    draw();
    if (focus) board.querySelector<HTMLElement>(`[data-card="${statement}"] select`)?.focus();
    await save();
  };

  const cardOf = (s: { id: number; text: string }) => {
    const choose = h(
      'select',
      { 'aria-label': t('join.sort.pileOf', { text: s.text }) },
      h('option', { value: '' }, t('join.sort.none')),
      ...piles.map((p) => h('option', { value: p, selected: pileOf.get(s.id) === p }, p)),
    );
    choose.addEventListener('change', () => void move(s.id, choose.value, true));
    const handle = h('span', { class: 'drag-handle', 'aria-hidden': 'true' }, '⠿');
    const card = h('li', { class: 'sort-card', 'data-card': String(s.id) }, handle, h('span', { class: 'card-text' }, s.text), choose);
    dragWith(handle, card, (target) => {
      const pile = target?.closest<HTMLElement>('[data-pile]')?.dataset.pile;
      if (pile !== undefined) void move(s.id, pile);
    });
    return card;
  };

  const pileBox = (name: string) => {
    const cards = w.statements.filter((s) => (pileOf.get(s.id) ?? '') === name);
    return h(
      'section',
      { class: name ? 'pile' : 'pile unsorted', 'data-pile': name, 'aria-label': name || t('join.sort.unsorted') },
      h('h3', {}, name || t('join.sort.unsorted'), ' ', h('span', { class: 'meta' }, t('join.sort.cards', { count: cards.length }))),
      h('ul', {}, ...cards.map(cardOf)),
    );
  };

  // On a phone the piles may lie far below a card: a bar of the piles stays in view at the top,
  // and a card dropped on a pile's name there goes to that pile.
  const bar = h('div', { class: 'pile-bar', 'aria-hidden': 'true' });
  const draw = () => {
    bar.replaceChildren(...piles.map((p) => h('span', { class: 'pile-chip', 'data-pile': p }, `${p} (${w.statements.filter((s) => pileOf.get(s.id) === p).length})`)));
    bar.hidden = piles.length === 0;
    board.replaceChildren(pileBox(''), ...piles.map(pileBox));
  };

  const name = h('input', { id: 'new-pile', name: 'pile', maxlength: 100 });
  const addPile = h('form', { class: 'new-pile' }, field(t('join.sort.newPile'), name), h('button', { type: 'submit' }, t('join.sort.addPile')));
  addPile.addEventListener('submit', (event) => {
    event.preventDefault();
    const pile = name.value.trim();
    if (pile && !piles.includes(pile)) piles.push(pile);
    name.value = '';
    draw();
  });
  draw();
  return h('section', {}, h('h2', { tabindex: '-1' }, t('join.sort.title')), h('p', {}, t('join.sort.intro')), addPile, status, bar, board);
}

// Drags card by its handle with pointer events (mouse, pen and touch alike); on release, drop
// gets the element under the pointer.
function dragWith(handle: HTMLElement, card: HTMLElement, drop: (target: HTMLElement | null) => void): void {
  handle.addEventListener('pointerdown', (start: PointerEvent) => {
    start.preventDefault();
    try {
      handle.setPointerCapture(start.pointerId);
    } catch {
      // A pointer the browser does not track (a synthetic event): moves still reach the handle.
    }
    card.classList.add('dragging');
    const moveTo = (event: PointerEvent) => {
      card.style.transform = `translate(${event.clientX - start.clientX}px, ${event.clientY - start.clientY}px)`;
    };
    const end = (event: PointerEvent) => {
      handle.removeEventListener('pointermove', moveTo);
      handle.removeEventListener('pointerup', end);
      handle.removeEventListener('pointercancel', end);
      card.classList.remove('dragging');
      card.style.transform = '';
      card.style.visibility = 'hidden';
      const target = document.elementFromPoint(event.clientX, event.clientY) as HTMLElement | null;
      card.style.visibility = '';
      if (event.type === 'pointerup') drop(target);
    };
    handle.addEventListener('pointermove', moveTo);
    handle.addEventListener('pointerup', end);
    handle.addEventListener('pointercancel', end);
  });
}

function rating(w: StudyWorkspace, who: Participation): HTMLElement {
  const values = new Map<string, number>(w.ratings.map((r) => [`${r.statement_id}|${r.variable}`, r.value]));
  const status = h('p', { role: 'status', class: 'saved' });
  const inOrder = savesInOrder(status);
  const save = (rating: Rating) => {
    values.set(`${rating.statement_id}|${rating.variable}`, rating.value);
    return inOrder(() => api.saveRatings(who, [rating]));
  };
  const variables = w.study.variables;
  const min = Math.min(...variables.map((v) => v.min));
  const max = Math.max(...variables.map((v) => v.max));
  const intro = h('p', {}, t('join.rate.intro', { min, max }));
  const section = h('section', {}, h('h2', { tabindex: '-1' }, t('join.rate.title')), intro, status);
  if (window.matchMedia('(max-width: 700px)').matches) {
    // A phone: one statement at a time.
    let at = Math.max(0, w.statements.findIndex((s) => variables.some((v) => !values.has(`${s.id}|${v.name}`))));
    const one = h('div', { class: 'rate-one' });
    const show = () => {
      const s = w.statements[at]!;
      const previous = h('button', { type: 'button', class: 'secondary', disabled: at === 0 }, t('join.rate.previous'));
      const next = h('button', { type: 'button', disabled: at === w.statements.length - 1 }, t('join.rate.next'));
      previous.addEventListener('click', () => ((at -= 1), show()));
      next.addEventListener('click', () => ((at += 1), show()));
      one.replaceChildren(
        h('p', { class: 'meta' }, t('join.rate.of', { n: at + 1, total: w.statements.length })),
        h('p', { class: 'statement' }, s.text),
        ...variables.map((v) =>
          h(
            'fieldset',
            { class: 'scale' },
            h('legend', {}, v.name),
            ...Array.from({ length: v.max - v.min + 1 }, (_, i) => v.min + i).map((value) => {
              const id = `rate-${s.id}-${v.name}-${value}`;
              const input = h('input', { type: 'radio', id, name: `${s.id}-${v.name}`, value: String(value), checked: values.get(`${s.id}|${v.name}`) === value });
              input.addEventListener('change', () => void save({ statement_id: s.id, variable: v.name, value }));
              return h('span', { class: 'choice' }, input, h('label', { for: id }, String(value)));
            }),
          ),
        ),
        h('p', {}, previous, ' ', next),
      );
    };
    show();
    section.append(one);
    return section;
  }
  // A desktop: a table of every statement and variable.
  section.append(
    h(
      'table',
      { class: 'rate-table' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('join.rate.statement')), ...variables.map((v) => h('th', { scope: 'col' }, v.name)))),
      h(
        'tbody',
        {},
        ...w.statements.map((s) =>
          h(
            'tr',
            {},
            h('th', { scope: 'row' }, s.text),
            ...variables.map((v) => {
              const choose = h('select', { 'aria-label': `${v.name}: ${s.text}` }, h('option', { value: '' }, '–'), ...Array.from({ length: v.max - v.min + 1 }, (_, i) => v.min + i).map((value) => h('option', { value: String(value), selected: values.get(`${s.id}|${v.name}`) === value }, String(value))));
              choose.addEventListener('change', () => {
                if (choose.value) void save({ statement_id: s.id, variable: v.name, value: Number(choose.value) });
              });
              return h('td', {}, choose);
            }),
          ),
        ),
      ),
    ),
  );
  return section;
}

// A Delphi's open round: each item rated 1–9 (a choice per item, phone and desktop alike), with
// the panelist's feedback from the round before: their own rating, the panel's median and how
// many gave each rating, and what panelists wrote, without names (all withheld when too few
// panelists rated it); each item takes a comment, saved when the field is left.
function delphiRound(w: StudyWorkspace, who: Participation): HTMLElement {
  const values = new Map<number, number>(w.ratings.map((r) => [r.statement_id, r.value]));
  const status = h('p', { role: 'status', class: 'saved' });
  const inOrder = savesInOrder(status);
  const items = w.statements.map((s, index) => {
    const feedback = w.feedback.find((f) => f.statement_id === s.id);
    const choices = h(
      'fieldset',
      { class: 'scale' },
      h('legend', {}, t('delphi.rate', { n: index + 1 })),
      ...Array.from({ length: 9 }, (_, i) => i + 1).map((value) => {
        const id = `delphi-${s.id}-${value}`;
        const input = h('input', { type: 'radio', id, name: `delphi-${s.id}`, value: String(value), checked: values.get(s.id) === value });
        input.addEventListener('change', () => void inOrder(() => api.saveRatings(who, [{ statement_id: s.id, variable: 'rating', value }])));
        return h('span', { class: 'choice' }, input, h('label', { for: id }, String(value)));
      }),
    );
    const told = feedback
      ? h(
          'p',
          { class: 'feedback' },
          feedback.own !== null ? t('delphi.own', { value: feedback.own }) + ' ' : '',
          feedback.withheld
            ? t('delphi.withheld')
            : feedback.median !== null
              ? t('delphi.panel', { median: formatNumber(feedback.median), n: feedback.n, counts: (feedback.histogram_1_9 ?? []).map((c, i) => `${i + 1}: ${c}`).join(', ') })
              : '',
        )
      : null;
    const said = feedback && feedback.comments.length
      ? h('div', { class: 'feedback' }, h('p', {}, t('delphi.panelSaid')), h('ul', {}, ...feedback.comments.map((c) => h('li', {}, c))))
      : null;
    const commentId = `delphi-comment-${s.id}`;
    const comment = h('textarea', { id: commentId, rows: 2, maxlength: 1000 });
    comment.value = w.comments.find((c) => c.statement_id === s.id)?.text ?? '';
    let saved = comment.value;
    comment.addEventListener('change', () => {
      if (comment.value === saved) return;
      const text = comment.value;
      void inOrder(async () => {
        await api.saveComment(who, s.id, text.trim());
        saved = text;
      });
    });
    return h(
      'section',
      { class: 'card delphi-item' },
      h('h3', {}, s.text),
      told,
      said,
      choices,
      h('div', { class: 'field' }, h('label', { for: commentId }, t('delphi.comment', { n: index + 1 })), comment),
    );
  });
  return h('section', {}, h('h2', { tabindex: '-1' }, t('delphi.round', { round: w.study.round })), h('p', {}, t('delphi.intro')), status, ...items);
}
