import { describe, expect, it } from 'vitest';
import { riskByNode, tree } from '../src/model/risk';
import { NODES, device, kase } from './fixtures';

describe('risk by node', () => {
  it('GIVEN an open critical case in flat 302 THEN its site and every node above are red, a sibling site green', () => {
    const r = riskByNode(NODES, [kase({ id: 1, gridNode: 'bldg-7/302' })], []);
    for (const id of ['bldg-7', 'xh-bs-sg-g1', 'xh-bs-sg', 'xh-bs', 'xh']) expect(r.get(id)?.risk, id).toBe('red');
    expect(r.get('bldg-8')?.risk).toBe('green');
    expect(r.get('xh-yq')?.risk).toBe('green');
    expect(r.get('xh')?.open).toBe(1);
  });

  it('GIVEN a minor open case or a device that does not communicate THEN yellow, not red', () => {
    const minor = riskByNode(NODES, [kase({ id: 1, severity: 'MINOR' })], []);
    expect(minor.get('bldg-7')?.risk).toBe('yellow');
    const down = riskByNode(NODES, [], [device({ id: 'd', communication: 'failed' })]);
    expect(down.get('bldg-8')?.risk).toBe('yellow');
    expect(down.get('bldg-8')?.devicesDown).toBe(1);
    expect(down.get('bldg-7')?.risk).toBe('green');
    const unknown = riskByNode(NODES, [], [device({ id: 'd', communication: 'unknown', online: null })]);
    expect(unknown.get('bldg-8')?.risk).toBe('green');
  });

  it('GIVEN only closed cases and healthy devices THEN everything is green', () => {
    const r = riskByNode(NODES, [kase({ id: 1, stage: 'CLOSED' }), kase({ id: 2, stage: 'FALSE_ALARM' })], [device({ id: 'd' })]);
    expect([...r.values()].every((x) => x.risk === 'green')).toBe(true);
  });

  it('GIVEN a case whose grid node the tree does not know THEN it is counted at its site', () => {
    const r = riskByNode(NODES, [kase({ id: 1, gridNode: 'nowhere', site: 'bldg-8' })], []);
    expect(r.get('bldg-8')?.risk).toBe('red');
  });

  it('GIVEN the node list WHEN made a tree down to sites THEN units are left out and children sit under parents', () => {
    const roots = tree(NODES, ['district', 'street', 'community', 'grid', 'site']);
    expect(roots.map((r) => r.node.id)).toEqual(['xh']);
    expect(roots[0].children.map((c) => c.node.id)).toEqual(['xh-bs', 'xh-yq']);
    const grid = roots[0].children[0].children[0].children[0];
    expect(grid.children.map((c) => c.node.id)).toEqual(['bldg-7', 'bldg-8']);
  });
});
