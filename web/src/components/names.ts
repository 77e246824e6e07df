import { h } from '../dom';
import { formatLanguage, t, translationLanguages } from '../i18n';
import { field } from './form';

// Inputs for a name in each of the product's other languages (a population's, a team's, a
// measure's): optional, one line each, named by the language tag, so that a refusal naming
// "/names/sv" marks its input. value() gives the non-empty ones, as the API's `names` member
// takes them. A description's (description: true) take up to 2,000 characters.
export function nameTranslations(
  idPrefix: string,
  names: Record<string, string> = {},
  description = false,
): { fields: HTMLElement[]; value: () => Record<string, string> } {
  const inputs = translationLanguages().map((tag) => {
    const input = h('input', { id: `${idPrefix}-${tag}`, name: tag, lang: tag, maxlength: description ? 2000 : 200, autocomplete: 'off' });
    input.value = names[tag] ?? '';
    return { tag, input };
  });
  return {
    fields: inputs.map(({ tag, input }) => field(t(description ? 'names.descriptionIn' : 'names.in', { language: formatLanguage(tag) }), input, t('names.hint'))),
    value: () => Object.fromEntries(inputs.map(({ tag, input }) => [tag, input.value.trim()]).filter(([, v]) => v)),
  };
}
