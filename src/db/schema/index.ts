// Every table of the database, one file per table family. drizzle-kit reads this folder.
export * from './tenants.js';
export * from './xapiCredentials.js';
export * from './xapiStatements.js';
export * from './xapiDocuments.js';
export * from './people.js';
export * from './programs.js';
export * from './sessions.js';
export * from './assessments.js';
export * from './mentoring.js';
export * from './actionPlans.js';
export * from './competencies.js';
export * from './progress.js';
export * from './learningEvents.js';
export * from './analytics.js';
export * from './outbox.js';
export * from './certificates.js';
export * from './siasn.js';
