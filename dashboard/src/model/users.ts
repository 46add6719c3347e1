import type { GridNode } from './types';

/** A user account as the hub lists it (GET /api/users); passwords never come back. */
export interface User {
  username: string; role: Role; scope: string | null; displayName: string | null; disabled: boolean; disabledAt: string | null;
}

/** The hub's roles (io.onegrid.hub.cases.Role), most powerful first. */
export const ROLES = ['admin', 'operator', 'responder', 'installer'] as const;
export type Role = (typeof ROLES)[number];

/** The hub's minimum (Auth.MIN_PASSWORD); both count UTF-16 code units, so the check here agrees with the hub's. */
export const MIN_PASSWORD = 12;

/** The hub's pattern for user names (UserRoutes.NAME). */
const USERNAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** What is wrong with an entry before it is sent: a dictionary key's last part (users.problem.*). */
export type Problem = 'username' | 'password.short' | 'password.mismatch' | 'password.same' | 'scope.required' | 'unchanged';

export function passwordProblem(password: string): Problem | null {
  return password.length < MIN_PASSWORD ? 'password.short' : null;
}

/** One's own new password: long enough, typed twice the same, and not the current one (the hub refuses that too). */
export function newPasswordProblem(current: string, next: string, repeat: string): Problem | null {
  return passwordProblem(next) ?? (next !== repeat ? 'password.mismatch' : null) ?? (next === current ? 'password.same' : null);
}

/** Only admins may see the whole grid; everyone else needs a node. */
export function scopeProblem(role: Role, scope: string | null): Problem | null {
  return role !== 'admin' && !scope ? 'scope.required' : null;
}

export interface NewUser { username: string; password: string; role: Role; scope: string | null; displayName: string | null }

export function newUserProblem(u: NewUser): Problem | null {
  return (USERNAME.test(u.username) ? null : 'username') ?? passwordProblem(u.password) ?? scopeProblem(u.role, u.scope);
}

/**
 * The PATCH body for a change of role and scope: only what differs (so the audit log records what was changed),
 * or a problem when nothing does or the result would be a non-admin without a scope.
 */
export function roleScopeChange(u: User, role: Role, scope: string | null): { role?: Role; scope?: string | null } | Problem {
  const problem = scopeProblem(role, scope);
  if (problem) return problem;
  const change: { role?: Role; scope?: string | null } = {};
  if (role !== u.role) change.role = role;
  if (scope !== u.scope) change.scope = scope;
  return Object.keys(change).length === 0 ? 'unchanged' : change;
}

/** Nodes a user can be scoped to, in tree order with their depth: whole areas, not single flats or rooms. */
export function scopeNodes(nodes: GridNode[]): { node: GridNode; depth: number }[] {
  return nodes.filter((n) => n.kind !== 'unit' && n.kind !== 'area')
    .sort((a, b) => a.path.localeCompare(b.path))
    .map((node) => ({ node, depth: Math.max(0, node.path.split('/').filter(Boolean).length - 1) }));
}

/** Enabled accounts first (the ones that matter day to day), then by name. */
export function orderedUsers(users: User[]): User[] {
  return [...users].sort((a, b) => Number(a.disabled) - Number(b.disabled) || a.username.localeCompare(b.username));
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** Why the hub refused one's own password change, as the page tells it (docs/hub.md, PUT /api/me/password). */
export type PasswordRefusal = { kind: 'wrong' } | { kind: 'wait'; seconds: number | null } | { kind: 'hub'; message: string };

export function passwordRefusal(status: number, message: string, body: unknown): PasswordRefusal {
  if (status === 403) return { kind: 'wrong' };
  if (status === 429) {
    const s = (body as { retryAfterS?: unknown } | null)?.retryAfterS;
    return { kind: 'wait', seconds: typeof s === 'number' && s > 0 ? s : null };
  }
  return { kind: 'hub', message };
}
