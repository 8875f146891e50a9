// Pure: how long someone attended, as reports write it (`95`, `95 min`, `1h 35m`, `1 hr 35
// min`, `01:35:00`, `2h 59m 46s` from Teams, `1 jam 35 menit`), in milliseconds.

const unitMs: [RegExp, number][] = [
  [/^(?:h|hr|hrs|hour|hours|jam)$/, 3_600_000],
  [/^(?:m|min|mins|minute|minutes|menit)$/, 60_000],
  [/^(?:s|sec|secs|second|seconds|detik)$/, 1_000],
];

/** Milliseconds, or null when the text is no duration. A bare number counts minutes. */
export function readDuration(text: string): number | null {
  const t = text.trim().toLowerCase();
  if (/^\d+(?:[.,]\d+)?$/.test(t)) return Math.round(Number(t.replace(',', '.')) * 60_000);
  const clock = /^(\d+):([0-5]\d)(?::([0-5]\d))?$/.exec(t);
  if (clock) {
    // h:mm or h:mm:ss — spreadsheets write durations as times of day.
    return (Number(clock[1]) * 3600 + Number(clock[2]) * 60 + Number(clock[3] ?? 0)) * 1000;
  }
  const pieces = t.split(/(?<=[a-z])[\s,]*(?=\d)/);
  let total = 0;
  for (const piece of pieces) {
    const match = /^(\d+(?:[.,]\d+)?)\s*([a-z]+)$/.exec(piece.trim());
    const unit = match && unitMs.find(([names]) => names.test(match[2] ?? ''));
    if (!match || !unit) return null;
    total += Number((match[1] ?? '').replace(',', '.')) * unit[1];
  }
  return pieces.length > 0 ? Math.round(total) : null;
}
