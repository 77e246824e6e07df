import { api } from '../api';
import { language } from '../i18n';
import { inLanguage, type Questionnaire } from './fhir_questionnaire';

// The titles of questionnaires in the reader's language: the server names them as imported, and
// a questionnaire's translations are in its FHIR resource (one read each, in parallel).
export async function titlesInLanguage(ids: Iterable<string>): Promise<Map<string, string>> {
  const entries = await Promise.all(
    [...new Set(ids)].map(async (id): Promise<[string, string]> => {
      const q = inLanguage(await api.fhirRead<Questionnaire>(`Questionnaire/${encodeURIComponent(id)}`), language());
      return [id, q.title ?? q.name ?? id];
    }),
  );
  return new Map(entries);
}
