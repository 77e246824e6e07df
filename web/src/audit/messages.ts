import type { Messages } from '../i18n_types';

// The messages of the audit trail: English, and Swedish with exactly the same keys.
export const en = {
  'audit.title': 'Audit trail',
  'audit.intro': 'Every change and every read of a person’s data, oldest first.',
  'audit.seq': 'No.',
  'audit.time': 'Time',
  'audit.user': 'User',
  'audit.action': 'Action',
  'audit.resource': 'Resource',
  'audit.outcome': 'Outcome',
  'outcome.allowed': 'allowed',
  'outcome.denied': 'denied',
  'outcome.failed': 'failed',
} as const;

export const sv: Messages<typeof en> = {
  'audit.title': 'Loggbok',
  'audit.intro': 'Varje ändring och varje läsning av en persons uppgifter, äldst först.',
  'audit.seq': 'Nr',
  'audit.time': 'Tid',
  'audit.user': 'Användare',
  'audit.action': 'Händelse',
  'audit.resource': 'Resurs',
  'audit.outcome': 'Utfall',
  'outcome.allowed': 'tillåten',
  'outcome.denied': 'nekad',
  'outcome.failed': 'misslyckad',
};
