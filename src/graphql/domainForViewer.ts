// The domain as one GraphQL caller may use it: its actor and the repositories built for
// it (tenant and visibility fixed at construction). Made once per request, on first use.
import type { AppServices } from '../appServices.js';
import type { JejakDb } from '../db/client.js';
import type { Actor } from '../domain/access/actor.js';
import {
  createAgencyRepository,
  type AgencyRepository,
} from '../domain/agencies/agencyRepository.js';
import {
  createPeopleRepository,
  type PeopleRepository,
} from '../domain/people/peopleRepository.js';
import {
  createProgramRepository,
  type ProgramRepository,
} from '../domain/programs/programRepository.js';
import {
  createSessionRepository,
  type SessionRepository,
} from '../domain/sessions/sessionRepository.js';
import {
  createAssessmentRepository,
  type AssessmentRepository,
} from '../domain/assessments/assessmentRepository.js';
import {
  createMentoringRepository,
  type MentoringRepository,
} from '../domain/mentoring/mentoringRepository.js';
import {
  createActionPlanRepository,
  type ActionPlanRepository,
} from '../domain/actionPlans/actionPlanRepository.js';
import {
  createCompetencyRepository,
  type CompetencyRepository,
} from '../domain/competencies/competencyRepository.js';
import { UnauthenticatedError } from '../lib/errors.js';
import type { Viewer } from './context.js';

export interface Domain {
  db: JejakDb;
  actor: Actor;
  people: PeopleRepository;
  agencies: AgencyRepository;
  programs: ProgramRepository;
  sessions: SessionRepository;
  assessments: AssessmentRepository;
  mentoring: MentoringRepository;
  actionPlans: ActionPlanRepository;
  competencies: CompetencyRepository;
}

export function domainForViewer(services: AppServices, viewer: Viewer | null): () => Domain {
  let domain: Domain | undefined;
  return () => {
    if (viewer === null)
      throw new UnauthenticatedError('this field needs "Authorization: Bearer <JWT>"');
    if (domain === undefined) {
      const db = services.database.db;
      const actor: Actor = {
        tenantId: viewer.tenant.id,
        subject: viewer.subject,
        roles: viewer.roles,
      };
      domain = {
        db,
        actor,
        people: createPeopleRepository(db, actor),
        agencies: createAgencyRepository(db, actor),
        programs: createProgramRepository(db, actor),
        sessions: undefined as unknown as SessionRepository,
        assessments: undefined as unknown as AssessmentRepository,
        mentoring: undefined as unknown as MentoringRepository,
        actionPlans: undefined as unknown as ActionPlanRepository,
        competencies: createCompetencyRepository(db, actor),
      };
      domain.actionPlans = createActionPlanRepository(db, actor, domain.programs);
      domain.mentoring = createMentoringRepository(db, actor, domain.programs);
      domain.sessions = createSessionRepository(db, actor, domain.programs);
      domain.assessments = createAssessmentRepository(db, actor, domain.programs);
    }
    return domain;
  };
}
