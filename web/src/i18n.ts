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

// Whether a text (a key made at run time) names a message.
export function isMessageKey(key: string): key is MessageKey {
  return key in catalogs[current];
}

// The message for key in the current language, with {name} placeholders filled.
export function t(key: MessageKey, params: Record<string, string | number> = {}): string {
  const text: string = catalogs[current][key];
  return text.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

// Numbers, days and times as the chosen language writes them: the one place they are formatted.
const locale = () => (current === 'sv' ? 'sv-SE' : 'en-GB');

export function formatTime(ms: number): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'short', timeStyle: 'medium' }).format(new Date(ms));
}

// A day ("5 Dec 2026", "5 dec. 2026"), in UTC when the instant names a day (a due day).
export function formatDay(ms: number, utc = false): string {
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', ...(utc ? { timeZone: 'UTC' } : {}) }).format(new Date(ms));
}

// A month ("Dec 2026", "dec. 2026"), for a chart's time axis.
export function formatMonth(ms: number): string {
  return new Intl.DateTimeFormat(locale(), { month: 'short', year: 'numeric' }).format(new Date(ms));
}

// A country's name from its ISO 3166 code ("SE": "Sweden", "Sverige"), or the code.
export function formatRegion(code: string): string {
  try {
    return new Intl.DisplayNames([locale()], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

// A measured value to some significant digits ("0.4545", "0,4545"), "–" for none: the numbers
// of charts and their tables, without grouping so that a tick stays one short word.
export function formatValue(value: number | null, digits = 4): string {
  if (value === null) return '–';
  return new Intl.NumberFormat(locale(), { maximumSignificantDigits: digits, useGrouping: false }).format(value);
}

export function formatNumber(value: number, fractionDigits?: number): string {
  return new Intl.NumberFormat(locale(), fractionDigits === undefined ? {} : { maximumFractionDigits: fractionDigits }).format(value);
}

// A name the community wrote (a population's, a measure's) in the chosen language: its
// translation when it has one (`names`, by language tag), else as written.
export function localName(thing: { name: string; names?: Record<string, string> }): string {
  return thing.names?.[current] ?? thing.name;
}

// A description in the reader's language where it has one, else as written.
export function localDescription(thing: { description: string; descriptions?: Record<string, string> }): string {
  return thing.descriptions?.[current] ?? thing.description;
}

// A language's name from its tag ("sv": "Swedish", "svenska"), or the tag.
export function formatLanguage(tag: string): string {
  try {
    return new Intl.DisplayNames([locale()], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}

// The product's languages other than English, the one names are written in first.
export function translationLanguages(): string[] {
  return Object.keys(catalogs).filter((tag) => tag !== 'en');
}
