import type { Period } from '../api';

// When a period labelled as the server labels it (analytics::PeriodLabel: a week by its Monday
// "2026-11-30", a month "2026-12", a quarter "2026-Q4") ends, in UTC milliseconds; null for a
// label of another shape (an event's date on a t or g chart).
export function periodEnd(label: string, period: Period): number | null {
  let match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(label);
  if (match && period === 'week') return Date.UTC(+match[1]!, +match[2]! - 1, +match[3]! + 7);
  match = /^(\d{4})-(\d{2})$/.exec(label);
  if (match) return Date.UTC(+match[1]!, +match[2]!, 1);
  match = /^(\d{4})-Q([1-4])$/.exec(label);
  if (match) return Date.UTC(+match[1]!, +match[2]! * 3, 1);
  return null;
}

// Whether a period is still running: its value may yet change, so a reader is told.
export function isPartial(label: string, period: Period, now = Date.now()): boolean {
  const end = periodEnd(label, period);
  return end !== null && now < end;
}

// The community's default minimum cell (DESIGN: counts of 1–4 people are never shown to the
// community): a team's own headline value from fewer is marked, as it rests on few people.
export const MIN_CELL_DEFAULT = 5;
