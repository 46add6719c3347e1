import { describe, expect, it } from 'vitest';
import { Board, alerting } from '../src/model/board';
import { kase } from './fixtures';

describe('case board', () => {
  it('GIVEN open cases THEN critical come first, then the oldest; closed ones are listed apart', () => {
    const b = new Board([
      kase({ id: 1, severity: 'MINOR', openedAt: '2026-12-01T07:00:00Z' }),
      kase({ id: 2, severity: 'CRITICAL', openedAt: '2026-12-01T09:00:00Z' }),
      kase({ id: 3, severity: 'CRITICAL', openedAt: '2026-12-01T08:00:00Z' }),
      kase({ id: 4, stage: 'CLOSED' }),
    ]);
    expect(b.open().map((c) => c.id)).toEqual([3, 2, 1]);
    expect(b.recentlyClosed(10).map((c) => c.id)).toEqual([4]);
  });

  it('GIVEN a live event with a newer version THEN the case changes, keeping what the event does not carry', () => {
    const b = new Board([kase({ id: 1, version: 1, allowedActions: ['dispatch'] })]);
    expect(b.apply({ id: 1, version: 2, stage: 'DISPATCHED' })).toBe(true);
    expect(b.get(1)?.stage).toBe('DISPATCHED');
    expect(b.get(1)?.allowedActions).toEqual(['dispatch']);
  });

  it('GIVEN a replayed or late event with an older or equal version THEN nothing rolls back', () => {
    const b = new Board([kase({ id: 1, version: 3, stage: 'HANDLING' })]);
    expect(b.apply({ id: 1, version: 2, stage: 'OPEN' })).toBe(false);
    expect(b.apply({ id: 1, version: 3, stage: 'OPEN' })).toBe(false);
    expect(b.get(1)?.stage).toBe('HANDLING');
  });

  it('GIVEN a case known from an event WHEN its full summary of the same version arrives THEN deadlines are added', () => {
    const b = new Board();
    b.apply(kase({ id: 5, version: 2 }));
    expect(b.enrich(kase({ id: 5, version: 2, deadlines: { dispatch: '2026-12-01T08:05:00Z', accept: null, resolve: null } }))).toBe(true);
    expect(b.get(5)?.deadlines?.dispatch).toBe('2026-12-01T08:05:00Z');
    expect(b.enrich(kase({ id: 5, version: 1, stage: 'OPEN' }))).toBe(false);
  });

  it('GIVEN a new case by event THEN it appears on the board', () => {
    const b = new Board();
    b.apply(kase({ id: 9 }));
    expect(b.open().map((c) => c.id)).toEqual([9]);
  });

  it('GIVEN critical cases THEN those still OPEN and not acknowledged alert; dispatching or acknowledging ends it', () => {
    const b = new Board([kase({ id: 1 }), kase({ id: 2 }), kase({ id: 3, severity: 'MAJOR' }), kase({ id: 4, stage: 'DISPATCHED' })]);
    expect(alerting(b, new Set()).map((c) => c.id)).toEqual([1, 2]);
    expect(alerting(b, new Set([1])).map((c) => c.id)).toEqual([2]);
    b.apply({ id: 2, version: 2, stage: 'DISPATCHED' });
    expect(alerting(b, new Set([1]))).toEqual([]);
  });
});
