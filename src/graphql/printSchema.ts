// The SDL committed as schema/schema.graphql: sorted, so it diffs by meaning, not by the
// order in which resolvers were registered.
import { fileURLToPath } from 'node:url';
import { lexicographicSortSchema, printSchema } from 'graphql';
import { jejakSchema } from './buildSchema.js';

export const schemaFilePath = fileURLToPath(
  new URL('../../schema/schema.graphql', import.meta.url),
);

const header = '# Generated from src/graphql by `npm run schema`. Do not edit by hand.\n\n';

export async function printJejakSchema(): Promise<string> {
  return header + printSchema(lexicographicSortSchema(await jejakSchema())) + '\n';
}
