// xAPI versions served, chosen per request by the X-Experience-API-Version header.

export const servedVersions = ['1.0.3', '2.0.0'] as const;
export type ServedVersion = (typeof servedVersions)[number];

/** 1.0.0–1.0.3 are served as 1.0.3, 2.0 and 2.0.x as 2.0.0; anything else is not served. */
export function negotiateVersion(header: string | undefined): ServedVersion | undefined {
  if (header === undefined) return undefined;
  const value = header.trim();
  if (/^1\.0(\.[0-3])?$/.test(value)) return '1.0.3';
  if (/^2\.0(\.\d+)?$/.test(value)) return '2.0.0';
  return undefined;
}
