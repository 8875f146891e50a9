// `npm run schema`: writes schema/schema.graphql from the code.
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { printJejakSchema, schemaFilePath } from './printSchema.js';

mkdirSync(path.dirname(schemaFilePath), { recursive: true });
writeFileSync(schemaFilePath, await printJejakSchema());
process.stdout.write(`wrote ${path.relative(process.cwd(), schemaFilePath)}\n`);
