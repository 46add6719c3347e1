import { ApiError, post } from '../api';
import type { App } from '../app';
import { h, when } from '../dom';
import { label, language, t } from '../i18n';
import { span } from '../model/time';
import type { Device, Gateway } from '../model/types';
import { clockOf, inWalkTest, replyText, valueText } from './devices-format';

/** Gateways and devices in scope with their health, and commands to a gateway (ping, silence a siren). */
export function devicesView(app: App, replies: Map<string, string>, rerender: () => void): HTMLElement {
  const canCommand = app.me?.role === 'admin' || app.me?.role === 'operator';
  return h('section', { class: 'devices', 'aria-labelledby': 'devices-title' },
    h('h2', { id: 'devices-title' }, t('devices.gateways')),
    h('table', { id: 'gateways' },
      h('thead', {}, h('tr', {}, ...['devices.gateways', 'devices.state', 'devices.backlog', 'devices.clock', 'devices.lastSeen']
        .map((k) => h('th', { scope: 'col' }, t(k as Parameters<typeof t>[0]))), canCommand ? h('th', { scope: 'col' }, t('devices.command')) : null)),
      h('tbody', {}, ...app.gateways.map((g) => gatewayRow(g, canCommand, replies, rerender)))),
    h('h2', {}, t('devices.devices')),
    h('table', { id: 'devices' },
      h('thead', {}, h('tr', {}, ...['devices.devices', 'devices.gateways', 'case.place', 'devices.state', 'devices.lastValues', 'devices.age', 'devices.commissioning']
        .map((k) => h('th', { scope: 'col' }, t(k as Parameters<typeof t>[0]))), canCommand ? h('th', { scope: 'col' }, t('devices.command')) : null)),
      h('tbody', {}, ...app.devices.map((d) => h('tr', { 'data-device': `${d.gateway}/${d.id}`, class: `comm-${d.communication}` },
        h('td', {}, d.id, d.profile ? h('small', {}, ` ${d.profile}`) : null),
        h('td', {}, d.gateway),
        h('td', {}, [d.site, d.unit ?? d.area].filter(Boolean).join(' ')),
        h('td', { class: 'state' }, label('devices', d.communication),
          d.commState && d.commState !== 'unknown' && d.commState !== d.communication ? h('small', {}, ` (${label('devices', d.commState)})`) : null),
        h('td', {}, d.lastValues ? Object.entries(d.lastValues).map(([k, v]) => `${k} ${valueText(v)}`).join(' · ') : '—'),
        h('td', {}, typeof d.lastReadingAgeMs === 'number' ? span(d.lastReadingAgeMs)
          : d.lastValuesAgeS === null || d.lastValuesAgeS === undefined ? '—' : span(d.lastValuesAgeS * 1000)),
        h('td', { class: d.commissioned ? 'commissioned' : 'not-commissioned', 'data-commissioned': String(!!d.commissioned) },
          d.commissioned ? `✔ ${t('devices.commissioned', { date: when(d.commissionedAt ?? null, language()) })}` : t('devices.notCommissioned')),
        canCommand ? h('td', {}, hasSiren(d) ? h('button', {
          type: 'button', 'data-command': 'silence',
          onclick: () => command(d.gateway, { command: 'write', args: { device: d.id, channel: 'siren', value: false } }, replies, rerender),
        }, t('devices.silence')) : null) : null)))));
}

/** Smoke detectors carry a sounder the hub may silence (channel "siren", writable in their profiles). */
function hasSiren(d: Device): boolean {
  return (d.profile ?? '').includes('smoke') || (d.lastValues !== null && 'siren' in d.lastValues);
}

async function command(gateway: string, cmd: Record<string, unknown>, replies: Map<string, string>, rerender: () => void): Promise<void> {
  replies.set(gateway, '…');
  rerender();
  try {
    const r = await post<Record<string, unknown>>(`/api/gateways/${encodeURIComponent(gateway)}/commands`, cmd);
    replies.set(gateway, replyText(r.reply ?? r));
  } catch (e) {
    replies.set(gateway, e instanceof ApiError ? `${e.status} ${e.message}` : String(e));
  }
  rerender();
}

function gatewayRow(g: Gateway, canCommand: boolean, replies: Map<string, string>, rerender: () => void): HTMLElement {
  return h('tr', { 'data-gateway': g.id, class: `gw-${g.state}` },
    h('td', {}, g.id),
    h('td', { class: 'state' }, label('devices', g.state),
      inWalkTest(g.walkTest, Date.now()) ? h('span', { class: 'walktest', 'data-walktest': g.id, role: 'status' },
        ` ${t('devices.walkTest', { until: clockOf(g.walkTest!.endsAt, language()) })}`) : null),
    h('td', {}, g.backlog ?? '—', typeof g.outboxOldestAgeMs === 'number' && g.outboxOldestAgeMs > 0 ? h('small', {}, ` (${span(g.outboxOldestAgeMs)})`) : null,
      g.outboxQuarantined ? h('small', { class: 'error' }, ` ⚠ ${g.outboxQuarantined}`) : null),
    h('td', {}, clock(g)),
    h('td', {}, when(g.lastSeen, language())),
    canCommand ? h('td', {},
      h('button', { type: 'button', 'data-command': 'ping', onclick: () => command(g.id, { command: 'ping' }, replies, rerender) }, t('devices.ping')),
      replies.has(g.id) ? h('output', { class: 'reply', 'data-reply': g.id }, replies.get(g.id)!) : null) : null);
}


/** The gateway's clock offset as the hub measured it, and whether the gateway says its clock is synchronised. */
function clock(g: Gateway): string {
  const ms = typeof g.clockOffsetMs === 'number' ? g.clockOffsetMs : g.clockSkewMs;
  if (ms === null || ms === undefined) return '—';
  const text = Math.abs(ms) >= 120_000 ? `${ms < 0 ? '−' : '+'}${span(Math.abs(ms))}` : `${ms} ms`;
  return g.clockSync === 'synced' ? `${text} ✔` : text;
}
