// Pure: the small statistics dashboards show.

/** The median of the values, or null when there are none. */
export function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Counts of scaled scores (0..1) in ten bands: [0, 0.1), [0.1, 0.2), … [0.9, 1]. */
export function scoreBands(scaled: number[]): number[] {
  const bands = Array.from({ length: 10 }, () => 0);
  for (const value of scaled) bands[Math.min(9, Math.max(0, Math.floor(value * 10)))]! += 1;
  return bands;
}

/** part / whole, or null when the whole is 0. */
export function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

/**
 * Check-ins a mentor should have held by `today`: one every `intervalDays` from the start
 * of the assignment (the first on its first day), up to its end.
 */
export function plannedCheckIns(
  startsOn: string,
  endsOn: string | null,
  today: string,
  intervalDays: number,
): number {
  const last = endsOn !== null && endsOn < today ? endsOn : today;
  if (last < startsOn) return 0;
  const days = (Date.parse(`${last}T00:00:00Z`) - Date.parse(`${startsOn}T00:00:00Z`)) / 86_400_000;
  return Math.floor(days / Math.max(1, intervalDays)) + 1;
}
