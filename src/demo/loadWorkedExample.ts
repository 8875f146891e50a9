// Loads the worked example into a running Jejak through its public APIs only: GraphQL for
// agencies, people, the programme, cohort, sessions, results, coaching and plans, and the
// xAPI Statement resource for what Moodle sends about the online phase. Used by
// `npm run demo` and by the analytics benchmark.
import type { Role } from '../auth/roles.js';
import {
  exampleCalendar,
  exampleLearners,
  onlineModules,
  opdNames,
  seededRandom,
  type ExampleLearner,
  type ExampleSize,
} from './workedExample.js';

export const moodleSite = 'https://elearning.bpsdm.provinsi-a.go.id';
const courseUrl = `${moodleSite}/course/view.php?id=12`;
const pageUrl = (week: number) => `${moodleSite}/mod/page/view.php?id=${100 + week}`;
const quizUrl = (week: number) => `${moodleSite}/mod/quiz/view.php?id=${200 + week}`;
const forumUrl = `${moodleSite}/mod/forum/discuss.php?d=7`;

export interface Target {
  /** e.g. http://127.0.0.1:8080 */
  baseUrl: string;
  /** A token for a caller of these roles, named by `subject`. */
  token(roles: Role[], subject: string): Promise<string>;
  /** Basic auth of an xAPI credential allowed to write statements. */
  xapiAuthorization: string;
  log?: (line: string) => void;
  /** Told as soon as the first cohort exists, so its dashboard can be watched filling up. */
  onFirstCohort?: (ids: { programId: string; cohortId: string }) => void;
}

export interface LoadedExample {
  /** The first cohort (the only one of the demo). */
  cohortId: string;
  cohortIds: string[];
  programId: string;
  learners: number;
  statements: number;
}

type Json = Record<string, any>;

export async function loadWorkedExample(
  target: Target,
  size: ExampleSize,
  today = new Date(),
): Promise<LoadedExample> {
  const log = target.log ?? (() => {});
  const calendar = exampleCalendar(today);
  const admin = await client(target, ['ADMIN'], 'demo-admin');
  const literal = (value: unknown) => JSON.stringify(value);

  log('agency, OPD, competencies');
  const agencyId = (
    await admin(
      `mutation { createAgency(input: { name: "Pemerintah Provinsi A", siasnId: "A5" }) { id } }`,
    )
  ).createAgency.id as string;
  const opdIds: string[] = [];
  for (const name of opdNames) {
    opdIds.push(
      (
        await admin(
          `mutation { createOrgUnit(input: { agencyId: ${literal(agencyId)}, name: ${literal(name)} }) { id } }`,
        )
      ).createOrgUnit.id,
    );
  }
  const competencyIds: string[] = [];
  for (const [kind, name] of [
    ['TEKNIS', 'Penyusunan RKA-SKPD'],
    ['TEKNIS', 'Penatausahaan keuangan daerah'],
    ['MANAJERIAL', 'Pengambilan keputusan'],
  ] as const) {
    competencyIds.push(
      (
        await admin(
          `mutation { createCompetency(input: { kind: ${kind}, name: ${literal(name)} }) { id } }`,
        )
      ).createCompetency.id,
    );
  }

  log('people');
  const person = (
    name: string,
    nip: string,
    opd: number,
    subject: string | null,
    withMoodle: boolean,
  ) =>
    `createPerson(input: { nip: ${literal(nip)}, employmentType: PNS, name: ${literal(name)},
       orgUnitId: ${literal(opdIds[opd])}, position: "Analis Keuangan", rank: "III/b",
       ${subject ? `subject: ${literal(subject)},` : ''}
       ${withMoodle ? `xapiAccounts: [{ homePage: ${literal(moodleSite)}, name: ${literal(nip)} }]` : ''} }) { id }`;
  const facilitatorIds = (
    await batch(
      admin,
      [1, 2, 3].map((n) =>
        person(`Widyaiswara ${n}`, `19750${n}01200003100${n}`, 11, `widyaiswara-${n}`, false),
      ),
    )
  ).map((entry) => entry.createPerson.id as string);

  log('programme, modules, assessments');
  const programId = (
    await admin(`mutation { createProgram(input: { title: "Pengelolaan Keuangan Daerah", learningKind: NONKLASIKAL,
      siasnJenisDiklatId: 3, organiser: "BPSDM Provinsi A", totalJp: 60, status: RUNNING,
      startDate: ${literal(calendar.start)}, endDate: ${literal(calendar.end)}, activityIris: [${literal(courseUrl)}],
      riskScoreThreshold: 0.6, riskInactiveDays: 14, checkInIntervalDays: 14 }) { id } }`)
  ).createProgram.id as string;
  await admin(
    `mutation { setProgramCompetencies(programId: ${literal(programId)}, competencyIds: ${literal(competencyIds)}) { id } }`,
  );
  const moduleIds: string[] = [];
  const module = async (
    phase: string,
    position: number,
    title: string,
    minutes: number,
    due: number,
    iris: string[],
  ) =>
    (
      await admin(`mutation { createModule(input: { programId: ${literal(programId)}, phase: ${phase}, position: ${position},
        title: ${literal(title)}, expectedMinutes: ${minutes}, dueOffsetDays: ${due}, mediaKinds: ["video", "kuis"],
        activityIris: ${literal(iris)} }) { id } }`)
    ).createModule.id as string;
  for (const [week, title] of onlineModules.entries()) {
    moduleIds.push(
      await module('ONLINE_SELF_PACED', week + 1, title, 180, 7 * (week + 1), [pageUrl(week + 1)]),
    );
  }
  const bootcampId = await module(
    'FACE_TO_FACE',
    5,
    'Bootcamp tatap muka: RKA dan analisis temuan audit',
    1080,
    31,
    [],
  );
  await module('ON_THE_JOB', 6, 'Coaching di OPD', 600, 92, []);
  const assessment = async (
    moduleId: string,
    kind: string,
    title: string,
    max: number,
    pass: number | null,
    iris: string[],
  ) =>
    (
      await admin(`mutation { createAssessment(input: { moduleId: ${literal(moduleId)}, kind: ${kind}, title: ${literal(title)},
        maxScore: ${max}, ${pass === null ? '' : `passingScore: ${pass},`} activityIris: ${literal(iris)} }) { id } }`)
    ).createAssessment.id as string;
  for (const week of [1, 2, 3, 4]) {
    await assessment(moduleIds[week - 1]!, 'FORMATIVE_QUIZ', `Kuis minggu ${week}`, 100, 70, [
      quizUrl(week),
    ]);
  }
  const preTestId = await assessment(bootcampId, 'PRE_TEST', 'Pre-test bootcamp', 100, null, []);
  const postTestId = await assessment(bootcampId, 'POST_TEST', 'Post-test bootcamp', 100, 70, []);
  const surveyId = await assessment(
    bootcampId,
    'REACTION_SURVEY',
    'Survei kepuasan peserta',
    5,
    null,
    [],
  );
  const cohortIds: string[] = [];
  let statementCount = 0;
  for (let cohortNumber = 0; cohortNumber < (size.cohorts ?? 1); cohortNumber += 1) {
    const first = cohortNumber * size.learners;
    const firstMentor = cohortNumber * Math.ceil(size.learners / 10);
    const learners = exampleLearners(size, 2026 + cohortNumber, first);
    log(`cohort ${cohortNumber + 1}: people`);
    const mentorIds = (
      await batch(
        admin,
        Array.from({ length: Math.ceil(learners.length / 10) }, (_, n) => {
          const serial = firstMentor + n + 1;
          return person(
            `Atasan ${serial}`,
            `19${70 + Math.floor(serial / 999)}${String((n % 12) + 1).padStart(2, '0')}15199503${1 + (n % 2)}${String((serial % 999) + 1).padStart(3, '0')}`,
            n % 12,
            `mentor-${serial}`,
            false,
          );
        }),
      )
    ).map((entry) => entry.createPerson.id as string);
    const learnerIds = new Map<number, string>();
    (
      await batch(
        admin,
        learners.map((learner) =>
          person(learner.name, learner.nip, learner.opd, `peserta-${learner.index + 1}`, true),
        ),
      )
    ).forEach((entry, n) => learnerIds.set(learners[n]!.index, entry.createPerson.id as string));
    const mentorOf = (learner: ExampleLearner) =>
      mentorIds[Math.floor((learner.index - first) / 10)]!;
    const cohortId = (
      await admin(`mutation { createCohort(input: { programId: ${literal(programId)},
      name: ${literal(`Angkatan ${cohortNumber + 1}`)},
      startDate: ${literal(calendar.start)}, endDate: ${literal(calendar.end)}, capacity: ${learners.length},
      facilitatorIds: ${literal(facilitatorIds)} }) { id } }`)
    ).createCohort.id as string;
    cohortIds.push(cohortId);
    if (cohortNumber === 0) target.onFirstCohort?.({ programId, cohortId });

    log('enrollments');
    const enrollmentIds = new Map<number, string>();
    for (let start = 0; start < learners.length; start += 500) {
      const chunk = learners.slice(start, start + 500);
      const enrolled = await admin(`mutation { enrollPeople(input: { cohortId: ${literal(cohortId)},
      personIds: ${literal(chunk.map((learner) => learnerIds.get(learner.index)))} }) { id } }`);
      (enrolled.enrollPeople as { id: string }[]).forEach((row, n) =>
        enrollmentIds.set(chunk[n]!.index, row.id),
      );
    }

    log(`cohort ${cohortNumber + 1}: Moodle statements of the online phase`);
    const statements = learners.flatMap((learner) => moodleStatementsOf(learner, calendar, size));
    statementCount += statements.length;
    for (let start = 0; start < statements.length; start += 200) {
      const response = await fetch(`${target.baseUrl}/xapi/statements`, {
        method: 'POST',
        headers: {
          authorization: target.xapiAuthorization,
          'x-experience-api-version': '1.0.3',
          'content-type': 'application/json',
        },
        body: JSON.stringify(statements.slice(start, start + 200)),
      });
      if (response.status !== 200)
        throw new Error(`POST /xapi/statements: ${response.status} ${await response.text()}`);
    }

    log(`cohort ${cohortNumber + 1}: bootcamp sessions, attendance, tests, survey`);
    const facilitator = await client(target, ['FACILITATOR'], 'widyaiswara-1');
    const sessionIds: string[] = [];
    for (const [day, date] of calendar.bootcampDays.entries()) {
      sessionIds.push(
        (
          await facilitator(`mutation { createSession(input: { cohortId: ${literal(cohortId)}, moduleId: ${literal(bootcampId)},
        title: ${literal(`Bootcamp hari ${day + 1}`)}, startsAt: ${literal(`${date}T01:00:00Z`)}, endsAt: ${literal(`${date}T09:00:00Z`)},
        place: "Aula BPSDM Provinsi A" }) { id } }`)
        ).createSession.id,
      );
    }
    for (const [day, sessionId] of sessionIds.entries()) {
      for (let start = 0; start < learners.length; start += 500) {
        const records = learners.slice(start, start + 500).map((learner) => ({
          personId: learnerIds.get(learner.index),
          status: learner.attendance[day],
        }));
        await facilitator(`mutation { recordSessionAttendance(input: { sessionId: ${literal(sessionId)},
        records: [${records.map((record) => `{ personId: ${literal(record.personId)}, status: ${record.status} }`).join(', ')}] }) { status } }`);
      }
    }
    const scores = async (
      assessmentId: string,
      score: (learner: ExampleLearner) => number | null,
    ) => {
      const graded = learners.flatMap((learner) => {
        const value = score(learner);
        return value === null ? [] : [{ personId: learnerIds.get(learner.index)!, score: value }];
      });
      for (let start = 0; start < graded.length; start += 500) {
        await facilitator(`mutation { recordAssessmentResults(input: { assessmentId: ${literal(assessmentId)},
        cohortId: ${literal(cohortId)}, results: [${graded
          .slice(start, start + 500)
          .map((entry) => `{ personId: ${literal(entry.personId)}, score: ${entry.score} }`)
          .join(', ')}] }) { id } }`);
      }
    };
    // Those who never came to the bootcamp took no test there either.
    await scores(preTestId, (learner) => (learner.pace === 'STOPPED' ? null : learner.preTest));
    await scores(postTestId, (learner) => (learner.pace === 'STOPPED' ? null : learner.postTest));
    await scores(surveyId, (learner) => (learner.pace === 'STOPPED' ? null : learner.survey));

    // The facilitator marks the bootcamp complete for those there at least two days of three.
    const attendedBootcamp = learners.filter(
      (learner) =>
        learner.attendance.filter((status) => status === 'PRESENT' || status === 'LATE').length >=
        2,
    );
    await facilitator(`mutation { completeModuleForEnrollments(input: { moduleId: ${literal(bootcampId)},
    enrollmentIds: ${literal(attendedBootcamp.map((learner) => enrollmentIds.get(learner.index)))} }) { status } }`);

    log(`cohort ${cohortNumber + 1}: coaching, check-ins, action plans`);
    const assignments = await batch(
      facilitator,
      learners.map(
        (
          learner,
        ) => `assignMentor(input: { cohortId: ${literal(cohortId)}, mentorId: ${literal(mentorOf(learner))},
        menteeId: ${literal(learnerIds.get(learner.index))}, startsOn: ${literal(calendar.coachingStart)}, endsOn: ${literal(calendar.end)} }) { id }`,
      ),
    );
    const random = seededRandom(7);
    for (const [mentorIndex, mentorId] of mentorIds.entries()) {
      const mentor = await client(target, ['MENTOR'], `mentor-${firstMentor + mentorIndex + 1}`);
      const mentees = learners.filter((learner) => mentorOf(learner) === mentorId);
      await batch(
        mentor,
        mentees.flatMap((learner) =>
          Array.from({ length: learner.checkIns }, (_, n) => {
            const rating = learner.pace === 'STOPPED' ? 2 : 3 + Math.floor(random() * 3);
            return `recordCheckIn(input: { assignmentId: ${literal(assignments[learner.index - first]!.assignMentor.id)},
            heldOn: ${literal(calendar.iso(32 + 14 * n))}, channel: ${n % 2 === 0 ? 'IN_PERSON' : 'VIDEO'},
            notes: "Membahas penerapan di OPD", nextSteps: "Lanjutkan rencana aksi", rating: ${rating} }) { id }`;
          }),
        ),
      );
    }
    const plans = await batch(
      admin,
      learners.map(
        (
          learner,
        ) => `createActionPlan(input: { cohortId: ${literal(cohortId)}, personId: ${literal(learnerIds.get(learner.index))},
        goal: "Memangkas waktu penyusunan RKA dan temuan audit prosedural di OPD" }) { id }`,
      ),
    );
    const steps = await batch(
      admin,
      learners.flatMap((learner) =>
        [
          'Menyusun template RKA bersama',
          'Checklist SPJ per bidang',
          'Reviu berjenjang sebelum pengajuan',
        ].map(
          (description, n) =>
            `addActionPlanStep(input: { planId: ${literal(plans[learner.index - first]!.createActionPlan.id)}, description: ${literal(description)},
            dueOn: ${literal(calendar.iso(46 + 14 * n))} }) { id }`,
        ),
      ),
    );
    await batch(
      admin,
      learners.flatMap((learner) =>
        Array.from(
          { length: learner.stepsDone },
          (_, n) =>
            `updateActionPlanStep(input: { stepId: ${literal(steps[(learner.index - first) * 3 + n]!.addActionPlanStep.id)}, status: DONE }) { id }`,
        ),
      ),
    );

    log(`cohort ${cohortNumber + 1}: TNA gaps`);
    await batch(
      admin,
      learners.flatMap((learner) => [
        `recordCompetencyGap(input: { competencyId: ${literal(competencyIds[0])}, personId: ${literal(learnerIds.get(learner.index))},
        currentLevel: 1, requiredLevel: 3, assessedOn: ${literal(calendar.iso(-30))} }) { id }`,
        ...(learner.pace === 'ON_TRACK'
          ? [
              `recordCompetencyGap(input: { competencyId: ${literal(competencyIds[0])}, personId: ${literal(learnerIds.get(learner.index))},
              currentLevel: 3, requiredLevel: 3, assessedOn: ${literal(calendar.iso(60))} }) { id }`,
            ]
          : []),
      ]),
    );
  }

  log('outcome indicators, JP target');
  for (const [opd, name, unit, better, before, after] of [
    [0, 'Waktu menyusun dokumen anggaran', 'hari', 'LOWER', 20, 15],
    [2, 'Temuan audit prosedural', 'temuan', 'LOWER', 10, 6],
    [0, 'Indeks kepuasan internal', 'skala 1–5', 'HIGHER', 3.2, 4.1],
  ] as const) {
    await admin(`mutation { createOutcomeIndicator(input: { programId: ${literal(programId)}, orgUnitId: ${literal(opdIds[opd])},
      name: ${literal(name)}, unit: ${literal(unit)}, better: ${better}, baselineValue: ${before}, baselineOn: ${literal(calendar.iso(-30))},
      followUpValue: ${after}, followUpOn: ${literal(calendar.iso(58))} }) { id } }`);
  }
  await admin(
    `mutation { setJpTarget(input: { year: ${today.getUTCFullYear()}, targetJp: 20, minutesPerJp: 45 }) { year } }`,
  );
  return {
    cohortId: cohortIds[0]!,
    cohortIds,
    programId,
    learners: size.learners * (size.cohorts ?? 1),
    statements: statementCount,
  };
}

/** What Moodle sends about one learner's online weeks, as logstore_xapi shapes it. */
function moodleStatementsOf(
  learner: ExampleLearner,
  calendar: ReturnType<typeof exampleCalendar>,
  size: ExampleSize,
): Json[] {
  const actor = { name: learner.name, account: { homePage: moodleSite, name: learner.nip } };
  const at = (day: number, hour: number, second = 0) => {
    const time = calendar.day(day);
    time.setUTCHours(hour, learner.index % 60, second);
    return time.toISOString();
  };
  const context = (parents: string[]) => ({
    platform: 'Moodle',
    language: 'id',
    contextActivities: {
      parent: [...parents, courseUrl].map((id) => ({ id, objectType: 'Activity' })),
      category: [{ id: moodleSite, objectType: 'Activity' }],
    },
  });
  const statement = (
    verb: string,
    object: string,
    time: string,
    parents: string[],
    result?: Json,
  ): Json => ({
    actor,
    verb: { id: verb, display: { en: verb.split('/').pop() } },
    object: { id: object, objectType: 'Activity' },
    context: context(parents),
    ...(result ? { result } : {}),
    timestamp: time,
  });
  const out: Json[] = [];
  for (const [week, score] of learner.quizScores.entries()) {
    const firstDay = week * 7 + 1 + (learner.index % 3);
    out.push(
      statement('http://id.tincanapi.com/verb/viewed', pageUrl(week + 1), at(firstDay, 2), []),
    );
    for (let extra = 0; extra < size.extraStatementsPerModule; extra += 1) {
      out.push(
        extra % 2 === 0
          ? // Each view a second apart: a statement without an id gets one from its content.
            statement(
              'http://id.tincanapi.com/verb/viewed',
              pageUrl(week + 1),
              at(firstDay, 3 + (extra % 10), extra),
              [],
            )
          : statement(
              'http://adlnet.gov/expapi/verbs/answered',
              `${moodleSite}/mod/quiz/review.php?attempt=${learner.index * 10 + week}&slot=${extra}`,
              at(firstDay + 1, 3 + (extra % 10)),
              [
                `${moodleSite}/mod/quiz/attempt.php?attempt=${learner.index * 10 + week}&cmid=${200 + week + 1}`,
                quizUrl(week + 1),
              ],
              { success: extra % 3 !== 0, response: 'b' },
            ),
      );
    }
    out.push(
      statement(
        'http://adlnet.gov/expapi/verbs/completed',
        `${moodleSite}/mod/quiz/attempt.php?attempt=${learner.index * 10 + week}&cmid=${200 + week + 1}`,
        at(firstDay + 1, 4),
        [quizUrl(week + 1)],
        {
          score: { raw: score, min: 0, max: 100, scaled: score / 100 },
          success: score >= 70,
          completion: true,
          duration: `PT${20 + (learner.index % 25)}M`,
        },
      ),
    );
    // A lagging learner leaves their last module unfinished.
    const finishes = !(learner.pace === 'LAGGING' && week === learner.quizScores.length - 1);
    if (finishes) {
      out.push(
        statement(
          'http://adlnet.gov/expapi/verbs/completed',
          pageUrl(week + 1),
          at(firstDay + 2, 5),
          [],
          { completion: true, duration: 'PT90M' },
        ),
      );
    }
  }
  for (let n = 0; n < learner.forumPosts; n += 1) {
    out.push(
      statement(
        'http://activitystrea.ms/create',
        `${moodleSite}/mod/forum/discuss.php?d=${learner.index * 10 + n}`,
        at(3 + n, 6),
        [],
      ),
    );
  }
  for (let n = 0; n < learner.forumReplies; n += 1) {
    out.push(statement('http://id.tincanapi.com/verb/replied', forumUrl, at(4 + n, 7), []));
  }
  return out;
}

/** A GraphQL caller with a token of these roles; throws on any error. */
async function client(target: Target, roles: Role[], subject: string) {
  const token = await target.token(roles, subject);
  return async (query: string): Promise<Json> => {
    const response = await fetch(`${target.baseUrl}/graphql`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as { data?: Json; errors?: unknown[] };
    if (body.errors !== undefined)
      throw new Error(`GraphQL: ${JSON.stringify(body.errors).slice(0, 500)}`);
    return body.data!;
  };
}

/** Many mutations, 25 to a request as aliases; the answers in order. */
async function batch(call: (query: string) => Promise<Json>, mutations: string[]): Promise<Json[]> {
  const answers: Json[] = [];
  for (let start = 0; start < mutations.length; start += 25) {
    const chunk = mutations.slice(start, start + 25);
    const data = await call(
      `mutation { ${chunk.map((mutation, n) => `m${n}: ${mutation}`).join('\n')} }`,
    );
    chunk.forEach((mutation, n) => {
      answers.push({ [/^\s*(\w+)/.exec(mutation)![1]!]: data[`m${n}`] });
    });
  }
  return answers;
}
