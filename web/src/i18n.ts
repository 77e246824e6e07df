import { en, type Catalog, type MessageKey } from './locales/en';
import { sv } from './locales/sv';

// Message catalogs and the document's language and direction. The language is the user's
// choice (kept in localStorage), else the browser's. `?dir=rtl` in the address forces
// right-to-left layout for any language, so right-to-left layout can be checked before a
// right-to-left catalog exists; the layout uses logical CSS properties throughout.

export const catalogs = { en, sv } as const satisfies Record<string, Catalog>;
export type Language = keyof typeof catalogs;

const STORAGE_KEY = 'covalue.lang';
let current: Language = initialLanguage();

function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored && stored in catalogs) return stored as Language;
  return navigator.language.toLowerCase().startsWith('sv') ? 'sv' : 'en';
}

export function language(): Language {
  return current;
}

export function setLanguage(next: Language): void {
  current = next;
  localStorage.setItem(STORAGE_KEY, next);
  applyToDocument();
}

export function applyToDocument(): void {
  const forced = new URLSearchParams(location.search).get('dir');
  if (forced === 'rtl' || forced === 'ltr') sessionStorage.setItem('covalue.dir', forced);
  const dir = sessionStorage.getItem('covalue.dir') ?? catalogs[current]['lang.dir'];
  document.documentElement.lang = current;
  document.documentElement.dir = dir;
}

// The message for key in the current language, with {name} placeholders filled.
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text: string = catalogs[current][key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

export function formatTime(ms: number): string {
  return new Intl.DateTimeFormat(current === 'sv' ? 'sv-SE' : 'en-GB', {
    dateStyle: 'short',
    timeStyle: 'medium',
  }).format(new Date(ms));
}
