import type { GridNode } from './types';

/** A claim code as the hub lists it (never with its code). */
export interface Claim {
  id: number; site: string; state: 'open' | 'used' | 'revoked' | 'expired'; createdBy: string; createdAt: string;
  expiresAt: string; usedAt: string | null; gatewayId: string | null; revokedAt: string | null; revokedBy: string | null;
}

/** The lifetimes offered, in the hub's duration syntax; the hub allows 5m..7d. */
export const TTLS = ['1h', '8h', '24h', '3d', '7d'] as const;
export const DEFAULT_TTL = '24h';

/** The buildings one may claim for: the sites of one's part of the grid, by name. */
export function claimableSites(nodes: GridNode[]): GridNode[] {
  return nodes.filter((n) => n.kind === 'site').sort((a, b) => a.name.localeCompare(b.name));
}

/** Only an open claim can be revoked; the hub answers 409 for the others. */
export function revocable(c: Claim): boolean {
  return c.state === 'open';
}

/** Open claims first (the installer's to-do), then the rest, newest first within each. */
export function ordered(claims: Claim[]): Claim[] {
  return [...claims].sort((a, b) => Number(b.state === 'open') - Number(a.state === 'open') || b.id - a.id);
}
