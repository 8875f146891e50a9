// Pure: the seed's worked example as data, the same on every run (a seeded generator).
// BPSDM "Provinsi A" trains regional-finance staff from 12 OPD: four weeks of online
// micro-learning with quizzes in Moodle, a three-day face-to-face bootcamp, then two months
// of on-the-job coaching with a check-in every two weeks, and an action plan each. The
// cohort started sixty days ago, so it is in its coaching phase; most learners are on track,
// some lag behind, and a few stopped after the second week.

export interface ExampleSize {
  /** Learners per cohort. */
  learners: number;
  /** Cohorts (angkatan) of the programme; 1 when absent. */
  cohorts?: number;
  /** Extra Moodle page views and answered questions per learner and module (benchmarks). */
  extraStatementsPerModule: number;
}

export const exampleSizes = {
  demo: { learners: 300, extraStatementsPerModule: 0 },
} satisfies Record<string, ExampleSize>;

export const opdNames = [
  'Badan Pengelolaan Keuangan dan Aset Daerah',
  'Badan Perencanaan Pembangunan Daerah',
  'Inspektorat Daerah',
  'Dinas Pendidikan',
  'Dinas Kesehatan',
  'Dinas Pekerjaan Umum dan Penataan Ruang',
  'Dinas Perhubungan',
  'Dinas Sosial',
  'Dinas Pertanian',
  'Dinas Penanaman Modal dan PTSP',
  'Badan Kepegawaian Daerah',
  'Sekretariat Daerah',
];

export const onlineModules = [
  'Minggu 1: Siklus anggaran daerah',
  'Minggu 2: Menyusun RKA-SKPD',
  'Minggu 3: Penatausahaan dan SPJ',
  'Minggu 4: Menindaklanjuti temuan audit',
];

/** How a learner goes through the programme. */
export type Pace = 'ON_TRACK' | 'LAGGING' | 'STOPPED';

export interface ExampleLearner {
  index: number;
  nip: string;
  name: string;
  opd: number;
  pace: Pace;
  /** Best quiz score (0..100) per online module, for the modules they reached. */
  quizScores: number[];
  attendance: ('PRESENT' | 'LATE' | 'ABSENT' | 'EXCUSED')[];
  preTest: number;
  postTest: number;
  survey: number;
  forumPosts: number;
  forumReplies: number;
  checkIns: number;
  stepsDone: number;
}

/** A small, seeded generator (mulberry32): the example is the same on every run. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let value = state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const givenNames = [
  'Budi',
  'Siti',
  'Agus',
  'Dewi',
  'Rina',
  'Hendra',
  'Yuni',
  'Andi',
  'Sri',
  'Eko',
  'Wulan',
  'Fajar',
];
const familyNames = [
  'Santoso',
  'Rahayu',
  'Wibowo',
  'Lestari',
  'Hidayat',
  'Saputra',
  'Kurniawan',
  'Pratama',
  'Handayani',
  'Nugroho',
];

/** A plausible PNS NIP: birth date, appointment month, sex digit, serial. */
function nipOf(index: number, random: () => number): string {
  const year = 1970 + Math.floor(random() * 25);
  const month = 1 + Math.floor(random() * 12);
  const day = 1 + Math.floor(random() * 28);
  const appointed = Math.min(2023, year + 22 + Math.floor(random() * 8));
  const appointedMonth = 1 + Math.floor(random() * 12);
  const sex = random() < 0.5 ? 1 : 2;
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${year}${pad(month, 2)}${pad(day, 2)}${appointed}${pad(appointedMonth, 2)}${sex}${pad((index % 999) + 1, 3)}`;
}

/** One cohort's learners, numbered from `first` (learners of all cohorts have distinct numbers). */
export function exampleLearners(size: ExampleSize, seed = 2026, first = 0): ExampleLearner[] {
  const random = seededRandom(seed);
  const between = (low: number, high: number) => Math.round(low + random() * (high - low));
  return Array.from({ length: size.learners }, (_, position) => {
    const index = first + position;
    const roll = random();
    const pace: Pace = roll < 0.8 ? 'ON_TRACK' : roll < 0.9 ? 'LAGGING' : 'STOPPED';
    const reached = pace === 'ON_TRACK' ? 4 : pace === 'LAGGING' ? 3 : 2;
    const quizScores = Array.from({ length: reached }, () =>
      pace === 'LAGGING' && random() < 0.5 ? between(35, 58) : between(62, 98),
    );
    const attendance = Array.from({ length: 3 }, () => {
      const value = random();
      if (pace === 'STOPPED') return value < 0.5 ? 'ABSENT' : 'EXCUSED';
      return value < 0.85 ? 'PRESENT' : value < 0.95 ? 'LATE' : 'ABSENT';
    }) as ExampleLearner['attendance'];
    const preTest = between(30, 65);
    return {
      index,
      nip: nipOf(index, random),
      name: `${givenNames[index % givenNames.length]} ${familyNames[Math.floor(index / givenNames.length) % familyNames.length]} ${index + 1}`,
      opd: index % opdNames.length,
      pace,
      quizScores,
      attendance,
      preTest,
      postTest: Math.min(100, preTest + (pace === 'STOPPED' ? between(0, 10) : between(10, 40))),
      survey: pace === 'STOPPED' ? between(2, 3) : between(3, 5),
      forumPosts: pace === 'STOPPED' ? 0 : between(0, 2),
      forumReplies: pace === 'STOPPED' ? between(0, 1) : between(1, 6),
      // Check-ins on days 32 and 46; the one of day 60 is due today.
      checkIns: pace === 'STOPPED' ? 1 : 2,
      stepsDone: pace === 'ON_TRACK' ? between(1, 2) : pace === 'LAGGING' ? between(0, 1) : 0,
    };
  });
}

/** The cohort's calendar, counted from its start (sixty days before the run). */
export function exampleCalendar(today: Date) {
  const day = (offset: number) => {
    const date = new Date(
      Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()),
    );
    date.setUTCDate(date.getUTCDate() + offset - 60);
    return date;
  };
  const iso = (offset: number) => day(offset).toISOString().slice(0, 10);
  return {
    day,
    start: iso(0),
    /** Online weeks 1–4: days 0–27; bootcamp: days 29–31; coaching: days 32–92. */
    bootcampDays: [29, 30, 31].map(iso),
    coachingStart: iso(32),
    end: iso(92),
    iso,
  };
}
