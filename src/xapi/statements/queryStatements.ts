// Reads statements for GET /statements: one statement by id, or a filtered page in stored
// order. Each filter is a range scan of one index (the link tables repeat the verb so that
// agent + verb and activity + verb stay one scan); pages continue from the last stored
// sequence seen, never by OFFSET.
import { sql, type SQL } from 'drizzle-orm';
import type { JejakDb } from '../../db/client.js';
import { advisoryLockKeys } from '../../db/advisoryLock.js';
import { rawRows } from '../../db/rawRows.js';
import { credentialKeyOfAuthority } from './authority.js';

export interface StatementFilter {
  agentKey?: string;
  verbIri?: string;
  activityIri?: string;
  registration?: string;
  relatedAgents: boolean;
  relatedActivities: boolean;
  /** Exclusive lower bound on `stored`, RFC 3339. */
  since?: string;
  /** Inclusive upper bound on `stored`. */
  until?: string;
}

export interface StatementPageQuery extends StatementFilter {
  tenantId: string;
  /** Set for the statements/read/mine scope: only what this credential wrote. */
  writtenBy?: string;
  ascending: boolean;
  limit: number;
  /** The stored sequence of the last statement of the previous page. */
  afterSeq?: number;
  /** Voided statements too (exports, so that an import can void them again). */
  includeVoided?: boolean;
  /** Only statements stored up to this sequence (an export's consistent cut). */
  throughSeq?: number;
}

export interface StoredStatement {
  seq: number;
  stored: Date;
  /** Whether a voiding statement has voided it (only exports ask for voided statements). */
  voided: boolean;
  /** The statement JSON exactly as stored. */
  payload: string;
}

export async function findStatement(
  db: JejakDb,
  tenantId: string,
  id: string,
  voided: boolean,
  writtenBy?: string,
): Promise<StoredStatement | undefined> {
  const rows = await rawRows<RawStatement>(db, statementByIdSql(tenantId, id, voided, writtenBy));
  return rows.map(toStoredStatement)[0];
}

export function statementByIdSql(
  tenantId: string,
  id: string,
  voided: boolean,
  writtenBy?: string,
): SQL {
  return sql`select seq, stored, voided, payload::text as payload from xapi_statements
        where tenant_id = ${tenantId} and id = ${id} and voided = ${voided}
        ${writtenBy === undefined ? sql`` : sql`and credential_id = ${writtenBy}`}`;
}

/** Up to `limit + 1` statements: the extra one tells the caller another page exists. */
export async function queryStatements(
  db: JejakDb,
  query: StatementPageQuery,
): Promise<StoredStatement[]> {
  return (await rawRows<RawStatement>(db, statementPageSql(query))).map(toStoredStatement);
}

/** The SQL of one page; exported so tests can check every shape's plan uses indexes. */
export function statementPageSql(query: StatementPageQuery): SQL {
  const t = query.tenantId;
  const order = query.ascending ? sql`asc` : sql`desc`;
  const take = query.limit + 1;
  const direct = directMatches(query, take, order);
  const referring = referringMatches(query, take, order);
  const matches = referring === undefined ? direct : sql`(${direct}) union (${referring})`;
  return sql`select s.seq, s.stored, s.voided, s.payload::text as payload
          from (${matches}) m join xapi_statements s on s.tenant_id = ${t} and s.seq = m.seq
          order by s.seq ${order} limit ${take}`;
}

/**
 * The page's bounds on the stored sequence, on the column the driving index orders by
 * (PostgreSQL does not carry an inequality across a join). `since` and `until` become
 * sequence bounds too: statements of a tenant are written one batch at a time, so
 * `stored` never decreases as the sequence grows.
 */
function seqBounds(query: StatementPageQuery, seq: SQL): SQL {
  const t = query.tenantId;
  const parts: SQL[] = [];
  // A subquery, so PostgreSQL computes it once per query (see migration 0030).
  const lastSeqStoredBy = (instant: string) =>
    sql`(select xapi_last_seq_stored_by(${t}::uuid, ${instant}::timestamptz))`;
  if (query.since !== undefined) parts.push(sql`and ${seq} > ${lastSeqStoredBy(query.since)}`);
  if (query.until !== undefined) parts.push(sql`and ${seq} <= ${lastSeqStoredBy(query.until)}`);
  if (query.afterSeq !== undefined) {
    parts.push(
      query.ascending ? sql`and ${seq} > ${query.afterSeq}` : sql`and ${seq} < ${query.afterSeq}`,
    );
  }
  if (query.throughSeq !== undefined) parts.push(sql`and ${seq} <= ${query.throughSeq}`);
  if (query.writtenBy !== undefined) parts.push(sql`and s.credential_id = ${query.writtenBy}`);
  return sql.join(parts, sql` `);
}

/**
 * Statements matching the filter themselves, driven by the most selective index.
 *
 * The link tables are keyed by key, then `direct`, then sequence: a key's direct rows are one
 * range in stored order, and all of its rows (related_agents, related_activities) are two.
 * PostgreSQL 15 does not merge two ranges of a boolean key column in order by itself (asked
 * for both at once, it reads every row of the key and sorts them), so a related driver runs
 * as two queries, one per range, each taking the page from its own, and the page is taken
 * from the two (three for a credential's agent: see writtenByAuthority).
 */
function directMatches(query: StatementPageQuery, take: number, order: SQL): SQL {
  const relatedDriver =
    query.agentKey !== undefined
      ? query.relatedAgents
      : query.activityIri !== undefined && query.relatedActivities;
  if (!relatedDriver) return directMatchesOf(query, take, order, sql`d.direct`);
  const ranges = [
    directMatchesOf(query, take, order, sql`d.direct`),
    directMatchesOf(query, take, order, sql`not d.direct`),
  ];
  const written =
    query.agentKey !== undefined && query.relatedAgents
      ? writtenByAuthority(query, take, order, query.agentKey)
      : undefined;
  if (written !== undefined) ranges.push(written);
  return sql`select seq from (${sql.join(
    ranges.map((range) => sql`(${range})`),
    sql` union all `,
  )}) ranges order by seq ${order} limit ${take}`;
}

/**
 * With related_agents, the agent is also the authority of every statement its credential
 * wrote, which have no link row for it (see statementRows.ts): when the agent is a
 * credential's, a third range is that credential's statements in stored order, less those
 * a link row for the agent already finds (it is their actor too). It starts after the
 * statements stored while authorities had link rows (`authority_links_through`, migration
 * 0032): the link ranges find those, and this one would otherwise walk past every one of
 * them to fill a page.
 */
function writtenByAuthority(
  query: StatementPageQuery,
  take: number,
  order: SQL,
  agentKey: string,
): SQL | undefined {
  const credentialKey = credentialKeyOfAuthority(agentKey);
  if (credentialKey === undefined) return undefined;
  const t = query.tenantId;
  const conditions: SQL[] = [
    sql`s.tenant_id = ${t}`,
    sql`s.credential_id = (select c.id from xapi_credentials c
          where c.tenant_id = ${t} and c.key = ${credentialKey})`,
    sql`s.seq > coalesce((select k.authority_links_through from xapi_statement_clocks k
          where k.tenant_id = ${t}), 0)`,
    sql`not exists (select 1 from xapi_statement_agents a
          where a.tenant_id = ${t} and a.agent_key = ${agentKey}
            and ${anyDirectness} and a.seq = s.seq)`,
  ];
  if (query.includeVoided !== true) conditions.push(sql`not s.voided`);
  // The agent is matched: the rest of the filter as on any statement.
  conditions.push(filterOn(sql`s`, query, 'agent'));
  return sql`select s.seq from xapi_statements s where ${sql.join(conditions, sql` and `)}
             ${seqBounds(query, sql`s.seq`)} order by s.seq ${order} limit ${take}`;
}

/** directMatches over the link rows whose `direct` is as `directness` says. */
function directMatchesOf(
  query: StatementPageQuery,
  take: number,
  order: SQL,
  directness: SQL,
): SQL {
  const t = query.tenantId;
  let from: SQL;
  let driver: 'agent' | 'activity' | 'statement';
  if (query.agentKey !== undefined) {
    driver = 'agent';
    from = sql`xapi_statement_agents d join xapi_statements s on s.tenant_id = d.tenant_id and s.seq = d.seq`;
  } else if (query.activityIri !== undefined) {
    driver = 'activity';
    from = sql`xapi_statement_activities d join xapi_statements s on s.tenant_id = d.tenant_id and s.seq = d.seq`;
  } else {
    driver = 'statement';
    from = sql`xapi_statements s`;
  }
  const conditions: SQL[] = [sql`s.tenant_id = ${t}`];
  if (query.includeVoided !== true) conditions.push(sql`not s.voided`);
  if (driver === 'agent') {
    conditions.push(sql`d.tenant_id = ${t} and d.agent_key = ${query.agentKey}`, directness);
    if (query.verbIri !== undefined && !query.relatedAgents) {
      conditions.push(sql`d.verb_iri = ${query.verbIri}`);
    }
  }
  if (driver === 'activity') {
    conditions.push(sql`d.tenant_id = ${t} and d.activity_iri = ${query.activityIri}`, directness);
    if (query.verbIri !== undefined && !query.relatedActivities) {
      conditions.push(sql`d.verb_iri = ${query.verbIri}`);
    }
  }
  conditions.push(filterOn(sql`s`, query, driver));
  const seq = driver === 'statement' ? sql`s.seq` : sql`d.seq`;
  return sql`select s.seq from ${from} where ${sql.join(conditions, sql` and `)}
             ${seqBounds(query, seq)} order by ${seq} ${order} limit ${take}`;
}

/**
 * A link row of any directness, for one statement: the key's two ranges probed at that
 * sequence (without it, PostgreSQL would read the key's rows to find the sequence).
 */
const anyDirectness = sql`a.direct in (true, false)`;

/**
 * Statements that target (by StatementRef, directly or through a chain) a statement that
 * matches the filter also match it (xAPI Communication 2.1.3, "Filter Conditions for
 * StatementRefs"). They carry the keys of every statement down their chain (see
 * inheritTargetKeys.ts): one key drives an index range scan, the others are looked up, on
 * the same statement of the chain, for each row it finds.
 */
function referringMatches(query: StatementPageQuery, take: number, order: SQL): SQL | undefined {
  const t = query.tenantId;
  const wanted: { key: string; direct: boolean }[] = [];
  if (query.agentKey !== undefined) {
    wanted.push({ key: `agent:${query.agentKey}`, direct: !query.relatedAgents });
  }
  if (query.activityIri !== undefined) {
    wanted.push({ key: `activity:${query.activityIri}`, direct: !query.relatedActivities });
  }
  if (query.verbIri !== undefined) wanted.push({ key: `verb:${query.verbIri}`, direct: false });
  if (query.registration !== undefined) {
    wanted.push({ key: `registration:${query.registration}`, direct: false });
  }
  const [driver, ...others] = wanted;
  if (driver === undefined) return undefined;
  const conditions: SQL[] = [
    sql`k.tenant_id = ${t} and k.key = ${driver.key}`,
    driver.direct ? sql`k.direct` : sql`true`,
    query.includeVoided === true ? sql`true` : sql`not s.voided`,
    ...others.map(
      (other) => sql`exists (select 1 from xapi_statement_target_keys o
        where o.tenant_id = ${t} and o.key = ${other.key} and o.seq = k.seq
          and o.source_seq = k.source_seq ${other.direct ? sql`and o.direct` : sql``})`,
    ),
  ];
  // A referring statement can match through several statements of its chain: once.
  return sql`select distinct s.seq from xapi_statement_target_keys k
    join xapi_statements s on s.tenant_id = k.tenant_id and s.seq = k.seq
    where ${sql.join(conditions, sql` and `)} ${seqBounds(query, sql`k.seq`)}
    order by s.seq ${order} limit ${take}`;
}

/** The filter as a predicate on one statement row, minus what the driving index did. */
function filterOn(
  alias: SQL,
  query: StatementFilter,
  driver: 'agent' | 'activity' | 'statement',
): SQL {
  const conditions: SQL[] = [sql`true`];
  if (query.agentKey !== undefined && driver !== 'agent') {
    conditions.push(sql`exists (select 1 from xapi_statement_agents a
      where a.tenant_id = ${alias}.tenant_id and a.agent_key = ${query.agentKey}
        and ${query.relatedAgents ? anyDirectness : sql`a.direct`} and a.seq = ${alias}.seq)`);
  }
  if (query.activityIri !== undefined && !(driver === 'activity')) {
    conditions.push(sql`exists (select 1 from xapi_statement_activities a
      where a.tenant_id = ${alias}.tenant_id and a.activity_iri = ${query.activityIri}
        and ${query.relatedActivities ? anyDirectness : sql`a.direct`} and a.seq = ${alias}.seq)`);
  }
  const verbDoneByDriver =
    (driver === 'agent' && !query.relatedAgents) ||
    (driver === 'activity' && !query.relatedActivities);
  if (query.verbIri !== undefined && !verbDoneByDriver) {
    conditions.push(sql`${alias}.verb_iri = ${query.verbIri}`);
  }
  if (query.registration !== undefined) {
    conditions.push(sql`${alias}.registration = ${query.registration}`);
  }
  return sql.join(conditions, sql` and `);
}

/**
 * A time up to which every statement of the tenant is visible to a read that starts now:
 * the present when no batch is being written (the writers' lock is free), otherwise the
 * newest `stored` already committed, since a batch in flight may commit with an earlier one.
 */
export async function consistentThrough(db: JejakDb, tenantId: string): Promise<Date> {
  const [row] = await rawRows<{ through: string | Date | null }>(
    db,
    sql`select case
          when pg_try_advisory_xact_lock_shared(${advisoryLockKeys.statementWrites}, hashtext(${tenantId}))
            then clock_timestamp()
          else (select last_stored from xapi_statement_clocks where tenant_id = ${tenantId})
        end as through`,
  );
  // One millisecond back: a batch locking in the same millisecond as this read gets the
  // same `stored` and is not visible to it, so only the instant before is promised.
  return row?.through ? new Date(new Date(row.through).getTime() - 1) : new Date(0);
}

interface RawStatement {
  seq: string | number;
  stored: string | Date;
  voided: boolean;
  payload: string;
}

function toStoredStatement(row: RawStatement): StoredStatement {
  return {
    seq: Number(row.seq),
    stored: new Date(row.stored),
    voided: row.voided,
    payload: row.payload,
  };
}
