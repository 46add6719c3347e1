/** KPI figures as the hub computes them over one window (GET /api/kpis). */
export interface Kpis {
  node: string;
  from: string;
  to: string;
  filed: number;
  due: number;
  closed: number;
  closureRate: number | null;
  onTimeClosureRate: number | null;
  reworkRate: number | null;
  falseAlarmRate: number | null;
  timeToDispatch: { count: number; p50S: number | null; p90S: number | null };
  timeToAccept: { count: number; p50S: number | null; p90S: number | null };
  timeToResolve: { count: number; p50S: number | null; p90S: number | null };
  timeToClose: { count: number; p50S: number | null; p90S: number | null };
}

export interface Week { from: Date; to: Date }

/** The last {@code n} whole weeks (Monday 00:00 local time) up to the one containing {@code now}, oldest first. */
export function weeks(now: Date, n: number): Week[] {
  const monday = new Date(now.getFullYear(), now.getMonth(), now.getDate());
  monday.setDate(monday.getDate() - ((monday.getDay() + 6) % 7));
  const out: Week[] = [];
  for (let i = n - 1; i >= 0; i--) {
    const from = new Date(monday);
    from.setDate(monday.getDate() - 7 * i);
    const to = new Date(from);
    to.setDate(from.getDate() + 7);
    out.push({ from, to: to > now ? now : to });
  }
  return out;
}

/** A rate as a percentage with one decimal, or null when there is nothing to rate (no case due). */
export function percent(rate: number | null | undefined): number | null {
  return rate === null || rate === undefined ? null : Math.round(rate * 1000) / 10;
}

/** Seconds as minutes with one decimal, for charts. */
export function minutes(seconds: number | null | undefined): number | null {
  return seconds === null || seconds === undefined ? null : Math.round(seconds / 6) / 10;
}
