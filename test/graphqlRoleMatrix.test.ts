// The role matrix of the whole API: every query and mutation of the schema, called by every
// role (and anonymously), is allowed or FORBIDDEN exactly as the table says. Ids are ones no
// row has, so an allowed call ends in NOT_FOUND or BAD_USER_INPUT, never in FORBIDDEN. A
// test also fails when the schema gains a field the table does not list.
import { buildSchema as parseSdl } from 'graphql';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles, type Role } from '../src/auth/roles.js';
import type { Tenant } from '../src/domain/tenants/tenantDirectory.js';
import { codeOf, graphqlAs, tokenFor } from './support/graphqlClient.js';
import { createTestTenant, startTestApp, type TestApp } from './support/testApp.js';

const none = '00000000-0000-4000-8000-000000000000';
const all: Role[] = [...roles];

/** Each operation of the schema, and the roles it is open to (beyond its own checks). */
const operations: Record<string, { query: string; allowed: Role[] | 'anyone' }> = {
  // Queries
  health: { query: `{ health { status } }`, allowed: 'anyone' },
  viewer: { query: `{ viewer { subject } }`, allowed: all },
  me: { query: `{ me { id } }`, allowed: all },
  people: { query: `{ people { nodes { id } } }`, allowed: all },
  person: { query: `{ person(id: "${none}") { id } }`, allowed: all },
  personByNip: { query: `{ personByNip(nip: "198609262015051001") { id } }`, allowed: all },
  agencies: { query: `{ agencies { nodes { id } } }`, allowed: all },
  programs: { query: `{ programs { nodes { id } } }`, allowed: all },
  program: { query: `{ program(id: "${none}") { id } }`, allowed: all },
  cohorts: { query: `{ cohorts { nodes { id } } }`, allowed: all },
  cohort: { query: `{ cohort(id: "${none}") { id } }`, allowed: all },
  competencies: { query: `{ competencies { nodes { id } } }`, allowed: all },
  positionCompetencyGaps: {
    query: `{ positionCompetencyGaps { nodes { id } } }`,
    allowed: ['ADMIN', 'ANALYST', 'FACILITATOR'],
  },
  mentorAssignments: { query: `{ mentorAssignments { nodes { id } } }`, allowed: all },
  cohortDashboard: {
    query: `{ cohortDashboard(cohortId: "${none}") { enrolled } }`,
    allowed: ['ADMIN', 'ANALYST', 'FACILITATOR'],
  },
  atRiskLearners: {
    query: `{ atRiskLearners(cohortId: "${none}") { nodes { reasons { kind } } } }`,
    allowed: ['ADMIN', 'ANALYST', 'FACILITATOR'],
  },
  learnerRecord: {
    query: `{ learnerRecord(personId: "${none}") { personId: __typename } }`,
    allowed: all,
  },
  evaluation: {
    query: `{ evaluation(programId: "${none}") { learning { learners } } }`,
    allowed: ['ADMIN', 'ANALYST', 'FACILITATOR'],
  },
  competencyMap: {
    query: `{ competencyMap(orgUnitId: "${none}") { open } }`,
    allowed: ['ADMIN', 'ANALYST'],
  },
  participationTrend: {
    query: `{ participationTrend(from: "2026-01-01", to: "2026-01-07") { learners } }`,
    allowed: ['ADMIN', 'ANALYST'],
  },
  webhooks: { query: `{ webhooks { nodes { id } } }`, allowed: ['ADMIN'] },
  outboxMessages: { query: `{ outboxMessages { nodes { id } } }`, allowed: ['ADMIN'] },
  erasureAudit: { query: `{ erasureAudit { nodes { id } } }`, allowed: ['ADMIN'] },
  siasnConnection: { query: `{ siasnConnection { baseUrl } }`, allowed: ['ADMIN'] },
  siasnRecords: {
    query: `{ siasnRecords(status: FAILED) { nodes { id attemptLog { attempt } } } }`,
    allowed: ['ADMIN', 'ANALYST'],
  },
  unknownActors: { query: `{ unknownActors { nodes { name } } }`, allowed: ['ADMIN', 'ANALYST'] },
  certificates: { query: `{ certificates { nodes { number } } }`, allowed: all },
  certificate: { query: `{ certificate(number: "X/1") { number } }`, allowed: all },
  certificateQueue: {
    query: `{ certificateQueue { nodes { enrollmentId } } }`,
    allowed: ['ADMIN'],
  },
  certificateTemplate: {
    query: `{ certificateTemplate(programId: "${none}") { numberPattern } }`,
    allowed: ['ADMIN'],
  },
  pointRules: { query: `{ pointRules { nodes { id } } }`, allowed: all },
  cohortLeaderboard: {
    query: `{ cohortLeaderboard(cohortId: "${none}") { nodes { rank } } }`,
    allowed: ['ADMIN', 'ANALYST', 'FACILITATOR'],
  },
  programLeaderboard: {
    query: `{ programLeaderboard(programId: "${none}") { nodes { rank } } }`,
    allowed: ['ADMIN', 'ANALYST'],
  },
  myPoints: { query: `{ myPoints { nodes { points } } }`, allowed: all },
  myLeaderboardPreference: { query: `{ myLeaderboardPreference { optedOut } }`, allowed: all },
  // Mutations
  issueCertificate: {
    query: `mutation { issueCertificate(enrollmentId: "${none}") { number } }`,
    allowed: ['ADMIN'],
  },
  revokeCertificate: {
    query: `mutation { revokeCertificate(number: "X/1", reason: "r") { number } }`,
    allowed: ['ADMIN'],
  },
  setCertificateTemplate: {
    query: `mutation { setCertificateTemplate(programId: "${none}", input: { institution: "x" }) { programId } }`,
    allowed: ['ADMIN'],
  },
  setPointRules: {
    query: `mutation { setPointRules(programId: "${none}", rules: []) { rules } }`,
    allowed: ['ADMIN'],
  },
  resetPointRules: {
    query: `mutation { resetPointRules(programId: "${none}") { rules } }`,
    allowed: ['ADMIN'],
  },
  setLeaderboardOptOut: {
    query: `mutation { setLeaderboardOptOut(optedOut: true) { optedOut } }`,
    allowed: all,
  },
  createWebhook: {
    query: `mutation { createWebhook(input: { url: "ftp://x", topics: ["nudge.at_risk"] }) { secret } }`,
    allowed: ['ADMIN'],
  },
  disableWebhook: {
    query: `mutation { disableWebhook(id: "${none}") { id } }`,
    allowed: ['ADMIN'],
  },
  erasePerson: {
    query: `mutation { erasePerson(id: "${none}", confirmNip: "1") { id } }`,
    allowed: ['ADMIN'],
  },
  configureSiasn: {
    query: `mutation { configureSiasn(input: { baseUrl: "https://siasn.example.go.id", clientToken: "c", ssoToken: "s" }) { baseUrl } }`,
    allowed: ['ADMIN'],
  },
  zoomWebhook: { query: `{ zoomWebhook { path } }`, allowed: ['ADMIN'] },
  configureZoomWebhook: {
    query: `mutation { configureZoomWebhook(secretToken: "abcdefgh12345678") { path } }`,
    allowed: ['ADMIN'],
  },
  importAttendanceReport: {
    query: `mutation { importAttendanceReport(input: { sessionId: "${none}", format: TEAMS, content: "x" }) { written } }`,
    allowed: ['ADMIN', 'FACILITATOR'],
  },
  setSessionMeeting: {
    query: `mutation { setSessionMeeting(input: { sessionId: "${none}", provider: ZOOM, meetingId: "85746065432" }) { id } }`,
    allowed: ['ADMIN', 'FACILITATOR'],
  },
  clearSessionMeeting: {
    query: `mutation { clearSessionMeeting(sessionId: "${none}") { id } }`,
    allowed: ['ADMIN', 'FACILITATOR'],
  },
  matchMeetingParticipant: {
    query: `mutation { matchMeetingParticipant(input: { sessionId: "${none}", participantKey: "name:x", personId: "${none}" }) { name } }`,
    allowed: ['ADMIN', 'FACILITATOR'],
  },
  addMeetingIdentity: {
    query: `mutation { addMeetingIdentity(input: { personId: "${none}", provider: ZOOM, identity: "x@example.go.id" }) { id } }`,
    allowed: ['ADMIN', 'FACILITATOR'],
  },
  removeMeetingIdentity: {
    query: `mutation { removeMeetingIdentity(id: "${none}") }`,
    allowed: ['ADMIN', 'FACILITATOR'],
  },
  syncEnrollmentToSiasn: {
    query: `mutation { syncEnrollmentToSiasn(enrollmentId: "${none}") { id } }`,
    allowed: ['ADMIN'],
  },
  retrySiasnRecord: {
    query: `mutation { retrySiasnRecord(id: "${none}") { id } }`,
    allowed: ['ADMIN'],
  },
  runNudges: {
    query: `mutation { runNudges(cohortId: "${none}") { nudged } }`,
    allowed: ['ADMIN', 'FACILITATOR'],
  },
  setJpTarget: {
    query: `mutation { setJpTarget(input: { year: 1999, targetJp: 20, minutesPerJp: 45 }) { year } }`,
    allowed: ['ADMIN'],
  },
  createOutcomeIndicator: {
    query: `mutation { createOutcomeIndicator(input: { programId: "${none}", orgUnitId: "${none}", name: "x", better: LOWER, baselineValue: 1, baselineOn: "2026-01-01" }) { id } }`,
    allowed: ['ADMIN'],
  },
  updateOutcomeIndicator: {
    query: `mutation { updateOutcomeIndicator(input: { id: "${none}", followUpValue: 1, followUpOn: "2026-06-01" }) { id } }`,
    allowed: ['ADMIN'],
  },
  deleteOutcomeIndicator: {
    query: `mutation { deleteOutcomeIndicator(id: "${none}") }`,
    allowed: ['ADMIN'],
  },
  createAgency: {
    query: `mutation { createAgency(input: { name: "" }) { id } }`,
    allowed: ['ADMIN'],
  },
  updateAgency: {
    query: `mutation { updateAgency(input: { id: "${none}", name: "x" }) { id } }`,
    allowed: ['ADMIN'],
  },
  deleteAgency: { query: `mutation { deleteAgency(id: "${none}") }`, allowed: ['ADMIN'] },
  createOrgUnit: {
    query: `mutation { createOrgUnit(input: { agencyId: "${none}", name: "x" }) { id } }`,
    allowed: ['ADMIN'],
  },
  updateOrgUnit: {
    query: `mutation { updateOrgUnit(input: { id: "${none}", name: "x" }) { id } }`,
    allowed: ['ADMIN'],
  },
  deleteOrgUnit: { query: `mutation { deleteOrgUnit(id: "${none}") }`, allowed: ['ADMIN'] },
  createPerson: {
    query: `mutation { createPerson(input: { nip: "1", employmentType: PNS, name: "x" }) { id } }`,
    allowed: ['ADMIN'],
  },
  updatePerson: {
    query: `mutation { updatePerson(input: { id: "${none}" }) { id } }`,
    allowed: ['ADMIN'],
  },
  createCompetency: {
    query: `mutation { createCompetency(input: { kind: TEKNIS, name: "" }) { id } }`,
    allowed: ['ADMIN'],
  },
  updateCompetency: {
    query: `mutation { updateCompetency(input: { id: "${none}", name: "x" }) { id } }`,
    allowed: ['ADMIN'],
  },
  deleteCompetency: {
    query: `mutation { deleteCompetency(id: "${none}") }`,
    allowed: ['ADMIN'],
  },
  setProgramCompetencies: {
    query: `mutation { setProgramCompetencies(programId: "${none}", competencyIds: []) { id } }`,
    allowed: ['ADMIN'],
  },
  recordCompetencyGap: {
    query: `mutation { recordCompetencyGap(input: { competencyId: "${none}", currentLevel: 1, requiredLevel: 2, assessedOn: "2026-01-01" }) { id } }`,
    allowed: ['ADMIN'],
  },
  updateCompetencyGap: {
    query: `mutation { updateCompetencyGap(input: { id: "${none}", currentLevel: 1 }) { id } }`,
    allowed: ['ADMIN'],
  },
  deleteCompetencyGap: {
    query: `mutation { deleteCompetencyGap(id: "${none}") }`,
    allowed: ['ADMIN'],
  },
  createProgram: {
    query: `mutation { createProgram(input: { title: "", learningKind: KLASIKAL, totalJp: 1 }) { id } }`,
    allowed: ['ADMIN'],
  },
  updateProgram: {
    query: `mutation { updateProgram(input: { id: "${none}" }) { id } }`,
    allowed: ['ADMIN'],
  },
  deleteProgram: { query: `mutation { deleteProgram(id: "${none}") }`, allowed: ['ADMIN'] },
  updateCohort: {
    query: `mutation { updateCohort(input: { id: "${none}" }) { id } }`,
    allowed: ['ADMIN'],
  },
  createModule: {
    query: `mutation { createModule(input: { programId: "${none}", phase: FACE_TO_FACE, position: 1, title: "x", expectedMinutes: 1 }) { id } }`,
    allowed: ['ADMIN'],
  },
  updateModule: {
    query: `mutation { updateModule(input: { id: "${none}", title: "x" }) { id } }`,
    allowed: ['ADMIN'],
  },
  deleteModule: { query: `mutation { deleteModule(id: "${none}") }`, allowed: ['ADMIN'] },
  deleteCohort: { query: `mutation { deleteCohort(id: "${none}") }`, allowed: ['ADMIN'] },
  completeModuleForEnrollments: {
    query: `mutation { completeModuleForEnrollments(input: { moduleId: "${none}", enrollmentIds: ["${none}"] }) { status } }`,
    allowed: ['ADMIN', 'FACILITATOR'],
  },
  completeModule: {
    query: `mutation { completeModule(input: { enrollmentId: "${none}", moduleId: "${none}" }) { status } }`,
    allowed: ['ADMIN', 'FACILITATOR'],
  },
  createCohort: {
    query: `mutation { createCohort(input: { programId: "${none}", name: "x", startDate: "2026-01-01", endDate: "2026-02-01" }) { id } }`,
    allowed: ['ADMIN'],
  },
  enrollPerson: {
    query: `mutation { enrollPerson(input: { cohortId: "${none}", personId: "${none}" }) { id } }`,
    allowed: ['ADMIN'],
  },
  enrollPeople: {
    query: `mutation { enrollPeople(input: { cohortId: "${none}", personIds: ["${none}"] }) { id } }`,
    allowed: ['ADMIN'],
  },
  recordSessionAttendance: {
    query: `mutation { recordSessionAttendance(input: { sessionId: "${none}", records: [{ personId: "${none}", status: PRESENT }] }) { status } }`,
    allowed: ['ADMIN', 'FACILITATOR'],
  },
  updateEnrollmentStatus: {
    query: `mutation { updateEnrollmentStatus(input: { enrollmentId: "${none}", status: COMPLETED }) { id } }`,
    allowed: ['ADMIN', 'FACILITATOR'],
  },
  createSession: {
    query: `mutation { createSession(input: { cohortId: "${none}", title: "x", startsAt: "2026-01-01T00:00:00Z", endsAt: "2026-01-01T01:00:00Z" }) { id } }`,
    allowed: ['ADMIN', 'FACILITATOR'],
  },
  updateSession: {
    query: `mutation { updateSession(input: { id: "${none}", title: "x" }) { id } }`,
    allowed: ['ADMIN', 'FACILITATOR'],
  },
  deleteSession: {
    query: `mutation { deleteSession(id: "${none}") }`,
    allowed: ['ADMIN', 'FACILITATOR'],
  },
  recordAttendance: {
    query: `mutation { recordAttendance(input: { sessionId: "${none}", personId: "${none}", status: PRESENT }) { status } }`,
    allowed: ['ADMIN', 'FACILITATOR'],
  },
  createAssessment: {
    query: `mutation { createAssessment(input: { moduleId: "${none}", kind: POST_TEST, title: "x", maxScore: 10 }) { id } }`,
    allowed: ['ADMIN'],
  },
  updateAssessment: {
    query: `mutation { updateAssessment(input: { id: "${none}", title: "x" }) { id } }`,
    allowed: ['ADMIN'],
  },
  deleteAssessment: {
    query: `mutation { deleteAssessment(id: "${none}") }`,
    allowed: ['ADMIN'],
  },
  recordAssessmentResult: {
    query: `mutation { recordAssessmentResult(input: { assessmentId: "${none}", cohortId: "${none}", personId: "${none}", score: 1 }) { id } }`,
    allowed: ['ADMIN', 'FACILITATOR'],
  },
  recordAssessmentResults: {
    query: `mutation { recordAssessmentResults(input: { assessmentId: "${none}", cohortId: "${none}", results: [{ personId: "${none}", score: 1 }] }) { id } }`,
    allowed: ['ADMIN', 'FACILITATOR'],
  },
  correctAssessmentResult: {
    query: `mutation { correctAssessmentResult(input: { resultId: "${none}", score: 1 }) { id } }`,
    allowed: ['ADMIN', 'FACILITATOR'],
  },
  assignMentor: {
    query: `mutation { assignMentor(input: { cohortId: "${none}", mentorId: "${none}", menteeId: "${none}" }) { id } }`,
    allowed: ['ADMIN', 'FACILITATOR'],
  },
  updateMentorAssignment: {
    query: `mutation { updateMentorAssignment(input: { id: "${none}", endsOn: "2026-03-01" }) { id } }`,
    allowed: ['ADMIN', 'FACILITATOR'],
  },
  deleteMentorAssignment: {
    query: `mutation { deleteMentorAssignment(id: "${none}") }`,
    allowed: ['ADMIN', 'FACILITATOR'],
  },
  recordCheckIn: {
    query: `mutation { recordCheckIn(input: { assignmentId: "${none}", heldOn: "2026-01-01", channel: VIDEO }) { id } }`,
    allowed: ['MENTOR'],
  },
  updateCheckIn: {
    query: `mutation { updateCheckIn(input: { id: "${none}", notes: "x" }) { id } }`,
    allowed: ['MENTOR'],
  },
  createActionPlan: {
    query: `mutation { createActionPlan(input: { cohortId: "${none}", goal: "x" }) { id } }`,
    allowed: ['ADMIN', 'LEARNER'],
  },
  updateActionPlan: {
    query: `mutation { updateActionPlan(input: { planId: "${none}", goal: "x" }) { id } }`,
    allowed: ['ADMIN', 'LEARNER'],
  },
  addActionPlanStep: {
    query: `mutation { addActionPlanStep(input: { planId: "${none}", description: "x" }) { id } }`,
    allowed: ['ADMIN', 'LEARNER'],
  },
  updateActionPlanStep: {
    query: `mutation { updateActionPlanStep(input: { stepId: "${none}", status: DONE }) { id } }`,
    allowed: ['ADMIN', 'LEARNER'],
  },
  deleteActionPlanStep: {
    query: `mutation { deleteActionPlanStep(id: "${none}") }`,
    allowed: ['ADMIN', 'LEARNER'],
  },
  reviewActionPlan: {
    query: `mutation { reviewActionPlan(input: { planId: "${none}", comment: "x" }) { id } }`,
    allowed: ['MENTOR', 'FACILITATOR'],
  },
};

describe('GraphQL role matrix', () => {
  let t: TestApp;
  let tenant: Tenant;
  beforeAll(async () => {
    t = await startTestApp();
    tenant = await createTestTenant(t.database);
  });
  afterAll(async () => t?.close());

  it('lists every query and mutation of the committed schema', () => {
    const schema = parseSdl(readFileSync('schema/schema.graphql', 'utf8'));
    const fields = [
      ...Object.keys(schema.getQueryType()!.getFields()),
      ...Object.keys(schema.getMutationType()!.getFields()),
    ].sort();
    expect(Object.keys(operations).sort()).toEqual(fields);
  });

  for (const role of roles) {
    it(`${role}: each operation is allowed or FORBIDDEN as the table says`, async () => {
      const as = graphqlAs(t, await tokenFor(tenant, [role], `matrix-${role}`));
      for (const [name, { query, allowed }] of Object.entries(operations)) {
        const answer = await as(query);
        const code = codeOf(answer);
        const open = allowed === 'anyone' || allowed.includes(role);
        expect(
          code === 'FORBIDDEN',
          `${role} ${name}: ${answer.errors?.[0]?.message ?? 'ok'}`,
        ).toBe(!open);
        expect(code, `${role} ${name}`).not.toBe('INTERNAL_SERVER_ERROR');
        expect(code, `${role} ${name}`).not.toBe('UNAUTHENTICATED');
      }
    });
  }

  it('anonymous callers get UNAUTHENTICATED everywhere but health', async () => {
    const anonymous = graphqlAs(t, null);
    for (const [name, { query, allowed }] of Object.entries(operations)) {
      const code = codeOf(await anonymous(query));
      expect(code, name).toBe(allowed === 'anyone' ? undefined : 'UNAUTHENTICATED');
    }
  });
});
