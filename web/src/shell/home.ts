import { api, type Role } from '../api';
import { session } from '../app_state';
import { h } from '../dom';
import { localName, t } from '../i18n';
import { describeMembership, loadNames } from './names';
import { dueSection, inReadersLanguage } from '../schedules/due';

interface Card {
  title: string;
  text: string;
  links: [string, string][];
}

// The home page shows one card per kind of role the user holds, linking to their work.
export async function homeView(): Promise<HTMLElement> {
  const user = session.user!;
  const names = await loadNames();
  const roles = new Set<Role>(user.memberships.map((m) => m.role));
  const cards: Card[] = [];
  if (roles.has('patient')) {
    cards.push({
      title: t('home.patient.title'),
      text: t('home.patient.text'),
      links: [['/patients/me', t('nav.dashboard')], ['/account', t('nav.account')], ...siteLinks('patient')],
    });
  }
  if (roles.has('professional')) {
    cards.push({
      title: t('home.professional.title'),
      text: t('home.professional.text'),
      links: [['/patients', t('nav.patients')], ...siteLinks('professional')],
    });
  }
  if (roles.has('team_member') || roles.has('team_lead')) {
    const teams = (await api.teams()).items;
    cards.push({
      title: t('home.team.title'),
      text: t('home.team.text'),
      links: teams.map((team) => [`/teams/${team.id}`, localName(team)]),
    });
  }
  if (roles.has('facilitator')) {
    cards.push({ title: t('home.facilitator.title'), text: t('home.facilitator.text'), links: [['/teams', t('nav.teams')]] });
  }
  if (roles.has('researcher')) {
    cards.push({ title: t('home.researcher.title'), text: t('home.researcher.text'), links: [['/studies', t('studies.link')], ['/research-projects', t('research.link')], ['/sites', t('nav.sites')]] });
  }
  if (roles.has('admin')) {
    cards.push({
      title: t('home.admin.title'),
      text: t('home.admin.text'),
      links: [
        ['/admin/users', t('nav.users')],
        ['/admin/audit', t('nav.audit')],
      ],
    });
  }

  function siteLinks(role: Role): [string, string][] {
    return user.memberships
      .filter((m) => m.role === role && m.site_id !== null)
      .map((m) => [`/sites/${m.site_id}`, names.site(m.site_id)]);
  }

  // A patient's home shows first what their care team asks them to answer, with the day.
  const patient = roles.has('patient') ? (await api.patients()).items[0] : undefined;
  const due = patient ? await inReadersLanguage((await api.due(patient.id)).items) : [];

  return h(
    'section',
    {},
    h('h1', {}, t('home.title', { name: user.display_name })),
    patient && due.length ? dueSection(patient.id, due) : null,
    h('h2', {}, t('home.roles')),
    user.memberships.length
      ? h('ul', { class: 'roles' }, ...user.memberships.map((m) => h('li', {}, describeMembership(m, names))))
      : h('p', {}, t('home.noRoles')),
    h(
      'div',
      { class: 'cards' },
      ...cards.map((card) =>
        h(
          'section',
          { class: 'card' },
          h('h2', {}, card.title),
          h('p', {}, card.text),
          h('ul', { class: 'links' }, ...card.links.map(([href, label]) => h('li', {}, h('a', { href }, label)))),
        ),
      ),
    ),
  );
}
