import { describe, expect, it } from 'vitest';
import { dictionary, format, label, pickLanguage, setLanguage, t } from '../src/i18n';

describe('i18n', () => {
  it('GIVEN both dictionaries THEN every key has a non-empty text in each, so no screen falls back to a key', () => {
    const en = dictionary('en');
    const zh = dictionary('zh-CN');
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    for (const [k, v] of Object.entries(zh)) expect(v.trim(), k).not.toBe('');
  });

  it('GIVEN placeholders THEN both languages use the same ones, so a count never goes missing in Chinese', () => {
    const en = dictionary('en');
    const zh = dictionary('zh-CN');
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(en) as (keyof typeof en)[]) expect(names(zh[k]), k).toEqual(names(en[k]));
  });

  it('GIVEN a browser asking for Chinese first WHEN nothing was chosen THEN Chinese; a saved choice wins', () => {
    expect(pickLanguage(null, ['zh-CN', 'en-US'])).toBe('zh-CN');
    expect(pickLanguage(null, ['zh-TW'])).toBe('zh-CN');
    expect(pickLanguage(null, ['en-GB', 'zh-CN'])).toBe('en');
    expect(pickLanguage(null, ['fr-FR'])).toBe('en');
    expect(pickLanguage('en', ['zh-CN'])).toBe('en');
    expect(pickLanguage('garbage', ['zh-CN'])).toBe('zh-CN');
  });

  it('GIVEN a template WHEN formatted THEN known names are filled and unknown ones left visible', () => {
    expect(format('{n} open, {m}', { n: 3 })).toBe('3 open, {m}');
  });

  it('GIVEN a stage the hub sends WHEN labelled THEN it is translated, and an unknown value shows as is', () => {
    setLanguage('zh-CN');
    expect(label('stage', 'DISPATCHED')).toBe('已派遣');
    expect(label('stage', 'SOMETHING_NEW')).toBe('SOMETHING_NEW');
    expect(t('grid.openCases', { n: 2 })).toBe('在办 2');
    setLanguage('en');
    expect(label('stage', 'DISPATCHED')).toBe('Dispatched');
  });
});
