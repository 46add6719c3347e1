import type { App } from '../app';
import { h } from '../dom';
import { t } from '../i18n';
import { riskByNode, tree, type NodeRisk, type TreeNode } from '../model/risk';

const TREE_KINDS = ['district', 'street', 'community', 'grid', 'site'] as const;

/** The grid tree of the user's scope with a risk colour and the open-case count per node. */
export function gridView(app: App): HTMLElement {
  const risk = riskByNode(app.nodes, app.board.all(), app.devices);
  const roots = tree(app.nodes, TREE_KINDS);
  const unplaced = app.board.open().filter((c) => c.unplaced).length;
  return h('section', { class: 'grid-tree', 'aria-labelledby': 'grid-title' },
    h('h2', { id: 'grid-title' }, t('grid.title')),
    h('p', { class: 'legend' }, ...(['red', 'yellow', 'green'] as const).map((r) => h('span', { class: `risk risk-${r}` }, t(`grid.risk.${r}`)))),
    h('ul', { role: 'tree', id: 'grid' }, ...roots.map((n) => item(n, risk))),
    unplaced > 0 ? h('p', { class: 'unplaced', id: 'unplaced' }, `${t('grid.unplaced')}: ${unplaced}`) : null);
}

function item(n: TreeNode, risk: Map<string, NodeRisk>): HTMLElement {
  const r = risk.get(n.node.id) ?? { risk: 'green', open: 0, critical: 0, devicesDown: 0 };
  const filter = () => { location.hash = `#/cases?node=${encodeURIComponent(n.node.id)}`; };
  return h('li', { role: 'treeitem', 'aria-expanded': n.children.length > 0 ? 'true' : null, 'data-node': n.node.id, 'data-risk': r.risk },
    h('button', { type: 'button', class: `node risk-${r.risk}`, onclick: filter, title: n.node.address ?? n.node.id },
      h('span', { class: 'dot', 'aria-hidden': 'true' }), n.node.name,
      r.open > 0 ? h('span', { class: 'count' }, t('grid.openCases', { n: r.open })) : null,
      h('span', { class: 'sr-only' }, ` ${t(`grid.risk.${r.risk}`)}`)),
    n.children.length > 0 ? h('ul', { role: 'group' }, ...n.children.map((c) => item(c, risk))) : null);
}
