// Client-side routes over the History API. The server answers index.html for every path
// without an extension, so a reload keeps the page.

export type View = (params: Record<string, string>) => Promise<HTMLElement> | HTMLElement;

interface RouteEntry {
  pattern: RegExp;
  names: string[];
  view: View;
}

const routes: RouteEntry[] = [];
let renderPage: (view: View, params: Record<string, string>) => Promise<void> = async () => {};
let notFound: View = () => document.createElement('div');

export function route(path: string, view: View): void {
  const names: string[] = [];
  const pattern = new RegExp(
    '^' + path.replace(/:(\w+)/g, (_, name: string) => (names.push(name), '([^/]+)')) + '$',
  );
  routes.push({ pattern, names, view });
}

export function onRender(render: typeof renderPage, fallback: View): void {
  renderPage = render;
  notFound = fallback;
}

export async function navigate(path: string, replace = false): Promise<void> {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  await resolve();
}

// The page shown: its path and query.
let shown = '';

export async function resolve(): Promise<void> {
  shown = location.pathname + location.search;
  const path = location.pathname;
  for (const entry of routes) {
    const match = entry.pattern.exec(path);
    if (match) {
      const params: Record<string, string> = {};
      entry.names.forEach((name, i) => (params[name] = decodeURIComponent(match[i + 1] ?? '')));
      await renderPage(entry.view, params);
      return;
    }
  }
  await renderPage(notFound, {});
}

// Same-origin links navigate without a page load; in-page links (the skip link) and downloads
// stay native.
export function interceptLinks(root: HTMLElement): void {
  root.addEventListener('click', (event) => {
    const anchor = (event.target as HTMLElement).closest('a');
    if (
      !anchor ||
      anchor.origin !== location.origin ||
      anchor.target ||
      anchor.hasAttribute('download') ||
      (anchor.hash && anchor.pathname === location.pathname) ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey
    ) {
      return;
    }
    event.preventDefault();
    void navigate(anchor.pathname + anchor.search);
  });
  // A jump to an anchor of the page (#series-phq-9) also pops state: the page stays as it is.
  window.addEventListener('popstate', () => {
    if (location.pathname + location.search === shown && location.hash) return;
    void resolve();
  });
}
