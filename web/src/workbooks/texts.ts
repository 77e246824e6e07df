import { language } from '../i18n';

// A guide's text in the reader's language, else in English, else "".
export function text(texts: Record<string, string> | undefined): string {
  if (!texts) return '';
  return texts[language()] ?? texts['en'] ?? '';
}
