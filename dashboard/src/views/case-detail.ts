import type { Chart } from '../charts';
import { ApiError, get, post } from '../api';
import type { App } from '../app';
import { h, when } from '../dom';
import { label, language, t } from '../i18n';
import { WELFARE_OUTCOMES, body, formFor, needsOutcome, ordered, type Field } from '../model/actions';
import { caseTypeLabel, placeLabel } from '../model/labels';
import { countdown, deadlineDone, deadlineState } from '../model/time';
import type { Alarm, CaseDetail } from '../model/types';


type Reading = { at: string; wall: number; value: number | boolean | string | null };

/**
 * One case: what, where and how urgent, its deadlines counting down, the loop's actions the hub allows this
 * user now, the alarms with a chart of the channel around each, the timeline, and the resident's contacts
 * only when the hub sent them (it decides who may see personal data).
 */
export class CaseDetailView {
  readonly el = h('section', { class: 'case-detail', id: 'case-detail' });
  private detail: CaseDetail | null = null;
  private message = '';
  private charts: Chart[] = [];

  constructor(private readonly app: App, readonly id: number) {}

  async load(): Promise<void> {
    try {
      this.detail = await get<CaseDetail>(`/api/cases/${this.id}`);
      this.app.board.apply(this.detail);
    } catch (e) {
      this.message = e instanceof ApiError ? e.message : String(e);
    }
    this.render(Date.now());
  }

  /** A live event about this case: reload to get the new timeline and the actions now allowed. */
  onCaseEvent(version: number): void {
    if (!this.detail || version > this.detail.version) void this.load();
  }

  render(now: number): void {
    this.charts.forEach((c) => c.dispose());
    this.charts = [];
    this.el.replaceChildren();
    const d = this.detail;
    this.el.append(h('p', {}, h('a', { href: '#/cases', id: 'back' }, `← ${t('case.back')}`)));
    if (this.message) this.el.append(h('p', { class: 'error', role: 'alert', id: 'case-message' }, this.message));
    if (!d) return;
    this.el.append(
      h('h2', { id: 'case-title' }, `${t('case.title')} #${d.id} · ${caseTypeLabel(d.type)}`),
      h('dl', { class: 'facts' },
        fact('case.severity', h('span', { class: `badge sev-${d.severity.toLowerCase()}` }, label('severity', d.severity.toUpperCase()))),
        fact('case.stage', h('span', { id: 'case-stage', 'data-stage': d.stage }, label('stage', d.stage))),
        fact('case.place', placeLabel(this.app.nodes, d)),
        fact('case.owner', d.ownerTier ?? '—'),
        fact('case.assignee', d.assignee ?? d.team ?? '—'),
        fact('case.opened', when(d.openedAt, language())),
        d.confirmed ? fact('case.confirmed', '✔') : null),
      this.deadlines(d, now),
      this.actions(d),
      d.resident ? this.resident(d) : '',
      h('h3', {}, t('case.alarms')),
      ...d.alarms.map((a) => this.alarm(a)),
      h('h3', {}, t('case.timeline')),
      h('ol', { class: 'timeline', id: 'timeline' }, ...d.timeline.map((e) =>
        h('li', {}, h('time', {}, when(e.at, language())), ' ', h('b', {}, e.actor), ' ', e.action, e.detail ? ` — ${e.detail}` : ''))));
  }

  private deadlines(d: CaseDetail, now: number): HTMLElement {
    const items = (['dispatch', 'accept', 'resolve'] as const).map((w) => {
      const due = d.deadlines?.[w];
      if (!due) return null;
      const done = deadlineDone(w, d.stage);
      return h('li', {}, `${t(`case.deadline.${w}`)}: `,
        h('span', { class: `countdown ${deadlineState(due, now, done)}`, 'data-due': due, 'data-done': String(done), id: `due-${w}` },
          done ? t('sla.met') : countdown(due, now)));
    });
    return h('div', { class: 'deadlines' }, h('h3', {}, t('case.deadlines')), h('ul', {}, ...items));
  }

  private actions(d: CaseDetail): HTMLElement {
    const box = h('div', { class: 'actions', id: 'case-actions' }, h('h3', {}, t('case.actions')));
    const allowed = ordered(d.allowedActions ?? []);
    if (allowed.length === 0) box.append(h('p', {}, t('case.noActions')));
    const formSlot = h('div', { class: 'action-form' });
    box.append(h('div', { class: 'buttons' }, ...allowed.map((a) =>
      h('button', { type: 'button', 'data-action': a, onclick: () => this.openForm(formSlot, d, a) }, label('action', a)))), formSlot);
    return box;
  }

  private openForm(slot: HTMLElement, d: CaseDetail, action: string): void {
    const form = formFor(action);
    const fields: Field[] = [...form.required, ...form.optional];
    if (needsOutcome(action, d.type) && !form.required.includes('outcome')) fields.unshift('outcome');
    const inputs = new Map<Field, HTMLInputElement | HTMLSelectElement>();
    const rows = fields.filter((f, i) => fields.indexOf(f) === i).map((f) => {
      const id = `field-${f}`;
      let input: HTMLInputElement | HTMLSelectElement;
      if (f === 'passed') {
        input = h('select', { id, name: f }, h('option', { value: 'true' }, t('field.passed')), h('option', { value: 'false' }, t('field.failed')));
      } else if (f === 'outcome' && d.type.startsWith('welfare.')) {
        input = h('select', { id, name: f, required: true }, ...WELFARE_OUTCOMES.map((o) => h('option', { value: o }, o)));
      } else {
        input = h('input', { id, name: f, required: form.required.includes(f) });
      }
      inputs.set(f, input);
      return h('p', {}, h('label', { for: id }, t(`field.${f}`)), input);
    });
    const el = h('form', { class: 'form', 'data-form': action },
      ...rows,
      h('button', { type: 'submit', id: 'action-submit' }, `${t('form.submit')}: ${label('action', action)}`),
      h('button', { type: 'button', onclick: () => slot.replaceChildren() }, t('form.cancel')));
    el.addEventListener('submit', async (e) => {
      e.preventDefault();
      const values: Partial<Record<Field, string | boolean>> = {};
      inputs.forEach((input, f) => { values[f] = f === 'passed' ? input.value === 'true' : input.value; });
      await this.act(action, body(d.version, values));
    });
    slot.replaceChildren(el);
    (el.querySelector('input,select') as HTMLElement | null)?.focus();
  }

  private async act(action: string, payload: Record<string, unknown>): Promise<void> {
    try {
      this.detail = await post<CaseDetail>(`/api/cases/${this.id}/${action}`, payload);
      this.app.board.apply(this.detail);
      this.message = '';
      this.app.changed();
      this.render(Date.now());
    } catch (e) {
      if (e instanceof ApiError && e.status === 409) {
        await this.load();
        this.message = e.code === 'version_conflict' ? t('case.conflict') : e.message;
      } else {
        this.message = e instanceof ApiError && e.status === 403 ? t('error.forbidden') : e instanceof Error ? e.message : String(e);
      }
      this.render(Date.now());
    }
  }

  private resident(d: CaseDetail): HTMLElement {
    const r = d.resident!;
    return h('div', { class: 'resident', id: 'resident' }, h('h3', {}, t('case.resident')),
      h('p', {}, r.name, r.phone ? ` · ${r.phone}` : ''),
      h('h4', {}, t('case.contacts')),
      h('ul', { id: 'contacts' }, ...r.contacts.map((c) => h('li', {}, c.name, c.relation ? ` (${c.relation})` : '', c.phone ? ` · ${c.phone}` : ''))),
      r.masked ? h('p', { class: 'hint' }, t('case.residentMasked')) : null);
  }

  private alarm(a: Alarm): HTMLElement {
    const chart = h('div', { class: 'chart', 'data-alarm': a.id });
    const el = h('div', { class: 'alarm' },
      h('p', {}, h('span', { class: `badge sev-${a.severity.toLowerCase()}` }, label('severity', a.severity.toUpperCase())), ' ',
        h('b', {}, a.device), ` · ${a.rule} · ${when(a.raisedAt.hub, language())}`, a.clearedAt ? ` → ${when(a.clearedAt, language())}` : ''),
      a.message ? h('p', {}, a.message) : null,
      h('p', { class: 'hint' }, t('case.readings')), chart);
    const first = Array.isArray(a.readings) ? (a.readings[0] as { channel?: string } | undefined) : undefined;
    if (first?.channel) void this.chart(chart, a, first.channel);
    return el;
  }

  /**
   * The channel 10 minutes either side of the alarm. The window is asked in the gateway's clock (the alarm's
   * raisedAt.wall) and drawn in hub time, shifted by the alarm's own offset, so a gateway whose clock is a
   * day off still gets the right readings, drawn where the alarm is.
   */
  private async chart(el: HTMLElement, a: Alarm, channel: string): Promise<void> {
    const wall = a.raisedAt.wall;
    const shift = a.raisedAt.hub ? Date.parse(a.raisedAt.hub) - wall : 0;
    const from = new Date(wall - 10 * 60_000).toISOString();
    const to = new Date(wall + 10 * 60_000).toISOString();
    const q = `channel=${encodeURIComponent(channel)}&from=${from}&to=${to}`;
    const r = await get<{ items: Reading[] }>(`/api/devices/${encodeURIComponent(a.gateway)}/${encodeURIComponent(a.device)}/readings?${q}`)
      .catch(() => ({ items: [] as Reading[] }));
    const points = r.items.map((p) => [p.wall + shift, typeof p.value === 'boolean' ? Number(p.value) : p.value]);
    if (points.length === 0 || !el.isConnected) {
      el.dataset.points = '0';
      return;
    }
    const { echarts } = await import('../charts');
    const c = echarts.init(el, document.documentElement.dataset.layout === 'wall' ? 'dark' : undefined, { height: 160 });
    c.setOption({
      grid: { left: 40, right: 10, top: 10, bottom: 24 },
      tooltip: { trigger: 'axis' },
      xAxis: { type: 'time' },
      yAxis: { type: 'value', scale: true, name: channel },
      series: [{ type: 'line', data: points, showSymbol: false, step: 'end',
        markLine: { symbol: 'none', label: { show: false }, data: [{ xAxis: wall + shift }], lineStyle: { color: '#d33' } } }],
    });
    this.charts.push(c);
    el.dataset.points = String(points.length); // drawn: what a test (or a screen reader hint) can rely on
  }
}

function fact(key: Parameters<typeof t>[0], value: Node | string): HTMLElement {
  const wrap = h('div', {});
  wrap.append(h('dt', {}, t(key)), h('dd', {}, value));
  return wrap;
}
