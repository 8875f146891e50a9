// Opens the database Jejak runs on: PostgreSQL through postgres.js when DATABASE_URL is set,
// otherwise an embedded PGlite persisted in the data folder. Both give one drizzle type.
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import type { DatabaseConfig } from '../config.js';
import type { Logger } from '../lib/logger.js';
import { lockDataDir } from './dataDirLock.js';
import { preparingMarkedQueries } from './preparedStatements.js';
import * as schema from './schema/index.js';

export type JejakDb = PgDatabase<PgQueryResultHKT, typeof schema>;

export interface Database {
  readonly kind: 'pglite' | 'postgres';
  readonly db: JejakDb;
  /** Where the data lives, without credentials: safe to log. */
  readonly location: string;
  /** Resolves when a trivial query succeeds. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** PGlite keeps an in-memory database for this data folder (tests, throwaway runs). */
export const inMemoryDataDir = 'memory://';

/** Told of every SQL statement sent through drizzle: tests count and explain queries with it. */
export interface QueryObserver {
  onQuery(sql: string, params: unknown[]): void;
}

export async function openDatabase(
  config: DatabaseConfig,
  logger: Logger,
  observer?: QueryObserver,
): Promise<Database> {
  return config.kind === 'postgres'
    ? openPostgres(config.url, config.poolSize, logger, observer)
    : openPglite(config.dataDir, observer);
}

function drizzleLogger(observer: QueryObserver | undefined) {
  return observer === undefined
    ? {}
    : {
        logger: {
          logQuery: (sql: string, params: unknown[]) => observer.onQuery(sql, params),
        },
      };
}

async function openPglite(dataDir: string, observer?: QueryObserver): Promise<Database> {
  const inMemory = dataDir === inMemoryDataDir;
  const lock = inMemory ? undefined : lockDataDir(dataDir);
  try {
    const client = await PGlite.create(inMemory ? {} : { dataDir: path.join(dataDir, 'pgdata') });
    const db = drizzlePglite({ client, schema, ...drizzleLogger(observer) }) as unknown as JejakDb;
    return {
      kind: 'pglite',
      db,
      location: inMemory ? 'PGlite in memory' : `PGlite in ${dataDir}`,
      ping: async () => {
        await db.execute(sql`select 1`);
      },
      close: async () => {
        try {
          if (!client.closed) await client.close();
        } finally {
          lock?.release();
        }
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}

function openPostgres(
  url: string,
  poolSize: number,
  logger: Logger,
  observer?: QueryObserver,
): Database {
  const client = postgres(url, {
    max: poolSize,
    connect_timeout: 5,
    idle_timeout: 60,
    connection: { application_name: 'jejak' },
    onnotice: (notice) => logger.debug({ notice: notice.message }, 'postgres notice'),
  });
  const db = drizzlePostgres({
    client: preparingMarkedQueries(client),
    schema,
    ...drizzleLogger(observer),
  }) as unknown as JejakDb;
  return {
    kind: 'postgres',
    db,
    location: describePostgresUrl(url),
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    close: async () => {
      await client.end({ timeout: 5 });
    },
  };
}

/** `postgres://host:port/db`, never the user's password. */
export function describePostgresUrl(url: string): string {
  const parsed = new URL(url);
  return `PostgreSQL at ${parsed.hostname}:${parsed.port || '5432'}${parsed.pathname}`;
}

/**
 * Waits until the database answers, retrying with backoff (0.5 s doubling to 5 s) for up to
 * `waitSeconds`, and logs every failed try. Throws the last error when time is up.
 */
export async function waitForDatabase(
  database: Database,
  waitSeconds: number,
  logger: Logger,
): Promise<void> {
  const deadline = Date.now() + waitSeconds * 1000;
  let delayMs = 500;
  for (let attempt = 1; ; attempt++) {
    try {
      await database.ping();
      if (attempt > 1) logger.info({ attempt }, 'database reachable');
      return;
    } catch (error) {
      const remainingMs = deadline - Date.now();
      logger.warn(
        { attempt, err: errorSummary(error), location: database.location },
        remainingMs > 0 ? 'database unreachable, retrying' : 'database unreachable, giving up',
      );
      if (remainingMs <= 0) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.min(delayMs, remainingMs)));
      delayMs = Math.min(delayMs * 2, 5000);
    }
  }
}

function errorSummary(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return typeof code === 'string' ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
}
