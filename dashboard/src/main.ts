import './style.css';
import { ApiError, get, post, setToken, token, whenUnauthorized } from './api';
import { App } from './app';
import { AlarmSound } from './alarm-sound';
import { h } from './dom';
import { dictionary, label, language, pickLanguage, setLanguage, t, type Lang } from './i18n';
import { Live } from './live';
import { tickCountdowns } from './model/time';
import { caseTypeLabel, placeLabel } from './model/labels';
import { boardView } from './views/board';
import { CaseDetailView } from './views/case-detail';
import { devicesView } from './views/devices';
import { gridView } from './views/grid';
import { KpiView } from './views/kpis';
import { loginView } from './views/login';
import { WebhooksView } from './views/webhooks';
import { ClaimsView } from './views/claims';
import { PasswordView } from './views/password';
import { UsersView } from './views/users';

/**
 * The shell: header with navigation, live indicator, language and layout switches; the alarm banner; and
 * the current view, chosen by the URL hash (#/cases, #/cases/ID, #/grid, #/devices, #/kpis, #/webhooks,
 * #/claims, #/users, #/password), so
 * the back button and a bookmarked wall screen work.
 */
const root = document.getElementById('app')!;
const app = new App();
const sound = new AlarmSound();
const replies = new Map<string, string>();
let detail: CaseDetailView | null = null;
let kpis: KpiView | null = null;
let hooks: WebhooksView | null = null;
let claims: ClaimsView | null = null;
let users: UsersView | null = null;
let password: PasswordView | null = null;
let lastPage: string | undefined;

setLanguage(pickLanguage(localStorage.getItem('onegrid.lang'), navigator.languages));
document.documentElement.lang = language();
document.documentElement.dataset.layout = localStorage.getItem('onegrid.layout') ?? (matchMedia('(min-width: 2400px)').matches ? 'wall' : 'laptop');

const live = new Live((e) => {
  app.apply(e);
  if (e.kind === 'case' && detail && e.data.id === detail.id) detail.onCaseEvent(Number(e.data.version));
}, (connected) => {
  app.live = connected;
  app.changed();
}, () => {
  // the hub refused the stream (EventSource gives no status): a 401 here signs out, anything else retries soon
  get('/api/me').catch((e: unknown) => e).then((e) => {
    if (!(e instanceof ApiError && e.status === 401)) window.setTimeout(() => live.start(), 5000);
  });
});

whenUnauthorized(() => showLogin());
app.onChange(() => render());

function showLogin(): void {
  live.stop();
  // the next user to sign in in this tab must not see the views (and their messages) of the last one
  detail = kpis = hooks = claims = users = password = null;
  sound.set(false);
  document.title = t('app.title');
  root.replaceChildren(loginView(() => {
    sound.unlock();
    void start();
  }));
}

async function start(): Promise<void> {
  await app.load();
  live.start();
  route();
}

function header(): HTMLElement {
  const nav = (hash: string, key: Parameters<typeof t>[0], accesskey: string) =>
    h('a', { href: hash, 'aria-current': location.hash.startsWith(hash) ? 'page' : null, 'data-key': accesskey }, t(key));
  const isAdmin = app.me?.role === 'admin';
  const claimsRole = isAdmin || app.me?.role === 'installer';
  return h('header', {},
    h('h1', {}, t('app.title')),
    h('nav', { 'aria-label': 'main' }, nav('#/cases', 'nav.board', 'c'), nav('#/grid', 'nav.grid', 'g'),
      nav('#/devices', 'nav.devices', 'd'), nav('#/kpis', 'nav.kpis', 'k'), isAdmin ? nav('#/webhooks', 'nav.webhooks', '') : null,
      claimsRole ? nav('#/claims', 'nav.claims', '') : null, isAdmin ? nav('#/users', 'nav.users', '') : null),
    h('span', { class: `live ${app.live ? 'on' : 'off'}`, id: 'live', role: 'status' }, app.live ? t('live.connected') : t('live.reconnecting')),
    h('button', { type: 'button', id: 'lang', onclick: () => switchLanguage(language() === 'zh-CN' ? 'en' : 'zh-CN') }, t('lang.switch')),
    h('button', { type: 'button', id: 'layout', onclick: toggleLayout },
      document.documentElement.dataset.layout === 'wall' ? t('layout.laptop') : t('layout.wall')),
    h('span', { class: 'user', id: 'user' }, `${app.me?.displayName ?? app.me?.username ?? ''} · ${app.me ? label('role', app.me.role) : ''}`),
    h('a', { href: '#/password', id: 'change-password', 'aria-current': location.hash.startsWith('#/password') ? 'page' : null },
      t('nav.password')),
    h('button', { type: 'button', id: 'logout', onclick: logout }, t('logout')));
}

function banner(): HTMLElement | null {
  const alerting = app.alerting();
  sound.set(alerting.length > 0);
  if (alerting.length === 0) return null;
  return h('div', { class: 'alarm-banner', role: 'alert', id: 'alarm-banner' }, ...alerting.map((c) =>
    h('p', {}, `${t('alert.critical')}: `, h('a', { href: `#/cases/${c.id}` }, `#${c.id} ${caseTypeLabel(c.type)} · ${placeLabel(app.nodes, c)}`), ' ',
      h('button', { type: 'button', 'data-ack': c.id, onclick: () => void app.acknowledge(c.id) }, t('alert.ack')))));
}

const slots = { header: h('div', { id: 'header' }), banner: h('div', { id: 'banner' }), main: h('main', { id: 'main', tabindex: -1 }) };

/**
 * Renders the shell and the current view. A case detail, the KPIs and the webhooks page keep their own
 * element and state: when an event arrives while someone types in an action form, that form stays put
 * with its focus; only the header, the banner and the lists are rebuilt.
 */
function render(): void {
  if (!token() || !app.me) return;
  if (!root.contains(slots.main)) root.replaceChildren(slots.header, slots.banner, slots.main, h('footer', {}, t('keys.help')));
  const now = Date.now();
  const path = location.hash.replace(/^#/, '') || '/cases';
  const [page, arg] = path.split('?')[0].split('/').filter(Boolean);
  let view: HTMLElement;
  if (page === 'cases' && arg) {
    if (!detail || detail.id !== Number(arg)) {
      detail = new CaseDetailView(app, Number(arg));
      void detail.load();
    }
    view = detail.el;
  } else if (page === 'grid') {
    view = gridView(app);
  } else if (page === 'devices') {
    if (lastPage !== 'devices') app.refreshRegistry(0);
    view = devicesView(app, replies, render);
  } else if (page === 'kpis') {
    if (!kpis) {
      kpis = new KpiView(app);
      void kpis.load();
    }
    view = kpis.el;
  } else if (page === 'webhooks') {
    if (!hooks) {
      hooks = new WebhooksView(app);
      void hooks.load();
    }
    view = hooks.el;
  } else if (page === 'claims') {
    if (!claims) {
      claims = new ClaimsView(app);
      void claims.load();
    }
    view = claims.el;
  } else if (page === 'users') {
    if (!users) {
      users = new UsersView(app);
      void users.load();
    }
    view = users.el;
  } else if (page === 'password') {
    password ??= new PasswordView();
    view = password.el;
  } else {
    view = boardView(app, now);
  }
  lastPage = page;
  if (!(page === 'cases' && arg)) detail = null;
  if (page !== 'kpis') kpis = null;
  if (page !== 'webhooks') hooks = null;
  if (page !== 'claims') claims = null;
  if (page !== 'users') users = null;
  if (page !== 'password') password = null;
  document.title = `${app.alerting().length > 0 ? '🔴 ' : ''}${t('app.title')}`;
  slots.header.replaceChildren(header());
  slots.banner.replaceChildren(banner() ?? '');
  if (slots.main.firstChild !== view) slots.main.replaceChildren(view);
}

function route(): void {
  render();
  slots.main.focus({ preventScroll: true });
}

function switchLanguage(lang: Lang): void {
  setLanguage(lang);
  localStorage.setItem('onegrid.lang', lang);
  document.documentElement.lang = lang;
  kpis = null;
  hooks = null;
  claims = null;
  users = null;
  password = null;
  root.replaceChildren();
  detail?.render(Date.now());
  render();
}

function toggleLayout(): void {
  const next = document.documentElement.dataset.layout === 'wall' ? 'laptop' : 'wall';
  document.documentElement.dataset.layout = next;
  localStorage.setItem('onegrid.layout', next);
  kpis = null;
  detail?.render(Date.now());
  render();
}

async function logout(): Promise<void> {
  await post('/api/auth/logout').catch(() => undefined);
  setToken(null);
  app.me = null;
  showLogin();
}

window.addEventListener('hashchange', route);
// Deadlines count down every second in place: re-rendering would take the keyboard focus away.
window.setInterval(() => tickCountdowns(document, Date.now()), 1000);
window.addEventListener('keydown', (e) => {
  const target = e.target as HTMLElement;
  if (e.ctrlKey || e.metaKey || e.altKey || ['INPUT', 'SELECT', 'TEXTAREA'].includes(target.tagName)) return;
  const go: Record<string, string> = { c: '#/cases', g: '#/grid', d: '#/devices', k: '#/kpis' };
  if (go[e.key]) location.hash = go[e.key];
  else if (e.key === 'a') app.alerting().forEach((c) => void app.acknowledge(c.id));
  else if (e.key === 'w') toggleLayout();
  else if (e.key === '?') alert(t('keys.help'));
});

void dictionary; // both dictionaries ship in the bundle; the switch needs no reload
if (token()) start().catch(() => showLogin());
else showLogin();
