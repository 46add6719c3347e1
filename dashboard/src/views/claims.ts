import { ApiError, api, get, post } from '../api';
import type { App } from '../app';
import { h, when } from '../dom';
import { type Key, language, t } from '../i18n';
import { type Claim, DEFAULT_TTL, TTLS, claimableSites, ordered, revocable } from '../model/claims';

/**
 * Installers and admins make claim codes for a building and revoke unused ones (docs/hub.md, Claiming and
 * commissioning). A new code is shown once, as the hub answers it; lists never carry codes.
 */
export class ClaimsView {
  readonly el = h('section', { class: 'claims', id: 'claims' });
  private claims: Claim[] = [];
  private message = '';
  private fresh: { code: string; site: string; expiresAt: string } | null = null;

  constructor(private readonly app: App) {}

  async load(): Promise<void> {
    try {
      this.claims = (await get<{ items: Claim[] }>('/api/claims')).items;
    } catch (e) {
      this.message = e instanceof ApiError && e.status === 403 ? t('error.forbidden') : String(e instanceof Error ? e.message : e);
    }
    this.render();
  }

  private siteName(id: string): string {
    return this.app.nodes.find((n) => n.id === id)?.name ?? id;
  }

  private render(): void {
    const sites = claimableSites(this.app.nodes);
    const mayCreate = this.app.me?.role === 'admin' || this.app.me?.role === 'installer';
    const site = h('select', { id: 'claim-site' }, ...sites.map((n) => h('option', { value: n.id }, `${n.name} (${n.id})`)));
    const ttl = h('select', { id: 'claim-ttl' }, ...TTLS.map((v) => h('option', { value: v, selected: v === DEFAULT_TTL ? true : null }, v)));
    const form = h('form', { class: 'form', id: 'claim-form' },
      h('p', {}, h('label', { for: 'claim-site' }, t('claims.site')), site),
      h('p', {}, h('label', { for: 'claim-ttl' }, t('claims.ttl')), ttl),
      h('button', { type: 'submit' }, t('claims.create')));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      try {
        const r = await post<Claim & { code: string }>('/api/claims', { site: site.value, ttl: ttl.value });
        this.fresh = { code: r.code, site: r.site, expiresAt: r.expiresAt };
        this.message = '';
      } catch (err) {
        this.message = err instanceof ApiError ? err.message : String(err);
      }
      await this.load();
    });
    const lang = language();
    this.el.replaceChildren(
      h('h2', {}, t('claims.title')),
      this.message ? h('p', { class: 'error', role: 'alert' }, this.message) : '',
      this.fresh ? h('div', { class: 'secret', id: 'claim-code', role: 'status' },
        h('p', {}, t('claims.code', { site: this.siteName(this.fresh.site) })),
        h('p', {}, h('code', { class: 'claim-code' }, this.fresh.code)),
        h('p', {}, t('claims.expires', { at: when(this.fresh.expiresAt, lang) }))) : '',
      mayCreate ? (sites.length > 0 ? form : h('p', {}, t('claims.noSites'))) : '',
      this.claims.length === 0 ? h('p', {}, t('claims.none')) : h('table', { id: 'claim-list' }, h('tbody', {},
        ...ordered(this.claims).map((c) => h('tr', { 'data-claim': c.id, 'data-state': c.state },
          h('td', {}, `#${c.id}`), h('td', {}, this.siteName(c.site)),
          h('td', {}, t(`claims.state.${c.state}` as Key)),
          h('td', {}, c.gatewayId ?? ''), h('td', {}, when(c.expiresAt, lang)), h('td', {}, c.createdBy),
          h('td', {}, mayCreate && revocable(c)
            ? h('button', { type: 'button', 'data-revoke': c.id, onclick: () => this.revoke(c.id) }, t('claims.revoke')) : ''))))));
  }

  private async revoke(id: number): Promise<void> {
    try {
      await api('DELETE', `/api/claims/${id}`);
      this.message = '';
    } catch (err) {
      this.message = err instanceof ApiError ? err.message : String(err);
    }
    await this.load();
  }
}
