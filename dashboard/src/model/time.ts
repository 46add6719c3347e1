import { t } from '../i18n';

/** A span of time as an operator reads it on a wall: seconds under two minutes, then minutes, hours, days. */
export function span(ms: number): string {
  const s = Math.max(0, Math.floor(Math.abs(ms) / 1000));
  if (s < 120) return t('time.s', { n: s });
  const min = Math.floor(s / 60);
  if (min < 60) return t('time.min', { n: min });
  const h = Math.floor(min / 60);
  if (h < 48) return t('time.h', { n: h, m: min % 60 });
  return t('time.d', { n: Math.floor(h / 24), h: h % 24 });
}

export type DeadlineState = 'ok' | 'soon' | 'overdue' | 'met';

/** Where a deadline stands at {@code now}: soon within two minutes, overdue once past, met once its step is done. */
export function deadlineState(due: string | null | undefined, now: number, done: boolean): DeadlineState | null {
  if (!due) return null;
  if (done) return 'met';
  const left = Date.parse(due) - now;
  if (left < 0) return 'overdue';
  return left < 2 * 60_000 ? 'soon' : 'ok';
}

/** The countdown text of a deadline: "5 min left" or "overdue by 3 min". */
export function countdown(due: string, now: number): string {
  const left = Date.parse(due) - now;
  return left >= 0 ? t('sla.left', { t: span(left) }) : t('sla.overdue', { t: span(-left) });
}

/** The deadline that governs the case's current stage, as the hub's SLA sweep sees it. */
export function currentDeadline(stage: string): 'dispatch' | 'accept' | 'resolve' | null {
  switch (stage) {
    case 'OPEN': return 'dispatch';
    case 'DISPATCHED': return 'accept';
    case 'ACCEPTED': case 'HANDLING': return 'resolve';
    default: return null;
  }
}

/** Whether the deadline {@code which} is behind a case in {@code stage} (the step it limits was done). */
export function deadlineDone(which: 'dispatch' | 'accept' | 'resolve', stage: string): boolean {
  const order = ['OPEN', 'DISPATCHED', 'ACCEPTED', 'HANDLING', 'RESOLVED', 'VERIFIED', 'CLOSED'];
  const reached = order.indexOf(stage);
  if (stage === 'FALSE_ALARM') return true;
  const after = { dispatch: 1, accept: 2, resolve: 4 }[which];
  return reached >= after;
}

/** Moves every countdown on the page ({@code data-due}, not yet {@code data-done}) to {@code now}. */
export function tickCountdowns(root: ParentNode, now: number): void {
  root.querySelectorAll<HTMLElement>('[data-due]').forEach((e) => {
    if (e.dataset.done === 'true') return;
    const due = e.dataset.due!;
    e.textContent = countdown(due, now);
    e.className = `countdown ${deadlineState(due, now, false)}`;
  });
}
