// The lineage of a model version as a small graph: run → artifacts → version, drawn in SVG with text nodes only
// (user values never become markup) and colours from CSS classes (no inline style: the CSP forbids it).
import type { ArtifactView, LineageView } from '../../src/protocol/registryViews';

const SVG = 'http://www.w3.org/2000/svg';
const MAX_ARTIFACTS = 6;
const BOX_W = 200;
const BOX_H = 34;
const GAP_Y = 10;
const COLUMN_X = [10, 290, 570];

function svg<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const node = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, String(v));
  if (text !== undefined) node.textContent = text;
  return node;
}

function shorten(text: string, max = 28): string {
  return text.length > max ? `…${text.slice(-(max - 1))}` : text;
}

function box(x: number, y: number, kind: string, title: string, subtitle: string, full: string): SVGGElement {
  const g = svg('g', { class: `node node-${kind}`, transform: `translate(${x},${y})` });
  g.append(svg('title', {}, full));
  g.append(svg('rect', { width: BOX_W, height: BOX_H, rx: 4 }));
  g.append(svg('text', { x: 8, y: 14, class: 'node-title' }, shorten(title)));
  g.append(svg('text', { x: 8, y: 28, class: 'node-subtitle' }, shorten(subtitle, 32)));
  return g;
}

function edge(x1: number, y1: number, x2: number, y2: number): SVGPathElement {
  const mid = (x1 + x2) / 2;
  return svg('path', { class: 'edge', d: `M${x1},${y1} C${mid},${y1} ${mid},${y2} ${x2},${y2}`, 'marker-end': 'url(#arrow)' });
}

function size(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let n = bytes;
  let u = 0;
  while (n >= 1024 && u < units.length - 1) {
    n /= 1024;
    u++;
  }
  return `${u ? n.toFixed(1) : n} ${units[u]}`;
}
export { size as formatBytes };

/** The graph of a version's lineage; `version` is its `org/model:version`. */
export function lineageGraph(lineage: LineageView, artifacts: ArtifactView[], version: { ref: string; stage: string }): SVGSVGElement {
  const shown = artifacts.slice(0, MAX_ARTIFACTS);
  const hidden = artifacts.length - shown.length;
  const rows = Math.max(1, shown.length + (hidden > 0 ? 1 : 0));
  const height = rows * (BOX_H + GAP_Y) + GAP_Y;
  const root = svg('svg', {
    id: 'lineage-graph',
    class: 'lineage',
    viewBox: `0 0 ${COLUMN_X[2] + BOX_W + 10} ${height}`,
    role: 'img',
    'aria-label': 'Lineage: run, artifacts, version',
  });
  const defs = svg('defs', {});
  const marker = svg('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 6, markerHeight: 6, orient: 'auto-start-reverse' });
  marker.append(svg('path', { d: 'M0,0 L10,5 L0,10 z', class: 'arrow' }));
  defs.append(marker);
  root.append(defs);

  const middle = (height - BOX_H) / 2;
  const runTitle = lineage.runName || lineage.runId || 'manual';
  const runSubtitle = `${lineage.source} run${lineage.gitCommit ? ` · ${lineage.gitCommit.slice(0, 8)}` : ''}`;
  root.append(box(COLUMN_X[0], middle, 'run', runTitle, runSubtitle, [runTitle, lineage.runId, lineage.sourcePath].filter(Boolean).join('\n')));
  root.append(box(COLUMN_X[2], middle, 'version', version.ref, version.stage, `${version.ref} (${version.stage})`));

  shown.forEach((a, i) => {
    const y = GAP_Y + i * (BOX_H + GAP_Y);
    root.append(edge(COLUMN_X[0] + BOX_W, middle + BOX_H / 2, COLUMN_X[1], y + BOX_H / 2));
    root.append(edge(COLUMN_X[1] + BOX_W, y + BOX_H / 2, COLUMN_X[2], middle + BOX_H / 2));
    root.append(box(COLUMN_X[1], y, 'artifact', a.path, `${size(a.size)} · ${a.sha256.slice(0, 10)}`, `${a.path}\n${size(a.size)}\nsha256 ${a.sha256}`));
  });
  if (hidden > 0) {
    const y = GAP_Y + shown.length * (BOX_H + GAP_Y);
    root.append(box(COLUMN_X[1], y, 'more', `+ ${hidden} more file${hidden === 1 ? '' : 's'}`, 'see Artifacts below', `${hidden} more artifacts`));
  }
  if (!artifacts.length) root.append(edge(COLUMN_X[0] + BOX_W, middle + BOX_H / 2, COLUMN_X[2], middle + BOX_H / 2));
  return root;
}
