// Pure: the NIP of a civil servant (PNS), 18 digits = birth date YYYYMMDD, CPNS appointment
// YYYYMM, sex (1 male, 2 female) and a 3-digit serial, e.g. 198609262015051001. PPPK
// numbers have another structure and are only checked to be 18 digits.

export type EmploymentType = 'PNS' | 'PPPK';

export interface NipParts {
  birthDate: string;
  /** YYYY-MM of the CPNS appointment. */
  appointment: string;
  sex: 'MALE' | 'FEMALE';
  serial: number;
}

/** The youngest age at which anyone is appointed CPNS; the oldest a serving PNS can be born. */
const minimumAppointmentAge = 17;
const earliestBirthYear = 1930;

/** The parts of a plausible PNS NIP, or the reason it is not one. */
export function parseNip(nip: string, today = new Date()): NipParts | { problem: string } {
  if (!/^\d{18}$/.test(nip)) return { problem: 'a NIP has exactly 18 digits' };
  const year = Number(nip.slice(0, 4));
  const month = Number(nip.slice(4, 6));
  const day = Number(nip.slice(6, 8));
  const birth = new Date(Date.UTC(year, month - 1, day));
  if (
    birth.getUTCFullYear() !== year ||
    birth.getUTCMonth() !== month - 1 ||
    birth.getUTCDate() !== day
  ) {
    return { problem: `digits 1–8 (${nip.slice(0, 8)}) are not a birth date` };
  }
  if (year < earliestBirthYear || birth > today) {
    return { problem: `the birth date ${nip.slice(0, 8)} is not plausible for a civil servant` };
  }
  const appointmentYear = Number(nip.slice(8, 12));
  const appointmentMonth = Number(nip.slice(12, 14));
  if (appointmentMonth < 1 || appointmentMonth > 12) {
    return { problem: `digits 13–14 (${nip.slice(12, 14)}) are not a month of appointment` };
  }
  const appointed = new Date(Date.UTC(appointmentYear, appointmentMonth - 1, 1));
  if (appointmentYear < year + minimumAppointmentAge || appointed > today) {
    return {
      problem: `the appointment ${nip.slice(8, 14)} is not plausible for someone born in ${year}`,
    };
  }
  const sexDigit = nip[14];
  if (sexDigit !== '1' && sexDigit !== '2') {
    return { problem: 'digit 15 (sex) must be 1 (male) or 2 (female)' };
  }
  const serial = Number(nip.slice(15));
  if (serial === 0) return { problem: 'digits 16–18 (serial) cannot be 000' };
  return {
    birthDate: `${nip.slice(0, 4)}-${nip.slice(4, 6)}-${nip.slice(6, 8)}`,
    appointment: `${nip.slice(8, 12)}-${nip.slice(12, 14)}`,
    sex: sexDigit === '1' ? 'MALE' : 'FEMALE',
    serial,
  };
}

/** Undefined when the number is acceptable for the employment type, else why not. */
export function nipProblem(
  nip: string,
  type: EmploymentType,
  today = new Date(),
): string | undefined {
  if (type === 'PPPK') {
    return /^\d{18}$/.test(nip) ? undefined : 'a PPPK employee number has exactly 18 digits';
  }
  const parsed = parseNip(nip, today);
  return 'problem' in parsed ? parsed.problem : undefined;
}
