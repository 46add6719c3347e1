import type { Chart } from '../charts';
import { get } from '../api';
import type { App } from '../app';
import { h } from '../dom';
import { t } from '../i18n';
import { minutes, percent, weeks, type Kpis } from '../model/kpis';


const RATES = ['closureRate', 'onTimeClosureRate', 'reworkRate', 'falseAlarmRate'] as const;
const TIMES = ['timeToDispatch', 'timeToAccept', 'timeToResolve', 'timeToClose'] as const;

/** KPIs of one grid node: this period's figures and their trend over the last weeks, as charts. */
export class KpiView {
  readonly el = h('section', { class: 'kpis', id: 'kpis' });
  private charts: Chart[] = [];
  private node: string | null = null;
  private count = 8;

  constructor(private readonly app: App) {}

  async load(): Promise<void> {
    const tiers = this.app.nodes.filter((n) => ['district', 'street', 'community', 'grid'].includes(n.kind));
    this.node ??= this.app.me?.scope ?? tiers[0]?.id ?? null;
    const ws = weeks(new Date(), this.count);
    const q = (from: Date, to: Date) => `/api/kpis?${this.node ? `node=${encodeURIComponent(this.node)}&` : ''}from=${from.toISOString()}&to=${to.toISOString()}`;
    const series = await Promise.all(ws.map((w) => get<Kpis>(q(w.from, w.to)).catch(() => null)));
    const total = await get<Kpis>(q(ws[0].from, ws[ws.length - 1].to)).catch(() => null);
    const { echarts } = await import('../charts');
    this.render(echarts, tiers.map((n) => ({ id: n.id, name: n.name })), ws.map((w) => w.from.toLocaleDateString()), series, total);
  }

  private render(echarts: typeof import('../charts').echarts, nodes: { id: string; name: string }[], labels: string[], series: (Kpis | null)[], total: Kpis | null): void {
    this.charts.forEach((c) => c.dispose());
    this.charts = [];
    const select = h('select', { id: 'kpi-node', 'aria-label': t('kpis.node') }, ...nodes.map((n) =>
      h('option', { value: n.id, selected: n.id === this.node }, n.name)));
    select.addEventListener('change', () => { this.node = select.value; void this.load(); });
    const rates = h('div', { class: 'chart wide', id: 'kpi-rates' });
    const times = h('div', { class: 'chart wide', id: 'kpi-times' });
    this.el.replaceChildren(
      h('h2', {}, t('kpis.title')),
      h('p', {}, h('label', { for: 'kpi-node' }, `${t('kpis.node')} `), select),
      h('div', { class: 'cards', id: 'kpi-cards' }, ...(total ? [
        card('kpis.filed', String(total.filed)), card('kpis.closed', String(total.closed)),
        ...RATES.map((r) => card(`kpis.${r}`, pct(total[r]))),
        ...TIMES.map((k) => card(`kpis.${k}`, total[k].p50S === null ? '—' : `${minutes(total[k].p50S)} min`)),
      ] : [])),
      h('h3', {}, t('kpis.trend')), rates, times);
    const dark = document.documentElement.dataset.layout === 'wall' ? 'dark' : undefined;
    const r = echarts.init(rates, dark, { height: 260 });
    r.setOption({
      tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 40, right: 10, bottom: 30 },
      xAxis: { type: 'category', data: labels }, yAxis: { type: 'value', max: 100, name: '%' },
      series: RATES.map((k) => ({ name: t(`kpis.${k}`), type: 'line', connectNulls: false, data: series.map((s) => percent(s?.[k])) })),
    });
    const m = echarts.init(times, dark, { height: 260 });
    m.setOption({
      tooltip: { trigger: 'axis' }, legend: {}, grid: { left: 40, right: 10, bottom: 30 },
      xAxis: { type: 'category', data: labels }, yAxis: { type: 'value', name: t('kpis.minutes') },
      series: TIMES.map((k) => ({ name: t(`kpis.${k}`), type: 'bar', data: series.map((s) => minutes(s?.[k].p50S)) })),
    });
    this.charts.push(r, m);
  }
}

function pct(rate: number | null): string {
  const p = percent(rate);
  return p === null ? '—' : `${p} %`;
}

function card(key: Parameters<typeof t>[0], value: string): HTMLElement {
  return h('div', { class: 'card', 'data-kpi': key }, h('span', { class: 'label' }, t(key)), h('span', { class: 'value' }, value));
}
