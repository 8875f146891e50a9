// DataLoaders of one GraphQL request: each batches the lookups of one kind that resolvers
// make while a query executes into one SQL query. Lookups go through the caller's
// repositories, so a loader never shows what the caller may not see.
import DataLoader from 'dataloader';
import type { AppServices } from '../appServices.js';
import type { Agency, OrgUnit } from '../domain/agencies/agencyRepository.js';
import type { Person, PersonXapiIdentity } from '../domain/people/peopleRepository.js';
import type { Cohort, Module, Program } from '../domain/programs/programRepository.js';
import type { Attendance } from '../domain/sessions/sessionRepository.js';
import type { Assessment } from '../domain/assessments/assessmentRepository.js';
import type { Competency, CompetencyGap } from '../domain/competencies/competencyRepository.js';
import type {
  ActionPlan,
  ActionPlanReview,
  ActionPlanStep,
} from '../domain/actionPlans/actionPlanRepository.js';
import type { CoachingCheckIn, MentorAssignment } from '../domain/mentoring/mentoringRepository.js';
import type { Tenant } from '../domain/tenants/tenantDirectory.js';
import type { Domain } from './domainForViewer.js';

export interface Loaders {
  tenantById: DataLoader<string, Tenant | undefined>;
  personById: DataLoader<string, Person | undefined>;
  identitiesByPersonId: DataLoader<string, PersonXapiIdentity[]>;
  agencyById: DataLoader<string, Agency | undefined>;
  orgUnitById: DataLoader<string, OrgUnit | undefined>;
  orgUnitsByAgencyId: DataLoader<string, OrgUnit[]>;
  programById: DataLoader<string, Program | undefined>;
  modulesByProgramId: DataLoader<string, Module[]>;
  cohortById: DataLoader<string, Cohort | undefined>;
  facilitatorIdsByCohortId: DataLoader<string, string[]>;
  attendanceBySessionId: DataLoader<string, Attendance[]>;
  assessmentsByModuleId: DataLoader<string, Assessment[]>;
  assignmentsByCohortId: DataLoader<string, MentorAssignment[]>;
  checkInsByAssignmentId: DataLoader<string, CoachingCheckIn[]>;
  actionPlansByPersonId: DataLoader<string, ActionPlan[]>;
  stepsByPlanId: DataLoader<string, ActionPlanStep[]>;
  reviewsByPlanId: DataLoader<string, ActionPlanReview[]>;
  competencyById: DataLoader<string, Competency | undefined>;
  competenciesByProgramId: DataLoader<string, Competency[]>;
  gapsByPersonId: DataLoader<string, CompetencyGap[]>;
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
    orgUnitsByAgencyId: grouped(
      (ids) => domain().agencies.orgUnitsOfAgencies(ids),
      (unit) => unit.agencyId,
    ),
    programById: byId((ids) => domain().programs.programsByIds(ids)),
    modulesByProgramId: grouped(
      (ids) => domain().programs.modulesOfPrograms(ids),
      (module) => module.programId,
    ),
    cohortById: byId((ids) => domain().programs.cohortsByIds(ids)),
    competencyById: byId((ids) => domain().competencies.byIds(ids)),
    competenciesByProgramId: new DataLoader(async (ids) => {
      const rows = await domain().competencies.ofPrograms(ids);
      return ids.map((id) =>
        rows.filter((row) => row.programId === id).map((row) => row.competency),
      );
    }),
    gapsByPersonId: grouped(
      (ids) => domain().competencies.gapsOfPeople(ids),
      (row) => row.personId ?? '',
    ),
    actionPlansByPersonId: grouped(
      (ids) => domain().actionPlans.plansByPersonIds(ids),
      (row) => row.personId,
    ),
    stepsByPlanId: grouped(
      (ids) => domain().actionPlans.stepsOfPlans(ids),
      (row) => row.planId,
    ),
    reviewsByPlanId: grouped(
      (ids) => domain().actionPlans.reviewsOfPlans(ids),
      (row) => row.planId,
    ),
    assignmentsByCohortId: grouped(
      (ids) => domain().mentoring.assignmentsOfCohorts(ids),
      (row) => row.cohortId,
    ),
    checkInsByAssignmentId: grouped(
      (ids) => domain().mentoring.checkInsOfAssignments(ids),
      (row) => row.assignmentId,
    ),
    assessmentsByModuleId: grouped(
      (ids) => domain().assessments.assessmentsOfModules(ids),
      (row) => row.moduleId,
    ),
    attendanceBySessionId: grouped(
      (ids) => domain().sessions.attendanceOfSessions(ids),
      (row) => row.sessionId,
    ),
    facilitatorIdsByCohortId: new DataLoader(async (ids) => {
      const rows = await domain().programs.facilitatorIdsOfCohorts(ids);
      return ids.map((id) => rows.filter((row) => row.cohortId === id).map((row) => row.personId));
    }),
  };
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
