// LIKE patterns built from a client's search text: its wildcards match only themselves.
export function containing(text: string): string {
  return `%${text.trim().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
