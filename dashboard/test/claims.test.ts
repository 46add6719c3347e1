import { describe, expect, it } from 'vitest';
import { type Claim, DEFAULT_TTL, TTLS, claimableSites, ordered, revocable } from '../src/model/claims';
import { NODES } from './fixtures';

const claim = (id: number, state: Claim['state']): Claim => ({
  id, site: 'bldg-7', state, createdBy: 'inst-bs', createdAt: '2026-12-02T08:00:00Z', expiresAt: '2026-12-03T08:00:00Z',
  usedAt: null, gatewayId: null, revokedAt: null, revokedBy: null,
});

describe('claim codes', () => {
  it('GIVEN the grid nodes of one\'s scope THEN only buildings (sites) can be claimed, by name', () => {
    const sites = claimableSites(NODES);
    expect(sites.length).toBeGreaterThan(0);
    expect(sites.every((n) => n.kind === 'site')).toBe(true);
    expect(sites.map((n) => n.id)).toContain('bldg-7');
    expect(sites.map((n) => n.name)).toEqual([...sites.map((n) => n.name)].sort((a, b) => a.localeCompare(b)));
  });

  it('GIVEN claims in every state THEN only open ones are revocable, and open ones come first, newest first', () => {
    const list = [claim(1, 'open'), claim(2, 'used'), claim(3, 'open'), claim(4, 'expired'), claim(5, 'revoked')];
    expect(list.filter(revocable).map((c) => c.id)).toEqual([1, 3]);
    expect(ordered(list).map((c) => c.id)).toEqual([3, 1, 5, 4, 2]);
  });

  it('GIVEN the lifetimes offered THEN each is within the hub\'s 5m..7d and the default is one of them', () => {
    const ms = (v: string) => Number(v.slice(0, -1)) * ({ h: 3_600_000, d: 86_400_000 } as Record<string, number>)[v.slice(-1)];
    for (const v of TTLS) {
      expect(ms(v)).toBeGreaterThanOrEqual(300_000);
      expect(ms(v)).toBeLessThanOrEqual(7 * 86_400_000);
    }
    expect(TTLS).toContain(DEFAULT_TTL);
  });
});
