import type { CaseSummary, Device, GridNode } from '../src/model/types';

export function kase(over: Partial<CaseSummary> & { id: number }): CaseSummary {
  return {
    type: 'fire.smoke', severity: 'CRITICAL', stage: 'OPEN', site: 'bldg-7', unit: '302', area: null,
    gridNode: null, unplaced: false, ownerTier: 'xh-bs-sg', version: 1, confirmed: false,
    openedAt: '2026-12-01T08:00:00Z', updatedAt: '2026-12-01T08:00:00Z', ...over,
  };
}

export function node(id: string, kind: string, parent: string | null, name = id): GridNode {
  return { id, kind, name, parent, path: '', address: null };
}

export const NODES: GridNode[] = [
  node('xh', 'district', null, '西湖区'),
  node('xh-bs', 'street', 'xh', '北山街道'),
  node('xh-bs-sg', 'community', 'xh-bs', '曙光社区'),
  node('xh-bs-sg-g1', 'grid', 'xh-bs-sg'),
  node('bldg-7', 'site', 'xh-bs-sg-g1', '7幢'),
  node('bldg-7/302', 'unit', 'bldg-7', '302室'),
  node('bldg-8', 'site', 'xh-bs-sg-g1', '8幢'),
  node('xh-yq', 'street', 'xh', '玉泉街道'),
];

export function device(over: Partial<Device> & { id: string }): Device {
  return {
    gateway: 'gw-1', profile: 'smoke-detector-gpio', site: 'bldg-8', unit: null, area: null, online: true,
    communication: 'ok', stateSince: null, lastValues: null, lastValuesAt: null, lastValuesAgeS: null, ...over,
  };
}
