import { beforeEach, describe, expect, it } from 'vitest';
import { setLanguage } from '../src/i18n';
import { countdown, currentDeadline, deadlineDone, deadlineState, span } from '../src/model/time';

const NOW = Date.parse('2026-12-01T08:00:00Z');

describe('deadlines', () => {
  beforeEach(() => setLanguage('en'));

  it('GIVEN spans THEN seconds under two minutes, then minutes, hours with minutes, days with hours', () => {
    expect(span(59_000)).toBe('59 s');
    expect(span(119_000)).toBe('119 s');
    expect(span(5 * 60_000)).toBe('5 min');
    expect(span(90 * 60_000)).toBe('1 h 30 min');
    expect(span(50 * 3600_000)).toBe('2 d 2 h');
  });

  it('GIVEN a deadline ahead or past THEN the countdown says what is left or by how much it is overdue', () => {
    expect(countdown('2026-12-01T08:05:00Z', NOW)).toBe('5 min left');
    expect(countdown('2026-12-01T07:57:00Z', NOW)).toBe('overdue by 3 min');
    setLanguage('zh-CN');
    expect(countdown('2026-12-01T08:05:00Z', NOW)).toBe('剩余 5 分钟');
  });

  it('GIVEN a deadline THEN ok, soon within two minutes, overdue once past, met when its step is done', () => {
    expect(deadlineState('2026-12-01T08:05:00Z', NOW, false)).toBe('ok');
    expect(deadlineState('2026-12-01T08:01:00Z', NOW, false)).toBe('soon');
    expect(deadlineState('2026-12-01T07:59:59Z', NOW, false)).toBe('overdue');
    expect(deadlineState('2026-12-01T07:00:00Z', NOW, true)).toBe('met');
    expect(deadlineState(null, NOW, false)).toBeNull();
  });

  it('GIVEN each stage THEN the deadline that governs it is the one the SLA sweep checks', () => {
    expect(currentDeadline('OPEN')).toBe('dispatch');
    expect(currentDeadline('DISPATCHED')).toBe('accept');
    expect(currentDeadline('HANDLING')).toBe('resolve');
    expect(currentDeadline('RESOLVED')).toBeNull();
    expect(deadlineDone('dispatch', 'DISPATCHED')).toBe(true);
    expect(deadlineDone('accept', 'DISPATCHED')).toBe(false);
    expect(deadlineDone('resolve', 'HANDLING')).toBe(false);
    expect(deadlineDone('resolve', 'RESOLVED')).toBe(true);
    expect(deadlineDone('resolve', 'FALSE_ALARM')).toBe(true);
  });
});
