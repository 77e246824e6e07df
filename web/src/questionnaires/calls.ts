// Questionnaire files.
// The API's types of this capability, checked against openapi.json (web/tests/api_types.test.mjs).

import { upload } from '../http';

export interface ImportedQuestionnaire {
  id: string;
  version: number;
  name: string;
  title: string;
  site_id: number | null;
  warnings: { location: string; message: string }[];
}

export const questionnaireCalls = {
  importQuestionnaireFile: (site: number | null, file: File, onProgress: (fraction: number) => void) =>
    upload<{ imported: ImportedQuestionnaire[] }>(
      `/api/v1/questionnaires/files${site ? `?site_id=${site}` : ''}`,
      file,
      /\.zip$/i.test(file.name) ? 'application/zip' : /\.csv$/i.test(file.name) ? 'text/csv' : 'application/json',
      onProgress,
    ),
};
