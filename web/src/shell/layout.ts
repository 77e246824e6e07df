import { api } from '../api';
import { hasRole, session } from '../app_state';
import { h } from '../dom';
import { catalogs, language, setLanguage, t, type Language } from '../i18n';
import { navigate, resolve } from '../router';

// The page frame: skip link, header with the main navigation, language switch and sign-out.
export function header(): HTMLElement {
  const languages = h(
    'select',
    {
      id: 'language',
      onchange: (event: Event) => {
        setLanguage((event.target as HTMLSelectElement).value as Language);
        void resolve();
      },
    },
    ...Object.entries(catalogs).map(([code, catalog]) =>
      h('option', { value: code, selected: code === language(), lang: code }, catalog['lang.name']),
    ),
  );
  const languageSwitch = h(
    'div',
    { class: 'language' },
    h('label', { for: 'language' }, t('lang.label')),
    languages,
  );
  const links: [string, string][] = [['/', t('nav.home')]];
  if (session.user) {
    if (hasRole('patient')) links.push(['/patients/me', t('nav.dashboard')]);
    if (hasRole('professional')) links.push(['/alerts', t('nav.alerts')], ['/patients', t('nav.patients')]);
    if (hasRole('professional', 'admin')) links.push(['/imports', t('nav.imports')]);
    links.push(['/sites', t('nav.sites')], ['/teams', t('nav.teams')], ['/guides', t('nav.guides')]);
    if (hasRole('researcher')) links.push(['/studies', t('studies.link')]);
    if (hasRole('researcher') || session.user.memberships.some((m) => m.role === 'admin' && m.site_id !== null)) links.push(['/research-projects', t('research.link')]);
    if (session.user.memberships.some((m) => ['facilitator', 'researcher', 'admin'].includes(m.role) && m.site_id === null)) {
      links.push(['/measures', t('nav.measures')]);
    }
    if (hasRole('admin')) links.push(['/admin/users', t('nav.users')], ['/admin/audit', t('nav.audit')]);
    if (session.user.memberships.some((m) => m.role === 'admin' && m.site_id !== null)) links.push(['/alerts/overdue', t('nav.overdue')]);
    links.push(['/account', t('nav.account')]);
  }
  const current = location.pathname;
  const nav = session.user
    ? h(
        'nav',
        { 'aria-label': t('nav.label') },
        h(
          'ul',
          {},
          ...links.map(([href, label]) =>
            h(
              'li',
              {},
              h(
                'a',
                {
                  href,
                  'aria-current':
                    href === current || (href !== '/' && current.startsWith(href + '/'))
                      ? 'page'
                      : undefined,
                },
                label,
              ),
            ),
          ),
        ),
      )
    : null;
  const signOut = session.user
    ? h(
        'button',
        {
          type: 'button',
          class: 'secondary',
          onclick: async () => {
            await api.logout().catch(() => undefined);
            session.user = null;
            // Answers being filled in are the signed-in person's: gone with them.
            Object.keys(sessionStorage)
              .filter((key) => key.startsWith('covalue.fill.'))
              .forEach((key) => sessionStorage.removeItem(key));
            await navigate('/signin');
          },
        },
        t('nav.signOut'),
      )
    : null;
  return h(
    'header',
    { class: 'site-header' },
    h('a', { class: 'skip', href: '#main' }, t('skip')),
    h(
      'div',
      { class: 'bar' },
      h('a', { class: 'brand', href: '/' }, t('app.name')),
      h('div', { class: 'tools' }, languageSwitch, signOut),
    ),
    nav,
  );
}
