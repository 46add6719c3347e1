/** A last value as the hub keeps it ({value, unit, quality}) or a bare value, for a table cell. */
export function valueText(v: unknown): string {
  if (v !== null && typeof v === 'object' && 'value' in v) {
    const r = v as { value: unknown; unit?: string | null; quality?: string };
    return `${String(r.value)}${r.unit ? ` ${r.unit}` : ''}${r.quality && r.quality !== 'good' ? ` (${r.quality})` : ''}`;
  }
  return JSON.stringify(v);
}

/** A gateway's reply to a command, short: ✔ and its result, or ✘ and its error. */
export function replyText(reply: unknown): string {
  const r = reply as { ok?: boolean; result?: unknown; error?: unknown; message?: unknown };
  if (r && r.ok === true) return `✔ ${JSON.stringify(r.result ?? {})}`;
  if (r && r.ok === false) return `✘ ${String(r.error ?? '')} ${String(r.message ?? '')}`.trim();
  return JSON.stringify(reply);
}

/** HH:MM of an ISO time in the browser's zone, for "until" badges. */
export function clockOf(iso: string, lang: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toLocaleTimeString(lang, { hour: '2-digit', minute: '2-digit', hour12: false });
}

/** Whether the gateway is in a walk test now (its alarms open no case), by the hub's end time and the page's clock. */
export function inWalkTest(walkTest: { active: boolean; endsAt: string } | null | undefined, now: number): boolean {
  return !!walkTest && walkTest.active && new Date(walkTest.endsAt).getTime() > now;
}
