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
  createResultRecorder,
  type ResultRecorder,
} from '../domain/assessments/assessmentResults.js';
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
import {
  createProgramCatalogue,
  type ProgramCatalogue,
} from '../domain/programs/programCatalogue.js';
import {
  createCohortAdministration,
  type CohortAdministration,
} from '../domain/programs/cohortAdministration.js';
import {
  createProgressRepository,
  type ProgressRepository,
} from '../domain/progress/progressRepository.js';
import {
  createLearningRecordRepository,
  type LearningRecordRepository,
} from '../domain/learningRecords/learningRecordRepository.js';
import {
  createCohortAnalytics,
  type CohortAnalytics,
} from '../domain/analytics/cohortAnalytics.js';
import { createLearnerRecords, type LearnerRecords } from '../domain/analytics/learnerRecord.js';
import {
  createProgramEvaluation,
  type ProgramEvaluation,
} from '../domain/analytics/programEvaluation.js';
import {
  createTenantAnalytics,
  type TenantAnalytics,
} from '../domain/analytics/tenantAnalytics.js';
import {
  createWebhookRepository,
  type WebhookRepository,
} from '../domain/outbox/webhookRepository.js';
import {
  createCertificateRepository,
  type CertificateRepository,
} from '../domain/certificates/certificateRepository.js';
import {
  createErasureRepository,
  type ErasureRepository,
} from '../domain/erasure/erasureRepository.js';
import {
  createGamification,
  type Gamification,
} from '../domain/gamification/gamificationRepository.js';
import { createSiasnRepository, type SiasnRepository } from '../domain/siasn/siasnRepository.js';
import {
  createMeetingRepository,
  type MeetingRepository,
} from '../domain/meetings/meetingRepository.js';
import { UnauthenticatedError } from '../lib/errors.js';
import type { Viewer } from './context.js';

export interface Domain {
  db: JejakDb;
  actor: Actor;
  people: PeopleRepository;
  agencies: AgencyRepository;
  programs: ProgramRepository;
  catalogue: ProgramCatalogue;
  cohortAdministration: CohortAdministration;
  progress: ProgressRepository;
  learningRecords: LearningRecordRepository;
  cohortAnalytics: CohortAnalytics;
  learnerRecords: LearnerRecords;
  evaluation: ProgramEvaluation;
  tenantAnalytics: TenantAnalytics;
  webhooks: WebhookRepository;
  erasures: ErasureRepository;
  siasn: SiasnRepository;
  sessions: SessionRepository;
  meetings: MeetingRepository;
  assessments: AssessmentRepository;
  results: ResultRecorder;
  mentoring: MentoringRepository;
  actionPlans: ActionPlanRepository;
  competencies: CompetencyRepository;
  certificates: CertificateRepository;
  gamification: Gamification;
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
      // What hangs off a cohort sees what the caller sees of programmes and cohorts.
      const programs = createProgramRepository(db, actor);
      const assessments = createAssessmentRepository(db, actor, programs);
      const people = createPeopleRepository(db, actor);
      const sessions = createSessionRepository(db, actor, programs);
      domain = {
        db,
        actor,
        people,
        agencies: createAgencyRepository(db, actor),
        programs,
        catalogue: createProgramCatalogue(db, actor, programs),
        cohortAdministration: createCohortAdministration(db, actor, programs),
        progress: createProgressRepository(db, actor, programs),
        learningRecords: createLearningRecordRepository(db, actor, programs),
        cohortAnalytics: createCohortAnalytics(db, actor, programs),
        learnerRecords: createLearnerRecords(db, actor),
        evaluation: createProgramEvaluation(db, actor, programs),
        tenantAnalytics: createTenantAnalytics(db, actor),
        webhooks: createWebhookRepository(db, actor, services.config.outbox.webhookKey),
        erasures: createErasureRepository(db, actor),
        siasn: createSiasnRepository(db, actor, services.config.secretsKey),
        sessions,
        meetings: createMeetingRepository(
          db,
          actor,
          viewer.tenant.slug,
          services.config.secretsKey,
          people,
          sessions,
        ),
        assessments,
        results: createResultRecorder(db, actor, programs, assessments),
        mentoring: createMentoringRepository(db, actor, programs),
        actionPlans: createActionPlanRepository(db, actor, programs),
        competencies: createCompetencyRepository(db, actor),
        certificates: createCertificateRepository(db, actor, programs, services.certificateIssuing),
        gamification: createGamification(db, actor, programs),
      };
    }
    return domain;
  };
}
