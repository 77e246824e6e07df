import { h } from '../dom';
import { formatLanguage, t, translationLanguages } from '../i18n';
import { field } from './form';

// Inputs for a name in each of the product's other languages (a population's, a measure's):
// optional, one line each, named by the language tag, so that a refusal naming "/names/sv"
// marks its input. value() gives the non-empty ones, as the API's `names` member takes them.
export function nameTranslations(idPrefix: string, names: Record<string, string> = {}): { fields: HTMLElement[]; value: () => Record<string, string> } {
  const inputs = translationLanguages().map((tag) => {
    const input = h('input', { id: `${idPrefix}-${tag}`, name: tag, lang: tag, maxlength: 200, autocomplete: 'off' });
    input.value = names[tag] ?? '';
    return { tag, input };
  });
  return {
    fields: inputs.map(({ tag, input }) => field(t('names.in', { language: formatLanguage(tag) }), input, t('names.hint'))),
    value: () => Object.fromEntries(inputs.map(({ tag, input }) => [tag, input.value.trim()]).filter(([, v]) => v)),
  };
}
