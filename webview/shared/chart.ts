// Metric curves with uPlot: it draws on a canvas and touches styles only through the CSSOM (`el.style.x = …`),
// never with inline `style` attributes, <style> elements, innerHTML or eval, so it runs under the pages' strict
// CSP (script-src 'nonce-…', style-src cspSource) with no violation. 50 KB minified, no dependencies.
// Colours come from the theme's CSS variables and are re-read when the theme changes.
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { CurveView } from '../../src/protocol/registryViews';
import { el } from './ui';

const PALETTE = [
  '--vscode-charts-blue',
  '--vscode-charts-orange',
  '--vscode-charts-green',
  '--vscode-charts-purple',
  '--vscode-charts-red',
  '--vscode-charts-yellow',
];
const FALLBACK = ['#3794ff', '#d18616', '#89d185', '#b180d7', '#f14c4c', '#cca700'];

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

/** The nth series colour of the current theme. */
export function seriesColor(n: number): string {
  return cssVar(PALETTE[n % PALETTE.length], FALLBACK[n % FALLBACK.length]);
}

/** Aligns series with different steps onto one x axis (uPlot wants one shared x array; gaps are null). */
function align(series: (CurveView | undefined)[]): uPlot.AlignedData {
  const steps = [...new Set(series.flatMap(s => s?.points.map(p => p.step) ?? []))].sort((a, b) => a - b);
  const columns = series.map(s => {
    const byStep = new Map((s?.points ?? []).map(p => [p.step, p.value]));
    return steps.map(step => byStep.get(step) ?? null);
  });
  return [steps, ...columns] as uPlot.AlignedData;
}

/** Steps are whole numbers: ticks at 1, 2, 5, 10, 20, 50… never 1.25. */
const STEP_INCREMENTS = Array.from({ length: 24 }, (_, i) => [1, 2, 5][i % 3] * 10 ** Math.floor(i / 3));

const charts = new Set<{ plot: uPlot | undefined; build(): void; observer: ResizeObserver }>();

/**
 * A line chart of one metric: one series per entry of `series` (undefined entries keep their colour slot, so a
 * version's colour is the same in every chart of a comparison). Returns the chart's container.
 */
export function metricChart(title: string, labels: string[], series: (CurveView | undefined)[]): HTMLElement {
  const box = el('figure', { class: 'chart', 'aria-label': `${title} curve` });
  const caption = el('figcaption', {}, title);
  const canvasHost = el('div', { class: 'chart-canvas' });
  box.append(caption, canvasHost);
  const data = align(series);
  let plot: uPlot | undefined;
  let builtWidth = 0;
  const entry = {
    get plot() {
      return plot;
    },
    // rebuilt when its box changes width (the stylesheet arriving, a resize): uPlot draws at a fixed size
    observer: new ResizeObserver(() => {
      if (canvasHost.isConnected && Math.abs(canvasHost.clientWidth - builtWidth) > 8) entry.build();
    }),
    build() {
      plot?.destroy();
      const axis = cssVar('--vscode-descriptionForeground', '#888');
      const grid = cssVar('--vscode-editorWidget-border', '#8884');
      const width = Math.max(240, canvasHost.clientWidth || 420);
      builtWidth = canvasHost.clientWidth;
      plot = new uPlot(
        {
          width,
          height: 180,
          scales: { x: { time: false } },
          legend: { show: labels.length > 1 },
          cursor: { drag: { x: false, y: false } },
          axes: [
            { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid }, label: 'step', labelSize: 18, incrs: STEP_INCREMENTS },
            { stroke: axis, grid: { stroke: grid, width: 1 }, ticks: { stroke: grid }, size: 56 },
          ],
          series: [
            { label: 'step' },
            ...labels.map((label, i) => ({ label, stroke: seriesColor(i), width: 2, spanGaps: true, points: { show: data[0].length < 40 } })),
          ],
        },
        data,
        canvasHost,
      );
    },
  };
  charts.add(entry);
  entry.observer.observe(canvasHost);
  return box;
}

/** Drops the charts of the previous render (their canvases are gone with the old DOM). */
export function resetCharts(): void {
  for (const c of charts) {
    c.observer.disconnect();
    c.plot?.destroy();
  }
  charts.clear();
}

// a theme switch changes the body's class (vscode-light / vscode-dark / vscode-high-contrast): redraw in its colours
new MutationObserver(() => {
  for (const c of charts) c.build();
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

/**
 * Links the stylesheet esbuild emitted beside this page's script (uPlot's CSS and the registry pages' own): a
 * `<link>` to a file of the extension is allowed by `style-src ${cspSource}`, unlike a <style> element.
 */
export function linkBundledStylesheet(): void {
  const href = import.meta.url.replace(/\.js(?=$|[?#])/, '.css');
  if (!document.querySelector(`link[href="${CSS.escape(href)}"]`)) document.head.append(el('link', { rel: 'stylesheet', href }));
}
