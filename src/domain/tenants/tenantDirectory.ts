// The tenants themselves. This is the one repository without a tenant scope: it is where a
// tenant is found (from a token's claim, a CLI flag) before any scoped repository is built.
import { and, asc, eq, gt, inArray, or } from 'drizzle-orm';
import type { JejakDb } from '../../db/client.js';
import { tenants, type TenantRow } from '../../db/schema/index.js';
import { decodeCursor, encodeCursor, type Page } from '../../lib/cursor.js';
import { BadUserInputError, ConflictError } from '../../lib/errors.js';

export type Tenant = Pick<TenantRow, 'id' | 'slug' | 'name' | 'createdAt'>;

export const defaultTenantSlug = 'default';

const slugPattern = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface TenantDirectory {
  /** By id or slug, as a token's `tenant` claim or the CLI's `--tenant` gives it. */
  find(idOrSlug: string): Promise<Tenant | undefined>;
  findByIds(ids: readonly string[]): Promise<Tenant[]>;
  create(input: { slug: string; name: string }): Promise<Tenant>;
  /** Creates the default tenant unless it exists; safe to run from several instances. */
  ensureDefault(): Promise<Tenant>;
  list(page: { after?: string; limit: number }): Promise<Page<Tenant>>;
}

export function createTenantDirectory(db: JejakDb): TenantDirectory {
  const columns = {
    id: tenants.id,
    slug: tenants.slug,
    name: tenants.name,
    createdAt: tenants.createdAt,
  };

  return {
    async find(idOrSlug) {
      const match = uuidPattern.test(idOrSlug)
        ? or(eq(tenants.id, idOrSlug.toLowerCase()), eq(tenants.slug, idOrSlug))
        : eq(tenants.slug, idOrSlug);
      const [row] = await db.select(columns).from(tenants).where(match).limit(1);
      return row;
    },

    async findByIds(ids) {
      const valid = ids.filter((id) => uuidPattern.test(id));
      if (valid.length === 0) return [];
      return db.select(columns).from(tenants).where(inArray(tenants.id, valid));
    },

    async create({ slug, name }) {
      if (!slugPattern.test(slug)) {
        throw new BadUserInputError(
          `tenant slug "${slug}" must be 1-63 lowercase letters, digits or inner hyphens`,
        );
      }
      if (name.trim() === '') throw new BadUserInputError('tenant name must not be empty');
      const [row] = await db
        .insert(tenants)
        .values({ slug, name: name.trim() })
        .onConflictDoNothing({ target: tenants.slug })
        .returning(columns);
      if (row === undefined) throw new ConflictError(`a tenant with slug "${slug}" already exists`);
      return row;
    },

    async ensureDefault() {
      await db
        .insert(tenants)
        .values({ slug: defaultTenantSlug, name: 'Default tenant' })
        .onConflictDoNothing({ target: tenants.slug });
      const [row] = await db
        .select(columns)
        .from(tenants)
        .where(eq(tenants.slug, defaultTenantSlug));
      return row!;
    },

    async list({ after, limit }) {
      const keyset =
        after === undefined
          ? undefined
          : (() => {
              const [slug] = decodeCursor(after, ['string']) as [string];
              return gt(tenants.slug, slug);
            })();
      const rows = await db
        .select(columns)
        .from(tenants)
        .where(and(keyset))
        .orderBy(asc(tenants.slug))
        .limit(limit + 1);
      const items = rows.slice(0, limit);
      const last = items.at(-1);
      return rows.length > limit && last
        ? { items, nextCursor: encodeCursor([last.slug]) }
        : { items };
    },
  };
}
