import type { CaseSummary, Device, GridNode } from './types';

export type Risk = 'red' | 'yellow' | 'green';

export interface NodeRisk { risk: Risk; open: number; critical: number; devicesDown: number }

const OPEN_STAGES = new Set(['OPEN', 'DISPATCHED', 'ACCEPTED', 'HANDLING', 'RESOLVED', 'VERIFIED']);

export function isOpen(c: CaseSummary): boolean {
  return OPEN_STAGES.has(c.stage);
}

/**
 * Risk colour of every node of the tree from the open cases and the devices under it: red with an open
 * critical or major case, yellow with any other open case or a device whose communication failed, green
 * otherwise. A case or device belongs to the node of its site (and so to every node above it); the unit
 * and area nodes roll up into their site.
 */
export function riskByNode(nodes: GridNode[], cases: CaseSummary[], devices: Device[]): Map<string, NodeRisk> {
  const parent = new Map(nodes.map((n) => [n.id, n.parent] as const));
  const out = new Map<string, NodeRisk>(nodes.map((n) => [n.id, { risk: 'green', open: 0, critical: 0, devicesDown: 0 }]));
  const bump = (start: string | null | undefined, f: (r: NodeRisk) => void) => {
    const seen = new Set<string>();
    for (let id = start ?? null; id && !seen.has(id); id = parent.get(id) ?? null) {
      seen.add(id);
      const r = out.get(id);
      if (r) f(r);
    }
  };
  for (const c of cases) {
    if (!isOpen(c)) continue;
    const severe = c.severity.toUpperCase() === 'CRITICAL' || c.severity.toUpperCase() === 'MAJOR';
    bump(placeOf(c, parent), (r) => {
      r.open++;
      if (severe) r.critical++;
    });
  }
  for (const d of devices) {
    // unknown is not down: a device the hub has not heard about yet is no reason to alarm anyone
    if (d.communication !== 'failed') continue;
    bump(d.site, (r) => r.devicesDown++);
  }
  for (const r of out.values()) {
    r.risk = r.critical > 0 ? 'red' : r.open > 0 || r.devicesDown > 0 ? 'yellow' : 'green';
  }
  return out;
}

/** The node a case is filed at: its grid node when the tree knows it, else its site. */
function placeOf(c: CaseSummary, parent: Map<string, string | null>): string | null {
  if (c.gridNode && parent.has(c.gridNode)) return c.gridNode;
  return c.site;
}

/** The nodes as a tree in the hub's order, children under their parents, for rendering. */
export interface TreeNode { node: GridNode; children: TreeNode[] }

export function tree(nodes: GridNode[], maxKinds: readonly string[]): TreeNode[] {
  const keep = nodes.filter((n) => maxKinds.includes(n.kind));
  const byId = new Map(keep.map((n) => [n.id, { node: n, children: [] as TreeNode[] }]));
  const roots: TreeNode[] = [];
  for (const t of byId.values()) {
    const p = t.node.parent ? byId.get(t.node.parent) : undefined;
    if (p) p.children.push(t);
    else roots.push(t);
  }
  return roots;
}
