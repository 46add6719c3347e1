import type { App } from '../app';
import { h, when } from '../dom';
import { label, language, t } from '../i18n';
import { caseTypeLabel, placeLabel } from '../model/labels';
import { countdown, currentDeadline, deadlineState } from '../model/time';
import type { CaseSummary } from '../model/types';

/** The live case board: open cases, most urgent first, and the latest closed ones. */
export function boardView(app: App, now: number): HTMLElement {
  const open = app.board.open();
  const alerting = new Set(app.alerting().map((c) => c.id));
  const rows = open.map((c) => row(app, c, now, alerting.has(c.id)));
  return h('section', { class: 'board', 'aria-labelledby': 'board-title' },
    h('h2', { id: 'board-title' }, t('board.open'), ' ', h('span', { class: 'count', id: 'open-count' }, open.length)),
    open.length === 0 ? h('p', { class: 'empty' }, t('board.empty'))
      : h('table', { class: 'cases', id: 'open-cases' }, head(), h('tbody', {}, ...rows)),
    h('h3', {}, t('board.closed')),
    h('table', { class: 'cases closed' }, head(), h('tbody', {}, ...app.board.recentlyClosed(10).map((c) => row(app, c, now, false)))));
}

function head(): HTMLElement {
  return h('thead', {}, h('tr', {}, ...['case.title', 'case.severity', 'case.type', 'case.place', 'case.stage', 'case.deadlines', 'case.opened']
    .map((k) => h('th', { scope: 'col' }, t(k as Parameters<typeof t>[0])))));
}

function row(app: App, c: CaseSummary, now: number, alerting: boolean): HTMLElement {
  const which = currentDeadline(c.stage);
  const due = which ? c.deadlines?.[which] : null;
  const state = deadlineState(due, now, false);
  const open = () => { location.hash = `#/cases/${c.id}`; };
  const tr = h('tr', {
    class: `sev-${c.severity.toLowerCase()}${alerting ? ' alerting' : ''}`, tabindex: 0, 'data-case': c.id,
    onclick: open, onkeydown: (e: Event) => { if ((e as KeyboardEvent).key === 'Enter') open(); },
  },
  h('td', {}, h('a', { href: `#/cases/${c.id}` }, `#${c.id}`)),
  h('td', {}, h('span', { class: `badge sev-${c.severity.toLowerCase()}` }, label('severity', c.severity.toUpperCase()))),
  h('td', {}, caseTypeLabel(c.type), c.confirmed ? h('span', { class: 'confirmed', title: t('case.confirmed') }, ' ✔✔') : null),
  h('td', {}, placeLabel(app.nodes, c)),
  h('td', { class: 'stage' }, label('stage', c.stage)),
  h('td', { class: 'deadline' }, due && which ? `${t(`case.deadline.${which}`)} · ` : '—',
    due ? h('span', { class: `countdown ${state ?? ''}`, 'data-due': due, 'data-done': 'false' }, countdown(due, now)) : null),
  h('td', {}, when(c.openedAt, language())));
  return tr;
}
