// DataLoaders of one GraphQL request: each batches the lookups of one kind that resolvers
// make while a query executes into one SQL query. Lookups go through the caller's
// repositories, so a loader never shows what the caller may not see.
import DataLoader from 'dataloader';
import type { AppServices } from '../appServices.js';
import type { Agency, OrgUnit } from '../domain/agencies/agencyRepository.js';
import type { Person, PersonXapiIdentity } from '../domain/people/peopleRepository.js';
import type { Cohort, Module, Program } from '../domain/programs/programRepository.js';
import type { Attendance, Session } from '../domain/sessions/sessionRepository.js';
import type { Assessment, AssessmentResult } from '../domain/assessments/assessmentRepository.js';
import type { Competency, CompetencyGap } from '../domain/competencies/competencyRepository.js';
import type {
  ActionPlan,
  ActionPlanReview,
  ActionPlanStep,
} from '../domain/actionPlans/actionPlanRepository.js';
import type { CoachingCheckIn, MentorAssignment } from '../domain/mentoring/mentoringRepository.js';
import type { Tenant } from '../domain/tenants/tenantDirectory.js';
import type { Domain } from './domainForViewer.js';
import type { BatchedPage } from '../db/batchedPages.js';
import type { KeysetPage, PageRequest } from '../db/keyset.js';
import type { Enrollment } from '../domain/programs/programRepository.js';
import type { ModuleProgress } from '../domain/progress/progressRepository.js';
import type { EnrollmentActivity } from '../domain/learningRecords/learningRecordRepository.js';
import type { WebhookDelivery } from '../domain/outbox/webhookRepository.js';
import type { Certificate } from '../domain/certificates/certificateRepository.js';
import type { Badge } from '../domain/gamification/badges.js';
import type { SiasnAttempt, SiasnRecord } from '../domain/siasn/siasnRepository.js';
import type { MeetingIdentity, MeetingParticipant } from '../domain/meetings/meetingRepository.js';

export interface Loaders {
  tenantById: DataLoader<string, Tenant | undefined>;
  personById: DataLoader<string, Person | undefined>;
  identitiesByPersonId: DataLoader<string, PersonXapiIdentity[]>;
  agencyById: DataLoader<string, Agency | undefined>;
  orgUnitById: DataLoader<string, OrgUnit | undefined>;
  orgUnitPages: PagesLoader<{ agencyId: string; parentId?: string | null }, OrgUnit>;
  programById: DataLoader<string, Program | undefined>;
  modulesByProgramId: DataLoader<string, Module[]>;
  cohortById: DataLoader<string, Cohort | undefined>;
  enrollmentById: DataLoader<string, Enrollment | undefined>;
  enrollmentPages: PagesLoader<{ cohortId: string; status?: string }, Enrollment>;
  progressByEnrollmentId: DataLoader<string, ModuleProgress[]>;
  activityByEnrollmentId: DataLoader<string, EnrollmentActivity | undefined>;
  deliveriesByMessageId: DataLoader<string, WebhookDelivery[]>;
  siasnAttemptsByRecordId: DataLoader<string, SiasnAttempt[]>;
  siasnRecordByEnrollmentId: DataLoader<string, SiasnRecord | undefined>;
  moduleById: DataLoader<string, Module | undefined>;
  facilitatorIdsByCohortId: DataLoader<string, string[]>;
  sessionById: DataLoader<string, Session | undefined>;
  sessionPages: PagesLoader<{ cohortId: string; from?: Date; until?: Date }, Session>;
  attendancePages: PagesLoader<{ sessionId: string }, Attendance>;
  meetingParticipantPages: PagesLoader<
    { sessionId: string; unmatchedOnly?: boolean },
    MeetingParticipant
  >;
  meetingIdentitiesByPersonId: DataLoader<string, MeetingIdentity[]>;
  assessmentsByModuleId: DataLoader<string, Assessment[]>;
  assessmentById: DataLoader<string, Assessment | undefined>;
  assessmentResultPages: PagesLoader<{ assessmentId: string }, AssessmentResult>;
  enrollmentResultPages: PagesLoader<{ personId: string; cohortId: string }, AssessmentResult>;
  assignmentPages: PagesLoader<{ cohortId: string }, MentorAssignment>;
  checkInsByAssignmentId: DataLoader<string, CoachingCheckIn[]>;
  actionPlansByPersonId: DataLoader<string, ActionPlan[]>;
  actionPlanPages: PagesLoader<{ cohortId: string }, ActionPlan>;
  stepsByPlanId: DataLoader<string, ActionPlanStep[]>;
  reviewsByPlanId: DataLoader<string, ActionPlanReview[]>;
  competencyById: DataLoader<string, Competency | undefined>;
  competenciesByProgramId: DataLoader<string, Competency[]>;
  personGapPages: PagesLoader<{ personId: string }, CompetencyGap>;
  certificateByEnrollmentId: DataLoader<string, Certificate | undefined>;
  pointsByEnrollmentId: DataLoader<string, number>;
  badgesByEnrollmentId: DataLoader<string, Badge[]>;
}

export function createLoaders(services: AppServices, domain: () => Domain): Loaders {
  return {
    tenantById: new DataLoader(async (ids) => {
      const found = new Map(
        (await services.tenantDirectory.findByIds(ids)).map((tenant) => [tenant.id, tenant]),
      );
      return ids.map((id) => found.get(id));
    }),
    personById: byId((ids) => domain().people.findByIds(ids)),
    agencyById: byId((ids) => domain().agencies.findByIds(ids)),
    orgUnitById: byId((ids) => domain().agencies.orgUnitsByIds(ids)),
    identitiesByPersonId: grouped(
      (ids) => domain().people.identitiesOf(ids),
      (identity) => identity.personId,
    ),
    orgUnitPages: pages((requests) => domain().agencies.orgUnitPages(requests)),
    programById: byId((ids) => domain().programs.programsByIds(ids)),
    modulesByProgramId: grouped(
      (ids) => domain().programs.modulesOfPrograms(ids),
      (module) => module.programId,
    ),
    cohortById: byId((ids) => domain().programs.cohortsByIds(ids)),
    enrollmentById: byId((ids) => domain().programs.enrollmentsByIds(ids)),
    enrollmentPages: pages((requests) => domain().programs.enrollmentPages(requests)),
    progressByEnrollmentId: grouped(
      (ids) => domain().progress.ofEnrollments(ids),
      (row) => row.enrollmentId,
    ),
    activityByEnrollmentId: new DataLoader(async (ids) => {
      const rows = await domain().learningRecords.activityOfEnrollments(ids);
      const found = new Map(rows.map((row) => [row.enrollmentId, row]));
      return ids.map((id) => found.get(id));
    }),
    deliveriesByMessageId: grouped(
      (ids) => domain().webhooks.deliveriesOf(ids),
      (row) => row.messageId,
    ),
    siasnAttemptsByRecordId: grouped(
      (ids) => domain().siasn.attemptsOf(ids),
      (row) => row.recordId,
    ),
    siasnRecordByEnrollmentId: new DataLoader(async (ids) => {
      const found = new Map(
        (await domain().siasn.ofEnrollments(ids)).map((row) => [row.enrollmentId, row]),
      );
      return ids.map((id) => found.get(id));
    }),
    moduleById: byId((ids) => domain().programs.modulesByIds(ids)),
    competencyById: byId((ids) => domain().competencies.byIds(ids)),
    competenciesByProgramId: new DataLoader(async (ids) => {
      const rows = await domain().competencies.ofPrograms(ids);
      return ids.map((id) =>
        rows.filter((row) => row.programId === id).map((row) => row.competency),
      );
    }),
    personGapPages: pages((requests) => domain().competencies.personGapPages(requests)),
    actionPlansByPersonId: grouped(
      (ids) => domain().actionPlans.plansByPersonIds(ids),
      (row) => row.personId,
    ),
    actionPlanPages: pages((requests) => domain().actionPlans.planPagesOfCohorts(requests)),
    stepsByPlanId: grouped(
      (ids) => domain().actionPlans.stepsOfPlans(ids),
      (row) => row.planId,
    ),
    reviewsByPlanId: grouped(
      (ids) => domain().actionPlans.reviewsOfPlans(ids),
      (row) => row.planId,
    ),
    assignmentPages: pages((requests) => domain().mentoring.assignmentPagesOfCohorts(requests)),
    checkInsByAssignmentId: grouped(
      (ids) => domain().mentoring.checkInsOfAssignments(ids),
      (row) => row.assignmentId,
    ),
    assessmentsByModuleId: grouped(
      (ids) => domain().assessments.assessmentsOfModules(ids),
      (row) => row.moduleId,
    ),
    sessionById: byId((ids) => domain().sessions.sessionsByIds(ids)),
    sessionPages: pages((requests) => domain().sessions.sessionPages(requests)),
    assessmentById: byId((ids) => domain().assessments.assessmentsByIds(ids)),
    assessmentResultPages: pages((requests) =>
      domain().assessments.resultPagesOfAssessments(requests),
    ),
    enrollmentResultPages: pages((requests) =>
      domain().assessments.resultPagesOfEnrollments(requests),
    ),
    attendancePages: pages((requests) => domain().sessions.attendancePages(requests)),
    meetingParticipantPages: pages((requests) => domain().meetings.participantPages(requests)),
    meetingIdentitiesByPersonId: grouped(
      (ids) => domain().meetings.identitiesOf(ids),
      (row) => row.personId,
    ),
    certificateByEnrollmentId: new DataLoader(async (ids) => {
      // The valid certificate, else the last one revoked.
      const found = new Map<string, Certificate>();
      for (const row of await domain().certificates.ofEnrollments(ids)) {
        const held = found.get(row.enrollmentId);
        const better =
          held === undefined ||
          (held.revokedAt !== null && (row.revokedAt === null || row.issuedAt > held.issuedAt));
        if (better) found.set(row.enrollmentId, row);
      }
      return ids.map((id) => found.get(id.toLowerCase()));
    }),
    pointsByEnrollmentId: new DataLoader(async (ids) => {
      const rows = await domain().gamification.pointsOfEnrollments(ids);
      const found = new Map(rows.map((row) => [row.enrollmentId, row.points]));
      return ids.map((id) => found.get(id.toLowerCase()) ?? 0);
    }),
    badgesByEnrollmentId: grouped(
      (ids) => domain().gamification.badgesOfEnrollments(ids),
      (badge) => badge.enrollmentId,
    ),
    facilitatorIdsByCohortId: new DataLoader(async (ids) => {
      const rows = await domain().programs.facilitatorIdsOfCohorts(ids);
      return ids.map((id) => rows.filter((row) => row.cohortId === id).map((row) => row.personId));
    }),
  };
}

/** Pages of a nested connection: one per parent and page request, fetched in one query. */
export type PagesLoader<Parent, Row> = DataLoader<Parent & PageRequest, KeysetPage<Row>, string>;

function pages<Parent, Row>(
  load: (requests: readonly (Parent & PageRequest)[]) => Promise<BatchedPage<Row>[]>,
): PagesLoader<Parent, Row> {
  return new DataLoader(load, { cacheKeyFn: (request) => JSON.stringify(request) });
}

function byId<T extends { id: string }>(load: (ids: readonly string[]) => Promise<T[]>) {
  return new DataLoader<string, T | undefined>(async (ids) => {
    const found = new Map((await load(ids)).map((row) => [row.id, row]));
    return ids.map((id) => found.get(id.toLowerCase()));
  });
}

function grouped<T>(load: (ids: readonly string[]) => Promise<T[]>, keyOf: (row: T) => string) {
  return new DataLoader<string, T[]>(async (ids) => {
    const groups = new Map<string, T[]>();
    for (const row of await load(ids)) {
      const key = keyOf(row);
      groups.set(key, [...(groups.get(key) ?? []), row]);
    }
    return ids.map((id) => groups.get(id) ?? []);
  });
}
