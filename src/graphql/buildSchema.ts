// The GraphQL schema, built from an explicit list of resolvers: a resolver not listed here
// is not served, whatever files exist.
import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { authChecker } from './authChecker.js';
import { AgencyResolver, OrgUnitResolver } from './agencies/agency.resolver.js';
import { HealthResolver } from './health/health.resolver.js';
import {
  ActionPlanResolver,
  ActionPlanReviewResolver,
  CohortActionPlansResolver,
  PersonActionPlansResolver,
} from './actionPlans/actionPlan.resolver.js';
import {
  CompetencyGapResolver,
  CompetencyResolver,
  PersonCompetencyGapsResolver,
  ProgramCompetenciesResolver,
} from './competencies/competency.resolver.js';
import {
  AssessmentResolver,
  AssessmentResultResolver,
  EnrollmentResultsResolver,
  ModuleAssessmentsResolver,
} from './assessments/assessment.resolver.js';
import {
  CohortMentoringResolver,
  MentorAssignmentResolver,
} from './mentoring/mentoring.resolver.js';
import { PersonResolver } from './people/person.resolver.js';
import {
  AttendanceResolver,
  CohortSessionsResolver,
  SessionResolver,
} from './sessions/session.resolver.js';
import {
  MeetingParticipantResolver,
  PersonMeetingIdentitiesResolver,
  SessionMeetingResolver,
  ZoomWebhookResolver,
} from './meetings/meeting.resolver.js';
import { CohortResolver } from './programs/cohort.resolver.js';
import { EnrollmentResolver } from './programs/enrollment.resolver.js';
import { ModuleResolver, ProgramResolver } from './programs/program.resolver.js';
import { EnrollmentProgressResolver } from './progress/moduleProgress.resolver.js';
import {
  EnrollmentActivityResolver,
  UnknownActorResolver,
} from './learningRecords/learningRecord.resolver.js';
import {
  EnrollmentPointsResolver,
  LeaderboardEntryResolver,
  MyPointsResolver,
  PointRuleResolver,
} from './gamification/gamification.resolver.js';
import { ViewerResolver } from './viewer/viewer.resolver.js';
import {
  CertificateResolver,
  EnrollmentCertificateResolver,
} from './certificates/certificate.resolver.js';
import { OutboxMessageResolver, WebhookResolver } from './outbox/outbox.resolver.js';
import { ErasureResolver } from './erasure/erasure.resolver.js';
import { EnrollmentSiasnResolver, SiasnRecordResolver } from './siasn/siasn.resolver.js';
import {
  AtRiskLearnerResolver,
  CohortDashboardResolver,
  CompetencyMapResolver,
  EvaluationResolver,
  LearnerRecordResolver,
  ModuleFiguresResolver,
  OutcomeIndicatorResolver,
  ParticipationResolver,
  ReactionFigureResolver,
  RiskReasonResolver,
} from './analytics/analytics.resolver.js';

export const resolvers = [
  CertificateResolver,
  EnrollmentCertificateResolver,
  HealthResolver,
  ViewerResolver,
  AgencyResolver,
  OrgUnitResolver,
  PersonResolver,
  ProgramResolver,
  ModuleResolver,
  CohortResolver,
  EnrollmentResolver,
  EnrollmentProgressResolver,
  EnrollmentActivityResolver,
  UnknownActorResolver,
  CohortSessionsResolver,
  SessionResolver,
  AttendanceResolver,
  SessionMeetingResolver,
  MeetingParticipantResolver,
  PersonMeetingIdentitiesResolver,
  ZoomWebhookResolver,
  ModuleAssessmentsResolver,
  AssessmentResolver,
  AssessmentResultResolver,
  EnrollmentResultsResolver,
  CohortMentoringResolver,
  MentorAssignmentResolver,
  PersonActionPlansResolver,
  CohortActionPlansResolver,
  ActionPlanResolver,
  ActionPlanReviewResolver,
  CompetencyResolver,
  CompetencyGapResolver,
  ProgramCompetenciesResolver,
  PersonCompetencyGapsResolver,
  CohortDashboardResolver,
  ModuleFiguresResolver,
  AtRiskLearnerResolver,
  RiskReasonResolver,
  LearnerRecordResolver,
  EvaluationResolver,
  ReactionFigureResolver,
  OutcomeIndicatorResolver,
  CompetencyMapResolver,
  ParticipationResolver,
  WebhookResolver,
  OutboxMessageResolver,
  ErasureResolver,
  PointRuleResolver,
  LeaderboardEntryResolver,
  MyPointsResolver,
  EnrollmentPointsResolver,
  SiasnRecordResolver,
  EnrollmentSiasnResolver,
] as const;

let built: Promise<GraphQLSchema> | undefined;

/** Built once per process: type-graphql's metadata is global, the schema immutable. */
export function jejakSchema(): Promise<GraphQLSchema> {
  built ??= buildSchema({ resolvers, authChecker, validate: false });
  return built;
}
