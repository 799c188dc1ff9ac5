// Metric summaries: the latest value and the best one. "Best" is the minimum for names that read like
// something to reduce (loss, error, rmse…), else the maximum (accuracy, f1, auc…).
import type { MetricPoint, MetricSummary } from '../../client/types';

const LOWER_IS_BETTER = /(loss|err|error|rmse|mse|mae|mape|perplexity|wer|cer|distance|latency|time|cost|regret)/i;

export function metricGoal(name: string): 'min' | 'max' {
  return LOWER_IS_BETTER.test(name) ? 'min' : 'max';
}

/** Sorts points by step (then time) in place and returns them. */
export function sortPoints(points: MetricPoint[]): MetricPoint[] {
  return points.sort((a, b) => a.step - b.step || (a.timestamp ?? 0) - (b.timestamp ?? 0));
}

/** `latest` = the point with the highest step (latest time among equals), as MLflow's latest_metrics does. */
export function summarize(name: string, points: MetricPoint[], latestOverride?: number): MetricSummary | undefined {
  const finite = points.filter(p => Number.isFinite(p.value));
  if (finite.length === 0 && latestOverride === undefined) return undefined;
  const goal = metricGoal(name);
  let latest = finite[0];
  let best = finite[0]?.value;
  for (const p of finite) {
    if (p.step > latest.step || (p.step === latest.step && (p.timestamp ?? 0) >= (latest.timestamp ?? 0))) latest = p;
    if (goal === 'min' ? p.value < best : p.value > best) best = p.value;
  }
  const latestValue = latestOverride ?? latest.value;
  if (best === undefined || (goal === 'min' ? latestValue < best : latestValue > best)) best = latestValue;
  return { latest: latestValue, best, goal, step: latest?.step };
}

export function summarizeAll(history: Record<string, MetricPoint[]>, latest: Record<string, number> = {}): Record<string, MetricSummary> {
  const out: Record<string, MetricSummary> = {};
  for (const name of new Set([...Object.keys(history), ...Object.keys(latest)])) {
    const s = summarize(name, history[name] ?? [], latest[name]);
    if (s) out[name] = s;
  }
  return out;
}

/** Keeps at most `max` points of a long curve (evenly spaced, always the first and last). */
export function thin(points: MetricPoint[], max = 500): MetricPoint[] {
  if (points.length <= max) return points.map(p => ({ ...p }));
  const out: MetricPoint[] = [];
  const stride = (points.length - 1) / (max - 1);
  for (let i = 0; i < max; i++) out.push({ ...points[Math.round(i * stride)] });
  return out;
}
