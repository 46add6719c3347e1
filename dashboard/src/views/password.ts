import { ApiError, api } from '../api';
import { h } from '../dom';
import { t } from '../i18n';
import { MIN_PASSWORD, newPasswordProblem, passwordRefusal } from '../model/users';
import { span } from '../model/time';

/**
 * Every signed-in user changes their own password (PUT /api/me/password). This tab stays signed in; the hub ends
 * the user's other sessions. The three inputs are emptied as soon as the request leaves.
 */
export class PasswordView {
  readonly el: HTMLElement;
  private readonly current = h('input', { id: 'pw-current', type: 'password', autocomplete: 'current-password', required: true });
  private readonly next = h('input', { id: 'pw-new', type: 'password', autocomplete: 'new-password', required: true,
    'aria-describedby': 'pw-hint' });
  private readonly repeat = h('input', { id: 'pw-repeat', type: 'password', autocomplete: 'new-password', required: true });
  private readonly error = h('p', { class: 'error', role: 'alert', id: 'pw-error' });
  private readonly status = h('p', { class: 'done', role: 'status', id: 'pw-done' });

  constructor() {
    const form = h('form', { class: 'form', id: 'pw-form', 'aria-labelledby': 'pw-title' },
      h('p', {}, h('label', { for: 'pw-current' }, t('password.current')), this.current),
      h('p', {}, h('label', { for: 'pw-new' }, t('password.new')), this.next,
        h('small', { id: 'pw-hint' }, t('users.passwordHint', { n: MIN_PASSWORD }))),
      h('p', {}, h('label', { for: 'pw-repeat' }, t('password.repeat')), this.repeat),
      h('button', { type: 'submit', id: 'pw-submit' }, t('password.submit')));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.submit();
    });
    this.el = h('section', { class: 'password', id: 'password' }, h('h2', { id: 'pw-title' }, t('password.title')),
      this.error, this.status, form);
  }

  private async submit(): Promise<void> {
    this.error.textContent = '';
    this.status.textContent = '';
    const currentPassword = this.current.value;
    const newPassword = this.next.value;
    const problem = newPasswordProblem(currentPassword, newPassword, this.repeat.value);
    if (problem) {
      this.error.textContent = t(`users.problem.${problem}` as const, { n: MIN_PASSWORD });
      return;
    }
    this.current.value = '';
    this.next.value = '';
    this.repeat.value = '';
    try {
      await api('PUT', '/api/me/password', { currentPassword, newPassword });
      this.status.textContent = t('password.changed');
    } catch (err) {
      const r = err instanceof ApiError ? passwordRefusal(err.status, err.message, err.body) : { kind: 'hub' as const, message: String(err) };
      this.error.textContent = r.kind === 'wrong' ? t('password.wrong')
        : r.kind === 'wait' ? (r.seconds === null ? t('password.waitLater') : t('password.wait', { t: span(r.seconds * 1000) }))
          : r.message;
      this.current.focus();
    }
  }
}
