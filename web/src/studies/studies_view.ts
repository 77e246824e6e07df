import { api, type Study, type StudyKind } from '../api';
import { session } from '../app_state';
import { field, onSubmit, select } from '../components/form';
import { h } from '../dom';
import { t } from '../i18n';
import { navigate } from '../router';

// The caller's studies (those they run, then those they take part in) and, for researchers, the
// form that starts one.
export async function studiesView(): Promise<HTMLElement> {
  const user = session.user!;
  const studies = (await api.studies()).items;
  const running = studies.filter((s) => s.runs);
  const joined = studies.filter((s) => !s.runs);
  const researcher = user.memberships.some((m) => m.role === 'researcher');
  const line = (s: Study, href: string) =>
    h('li', {}, h('a', { href }, s.title), ` — ${t(`studies.kind.${s.kind}` as 'studies.kind.delphi')}, ${t(`studies.stage.${s.stage}` as 'studies.stage.draft')}`);
  return h(
    'section',
    {},
    h('h1', {}, t('studies.title')),
    h('p', {}, t('studies.intro')),
    researcher ? h('h2', {}, t('studies.running')) : null,
    researcher
      ? running.length
        ? h('ul', { class: 'links' }, ...running.map((s) => line(s, `/studies/${s.id}`)))
        : h('p', {}, t('studies.none'))
      : null,
    joined.length ? h('h2', {}, t('studies.joined')) : null,
    joined.length ? h('ul', { class: 'links' }, ...joined.map((s) => line(s, `/studies/${s.id}/take-part`))) : null,
    researcher ? createForm() : null,
  );
}

function createForm(): HTMLElement {
  const kind = select('study-kind', 'kind', [
    ['concept_map', t('studies.kind.concept_map')],
    ['delphi', t('studies.kind.delphi')],
  ]);
  const title = h('input', { id: 'study-title', name: 'title', required: true, maxlength: 200 });
  const prompt = h('textarea', { id: 'study-prompt', name: 'focus_prompt', required: true, rows: 3, maxlength: 2000 });
  const groups = h('input', { id: 'study-groups', name: 'groups', value: 'patient, professional, leader' });
  const anonymous = h('input', { id: 'study-anonymous', name: 'anonymous', type: 'checkbox', checked: true });
  const form = h(
    'form',
    { class: 'card' },
    h('h2', {}, t('studies.new')),
    field(t('studies.kind'), kind),
    field(t('studies.studyTitle'), title),
    field(t('studies.prompt'), prompt, t('studies.promptHint')),
    field(t('studies.groups'), groups, t('studies.groupsHint')),
    h('div', { class: 'field' }, anonymous, ' ', h('label', { for: 'study-anonymous' }, t('studies.anonymous'))),
    h('button', { type: 'submit' }, t('studies.create')),
  );
  onSubmit(form, async () => {
    const study = await api.createStudy({
      kind: kind.value as StudyKind,
      title: title.value,
      focus_prompt: prompt.value,
      groups: groups.value.split(',').map((g) => g.trim()).filter(Boolean),
      anonymous: anonymous.checked,
    });
    await navigate(`/studies/${study.id}`);
  });
  return form;
}
