import { ApiError, api, get, post } from '../api';
import type { App } from '../app';
import { h, when } from '../dom';
import { language, t } from '../i18n';

interface Subscription {
  id: number; url: string; node: string; caseTypes: string[]; enabled: boolean; createdAt: string;
  lastDelivery: { at: string; state: string; httpStatus: number | null } | null;
}
interface Delivery { id: number; eventId: number; caseId: number; change: string; attempts: number; state: string; httpStatus: number | null; error: string | null; createdAt: string }

/** Admins manage the outgoing webhooks (docs/webhooks.md): subscriptions and their delivery log. */
export class WebhooksView {
  readonly el = h('section', { class: 'webhooks', id: 'webhooks' });
  private subs: Subscription[] = [];
  private deliveries = new Map<number, Delivery[]>();
  private message = '';
  private secret = '';

  constructor(private readonly app: App) {}

  async load(): Promise<void> {
    try {
      this.subs = (await get<{ items: Subscription[] }>('/api/webhooks')).items;
    } catch (e) {
      this.message = e instanceof ApiError && e.status === 403 ? t('error.forbidden') : String(e instanceof Error ? e.message : e);
    }
    this.render();
  }

  private render(): void {
    const url = h('input', { id: 'hook-url', type: 'url', required: true, placeholder: 'https://12345.example.gov.cn/onegrid' });
    const node = h('select', { id: 'hook-node' }, ...this.app.nodes.filter((n) => n.kind !== 'unit' && n.kind !== 'area')
      .map((n) => h('option', { value: n.id }, `${n.name} (${n.id})`)));
    const types = h('input', { id: 'hook-types', placeholder: 'fire.*, welfare.sos' });
    const form = h('form', { class: 'form', id: 'hook-form' },
      h('p', {}, h('label', { for: 'hook-url' }, t('webhooks.url')), url),
      h('p', {}, h('label', { for: 'hook-node' }, t('webhooks.node')), node),
      h('p', {}, h('label', { for: 'hook-types' }, t('webhooks.types')), types),
      h('button', { type: 'submit' }, t('webhooks.add')));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        const caseTypes = types.value.split(',').map((s) => s.trim()).filter(Boolean);
        const r = await post<Subscription & { secret: string }>('/api/webhooks', { url: url.value, node: node.value, caseTypes });
        this.secret = r.secret;
        this.message = '';
      } catch (err) {
        this.message = err instanceof ApiError ? err.message : String(err);
      }
      await this.load();
    });
    this.el.replaceChildren(
      h('h2', {}, t('webhooks.title')),
      this.message ? h('p', { class: 'error', role: 'alert' }, this.message) : '',
      this.secret ? h('p', { class: 'secret', id: 'hook-secret' }, `${t('webhooks.secret')}: `, h('code', {}, this.secret)) : '',
      form,
      h('table', { id: 'hooks' }, h('tbody', {}, ...this.subs.map((s) => h('tr', { 'data-hook': s.id },
        h('td', {}, s.url), h('td', {}, s.node), h('td', {}, s.caseTypes.join(', ') || '*'),
        h('td', {}, s.lastDelivery ? `${s.lastDelivery.state} ${s.lastDelivery.httpStatus ?? ''} ${when(s.lastDelivery.at, language())}` : '—'),
        h('td', {},
          h('button', { type: 'button', onclick: () => this.showDeliveries(s.id) }, t('webhooks.deliveries')),
          h('button', { type: 'button', onclick: () => this.remove(s.id) }, t('webhooks.delete'))))))),
      ...[...this.deliveries.entries()].map(([id, list]) => h('div', { class: 'deliveries', 'data-deliveries': id },
        h('h3', {}, `${t('webhooks.deliveries')} #${id}`),
        h('ol', {}, ...list.map((d) => h('li', {}, `${when(d.createdAt, language())} · case #${d.caseId} ${d.change} · ${d.state}`,
          d.httpStatus ? ` (${d.httpStatus})` : '', d.error ? ` — ${d.error}` : '', ` · ×${d.attempts}`))))));
  }

  private async showDeliveries(id: number): Promise<void> {
    this.deliveries.set(id, (await get<{ items: Delivery[] }>(`/api/webhooks/${id}/deliveries?limit=50`)).items);
    this.render();
  }

  private async remove(id: number): Promise<void> {
    await api('DELETE', `/api/webhooks/${id}`).catch(() => undefined);
    this.deliveries.delete(id);
    await this.load();
  }
}
