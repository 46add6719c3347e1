import { describe, expect, it } from 'vitest';
import { dictionary, label, setLanguage } from '../src/i18n';
import {
  MIN_PASSWORD, ROLES, type User, newPasswordProblem, newUserProblem, orderedUsers, passwordProblem, passwordRefusal,
  roleScopeChange, scopeNodes,
} from '../src/model/users';
import { NODES, node } from './fixtures';

const user = (over: Partial<User> & { username: string }): User => ({
  role: 'operator', scope: 'xh-bs-sg', displayName: null, disabled: false, disabledAt: null, ...over,
});

describe('user accounts', () => {
  /** The page's minimum is the hub's, counted the same way, so nothing is sent that the hub would refuse as short. */
  it('GIVEN passwords around the minimum THEN 11 characters are refused and 12 accepted, also in Chinese', () => {
    expect(MIN_PASSWORD).toBe(12);
    expect(passwordProblem('a'.repeat(11))).toBe('password.short');
    expect(passwordProblem('a'.repeat(12))).toBeNull();
    expect(passwordProblem('密码密码密码密码密码密码')).toBeNull();
    expect(passwordProblem('')).toBe('password.short');
  });

  /** One's own new password is checked for length first, then the repeat, then that it differs from the current one. */
  it('GIVEN a new password WHEN short, mistyped or unchanged THEN the matching problem; otherwise none', () => {
    expect(newPasswordProblem('old-password-1', 'short', 'short')).toBe('password.short');
    expect(newPasswordProblem('old-password-1', 'new-password-12', 'new-password-13')).toBe('password.mismatch');
    expect(newPasswordProblem('same-password-1', 'same-password-1', 'same-password-1')).toBe('password.same');
    expect(newPasswordProblem('old-password-1', 'new-password-12', 'new-password-12')).toBeNull();
  });

  /** A new user needs a name the hub accepts, a long enough password, and a scope unless they are an admin. */
  it('GIVEN a new user WHEN the name, password or scope is wrong THEN it is caught before sending', () => {
    const ok = { username: 'op-new', password: 'a-long-password', role: 'operator' as const, scope: 'xh-bs-sg', displayName: null };
    expect(newUserProblem(ok)).toBeNull();
    expect(newUserProblem({ ...ok, username: '' })).toBe('username');
    expect(newUserProblem({ ...ok, username: '-op' })).toBe('username');
    expect(newUserProblem({ ...ok, username: 'op new' })).toBe('username');
    expect(newUserProblem({ ...ok, username: 'x'.repeat(65) })).toBe('username');
    expect(newUserProblem({ ...ok, password: 'short' })).toBe('password.short');
    expect(newUserProblem({ ...ok, scope: null })).toBe('scope.required');
    expect(newUserProblem({ ...ok, role: 'admin', scope: null })).toBeNull();
  });

  /** Only what changed is sent, so the audit says what the admin did; a scope-less non-admin never leaves the page. */
  it('GIVEN a user WHEN role or scope are edited THEN only the differences form the change', () => {
    const u = user({ username: 'op-sg' });
    expect(roleScopeChange(u, 'operator', 'xh-bs-sg')).toBe('unchanged');
    expect(roleScopeChange(u, 'responder', 'xh-bs-sg')).toEqual({ role: 'responder' });
    expect(roleScopeChange(u, 'operator', 'xh-bs')).toEqual({ scope: 'xh-bs' });
    expect(roleScopeChange(u, 'operator', null)).toBe('scope.required');
    expect(roleScopeChange(u, 'admin', null)).toEqual({ role: 'admin', scope: null });
  });

  /** Scopes are offered as the grid's tree (parents before children, indented by depth), without single flats. */
  it('GIVEN the grid nodes THEN scopes come in tree order with their depth and flats are left out', () => {
    const withPaths = NODES.map((n) => node(n.id, n.kind, n.parent, n.name)).map((n) => ({ ...n, path: pathOf(n.id) }));
    const scopes = scopeNodes(withPaths);
    expect(scopes.map((s) => s.node.id)).toEqual(['xh', 'xh-bs', 'xh-bs-sg', 'xh-bs-sg-g1', 'bldg-7', 'bldg-8', 'xh-yq']);
    expect(scopes.map((s) => s.depth)).toEqual([0, 1, 2, 3, 4, 4, 1]);
  });

  /** Enabled accounts come first by name; disabled ones (kept forever, cases name them) go to the end. */
  it('GIVEN enabled and disabled users THEN enabled first, each group by name', () => {
    const list = [user({ username: 'zz' }), user({ username: 'b', disabled: true }), user({ username: 'admin', role: 'admin' }),
      user({ username: 'a', disabled: true })];
    expect(orderedUsers(list).map((u) => u.username)).toEqual(['admin', 'zz', 'a', 'b']);
  });

  /** The hub's refusals of a password change read as what they mean: 403 wrong current password, 429 wait. */
  it('GIVEN the hub refuses a password change THEN 403 is a wrong password, 429 a wait (with its seconds if sent), else its message', () => {
    expect(passwordRefusal(403, 'the current password is not right', {})).toEqual({ kind: 'wrong' });
    expect(passwordRefusal(429, 'too many', { retryAfterS: 300 })).toEqual({ kind: 'wait', seconds: 300 });
    expect(passwordRefusal(429, 'too many', null)).toEqual({ kind: 'wait', seconds: null });
    expect(passwordRefusal(400, "'newPassword' must differ", {})).toEqual({ kind: 'hub', message: "'newPassword' must differ" });
  });

  /** Every role has a name in both languages, the Chinese ones as command centres say them. */
  it('GIVEN every role THEN it has a label in both languages', () => {
    setLanguage('zh-CN');
    expect(ROLES.map((r) => label('role', r))).toEqual(['管理员', '值班员', '网格员', '安装人员']);
    setLanguage('en');
    expect(ROLES.map((r) => label('role', r))).toEqual(['Admin', 'Operator', 'Responder', 'Installer']);
    for (const r of ROLES) expect(dictionary('zh-CN')[`role.${r}`]).not.toBe(dictionary('en')[`role.${r}`]);
  });
});

function pathOf(id: string): string {
  const parent = new Map(NODES.map((n) => [n.id, n.parent]));
  const chain: string[] = [];
  for (let c: string | null | undefined = id; c; c = parent.get(c)) chain.unshift(c);
  return `/${chain.join('/')}/`;
}
