import { describe, expect, it } from 'vitest';
import { body, formFor, needsOutcome, ordered } from '../src/model/actions';
import { weeks, percent, minutes } from '../src/model/kpis';
import { caseTypeLabel, placeLabel } from '../src/model/labels';
import { setLanguage } from '../src/i18n';
import { NODES } from './fixtures';

describe('actions', () => {
  it('GIVEN actions the hub allows in any order THEN the buttons follow the loop', () => {
    expect(ordered(['comment', 'false-alarm', 'dispatch', 'escalate'])).toEqual(['dispatch', 'escalate', 'false-alarm', 'comment']);
  });

  it('GIVEN the actions that need an argument THEN their form requires it (as docs/cases.md says)', () => {
    expect(formFor('verify').required).toEqual(['passed']);
    expect(formFor('false-alarm').required).toEqual(['reason']);
    expect(formFor('comment').required).toEqual(['note']);
    expect(formFor('dispatch').optional).toContain('assignee');
    expect(needsOutcome('resolve', 'welfare.inactivity')).toBe(true);
    expect(needsOutcome('resolve', 'fire.smoke')).toBe(false);
  });

  it('GIVEN form values THEN the body carries the version, trimmed text, booleans, and no blank fields', () => {
    expect(body(4, { note: '  on my way ', assignee: '', passed: false })).toEqual({ version: 4, note: 'on my way', passed: false });
  });
});

describe('labels and KPI windows', () => {
  it('GIVEN a case type THEN known ones get a name, unknown ones their family and code', () => {
    setLanguage('zh-CN');
    expect(caseTypeLabel('fire.smoke')).toBe('烟感火警');
    expect(caseTypeLabel('fire.new-thing')).toBe('消防 · fire.new-thing');
    expect(caseTypeLabel('odd')).toBe('odd');
    setLanguage('en');
  });

  it('GIVEN a case in a known flat THEN the place reads in the grid names; unplaced ones are marked', () => {
    expect(placeLabel(NODES, { gridNode: 'bldg-7/302', site: 'bldg-7', unit: '302', area: null, unplaced: false })).toBe('7幢 302室');
    expect(placeLabel(NODES, { gridNode: null, site: 'bldg-99', unit: '1', area: null, unplaced: true })).toBe('bldg-99 1 (?)');
  });

  it('GIVEN a Wednesday THEN weeks start on Mondays, oldest first, the last one ending now', () => {
    const now = new Date(2026, 11, 2, 15, 0); // Wednesday 2 December 2026
    const w = weeks(now, 3);
    expect(w.map((x) => x.from.getDate())).toEqual([16, 23, 30]);
    expect(w.every((x) => x.from.getDay() === 1)).toBe(true);
    expect(w[2].to).toEqual(now);
    expect(percent(0.9983)).toBe(99.8);
    expect(percent(null)).toBeNull();
    expect(minutes(90)).toBe(1.5);
  });
});

describe('device cells', () => {
  it('GIVEN last values and replies as the hub sends them THEN the cells read short', async () => {
    const { valueText, replyText } = await import('../src/views/devices-format');
    expect(valueText({ value: 0.35, unit: 'MPa', quality: 'good' })).toBe('0.35 MPa');
    expect(valueText({ value: true, unit: null, quality: 'uncertain' })).toBe('true (uncertain)');
    expect(replyText({ ok: true, result: { pong: true } })).toBe('✔ {"pong":true}');
    expect(replyText({ ok: false, error: 'unknown_command', message: 'no such command' })).toBe('✘ unknown_command no such command');
  });
});

describe('walk test badge and commissioning', () => {
  it('shows a walk test only while it runs by the hub end time', async () => {
    const { inWalkTest } = await import('../src/views/devices-format');
    const now = Date.parse('2026-12-02T08:00:00Z');
    expect(inWalkTest({ active: true, endsAt: '2026-12-02T08:30:00Z' }, now)).toBe(true);
    expect(inWalkTest({ active: true, endsAt: '2026-12-02T07:59:59Z' }, now)).toBe(false);
    expect(inWalkTest({ active: false, endsAt: '2026-12-02T08:30:00Z' }, now)).toBe(false);
    expect(inWalkTest(null, now)).toBe(false);
  });

  it('gives the end as a 24-hour clock time, and an unparsable time as it came', async () => {
    const { clockOf } = await import('../src/views/devices-format');
    expect(clockOf('2026-12-02T08:30:00Z', 'en')).toMatch(/^\d\d:\d\d$/);
    expect(clockOf('soon', 'en')).toBe('soon');
  });
});
