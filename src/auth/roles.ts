// The roles a GraphQL caller can hold, carried in the `roles` claim of its JWT.

export const roles = ['ADMIN', 'FACILITATOR', 'MENTOR', 'LEARNER', 'ANALYST'] as const;

export type Role = (typeof roles)[number];

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (roles as readonly string[]).includes(value);
}
