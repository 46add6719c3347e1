import { language } from '../i18n';
import type { CaseSummary, GridNode } from './types';

const TYPE_ZH: Record<string, string> = {
  fire: '消防', 'fire.smoke': '烟感火警', 'fire.electrical-residual-current': '电气火灾（剩余电流）',
  'fire.electrical-overtemperature': '电气火灾（线缆超温）', 'fire.hydrant-pressure-low': '消火栓水压低',
  'fire.gas-leak': '燃气泄漏', 'fire.heat-rate-of-rise': '温升异常',
  welfare: '独居老人关爱', 'welfare.inactivity': '长时间无活动', 'welfare.sos': '紧急呼叫',
  facility: '设施', 'facility.water-leak': '漏水', 'facility.overtemperature': '设备间超温',
  device: '设备', 'device.comm-fault': '设备通信故障', 'device.fault': '设备故障', 'device.tamper': '设备被拆',
};

const TYPE_EN: Record<string, string> = {
  fire: 'Fire', 'fire.smoke': 'Smoke alarm', 'fire.electrical-residual-current': 'Electrical fire (residual current)',
  'fire.electrical-overtemperature': 'Electrical fire (cable overheating)', 'fire.hydrant-pressure-low': 'Hydrant pressure low',
  'fire.gas-leak': 'Gas leak', 'fire.heat-rate-of-rise': 'Heat rate of rise',
  welfare: 'Welfare', 'welfare.inactivity': 'No activity', 'welfare.sos': 'SOS call',
  facility: 'Facility', 'facility.water-leak': 'Water leak', 'facility.overtemperature': 'Plant room overheating',
  device: 'Device', 'device.comm-fault': 'Device not communicating', 'device.fault': 'Device fault', 'device.tamper': 'Device tampered with',
};

/** A case type for people: known types by name, others by their family and the code, never nothing. */
export function caseTypeLabel(type: string): string {
  const table = language() === 'zh-CN' ? TYPE_ZH : TYPE_EN;
  if (table[type]) return table[type];
  const family = table[type.split('.')[0]];
  return family ? `${family} · ${type}` : type;
}

/** Where a case is, in the grid's own names: "7幢 302室", falling back to the ids the gateway sent. */
export function placeLabel(nodes: GridNode[], c: Pick<CaseSummary, 'gridNode' | 'site' | 'unit' | 'area' | 'unplaced'>): string {
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const site = c.site ? byId.get(c.site) : undefined;
  const inner = c.gridNode ? byId.get(c.gridNode) : undefined;
  const siteName = site?.name ?? c.site ?? '';
  const innerName = inner && inner.id !== site?.id ? inner.name : (c.unit ?? c.area ?? '');
  const text = [siteName, innerName].filter((s) => s).join(' ');
  return c.unplaced ? `${text} (?)` : text || '—';
}
