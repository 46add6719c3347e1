import type { CaseSummary } from './types';
import { isOpen } from './risk';

/**
 * The live case board: the cases the user sees, kept current by the hub's "case" events. An event carries
 * the case summary without the user-specific parts (allowed actions, deadlines): those are kept from what
 * was known and refreshed by a reload of the case when it matters. Versions only move forward, so a late
 * or replayed event never rolls a case back.
 */
export class Board {
  private readonly cases = new Map<number, CaseSummary>();

  constructor(initial: CaseSummary[] = []) {
    initial.forEach((c) => this.cases.set(c.id, c));
  }

  /** Applies a case summary (from a list or an event); returns whether anything changed. */
  apply(c: Partial<CaseSummary> & { id: number; version: number }): boolean {
    const known = this.cases.get(c.id);
    if (known && known.version >= c.version) return false;
    this.cases.set(c.id, { ...(known ?? ({} as CaseSummary)), ...c } as CaseSummary);
    return true;
  }

  /**
   * Replaces a case with a fuller summary of the same or a newer version (from GET /api/cases/{id}): it adds
   * what events leave out, the deadlines and the actions allowed to this user.
   */
  enrich(c: CaseSummary): boolean {
    const known = this.cases.get(c.id);
    if (known && known.version > c.version) return false;
    this.cases.set(c.id, { ...(known ?? ({} as CaseSummary)), ...c });
    return true;
  }

  get(id: number): CaseSummary | undefined {
    return this.cases.get(id);
  }

  /** Open cases, most urgent first: severity, then the oldest. */
  open(): CaseSummary[] {
    return [...this.cases.values()].filter(isOpen).sort(byUrgency);
  }

  /** Closed cases, the latest first, at most {@code limit}. */
  recentlyClosed(limit: number): CaseSummary[] {
    return [...this.cases.values()].filter((c) => !isOpen(c))
      .sort((a, b) => Date.parse(b.updatedAt) - Date.parse(a.updatedAt)).slice(0, limit);
  }

  all(): CaseSummary[] {
    return [...this.cases.values()];
  }
}

const SEVERITY_RANK: Record<string, number> = { CRITICAL: 0, MAJOR: 1, MINOR: 2, INFO: 3 };

export function byUrgency(a: CaseSummary, b: CaseSummary): number {
  const s = (SEVERITY_RANK[a.severity.toUpperCase()] ?? 9) - (SEVERITY_RANK[b.severity.toUpperCase()] ?? 9);
  return s !== 0 ? s : Date.parse(a.openedAt) - Date.parse(b.openedAt);
}

/**
 * Which cases sound the alarm: critical ones still waiting to be dispatched that this screen has not
 * acknowledged. Dispatching (by anyone) ends it everywhere; acknowledging ends it on this screen and acks
 * the user's own notifications at the hub, which the case's timeline records.
 */
export function alerting(board: Board, acknowledged: ReadonlySet<number>): CaseSummary[] {
  return board.open().filter((c) => c.severity.toUpperCase() === 'CRITICAL' && c.stage === 'OPEN' && !acknowledged.has(c.id));
}
