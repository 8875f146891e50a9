DROP INDEX "xapi_statement_activities_direct_idx";--> statement-breakpoint
DROP INDEX "xapi_statement_agents_direct_idx";--> statement-breakpoint
ALTER TABLE "xapi_statement_activities" DROP CONSTRAINT "xapi_statement_activities_tenant_id_activity_iri_seq_pk";--> statement-breakpoint
ALTER TABLE "xapi_statement_agents" DROP CONSTRAINT "xapi_statement_agents_tenant_id_agent_key_seq_pk";--> statement-breakpoint
ALTER TABLE "xapi_statement_activities" ADD CONSTRAINT "xapi_statement_activities_tenant_id_activity_iri_direct_seq_pk" PRIMARY KEY("tenant_id","activity_iri","direct","seq");--> statement-breakpoint
ALTER TABLE "xapi_statement_agents" ADD CONSTRAINT "xapi_statement_agents_tenant_id_agent_key_direct_seq_pk" PRIMARY KEY("tenant_id","agent_key","direct","seq");