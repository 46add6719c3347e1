import { token } from './api';

export type LiveEvent = { kind: 'case' | 'notification' | 'device' | 'gateway' | 'walktest'; id: string; data: Record<string, unknown> };

/**
 * The hub's server-sent event stream, scoped to the user. EventSource reconnects by itself and sends
 * Last-Event-ID, so the hub replays what was missed; the token rides in the URL because EventSource cannot
 * send headers (the hub accepts that on this one path only).
 */
export class Live {
  private source: EventSource | null = null;

  constructor(private readonly onEvent: (e: LiveEvent) => void, private readonly onState: (connected: boolean) => void,
    private readonly onRefused: () => void = () => {}) {}

  start(): void {
    this.stop();
    const t = token();
    if (!t) return;
    const s = new EventSource(`/api/events?access_token=${encodeURIComponent(t)}`);
    this.source = s;
    s.onopen = () => this.onState(true);
    s.onerror = () => {
      this.onState(false);
      // CLOSED (not CONNECTING) means the hub answered with an error status, e.g. 401 for an ended session: EventSource
      // will not retry by itself
      if (s.readyState === EventSource.CLOSED && this.source === s) this.onRefused();
    };
    for (const kind of ['case', 'notification', 'device', 'gateway', 'walktest'] as const) {
      s.addEventListener(kind, (m) => {
        const msg = m as MessageEvent<string>;
        try {
          this.onEvent({ kind, id: msg.lastEventId, data: JSON.parse(msg.data) });
        } catch {
          // a malformed event is the hub's bug; skipping it keeps the board alive
        }
      });
    }
  }

  stop(): void {
    this.source?.close();
    this.source = null;
  }
}
