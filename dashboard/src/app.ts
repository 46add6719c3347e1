import { get, post } from './api';
import { Board, alerting } from './model/board';
import type { CaseSummary, Device, Gateway, GridNode, Me, Notification } from './model/types';
import type { LiveEvent } from './live';

const OPEN_STAGES = ['OPEN', 'DISPATCHED', 'ACCEPTED', 'HANDLING', 'RESOLVED', 'VERIFIED'];

/**
 * What the dashboard knows, loaded once after login and kept current by live events. Views read it and
 * re-render on {@link App.changed}; they never poll.
 */
export class App {
  me: Me | null = null;
  nodes: GridNode[] = [];
  board = new Board();
  devices: Device[] = [];
  gateways: Gateway[] = [];
  notifications: Notification[] = [];
  live = false;
  readonly acknowledged = new Set<number>(JSON.parse(localStorage.getItem('onegrid.acked') ?? '[]') as number[]);
  private listeners: (() => void)[] = [];
  private scheduled = false;

  onChange(f: () => void): void {
    this.listeners.push(f);
  }

  /** Re-renders once per frame however many events arrived in it. */
  changed(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    requestAnimationFrame(() => {
      this.scheduled = false;
      this.listeners.forEach((f) => f());
    });
  }

  async load(): Promise<void> {
    const me = await get<Me>('/api/me');
    const seesCases = me.role !== 'installer';
    const [nodes, open, recent, devices, gateways] = await Promise.all([
      get<{ items: GridNode[] }>('/api/grid/nodes').catch(() => ({ items: [] as GridNode[] })),
      // the hub filters by one stage at a time: one request per open stage, the most the hub pages at once
      seesCases ? Promise.all(OPEN_STAGES.map((s) => get<{ items: CaseSummary[] }>(`/api/cases?stage=${s}&limit=500`)))
        : Promise.resolve([]),
      seesCases ? get<{ items: CaseSummary[] }>('/api/cases?limit=50') : Promise.resolve({ items: [] as CaseSummary[] }),
      get<{ items: Device[] }>('/api/devices').catch(() => ({ items: [] as Device[] })),
      get<{ items: Gateway[] }>('/api/gateways').catch(() => ({ items: [] as Gateway[] })),
    ]);
    this.me = me;
    this.nodes = nodes.items;
    this.board = new Board([...recent.items, ...open.flatMap((p) => p.items)]);
    this.devices = devices.items;
    this.gateways = gateways.items;
    await this.loadNotifications();
    this.changed();
  }

  private registryTimer: number | null = null;

  /**
   * Reloads gateways and devices soon (once for a burst of events): a live event names a gateway or device the
   * page did not know yet (a new gateway's birth), and figures such as backlog or last seen are not in events.
   */
  refreshRegistry(delayMs = 300): void {
    if (this.registryTimer !== null) return;
    this.registryTimer = window.setTimeout(async () => {
      this.registryTimer = null;
      const [devices, gateways] = await Promise.all([
        get<{ items: Device[] }>('/api/devices').catch(() => null),
        get<{ items: Gateway[] }>('/api/gateways').catch(() => null),
      ]);
      if (devices) this.devices = devices.items;
      if (gateways) this.gateways = gateways.items;
      this.changed();
    }, delayMs);
  }

  async loadNotifications(): Promise<void> {
    this.notifications = (await get<{ items: Notification[] }>('/api/notifications?limit=500').catch(() => ({ items: [] }))).items;
  }

  apply(e: LiveEvent): void {
    const d = e.data;
    if (e.kind === 'case' && typeof d.id === 'number' && typeof d.version === 'number') {
      if (this.board.apply(d as unknown as CaseSummary)) this.enrich(d.id);
    } else if (e.kind === 'notification') {
      void this.loadNotifications().then(() => this.changed());
    } else if (e.kind === 'device') {
      const i = this.devices.findIndex((x) => x.gateway === d.gateway && x.id === d.id);
      if (i >= 0) {
        const online = typeof d.online === 'boolean' ? d.online : this.devices[i].online;
        this.devices[i] = { ...this.devices[i], online, communication: online === null ? 'unknown' : online ? 'ok' : 'failed' };
      } else {
        this.refreshRegistry();
      }
    } else if (e.kind === 'walktest') {
      // a walk test started, extended or ended, or a device triggered in one: badges and commissioning change
      const g = this.gateways.find((x) => x.id === d.gateway);
      if (g && (d.state === 'started' || d.state === 'extended')) g.walkTest = { active: true, endsAt: String(d.endsAt) };
      if (g && d.state === 'ended') g.walkTest = null;
      this.refreshRegistry();
    } else if (e.kind === 'gateway') {
      const g = this.gateways.find((x) => x.id === d.id);
      if (g && typeof d.state === 'string') {
        g.state = d.state;
        g.online = d.state === 'online';
      }
      this.refreshRegistry();
    }
    this.changed();
  }

  private readonly enriching = new Set<number>();

  /** Fetches the case's full summary once per burst of events about it: deadlines and allowed actions. */
  private enrich(id: number): void {
    if (this.enriching.has(id)) return;
    this.enriching.add(id);
    window.setTimeout(() => {
      this.enriching.delete(id);
      get<CaseSummary>(`/api/cases/${id}`).then((c) => {
        if (this.board.enrich(c)) this.changed();
      }).catch(() => undefined);
    }, 50);
  }

  alerting(): CaseSummary[] {
    return alerting(this.board, this.acknowledged);
  }

  /** Silences a critical case on this screen and acknowledges the user's own notifications about it. */
  async acknowledge(caseId: number): Promise<void> {
    this.acknowledged.add(caseId);
    localStorage.setItem('onegrid.acked', JSON.stringify([...this.acknowledged].slice(-500)));
    const mine = this.notifications.filter((n) => n.caseId === caseId && n.state !== 'ACKED' && n.responder === this.me?.username);
    await Promise.all(mine.map((n) => post(`/api/notifications/${n.id}/ack`).catch(() => undefined)));
    this.changed();
  }
}
