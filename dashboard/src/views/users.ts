import { ApiError, api, get, post } from '../api';
import type { App } from '../app';
import { h, when } from '../dom';
import { type Key, label, language, t } from '../i18n';
import {
  MIN_PASSWORD, type Problem, ROLES, type Role, type User, isRole, newUserProblem, orderedUsers, passwordProblem,
  roleScopeChange, scopeNodes,
} from '../model/users';

type Editor = { username: string; kind: 'disable' | 'enable' | 'reset' | 'edit' };

const problemText = (p: Problem) => t(`users.problem.${p}` as Key, { n: MIN_PASSWORD });

/**
 * Admins manage user accounts (docs/hub.md, Users): list, create, disable or enable, reset a password, change
 * role and scope. Passwords go to the hub and are wiped from the inputs at once, whatever the answer; the hub's
 * refusals (the last admin, a taken name) are shown as it words them.
 */
export class UsersView {
  readonly el = h('section', { class: 'users', id: 'users', 'aria-labelledby': 'users-title' });
  private users: User[] = [];
  private message = '';
  private status = '';
  private editor: Editor | null = null;
  // the create form is built once so that a refused attempt keeps what was typed (except the password)
  private readonly name = h('input', { id: 'user-name', autocomplete: 'off', required: true, maxlength: 64 });
  private readonly display = h('input', { id: 'user-display', autocomplete: 'off', maxlength: 200 });
  private readonly role = roleSelect('user-role', 'operator');
  private readonly scope: HTMLSelectElement;
  private readonly password = h('input', { id: 'user-password', type: 'password', autocomplete: 'new-password', required: true,
    'aria-describedby': 'user-password-hint' });
  private readonly form: HTMLFormElement;

  constructor(private readonly app: App) {
    this.scope = this.scopeSelect('user-scope', scopeNodes(app.nodes)[0]?.node.id ?? null);
    this.form = h('form', { class: 'form', id: 'user-form', 'aria-labelledby': 'user-form-title' },
      h('h3', { id: 'user-form-title' }, t('users.create')),
      h('p', {}, h('label', { for: 'user-name' }, t('users.username')), this.name),
      h('p', {}, h('label', { for: 'user-display' }, t('users.displayName')), this.display),
      h('p', {}, h('label', { for: 'user-role' }, t('users.role')), this.role),
      h('p', {}, h('label', { for: 'user-scope' }, t('users.scope')), this.scope),
      h('p', {}, h('label', { for: 'user-password' }, t('users.password')), this.password,
        h('small', { id: 'user-password-hint' }, t('users.passwordHint', { n: MIN_PASSWORD }))),
      h('button', { type: 'submit', id: 'user-create' }, t('users.create')));
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.create();
    });
  }

  async load(): Promise<void> {
    try {
      this.users = (await get<{ items: User[] }>('/api/users')).items;
    } catch (e) {
      this.message = e instanceof ApiError && e.status === 403 ? t('error.forbidden') : String(e instanceof Error ? e.message : e);
    }
    this.render();
  }

  private async create(): Promise<void> {
    const body = {
      username: this.name.value.trim(), password: this.password.value, role: this.role.value as Role,
      scope: this.scope.value || null, displayName: this.display.value.trim() || null,
    };
    const problem = newUserProblem(body);
    if (problem) return this.refuse(problemText(problem));
    this.password.value = '';
    try {
      await post<User>('/api/users', body);
      this.done(t('users.done.created', { user: body.username }));
      this.name.value = '';
      this.display.value = '';
    } catch (err) {
      this.refuse(err instanceof ApiError ? err.message : String(err));
    }
    await this.reload();
  }

  private async change(username: string, body: Record<string, unknown>, done: Key): Promise<void> {
    try {
      await api<User>('PATCH', `/api/users/${encodeURIComponent(username)}`, body);
      this.editor = null;
      this.done(t(done, { user: username }));
      // one's own role or scope changed: the header, the navigation and what the page may load change with it
      if (username === this.app.me?.username) await this.app.load();
    } catch (err) {
      this.refuse(err instanceof ApiError ? err.message : String(err));
    }
    await this.reload();
  }

  /** Re-reads the list and puts the keyboard on the outcome, since the element that had the focus was replaced. */
  private async reload(): Promise<void> {
    await this.load();
    this.el.querySelector<HTMLElement>('#users-message, #users-status')?.focus();
  }

  private refuse(message: string): void {
    this.message = message;
    this.status = '';
    this.render();
    this.el.querySelector<HTMLElement>('#users-message')?.focus();
  }

  private done(status: string): void {
    this.status = status;
    this.message = '';
  }

  private open(editor: Editor | null): void {
    const closing = this.editor;
    this.editor = editor;
    this.message = '';
    this.render();
    if (editor) this.el.querySelector<HTMLElement>('[data-edit] input, [data-edit] select, [data-edit] button')?.focus();
    else if (closing) this.el.querySelector<HTMLElement>(`button[data-user="${CSS.escape(closing.username)}"][data-op="${closing.kind}"]`)?.focus();
  }

  private render(): void {
    const lang = language();
    const me = this.app.me?.username;
    const rows = orderedUsers(this.users).flatMap((u) => {
      const row = h('tr', { 'data-username': u.username, 'data-disabled': String(u.disabled) },
        h('td', {}, u.username, u.username === me ? ` ${t('users.you')}` : ''),
        h('td', {}, u.displayName ?? ''),
        h('td', { 'data-role': u.role }, label('role', u.role)),
        h('td', { 'data-scope': u.scope ?? '' }, this.scopeName(u.scope)),
        h('td', { 'data-state': u.disabled ? 'disabled' : 'enabled' },
          u.disabled ? t('users.disabledSince', { at: when(u.disabledAt, lang) }) : t('users.enabled')),
        h('td', { class: 'buttons' },
          // the hub refuses disabling oneself, and resetting one's own password here would end one's own session
          u.username === me ? '' : this.button(u, u.disabled ? 'enable' : 'disable'),
          u.username === me ? '' : this.button(u, 'reset'),
          this.button(u, 'edit')));
      return this.editor?.username === u.username ? [row, this.editorRow(u, this.editor)] : [row];
    });
    this.el.replaceChildren(
      h('h2', { id: 'users-title' }, t('users.title')),
      this.message ? h('p', { class: 'error', role: 'alert', id: 'users-message', tabindex: -1 }, this.message) : '',
      this.status ? h('p', { class: 'done', role: 'status', id: 'users-status', tabindex: -1 }, this.status) : '',
      h('table', { id: 'user-list' },
        h('thead', {}, h('tr', {}, ...(['username', 'displayName', 'role', 'scope', 'state', 'actions'] as const)
          .map((k) => h('th', { scope: 'col' }, t(`users.${k}`))))),
        h('tbody', {}, ...rows)),
      this.form);
  }

  private button(u: User, kind: Editor['kind']): HTMLButtonElement {
    const text = t(({ disable: 'users.disable', enable: 'users.enable', reset: 'users.reset', edit: 'users.edit' } as const)[kind]);
    return h('button', { type: 'button', 'data-user': u.username, 'data-op': kind, 'aria-label': `${text} ${u.username}`,
      'aria-expanded': String(this.editor?.username === u.username && this.editor.kind === kind),
      onclick: () => this.open({ username: u.username, kind }) }, text);
  }

  /** The inline step under a user's row: a confirmation, a new password, or role and scope. Escape cancels it. */
  private editorRow(u: User, editor: Editor): HTMLElement {
    const cancel = h('button', { type: 'button', 'data-cancel': '', onclick: () => this.open(null) }, t('form.cancel'));
    const submit = h('button', { type: 'submit', 'data-confirm': editor.kind }, t('form.submit'));
    const form = h('form', { class: 'form', 'data-edit': editor.kind });
    form.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') this.open(null);
    });
    if (editor.kind === 'disable' || editor.kind === 'enable') {
      form.append(h('p', {}, t(editor.kind === 'disable' ? 'users.confirmDisable' : 'users.confirmEnable', { user: u.username })), submit, cancel);
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        void this.change(u.username, { disabled: editor.kind === 'disable' }, editor.kind === 'disable' ? 'users.done.disabled' : 'users.done.enabled');
      });
    } else if (editor.kind === 'reset') {
      const pw = h('input', { id: 'reset-password', type: 'password', autocomplete: 'new-password', required: true,
        'aria-describedby': 'reset-hint' });
      form.append(h('p', {}, h('label', { for: 'reset-password' }, t('users.newPassword', { user: u.username })), pw,
        h('small', { id: 'reset-hint' }, `${t('users.passwordHint', { n: MIN_PASSWORD })}. ${t('users.resetHint')}`)), submit, cancel);
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        const password = pw.value;
        pw.value = '';
        const problem = passwordProblem(password);
        if (problem) this.refuse(problemText(problem));
        else void this.change(u.username, { password }, 'users.done.reset');
      });
    } else {
      const role = roleSelect('edit-role', u.role);
      const scope = this.scopeSelect('edit-scope', u.scope);
      form.append(h('p', {}, h('label', { for: 'edit-role' }, t('users.role')), role),
        h('p', {}, h('label', { for: 'edit-scope' }, t('users.scope')), scope), submit, cancel);
      form.addEventListener('submit', (e) => {
        e.preventDefault();
        const change = isRole(role.value) ? roleScopeChange(u, role.value, scope.value || null) : 'unchanged';
        if (typeof change === 'string') this.refuse(problemText(change));
        else void this.change(u.username, change, 'users.done.changed');
      });
    }
    return h('tr', { class: 'user-edit', 'data-editing': u.username }, h('td', { colspan: 6 }, form));
  }

  private scopeName(id: string | null): string {
    if (id === null) return t('users.everywhere');
    const n = this.app.nodes.find((x) => x.id === id);
    return n ? `${n.name} (${id})` : id;
  }

  private scopeSelect(id: string, selected: string | null): HTMLSelectElement {
    const known = scopeNodes(this.app.nodes);
    const options = [h('option', { value: '', selected: selected === null }, t('users.wholeGrid')),
      ...known.map(({ node, depth }) => h('option', { value: node.id, selected: node.id === selected },
        `${'\u00a0\u00a0'.repeat(depth)}${node.name} (${node.id})`))];
    // a scope outside the nodes this admin's page knows (e.g. removed from the grid) stays visible and selected
    if (selected !== null && !known.some((k) => k.node.id === selected)) options.push(h('option', { value: selected, selected: true }, selected));
    return h('select', { id }, ...options);
  }
}

function roleSelect(id: string, selected: Role): HTMLSelectElement {
  return h('select', { id }, ...ROLES.map((r) => h('option', { value: r, selected: r === selected }, label('role', r))));
}
