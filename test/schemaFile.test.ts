// The committed SDL is what the code builds: run `npm run schema` after changing a resolver.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { printJejakSchema, schemaFilePath } from '../src/graphql/printSchema.js';

describe('schema/schema.graphql', () => {
  it('matches the schema the resolvers build (else run `npm run schema`)', async () => {
    expect(readFileSync(schemaFilePath, 'utf8')).toBe(await printJejakSchema());
  });
});
