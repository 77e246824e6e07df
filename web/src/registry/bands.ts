import { isMessageKey, t } from '../i18n';

// A severity band's label in the reader's language: the shipped instruments' bands (PHQ-9,
// GAD-7, PHQ-4: src/domain/instruments.cc) have messages; any other band is shown as written.
export function bandLabel(label: string): string {
  const key = `band.${label.replace(/ /g, '-')}`;
  return isMessageKey(key) ? t(key) : label;
}
