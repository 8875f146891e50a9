// Pure: a person's learning hours (JP) in a year against the yearly target. Minutes are
// kept, JP derived (minutes / minutes per JP). A completed programme counts its JP in the
// year it was completed; learning outside any programme (self-paced e-learning, say)
// counts the minutes its statements report. On track: at least the target times the share
// of the year gone by (PP 11/2017 asks 20 JP a year; both figures are settings).

export interface JpSettings {
  targetJp: number;
  minutesPerJp: number;
}

export const defaultJpSettings: JpSettings = { targetJp: 20, minutesPerJp: 45 };

export interface JpYear {
  year: number;
  /** Minutes from completed programmes and from learning outside programmes. */
  programmeMinutes: number;
  otherMinutes: number;
  minutes: number;
  jp: number;
  targetJp: number;
  minutesPerJp: number;
  /** The target times the share of the year gone by (all of it for a past year). */
  expectedJpSoFar: number;
  onTrack: boolean;
}

export function jpYear(
  year: number,
  completedProgrammesJp: number,
  otherMinutes: number,
  settings: JpSettings,
  now: Date,
): JpYear {
  const programmeMinutes = completedProgrammesJp * settings.minutesPerJp;
  const minutes = programmeMinutes + otherMinutes;
  const jp = minutes / settings.minutesPerJp;
  const expectedJpSoFar = settings.targetJp * shareOfYearElapsed(year, now);
  return {
    year,
    programmeMinutes,
    otherMinutes,
    minutes,
    jp,
    targetJp: settings.targetJp,
    minutesPerJp: settings.minutesPerJp,
    expectedJpSoFar,
    onTrack: jp >= expectedJpSoFar,
  };
}

export function shareOfYearElapsed(year: number, now: Date): number {
  const start = Date.UTC(year, 0, 1);
  const end = Date.UTC(year + 1, 0, 1);
  return Math.min(1, Math.max(0, (now.getTime() - start) / (end - start)));
}
