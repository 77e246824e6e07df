import { api, type ResearchProject } from '../api';
import { session } from '../app_state';
import { field, onSubmit } from '../components/form';
import { h } from '../dom';
import { t } from '../i18n';
import { resolve } from '../router';

// De-identified research data: a researcher opens projects and downloads each file of an
// approved project's export; a site's own admin reads every project's purpose and approves or
// revokes its access to their site (app/research_exports/research_exports.h states the rules).
export async function researchProjectsView(): Promise<HTMLElement> {
  const user = session.user!;
  const projects = (await api.researchProjects()).items;
  const researcher = user.memberships.some((m) => m.role === 'researcher');
  const adminSites = user.memberships.filter((m) => m.role === 'admin' && m.site_id !== null).map((m) => m.site_id!);
  const siteNames = new Map((await api.sites()).items.map((s) => [s.id, s.name]));
  const status = h('p', { role: 'status' });
  const card = (p: ResearchProject) => {
    const standing = p.approvals.filter((a) => a.revoked_ms === null);
    const mine = p.owner_id === user.id;
    const actions = adminSites.map((site) => {
      const approved = standing.some((a) => a.site_id === site);
      const name = siteNames.get(site) ?? String(site);
      const button = h('button', { type: 'button' }, t(approved ? 'research.revoke' : 'research.approve', { site: name }));
      button.addEventListener('click', async () => {
        await (approved ? api.revokeProject(p.id, site) : api.approveProject(p.id, site));
        await resolve();
      });
      return button;
    });
    return h(
      'article',
      { class: 'card', 'aria-labelledby': `project-${p.id}` },
      h('h3', { id: `project-${p.id}` }, p.title),
      p.purpose ? h('p', {}, p.purpose) : null,
      h('p', {}, standing.length ? t('research.approvals', { sites: standing.map((a) => a.site).join(', ') }) : t('research.noApprovals')),
      mine && standing.length
        ? h('p', {}, `${t('research.files')}: `, ...p.files.flatMap((f, i) => [i ? ', ' : '', h('a', { href: `/api/v1/research-projects/${p.id}/export/${f}`, download: f }, f)]))
        : null,
      actions.length ? h('p', { class: 'actions' }, ...actions) : null,
    );
  };
  const own = projects.filter((p) => p.owner_id === user.id);
  const others = projects.filter((p) => p.owner_id !== user.id);
  return h(
    'section',
    {},
    h('h1', {}, t('research.title')),
    h('p', {}, t('research.rules')),
    status,
    researcher ? (own.length ? h('div', {}, ...own.map(card)) : h('p', {}, t('research.none'))) : null,
    adminSites.length && others.length ? h('h2', {}, t('research.review')) : null,
    adminSites.length ? h('div', {}, ...others.map(card)) : null,
    researcher ? createForm() : null,
  );
}

function createForm(): HTMLElement {
  const title = h('input', { id: 'project-title', name: 'title', required: true, maxlength: 200 });
  const purpose = h('textarea', { id: 'project-purpose', name: 'purpose', rows: 3, maxlength: 2000 });
  const shift = h('input', { id: 'project-shift', name: 'shift_days', type: 'number', min: 1, max: 365, value: '182', required: true });
  const form = h(
    'form',
    { class: 'card' },
    h('h2', {}, t('research.new')),
    field(t('research.projectTitle'), title),
    field(t('research.purpose'), purpose, t('research.purposeHint')),
    field(t('research.shift'), shift),
    h('button', { type: 'submit' }, t('research.create')),
  );
  onSubmit(form, async () => {
    await api.createResearchProject(title.value, purpose.value, Number(shift.value));
    await resolve();
  });
  return form;
}
