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
