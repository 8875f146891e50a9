// DataLoaders of one GraphQL request: each batches the lookups of one kind that resolvers
// make while a query executes into one SQL query.
import DataLoader from 'dataloader';
import type { AppServices } from '../appServices.js';
import type { Tenant } from '../domain/tenants/tenantDirectory.js';

export interface Loaders {
  tenantById: DataLoader<string, Tenant | undefined>;
}

export function createLoaders(services: AppServices): Loaders {
  return {
    tenantById: new DataLoader(async (ids) => {
      const found = new Map(
        (await services.tenantDirectory.findByIds(ids)).map((tenant) => [tenant.id, tenant]),
      );
      return ids.map((id) => found.get(id));
    }),
  };
}
