import { ApiError, post, setToken } from '../api';
import { h } from '../dom';
import { t } from '../i18n';

/** The sign-in form; on success it stores the token and hands over. */
export function loginView(onSignedIn: () => void): HTMLElement {
  const user = h('input', { id: 'login-username', name: 'username', autocomplete: 'username', required: true, autofocus: true });
  const pass = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const error = h('p', { class: 'error', role: 'alert', id: 'login-error' });
  const form = h('form', { class: 'login', 'aria-labelledby': 'login-title' },
    h('h1', { id: 'login-title' }, t('app.title')),
    h('h2', {}, t('login.title')),
    h('label', { for: 'login-username' }, t('login.username')), user,
    h('label', { for: 'login-password' }, t('login.password')), pass,
    h('button', { type: 'submit', id: 'login-submit' }, t('login.submit')),
    error);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    error.textContent = '';
    try {
      const r = await post<{ token: string }>('/api/auth/login', { username: user.value, password: pass.value });
      setToken(r.token);
      pass.value = '';
      onSignedIn();
    } catch (err) {
      error.textContent = `${t('login.failed')}: ${err instanceof ApiError ? err.message : String(err)}`;
    }
  });
  return form;
}
