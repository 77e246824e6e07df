import { api, ApiError, type Submitted } from '../api';
import { h } from '../dom';
import { formatNumber, language, t } from '../i18n';
import { navigate } from '../router';
import {
  answersOf,
  asked,
  inLanguage,
  inputText,
  optionLabel,
  optionsOf,
  responseOf,
  sameAnswer,
  screensOf,
  typedAnswer,
  type AnswerValue,
  type Answers,
  type Item,
  type Questionnaire,
  type QuestionnaireResponse,
  type Screen,
} from '../questionnaires/fhir_questionnaire';
import { crisisNotice } from '../alerts/alerts';
import { ownPatientId } from './patients';
import { bandLabel } from './bands';

// A patient fills a questionnaire on their phone: one question per screen, a review, then the
// score. Progress is kept in this tab's sessionStorage (a reload or a slip of the thumb loses
// nothing; it is gone when the tab closes, so answers do not linger on a shared device), and
// "Save and finish later" stores an in-progress QuestionnaireResponse on the server, which the
// dashboard offers to resume (?draft=ID) on any device.

interface Progress {
  answers: [string, AnswerValue[]][];
  index: number;
}

export async function fillView(params: Record<string, string>): Promise<HTMLElement> {
  const patientId = params['id'] === 'me' ? await ownPatientId() : Number(params['id']);
  // In the reader's language where the questionnaire has a translation (FHIR's extension).
  const questionnaire = inLanguage(await api.fhirRead<Questionnaire>(`Questionnaire/${encodeURIComponent(params['qid']!)}`), language());
  const key = `covalue.fill.${patientId}.${questionnaire.id}`;
  const draftId = new URLSearchParams(location.search).get('draft');
  let answers: Answers = new Map();
  let index = 0;
  const kept = sessionStorage.getItem(key);
  if (kept) {
    const progress = JSON.parse(kept) as Progress;
    answers = new Map(progress.answers);
    index = progress.index;
  } else if (draftId) {
    answers = answersOf(await api.fhirRead<QuestionnaireResponse>(`QuestionnaireResponse/${encodeURIComponent(draftId)}`));
  }
  const screens = screensOf(questionnaire);
  const title = questionnaire.title ?? questionnaire.name ?? questionnaire.id;
  const dashboard = `/patients/${patientId}`;
  const root = h('section', { class: 'fill' });
  const keep = () => sessionStorage.setItem(key, JSON.stringify({ answers: [...answers], index } satisfies Progress));
  // The screens of the items switched on by the answers so far.
  const visible = (): Screen[] => screens.filter((s) => asked(s, answers));

  // Updates the question count and the next button as answers switch questions on or off.
  let refresh = () => {};

  const go = (next: number) => {
    index = next;
    keep();
    render();
  };

  const submit = async (status: 'completed' | 'in-progress', button: HTMLButtonElement, message: HTMLElement) => {
    button.disabled = true;
    message.textContent = t('fill.sending');
    try {
      const submitted = await api.submitResponse(patientId, responseOf(questionnaire, answers, status, patientId, new Date()));
      sessionStorage.removeItem(key);
      // An answer that raises an alert is answered at once with what to do now, never only a
      // score, whether the questionnaire was finished or saved for later.
      if (status === 'in-progress' && !submitted.alerts.length) {
        await navigate(`${dashboard}?saved=1`);
        return;
      }
      showScore(submitted);
    } catch (error) {
      button.disabled = false;
      const failed = error instanceof ApiError ? error : null;
      const item = /^\/item\/(.+)$/.exec(failed?.field ?? '')?.[1];
      const at = visible().findIndex((s) => s.item.linkId === item);
      message.textContent = failed?.status === 0 ? t('common.network') : t('fill.refused', { detail: failed?.detail ?? '' });
      if (at >= 0) {
        index = at;
        render(message.textContent);
      }
    }
  };

  const showScore = (submitted: Submitted) => {
    const total = submitted.scores.find((s) => !s.code.includes('/'));
    const alerted = submitted.alerts.length > 0;
    root.replaceChildren(
      ...[
        h('h1', { tabindex: '-1' }, alerted ? t('alert.heading') : t('fill.thanks')),
        alerted ? crisisNotice(submitted.alerts, submitted.crisis_contacts) : null,
      ].filter((e): e is HTMLElement => e !== null),
      total
        ? h('p', { class: 'score-result' }, t('fill.score', { title, score: formatNumber(total.value) }), total.band ? h('strong', {}, ` ${t('fill.band', { band: bandLabel(total.band) })}`) : null)
        : h('p', {}, t('fill.saved')),
      h('p', {}, h('a', { href: dashboard, class: 'button' }, t('fill.toDashboard'))),
    );
    root.querySelector('h1')?.focus();
  };

  const render = (error = '') => {
    const shown = visible();
    index = Math.min(index, shown.length);
    const message = h('p', { role: 'alert', class: 'form-error' }, error);
    const later = h('button', { type: 'button', class: 'secondary' }, t('fill.later'));
    later.addEventListener('click', () => void submit('in-progress', later, message));
    const heading = h('h1', {}, title);
    if (index === shown.length) {
      root.replaceChildren(heading, review(shown, message, later));
    } else {
      root.replaceChildren(heading, question(shown, message, later));
    }
    root.querySelector<HTMLElement>('.focus-start')?.focus();
  };

  const review = (shown: Screen[], message: HTMLElement, later: HTMLButtonElement): HTMLElement => {
    const send = h('button', { type: 'button' }, t('fill.submit'));
    send.addEventListener('click', () => void submit('completed', send, message));
    return h(
      'div',
      {},
      h('h2', { class: 'focus-start', tabindex: '-1' }, t('fill.review')),
      h(
        'dl',
        { class: 'review' },
        ...shown.flatMap((s, i) => [
          h('dt', {}, s.item.text ?? s.item.linkId),
          h(
            'dd',
            {},
            (answers.get(s.item.linkId) ?? []).map((a) => describe(s.item, a)).join(', ') || t('fill.unanswered'),
            ' ',
            h('button', { type: 'button', class: 'link', onclick: () => go(i), 'aria-label': t('fill.changeNamed', { n: i + 1 }) }, t('fill.change')),
          ),
        ]),
      ),
      message,
      h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', onclick: () => go(shown.length - 1) }, t('fill.back')), send, later),
    );
  };

  const describe = (item: Item, answer: AnswerValue): string => {
    const option = optionsOf(questionnaire, item).find((o) => sameAnswer(o, answer));
    return optionLabel(option ?? answer);
  };

  const question = (shown: Screen[], message: HTMLElement, later: HTMLButtonElement): HTMLElement => {
    const screen = shown[index]!;
    const item = screen.item;
    const count = h('p', { id: 'fill-progress' });
    const bar = h('progress', { 'aria-labelledby': 'fill-progress' });
    const progress = h('div', { class: 'progress' }, count, bar);
    const next = h('button', { type: 'submit' });
    refresh = () => {
      const total = visible().length;
      count.textContent = t('fill.progress', { n: index + 1, total });
      bar.max = total;
      bar.value = index;
      next.textContent = index + 1 >= total ? t('fill.toReview') : t('fill.next');
    };
    refresh();
    const form = h(
      'form',
      { novalidate: true },
      screen.group ? h('p', { class: 'group' }, screen.group) : null,
      screen.stem ? h('p', { class: 'stem' }, screen.stem) : null,
      input(item),
      message,
      h('div', { class: 'actions' }, index > 0 ? h('button', { type: 'button', class: 'secondary', onclick: () => go(index - 1) }, t('fill.back')) : null, next, later),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      if (item.required && !answers.get(item.linkId)?.length) {
        message.textContent = t('fill.required');
        form.querySelector<HTMLElement>('input, textarea')?.focus();
        return;
      }
      go(index + 1);
    });
    return h('div', {}, progress, form);
  };

  const set = (item: Item, value: AnswerValue | null) => {
    if (value === null) answers.delete(item.linkId);
    else answers.set(item.linkId, [value]);
    keep();
    refresh();
  };
  // A repeating choice: each option ticked or not.
  const toggle = (item: Item, value: AnswerValue, on: boolean) => {
    const others = (answers.get(item.linkId) ?? []).filter((a) => !sameAnswer(a, value));
    const next = on ? [...others, value] : others;
    if (next.length) answers.set(item.linkId, next);
    else answers.delete(item.linkId);
    keep();
    refresh();
  };

  // The control of one item, its text the legend or label that takes focus on a new screen.
  const input = (item: Item): HTMLElement => {
    const text = item.text ?? item.linkId;
    const required = item.required ? h('span', { class: 'required' }, ` (${t('fill.requiredMark')})`) : null;
    const given = answers.get(item.linkId) ?? [];
    const current = given[0];
    const options: AnswerValue[] = item.type === 'boolean' ? [{ valueBoolean: true }, { valueBoolean: false }] : optionsOf(questionnaire, item);
    if (options.length) {
      const many = !!item.repeats && item.type !== 'boolean';
      return h(
        'fieldset',
        { class: 'choices' },
        h('legend', { class: 'focus-start', tabindex: '-1' }, text, required),
        ...options.map((option, i) => {
          const radio = h('input', { type: many ? 'checkbox' : 'radio', name: item.linkId, id: `${item.linkId}-${i}`, checked: given.some((a) => sameAnswer(a, option)) });
          radio.addEventListener('change', () => (many ? toggle(item, option, radio.checked) : set(item, option)));
          const label = option.valueBoolean !== undefined ? t(option.valueBoolean ? 'fill.yes' : 'fill.no') : optionLabel(option);
          return h('label', { class: 'choice', for: `${item.linkId}-${i}` }, radio, h('span', {}, label));
        }),
      );
    }
    const numeric = item.type === 'integer' || item.type === 'decimal' || item.type === 'quantity';
    const kinds: Record<string, string> = { date: 'date', dateTime: 'datetime-local', time: 'time' };
    const attributes = {
      id: 'fill-answer',
      name: item.linkId,
      maxlength: item.maxLength,
      type: numeric ? 'number' : (kinds[item.type] ?? 'text'),
      inputmode: item.type === 'integer' ? 'numeric' : numeric ? 'decimal' : undefined,
      step: numeric && item.type !== 'integer' ? 'any' : undefined,
    };
    const field = item.type === 'text' ? h('textarea', { id: 'fill-answer', name: item.linkId, rows: 5, maxlength: item.maxLength }) : h('input', attributes);
    field.value = inputText(current);
    field.addEventListener('input', () => {
      const raw = field.value.trim();
      set(item, raw ? typedAnswer(item.type, item.type === 'string' || item.type === 'text' ? field.value : raw) : null);
    });
    return h('div', { class: 'field' }, h('label', { for: 'fill-answer', class: 'focus-start prompt', tabindex: '-1' }, text, required), field);
  };

  render();
  if (draftId && !kept) {
    root.prepend(h('p', { role: 'status' }, t('fill.resumed')));
  }
  return root;
}
