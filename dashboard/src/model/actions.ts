/**
 * What the hub needs with each action of the loop (docs/cases.md): the form the dashboard shows before
 * sending it. The buttons themselves come from the case's allowedActions, which the hub computes from the
 * stage and the user's role, so the dashboard never offers an action the hub would refuse for that reason.
 */
export type Field = 'assignee' | 'team' | 'note' | 'reason' | 'outcome' | 'passed';

export interface ActionForm { required: Field[]; optional: Field[] }

const FORMS: Record<string, ActionForm> = {
  dispatch: { required: [], optional: ['assignee', 'team', 'note'] },
  accept: { required: [], optional: ['note'] },
  start: { required: [], optional: ['note'] },
  resolve: { required: [], optional: ['outcome', 'note'] },
  verify: { required: ['passed'], optional: ['note'] },
  close: { required: [], optional: ['note'] },
  'false-alarm': { required: ['reason'], optional: ['note'] },
  return: { required: [], optional: ['note'] },
  escalate: { required: [], optional: ['reason', 'note'] },
  comment: { required: ['note'], optional: [] },
};

export function formFor(action: string): ActionForm {
  return FORMS[action] ?? { required: [], optional: ['note'] };
}

/** Welfare cases must say how the resident was found (docs/cases.md, "Welfare cases"). */
export function needsOutcome(action: string, caseType: string): boolean {
  return action === 'resolve' && caseType.startsWith('welfare.');
}

/**
 * The request body for an action from the form's values: blank text is left out, the case's version is
 * always sent so a stale screen gets 409 instead of overwriting someone else's change.
 */
export function body(version: number, values: Partial<Record<Field, string | boolean>>): Record<string, unknown> {
  const out: Record<string, unknown> = { version };
  for (const [k, v] of Object.entries(values)) {
    if (typeof v === 'boolean') out[k] = v;
    else if (typeof v === 'string' && v.trim() !== '') out[k] = v.trim();
  }
  return out;
}

/** Actions in the order of the loop, so the buttons read left to right as the work goes. */
export const LOOP_ORDER = ['dispatch', 'accept', 'start', 'resolve', 'verify', 'close', 'return', 'escalate', 'false-alarm', 'comment'];

export function ordered(actions: readonly string[]): string[] {
  return [...actions].sort((a, b) => rank(a) - rank(b));
}

function rank(a: string): number {
  const i = LOOP_ORDER.indexOf(a);
  return i < 0 ? LOOP_ORDER.length : i;
}

/** The outcomes a welfare case may be resolved with (the hub's CaseActions.WELFARE_OUTCOMES). */
export const WELFARE_OUTCOMES = ['resident-ok', 'assisted', 'hospital', 'no-contact', 'away', 'deceased'];
