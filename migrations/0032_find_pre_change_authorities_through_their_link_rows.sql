ALTER TABLE "xapi_statement_clocks" ADD COLUMN "authority_links_through" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Statements stored until now have a link row for their authority; those stored from now
-- on have none, and `related_agents` finds them through the credential that wrote them.
-- Each tenant's boundary is its last sequence number: that range starts after it, rather
-- than walk past every older statement a link row already finds (one row per tenant).
UPDATE "xapi_statement_clocks" SET "authority_links_through" = "last_seq";
