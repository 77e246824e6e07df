// The part of a FHIR R4 Questionnaire a patient fills in the browser: its items laid out as
// screens of one question each, enableWhen evaluated as the server evaluates it
// (src/domain/scoring.cc: an unanswered question satisfies only `exists false`), answer
// options from answerOption or a contained ValueSet, and the QuestionnaireResponse written
// back in the questionnaire's own nesting. The server validates and scores; this only asks.

export interface Coding {
  system?: string | undefined;
  code?: string | undefined;
  display?: string | undefined;
}
// One answer as FHIR writes it: exactly one value[x].
export interface AnswerValue {
  valueCoding?: Coding;
  valueString?: string;
  valueInteger?: number;
  valueDecimal?: number;
  valueBoolean?: boolean;
  valueDate?: string;
  valueDateTime?: string;
  valueTime?: string;
  valueQuantity?: { value: number };
}
interface EnableWhen extends Partial<Record<`answer${string}`, unknown>> {
  question: string;
  operator: 'exists' | '=' | '!=' | '>' | '<' | '>=' | '<=';
}
export interface Item {
  linkId: string;
  text?: string;
  type: string;
  required?: boolean;
  repeats?: boolean;
  readOnly?: boolean;
  maxLength?: number;
  enableWhen?: EnableWhen[];
  enableBehavior?: 'all' | 'any';
  answerOption?: AnswerValue[];
  answerValueSet?: string;
  item?: Item[];
}
interface ValueSet {
  resourceType: 'ValueSet';
  id?: string;
  url?: string;
  expansion?: { contains?: Coding[] };
  compose?: { include?: { system?: string; concept?: { code: string; display?: string }[] }[] };
}
export interface Questionnaire {
  resourceType: 'Questionnaire';
  id: string;
  extension?: Extension[];
  title?: string;
  name?: string;
  contained?: ValueSet[];
  item?: Item[];
}
export interface QuestionnaireResponse {
  resourceType: 'QuestionnaireResponse';
  id?: string;
  status: 'in-progress' | 'completed';
  questionnaire: string;
  subject: { reference: string };
  authored: string;
  item?: ResponseItem[];
}
interface ResponseItem {
  linkId: string;
  answer?: AnswerValue[];
  item?: ResponseItem[];
}

export type Answers = Map<string, AnswerValue[]>;

const TRANSLATION = 'http://hl7.org/fhir/StructureDefinition/translation';

export interface Extension {
  url: string;
  valueCode?: string;
  valueString?: string;
  extension?: Extension[];
}

// The translation into lang that FHIR's translation extension gives a string element (on its
// `_element`), or undefined.
function translationOf(element: unknown, lang: string): string | undefined {
  const extensions = (element as { extension?: Extension[] } | undefined)?.extension ?? [];
  for (const e of extensions) {
    if (e.url !== TRANSLATION) continue;
    const parts = e.extension ?? [];
    if (parts.find((p) => p.url === 'lang')?.valueCode?.toLowerCase().split('-')[0] === lang) {
      return parts.find((p) => p.url === 'content')?.valueString;
    }
  }
  return undefined;
}

// A questionnaire (or any part of one) in a language: every string element that carries a FHIR
// translation into lang (texts, titles, answer displays) replaced by it; the rest as it is.
export function inLanguage<T>(value: T, lang: string): T {
  if (Array.isArray(value)) return value.map((v) => inLanguage(v, lang)) as T;
  if (value === null || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(source)) {
    if (key.startsWith('_')) continue;
    const translated = typeof v === 'string' ? translationOf(source[`_${key}`], lang) : undefined;
    out[key] = translated ?? inLanguage(v, lang);
  }
  return out as T;
}

// One screen: a question with the text shown above it (the group's title, the stem a display
// item gives the questions after it) and the groups it lies in (each may be switched off).
export interface Screen {
  item: Item;
  group: string | null;
  stem: string | null;
  ancestors: Item[];
}

const ASKED = new Set(['boolean', 'decimal', 'integer', 'date', 'dateTime', 'time', 'string', 'text', 'choice', 'open-choice', 'quantity']);

export function screensOf(questionnaire: Questionnaire): Screen[] {
  const screens: Screen[] = [];
  const walk = (items: Item[], group: string | null, ancestors: Item[]) => {
    let stem: string | null = null;
    for (const item of items) {
      if (item.type === 'display') stem = item.text ?? null;
      else if (item.type === 'group') walk(item.item ?? [], item.text ?? group, [...ancestors, item]);
      else if (ASKED.has(item.type) && !item.readOnly) screens.push({ item, group, stem, ancestors });
    }
  };
  walk(questionnaire.item ?? [], null, []);
  return screens;
}

// Whether a screen is asked: its item and every group around it switched on.
export function asked(screen: Screen, answers: Answers): boolean {
  return enabled(screen.item, answers) && screen.ancestors.every((group) => enabled(group, answers));
}

function valueOf(answer: AnswerValue): unknown {
  return (
    answer.valueCoding ?? answer.valueString ?? answer.valueInteger ?? answer.valueDecimal ?? answer.valueBoolean ??
    answer.valueDate ?? answer.valueDateTime ?? answer.valueTime ?? answer.valueQuantity?.value
  );
}

// The answer's value as an input shows it ("" for a coding).
export function inputText(answer: AnswerValue | undefined): string {
  if (!answer) return '';
  if (answer.valueDateTime) return answer.valueDateTime.slice(0, 16);
  if (answer.valueTime) return answer.valueTime.slice(0, 5);
  const value = valueOf(answer);
  return typeof value === 'object' || value === undefined ? '' : String(value);
}

// The answer a typed text makes for an item of a type, or null when it is not one.
export function typedAnswer(type: string, raw: string): AnswerValue | null {
  const number = Number(raw);
  switch (type) {
    case 'integer':
      return Number.isInteger(number) ? { valueInteger: number } : null;
    case 'decimal':
      return Number.isFinite(number) ? { valueDecimal: number } : null;
    case 'quantity':
      return Number.isFinite(number) ? { valueQuantity: { value: number } } : null;
    case 'date':
      return /^\d{4}-\d{2}-\d{2}$/.test(raw) ? { valueDate: raw } : null;
    case 'dateTime': {
      const at = new Date(raw);
      return Number.isNaN(at.getTime()) ? null : { valueDateTime: at.toISOString().replace(/\.\d{3}Z$/, 'Z') };
    }
    case 'time':
      return /^\d{2}:\d{2}$/.test(raw) ? { valueTime: `${raw}:00` } : null;
    default:
      return { valueString: raw };
  }
}

export function sameAnswer(a: AnswerValue, b: AnswerValue): boolean {
  if (a.valueCoding || b.valueCoding) {
    const x = a.valueCoding, y = b.valueCoding;
    // A coding without a system matches by code.
    return !!x && !!y && x.code === y.code && (!x.system || !y.system || x.system === y.system);
  }
  return valueOf(a) === valueOf(b);
}

function conditionAnswer(condition: EnableWhen): AnswerValue {
  for (const [key, value] of Object.entries(condition)) {
    if (key.startsWith('answer')) return { [`value${key.slice(6)}`]: value } as AnswerValue;
  }
  return {};
}

function holds(condition: EnableWhen, answers: Answers): boolean {
  const given = answers.get(condition.question) ?? [];
  if (condition.operator === 'exists') return (given.length > 0) === (condition as { answerBoolean?: boolean }).answerBoolean;
  const expected = conditionAnswer(condition);
  return given.some((answer) => {
    if (condition.operator === '=') return sameAnswer(answer, expected);
    if (condition.operator === '!=') return !sameAnswer(answer, expected);
    const a = valueOf(answer), b = valueOf(expected);
    if (typeof a !== typeof b || (typeof a !== 'number' && typeof a !== 'string')) return false;
    const order = a < (b as typeof a) ? -1 : a > (b as typeof a) ? 1 : 0;
    return condition.operator === '>' ? order > 0 : condition.operator === '<' ? order < 0 : condition.operator === '>=' ? order >= 0 : order <= 0;
  });
}

export function enabled(item: Item, answers: Answers): boolean {
  if (!item.enableWhen?.length) return true;
  const results = item.enableWhen.map((c) => holds(c, answers));
  return item.enableBehavior === 'all' ? results.every(Boolean) : results.some(Boolean);
}

// The options of a choice item: its answerOption, or a contained ValueSet named by #id or url.
export function optionsOf(questionnaire: Questionnaire, item: Item): AnswerValue[] {
  if (item.answerOption?.length) return item.answerOption;
  const ref = item.answerValueSet;
  if (!ref) return [];
  const set = questionnaire.contained?.find((c) => c.resourceType === 'ValueSet' && (`#${c.id}` === ref || c.url === ref));
  if (!set) return [];
  if (set.expansion?.contains?.length) return set.expansion.contains.map((coding) => ({ valueCoding: coding }));
  return (set.compose?.include ?? []).flatMap((include) =>
    (include.concept ?? []).map((concept) => ({ valueCoding: { system: include.system, code: concept.code, display: concept.display } })),
  );
}

export function optionLabel(option: AnswerValue): string {
  if (option.valueCoding) return option.valueCoding.display ?? option.valueCoding.code ?? '';
  return String(valueOf(option) ?? '');
}

// The answers of a stored response, by link id (for resuming a draft).
export function answersOf(response: QuestionnaireResponse): Answers {
  const answers: Answers = new Map();
  const walk = (items: ResponseItem[]) => {
    for (const item of items) {
      if (item.answer?.length) answers.set(item.linkId, item.answer);
      walk(item.item ?? []);
    }
  };
  walk(response.item ?? []);
  return answers;
}

// The response in the questionnaire's nesting, with the answers of enabled items only.
export function responseOf(
  questionnaire: Questionnaire,
  answers: Answers,
  status: QuestionnaireResponse['status'],
  patientId: number,
  authored: Date,
): QuestionnaireResponse {
  const walk = (items: Item[], parentEnabled: boolean): ResponseItem[] =>
    items.flatMap((item): ResponseItem[] => {
      const on = parentEnabled && enabled(item, answers);
      if (!on) return [];
      if (item.type === 'group') {
        const children = walk(item.item ?? [], on);
        return children.length ? [{ linkId: item.linkId, item: children }] : [];
      }
      const given = answers.get(item.linkId);
      return given?.length ? [{ linkId: item.linkId, answer: given }] : [];
    });
  return {
    resourceType: 'QuestionnaireResponse',
    status,
    questionnaire: `Questionnaire/${questionnaire.id}`,
    subject: { reference: `Patient/${patientId}` },
    authored: authored.toISOString().replace(/\.\d{3}Z$/, 'Z'),
    item: walk(questionnaire.item ?? [], true),
  };
}
